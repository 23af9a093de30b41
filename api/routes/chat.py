"""`POST /v1/chat`: the ask contract streamed as Server-Sent Events for the widget.

Events, in order: `retrieval` (the passages found), `delta` (answer text, in pieces, as it forms),
`citations`, then `done`. A failure after the stream has started is an `error` event (the ErrorOut body)
followed by `done` with ok=false, so a client can always stop reading at `done`.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from api.deps import AssistantDep
from api.errors import ERROR_RESPONSES, describe
from api.schemas import CitationsEvent, DeltaEvent, DoneEvent, RetrievalEvent
from assistant.contract import AskRequest
from assistant.service import Assistant

router = APIRouter(tags=["chat"])

# Seconds between keep-alive comments, so proxies do not cut a quiet stream.
PING_S = 15
# A client that stops reading for this long is dropped rather than holding a worker.
SEND_TIMEOUT_S = 30

_PIECE = re.compile(r"\S+\s*|\s+")

EVENT_DOCS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A `text/event-stream`: retrieval → delta… → citations → done (or error → done).",
        "content": {"text/event-stream": {"example": 'event: delta\r\ndata: {"text":"- The "}\r\n\r\n'}},
    }
}


def answer_pieces(answer: str, words: int = 4) -> list[str]:
    """The answer cut into small runs of words (whitespace kept), so joining them gives it back exactly."""
    tokens = _PIECE.findall(answer)
    return ["".join(tokens[i : i + words]) for i in range(0, len(tokens), words)]


def sse(event: str, payload: BaseModel) -> ServerSentEvent:
    return ServerSentEvent(payload.model_dump_json(exclude_none=True), event=event)


async def chat_events(assistant: Assistant, request: AskRequest) -> AsyncIterator[ServerSentEvent]:
    """The event sequence for one question; never raises, always ends with `done`."""
    try:
        response = await run_in_threadpool(assistant.ask, request)
    except Exception as exc:  # every failure becomes an event; describe() logs the unexpected ones
        yield sse("error", describe(exc).body)
        yield sse("done", DoneEvent(ok=False))
        return
    yield sse(
        "retrieval",
        RetrievalEvent(
            standalone_question=response.standalone_question, boroughs=response.boroughs, passages=response.passages
        ),
    )
    for piece in answer_pieces(response.answer):
        yield sse("delta", DeltaEvent(text=piece))
    yield sse("citations", CitationsEvent(citations=response.citations))
    yield sse(
        "done",
        DoneEvent(
            ok=True,
            answer_id=response.answer_id,
            abstained=response.abstained,
            status=response.status,
            composer=response.composer,
            timings_ms=response.timings_ms,
        ),
    )


@router.post("/chat", response_class=EventSourceResponse, responses={**EVENT_DOCS, **ERROR_RESPONSES})
async def chat(body: AskRequest, assistant: AssistantDep) -> EventSourceResponse:
    """Stream the answer to a question (with its history and borough filter) as Server-Sent Events."""
    return EventSourceResponse(chat_events(assistant, body), ping=PING_S, send_timeout=SEND_TIMEOUT_S)
