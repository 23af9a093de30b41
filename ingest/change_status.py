"""A document's own status (proposed, decided, in place), the words it rests on and the date it is due by."""

from __future__ import annotations

import re

from assistant.changes import ChangeStatus, StatusSource
from assistant.records import CleanDocument
from assistant.text import sentence_breaks
from ingest.change_rules import strip_span

_STATUS_DECIDED = re.compile(
    r"\b(?:has|have|had)\s+(?:been\s+)?(?:approved|agreed|signed off|endorsed)\b|\bapproved\b|\bagreed\b", re.I
)
_STATUS_PROPOSED = re.compile(r"(?<![-\w])(consulting on|proposed|proposals?|consultation|draft)\b", re.I)
# A decision is taken by a body: "ICB Board has approved …". "Our ways of working have been agreed with
# partners" is no decision on the plan's changes, so it cannot be what a "decided" status rests on.
_DECIDER = re.compile(
    r"\b(?:board|committee|cabinet|council|governing body)\b[^.;]{0,40}?\b(?:approved|agreed|endorsed|signed off)\b"
    r"|\b(?:approved|agreed|endorsed|signed off) by (?:the )?[^.;]{0,40}?\b(?:board|committee|cabinet|council)\b",
    re.I,
)
_STATUS_IN_PLACE = re.compile(r"\b(now in place|is in place|are in place|went live|has launched|now open)\b", re.I)
_DOC_STATUS: dict[str, ChangeStatus] = {"proposed": "proposed", "decided": "decided", "in place": "in place"}


def document_status(doc: CleanDocument) -> tuple[ChangeStatus | None, StatusSource | None, str | None]:
    """The document's status (its manifest status, refined by what it says) and the words it rests on.

    A decided document's status rests on its approval statement ("ICB Board has approved …"); its "when"
    is the date contracts or implementation are due, when it states one ("in place … by 1st October 2025").
    """
    status = _DOC_STATUS.get(doc.meta.status.strip().lower())
    sentences = _sentences(doc.text)
    decided = sorted(
        (
            s
            for s in sentences
            if _STATUS_DECIDED.search(s[2]) and _DECIDER.search(s[2]) and not s[2].rstrip().endswith("?")
        ),
        key=lambda s: (not re.search(r"\b(has|have)\s+(been\s+)?(approved|agreed)", s[2], re.I), s[0]),
    )
    quote = None
    if status in (None, "decided") and decided:
        status, quote = "decided", decided[0][2]
    elif status == "proposed":
        proposed = next((s for s in sentences if _STATUS_PROPOSED.search(s[2])), None)
        quote = proposed[2] if proposed else None
    elif status == "in place":
        placed = next((s for s in sentences if _STATUS_IN_PLACE.search(s[2])), None)
        quote = placed[2] if placed else None
        if quote is None:
            status = None  # "in place" is a claim about every change: without the words for it, say nothing
    due = next(
        (
            m.group(0)
            for s in sentences
            if re.search(r"\bcontracts?\b.{0,60}\b(?:in place|due|awarded|start)", s[2], re.I)
            for m in [re.search(r"\bby\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]+\s+20\d\d\b", s[2])]
            if m
        ),
        None,
    )
    source = StatusSource(doc.meta.doc_id, doc.meta.date, quote) if status and quote else None
    if status and source is None:
        source = StatusSource(doc.meta.doc_id, doc.meta.date, "")
    return status, source, due


def _sentences(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cuts = [0] + [x for m in sentence_breaks(line) for x in (m.start(), m.end())] + [len(line)]
        for k in range(0, len(cuts) - 1, 2):
            s, e = strip_span(text, start + cuts[k], start + cuts[k + 1])
            if e - s > 10:
                out.append((s, e, text[s:e]))
    return out
