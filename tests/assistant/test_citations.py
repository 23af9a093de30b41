"""Citations quote the document verbatim at their offsets, or the answer is refused as a bug."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.citations import CitationError, build_citations
from assistant.compose import split_units
from tests.assistant.handmade import DOCUMENT, LIST_CHUNK, PARAGRAPH_CHUNK, TEXT, snapshot


def test_citations_are_numbered_verbatim_spans() -> None:
    units = [*split_units(PARAGRAPH_CHUNK, 0)[1:2], *split_units(LIST_CHUNK, 1)[:1]]
    citations = build_citations(units, snapshot())
    assert [c.n for c in citations] == [1, 2]
    first = citations[0]
    assert first.quote == "From 1st October 2025 the team will work 8am to 8pm, 7 days a week."
    assert TEXT[first.start : first.end] == first.quote
    assert (first.file, first.document, first.title, first.chunk_id) == (
        DOCUMENT.meta.file,
        DOCUMENT.meta.doc_id,
        DOCUMENT.meta.title,
        PARAGRAPH_CHUNK.chunk_id,
    )


def test_a_quote_off_by_one_is_refused() -> None:
    unit = split_units(PARAGRAPH_CHUNK, 0)[0]
    shifted = dataclasses.replace(unit, start=unit.start + 1, end=unit.end + 1)
    with pytest.raises(CitationError, match="citation 1 is not verbatim"):
        build_citations([shifted], snapshot())


def test_a_reworded_quote_is_refused() -> None:
    unit = split_units(PARAGRAPH_CHUNK, 0)[0]
    with pytest.raises(CitationError):
        build_citations([dataclasses.replace(unit, text=unit.text.upper())], snapshot())
