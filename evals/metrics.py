"""Metric definitions, as pure functions over small records (docs/evaluation.md states them in prose).

Retrieval: a passage supports an item if a gold quote is inside it (normalised text), or it lies in
the quote's document and covers at least 60% of the quote's characters. Answers: fact recall,
abstention, citation precision and the share of answer lines carrying a citation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evals.matching import Span, contains, normalise

MIN_QUOTE_COVER = 0.6
RANK_CUTOFF = 10
HIT_KS = (1, 3, 5, 10)
MAX_LABEL_WORDS = 8
_MARKER = re.compile(r"\[\d+\]")


@dataclass(frozen=True)
class GoldQuote:
    """A gold quote with every place it occurs, per coordinate system ('clean' text or 'raw' file)."""

    file: str
    quote: str
    spans: dict[str, tuple[Span, ...]]


@dataclass(frozen=True)
class PassageRef:
    """The part of a retrieved passage the support test needs."""

    file: str
    text: str
    start: int
    end: int
    coordinates: str


def covered_share(passage: PassageRef, span: Span) -> float:
    """Share of the quote's characters that fall inside the passage's [start, end)."""
    if passage.file != span.file or span.end <= span.start:
        return 0.0
    overlap = min(passage.end, span.end) - max(passage.start, span.start)
    return max(overlap, 0) / (span.end - span.start)


def supports(passage: PassageRef, quote: GoldQuote) -> bool:
    """Whether the passage contains the quote, or (same document) covers >= 60% of its characters."""
    if contains(passage.text, quote.quote):
        return True
    return any(covered_share(passage, s) >= MIN_QUOTE_COVER for s in quote.spans.get(passage.coordinates, ()))


def first_supporting_rank(support: Sequence[bool]) -> int | None:
    """1-based rank of the first supporting passage, or None."""
    return next((rank for rank, ok in enumerate(support, start=1) if ok), None)


def hit_at(rank: int | None, k: int) -> bool:
    return rank is not None and rank <= k


def reciprocal_rank(rank: int | None, cutoff: int = RANK_CUTOFF) -> float:
    """1/rank of the first supporting passage; 0 when there is none in the top `cutoff`."""
    return 1.0 / rank if rank is not None and rank <= cutoff else 0.0


def source_recall(supported_files: Iterable[str], gold_files: Sequence[str]) -> float:
    """Fraction of the item's distinct gold files that have a supporting passage."""
    gold = set(gold_files)
    return len(gold & set(supported_files)) / len(gold) if gold else 0.0


def facts_found(answer: str, facts: Sequence[str]) -> tuple[list[str], list[str]]:
    """(found, missing): each expected fact looked for as a normalised substring of the answer."""
    text = normalise(answer)
    found = [f for f in facts if normalise(f) in text]
    return found, [f for f in facts if f not in found]


def is_section_label(line: str) -> bool:
    """A short heading line such as 'Brent:' that introduces cited lines and claims nothing itself."""
    return line.endswith(":") and len(line.split()) <= MAX_LABEL_WORDS and not _MARKER.search(line)


def answer_lines(answer: str) -> list[str]:
    """The lines that make claims: not empty, and not a section label. A longer unmarked line ending in ':' that
    introduces bullets ("Older plans (not current; each shown with its date):") is a label too."""
    lines = [line.strip() for line in answer.splitlines()]
    following = [*(next((n for n in lines[i + 1 :] if n), "") for i in range(len(lines)))]
    return [
        line
        for line, after in zip(lines, following, strict=True)
        if line and not is_section_label(line) and not _introduces_bullets(line, after)
    ]


def _introduces_bullets(line: str, after: str) -> bool:
    return line.endswith(":") and not _MARKER.search(line) and after.startswith("- ")


def cited_lines(answer: str) -> tuple[int, int]:
    """(lines carrying a [n] marker, claim lines)."""
    lines = answer_lines(answer)
    return sum(1 for line in lines if _MARKER.search(line)), len(lines)


def rate(flags: Iterable[bool]) -> float | None:
    """Share of True, or None for an empty population (so 'n/a' is never confused with 0)."""
    values = list(flags)
    return sum(values) / len(values) if values else None


def mean(values: Iterable[float]) -> float | None:
    data = list(values)
    return sum(data) / len(data) if data else None


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100): a value that was actually observed."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]
