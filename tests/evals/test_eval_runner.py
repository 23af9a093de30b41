"""End to end: the runner over a handful of gold items on the bundled index, its reports, and the CLI gate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.boroughs import BOROUGHS
from assistant.cli import build_app
from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import Settings
from evals.baselines import TutorialSystem, build_systems
from evals.change_gold import default_changes_dataset
from evals.change_report import DOCS_START as CHANGES_START
from evals.gate import Gate, check_gate
from evals.report import DOCS_START, write_reports
from evals.runner import EvalRun, JudgeStatus, run_eval
from evals.schema import GoldItem, default_dataset, read_dataset
from evals.scoring import GoldLocator

app = build_app()

pytestmark = pytest.mark.slow

# A borough change, a retrieval miss, a multi-document item, a follow-up, an unanswerable and an
# out-of-scope question: every branch of scoring and of the failure report.
SAMPLE = ("g003", "g005", "g076", "g112", "g125", "g138")


def _sample(ids: tuple[str, ...] = SAMPLE) -> list[GoldItem]:
    items, problems = read_dataset(default_dataset())
    assert not problems
    return [i for i in items if i.id in ids]


@pytest.fixture(scope="module")
def run(bundled_index: Settings, embedder: Embedder) -> EvalRun:
    assistant = Assistant(bundled_index, embedder)
    systems = build_systems(["hybrid", "bm25"], assistant, bundled_index.corpus_dir)
    seen: list[str] = []
    results = run_eval(
        _sample(),
        systems,
        GoldLocator(assistant.snapshot, bundled_index.corpus_dir),
        on_item=lambda system, item: seen.append(f"{system}:{item.id}"),
    )
    assert len(seen) == 2 * len(SAMPLE)
    return EvalRun(
        str(default_dataset()), "0" * 64, "all", ["hybrid", "bm25"], JudgeStatus(False, None, "off"), results
    )


def test_runner_writes_results_json_with_metrics_per_system_and_split(run: EvalRun, tmp_path: Path) -> None:
    paths = write_reports(run, tmp_path / "out")
    data = json.loads(paths["results"].read_text("utf-8"))
    assert set(data["metrics"]) == {"hybrid", "bm25"}
    assert set(data["metrics"]["hybrid"]) == {"all", "tune", "heldout"}
    product = data["metrics"]["hybrid"]["all"]
    assert product["items"] == len(SAMPLE) and product["retrieval_items"] == 4
    assert 0 <= product["hit@5"] <= 1 and 0 <= product["mrr"] <= 1
    assert product["abstention"] is not None and product["latency_p95_ms"] > 0
    assert product["multi_source_items"] == 1
    assert len(data["items"]) == 2 * len(SAMPLE)
    g003 = next(i for i in data["items"] if i["id"] == "g003" and i["system"] == "hybrid")
    assert g003["first_rank"] is not None and g003["passages"][g003["first_rank"] - 1]["supports"]
    assert all(c["verbatim"] for i in data["items"] for c in i["citations"])
    camden = next(i for i in data["items"] if i["id"] == "g138" and i["system"] == "hybrid")
    assert camden["abstained"] and not camden["failures"]


def test_html_report_embeds_the_chart_and_shows_every_failure(run: EvalRun, tmp_path: Path) -> None:
    paths = write_reports(run, tmp_path / "out")
    page = paths["html"].read_text("utf-8")
    assert '<img src="data:image/png;base64,' in page
    assert '<h2 id="failures">Failures</h2>' in page
    failed = [r for r in run.results if r.failures]
    assert failed, "the sample includes a retrieval miss (g005), so some item must fail"
    for r in failed:
        assert f"id='{r.system}-{r.id}'" in page
    assert "Expected facts:" in page and "Retrieved:" in page
    summary = paths["summary"].read_text("utf-8")
    assert "### Retrieval" in summary and "| product (hybrid) | heldout |" in summary
    assert "LLM judge: not run (off)" in summary


def test_gate_fails_when_a_threshold_is_above_what_the_product_reaches(run: EvalRun) -> None:
    reached = run.metrics()["hybrid"]["all"]["mrr"]
    assert isinstance(reached, float)
    failures = check_gate(Gate("hybrid", "all", {"mrr": reached + 0.01}, {}), run.metrics())
    assert len(failures) == 1 and failures[0].startswith("mrr = ")
    assert check_gate(Gate("hybrid", "all", {"mrr": reached - 0.01}, {}), run.metrics()) == []


def test_eval_command_exits_non_zero_naming_the_metric_and_writes_docs(bundled_index: Settings, tmp_path: Path) -> None:
    dataset = tmp_path / "two.jsonl"
    dataset.write_text("".join(i.model_dump_json() + "\n" for i in _sample(("g003", "g138"))), "utf-8")
    gate = tmp_path / "gate.toml"
    gate.write_text('system = "hybrid"\nsplit = "all"\n[min]\n"hit@1" = 1.01\n', "utf-8")
    docs = tmp_path / "evaluation.md"
    docs.write_text("# Evaluation\n\nDefinitions stay.\n", "utf-8")
    args = ["eval", "--dataset", str(dataset), "--systems", "hybrid", "--out", str(tmp_path / "out")]
    # The change evaluation has its own test below; here it would only add minutes of every wording.
    args += ["--no-changes", "--data-dir", str(bundled_index.data_dir), "--gate", "--gate-config", str(gate)]
    result = CliRunner().invoke(app, [*args, "--write-docs", "--docs", str(docs)])
    assert result.exit_code == 1, result.output
    assert re.search(r"gate failed: hit@1 = [\d.]+ < minimum 1\.01 \(hybrid, split all\)", result.output)
    assert (tmp_path / "out" / "report.html").is_file()
    text = docs.read_text("utf-8")
    assert text.startswith("# Evaluation\n\nDefinitions stay.") and DOCS_START in text
    assert "`nwl-assistant eval --systems hybrid --split all --dataset" in text


def test_tutorial_baseline_returns_five_raw_file_spans(small_corpus: Path, embedder: Embedder) -> None:
    files = sorted(p for p in small_corpus.iterdir() if p.suffix == ".txt")
    tutorial = TutorialSystem(files, embedder)
    assert all(len(c.page_content) <= 1000 for c in tutorial.chunks)
    (item,) = _sample(("g112",))
    output = tutorial.run(item.model_copy(update={"question": "What hours will the palliative care team work?"}))
    assert len(output.passages) == 5 and output.answer is None
    raw = {p.name: p.read_text("utf-8") for p in files}
    for passage in output.passages:
        assert passage.coordinates == "raw"
        assert raw[passage.file][passage.start : passage.end] == passage.text
    quote = item.sources[0].quote
    assert any(quote in p.text for p in output.passages)


def test_eval_changes_only_scores_every_borough_writes_its_docs_block_and_gates(
    bundled_index: Settings, tmp_path: Path
) -> None:
    docs = tmp_path / "evaluation.md"
    docs.write_text("# Evaluation\n\nDefinitions stay.\n", "utf-8")
    # The plumbing on the whole change gold but a few wordings per borough (the live gate test runs them all).
    dataset = tmp_path / "changes.jsonl"
    with dataset.open("w", encoding="utf-8") as out:
        for line in default_changes_dataset().read_text("utf-8").splitlines():
            record = json.loads(line)
            record["paraphrases"] = record.get("paraphrases", [])[:2]
            out.write(json.dumps(record) + "\n")
    passing = tmp_path / "passing.toml"
    passing.write_text('system = "hybrid"\n[changes.min]\nchange_recall = 0.85\n', "utf-8")
    args = ["eval", "--changes-only", "--out", str(tmp_path / "out"), "--data-dir", str(bundled_index.data_dir)]
    args += ["--changes-dataset", str(dataset)]
    result = CliRunner().invoke(
        app, [*args, "--gate", "--gate-config", str(passing), "--write-docs", "--docs", str(docs)]
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"gate passed: \d+ change thresholds met", result.output)
    data = json.loads((tmp_path / "out" / "changes.json").read_text("utf-8"))
    assert sorted(b["borough"] for b in data["by_borough"]) == sorted(BOROUGHS)
    assert all(b["answer"] and b["palliative_answer"] for b in data["boroughs"])
    assert data["metrics"]["errors"] == 0 and data["metrics"]["register_not_verbatim"] == 0
    text = docs.read_text("utf-8")
    assert text.startswith("# Evaluation\n\nDefinitions stay.") and CHANGES_START in text
    assert "| all boroughs (pooled) |" in text and DOCS_START not in text
    gate = tmp_path / "gate.toml"
    gate.write_text('system = "hybrid"\n[changes.min]\nchange_recall = 1.01\n', "utf-8")
    failed = CliRunner().invoke(app, [*args, "--gate", "--gate-config", str(gate)])
    assert failed.exit_code == 1
    assert re.search(r"gate failed: change_recall = [\d.]+ < minimum 1\.01 \(change evaluation\)", failed.output)
