"""Issue #12 on the bundled corpus: partial answers, time-range reasoning, scope kept by complete questions."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from assistant.cli import build_app
from assistant.contract import AskRequest, AskResponse, Turn
from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def assistant(bundled_index: Settings, embedder: Embedder) -> Iterator[Assistant]:
    yield Assistant(bundled_index, embedder)


def _ask(assistant: Assistant, question: str, history: list[Turn] | None = None) -> AskResponse:
    response = assistant.ask(AskRequest(question=question, history=history or []))
    for citation in response.citations:
        assert assistant.snapshot.documents[citation.document].text[citation.start : citation.end] == citation.quote
    return response


def test_a_split_of_a_total_gives_a_partial_answer_citing_the_total(assistant: Assistant) -> None:
    response = _ask(assistant, "How much of the £15m CSPC investment goes to Hammersmith and Fulham?")
    assert response.outcome == "partial" and response.abstained
    assert response.answer.startswith("The documents do not say how much of the £15m")
    assert any("£15m investment over 6 years" in c.quote for c in response.citations)


def test_a_detail_missing_near_a_known_topic_is_not_answered(assistant: Assistant) -> None:
    response = _ask(assistant, "What are the visiting hours at Royal Trinity and St John's Hospice?")
    assert response.abstained and response.outcome in ("partial", "not_found")
    assert response.answer.startswith("The documents do not say")


def test_seven_in_the_evening_falls_within_the_team_hours(assistant: Assistant) -> None:
    question = "My gran lives in Hammersmith - can the nurses who look after her come round at 7 in the evening?"
    response = _ask(assistant, question)
    assert response.outcome == "answered" and response.boroughs == ["Hammersmith and Fulham"]
    first = response.answer.split("\n")[0]
    assert first.startswith("Yes: 7pm is within the hours the documents give (8am to 8pm) [")
    n = int(first.rsplit("[", 1)[1].rstrip("]."))
    assert "8am to 8pm" in response.citations[n - 1].quote


def test_a_complete_question_after_a_borough_question_keeps_its_own_scope(assistant: Assistant) -> None:
    history = [
        Turn(role="user", content="What's Brent doing about community frailty services?"),
        Turn(role="assistant", content="Brent is developing integrated neighbourhood teams [1]."),
    ]
    question = "How many care homes are there in North West London?"
    response = _ask(assistant, question, history)
    assert response.standalone_question == question and "Brent" not in response.boroughs
    assert "276 care homes" in response.answer
    follow_up = _ask(assistant, "And in Hillingdon?", history)
    assert follow_up.standalone_question != "And in Hillingdon?" and follow_up.boroughs == ["Hillingdon"]


def test_ask_json_reports_the_outcome(bundled_index: Settings) -> None:
    result = CliRunner().invoke(
        build_app(),
        ["ask", "How much of the £15m CSPC investment goes to Hammersmith and Fulham?", "--json"],
        env={"NWL_DATA_DIR": str(bundled_index.data_dir)},
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["outcome"] == "partial" and body["abstained"] is True
    assert "outcome" in AskResponse.model_json_schema()["properties"]
