"""POST /v1/chat: the answer as Server-Sent Events, in a fixed order that always ends with `done`."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.server]

Parse = Callable[[str], list[tuple[str, str]]]


def test_chat_streams_events_in_order(client: httpx.Client, parse_sse: Parse) -> None:
    question = {"question": "When do the new contracts start?"}
    with client.stream("POST", "/v1/chat", json=question) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = parse_sse(response.read().decode())
    names = [name for name, _ in events]
    assert names[0] == "retrieval" and names[-2:] == ["citations", "done"]
    assert set(names[1:-2]) == {"delta"} and len(names) > 4
    retrieval = json.loads(events[0][1])
    assert len(retrieval["passages"]) >= 5 and retrieval["standalone_question"] == question["question"]
    streamed = "".join(json.loads(data)["text"] for name, data in events if name == "delta")
    citations = json.loads(events[-2][1])["citations"]
    done = json.loads(events[-1][1])
    whole = client.post("/v1/ask", json=question).json()
    assert streamed == whole["answer"] and "1st October 2025" in streamed
    assert [c["quote"] for c in citations] == [c["quote"] for c in whole["citations"]]
    assert done["ok"] is True and len(done["answer_id"]) == 32 and done["abstained"] is False


def test_chat_abstention_is_marked_in_done(client: httpx.Client, parse_sse: Parse) -> None:
    response = client.post("/v1/chat", json={"question": "What changes for palliative care in Camden?"})
    events = parse_sse(response.text)
    done = json.loads(events[-1][1])
    assert events[-1][0] == "done" and done["abstained"] is True
    assert json.loads(events[-2][1]) == {"citations": []}


def test_chat_invalid_request_is_422_before_streaming(client: httpx.Client) -> None:
    response = client.post("/v1/chat", json={"question": "q", "history": [{"role": "user", "content": "x"}] * 21})
    assert response.status_code == 422 and response.json()["error"]["type"] == "invalid_request"


def test_chat_done_event_carries_the_notice_for_an_nhs_number(client: httpx.Client, parse_sse: Parse) -> None:
    response = client.post("/v1/chat", json={"question": "When do the new contracts start for 9434765919?"})
    events = parse_sse(response.text)
    done = json.loads(events[-1][1])
    assert events[-1][0] == "done" and done["ok"] is True and "do not enter patient details" in done["notice"]
    assert "1st October 2025" in "".join(json.loads(data)["text"] for name, data in events if name == "delta")
