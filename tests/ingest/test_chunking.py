from __future__ import annotations

import re

import pytest

from assistant.boroughs import BOROUGHS, NW_LONDON
from assistant.embedding import Embedder
from assistant.records import Chunk, CleanDocument
from assistant.settings import BUNDLED_CORPUS
from ingest.chunking import Chunker, chunk_document
from ingest.cleaning import clean
from ingest.loaders import load_manifest

pytestmark = pytest.mark.slow


def _chunks(embedder: Embedder, file: str) -> list[Chunk]:
    meta = load_manifest(BUNDLED_CORPUS)[file]
    result = clean((BUNDLED_CORPUS / file).read_text("utf-8"), BOROUGHS)
    return chunk_document(CleanDocument(meta, result.text, "h"), result, Chunker(embedder.count_tokens))


@pytest.fixture(scope="module")
def corpus_chunks(embedder: Embedder) -> dict[str, list[Chunk]]:
    return {p.name: _chunks(embedder, p.name) for p in sorted(BUNDLED_CORPUS.glob("*.txt"))}


def test_chunks_fit_the_embedder_window(corpus_chunks: dict[str, list[Chunk]], embedder: Embedder) -> None:
    for chunks in corpus_chunks.values():
        for chunk in chunks:
            assert embedder.count_tokens(chunk.embed_text) <= embedder.max_tokens == 256


def test_chunks_are_verbatim_spans_without_markup(corpus_chunks: dict[str, list[Chunk]]) -> None:
    for chunks in corpus_chunks.values():
        for chunk in chunks:
            assert not re.search(r"</?(ul|li|p|h\d|br|i)\b", chunk.embed_text)
            assert "**" not in chunk.text


def test_table_rows_carry_their_header(corpus_chunks: dict[str, list[Chunk]]) -> None:
    rows = [c for c in corpus_chunks["000_aa87430d678cc82c.txt"] if c.kind == "table_row"]
    hours = next(c for c in rows if "9am to 5pm" in c.text)
    assert "8am to 8pm" in hours.text
    assert hours.context.startswith("Table columns: Current community specialist palliative care services")
    assert all(c.context for c in rows)


def test_chunks_carry_heading_path_and_borough_tags(corpus_chunks: dict[str, list[Chunk]]) -> None:
    jfp = corpus_chunks["003_f63b90dd9f61820c.txt"]
    ealing = [c for c in jfp if "Ealing" in c.heading_path]
    assert ealing, "the Ealing borough section should yield chunks under an 'Ealing' heading"
    assert all("Ealing" in c.boroughs for c in ealing)
    assert any("Section 5: Our Borough Based Partnerships" in c.heading_path for c in ealing)
    hf = corpus_chunks["000_aa87430d678cc82c.txt"]
    assert all("Hammersmith and Fulham" in c.boroughs for c in hf)
    model = corpus_chunks["001_e428300c06631fe6.txt"]
    assert all(NW_LONDON in c.boroughs for c in model)
    assert not any(b in BOROUGHS for c in model for b in c.boroughs)


def test_chunk_ids_are_stable_and_unique(embedder: Embedder) -> None:
    first = _chunks(embedder, "003_f63b90dd9f61820c.txt")
    second = _chunks(embedder, "003_f63b90dd9f61820c.txt")
    assert [c.chunk_id for c in first] == [c.chunk_id for c in second]
    assert len({c.chunk_id for c in first}) == len(first)


def test_no_chunk_is_a_bare_heading(corpus_chunks: dict[str, list[Chunk]]) -> None:
    for chunks in corpus_chunks.values():
        for chunk in chunks:
            assert chunk.text.strip() != chunk.heading_path[-1]
