"""Checks of the change register itself: citations verbatim, no heading or demographic line listed as a change.

The register is what `nwl-assistant changes` and GET /v1/changes list, so it is checked as a whole (every
record) and per borough (its recall of the borough's gold, and that it lists every change the answer gave).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from assistant.changes import ChangeRecord
from assistant.records import Chunk
from evals.change_gold import GoldRef
from evals.change_scoring import Bullet, ChangeMatcher
from evals.matching import normalise

# A statement about who lives in a place, not about what will be different: a population measure (share,
# age, birthplace, language, ethnicity, deprivation, life expectancy) next to a figure. Written for any
# area's profile, not from the gold.
_DEMOGRAPHIC = re.compile(
    r"\b(population|median age|born (overseas|abroad|outside)|languages? (are |is )?spoken|main language|"
    r"ethnic(ally)?|minority groups|life expectancy|deprivation|most deprived|census|"
    r"(residents|people) (are|were) aged|aged \d+ (and over|or over|\+))\b",
    re.IGNORECASE,
)
_FIGURE = re.compile(r"\d")


def is_demographic(text: str) -> bool:
    """A line that profiles a population: a population term and a figure."""
    return bool(_DEMOGRAPHIC.search(text)) and bool(_FIGURE.search(text))


def _heading_form(text: str) -> str:
    return normalise(text).rstrip(" :.").strip()


def document_headings(chunks: Iterable[Chunk]) -> dict[str, set[str]]:
    """Every heading of every document (normal form), by file: the chunks' heading paths below the title."""
    headings: dict[str, set[str]] = {}
    for chunk in chunks:
        headings.setdefault(chunk.file, set()).update(_heading_form(h) for h in chunk.heading_path[1:])
    return headings


@dataclass
class RegisterCheck:
    """What is wrong with the register's records, each listed as 'id: detail' for the report."""

    records: int = 0
    not_verbatim: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    not_changes: list[str] = field(default_factory=list)  # demographic lines and the gold's not-changes


def check_register(
    records: Sequence[ChangeRecord],
    texts: Mapping[str, str],
    headings: Mapping[str, set[str]],
    not_changes: Sequence[GoldRef],
    matcher: ChangeMatcher,
) -> RegisterCheck:
    """Every record: each citation span verbatim in its clean text, and a summary that is neither a heading
    of its documents nor a demographic line nor one of the gold's not-changes."""
    check = RegisterCheck(records=len(records))
    for record in records:
        for span in record.spans:
            text = texts.get(span.file)
            inside = text is not None and 0 <= span.start < span.end <= len(text)
            if not inside or text is None or text[span.start : span.end] != span.quote:
                check.not_verbatim.append(f"{record.id}: {span.file} [{span.start}, {span.end}) {span.quote[:80]!r}")
        summary = _heading_form(record.summary)
        files = {s.file for s in record.spans}
        if any(summary in headings.get(f, set()) for f in files):
            check.headings.append(f"{record.id}: {record.summary[:120]}")
        cited = [matcher.cited_span(s.file, s.quote, s.start, s.end, s.chunk_id) for s in record.spans]
        if is_demographic(record.summary) or any(matcher.quote_matches(r, c) for r in not_changes for c in cited):
            check.not_changes.append(f"{record.id}: {record.summary[:120]}")
    return check


def record_bullets(records: Iterable[ChangeRecord], matcher: ChangeMatcher) -> list[Bullet]:
    """Records as bullets, so the register is scored like an answer; a record's spans are its citations.

    A record's own boroughs stand in for a chunk's when the chunk is unknown.
    """
    bullets = []
    for record in records:
        cited = []
        for s in record.spans:
            span = matcher.cited_span(s.file, s.quote, s.start, s.end, s.chunk_id)
            if not span.boroughs:
                span = type(span)(span.file, span.quote, span.start, span.end, frozenset(record.boroughs))
            cited.append(span)
        bullets.append(Bullet(record.summary, tuple(cited)))
    return bullets
