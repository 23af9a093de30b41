"""`POST /v1/chat`: the ask contract streamed as Server-Sent Events for the widget.

Events, in order: `retrieval` (the passages found), `delta` (answer text, in pieces, as it forms),
`citations`, then `done`. With an LLM composer the deltas are its sentences, each sent once it has passed
the grounding check, while the model is still writing; if the final answer does not continue what was
sent (too much was unsupported and the extractive answer stands instead), a `reset` event carries the
whole final text. A failure after the stream has started is an `error` event (the ErrorOut body)
followed by `done` with ok=false, so a client can always stop reading at `done`.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from api.deps import AssistantDep
from api.errors import describe, error_responses
from api.schemas import CitationsEvent, DeltaEvent, DoneEvent, ResetEvent, RetrievalEvent
from assistant.contract import AskRequest, AskResponse, PassageOut
from assistant.service import Assistant

router = APIRouter(tags=["chat"])

# Seconds between keep-alive comments, so proxies do not cut a quiet stream.
PING_S = 15
# A client that stops reading for this long is dropped rather than holding a worker.
SEND_TIMEOUT_S = 30

_PIECE = re.compile(r"\S+\s*|\s+")

EVENT_DOCS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A `text/event-stream`: retrieval → delta… [→ reset] → citations → done (or error → done).",
        "content": {"text/event-stream": {"example": 'event: delta\r\ndata: {"text":"- The "}\r\n\r\n'}},
    }
}


def answer_pieces(answer: str, words: int = 4) -> list[str]:
    """The answer cut into small runs of words (whitespace kept), so joining them gives it back exactly."""
    tokens = _PIECE.findall(answer)
    return ["".join(tokens[i : i + words]) for i in range(0, len(tokens), words)]


def sse(event: str, payload: BaseModel) -> ServerSentEvent:
    return ServerSentEvent(payload.model_dump_json(exclude_none=True), event=event)


class _Relay:
    """Hands what ask() produces in its worker thread to the event loop, in order."""

    def __init__(self, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[tuple[str, Any]]) -> None:
        self._loop = loop
        self._queue = queue

    def put(self, kind: str, value: Any) -> None:
        self._loop.call_soon_threadsafe(self._queue.put_nowait, (kind, value))

    def retrieved(self, standalone_question: str, boroughs: list[str], passages: list[PassageOut]) -> None:
        event = RetrievalEvent(standalone_question=standalone_question, boroughs=boroughs, passages=passages)
        self.put("retrieval", event)

    def text(self, piece: str) -> None:
        self.put("delta", piece)


# Strong references to running answers, so a client that hangs up does not leave a task to be collected.
_RUNNING: set[asyncio.Task[None]] = set()


async def chat_events(assistant: Assistant, request: AskRequest) -> AsyncIterator[ServerSentEvent]:
    """The event sequence for one question; never raises, always ends with `done`."""
    queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
    relay = _Relay(asyncio.get_running_loop(), queue)

    def answer() -> None:
        try:
            relay.put("response", assistant.ask(request, relay))
        except Exception as exc:  # every failure becomes an event; describe() logs the unexpected ones
            relay.put("error", exc)

    task = asyncio.create_task(run_in_threadpool(answer))
    _RUNNING.add(task)
    task.add_done_callback(_RUNNING.discard)
    streamed = ""
    while True:
        kind, value = await queue.get()
        if kind == "retrieval":
            yield sse("retrieval", value)
        elif kind == "delta":
            streamed += value
            yield sse("delta", DeltaEvent(text=value))
        elif kind == "error":
            yield sse("error", describe(value).body)
            yield sse("done", DoneEvent(ok=False))
            return
        else:
            response: AskResponse = value
            break
    if response.answer.startswith(streamed):
        for piece in answer_pieces(response.answer[len(streamed) :]):
            yield sse("delta", DeltaEvent(text=piece))
    else:
        yield sse("reset", ResetEvent(text=response.answer))
    yield sse("citations", CitationsEvent(citations=response.citations))
    yield sse(
        "done",
        DoneEvent(
            ok=True,
            answer_id=response.answer_id,
            abstained=response.abstained,
            outcome=response.outcome,
            status=response.status,
            composer=response.composer,
            timings_ms=response.timings_ms,
            notice=response.notice,
        ),
    )


@router.post(
    "/chat", response_class=EventSourceResponse, responses={**EVENT_DOCS, **error_responses(400, 413, 422, 503)}
)
async def chat(body: AskRequest, assistant: AssistantDep) -> EventSourceResponse:
    """Stream the answer to a question (with its history and borough filter) as Server-Sent Events."""
    return EventSourceResponse(chat_events(assistant, body), ping=PING_S, send_timeout=SEND_TIMEOUT_S)
