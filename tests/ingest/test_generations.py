"""Catalog generations: a published catalog's vectors stay put until it is retired, and ingests never overlap."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from assistant.embedding import Embedder
from assistant.settings import Settings
from assistant.snapshot import load_snapshot
from assistant.store import ChromaStore
from ingest.generations import RETIRE_GRACE_S, ingest_lock, sweep
from ingest.pipeline import Ingestor

pytestmark = pytest.mark.slow

EDITED = "000_aa87430d678cc82c.txt"


def _collections(settings: Settings) -> set[str]:
    return {c.name for c in ChromaStore(settings).client().list_collections()}


def test_update_leaves_previous_catalog_whole_until_its_grace_period_ends(
    small_settings: Settings, small_corpus: Path, embedder: Embedder
) -> None:
    Ingestor(small_settings, lambda: embedder).run()
    old = load_snapshot(small_settings.data_dir)
    assert old is not None and old.collection
    old_view = ChromaStore(small_settings, old.collection)
    probe = embedder.embed_query("hours of the adult community specialist palliative care team")
    before = [h.chunk_id for h in old_view.query(probe, k=5)]
    target = small_corpus / EDITED
    target.write_text(target.read_text("utf-8").replace("8am to 8pm", "7am to 9pm"), "utf-8")

    report = Ingestor(small_settings, lambda: embedder).run()

    new = load_snapshot(small_settings.data_dir)
    assert new is not None and report.updated == [EDITED] and new.collection != old.collection
    # A reader still on the old catalog sees exactly its vectors, as before the update.
    assert ChromaStore(small_settings, old.collection).count() == len(old.chunks)
    assert [h.chunk_id for h in ChromaStore(small_settings, old.collection).query(probe, k=5)] == before
    assert ChromaStore(small_settings, new.collection).all_ids() == {c.chunk_id for c in new.chunks}
    assert load_snapshot(small_settings.data_dir, name=old.name) is not None

    with ingest_lock(small_settings.data_dir):
        assert sweep(small_settings, new, ChromaStore(small_settings)) == []
        gone = sweep(small_settings, new, ChromaStore(small_settings), now=time.time() + RETIRE_GRACE_S + 1)
    assert sorted(gone) == sorted([f"snapshot {old.name}", f"collection {old.collection}"])
    assert _collections(small_settings) == {new.collection}
    assert [p.name for p in (small_settings.data_dir / "snapshots").iterdir()] == [new.name]


def test_run_killed_before_commit_leaves_nothing_behind_after_the_next(
    small_settings: Settings, small_corpus: Path, embedder: Embedder
) -> None:
    Ingestor(small_settings, lambda: embedder).run()
    first = load_snapshot(small_settings.data_dir)
    assert first is not None
    target = small_corpus / EDITED
    target.write_text(target.read_text("utf-8").replace("8am to 8pm", "7am to 9pm"), "utf-8")

    class Killed(Exception):
        pass

    import ingest.pipeline as pipeline

    def die(*args: object, **kwargs: object) -> None:
        raise Killed

    original = pipeline.write_snapshot
    pipeline.write_snapshot = die  # vectors written, catalog never published
    try:
        with pytest.raises(Killed):
            Ingestor(small_settings, lambda: embedder).run()
    finally:
        pipeline.write_snapshot = original
    assert len(_collections(small_settings)) == 2  # the killed run's collection, never published
    assert load_snapshot(small_settings.data_dir).name == first.name  # type: ignore[union-attr]

    Ingestor(small_settings, lambda: embedder).run()

    final = load_snapshot(small_settings.data_dir)
    assert final is not None and "7am to 9pm" in final.documents["cspc-hf-summary-2025"].text
    # The published one and the one it replaced (in its grace period); the orphan went at once.
    assert _collections(small_settings) == {final.collection, first.collection}


def test_second_ingest_waits_for_the_first(small_settings: Settings, embedder: Embedder) -> None:
    finished = threading.Event()

    def run() -> None:
        Ingestor(small_settings, lambda: embedder).run()
        finished.set()

    with ingest_lock(small_settings.data_dir):
        worker = threading.Thread(target=run)
        worker.start()
        assert not finished.wait(2.0)  # blocked on the lock held here
    worker.join(120)
    assert finished.is_set() and load_snapshot(small_settings.data_dir) is not None
