"""CSV that Excel opens safely and legibly; the one writer for every spreadsheet the project hands out.

Excel runs a cell starting with = + - @ (or a tab or carriage return) as a formula, so such text gets a
leading apostrophe; without a byte-order mark it reads UTF-8 as a legacy code page and mangles “ and →.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_cell(value: object) -> object:
    """The value, with a leading apostrophe when it is text Excel would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Header and rows as UTF-8 with a byte-order mark and CRLF line ends, every cell formula-safe."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([excel_cell(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
