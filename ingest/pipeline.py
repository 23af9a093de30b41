"""Incremental, crash-safe ingestion of a folder into Chroma and the committed catalog.

Each run that changes anything writes a new generation: a new Chroma collection holding the vectors of
changed documents (embedded now) and of unchanged ones (copied from the current collection), then a
snapshot naming it, published atomically. Nothing a published catalog references is modified, so readers
in this or other processes never see a half-updated catalog (ingest/generations.py retires old ones).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from assistant.boroughs import BOROUGHS
from assistant.changes import ChangeRecord, Register
from assistant.embedding import Embedder
from assistant.errors import DocumentError, InputError, NwlError, StoreCorrupt
from assistant.records import Chunk, CleanDocument, DocumentMeta
from assistant.settings import Settings
from assistant.snapshot import DocState, Snapshot, load_snapshot, new_snapshot_name, write_snapshot
from assistant.store import HNSW_LAYOUT, ChromaStore, set_aside_damaged
from ingest.change_audience import file_audience
from ingest.change_register import settle
from ingest.change_version import EXTRACTOR_VERSION, data_digest
from ingest.changes import extract_changes
from ingest.chunking import Chunker, ChunkingConfig, chunk_document
from ingest.cleaning import clean
from ingest.generations import collection_name, ingest_lock, retire, sweep
from ingest.loaders import MANIFEST_NAMES, default_meta, is_supported, load_manifest, load_raw
from ingest.report import IngestReport, Progress, SilentProgress
from ingest.statement_vectors import StatementVectors
from ingest.uploads import Uploads

# v4: sentences split by assistant.text.sentence_breaks (no break after list numbering such as "add 8."),
# and PDFs read by layout, with page maps and source paths. The place names tag each chunk with its boroughs, so
# a change to them (a hospital site added) chunks every document again. v5: a borough's edition of a NW London-wide
# plan tags the sections not titled with a borough NW London-wide as well.
CHUNKER_VERSION = "structure-v5+" + data_digest("boroughs.yaml")

log = logging.getLogger(__name__)


def _meta_hash(meta: DocumentMeta) -> str:
    return hashlib.sha256(json.dumps(asdict(meta), sort_keys=True).encode()).hexdigest()[:16]


def _chunker_id(settings: Settings) -> str:
    """What a catalog's chunks and vectors were made by: another chunker, or another index layout, builds them again."""
    layout = ",".join(f"{k}={v}" for k, v in sorted(HNSW_LAYOUT.items()))
    return f"{CHUNKER_VERSION}:max{settings.max_chunk_tokens}:target{settings.target_chunk_tokens}:hnsw({layout})"


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
    changes: list[ChangeRecord] | None = None  # None: carry the last snapshot's records over
    stored: Future[None] | None = None


@dataclass
class _Catalog:
    """The catalog being settled: what the next snapshot lists."""

    documents: dict[str, CleanDocument] = field(default_factory=dict)
    chunks: list[Chunk] = field(default_factory=list)
    states: dict[str, DocState] = field(default_factory=dict)
    changes: dict[str, list[ChangeRecord]] = field(default_factory=dict)  # each document's own records

    def keep(self, previous: Snapshot, file: str, prior: DocState, changes: list[ChangeRecord] | None = None) -> None:
        """Carry a document over from the last snapshot as it was (its records re-extracted when given)."""
        self.documents[prior.doc_id] = previous.documents[prior.doc_id]
        self.chunks.extend(previous.by_doc.get(prior.doc_id, []))
        self.states[file] = prior
        self.changes[prior.doc_id] = changes if changes is not None else previous.extracted.get(prior.doc_id, [])


class Ingestor:
    """Brings the index in step with a folder: skip unchanged, replace changed, prune removed."""

    def __init__(
        self,
        settings: Settings,
        embedder_factory: Callable[[], Embedder],
        progress: Progress | None = None,
    ) -> None:
        self.settings = settings
        self._embedder_factory = embedder_factory
        self._embedder: Embedder | None = None
        self._statements: StatementVectors | None = None
        self.progress = progress or SilentProgress()
        # The collection this run writes; created on first write, published only if the run commits.
        self.store = ChromaStore(settings, collection_name(settings, new_snapshot_name()), create=True)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = self._embedder_factory()
        return self._embedder

    @property
    def statements(self) -> StatementVectors:
        """Change statements' vectors, shared by filing and settling in this run (ingest/statement_vectors.py)."""
        if self._statements is None:
            self._statements = StatementVectors(self.embedder.embed_documents)
        return self._statements

    def _process(self, path: Path, meta: DocumentMeta | None) -> tuple[CleanDocument, list[Chunk], list[ChangeRecord]]:
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
        return doc, chunks, file_audience(extract_changes(doc, result, chunks), self.statements)

    def _extract_again(self, path: Path, previous: Snapshot, prior: DocState) -> list[ChangeRecord] | None:
        """An unchanged document's records under a newer extractor: cleaned again, chunks as they are."""
        doc = previous.documents.get(prior.doc_id)
        if doc is None:
            return None
        try:
            raw = load_raw(path)
        except DocumentError:
            return None
        result = clean(raw.text, BOROUGHS, structured=raw.structured)
        if result.text != doc.text:
            return None
        records = extract_changes(doc, result, previous.by_doc.get(prior.doc_id, []))
        return file_audience(records, self.statements)

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
            if previous is not None and previous.register != EXTRACTOR_VERSION:
                item.changes = self._extract_again(path, previous, prior)
            return item
        try:
            if not raw_hash:
                raise DocumentError(path.name, "cannot read")
            doc, doc_chunks, doc_changes = self._process(path, manifest_meta)
            if doc.meta.doc_id in claimed:
                raise DocumentError(path.name, f"document id {doc.meta.doc_id!r} is used by another file")
        except DocumentError as exc:
            item.error = exc
            return item
        claimed.add(doc.meta.doc_id)
        item.doc, item.chunks, item.changes = doc, doc_chunks, doc_changes
        return item

    def _store(self, file: str, doc_chunks: list[Chunk], vectors: Future[np.ndarray]) -> None:
        self.store.upsert(doc_chunks, vectors.result())
        self.progress.chunks_embedded(len(doc_chunks))
        self.progress.document_done(file)

    def _open_stores(self, previous: Snapshot | None, previous_store: ChromaStore | None) -> None:
        """Open Chroma and check the current catalog's collection holds its vectors (they are copied forward)."""
        if previous is None or previous_store is None:
            self.store.count()
            return
        if previous.chunks and previous_store.count() == 0:
            raise StoreCorrupt(
                f"the Chroma store is empty but the catalog lists {len(previous.chunks)} chunks; "
                "run `nwl-assistant ingest --rebuild` to rebuild it"
            )

    def run(
        self, folder: Path | None = None, rebuild: bool = False, prepare: Callable[[], None] | None = None
    ) -> IngestReport:
        """Bring the catalog in step with `folder` (default NWL_CORPUS_DIR) plus the data dir's uploads.

        One run per data dir at a time; `prepare` runs first under the same lock (an admin job's file change).
        """
        folder = (folder or self.settings.corpus_dir).expanduser()
        if not folder.is_dir():
            raise InputError(f"{folder} is not a folder of documents")
        wait = f"waiting for another ingest into {self.settings.data_dir} to finish"
        with ingest_lock(self.settings.data_dir, on_wait=wait):
            if prepare is not None:
                prepare()
            return self._run(folder, rebuild)

    def _sources(self, folder: Path, report: IngestReport) -> tuple[list[Path], dict[str, DocumentMeta]]:
        """The corpus folder's files and manifest, overlaid with the uploads folder's (uploads win by file name)."""
        manifest = load_manifest(folder)
        files = {p.name: p for p in _list_files(folder, report)}
        uploads = Uploads(self.settings.data_dir)
        if uploads.folder.is_dir():
            for name in uploads.removed():
                files.pop(name, None)
            manifest.update(load_manifest(uploads.folder))
            files.update({p.name: p for p in _list_files(uploads.folder, report)})
        return [files[name] for name in sorted(files)], manifest

    def _run(self, folder: Path, rebuild: bool) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport()
        if rebuild and (aside := set_aside_damaged(self.settings)) is not None:
            log.warning("the Chroma store could not be opened; moved it to %s and rebuilding", aside)
            report.set_aside = str(aside)
        try:
            current = load_snapshot(self.settings.data_dir, with_keyword=False)
        except StoreCorrupt:
            if not rebuild:
                raise
            current = None
        previous = None if rebuild else current
        previous_store = ChromaStore(self.settings, previous.collection or None) if previous else None
        chunker = _chunker_id(self.settings)
        compatible = previous is not None and (
            previous.embedder == self.settings.embedding_model and previous.chunker == chunker
        )
        files, manifest = self._sources(folder, report)
        self.progress.documents(len(files))
        planned = self._embed_and_store(files, manifest, previous, previous_store, compatible, report)
        catalog = self._settle(planned, previous, report)
        self._prune(previous, catalog, report)
        if report.changed or previous is None or not compatible or previous.register != EXTRACTOR_VERSION:
            snapshot = self._commit(catalog, planned, previous_store, chunker)
            retire(self.settings, current)
            current = snapshot
        if current is not None:
            register = Register(current.changes)
            report.change_records = len(register)
            report.changes_by_borough = register.counts()
        self._sweep(current)
        report.chunk_count = len(catalog.chunks)
        report.seconds = time.perf_counter() - started
        return report

    def _embed_and_store(
        self,
        files: list[Path],
        manifest: dict[str, DocumentMeta],
        previous: Snapshot | None,
        previous_store: ChromaStore | None,
        compatible: bool,
        report: IngestReport,
    ) -> list[_Planned]:
        """Plan every file, embed and store the changed ones; returns the plans in file order."""
        claimed: set[str] = set()
        # A three-stage pipeline: this thread cleans and chunks, one thread embeds (running its own batches
        # in parallel), one stores; so the store opens and writes while the next document is embedded.
        embedding = ThreadPoolExecutor(1, thread_name_prefix="ingest-embed")
        storing = ThreadPoolExecutor(1, thread_name_prefix="ingest-store")
        try:
            opened = storing.submit(self._open_stores, previous, previous_store)
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
        return planned

    @staticmethod
    def _settle(planned: list[_Planned], previous: Snapshot | None, report: IngestReport) -> _Catalog:
        """The next catalog, in file order whatever finished first; a broken file keeps its last good version."""
        ingested_at = datetime.now(UTC).isoformat(timespec="seconds")
        catalog = _Catalog()
        for item in planned:
            prior = item.prior
            if item.unchanged and previous is not None and prior is not None:
                catalog.keep(previous, item.file, prior, item.changes)
                report.unchanged.append(item.file)
            elif item.error is not None or item.doc is None:
                failure = item.error or DocumentError(item.file, "cannot read")
                if not any(failure.file == name for name, _ in report.skipped):
                    report.skipped.append((failure.file, failure.reason))
                if previous is not None and prior is not None:
                    catalog.keep(previous, item.file, prior)  # keep serving the last good version
            else:
                doc, doc_chunks = item.doc, item.chunks
                report.chunks_embedded += len(doc_chunks)
                catalog.documents[doc.meta.doc_id] = doc
                catalog.chunks.extend(doc_chunks)
                catalog.changes[doc.meta.doc_id] = item.changes or []
                catalog.states[item.file] = DocState(
                    item.file,
                    doc.meta.doc_id,
                    item.raw_hash,
                    item.meta_hash,
                    [c.chunk_id for c in doc_chunks],
                    ingested_at=ingested_at,
                )
                (report.updated if prior else report.added).append(item.file)
                report.changed_doc_ids.append(doc.meta.doc_id)
        return catalog

    @staticmethod
    def _prune(previous: Snapshot | None, catalog: _Catalog, report: IngestReport) -> None:
        """Files the last run had and this one has not (nor failed to read) are reported removed."""
        if previous is None:
            return
        for name, prior in previous.states.items():
            if name not in catalog.states and not any(name == s for s, _ in report.skipped):
                report.removed.append(name)
                report.changed_doc_ids.append(prior.doc_id)

    def _commit(
        self, catalog: _Catalog, planned: list[_Planned], previous_store: ChromaStore | None, chunker: str
    ) -> Snapshot:
        """Copy unchanged vectors into this version's collection, then publish the snapshot that lists it."""
        embedded = {c.chunk_id for item in planned for c in item.chunks if item.doc is not None}
        carried = [c.chunk_id for c in catalog.chunks if c.chunk_id not in embedded]
        if carried and previous_store is not None:
            self.store.copy_from(previous_store, carried)
        self.store.count()  # creates the collection even when the catalog is empty
        snapshot = Snapshot(
            catalog.documents,
            catalog.chunks,
            catalog.states,
            self.settings.embedding_model,
            chunker,
            name=self.store.name.removeprefix(f"{self.settings.collection}-"),
            collection=self.store.name,
            changes=settle([r for records in catalog.changes.values() for r in records], self.statements),
            extracted=catalog.changes,
            register=EXTRACTOR_VERSION,
        )
        write_snapshot(self.settings.data_dir, snapshot)
        return snapshot

    def _sweep(self, current: Snapshot | None) -> None:
        """Drop generations past their grace period and those of killed runs; never fails a committed run."""
        try:
            sweep(self.settings, current, self.store)
        except NwlError as exc:
            log.warning("could not remove old catalog versions: %s", exc)
        except Exception as exc:  # chromadb raises its own types; housekeeping must not fail an ingest
            log.warning("could not remove old catalog versions: %s: %s", exc.__class__.__name__, exc)
