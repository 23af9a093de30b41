"""Which boroughs a chunk is tagged with, on documents written here: no model (words stand in for tokens)."""

from __future__ import annotations

from assistant.boroughs import BOROUGHS, NW_LONDON
from assistant.records import Chunk, CleanDocument, DocumentMeta
from ingest.chunking import Chunker, chunk_document
from ingest.cleaning import clean

SUMMARY = """# Better palliative care

## What it means for Brent

Brent residents will get a new hospice at home service.

## What next

New contracts will be in place with all providers by 1 October 2025.
"""


def _tags(title: str, boroughs: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    meta = DocumentMeta("d", "d.md", title, "NHS", "2025", "2025-07", "summary", boroughs)
    result = clean(SUMMARY, BOROUGHS, structured=True)
    chunks: list[Chunk] = chunk_document(
        CleanDocument(meta, result.text, "h"), result, Chunker(lambda s: len(s.split()))
    )
    return {c.heading_path[-1]: c.boroughs for c in chunks}


def test_a_boroughs_edition_of_a_nw_london_plan_states_the_plans_own_steps_for_every_borough() -> None:
    tags = _tags("Better palliative care for all residents in North West London: what it means for Brent", ("Brent",))
    assert tags["What it means for Brent"] == ("Brent",)
    assert tags["What next"] == ("Brent", NW_LONDON)


def test_a_boroughs_own_document_stays_the_boroughs() -> None:
    tags = _tags("Brent palliative care plan", ("Brent",))
    assert set(tags.values()) == {("Brent",)}
