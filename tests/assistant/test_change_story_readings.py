"""Change questions that tell the asker's story first: words for the last weeks of life, a comparison or a time in
the story rather than in the question, worries asked before the question for the changes; read from blind batches
94-97 (evals/datasets/changes.README.md), each reading general, none a lookup of a wording."""

from __future__ import annotations

import pytest

from assistant.change_question import change_question
from assistant.query import plan_query
from tests.assistant.change_asks import assert_every_topic, assert_whole_palliative_care


@pytest.mark.parametrize(
    "question",
    [
        "My wife has terminal cancer. What will change for her care in Ealing?",
        "What changes for people in their final days in Harrow?",
        "Bereaved daughter here, my dad died in Hillingdon Hospital. What is changing for people in his position?",
        # the story's time names nothing asked about
        "My dad died last winter in Hounslow. What will people in his position get in future that they dont get now?",
        # where the care is given, listed after the words that ask about it
        "What will be different for people in Brent who are terminally ill, at home, in care homes or in hospices?",
        "Will it be easier for people in Westminster to die at home after the changes?",
        "My uncle in Ealing has end-stage kidney disease. What is changing in the support for people like him?",
    ],
)
def test_words_for_the_end_of_life_ask_about_palliative_care(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        "My husband has terminal cancer and we live in Brent. What will his care in his last weeks look like?",
        # the story's one topic is what a question about its person asks about
        "My dad has just been told his cancer is terminal. What is changing in Brent for people like him?",
    ],
)
def test_terminal_illness_is_not_the_illness_topic(question: str) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == "palliative care"


def test_a_question_about_the_person_in_the_story_asks_about_its_topic() -> None:
    question = "My mum has COPD and lives in Harrow. What will be different for her?"
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == "long-term conditions"


def test_a_question_about_the_whole_picture_for_them_keeps_every_topic() -> None:
    assert_every_topic("My mum has COPD and lives in Harrow. What's the overall picture of changes for her?")


@pytest.mark.parametrize(
    "question",
    [
        # a comparison told in the story is not one asked for
        "Over the past year my mum has been passed between the surgery, the hospital and the council. What is "
        "changing for residents in Brent?",
        # "other families" are people, not the children's topic
        "Nobody helped us when my brother was ill. What's being changed in Ealing so this doesn't happen to other "
        "families?",
        # doctors listed beside a topic make the question wider than the topic
        "What will be different about doctors and community services in Hillingdon?",
        # a story naming several kinds of care is the asker's situation, not one topic asked about
        "My parents live in Hounslow. Dad sees the GP every week and mum has COPD. What's all the new stuff coming?",
        # "it'll" narrows nothing: now set beside what is coming is what the register gives
        "Give me a summary of what's different for health and care in Brent now compared with how it'll be later.",
        # worries asked before the question for the changes are what the changes answer
        "My neighbour lives alone in Harrow and is very unwell. Who will look in on her, and where could she go? "
        "What is changing in Harrow for people in her position?",
    ],
)
def test_the_story_before_the_question_narrows_nothing(question: str) -> None:
    assert_every_topic(question)


def test_a_story_that_says_its_topic_is_changing_is_what_the_question_follows() -> None:
    question = (
        "My nan is in a care home in Harrow and the staff said hospice care is changing. What's going to be "
        "different? All of it please."
    )
    assert_whole_palliative_care(question)


def test_a_comparison_asked_for_still_compares() -> None:
    question = "I live in Brent. How do the changes compare between Brent and Ealing?"
    assert change_question(plan_query(question, question)) is None


def test_a_worry_asked_after_the_changes_is_still_a_detail() -> None:
    question = "What is changing for hospice care in Harrow? Where will the new beds be?"
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    "question",
    [
        "How will hospice care in Harrow look after the new model comes in?",
        "lots of my patients in brent are dying. can u give me a summary of how their care is going to be different",
    ],
)
def test_how_care_looks_under_the_new_model_asks_for_its_changes(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        # chat shorthand for the words that ask
        "brent hospice care wat is changing",
        "what r the changes to end of life care in harrow",
    ],
)
def test_chat_shorthand_asks_like_the_words(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        # a detail asked and then the changes, joined in one sentence: the changes answer the worry
        "I used to work in the NHS. Who runs things now and what is being changed for Brent patients?",
    ],
)
def test_a_place_asked_about_in_other_words_gets_its_changes(question: str) -> None:
    assert_every_topic(question)


@pytest.mark.parametrize(
    "question",
    [
        # examples after "Thinking", or after a request for the whole, name parts, not one detail asked
        "What is changing in hospice care in Brent? Thinking opening hours, beds, advice lines etc.",
        "Hounslow hospice care: what's changing? Beds? Which hospices? Just list it all.",
        # the end of life, in a story naming other care too, is what the person needs care for
        "Mum has advanced dementia and is in her last weeks. She keeps being taken to A&E. What's changing for people "
        "like her in Brent?",
        "My grandad has lung disease and the doctors say there isn't any more treatment. What is changing in "
        "Hillingdon for people like him?",
    ],
)
def test_examples_and_the_end_of_life_in_the_story_ask_about_palliative_care(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        "Give me a before and after of services in Ealing, what's done differently now compared with before, across "
        "GP, community, hospital and social care?",
        "whats different for harrow people with health and care services, like hospitals gp mental health social "
        "care all of it",
        "What's the full list of changes to NHS services for families and adults in Hillingdon?",
    ],
)
def test_kinds_of_care_given_as_examples_or_everyone_asked_about_widen_to_every_topic(question: str) -> None:
    assert_every_topic(question)


# Read from blind batches 101-102.
@pytest.mark.parametrize(
    "question",
    [
        # the end of life in the story decides over the illness it names
        "My sister has motor neurone disease and lives in Acton. We have been told her time is short. What is "
        "changing for people like her in Ealing?",
        "Grandad in Harrow has lung cancer and only weeks to live. What will be different for him?",
        # "in charge" is who runs the care, not a question of cost
        "Dad died in Brent last year and nobody was in charge at the weekends. What is changing for people at the end "
        "of their life in the borough?",
    ],
)
def test_the_end_of_life_in_the_story_names_the_care_asked_about(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        # what the asker does with the answer is no comparison asked for
        "I'm comparing the plans of different boroughs for a college essay. What are the main health changes the "
        "Brent borough partnership is planning for 2025 to 2027?",
        # now set beside the past the asker remembers is what the register gives
        "Compared with two years ago, what is different in Hounslow? Is it still the CCG or the ICB in charge?",
        "What's changed in Westminster compared to last year?",
    ],
)
def test_a_comparison_with_the_past_or_in_the_story_asks_for_every_change(question: str) -> None:
    assert_every_topic(question)


# Read from blind batches 103-104.
@pytest.mark.parametrize(
    "question",
    [
        # a detail named in the story is not asked: "opening hours" here are the library's
        "The leisure centre's opening hours were cut last month. What is changing in health and care services in "
        "Hounslow?",
        # what is done to services, asked as it happens
        "been in Harrow 40 years. whats being added or closed in health and care round here?",
    ],
)
def test_what_is_asked_is_in_the_question_not_the_story(question: str) -> None:
    assert_every_topic(question)


def test_the_end_of_life_in_the_examples_decides_over_the_storys_illness() -> None:
    question = (
        "My mum has advanced bowel cancer and lives in Hayes. What will change in Hillingdon for people in her "
        "situation? Hospice beds, help at night, that kind of thing."
    )
    assert_whole_palliative_care(question)


def test_a_worry_told_about_cuts_is_not_the_question() -> None:
    question = (
        "My grandad has months left. We worry services are being cut - is it getting worse? What's changing in "
        "hospice care in Ealing?"
    )
    assert_whole_palliative_care(question)
