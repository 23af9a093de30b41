"""What kind of change a statement states and when it is due, once ingest/change_rules.py has found it is one.

A "Change" column's words or the statement's own verb give the kind; the dates the documents use ("by 1 October
2025", "Q3 25/26", "2024/25 to 2027/28", "Year 2") give when, as the documents state it.
"""

from __future__ import annotations

import re

from assistant.changes import ChangeKind

WHEN = re.compile(
    r"\b(?:by|from|in|during|until|before)\s+(?:the\s+)?(?:end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+20\d\d\b"
    r"|\b(?:by|from|in|during)\s+20\d\d(?:/\d\d)?\b|\bQ[1-4]\s*\d\d/\d\d\b"
    r"|\b20\d\d/\d\d\s*(?:to|–|-|—)\s*20\d\d/\d\d\b|\b20\d\d/\d\d\b|\bYears?\s+\d(?:\s*[-–]\s*\d)?\b",
    re.I,
)


def kind_of(text: str) -> ChangeKind:
    """The kind of change, from a "Change" column's words or the statement's own verb."""
    low = text.lower()
    rules: tuple[tuple[str, ChangeKind], ...] = (
        (r"\b(clos|not reopen|decommission|stop|end(?:ing)? the|withdraw)", "closed"),
        (r"\b(replac|instead of|move[sd]? (?:to|from)|relocat|switch)", "replaced"),
        (r"\b(reduc|fewer|lower|cut)", "reduced"),
        (r"\b(new|introduc|establish|launch|creat|set up|additional)", "new"),
        (r"\b(expan|extend|extension|increas|more |longer|wider|roll(?:ed|ing)? out|scale|grow|choice)", "expanded"),
        (r"\b(improv|enhanc|better|strengthen|transform|develop|redesign|integrat|align|standardis)", "improved"),
    )
    for pattern, kind in rules:
        if re.search(pattern, low):
            return kind
    return "other"


def stated_when(text: str) -> str | None:
    found = WHEN.search(text)
    return found.group(0) if found else None


def year_of(text: str) -> int:
    found = re.findall(r"\b(20\d\d)\b", text)
    return int(found[-1]) if found else 0
