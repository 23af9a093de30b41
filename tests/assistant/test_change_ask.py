"""`Assistant.ask` and `nwl-assistant ask` on "what changes" questions over a catalog with a change register."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from typer.testing import CliRunner

from assistant.cli import build_app
from assistant.contract import AskRequest
from assistant.embedding import Embedder
from assistant.llm_compose import LLMComposer
from assistant.service import Assistant
from assistant.settings import Settings
from tests.register_index import with_register

pytestmark = pytest.mark.slow

QUESTION = "What changes for residents in Ealing?"
INVENTED = "Ealing will get a new hospital run by robots on the moon [1]."


@pytest.fixture(scope="module")
def register_settings(bundled_index: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return with_register(bundled_index, tmp_path_factory.mktemp("ask-register") / "data")


def test_register_answers_stay_extractive_with_an_llm_configured(
    register_settings: Settings, embedder: Embedder
) -> None:
    plain = Assistant(register_settings, embedder).ask(AskRequest(question=QUESTION))
    chat = FakeListChatModel(responses=[INVENTED])
    with_llm = Assistant(register_settings, embedder, llm_composer=LLMComposer(chat))
    response = with_llm.ask(AskRequest(question=QUESTION))
    assert response.composer == "extractive" and "robots" not in response.answer
    assert response.answer == plain.answer
    assert [c.quote for c in response.citations] == [c.quote for c in plain.citations]


def test_cli_ask_prints_the_register_answer(register_settings: Settings, tmp_path: Path) -> None:
    result = CliRunner().invoke(build_app(), ["ask", QUESTION, "--data-dir", str(register_settings.data_dir)])
    assert result.exit_code == 0, result.output
    assert "Changes for residents in Ealing" in result.output
    assert "\n- " in result.output and "[1]" in result.output and "Across NW London" in result.output


def test_a_change_question_then_a_detail_gets_the_changes_and_the_detail(
    register_settings: Settings, embedder: Embedder
) -> None:
    question = "My dad is dying at home in Hayes. What help can come to our house? Who do I call at night?"
    response = Assistant(register_settings, embedder).ask(AskRequest(question=question))
    changes, _, detail = response.answer.partition("\n\nWho do I call at night?\n")
    assert "Across NW London" in changes and "Hospice at Home" in changes
    assert detail, response.answer
    # one citation list for both parts: every marker has its citation, the detail's numbered after the changes'
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", response.answer)}
    assert markers == set(range(1, len(response.citations) + 1))
    # the documents give no number to call at night: the detail is declined, the changes are not
    assert response.abstained and response.outcome == "partial"
