"""POST /v1/chat with an LLM composer: checked sentences reach the client while the model is still writing."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from api.server import background_server
from assistant.contract import AskRequest
from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import Settings
from tests.api.conftest import variant
from tests.llm_stub import StubOpenAI, stub_openai

pytestmark = [pytest.mark.slow, pytest.mark.server]

QUESTION = "What happens to the hours of the community palliative care team in H&F?"
GOOD = "The team's hours increase from 9am to 5pm to 8am to 8pm, 7 days a week [{n}]."
ALSO_GOOD = "The team will work 8am to 8pm, seven days a week [{n}]."
INVENTED = "The service will cost £99 million and be run by robots on the moon [{n}]."


@pytest.fixture
def llm_server(bundled_index: Settings, embedder: Embedder) -> Iterator[tuple[str, int]]:
    """A server whose assistant composes with an OpenAI-compatible stub; yields its URL and the hours passage number."""
    with stub_openai() as stub_url:
        settings = variant(bundled_index, llm_base_url=stub_url, llm_model="stub-model")
        assistant = Assistant(settings, embedder)
        hits = assistant.retriever.search(assistant.plan(AskRequest(question=QUESTION)), k=6)
        marker = next(n for n, h in enumerate(hits, start=1) if "8am to 8pm" in h.chunk.text)
        with background_server(create_app(settings, assistant)) as url:
            yield url, marker


def _events(response: httpx.Response) -> Iterator[tuple[str, dict[str, object]]]:
    """Events as they arrive on the wire, not after the body is complete."""
    name, data = "message", ""
    for line in response.iter_lines():
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data += line[5:].strip()
        elif not line and data:
            yield name, json.loads(data)
            name, data = "message", ""


def test_checked_sentences_stream_while_the_model_writes(llm_server: tuple[str, int]) -> None:
    url, n = llm_server
    StubOpenAI.reply = f"{GOOD} {ALSO_GOOD}".replace("{n}", str(n))
    gate = threading.Event()
    StubOpenAI.gate = gate  # the stub holds its second sentence back until the client has shown the first
    seen: list[tuple[str, dict[str, object]]] = []
    with httpx.Client(timeout=60) as http, http.stream("POST", f"{url}/v1/chat", json={"question": QUESTION}) as resp:
        for name, data in _events(resp):
            seen.append((name, data))
            if name == "delta" and not gate.is_set():
                assert "8am to 8pm" in str(data["text"]) and str(data["text"]).endswith("[1].")
                gate.set()
    names = [name for name, _ in seen]
    assert gate.is_set() and names[0] == "retrieval" and names[-2:] == ["citations", "done"]
    assert "reset" not in names
    streamed = "".join(str(data["text"]) for name, data in seen if name == "delta")
    done = seen[-1][1]
    assert done["composer"] == "llm" and StubOpenAI.bodies[-1]["stream"] is True
    assert streamed.startswith(GOOD.replace("{n}", "1")) and "seven days a week [1]." in streamed


def test_a_draft_that_falls_back_is_replaced_by_the_final_answer(llm_server: tuple[str, int]) -> None:
    url, n = llm_server
    StubOpenAI.reply = f"{GOOD} {INVENTED} Uncited claim about everything.".replace("{n}", str(n))
    with httpx.Client(timeout=60) as http, http.stream("POST", f"{url}/v1/chat", json={"question": QUESTION}) as resp:
        seen = list(_events(resp))
    names = [name for name, _ in seen]
    assert names[0] == "retrieval" and names[-3:] == ["reset", "citations", "done"]
    draft = "".join(str(data["text"]) for name, data in seen if name == "delta")
    final = str(seen[-3][1]["text"])
    assert "8am to 8pm" in draft and "robots" not in draft + final
    assert str(seen[-1][1]["composer"]).startswith("extractive (fallback: 2 of 3 LLM sentences unsupported")
    assert "8am to 8pm" in final and not final.startswith(draft)
