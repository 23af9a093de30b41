"""Turn raw extracted text into clean text plus a list of structural blocks with exact offsets.

The clean text is the coordinate system for everything downstream: chunks, citations and
highlights are (start, end) spans of it. Cleaning therefore happens once, here, and every
block records where its text sits in the clean string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from ingest.markup import Cell, cell_to_text, inline_markup, only_headings

BlockKind = Literal["heading", "text", "list", "table_row"]

_BULLET = re.compile(
    r"^\s*(?:[-•▪◦●○■□➢✓*–\uf0b7\uf0a7\uf0d8\uf076](?=\s)|o(?=\s{1,3}[A-Z]))\s*(?:\d{1,2}\s+(?=[A-Z*]))?"
)
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.)]|\([a-z0-9]{1,3}\))\s+")
_NUMBERED_CAPS_HEADING = re.compile(r"^\s*\d{1,2}\.\s+[A-Z][A-Z0-9 ,&’'/()-]{3,}\s*$")
_MD_HEADING = re.compile(r"^\s*(#{1,6})\s+(.*)$")
_LEVEL1 = re.compile(r"^(Section\s+\d+\b|Appendix\s+[A-Z0-9]\b|Annex\s+[A-Z0-9]\b)", re.IGNORECASE)
_LEVEL2 = re.compile(r"^(PRIORITY\s+\d+\b|Bi-Borough\b|Report to\b)", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?;:,]$")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff\u00ad]")


@dataclass
class Block:
    """One structural unit of the clean text: heading, paragraph, list item or table row."""

    kind: BlockKind
    text: str
    level: int = 0
    start: int = 0
    end: int = 0
    table: int = -1
    header: bool = False
    cells: list[Cell] = field(default_factory=list)
    grid: bool = False
    page: int = 1
    page_marks: list[tuple[int, int]] = field(default_factory=list)  # (page, offset in text) for pages begun inside


@dataclass(frozen=True)
class CleanResult:
    text: str
    blocks: list[Block]
    pages: tuple[int, ...] = ()  # offset in `text` where each page starts (page n at index n-1); () when unpaged


@dataclass
class _Line:
    text: str
    blank_before: int
    hard_break: bool
    page: int = 1


PAGE_BREAK = "\f"


def _logical_lines(raw: str, structured: bool) -> list[_Line]:
    lines: list[_Line] = []
    blanks = 0
    hard = False
    page = 1
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _ZERO_WIDTH.sub("", line)
        if PAGE_BREAK in line:
            page += line.count(PAGE_BREAK)
            line = line.replace(PAGE_BREAK, "" if structured else " ")
            if structured and not line.strip():  # a page mark inside a paragraph the loader delimited
                continue
        if not line.strip():
            blanks += 1
            hard = hard or bool(line)  # a whitespace-only line marks a real break in wrapped PDFs
            continue
        lines.append(_Line(line.rstrip(), blanks, hard, page))
        blanks = 0
        hard = False
    return lines


def _is_hard_wrapped(raw: str) -> bool:
    """PDF-to-text output: most lines end in a space and sit in a narrow width band."""
    lines = [line for line in raw.split("\n") if line.strip()]
    if len(lines) < 20:
        return False
    trailing = sum(1 for line in lines if line.endswith(" ")) / len(lines)
    return trailing > 0.5


def _is_table(line: str) -> bool:
    return "\t" in line


def _list_marker(line: str) -> re.Match[str] | None:
    if _NUMBERED_CAPS_HEADING.match(line):
        return None
    return _BULLET.match(line) or _NUMBERED.match(line)


def _starts_lower(text: str) -> bool:
    stripped = text.lstrip(" (\"'‘“")
    return bool(stripped) and (stripped[0].islower() or stripped[0] in "&,;")


def _continues(prev: str, line: _Line, wrapped: bool, structured: bool) -> bool:
    """Whether `line` continues the paragraph whose last physical line was `prev`."""
    if structured:  # the loader wrote paragraphs apart with blank lines
        return not line.blank_before
    if line.hard_break:
        return False
    prev = prev.rstrip()
    ended = bool(_TERMINAL.search(prev)) and not prev.endswith(",")
    if line.blank_before:
        if not wrapped:
            return _starts_lower(line.text) and not ended
        return _starts_lower(line.text) or (len(prev) >= 45 and not ended)
    if _starts_lower(line.text):
        return True
    if not ended:
        return True
    return wrapped and len(prev) >= 45


def _heading_level(text: str, md_level: int, borough_names: tuple[str, ...]) -> int:
    if md_level:
        return md_level
    if _LEVEL1.match(text):
        return 1
    if _LEVEL2.match(text) or _NUMBERED_CAPS_HEADING.match(text) or text in borough_names:
        return 2
    return 3


def _looks_like_heading(text: str, single_line: bool, borough_names: tuple[str, ...]) -> bool:
    if not single_line or not text or len(text) > 90 or len(text.split()) > 14:
        return False
    if _NUMBERED_CAPS_HEADING.match(text) or _LEVEL1.match(text) or _LEVEL2.match(text):
        return True
    if text in borough_names:
        return True
    if re.search(r"[.,;]$", text) and not text.endswith("..."):
        return False
    if text[0].isdigit() or "%" in text or "£" in text or "@" in text:
        return False
    return text[0].isupper() or text[0] in "“‘\"'"


def _page_marks(lines: list[_Line]) -> list[tuple[int, int]]:
    """Where, in the text a block's lines join into, each page after its first begins."""
    marks = []
    for k in range(1, len(lines)):
        if lines[k].page != lines[k - 1].page:
            before = inline_markup(" ".join(line.text.strip() for line in lines[:k]))
            marks.append((lines[k].page, len(before) + 1 if before else 0))
    return marks


def _segment(raw: str, borough_names: tuple[str, ...], structured: bool) -> list[Block]:
    """Group physical lines into blocks (before offsets are known).

    `structured` text comes from a loader that read the layout (PDF): headings are marked with `#`,
    paragraphs are delimited by blank lines, so nothing is guessed from the wording.
    """
    wrapped = _is_hard_wrapped(raw)
    blocks: list[Block] = []
    lines = _logical_lines(raw, structured)
    current: list[_Line] = []
    current_kind: BlockKind = "text"
    md_level = 0
    table_no = -1
    in_table = False

    def flush() -> None:
        nonlocal current, md_level
        if current:
            text = inline_markup(" ".join(s.text.strip() for s in current))
            if text:
                single = len(current) == 1
                guessed = not structured and _looks_like_heading(text, single, borough_names)
                if current_kind == "text" and (md_level or guessed):
                    block = Block("heading", text, level=_heading_level(text, md_level, borough_names))
                else:
                    block = Block(current_kind, text, page_marks=_page_marks(current))
                block.page = current[0].page
                blocks.append(block)
        current = []
        md_level = 0

    for line in lines:
        if _is_table(line.text):
            flush()
            if not in_table or line.blank_before > 1:
                table_no += 1
            in_table = True
            blocks.append(Block("table_row", line.text, table=table_no, page=line.page))
            continue
        in_table = False
        md = _MD_HEADING.match(line.text)
        marker = _list_marker(line.text)
        if md:
            flush()
            current, current_kind, md_level = [replace(line, text=md.group(2))], "text", len(md.group(1))
            flush()
        elif marker:
            flush()
            current, current_kind = [replace(line, text=line.text[marker.end() :])], "list"
        elif current and _continues(current[-1].text, line, wrapped, structured):
            current.append(line)
        else:
            flush()
            current, current_kind = [line], "text"
    flush()
    return blocks


def _demote_orphan_headings(blocks: list[Block]) -> None:
    """A heading followed by another heading of the same or higher rank titled nothing: keep it as text."""
    for i, block in enumerate(blocks[:-1]):
        nxt = blocks[i + 1]
        if block.kind == "heading" and nxt.kind == "heading" and nxt.level <= block.level:
            block.kind = "text"
            block.level = 0


def _render_table_rows(blocks: list[Block]) -> None:
    """Clean each row's cells, decide which rows are headers, and label cells by column."""
    by_table: dict[int, list[Block]] = {}
    for block in blocks:
        if block.kind == "table_row":
            by_table.setdefault(block.table, []).append(block)
    for rows in by_table.values():
        # Cells holding HTML blocks are a page layout grid: each cell is its own topic, not a record.
        grid = any(re.search(r"<(p|h\d)\b", r.text) for r in rows)
        for row in rows:
            row.grid = grid
            row.cells = []
            for column, fragment in enumerate(row.text.split("\t")):
                label, text = cell_to_text(fragment)
                if text:
                    row.cells.append(Cell(column=column, text=text, label=label, heading=only_headings(fragment)))
        first = rows[0]
        has_markup = "<" in first.text
        if len(rows) >= 2 and not has_markup and first.cells:
            short = all(len(c.text) <= 90 for c in first.cells)
            numeric = any(re.fullmatch(r"[\d\s.,–-]+", c.text) for c in first.cells)
            first.header = short and not numeric and len(first.cells) >= 2
        columns: dict[int, str] = {}
        if first.header:
            columns = {c.column: c.text for c in first.cells}
        titles = dict(columns)
        for row in rows[1:] if first.header else rows:
            # A layout grid in bands: a plain row of short titles between rows of HTML cells titles the band below
            # it ("Reactive care | Children and Young People | Complex Care | Primary Care").
            if grid and _titles_band(row):
                row.header = True
                titles = {c.column: c.text for c in row.cells}
                continue
            for cell in row.cells:
                cell.title = titles.get(cell.column, "")
                if cell.label:
                    columns[cell.column] = cell.label
                elif cell.column in columns:
                    cell.label = columns[cell.column]


def _titles_band(row: Block) -> bool:
    return (
        "<" not in row.text
        and len(row.cells) >= 2
        and all(len(c.text) <= 60 and not re.search(r"[\d.;:!?]", c.text) for c in row.cells)
    )


def _page_starts(blocks: list[Block], page_count: int, length: int) -> tuple[int, ...]:
    """Clean-text offset where each page starts; a page with no text starts where the next one does."""
    found: dict[int, int] = {}
    for block in blocks:
        lead = 2 if block.kind == "list" else 0  # the "- " written before a list item
        for page, offset in [(block.page, -lead), *block.page_marks]:
            found.setdefault(page, block.start + lead + offset)
    starts = [0] * page_count
    following = length
    for page in range(page_count, 1, -1):
        following = min(following, found.get(page, following))
        starts[page - 1] = following
    return tuple(starts)


def clean(raw: str, borough_names: tuple[str, ...] = (), structured: bool = False) -> CleanResult:
    """Clean raw document text into one string plus blocks carrying exact offsets into it.

    Form-feed lines mark page breaks; when the raw text has any, the result carries a page map.
    """
    blocks = _segment(raw, borough_names, structured)
    _demote_orphan_headings(blocks)
    _render_table_rows(blocks)
    out: list[str] = []
    pos = 0
    prev: Block | None = None
    kept: list[Block] = []
    for block in blocks:
        if block.kind == "table_row" and not block.cells:
            continue
        if prev is not None:
            tight = (block.kind == prev.kind == "list") or (
                block.kind == prev.kind == "table_row" and block.table == prev.table
            )
            sep = "\n" if tight else "\n\n"
            out.append(sep)
            pos += len(sep)
        block.start = pos
        if block.kind == "table_row":
            parts: list[str] = []
            for cell in block.cells:
                if parts:
                    parts.append(" | ")
                    pos += 3
                cell.start = pos
                parts.append(cell.text)
                pos += len(cell.text)
                cell.end = pos
            block.text = "".join(parts)
        elif block.kind == "list":
            block.text = "- " + block.text
            pos += len(block.text)
        else:
            pos += len(block.text)
        out.append(block.text)
        block.end = pos
        kept.append(block)
        prev = block
    text = "".join(out)
    pages = _page_starts(kept, 1 + raw.count(PAGE_BREAK), len(text)) if PAGE_BREAK in raw else ()
    return CleanResult(text, kept, pages)
