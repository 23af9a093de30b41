"""Metric definitions on small hand-made inputs, where the right number can be worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from evals.matching import NormalisedText, Span, contains, normalise
from evals.metrics import (
    GoldQuote,
    PassageRef,
    answer_lines,
    cited_lines,
    facts_found,
    first_supporting_rank,
    hit_at,
    percentile,
    reciprocal_rank,
    source_recall,
    supports,
)
from evals.scoring import CitationResult, ItemResult, aggregate


def test_normalise_forgives_markup_case_width_and_cell_separators() -> None:
    assert normalise("**Five** new\tbeds |x") == "five new beds |x"
    assert normalise("Current | New") == normalise("Current\tNew") == "current new"
    assert normalise("ﬁve\u00a0 BEDS\n\n") == "five beds"
    assert contains("- **Increased** hours  of support", "increased hours of support")
    assert not contains("anything", "   ")


def test_locate_maps_a_normalised_match_back_to_original_offsets() -> None:
    text = "Intro.\n\n**Hours** | 8am to 8pm,\t7 days"
    doc = NormalisedText("f.txt", text)
    span = doc.locate("hours 8am to 8pm, 7 days")
    assert span is not None
    assert text[span.start : span.end] == "Hours** | 8am to 8pm,\t7 days"
    assert doc.locate_all("8pm") == (Span("f.txt", text.index("8pm"), text.index("8pm") + 3),)
    assert doc.locate("9pm") is None


def test_supports_by_containment_or_by_sixty_percent_coverage() -> None:
    quote = GoldQuote("a.txt", "New hospice at home service", {"clean": (Span("a.txt", 100, 200),)})
    inside = PassageRef("b.txt", "A **new** Hospice at home service for all", 0, 50, "clean")
    covering = PassageRef("a.txt", "unrelated words", 140, 400, "clean")  # covers 60 of 100 characters
    short = PassageRef("a.txt", "unrelated words", 141, 400, "clean")  # covers 59
    other_file = PassageRef("c.txt", "unrelated words", 0, 1000, "clean")
    other_coordinates = PassageRef("a.txt", "unrelated words", 0, 1000, "raw")
    assert supports(inside, quote)
    assert supports(covering, quote)
    assert not supports(short, quote)
    assert not supports(other_file, quote)
    assert not supports(other_coordinates, quote)


def test_hit_at_k_and_mrr_use_the_first_supporting_rank() -> None:
    rank = first_supporting_rank([False, False, True, True])
    assert rank == 3
    assert [hit_at(rank, k) for k in (1, 3, 5, 10)] == [False, True, True, True]
    assert reciprocal_rank(rank) == pytest.approx(1 / 3)
    assert first_supporting_rank([False] * 10) is None
    assert reciprocal_rank(None) == 0.0 and not hit_at(None, 10)
    assert reciprocal_rank(11) == 0.0


def test_source_recall_counts_distinct_gold_files() -> None:
    assert source_recall(["a", "a"], ["a", "b"]) == 0.5
    assert source_recall(["a", "b", "c"], ["a", "b"]) == 1.0
    assert source_recall([], ["a"]) == 0.0


def test_facts_found_is_a_normalised_substring_test() -> None:
    found, missing = facts_found("- **Five** new beds, from 8am to 8pm [1]", ["five new beds", "8AM to 8PM", "24/7"])
    assert found == ["five new beds", "8AM to 8PM"]
    assert missing == ["24/7"]


def test_cited_lines_skip_blank_lines_and_section_labels() -> None:
    answer = "Evidence for 2 of 8 boroughs.\n\nBrent:\n- Frailty service [1]\nEaling:\n- Hubs [2][3]\n"
    assert answer_lines(answer) == ["Evidence for 2 of 8 boroughs.", "- Frailty service [1]", "- Hubs [2][3]"]
    assert cited_lines(answer) == (2, 3)
    assert cited_lines("A long line that ends with a colon but makes a claim about things and more:") == (0, 1)


def test_a_long_label_that_introduces_bullets_is_not_a_claim() -> None:
    answer = (
        "Older plans (not current; each shown with its date):\n- Hubs (older plan, 2016) [1]\nStatus: 1 older plan."
    )
    assert answer_lines(answer) == ["- Hubs (older plan, 2016) [1]", "Status: 1 older plan."]
    assert cited_lines("These plans list, among many other things, the following:\nNo bullet follows.") == (0, 2)


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 21)]
    assert percentile(values, 50) == 10.0
    assert percentile(values, 95) == 19.0
    assert percentile([], 50) is None


def _result(item_id: str, answerable: bool = True, **fields: Any) -> ItemResult:
    base: dict[str, Any] = {
        "system": "hybrid",
        "id": item_id,
        "split": "tune",
        "type": "number" if answerable else "unanswerable",
        "borough": None,
        "question": "q",
        "standalone": "q",
        "answerable": answerable,
        "expected_outcome": "answered" if answerable else "not_found",
        "expect_rewrite": None,
        "slot": None,
        "gold_files": ["a.txt"] if answerable else [],
        "sources": [],
        "expected_facts": ["x", "y"] if answerable else [],
        "passages": [],
        "first_rank": None,
        "supported_files": [],
        "source_recall": 0.0 if answerable else None,
        "composes": True,
        "latency_ms": 10.0,
        "answer": "- x [1]",
        "abstained": False,
        "cited_lines": 1,
        "claim_lines": 1,
    }
    return ItemResult(**{**base, **fields})


def _cite(n: int, verbatim: bool = True, gold: bool | None = True) -> CitationResult:
    return CitationResult(n, "a.txt", "quote", 0, 5, verbatim, gold)


def test_aggregate_on_hand_made_results() -> None:
    results = [
        _result("1", first_rank=1, facts_found=["x", "y"], citations=[_cite(1), _cite(2, gold=False)]),
        _result("2", first_rank=4, facts_found=["x"], facts_missing=["y"], citations=[_cite(1, verbatim=False)]),
        _result("3", abstained=True, answer="The documents do not say.", cited_lines=0),
        _result("4", answerable=False, abstained=True, answer="The documents do not say.", cited_lines=0),
        _result(
            "5", answerable=False, answer="- y [1]\nStatus: proposed.", citations=[_cite(1, gold=None)], claim_lines=2
        ),
    ]
    m = aggregate(results)
    assert m["retrieval_items"] == 3
    assert m["hit@1"] == pytest.approx(1 / 3)
    assert m["hit@5"] == pytest.approx(2 / 3)
    assert m["mrr"] == pytest.approx((1 + 1 / 4 + 0) / 3)
    assert m["fact_recall"] == pytest.approx((1 + 0.5) / 2)  # only over answered answerable items
    assert m["fact_recall_all"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert m["abstention"] == 0.5
    assert m["false_abstention"] == pytest.approx(1 / 3)
    assert m["citation_precision"] == pytest.approx((1 / 2 + 0) / 2)  # verbatim and from a gold file, per answer
    assert m["cited_sentence_share"] == pytest.approx(3 / 4)  # answered items only: 1, 2 and both lines of 5
    assert m["multi_source_recall"] is None and m["multi_source_items"] == 0


def test_aggregate_reports_answer_metrics_as_missing_for_a_retrieval_only_system() -> None:
    m = aggregate([_result("1", composes=False, answer=None, abstained=None, first_rank=2)])
    assert m["hit@3"] == 1.0
    assert m["fact_recall"] is None and m["abstention"] is None and m["citation_precision"] is None
