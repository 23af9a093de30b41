"""Typed records passed between pipeline stages, defined once."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

ChunkKind = Literal["text", "list", "table_row", "table_cell"]
Status = Literal["proposed", "decided", "in place", "mixed"]
STATUSES: tuple[Status, ...] = ("proposed", "decided", "in place", "mixed")
# answered: the documents state what was asked; partial: they do not, but say something close (cited);
# not_found: they say nothing that answers it (nothing cited).
Outcome = Literal["answered", "partial", "not_found"]


@dataclass(frozen=True)
class DocumentMeta:
    """What a reader needs to judge a source: who said it, when, and about where."""

    doc_id: str
    file: str
    title: str
    publisher: str
    date: str
    date_sort: str
    doc_type: str
    boroughs: tuple[str, ...]
    status: str = ""
    notes: str = ""
    short_title: str = ""
    inferred: tuple[str, ...] = ()  # fields read from the document itself because no manifest entry gave them

    @property
    def label(self) -> str:
        """The name used at the root of heading paths; short, since it is embedded with every chunk."""
        return self.short_title or self.title


@dataclass(frozen=True)
class CleanDocument:
    """A document's clean text: the coordinate system every offset and quote refers to."""

    meta: DocumentMeta
    text: str
    raw_hash: str
    pages: tuple[int, ...] = ()  # offset in `text` where page n starts, at index n-1; () for unpaged formats
    source: str = ""  # the ingested file's path, so the original can be served

    def page_span(self, start: int, end: int) -> tuple[int | None, int | None]:
        """(page, page_end) of the span [start, end): page_end only when the span runs onto a later page."""
        if not self.pages:
            return None, None
        first = bisect_right(self.pages, start)
        last = bisect_right(self.pages, max(start, end - 1))
        return first, (last if last != first else None)


@dataclass(frozen=True)
class Chunk:
    """A retrievable span of a clean document plus the context it is embedded with."""

    chunk_id: str
    doc_id: str
    file: str
    index: int
    kind: ChunkKind
    start: int
    end: int
    text: str
    heading_path: tuple[str, ...]
    context: str
    boroughs: tuple[str, ...]
    title: str
    date: str
    doc_type: str

    @property
    def embed_text(self) -> str:
        """Heading path and table header travel with the text so both retrievers see them."""
        parts = [embed_path(self.heading_path)]
        if self.context:
            parts.append(self.context)
        parts.append(self.text)
        return "\n".join(p for p in parts if p)

    @property
    def content_hash(self) -> str:
        return content_hash(self.embed_text)


def embed_path(heading_path: tuple[str, ...]) -> str:
    """Document label plus the two nearest headings: the context that matters, at a bounded token cost."""
    return " > ".join((*heading_path[:1], *heading_path[1:][-2:]))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Hit:
    """A chunk found for a query, with the scores each retriever gave it."""

    chunk: Chunk
    score: float
    dense_score: float | None = None
    bm25_score: float | None = None
    signals: dict[str, float] = field(default_factory=dict)


@dataclass
class Unit:
    """A citable span: one sentence, list item or table row of a retrieved chunk."""

    chunk: Chunk
    start: int
    end: int
    text: str
    rank: int
    cells: list[tuple[str, str]] = field(default_factory=list)
    score: float = 0.0
    coverage: float = 0.0


@dataclass
class Composition:
    """What a composer returns: the answer text and the units it cites, [1] first."""

    answer: str
    units: list[Unit]
    abstained: bool
    status: Status | None
    best_coverage: float
    composer: str = "extractive"
    outcome: Outcome | None = None  # None: "not_found" when abstained, else "answered"

    @property
    def settled_outcome(self) -> Outcome:
        if self.outcome is not None:
            return self.outcome
        return "not_found" if self.abstained else "answered"
