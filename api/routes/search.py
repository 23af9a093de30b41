"""`GET /v1/search`: the retriever on its own, for people and tools that want ranked passages, not an answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AfterValidator, WithJsonSchema
from starlette.concurrency import run_in_threadpool

from api.deps import AssistantDep
from api.errors import error_responses
from api.schemas import SearchHitOut, SearchOut
from assistant.boroughs import filter_choices, filter_name
from assistant.contract import BOROUGH_FILTER_DESCRIPTION, MAX_QUESTION_CHARS, NOT_BLANK, strip_blank
from assistant.errors import InputError
from assistant.query import parse_boroughs

router = APIRouter(tags=["search"])

# As in the ask contract, plus the empty value a form sends for "any borough" (`?borough=` means no filter).
SearchBorough = Annotated[
    str,
    AfterValidator(lambda name: filter_name(name) if name else name),
    WithJsonSchema({"type": "string", "enum": [*filter_choices(), ""], "description": BOROUGH_FILTER_DESCRIPTION}),
]


@router.get("/search", response_model=SearchOut, responses=error_responses(422, 503))
async def search(
    assistant: AssistantDep,
    q: Annotated[
        str,
        Query(
            min_length=1, max_length=MAX_QUESTION_CHARS, json_schema_extra=NOT_BLANK, description="What to look for."
        ),
    ],
    borough: Annotated[
        list[SearchBorough] | None,
        Query(max_length=9, description="Restrict to these boroughs (repeat); aliases such as H&F work."),
    ] = None,
    k: Annotated[int, Query(ge=1, le=50, description="How many passages.")] = 10,
) -> SearchOut:
    """Hybrid (dense + BM25) ranked passages with their scores, best first."""
    query = strip_blank(q)
    if not query:
        raise InputError("q must hold more than whitespace")
    names = [b for b in borough or [] if b]
    scope = list(parse_boroughs(names))
    gen = assistant.generation  # one catalog for the hits and their pages, whatever is published meanwhile
    hits = await run_in_threadpool(assistant.search, query, names, k, gen)
    pages = [gen.snapshot.page_span(h.chunk) for h in hits]
    return SearchOut(
        query=q,
        boroughs=scope,
        hits=[
            SearchHitOut(
                rank=rank,
                score=round(h.score, 6),
                dense_score=None if h.dense_score is None else round(h.dense_score, 6),
                bm25_score=None if h.bm25_score is None else round(h.bm25_score, 6),
                chunk_id=h.chunk.chunk_id,
                document=h.chunk.doc_id,
                file=h.chunk.file,
                title=h.chunk.title,
                date=h.chunk.date,
                heading_path=list(h.chunk.heading_path),
                boroughs=list(h.chunk.boroughs),
                start=h.chunk.start,
                end=h.chunk.end,
                text=h.chunk.text,
                page=page,
                page_end=page_end,
            )
            for rank, (h, (page, page_end)) in enumerate(zip(hits, pages, strict=True), start=1)
        ],
    )
