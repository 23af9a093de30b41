"""Read a PDF's pages into lines and tables, drop what runs on every page, and rank headings.

pdfplumber (MIT) gives every character with its position, font and size, and finds ruled tables. This
module keeps the lines outside tables with their font size and weight, drops running headers, footers,
page numbers and contents entries, and marks headings by font size (and bold body-size lines);
`ingest/pdf_layout.py` writes the result as the structured raw text the cleaner reads.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any

from assistant.errors import DocumentError
from ingest.pdf_layout import BULLET, PdfLine, PdfTable, join_lines, layout_blocks, render

# Share of the page height at the top and bottom where running headers and footers live.
_MARGIN = 0.1
# A gap wider than this share of the font size is a space: many PDFs position words without space characters,
# and pdfplumber's fixed 3-point default glues the words of small or justified text together.
_SPACE_RATIO = 0.15
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_NUMBERED_HEAD = re.compile(r"^\d{1,4}\s|\s\d{1,4}$")
_CONTENTS_ENTRY = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}$")  # "2 Naming . . . . . 12": a contents line
_UNNAMED_GLYPH = re.compile(r"\(cid:\d+\)")
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


def _line_record(page_no: int, line: dict[str, Any]) -> PdfLine | None:
    chars = [c for c in line.get("chars", []) if str(c.get("text", "")).strip()]
    text = re.sub(r"\s+", " ", str(line.get("text", ""))).strip()
    bullet = BULLET.match(text)
    text = (text[: bullet.end()] if bullet else "") + _UNNAMED_GLYPH.sub("", text[bullet.end() if bullet else 0 :])
    text = re.sub(r"\s+", " ", text).strip()
    if not chars or not text:
        return None
    sizes = sorted(float(c.get("size", 0.0)) for c in chars)
    bold = sum(1 for c in chars if _BOLD_FONT.search(str(c.get("fontname", "")))) / len(chars)
    return PdfLine(
        page=page_no,
        text=text,
        top=float(line["top"]),
        bottom=float(line["bottom"]),
        x0=float(line["x0"]),
        size=round(sizes[len(sizes) // 2], 1),
        bold=bold > 0.6,
    )


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (float(obj["x0"]) + float(obj["x1"])) / 2
    y = (float(obj["top"]) + float(obj["bottom"])) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _outside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    """Keep an object unless it lies in a table, whose text is read cell by cell instead."""
    return not (boxes and "x0" in obj and _inside(obj, boxes))


def _cell(text: str | None) -> str:
    return join_lines((text or "").splitlines(), set())


def _read_pages(path: Path) -> tuple[list[list[PdfLine]], list[PdfTable], list[float], bool]:
    """Lines per page (tables cut out), the tables, page heights, and whether any page has images."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    pages: list[list[PdfLine]] = []
    tables: list[PdfTable] = []
    heights: list[float] = []
    images = False
    try:
        with pdfplumber.open(str(path)) as pdf:
            for page_no, page in enumerate(pdf.pages, start=1):
                heights.append(float(page.height))
                images = images or bool(page.images)
                boxes: list[tuple[float, float, float, float]] = []
                for found in page.find_tables():
                    rows = [[_cell(c) for c in row] for row in found.extract()]
                    rows = [r for r in rows if any(r)]
                    if rows and max(len(r) for r in rows) >= 2:
                        boxes.append(found.bbox)
                        tables.append(PdfTable(page_no, float(found.bbox[1]), rows))
                text_page = page.filter(partial(_outside, boxes=boxes))
                lines = [
                    _line_record(page_no, line)
                    for line in text_page.extract_text_lines(return_chars=True, x_tolerance_ratio=_SPACE_RATIO)
                ]
                pages.append([line for line in lines if line is not None])
    except PDFPasswordIncorrect as exc:
        raise DocumentError(path.name, "password-protected PDF") from exc
    except DocumentError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files: all mean "unreadable"
        raise DocumentError(path.name, f"unreadable PDF ({exc.__class__.__name__})") from exc
    return pages, tables, heights, images


def _margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def _drop_running_lines(pages: list[list[PdfLine]], heights: list[float]) -> None:
    """Remove page numbers, lines repeated in the top or bottom margin of several pages, and contents entries."""

    def in_margin(line: PdfLine) -> bool:
        height = heights[line.page - 1]
        return line.bottom <= height * _MARGIN or line.top >= height * (1 - _MARGIN)

    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_margin_key(line.text) for line in lines if in_margin(line)})
    # A running head that carries the page number ("Chapter 2: Naming 7") changes with each chapter, so two
    # pages suffice for it; other margin lines must recur on several pages of a long document.
    repeated = 2 if len(pages) <= 5 else 3

    def running(line: PdfLine) -> bool:
        if _PAGE_NUMBER.match(line.text):
            return True
        numbered = _NUMBERED_HEAD.search(line.text) is not None
        return seen[_margin_key(line.text)] >= (2 if numbered else repeated)

    for lines in pages:
        # Contents entries ("2 Naming . . . . 12") go too: as in text documents, a table of contents answers nothing.
        lines[:] = [
            line for line in lines if not (in_margin(line) and running(line)) and not _CONTENTS_ENTRY.search(line.text)
        ]


def _rank_headings(pages: list[list[PdfLine]]) -> None:
    """Set `level` on heading lines: larger fonts rank higher, bold lines at body size come last."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[line.size] += len(line.text)
    if not sizes:
        return
    body = sizes.most_common(1)[0][0]
    larger = sorted({line.size for lines in pages for line in lines if line.size >= body * 1.12}, reverse=True)
    for lines in pages:
        for line in lines:
            if len(line.text) > 200 or BULLET.match(line.text):
                continue
            if line.size in larger:
                line.level = larger.index(line.size) + 1
            elif (
                line.bold
                and line.size >= body - 0.2
                and len(line.text.split()) <= 15
                and not line.text.endswith(".")
                and not _PAGE_NUMBER.match(line.text)
            ):
                line.level = len(larger) + 1


def read_pdf(path: Path) -> str:
    """The PDF as structured raw text; DocumentError when it is unreadable or has no text layer."""
    pages, tables, heights, images = _read_pages(path)
    if not any(pages) and not tables:
        why = "its pages are images (a scan)" if images else "it has no text layer"
        raise DocumentError(path.name, f"needs OCR: {why}")
    _drop_running_lines(pages, heights)
    _rank_headings(pages)
    return render(layout_blocks(pages, tables), len(pages))
