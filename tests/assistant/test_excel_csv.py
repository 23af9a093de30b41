"""The one CSV writer for Excel: a byte-order mark, CRLF rows, and no cell that runs as a formula."""

from __future__ import annotations

import csv
import io

from assistant.excel_csv import CUT_NOTE, EXCEL_CELL_CHARS, excel_csv


def test_excel_csv_has_bom_and_formula_safe_cells() -> None:
    rows = [["=1+1", "+44 20", "-x", "@SUM(A1)", "\tTab", "“new” → 24/7", 3, None]]
    data = excel_csv(["a", "b", "c", "d", "e", "f", "g", "h"], rows)
    assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    (row,) = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(row.values()) == ["'=1+1", "'+44 20", "'-x", "'@SUM(A1)", "'\tTab", "“new” → 24/7", "3", ""]


def test_excel_csv_cuts_a_cell_to_excels_limit_and_says_so() -> None:
    long = "- a change [1]\n" * 5000
    data = excel_csv(["answer", "next"], [[long, "kept"]])
    (row,) = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(row["answer"]) == EXCEL_CELL_CHARS and row["answer"].endswith(CUT_NOTE)
    assert row["answer"].startswith("'- a change [1]") and row["next"] == "kept"


def test_a_cut_that_falls_on_a_space_still_fills_the_cell_exactly() -> None:
    text = "x" * (EXCEL_CELL_CHARS - len(CUT_NOTE) - 1) + " " + "y" * 100
    (row,) = list(csv.DictReader(io.StringIO(excel_csv(["a"], [[text]]).decode("utf-8-sig"), newline="")))
    assert len(row["a"]) == EXCEL_CELL_CHARS and row["a"].endswith(CUT_NOTE)
