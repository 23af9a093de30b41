"""One catalog version, loaded whole: snapshot, its Chroma collection and the indexes built over them.

A request takes the current Generation once and answers from it alone, so an update published meanwhile
can never mix two versions in one answer. A newer version is loaded completely, checked, and only then
swapped in by replacing one reference (assistant/service.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.changes import Register
from assistant.compose import ExtractiveComposer
from assistant.embedding import Embedder
from assistant.errors import ConfigError, StoreCorrupt
from assistant.lexicon import Lexicon
from assistant.retrieve import RetrievalConfig, Retriever
from assistant.settings import Settings
from assistant.snapshot import Snapshot, require_snapshot
from assistant.store import ChromaStore


@dataclass(frozen=True)
class Generation:
    """Everything one answer reads; never changed after it is built."""

    snapshot: Snapshot
    store: ChromaStore
    lexicon: Lexicon
    retriever: Retriever
    composer: ExtractiveComposer
    register: Register

    @property
    def name(self) -> str:
        return self.snapshot.name

    @classmethod
    def load(
        cls, settings: Settings, embedder: Embedder, retrieval: RetrievalConfig, verify_store: bool = False
    ) -> Generation:
        """The published catalog; with `verify_store`, also check Chroma holds every one of its vectors."""
        snapshot = require_snapshot(settings.data_dir)
        if snapshot.embedder != settings.embedding_model:
            # Query vectors from another model would rank silently wrong against these.
            raise ConfigError(
                f"the index was built with embedder {snapshot.embedder!r} but the settings select "
                f"{settings.embedding_model!r}; run `nwl-assistant ingest` to rebuild it"
            )
        store = ChromaStore(settings, snapshot.collection or None)
        if verify_store and snapshot.collection and store.count() != len(snapshot.chunks):
            raise StoreCorrupt(
                f"Chroma collection {store.name!r} holds {store.count()} vectors, "
                f"catalog {snapshot.name} lists {len(snapshot.chunks)}"
            )
        lexicon = Lexicon(snapshot.chunks)
        doc_status = {d.meta.doc_id: d.meta.status for d in snapshot.documents.values() if d.meta.status}
        return cls(
            snapshot=snapshot,
            store=store,
            lexicon=lexicon,
            retriever=Retriever(snapshot, store, embedder, retrieval, lexicon),
            composer=ExtractiveComposer(lexicon, doc_status=doc_status),
            register=Register(snapshot.changes),
        )

    def with_retrieval(self, config: RetrievalConfig) -> Generation:
        """The same catalog retrieved differently (baselines, sweeps)."""
        retriever = Retriever(self.snapshot, self.store, self.retriever.embedder, config, self.lexicon)
        return replace(self, retriever=retriever)
