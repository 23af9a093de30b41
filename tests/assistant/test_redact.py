"""Redaction of personal data: each kind found and labelled, look-alikes (dates, figures, years) left alone."""

from __future__ import annotations

import pytest

from assistant.redact import (
    DATE_OF_BIRTH,
    EMAIL,
    NHS_NUMBER,
    NI_NUMBER,
    PHONE,
    POSTCODE,
    holds_nhs_number,
    nhs_number_valid,
    redact,
)

# 943 476 5919 is the NHS's own published test number; the others are built with the same check digit rule.
VALID_NHS = ("943 476 5919", "9434765919", "943-476-5919", "401 023 2137", "485 777 3457")


@pytest.mark.parametrize("number", VALID_NHS)
def test_nhs_number_valid_accepts_modulus_11_numbers(number: str) -> None:
    assert nhs_number_valid(number)


@pytest.mark.parametrize(
    "number",
    [
        "943 476 5918",  # check digit off by one
        "943 476 591",  # nine digits
        "94347659190",  # eleven digits
        "123 456 7890",  # remainder 1: check digit would be 10, never issued
        "943x476x5919",
        "",
    ],
)
def test_nhs_number_valid_refuses_others(number: str) -> None:
    assert not nhs_number_valid(number)


@pytest.mark.parametrize("number", VALID_NHS)
def test_redact_replaces_a_valid_nhs_number(number: str) -> None:
    result = redact(f"Patient {number} was referred; what is the pathway?")
    assert result.text == "Patient [NHS number] was referred; what is the pathway?"
    assert result.kinds == (NHS_NUMBER,) and result.has_nhs_number and holds_nhs_number(number)


def test_redact_leaves_ten_digits_that_fail_the_check() -> None:
    text = "Reference 943 476 5918 in the board pack"
    assert redact(text).text == text and not holds_nhs_number(text)


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("email jo.bloggs@nhs.net please", "email [email address] please", EMAIL),
        ("Contact First.Last+tag@nw-london.example.org.", "Contact [email address].", EMAIL),
        ("ring 020 7946 0958 today", "ring [phone number] today", PHONE),
        ("mobile 07700 900123", "mobile [phone number]", PHONE),
        ("call +44 (0)20 7946 0958", "call [phone number]", PHONE),
        ("call +447700900123", "call [phone number]", PHONE),
        ("(020) 7946 0958 is the office", "[phone number] is the office", PHONE),
        ("lives at W12 8QT near SW1A 1AA", "lives at [postcode] near [postcode]", POSTCODE),
        ("postcode ub8 1qq", "postcode [postcode]", POSTCODE),
        ("NI number AB 12 34 56 C", "NI number [National Insurance number]", NI_NUMBER),
        ("born on 12/03/1956, asking", "born on [date of birth], asking", DATE_OF_BIRTH),
        ("DOB: 3 March 2011", "DOB: [date of birth]", DATE_OF_BIRTH),
        ("date of birth 01-02-10", "date of birth [date of birth]", DATE_OF_BIRTH),
        ("seen on 04/05/1948 at home", "seen on [date of birth] at home", DATE_OF_BIRTH),
    ],
)
def test_redact_labels_each_kind(text: str, expected: str, kind: str) -> None:
    result = redact(text)
    assert result.text == expected and result.kinds == (kind,) and not result.has_nhs_number


@pytest.mark.parametrize(
    "text",
    [
        "When will new contracts be in place from 1st October 2025?",
        "What changes by 31/03/2025 for the 2024/25 plan?",
        "How many of the 10,000 people, at £1,234,567, and 1234567890 beds?",
        "Contracts run from 2025 to 2026; see section 5.2.1 and table 12.",
        "What does the NW London ICB say about H&F and RBKC in 2024-2026?",
        "Is 111 or 999 the number for urgent care?",
    ],
)
def test_redact_leaves_planning_questions_alone(text: str) -> None:
    result = redact(text)
    assert result.text == text and result.kinds == ()


def test_redact_lists_every_kind_found_once_in_order() -> None:
    text = "943 476 5919, jo@nhs.net, 020 7946 0958, W12 8QT, born 12/03/1956, and 943-476-5919 again"
    result = redact(text)
    assert result.kinds == (EMAIL, NHS_NUMBER, PHONE, POSTCODE, DATE_OF_BIRTH)
    assert result.text == (
        "[NHS number], [email address], [phone number], [postcode], born [date of birth], and [NHS number] again"
    )
    assert redact(result.text).text == result.text  # labels are never redacted again
