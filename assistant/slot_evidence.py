"""Whether one sentence, row or list item states the detail a question's slot asks for.

The composer asks it of each unit of evidence: a count next to the counted noun, a name next to the role, a
date of the grain asked, a sum, a phone number or address. The checks are shapes of text (the patterns below;
assistant/slots.py recognises the slot a question asks), not lists of entities, so they carry over to documents
never seen.
"""

from __future__ import annotations

import re

from assistant.boroughs import BOROUGHS, detect
from assistant.slots import (
    AGE_ASKED,
    BODY_ASKED,
    EVENT_WORDS,
    NUMBER_WORDS,
    Slot,
)
from assistant.text import stem, words

_MONTHS = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)
DATE = re.compile(
    rf"\b({_MONTHS}\b|q[1-4]\b|(19|20)\d\d(/\d\d)?\b|\d\d/\d\d\b|\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?{_MONTHS}\b"
    r"|(spring|summer|autumn|winter)\b)",
    re.I,
)
PLAN_YEAR = re.compile(r"\byear\s+\d{1,2}\+?(?!\d)", re.I)
DAY = re.compile(
    rf"\b\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?{_MONTHS}\b|\b{_MONTHS}\s+\d{{1,2}}(st|nd|rd|th)?\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b",
    re.I,
)
MONTH = re.compile(rf"\b{_MONTHS}\b", re.I)
CLOCK = re.compile(
    r"\b\d{1,2}([:.]\d{2})?\s?(am|pm)\b|\b24/7\b|\b24 hours a day\b|\bopen 24 hours\b|\b\d{1,2}[:.]\d{2}\b", re.I
)
MONEY = re.compile(r"£\s?\d|\b\d+(\.\d+)?\s?(m|bn|k|million|billion)\b", re.I)
PHONE = re.compile(r"\b0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b")
ADDRESS = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b|\b\d+[a-z]?\s+[A-Z][a-z]+(\s+[A-Z][a-z]+)*\s+"
    r"(Road|Street|Lane|Avenue|Way|Place|Square|Gardens|Grove|Terrace|Close|Drive)\b"
)
# The head noun of a place's name ("Meadow House", "Kensal Road", "Hillcrest Surgery"): a name without one
# ("Change4Life Programme", "Asthma Friendly Schools") is not where something is.
PLACE_HEAD = re.compile(
    r"\b(?:Hospitals?|Hospices?|Centres?|Centers?|Clinics?|House|Road|Street|Lane|Avenue|Way|Place|Square|Gardens"
    r"|Grove|Terrace|Close|Drive|Court|Estate|Park|School|Academy|College|University|Surgery|Practice|Unit|Ward|Hub"
    r"|Building|Hall|Library|Village|Green|Quarter|Campus|Site)\b"
)
# A postcode district ("NW10", "W12 7RQ"); no UK postcode area starts with Q, which keeps quarters ("Q4") out.
POSTCODE = re.compile(r"(?<![\w/-])(?!Q|FY\d|Y\d)[A-Z]{1,2}\d{1,2}[A-Z]?(?:\s\d[A-Z]{2})?(?![\w/-])")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
NUMBER = re.compile(r"^(\d[\d,.]*%?|" + "|".join(NUMBER_WORDS) + r")$", re.I)
# A run of capitalised words (allowing "and", "of", "the", "St", "&" inside): a named person, body or place.
PROPER = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:(?:and|of|the|for|&|de|St)\s+)*[A-Z][\w'’.-]*)+")
# A sentence that says how: an application, a referral, booking, registering, a way in ("via the NHS App", "online").
PROCEDURE = re.compile(
    r"\b(?:appl(?:y|ies|ied|ication|ications)|refer(?:s|red|ral|rals)?|self-refer\w*|book(?:s|ed|ing)?|register(?:s|ed|ing)?"
    r"|registration|sign(?:ed|ing)?\s+up|enrol\w*|via\s+(?:the|their|your|a|an)\b|online|website|app\b|form\b"
    r"|(?:call|ring|phone|email|contact)(?:ing|ed)?\b)",
    re.I,
)
CHARGE = re.compile(
    r"£\s?\d|\bfree( of charge)?\b|\bno (cost|charge)\b|\bcharg(e|es|ed|ing)\b|\bpa(y|ys|id|ying|yment)\b|\bfees?\b"
    r"|\bmeans[- ]tested\b",
    re.I,
)
# Who does something ("who runs", "who is sending") may be answered by a body or a role, not only a name.
ROLE = re.compile(
    r"\b(team|teams|board|boards|icb|ccg|partnership|committee|council|trust|trusts|service|group|provider|"
    r"providers|director|lead|leads|officer|chair|collaborative|network|practices|hospice|charity|commissioners?)\b",
    re.I,
)
AGENT = re.compile(r"\b\w+(ed|en|un|ld)\s+by\s+(the\s+)?\w+", re.I)
ROLE_NOUN = re.compile(r"\b(lead|chair|director|manager|psycholog\w*|nurse|consultant|officer)s?\b", re.I)
_UNITS_OF_TIME = r"(minutes?|mins?|hours?|hrs?|days?|working days|weeks?|months?|years?)"
DURATION = re.compile(
    rf"\b(\d[\d.,]*|{'|'.join(NUMBER_WORDS)}|a|an|one)\s*(-|to|–)?\s*(\d+\s*)?(working\s+|calendar\s+)?"
    rf"{_UNITS_OF_TIME}\b|\b(same|next)[ -]day\b|\b24/7\b",
    re.I,
)
# "People" is counted in whatever people the documents count: patients, residents, attendees...
PEOPLE = frozenset(
    stem(w)
    for w in """people person persons patient patients resident residents individual individuals adult adults child
    children user users carer carers member members attendee attendees participant participants staff""".split()
)
OPENERS = frozenset(
    """no new the a an our this these those all each every any some improved increased expanded enhanced more
    residents patients people we they it there in on at by for from to with under over if when where what""".split()
)


def _new_names(text: str, question: str) -> list[tuple[int, int]]:
    """Spans of capitalised names in text that the question does not already use.

    A sentence's or table cell's first word is capitalised anyway ("New Hospice at home service"), so it
    only counts as part of a name when the words after it are one too."""
    asked = set(words(question))
    found = []
    for match in PROPER.finditer(text):
        start, name = match.start(), match.group(0)
        before = text[:start].rstrip()
        if not before or before[-1] in ".|:;•-(":
            first, _, rest = name.partition(" ")
            common = first.lower() in OPENERS or re.search(r"(ing|ment|tion|ed|s)$", first) is not None
            if len(rest.split()) >= 2 or common:
                start, name = start + len(first) + 1, rest
        name_words = [w for w in words(name) if w not in {"and", "of", "the", "for", "st", "&", "de"}]
        if len(name.split()) >= 2 and name_words and not all(w in asked for w in name_words):
            found.append((start, start + len(name)))
    return found


def _near_role(span: tuple[int, int], text: str, role: tuple[str, ...], reach: int = 40) -> bool:
    """Whether a name at span stands within reach characters of a word of the role ("Rob Hurd, Chief Executive")."""
    for match in re.finditer(r"[A-Za-z]+", text):
        if stem(match.group(0).lower()) in role and (
            abs(match.start() - span[1]) <= reach or abs(span[0] - match.end()) <= reach
        ):
            return True
    return False


_COUNTED = re.compile(r"(?<![\w£/.])(\d[\d,]*|" + "|".join(NUMBER_WORDS) + r")(?![\w%/.])", re.I)
_YEAR_NUMBER = re.compile(r"^(19|20)\d\d$")
# Words that end the phrase a number counts: "3 theatres in 2023 and has beds" counts theatres, not beds.
_PHRASE_END = frozenset(
    """in at on of for to by from with but has have had is are was were will would can could which that
    who per each across within over under than""".split()
)


def _counted_phrase(text: str, end: int) -> list[str]:
    """The words after a number up to the end of its noun phrase (hyphenated words kept whole)."""
    phrase: list[str] = []
    for token in text[end:].split()[:7]:
        # an acronym's plural written with an apostrophe ("2 PCN's each") is the plural
        bare = re.sub(r"(?<=[A-Z])['’]s\b", "s", token.strip("()[]'\"“”‘’"))
        if bare.lower().rstrip(",;:.") in _PHRASE_END:
            break
        phrase.extend(words(bare))
        if re.search(r"[,;:.)]$", token):
            break
    return phrase


# A collective noun and its size: "group of 36", "team of twelve".
_GROUP_OF = (
    r"(?:group|team|pool|cohort|network|workforce|register|list|caseload)\s+of\s+(?:\d[\d,]*|"
    + "|".join(NUMBER_WORDS)
    + r")\b"
)


def _counts(text: str, head: str, more: tuple[str, ...] = ()) -> bool:
    """Whether text counts the noun: a number before it in one phrase ('276 care homes', 'five new enhanced
    end-of-life beds') or right after it ('beds: 12'); a percentage or a year is not a count."""
    wanted = {head, *more} | (PEOPLE if head in PEOPLE else set())
    for match in _COUNTED.finditer(text):
        if _YEAR_NUMBER.match(match.group(1)):
            continue
        if any(stem(w) in wanted for w in _counted_phrase(text, match.end())):
            return True
    for match in re.finditer(r"[A-Za-z]+", text):
        if stem(match.group(0).lower()) in wanted:
            after = text[match.end() : match.end() + 30]
            # "beds: 12"; or a group the noun names, counted: "a volunteer group of 36"
            if re.match(r"\s*[:=]?\s*\d[\d,]*(?![\d%])|\s+" + _GROUP_OF, after, re.I):
                return True
    return False


# Ages stated: "aged 65 and over", "over 18s", "under 25", "adults over the age of 50", "16-25 year olds".
AGES = re.compile(
    r"\b(?:aged|ages)\s+\d+|\b(?:over|under|above|below)\s+(?:the\s+age\s+of\s+)?\d+|\b\d+\s*(?:\+|and\s+(?:over|older|above|"
    r"under)|or\s+(?:over|older|above|under|younger))|\b\d+\s*(?:-|–|to)\s*\d+\s*(?:year|yr)s?[\s-]+olds?\b|\b\d+s?\s*\+",
    re.I,
)
# Who a service is for, said as such: "eligible", "criteria", "for residents who have …", "open to", "if they".
ELIGIBLE = re.compile(
    r"\b(?:eligib\w*|criteria|entitled|qualif(?:y|ies|ying)|open\s+to|available\s+to|referred\s+if|must\s+(?:be|have)|BMI"
    r"|(?:for|supports?|helps?|offered\s+to)\s+(?:all\s+)?(?:\w+\s+)?(?:residents|people|patients|adults|children|carers|"
    r"families)\s+(?:who|with|aged|over|under))\b",
    re.I,
)


def states(slot: Slot, text: str, question: str) -> bool:
    """Whether one unit's text gives a value of the kind the slot asks for (the caller checks it is about the thing)."""
    if slot.kind == "count":
        if not slot.head:
            return any(NUMBER.match(t) for t in words(text))
        return _counts(text, slot.head, slot.heads)
    if slot.kind == "sum":
        return bool(MONEY.search(text))
    if slot.kind == "figure":
        # a number that is no date: "reduce admissions by 10%", not "by Q4 24/25"
        return _has_number(DATE.sub(" ", text))
    if slot.kind == "split":
        undated = DATE.sub(" ", text)
        values = [m.group(0) for m in MONEY.finditer(undated)] or re.findall(r"\b\d[\d,.]*%?", undated)
        whole = slot.whole.replace(" ", "").lower()
        others = [
            v for v in values if not whole or (v.replace(" ", "").lower() not in whole and whole not in v.lower())
        ]
        unit_words = words(text)
        unit_terms = {stem(w) for w in unit_words} | set(unit_words)
        names_part = not slot.part or any(p.lower() in text.lower() or p in unit_terms for p in slot.part)
        if slot.other:
            # "12 residents and professionals" counts both together; the part needs a number of its own.
            own = (
                slot.part
                and _counts(text, slot.part[0])
                and not re.search(
                    rf"\b{re.escape(slot.part[0])}\w*\s+(and|&|or)\s+{re.escape(slot.other[0])}", text, re.I
                )
            )
            return bool(own)
        return bool(others) and names_part
    if slot.kind == "date":
        if slot.event and not EVENT_WORDS[slot.event].search(text):
            return False
        if slot.grain == "day":
            return bool(DAY.search(text))
        if slot.grain == "month":
            return bool(MONTH.search(text))
        # "in which year of the plan …?" is answered by the plan's own year ("Year 2")
        return bool(DATE.search(text) or (re.search(r"\byears?\b", question, re.I) and PLAN_YEAR.search(text)))
    if slot.kind == "clock":
        return bool(CLOCK.search(text))
    if slot.kind == "duration":
        return bool(DURATION.search(text))
    if slot.kind == "charge":
        return bool(CHARGE.search(text))
    if slot.kind == "eligibility":
        if AGE_ASKED.search(question):
            return bool(AGES.search(text))
        return bool(AGES.search(text) or ELIGIBLE.search(text))
    if slot.kind == "procedure":
        return bool(PROCEDURE.search(text))
    if slot.kind == "contact":
        if re.search(r"\baddress\b", question, re.I):
            return bool(ADDRESS.search(text))
        if re.search(r"\bemail\b", question, re.I):
            return bool(EMAIL.search(text))
        return bool(PHONE.search(text))
    if slot.kind == "person":
        if slot.named:
            return any(_near_role(span, text, slot.role) for span in _new_names(text, question))
        if BODY_ASKED.search(question):
            # "Which organisation will run it?" is answered by a name ("Central London Community Healthcare", "CLCH"),
            # not by the word "service" or "team".
            return any(_agent_named(span, text) for span in _new_names(text, question))
        return bool(_new_names(text, question) or AGENT.search(text) or ROLE.search(text))
    if slot.kind == "place":
        # A postcode asked for is answered by a postcode, not by the name of the building.
        if re.search(r"\bpost\s?codes?\b", question, re.I):
            return bool(POSTCODE.search(text))
        return (
            bool(ADDRESS.search(text) or POSTCODE.search(text) or _PART_OF.search(text))
            or any(_is_place(text[a:b], question) for a, b in _new_names(text, question))
            or _town_named(text, question)
        )
    return True


# A name given as who does it: "awarded to Connect Health", "funded through the Hillingdon Health Care
# Partnership", "Imperial College Healthcare will provide …".
_AGENT_BEFORE = re.compile(r"\b\w+(?:ed|en|un|ld|ht)\s+(?:to|by|through|from|with|via)\s+(?:the\s+)?$", re.I)
_AGENT_AFTER = re.compile(
    r"^\s*(?:\([^)]{1,20}\)\s*)?(?:will|would|is|are|has|have|now)?\s*(?:\w+\s+){0,2}?(?:run|provid|deliver|lead|host"
    r"|commission|operat|manag)\w*",
    re.I,
)


def _has_number(text: str) -> bool:
    return bool(re.search(r"\d", text)) or any(re.search(rf"\b{w}\b", text, re.I) for w in NUMBER_WORDS)


def _agent_named(span: tuple[int, int], text: str) -> bool:
    return bool(_AGENT_BEFORE.search(text[max(0, span[0] - 40) : span[0]]) or _AGENT_AFTER.match(text[span[1] :]))


# A part of a borough by its direction: "a particular focus on the south of the borough".
_PART_OF = re.compile(
    r"\b(?:north|south|east|west|centre|center)(?:[\s-]?(?:east|west))?\s+of\s+(?:the\s+)?(?:borough|area|[A-Z][a-z]+)\b"
)


def _town_named(text: str, question: str) -> bool:
    """A town or area the question does not name, in one word ("concentrated in and around Southall, Northolt
    and Acton"); a borough's own name is not where in it something is."""
    asked = set(words(question))
    boroughs = {b.lower() for b in BOROUGHS}
    return any(
        w.lower() not in asked and w.lower() not in boroughs and detect(w).boroughs
        for w in re.findall(r"\b[A-Z][a-z]{3,}\b", text)
    )


def _is_place(name: str, question: str) -> bool:
    """A name of where something is: a site, street or building by its head noun, or a borough or area the question
    does not name already (the "Westminster Superzone project" does not say where in Westminster it is)."""
    return bool(PLACE_HEAD.search(name) or set(detect(name).boroughs) - set(detect(question).boroughs))


def near(slot: Slot, text: str) -> bool:
    """Whether a unit gives a value of the slot's family without the detail (a total, a month, a role)."""
    if slot.kind in ("count", "split", "figure"):
        return _has_number(text)
    if slot.kind == "sum":
        return bool(MONEY.search(text))
    if slot.kind in ("date", "clock", "duration"):
        return bool(DATE.search(text) or CLOCK.search(text))
    if slot.kind == "person":
        return bool(AGENT.search(text) or ROLE_NOUN.search(text))
    return False
