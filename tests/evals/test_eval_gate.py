"""The gate's config and verdicts, and the optional judge's parsing, without the model."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from typer.testing import CliRunner

from assistant.cli import build_app
from assistant.contract import CitationOut
from assistant.errors import ConfigError
from assistant.settings import Settings
from evals.gate import Gate, check_gate, default_gate_path, load_gate
from evals.judge import FaithfulnessJudge, judge_from_settings, parse_verdicts

app = build_app()

METRICS = {"hybrid": {"all": {"hit@5": 0.9, "mrr": 0.8, "false_abstention": 0.04, "fact_recall": None}}}


def test_committed_gate_config_loads_and_gates_the_product() -> None:
    gate = load_gate(default_gate_path())
    assert gate.system == "hybrid" and gate.split == "all"
    assert {"hit@5", "mrr", "fact_recall", "abstention"} <= set(gate.minimum)
    assert "false_abstention" in gate.maximum


def test_gate_fails_naming_the_metric_below_its_threshold() -> None:
    gate = Gate("hybrid", "all", {"hit@5": 0.95, "mrr": 0.75}, {"false_abstention": 0.05})
    assert check_gate(gate, METRICS) == ["hit@5 = 0.9 < minimum 0.95 (hybrid, split all)"]


def test_gate_fails_above_a_maximum_and_on_missing_measurements() -> None:
    assert check_gate(Gate("hybrid", "all", {}, {"false_abstention": 0.03}), METRICS) == [
        "false_abstention = 0.04 > maximum 0.03 (hybrid, split all)"
    ]
    assert "n/a" in check_gate(Gate("hybrid", "all", {"fact_recall": 0.5}, {}), METRICS)[0]
    assert "did not evaluate" in check_gate(Gate("dense", "all", {"mrr": 0.1}, {}), METRICS)[0]
    assert check_gate(Gate("hybrid", "all", {"hit@5": 0.85}, {"false_abstention": 0.05}), METRICS) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('system = "hybrid"\n[min]\n"hit@50" = 0.9\n', "unknown metric 'hit@50'"),
        ('system = "hybrid"\n[min]\nmrr = "high"\n', "min.mrr must be a number"),
        ('split = "all"\n[min]\nmrr = 0.5\n', "needs system"),
        ('system = "hybrid"\n', "no thresholds"),
        ("system = \n", "gate config"),
    ],
)
def test_bad_gate_config_is_a_config_error(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "gate.toml"
    path.write_text(body, "utf-8")
    with pytest.raises(ConfigError, match=message):
        load_gate(path)


def _citation(n: int, quote: str) -> CitationOut:
    return CitationOut(
        n=n, file="f", document="d", title="t", date="2024", quote=quote, start=0, end=len(quote), chunk_id="c"
    )


def test_judge_scores_the_share_of_lines_judged_supported() -> None:
    llm = FakeListChatModel(responses=["Verdicts: [true, false]"])
    judge = FaithfulnessJudge(llm, "fake")
    answer = "- Five new beds [1]\n- Open on Mars [2]"
    assert judge.score("q", answer, [_citation(1, "Five new beds"), _citation(2, "beds")]) == 0.5


def test_judge_reply_without_one_verdict_per_line_is_not_scored() -> None:
    assert parse_verdicts("[true]", 2) is None
    assert parse_verdicts("I think [true, true] or rather [false, true]", 2) == [False, True]
    assert parse_verdicts("no json here", 1) is None


def test_judge_needs_the_llm_settings() -> None:
    with pytest.raises(ConfigError, match="NWL_LLM_BASE_URL"):
        judge_from_settings(Settings(llm_base_url=None, llm_model=None))
    judge = judge_from_settings(Settings(llm_base_url="http://127.0.0.1:9/v1", llm_model="local-model"))
    assert judge.model_name == "local-model"


def test_eval_judge_without_llm_settings_fails_before_loading_anything() -> None:
    env = {"NWL_LLM_BASE_URL": None, "NWL_LLM_MODEL": None, "NWL_LLM_API_KEY": None}
    result = CliRunner().invoke(app, ["eval", "--judge", "--systems", "bm25"], env=env)
    assert result.exit_code == 2
    assert "--judge needs NWL_LLM_BASE_URL and NWL_LLM_MODEL" in result.output
