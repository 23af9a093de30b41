"""Shared checks of what a change question asks (assistant/change_question.py)."""

from __future__ import annotations

from assistant.change_question import change_question
from assistant.query import plan_query


def assert_whole_palliative_care(question: str) -> None:
    """The question is a change question about palliative care as a whole (nothing it narrows to)."""
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == "palliative care" and asked.focus == ()


def assert_every_topic(question: str) -> None:
    """The question is a change question about every topic (no one topic asked about)."""
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic is None


def assert_palliative_care(question: str) -> None:
    """The question is a change question about palliative care (whatever it narrows to)."""
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == "palliative care"
