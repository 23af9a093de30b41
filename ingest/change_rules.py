"""The rules that decide whether one statement states a change (its kind and date: ingest/change_facets.py).

Statement-level rules only (what the layout says is in ingest/change_layout.py): ingest/changes.py walks a
document's blocks and asks these of each sentence, list item or table cell. They are general: change verbs,
future markers and dates, and what a change is not (demographics, descriptions of partnerships, the
organisation's own workings, statements about the plan itself).
"""

from __future__ import annotations

import re

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
    "progress the",
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
    r"^(?:(?:a|an|the|to|and|we will|will)\s+)?(?:(?:full|further|continued|phased|wider)\s+)?(?:"
    + "|".join(re.escape(s) for s in LEAD_STEMS)
    + r")",
    re.I,
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
PERCENT = re.compile(r"\d+(?:\.\d+)?\s?%|\bper\s?cent\b", re.I)
POPULATION_APPROACH = re.compile(r"\bpopulation\s+(?:health|cohorts?|groups?|segments?)\b", re.I)
FIGURES = re.compile(
    PERCENT.pattern + r"|\bpopulation\b|\bresidents\b\s+(?:are|were|live|have)"
    r"|\b1 in \d+\b|deprived",
    re.I,
)
# The organisation's own workings, the plan itself, engagement and monitoring: not what changes for residents.
INTERNAL = re.compile(
    r"\b(our (?:organisation|processes|ways? of working|operating model|values|culture|staff morale)|ways of working"
    r"|operating model|governance|payroll|procurement|back[- ]office|non-clinical functions|expenditure"
    r"|business intelligence|this (?:joint forward )?plan|the (?:joint forward )?plan\b|\bJFP\b|stakeholder"
    r"|communications|monitoring (?:delivery|progress|of delivery)|workshop|oversight|timescales|reporting"
    r"|dashboards?|(?:advice|support|assurance|reports?|reporting) to the (?:ICB|board|committee|trust)"
    # A document, review or analysis produced, something monitored or used as a metric: the planning itself.
    r"|(?:analysis|review|scoping|options?|evaluation)\s+(?:\w+\s+){0,1}documents?|^monitor(?:ing)?|^analys\w+"
    r"|(?:outcome[- ]based\s+)?metrics?)\b",
    re.I,
)
# A statement about the plan itself, its deliverables or priorities ("Our key deliverables that will achieve our
# vision …", "Our immediate and longer-term plans will deliver …", "Each priority outlines …"): what the
# document is, not what will be different.
SELF_REFERENCE = re.compile(
    r"\b(?:our|the|these)\s+(?:key\s+)?(?:deliverables|(?:immediate and longer-term\s+)?plans|(?:system\s+)?intentions"
    r"|strategy|priorities)\b(?!\s+(?:for|to)\b)|\bsets? out\b|\beach priority\b|\bto be confirmed\b"
    r"|\buse (?:our|the|these) (?:\w+ ){0,2}(?:intentions|priorities|strategy|plans?)\b",
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
    r"|outlined (?:to the right|below|above)|(?:is|are) (?:broadly )?supported(?: and \w+)? by|(?:is|are) directed by"
    r"|result in savings|is one of the|references the|coincides with|drivers? (?:are|is)"
    r"|(?<!who )(?<!which )(?<!that )(?<!still )(?<!may )(?<!might )require"
    r"|(?:has|have|will have|will also have) an? (?:\w+ )?impact on|risks \w+ing|(?:are|is) working in partnership)\b",
    re.I,
)
# A statement of how things are (a need, a problem, what people say): "The ICS needs better tools …",
# "Young people consistently say …". Only a future marker makes such a sentence a plan.
STATE = re.compile(
    r"^(?:the|our|this|these|those|it|they|there|many|some|most|(?:young )?people|residents|patients|providers"
    r"|commissioners|partners|clinicians|staff|services|organisations)\b[^.;]{0,80}?"
    r"\b(?:is|are|needs?|wants?|requires?|has|have|says?|remains?|lacks?|hampers?|faces?)\b",
    re.I,
)
# What people will have that they do not: "all people known to mental health services will have a crisis
# management plan", "every resident will be able to …". A target state for residents, however it is led.
PEOPLE_WILL_HAVE = re.compile(
    r"^(?:all|every|each|more|most)?\s*(?:[\w'-]+\s+){0,6}?(?:people|residents?|patients?|children|families|carers"
    r"|women|adults|everyone)\b[^.;]{0,60}?\bwill\s+(?:all\s+|now\s+|also\s+)?(?:have(?!\s+(?:been|seen|had|\w+ed)\b)|get|receive|be\s+offered"
    r"|be\s+able\s+to|be\s+seen)\b",
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
    r"|\bsupported system wide\b|\b(?:we|the system|it|they) needs? to\b|\balready (?:exists?|in place|available)\b"
    # A focus area's label ("focus - community beds"), an effect or an assessment ("This will improve health and
    # wellbeing", "Benefits will begin to be realised", "This will be a complex process"), a wish ("We want to
    # make use of new technology"), things staying as they are ("… will continue to have their own plans").
    r"|^focus\s*[-–:]|\bwill continue to (?:have|be)\b|^we (?:want|wish|hope|would like) to\b"
    # Why a change is made, or who backs it: an expectation ("It is expected that this investment will reduce …"),
    # what makes it possible, what it is in line with, an opportunity, endorsement, what a policy covers.
    r"|^it is expected that\b|\bwill be made possible by\b|\bis in line with\b|\brepresents? an opportunity\b"
    r"|\bsupports? the changes\b|\bcovers the provisions\b"
    r"|^(?:this|these|it|that|benefits?)\s+will\s+(?:be\s+an?\b|begin|improve|help|mean|result|lead|reduce|increase|save"
    r"|support|enable|allow|ensure|contribute|free up|prevent|promote|deliver|provide|give)\b"
    # What something does now, said as its effect ("… – helps prevent crises, reduces hospital attendances").
    r"|\s[-–]\s+(?:helps?|promotes?|reduces?|prevents?)\b|\b(?:helps|promotes)\s+(?:to\s+)?(?:prevent|reduce|improve|keep"
    r"|ensure|support)\b"
    # A trend or a problem, not a plan: "Growing demand and increased activity in …", "Delays and inequity in …".
    r"|^(?:(?:growing|increasing|rising|increased|higher|greater|far more|unwarranted)\s+(?:demand|pressures?|need"
    r"|activity|evidence|variation|numbers?|costs?)|(?:delays?|inequit\w*|gaps?|barriers?)\s+(?:and|in|to|for)\b)"
    r"(?!.*\bwill\b)"
    # Done already ("Started off the conversations …"), or an infinitive whose only object is an aside
    # ("To optimise (reduce or increase …)").
    r"|^(?:started|began|held|completed|hosted)\b|^to \w+\s*\([^()]*\)\s*$"
    # An aim named by the outcome it wants, not by what will be done: "Improving cancer outcomes", "Tackling the
    # childhood obesity crisis", "Reducing pressure on emergency hospital services".
    r"|^(?:improving|reducing|tackling|strengthen(?:ing)?|building|enhancing|promoting)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:outcomes|pressure|crisis|readiness|resilience|wellbeing|well-being|experience|quality)\b"
    r"(?:\s+(?:in|for|of|on|among|across|at)\s+[\w\s'-]{0,40})?$",
    re.I,
)
# A statement cut before its object ("… workstreams will deliver"): the rest is on another line or slide.
CUT_VERB = re.compile(r"\b(?:will|will deliver|to deliver|include|includes)\s*$", re.I)
DANGLING = {"to", "of", "the", "and", "a", "an", "for", "with", "by", "in", "on", "or", "from", "as", "at", "through"}
MINOR = {"and", "of", "&", "the", "for", "in", "to", "a", "-", "–"}
DATED = re.compile(
    r"\bQ[1-4]\s*\d\d/\d\d\b|\bby\s+(?:end\s+(?:of\s+)?)?(?:Q[1-4]|20\d\d|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|[A-Z][a-z]+\s+20\d\d)",
)
ASIDE = re.compile(r"\([^()]{3,80}\)")
MARKER = re.compile(r"^(?:[\s\-•*]+|\d{1,2}[.)]\s+|\d{1,2}\s+(?=[A-Z]))+")  # bullets, "1." and "1 " numbering
MIN_WORDS = 3
MAX_WORDS = 70


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


def is_demographic(text: str, announced: bool = False, listed: bool = False) -> bool:
    """Figures about residents or places ("56% of residents were born overseas", "median age is 35").

    A percentage or a population figure is a target, not a demographic, when a change verb leads or a date
    marks it ("Reduce A&E attendances by 25% by end Q4 23/24"), and a bare percentage is one under a lead-in
    that announces outcomes ("2-hour Urgent Community Response first care contacts 90%"); projections are
    always demographic.
    """
    if DEMOGRAPHIC.search(text):
        return True
    body = MARKER.sub("", text)
    # In an item of a numbered list a change opens, "population health" and "population cohorts" name an approach
    # to care or whom it is for ("2. Proactive Care for at risk population cohorts"), not a figure.
    text = POPULATION_APPROACH.sub(" ", text) if listed else text
    figures = FIGURES.search(PERCENT.sub(" ", text) if announced else text)
    return bool(figures) and not (LEAD.match(body) or NEW_LEAD.match(body) or DATED.search(text))


def is_change(text: str, announced: bool = False, lead_says_change: bool = False, listed: bool = False) -> bool:
    """Whether one statement states a change: led by a change verb, or a change verb with a future marker.

    `announced`: the statement sits under a lead-in that announces changes, so a plain noun phrase counts,
    unless it is short and says nothing will differ (a workstream's name). `lead_says_change`: the lead-in
    itself names the change ("an extension of community optometry, including:"), so even a short item counts.
    `listed`: the statement is an item of a numbered list that a change opens ("… with 3 core functions: 1. …").
    """
    body = MARKER.sub("", text).strip().lstrip("*").strip()
    n = word_count(body)
    if n < MIN_WORDS or n > MAX_WORDS or is_demographic(body, announced, listed):
        return False
    # An aside in brackets qualifies the statement, it does not describe instead of changing: "Enhance London Care
    # Record to include social care (will require NHSE London funding)".
    if body.endswith("?") or body.endswith(":") or INTERNAL.search(body) or DESCRIPTION.search(ASIDE.sub(" ", body)):
        return False
    if SELF_REFERENCE.search(body):
        return False
    if body.split()[-1].lower() in DANGLING or CUT_VERB.search(body) or _opens_mid_bracket(body):
        return False  # cut mid-sentence
    if NOT_PLAN.search(body) or _nominal_label(body):
        return False
    if (LEAD.match(body) and not _agent_noun(body)) or SUBJECT_CHANGE.match(body):
        return True
    if NEW_LEAD.match(body):
        return not PAST.search(body) or bool(FUTURE.search(body))
    if PEOPLE_WILL_HAVE.match(body) and not PAST.search(body):
        return True
    if n <= 14 and DATED.search(body) and not PAST.search(body):
        return True  # a dated deliverable: "Family Hubs Q4 25/26"
    if (CHANGE_VERB.search(body) or WILL_CHANGE.search(body)) and FUTURE.search(body) and not PAST.search(body):
        return True
    if body.split()[-1].lower() in DANGLING or body[0].islower():
        return False  # a fragment: cut mid-sentence, or the tail of a sentence split at a line
    if not announced or PAST.search(body) or is_label(body) or (STATE.match(body) and not FUTURE.search(body)):
        return False
    return lead_says_change or n > MAX_LABEL_WORDS or bool(CHANGE_SIGNAL.search(body))


# Who does something, not what is done: "Providers and commissioners are …" opens with a change verb's agent.
AGENT_NOUN = re.compile(r"^(?:(?:a|an|the)\s+)?\w+(?:ers|ider|oner)\b", re.I)
# A title-case label of two or three nouns, none a verb: "Development & Workforce", "Commissioning Governance".
NOMINAL_LABEL = re.compile(r"^\w+(?:ment|tion|sion|ance|ence)\b(?:\s+(?:&|and)?\s*[A-Z][\w-]*){1,2}$")


def _agent_noun(text: str) -> bool:
    return bool(AGENT_NOUN.match(text))


def _nominal_label(text: str) -> bool:
    return bool(NOMINAL_LABEL.match(text)) and not (FUTURE.search(text) or DATED.search(text))


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
