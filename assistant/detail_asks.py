"""What a message asks that a list of changes does not answer: one detail (when, where, who, how many, a date, a
name, how to reach a service, which one thing) or a comparison of two things the register does not pair up.
assistant/change_question.py leaves such messages to passage answers.
"""

from __future__ import annotations

import re

from assistant.change_focus import can_be_noun
from assistant.change_wordings import CHANGE_NOUNS, SETTLED_WORDS

_DETAIL = re.compile(
    r"^\W*(?:(?:and|so|ok|then)\W+)?(?:when|where|who|whom|whose|why"
    r"|how\s+(?:many|much|long|often|soon|far|old|do\s+i|can\s+i|should\s+i))\b"
    # asked after words that wonder: "any idea when the new hospital is due to open?", "do you know where …"
    r"|\b(?:any\s+idea|do\s+you\s+know|(?:i'?m\s+)?wondering|(?:can|could)\s+you\s+tell\s+me)\s+(?:when|where|who"
    r"|how\s+(?:many|much|long|soon))\b"
    # "what does the model mean for where people are looked after?"
    r"|\b(?:for|about|on)\s+(?:where|when|who|whom)\b(?=[^.!]*\?)"
    r"|\b(?:what|which)(?:'s\s+the\s+|\s+(?:is|was|are|will\s+be)\s+the\s+|\s+)?(?:(?:exact|go-live|start|launch|opening"
    r"|target|expected|planned|likely|final|first|last)\s+){0,2}(?:month|year|date|day|time|hours|days|deadline)\b"
    # after words that set the scene: "For the recovery work after Grenfell, when is the co-design phase due?"
    r"|^[^,?.!]{1,80},\s*(?:when|where|how\s+(?:many|much|long|often|soon|old))\b"
    # a size or a measure: "How big is the deficit …?", "What is Hounslow's infant mortality rate?"
    r"|^\W*how\s+(?:big|large|high|low|small|wide)\s+(?:is|are|was|were|will)\b"
    r"|\bwhat(?:'s|\s+(?:is|was|are|were))\s+(?:the\s+|[\w-]+'s\s+)(?:[\w-]+\s+){0,3}?(?:rate|number|percentage"
    r"|proportion|figure|total|amount|budget|deficit|population|ratio|score)s?\b"
    r"|\b(?:what|which)\s+(?:proportion|percentage|share|fraction)\s+of\b"
    r"|^\W*how\b.*\b(?:funded|paid|cost|decided|measured)\b"
    # how to reach it: "What are the exact addresses of the hub sites?", "which phone number do families ring?"
    # ("… reach people without a fixed address?" says who the people are)
    r"|\b(?:what|which)\b[^?.!]*?\b(?<!fixed\s)(?:address(?:es)?|postcodes?|(?:phone|telephone|contact)\s+(?:numbers?|details)"
    r"|opening\s+(?:hours|times))\b"
    # "Is there a number to call?", and how to take part: "how do we apply for one of the community grants?", "How do
    # Grenfell survivors book one of the new health assessments?"
    r"|\b(?:number|line)\s+to\s+(?:call|ring|phone|text)\b"
    r"|^\W*how\s+(?:do|does|can|could|should|would|will)\s+(?:[\w'&-]+\s+){1,5}?(?:apply|book|register|refer|sign\s+up|enrol"
    r"|join|contact|get\s+(?:hold\s+of|in\s+touch|referred))\b"
    # what one thing will be: "what will the new hours be?" ("what will the changes be?" asks for the changes)
    r"|\bwhat\s+(?:will|would)\s+(?:the|their|its)\s+(?!(?:new\s+)?(?:changes?|differences?|plans?|benefits?|effects?"
    r"|impacts?)\b)(?:[\w-]+\s+){1,3}?be\s*\?"
    # where one thing belongs: "which programme area of the bi-borough plan is it part of?"
    r"|\bwhich\b[^?.!]*?\b(?:is|are|was|were)\s+(?:it|they|this|that)\s+(?:part\s+of|in|under|within)\b"
    r"|\bwhich\b[^?.!]*?\bpart\s+of\s*\?"
    # a name: "What is the redesigned model called?", "the name of the new service"
    r"|\bwhat\s+(?:is|are|was|were|will)\b[^?.!]*?\bcalled\b|\bthe\s+names?\s+of\b"
    # who may use it: "What are the eligibility rules for support?", "who qualifies"
    r"|\beligib\w*|\bcriteria\b|\bqualif(?:y|ies)\s+for\b"
    # one thing to pick out: "Which site has been chosen …", "which care home or hospice will host the beds?",
    # "Under which workstream does the project sit?" ("in which ways …" asks how things change)
    r"|(?:^|\s[-–:]\s)\W*(?:(?:under|in|at|from|for|by|with|within|on|into|to)\s+)?which\s+(?!of\b|ways?\b|"
    + CHANGE_NOUNS
    + r")[a-z]",
    re.I,
)
# Which services move at one named site: "Which services are moving out of the South Westminster centre?" (the
# register's list is by borough and topic, not by building). The site's name is capitalised.
_WHICH_AT_SITE = re.compile(
    r"(?i:\bwhich\s+(?:[\w-]+\s+){0,3}?(?:services?|changes?|teams?|clinics?)\b[^?.!]*?\b(?:at|out\s+of|from|into|to)\s+"
    r"(?:the\s+)?)(?:[A-Z][\w'&-]*\s+){1,4}(?i:(?:centre|center|hospital|site|hub|building|clinic|practice|house|campus))\b"
)
# After a comma "which" may start a relative clause ("…, which scared me") or a question ("With the new model,
# which hospital will host the beds?"): a question when the word after it can be a noun.
_WHICH_AFTER_COMMA = re.compile(r"[,;]\s*which\s+(?!" + CHANGE_NOUNS + r")([a-z][\w'-]*)", re.I)
# "… what does it change for us in Ealing? And when is it supposed to happen?": when the changes asked about happen,
# which the register's answer gives with each one.
_WHEN_AGAIN = re.compile(
    r"^\W*(?:(?:and|so|but)\W+)?when\s+(?:is|are|will|would|do|does)\s+(?:it|this|that|these|they|all\s+(?:this|that)"
    r"|the\s+changes?)\b",
    re.I,
)
# A condition before the question ("When he comes home, what will the care look like?") asks no detail itself.
_CONDITION = re.compile(
    r"^\W*(?:when|if|once|after|before|while)\b[^,?.!]{0,140},\s*(?=(?:what|whats|how|which|will|would|is|are|can|could"
    r"|do|does)\b)",
    re.I,
)
# A statement of the asker's circumstances, not a question: "When my husband was dying we had nurses till six."
_TOLD_WHEN = re.compile(r"^\W*(?:when|while|after|before|once)\b[^?]*[.!]\s*$", re.I)
# "What is the difference between option A and option B?" compares two things the register does not pair up.
ANY_COMPARISON = re.compile(r"\b(?:between|compar\w*|versus|vs\.?)\b", re.I)
# Compared with what there is now ("how will it differ from what we have today?", "versus current services"), or
# now with what is coming ("as a table (now vs future)", "a comparison of current vs proposed", "a before/after
# comparison"), it asks for current -> new, which the register gives.
_NOW_OR_NEXT = (
    r"(?:now|today|current(?:ly)?|existing|present|old|new|proposed|future|planned|before|after"
    # kinds of change set beside each other: "what's being added vs staying the same"
    r"|(?:staying|stays|stay)\s+the\s+same|unchanged|added|kept|cut|removed|reduced|expanded|extended"
    # how settled each change is, which the register gives with each: "what's been signed off vs still only proposed"
    r"|" + SETTLED_WORDS + r"|final(?:ised|ized)?"
    # the past the asker remembers: "compared to a year ago", "compared with last year"
    r"|(?:(?:a|one|two|three|a\s+few|a\s+couple\s+of|\d+)\s+(?:years?|yrs?|months?)|a\s+while|some\s+time)\s+(?:ago|back)"
    r"|last\s+(?:year|winter|summer)|the\s+past|previously|(?:how\s+)?(?:it|things)\s+(?:used\s+to|were))\b"
)
_COMPARISON = re.compile(
    ANY_COMPARISON.pattern
    + r"(?!\s+(?:(?:with|to|of)\s+)?(?:(?:still|only|just|yet|already)\s+){0,2}(?:what\b|whats\b|how\b"
    + r"|the\s+(?:current|existing|present)\b|"
    + _NOW_OR_NEXT
    + r"))",
    re.I,
)
# "A comparison" naming nothing it compares ("what's new, what's expanded, what's unchanged? Give me the full
# comparison.") is the one the question has just asked for; "how does the new model compare?" still compares it
# with something named before.
_COMPARISON_ALONE = re.compile(r"comparisons?\s*(?:please|pls|plz)?\s*(?:[.?!;)]|$)", re.I)
_NOW_BEFORE = re.compile(r"\b" + _NOW_OR_NEXT + r"\W*$", re.I)
# "compare, in a two-column table, current and new services": what is compared comes a few words later.
_NOW_AFTER = re.compile(r"^\W*(?:[\w-]+\W+){0,10}?(?:now|today|current(?:ly)?|existing|present|old)\b", re.I)


def _asks_detail(sentence: str) -> bool:
    """Whether a sentence asks one detail: when, where, who, how many, a date, a name, which one thing."""
    return bool(_DETAIL.search(sentence) or _WHICH_AT_SITE.search(sentence)) or any(
        can_be_noun(m.group(1)) for m in _WHICH_AFTER_COMMA.finditer(sentence)
    )


def compares_other_things(text: str) -> bool:
    """A comparison of two things the register does not pair up: neither side is now or what is coming."""
    return any(
        not _NOW_BEFORE.search(text[: m.start()])
        and not _NOW_AFTER.search(text[m.end() :])
        and not _COMPARISON_ALONE.match(text, m.start())
        for m in _COMPARISON.finditer(text)
    )


# A comparison among the changes asked about ("… and which of these are funded versus aspirations?") sorts them.
_OF_THE_CHANGES = re.compile(
    r"\b(?:which|how\s+many|what|whether)\s+of\s+(?:these|those|them|the\s+changes|it)\b[^?!.]*", re.I
)


def without_sorting(text: str) -> str:
    """The text without a comparison among the changes asked about: it sorts them, it compares nothing else."""
    return _OF_THE_CHANGES.sub(" ", text)


def asks_one_detail(sentences: list[str]) -> bool:
    """Whether any sentence of the question proper asks one detail. A condition before a question ("When he comes
    home, what will …") asks none, nor does asking when the changes just asked about happen, nor a statement of
    what happened ("When my husband was dying we had district nurses in the morning.")."""
    return any(
        _asks_detail(_CONDITION.sub("", s)) and not (k and _WHEN_AGAIN.search(s)) and not _TOLD_WHEN.match(s)
        for k, s in enumerate(sentences)
    )
