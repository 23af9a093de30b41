"""Turn selected evidence into numbered citations, refusing any quote that is not verbatim."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.contract import CitationOut
from assistant.snapshot import Snapshot

if TYPE_CHECKING:
    from assistant.compose import Unit


class CitationError(AssertionError):
    """A quote does not match its document: a bug, never something to paper over."""


SECTION_SEPARATOR = " › "


def section_path(heading_path: Sequence[str]) -> str:
    """The headings a chunk sits under, without the document's own title (path[0]), as one readable line."""
    return SECTION_SEPARATOR.join(heading_path[1:])


def build_citations(units: Sequence[Unit], snapshot: Snapshot) -> list[CitationOut]:
    citations = []
    for n, unit in enumerate(units, start=1):
        doc = snapshot.documents[unit.chunk.doc_id]
        quote = doc.text[unit.start : unit.end]
        if quote != unit.text or not quote.strip():
            raise CitationError(f"citation {n} is not verbatim at {unit.chunk.doc_id}[{unit.start}:{unit.end}]")
        citations.append(
            CitationOut(
                n=n,
                file=doc.meta.file,
                document=doc.meta.doc_id,
                title=doc.meta.title,
                date=doc.meta.date,
                quote=quote,
                start=unit.start,
                end=unit.end,
                chunk_id=unit.chunk.chunk_id,
                section=section_path(unit.chunk.heading_path),
            )
        )
    return citations
