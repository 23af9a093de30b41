"""What a change question about a topic narrows to (assistant/change_focus.py): the words beyond the topic, not
who is asking, how, or examples of the whole."""

from __future__ import annotations

import pytest

from assistant.change_focus import can_name
from assistant.change_question import change_question
from assistant.query import plan_query
from tests.assistant.change_asks import assert_whole_palliative_care


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("Is anything changing for children with asthma at school in Brent?", ("asthma",)),
        ("Are there any other end of life inpatient beds in Brent, and what's proposed?", ("inpatient", "beds")),
        ("What is changing in palliative care for Harrow residents?", ()),
        ("As a GP in Harrow, I'd like to understand what's changing in palliative care for our patients.", ()),
        # One alternative names the whole topic: the question is not narrowed.
        ("h&f hospice at home / end of life care changes", ()),
        ("What is changing in end of life and hospice care in Brent?", ()),
    ],
)
def test_a_topic_question_narrows_to_the_words_beyond_its_topic(question: str, focus: tuple[str, ...]) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.focus == focus


def test_topics_named_together_or_for_whom_still_narrow_the_question() -> None:
    two = change_question(plan_query("q", "What's planned for children's mental health and SEND in Ealing?"))
    assert two is not None and two.topic is not None
    families = change_question(plan_query("q", "What is changing for families in Brent?"))
    assert families is not None and families.topic == "children and young people"


def test_how_a_question_applies_the_topic_to_a_place_does_not_narrow_it() -> None:
    question = "Summarise the proposed new model for palliative care as it applies to Brent."
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("hospice care ealing - anything different now?", ()),
        ("hospice care in brent, is there a new model?", ()),
        ("Does Harrow have new arrangements for hospice care?", ()),
        ("Hospice services are being redesigned across NW London. Will this affect us in Brent?", ()),
        # a team is who gives the care, like a service: it does not narrow the topic
        ("Is hospice care for Brent patients going to be provided by a different team in future?", ()),
        ("I'd like to know what the new hospice model means for our patients in the last year of life in Ealing", ()),
        ("Is the hospice support around that getting better or changing at all in Brent?", ()),
        ("Is the way hospice care is delivered in Hillingdon changing?", ()),
    ],
)
def test_wordings_of_batch_9_and_filler_words_that_do_not_narrow(question: str, focus: tuple[str, ...]) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and (asked.topic, asked.focus) == ("palliative care", focus)


def test_a_question_naming_a_topic_or_something_beside_it_widens_to_both() -> None:
    question = "What's changing in urgent / reactive care in Hillingdon?"
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == "urgent care" and asked.focus == ()
    assert "reactive" in asked.mentions


def test_what_a_question_narrows_to_is_read_in_the_clause_that_asks() -> None:
    question = "Locum pharmacist in Harrow on the Hill - are there changes to hospice care for Harrow patients?"
    assert_whole_palliative_care(question)


def test_phrases_that_name_nothing_do_not_narrow_a_topic() -> None:
    question = "I'd like a summary of how hospice care in Brent will be different once the new model is in place"
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.focus == ()


@pytest.mark.parametrize(
    "question",
    [
        "Summarise the impact of the hospice care consultation for Brent: services added, extended or unchanged.",
        "my dad is dying, we're in wembley. what's the NHS doing about end of life care round here?",
        "any news on dying-at-home support in harrow? hospice etc",
        "Could someone explain what it all adds up to for hospice care in Ealing specifically?",
        "I read that they're consulting on hospice care in Brent - what would be different if it goes ahead?",
        "Summarise the changes to hospice care in Harrow, including inpatient beds and the advice line.",
        "In plain terms, how does the new hospice model change things for Hillingdon patients and their carers?",
    ],
)
def test_examples_adverbs_and_what_the_nhs_is_doing_about_a_whole_topic(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        "Could you list every change the new hospice model brings for Ealing patients?",
        "I want the complete picture of end of life care changes in Brent after the Board's decision.",
        "Please go through the palliative care changes for Harrow - all of them, not just one.",
        "What's the full range of changes to hospice services in Hounslow following the ICB's approval?",
        "What is the overall shape of the new palliative care offer for Westminster, compared with today?",
    ],
)
def test_asking_for_every_change_narrows_to_nothing(question: str) -> None:
    """Saying "all", "every", "the full set" asks for the whole topic; the rest says why or who is asking."""
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        "Summarise the changes to end of life care in Westminster (incl. advice line, inpatient beds).",
        "What's changing in hospice care in Ealing - anything added, anything cut?",
        "How will palliative care in Brent change? Anything taken away?",
    ],
)
def test_examples_given_and_the_kind_of_change_do_not_narrow(question: str) -> None:
    assert_whole_palliative_care(question)


def test_a_word_of_the_topic_after_all_still_narrows_without_a_whole_ask() -> None:
    question = "What is changing for hospice inpatient beds in Brent?"
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.focus == ("inpatient", "beds")


@pytest.mark.parametrize(
    "question",
    [
        "What's changing altogether in end of life care in Harrow?",
        "What is changing in hospice care for Ealing residents nowadays?",
        "Roughly what is changing in palliative care for Brent anyway?",
        # A ranking of the changes, and a numbered list, name no part of the topic.
        "Rank the changes to end-of-life care for Harrow residents from biggest improvement to smallest.",
        "A numbered list of the changes to hospice care in Brent, please.",
    ],
)
def test_adverbs_superlatives_and_ordering_words_do_not_narrow(question: str) -> None:
    """The English lexicon's word classes, not a list: a word known only as an adverb, or the superlative of an
    adjective, names no part of a topic."""
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    ("word", "names"),
    [
        *[("beds", True), ("overnight", True), ("personalised", True), ("copd", True), ("beaufort", True)],
        *[("honest", True), ("modest", True), ("west", True), ("interest", True)],
        *[("altogether", False), ("nowadays", False), ("anyway", False), ("biggest", False), ("latest", False)],
    ],
)
def test_nouns_adjectives_participles_and_unknown_words_can_name_a_part_of_a_topic(word: str, names: bool) -> None:
    assert can_name(word) is names
