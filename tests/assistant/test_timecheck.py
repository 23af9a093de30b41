"""Time-of-day questions: the moment asked, the hours stated, and yes or no."""

from __future__ import annotations

import pytest

from assistant.timecheck import asked_moment, stated_hours, verdict


@pytest.mark.parametrize(
    ("question", "minute"),
    [
        ("Can they come round at 7 in the evening?", 19 * 60),
        ("Could they visit at half past seven in the evening?", 19 * 60 + 30),
        ("Is anyone there at 3am?", 3 * 60),
        ("Can I ring at 10pm?", 22 * 60),
        ("Is it open at 19:30?", 19 * 60 + 30),
        ("Who can I call at midnight?", 0),
        ("How many of the 5 teams are open?", None),  # a count, not a time
        ("When will the team work 8am to 8pm?", None),  # quoted hours, not a moment
    ],
)
def test_asked_moment(question: str, minute: int | None) -> None:
    assert asked_moment(question) == minute


def test_stated_hours_reads_the_new_hours_of_a_row() -> None:
    hours = stated_hours("9am to 5pm on weekdays | 8am to 8pm, 7 days a week")
    assert hours is not None and (hours.text, hours.start, hours.end) == ("8am to 8pm", 8 * 60, 20 * 60)
    always = stated_hours("A 24/7 advice line for anyone")
    assert always is not None and always.always and always.holds(3 * 60)
    assert stated_hours("The team is based in Fulham.") is None


def test_verdict_says_yes_or_no_with_the_hours() -> None:
    hours = stated_hours("8am to 8pm, 7 days a week")
    assert hours is not None
    assert verdict(19 * 60, hours) == "Yes: 7pm is within the hours the documents give (8am to 8pm)"
    assert verdict(22 * 60 + 30, hours) == "No: 10:30pm is outside the hours the documents give (8am to 8pm)"


def test_overnight_ranges_wrap_past_midnight() -> None:
    hours = stated_hours("Night sitting from 8pm to 8am")
    assert hours is not None and hours.holds(2 * 60) and not hours.holds(12 * 60)
