"""Which NW London boroughs a piece of text (a heading, a chunk, a question) is about."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from assistant.spelling import by_first_letters, respell

NW_LONDON = "nw_london"
# What an explicit filter may say for "no borough in particular": the whole of NW London.
NW_LONDON_NAMES: tuple[str, ...] = ("NW London", "North West London", NW_LONDON, "all")

BOROUGHS: tuple[str, ...] = (
    "Brent",
    "Ealing",
    "Hammersmith and Fulham",
    "Harrow",
    "Hillingdon",
    "Hounslow",
    "Kensington and Chelsea",
    "Westminster",
)


@dataclass(frozen=True)
class BoroughScope:
    """Boroughs a text names, whether it speaks for all of NW London, and places outside it."""

    boroughs: tuple[str, ...]
    nw_london: bool
    outside: tuple[str, ...]


def borough_key(name: str) -> str:
    """A metadata-safe key for a borough, e.g. 'Hammersmith and Fulham' -> 'hammersmith_and_fulham'."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


@dataclass(frozen=True)
class _Matcher:
    pattern: re.Pattern[str]
    targets: dict[str, tuple[str, ...]]
    nw_pattern: re.Pattern[str]
    outside_pattern: re.Pattern[str]
    outside_names: dict[str, str]


def _spelled(phrase: str) -> str:
    """A phrase as people type it: any run of spaces, the apostrophe straight, curly or left out ("St Marys"), and
    "St" with or without its full stop."""
    pattern = re.escape(phrase).replace(r"\ ", r"\s+").replace("'", "['\u2019]?")
    return re.sub(r"(?<![a-z])st(?=\\s)", r"st\\.?", pattern)


def _alternation(phrases: list[str]) -> str:
    ordered = sorted({re.sub(r"\s+", " ", p.lower()) for p in phrases}, key=len, reverse=True)
    # Letters must not continue on either side; '&' and spaces inside aliases are kept literal.
    return r"(?<![A-Za-z])(" + "|".join(_spelled(p) for p in ordered) + r")(?![A-Za-z])"


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        resources.files("assistant.data").joinpath("boroughs.yaml").read_text("utf-8")
    )
    return data


@cache
def _matcher() -> _Matcher:
    data = _data()
    targets: dict[str, tuple[str, ...]] = {}
    spellings: list[str] = []
    for canonical, aliases in data["boroughs"].items():
        for alias in [canonical, *aliases]:
            targets[_norm(alias)] = (canonical,)
            spellings.append(alias)
    for alias, members in data["groups"].items():
        targets[_norm(alias)] = tuple(members)
        spellings.append(alias)
    outside = {_norm(name): name for name in data["outside"]}
    return _Matcher(
        pattern=re.compile(_alternation(spellings), re.IGNORECASE),
        targets=targets,
        nw_pattern=re.compile(_alternation(data["nw_london"]), re.IGNORECASE),
        outside_pattern=re.compile(_alternation(data["outside"]), re.IGNORECASE),
        outside_names=outside,
    )


def _norm(match: str) -> str:
    """The key a name is looked up by: lower case, single spaces, no apostrophes, no full stop after "St"."""
    folded = re.sub(r"['\u2019]", "", match.lower())
    return re.sub(r"\s+", " ", re.sub(r"(?<![a-z])st\.", "st", folded))


def detect(text: str) -> BoroughScope:
    """Scan text for borough names and aliases, NW London-wide phrases and outside places."""
    m = _matcher()
    found: list[str] = []
    for hit in m.pattern.finditer(text):
        for canonical in m.targets.get(_norm(hit.group(1)), ()):
            if canonical not in found:
                found.append(canonical)
    outside = []
    for hit in m.outside_pattern.finditer(text):
        name = m.outside_names.get(_norm(hit.group(1)))
        if name and name not in outside:
            outside.append(name)
    ordered = tuple(b for b in BOROUGHS if b in found)
    return BoroughScope(ordered, bool(m.nw_pattern.search(text)), tuple(outside))


# The place names of a question may be misspelt ("houslow", "westminister", "Fulahm"): see assistant/spelling.py.
MIN_RESPELLED = 5


def _words(names: Iterable[str]) -> list[str]:
    return [w.lower() for name in names for w in re.split(r"[^A-Za-z]+", name) if w]


@cache
def _place_words() -> dict[str, tuple[str, ...]]:
    return by_first_letters(_words(_matcher().targets), MIN_RESPELLED)


@cache
def _outside_words() -> frozenset[str]:
    return frozenset(_words(_matcher().outside_names))


def respelled_places(text: str) -> str:
    """The question with misspelt borough and area names written as the names; a place outside NW London ("Harlow",
    "Sutton") is never read as one inside it."""
    return respell(text, _place_words(), MIN_RESPELLED, keep=_outside_words())


# The gazetteer's sites (hospitals, given by their full names): a question may ask what changes at one of them.
SITE_KIND = re.compile(r"\b(?:hospitals?|hospices?|centres?|clinics?)\b", re.I)
# Where someone is, not what is asked about: "living near Northwick Park Hospital", "discharged from St Mary's".
_BESIDE_SITE = re.compile(r"\b(?:near|by|beside|opposite|around|from|past|next\s+to|close\s+to)\s+(?:the\s+)?$", re.I)


@cache
def _site_pattern() -> re.Pattern[str]:
    sites = [a for aliases in _data()["boroughs"].values() for a in aliases if SITE_KIND.search(a)]
    return re.compile(_alternation(sites), re.IGNORECASE)


def site_names(text: str) -> tuple[str, ...]:
    """The sites a question asks about, as it writes them ("What is changing at Central Middlesex Hospital?"); a
    site the asker is only near or comes from is where they are, not what they ask about."""
    found: list[str] = []
    for hit in _site_pattern().finditer(text):
        name = " ".join(hit.group(1).split())
        if not _BESIDE_SITE.search(text[: hit.start()]) and name not in found:
            found.append(name)
    return tuple(found)


def site_name(site: str) -> str:
    """A site's name without its kind: "Central Middlesex" for "Central Middlesex Hospital"."""
    return SITE_KIND.sub(" ", site)


def names_site(text: str, site: str) -> bool:
    """Whether a text names a site, by its name without its kind ("Central Middlesex"), however its apostrophes,
    ampersands and spaces are typed."""
    name = _site_form(site_name(site))
    return re.search(r"(?<![a-z])" + re.escape(name) + r"(?![a-z])", _site_form(text)) is not None


def _site_form(text: str) -> str:
    return " ".join(_norm(text).replace("&", " and ").split())


@cache
def _place_families() -> re.Pattern[str]:
    return re.compile(_matcher().pattern.pattern + r"(?=\s+famil(?:y|ies)\b)", re.IGNORECASE)


def strip_places(text: str, households: bool = False) -> str:
    """The text with borough names, NW London-wide phrases and outside places blanked out. With `households`, a
    place's families are written as local ones ("Brent families" → "local families"): the people of a place, not
    the children's services a family names on its own."""
    m = _matcher()
    if households:
        text = _place_families().sub("local", text)
    for pattern in (m.pattern, m.nw_pattern, m.outside_pattern):
        text = pattern.sub(" ", text)
    return text


@cache
def _filter_names() -> dict[str, str]:
    """Every spelling a borough filter accepts, keyed by its folded form, mapped to what it stands for."""
    names: dict[str, str] = {}
    for canonical_name, aliases in _data()["boroughs"].items():
        for alias in [canonical_name, *aliases]:
            names.setdefault(_norm(alias), canonical_name)
    for name in NW_LONDON_NAMES:
        names[_norm(name)] = NW_LONDON_NAMES[0]
    return names


@cache
def filter_choices() -> tuple[str, ...]:
    """The accepted spellings as written in boroughs.yaml (the API schema's enum): names, aliases, NW London."""
    spelled: list[str] = []
    for canonical_name, aliases in _data()["boroughs"].items():
        spelled.extend(a for a in [canonical_name, *aliases] if a not in spelled)
    return (*spelled, *NW_LONDON_NAMES)


def filter_name(name: str) -> str:
    """The canonical borough (or 'NW London') an explicit filter value stands for, ignoring case and spacing.

    Unlike `canonical`, only a whole name or alias counts, so the API's enum says exactly what is accepted.
    """
    found = _filter_names().get(_norm(name.strip()))
    if found is None:
        raise ValueError(f"not a NW London borough name or alias; expected one of: {', '.join(BOROUGHS)}")
    return found


def canonical(name: str) -> str:
    """Map a user-supplied borough name or alias to its canonical form; raise ValueError if unknown."""
    text = name.strip()
    if _norm(text) in {"nw london", "nw_london", "north west london", "all"}:
        return NW_LONDON
    scope = detect(text)
    if len(scope.boroughs) == 1:
        return scope.boroughs[0]
    raise ValueError(f"unknown borough {name!r}; expected one of: {', '.join(BOROUGHS)}")
