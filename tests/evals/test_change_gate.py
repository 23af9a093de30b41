"""The change evaluation's metrics, report and gate thresholds, on hand-made scores."""

from __future__ import annotations

from pathlib import Path

from evals.change_audit import AuditLine
from evals.change_register import RegisterCheck
from evals.change_report import (
    DOCS_END,
    DOCS_START,
    change_details_html,
    change_tables,
    detail_table,
    heldout_borough_table,
    write_change_docs,
)
from evals.change_run import BoroughChangeResult, ChangeRun, ParaphraseResult
from evals.change_scoring import AnswerScore
from evals.gate import ChangeThresholds, check_change_run, check_changes, check_run, default_gate_path, load_gate
from evals.runner import EvalRun, JudgeStatus


def _score(borough: str, required: dict[str, str], recalled: set[str], bullets: int = 0, noise: int = 0) -> AnswerScore:
    return AnswerScore(borough, bullets=bullets, noise=["x"] * noise, recalled=recalled, required=required)


def _borough(name: str, answer: AnswerScore, register: AnswerScore, palliative: AnswerScore) -> BoroughChangeResult:
    return BoroughChangeResult(
        borough=name, question=f"What changes for residents in {name}?", answer="- a [1]", answer_score=answer,
        register_score=register, palliative_question="p", palliative_answer="", palliative_score=palliative,
        latency_ms=1.0,
    )  # fmt: skip


def _run() -> ChangeRun:
    required = {"own": "current", "nwl": "current", "old": "older", "pall": "current"}
    brent = _borough(
        "Brent",
        _score("Brent", required, {"own", "nwl", "pall"}, bullets=10, noise=1),
        _score("Brent", required, {"own", "nwl", "pall", "old"}),
        _score("Brent", {"pall": "current"}, {"pall"}),
    )
    harrow = _borough(
        "Harrow",
        _score("Harrow", required, {"own", "old"}, bullets=10, noise=3),
        _score("Harrow", required, {"own"}),  # the listing lacks "old", which the answer gives
        _score("Harrow", {"pall": "current"}, set()),
    )
    check = RegisterCheck(records=5, not_verbatim=["r1: bad"], headings=[], not_changes=["r2: 56% born overseas"])
    return ChangeRun("changes.jsonl", [brent, harrow], check)


def test_change_metrics_pool_the_boroughs_and_keep_the_worst_one() -> None:
    m = _run().metrics()
    assert m["change_recall"] == 5 / 8 and m["change_recall_min"] == 2 / 4
    assert m["change_recall_current"] == 4 / 6 and m["change_recall_older"] == 1 / 2
    assert m["noise_share"] == 4 / 20 and m["noise_share_max"] == 0.3 and m["bullets"] == 20
    assert m["palliative_recall"] == 0.5 and m["palliative_recall_min"] == 0.0
    assert m["register_recall"] == 5 / 8 and m["register_recall_min"] == 0.25
    assert m["register_answer_misses"] == 1
    assert (m["register_not_verbatim"], m["register_headings"], m["register_not_changes"]) == (1, 0, 1)


def test_change_tables_show_every_borough_and_the_totals(tmp_path: Path) -> None:
    per_borough, register = change_tables(_run())
    rows = {row[0]: row for row in per_borough.rows}
    assert list(rows) == ["Brent", "Harrow", "all boroughs (pooled)"]
    assert rows["Brent"][1:6] == ["3 / 1", "1.000", "0.000", "0.750", "0.100"]
    assert rows["all boroughs (pooled)"][5] == "0.200"
    assert ["citations not verbatim in the clean text", "1"] in register.rows
    docs = tmp_path / "evaluation.md"
    docs.write_text(f"# Evaluation\n\nProse.\n\n{DOCS_START}\nstale figures\n{DOCS_END}\n\nMore prose.\n", "utf-8")
    write_change_docs(_run(), docs, "nwl-assistant eval --changes-only")
    text = docs.read_text("utf-8")
    assert "stale figures" not in text and text.endswith("More prose.\n") and "| Harrow | 3 / 1 |" in text


def test_a_run_with_a_blind_audit_shows_it_after_the_checks() -> None:
    run = _run()
    run.audit = [AuditLine("A", "abc1234", 2, "not_change"), AuditLine("A", "abc1234", 2, "resident_change")]
    tables = change_tables(run)
    assert tables[-1].title == "Change answers: blind audits of noise"
    assert tables[-1].rows == [["A", "abc1234", "4", "0.500", "0.150–0.850", "0.000", "0.000"]]


def test_change_gate_fails_below_a_minimum_and_above_a_maximum() -> None:
    metrics = _run().metrics()
    thresholds = ChangeThresholds({"change_recall": 0.85, "change_recall_min": 0.5}, {"noise_share_max": 0.05})
    assert check_changes(thresholds, metrics) == [
        "change_recall = 0.625 < minimum 0.85 (change evaluation)",
        "noise_share_max = 0.3 > maximum 0.05 (change evaluation)",
    ]
    passing = ChangeThresholds({"change_recall": 0.6}, {"noise_share": 0.25, "register_headings": 0})
    assert check_changes(passing, metrics) == []
    assert check_changes(ChangeThresholds({}, {"register_not_verbatim": 0}), metrics) == [
        "register_not_verbatim = 1 > maximum 0 (change evaluation)"
    ]


def test_a_gate_with_change_thresholds_fails_a_run_without_the_change_evaluation(tmp_path: Path) -> None:
    path = tmp_path / "gate.toml"
    body = 'system = "hybrid"\n[changes.min]\nchange_recall = 0.5\n[changes.max]\nnoise_share = 0.1\n'
    path.write_text(body, "utf-8")
    gate = load_gate(path)
    assert gate.changes == ChangeThresholds({"change_recall": 0.5}, {"noise_share": 0.1}) and gate.count() == 2
    run = EvalRun("d", "", "all", ["hybrid"], JudgeStatus(False, None, "off"), [])
    assert check_run(gate, run) == ["the gate measures the change evaluation, which this run did not include"]
    run.changes = _run()
    assert check_run(gate, run) == ["noise_share = 0.2 > maximum 0.1 (change evaluation)"]
    # The committed gate refuses the hand-made run's non-verbatim citation (among its other shortfalls).
    assert "register_not_verbatim = 1 > maximum 0 (change evaluation)" in check_change_run(
        load_gate(default_gate_path()), _run()
    )


def test_the_committed_gate_holds_change_thresholds_per_borough_and_overall() -> None:
    changes = load_gate(default_gate_path()).changes
    assert changes is not None
    assert {"change_recall", "change_recall_min", "palliative_recall", "register_recall"} <= set(changes.minimum)
    assert {"noise_share", "noise_share_max", "register_not_verbatim", "errors"} <= set(changes.maximum)


def test_change_details_show_each_boroughs_misses_and_register_problems() -> None:
    page = change_details_html(_run())
    assert "Harrow: 2 of 4 changes, 3 of 10 bullets noise" in page
    assert "<b>Gold changes missed:</b> nwl, pall" in page
    assert "missing from the register:</b> old" in page and "r1: bad" in page


def test_the_shares_of_one_detail_questions_routed_and_declined_are_reported_and_gated() -> None:
    run = _run()
    run.boroughs[0].paraphrases = [
        ParaphraseResult("Which site will host the beds?", "near_miss", "heldout", AnswerScore("Brent"), routed=True),
        ParaphraseResult(
            "What is the hospice phone number?", "near_miss", "heldout", AnswerScore("Brent"), declined=True
        ),
        ParaphraseResult("When are contracts due?", "detail", "heldout", AnswerScore("Brent")),
        ParaphraseResult("Who runs the advice line?", "detail", "tune", AnswerScore("Brent"), routed=True),
    ]
    m = run.metrics()
    assert m["near_miss_routed_share"] == 0.5 and m["detail_routed_share"] == 0.5
    assert m["near_miss_declined_share"] == 0.5 and m["detail_declined_share"] == 0.0
    rows = {(r[0], r[1]): r[2:] for r in detail_table(run).rows}
    assert rows["near_miss", "all"] == rows["near_miss", "heldout"] == ["2", "1", "0.500", "1", "0.500"]
    assert rows["detail", "tune"] == ["1", "1", "1.000", "0", "0.000"]
    assert rows["detail", "heldout"] == ["1", "0", "0.000", "0", "0.000"]
    gate = load_gate(default_gate_path())
    assert gate.changes is not None
    failures = check_changes(gate.changes, m)
    assert any("near_miss_routed_share" in f for f in failures)
    assert any("near_miss_declined_share" in f for f in failures)
    assert not any("detail_declined_share" in f for f in failures)


def test_held_out_wordings_are_shown_per_borough_as_well_as_pooled() -> None:
    run = _run()
    required = {"a": "current", "b": "current"}
    run.boroughs[0].paraphrases = [
        ParaphraseResult("whats new in brent", "changes", "heldout", _score("Brent", required, {"a", "b"})),
        ParaphraseResult("brent changes pls", "changes", "heldout", _score("Brent", required, set())),
        ParaphraseResult("Brent hospice changes?", "palliative", "heldout", _score("Brent", required, {"a"})),
        ParaphraseResult("seen wording", "changes", "tune", _score("Brent", required, set())),
    ]
    rows = {r[0]: r[1:] for r in heldout_borough_table(run).rows}
    assert rows["Brent"] == ["2", "0.500", "1", "1", "0.500", "0"]
    assert rows["Harrow"] == ["0", "n/a", "0", "0", "n/a", "0"]
    assert "Held-out wordings, per borough" in [t.title for t in change_tables(run)]


def test_topic_questions_are_scored_on_their_topics_and_reported_apart() -> None:
    run = _run()
    required = {"a": "current", "b": "current"}
    run.boroughs[0].paraphrases = [
        ParaphraseResult(
            "any plans for A&E waits in brent?", "topic", "tune", _score("Brent", required, {"a"}, 4, 1), routed=True
        ),
        ParaphraseResult(
            "brent GP changes?", "topic", "heldout", _score("Brent", required, {"a", "b"}, 4), routed=True
        ),
        ParaphraseResult("maternity in brent?", "topic", "heldout", _score("Brent", required, set(), 2)),
    ]
    m = run.metrics()
    assert m["topic_recall_tune"] == 0.5 and m["topic_recall_heldout"] == 0.5
    assert m["topic_routed_share"] == 2 / 3 and m["topic_noise_share"] == 0.1
    table = next(t for t in change_tables(run) if t.title == "Change questions in other words")
    assert [r[:4] for r in table.rows if r[1] == "topic"] == [
        ["tune", "topic", "1", "0.500"],
        ["heldout", "topic", "2", "0.500"],
    ]
    # no topic questions, no topic metrics (an older gold still gates)
    assert "topic_recall_tune" not in _run().metrics()
