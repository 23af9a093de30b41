"""The widget with an LLM composer whose draft gives way to the grounded answer: the draft must not stay on screen."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Page, expect

from api.app import create_app
from api.server import background_server
from assistant.contract import AskRequest
from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import Settings
from tests.browser.conftest import UNLIMITED
from tests.browser.test_widget_chat import ask, last_answer
from tests.llm_stub import StubOpenAI, stub_openai

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

QUESTION = "What happens to the hours of the community palliative care team in H&F?"
DRAFT = "The team's hours increase from 9am to 5pm to 8am to 8pm, 7 days a week [{n}]."
INVENTED = "The service will cost £99 million and be run by robots on the moon [{n}]."


@pytest.fixture
def llm_widget_url(bundled_index: Settings, embedder: Embedder) -> Iterator[str]:
    with stub_openai() as stub_url:
        settings = bundled_index.model_copy(
            update={"llm_base_url": stub_url, "llm_model": "stub-model", "rate_limit_per_minute": UNLIMITED}
        )
        assistant = Assistant(settings, embedder)
        hits = assistant.retriever.search(assistant.plan(AskRequest(question=QUESTION)), k=6)
        n = next(i for i, h in enumerate(hits, start=1) if "8am to 8pm" in h.chunk.text)
        StubOpenAI.reply = f"{DRAFT} {INVENTED} Uncited claim about everything.".replace("{n}", str(n))
        with background_server(create_app(settings, assistant)) as url:
            yield url


def test_widget_replaces_a_draft_that_fell_back(page: Page, llm_widget_url: str) -> None:
    page.goto(llm_widget_url)
    ask(page, QUESTION)
    final = httpx.post(f"{llm_widget_url}/v1/ask", json={"question": QUESTION}, timeout=60).json()
    assert final["composer"].startswith("extractive (fallback")
    shown = last_answer(page).locator(".nwl-answer")
    expect(shown).to_contain_text("8am to 8pm")
    assert "The team's hours increase" not in shown.inner_text()  # the streamed draft was replaced
    assert "robots" not in shown.inner_text()
    expect(last_answer(page).locator(".nwl-sources .nwl-cite")).to_have_count(len(final["citations"]))
