"""Lay the lines and tables of a PDF's pages out as the structured raw text the cleaner reads.

Lines become `#` headings, paragraphs (one per line) and `- ` list items; tables become tab-separated rows;
a form-feed line marks each page break, also inside a paragraph or table that runs over one. Words
hyphenated at a line end are joined here, where the line ends are still known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.cleaning import PAGE_BREAK

# A glyph pdfminer cannot name comes out as "(cid:N)"; at the start of a line it is a bullet symbol.
BULLET = re.compile(r"^(?:[•●▪◦○■□➢✓\uf0b7\uf0a7\uf0d8\uf076]\s*|[–-]\s+|\(cid:\d+\)\s*)")
_TERMINAL = re.compile(r"[.!?:;]['’\")]*$")


@dataclass
class PdfLine:
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
class PdfTable:
    """A ruled table found on a page: its rows of cell texts, header row first."""

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


def join_lines(lines: list[str], vocabulary: set[str]) -> str:
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


def layout_blocks(pages: list[list[PdfLine]], tables: list[PdfTable]) -> list[_Block]:
    """Group lines into headings, paragraphs and list items, tables placed where they stand on the page."""
    blocks: list[_Block] = []
    for page_no, lines in enumerate(pages, start=1):
        items: list[tuple[float, PdfLine | PdfTable]] = [(line.top, line) for line in lines]
        items += [(t.top, t) for t in tables if t.page == page_no]
        items.sort(key=lambda pair: pair[0])
        prev: PdfLine | None = None
        for _, item in items:
            if isinstance(item, PdfTable):
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
            bullet = BULLET.match(line.text)
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


def _table_continues(block: _Block, table: PdfTable, started: bool) -> bool:
    """A table at the top of a page with as many columns as the table that ended the page before goes on with it."""
    if block.kind != "table" or started or block.parts[-1][0] != table.page - 1:
        return False
    return len(block.rows[-1][1]) == max(len(row) for row in table.rows)


def _continues(block: _Block, line: PdfLine, prev: PdfLine | None, close: bool) -> bool:
    """Whether `line` wraps on from `block`: close below it, or the first line of a page mid-sentence."""
    if prev is None:  # first line of a new page
        last_text = block.parts[-1][1]
        return block.parts[-1][0] == line.page - 1 and not _TERMINAL.search(last_text) and line.text[:1].islower()
    if prev.level or not close:
        return False
    if block.kind == "list":
        return line.x0 > block.x0 + 2
    return True


def render(blocks: list[_Block], page_count: int) -> str:
    """The blocks as raw text: blank lines between blocks, a form-feed line for every page break."""
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
                segments.append(join_lines([t for _, t in block.parts[start:i]], vocabulary))
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
