"""Response models of the HTTP API (the ask contract itself lives in assistant/contract.py)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.contract import CitationOut, PassageOut, Status, Timings
from assistant.records import Outcome


class FieldError(BaseModel):
    """One invalid field: where it is and what is wrong, never the offending input echoed back."""

    loc: list[str | int]
    msg: str
    type: str


class ErrorDetail(BaseModel):
    type: str = Field(description="Stable machine-readable kind, e.g. 'store_unavailable', 'rate_limited'.")
    message: str = Field(description="One sentence a person can act on.")
    details: list[FieldError] | None = None


class ErrorOut(BaseModel):
    """Every error body; the same shape as OpenAI's so OpenAI clients surface the message."""

    error: ErrorDetail


class SearchHitOut(BaseModel):
    rank: int
    score: float
    dense_score: float | None
    bm25_score: float | None
    chunk_id: str
    document: str
    file: str
    title: str
    date: str
    heading_path: list[str]
    boroughs: list[str]
    start: int
    end: int
    text: str
    page: int | None = None
    page_end: int | None = None


class SearchOut(BaseModel):
    query: str
    boroughs: list[str]
    hits: list[SearchHitOut]


class DocumentSummary(BaseModel):
    id: str
    file: str
    title: str
    short_title: str
    publisher: str
    date: str
    type: str
    status: str
    boroughs: list[str]
    chunks: int
    chars: int
    pages: int = Field(default=0, description="Pages of the original PDF; 0 for formats without pages.")
    inferred: list[str] = Field(
        default_factory=list,
        description="Fields read from the document itself (no manifest entry gave them), e.g. title, date, publisher.",
    )


class DocumentOut(DocumentSummary):
    """A document's metadata and its clean text: the text every citation offset refers to."""

    notes: str
    text: str
    page_starts: list[int] = Field(
        default_factory=list, description="Offset in `text` where each page of the PDF starts (page n at index n-1)."
    )


class PassageDetail(BaseModel):
    """A chunk with the text around it, so a citation can be shown and its quote highlighted in place."""

    document: DocumentSummary
    chunk_id: str
    start: int
    end: int
    text: str
    heading_path: list[str]
    boroughs: list[str]
    page: int | None = None
    page_end: int | None = None
    context_start: int = Field(description="Document offset where `context` begins.")
    context_end: int
    context: str = Field(description="The passage with up to `around` characters either side.")


class BoroughOut(BaseModel):
    name: str
    key: str
    chunks: int = Field(description="Passages tagged with this borough.")
    documents: int = Field(description="Documents concerning this borough (by metadata or by any passage).")


class FeedbackIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"answer_id": "3f2c9a0e5b7d4e1f8a6b2c4d9e0f1a2b", "rating": "down", "reason": "Wrong borough"}]
        },
    )

    answer_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    rating: Literal["up", "down"]
    reason: str = Field(default="", max_length=1000)
    question: str = Field(default="", max_length=2000)
    answer: str = Field(default="", max_length=20_000)


class FeedbackOut(BaseModel):
    """The stored vote; `updated_at` differs from `created_at` once a later vote replaced it."""

    id: int
    answer_id: str
    rating: Literal["up", "down"]
    created_at: str
    updated_at: str


class HealthOut(BaseModel):
    status: Literal["ok"] = "ok"


class ReadyOut(BaseModel):
    status: Literal["ready", "not_ready"]
    reason: str | None = None
    model: str | None = None
    documents: int | None = None
    chunks: int | None = None
    vectors: int | None = None


class RetrievalEvent(BaseModel):
    """SSE `retrieval`: what was searched for and the passages found, before the answer text."""

    standalone_question: str
    boroughs: list[str]
    passages: list[PassageOut]


class DeltaEvent(BaseModel):
    text: str


class ResetEvent(BaseModel):
    """SSE `reset`: the answer text so far is replaced by this (the final answer did not continue the draft)."""

    text: str


class CitationsEvent(BaseModel):
    citations: list[CitationOut]


class DoneEvent(BaseModel):
    ok: bool
    answer_id: str | None = None
    abstained: bool | None = None
    outcome: Outcome | None = Field(default=None, description="answered, partial or not_found, as in AskResponse.")
    status: Status | None = None
    composer: str | None = None
    timings_ms: Timings | None = None
    notice: str | None = Field(default=None, description="A reminder to show beside the answer, as in AskResponse.")
