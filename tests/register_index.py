"""A copy of an ingested catalog whose change register is never empty, for tests of what reads the register.

Once ingest extracts the register, the copy keeps the records ingest made. A catalog with none (ingest from
before the register) gets records made here from its own chunks: one per borough-specific chunk and a few
NW London-wide ones, each citing its chunk's whole text (verbatim by construction). Tests then assert on what
the API itself returns, so they hold for either register.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from assistant.boroughs import BOROUGHS, NW_LONDON
from assistant.changes import ChangeRecord, ChangeSpan
from assistant.records import Chunk
from assistant.settings import Settings
from assistant.snapshot import Snapshot, load_snapshot, write_snapshot
from assistant.topics import OTHER_TOPIC, keyword_topic

PER_BOROUGH = 2
NW_LONDON_WIDE = 4


def _record(chunk: Chunk, snapshot: Snapshot, scope_boroughs: tuple[str, ...]) -> ChangeRecord:
    doc = snapshot.documents[chunk.doc_id]
    text = doc.text[chunk.start : chunk.end]
    return ChangeRecord(
        id=f"test-{chunk.chunk_id}",
        summary=" ".join(text.split()),
        kind="other",
        topic=keyword_topic(text) or OTHER_TOPIC,
        scope="borough" if scope_boroughs else "nw_london",
        boroughs=scope_boroughs or BOROUGHS,
        document=doc.meta.doc_id,
        title=doc.meta.title,
        date=doc.meta.date,
        date_sort=doc.meta.date_sort,
        era="current",
        spans=(ChangeSpan(doc.meta.doc_id, doc.meta.file, chunk.start, chunk.end, chunk.chunk_id, text),),
    )


def handmade_records(snapshot: Snapshot) -> list[ChangeRecord]:
    """Records over a catalog's own text chunks that name a topic: a few per borough and NW London-wide."""
    usable = [c for c in snapshot.chunks if c.kind in ("text", "list") and keyword_topic(c.text) and c.text.strip()]
    records = []
    for borough in BOROUGHS:
        own = [c for c in usable if borough in c.boroughs and NW_LONDON not in c.boroughs]
        records += [_record(c, snapshot, (borough,)) for c in own[:PER_BOROUGH]]
    wide = [c for c in usable if c.boroughs == (NW_LONDON,)]
    records += [_record(c, snapshot, ()) for c in wide[:NW_LONDON_WIDE]]
    return records


def with_register(settings: Settings, dest: Path) -> Settings:
    """Settings for a copy of `settings`' data dir (at `dest`) whose published catalog has change records."""
    shutil.copytree(settings.data_dir, dest, ignore=shutil.ignore_patterns("*.lock"))
    copy = settings.model_copy(update={"data_dir": dest})
    snapshot = load_snapshot(dest)
    assert snapshot is not None
    if not snapshot.changes:
        write_snapshot(dest, replace(snapshot, name="", changes=handmade_records(snapshot)))
    return copy
