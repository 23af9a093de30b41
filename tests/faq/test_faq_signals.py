"""Confidence grading, diffs and evaluation export: the parts of the FAQ flow that need no model."""

from __future__ import annotations

from assistant.faq.check import answer_diff, word_diff
from assistant.faq.confidence import assess, topic_signals
from evals.faq_export import expected_facts, raw_runs
from tests.faq.conftest import citation


def test_assess_high_when_every_signal_holds() -> None:
    cites = [citation(1, "New hospice at home service for Ealing"), citation(2, "Hospice beds in Ealing")]
    confidence, reasons = assess("Which hospice services are new in Ealing?", "Ealing", cites, "proposed")
    assert (confidence, reasons) == ("high", [])


def test_assess_names_each_weak_signal() -> None:
    cites = [citation(1, "New hospice at home service", boroughs=("nw_london",))]
    confidence, reasons = assess("Which hospice services are new in Ealing?", "Ealing", cites, None)
    assert confidence == "low"
    assert reasons == [
        "only one citation",
        "most citations are not specific to Ealing",
        "the evidence does not say whether this is proposed, decided or in place",
    ]


def test_assess_low_when_citations_talk_around_the_question() -> None:
    padding = ["8% of the population are aged 69 years and above.", "Ealing has 367,000 residents.", "Ealing"]
    cites = [citation(1, "Hospice beds"), *(citation(n, text) for n, text in enumerate(padding, start=2))]
    confidence, reasons = assess("How many hospice beds are there in Ealing?", "Ealing", cites, "proposed")
    assert confidence == "low"
    assert reasons == ["3 of 4 citations share no topic word with the question"]


def test_assess_grades_meaning_similarity() -> None:
    cites = [citation(1, "New hospice at home service for Ealing"), citation(2, "Hospice beds in Ealing")]
    question = "Which hospice services are new in Ealing?"
    assert assess(question, "Ealing", cites, "proposed", meaning=0.55) == ("high", [])
    confidence, reasons = assess(question, "Ealing", cites, "proposed", meaning=0.31)
    assert confidence == "medium"
    assert reasons == ["the sources are only loosely related in meaning to the question: similarity 0.31"]
    assert assess(question, "Ealing", cites, "proposed", meaning=0.12)[0] == "low"


def test_assess_low_when_the_question_names_another_place() -> None:
    cites = [citation(1, "New hospice at home service for Ealing"), citation(2, "Hospice beds in Ealing")]
    confidence, reasons = assess("Which hospice services are new in Camden?", "Ealing", cites, "proposed")
    assert confidence == "low" and reasons == ["the question asks about Camden, but the answer is from Ealing passages"]
    _, compared = assess("Will Ealing get the hospice services Brent has?", "Ealing", cites, "proposed")
    assert not any("asks about" in reason for reason in compared)
    assert assess("Which hospice services are new in Brent?", "Ealing", cites, "proposed")[0] == "low"


def test_topic_signals_count_table_headers_and_synonyms() -> None:
    cites = [citation(1, "No change | Five new beds")]
    header = "Table columns: Current | New services we are consulting on"
    assert topic_signals("What is consulted on?", cites) == (0.0, 0.0)
    assert topic_signals("What is consulted on?", cites, [header]) == (1.0, 1.0)
    assert topic_signals("What about end of life care?", [citation(1, "palliative care for the dying")])[1] == 1.0


def test_word_diff_shows_only_the_change_with_context() -> None:
    old = "one two three four five six seven eight nine ten £15m eleven twelve thirteen fourteen fifteen sixteen"
    new = old.replace("£15m", "£12m")
    assert word_diff(old, new, context=3) == "… eight nine ten [-£15m-] {+£12m+} eleven twelve thirteen …"
    assert word_diff("a b", "a") == "a [-b-]"


def test_answer_diff_is_unified_by_bullet() -> None:
    diff = answer_diff("- one [1]\n- two [2]", "- one [1]\n- three [2]")
    assert "-- two [2]" in diff and "+- three [2]" in diff and diff.startswith("--- approved")


def test_expected_facts_prefer_numbers_and_appear_in_answer_and_quote() -> None:
    quotes = [
        "No enhanced end-of-life care beds | Five new enhanced beds from 1st October 2025",
        "ICB Board has approved Option A as the new model and additional £15m investment over 6 years",
    ]
    answer = "- No enhanced end-of-life care beds → Five new enhanced beds from 1st October 2025 [1]\n- " + quotes[1]
    facts = expected_facts(answer, quotes)
    assert facts == ["1st October 2025", "additional £15m investment over 6"]
    assert all(f in answer and any(f in q for q in quotes) for f in facts)


def test_raw_runs_split_clean_quotes_into_verbatim_pieces_of_the_raw_file() -> None:
    raw = "Current\tNew\nNo Hospice at home service\tNew Hospice at home service providing care\n"
    raw += "- 1 ICB Board has approved **Option A** (*Full implementation*) as the new model\n"
    assert raw_runs("No Hospice at home service | New Hospice at home service providing care", raw) == [
        "No Hospice at home service",
        "New Hospice at home service providing care",
    ]
    assert raw_runs("ICB Board has approved Option A (Full implementation) as the new model", raw) == [
        "ICB Board has approved",
        "as the new model",
    ]
