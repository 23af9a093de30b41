"""The rules that decide whether one statement states a change, and what kind, when and whom for.

Statement-level rules only (no document structure): ingest/changes.py walks a document's blocks and asks
these of each sentence, list item or table cell. They are general: change verbs, future markers and dates,
and what a change is not (demographics, descriptions of partnerships, the organisation's own workings).
"""

from __future__ import annotations

import re

from assistant.changes import ChangeKind

CURRENT_COL = re.compile(r"\b(current|today|existing|now|before|present|previous)\b", re.I)
NEW_COL = re.compile(r"\b(new|proposed|future|after|will|from\s+(?:\d{4}|april|[a-z]+\s+\d{4}))\b", re.I)
CHANGE_COL = re.compile(r"^\s*(what\s+)?(change[sd]?|difference|impact|what this means)\b", re.I)
NO_CHANGE = re.compile(r"^\s*(no\s+change|unchanged|stays?\s+the\s+same|no\s+difference)\b", re.I)

# Words that lead a statement of change, as imperative, noun or participle ("Expand", "Expansion of",
# "Expanded", "Expanding"). Stems are matched at the start of the statement.
LEAD_STEMS = (
    "establish",
    "implement",
    "expand",
    "expansion",
    "deliver",
    "develop",
    "roll out",
    "rolling out",
    "roll-out",
    "increas",
    "reduc",
    "improv",
    "introduc",
    "launch",
    "creat",
    "open ",
    "extend",
    "extension",
    "embed",
    "mobilis",
    "align",
    "enhanc",
    "transform",
    "integrate ",
    "recruit",
    "build",
    "set up",
    "setting up",
    "pilot",
    "trial",
    "upgrad",
    "replac",
    "clos",
    "relocat",
    "invest",
    "scale",
    "standardis",
    "streamlin",
    "strengthen",
    "accelerat",
    "launch",
    "provid",
    "offer",
    "move",
    "shift",
    "redesign",
    "co-design",
    "codesign",
    "uplift",
    "full implementation",
    "mainstream",
    "commission",
    "procure",
    "start",
    "begin",
    "complet",
    "adopt",
    "maximis",
    "optimis",
    "tackl",
    "address",
    "ensur",
    "achiev",
    "lower",
    "cut",
    "grow",
    "widen",
    "support",
    "continu",
    "define",
    "deploy",
    "drive",
    "review",
    "determin",
    "bring",
    "appoint",
    "focus",
    "enable ",
    "lead ",
    "agree",
    "secur",
    "act on",
    "prepar",
    "test",
    "target",
    "transition",
    "we aspire",
    "aspire",
    "we will",
    "re-procure",
    "recommission",
    "re-design",
    "reconfigur",
    "centralis",
    "consolidat",
    "merg",
    "relaunch",
)
LEAD = re.compile(
    r"^(?:(?:a|an|the|to|and|we will|will)\s+)?(?:" + "|".join(re.escape(s) for s in LEAD_STEMS) + r")", re.I
)
NEW_LEAD = re.compile(
    r"^(?:(?:a|an)\s+)?(?:new|additional|more|extra|(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+new)\b", re.I
)
# Stems of the verbs (and "new") that state a change anywhere in a statement; CHANGE_SIGNAL adds the words
# that only say something will differ.
_CHANGE_STEMS = (
    r"establish|implement|deliver|develop|increas|reduc|improv|introduc|launch"
    r"|creat|open|extend|enhanc|transform|integrat|replac|clos|relocat|invest|new"
)
CHANGE_VERB = re.compile(r"\b(" + _CHANGE_STEMS + r"|expand|roll(?:ed|ing)?\s+out)\w*", re.I)
FUTURE = re.compile(
    r"\b(will|by\s+(?:end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:january|february|march|april|may|june|july"
    r"|august|september|october|november|december|q[1-4]|\d{4}|20\d\d/\d\d)|from\s+20\d\d|over\s+the\s+next"
    r"|q[1-4]\s*\d\d/\d\d|20\d\d/(?:20)?\d\d|plan(?:ned|s)?\s+to|going\s+to|aim\s+to|are\s+to\s+be|to\s+be\s+in\s+place)\b",
    re.I,
)
# "… urgent care centres will change and become …": the verb itself, not the noun ("the changes are …").
WILL_CHANGE = re.compile(r"\bwill\s+(?:be\s+)?chang(?:e|ed)\b", re.I)
# Figures about people and places: always descriptive ...
DEMOGRAPHIC = re.compile(
    r"median age|\bpopulation of\b|born overseas|life expectancy|projected|hectares|languages|live in poverty"
    r"|unemploy|in employment|earn below|most (?:populous|diverse)|ethnic(?:ally)? diverse|census"
    r"|(?:expected|forecast|predicted|estimated) to (?:increase|rise|grow|fall|decrease)|number of people aged"
    r"|\bha(?:s|ve) (?:the|some of the) (?:highest|lowest|longest|shortest|largest|smallest)"
    r"|\bhas\s+[\d,]+\s+(?:residents|people|registered|large)|\b(?:is|are) (?:the )?(?:highest|lowest|higher|lower)",
    re.I,
)
# ... and figures that a target may also carry ("reduce A&E attendances by 25%"): descriptive unless led by a
# change verb or dated.
FIGURES = re.compile(
    r"\d+(?:\.\d+)?\s?%|\bper\s?cent\b|\bpopulation\b|\bresidents\b\s+(?:are|were|live|have)"
    r"|\b1 in \d+\b|deprived",
    re.I,
)
LABEL = re.compile(r"(?:^|(?<=\s))(?:Outcomes?|Activities|Actions|Deliverables|Key deliverables|Milestones)\s*::?\s*")
COLUMN_SKIP = re.compile(r"\b(dependenc\w*|owner|governance|risks?|lead|responsib\w*|kpis?|metrics?|measures?)\b", re.I)
COLUMN_ANNOUNCES = re.compile(
    r"\b(outcomes?|activit\w*|actions?|deliverables?|milestones?|year|years|target|achieve|plans?|intentions?)\b",
    re.I,
)
# Headings and lead-ins whose lines are not changes: visions, principles, feedback, figures, case for change.
NOT_CHANGE_SECTION = re.compile(
    r"\b(vision|principles?|values|tell us|told us|themes?|feedback|we heard|said|by numbers|our population"
    r"|case for change|challenges?|contents|who we are|glossary|comprises|members|partners include"
    r"|what has happened|to date|lessons|context|background|case stud\w*|foreword|introduction|matters arising"
    r"|minutes|apologies)\b",
    re.I,
)
# A glossary's entries define terms ("Integrated Neighbourhood Teams: teams made up of …"); nothing under it,
# at any depth, states a plan.
GLOSSARY = re.compile(r"\b(glossary|acronyms|abbreviations|definitions|key terms)\b", re.I)
LEAD_IN = re.compile(
    r"(includ\w*|will\b|we will|aim to|aims? (?:are|is)|changes?|new model|improvements?|extension|expan\w+"
    r"|activities|deliver\w*|plans?|priorities|intentions?|next steps|what next|over the next|outcomes?|key"
    r"\s+deliverables|milestones|initiatives)",
    re.I,
)
# The organisation's own workings, the plan itself, engagement and monitoring: not what changes for residents.
INTERNAL = re.compile(
    r"\b(our (?:organisation|processes|ways? of working|operating model|values|culture|staff morale)|ways of working"
    r"|operating model|governance|payroll|procurement|back[- ]office|non-clinical functions|expenditure"
    r"|business intelligence|this (?:joint forward )?plan|the (?:joint forward )?plan\b|\bJFP\b|stakeholder"
    r"|communications|monitoring (?:delivery|progress|of delivery)|workshop|oversight|timescales|reporting"
    r"|dashboards?)\b",
    re.I,
)
# A statement about the plan itself, its deliverables or priorities ("Our key deliverables that will achieve our
# vision …", "Our immediate and longer-term plans will deliver …", "Each priority outlines …"): what the
# document is, not what will be different.
SELF_REFERENCE = re.compile(
    r"\b(?:our|the|these)\s+(?:key\s+)?(?:deliverables|(?:immediate and longer-term\s+)?plans|(?:system\s+)?intentions"
    r"|strategy|priorities)\b(?!\s+(?:for|to)\b)|\bsets? out\b|\beach priority\b|\bto be confirmed\b",
    re.I,
)
# A statement about the model or service itself, in the present: "It increases the range of … by introducing …".
SUBJECT_CHANGE = re.compile(
    r"^(?:it|this|the (?:new )?(?:model|service|proposal|programme|plan))\s+(?:also\s+)?(?:will\s+)?"
    r"(?:increas|introduc|expand|extend|provid|add|bring|creat|replac|reduc|improv|offer)\w*\b",
    re.I,
)
APPROVED_OPTION = re.compile(r"\b(?:approved|agreed|endorsed)\s+[^()\n]{0,40}?\(([^()\n]{15,300})\)", re.I)
NW_TITLE = re.compile(r"\b(north west london|nw london|nwl)\b", re.I)
PAST = re.compile(
    r"\b(has been|have been|was|were|had|took place|has taken place|have taken place|ha(?:s|ve) \w+ed)\b|^we \w+ed\b",
    re.I,
)
# Descriptions of a partnership or board, of a need, an effect or a risk: what is, not what will change.
DESCRIPTION = re.compile(
    r"\b(brings together|is a partnership|to account|is made up of|comprises|consists of|is responsible for"
    r"|chaired by|is a collective|are members|must|ha(?:s|ve) a duty|is committed to|requires|will require"
    r"|can be found|website|https?://\S+|ambition is|we know (?:that|we)|(?:is|are) assured|(?:is|are) now \w+ing"
    r"|a number of (?:work ?streams|(?:focused )?programmes)"
    r"|outlined (?:to the right|below|above)|(?:is|are) (?:broadly )?supported by|(?:is|are) directed by"
    r"|result in savings|is one of the|references the|coincides with|drivers? (?:are|is)"
    r"|(?<!who )(?<!which )(?<!that )(?<!still )(?<!may )(?<!might )require"
    r"|(?:has|have|will have|will also have) an? (?:\w+ )?impact on|risks \w+ing|(?:are|is) working in partnership)\b",
    re.I,
)
# A statement of how things are (a need, a problem, what people say): "The ICS needs better tools …",
# "Young people consistently say …". Only a future marker makes such a sentence a plan.
STATE = re.compile(
    r"^(?:the|our|this|these|those|it|they|there|many|some|most|(?:young )?people|residents|patients)\b[^.;]{0,80}?"
    r"\b(?:is|are|needs?|wants?|requires?|has|have|says?|remains?|lacks?|hampers?|faces?)\b",
    re.I,
)
# Words that say something will be different. A short noun phrase under a lead-in with none of them is the
# name of a workstream or an aim ("Inpatient and acute provision", "Digital and data"), not a change.
CHANGE_SIGNAL = re.compile(
    r"\b(?:" + _CHANGE_STEMS + r"|expan|roll(?:ed|ing)?[- ]?out|extension|spread|deploy|embed|mobilis|pilot|trial"
    r"|scal|standard|upgrad|recruit|transition|focus|more|fewer|less|better|greater|higher|lower|faster|shorter"
    r"|earlier|quicker|closer|wider|additional|extra|in place|available|access|offer|every|all)\w*",
    re.I,
)
MAX_LABEL_WORDS = 5
# Not a plan, whatever its verbs: a recommendation ("More services should move …"), a condition ("If we are to
# …"), keeping things as they are ("Maintain high uptake …"), the purpose or importance of a document or
# programme ("The purpose is to outline …", "… is central to …"), who supports it ("Nationally supported by …").
NOT_PLAN = re.compile(
    r"^(?:if|any consideration|whether)\b|^(?:maintain|sustain|continue (?:high|to maintain))\b"
    r"|(?<!which )(?<!that )\bshould\b|\b(?:the )?purpose (?:is|of this)\b"
    r"|\b(?:is|are) (?:central|critical|key) (?:to|in)\b|\b(?:is|are) at the heart of\b"
    r"|\b(?:is|are) (?:the|a|our) (?:key |main |overall |primary )?(?:objective|aim|goal|priority)\b"
    r"|^supports?\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:vision|delivery)\b"
    r"|\bin (?:two|three|four) ways\b|\bfor further detail\b|^(?:\w+ly\s+|system wide\s+)?supported\b"
    r"|\bsupported system wide\b|\b(?:we|the system|it|they) needs? to\b|\balready (?:exists?|in place|available)\b",
    re.I,
)
# A statement cut before its object ("… workstreams will deliver"): the rest is on another line or slide.
CUT_VERB = re.compile(r"\b(?:will|will deliver|to deliver|include|includes)\s*$", re.I)
DANGLING = {"to", "of", "the", "and", "a", "an", "for", "with", "by", "in", "on", "or", "from", "as", "at", "through"}
MINOR = {"and", "of", "&", "the", "for", "in", "to", "a", "-", "–"}
WHEN = re.compile(
    r"\b(?:by|from|in|during|until|before)\s+(?:the\s+)?(?:end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+20\d\d\b"
    r"|\b(?:by|from|in|during)\s+20\d\d(?:/\d\d)?\b|\bQ[1-4]\s*\d\d/\d\d\b"
    r"|\b20\d\d/\d\d\s*(?:to|–|-|—)\s*20\d\d/\d\d\b|\b20\d\d/\d\d\b|\bYears?\s+\d(?:\s*[-–]\s*\d)?\b",
    re.I,
)
DATED = re.compile(
    r"\bQ[1-4]\s*\d\d/\d\d\b|\bby\s+(?:end\s+(?:of\s+)?)?(?:Q[1-4]|20\d\d|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|[A-Z][a-z]+\s+20\d\d)",
)
DATE_COL = re.compile(r"\b(target date|date|deadline|timescale|timeline|focus year|when|year)\b", re.I)
# Words after which a capitalised word continues the phrase ("… location of Enhanced EoLC beds").
_JOINING = ("of", "the", "a", "an", "for", "to", "in", "on", "by", "with", "from", "at", "our", "their")
# Items run together in a table cell: split at "; ", after a footnote star, and before a capitalised change
# verb that follows a lower-case word, a figure or a date ("… – Q2 24/25 Implementation of …").
ITEM_SPLIT = re.compile(
    r";\s+|(?<=\*)\s+(?=[A-Z0-9'‘(])|(?<=[a-z0-9)])"
    + "".join(rf"(?<!\b{w})" for w in _JOINING)
    + r"\s+(?=(?:"
    + "Implement|Implementation|Deliver|Delivery|Develop|Development|Establish|Expand|Expansion|Improve|Improving"
    + "|Increase|Increased|Reduce|Reduced|Reducing|Introduce|Introduction|Embed|Build|Secure|Review|Focus|Leverage"
    + "|Enhanced|Roll|Launch|Create|Agree|Align|Mobilise|Extend|Extended|Strengthen|Transition|Recruit|Recruitment"
    + r")\b)"
)
MARKER = re.compile(r"^(?:[\s\-•*]+|\d{1,2}[.)]\s+|\d{1,2}\s+(?=[A-Z]))+")  # bullets, "1." and "1 " numbering
MIN_WORDS = 3
MAX_WORDS = 70
# A line of its own this short, undated and with no future marker, is a title or an aim ("Improve access to
# care." above the paragraph that explains it), unless a lead-in announces it as an item of a list.
TITLE_LINE_WORDS = 14
DATE_MENTION = re.compile(r"\b20\d\d\b|\bQ[1-4]\b", re.I)


def word_count(text: str) -> int:
    return len(text.split())


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim list markers, footnote stars and space from both ends of text[start:end]."""
    while start < end and (text[start] in " \t\n-•*–" or (text[start].isdigit() and MARKER.match(text[start:end]))):
        marker = MARKER.match(text[start:end])
        if marker and marker.end() > 0 and not text[start:end][: marker.end()].strip().isdigit():
            start += marker.end()
        elif text[start] in " \t\n-•*–":
            start += 1
        else:
            break
    while end > start and text[end - 1] in " \t\n*;,.:":
        end -= 1
    return start, end


def is_title_line(line: str) -> bool:
    """A short line with no date and no future marker: a slide's or paragraph's title, or an aim, not a plan."""
    return word_count(line) <= TITLE_LINE_WORDS and not DATE_MENTION.search(line) and not FUTURE.search(line)


def is_demographic(text: str) -> bool:
    """Figures about residents or places ("56% of residents were born overseas", "median age is 35").

    A percentage or a population figure is a target, not a demographic, when a change verb leads or a date
    marks it ("Reduce A&E attendances by 25% by end Q4 23/24"); projections are always demographic.
    """
    if DEMOGRAPHIC.search(text):
        return True
    body = MARKER.sub("", text)
    return bool(FIGURES.search(text)) and not (LEAD.match(body) or NEW_LEAD.match(body) or DATED.search(text))


def is_change(text: str, announced: bool = False, lead_says_change: bool = False) -> bool:
    """Whether one statement states a change: led by a change verb, or a change verb with a future marker.

    `announced`: the statement sits under a lead-in that announces changes, so a plain noun phrase counts,
    unless it is short and says nothing will differ (a workstream's name). `lead_says_change`: the lead-in
    itself names the change ("an extension of community optometry, including:"), so even a short item counts.
    """
    body = MARKER.sub("", text).strip().lstrip("*").strip()
    n = word_count(body)
    if n < MIN_WORDS or n > MAX_WORDS or is_demographic(body):
        return False
    if body.endswith("?") or body.endswith(":") or INTERNAL.search(body) or DESCRIPTION.search(body):
        return False
    if SELF_REFERENCE.search(body):
        return False
    if body.split()[-1].lower() in DANGLING or CUT_VERB.search(body) or _opens_mid_bracket(body):
        return False  # cut mid-sentence
    if NOT_PLAN.search(body):
        return False
    if LEAD.match(body) or SUBJECT_CHANGE.match(body):
        return True
    if NEW_LEAD.match(body):
        return not PAST.search(body) or bool(FUTURE.search(body))
    if n <= 14 and DATED.search(body) and not PAST.search(body):
        return True  # a dated deliverable: "Family Hubs Q4 25/26"
    if (CHANGE_VERB.search(body) or WILL_CHANGE.search(body)) and FUTURE.search(body) and not PAST.search(body):
        return True
    if body.split()[-1].lower() in DANGLING or body[0].islower():
        return False  # a fragment: cut mid-sentence, or the tail of a sentence split at a line
    if not announced or PAST.search(body) or is_label(body) or (STATE.match(body) and not FUTURE.search(body)):
        return False
    return lead_says_change or n > MAX_LABEL_WORDS or bool(CHANGE_SIGNAL.search(body))


def _opens_mid_bracket(text: str) -> bool:
    """The statement starts inside a bracket: a ")" in its first words with no "(" before it ("Extra Care)
    where possible"); an enumerator ("b) Support …") is no bracket."""
    head = " ".join(text.split()[:3])
    close = head.find(")")
    return close > 1 and "(" not in head[:close] and not re.search(r"(?:^|\s)[a-z]\)", head[: close + 1])


def is_label(text: str) -> bool:
    """A workstream's name in title case ("Enablers- Estates, Workforce and Digital"), not a statement."""
    words = [w for w in text.split() if w.lower() not in MINOR]
    return bool(words) and sum(w[:1].isupper() or w[:1].isdigit() for w in words) >= 0.8 * len(words)


def kind_of(text: str) -> ChangeKind:
    """The kind of change, from a "Change" column's words or the statement's own verb."""
    low = text.lower()
    rules: tuple[tuple[str, ChangeKind], ...] = (
        (r"\b(clos|not reopen|decommission|stop|end(?:ing)? the|withdraw)", "closed"),
        (r"\b(replac|instead of|move[sd]? (?:to|from)|relocat|switch)", "replaced"),
        (r"\b(reduc|fewer|lower|cut)", "reduced"),
        (r"\b(new|introduc|establish|launch|creat|set up|additional)", "new"),
        (r"\b(expan|extend|extension|increas|more |longer|wider|roll(?:ed|ing)? out|scale|grow|choice)", "expanded"),
        (r"\b(improv|enhanc|better|strengthen|transform|develop|redesign|integrat|align|standardis)", "improved"),
    )
    for pattern, kind in rules:
        if re.search(pattern, low):
            return kind
    return "other"


def stated_when(text: str) -> str | None:
    found = WHEN.search(text)
    return found.group(0) if found else None


def year_of(text: str) -> int:
    found = re.findall(r"\b(20\d\d)\b", text)
    return int(found[-1]) if found else 0


# A label saying the statement after it is an aim ("PRIORITY 9: Transform elective care pathways", "Aim 2: …"):
# the name of a priority, not a change in it.
AIM_LABEL = re.compile(r"(?:priority|aim|objective|goal|ambition|pillar|theme|principle)\s*\d*", re.I)


def after_cell_label(text: str, start: int, end: int) -> int:
    """Skip a cell's short title ("Care homes: …") so the statement starts at its verb."""
    colon = text.find(": ", start, min(end, start + 60))
    if colon > start and word_count(text[start:colon]) <= 5 and end - colon > 12:
        return colon + 2
    return start


# A slide's title run into its body by text extraction: "Key Strategic changes for 2020/21 … Expand and …".
TITLED_CHANGES = re.compile(
    r"^(?:[\w&/-]+\s+){0,4}(?:key\s+)?(?:strategic\s+)?(?:changes|intentions|deliverables|milestones|initiatives)\b",
    re.I,
)


def titled_changes(paragraph: str) -> str | None:
    """The opening words of a paragraph that starts by naming a set of changes (a slide's title), else None."""
    opening = " ".join(paragraph.split()[:12])
    return opening if TITLED_CHANGES.match(opening) else None


def announces(lead_in: str) -> bool:
    """A lead-in announces changes unless it introduces a vision, feedback or what was agreed before."""
    settled = re.search(r"\b(agreed|published|adopted|identified|set out)\b", lead_in, re.I)
    return bool(LEAD_IN.search(lead_in)) and not NOT_CHANGE_SECTION.search(lead_in) and not settled
