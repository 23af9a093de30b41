"""Misspelt names in questions: people type "pallative care" and "houslow", and a question that misses its topic or
its borough gets the wrong answer.

A word no English dictionary knows is read as the name it misspells when it starts with the name's first two
letters (few typos fall there) and differs from it by one edit (two from a name of ten letters or more). The
dictionary keeps real words as they are: "bringing" is one edit from the keyword "bridging", "eating" from
"Ealing". Only questions are respelled; documents are read as written.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import OSA
from spellchecker import SpellChecker, WordFrequency

_WORD = re.compile(r"[A-Za-z]+")
LONG_NAME = 10  # letters from which a name may be two edits away


@cache
def _english() -> WordFrequency:
    """pyspellchecker's English word list (160,000 words, shipped in the wheel; 0.1 s to load once)."""
    return SpellChecker(language="en").word_frequency


def by_first_letters(names: Iterable[str], min_letters: int) -> dict[str, tuple[str, ...]]:
    """The one-word names of at least min_letters letters, lowercased, by their first two letters."""
    found: dict[str, list[str]] = {}
    for name in names:
        if name.isalpha() and len(name) >= min_letters and not name.isupper():
            found.setdefault(name[:2].lower(), []).append(name.lower())
    return {k: tuple(dict.fromkeys(v)) for k, v in found.items()}


def respell(
    text: str, names: Mapping[str, tuple[str, ...]], min_letters: int, keep: Container[str] = frozenset()
) -> str:
    """The text with each misspelt name (see the module) written as the name; names start words, so a longer form
    ("palliatives", "Hounslow's") is already right. Words in keep (lowercase) are names of their own."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        lowered = word.lower()
        candidates = names.get(lowered[:2], ())
        if (
            len(word) < min_letters
            or not candidates
            or any(lowered.startswith(c) for c in candidates)
            or lowered in _english()
            or lowered in keep
        ):
            return word
        best = process.extractOne(lowered, candidates, scorer=OSA.distance, score_cutoff=2)
        # two edits only from a long name: "palitive" (two letters dropped) is "palliative"
        if not best or (best[1] > 1 and len(best[0]) < LONG_NAME):
            return word
        return best[0].capitalize() if word[0].isupper() else best[0]

    return _WORD.sub(fix, text)
