"""The assistant: loads the model and indexes once, then answers questions with citations."""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from assistant.boroughs import BOROUGHS
from assistant.change_and_detail import change_and_detail, with_detail
from assistant.change_answer import compose_changes
from assistant.change_question import change_question
from assistant.citations import build_citations
from assistant.compose import abstain_text, render_unit
from assistant.contract import AskRequest, AskResponse, PassageOut, Timings
from assistant.conversation import standalone_question
from assistant.embedding import Embedder
from assistant.generation import Generation
from assistant.query import Intent, QueryPlan, parse_boroughs, plan_query
from assistant.records import Composition, Hit, Unit
from assistant.redact import PATIENT_DETAILS_NOTICE, holds_nhs_number
from assistant.retrieve import RetrievalConfig, Retriever
from assistant.settings import Settings
from assistant.snapshot import Snapshot, current_name
from assistant.store import ChromaStore

if TYPE_CHECKING:
    from assistant.llm_compose import LLMComposer

PASSAGES_RETURNED = 10
HITS_COMPOSED = 8
NEIGHBOUR_SOURCES = 2


class AskListener(Protocol):
    """Receives an answer's parts as they form, for the chat stream; ask() still returns the whole response.

    Called from the thread running ask(). Only text that passed the LLM composer's checks is passed
    on; the returned response stays the authority (it may differ, e.g. after a fallback).
    """

    def retrieved(self, standalone_question: str, boroughs: list[str], passages: list[PassageOut]) -> None: ...

    def text(self, piece: str) -> None: ...


class Assistant:
    """One per process: retrieval, composition and citation checking over the committed catalog.

    The catalog in use is one immutable Generation; every answer reads the one current when it started,
    and reload() swaps in a newer one only once it is fully loaded.
    """

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        retrieval: RetrievalConfig | None = None,
        llm_composer: LLMComposer | None = None,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.retrieval_config = retrieval or RetrievalConfig()
        if llm_composer is None and settings.llm_enabled:
            from assistant.llm_compose import LLMComposer, make_chat_model

            llm_composer = LLMComposer(make_chat_model(settings))
        self.llm_composer = llm_composer
        self._lock = threading.Lock()
        self.generation = Generation.load(settings, embedder, self.retrieval_config)

    # The current generation's parts, for callers that read one of them once (routes, evals, FAQ tools).
    @property
    def snapshot(self) -> Snapshot:
        return self.generation.snapshot

    @property
    def store(self) -> ChromaStore:
        return self.generation.store

    @property
    def retriever(self) -> Retriever:
        return self.generation.retriever

    @property
    def catalog(self) -> str:
        """The version (snapshot name) answers are currently drawn from."""
        return self.generation.name

    def reload(self, verify_store: bool = True) -> None:
        """Pick up a newer catalog after an ingest, without restarting; on any failure the old one stays."""
        with self._lock:
            self.generation = Generation.load(
                self.settings, self.embedder, self.retrieval_config, verify_store=verify_store
            )

    def refresh_if_stale(self) -> bool:
        """Reload when an ingest has published a newer catalog since this one was loaded (cheap to call)."""
        if current_name(self.settings.data_dir) == self.generation.name:
            return False
        self.reload()
        return True

    def with_retrieval(self, config: RetrievalConfig) -> Assistant:
        """A sibling assistant sharing model and catalog but retrieving differently (baselines, sweeps)."""
        clone = object.__new__(Assistant)
        clone.__dict__.update(self.__dict__)
        clone._lock = threading.Lock()
        clone.retrieval_config = config
        clone.generation = self.generation.with_retrieval(config)
        return clone

    def plan(self, request: AskRequest) -> QueryPlan:
        standalone = standalone_question(request.question, request.history)
        return plan_query(request.question, standalone, parse_boroughs(request.boroughs))

    def search(
        self, query: str, boroughs: list[str] | None = None, k: int = 10, generation: Generation | None = None
    ) -> list[Hit]:
        """Ranked hits from `generation` (default the current one); pass it to read pages from the same catalog."""
        plan = plan_query(query, query, parse_boroughs(boroughs or []))
        return (generation or self.generation).retriever.search(plan, k=k)

    @staticmethod
    def _passage(snapshot: Snapshot, hit: Hit) -> PassageOut:
        page, page_end = snapshot.page_span(hit.chunk)
        return PassageOut(
            file=hit.chunk.file,
            document=hit.chunk.doc_id,
            chunk_id=hit.chunk.chunk_id,
            text=hit.chunk.text,
            score=round(hit.score, 6),
            page=page,
            page_end=page_end,
        )

    def ask(self, request: AskRequest, listener: AskListener | None = None) -> AskResponse:
        """The whole answer; a listener also gets the passages, then verified LLM text, as they form."""
        started = time.perf_counter()
        gen = self.generation  # one catalog for the whole answer, whatever is published meanwhile
        plan = self.plan(request)
        hits = gen.retriever.search(plan, k=max(PASSAGES_RETURNED, HITS_COMPOSED))
        passages = [self._passage(gen.snapshot, h) for h in hits[:PASSAGES_RETURNED]]
        retrieved = time.perf_counter()
        if listener is not None:
            listener.retrieved(plan.standalone, list(plan.scope), passages)
        asked = change_question(plan)
        # "What help is coming? Who do I call at night?": the changes, then the detail.
        parts = None if asked else change_and_detail(plan)
        asked = parts.change if parts else asked
        # "What changes…" is answered from the change register when it holds changes for the scope.
        register_answer = compose_changes(gen.register, gen.snapshot, asked) if asked and gen.register else None
        if register_answer is not None and parts is not None:
            detail_hits = gen.retriever.search(parts.detail, k=HITS_COMPOSED)
            detail = gen.composer.compose(self._with_neighbours(gen, detail_hits), parts.detail)
            register_answer = with_detail(register_answer, detail, parts.detail_asked)
        if plan.out_of_scope:
            composition = Composition(
                answer=abstain_text(plan, hits), units=[], abstained=True, status=None, best_coverage=0.0
            )
        elif register_answer is not None:
            composition = register_answer
        elif plan.intent is Intent.each_borough and not plan.scope:
            composition = self._each_borough(gen, plan)
        else:
            composition = gen.composer.compose(self._with_neighbours(gen, hits[:HITS_COMPOSED]), plan)
            if self.llm_composer is not None and not composition.abstained:
                on_text = listener.text if listener is not None else None
                composition = self.llm_composer(plan, hits[:HITS_COMPOSED], composition, on_text=on_text)
        citations = build_citations(composition.units, gen.snapshot)
        done = time.perf_counter()
        return AskResponse(
            question=request.question,
            standalone_question=plan.standalone,
            answer=composition.answer,
            abstained=composition.abstained,
            outcome=composition.settled_outcome,
            boroughs=list(plan.scope),
            status=composition.status,
            citations=citations,
            passages=passages,
            timings_ms=Timings(
                retrieve=round((retrieved - started) * 1000, 2),
                compose=round((done - retrieved) * 1000, 2),
                total=round((done - started) * 1000, 2),
            ),
            answer_id=uuid.uuid4().hex,
            composer=composition.composer,
            notice=PATIENT_DETAILS_NOTICE if holds_nhs_number(request.question) else None,
            catalog=gen.name,
        )

    @staticmethod
    def _with_neighbours(gen: Generation, hits: list[Hit]) -> list[Hit]:
        """A winning table row or list item brings its adjacent rows/items, ranked after the retrieved hits."""
        seen = {h.chunk.chunk_id for h in hits}
        extra: list[Hit] = []
        for hit in hits[:NEIGHBOUR_SOURCES]:
            if hit.chunk.kind not in ("table_row", "list"):
                continue
            for chunk in gen.retriever.neighbours(hit.chunk):
                if chunk.chunk_id not in seen:
                    seen.add(chunk.chunk_id)
                    extra.append(Hit(chunk=chunk, score=0.0, signals={"neighbour_of": 1.0}))
        return hits + extra

    @staticmethod
    def _each_borough(gen: Generation, plan: QueryPlan) -> Composition:
        """One section per borough, from passages tagged with that borough specifically."""
        sections: list[str] = []
        units: list[Unit] = []
        missing: list[str] = []
        for borough in BOROUGHS:
            sub = replace(plan, hard_filter=(borough,), boroughs=(borough,), intent=Intent.changes)
            hits = gen.retriever.search(sub, k=4, include_nw_london=False)
            chosen = gen.composer.select(hits, sub)[:2]
            if not chosen or gen.composer.is_weak(chosen, hits):
                missing.append(borough)
                continue
            lines = []
            for unit in chosen:
                units.append(unit)
                lines.append(render_unit(unit, len(units), sub))
            sections.append(f"{borough}:\n" + "\n".join(lines))
        found = len(BOROUGHS) - len(missing)
        head = f"Evidence for {found} of {len(BOROUGHS)} boroughs"
        if missing:
            head += f"; the documents give no specific change for {', '.join(missing)}"
        if not units:
            return Composition(head + ".", [], True, None, 0.0)
        return Composition(head + ".\n\n" + "\n\n".join(sections), units, False, None, 1.0)
