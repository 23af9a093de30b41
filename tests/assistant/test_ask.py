from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.boroughs import BOROUGHS
from assistant.cli import build_app
from assistant.contract import AskRequest, AskResponse, Turn
from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import Settings

app = build_app()

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def assistant(bundled_index: Settings, embedder: Embedder) -> Iterator[Assistant]:
    yield Assistant(bundled_index, embedder)


def _ask(assistant: Assistant, question: str, history: list[Turn] | None = None, **kw: list[str]) -> AskResponse:
    return assistant.ask(AskRequest(question=question, history=history or [], **kw))


def _assert_verbatim(assistant: Assistant, response: AskResponse) -> None:
    for citation in response.citations:
        doc = assistant.snapshot.documents[citation.document]
        assert doc.text[citation.start : citation.end] == citation.quote
        assert citation.chunk_id in {p.chunk_id for p in response.passages} or citation.chunk_id in (
            assistant.snapshot.by_id
        )
        assert f"[{citation.n}]" in response.answer


def test_ask_hf_palliative_changes_current_to_new(assistant: Assistant) -> None:
    response = _ask(assistant, "What changes for palliative care in Hammersmith and Fulham?")
    assert not response.abstained
    assert response.boroughs == ["Hammersmith and Fulham"]
    assert "9am to 5pm, 7 days a week → Increased hours of support to 8am to 8pm" in response.answer
    assert "→" in response.answer and response.citations
    # Answered from the change register: the H&F table's rows lead, then NW London-wide palliative changes.
    first = response.citations[0]
    assert first.file == "000_aa87430d678cc82c.txt" and first.date == "2025 (undated)"
    assert response.answer.index("In Hammersmith and Fulham:") < response.answer.index("Across NW London")
    assert response.status in {"mixed", "decided"}
    _assert_verbatim(assistant, response)


@pytest.mark.parametrize(
    "question",
    [
        "When do the new contracts start?",
        "How many enhanced end-of-life care beds will H&F get?",
        "What are Ealing's borough partnership priorities?",
        "What did the board hear about MSK physiotherapy waiting times?",
        "What is the Local Services vision for NW London?",
    ],
)
def test_every_citation_is_verbatim_and_marked(assistant: Assistant, question: str) -> None:
    response = _ask(assistant, question)
    assert not response.abstained, response.answer
    assert len(response.passages) >= 10
    _assert_verbatim(assistant, response)
    bullets = [line for line in response.answer.splitlines() if line.startswith("- ")]
    assert bullets and all(line.rstrip().endswith("]") for line in bullets)


def test_contract_date_question_finds_october_2025(assistant: Assistant) -> None:
    response = _ask(assistant, "When do the new contracts start?")
    assert "1st October 2025" in response.answer


def test_abstains_for_places_outside_nw_london(assistant: Assistant) -> None:
    response = _ask(assistant, "What changes for palliative care in Camden?")
    assert response.abstained and not response.citations
    assert "Camden" in response.answer and "do not" in response.answer


def test_abstains_when_the_documents_do_not_say(assistant: Assistant) -> None:
    response = _ask(assistant, "What is the car parking charge at Charing Cross Hospital for blue badge holders?")
    assert response.abstained, response.answer
    assert response.answer.startswith("The documents do not say")


def test_follow_up_carries_topic_to_new_borough(assistant: Assistant) -> None:
    history = [
        Turn(role="user", content="What are the borough partnership priorities in Ealing?"),
        Turn(role="assistant", content="..."),
    ]
    response = _ask(assistant, "And in Brent?", history)
    assert "Brent" in response.standalone_question and "Ealing" not in response.standalone_question
    assert response.boroughs == ["Brent"]
    top = assistant.snapshot.by_id[response.passages[0].chunk_id]
    assert "Brent" in top.boroughs


def test_hard_borough_filter_restricts_passages(assistant: Assistant) -> None:
    response = _ask(assistant, "What are the priorities?", boroughs=["Harrow"])
    for passage in response.passages:
        tags = assistant.snapshot.by_id[passage.chunk_id].boroughs
        assert "Harrow" in tags or "nw_london" in tags


def test_each_borough_question_reports_coverage(assistant: Assistant) -> None:
    response = _ask(assistant, "What changes in each borough?")
    # One section per borough with changes of its own, one shared NW London section, the rest named.
    sections = [line.removeprefix("In ").rstrip(":") for line in response.answer.splitlines() if line.startswith("In ")]
    named = next((line for line in response.answer.splitlines() if line.startswith("No borough-specific")), "")
    assert sorted(sections + [b for b in BOROUGHS if b in named]) == sorted(BOROUGHS)
    assert "Across NW London (these apply in every borough):" in response.answer
    _assert_verbatim(assistant, response)


def test_cli_ask_json_matches_contract(bundled_index: Settings) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["ask", "--data-dir", str(bundled_index.data_dir), "--json", "What changes in H&F?"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    response = AskResponse.model_validate(payload)
    assert set(payload) >= {
        "question",
        "standalone_question",
        "answer",
        "abstained",
        "boroughs",
        "status",
        "citations",
        "passages",
        "timings_ms",
    }
    assert response.timings_ms.total > 0


def test_cli_ask_jsonl_reports_bad_lines_and_keeps_going(bundled_index: Settings, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(
            [
                json.dumps({"question": "When was the JFP published?"}),
                "{not json",
                json.dumps({"question": ""}),
                json.dumps({"question": "x" * 2001}),
                json.dumps(
                    {"question": "And in Brent?", "history": [{"role": "user", "content": "Ealing priorities?"}]}
                ),
            ]
        )
    )
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["ask", "--data-dir", str(bundled_index.data_dir), "--jsonl", str(source), "--out", str(out)]
    )
    assert result.exit_code == 1
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 5
    assert AskResponse.model_validate(lines[0]).answer
    assert [("error" in line) for line in lines] == [False, True, True, True, False]
    assert "Brent" in lines[4]["standalone_question"]


def test_cli_ask_rejects_empty_question(bundled_index: Settings) -> None:
    result = CliRunner().invoke(app, ["ask", "--data-dir", str(bundled_index.data_dir), "   "])
    assert result.exit_code == 2
    assert "question must not be empty" in result.output
    assert "Traceback" not in result.output


def test_winning_table_row_brings_its_adjacent_rows(assistant: Assistant) -> None:
    plan = assistant.plan(AskRequest(question="What are the new hours of the H&F palliative care team?"))
    hits = assistant.retriever.search(plan, k=8)
    expanded = assistant._with_neighbours(assistant.generation, hits)
    top_row = next(h.chunk for h in hits[:2] if h.chunk.kind == "table_row")
    siblings = {
        c.chunk_id
        for c in assistant.snapshot.by_doc[top_row.doc_id]
        if abs(c.index - top_row.index) == 1 and c.heading_path == top_row.heading_path
    }
    assert siblings and siblings <= {h.chunk.chunk_id for h in expanded}
    assert [h.chunk.chunk_id for h in expanded[: len(hits)]] == [h.chunk.chunk_id for h in hits]
