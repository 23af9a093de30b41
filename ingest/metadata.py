"""Infer a document's title, publication date and publisher from its opening lines.

Used only for files no manifest entry describes (uploads, `ingest FOLDER`). Everything here reads
what the document states about itself near the top; nothing is guessed from the file name except
a title of last resort.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = "january february march april may june july august september october november december".split()
_DATE = re.compile(
    r"\b(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+)?(?P<month>" + "|".join(m.capitalize() for m in _MONTHS) + r")"
    r",?\s+(?P<year>(?:19|20)\d\d)\b"
)
_PUBLISHED = re.compile(r"\b(?:published|publication date|dated|date)\b\s*(?:by\s+[^,.\n]+)?[:,]?\s*$", re.IGNORECASE)
_PUBLISHED_BY = re.compile(r"\bpublished by\s+(?P<who>[A-Z][^,.;:\n]{2,80})", re.IGNORECASE)
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(.*)$")
# How far down a publication date or publisher may be stated and still count as being "at the top".
_TOP_LINES = 25
_SHORT_LINE_WORDS = 14


@dataclass(frozen=True)
class Inferred:
    """What the document says about itself; empty strings where it does not say."""

    title: str
    date: str
    date_sort: str
    publisher: str


def _top_lines(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        stripped = line.replace("\f", "").strip()
        if stripped:
            lines.append(stripped)
        if len(lines) >= _TOP_LINES:
            break
    return lines


def _plain(line: str) -> str:
    heading = _MD_HEADING.match(line)
    return (heading.group(1) if heading else line).strip().strip("*").strip()


def infer_title(lines: list[str]) -> str:
    """The first heading in full: a `#` heading if the text marks them, else the first line of title length.

    A title ending in a colon runs on into the next line, its subtitle.
    """
    marked = [i for i, line in enumerate(lines) if _MD_HEADING.match(line)]
    candidates = marked[:1] or [i for i, line in enumerate(lines) if 3 <= len(_plain(line)) <= 150][:1]
    if not candidates:
        return ""
    i = candidates[0]
    title = _plain(lines[i])
    if title.endswith(":") and i + 1 < len(lines):
        following = _plain(lines[i + 1])
        if following and len(following.split()) <= _SHORT_LINE_WORDS and not _DATE.search(following):
            title = f"{title} {following}"
    return title[:300]


def _date_sort(match: re.Match[str]) -> str:
    month = _MONTHS.index(match.group("month").lower()) + 1
    sort = f"{match.group('year')}-{month:02d}"
    return f"{sort}-{int(match.group('day')):02d}" if match.group("day") else sort


def infer_date(lines: list[str]) -> tuple[str, str, int]:
    """(date as stated, sortable date, line index) of the first date stated on a short line, or after 'Published'."""
    for i, line in enumerate(lines):
        text = _plain(line)
        match = _DATE.search(text)
        if match is None:
            continue
        short = len(text.split()) <= _SHORT_LINE_WORDS
        announced = bool(_PUBLISHED.search(text[: match.start()]))
        if short or announced:
            return match.group(0).replace(",", ""), _date_sort(match), i
    return "", "", -1


def infer_publisher(lines: list[str], date_line: int) -> str:
    """Who the document says published it: 'Published by X', or X in a short 'X, July 2025' line."""
    for line in lines:
        found = _PUBLISHED_BY.search(line)
        if found:
            return found.group("who").strip()
    if date_line < 0:
        return ""
    text = _plain(lines[date_line])
    match = _DATE.search(text)
    if match is None:
        return ""
    before = text[: match.start()].strip(" ,;:–-|")
    words = before.split()
    if 1 <= len(words) <= 8 and before[:1].isupper() and not _PUBLISHED.search(before):
        return before
    return ""


def infer(text: str) -> Inferred:
    """Title, date and publisher as the top of the document states them."""
    lines = _top_lines(text)
    title = infer_title(lines)
    date, date_sort, date_line = infer_date(lines)
    publisher = infer_publisher(lines, date_line)
    if publisher and publisher == title:
        publisher = ""
    return Inferred(title=title, date=date, date_sort=date_sort, publisher=publisher)
