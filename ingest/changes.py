"""Extract a document's change records at ingest, from the structure the cleaner already found.

A change is a statement of what will be different for residents. Documents state changes in a few shapes,
and each shape is read by its structure rather than by its words alone:
- a current → new table (header columns meaning "current", "new" and optionally "change"): one record per
  row, "No change" rows kept apart as stays-the-same;
- a list under a lead-in that announces changes ("The model also includes an extension of … including:");
- activity rows and items of a plan (cells and items led by a change verb: "Establish …", "Expand …");
- sentences stating a planned change: a change verb with a future marker or a date.
Demographics, headings, visions, partnership descriptions, feedback themes and glossaries are never records:
headings (and short lines titling the paragraph under them) are not read, and lines under vision/feedback
headings, under a glossary, or stating figures about residents are refused.
The statement-level rules are in ingest/change_rules.py, what the layout says in ingest/change_layout.py, and a
document's own status in ingest/change_status.py; cross-document work (merging the same change, status from
the newest deciding document, era) is done over the whole catalog by ingest/change_register.py; the rules'
version, which decides when catalogs extract again, is in ingest/change_version.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace

from assistant.changes import ChangeRecord, ChangeSpan
from assistant.records import Chunk, CleanDocument
from assistant.text import sentence_breaks
from assistant.topics import OTHER_TOPIC, keyword_topic
from ingest.change_facets import kind_of, stated_when, year_of
from ingest.change_layout import (
    AIM_LABEL,
    CHANGE_COL,
    COLUMN_ANNOUNCES,
    COLUMN_SKIP,
    CURRENT_COL,
    DATE_COL,
    GLOSSARY,
    ITEM_SPLIT,
    LABEL,
    LEAD_IN,
    NEW_COL,
    NO_CHANGE,
    NOT_CHANGE_SECTION,
    NUMBERED_ITEM,
    OPENS_NUMBERED,
    TIME_LINE,
    after_cell_label,
    announces,
    is_title_line,
    titled_changes,
)
from ingest.change_places import SectionPlaces, scope_of
from ingest.change_rules import (
    APPROVED_OPTION,
    CHANGE_SIGNAL,
    is_change,
    strip_span,
    word_count,
)
from ingest.change_status import document_status
from ingest.cleaning import Block, CleanResult


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    programme: str
    path: tuple[str, ...]
    current: str | None = None
    new: str | None = None
    kind_hint: str = ""
    when: str | None = None
    stays_same: bool = False
    summary: str = ""
    region: tuple[str, ...] = ()  # what the last title-like line said the section is about; () unknown
    context: str = ""  # the sentence around a quote cut from it, for its scope


class _Walker:
    """Walk one document's blocks with the heading path each sits under, yielding change candidates."""

    def __init__(self, doc: CleanDocument, result: CleanResult) -> None:
        self.doc = doc
        self.text = result.text
        self.blocks = result.blocks

    def candidates(self) -> Iterator[_Candidate]:
        stack: list[tuple[int, str]] = []
        lead_in: str | None = None  # the last text/heading that introduces the list that follows
        self.places = SectionPlaces()
        i = 0
        blocks = self.blocks
        while i < len(blocks):
            block = blocks[i]
            path = tuple(h for _, h in stack)
            listed = False
            if block.kind in ("heading", "text"):
                listed = self.places.note(block.text, block.level if block.kind == "heading" else 0, i)
            if block.kind == "heading" and listed:
                i += 1  # a chart's label set as a heading ("Westminster"): no section is about it
                continue
            if block.kind == "heading":
                while stack and stack[-1][0] >= block.level:
                    stack.pop()
                stack.append((block.level, block.text))
                lead_in = block.text
                i += 1
                continue
            if any(GLOSSARY.search(h) for h in path):
                i += 1
                continue
            if block.kind == "table_row":
                j = i
                last = path[-1] if path else ""
                skip = bool(NOT_CHANGE_SECTION.search(last)) and not LEAD_IN.search(last)
                while j < len(blocks) and blocks[j].kind == "table_row" and blocks[j].table == block.table:
                    j += 1
                if not skip:
                    yield from self._table(blocks[i:j], path)
                lead_in = None
                i = j
                continue
            if NOT_CHANGE_SECTION.search(" ".join(path[-1:])) and not LEAD_IN.search(path[-1] if path else ""):
                yield from self._approved(block.start, block.end, path)  # a decision is news, even in a history
                i += 1
                continue
            if block.kind == "list":
                announced = lead_in is not None and announces(lead_in)
                says = announced and bool(lead_in and CHANGE_SIGNAL.search(lead_in))
                timed = self._timed(lead_in)
                for cand in self._statements(block.start, block.end, path, announced or timed is not None, says):
                    yield cand if cand.when or timed is None else _with_when(cand, timed)
            elif not (is_title_line(block.text) and self._heads_paragraph(i)):
                yield from self._statements(block.start, block.end, path, False)
            if block.kind == "text":
                if TIME_LINE.match(block.text):
                    lead_in = block.text  # "2017/18" above a list: that year's deliverables
                elif block.text.rstrip().endswith(":") or (word_count(block.text) <= 25 and LEAD_IN.search(block.text)):
                    lead_in = block.text
                elif title := titled_changes(block.text):
                    lead_in = title  # a slide's title run into its text: "Key Strategic changes for 2020/21 …"
                elif word_count(block.text) >= 4:
                    lead_in = None
            i += 1

    def _timed(self, lead_in: str | None) -> str | None:
        """The time a line that is only a time ("2017/18", "Year 2") gives the list under it, unless it is past
        when the document was written (a timeline's record of what was done)."""
        if lead_in is None or not TIME_LINE.match(lead_in):
            return None
        year = year_of(lead_in)
        return None if year and year < year_of(self.doc.meta.date_sort) else lead_in.strip(" :.")

    def _heads_paragraph(self, i: int) -> bool:
        """A paragraph follows the line: the line is its title ("Improve access to care." above the text that
        says how). A short line followed by another, a heading or a table is an item of a list set as lines."""
        after = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        return after is not None and after.kind == "text" and not is_title_line(after.text)

    def _approved(self, start: int, end: int, path: tuple[str, ...]) -> Iterator[_Candidate]:
        """ "The Board has approved Option A (Full implementation of …)": the option approved is the change."""
        decided = APPROVED_OPTION.search(self.text, start, end)
        if decided:
            s1, e1 = strip_span(self.text, decided.start(1), decided.end(1))
            yield _Candidate(
                s1, e1, path[-1] if path else "", path, region=self.places.region, context=self.text[start:end]
            )

    def _statements(
        self, start: int, end: int, path: tuple[str, ...], announced: bool, says: bool = False
    ) -> Iterator[_Candidate]:
        """Split a paragraph or item into sentences and '; ' items; keep those that state a change."""
        piece = self.text[start:end]
        cuts = [0]
        for m in sentence_breaks(piece):
            cuts.extend([m.start(), m.end()])
        cuts.append(len(piece))
        for k in range(0, len(cuts) - 1, 2):
            s0, e0 = start + cuts[k], start + cuts[k + 1]
            decided = list(self._approved(s0, e0, path))
            yield from decided or self._items(s0, e0, path, announced, says)

    def _items(
        self, start: int, end: int, path: tuple[str, ...], announced: bool, says: bool = False
    ) -> Iterator[_Candidate]:
        """Statements of one sentence or cell: split at labels ("Activities:"), '; ', stars and change verbs."""
        piece = self.text[start:end]
        parts: list[tuple[int, int, bool]] = []
        last, flag = 0, announced
        for label in LABEL.finditer(piece):
            parts.append((last, label.start(), flag))
            last, flag = label.end(), True
        parts.append((last, len(piece), flag))
        for p0, p1, flag in parts:
            sub = piece[p0:p1]
            bounds = [0] + [x for m in ITEM_SPLIT.finditer(sub) for x in (m.start(), m.end())] + [len(sub)]
            numbered = False  # a change opening a numbered list ("… with 3 core functions: 1. …") announces its items
            for k in range(0, len(bounds) - 1, 2):
                raw = sub[bounds[k] : bounds[k + 1]]
                s, e = strip_span(self.text, start + p0 + bounds[k], start + p0 + bounds[k + 1])
                if e <= s:
                    continue
                s, labelled = after_cell_label(self.text, s, e), s
                if AIM_LABEL.fullmatch(self.text[labelled:s].strip(" :")):
                    continue
                statement = self.text[s:e]
                item = numbered and bool(NUMBERED_ITEM.match(raw.lstrip()))
                if is_change(statement, flag or item, says, listed=item):
                    numbered = numbered or bool(OPENS_NUMBERED.search(statement))
                    yield _Candidate(
                        s, e, path[-1] if path else "", path, when=stated_when(statement), region=self.places.region
                    )

    def _table(self, rows: list[Block], path: tuple[str, ...]) -> Iterator[_Candidate]:
        header = rows[0] if rows[0].header else None
        columns = {c.column: c.text for c in header.cells} if header else {}
        cur = next((k for k, c in columns.items() if CURRENT_COL.search(c)), None)
        new = next((k for k, c in columns.items() if k != cur and NEW_COL.search(c)), None)
        chg = next((k for k, c in columns.items() if k not in (cur, new) and CHANGE_COL.search(c)), None)
        body = [r for r in rows if r is not header]
        date_col = next((k for k, c in columns.items() if DATE_COL.search(c) and _dates_only(body, k)), None)
        if cur is not None and new is not None:
            for row in body:
                yield from self._current_new(row, cur, new, chg, path)
            return
        # A plan's table: columns of outcomes, activities or years announce their items; dependency and owner
        # columns never hold changes; the first column of a headed table is the row's label (an aim).
        plan = bool(columns) and any(COLUMN_ANNOUNCES.search(c) for c in columns.values())
        plan = plan or bool(LEAD_IN.search(" ".join(path[-1:])) and not NOT_CHANGE_SECTION.search(" ".join(path[-1:])))
        for row in body:
            when = None
            if date_col is not None:
                dated = next((c for c in row.cells if c.column == date_col), None)
                when = (dated.text.strip() or None) if dated else None
            if when and year_of(when) and year_of(when) < year_of(self.doc.meta.date_sort):
                continue  # a timeline's past event, not a planned change
            for cell in row.cells:
                name = columns.get(cell.column, "")
                if cell.heading:
                    continue  # a column's title set as a heading ("<h3>Integrated end of life</h3>"), not a change
                if cell.column == date_col or (name and COLUMN_SKIP.search(name) and not COLUMN_ANNOUNCES.search(name)):
                    continue
                # Under a plan, a column of a headed table, or a cell listing several items, announces them.
                if columns and cell.column == 0 and len(row.cells) > 1 and is_title_line(cell.text):
                    continue  # the row's label (an aim or a priority's name), not a change
                several = ";" in cell.text or "*" in cell.text.rstrip("* ")
                announced = plan and ((bool(columns) and cell.column > 0 and len(row.cells) > 1) or several)
                # A column headed by a time ("Year 2", "2025/26") dates its cells more closely than the row's date.
                cell_when = stated_when(name) or when
                for cand in self._statements(cell.start, cell.end, path, announced):
                    cand = cand if cand.when or not cell_when else _with_when(cand, cell_when)
                    # Under its column's title (or its own, "<p>Primary Care</p>") naming a topic: the programme it
                    # belongs to, and a heading for its topic when its own words name none ("Improve delivery of
                    # enhanced services").
                    title = cell.title or cell.label.strip(" :")
                    titled = title and keyword_topic(title)
                    yield replace(cand, programme=title, path=(*cand.path, title)) if titled else cand

    def _current_new(
        self, row: Block, cur: int, new: int, chg: int | None, path: tuple[str, ...]
    ) -> Iterator[_Candidate]:
        cells = {c.column: c for c in row.cells}
        before, after = cells.get(cur), cells.get(new)
        if before is None or after is None or not (before.text.strip() or after.text.strip()):
            return
        change = cells.get(chg) if chg is not None else None
        stays = bool(NO_CHANGE.match(after.text) or (change is not None and NO_CHANGE.match(change.text)))
        hint = change.text if change is not None else after.text
        summary = f"{before.text.strip()} → {after.text.strip()}"
        yield _Candidate(
            row.start,
            row.end,
            path[-1] if path else "",
            path,
            region=self.places.region,
            current=before.text.strip(),
            new=None if stays else after.text.strip(),
            kind_hint=hint,
            when=stated_when(after.text),
            stays_same=stays,
            summary=summary,
        )


def _dates_only(rows: list[Block], column: int) -> bool:
    """A column of dates ("Q3 25/26", "2027/28", "Year 1"), not one headed "Year 1" that holds the activities."""
    cells = [c.text for r in rows for c in r.cells if c.column == column and c.text.strip()]
    return bool(cells) and sum(word_count(t) <= 4 for t in cells) >= 0.8 * len(cells)


def _with_when(cand: _Candidate, when: str) -> _Candidate:
    return replace(cand, when=when)


def _chunk_for(chunks: list[Chunk], start: int, end: int) -> Chunk | None:
    for chunk in chunks:
        if chunk.start <= start and end <= chunk.end:
            return chunk
    return None


def _fit_span(chunks: list[Chunk], text: str, cand: _Candidate) -> tuple[int, int, Chunk] | None:
    """The candidate's span, or (for a table row split over cell chunks) its new cell's, inside one chunk."""
    chunk = _chunk_for(chunks, cand.start, cand.end)
    if chunk is not None:
        return cand.start, cand.end, chunk
    for part in (cand.new, cand.current):
        if part:
            at = text.find(part, cand.start, cand.end)
            if at >= 0 and (chunk := _chunk_for(chunks, at, at + len(part))) is not None:
                return at, at + len(part), chunk
    # A long statement split over chunks: keep the part in the chunk it starts in.
    first = _chunk_for(chunks, cand.start, cand.start + 1)
    if first is not None and first.end - cand.start > 20:
        s, e = strip_span(text, cand.start, first.end)
        return s, e, first
    return None


def _topic(quote: str, path: tuple[str, ...], title: str) -> str:
    """The statement's own keywords decide; else its headings'; else the document title's (a one-topic paper)."""
    return keyword_topic(quote) or keyword_topic(" ".join(path[-2:])) or keyword_topic(title) or OTHER_TOPIC


def extract_changes(doc: CleanDocument, result: CleanResult, chunks: list[Chunk]) -> list[ChangeRecord]:
    """The change records one document states, each span verbatim inside one of its chunks.

    Records of the same document with the same words (a table printed twice) are one record with two spans.
    Topic, status and era are first drafts here; ingest/change_register.py settles them over the catalog.
    """
    status, status_source, due = document_status(doc)
    headings = [b.text.lower() for b in result.blocks if b.kind == "heading"]
    records: dict[tuple[str, tuple[str, ...], bool], ChangeRecord] = {}
    for cand in _Walker(doc, result).candidates():
        fitted = _fit_span(chunks, result.text, cand)
        if fitted is None:
            continue
        start, end, chunk = fitted
        quote = result.text[start:end]
        summary = cand.summary or quote
        if not cand.summary and (
            quote in doc.meta.title or doc.meta.title in quote or _restates_heading(quote, headings)
        ):
            continue  # the title or a heading restated (a priority's name repeated above its table)
        scope, boroughs = scope_of(doc, cand.context or quote, cand.path, cand.region)
        span = ChangeSpan(doc.meta.doc_id, doc.meta.file, start, end, chunk.chunk_id, quote)
        key = (summary.lower(), boroughs, cand.stays_same)
        if key in records:
            old = records[key]
            records[key] = _add_span(old, span)
            continue
        heading_when = next((w for h in reversed(cand.path) if (w := stated_when(h))), None)
        digest = hashlib.sha1(f"{doc.meta.doc_id}\x1f{start}\x1f{end}\x1f{summary}".encode()).hexdigest()[:12]
        records[key] = ChangeRecord(
            id=f"{doc.meta.doc_id}:chg-{digest}",
            summary=summary,
            kind=kind_of(cand.kind_hint or quote),
            topic=_topic(cand.new or quote, cand.path, doc.meta.title),
            scope=scope,  # type: ignore[arg-type]
            boroughs=boroughs,
            document=doc.meta.doc_id,
            title=doc.meta.title,
            date=doc.meta.date,
            date_sort=doc.meta.date_sort,
            era="current",
            spans=(span,),
            current=cand.current,
            new=cand.new,
            status=status,
            status_source=status_source,
            when=cand.when or heading_when or due,
            programme=cand.programme,
            stays_same=cand.stays_same,
        )
    return list(records.values())


def _restates_heading(quote: str, headings: list[str]) -> bool:
    lowered = quote.lower().strip(" .:*")
    return any(lowered == h or (len(lowered) >= 12 and h.endswith(lowered)) for h in headings)


def _add_span(record: ChangeRecord, span: ChangeSpan) -> ChangeRecord:
    return replace(record, spans=(*record.spans, span))
