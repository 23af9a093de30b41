"""CSV that Excel opens safely and legibly; the one writer for every spreadsheet the project hands out.

Excel runs a cell starting with = + - @ (or a tab or carriage return) as a formula, so such text gets a
leading apostrophe; without a byte-order mark it reads UTF-8 as a legacy code page and mangles “ and →.
A cell holds at most 32,767 characters in Excel (longer text is cut silently, or the file is refused), so a
longer value (a borough's whole list of changes) is cut there with a note saying where the rest is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_CHARS = 32_767
CUT_NOTE = " … [cut at Excel's cell limit; the Markdown, DOCX and JSON versions hold the whole text]"


def excel_cell(value: object) -> object:
    """The value, with a leading apostrophe when it is text Excel would run as a formula, cut to fit a cell."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START):
        value = "'" + value
    if len(value) > EXCEL_CELL_CHARS:
        # Cut to exactly the limit: trimming the space at the cut would make the cell's length depend on the text.
        value = value[: EXCEL_CELL_CHARS - len(CUT_NOTE)] + CUT_NOTE
    return value


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Header and rows as UTF-8 with a byte-order mark and CRLF line ends, every cell formula-safe."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([excel_cell(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
