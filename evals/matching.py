"""Text normalisation for matching gold quotes and facts against documents, passages and answers.

Gold quotes were copied from the raw files; the product cites its clean text (Markdown `**` and
HTML removed, tab-separated cells rendered as ` | `). Matching therefore happens on a normal form
that forgives exactly those differences: Unicode NFKC, lower case, `**` removed, whitespace
collapsed, and a tab or a ` | ` cell separator read as a space.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_CELL_SEPARATOR = " | "


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normal form of text, plus for each of its characters the offset it came from in text."""
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(text):
        if text.startswith("**", i):
            i += 2
            continue
        if text.startswith(_CELL_SEPARATOR, i):
            piece, step = " ", len(_CELL_SEPARATOR)
        else:
            piece, step = unicodedata.normalize("NFKC", text[i]).lower(), 1
        for ch in piece:
            if ch.isspace():
                if out and out[-1] != " ":
                    out.append(" ")
                    offsets.append(i)
            else:
                out.append(ch)
                offsets.append(i)
        i += step
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """The normal form used for every containment test in the evaluation."""
    return normalise_with_offsets(text)[0]


def contains(haystack: str, needle: str) -> bool:
    """Whether needle occurs in haystack once both are normalised (an empty needle never does)."""
    target = normalise(needle)
    return bool(target) and target in normalise(haystack)


@dataclass(frozen=True)
class Span:
    """Where a quote sits in one document's text: [start, end) offsets of that text."""

    file: str
    start: int
    end: int


class NormalisedText:
    """A document's text with its normal form, so quotes can be located back in original offsets."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self.normal, self._offsets = normalise_with_offsets(text)

    def locate_all(self, quote: str) -> tuple[Span, ...]:
        """Every place the quote occurs (after normalisation), in offsets of the original text."""
        target = normalise(quote)
        spans: list[Span] = []
        at = self.normal.find(target) if target else -1
        while at >= 0:
            spans.append(Span(self.file, self._offsets[at], self._offsets[at + len(target) - 1] + 1))
            at = self.normal.find(target, at + 1)
        return tuple(spans)

    def locate(self, quote: str) -> Span | None:
        """The first place the quote occurs, or None."""
        spans = self.locate_all(quote)
        return spans[0] if spans else None

    def contains(self, fragment: str) -> bool:
        target = normalise(fragment)
        return bool(target) and target in self.normal
