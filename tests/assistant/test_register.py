"""The register's listing order and topic lookups, on the hand-made records (no model, no index)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.changes import Register
from tests.assistant.handmade_changes import RECORDS


def test_listings_put_current_plans_first_newest_document_first_whatever_order_the_records_came_in() -> None:
    expected = ["hospice", "advice", "care-homes", "talking", "gp", "old"]
    for records in (RECORDS, list(reversed(RECORDS)), RECORDS[3:] + RECORDS[:3]):
        register = Register(records)
        assert [r.id for r in register.select(["Brent"])] == expected
        brent = register.for_borough("Brent")
        assert [r.id for r in brent.own] == ["talking", "gp", "old"]
        assert [r.id for r in brent.nw_london] == ["hospice", "advice", "care-homes"]


def test_a_topic_lookup_answers_alike_however_often_and_with_whatever_words_it_is_asked() -> None:
    register = Register(RECORDS)
    same_day = re.compile(r"same day")
    assert [r.id for r in register.for_borough("Brent", "mental health").own] == ["talking"]
    first = [r.id for r in register.for_borough("Brent", "mental health", same_day).own]
    assert first == ["talking", "gp"]
    # Thousands of wordings later (each its own pattern), the same question gets the same records.
    for n in range(3000):
        assert [r.id for r in register.for_borough("Brent", "mental health", re.compile(f"w{n}")).own] == ["talking"]
    assert [r.id for r in register.for_borough("Brent", "mental health", same_day).own] == first
    assert [r.id for r in register.for_borough("Brent", "mental health").own] == ["talking"]


def test_a_topic_lookup_takes_the_records_under_a_programme_naming_the_topic() -> None:
    # "same day" files the GP record under urgent care by its words; its plan puts it under "Primary Care".
    records = [replace(r, topic="urgent care", programme="Primary Care") if r.id == "gp" else r for r in RECORDS]
    register = Register(records)
    assert "gp" in [r.id for r in register.for_borough("Brent", "primary care").own]
    assert "gp" in [r.id for r in register.for_borough("Brent", "urgent care").own]
    assert "gp" not in [r.id for r in register.for_borough("Brent", "mental health").own]
