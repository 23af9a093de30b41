"""Which NW London boroughs a piece of text (a heading, a chunk, a question) is about."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

NW_LONDON = "nw_london"

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


def _alternation(phrases: list[str]) -> str:
    ordered = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    # Letters must not continue on either side; '&' and spaces inside aliases are kept literal.
    return r"(?<![A-Za-z])(" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + r")(?![A-Za-z])"


@cache
def _matcher() -> _Matcher:
    data = yaml.safe_load(resources.files("assistant.data").joinpath("boroughs.yaml").read_text("utf-8"))
    targets: dict[str, tuple[str, ...]] = {}
    for canonical, aliases in data["boroughs"].items():
        for alias in [canonical, *aliases]:
            targets[alias.lower()] = (canonical,)
    for alias, members in data["groups"].items():
        targets[alias.lower()] = tuple(members)
    outside = {name.lower(): name for name in data["outside"]}
    return _Matcher(
        pattern=re.compile(_alternation(list(targets)), re.IGNORECASE),
        targets=targets,
        nw_pattern=re.compile(_alternation(data["nw_london"]), re.IGNORECASE),
        outside_pattern=re.compile(_alternation(list(outside)), re.IGNORECASE),
        outside_names=outside,
    )


def _norm(match: str) -> str:
    return re.sub(r"\s+", " ", match.lower())


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


def strip_places(text: str) -> str:
    """The text with borough names, NW London-wide phrases and outside places blanked out."""
    m = _matcher()
    for pattern in (m.pattern, m.nw_pattern, m.outside_pattern):
        text = pattern.sub(" ", text)
    return text


def canonical(name: str) -> str:
    """Map a user-supplied borough name or alias to its canonical form; raise ValueError if unknown."""
    text = name.strip()
    if _norm(text) in {"nw london", "nw_london", "north west london", "all"}:
        return NW_LONDON
    scope = detect(text)
    if len(scope.boroughs) == 1:
        return scope.boroughs[0]
    raise ValueError(f"unknown borough {name!r}; expected one of: {', '.join(BOROUGHS)}")
