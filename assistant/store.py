"""Chroma access: one class for embedded and HTTP mode, with our own embeddings always passed in.

Each published catalog has its own collection (`<NWL_COLLECTION>-<snapshot name>`), written once by the
ingest that publishes it and never modified afterwards: a reader may cache it for as long as it likes
(Chroma's embedded client does), and a process that still answers from an older catalog finds its vectors
unchanged until that catalog is retired (see ingest/generations.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.boroughs import BOROUGHS, NW_LONDON, borough_key
from assistant.errors import StoreCorrupt, StoreUnavailable
from assistant.records import Chunk
from assistant.settings import ChromaMode, Settings

_UPSERT_BATCH = 256
# Up to this many vectors, a published catalog's dense search is exact (a 20,000 x 384 matrix is 30 MB and a
# product takes a few milliseconds); beyond it, Chroma's approximate index answers.
EXACT_LIMIT = 20_000
# How a collection's vector index is laid out (see ChromaStore._open_collection). A catalog built with another
# layout is built again at the next ingest (ingest/pipeline.py).
HNSW_LAYOUT: dict[str, Any] = {"space": "cosine", "batch_size": 100, "sync_threshold": 100}


@dataclass(frozen=True)
class VectorHit:
    chunk_id: str
    similarity: float


def chunk_metadata(chunk: Chunk) -> dict[str, str | int | float | bool]:
    """Flat, filterable metadata: boroughs as one boolean per borough so `where` can select them."""
    meta: dict[str, str | int | float | bool] = {
        "doc_id": chunk.doc_id,
        "file": chunk.file,
        "title": chunk.title,
        "date": chunk.date,
        "doc_type": chunk.doc_type,
        "heading_path": " > ".join(chunk.heading_path),
        "boroughs": ", ".join(chunk.boroughs),
        "kind": chunk.kind,
        # The table header (or column/row labels) embedded with a table chunk; the document is the cited span only.
        "context": chunk.context,
        "chunk_index": chunk.index,
        "start": chunk.start,
        "end": chunk.end,
        "content_hash": chunk.content_hash,
    }
    for name in (*BOROUGHS, NW_LONDON):
        meta[f"b_{borough_key(name)}"] = name in chunk.boroughs
    return meta


def borough_filter(boroughs: Sequence[str], include_nw_london: bool = True) -> dict[str, Any] | None:
    names = list(boroughs) + ([NW_LONDON] if include_nw_london and NW_LONDON not in boroughs else [])
    clauses = [{f"b_{borough_key(n)}": True} for n in names]
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$or": clauses}


def matches(where: dict[str, Any], metadata: dict[str, Any]) -> bool:
    """Whether a record's metadata satisfies a Chroma `where` of equalities, "$and" and "$or" (what borough_filter
    writes), for scoring in memory."""
    if "$or" in where:
        return any(matches(w, metadata) for w in where["$or"])
    if "$and" in where:
        return all(matches(w, metadata) for w in where["$and"])
    return all(metadata.get(key) == value for key, value in where.items())


def _ranked(
    ids: list[str], matrix: np.ndarray, vector: np.ndarray, k: int, allowed: np.ndarray | None = None
) -> list[VectorHit]:
    """The k stored vectors most similar to `vector` (of those `allowed`), scored exactly, ties in stored order."""
    sims = matrix @ np.asarray(vector, dtype=np.float32)
    if allowed is not None:
        sims = np.where(allowed, sims, -np.inf)
    return [VectorHit(ids[i], float(sims[i])) for i in np.argsort(-sims, kind="stable")[:k] if np.isfinite(sims[i])]


class ChromaStore:
    """The vector side of the index. Chroma never embeds anything itself here (it would download)."""

    def __init__(self, settings: Settings, name: str | None = None, *, create: bool = False) -> None:
        """A view of collection `name` (default NWL_COLLECTION); `create` makes it if missing (writers only)."""
        self.settings = settings
        self.name = name or settings.collection
        self.create = create
        self._client: Any = None
        self._collection: Any = None
        self._count: int | None = None
        self._vectors: tuple[list[str], np.ndarray, list[dict[str, Any]]] | None = None
        # Two first requests at once must not both open the client: that broke an embedded store.
        self._connect_lock = threading.Lock()

    def _connect(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if self.settings.chroma_mode is ChromaMode.http:
            try:
                return chromadb.HttpClient(
                    host=self.settings.chroma_host, port=self.settings.chroma_port, settings=chroma_settings
                )
            except Exception as exc:  # chromadb raises bare ValueError/ConnectionError variants
                raise StoreUnavailable(
                    f"Chroma server at {self.settings.chroma_host}:{self.settings.chroma_port} is not reachable"
                ) from exc
        path = self.settings.chroma_dir
        sqlite = path / "chroma.sqlite3"
        if sqlite.exists() and sqlite.stat().st_size == 0:
            raise StoreCorrupt(f"{sqlite} is empty (0 bytes); run `nwl-assistant ingest --rebuild`")
        path.mkdir(parents=True, exist_ok=True)
        try:
            return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        except Exception as exc:
            raise StoreCorrupt(
                f"cannot open Chroma store at {path}: {exc}; run `nwl-assistant ingest --rebuild`"
            ) from exc

    @property
    def collection(self) -> Any:
        with self._connect_lock:
            return self._open_collection()

    def _open_collection(self) -> Any:
        if self._collection is None:
            if self._client is None:
                self._client = self._connect()
            ef = self.settings.hnsw_ef
            # The index is written to disk every 100 vectors, so each process loads the one built at ingest instead
            # of building its own from the log (below the default 1000 vectors it never was, and near ties then
            # ranked differently after every restart: tests/assistant/test_dense_repeatable.py).
            try:
                if self.create:
                    self._collection = self._client.get_or_create_collection(
                        name=self.name,
                        embedding_function=None,
                        configuration={"hnsw": HNSW_LAYOUT | {"ef_construction": ef, "ef_search": ef}},
                    )
                else:
                    self._collection = self._client.get_collection(name=self.name, embedding_function=None)
            except Exception as exc:
                self._client = None
                if _is_not_found(exc):
                    raise StoreCorrupt(
                        f"Chroma has no collection {self.name!r} for the published catalog; "
                        "run `nwl-assistant ingest --rebuild`"
                    ) from exc
                raise StoreUnavailable(f"Chroma is not available: {exc}") from exc
        return self._collection

    def client(self) -> Any:
        """The underlying Chroma client (opened if needed), for collection housekeeping."""
        with self._connect_lock:
            if self._client is None:
                self._client = self._connect()
            return self._client

    def reset_connection(self) -> None:
        """Forget the client so the next call reconnects (a restarted server is picked up)."""
        self._client = None
        self._collection = None

    def _guard(self, action: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (StoreCorrupt, StoreUnavailable):
            raise
        except Exception as exc:
            self.reset_connection()
            raise StoreUnavailable(f"Chroma {action} failed: {exc.__class__.__name__}: {exc}") from exc

    def count(self) -> int:
        if self._count is not None:
            return self._count
        count = int(self._guard("count", lambda: self.collection.count()))
        if not self.create:
            self._count = count  # a published collection never changes
        return count

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        for i in range(0, len(chunks), _UPSERT_BATCH):
            part = chunks[i : i + _UPSERT_BATCH]
            self._guard(
                "upsert",
                lambda part=part, i=i: self.collection.upsert(
                    ids=[c.chunk_id for c in part],
                    embeddings=vectors[i : i + len(part)].tolist(),
                    documents=[c.text for c in part],
                    metadatas=[chunk_metadata(c) for c in part],
                ),
            )

    def copy_from(self, source: ChromaStore, ids: Sequence[str]) -> None:
        """Copy records (vector, text, metadata) unchanged from another collection; all of them must exist."""
        for i in range(0, len(ids), _UPSERT_BATCH):
            part = list(ids[i : i + _UPSERT_BATCH])
            got = source._guard(
                "get",
                lambda part=part: source.collection.get(ids=part, include=["embeddings", "documents", "metadatas"]),
            )
            if len(got["ids"]) != len(part):
                missing = len(part) - len(got["ids"])
                raise StoreCorrupt(
                    f"{missing} vectors of the published catalog are missing from Chroma collection {source.name!r}; "
                    "run `nwl-assistant ingest --rebuild`"
                )
            self._guard(
                "upsert",
                lambda got=got: self.collection.upsert(
                    ids=got["ids"], embeddings=got["embeddings"], documents=got["documents"], metadatas=got["metadatas"]
                ),
            )

    def all_ids(self) -> set[str]:
        result = self._guard("get", lambda: self.collection.get(include=[]))
        return set(result["ids"])

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[VectorHit]:
        if k >= self.count():
            # Asked for everything anyway: score it exactly. HNSW on a tiny collection that has seen
            # deletes and upserts was seen to drop a just-replaced vector now and then.
            return self._exact(vector, k, where)
        if not self.create and self.count() <= EXACT_LIMIT:
            # A published catalog this size is scored exactly, in memory: the approximate index missed a passage
            # ranked 10th by similarity from its top 200 under a borough filter (tests/assistant/test_dense_exact.py),
            # and exact scoring of a thousand vectors is faster than its search.
            return self._exact_in_memory(vector, k, where)

        def run() -> Any:
            return self.collection.query(
                query_embeddings=[vector.tolist()], n_results=k, where=where, include=["distances"]
            )

        result = self._guard("query", run)
        ids = result["ids"][0]
        distances = result["distances"][0]
        # Cosine distance in [0, 2]; similarity = 1 - distance.
        return [VectorHit(cid, 1.0 - float(d)) for cid, d in zip(ids, distances, strict=True)]

    def _exact(self, vector: np.ndarray, k: int, where: dict[str, Any] | None) -> list[VectorHit]:
        result = self._guard("get", lambda: self.collection.get(where=where, include=["embeddings"]))
        ids = list(result["ids"])
        if not ids:
            return []
        return _ranked(ids, np.asarray(result["embeddings"], dtype=np.float32), vector, k)

    def _exact_in_memory(self, vector: np.ndarray, k: int, where: dict[str, Any] | None) -> list[VectorHit]:
        # The store still answers every query (cheaper than its approximate search): a Chroma that went away is a 503
        # that says so, as the API promises, not answers from a copy no one can refresh.
        self.heartbeat()
        ids, matrix, metadatas = self._published_vectors()
        allowed = None if where is None else np.array([matches(where, m) for m in metadatas], dtype=bool)
        return _ranked(ids, matrix, vector, k, allowed)

    def _published_vectors(self) -> tuple[list[str], np.ndarray, list[dict[str, Any]]]:
        """Every vector of the published collection, read once (it never changes)."""
        with self._connect_lock:
            cached = self._vectors
        if cached is None:
            got = self._guard("get", lambda: self.collection.get(include=["embeddings", "metadatas"]))
            cached = (list(got["ids"]), np.asarray(got["embeddings"], dtype=np.float32), list(got["metadatas"]))
            with self._connect_lock:
                self._vectors = cached
        return cached

    def heartbeat(self) -> int:
        """The vector count asked of Chroma now (never cached): proves the store answers."""
        return int(self._guard("heartbeat", lambda: self.collection.count()))


def set_aside_damaged(settings: Settings) -> Path | None:
    """For `ingest --rebuild`: move an embedded store that cannot be opened out of the way; returns where to.

    Run it with the server stopped: a server still holding the damaged files open may reopen the path.
    """
    if settings.chroma_mode is not ChromaMode.embedded or not settings.chroma_dir.exists():
        return None
    sqlite = settings.chroma_dir / "chroma.sqlite3"
    try:
        if sqlite.exists() and sqlite.stat().st_size == 0:
            raise StoreCorrupt(f"{sqlite} is empty")
        ChromaStore(settings).client().list_collections()
        return None
    except Exception:  # StoreCorrupt from our checks, or whatever chromadb raises on a damaged file
        pass
    forget_embedded_clients()
    target = settings.chroma_dir.with_name(f"chroma.damaged-{int(time.time())}")
    settings.chroma_dir.rename(target)
    return target


def forget_embedded_clients() -> None:
    """Drop Chroma's per-path cache of embedded clients, so the next one opens the folder afresh.

    Only for a store already known to be broken: clients still holding the old one stop working.
    """
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def _is_not_found(exc: Exception) -> bool:
    # chromadb raises NotFoundError in 1.x, and a bare ValueError "does not exist" from older clients.
    return type(exc).__name__ == "NotFoundError" or "does not exist" in str(exc)
