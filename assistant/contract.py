"""The public answer contract, shared by `nwl-assistant ask --json`, the API and the evaluation suite."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema, field_validator
from pydantic.json_schema import JsonDict

from assistant.boroughs import filter_choices, filter_name
from assistant.records import Outcome, Status

MAX_QUESTION_CHARS = 2000
MAX_HISTORY_TURNS = 20
MAX_TURN_CHARS = 20_000

BOROUGH_FILTER_DESCRIPTION = (
    "A NW London borough by name or alias (matched without regard to case or spacing); "
    "'NW London' or 'all' means no borough in particular."
)
# A borough filter value: the schema lists every accepted spelling, so a value the schema allows is never refused.
BoroughName = Annotated[
    str,
    AfterValidator(filter_name),
    WithJsonSchema({"type": "string", "enum": list(filter_choices()), "description": BOROUGH_FILTER_DESCRIPTION}),
]
# Text that must hold something other than whitespace: the schema says so with a pattern, and validators
# strip exactly what that pattern's \S excludes, so a value the schema allows is never refused as blank.
NOT_BLANK: JsonDict = {"pattern": r"\S"}
# JSON Schema patterns are ECMA-262 regular expressions, whose \s is this set: not Python's (which adds
# U+001C-U+001F and U+0085) nor pydantic's Rust engine's (which leaves out U+FEFF).
ECMA_WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)


def strip_blank(text: str) -> str:
    """The text without leading and trailing whitespace as the schema's patterns understand it."""
    return text.strip(ECMA_WHITESPACE)


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str = Field(max_length=MAX_TURN_CHARS)


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

    question: str = Field(max_length=MAX_QUESTION_CHARS, json_schema_extra=NOT_BLANK)
    history: list[Turn] = Field(default_factory=list, max_length=MAX_HISTORY_TURNS)
    boroughs: list[BoroughName] = Field(
        default_factory=list, max_length=9, description="Hard filter: answer only from passages about these boroughs."
    )

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        question = strip_blank(value)
        if not question:
            raise ValueError("question must not be empty")
        return question


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
    section: str = Field(default="", description="The headings the quote sits under, joined with ' › '.")

    page: int | None = Field(default=None, description="Page of the original PDF the quote starts on.")
    page_end: int | None = Field(default=None, description="Last page, only when the quote runs onto later pages.")


class PassageOut(BaseModel):
    file: str
    document: str
    chunk_id: str
    text: str
    score: float
    page: int | None = Field(default=None, description="Page of the original PDF the passage starts on.")
    page_end: int | None = Field(default=None, description="Last page, only when the passage runs onto later pages.")


class Timings(BaseModel):
    retrieve: float
    compose: float
    total: float


class AskResponse(BaseModel):
    """Exactly the `ask --json` contract, plus `answer_id` and `composer` for feedback and audit."""

    question: str
    standalone_question: str
    answer: str
    abstained: bool = Field(description="True whenever the detail asked for is not in the documents.")
    outcome: Outcome = Field(
        default="answered",
        description="answered: the documents state it; partial: they do not, but nearby facts are given and cited; "
        "not_found: nothing in the documents answers it (nothing cited).",
    )
    boroughs: list[str]
    status: Status | None
    citations: list[CitationOut]
    passages: list[PassageOut]
    timings_ms: Timings
    answer_id: str = ""
    composer: str = "extractive"
    notice: str | None = Field(
        default=None,
        description="A reminder for the person asking, shown beside the answer (e.g. not to enter patient details).",
    )
    catalog: str = Field(
        default="", description="Version of the document catalog the whole answer was drawn from (changes on ingest)."
    )


class StatusSourceOut(BaseModel):
    """The words a change's status rests on and the document (with its date) that says them."""

    document: str
    date: str
    quote: str


class ChangeOut(BaseModel):
    """One change-register record: what changes, for whom, how settled it is, and where the documents say so.

    `summary` is a verbatim span, or "current → new" built from one table row's cells; `citations` are
    verbatim quotes, the record's own document first, then any other document stating the same change.
    """

    id: str
    summary: str
    current: str | None = None
    new: str | None = None
    kind: Literal["new", "expanded", "improved", "reduced", "closed", "replaced", "other"]
    topic: str
    scope: Literal["borough", "nw_london"]
    boroughs: list[str]
    status: Literal["proposed", "decided", "in place"] | None = None
    status_source: StatusSourceOut | None = None
    when: str | None = None
    document: str
    title: str
    date: str
    era: Literal["current", "older"] = "current"
    programme: str = ""
    audience: Literal["residents", "organisation"] = Field(
        default="residents",
        description="residents: a change people would notice in their care; organisation: how the NHS runs itself "
        "(staff, data, money, buildings, governance). Answers list residents' changes and count the others.",
    )
    citations: list[CitationOut]


class ChangesResponse(BaseModel):
    """The register filtered by borough and topic: `nwl-assistant changes --format json` and GET /v1/changes."""

    boroughs: list[str] = Field(description="The boroughs asked about; empty means all of NW London.")
    topic: str | None = None
    changes: list[ChangeOut]
    stays_same: list[ChangeOut] = Field(default_factory=list, description="'No change' rows, listed apart.")
    catalog: str = ""
