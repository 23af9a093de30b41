from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.processes import ChromaServer
from assistant.embedding import Embedder
from assistant.errors import StoreCorrupt
from assistant.settings import ChromaMode, Settings
from assistant.snapshot import load_snapshot
from assistant.store import ChromaStore
from ingest.pipeline import Ingestor

pytestmark = pytest.mark.slow


def _ingest(settings: Settings, embedder: Embedder):
    return Ingestor(settings, lambda: embedder).run()


def published(settings: Settings) -> ChromaStore:
    """The Chroma collection of the catalog in force."""
    snapshot = load_snapshot(settings.data_dir, with_keyword=False)
    assert snapshot is not None and snapshot.collection
    return ChromaStore(settings, snapshot.collection)


def test_bundled_corpus_ingests_with_metadata(bundled_index: Settings) -> None:
    snapshot = load_snapshot(bundled_index.data_dir)
    assert snapshot is not None and len(snapshot.documents) == 5
    store = published(bundled_index)
    assert store.count() == len(snapshot.chunks)
    record = store.collection.get(ids=[snapshot.chunks[0].chunk_id], include=["metadatas", "documents"])
    meta = record["metadatas"][0]
    for key in ("doc_id", "file", "title", "date", "doc_type", "heading_path", "boroughs", "start", "end"):
        assert key in meta
    doc = snapshot.documents[meta["doc_id"]]
    assert doc.text[meta["start"] : meta["end"]] == record["documents"][0]
    rows = store.collection.get(where={"kind": "table_row"}, include=["metadatas"])["metadatas"]
    labelled = [m for m in rows if m["context"]]
    assert len(labelled) > 200 and all(str(m["context"]).startswith("Table columns: ") for m in labelled)
    # Every table in the palliative-care documents ("Current | New", the timeline) has a header row: all carry it.
    cspc = [m for m in rows if str(m["doc_id"]).startswith("cspc-")]
    assert len(cspc) > 10 and all(str(m["context"]).startswith("Table columns: ") for m in cspc)


def test_reingest_is_idempotent(small_settings: Settings, embedder: Embedder) -> None:
    first = _ingest(small_settings, embedder)
    second = _ingest(small_settings, embedder)
    assert len(first.added) == 2 and second.unchanged == first.added and second.chunks_embedded == 0
    assert published(small_settings).count() == first.chunk_count == second.chunk_count


def test_changed_file_replaces_only_its_chunks(
    small_settings: Settings, small_corpus: Path, embedder: Embedder
) -> None:
    _ingest(small_settings, embedder)
    before = load_snapshot(small_settings.data_dir)
    assert before is not None
    target = small_corpus / "001_e428300c06631fe6.txt"
    target.write_text(target.read_text("utf-8").replace("nine engagement events", "eleven engagement events"))
    report = _ingest(small_settings, embedder)
    after = load_snapshot(small_settings.data_dir)
    assert after is not None
    assert report.updated == ["001_e428300c06631fe6.txt"] and report.unchanged == ["000_aa87430d678cc82c.txt"]
    untouched = "cspc-hf-summary-2025"
    assert [c.chunk_id for c in before.by_doc[untouched]] == [c.chunk_id for c in after.by_doc[untouched]]
    changed_before = {c.chunk_id for c in before.by_doc["cspc-model-of-care-2024"]}
    changed_after = {c.chunk_id for c in after.by_doc["cspc-model-of-care-2024"]}
    assert changed_before != changed_after and len(changed_before ^ changed_after) == 2
    assert published(small_settings).all_ids() == {c.chunk_id for c in after.chunks}


def test_removed_file_is_pruned(small_settings: Settings, small_corpus: Path, embedder: Embedder) -> None:
    _ingest(small_settings, embedder)
    (small_corpus / "001_e428300c06631fe6.txt").unlink()
    report = _ingest(small_settings, embedder)
    assert report.removed == ["001_e428300c06631fe6.txt"]
    ids = published(small_settings).all_ids()
    assert ids and not any(i.startswith("cspc-model-of-care-2024:") for i in ids)


def test_bad_files_are_skipped_and_previous_version_kept(
    small_settings: Settings, small_corpus: Path, embedder: Embedder
) -> None:
    _ingest(small_settings, embedder)
    (small_corpus / "empty.txt").write_text("")
    (small_corpus / "latin1.txt").write_bytes("caf\xe9 cr\xe8me".encode("latin-1"))
    (small_corpus / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (small_corpus / "data.xlsx").write_bytes(b"PK")
    (small_corpus / "001_e428300c06631fe6.txt").write_bytes(b"\xff\xfe\x00bad")
    report = _ingest(small_settings, embedder)
    reasons = dict(report.skipped)
    assert set(reasons) == {"empty.txt", "latin1.txt", "broken.pdf", "data.xlsx", "001_e428300c06631fe6.txt"}
    assert "empty" in reasons["empty.txt"] and "UTF-8" in reasons["latin1.txt"]
    snapshot = load_snapshot(small_settings.data_dir)
    assert snapshot is not None and "cspc-model-of-care-2024" in snapshot.documents


def test_crash_before_commit_leaves_previous_version_searchable(
    small_settings: Settings, small_corpus: Path, embedder: Embedder
) -> None:
    _ingest(small_settings, embedder)
    before = load_snapshot(small_settings.data_dir)
    assert before is not None
    target = small_corpus / "000_aa87430d678cc82c.txt"
    target.write_text(target.read_text("utf-8").replace("8am to 8pm", "7am to 9pm"))

    class Killed(Exception):
        pass

    ingestor = Ingestor(small_settings, lambda: embedder)

    def die(*args: object, **kwargs: object) -> None:
        raise Killed

    import ingest.pipeline as pipeline

    original = pipeline.write_snapshot
    pipeline.write_snapshot = die  # the process "dies" after Chroma writes, before the commit
    try:
        with pytest.raises(Killed):
            ingestor.run()
    finally:
        pipeline.write_snapshot = original
    after_crash = load_snapshot(small_settings.data_dir)
    assert after_crash is not None
    assert [c.chunk_id for c in after_crash.chunks] == [c.chunk_id for c in before.chunks]
    assert "8am to 8pm" in after_crash.documents["cspc-hf-summary-2025"].text
    report = _ingest(small_settings, embedder)
    assert report.updated == ["000_aa87430d678cc82c.txt"]
    final = load_snapshot(small_settings.data_dir)
    assert final is not None
    assert published(small_settings).all_ids() == {c.chunk_id for c in final.chunks}


def test_zero_byte_store_is_reported_not_silently_emptied(small_settings: Settings, embedder: Embedder) -> None:
    _ingest(small_settings, embedder)
    shutil.rmtree(small_settings.chroma_dir)
    small_settings.chroma_dir.mkdir()
    (small_settings.chroma_dir / "chroma.sqlite3").write_bytes(b"")
    with pytest.raises(StoreCorrupt, match="0 bytes"):
        _ingest(small_settings, embedder)


def test_emptied_store_with_catalog_is_reported(small_settings: Settings, embedder: Embedder) -> None:
    _ingest(small_settings, embedder)
    shutil.rmtree(small_settings.chroma_dir)
    _forget_open_clients()
    with pytest.raises(StoreCorrupt, match="rebuild"):
        _ingest(small_settings, embedder)
    report = Ingestor(small_settings, lambda: embedder).run(rebuild=True)
    assert len(report.added) == 2 and published(small_settings).count() == report.chunk_count


def _forget_open_clients() -> None:
    """Chroma caches clients per path in-process; a new CLI run would start without that cache."""
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    server = ChromaServer(tmp_path / "server")
    server.start()
    try:
        yield server.port
    finally:
        server.stop()


@pytest.mark.server
def test_round_trip_against_chroma_server(
    tmp_path: Path, small_corpus: Path, chroma_server: int, embedder: Embedder
) -> None:
    settings = Settings(
        data_dir=tmp_path / "data",
        corpus_dir=small_corpus,
        chroma_mode=ChromaMode.http,
        chroma_port=chroma_server,
    )
    first = _ingest(settings, embedder)
    second = _ingest(settings, embedder)
    store = published(settings)
    assert store.count() == first.chunk_count == second.chunk_count and second.chunks_embedded == 0
    hits = store.query(embedder.embed_query("hospice at home overnight nursing"), k=3)
    snapshot = load_snapshot(settings.data_dir)
    assert snapshot is not None
    assert "hospice at home" in snapshot.by_id[hits[0].chunk_id].text.lower()
