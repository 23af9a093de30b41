"""Misspelt topic words and place names in questions (assistant/spelling.py): read as the name they misspell, while
real words near a name stay as they are."""

from __future__ import annotations

import pytest

from assistant.boroughs import detect, respelled_places
from assistant.query import plan_query
from assistant.spelling import by_first_letters, respell
from assistant.topics import question_topic, respelled
from tests.assistant.change_asks import assert_whole_palliative_care


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("pallative care in Brent", "palliative care in Brent"),
        ("paliative", "palliative"),
        ("palliatve nurses", "palliative nurses"),
        ("demensia services", "dementia services"),
        ("bereavment support", "bereavement support"),
        ("lymphodema clinics", "lymphoedema clinics"),
        # two letters dropped from a name of ten: "palitive", "palative"
        ("wot is changeing for palitive care", "wot is changeing for palliative care"),
        ("brent palative care changes?", "brent palliative care changes?"),
    ],
)
def test_a_misspelt_keyword_is_read_as_the_keyword(typed: str, read: str) -> None:
    assert respelled(typed) == read


@pytest.mark.parametrize(
    "text",
    [
        "What is the NHS bringing in for Hillingdon?",  # "bringing" is one edit from the keyword "bridging"
        "selective surgery",  # one edit from "elective", but a word, and its first letters differ
        "paternal leave",
        "palliatives and hospices",  # a keyword's longer forms match the keyword already
        "hospis at home",  # two edits from a seven-letter keyword: too far to be sure
    ],
)
def test_real_words_and_distant_spellings_are_left_alone(text: str) -> None:
    assert respelled(text) == text


def test_a_capitalised_misspelling_keeps_its_capital() -> None:
    assert respelled("Pallitive care") == "Palliative care"


def test_a_misspelt_topic_still_finds_the_topic_and_the_whole_change_question() -> None:
    assert question_topic(respelled("hounslow pallative care")) == "palliative care"
    assert_whole_palliative_care("hounslow hospice changes pallative care")


@pytest.mark.parametrize(
    ("typed", "borough"),
    [
        ("westminister nhs what's changing", "Westminster"),
        ("houslow health plans", "Hounslow"),
        ("harow new services?", "Harrow"),
        ("what's new in Fulahm?", "Hammersmith and Fulham"),
        ("hillingon gp changes", "Hillingdon"),
    ],
)
def test_a_misspelt_borough_or_area_still_scopes_the_question(typed: str, borough: str) -> None:
    assert plan_query(typed, typed).scope == (borough,)


@pytest.mark.parametrize("text", ["eating well in Ealing", "healing after surgery", "a brant goose in Brent"])
def test_real_words_near_a_place_name_are_left_alone(text: str) -> None:
    assert respelled_places(text) == text


def test_documents_are_not_respelled() -> None:
    """Only questions are: a document's "Houslow" typo names no borough in its metadata."""
    assert detect("Houslow residents").boroughs == ()


def test_a_name_of_its_own_is_never_respelled() -> None:
    """Places outside NW London are kept as names (assistant/boroughs.py passes them as keep)."""
    names = by_first_letters(["Wembley"], 5)
    assert respell("wembly", names, 5) == "wembley"
    assert respell("wembly", names, 5, keep={"wembly"}) == "wembly"
