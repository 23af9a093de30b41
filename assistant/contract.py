"""The public answer contract, shared by `nwl-assistant ask --json`, the API and the evaluation suite."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_QUESTION_CHARS = 2000
MAX_HISTORY_TURNS = 20

Status = Literal["proposed", "decided", "in place", "mixed"]


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str = Field(max_length=20_000)


class AskRequest(BaseModel):
    """A question, the conversation so far, and an optional hard borough filter."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"question": "What changes for residents in Ealing?", "history": [], "boroughs": []},
                {
                    "question": "And in Brent?",
                    "history": [
                        {"role": "user", "content": "What changes for residents in Ealing?"},
                        {"role": "assistant", "content": "..."},
                    ],
                },
            ]
        },
    )

    question: str = Field(max_length=MAX_QUESTION_CHARS)
    history: list[Turn] = Field(default_factory=list, max_length=MAX_HISTORY_TURNS)
    boroughs: list[str] = Field(default_factory=list, max_length=9)

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("question must not be empty")
        return value.strip()


class CitationOut(BaseModel):
    """A numbered source: a verbatim quote of the clean document text at [start, end).

    `section` is where in the document the quote sits (its heading path below the document title, joined
    with " › "), so two quotes from one long plan can be told apart; empty for text before any heading.
    """

    n: int
    file: str
    document: str
    title: str
    date: str
    quote: str
    start: int
    end: int
    chunk_id: str
    section: str = ""


class PassageOut(BaseModel):
    file: str
    document: str
    chunk_id: str
    text: str
    score: float


class Timings(BaseModel):
    retrieve: float
    compose: float
    total: float


class AskResponse(BaseModel):
    """Exactly the `ask --json` contract, plus `answer_id` and `composer` for feedback and audit."""

    question: str
    standalone_question: str
    answer: str
    abstained: bool
    boroughs: list[str]
    status: Status | None
    citations: list[CitationOut]
    passages: list[PassageOut]
    timings_ms: Timings
    answer_id: str = ""
    composer: str = "extractive"
