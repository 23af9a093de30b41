"""Near misses, outcomes and follow-up rewriting: the schema's rules and the metrics, on hand-made records."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from evals.runner import EvalRun, JudgeStatus
from evals.schema import GoldItem, ItemType
from evals.scoring import ItemResult, aggregate, failure_reasons
from evals.tables import all_tables

HF_SUMMARY = "000_aa87430d678cc82c.txt"
TOTAL = {"file": HF_SUMMARY, "quote": "additional **£15m investment** over 6 years"}
BRENT_TURN = [
    {"role": "user", "content": "What's Brent doing about community frailty services?"},
    {"role": "assistant", "content": "Aligning the core offer by September 2024."},
]


def _gold(**fields: Any) -> GoldItem:
    base: dict[str, Any] = {"id": "x1", "question": "How much of the £15m goes to Brent?", "type": "near_miss"}
    return GoldItem.model_validate({**base, **fields})


def test_a_near_miss_expects_not_found_by_default_and_then_has_no_facts() -> None:
    item = _gold()
    assert item.outcome == "not_found"
    assert not item.answerable
    with pytest.raises(ValidationError, match="expecting not_found must have no expected_facts"):
        _gold(expected_facts=["£15m"], sources=[TOTAL])


def test_a_partial_near_miss_needs_the_nearby_fact_and_its_source() -> None:
    item = _gold(expected_outcome="partial", expected_facts=["£15m investment"], sources=[TOTAL], slot="sum")
    assert item.outcome == "partial" and not item.answerable and item.slot == "sum"
    with pytest.raises(ValidationError, match="the nearby fact the documents do state"):
        _gold(expected_outcome="partial")


def test_only_a_near_miss_may_expect_a_partial_answer() -> None:
    with pytest.raises(ValidationError, match="expected_outcome must be answered"):
        _gold(type="number", expected_outcome="partial", expected_facts=["£15m investment"], sources=[TOTAL])
    with pytest.raises(ValidationError, match="expected_outcome must be not_found"):
        _gold(type="unanswerable", expected_outcome="partial")
    with pytest.raises(ValidationError, match="type"):
        _gold(expected_outcome="maybe")
    answered = _gold(type="near_miss_twin", expected_facts=["£15m investment"], sources=[TOTAL])
    assert answered.outcome == "answered" and answered.answerable


def test_follow_up_types_say_whether_a_rewrite_is_expected_and_need_a_history() -> None:
    facts: dict[str, Any] = {"expected_facts": ["£15m investment"], "sources": [TOTAL]}
    standalone = _gold(type="standalone_follow_up", history=BRENT_TURN, **facts)
    assert standalone.rewrite_expected is False
    assert _gold(type="follow_up", history=BRENT_TURN, **facts).rewrite_expected is True
    assert _gold(type="number", **facts).rewrite_expected is None
    assert _gold(type="number", history=BRENT_TURN, expect_rewrite=False, **facts).rewrite_expected is False
    with pytest.raises(ValidationError, match="need a history with a user turn"):
        _gold(type="standalone_follow_up", **facts)
    with pytest.raises(ValidationError, match="expect_rewrite must not be true"):
        _gold(type="standalone_follow_up", history=BRENT_TURN, expect_rewrite=True, **facts)


def _result(item_id: str, type_: str, expected: str = "answered", **fields: Any) -> ItemResult:
    base: dict[str, Any] = {
        "system": "hybrid",
        "id": item_id,
        "split": "tune",
        "type": type_,
        "borough": None,
        "question": "q",
        "standalone": "q",
        "answerable": expected == "answered",
        "expected_outcome": expected,
        "expect_rewrite": None,
        "slot": None,
        "gold_files": [] if expected == "not_found" else [HF_SUMMARY],
        "sources": [],
        "expected_facts": [] if expected == "not_found" else ["£15m"],
        "passages": [],
        "first_rank": 1,
        "supported_files": [],
        "source_recall": None,
        "composes": True,
        "latency_ms": 10.0,
        "answer": "- £15m [1]",
        "abstained": False,
        "cited_lines": 1,
        "claim_lines": 1,
    }
    return ItemResult(**{**base, **fields})


def test_near_miss_abstention_is_measured_apart_from_abstention() -> None:
    results = [
        _result("u1", ItemType.unanswerable, "not_found", abstained=True),
        _result("u2", ItemType.out_of_scope, "not_found", abstained=False),
        _result("n1", ItemType.near_miss, "not_found", abstained=True),
        _result("n2", ItemType.near_miss, "not_found"),
        _result("n3", ItemType.near_miss, "not_found"),
        _result("p1", ItemType.near_miss, "partial", abstained=True, facts_found=["£15m"]),
        _result("a1", ItemType.near_miss_twin, facts_found=["£15m"]),
    ]
    m = aggregate(results)
    assert m["abstention"] == 0.5  # unanswerable and out-of-scope only, as before near misses existed
    assert m["near_miss_abstention"] == 0.5  # n1 and p1 of n1, n2, n3, p1
    assert m["false_abstention"] == 0.0  # a partial near miss is not an answerable item
    assert m["fact_recall"] == 1.0  # over the twin only
    assert m["partial_fact_recall"] == 1.0
    assert m["outcome_accuracy"] is None  # no result reports an outcome: n/a, never 0


def test_partial_fact_recall_counts_a_missing_nearby_fact_even_when_abstaining() -> None:
    results = [
        _result("p1", ItemType.near_miss, "partial", abstained=True, facts_found=["£15m"]),
        _result("p2", ItemType.near_miss, "partial", abstained=True, facts_missing=["£15m"]),
    ]
    assert aggregate(results)["partial_fact_recall"] == 0.5
    assert "answer: missing 1 of 1 nearby facts" in failure_reasons(results[1])


def test_outcome_accuracy_compares_expected_and_reported_outcomes() -> None:
    results = [
        _result("p1", ItemType.near_miss, "partial", abstained=True, outcome="partial"),
        _result("n1", ItemType.near_miss, "not_found", abstained=True, outcome="partial"),
        _result("a1", ItemType.near_miss_twin, outcome="answered"),
        _result("a2", ItemType.near_miss_twin),  # reports no outcome: not counted
    ]
    assert aggregate(results)["outcome_accuracy"] == pytest.approx(2 / 3)
    assert "answer: outcome partial, expected not_found" in failure_reasons(results[1])
    assert not any("outcome" in reason for reason in failure_reasons(results[0]))


def test_rewrite_precision_and_recall_compare_the_standalone_question_with_the_question() -> None:
    asked, ealing = "What is SDEC?", "And in Ealing?"
    standalone: dict[str, Any] = {"question": asked, "expect_rewrite": False}
    follow_up: dict[str, Any] = {"question": ealing, "expect_rewrite": True}
    results = [
        _result("s1", ItemType.standalone_follow_up, **{**standalone, "standalone": " What is  SDEC?"}),
        _result("s2", ItemType.standalone_follow_up, **{**standalone, "standalone": "What is SDEC in Brent?"}),
        _result("f1", ItemType.follow_up, **{**follow_up, "standalone": "What is SDEC in Ealing?"}),
        _result("f2", ItemType.follow_up, **{**follow_up, "standalone": ealing}),
        _result("f3", ItemType.follow_up, **{**follow_up, "standalone": "Frailty in Ealing?"}),
        _result("r1", ItemType.number, question=asked, standalone="changed"),
    ]
    m = aggregate(results)
    assert m["rewrite_precision"] == 0.5  # whitespace aside, s1 kept the question; s2 inherited Brent
    assert m["rewrite_recall"] == pytest.approx(2 / 3)
    assert "understanding: a complete question was rewritten from the history" in failure_reasons(results[1])
    assert "understanding: a follow-up was not rewritten into a standalone question" in failure_reasons(results[3])
    assert not any(r.startswith("understanding") for r in failure_reasons(results[0]))


def test_a_near_miss_answered_outright_is_a_failure_that_says_why() -> None:
    answered = _result("n1", ItemType.near_miss, "not_found", abstained=False)
    assert "answer: answered although the detail asked for is not in the documents" in failure_reasons(answered)
    assert failure_reasons(_result("n2", ItemType.near_miss, "not_found", abstained=True, answer="No.")) == []


def test_report_shows_near_miss_abstention_apart_and_per_asked_detail() -> None:
    results = [
        _result("u1", ItemType.unanswerable, "not_found", abstained=True),
        _result("n1", ItemType.near_miss, "not_found", slot="count"),
        _result("n2", ItemType.near_miss, "not_found", abstained=True, slot="count"),
        _result("n3", ItemType.near_miss, "not_found", abstained=True, slot="person"),
        _result("a1", ItemType.near_miss_twin, slot="count", facts_found=["£15m"]),
    ]
    run = EvalRun("d", "", "all", ["hybrid"], JudgeStatus(False, None, "off"), results)
    tables = {t.title: t for t in all_tables(run)}
    exact = tables["Answering exactly what was asked"]
    assert exact.headers[2:4] == ["abstention (unanswerable, out of scope)", "near-miss abstention"]
    assert exact.rows[0][:4] == ["product (hybrid)", "all", "1.000", "0.667"]
    assert exact.rows[0][6] == "n/a"  # rewrite precision: no item expects to be kept as asked
    per_slot = tables["Answers per asked detail (fact recall / abstention / false abstention)"]
    assert per_slot.rows == [
        ["count", "3", "1.000 / near-miss abst. 0.500 / false abst. 0.000"],
        ["person", "1", "n/a / near-miss abst. 1.000"],
    ]
    targets = tables["Product against the targets (heldout)"]
    assert targets.rows[-1][:2] == ["near_miss_abstention", "≥ 0.85"]
