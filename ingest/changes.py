"""Extract a document's change records at ingest, from the structure the cleaner already found.

A change is a statement of what will be different for residents. Documents state changes in a few shapes,
and each shape is read by its structure rather than by its words alone:
- a current → new table (header columns meaning "current", "new" and optionally "change"): one record per
  row, "No change" rows kept apart as stays-the-same;
- a list under a lead-in that announces changes ("The model also includes an extension of … including:");
- activity rows and items of a plan (cells and items led by a change verb: "Establish …", "Expand …");
- sentences stating a planned change: a change verb with a future marker or a date.
Demographics, headings, visions, partnership descriptions and feedback themes are never records: headings
are not read, and lines under vision/feedback headings or stating figures about residents are refused.
Cross-document work (merging the same change, status from the newest deciding document, era) is done over
the whole catalog by ingest/change_register.py.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.boroughs import BOROUGHS, NW_LONDON, detect
from assistant.changes import ChangeKind, ChangeRecord, ChangeSpan, ChangeStatus, StatusSource
from assistant.records import Chunk, CleanDocument
from assistant.text import sentence_breaks
from assistant.topics import OTHER_TOPIC, keyword_topic
from ingest.cleaning import Block, Cell, CleanResult

# Bump when the rules change: catalogs keep each document's records, and a new version re-extracts them.
EXTRACTOR_VERSION = "changes-v5"

_CURRENT_COL = re.compile(r"\b(current|today|existing|now|before|present|previous)\b", re.I)
_NEW_COL = re.compile(r"\b(new|proposed|future|after|will|from\s+(?:\d{4}|april|[a-z]+\s+\d{4}))\b", re.I)
_CHANGE_COL = re.compile(r"^\s*(what\s+)?(change[sd]?|difference|impact|what this means)\b", re.I)
_NO_CHANGE = re.compile(r"^\s*(no\s+change|unchanged|stays?\s+the\s+same|no\s+difference)\b", re.I)

# Words that lead a statement of change, as imperative, noun or participle ("Expand", "Expansion of",
# "Expanded", "Expanding"). Stems are matched at the start of the statement.
_LEAD_STEMS = (
    "establish",
    "implement",
    "expand",
    "expansion",
    "deliver",
    "develop",
    "roll out",
    "rolling out",
    "roll-out",
    "increas",
    "reduc",
    "improv",
    "introduc",
    "launch",
    "creat",
    "open ",
    "extend",
    "extension",
    "embed",
    "mobilis",
    "align",
    "enhanc",
    "transform",
    "integrate ",
    "recruit",
    "build",
    "set up",
    "setting up",
    "pilot",
    "trial",
    "upgrad",
    "replac",
    "clos",
    "relocat",
    "invest",
    "scale",
    "standardis",
    "streamlin",
    "strengthen",
    "accelerat",
    "launch",
    "provid",
    "offer",
    "move",
    "shift",
    "redesign",
    "co-design",
    "codesign",
    "uplift",
    "full implementation",
    "mainstream",
    "commission",
    "procure",
    "start",
    "begin",
    "complet",
    "adopt",
    "maximis",
    "optimis",
    "tackl",
    "address",
    "ensur",
    "achiev",
    "lower",
    "cut",
    "grow",
    "widen",
    "support",
    "continu",
    "define",
    "deploy",
    "drive",
    "review",
    "determin",
    "bring",
    "appoint",
    "focus",
    "enabl",
    "lead ",
    "agree",
    "secur",
    "act on",
    "prepar",
    "test",
    "target",
    "transition",
    "we aspire",
    "aspire",
    "we will",
    "re-procure",
    "recommission",
    "re-design",
    "reconfigur",
    "centralis",
    "consolidat",
    "merg",
    "relaunch",
)
_LEAD = re.compile(
    r"^(?:(?:a|an|the|to|and|we will|will)\s+)?(?:" + "|".join(re.escape(s) for s in _LEAD_STEMS) + r")", re.I
)
_NEW_LEAD = re.compile(
    r"^(?:(?:a|an)\s+)?(?:new|additional|more|extra|(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+new)\b", re.I
)
_CHANGE_VERB = re.compile(
    r"\b(establish|implement|expand|deliver|develop|roll(?:ed|ing)?\s+out|increas|reduc|improv|introduc|launch"
    r"|creat|open|extend|enhanc|transform|integrat|replac|clos|relocat|invest|new)\w*",
    re.I,
)
_FUTURE = re.compile(
    r"\b(will|by\s+(?:end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:january|february|march|april|may|june|july"
    r"|august|september|october|november|december|q[1-4]|\d{4}|20\d\d/\d\d)|from\s+20\d\d|over\s+the\s+next"
    r"|q[1-4]\s*\d\d/\d\d|20\d\d/\d\d|plan(?:ned|s)?\s+to|going\s+to|aim\s+to|are\s+to\s+be|to\s+be\s+in\s+place)\b",
    re.I,
)
# Figures about people and places: always descriptive ...
_DEMOGRAPHIC = re.compile(
    r"median age|\bpopulation of\b|born overseas|life expectancy|projected|hectares|languages|live in poverty"
    r"|unemploy|in employment|earn below|most (?:populous|diverse)|ethnic(?:ally)? diverse|census"
    r"|\bha(?:s|ve) (?:the|some of the) (?:highest|lowest|longest|shortest|largest|smallest)"
    r"|\bhas\s+[\d,]+\s+(?:residents|people|registered|large)|\b(?:is|are) (?:the )?(?:highest|lowest|higher|lower)",
    re.I,
)
# ... and figures that a target may also carry ("reduce A&E attendances by 25%"): descriptive unless led by a
# change verb or dated.
_FIGURES = re.compile(
    r"\d+(?:\.\d+)?\s?%|\bper\s?cent\b|\bpopulation\b|\bresidents\b\s+(?:are|were|live|have)"
    r"|\b1 in \d+\b|deprived",
    re.I,
)
_LABEL = re.compile(r"(?:^|(?<=\s))(?:Outcomes?|Activities|Actions|Deliverables|Key deliverables|Milestones)\s*::?\s*")
_COLUMN_SKIP = re.compile(
    r"\b(dependenc\w*|owner|governance|risks?|lead|responsib\w*|kpis?|metrics?|measures?)\b", re.I
)
_COLUMN_ANNOUNCES = re.compile(
    r"\b(outcomes?|activit\w*|actions?|deliverables?|milestones?|year|years|target|achieve|plans?|intentions?)\b",
    re.I,
)
# Headings and lead-ins whose lines are not changes: visions, principles, feedback, figures, case for change.
_NOT_CHANGE_SECTION = re.compile(
    r"\b(vision|principles?|values|tell us|told us|themes?|feedback|we heard|said|by numbers|our population"
    r"|case for change|challenges?|contents|who we are|glossary|comprises|members|partners include"
    r"|what has happened|to date|lessons|context|background|case stud\w*|foreword|introduction|who we are)\b",
    re.I,
)
_LEAD_IN = re.compile(
    r"(includ\w*|will\b|we will|aim to|aims? (?:are|is)|changes?|new model|improvements?|extension|expan\w+"
    r"|activities|deliver\w*|plans?|priorities|intentions?|next steps|what next|over the next|outcomes?|key"
    r"\s+deliverables|milestones|initiatives)",
    re.I,
)
# The organisation's own workings, the plan itself, engagement and monitoring: not what changes for residents.
_INTERNAL = re.compile(
    r"\b(our (?:organisation|processes|ways? of working|operating model|values|culture|staff morale)|ways of working"
    r"|operating model|governance|payroll|procurement|back[- ]office|non-clinical functions|expenditure"
    r"|business intelligence|this (?:joint forward )?plan|the (?:joint forward )?plan\b|\bJFP\b|stakeholder"
    r"|communications|monitoring (?:delivery|progress|of delivery)|workshop|oversight|timescales|reporting"
    r"|dashboards?)\b",
    re.I,
)
# A statement about the model or service itself, in the present: "It increases the range of … by introducing …".
_SUBJECT_CHANGE = re.compile(
    r"^(?:it|this|the (?:new )?(?:model|service|proposal|programme|plan))\s+(?:also\s+)?(?:will\s+)?"
    r"(?:increas|introduc|expand|extend|provid|add|bring|creat|replac|reduc|improv|offer)\w*\b",
    re.I,
)
_APPROVED_OPTION = re.compile(r"\b(?:approved|agreed|endorsed)\s+[^()\n]{0,40}?\(([^()\n]{15,300})\)", re.I)
_NW_TITLE = re.compile(r"\b(north west london|nw london|nwl)\b", re.I)
_PAST = re.compile(
    r"\b(has been|have been|was|were|had|took place|has taken place|have taken place|ha(?:s|ve) \w+ed)\b|^we \w+ed\b",
    re.I,
)
# Descriptions of a partnership or board: what it is, not what changes.
_DESCRIPTION = re.compile(
    r"\b(brings together|is a partnership|to account|is made up of|comprises|consists of|is responsible for"
    r"|chaired by|is a collective|are members|must|ha(?:s|ve) a duty|is committed to|requires|will require"
    r"|can be found|website|https?://\S+|ambition is|we know that|a number of (?:work ?streams|(?:focused )?programmes)"
    r"|outlined (?:to the right|below|above))\b",
    re.I,
)
_DANGLING = {"to", "of", "the", "and", "a", "an", "for", "with", "by", "in", "on", "or", "from", "as", "at", "through"}
_MINOR = {"and", "of", "&", "the", "for", "in", "to", "a", "-", "–"}
_WHEN = re.compile(
    r"\b(?:by|from|in|during|until|before)\s+(?:the\s+)?(?:end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+20\d\d\b"
    r"|\b(?:by|from|in|during)\s+20\d\d(?:/\d\d)?\b|\bQ[1-4]\s*\d\d/\d\d\b"
    r"|\b20\d\d/\d\d\s*(?:to|–|-|—)\s*20\d\d/\d\d\b|\b20\d\d/\d\d\b|\bYears?\s+\d(?:\s*[-–]\s*\d)?\b",
    re.I,
)
_DATED = re.compile(
    r"\bQ[1-4]\s*\d\d/\d\d\b|\bby\s+(?:end\s+(?:of\s+)?)?(?:Q[1-4]|20\d\d|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|[A-Z][a-z]+\s+20\d\d)",
)
_DATE_COL = re.compile(r"\b(target date|date|deadline|timescale|timeline|focus year|when|year)\b", re.I)
# Items run together in a table cell: split at "; ", after a footnote star, and before a capitalised change
# verb that follows a lower-case word, a figure or a date ("… – Q2 24/25 Implementation of …").
_ITEM_SPLIT = re.compile(
    r";\s+|(?<=\*)\s+(?=[A-Z0-9'‘(])|(?<=[a-z0-9)])\s+(?=(?:"
    + "Implement|Implementation|Deliver|Delivery|Develop|Development|Establish|Expand|Expansion|Improve|Improving"
    + "|Increase|Increased|Reduce|Reduced|Reducing|Introduce|Introduction|Embed|Build|Secure|Review|Focus|Leverage"
    + "|Enhanced|Roll|Launch|Create|Agree|Align|Mobilise|Extend|Extended|Strengthen|Transition|Recruit|Recruitment"
    + r")\b)"
)
_MARKER = re.compile(r"^(?:[\s\-•*]+|\d{1,2}[.)]\s+|\d{1,2}\s+(?=[A-Z]))+")  # bullets, "1." and "1 " numbering
_STATUS_DECIDED = re.compile(
    r"\b(?:has|have|had)\s+(?:been\s+)?(?:approved|agreed|signed off|endorsed)\b|\bapproved\b|\bagreed\b", re.I
)
_STATUS_PROPOSED = re.compile(r"\b(consulting on|proposed|proposals?|consultation|draft)\b", re.I)
_STATUS_IN_PLACE = re.compile(r"\b(now in place|is in place|are in place|went live|has launched|now open)\b", re.I)
_DOC_STATUS: dict[str, ChangeStatus] = {"proposed": "proposed", "decided": "decided", "in place": "in place"}
MIN_WORDS = 3
MAX_WORDS = 70


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


def _words(text: str) -> int:
    return len(text.split())


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim list markers, footnote stars and space from both ends of text[start:end]."""
    while start < end and (text[start] in " \t\n-•*–" or (text[start].isdigit() and _MARKER.match(text[start:end]))):
        marker = _MARKER.match(text[start:end])
        if marker and marker.end() > 0 and not text[start:end][: marker.end()].strip().isdigit():
            start += marker.end()
        elif text[start] in " \t\n-•*–":
            start += 1
        else:
            break
    while end > start and text[end - 1] in " \t\n*;,.:":
        end -= 1
    return start, end


def is_demographic(text: str) -> bool:
    """Figures about residents or places ("56% of residents were born overseas", "median age is 35").

    A percentage or a population figure is a target, not a demographic, when a change verb leads or a date
    marks it ("Reduce A&E attendances by 25% by end Q4 23/24"); projections are always demographic.
    """
    if _DEMOGRAPHIC.search(text):
        return True
    body = _MARKER.sub("", text)
    return bool(_FIGURES.search(text)) and not (_LEAD.match(body) or _NEW_LEAD.match(body) or _DATED.search(text))


def is_change(text: str, announced: bool = False) -> bool:
    """Whether one statement states a change: led by a change verb, or a change verb with a future marker.

    `announced`: the statement sits under a lead-in that announces changes, so a plain noun phrase counts.
    """
    body = _MARKER.sub("", text).strip().lstrip("*").strip()
    n = _words(body)
    if n < MIN_WORDS or n > MAX_WORDS or is_demographic(body):
        return False
    if body.endswith("?") or body.endswith(":") or _INTERNAL.search(body) or _DESCRIPTION.search(body):
        return False
    if body.split()[-1].lower() in _DANGLING:
        return False  # cut mid-sentence
    if _LEAD.match(body) or _SUBJECT_CHANGE.match(body):
        return True
    if _NEW_LEAD.match(body):
        return not _PAST.search(body) or bool(_FUTURE.search(body))
    if n <= 14 and _DATED.search(body) and not _PAST.search(body):
        return True  # a dated deliverable: "Family Hubs Q4 25/26"
    if _CHANGE_VERB.search(body) and _FUTURE.search(body) and not _PAST.search(body):
        return True
    if body.split()[-1].lower() in _DANGLING or body[0].islower():
        return False  # a fragment: cut mid-sentence, or the tail of a sentence split at a line
    return announced and not _PAST.search(body) and not _is_label(body)


def _is_label(text: str) -> bool:
    """A workstream's name in title case ("Enablers- Estates, Workforce and Digital"), not a statement."""
    words = [w for w in text.split() if w.lower() not in _MINOR]
    return bool(words) and sum(w[:1].isupper() or w[:1].isdigit() for w in words) >= 0.8 * len(words)


def kind_of(text: str) -> ChangeKind:
    """The kind of change, from a "Change" column's words or the statement's own verb."""
    low = text.lower()
    rules: tuple[tuple[str, ChangeKind], ...] = (
        (r"\b(clos|not reopen|decommission|stop|end(?:ing)? the|withdraw)", "closed"),
        (r"\b(replac|instead of|move[sd]? (?:to|from)|relocat|switch)", "replaced"),
        (r"\b(reduc|fewer|lower|cut)", "reduced"),
        (r"\b(new|introduc|establish|launch|creat|set up|additional)", "new"),
        (r"\b(expan|extend|extension|increas|more |longer|wider|roll(?:ed|ing)? out|scale|grow|choice)", "expanded"),
        (r"\b(improv|enhanc|better|strengthen|transform|develop|redesign|integrat|align|standardis)", "improved"),
    )
    for pattern, kind in rules:
        if re.search(pattern, low):
            return kind
    return "other"


def _when(text: str) -> str | None:
    found = _WHEN.search(text)
    return found.group(0) if found else None


class _Walker:
    """Walk one document's blocks with the heading path each sits under, yielding change candidates."""

    def __init__(self, doc: CleanDocument, result: CleanResult) -> None:
        self.doc = doc
        self.text = result.text
        self.blocks = result.blocks

    def candidates(self) -> Iterator[_Candidate]:
        stack: list[tuple[int, str]] = []
        lead_in: str | None = None  # the last text/heading that introduces the list that follows
        self.region: tuple[str, ...] = ()
        self.base_region: tuple[str, ...] = ()  # what the last title-like text line named: lasts until another
        self.region_level = 99  # a region set by a heading ends at the next heading of its level or above
        self.region_at = -99  # the index of the last block that named a place
        i = 0
        blocks = self.blocks
        while i < len(blocks):
            block = blocks[i]
            path = tuple(h for _, h in stack)
            if block.kind == "heading" and block.level <= self.region_level:
                self.region, self.region_level = self.base_region, 99  # the heading's section has ended
            if block.kind in ("heading", "text"):
                self._note_region(block.text, block.level if block.kind == "heading" else 0, i)
            if block.kind == "heading":
                while stack and stack[-1][0] >= block.level:
                    stack.pop()
                stack.append((block.level, block.text))
                lead_in = block.text
                i += 1
                continue
            if block.kind == "table_row":
                j = i
                last = path[-1] if path else ""
                skip = bool(_NOT_CHANGE_SECTION.search(last)) and not _LEAD_IN.search(last)
                while j < len(blocks) and blocks[j].kind == "table_row" and blocks[j].table == block.table:
                    j += 1
                if not skip:
                    yield from self._table(blocks[i:j], path)
                lead_in = None
                i = j
                continue
            if _NOT_CHANGE_SECTION.search(" ".join(path[-1:])) and not _LEAD_IN.search(path[-1] if path else ""):
                yield from self._approved(block.start, block.end, path)  # a decision is news, even in a history
                i += 1
                continue
            if block.kind == "list":
                announced = lead_in is not None and _announces(lead_in)
                yield from self._statements(block.start, block.end, path, announced)
            else:
                yield from self._statements(block.start, block.end, path, False)
                if block.text.rstrip().endswith(":") or (_words(block.text) <= 25 and _LEAD_IN.search(block.text)):
                    lead_in = block.text
                elif _words(block.text) >= 4:
                    lead_in = None
            i += 1

    def _note_region(self, line: str, level: int, index: int) -> None:
        """A title-like line ("North West London System Intentions 2020/21") says whom the section is about.

        A text line's region lasts until another line names a place; a heading's, until its section ends.
        Lines naming boroughs one after another are an enumeration (a chart's labels), not a section title.
        A heading naming NW London holds like a line: the document has turned to the whole system."""
        if _words(line) > 12 or line.rstrip().endswith((".", ":", ";", ",")):
            return
        named = (NW_LONDON,) if _NW_TITLE.search(line) else detect(line).boroughs
        if not named:
            return
        enumeration = index - self.region_at <= 2 and named != self.region and NW_LONDON not in named
        self.region_at = index
        if enumeration:
            named = ()
        self.region = named
        if level == 0 or named == (NW_LONDON,):  # a NW London-wide title holds until a borough is named
            self.base_region, self.region_level = named, 99
        else:
            self.region_level = level

    def _approved(self, start: int, end: int, path: tuple[str, ...]) -> Iterator[_Candidate]:
        """ "The Board has approved Option A (Full implementation of …)": the option approved is the change."""
        decided = _APPROVED_OPTION.search(self.text, start, end)
        if decided:
            s1, e1 = _strip_span(self.text, decided.start(1), decided.end(1))
            yield _Candidate(s1, e1, path[-1] if path else "", path, region=self.region, context=self.text[start:end])

    def _statements(self, start: int, end: int, path: tuple[str, ...], announced: bool) -> Iterator[_Candidate]:
        """Split a paragraph or item into sentences and '; ' items; keep those that state a change."""
        piece = self.text[start:end]
        cuts = [0]
        for m in sentence_breaks(piece):
            cuts.extend([m.start(), m.end()])
        cuts.append(len(piece))
        for k in range(0, len(cuts) - 1, 2):
            s0, e0 = start + cuts[k], start + cuts[k + 1]
            decided = list(self._approved(s0, e0, path))
            yield from decided or self._items(s0, e0, path, announced)

    def _items(self, start: int, end: int, path: tuple[str, ...], announced: bool) -> Iterator[_Candidate]:
        """Statements of one sentence or cell: split at labels ("Activities:"), '; ', stars and change verbs."""
        piece = self.text[start:end]
        parts: list[tuple[int, int, bool]] = []
        last, flag = 0, announced
        for label in _LABEL.finditer(piece):
            parts.append((last, label.start(), flag))
            last, flag = label.end(), True
        parts.append((last, len(piece), flag))
        for p0, p1, flag in parts:
            sub = piece[p0:p1]
            bounds = [0] + [x for m in _ITEM_SPLIT.finditer(sub) for x in (m.start(), m.end())] + [len(sub)]
            for k in range(0, len(bounds) - 1, 2):
                s, e = _strip_span(self.text, start + p0 + bounds[k], start + p0 + bounds[k + 1])
                if e <= s:
                    continue
                s = _after_cell_label(self.text, s, e)
                statement = self.text[s:e]
                if is_change(statement, flag):
                    yield _Candidate(s, e, path[-1] if path else "", path, when=_when(statement), region=self.region)

    def _table(self, rows: list[Block], path: tuple[str, ...]) -> Iterator[_Candidate]:
        header = rows[0] if rows[0].header else None
        columns = {c.column: c.text for c in header.cells} if header else {}
        cur = next((k for k, c in columns.items() if _CURRENT_COL.search(c)), None)
        new = next((k for k, c in columns.items() if k != cur and _NEW_COL.search(c)), None)
        chg = next((k for k, c in columns.items() if k not in (cur, new) and _CHANGE_COL.search(c)), None)
        body = [r for r in rows if r is not header]
        date_col = next((k for k, c in columns.items() if _DATE_COL.search(c) and _dates_only(body, k)), None)
        if cur is not None and new is not None:
            for row in body:
                yield from self._current_new(row, cur, new, chg, path)
            return
        # A plan's table: columns of outcomes, activities or years announce their items; dependency and owner
        # columns never hold changes; the first column of a headed table is the row's label (an aim).
        plan = bool(columns) and any(_COLUMN_ANNOUNCES.search(c) for c in columns.values())
        plan = plan or bool(
            _LEAD_IN.search(" ".join(path[-1:])) and not _NOT_CHANGE_SECTION.search(" ".join(path[-1:]))
        )
        for row in body:
            when = None
            if date_col is not None:
                dated = next((c for c in row.cells if c.column == date_col), None)
                when = (dated.text.strip() or None) if dated else None
            if when and _year_of(when) and _year_of(when) < _year_of(self.doc.meta.date_sort):
                continue  # a timeline's past event, not a planned change
            for cell in row.cells:
                name = columns.get(cell.column, "")
                if cell.column == date_col or (
                    name and _COLUMN_SKIP.search(name) and not _COLUMN_ANNOUNCES.search(name)
                ):
                    continue
                # Under a plan, a column of a headed table, or a cell listing several items, announces them.
                several = ";" in cell.text or "*" in cell.text.rstrip("* ")
                announced = plan and ((bool(columns) and cell.column > 0 and len(row.cells) > 1) or several)
                for cand in self._statements(cell.start, cell.end, path, announced):
                    yield cand if cand.when or not when else _with_when(cand, when)

    def _current_new(
        self, row: Block, cur: int, new: int, chg: int | None, path: tuple[str, ...]
    ) -> Iterator[_Candidate]:
        cells = {c.column: c for c in row.cells}
        before, after = cells.get(cur), cells.get(new)
        if before is None or after is None or not (before.text.strip() or after.text.strip()):
            return
        change = cells.get(chg) if chg is not None else None
        stays = bool(_NO_CHANGE.match(after.text) or (change is not None and _NO_CHANGE.match(change.text)))
        hint = change.text if change is not None else after.text
        summary = f"{before.text.strip()} → {after.text.strip()}"
        yield _Candidate(
            row.start,
            row.end,
            path[-1] if path else "",
            path,
            region=self.region,
            current=before.text.strip(),
            new=None if stays else after.text.strip(),
            kind_hint=hint,
            when=_when(after.text),
            stays_same=stays,
            summary=summary,
        )


def _dates_only(rows: list[Block], column: int) -> bool:
    """A column of dates ("Q3 25/26", "2027/28", "Year 1"), not one headed "Year 1" that holds the activities."""
    cells = [c.text for r in rows for c in r.cells if c.column == column and c.text.strip()]
    return bool(cells) and sum(_words(t) <= 4 for t in cells) >= 0.8 * len(cells)


def _year_of(text: str) -> int:
    found = re.findall(r"\b(20\d\d)\b", text)
    return int(found[-1]) if found else 0


def _with_when(cand: _Candidate, when: str) -> _Candidate:
    from dataclasses import replace

    return replace(cand, when=when)


def _after_cell_label(text: str, start: int, end: int) -> int:
    """Skip a cell's short title ("Care homes: …") so the statement starts at its verb."""
    colon = text.find(": ", start, min(end, start + 60))
    if colon > start and _words(text[start:colon]) <= 5 and end - colon > 12:
        return colon + 2
    return start


def _announces(lead_in: str) -> bool:
    """A lead-in announces changes unless it introduces a vision, feedback or what was agreed before."""
    settled = re.search(r"\b(agreed|published|adopted|identified|set out)\b", lead_in, re.I)
    return bool(_LEAD_IN.search(lead_in)) and not _NOT_CHANGE_SECTION.search(lead_in) and not settled


def _cell_of(row_cells: list[Cell], column: int) -> Cell | None:
    return next((c for c in row_cells if c.column == column), None)


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
        s, e = _strip_span(text, cand.start, first.end)
        return s, e, first
    return None


def _scope(doc: CleanDocument, cand: _Candidate, quote: str) -> tuple[str, tuple[str, ...]]:
    """A borough's record when its headings, its words, its section's title or its document name boroughs;
    else NW London-wide (a borough's paper may carry a NW London-wide section, titled so)."""
    said = detect(cand.context or quote)
    if said.nw_london and not said.boroughs:  # "… to all boroughs", "… across NW London"
        return "nw_london", BOROUGHS
    found = [*detect(" > ".join(cand.path)).boroughs, *said.boroughs]
    if not found and cand.region == (NW_LONDON,):
        return "nw_london", BOROUGHS
    if not found:
        found = list(cand.region)
    meta = [b for b in doc.meta.boroughs if b != NW_LONDON]
    if not found and len(meta) == 1 and NW_LONDON not in doc.meta.boroughs:
        found = meta
    boroughs = tuple(b for b in BOROUGHS if b in found)
    if boroughs:
        return "borough", boroughs
    return "nw_london", BOROUGHS


def document_status(doc: CleanDocument) -> tuple[ChangeStatus | None, StatusSource | None, str | None]:
    """The document's status (its manifest status, refined by what it says) and the words it rests on.

    A decided document's status rests on its approval statement ("ICB Board has approved …"); its "when"
    is the date contracts or implementation are due, when it states one ("in place … by 1st October 2025").
    """
    status = _DOC_STATUS.get(doc.meta.status.strip().lower())
    sentences = _sentences(doc.text)
    decided = sorted(
        (s for s in sentences if _STATUS_DECIDED.search(s[2]) and not s[2].rstrip().endswith("?")),
        key=lambda s: (not re.search(r"\b(has|have)\s+(been\s+)?(approved|agreed)", s[2], re.I), s[0]),
    )
    quote = None
    if status in (None, "decided") and decided:
        status, quote = "decided", decided[0][2]
    elif status == "proposed":
        proposed = next((s for s in sentences if _STATUS_PROPOSED.search(s[2])), None)
        quote = proposed[2] if proposed else None
    elif status == "in place":
        placed = next((s for s in sentences if _STATUS_IN_PLACE.search(s[2])), None)
        quote = placed[2] if placed else None
    due = next(
        (
            m.group(0)
            for s in sentences
            if re.search(r"\bcontracts?\b.{0,60}\b(?:in place|due|awarded|start)", s[2], re.I)
            for m in [re.search(r"\bby\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]+\s+20\d\d\b", s[2])]
            if m
        ),
        None,
    )
    source = StatusSource(doc.meta.doc_id, doc.meta.date, quote) if status and quote else None
    if status and source is None:
        source = StatusSource(doc.meta.doc_id, doc.meta.date, "")
    return status, source, due


def _sentences(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cuts = [0] + [x for m in sentence_breaks(line) for x in (m.start(), m.end())] + [len(line)]
        for k in range(0, len(cuts) - 1, 2):
            s, e = _strip_span(text, start + cuts[k], start + cuts[k + 1])
            if e - s > 10:
                out.append((s, e, text[s:e]))
    return out


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
        scope, boroughs = _scope(doc, cand, quote)
        span = ChangeSpan(doc.meta.doc_id, doc.meta.file, start, end, chunk.chunk_id, quote)
        key = (summary.lower(), boroughs, cand.stays_same)
        if key in records:
            old = records[key]
            records[key] = _add_span(old, span)
            continue
        heading_when = next((w for h in reversed(cand.path) if (w := _when(h))), None)
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
    from dataclasses import replace

    return replace(record, spans=(*record.spans, span))
