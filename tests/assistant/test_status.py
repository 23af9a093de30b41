"""Proposed, decided or in place: read from the cited words, the table header, or the manifest."""

from __future__ import annotations

from assistant.compose import split_units
from assistant.records import Unit
from assistant.status import classify_status, unit_status
from tests.assistant.handmade import PARAGRAPH_CHUNK, ROW_CHUNK, SCHEDULE, chunk


def _unit(text: str) -> Unit:
    """A unit of a one-sentence chunk; the sentence must be in the hand-made document."""
    (unit,) = split_units(chunk(text, 9), rank=0)
    return unit


APPROVED = "The proposals were approved by the programme board in June 2024."
TODAY = "The community palliative care team works 9am to 5pm on weekdays today."


def test_unit_status_reads_the_evidence_wording() -> None:
    assert unit_status(_unit(APPROVED)) == "decided"
    assert unit_status(_unit(TODAY)) is None


def test_unit_status_falls_back_to_the_documents_manifest_status() -> None:
    unit = _unit(TODAY)
    assert unit_status(unit, {PARAGRAPH_CHUNK.doc_id: "proposed"}) == "proposed"
    assert unit_status(unit, {PARAGRAPH_CHUNK.doc_id: "rumoured"}) is None


def test_a_table_row_takes_its_status_from_the_column_header() -> None:
    (row,) = split_units(ROW_CHUNK, rank=0)
    assert unit_status(row) == "in place"  # "Table columns: Current | New"


def test_a_future_in_place_is_a_schedule_not_a_fact() -> None:
    assert unit_status(_unit(SCHEDULE)) is None


def test_classify_status_cites_the_units_it_rests_on() -> None:
    status, line = classify_status([_unit(TODAY), _unit(APPROVED)])
    assert status == "decided"
    assert line == "Status: decided in “H&F palliative care” (2024-06) [2]."


def test_classify_status_says_when_the_evidence_is_mixed() -> None:
    status, line = classify_status([_unit(APPROVED), _unit(TODAY)], {PARAGRAPH_CHUNK.doc_id: "proposed"})
    assert status == "mixed"
    assert line.startswith("Status: The evidence is mixed: decided") and "proposed" in line


def test_no_status_without_a_cue() -> None:
    assert classify_status([_unit(TODAY)]) == (None, "")
