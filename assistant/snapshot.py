"""The committed catalog: documents, chunks and the BM25 index, published atomically.

An ingest writes the catalog's vectors into a new Chroma collection first, then a snapshot folder in
full (naming that collection), then swaps a one-line CURRENT pointer with os.replace. A snapshot and
its collection are never modified after publication, so a crash mid-ingest leaves the previous version
in force and a reader holding an older snapshot keeps a consistent view until that one is retired.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.changes import ChangeRecord
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
    ingested_at: str = ""  # ISO time this version of the file was embedded (empty in older catalogs)


@dataclass
class Snapshot:
    documents: dict[str, CleanDocument]
    chunks: list[Chunk]
    states: dict[str, DocState]
    embedder: str
    chunker: str
    keyword: KeywordIndex | None = None
    # The snapshot folder's name (the catalog version) and its Chroma collection; "" before publication,
    # and "" collection for catalogs written before collections were per catalog (the shared NWL_COLLECTION).
    name: str = ""
    collection: str = ""
    # The change register's records (ingest/changes.py), kept with the catalog they were extracted from.
    changes: list[ChangeRecord] = field(default_factory=list)
    # Each document's own records before the catalog-wide merge, kept so an unchanged document's records are
    # carried over, and the extractor version that made them (another version re-extracts).
    extracted: dict[str, list[ChangeRecord]] = field(default_factory=dict)
    register: str = ""
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


def load_snapshot(data_dir: Path, with_keyword: bool = True, name: str | None = None) -> Snapshot | None:
    """The committed catalog (or the kept version `name`), or None when nothing has been ingested yet.

    The pointer is read once, so the returned snapshot's `name` is the version its contents belong to.
    """
    pointer = data_dir / "CURRENT"
    if name is None and not pointer.exists():
        return None
    name = name or current_name(data_dir) or ""
    folder = data_dir / "snapshots" / name
    if not name or not folder.is_dir():
        raise StoreCorrupt(f"{pointer} names a missing snapshot {name!r}; run `nwl-assistant ingest --rebuild`")
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
        changes = _read_changes(folder / "changes.jsonl")  # catalogs written before the register have none
        extracted: dict[str, list[ChangeRecord]] = {}
        for record in _read_changes(folder / "changes_extracted.jsonl"):
            extracted.setdefault(record.document, []).append(record)
        snapshot = Snapshot(
            documents,
            chunks,
            states,
            manifest["embedder"],
            manifest["chunker"],
            name=name,
            collection=str(manifest.get("collection", "")),
            changes=changes,
            extracted=extracted,
            register=str(manifest.get("register", "")),
        )
        if with_keyword and chunks:
            snapshot.keyword = KeywordIndex.load(folder / "bm25", len(chunks))
        return snapshot
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreCorrupt(f"snapshot {folder} is unreadable ({exc}); run `nwl-assistant ingest --rebuild`") from exc


def _read_changes(path: Path) -> list[ChangeRecord]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [ChangeRecord.from_json(json.loads(line)) for line in fh]


def _write_changes(path: Path, records: list[ChangeRecord]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")


def require_snapshot(data_dir: Path) -> Snapshot:
    snapshot = load_snapshot(data_dir)
    if snapshot is None or not snapshot.chunks:
        raise NotIngested(f"nothing ingested in {data_dir}; run `nwl-assistant ingest` first")
    return snapshot


def new_snapshot_name() -> str:
    """A fresh catalog version name; also the suffix of its Chroma collection."""
    return uuid.uuid4().hex[:12]


def write_snapshot(data_dir: Path, snapshot: Snapshot) -> Path:
    """Write a complete snapshot folder named `snapshot.name`, then publish it by swapping the CURRENT pointer.

    Older folders are left for ingest/generations.py to retire: a process may still be loading one.
    """
    snapshots = data_dir / "snapshots"
    snapshots.mkdir(parents=True, exist_ok=True)
    name = snapshot.name or new_snapshot_name()
    snapshot.name = name
    tmp = snapshots / f".tmp-{name}"
    tmp.mkdir()
    with (tmp / "documents.jsonl").open("w", encoding="utf-8") as fh:
        for doc in snapshot.documents.values():
            fh.write(json.dumps(_doc_to_json(doc), ensure_ascii=False) + "\n")
    with (tmp / "chunks.jsonl").open("w", encoding="utf-8") as fh:
        for chunk in snapshot.chunks:
            fh.write(json.dumps(_chunk_to_json(chunk), ensure_ascii=False) + "\n")
    _write_changes(tmp / "changes.jsonl", snapshot.changes)
    _write_changes(tmp / "changes_extracted.jsonl", [r for rs in snapshot.extracted.values() for r in rs])
    if snapshot.chunks:
        keyword = KeywordIndex.build([c.embed_text for c in snapshot.chunks])
        keyword.save(tmp / "bm25")
        snapshot.keyword = keyword
    manifest = {
        "format": SNAPSHOT_FORMAT,
        "embedder": snapshot.embedder,
        "chunker": snapshot.chunker,
        "collection": snapshot.collection,
        "documents": [asdict(s) for s in snapshot.states.values()],
        "chunk_count": len(snapshot.chunks),
        "register": snapshot.register,
    }
    (tmp / "snapshot.json").write_text(json.dumps(manifest, indent=1), "utf-8")
    final = snapshots / name
    tmp.rename(final)
    pointer_tmp = data_dir / f".CURRENT-{name}"
    pointer_tmp.write_text(name, "utf-8")
    os.replace(pointer_tmp, data_dir / "CURRENT")
    return final
