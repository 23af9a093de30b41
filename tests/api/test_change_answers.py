""" "What changes" questions answered from the change register, through /v1/ask, /v1/chat and the OpenAI endpoint.

The server reads a copy of the bundled catalog whose register holds records (tests/register_index.py): those
ingest made, or made from the catalog's own chunks when ingest made none. Assertions compare the answers
with what GET /v1/changes returns for the same scope, so they hold for either register.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import openai
import pytest

from api.app import create_app
from api.server import background_server
from assistant.contract import ChangesResponse
from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import Settings
from tests.register_index import with_register

pytestmark = [pytest.mark.slow, pytest.mark.server]

Parse = Callable[[str], list[tuple[str, str]]]
BULLET = re.compile(r"^- .+ ((?:\[\d+\])+)$")


@pytest.fixture(scope="module")
def register_client(
    bundled_index: Settings, embedder: Embedder, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    settings = with_register(bundled_index, tmp_path_factory.mktemp("register") / "data")
    app = create_app(settings.model_copy(update={"rate_limit_per_minute": 1_000_000}), Assistant(settings, embedder))
    with background_server(app) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http


def _changes(client: httpx.Client, **params: Any) -> ChangesResponse:
    response = client.get("/v1/changes", params=params)
    assert response.status_code == 200, response.text
    return ChangesResponse.model_validate(response.json())


def _bullets(answer: str) -> list[str]:
    return [line for line in answer.splitlines() if line.startswith("- ")]


def _verbatim(client: httpx.Client, citations: list[dict[str, Any]]) -> None:
    texts: dict[str, str] = {}
    for c in citations:
        doc = c["document"]
        texts.setdefault(doc, client.get(f"/v1/documents/{doc}").json()["text"])
        assert texts[doc][c["start"] : c["end"]] == c["quote"]


def test_borough_question_lists_the_register_with_nw_london_changes(register_client: httpx.Client) -> None:
    register = _changes(register_client, borough="Brent")
    assert register.changes and register.boroughs == ["Brent"]
    body = register_client.post("/v1/ask", json={"question": "What changes for residents in Brent?"}).json()
    answer = body["answer"]
    bullets = _bullets(answer)
    assert bullets and all(BULLET.match(b) for b in bullets), bullets
    assert not body["abstained"] and body["outcome"] == "answered"
    # Every change of Brent's own and every NW London-wide residents' change the register holds is a bullet,
    # the NW London-wide ones under their own heading; NW London-wide changes to how the NHS organises itself
    # are counted in one line instead.
    residents = [c for c in register.changes if c.audience == "residents" or c.scope == "borough"]
    for change in residents:
        text = f"{change.current} → {change.new}" if change.current and change.new else change.summary
        assert " ".join(text.split()) in answer, change.id
    if any((c.scope, c.era) == ("nw_london", "current") for c in register.changes):
        assert "Across NW London" in answer
    cited = {(c.document, c.start, c.end) for change in register.changes for c in change.citations}
    assert {(c["document"], c["start"], c["end"]) for c in body["citations"]} <= cited | {
        (c.document, c.start, c.end) for change in _changes(register_client).stays_same for c in change.citations
    }
    _verbatim(register_client, body["citations"])
    assert len(bullets) >= len(residents)
    organisation = len(register.changes) - len(residents)
    assert not organisation or f"also list {organisation} change" in answer


def test_follow_up_in_another_borough_is_answered_from_the_register(register_client: httpx.Client) -> None:
    first = register_client.post("/v1/ask", json={"question": "What changes for residents in Brent?"}).json()
    # As the widget sends it: only the user's turns are read, so a long answer travels back clipped.
    echo = first["answer"][:4000]
    history = [{"role": "user", "content": first["question"]}, {"role": "assistant", "content": echo}]
    body = register_client.post("/v1/ask", json={"question": "And in Harrow?", "history": history}).json()
    assert body["boroughs"] == ["Harrow"]
    harrow = _changes(register_client, borough="Harrow")
    assert all(c.summary in body["answer"] or (c.new or "") in body["answer"] for c in harrow.changes)
    assert "In Brent:" not in body["answer"]


def test_each_borough_names_boroughs_without_their_own_change(register_client: httpx.Client) -> None:
    body = register_client.post("/v1/ask", json={"question": "What changes in each borough?"}).json()
    answer = body["answer"]
    assert answer.count("Across NW London") <= 1
    for borough in ("Brent", "Ealing", "Harrow", "Westminster"):
        listed = _changes(register_client, borough=borough).changes
        own = [c for c in listed if (c.scope, c.era) == ("borough", "current")]
        assert (f"In {borough}:" in answer) == bool(own), borough
    _verbatim(register_client, body["citations"])


def test_other_questions_keep_the_passage_answers(register_client: httpx.Client) -> None:
    body = register_client.post("/v1/ask", json={"question": "When do the new contracts start?"}).json()
    assert "Across NW London" not in body["answer"] and "1st October 2025" in body["answer"]


def test_chat_streams_the_register_answer(register_client: httpx.Client, parse_sse: Parse) -> None:
    question = {"question": "What is new in Ealing?"}
    with register_client.stream("POST", "/v1/chat", json=question) as response:
        events = parse_sse(response.read().decode())
    streamed = "".join(json.loads(data)["text"] for name, data in events if name == "delta")
    citations = json.loads(next(data for name, data in events if name == "citations"))["citations"]
    whole = register_client.post("/v1/ask", json=question).json()
    assert streamed == whole["answer"] and _bullets(streamed)
    assert [c["quote"] for c in citations] == [c["quote"] for c in whole["citations"]]
    assert json.loads(events[-1][1])["ok"] is True


def test_openai_endpoint_renders_bullets_and_sources(register_client: httpx.Client) -> None:
    base = str(register_client.base_url).rstrip("/")
    client = openai.OpenAI(base_url=f"{base}/v1", api_key="x", max_retries=0, timeout=60)
    completion = client.chat.completions.create(
        model="nwl-assistant", messages=[{"role": "user", "content": "What changes for residents in Hounslow?"}]
    )
    content = completion.choices[0].message.content or ""
    assert _bullets(content) and "\n\nSources:\n[1] " in content


def test_changes_route_validates_and_refuses_unknown_boroughs(register_client: httpx.Client) -> None:
    every = _changes(register_client)
    assert every.boroughs == [] and len(every.changes) >= len(_changes(register_client, borough="Brent").changes)
    two = _changes(register_client, borough=["Brent", "h&f"])
    assert two.boroughs == ["Brent", "Hammersmith and Fulham"]
    for change in two.changes:
        assert change.scope == "nw_london" or set(change.boroughs) & {"Brent", "Hammersmith and Fulham"}
    _verbatim(register_client, [c.model_dump() for change in two.changes for c in change.citations])
    bad = register_client.get("/v1/changes", params={"borough": "Camden"})
    assert bad.status_code in (400, 422) and "Traceback" not in bad.text
