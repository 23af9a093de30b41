"""`POST /v1/chat/completions` and `GET /v1/models`: the assistant as an OpenAI-compatible "model".

Any OpenAI client can point its base URL at `/v1`. The last user message is the question, earlier
user/assistant messages are the history, system messages are ignored (the assistant's behaviour is
fixed: it quotes the documents). Citations come back twice: as a "Sources:" list at the end of the
message, and as the extra fields `citations`, `answer_id`, `abstained` and `outcome` on the completion (on
the last chunk when streaming). A partial answer (the detail asked for is not in the documents, something
close is) opens with a "Partly answered:" line, since plain clients show only the text. A `notice` (e.g.
not to enter patient details) is the message's last paragraph and the extra field `notice`. `boroughs` is
accepted as an extra request field (the client's `extra_body`).
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Annotated, Literal, Self

from fastapi import APIRouter
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, model_validator
from pydantic.json_schema import JsonDict
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from api.deps import AssistantDep
from api.errors import Responses, error_responses
from api.routes.chat import PING_S, SEND_TIMEOUT_S, answer_pieces
from assistant.citations import dated
from assistant.contract import (
    MAX_HISTORY_TURNS,
    MAX_QUESTION_CHARS,
    MAX_TURN_CHARS,
    NOT_BLANK,
    AskRequest,
    AskResponse,
    BoroughName,
    CitationOut,
    Turn,
    strip_blank,
)
from assistant.errors import InputError
from assistant.records import Outcome
from assistant.redact import PATIENT_DETAILS_NOTICE

router = APIRouter(tags=["openai"])

MODEL_ID = "nwl-assistant"
SOURCES_HEADING = "\n\nSources:\n"
NOTICE_BREAK = "\n\n"
PARTIAL_LABEL = "Partly answered: the documents do not give the detail asked for.\n\n"
# Every turn of the history both ways, plus room for system and developer messages.
MAX_MESSAGES = 2 * MAX_HISTORY_TURNS + 8

COMPLETION_RESPONSES: Responses = {
    200: {
        "description": "A `chat.completion`, or with `stream: true` a `text/event-stream` of `chat.completion.chunk`.",
        "content": {"text/event-stream": {"example": 'data: {"object":"chat.completion.chunk", ...}\r\n\r\n'}},
    },
    **error_responses(400, 413, 422, 503),
}


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: str = Field(max_length=64)
    text: str | None = Field(default=None, max_length=MAX_TURN_CHARS)


class QuestionPart(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["text"]
    text: str = Field(max_length=MAX_QUESTION_CHARS, json_schema_extra=NOT_BLANK)


class UserMessage(BaseModel):
    """A question: as the contract's `question`, non-blank and at most 2,000 characters, as text or one text part."""

    model_config = ConfigDict(extra="ignore")
    role: Literal["user"]
    content: (
        Annotated[str, Field(max_length=MAX_QUESTION_CHARS, json_schema_extra=NOT_BLANK)]
        | Annotated[list[QuestionPart], Field(min_length=1, max_length=1)]
    )

    def text(self) -> str:
        return self.content[0].text if isinstance(self.content, list) else self.content

    @model_validator(mode="after")
    def _not_blank(self) -> Self:
        if not strip_blank(self.text()):
            raise ValueError("a user message must hold a question, not only whitespace")
        return self


class OtherMessage(BaseModel):
    """An assistant turn (kept as history) or a system, developer or tool message (ignored)."""

    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "developer", "assistant", "tool"]
    content: (
        Annotated[str, Field(max_length=MAX_TURN_CHARS)] | Annotated[list[ContentPart], Field(max_length=1)] | None
    ) = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(p.text or "" for p in self.content if p.type == "text")
        return self.content or ""


ChatMessage = Annotated[UserMessage | OtherMessage, Field(discriminator="role")]
# The schema's way of saying "at least one user message": the question is the last of them.
HAS_QUESTION: JsonDict = {
    "contains": {"type": "object", "properties": {"role": {"const": "user"}}, "required": ["role"]}
}


class ChatCompletionRequest(BaseModel):
    """The subset of OpenAI's request that matters here; sampling parameters are accepted and ignored."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "model": MODEL_ID,
                    "messages": [{"role": "user", "content": "When do the new palliative care contracts start?"}],
                }
            ]
        },
    )

    model: str = Field(default=MODEL_ID, max_length=200)
    messages: list[ChatMessage] = Field(min_length=1, max_length=MAX_MESSAGES, json_schema_extra=HAS_QUESTION)
    # Strict: OpenAI's schema says boolean, so 0, 1 or "true" are refused rather than read as one.
    stream: StrictBool = False
    boroughs: list[BoroughName] = Field(default_factory=list, max_length=9)


class AssistantMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: AssistantMessage
    finish_reason: Literal["stop"] = "stop"


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    citations: list[CitationOut]
    answer_id: str
    abstained: bool
    outcome: Outcome = "answered"
    notice: str | None = None


class Delta(BaseModel):
    role: Literal["assistant"] | None = None
    content: str | None = None


class ChunkChoice(BaseModel):
    index: int = 0
    delta: Delta
    finish_reason: Literal["stop"] | None = None


class ChatCompletionChunk(BaseModel):
    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int
    model: str
    choices: list[ChunkChoice]
    citations: list[CitationOut] | None = None
    answer_id: str | None = None
    abstained: bool | None = None
    outcome: Outcome | None = None
    notice: str | None = None


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "nhs-nwl"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


def to_ask_request(body: ChatCompletionRequest) -> AskRequest:
    """Map OpenAI messages onto the ask contract: the last user message is the question; 422 when there is none."""
    turns = [(m.role, m.text()) for m in body.messages if m.role in ("user", "assistant")]
    while turns and turns[-1][0] != "user":  # an assistant "prefill" after the question is not history
        turns.pop()
    if not turns:
        raise InputError("messages must include a user message: the question")
    try:
        earlier = turns[:-1][-MAX_HISTORY_TURNS:]  # follow-ups only ever look back a turn or two
        history = [Turn(role=role, content=answer_only(content)) for role, content in earlier]
        return AskRequest(question=turns[-1][1], history=history, boroughs=body.boroughs)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from exc


def answer_only(content: str) -> str:
    """An earlier message as history: without the label, Sources list or notice this endpoint added to it."""
    answer = content.removeprefix(PARTIAL_LABEL)
    return answer.split(SOURCES_HEADING)[0].removesuffix(NOTICE_BREAK + PATIENT_DETAILS_NOTICE)


def outcome_text(response: AskResponse) -> str:
    """A label that says, before anything else, that the answer is only partial (plain clients show text only)."""
    return PARTIAL_LABEL if response.outcome == "partial" else ""


def notice_text(response: AskResponse) -> str:
    """The reminder (e.g. not to enter patient details) as the message's last paragraph, for plain clients."""
    return NOTICE_BREAK + response.notice if response.notice else ""


def sources_text(response: AskResponse) -> str:
    if not response.citations:
        return ""
    lines = [f"[{c.n}] {c.title} ({dated(c)}): “{c.quote}”" for c in response.citations]
    return SOURCES_HEADING + "\n".join(lines)


@router.post("/chat/completions", response_model=ChatCompletion, responses=COMPLETION_RESPONSES)
async def chat_completions(
    body: ChatCompletionRequest, assistant: AssistantDep
) -> ChatCompletion | EventSourceResponse:
    """OpenAI chat completion, plain or (`stream: true`) as `chat.completion.chunk` events ending in `[DONE]`."""
    request = to_ask_request(body)
    # Answered before any byte is sent, so failures keep their HTTP status, which OpenAI clients expect.
    response = await run_in_threadpool(assistant.ask, request)
    created = int(time.time())
    completion_id = f"chatcmpl-{response.answer_id}"
    content = outcome_text(response) + response.answer + sources_text(response) + notice_text(response)
    if body.stream:
        return EventSourceResponse(
            _chunks(completion_id, created, body.model, content, response), ping=PING_S, send_timeout=SEND_TIMEOUT_S
        )
    return ChatCompletion(
        id=completion_id,
        created=created,
        model=body.model,
        choices=[Choice(message=AssistantMessage(content=content))],
        citations=response.citations,
        answer_id=response.answer_id,
        abstained=response.abstained,
        outcome=response.outcome,
        notice=response.notice,
    )


async def _chunks(
    completion_id: str, created: int, model: str, content: str, response: AskResponse
) -> AsyncIterator[ServerSentEvent]:
    def chunk(delta: Delta) -> ServerSentEvent:
        body = ChatCompletionChunk(id=completion_id, created=created, model=model, choices=[ChunkChoice(delta=delta)])
        return ServerSentEvent(body.model_dump_json(exclude_none=True))

    yield chunk(Delta(role="assistant", content=""))
    for piece in answer_pieces(content):
        yield chunk(Delta(content=piece))
    final = ChatCompletionChunk(
        id=completion_id,
        created=created,
        model=model,
        choices=[ChunkChoice(delta=Delta(), finish_reason="stop")],
        citations=response.citations,
        answer_id=response.answer_id,
        abstained=response.abstained,
        outcome=response.outcome,
        notice=response.notice,
    )
    data = final.model_dump(mode="json", exclude_none=True)
    # Citations keep their null fields (a page of None) so they read exactly as in the plain completion.
    data["citations"] = [c.model_dump(mode="json") for c in response.citations]
    yield ServerSentEvent(json.dumps(data, ensure_ascii=False))
    yield ServerSentEvent("[DONE]")


@router.get("/models", response_model=ModelList)
async def list_models() -> ModelList:
    """The one "model" this server offers, for clients that list models before using one."""
    return ModelList(data=[ModelCard(id=MODEL_ID)])
