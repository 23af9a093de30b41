"""Change questions as people word them around the question proper: a plan's implications, who asks and for whom,
examples given of the whole, time and illness words, sites; read from blind batches 86-93 (evals/datasets/
changes.README.md), each reading general, none a lookup of a wording."""

from __future__ import annotations

import pytest

from assistant.change_question import change_question
from assistant.query import plan_query
from tests.assistant.change_asks import assert_every_topic, assert_whole_palliative_care


@pytest.mark.parametrize(
    "question",
    [
        "What are the implications of the new palliative care model for Ealing patients?",
        "You told me about the end of life care consultation. I need every implication of it for Brent families.",
    ],
)
def test_the_implications_of_a_plan_for_people_are_its_changes(question: str) -> None:
    assert_whole_palliative_care(question)


def test_a_cost_implication_is_still_a_detail() -> None:
    question = "What are the cost implications of the hospice changes for Brent?"
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    "question",
    [
        # who is asking, written as "X staff asking:", names no workforce topic
        "Ealing council staff asking: full list of new services and service changes for our residents",
        # a sentence about health services in general comes after the asker's story and before the question
        "The families I support have complex health and housing needs. They keep asking what will be different in "
        "NHS and council services in Brent. Could you go through all the changes planned for the borough?",
        "My father is old and has diabetes. What new things will the NHS and council do in Harrow? I want to know "
        "all the changes.",
    ],
)
def test_who_asks_and_their_story_give_way_to_a_question_about_services_in_general(question: str) -> None:
    assert_every_topic(question)


def test_parts_listed_and_then_the_whole_asked_for_are_examples() -> None:
    question = (
        "Our patient group wants to know what's happening to hospice and end-of-life care for Ealing. Are there new "
        "services, longer hours, different beds? Please give me all of it."
    )
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == "palliative care" and asked.focus == ()
    narrow = "What is happening to hospice beds in Hounslow? Tell me everything."
    asked = change_question(plan_query(narrow, narrow))
    assert asked is not None and asked.focus == ("beds",)


@pytest.mark.parametrize(
    "question",
    [
        "Which palliative care services in Brent are new or getting better?",
        "Which hospice services in Ealing are new or extended?",
    ],
)
def test_new_beside_better_or_extended_asks_for_every_change(question: str) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == "palliative care" and not asked.new_only


@pytest.mark.parametrize(
    "question",
    [
        # what replaces something is a kind of change, and "what else" asks beyond it
        "I hear the hospice ward is closing. What is replacing it for people dying in Brent, and what else is "
        "changing?",
        # a briefing on the new model, and what patients will get that they do not get now
        "I need a briefing on the new end of life care model for Harrow - what will patients get that they don't "
        "get now?",
        # the question is the clause after a story, and "is any of it new?" asks for changes
        "My wife has advanced cancer. What help will be there for her to die at home in Ealing, and is any of it new?",
    ],
)
def test_replacements_briefings_and_is_any_of_it_new_ask_about_the_whole_topic(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        "What will be new or different for families and everyone else in Brent across health and care?",
        "People ask me about changes to local services - same-day appointments, community teams, that kind of "
        "thing. What's the overall picture for Ealing?",
    ],
)
def test_everyone_else_and_examples_closed_by_that_kind_of_thing_ask_about_every_topic(question: str) -> None:
    assert_every_topic(question)


@pytest.mark.parametrize(
    "question",
    [
        # a detail named among the examples of the whole asked for is part of the answer, not the question
        "Give me a full account of how palliative care in Brent will differ from today, including opening hours, "
        "beds and hospice choice.",
        # how ill, when and "the current setup" narrow nothing
        "Compared with how things used to be, what's different now for terminally ill adults in Ealing who need "
        "palliative care?",
        "Hospice nurse here. What's new or different in palliative care for Harrow compared with the current setup?",
        # a list closed by "and anything else that changes" gives examples
        "I'd like a thorough briefing on how palliative care is being reshaped in Hounslow: service hours, bed "
        "provision, hospice choice, and anything else that changes.",
        # a care home's own residents and staff are who the answer is for, not the workforce topic
        "I want a complete summary of how palliative care and hospice access are changing in Brent. What will "
        "change for our residents and staff?",
    ],
)
def test_examples_times_and_the_askers_own_people_leave_the_whole_topic(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        "what's different about health services in ealing now vs a few years ago, and whats coming next?",
        "I'd like the complete picture of what is changing in Brent's health and care services. Where do I start?",
        "My mother is frail and sleeping most of the day. What support is new or getting better in Harrow for "
        "families in our situation?",
    ],
)
def test_then_and_now_where_to_start_and_families_in_a_situation_ask_about_every_topic(question: str) -> None:
    assert_every_topic(question)


def test_a_detail_asked_outside_the_examples_still_goes_to_passages() -> None:
    question = "What are the opening hours of the new hospice service in Brent, including weekends?"
    assert change_question(plan_query(question, question)) is None
