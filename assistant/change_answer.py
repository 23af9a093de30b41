"""Answers to "what changes / what is new / what is different" questions, written from the change register.

The register (assistant/changes.py) already knows which spans of the documents state a change, for whom and
how settled it is, so these answers list records rather than the sentences that share most words with the
question (which, for "what changes in Brent?", are headings and demographics). Each bullet is one record:
"current → new" where a table row gives both, else its verbatim summary, then its status and date and the
markers of the spans that state it, so `build_citations` checks and numbers them like any other answer.

The answer stays extractive even when an LLM composer is configured: every bullet is already a record's own
words or cells, and a model rewording a list of records could only add or drop records or facts, which the
register exists to prevent. Reading the register costs no model call, which keeps `ask` fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from assistant.boroughs import BOROUGHS, names_site
from assistant.change_question import ChangeQuestion
from assistant.changes import BoroughChanges, ChangeKind, ChangeRecord, Register
from assistant.query import synonym_present
from assistant.records import Composition, Status, Unit
from assistant.snapshot import Snapshot
from assistant.text import stem, terms
from assistant.topics import OTHER_TOPIC, keywords_pattern

NOT_NEW: frozenset[ChangeKind] = frozenset({"reduced", "closed"})
SETTLED: frozenset[str] = frozenset({"decided", "in place"})
_DATE_WORDS = re.compile(r"\b(?:(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?((?:19|20)\d\d)\b", re.I)


def short_date(date: str) -> str:
    """'Feb 2024' from 'February 2024', '2025' from '2025 (undated)': the date as a bullet carries it."""
    match = _DATE_WORDS.search(date)
    if not match:
        return date.strip()
    month, year = match.groups()
    return f"{month.capitalize()} {year}" if month else year


def record_label(record: ChangeRecord) -> str:
    """'decided, 2025; by 1 October 2025' for a current plan, 'older plan, Mar 2020; proposed' for an old one."""
    source = record.status_source
    date = short_date(source.date if record.status and source else record.date)
    if record.era == "older":
        parts = [f"older plan, {short_date(record.date)}"]
        if record.status:
            parts.append(record.status)
    else:
        parts = [f"{record.status}, {date}" if record.status else date]
    if record.when:
        parts.append(record.when)
    return "; ".join(p for p in parts if p)


def record_text(record: ChangeRecord) -> str:
    """'current → new' where the record has both, else its summary, on one line."""
    text = f"{record.current} → {record.new}" if record.current and record.new else record.summary
    return " ".join(text.split())


class _Citer:
    """Numbers the spans records cite, once each, as Units `build_citations` turns into verbatim citations."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.units: list[Unit] = []
        self._numbers: dict[tuple[str, int, int], int] = {}

    def markers(self, record: ChangeRecord) -> str:
        """'[3][4]' for the record's spans; '' when none can be cited (the record is then left out)."""
        numbers: list[int] = []
        for span in record.spans:
            key = (span.doc_id, span.start, span.end)
            if key not in self._numbers:
                unit = record_unit(span.doc_id, span.chunk_id, span.start, span.end, self.snapshot)
                if unit is None:
                    continue
                self.units.append(unit)
                self._numbers[key] = len(self.units)
            if self._numbers[key] not in numbers:
                numbers.append(self._numbers[key])
        return "".join(f"[{n}]" for n in numbers)


def record_unit(doc_id: str, chunk_id: str, start: int, end: int, snapshot: Snapshot) -> Unit | None:
    """The citable span of a record in its chunk, or None if this catalog does not hold it verbatim."""
    doc = snapshot.documents.get(doc_id)
    chunk = snapshot.by_id.get(chunk_id)
    if doc is None or chunk is None or not 0 <= start < end <= len(doc.text):
        return None
    text = doc.text[start:end]
    return Unit(chunk=chunk, start=start, end=end, text=text, rank=0) if text.strip() else None


def _topic_heading(topic: str) -> str:
    return "Other changes" if topic == OTHER_TOPIC else topic[:1].upper() + topic[1:]


def _bullets(records: Iterable[ChangeRecord], citer: _Citer, where: dict[str, str] | None = None) -> list[str]:
    """One bullet per citable record; `where` adds whom a record concerns (in a list mixing scopes)."""
    lines = []
    for record in records:
        markers = citer.markers(record)
        if markers:
            label = record_label(record)
            if where and where.get(record.id):
                label += f"; {where[record.id]}"
            lines.append(f"- {record_text(record)} ({label}) {markers}")
    return lines


def _section(records: Sequence[ChangeRecord], citer: _Citer) -> list[str]:
    """Current changes grouped by topic, the topic with the newest change first and the unfiled ones last
    (older plans go apart)."""
    groups: dict[str, list[ChangeRecord]] = {}
    for record in records:  # records arrive newest first (Register orders them)
        if record.era == "current":
            groups.setdefault(record.topic, []).append(record)
    lines: list[str] = []
    for topic, members in sorted(groups.items(), key=lambda group: group[0] == OTHER_TOPIC):
        bullets = _bullets(members, citer)
        if bullets:
            lines += [f"{_topic_heading(topic)}:", *bullets]
    return lines


def _older(records: Sequence[ChangeRecord], citer: _Citer, borough_named: bool) -> list[str]:
    """Older plans after every current change, each with its date and (when the answer mixes scopes) whom."""
    older = [r for r in dict.fromkeys(records) if r.era != "current"]
    where = {
        r.id: "across NW London" if r.scope == "nw_london" else ", ".join(r.boroughs) for r in older if borough_named
    }
    bullets = _bullets(older, citer, where)
    return ["Older plans (not current; each shown with its date):", *bullets] if bullets else []


def _status_line(records: Sequence[ChangeRecord]) -> str:
    """'Status: 3 decided, 5 proposed, 2 older plans; each change gives its own, with its date.'"""
    counts: dict[str, int] = {}
    for record in dict.fromkeys(records):  # a record listed in two borough sections counts once
        key = "older plan" if record.era != "current" else (record.status or "not stated")
        counts[key] = counts.get(key, 0) + 1
    order = ("decided", "in place", "proposed", "not stated", "older plan")
    parts = [f"{counts[k]} {k}{'s' if k == 'older plan' and counts[k] > 1 else ''}" for k in order if k in counts]
    return f"Status: {', '.join(parts)}; each change gives its own, with its date."


def _status(records: Sequence[ChangeRecord]) -> Status | None:
    statuses = {r.status for r in records if r.era == "current" and r.status}
    if not statuses:
        return None
    return statuses.pop() if len(statuses) == 1 else "mixed"


def compose_changes(register: Register, snapshot: Snapshot, ask: ChangeQuestion) -> Composition | None:
    """The register's answer, or None when it holds no change for the question's scope (today's path answers).

    A "which services are new" question that finds only reductions or closures gets every change instead, as does
    a "what has been decided" question that finds only proposals. A topic question narrowed to words no change
    names ("any plans to cut the waits in A&E?") gets the topic's changes, saying that none names them: the
    question asks for changes, not for one detail (those are read apart and go to passages).
    """
    composition = _compose(register, snapshot, ask)
    if composition is None and ask.new_only:
        return _compose(register, snapshot, replace(ask, new_only=False))
    if composition is None and ask.settled_only:
        return _compose(register, snapshot, replace(ask, settled_only=False))
    if composition is None and ask.focus and ask.topic:
        whole = _compose(register, snapshot, replace(ask, focus=()))
        if whole is not None:
            named = " or ".join(f"“{w}”" for w in ask.focus)
            note = f"No change the documents state names {named}; these are the changes in {' and '.join(ask.topics)}."
            return replace(whole, answer=f"{note}\n\n{whole.answer}")
    return composition


def _view(register: Register, borough: str | None, ask: ChangeQuestion) -> BoroughChanges:
    """The records an answer lists. A borough's own changes are all listed: they are few, the reader asked about
    that borough, and their terse table rows are where filing by audience errs most. Of the NW London-wide ones
    only residents' changes are listed; those for the organisation are counted apart."""
    view = register.for_borough(borough, ask.topic, keywords_pattern(ask.mentions), ask.also)
    if ask.focus:
        view = _focused(view, ask.focus)
    if ask.sites:
        view = _at_sites(view, ask.sites)

    def wanted(record: ChangeRecord) -> bool:
        return not (ask.new_only and record.kind in NOT_NEW) and not (ask.settled_only and record.status not in SETTLED)

    own = [r for r in view.own if wanted(r)]
    return replace(view, own=own, nw_london=[r for r in view.nw_london if wanted(r) and r.audience == "residents"])


def _focused(view: BoroughChanges, focus: tuple[str, ...]) -> BoroughChanges:
    """Of a view, the records that name what the question narrows to ("beds", "asthma"), or one of its synonyms."""
    wanted = {stem(w) for w in focus}

    def names(record: ChangeRecord) -> bool:
        found = _record_terms(record.summary)
        return any(t in found or synonym_present(t, found) for t in wanted)

    return _kept(view, names)


def _kept(view: BoroughChanges, keep: Callable[[ChangeRecord], bool]) -> BoroughChanges:
    return replace(view, own=[r for r in view.own if keep(r)], nw_london=[r for r in view.nw_london if keep(r)])


def _at_sites(view: BoroughChanges, sites: tuple[str, ...]) -> BoroughChanges:
    """Of a view, the records whose words name a site asked about: a borough's whole list does not answer "what
    is changing at Central Middlesex Hospital?", and when no record names the site, passages answer."""

    def names(record: ChangeRecord) -> bool:
        return any(
            names_site(text, site) for site in sites for text in (record.summary, *(s.quote for s in record.spans))
        )

    return _kept(view, names)


@lru_cache(maxsize=8192)
def _record_terms(summary: str) -> frozenset[str]:
    return frozenset(terms(summary))


def _organisation_line(register: Register, boroughs: Sequence[str], ask: ChangeQuestion) -> list[str]:
    """How many changes to how the NHS runs itself the answer leaves out, and where they are listed."""
    count = sum(
        1
        for r in register.select(boroughs, ask.topic, ask.also)
        if r.audience == "organisation" and r.scope == "nw_london"
    )
    if not count:
        return []
    return [
        f"The plans also list {count} change{'s' if count != 1 else ''} to how the NHS organises itself "
        "(staff, data, money, buildings, "
        "governance); the changes table (`nwl-assistant changes`, GET /v1/changes) lists them with the rest."
    ]


def _compose(register: Register, snapshot: Snapshot, ask: ChangeQuestion) -> Composition | None:
    topic_note = f" in {' and '.join(ask.topics)}" if ask.topic else ""
    if ask.focus:
        topic_note += " that name " + " or ".join(f"“{w}”" for w in ask.focus)
    if ask.sites:
        topic_note += " at " + " or ".join(ask.sites)
    what = (
        "New and expanded services"
        if ask.new_only
        else "Changes decided or in place"
        if ask.settled_only
        else "Changes"
    )
    citer = _Citer(snapshot)
    blocks: list[list[str]] = []
    listed: list[ChangeRecord] = []
    shared = _view(register, None, ask)
    if len(ask.boroughs) == 1 and not ask.each:
        borough = ask.boroughs[0]
        mine = _view(register, borough, ask)
        head = f"{what}{topic_note} for residents in {borough}, as the documents state them (newest first)."
        own = _section(mine.own, citer)
        wide = _section(mine.nw_london, citer)
        if own:
            blocks.append([f"In {borough}:", *own])
        elif wide:
            head += (
                f" The documents give no current change{topic_note} specific to {borough}; NW London-wide ones apply."
            )
        if wide:
            blocks.append([f"Across NW London (these apply in {borough} too):", *wide])
        listed = mine.own + mine.nw_london
        stays = mine.stays_same
        older = _older(listed, citer, borough_named=True)
    else:
        boroughs = ask.boroughs or BOROUGHS
        where = "in each borough" if ask.each else "across NW London and in each borough"
        if len(ask.boroughs) > 1:
            where = "in " + ", ".join(boroughs)
        head = f"{what}{topic_note} {where}, as the documents state them (newest first)."
        without: list[str] = []
        stays = list(shared.stays_same)
        for borough in boroughs:
            mine = _view(register, borough, ask)
            own = _section(mine.own, citer)
            listed += [r for r in mine.own if r not in listed]
            if own:
                blocks.append([f"In {borough}:", *own])
            else:
                without.append(borough)
            stays += [r for r in mine.stays_same if r not in stays]
        wide = _section(shared.nw_london, citer)
        if wide:
            blocks.append(["Across NW London (these apply in every borough):", *wide])
        listed += shared.nw_london
        if without:
            blocks.append([f"No borough-specific change{topic_note} in the documents for: {', '.join(without)}."])
        older = _older(listed, citer, borough_named=True)
    if older:
        blocks.append(older)
    if not listed or not citer.units:
        return None
    if not ask.focus and (organisation := _organisation_line(register, ask.boroughs, ask)):
        blocks.append(organisation)
    # Plain lines, not bullets: an answer's bullets are changes only.
    same = [line.removeprefix("- ") for line in _bullets(stays, citer)]
    if same:
        blocks.append(["Stays the same (not changes):", *same])
    status = _status(listed)
    answer = "\n\n".join(["\n".join(b) for b in [[head], *blocks, [_status_line(listed)]]])
    return Composition(answer, citer.units, False, status, 1.0)
