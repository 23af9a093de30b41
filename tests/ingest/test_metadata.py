"""Title, date and publisher read from the top of a document that no manifest entry describes."""

from __future__ import annotations

from pathlib import Path

from ingest.loaders import default_meta
from ingest.metadata import infer


def test_title_runs_on_past_a_colon_into_its_subtitle() -> None:
    found = infer("Community specialist palliative care for adults:\ndecision and next steps\n\nBody text.")
    assert found.title == "Community specialist palliative care for adults: decision and next steps"


def test_first_marked_heading_is_the_title() -> None:
    found = infer("Draft for the Board\n\n# Local Services Strategy\n\n## Introduction\n")
    assert found.title == "Local Services Strategy"


def test_dates_as_documents_state_them() -> None:
    assert infer("# Plan\n\nNW London Joint Forward Plan, 5 July 2024\n").date == "5 July 2024"
    board = infer("Health and Wellbeing Board\n\nWednesday 18 March 2020\n\nAgenda")
    assert (board.date, board.date_sort) == ("18 March 2020", "2020-03-18")
    dated = infer("# Report\n\nPublished: 3rd February 2024\n")
    assert (dated.date, dated.date_sort) == ("3rd February 2024", "2024-02-03")


def test_a_date_inside_a_long_sentence_is_not_a_publication_date() -> None:
    text = (
        "# Update\n\nThe engagement ran from September 2023 and heard from many residents, carers, "
        "clinicians and hospices across all eight boroughs of North West London.\n"
    )
    assert infer(text).date == ""


def test_publisher_from_the_date_line_or_published_by() -> None:
    assert infer("# Decision\n\nNHS North West London, July 2025\n").publisher == "NHS North West London"
    assert infer("# Plan\n\nPublished by Brent Council, 2 May 2023.\n").publisher == "Brent Council"
    assert infer("# Plan\n\nJuly 2025\n").publisher == ""


def test_default_meta_marks_what_it_inferred(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    meta = default_meta(path, "Ward notes for the team\n\nNothing dated here.\n")
    assert meta.title == "Ward notes for the team" and meta.date == "undated" and meta.inferred == ("title",)
    dated = default_meta(path, "# Board summary\n\nNHS North West London, July 2025\n")
    assert dated.inferred == ("title", "date", "publisher") and dated.date_sort == "2025-07"
