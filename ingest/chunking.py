"""Cut cleaned blocks into retrievable chunks that follow the document's structure.

Rules, in order of importance: a chunk never exceeds the embedder's token window (it would be
silently truncated); a table row keeps its header as context; a chunk stays under one heading;
small neighbouring paragraphs under one heading are merged.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from assistant.boroughs import BOROUGHS, NW_LONDON, detect
from assistant.records import Chunk, ChunkKind, CleanDocument, DocumentMeta, embed_path
from assistant.text import sentence_breaks
from ingest.change_rules import NW_TITLE
from ingest.cleaning import Block, CleanResult
from ingest.markup import Cell

TokenCounter = Callable[[str], int]


@dataclass(frozen=True)
class ChunkingConfig:
    max_tokens: int = 256
    target_tokens: int = 180


@dataclass
class _Span:
    start: int
    end: int
    kind: ChunkKind
    context: str = ""


def _sentence_spans(text: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in sentence_breaks(text, clauses=True):
        spans.append((offset + pos, offset + match.start()))
        pos = match.end()
    spans.append((offset + pos, offset + len(text)))
    return [(s, e) for s, e in spans if e > s]


def _word_spans(text: str, offset: int, words_per_piece: int) -> list[tuple[int, int]]:
    words = list(re.finditer(r"\S+", text))
    spans = []
    for i in range(0, len(words), words_per_piece):
        group = words[i : i + words_per_piece]
        spans.append((offset + group[0].start(), offset + group[-1].end()))
    return spans


_PAGE_REF = re.compile(r"^\d{1,3}(?:\s*[-–]\s*\d{1,3})?$")


def _is_contents_table(rows: list[Block]) -> bool:
    """A table of contents (titles and page numbers) answers nothing and only adds noise."""
    paged = sum(1 for r in rows if r.cells and any(_PAGE_REF.match(c.text) for c in r.cells[1:]))
    return len(rows) >= 3 and paged >= 0.6 * len(rows)


class Chunker:
    """Turns one cleaned document into chunks, measuring size with the embedder's own tokenizer."""

    def __init__(self, count_tokens: TokenCounter, config: ChunkingConfig | None = None) -> None:
        self.count = count_tokens
        self.config = config or ChunkingConfig()

    def _fits(self, path: str, context: str, text: str, limit: int) -> bool:
        return self.count("\n".join(p for p in (path, context, text) if p)) <= limit

    def _split_long(self, clean: str, start: int, end: int, path: str, context: str) -> list[tuple[int, int]]:
        """Split an over-long span at sentence (then word) boundaries into pieces that fit."""
        limit = self.config.target_tokens
        pieces: list[tuple[int, int]] = []
        current: tuple[int, int] | None = None
        for s, e in _sentence_spans(clean[start:end], start):
            if not self._fits(path, context, clean[s:e], self.config.max_tokens):
                if current:
                    pieces.append(current)
                    current = None
                words = max(8, len(clean[s:e].split()) // 2)
                sub = _word_spans(clean[s:e], s, words)
                while any(not self._fits(path, context, clean[a:b], self.config.max_tokens) for a, b in sub):
                    words = max(4, words // 2)
                    sub = _word_spans(clean[s:e], s, words)
                pieces.extend(sub)
                continue
            if current and self._fits(path, context, clean[current[0] : e], limit):
                current = (current[0], e)
            else:
                if current:
                    pieces.append(current)
                current = (s, e)
        if current:
            pieces.append(current)
        return pieces

    def _table_spans(self, clean: str, rows: list[Block], path: str) -> Iterator[_Span]:
        if _is_contents_table(rows):
            return
        header = rows[0] if rows[0].header else None
        header_text = f"Table columns: {header.text}" if header else ""
        for row in rows:
            if row is header:
                continue
            if not (row.grid and len(row.cells) > 1) and self._fits(
                path, header_text, row.text, self.config.max_tokens
            ):
                yield _Span(row.start, row.end, "table_row", header_text)
                continue
            key = row.cells[0] if len(row.cells) > 1 and not row.grid else None
            for cell in row.cells:
                yield from self._cell_spans(clean, cell, key, path)

    def _cell_spans(self, clean: str, cell: Cell, key: Cell | None, path: str) -> Iterator[_Span]:
        parts = []
        if cell.label and not cell.text.startswith(cell.label):
            parts.append(f"Column: {cell.label}")
        if key is not None and key is not cell:
            parts.append(f"Row: {key.text[:120]}")
        context = "\n".join(parts)
        if self._fits(path, context, cell.text, self.config.max_tokens):
            yield _Span(cell.start, cell.end, "table_cell", context)
            return
        for s, e in self._split_long(clean, cell.start, cell.end, path, context):
            yield _Span(s, e, "table_cell", context)

    def _prose_spans(self, clean: str, blocks: list[Block], path: str) -> Iterator[_Span]:
        current: _Span | None = None
        for block in blocks:
            kind: ChunkKind = "list" if block.kind == "list" else "text"
            if not self._fits(path, "", block.text, self.config.max_tokens):
                if current:
                    yield current
                    current = None
                for s, e in self._split_long(clean, block.start, block.end, path, ""):
                    yield _Span(s, e, kind)
                continue
            if current and self._fits(path, "", clean[current.start : block.end], self.config.target_tokens):
                current.end = block.end
                if current.kind != kind:
                    current.kind = "text"
                continue
            if current:
                yield current
            current = _Span(block.start, block.end, kind)
        if current:
            yield current

    def spans(self, result: CleanResult, title: str) -> Iterator[tuple[_Span, tuple[str, ...]]]:
        """Yield chunk spans with the heading path they sit under."""
        stack: list[tuple[int, str]] = []
        section: list[Block] = []

        def emit(blocks: list[Block]) -> Iterator[tuple[_Span, tuple[str, ...]]]:
            path_t = (title, *(h for _, h in stack))
            path = embed_path(path_t)
            i = 0
            while i < len(blocks):
                if blocks[i].kind == "table_row":
                    j = i
                    while j < len(blocks) and blocks[j].kind == "table_row" and blocks[j].table == blocks[i].table:
                        j += 1
                    for span in self._table_spans(result.text, blocks[i:j], path):
                        yield span, path_t
                else:
                    j = i
                    while j < len(blocks) and blocks[j].kind != "table_row":
                        j += 1
                    for span in self._prose_spans(result.text, blocks[i:j], path):
                        yield span, path_t
                i = j

        for block in result.blocks:
            if block.kind == "heading":
                yield from emit(section)
                section = []
                while stack and stack[-1][0] >= block.level:
                    stack.pop()
                if block.text != title:  # the document's own title heading is already the path's root
                    stack.append((block.level, block.text))
            else:
                section.append(block)
        yield from emit(section)


def _tag_boroughs(path: tuple[str, ...], text: str, meta: DocumentMeta) -> tuple[str, ...]:
    scope_path = detect(" > ".join(path[1:]))
    scope_text = detect(text)
    found = set(scope_path.boroughs) | set(scope_text.boroughs)
    single = [b for b in meta.boroughs if b != NW_LONDON]
    one_borough = len(single) == 1 and NW_LONDON not in meta.boroughs
    if one_borough:
        found.add(single[0])
    tags = [b for b in BOROUGHS if b in found]
    # A borough's edition of a NW London-wide plan ("… for all residents in North West London: what the new model
    # means for Hammersmith & Fulham") states the plan's own steps (its decision, contracts, timeline) for every
    # borough: only its sections titled with a borough are that borough's alone.
    edition = one_borough and bool(NW_TITLE.search(meta.title)) and not scope_path.boroughs
    if scope_text.nw_london or scope_path.nw_london or (not tags and NW_LONDON in meta.boroughs) or edition:
        tags.append(NW_LONDON)
    return tuple(tags)


def chunk_document(doc: CleanDocument, result: CleanResult, chunker: Chunker) -> list[Chunk]:
    """Chunks for one document, with stable ids: same text under the same headings -> same id."""
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    meta = doc.meta
    for index, (span, path) in enumerate(chunker.spans(result, meta.label)):
        text = doc.text[span.start : span.end]
        if not text.strip():
            continue
        digest = hashlib.sha1(("\x1f".join(path) + "\x1e" + text).encode("utf-8")).hexdigest()[:12]
        seen[digest] = seen.get(digest, 0) + 1
        suffix = f"-{seen[digest]}" if seen[digest] > 1 else ""
        chunks.append(
            Chunk(
                chunk_id=f"{meta.doc_id}:{digest}{suffix}",
                doc_id=meta.doc_id,
                file=meta.file,
                index=index,
                kind=span.kind,
                start=span.start,
                end=span.end,
                text=text,
                heading_path=path,
                context=span.context,
                boroughs=_tag_boroughs(path, text, meta),
                title=meta.title,
                date=meta.date,
                doc_type=meta.doc_type,
            )
        )
    return [replace(c, index=i) for i, c in enumerate(chunks)]  # renumber after skipping blanks
