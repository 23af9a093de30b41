"""Answer "can they come at 7 in the evening?" by reasoning over the hours the documents state.

The documents give ranges ("8am to 8pm", "9am-5pm", "24/7"); residents ask about a moment ("half past
seven in the evening", "3am", "19:30"). Both are read into minutes after midnight and compared, so the
answer can say yes or no before it cites the hours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_HOURS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_HOUR = r"(\d{1,2}|" + "|".join(_WORD_HOURS) + r")"
_MOMENT = re.compile(
    rf"\b(?:(?P<half>half past|quarter past|quarter to)\s+)?(?P<h>{_HOUR})(?:[:.](?P<m>\d{{2}}))?"
    r"(?:\s*(?P<ampm>am\b|pm\b|a\.m\.|p\.m\.)|\s*o['’]clock)?"
    r"(?:\s+(?:in the|at)\s+(?P<part>morning|afternoon|evening|night))?\b",
    re.I,
)
_CLOCK_POINT = r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)"
_RANGE = re.compile(rf"\b{_CLOCK_POINT}\s*(?:to|-|–|until|till)\s*{_CLOCK_POINT}", re.I)
_ALWAYS = re.compile(r"\b24/7\b|\b24 hours a day\b|\bround the clock\b|\b24-hour\b", re.I)
_NAMED = {"midnight": 0, "noon": 12 * 60, "midday": 12 * 60}


@dataclass(frozen=True)
class Hours:
    """A stated range of the day, as written and in minutes after midnight."""

    text: str
    start: int
    end: int

    @property
    def always(self) -> bool:
        """Round the clock ("24/7"), not a range of clock times."""
        return self.end - self.start >= 24 * 60

    def holds(self, minute: int) -> bool:
        if self.start <= self.end:
            return self.start <= minute <= self.end
        return minute >= self.start or minute <= self.end  # overnight, e.g. 8pm to 8am


def _minutes(hour: int, minute: int, ampm: str) -> int:
    hour %= 12
    if ampm.lower().startswith("p"):
        hour += 12
    return hour * 60 + minute


def asked_moment(question: str) -> int | None:
    """The time of day a question asks about, in minutes after midnight; None when it names none.

    Hours the question quotes as a range ("when will the team work 8am to 8pm?") are not a moment."""
    question = _RANGE.sub(" ", question)
    for name, minute in _NAMED.items():
        if re.search(rf"\b{name}\b", question, re.I):
            return minute
    for match in _MOMENT.finditer(question):
        ampm, part, half = match.group("ampm"), match.group("part"), match.group("half")
        if not (ampm or part or half or match.group("m")):
            continue  # a bare number is a count, not a time
        raw = match.group("h").lower()
        hour = int(raw) if raw.isdigit() else _WORD_HOURS[raw]
        if hour > 23 or (ampm and hour > 12):
            continue
        minute = int(match.group("m") or 0)
        if half:
            minute, hour = {"half past": (30, hour), "quarter past": (15, hour), "quarter to": (45, hour - 1)}[
                half.lower()
            ]
        if ampm:
            return _minutes(hour, minute, ampm)
        if part and part.lower() in ("afternoon", "evening", "night") and hour < 12:
            hour += 12 if not (part.lower() == "night" and hour < 5) else 0
        return hour * 60 + minute
    return None


def stated_hours(text: str) -> Hours | None:
    """The range of hours a text states ("8am to 8pm", "24/7"); the last one, as a row reads "now | new"."""
    found = list(_RANGE.finditer(text))
    if found:
        match = found[-1]
        h1, m1, p1, h2, m2, p2 = match.groups()
        return Hours(match.group(0), _minutes(int(h1), int(m1 or 0), p1), _minutes(int(h2), int(m2 or 0), p2))
    always = _ALWAYS.search(text)
    if always:
        return Hours(always.group(0), 0, 24 * 60)
    return None


def spoken(minute: int) -> str:
    """Minutes after midnight as a resident would write them: '7pm', '7:30pm'."""
    hour, mins = divmod(minute, 60)
    suffix = "am" if hour < 12 else "pm"
    hour = hour % 12 or 12
    return f"{hour}{f':{mins:02d}' if mins else ''}{suffix}"


def verdict(minute: int, hours: Hours) -> str:
    """'Yes' or 'No', with the moment asked and the hours stated, for the first line of an answer."""
    if hours.holds(minute):
        return f"Yes: {spoken(minute)} is within the hours the documents give ({hours.text})"
    return f"No: {spoken(minute)} is outside the hours the documents give ({hours.text})"
