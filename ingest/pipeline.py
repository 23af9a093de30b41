"""Incremental, crash-safe ingestion of a folder into Chroma and the committed catalog."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.boroughs import BOROUGHS
from assistant.embedding import Embedder
from assistant.errors import DocumentError, InputError, StoreCorrupt
from assistant.records import Chunk, CleanDocument, DocumentMeta
from assistant.settings import Settings
from assistant.snapshot import DocState, Snapshot, load_snapshot, write_snapshot
from assistant.store import ChromaStore
from ingest.chunking import Chunker, ChunkingConfig, chunk_document
from ingest.cleaning import clean
from ingest.loaders import MANIFEST_NAMES, default_meta, is_supported, load_manifest, load_raw

CHUNKER_VERSION = "structure-v4"  # v4: PDFs read by layout, with page maps and source paths


class Progress(Protocol):
    """What the pipeline reports as it goes; the CLI draws it, tests ignore it."""

    def documents(self, total: int) -> None: ...

    def document_done(self, file: str) -> None: ...

    def chunks_embedded(self, count: int) -> None: ...


class _Silent:
    def documents(self, total: int) -> None:
        pass

    def document_done(self, file: str) -> None:
        pass

    def chunks_embedded(self, count: int) -> None:
        pass


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    chunk_count: int = 0
    chunks_embedded: int = 0
    seconds: float = 0.0
    changed_doc_ids: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        return (
            f"documents: {len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed, {len(self.skipped)} skipped; {self.chunk_count} chunks "
            f"({self.chunks_embedded} embedded) in {self.seconds:.1f} s"
        )


def _meta_hash(meta: DocumentMeta) -> str:
    return hashlib.sha256(json.dumps(asdict(meta), sort_keys=True).encode()).hexdigest()[:16]


def _chunker_id(settings: Settings) -> str:
    return f"{CHUNKER_VERSION}:max{settings.max_chunk_tokens}:target{settings.target_chunk_tokens}"


def _list_files(folder: Path, report: IngestReport) -> list[Path]:
    files = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir() or path.name in MANIFEST_NAMES:
            continue
        if is_supported(path):
            files.append(path)
        else:
            report.skipped.append((path.name, f"unsupported file type {path.suffix or '(none)'!r}"))
    return files


@dataclass
class _Planned:
    """One file's fate during a run, settled in file order once its vectors are stored."""

    file: str
    prior: DocState | None
    raw_hash: str
    meta_hash: str
    unchanged: bool = False
    error: DocumentError | None = None
    doc: CleanDocument | None = None
    chunks: list[Chunk] = field(default_factory=list)
    stored: Future[None] | None = None


class Ingestor:
    """Brings the index in step with a folder: skip unchanged, replace changed, prune removed."""

    def __init__(
        self,
        settings: Settings,
        embedder_factory: Callable[[], Embedder],
        store: ChromaStore | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.settings = settings
        self._embedder_factory = embedder_factory
        self._embedder: Embedder | None = None
        self.store = store or ChromaStore(settings)
        self.progress = progress or _Silent()

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = self._embedder_factory()
        return self._embedder

    def _process(self, path: Path, meta: DocumentMeta | None) -> tuple[CleanDocument, list[Chunk]]:
        raw = load_raw(path)
        meta = meta or default_meta(path, raw.text)
        result = clean(raw.text, BOROUGHS, structured=raw.structured)
        if not result.text.strip():
            raise DocumentError(path.name, "no text left after cleaning")
        doc = CleanDocument(meta, result.text, raw.raw_hash, result.pages, str(path.resolve()))
        config = ChunkingConfig(self.settings.max_chunk_tokens, self.settings.target_chunk_tokens)
        chunks = chunk_document(doc, result, Chunker(self.embedder.count_tokens, config))
        if not chunks:
            raise DocumentError(path.name, "produced no chunks")
        return doc, chunks

    def _plan(
        self,
        path: Path,
        previous: Snapshot | None,
        manifest_meta: DocumentMeta | None,
        compatible: bool,
        claimed: set[str],
        report: IngestReport,
    ) -> _Planned:
        """Decide one file's fate; a changed file is cleaned and chunked here, ready to embed."""
        prior = previous.states.get(path.name) if previous else None
        try:
            raw_hash = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            report.skipped.append((path.name, f"cannot read ({exc.strerror})"))
            raw_hash = ""
        meta_hash = _meta_hash(manifest_meta) if manifest_meta else "auto"
        item = _Planned(path.name, prior, raw_hash, meta_hash)
        if compatible and prior is not None and prior.raw_hash == raw_hash and prior.meta_hash == meta_hash:
            item.unchanged = True
            claimed.add(prior.doc_id)
            return item
        try:
            if not raw_hash:
                raise DocumentError(path.name, "cannot read")
            doc, doc_chunks = self._process(path, manifest_meta)
            if doc.meta.doc_id in claimed:
                raise DocumentError(path.name, f"document id {doc.meta.doc_id!r} is used by another file")
        except DocumentError as exc:
            item.error = exc
            return item
        claimed.add(doc.meta.doc_id)
        item.doc, item.chunks = doc, doc_chunks
        return item

    def _store(self, file: str, doc_chunks: list[Chunk], vectors: Future[np.ndarray]) -> None:
        self.store.upsert(doc_chunks, vectors.result())
        self.progress.chunks_embedded(len(doc_chunks))
        self.progress.document_done(file)

    def _check_store(self, previous: Snapshot | None) -> None:
        if previous is None or not previous.chunks:
            return
        if self.store.count() == 0:
            raise StoreCorrupt(
                f"the Chroma store is empty but the catalog lists {len(previous.chunks)} chunks; "
                "run `nwl-assistant ingest --rebuild` to rebuild it"
            )

    def run(self, folder: Path | None = None, rebuild: bool = False) -> IngestReport:
        started = time.perf_counter()
        folder = (folder or self.settings.corpus_dir).expanduser()
        if not folder.is_dir():
            raise InputError(f"{folder} is not a folder of documents")
        report = IngestReport()
        previous = None if rebuild else load_snapshot(self.settings.data_dir, with_keyword=False)
        if rebuild:
            self.store.delete(self.store.all_ids())
        else:
            self._check_store(previous)
        chunker = _chunker_id(self.settings)
        compatible = previous is not None and (
            previous.embedder == self.settings.embedding_model and previous.chunker == chunker
        )
        manifest = load_manifest(folder)
        files = _list_files(folder, report)
        self.progress.documents(len(files))

        documents: dict[str, CleanDocument] = {}
        chunks: list[Chunk] = []
        states: dict[str, DocState] = {}
        stale_ids: set[str] = set()
        claimed: set[str] = set()
        # A three-stage pipeline: this thread cleans and chunks, one thread embeds (running its own batches
        # in parallel), one stores; so the store opens and writes while the next document is embedded.
        embedding = ThreadPoolExecutor(1, thread_name_prefix="ingest-embed")
        storing = ThreadPoolExecutor(1, thread_name_prefix="ingest-store")
        try:
            opened = storing.submit(self.store.count)
            planned = []
            for path in files:
                item = self._plan(path, previous, manifest.get(path.name), compatible, claimed, report)
                if item.doc is not None:
                    vectors = embedding.submit(self.embedder.embed_documents, [c.embed_text for c in item.chunks])
                    item.stored = storing.submit(self._store, item.file, item.chunks, vectors)
                else:
                    self.progress.document_done(item.file)
                planned.append(item)
            opened.result()  # an unreachable or corrupt store fails the run here, before anything is committed
            for item in planned:
                if item.stored is not None:
                    item.stored.result()  # re-raises a store failure: nothing is committed
        except BaseException:
            # Interrupted or failed: drop queued documents instead of embedding them for nothing.
            for pool in (embedding, storing):
                pool.shutdown(wait=False, cancel_futures=True)
            raise
        finally:
            for pool in (embedding, storing):
                pool.shutdown(wait=True)

        # Settle in file order, so the catalog lists chunks in the same order whatever finished first.
        for item in planned:
            prior = item.prior
            if item.unchanged and previous is not None and prior is not None:
                documents[prior.doc_id] = previous.documents[prior.doc_id]
                chunks.extend(previous.by_doc.get(prior.doc_id, []))
                states[item.file] = prior
                report.unchanged.append(item.file)
            elif item.error is not None or item.doc is None:
                failure = item.error or DocumentError(item.file, "cannot read")
                if not any(failure.file == name for name, _ in report.skipped):
                    report.skipped.append((failure.file, failure.reason))
                if previous is not None and prior is not None:
                    # Keep serving the last good version rather than losing it.
                    documents[prior.doc_id] = previous.documents[prior.doc_id]
                    chunks.extend(previous.by_doc.get(prior.doc_id, []))
                    states[item.file] = prior
            else:
                doc, doc_chunks = item.doc, item.chunks
                report.chunks_embedded += len(doc_chunks)
                documents[doc.meta.doc_id] = doc
                chunks.extend(doc_chunks)
                states[item.file] = DocState(
                    item.file, doc.meta.doc_id, item.raw_hash, item.meta_hash, [c.chunk_id for c in doc_chunks]
                )
                (report.updated if prior else report.added).append(item.file)
                report.changed_doc_ids.append(doc.meta.doc_id)
                if prior:
                    stale_ids.update(prior.chunk_ids)

        if previous is not None:
            for name, prior in previous.states.items():
                if name not in states and not any(name == s for s, _ in report.skipped):
                    report.removed.append(name)
                    report.changed_doc_ids.append(prior.doc_id)
                    stale_ids.update(prior.chunk_ids)

        live = {c.chunk_id for c in chunks}
        if report.changed or previous is None or not compatible or self.store.count() != len(live):
            # Also sweeps vectors left behind by an ingest that was killed before it committed.
            stale_ids |= self.store.all_ids() - live
            write_snapshot(
                self.settings.data_dir,
                Snapshot(documents, chunks, states, self.settings.embedding_model, chunker),
            )
        stale_ids -= live
        if stale_ids:
            self.store.delete(stale_ids)
        report.chunk_count = len(chunks)
        report.seconds = time.perf_counter() - started
        return report
