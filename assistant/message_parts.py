"""The parts of a message people type: its sentences and clauses, where a polite ask starts, and the openings and
words that only say who is asking ("As a district nurse in Harrow", "Pharmacist in West Drayton here -", "my
mum", "families like ours"), which name no topic asked about."""

from __future__ import annotations

import re
from itertools import islice

from assistant.boroughs import site_names, strip_places

# "I'd like to know what ...", "could you tell me what ...": a polite opening before the question word.
POLITE_ASK = (
    r"(?:(?:i'?d|i\s+would|would)\s+like\s+(?:to\s+(?:know|understand|hear)\s+|(?:an?|the)\s+(?:[\w-]+\s+)?(?:rundown|summary"
    r"|overview|outline|breakdown|picture|explanation|list)\s+of\s+)|i\s+(?:want|need)\s+to\s+know\s+"
    # "We want to understand …", "asked to find out what …", "Interested in what …"
    # "I would welcome a full summary of …", "we'd appreciate an overview of …"
    r"|(?:i'?d|i\s+would|we'?d|we\s+would)\s+(?:welcome|appreciate|value|be\s+grateful\s+for)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+)?(?:rundown|summary|overview|outline|breakdown|picture|explanation|account)\s+of\s+"
    r"|(?:want|wants|wanted|trying|need|needs|asked|hoping|keen)\s+to\s+(?:know|understand|find\s+out|learn|hear)"
    r"\s+(?:about\s+)?|interested\s+in\s+(?:knowing\s+)?"
    # "I'm curious how …", "we're wondering what …"
    r"|(?:curious|wondering)\s+(?:about\s+)?(?=(?:what|whats|how|which|whether|if)\b)"
    # "… been asked by our residents' association to find out what …"
    r"|(?:find\s+out|understand|know|learn)\s+(?=(?:what|whats|how|which|whether|if)\b)"
    # "families keep asking me what's changing", "patients ask us whether …": a question reported, then asked
    r"|ask(?:s|ed|ing)?\s+(?:me|us)\s+(?:about\s+)?(?=(?:what|whats|how|which|whether|if)\b)"
    r"|(?:can|could|would)\s+(?:you|someone|anyone|somebody)\s+(?:please\s+)?(?:(?:tell|explain\s+to|let)\s+me\s+(?:know\s+)?"
    r"|(?:explain|outline|describe|summari[sz]e|set\s+out)\s+"
    r"|give\s+(?:(?:me|us)\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:summary|overview|rundown|outline|breakdown|picture|explanation|account)\s+of\s+))"
)

# Where a polite ask starts inside a sentence, after who is asking: "As a hospice volunteer in Chelsea I'd like to
# understand how …". The question proper starts there.
POLITE_START = re.compile(r"(?<=\s)" + POLITE_ASK, re.I)

# An apology or a hedge before the question: "sorry if this is a daft q but whats changing …", "this might be a
# silly question, but …". It says how the asker feels, not what is asked.
HEDGE = re.compile(
    r"^\W*(?:(?:sorry|apologies|excuse\s+me|forgive\s+me|bear\s+with\s+me)\b|(?:this|it)\s+(?:might|may|could)\s+be"
    r"\s+an?\s+(?:silly|daft|stupid|dumb|basic|naive|obvious)\s+(?:q|qn|question)\b)[^?.!]{0,80}?\b(?:but|however)\b\W*",
    re.I,
)

# Who is asking, in the sentence that asks: "I'm a GP receptionist in Harlesden and patients keep asking …",
# "Working as a district nurse in Harrow - what's …". The role names no topic asked about.
_ROLE_NOUN = (
    r"(?:nurse|doctor|gp|volunteer|trainee|student|councillor|officer|manager|assistant|worker|caseworker|carer"
    r"|receptionist|pharmacist|journalist|reporter|consultant|therapist|chaplain|commissioner|member|rep|paramedic"
    r"|midwife|coordinator|director|administrator|clinician|practitioner|researcher|partner|lead|registrar|physician"
    r"|surgeon|psychologist|counsellor|dietitian|podiatrist|optometrist|dentist|interpreter|advocate|navigator|trustee"
    r"|governor|staff)s?"
)

# Where the words for who someone is end: "GP trainee based in …", "Student doing a project …", "Pharmacist -".
_ROLE_END = r"(?=\s+(?:in|at|for|and|from|based|with|on|here|\w+ing)\b|\s*[,.;:!?()–-]|$)"

_ROLE = re.compile(
    r"^\W*(?:(?:i'?m|i\s+am|as|i\s+work\s+as|working\s+as)\s+(?:an?|the)\s+[^,.;:!?–-]*?"
    # without "I'm a": "Pharmacist in Harrow -", "GP trainee based in Paddington.", "care home manager, notting hill."
    r"|(?:[\w&'-]+\s+){0,3}?" + _ROLE_NOUN + r")"
    # where they work: "I'm a care assistant at a nursing home in Stanmore"
    r"(?:\s+(?:at|in)\s+(?:an?|the|our)\s+[^,.;:!?–-]*?)?" + _ROLE_END,
    re.I,
)

# The asker's own household, not a topic: "what does that mean for families like ours?", "people like me".
_LIKE_US = re.compile(r"\b(?:[\w'-]+\s+){1,2}like\s+(?:ours|us|me|mine|myself)\b", re.I)
# "our families", "local families": the people asked about, not the children's topic ("for families" alone is).
_HOUSEHOLD = re.compile(
    r"\b(?:patients'?|our|my|their|his|her|and|local|those|these|many|all|other)\s+famil(?:y|ies)\b"
    r"|\bfamil(?:y|ies)\s+(?:keep|have|are|ask)\w*"
    # a care home's or a practice's own people: "What will change for our residents and staff?"
    r"|\b(?:our|my|their)\s+(?:residents|patients|clients|tenants|members)\s+and\s+staff\b"
    # "families in our situation", "families caring for someone": the people asked about, not children's services
    r"|\bfamil(?:y|ies)\s+(?:in\s+(?:our|their|my|a|the\s+same)\s+(?:situation|position)|caring|looking\s+after|who)\b",
    re.I,
)
# Who passed the news on, not what it is about: "My GP mentioned things are being overhauled" names no primary care.
_MESSENGER = re.compile(
    r"\b(?:(?:my|our|her|his|their|mum's|dad's)\s+(?:[\w'-]+\s+)?(?:gp|doctor|nurse|consultant|social\s+worker|carer"
    r"|pharmacist|practice|surgery|neighbour|friend|daughter|son)|(?:the\s+)?(?:docs|doctors|nurses|consultants))\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:mentioned|said|say|says|told|tells|think|thinks|reckons?|warned|explained|suggested"
    r"|heard)\b",
    re.I,
)
# When the asker's story happened, not what is asked about: "my aunt died last winter".
_WHEN_IT_HAPPENED = re.compile(r"\b(?:last|this\s+past)\s+(?:winter|summer|spring|autumn|year|month|week)\b", re.I)
# Why the asker wants to know: "so I can explain them to the families I visit", "so that we can plan".
_PURPOSE = re.compile(
    r"\bso\s+(?:that\s+)?(?:i|we)\s+(?:can|could|know)\b[^.?!]*"
    # what the answer is for, said first: "For a health-inequalities research briefing, I require …"
    r"|^\W*for\s+(?:a|an|my|our|the)\s+[^,.?!]{0,60}?\b(?:briefing|report|article|assignment|dissertation|essay"
    r"|newsletter|presentation|meeting|piece|project|story|feature|leaflet|talk|session|(?:ward\s+)?surgery)\b(?:[^,.?!:]{0,40}?(?=[,:]))?",
    re.I,
)
# What the question reaches beyond: "all the planned changes — not just children's services, the whole lot".
_NOT_JUST = re.compile(r"\bnot\s+(?:just|only|simply|merely)\s+[^,;:.?!—–]*?(?=\s+but\b|[,;:.?!—–]|$)", re.I)

# Where an opening that is not the question ends: a sentence, or a clause before a comma, colon or dash.
_SENTENCE = re.compile(r"(?<=[.!?])(?<!e\.g\.)(?<!i\.e\.)\s+")
CLAUSE_BREAK = re.compile(r"[:,;]\s+|\s[-–]\s+")
# Where a question starts inside a run of words with no stop: "… into hillingdon hospital what are they doing …".
_RUN_ON_QUESTION = re.compile(
    r"(?<=[a-z0-9])\s+(?=(?:so\s+)?(?:what(?:'?s)?|how|(?:is|are)\s+there|will\s+there|whats)\b)", re.I
)
_STOPS = re.compile(r"[.!?,;:]")
MIN_RUN_ON_WORDS = 20
MIN_RUN_ON_PART = 6
# Words after which a question word goes on the same sentence: what is known, asked, told, wondered or shown.
_EMBEDS = frozenset(
    """know knows knew understand explain explaining tell told me us ask asks asked asking wonder
    wondering wondered about of on in for to and or but that see sure clear idea learn find out show describe
    outline summarise summarize confirm check decide decided is are was were be exactly clarify with than from
    at by
    """.split()
)
_CLAUSE = re.compile(r"^\W*[^?.!:,;]{1,90}?(?:[:,;]|\s[-–])\s+")

# Who is asking or a greeting: "As a carer in Brent", "I work at a GP surgery", "My dad is ...", "Hi".
WHO_IS_ASKING = re.compile(
    r"^\W*(?:i\b|i'm\b|i've\b|as\s+an?\b|my\b|our\b|we\b|we're\b|caring\b|looking\s+after\b|working\b"
    r"|hi\b|hello\b|hey\b|dear\b|good\s+(?:morning|afternoon|evening)\b"
    # "pharmacist in West Drayton here - …", "District nurse here,": who is asking, introduced by "here".
    r"|(?!\W*(?:what|whats|how|which|is|are|will|can|could|any)\b)[^.!?,:;]{1,60}?(?<!round\s)(?<!near\s)\bhere\W*$"
    # a role without "I'm a": "Student doing a project on health inequalities in Feltham."
    r"|(?:[\w&'-]+\s+){0,3}?" + _ROLE_NOUN + _ROLE_END + r")(?![^.!?,:;]*?\?)",
    re.I,
)

MAX_CLAUSES = 12


def first_opening(text: str) -> str | None:
    """The first sentence, or else the first clause, when something follows it."""
    parts = _SENTENCE.split(text, maxsplit=1)
    if len(parts) == 2 and parts[1].strip():
        first = text[: len(text) - len(parts[1])]
        clause = _CLAUSE.match(first)
        return clause.group(0) if clause else first
    clause = _CLAUSE.match(text)
    return clause.group(0) if clause and text[clause.end() :].strip() else None


def sentences(text: str) -> list[str]:
    return [p for s in _SENTENCE.split(text) if s.strip() for p in _run_on_parts(s)]


def _run_on_parts(sentence: str) -> list[str]:
    """A long run of words with no stop, as dictated or texted ("hi my nan is in west drayton she has end stage copd
    … what are they doing about care for people at the end of their life in hillingdon is there going to be more
    help"), read as the sentences its questions start."""
    if len(sentence.split()) < MIN_RUN_ON_WORDS or _STOPS.search(sentence.rstrip(" ?!.")):
        return [sentence]
    parts, start = [], 0
    for m in _RUN_ON_QUESTION.finditer(sentence):
        before = sentence[start : m.start()].split()
        # A question the words before it ask or embed ("I want to know what …", "tell me how …") goes on; so does
        # one a few words into the message.
        if len(before) >= MIN_RUN_ON_PART and before[-1].lower() not in _EMBEDS:
            parts.append(sentence[start : m.start()])
            start = m.end()
    return [*parts, sentence[start:]]


def clauses(sentence: str) -> list[str]:
    """The sentence, what follows each of its first commas, colons, semicolons or dashes, and what starts at each
    polite ask in it (a bound: each clause is searched to the sentence's end, so a run of hundreds of commas would
    cost quadratic time)."""
    breaks = [m.end() for m in islice(CLAUSE_BREAK.finditer(sentence), MAX_CLAUSES)]
    breaks += [m.start() for m in islice(POLITE_START.finditer(sentence), MAX_CLAUSES)]
    return [sentence, *(sentence[k:] for k in breaks)]


def without_purpose(text: str) -> str:
    """The text without what the answer is for ("so I can explain them", "For a research briefing, …")."""
    return _PURPOSE.sub(" ", text)


def topic_words(text: str) -> str:
    """The words of a sentence that may name a topic: places, who is asking, why and the asker's household left
    out ("patients' families keep asking me" names no children's services), who passed the news on ("my GP
    mentioned …") and what it reaches beyond ("not just children's services")."""
    said = _MESSENGER.sub(" ", _NOT_JUST.sub(" ", _PURPOSE.sub(" ", strip_places(text, households=True))))
    return _WHEN_IT_HAPPENED.sub(" ", _HOUSEHOLD.sub(" ", _LIKE_US.sub(" ", _ROLE.sub(" ", said))))


def sites_asked(text: str) -> tuple[str, ...]:
    """The sites a message asks about ("What is changing at Central Middlesex Hospital?"), not those that only say
    who is asking ("I'm a patient at West Middlesex Hospital, …", "My dad is in Charing Cross Hospital.")."""
    found: list[str] = []
    for sentence in sentences(text):
        opening = _CLAUSE.match(sentence)
        while opening and WHO_IS_ASKING.match(opening.group(0)):
            sentence = sentence[opening.end() :]
            opening = _CLAUSE.match(sentence)
        if WHO_IS_ASKING.match(sentence):
            continue
        found += [site for site in site_names(sentence) if site not in found]
    return tuple(found)
