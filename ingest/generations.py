"""Catalog generations on disk and in Chroma: one ingest at a time, and old versions retired after a grace period.

A generation is a snapshot folder plus the Chroma collection named after it. Readers (servers, CLI runs)
load one generation and answer from it alone, so nothing a published generation references may change or
disappear while someone may still read it. Hence:

- only one ingest runs at a time per data dir (an exclusive `flock` on `ingest.lock`, released by the
  kernel when a process dies, so a killed ingest never blocks the next);
- a generation replaced by a newer one is *retired* (time noted in `retired.json`) and only deleted by a
  later ingest once RETIRE_GRACE_S has passed, long after every server has switched (they look every
  second) and every request on it has finished;
- folders and collections no published generation ever named (left by a killed ingest) are deleted at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from assistant.settings import Settings
from assistant.snapshot import Snapshot
from assistant.store import ChromaStore

# Servers poll CURRENT every second and requests finish in seconds; a minute leaves a wide margin.
RETIRE_GRACE_S = 60.0
LOCK_NAME = "ingest.lock"
RETIRED_NAME = "retired.json"


def collection_name(settings: Settings, snapshot_name: str) -> str:
    return f"{settings.collection}-{snapshot_name}"


@contextlib.contextmanager
def ingest_lock(data_dir: Path, on_wait: str | None = None) -> Iterator[None]:
    """Hold the data dir's ingest lock; blocks while another ingest (CLI or server) runs."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / LOCK_NAME).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                import sys

                print(on_wait, file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _read_retired(data_dir: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads((data_dir / RETIRED_NAME).read_text("utf-8"))
        return {str(k): dict(v) for k, v in data.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def _write_retired(data_dir: Path, retired: dict[str, dict[str, object]]) -> None:
    tmp = data_dir / f".{RETIRED_NAME}.tmp"
    tmp.write_text(json.dumps(retired, indent=1), "utf-8")
    os.replace(tmp, data_dir / RETIRED_NAME)


def retire(settings: Settings, replaced: Snapshot | None) -> None:
    """Note that `replaced` stopped being current now; call right after publishing its successor."""
    if replaced is None or not replaced.name:
        return
    retired = _read_retired(settings.data_dir)
    retired[replaced.name] = {"collection": replaced.collection or settings.collection, "at": time.time()}
    _write_retired(settings.data_dir, retired)


def sweep(settings: Settings, current: Snapshot | None, store: ChromaStore, now: float | None = None) -> list[str]:
    """Delete generations that are neither current nor retired within the grace period; returns what went.

    Call only while holding the ingest lock: an ingest in progress owns a collection no snapshot names yet.
    """
    now = time.time() if now is None else now
    retired = _read_retired(settings.data_dir)
    keep = {name: entry for name, entry in retired.items() if now - float(str(entry.get("at", 0))) < RETIRE_GRACE_S}
    keep_folders = set(keep)
    keep_collections = {str(entry.get("collection")) for entry in keep.values()}
    if current is not None:
        keep_folders.add(current.name)
        keep_collections.add(current.collection or settings.collection)
    removed: list[str] = []
    snapshots = settings.data_dir / "snapshots"
    if snapshots.is_dir():
        for folder in snapshots.iterdir():
            if folder.name not in keep_folders:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(f"snapshot {folder.name}")
    ours = settings.collection
    for name in _collection_names(store):
        if (name == ours or name.startswith(ours + "-")) and name not in keep_collections:
            store.client().delete_collection(name)
            removed.append(f"collection {name}")
    if keep != retired:
        _write_retired(settings.data_dir, keep)
    return removed


def _collection_names(store: ChromaStore) -> list[str]:
    listed = store.client().list_collections()
    # chromadb 1.x returns Collection objects; some versions returned plain names.
    return [c if isinstance(c, str) else str(c.name) for c in listed]
