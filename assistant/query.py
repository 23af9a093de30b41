"""Question understanding: borough scope, domain expansion and the kind of answer wanted."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from importlib import resources

import yaml

from assistant.boroughs import BOROUGHS, NW_LONDON, canonical, detect, respelled_places, strip_places
from assistant.errors import InputError
from assistant.message_parts import sites_asked
from assistant.slots import Slot, asked_slot
from assistant.text import content_terms, terms
from assistant.timecheck import asked_moment


class Intent(StrEnum):
    changes = "changes"
    when = "when"
    number = "number"
    listing = "list"
    each_borough = "each_borough"
    general = "general"


_INTENTS: list[tuple[Intent, re.Pattern[str]]] = [
    (
        Intent.each_borough,
        re.compile(r"\b(each|every|all|per|by|which|across the)\s+(of the\s+)?(eight\s+|8\s+)?boroughs?\b", re.I),
    ),
    (
        Intent.changes,
        re.compile(
            r"\b(what('s| is| will| would)? (be )?(chang|different|new)|chang(e|es|ing)\b|differen|compared|"
            r"current(ly)? (vs|versus|and|or)|instead|improv|replac|new services?)",
            re.I,
        ),
    ),
    (
        Intent.when,
        re.compile(r"\b(when|what date|which date|by when|timeline|timescale|how long|deadline|until)\b", re.I),
    ),
    (
        Intent.number,
        re.compile(r"\b(how (many|much)|number of|what percentage|what proportion|cost|£|per ?cent)", re.I),
    ),
    (Intent.listing, re.compile(r"\b(list|which|what are the|name the|priorities|services)\b", re.I)),
]


# What kind of token a question's answer must contain; evidence without one cannot answer it.
_ANSWER_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("phone", re.compile(r"\b(phone|telephone|contact)\s+(number|no)\b", re.I)),
    ("clock", re.compile(r"\b(opening\s+(hours|times)|what time|open (at|until|from))\b", re.I)),
    (
        "money",
        re.compile(
            r"\b(budget|salary|salaries|cost|costs|fees?|price|how much (money|funding|investment)"
            # "nobody seemed to be in charge at night" asks who runs the care, not what it costs
            r"|(?<!\bin\s)(?<!\btake\s)(?<!\btook\s)charges?"
            # "spend a lot of time on syringe drivers" is not about money
            r"|spend(?!\s+(?:[\w']+\s+){0,4}?(?:time|days|nights|hours|weeks|evenings|weekends)\b))\b",
            re.I,
        ),
    ),
    ("count", re.compile(r"\bhow many\b", re.I)),
]
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def answer_type(question: str) -> str | None:
    for name, pattern in _ANSWER_TYPES:
        if pattern.search(question):
            return name
    return None


@dataclass(frozen=True)
class QueryPlan:
    """Everything retrieval and composition need to know about one standalone question."""

    question: str
    standalone: str
    boroughs: tuple[str, ...]
    hard_filter: tuple[str, ...]
    nw_london: bool
    outside: tuple[str, ...]
    expansions: tuple[str, ...]
    intent: Intent
    topic_terms: tuple[str, ...]
    answer_type: str | None = None
    years: tuple[str, ...] = ()
    slot: Slot | None = None  # the detail asked for; None for explanations and lists
    moment: int | None = None  # a time of day the question asks about, in minutes after midnight
    sites: tuple[str, ...] = ()  # the sites asked about ("Central Middlesex Hospital"), as the question writes them

    @property
    def keyword_text(self) -> str:
        # The question's own words count twice: expansions help recall but must not outvote them.
        return " ".join((self.standalone, self.standalone, *self.expansions))

    @property
    def dense_text(self) -> str:
        spelled = [e for e in self.expansions if " " in e]
        return self.standalone + (" (" + "; ".join(spelled[:4]) + ")" if spelled else "")

    @property
    def scope(self) -> tuple[str, ...]:
        """Boroughs the answer is about: the hard filter if given, else those the question names."""
        return self.hard_filter or self.boroughs

    @property
    def out_of_scope(self) -> bool:
        # A filter chosen in the UI does not make "palliative care in Camden" a question about Ealing.
        return bool(self.outside) and not self.boroughs and not self.nw_london


@cache
def _synonym_groups() -> tuple[tuple[str, ...], ...]:
    data = yaml.safe_load(resources.files("assistant.data").joinpath("synonyms.yaml").read_text("utf-8"))
    return tuple(tuple(str(t) for t in group) for group in data["groups"])


@cache
def _term_pattern(term: str) -> re.Pattern[str]:
    flags = 0 if term.isupper() and len(term) <= 5 else re.I  # short acronyms match only in capitals
    return re.compile(r"(?<![\w&])" + re.escape(term).replace(r"\ ", r"[\s-]+") + r"(?![\w&])", flags)


def expansions(text: str) -> tuple[str, ...]:
    """Other members of every synonym group the text mentions."""
    found: list[str] = []
    for group in _synonym_groups():
        if any(_term_pattern(term).search(text) for term in group):
            for term in group:
                if not _term_pattern(term).search(text) and term not in found:
                    found.append(term)
    return tuple(found)


_LEADING = [
    (Intent.when, re.compile(r"^\W*(and |so |ok,? )?(when|by when|what date|which date|how long|what time)\b", re.I)),
    (Intent.number, re.compile(r"^\W*(and |so )?(how (many|much)|what percentage|what proportion)\b", re.I)),
]


def detect_intent(question: str) -> Intent:
    """The kind of answer wanted; the question's opening words win over words later on."""
    if _INTENTS[0][1].search(question):
        return _INTENTS[0][0]
    for intent, pattern in _LEADING:
        if pattern.search(question):
            return intent
    for intent, pattern in _INTENTS[1:]:
        if pattern.search(question):
            return intent
    return Intent.general


def parse_boroughs(names: list[str]) -> tuple[str, ...]:
    """Canonical names for an explicit borough filter; InputError for a name we do not know."""
    result: list[str] = []
    for name in names:
        try:
            value = canonical(name)
        except ValueError as exc:
            raise InputError(str(exc)) from exc
        if value == NW_LONDON:
            continue
        if value not in result:
            result.append(value)
    return tuple(b for b in BOROUGHS if b in result)


def _with_synonym_heads(slot: Slot | None) -> Slot | None:
    """A count of "INTs" is also stated as "three integrated neighbourhood teams": count the synonyms' nouns too."""
    if slot is None or not slot.head:
        return slot
    heads = tuple(dict.fromkeys(member[-1] for member in _synonym_terms().get(slot.head, ()) if member))
    return replace(slot, heads=heads)


def plan_query(question: str, standalone: str, hard_filter: tuple[str, ...] = ()) -> QueryPlan:
    scope = detect(respelled_places(standalone))
    sites = sites_asked(standalone)
    intent = detect_intent(standalone)
    return QueryPlan(
        question=question,
        standalone=standalone,
        boroughs=scope.boroughs,
        hard_filter=hard_filter,
        nw_london=scope.nw_london,
        outside=scope.outside,
        expansions=expansions(standalone),
        intent=intent,
        # A site asked about is what the passages must speak of ("what's new at Northwick Park Hospital?"), not
        # only a place that scopes the question to its borough.
        topic_terms=tuple(content_terms(" ".join((strip_places(standalone), *sites)))),
        answer_type=answer_type(standalone),
        years=tuple(m.group(0) for m in _YEAR.finditer(standalone)),
        slot=_with_synonym_heads(asked_slot(standalone)),
        moment=asked_moment(standalone),
        sites=sites,
    )


@cache
def _synonym_terms() -> dict[str, tuple[tuple[str, ...], ...]]:
    """For each stemmed word of a synonym group, the other members as tuples of stemmed terms."""
    mapping: dict[str, list[tuple[str, ...]]] = {}
    for group in _synonym_groups():
        members = [tuple(terms(m)) for m in group]
        members = [m for m in members if m]
        for member in members:
            for word in member:
                mapping.setdefault(word, []).extend(o for o in members if o != member)
    return {k: tuple(v) for k, v in mapping.items()}


def synonym_present(term: str, found: Container[str]) -> bool:
    """Whether some synonym of a question term (all its words) occurs among the found terms."""
    return any(all(w in found for w in member) for member in _synonym_terms().get(term, ()))


def synonym_known(term: str, vocabulary: Container[str]) -> bool:
    """Whether some synonym of a term (all its words) is in a vocabulary, e.g. the catalog's."""
    return any(all(w in vocabulary for w in member) for member in _synonym_terms().get(term, ()))
