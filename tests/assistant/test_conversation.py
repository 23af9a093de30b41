"""Follow-up questions rewritten so that they stand alone."""

from __future__ import annotations

from assistant.contract import Turn
from assistant.conversation import is_follow_up, standalone_question

HISTORY = [
    Turn(role="user", content="What changes to palliative care in Ealing?"),
    Turn(role="assistant", content="The team's hours increase [1]."),
]


def test_a_new_place_alone_asks_the_previous_question_there() -> None:
    assert is_follow_up("And in Brent?", HISTORY)
    assert standalone_question("And in Brent?", HISTORY) == "What changes to palliative care in Brent?"


def test_a_new_aspect_narrows_the_previous_question() -> None:
    rewritten = standalone_question("What about the hours?", HISTORY)
    assert rewritten == "What changes to palliative care in Ealing, specifically the hours?"


def test_a_full_question_keeps_its_own_scope() -> None:
    question = "What are the plans for diabetes care and stroke rehabilitation services?"
    assert not is_follow_up(question, HISTORY)
    assert standalone_question(question, HISTORY) == question


def test_a_complete_question_after_a_borough_turn_is_not_rewritten() -> None:
    history = [Turn(role="user", content="What is changing for frailty services in Brent?")]
    for question in (
        "What is the parking like at Pembridge?",
        "What is SDEC?",
        "How many care homes are there in North West London?",
        "When did the public consultation on the new palliative care model close?",
    ):
        assert not is_follow_up(question, history), question
        assert standalone_question(question, history) == question


def test_elliptical_and_anaphoric_questions_are_rewritten() -> None:
    for question in ("And in Brent?", "When does that start?", "Who leads them?", "What about the hours?"):
        assert is_follow_up(question, HISTORY), question
        assert standalone_question(question, HISTORY) != question
    assert "Ealing" in standalone_question("When does that start?", HISTORY)


def test_without_history_nothing_is_rewritten() -> None:
    assert not is_follow_up("When does it start?", [])
    assert standalone_question("When does it start?", []) == "When does it start?"
