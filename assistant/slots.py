"""What a question asks for (its slot), and the shapes of text that state each kind of detail.

A near miss is a question whose topic the documents cover but whose detail they do not: "How many beds
does the hospice have?" when the documents only say the beds will not reopen. Retrieval finds the topic
either way, so the composer asks a second question of its evidence: does one unit state a value of the
kind asked for (a count of beds, a name, a date, a sum, a phone number) about the thing asked about?
The checks are shapes of text, not lists of entities, so they carry over to documents never seen;
assistant/slot_evidence.py applies them to a unit of evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from assistant.boroughs import detect, strip_places
from assistant.message_parts import sentences
from assistant.spelling import by_first_letters, respell
from assistant.text import content_terms, stem, words
from assistant.timecheck import asked_moment

SlotKind = Literal[
    "count",
    "person",
    "place",
    "date",
    "clock",
    "duration",
    "sum",
    "figure",
    "split",
    "contact",
    "charge",
    "procedure",
    "eligibility",
    "yes_no",
]
# How fine a date the question wants: "which year", "which month", "on what date" (a day).
DateGrain = Literal["any", "year", "month", "day"]

_FIGURE = re.compile(
    r"£\s?\d[\d,.]*\s?(m|bn|k|million|billion)?\b|\b\d[\d,.]*\s?(%|m\b|bn\b|million\b|billion\b)?", re.I
)
_CONTRAST = re.compile(r"\b(rather than|as opposed to|instead of)\b", re.I)
_PART_VERB = re.compile(
    r"\b(goes|go|went|is|are|was|were|spent|allocated|given|going)\b(\s+(on|to|for|at|in|into))?", re.I
)
_MONEY_WORDS = re.compile(
    r"£|\b(money|funding|fund|funded|investment|invest|invested|budget|cost|costs|price|worth|fee|fees|salary|"
    r"spend|spent|allocation|pay|paid|charge|charged|contract value)\b",
    re.I,
)
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty hundred hundreds thousand thousands dozen"
).split()

_SPLIT = re.compile(
    r"\b(split|broken down|breakdown|divided|shared out)\b.*\b(between|among|across|by)\b|"
    r"\b(for|to|in) each (borough|area|site|trust|service)\b",
    re.I,
)
_COUNT = re.compile(
    r"\bhow many\s+(?P<noun>(?:[\w'’-]+\s+){0,7}?[\w'’-]+?)(?=\s+(?:"
    + (
        r"are|is|was|were|do|does|did|will|would|have|has|had|can|could|should|work|works|worked|sat|sit|attend|"
        r"attended|went|go|get|got|in|at|on|of|for|across|there|per|each|been|being|took|take|met|meet|responded|"
        r"live|lived|used|use|made|make|received|receive|provide|provided|open|opened|a|an"
    )
    + r")\b|\s*[?,.]|$"
    # a clause about who does it: "how many integrated neighbourhood teams the borough is building"
    + r"|(?<!\bof)\s+(?:the|they|we|you|it|he|she|this|that|these|those|its|their|our)\b)",
    re.I,
)
# A body asked for by name: "Which organisation will run it?", "Who is going to provide the service?"; a name
# given as who does it answers it, not the word "service" (assistant/slot_evidence.py).
BODY_ASKED = re.compile(
    r"\bwhich\s+(?:(?:named|particular|specific|local|nhs)\s+)?(?:hospice\s+or\s+)?(?:organisation|organization|provider"
    r"|company|charity|trust|firm|body|universit(?:y|ies)|colleges?)\b"
    r"|\bwho\s+(?:will\s+|is\s+going\s+to\s+)?(?:actually\s+)?(?:run|runs|provide|provides|deliver|delivers)\b",
    re.I,
)
_PERSON = re.compile(
    r"^\W*(and\s+)?who(?:['’]s| is| was| are| were)?\s+(?!can\b|could\b|will be (eligible|able)\b|is eligible\b)|"
    r"\bname of (the )?\w+|\bwhich person\b|" + BODY_ASKED.pattern,
    re.I,
)
_PLACE = re.compile(
    # "where" opening the question, or the question after a dash: "it set up 4 hubs - where are they?"
    r"(?:^|\s[-–—]\s)\W*(and\s+)?where\b(?!(?:['’]s| is| are) .* at\W*$)|"
    r"\b(at|in|from) which (\w+\s+)?(site|hospital|hospice|clinic|clinics|venue|building|"
    r"location|centre|center|premises|ward|unit|practice|surgery)s?\b|\bwhich (site|hospital|hospice|clinic|"
    r"venue|building|location|centre|premises|ward|practice|surgery)s?\b|\b(what|which) (address|location|site)\b"
    # the places named in a list: "which schools are in the programme?", "which pharmacies will offer it?"
    r"|\bwhich\s+(?:\w+\s+)?(schools|pharmacies|practices|surgeries|streets|estates|wards|sites|venues|care homes)\b"
    # one place asked for in other words: "which school or estate is it based in?", "what street will it be on?"
    r"|\b(?:which|what)\s+(?:(?:exact|named|particular|specific)\s+)?(?:school|street|road|estate"
    r"|neighbourhoods?|care\s+home|postcode)\b|\bpostcode\b"
    # "What part of Westminster does it cover?"
    r"|\b(?:which|what)\s+(?:parts?|areas?|bits?)\s+of\b",
    re.I,
)
# The names of places asked for: "What are the names of those five neighbourhoods?"
_NAMED_PLACES = re.compile(
    r"\bnames?\s+of\s+(?:the\s+|those\s+|these\s+)?(?:[\w'’-]+\s+){0,2}?(?:neighbourhoods?|areas?|schools?|sites?|streets?"
    r"|estates?|wards?|venues?|hospitals?|practices?|surgeries|pharmacies|care\s+homes?|buildings?|locations?)\b",
    re.I,
)
# How to take part: "How do I sign up for the winter wellness programme?", "how to apply for a community grant".
_PROCEDURE_Q = re.compile(
    r"\bhow\s+(?:(?:do|does|can|could|should|would|will)\s+(?:[\w'’&-]+\s+){1,6}?|to\s+)(?:apply|book|register|sign\s+up"
    r"|enrol+|join|refer|self-refer|get\s+referred|volunteer|get\s+(?:on|onto)\b)",
    re.I,
)
# Who may use a service: "Who is eligible for …?", "is there an age limit?", "how old do you have to be?", "does my
# dad qualify?". Only a sentence that says who it is for, or which ages, answers it (see slot_evidence.states).
_ELIGIBILITY_Q = re.compile(
    r"\b(?:eligib\w*|qualif(?:y|ies)\b|(?:age|upper|lower)\s+limits?|how\s+old\b|(?:minimum|maximum)\s+age"
    r"|(?:criteria|cut-?offs?|thresholds?)\b|entitled\s+to)",
    re.I,
)
# An age asked for: "is there an age limit?", "how old do you have to be?", "if he's under 65?"
AGE_ASKED = re.compile(r"\b(?:age|ages|aged|how\s+old|over\s+\d+|under\s+\d+)\b", re.I)
_CHARGE_Q = re.compile(r"\b(pay|paid|charged?|charges|cost|costs|fee|fees|free|price)\b", re.I)
_ROLE_NAMED = re.compile(
    r"\bwho(?:['’]s| is| was| are| were) (the|their|its|our)\b|\bname of\b|\bwho (chairs|chaired|heads|headed)\b", re.I
)
# Where the words naming a role end: "the name of the redesigned model Hounslow is using to help …" names a model.
_ROLE_END = re.compile(
    r"\b(?:of|for|at|in|who|that|which|on|is|are|was|were|will|would|does|do|did|has|have|had|being|to|they|we|you)\b"
    r"|[?,]",
    re.I,
)
_CONTACT = re.compile(
    # one contact detail or several: "the phone numbers of the hubs", "the exact addresses of the sites"
    r"\b(phone|telephone|contact|mobile)\s+(numbers?|no|details)\b|\bwhat numbers?\b|\bnumber (to|do|can|should)\b.*"
    r"\b(call|ring|phone)\b|(?<!\bto\s)(?<!\bwill\s)(?<!\bthey\s)\baddress(es)?\b|\bemails?\b"
    # how to reach them: "how do we contact them?", "how can I get in touch with the team?", "who do I call at night?"
    r"|\b(?:how|who)\s+(?:do|can|should|would|will)\s+(?:i|we|you|they|she|he|people|families|patients)\s+(?:contact"
    r"|reach|call|ring|phone|get\s+(?:hold\s+of|in\s+touch))\b"
    # whoever it is: "How can a homeless person in Kensington get in touch with the service?"
    r"|\bhow\s+(?:do|can|should|would|will)\s+(?:[\w'’-]+\s+){1,8}?(?:contact|reach|get\s+(?:hold\s+of|in\s+touch))\b",
    re.I,
)
# Asks for a length of time only when it opens with it: "what did the board hear about waiting times?" does not.
_DURATION_Q = re.compile(
    r"^\W*(and\s+)?(what(?:['’]s| is| are) the (\w+\s+){0,4}?(waiting|wait) (time|times|list)\b"
    r"|how long\b(?! ago| until).*\b(wait|waits|waiting|last|lasts|take|takes)\b)"
    # after a label: "Blunt question: how long is the wait?"
    r"|^[^:?.!]{1,40}:\s*how long\b(?! ago| until).*\b(wait|waits|waiting)\b",
    re.I,
)
_CLOCK_Q = re.compile(
    r"\b((opening|visiting|operating|working|surgery|clinic) (hours|times)|what time|what hours|until what time|"
    r"open (at|until|from)|which hours|"
    r"what times"
    # "What are the hours of the new liaison service?", "its hours"
    r"|(?:what|which)\s+(?:are|r)\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?hours|the\s+hours\s+of)\b",
    re.I,
)
_DATE_Q = re.compile(
    r"^\W*(and\s+)?when\b|\b(what|which|exact) (dates?|days?|months?|years?)\b|\bby when\b|\bwhat year\b"
    r"|\buntil when\b|"
    r"\bhow long (ago|until)\b"
    # "I'd like to know the date the centre is due to open", "the deadline for applications"
    r"|\b(?:the|exact|start|launch|opening|go-live|closing)\s+date\b|\bdeadline\b"
    # "any idea when the new hospital is due to open?"
    r"|\b(?:any\s+idea|do\s+you\s+know|wondering|tell\s+me)\s+when\b",
    re.I,
)
_SUM_Q = re.compile(
    r"\bhow much (money|funding|investment|does|did|is|was|will|has|have|of)?\b|\b(budget|cost|costs|price|"
    r"worth|fee|fees|salary|spend|spent)\b",
    re.I,
)
# A figure asked for that is no count of things or sum of money: "What's the numerical target for cutting
# admissions?", "How big is the gap in life expectancy?", "By how much is the population expected to grow?"
_FIGURE_Q = re.compile(
    r"\b(?:numerical|numeric|number|percentage|figure|measurable)\s+targets?\b|\btargets?\s+(?:figure|number|rate"
    r"|percentage)\b|\bwhat(?:['’]s|\s+is|\s+are)\s+the\s+targets?\s+(?:for|to|of|on)\b|\bby\s+how\s+much\b"
    r"|\bhow\s+(?:big|large|wide|high|low)\s+(?:is|are|was|were|will)\b",
    re.I,
)
_YES_NO = re.compile(r"^\W*(and\s+)?(is|are|will|does|do|can|could|has|have|did|was|were|should|would|shall)\b", re.I)
# Who is asking ("my gran", "our dad") is context, not the thing asked about.
ASKER = frozenset(
    stem(w)
    for w in """my me mine our ours her hers his him she he has had i'm i've we're mum mother dad father gran granny
    grandma grandad grandmother grandfather nan nana husband wife partner son daughter kid kids baby brother sister
    neighbour aunt uncle half past quarter morning evening night afternoon am pm""".split()
)
# Words of the question that name the slot itself, not the thing asked about.
_SLOT_WORDS = frozenset(
    stem(w)
    for w in """name names number numbers phone telephone contact address email time times hours date dates day
    month year exact exactly exactli much many cost costs budget worth open opening chair chairs leads lead run
    runs held hold where located location site who whom soon long quickly wait waiting eligible eligibility
    qualify qualifies criteria limit old age part parts area areas""".split()
)


# The words a question names its slot with, as typed wrong ("whats the adress of …", "teh opening hous"): the
# spelling module writes them right before the question is read (names and dictionary words are left alone).
_SLOT_VOCABULARY = """address addresses telephone phone contact number opening hours eligible eligibility qualify
criteria postcode location located deadline available""".split()
MIN_SLOT_WORD = 5


@cache
def _slot_words() -> dict[str, tuple[str, ...]]:
    return by_first_letters(_SLOT_VOCABULARY, MIN_SLOT_WORD)


@dataclass(frozen=True)
class Slot:
    """The detail a question asks for, and the thing it asks it about."""

    kind: SlotKind
    thing: tuple[str, ...]  # stemmed content words naming what the question is about
    head: str = ""  # a count's counted noun, stemmed ("bed" of "how many inpatient beds")
    heads: tuple[str, ...] = ()  # other words the documents may count it in (synonyms, "patients" for "people")
    whole: str = ""  # a split's whole as quoted ("£15m"): stating it again does not answer the split
    part: tuple[str, ...] = ()  # a split's part (a borough, a service): the answer must name it
    other: tuple[str, ...] = ()  # "residents, as opposed to professionals": a count shared with it does not answer
    grain: DateGrain = "any"
    event: str = ""  # a date's event when it is a start or an end: "when does the contract end?"
    named: bool = False  # a person slot naming the role ("who is the chair"): only a name answers it
    role: tuple[str, ...] = ()  # that role's words, stemmed: the name must stand next to them
    asks: str = ""  # "The documents do not say <what was asked>.": a partial answer's first sentence


# A date asked for a start or an end is answered only by a sentence about that start or end: the question's
# last word names the event ("…end?", "…start?"), the sentence must use some word for it.
_EVENTS = {
    "end": frozenset(
        stem(w)
        for w in """end ends ended ending finish finished close closed closing expire expires expiry complete
        completed completion""".split()
    ),
    "start": frozenset(
        stem(w)
        for w in """start starts started begin begins began launch launched open opened opening commence
        commenced""".split()
    ),
}
EVENT_WORDS = {
    "end": re.compile(r"\b(end|finish|clos|expir|complet|until|run(s|ning)? (to|until)|last(s|ing)? until)\w*", re.I),
    "start": re.compile(
        r"\b(start|begin|began|launch|open|commenc|in place|go(es)? live|went live|roll(ed|ing)? out|introduc"
        r"|mobilis)\w*",
        re.I,
    ),
}
_NOT_NOUNS = frozenset("are is was were do does did will would have has had can could should there".split())


def _head(noun_phrase: str) -> str:
    found = [w for w in words(noun_phrase) if w not in {"of", "the", "a", "an"}]
    return stem(found[-1]) if found and found[-1] not in _NOT_NOUNS else ""


_INVERTED = re.compile(
    r"^\W*(?:how (?:much|many)(?: of)?(?: [\w£'’.-]+){0,6}?|what|which|when|where|who|whose|on what date|what date)"
    r"\s+(does|do|did|will|would|is|are|was|were|can|could|has|have|had|should)\b",
    re.I,
)


def _clause(question: str) -> str:
    """What the documents do not say: "how much of the £15m goes to Brent" as asked; a question in
    inverted order ("when does the contract end?") quoted whole, since re-ordering it takes grammar."""
    text = question.strip().rstrip(" ?.!")
    if _INVERTED.match(text) or _YES_NO.match(text):
        return f"The documents do not answer “{text}?”"
    clause = text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
    return f"The documents do not say {clause}."


def _thing(question: str) -> tuple[str, ...]:
    return tuple(t for t in content_terms(strip_places(question)) if t not in _SLOT_WORDS and t not in ASKER)


def asked_slot(message: str) -> Slot | None:
    """The slot a message asks for. A message often says what the asker has read before asking ("Hillingdon's plan
    mentions an end of life hub. Where is the hub based?"): its last question asks the detail. What the story before
    it names is not what the detail is about ("I was affected by the Grenfell fire. When is the transition phase?").
    """
    message = respell(message, _slot_words(), MIN_SLOT_WORD)
    slot = recognise(message)
    if slot is not None:
        return slot
    asking = [s for s in sentences(message) if _asks(s)]
    return recognise(asking[-1]) if asking and asking[-1] != message else None


def _asks(sentence: str) -> bool:
    return sentence.rstrip().endswith("?")


def questions_asked(message: str) -> str:
    """The message from its first question on, without what the asker told before it ("My dad is frail and lives
    in Harrow. When is the new frailty model due to go live?"); the whole message when no sentence asks."""
    parts = sentences(message)
    first = next((k for k, s in enumerate(parts) if _asks(s)), 0)
    return " ".join(p.strip() for p in parts[first:]) or message


def recognise(question: str) -> Slot | None:
    """The slot a question asks for, or None when it asks for an explanation or a list (any evidence may do)."""
    thing = _thing(question)
    asks = _clause(question)
    yes_no = bool(_YES_NO.search(question))
    figure = _FIGURE.search(question)
    other: tuple[str, ...] = ()
    contrast = _CONTRAST.search(question)
    of_figure = re.search(
        r"\bhow (much|many) of (the |its |their |this |that )?(additional |extra |new )?[£\d]", question, re.I
    )
    contrast = contrast if re.search(r"\bhow (much|many)\b", question, re.I) else None
    if of_figure or contrast or (_SPLIT.search(question) and not re.search(r"\bhow (much|many) of\b", question, re.I)):
        if of_figure and figure:
            rest = question[figure.end() :]
            verb = _PART_VERB.search(rest)
            tail = rest[verb.end() :] if verb else ""
            part = detect(tail).boroughs or tuple(content_terms(strip_places(tail)))[:3]
        elif contrast:
            head = question[: contrast.start()]
            part = detect(head).boroughs or tuple(stem(w) for w in words(head))[-1:]
            other = tuple(stem(w) for w in words(question[contrast.end() :]))[:1]
        else:
            part = detect(question).boroughs
        whole = figure.group(0).strip() if figure and of_figure else ""
        return Slot("split", thing, whole=whole, part=tuple(part), other=other, asks=asks)
    if asked_moment(question) is not None:
        return Slot("clock", thing, asks=asks)
    if not yes_no and _CONTACT.search(question):
        return Slot("contact", thing, asks=asks)
    if _PROCEDURE_Q.search(question):
        return Slot("procedure", thing, asks=asks)
    if _CLOCK_Q.search(question):
        return Slot("clock", thing, asks=asks)
    if not yes_no and _DURATION_Q.search(question):
        return Slot("duration", thing, asks=asks)
    count = _COUNT.search(question)
    if count and not yes_no:
        return Slot("count", thing, head=_head(count.group("noun")), asks=asks)
    if not yes_no and _DATE_Q.search(question):
        grain: DateGrain = "any"
        if re.search(r"\b(exact|what|which|on what) (date|day)\b", question, re.I):
            grain = "day"
        elif re.search(r"\b(what|which) months?\b", question, re.I):
            grain = "month"
        last = [stem(w) for w in words(question)][-1:]
        event = next((name for name, group in _EVENTS.items() if last and last[0] in group), "")
        return Slot("date", thing, grain=grain, event=event, asks=asks)
    if _ELIGIBILITY_Q.search(question):
        return Slot("eligibility", thing, asks=asks)
    if not yes_no and _NAMED_PLACES.search(question):
        return Slot("place", thing, asks=asks)
    if not yes_no and _PERSON.search(question):
        named = _ROLE_NAMED.search(question)
        role: tuple[str, ...] = ()
        if named:
            after = _ROLE_END.split(strip_places(question[named.end() :]), maxsplit=1)[0]
            role = tuple(stem(w) for w in words(after) if w not in {"the", "a", "an", "name"})
            if named.group(0).lower().startswith("who") and re.search(r"chair|head", named.group(0), re.I):
                role = (stem(named.group(0).split()[-1]),)
            # The role's head noun ("director" of "neighbourhood director") is what a name stands next to.
            role = role[-1:] or ("chair", "lead", "director", "head")
        return Slot("person", thing, named=bool(named), role=role, asks=asks)
    if not yes_no and _PLACE.search(question):
        return Slot("place", thing, asks=asks)
    if not yes_no and _SUM_Q.search(question) and _MONEY_WORDS.search(question):
        return Slot("sum", thing, asks=asks)
    if not yes_no and _FIGURE_Q.search(question):
        return Slot("figure", thing, asks=asks)
    if yes_no and _CHARGE_Q.search(question):
        # "Will families have to pay…?" is answered by what the documents say about cost or charges, not by
        # a description of the service.
        return Slot("charge", thing, asks=asks)
    if yes_no:
        return Slot("yes_no", thing, asks=asks)
    return None
