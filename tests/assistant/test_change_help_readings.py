"""Change questions that ask for new help rather than for changes: "anything new about …", "what new help is
coming", "what exists now that didn't before", needs listed after a dash, an end of life told after another topic;
read from blind batch 108 (evals/datasets/changes.README.md), each reading general, none a lookup of a wording."""

from __future__ import annotations

import pytest

from assistant.change_question import change_question
from assistant.query import plan_query
from tests.assistant.change_asks import assert_every_topic, assert_whole_palliative_care


@pytest.mark.parametrize(
    "question",
    [
        # words for the end of life that name no illness or service
        "Dad is 88 and the nurse talks about keeping him comfortable now. What is changing in Brent for people like"
        " him?",
        "My gran has not much time left and lives in Acton. What will be different in Ealing for her?",
        "My uncle in Feltham isn't going to get better. How is the care for people like him changing in Hounslow?",
        # something new as such, or help to come, about the topic
        "Is Westminster doing anything new about end of life care?",
        "My mum is dying and we live in Harrow. What new help is coming for families like ours?",
        "Brent hospice services - new stuff?",
        "Hillingdon hospice at home new?? my nan is terminal",
        "Grandad is terminal and lives in Southall. What extra help is there in Ealing now or coming?",
        # whether a change heard of is so
        "My aunt lives in Kilburn and has weeks to live. People say hospice care in Brent is getting an overhaul. Is"
        " that true and what would it mean for her?",
    ],
)
def test_asking_for_new_help_about_the_end_of_life_asks_about_palliative_care(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        # the story that named the topic tells the asker's situation; it narrows nothing
        "My partner want to die in home not in hospital. We live in Wembley. What new help is coming for this?",
        "the nurse say my mother is dying. we live in hayes. what new help is there now for family to keep her home?",
        # the story is about someone at the end of life, though the question does not name them again
        "My husband has terminal cancer and we live in Hanwell. I'd like him at home as long as possible. What help"
        " exists in Ealing now that didn't exist before?",
        # examples after a colon
        "My sister is dying and lives in Pinner. What help exists in Harrow now that didn't before: nurses at night,"
        " someone to phone, a bed nearby?",
        # "until the end" is when, not a part of the care
        "My mum lives with us in Ruislip and the hospital say there is nothing more they can do. What support is"
        " there for looking after her at home until the end, and has any of it been improved?",
    ],
)
def test_a_story_of_the_end_of_life_is_why_the_question_for_help_is_asked(question: str) -> None:
    assert_whole_palliative_care(question)


def test_an_end_of_life_told_after_another_topic_decides_the_topic() -> None:
    assert_whole_palliative_care(
        "Dad is 90 and in a care home in Harrow. The GP said he is now at the end of life. Is anything different"
        " about the support he or we as a family can get?"
    )


@pytest.mark.parametrize(
    "question",
    [
        "my grandad in Hounslow is really poorly and won't get better. what's going to change about the care for"
        " someone like him - nurses at night, a bed near us, a number to ring?",
        "My wife has weeks to live. We're in Brent. Is there anything new for her - nurses overnight, a phone number"
        " we can ring at night, somewhere she could go if home gets too much?",
    ],
)
def test_needs_listed_after_a_dash_are_not_details_asked(question: str) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == "palliative care"


@pytest.mark.parametrize(
    "question",
    [
        # a number to ring asked for itself is a detail, which passages answer
        "Is there a number to ring for the hospice in Brent?",
        # a list after a dash that asks something is not a list of needs
        "Hospice care in Harrow - what is the number to ring, when does it open, who runs it?",
        # people no one topic serves beside a topic
        "Anything new for unpaid carers or people with diabetes in Harrow?",
    ],
)
def test_details_and_groups_no_topic_serves_stay_with_passages(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


def test_who_is_asking_is_not_a_story_of_the_end_of_life() -> None:
    assert_every_topic("I'm a hospice nurse and I live in Brent. What help exists in Brent now that didn't before?")
