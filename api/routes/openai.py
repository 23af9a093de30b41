"""`POST /v1/chat/completions` and `GET /v1/models`: the assistant as an OpenAI-compatible "model".

Any OpenAI client can point its base URL at `/v1`. The last user message is the question, earlier
user/assistant messages are the history, system messages are ignored (the assistant's behaviour is
fixed: it quotes the documents). Citations come back twice: as a "Sources:" list at the end of the
message, and as the extra fields `citations`, `answer_id` and `abstained` on the completion (on the
last chunk when streaming). `boroughs` is accepted as an extra request field (the client's `extra_body`).
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Literal

from fastapi import APIRouter
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from api.deps import AssistantDep
from api.errors import ERROR_RESPONSES
from api.routes.chat import PING_S, SEND_TIMEOUT_S, answer_pieces
from assistant.citations import dated
from assistant.contract import MAX_HISTORY_TURNS, AskRequest, AskResponse, CitationOut, Turn
from assistant.errors import InputError

router = APIRouter(tags=["openai"])

MODEL_ID = "nwl-assistant"
SOURCES_HEADING = "\n\nSources:\n"


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: str
    text: str | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(p.text or "" for p in self.content if p.type == "text")
        return self.content or ""


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
    messages: list[ChatMessage] = Field(min_length=1, max_length=2 * MAX_HISTORY_TURNS + 8)
    stream: bool = False
    boroughs: list[str] = Field(default_factory=list, max_length=9)


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


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "nhs-nwl"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


def to_ask_request(body: ChatCompletionRequest) -> AskRequest:
    """Map OpenAI messages onto the ask contract; 422 when there is no final user question."""
    turns = [(m.role, m.text()) for m in body.messages if m.role in ("user", "assistant")]
    if not turns or turns[-1][0] != "user":
        raise InputError("the last user or assistant message must be the user's question")
    try:
        history = [Turn(role=role, content=content.split(SOURCES_HEADING)[0]) for role, content in turns[:-1]]
        return AskRequest(question=turns[-1][1], history=history, boroughs=body.boroughs)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from exc


def sources_text(response: AskResponse) -> str:
    if not response.citations:
        return ""
    lines = [f"[{c.n}] {c.title} ({dated(c)}): “{c.quote}”" for c in response.citations]
    return SOURCES_HEADING + "\n".join(lines)


@router.post("/chat/completions", response_model=ChatCompletion, responses=ERROR_RESPONSES)
async def chat_completions(
    body: ChatCompletionRequest, assistant: AssistantDep
) -> ChatCompletion | EventSourceResponse:
    """OpenAI chat completion, plain or (`stream: true`) as `chat.completion.chunk` events ending in `[DONE]`."""
    request = to_ask_request(body)
    # Answered before any byte is sent, so failures keep their HTTP status, which OpenAI clients expect.
    response = await run_in_threadpool(assistant.ask, request)
    created = int(time.time())
    completion_id = f"chatcmpl-{response.answer_id}"
    content = response.answer + sources_text(response)
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
    )
    data = final.model_dump(mode="json", exclude_none=True)
    # Citations keep their null fields (a page of None) so they read exactly as in the plain completion.
    data["citations"] = [c.model_dump(mode="json") for c in response.citations]
    yield ServerSentEvent(json.dumps(data, ensure_ascii=False))
    yield ServerSentEvent("[DONE]")


@router.get("/models", response_model=ModelList, responses=ERROR_RESPONSES)
async def list_models() -> ModelList:
    """The one "model" this server offers, for clients that list models before using one."""
    return ModelList(data=[ModelCard(id=MODEL_ID)])
