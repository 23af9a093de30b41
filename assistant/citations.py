"""Turn selected evidence into numbered citations, refusing any quote that is not verbatim."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.contract import CitationOut
from assistant.records import CleanDocument, Unit
from assistant.snapshot import Snapshot


class CitationError(AssertionError):
    """A quote does not match its document: a bug, never something to paper over."""


def page_label(citation: CitationOut) -> str:
    """'p. 12', 'pp. 12–13', or '' for a source without pages: how people cite a page of a PDF."""
    if citation.page is None:
        return ""
    return f"pp. {citation.page}–{citation.page_end}" if citation.page_end else f"p. {citation.page}"


def dated(citation: CitationOut) -> str:
    """'5 July 2024', or '5 July 2024, p. 12' for a PDF: when the document said it and on which page."""
    pages = page_label(citation)
    return f"{citation.date}, {pages}" if pages else citation.date


SECTION_SEPARATOR = " › "


def section_path(heading_path: Sequence[str]) -> str:
    """The headings a chunk sits under, without the document's own title (path[0]), as one readable line."""
    return SECTION_SEPARATOR.join(heading_path[1:])


def verbatim_citation(
    n: int, doc: CleanDocument, start: int, end: int, chunk_id: str, heading_path: Sequence[str], what: str = ""
) -> CitationOut:
    """Citation `n` of doc.text[start:end], with its page and section; CitationError unless it is verbatim text."""
    quote = doc.text[start:end]
    if not quote.strip():
        raise CitationError(f"{what}citation {n} is not verbatim at {doc.meta.doc_id}[{start}:{end}]")
    page, page_end = doc.page_span(start, end)
    return CitationOut(
        n=n,
        file=doc.meta.file,
        document=doc.meta.doc_id,
        title=doc.meta.title,
        date=doc.meta.date,
        quote=quote,
        start=start,
        end=end,
        chunk_id=chunk_id,
        page=page,
        page_end=page_end,
        section=section_path(heading_path),
    )


def build_citations(units: Sequence[Unit], snapshot: Snapshot) -> list[CitationOut]:
    citations = []
    for n, unit in enumerate(units, start=1):
        doc = snapshot.documents[unit.chunk.doc_id]
        if doc.text[unit.start : unit.end] != unit.text:
            raise CitationError(f"citation {n} is not verbatim at {unit.chunk.doc_id}[{unit.start}:{unit.end}]")
        citations.append(verbatim_citation(n, doc, unit.start, unit.end, unit.chunk.chunk_id, unit.chunk.heading_path))
    return citations
