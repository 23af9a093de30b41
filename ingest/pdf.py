"""Read a PDF's layout into the structured raw text the cleaner understands, page by page.

pdfplumber (MIT) gives every character with its position, font and size, and finds ruled tables. From
that this module writes: `#` headings ranked by font size (and bold body-size lines), one paragraph or
list item (`- `) per line, tables as tab-separated rows, and a form-feed line between pages so the
cleaner can keep a page map. Running headers, footers and page numbers are dropped, and words
hyphenated at a line end are joined.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from assistant.errors import DocumentError

PAGE_BREAK = "\f"

# Share of the page height at the top and bottom where running headers and footers live.
_MARGIN = 0.1
# A gap wider than this share of the font size is a space: many PDFs position words without space characters,
# and pdfplumber's fixed 3-point default glues the words of small or justified text together.
_SPACE_RATIO = 0.15
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_NUMBERED_HEAD = re.compile(r"^\d{1,4}\s|\s\d{1,4}$")
_CONTENTS_ENTRY = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}$")  # "2 Naming . . . . . 12": a contents line
# A glyph pdfminer cannot name comes out as "(cid:N)"; at the start of a line it is a bullet symbol.
_BULLET = re.compile(r"^(?:[•●▪◦○■□➢✓\uf0b7\uf0a7\uf0d8\uf076]\s*|[–-]\s+|\(cid:\d+\)\s*)")
_UNNAMED_GLYPH = re.compile(r"\(cid:\d+\)")
_TERMINAL = re.compile(r"[.!?:;]['’\")]*$")
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass
class _Line:
    """One physical line of a page outside its tables."""

    page: int
    text: str
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool
    level: int = 0


@dataclass
class _Table:
    page: int
    top: float
    rows: list[list[str]]


@dataclass
class _Block:
    """A heading, paragraph, list item or table as it will be written, with the pages it sits on."""

    kind: str  # "heading" | "text" | "list" | "table"
    parts: list[tuple[int, str]] = field(default_factory=list)  # (page, text) per page the block touches
    level: int = 0
    x0: float = 0.0
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (page, cells)

    @property
    def page(self) -> int:
        return self.parts[0][0]


def _line_record(page_no: int, line: dict[str, Any]) -> _Line | None:
    chars = [c for c in line.get("chars", []) if str(c.get("text", "")).strip()]
    text = re.sub(r"\s+", " ", str(line.get("text", ""))).strip()
    bullet = _BULLET.match(text)
    text = (text[: bullet.end()] if bullet else "") + _UNNAMED_GLYPH.sub("", text[bullet.end() if bullet else 0 :])
    text = re.sub(r"\s+", " ", text).strip()
    if not chars or not text:
        return None
    sizes = sorted(float(c.get("size", 0.0)) for c in chars)
    bold = sum(1 for c in chars if _BOLD_FONT.search(str(c.get("fontname", "")))) / len(chars)
    return _Line(
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
    return _join_lines((text or "").splitlines(), set())


def _read_pages(path: Path) -> tuple[list[list[_Line]], list[_Table], list[float], bool]:
    """Lines per page (tables cut out), the tables, page heights, and whether any page has images."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    pages: list[list[_Line]] = []
    tables: list[_Table] = []
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
                        tables.append(_Table(page_no, float(found.bbox[1]), rows))
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


def _drop_running_lines(pages: list[list[_Line]], heights: list[float]) -> None:
    """Remove page numbers, lines repeated in the top or bottom margin of several pages, and contents entries."""

    def in_margin(line: _Line) -> bool:
        height = heights[line.page - 1]
        return line.bottom <= height * _MARGIN or line.top >= height * (1 - _MARGIN)

    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_margin_key(line.text) for line in lines if in_margin(line)})
    # A running head that carries the page number ("Chapter 2: Naming 7") changes with each chapter, so two
    # pages suffice for it; other margin lines must recur on several pages of a long document.
    repeated = 2 if len(pages) <= 5 else 3

    def running(line: _Line) -> bool:
        if _PAGE_NUMBER.match(line.text):
            return True
        numbered = _NUMBERED_HEAD.search(line.text) is not None
        return seen[_margin_key(line.text)] >= (2 if numbered else repeated)

    for lines in pages:
        # Contents entries ("2 Naming . . . . 12") go too: as in text documents, a table of contents answers nothing.
        lines[:] = [
            line for line in lines if not (in_margin(line) and running(line)) and not _CONTENTS_ENTRY.search(line.text)
        ]


def _rank_headings(pages: list[list[_Line]]) -> None:
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
            if len(line.text) > 200 or _BULLET.match(line.text):
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


def _join_lines(lines: list[str], vocabulary: set[str]) -> str:
    """Join wrapped lines with spaces; a word broken by a hyphen at a line end is joined back."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        broken = re.search(r"([A-Za-z]+)[-\u00ad]$", out)
        rest = re.match(r"([a-z][A-Za-z]*)", line)
        if broken and rest and not out.endswith(" -"):
            joined = broken.group(1) + rest.group(1)
            hyphenated = broken.group(1) + "-" + rest.group(1)
            # Keep a real compound ("long-term") when the document spells it with a hyphen elsewhere.
            keep = out.endswith("-") and hyphenated.lower() in vocabulary and joined.lower() not in vocabulary
            out = out[:-1] + ("-" if keep else "") + line
        else:
            out = out + " " + line
    return out


def _blocks(pages: list[list[_Line]], tables: list[_Table]) -> list[_Block]:
    """Group lines into headings, paragraphs and list items, tables placed where they stand on the page."""
    blocks: list[_Block] = []
    for page_no, lines in enumerate(pages, start=1):
        items: list[tuple[float, _Line | _Table]] = [(line.top, line) for line in lines]
        items += [(t.top, t) for t in tables if t.page == page_no]
        items.sort(key=lambda pair: pair[0])
        prev: _Line | None = None
        for _, item in items:
            if isinstance(item, _Table):
                last = blocks[-1] if blocks else None
                if last is not None and _table_continues(last, item, started=prev is not None):
                    header = last.rows[0][1]
                    last.rows += [(page_no, row) for row in item.rows if row != header]
                    last.parts.append((page_no, ""))
                else:
                    blocks.append(_Block("table", [(page_no, "")], rows=[(page_no, row) for row in item.rows]))
                prev = None
                continue
            line = item
            last = blocks[-1] if blocks else None
            gap = line.top - prev.bottom if prev is not None else 0.0
            close = prev is not None and gap < 0.6 * max(line.bottom - line.top, 1.0)
            bullet = _BULLET.match(line.text)
            if line.level:
                # A heading wrapped over lines, or a title ending in a colon with its subtitle below, is one heading.
                wraps = last is not None and last.kind == "heading" and close
                if last is not None and wraps and (last.level == line.level or last.parts[-1][1].endswith(":")):
                    last.parts.append((page_no, line.text))
                else:
                    blocks.append(_Block("heading", [(page_no, line.text)], level=line.level))
            elif bullet:
                blocks.append(_Block("list", [(page_no, line.text[bullet.end() :])], x0=line.x0))
            elif last is not None and last.kind in ("text", "list") and _continues(last, line, prev, close):
                last.parts.append((page_no, line.text))
            else:
                blocks.append(_Block("text", [(page_no, line.text)], x0=line.x0))
            prev = line
    for block in blocks:
        # Large text running over many lines is a display block (a pull quote, a code listing), not a heading.
        if block.kind == "heading" and (len(block.parts) > 3 or sum(len(t) for _, t in block.parts) > 200):
            block.kind = "text"
    return blocks


def _table_continues(block: _Block, table: _Table, started: bool) -> bool:
    """A table at the top of a page with as many columns as the table that ended the page before goes on with it."""
    if block.kind != "table" or started or block.parts[-1][0] != table.page - 1:
        return False
    return len(block.rows[-1][1]) == max(len(row) for row in table.rows)


def _continues(block: _Block, line: _Line, prev: _Line | None, close: bool) -> bool:
    """Whether `line` wraps on from `block`: close below it, or the first line of a page mid-sentence."""
    if prev is None:  # first line of a new page
        last_text = block.parts[-1][1]
        return block.parts[-1][0] == line.page - 1 and not _TERMINAL.search(last_text) and line.text[:1].islower()
    if prev.level or not close:
        return False
    if block.kind == "list":
        return line.x0 > block.x0 + 2
    return True


def _render(blocks: list[_Block], page_count: int) -> str:
    vocabulary = {w.lower() for b in blocks for _, t in b.parts for w in re.findall(r"[A-Za-z][A-Za-z-]*", t)}
    out: list[str] = []
    page = 1
    for block in blocks:
        out.extend(PAGE_BREAK for _ in range(block.page - page))
        page = max(page, block.page)
        if block.kind == "table":
            lines = []
            for i, (row_page, row) in enumerate(block.rows):
                if i and row_page != block.rows[i - 1][0]:
                    lines.append(PAGE_BREAK)  # no blank line: the rows stay one table across the page break
                lines.append("\t".join(row))
            out.append("\n".join(lines))
            page = block.rows[-1][0]
            continue
        # Text on each page joins on its own, so a paragraph running over a page break keeps a page mark.
        segments: list[str] = []
        start = 0
        for i in range(1, len(block.parts) + 1):
            if i == len(block.parts) or block.parts[i][0] != block.parts[start][0]:
                segments.append(_join_lines([t for _, t in block.parts[start:i]], vocabulary))
                start = i
        text = f"\n{PAGE_BREAK}\n".join(segments)
        page = block.parts[-1][0]
        if block.kind == "heading":
            text = "#" * min(block.level, 6) + " " + text.replace(f"\n{PAGE_BREAK}\n", " ")
        elif block.kind == "list":
            text = "- " + text
        out.append(text)
    out.extend(PAGE_BREAK for _ in range(page_count - page))
    return "\n\n".join(out)


def read_pdf(path: Path) -> str:
    """The PDF as structured raw text; DocumentError when it is unreadable or has no text layer."""
    pages, tables, heights, images = _read_pages(path)
    if not any(pages) and not tables:
        why = "its pages are images (a scan)" if images else "it has no text layer"
        raise DocumentError(path.name, f"needs OCR: {why}")
    _drop_running_lines(pages, heights)
    _rank_headings(pages)
    return _render(_blocks(pages, tables), len(pages))
