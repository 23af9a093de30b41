"""A message asking what changes and then one detail: both parts are answered (assistant/change_and_detail.py)."""

from __future__ import annotations

from assistant.change_and_detail import ChangeAndDetail, change_and_detail, with_detail
from assistant.compose import split_units
from assistant.query import plan_query
from assistant.records import Composition
from tests.assistant.handmade import chunk

# Two sentences of the hand-made document.
APPROVED_SENTENCE = "The proposals were approved by the programme board in June 2024."
TODAY_SENTENCE = "The community palliative care team works 9am to 5pm on weekdays today."

MESSAGE = "My dad is dying at home in Hayes. What help can come to our house? Who do I call at night?"


def _parts(message: str) -> ChangeAndDetail | None:
    return change_and_detail(plan_query(message, message))


def test_a_change_question_then_a_detail_is_read_as_both() -> None:
    parts = _parts(MESSAGE)
    assert parts is not None
    assert parts.change.topic == "palliative care" and parts.change.boroughs == ("Hillingdon",)
    assert parts.detail_asked == "Who do I call at night?"
    # the detail is asked about the story told before it, in the place the message named
    assert parts.detail.standalone.startswith("My dad is dying at home in Hayes.")
    assert parts.detail.scope == ("Hillingdon",) and parts.detail.slot is not None


def test_the_detail_keeps_a_place_named_only_in_the_change_question() -> None:
    parts = _parts("What is changing in hospice care in Brent? And who do I call at night?")
    assert parts is not None and parts.detail.scope == ("Brent",)


def test_other_messages_are_not_split() -> None:
    # a statement, not a question, before the detail: it tells what the detail is about
    assert (
        _parts("The plan mentions three Change4Life projects in Westminster. Which neighbourhoods are they in?") is None
    )
    # a worry asked first leads to the change question, which change_question reads whole
    assert _parts("Who will help her at night? What's changing in Westminster for people in her position?") is None
    # a change question alone, or a detail alone
    assert _parts("What is changing in palliative care in Harrow?") is None
    assert _parts("When does the new hub in Hayes open?") is None


def _composition(*sentences: str) -> Composition:
    units = [u for k, s in enumerate(sentences) for u in split_units(chunk(s, 20 + k), rank=k)]
    answer = "\n".join(f"- {u.text} [{n}]" for n, u in enumerate(units, start=1))
    return Composition(answer, units, False, None, 1.0)


def test_the_detail_answer_follows_the_changes_with_its_citations_numbered_on() -> None:
    changes = _composition(APPROVED_SENTENCE)
    declined = Composition(
        "The documents do not say who to call [1].", _composition(TODAY_SENTENCE).units, True, None, 0.2
    )
    joined = with_detail(changes, declined, "Who do I call at night?")
    assert joined.answer == f"{changes.answer}\n\nWho do I call at night?\nThe documents do not say who to call [2]."
    assert [u.text for u in joined.units] == [APPROVED_SENTENCE, TODAY_SENTENCE]
    # the changes are given, the detail is not: a partial answer that declines the detail
    assert joined.abstained and joined.settled_outcome == "partial"
    answered = with_detail(changes, _composition(TODAY_SENTENCE), "When?")
    assert not answered.abstained and answered.settled_outcome == "answered"


def test_a_detail_asked_after_a_comma_in_the_change_question_is_read_as_both() -> None:
    parts = _parts(
        "my husband is dying and we are in Wembley. what is changing with the end of life care round here, will there"
        " be a number to call at night"
    )
    assert parts is not None and parts.change.topic == "palliative care" and parts.change.boroughs == ("Brent",)
    assert parts.detail_asked == "will there be a number to call at night"
    # a comma before words that do not start a question splits nothing
    assert _parts("What is changing in hospice care in Brent, if anything, for people at home?") is None
