"""The systems under evaluation: the product, its single-retriever variants, and a LangChain tutorial RAG.

Each system turns a gold item into a `SystemOutput`: its ranked passages (with offsets, so support
can be judged by position as well as by text) and, if it composes answers, the answer and citations.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.vectorstores import InMemoryVectorStore
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.contract import AskRequest, CitationOut
from assistant.embedding import Embedder
from assistant.errors import InputError
from assistant.retrieve import Mode, RetrievalConfig
from assistant.service import Assistant
from evals.schema import GoldItem
from ingest.loaders import load_raw

Coordinates = Literal["clean", "raw"]
PRODUCT = "hybrid"
TUTORIAL = "tutorial"
# Ablations of the product, to show what each retrieval stage is worth (not run by default).
ABLATIONS: dict[str, RetrievalConfig] = {
    "hybrid-rrf": RetrievalConfig(rerank_weight=0.0),
    "hybrid-noscope": RetrievalConfig(borough_boost=0.0, section_boost=0.0, other_borough_penalty=0.0),
}
SYSTEMS: tuple[str, ...] = (PRODUCT, "dense", "bm25", TUTORIAL, *ABLATIONS)
SYSTEM_LABELS = {
    PRODUCT: "product (hybrid)",
    "dense": "dense only",
    "bm25": "BM25 only",
    TUTORIAL: "LangChain tutorial",
}
# The LangChain RAG tutorial's settings: 1000-character chunks, 200 overlap, top 4-5 by cosine.
TUTORIAL_CHUNK_SIZE = 1000
TUTORIAL_CHUNK_OVERLAP = 200
TUTORIAL_TOP_K = 5


@dataclass(frozen=True)
class Passage:
    """A retrieved passage and where it sits: offsets into the clean text (product) or raw file (tutorial)."""

    file: str
    chunk_id: str
    text: str
    start: int
    end: int
    coordinates: Coordinates


@dataclass
class SystemOutput:
    """What one system did with one item; `answer` is None for a system that does not compose."""

    passages: list[Passage]
    standalone: str
    latency_ms: float
    answer: str | None = None
    abstained: bool = False
    citations: list[CitationOut] = field(default_factory=list)
    # "answered", "partial" or "not_found" when the system reports one (None: it does not).
    outcome: str | None = None


class System(Protocol):
    """One method: answer (or at least retrieve for) a gold item."""

    name: str
    composes: bool

    def run(self, item: GoldItem) -> SystemOutput: ...


class AssistantSystem:
    """The product's `ask` with a given retrieval mode: the same composer and citations for every mode."""

    composes = True

    def __init__(self, name: str, assistant: Assistant) -> None:
        self.name = name
        self.assistant = assistant

    def run(self, item: GoldItem) -> SystemOutput:
        # No borough filter: questions are asked as a user would type them, place names included.
        request = AskRequest(question=item.question, history=item.history)
        started = time.perf_counter()
        response = self.assistant.ask(request)
        latency = (time.perf_counter() - started) * 1000
        by_id = self.assistant.snapshot.by_id
        passages = [
            Passage(p.file, p.chunk_id, p.text, by_id[p.chunk_id].start, by_id[p.chunk_id].end, "clean")
            for p in response.passages
        ]
        return SystemOutput(
            passages=passages,
            standalone=response.standalone_question,
            latency_ms=latency,
            answer=response.answer,
            abstained=response.abstained,
            citations=response.citations,
            # getattr: the contract gains `outcome` in a parallel change; until then it is not scored.
            outcome=getattr(response, "outcome", None),
        )


class _LangChainEmbeddings(Embeddings):
    """Our MiniLM embedder behind LangChain's interface, so both pipelines embed identically."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [[float(x) for x in row] for row in self._embedder.embed_documents(texts)]

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self._embedder.embed_query(text)]


class TutorialSystem:
    """A plain LangChain RAG: raw files split 1000/200, dense top 5 in memory; it has no composer."""

    name = TUTORIAL
    composes = False

    def __init__(self, files: Sequence[Path], embedder: Embedder) -> None:
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=TUTORIAL_CHUNK_SIZE, chunk_overlap=TUTORIAL_CHUNK_OVERLAP, add_start_index=True
        )
        documents = [Document(page_content=load_raw(p).text, metadata={"source": p.name}) for p in files]
        self.chunks = splitter.split_documents(documents)
        self.store = InMemoryVectorStore(embedding=_LangChainEmbeddings(embedder))
        self.store.add_documents(self.chunks)

    def run(self, item: GoldItem) -> SystemOutput:
        # The tutorial retrieves with the question as typed: it has no conversation rewriting.
        started = time.perf_counter()
        found = self.store.similarity_search(item.question, k=TUTORIAL_TOP_K)
        latency = (time.perf_counter() - started) * 1000
        passages = []
        for doc in found:
            start = int(doc.metadata["start_index"])
            file = str(doc.metadata["source"])
            end = start + len(doc.page_content)
            passages.append(Passage(file, f"{TUTORIAL}:{file}:{start}", doc.page_content, start, end, "raw"))
        return SystemOutput(passages=passages, standalone=item.question, latency_ms=latency)


def parse_systems(text: str) -> list[str]:
    """'hybrid,bm25' -> ['hybrid', 'bm25'], rejecting unknown names and empty lists."""
    names = list(dict.fromkeys(n.strip().lower() for n in text.split(",") if n.strip()))
    unknown = [n for n in names if n not in SYSTEMS]
    if unknown or not names:
        raise InputError(f"unknown system(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(SYSTEMS)}")
    return names


def build_systems(names: Sequence[str], assistant: Assistant, corpus_dir: Path) -> list[System]:
    """The named systems, all over the catalog the assistant loaded (the tutorial re-reads its raw files)."""
    systems: list[System] = []
    for name in names:
        if name == TUTORIAL:
            files = [corpus_dir / f for f in sorted(assistant.snapshot.documents_by_file)]
            missing = [p.name for p in files if not p.is_file()]
            if missing:
                raise InputError(f"the tutorial baseline needs the raw files {', '.join(missing)} in {corpus_dir}")
            systems.append(TutorialSystem(files, assistant.embedder))
        elif name == PRODUCT:
            systems.append(AssistantSystem(name, assistant))
        elif name in ABLATIONS:
            systems.append(AssistantSystem(name, assistant.with_retrieval(ABLATIONS[name])))
        else:
            # A single retriever as it comes: none of the product's reweighting or second stage.
            pure = RetrievalConfig(
                mode=Mode(name), rerank_weight=0.0, borough_boost=0.0, section_boost=0.0, other_borough_penalty=0.0
            )
            variant = assistant.with_retrieval(pure)
            systems.append(AssistantSystem(name, variant))
    return systems
