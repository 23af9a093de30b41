"""The committed catalog: documents, chunks and the BM25 index, published atomically.

Chroma is written first; a snapshot folder is then written in full and a one-line CURRENT
pointer is swapped with os.replace. Readers only trust chunk ids listed in the snapshot, so a
crash mid-ingest leaves the previous version searchable and its stray vectors are pruned later.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import NotIngested, StoreCorrupt
from assistant.keyword_index import KeywordIndex
from assistant.records import Chunk, CleanDocument, DocumentMeta

SNAPSHOT_FORMAT = 1


@dataclass
class DocState:
    """What the last ingest knew of one file, to decide skip / update / prune next time."""

    file: str
    doc_id: str
    raw_hash: str
    meta_hash: str
    chunk_ids: list[str]


@dataclass
class Snapshot:
    documents: dict[str, CleanDocument]
    chunks: list[Chunk]
    states: dict[str, DocState]
    embedder: str
    chunker: str
    keyword: KeywordIndex | None = None
    by_id: dict[str, Chunk] = field(default_factory=dict)
    by_doc: dict[str, list[Chunk]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {c.chunk_id: c for c in self.chunks}
        self.by_doc = {}
        for chunk in self.chunks:
            self.by_doc.setdefault(chunk.doc_id, []).append(chunk)

    def page_span(self, chunk: Chunk) -> tuple[int | None, int | None]:
        """(page, page_end) of a chunk in its original PDF; (None, None) for formats without pages."""
        doc = self.documents.get(chunk.doc_id)
        return doc.page_span(chunk.start, chunk.end) if doc is not None else (None, None)

    @property
    def documents_by_file(self) -> dict[str, CleanDocument]:
        return {d.meta.file: d for d in self.documents.values()}


def _chunk_to_json(chunk: Chunk) -> dict[str, Any]:
    return asdict(chunk)


def _chunk_from_json(data: dict[str, Any]) -> Chunk:
    data["heading_path"] = tuple(data["heading_path"])
    data["boroughs"] = tuple(data["boroughs"])
    return Chunk(**data)


def _doc_to_json(doc: CleanDocument) -> dict[str, Any]:
    return {
        "meta": asdict(doc.meta),
        "text": doc.text,
        "raw_hash": doc.raw_hash,
        "pages": list(doc.pages),
        "source": doc.source,
    }


def _doc_from_json(data: dict[str, Any]) -> CleanDocument:
    meta = data["meta"]
    meta["boroughs"] = tuple(meta["boroughs"])
    meta["inferred"] = tuple(meta.get("inferred", ()))
    pages = tuple(int(p) for p in data.get("pages", ()))
    return CleanDocument(DocumentMeta(**meta), data["text"], data["raw_hash"], pages, str(data.get("source", "")))


def current_name(data_dir: Path) -> str | None:
    """Name of the published snapshot; changes exactly when an ingest commits."""
    pointer = data_dir / "CURRENT"
    try:
        return pointer.read_text("utf-8").strip() or None
    except OSError:
        return None


def _current_dir(data_dir: Path) -> Path | None:
    pointer = data_dir / "CURRENT"
    if not pointer.exists():
        return None
    name = pointer.read_text("utf-8").strip()
    folder = data_dir / "snapshots" / name
    if not name or not folder.is_dir():
        raise StoreCorrupt(f"{pointer} names a missing snapshot {name!r}; run `nwl-assistant ingest --rebuild`")
    return folder


def load_snapshot(data_dir: Path, with_keyword: bool = True) -> Snapshot | None:
    """The committed catalog, or None when nothing has been ingested into data_dir yet."""
    folder = _current_dir(data_dir)
    if folder is None:
        return None
    try:
        manifest = json.loads((folder / "snapshot.json").read_text("utf-8"))
        documents = {}
        with (folder / "documents.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                doc = _doc_from_json(json.loads(line))
                documents[doc.meta.doc_id] = doc
        with (folder / "chunks.jsonl").open(encoding="utf-8") as fh:
            chunks = [_chunk_from_json(json.loads(line)) for line in fh]
        states = {s["file"]: DocState(**s) for s in manifest["documents"]}
        snapshot = Snapshot(documents, chunks, states, manifest["embedder"], manifest["chunker"])
        if with_keyword and chunks:
            snapshot.keyword = KeywordIndex.load(folder / "bm25", len(chunks))
        return snapshot
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreCorrupt(f"snapshot {folder} is unreadable ({exc}); run `nwl-assistant ingest --rebuild`") from exc


def require_snapshot(data_dir: Path) -> Snapshot:
    snapshot = load_snapshot(data_dir)
    if snapshot is None or not snapshot.chunks:
        raise NotIngested(f"nothing ingested in {data_dir}; run `nwl-assistant ingest` first")
    return snapshot


def write_snapshot(data_dir: Path, snapshot: Snapshot) -> Path:
    """Write a complete snapshot folder, then publish it by swapping the CURRENT pointer."""
    snapshots = data_dir / "snapshots"
    snapshots.mkdir(parents=True, exist_ok=True)
    name = uuid.uuid4().hex[:12]
    tmp = snapshots / f".tmp-{name}"
    tmp.mkdir()
    with (tmp / "documents.jsonl").open("w", encoding="utf-8") as fh:
        for doc in snapshot.documents.values():
            fh.write(json.dumps(_doc_to_json(doc), ensure_ascii=False) + "\n")
    with (tmp / "chunks.jsonl").open("w", encoding="utf-8") as fh:
        for chunk in snapshot.chunks:
            fh.write(json.dumps(_chunk_to_json(chunk), ensure_ascii=False) + "\n")
    if snapshot.chunks:
        keyword = KeywordIndex.build([c.embed_text for c in snapshot.chunks])
        keyword.save(tmp / "bm25")
        snapshot.keyword = keyword
    manifest = {
        "format": SNAPSHOT_FORMAT,
        "embedder": snapshot.embedder,
        "chunker": snapshot.chunker,
        "documents": [asdict(s) for s in snapshot.states.values()],
        "chunk_count": len(snapshot.chunks),
    }
    (tmp / "snapshot.json").write_text(json.dumps(manifest, indent=1), "utf-8")
    final = snapshots / name
    tmp.rename(final)
    pointer_tmp = data_dir / f".CURRENT-{name}"
    pointer_tmp.write_text(name, "utf-8")
    os.replace(pointer_tmp, data_dir / "CURRENT")
    for old in snapshots.iterdir():
        if old.name != name:
            shutil.rmtree(old, ignore_errors=True)
    return final
