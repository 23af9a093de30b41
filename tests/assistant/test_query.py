"""Query understanding without a model: intents, answer types, places and years."""

from __future__ import annotations

import pytest

from assistant.query import Intent, answer_type, detect_intent, plan_query


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("How many beds are there?", Intent.number),
        ("When will the hub open?", Intent.when),
        ("What changes in each borough?", Intent.each_borough),
        ("What will be different for patients?", Intent.changes),
        ("List the priorities", Intent.listing),
        ("Tell me about Brent", Intent.general),
    ],
)
def test_detect_intent(question: str, intent: Intent) -> None:
    assert detect_intent(question) is intent


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What is the phone number for the hub?", "phone"),
        ("What time does it open at?", "clock"),
        ("How many beds are there?", "count"),
        ("What is the budget for the new hub?", "money"),
        ("When will the hub open?", None),
        ("How much will the ICB spend on hospice care?", "money"),
        ("I spend a lot of time with dying patients. What is changing?", None),
        # who runs the care, not what it costs
        ("Nobody was in charge at the weekend. What is changing?", None),
        ("Will there be a charge for the advice line?", "money"),
    ],
)
def test_answer_type(question: str, kind: str | None) -> None:
    assert answer_type(question) == kind


def test_plan_query_reads_places_and_years() -> None:
    question = "What changed in 2024 in Ealing and Camden?"
    plan = plan_query(question, question)
    assert plan.years == ("2024",)
    assert plan.boroughs == ("Ealing",) and plan.outside == ("Camden",)
    assert not plan.out_of_scope and plan.scope == ("Ealing",)


def test_plan_query_hard_filter_does_not_bring_an_outside_place_in_scope() -> None:
    question = "Palliative care in Camden?"
    assert plan_query(question, question).out_of_scope
    assert plan_query(question, question, hard_filter=("Ealing",)).out_of_scope
