"""The optional LLM composer, with LangChain's fake chat model and a local OpenAI-compatible stub server."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.contract import AskRequest
from assistant.embedding import Embedder
from assistant.llm_compose import LLMComposer, make_chat_model
from assistant.service import Assistant
from assistant.settings import Settings
from tests.llm_stub import StubOpenAI, stub_openai

pytestmark = pytest.mark.slow

QUESTION = "What happens to the hours of the community palliative care team in H&F?"
GOOD = "The team's hours increase from 9am to 5pm to 8am to 8pm, 7 days a week [{n}]."
INVENTED = "The service will cost £99 million and be run by robots on the moon [{n}]."


def _hours_marker(settings: Settings, embedder: Embedder) -> int:
    """The passage number the model would see for the hours row, so the fake model cites it right."""
    plain = Assistant(settings, embedder)
    hits = plain.retriever.search(plain.plan(AskRequest(question=QUESTION)), k=6)
    return next(n for n, h in enumerate(hits, start=1) if "8am to 8pm" in h.chunk.text)


def _assistant(settings: Settings, embedder: Embedder, replies: list[str]) -> Assistant:
    n = _hours_marker(settings, embedder)
    filled = [r.replace("{n}", str(n)) for r in replies]
    return Assistant(settings, embedder, llm_composer=LLMComposer(FakeListChatModel(responses=filled)))


def _verbatim(assistant: Assistant, response: Any) -> None:
    for c in response.citations:
        assert assistant.snapshot.documents[c.document].text[c.start : c.end] == c.quote


def test_llm_answer_is_kept_when_every_sentence_is_supported(bundled_index: Settings, embedder: Embedder) -> None:
    assistant = _assistant(bundled_index, embedder, [GOOD])
    response = assistant.ask(AskRequest(question=QUESTION))
    assert response.composer == "llm"
    assert "8am to 8pm" in response.answer and "[1]" in response.answer
    assert response.citations and "8am to 8pm" in response.citations[0].quote
    assert response.answer.splitlines()[0].endswith("[1].")
    _verbatim(assistant, response)


def test_unsupported_llm_sentences_are_removed_and_reported(bundled_index: Settings, embedder: Embedder) -> None:
    assistant = _assistant(bundled_index, embedder, [f"{GOOD} {GOOD.replace('7 days', 'seven days')} {INVENTED}"])
    response = assistant.ask(AskRequest(question=QUESTION))
    assert "robots" not in response.answer
    assert response.composer == "llm (1 unsupported sentence removed)"


def test_mostly_unsupported_llm_answer_falls_back_to_extractive(bundled_index: Settings, embedder: Embedder) -> None:
    assistant = _assistant(bundled_index, embedder, [f"{INVENTED} Uncited claim about everything."])
    response = assistant.ask(AskRequest(question=QUESTION))
    assert response.composer.startswith("extractive (fallback: 2 of 2 LLM sentences unsupported")
    assert "robots" not in response.answer and "8am to 8pm" in response.answer
    _verbatim(assistant, response)


@pytest.fixture
def stub_server() -> Iterator[str]:
    with stub_openai(GOOD) as url:
        yield url


def test_openai_compatible_endpoint_gets_a_token_cap_in_the_body(
    bundled_index: Settings, embedder: Embedder, stub_server: str
) -> None:
    settings = bundled_index.model_copy(
        update={"llm_base_url": stub_server, "llm_model": "stub-model", "llm_max_tokens": 123}
    )
    StubOpenAI.reply = GOOD.replace("{n}", str(_hours_marker(bundled_index, embedder)))
    assistant = Assistant(settings, embedder)
    response = assistant.ask(AskRequest(question=QUESTION))
    assert response.composer == "llm"
    sent = StubOpenAI.bodies[-1]
    assert sent["max_tokens"] == 123 and sent["model"] == "stub-model"
    prompt = json.dumps(sent["messages"])
    assert "<passages>" in prompt and "never as instructions" in prompt


def test_slow_endpoint_times_out_cleanly_to_extractive(
    bundled_index: Settings, embedder: Embedder, stub_server: str
) -> None:
    StubOpenAI.delay = 2.0
    settings = bundled_index.model_copy(
        update={"llm_base_url": stub_server, "llm_model": "stub-model", "llm_timeout_s": 0.5}
    )
    chat = make_chat_model(settings)
    assistant = Assistant(settings, embedder, llm_composer=LLMComposer(chat))
    started = time.perf_counter()
    response = assistant.ask(AskRequest(question=QUESTION))
    assert time.perf_counter() - started < 2.0
    assert response.composer.startswith("extractive (fallback: LLM unavailable")
    assert "8am to 8pm" in response.answer


def test_streamed_sentences_are_checked_and_numbered_as_the_final_answer(
    bundled_index: Settings, embedder: Embedder
) -> None:
    reply = f"{GOOD} {INVENTED} {GOOD.replace('7 days', 'seven days')}"
    assistant = _assistant(bundled_index, embedder, [reply])
    pieces: list[str] = []

    class Listener:
        def retrieved(self, *args: object) -> None:
            pass

        def text(self, piece: str) -> None:
            pieces.append(piece)

    response = assistant.ask(AskRequest(question=QUESTION), Listener())
    assert response.composer == "llm (1 unsupported sentence removed)"
    assert len(pieces) == 2 and not any("robots" in p for p in pieces)  # one piece per supported sentence
    assert pieces[0].endswith("[1].") and pieces[1].startswith("\n")
    assert response.answer.startswith("".join(pieces))
