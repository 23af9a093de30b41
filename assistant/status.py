"""Proposed, decided or in place: read from the wording of the cited evidence, not guessed."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.records import STATUSES, Status, Unit

_CUES: list[tuple[Status, re.Pattern[str]]] = [
    (
        "decided",
        re.compile(
            r"\b(approved|has approved|agreed|endorsed|endorsement|decided|decision was|ratified|signed off|awarded)\b",
            re.I,
        ),
    ),
    (
        "proposed",
        re.compile(
            r"\b(propos\w*|consult\w*|draft|we would|plan(s|ned)? to|aim(s|ing)? to|intend\w*|options?)\b", re.I
        ),
    ),
    ("in place", re.compile(r"\b(currently|existing|in place|already|is available|are available|current)\b", re.I)),
]
# "to be in place by October" is a schedule, not a fact on the ground.
_FUTURE = re.compile(r"\b(to be|will be|should be|would be)\s+(in place|available)\b", re.I)


def unit_status(unit: Unit, doc_status: Mapping[str, str] | None = None) -> Status | None:
    """The status a piece of evidence states: a table's column header first, then its own words,
    else the status of the document it comes from (from the manifest)."""
    sources = (unit.chunk.context, unit.text) if unit.cells else (unit.text, unit.chunk.context)
    for source in (*sources, unit.chunk.heading_path[-1]):
        for status, pattern in _CUES:
            if status == "in place" and _FUTURE.search(source):
                continue
            if pattern.search(source):
                return status
    return _known((doc_status or {}).get(unit.chunk.doc_id, ""))


def _known(value: str) -> Status | None:
    """A manifest's status when it is one the answer contract has (anything else is not a status)."""
    return next((s for s in STATUSES if s == value), None)


def classify_status(units: Sequence[Unit], doc_status: Mapping[str, str] | None = None) -> tuple[Status | None, str]:
    """Overall status plus one cited sentence saying which document and date it rests on."""
    found: list[tuple[Status, int, Unit]] = []
    for n, unit in enumerate(units, start=1):
        status = unit_status(unit, doc_status)
        if status:
            found.append((status, n, unit))
    if not found:
        return None, ""
    statuses = {s for s, _, _ in found}
    by_doc: dict[tuple[Status, str], list[int]] = {}
    for status, n, unit in found:
        by_doc.setdefault((status, unit.chunk.doc_id), []).append(n)
    parts = []
    for (stated, _doc), numbers in by_doc.items():
        unit = units[numbers[0] - 1]
        marks = "".join(f"[{n}]" for n in numbers[:3])
        parts.append(f"{stated} in “{unit.chunk.heading_path[0]}” ({unit.chunk.date}) {marks}")
    if len(statuses) == 1:
        return found[0][0], f"Status: {'; '.join(parts)}."
    docs = {unit.chunk.doc_id for _, _, unit in found}
    lead = "The documents differ" if len(docs) > 1 else "The evidence is mixed"
    return "mixed", f"Status: {lead}: " + "; ".join(parts) + "."
