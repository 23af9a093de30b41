"""The change register's records and the queries answers make of it.

A change record is made at ingest (ingest/changes.py) from a document's structure: a current → new table
row, a list item under a lead-in that announces changes, a plan's activity row, a commissioning intention
or a sentence stating a planned change. Records are kept with the catalog (snapshot `changes.jsonl`), so
every answer about "what changes" reads the register of the same catalog version as its passages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from assistant.boroughs import BOROUGHS
from assistant.topics import title_topic

ChangeKind = Literal["new", "expanded", "improved", "reduced", "closed", "replaced", "other"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("new", "expanded", "improved", "reduced", "closed", "replaced", "other")
ChangeStatus = Literal["proposed", "decided", "in place"]
ChangeScope = Literal["borough", "nw_london"]
Era = Literal["current", "older"]
# Whom a change is for: residents (a service, access, care, an outcome they would notice) or the organisation
# (how the NHS runs itself: staff, data, money, buildings, governance, contracts, its own strategies).
Audience = Literal["residents", "organisation"]


@dataclass(frozen=True)
class ChangeSpan:
    """Where a record is stated: a verbatim span [start, end) of a clean document, inside one chunk."""

    doc_id: str
    file: str
    start: int
    end: int
    chunk_id: str
    quote: str


@dataclass(frozen=True)
class StatusSource:
    """The words a record's status rests on, and which document (and its date) says them."""

    document: str
    date: str
    quote: str


@dataclass(frozen=True)
class ChangeRecord:
    """One change, as one or more documents state it; `spans[0]` is in `document`, the record's own."""

    id: str
    summary: str  # a verbatim span, or "current → new" built from one table row's cells
    kind: ChangeKind
    topic: str
    scope: ChangeScope
    boroughs: tuple[str, ...]  # canonical names; every borough for a NW London-wide change
    document: str  # doc_id of the document the record comes from
    title: str
    date: str  # as the document states it
    date_sort: str  # sortable (YYYY-MM), newest first in answers
    era: Era  # "older" for plans superseded by current ones (carries its date, never shown as current)
    spans: tuple[ChangeSpan, ...]
    current: str | None = None
    new: str | None = None
    status: ChangeStatus | None = None
    status_source: StatusSource | None = None
    when: str | None = None  # as the documents state it: "by 1 October 2025", "2024/25 to 2027/28"
    programme: str = ""  # the heading the record sits under (a priority, workstream or section)
    stays_same: bool = False  # a "No change" row: listed apart, never as a change
    audience: Audience = "residents"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["boroughs"] = list(self.boroughs)
        data["spans"] = [asdict(s) for s in self.spans]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeRecord:
        data = dict(data)
        data["boroughs"] = tuple(data["boroughs"])
        data["spans"] = tuple(ChangeSpan(**s) for s in data["spans"])
        source = data.get("status_source")
        data["status_source"] = StatusSource(**source) if source else None
        return cls(**data)

    def applies_to(self, borough: str) -> bool:
        return self.scope == "nw_london" or borough in self.boroughs


@dataclass(frozen=True)
class BoroughChanges:
    """What a borough's answer lists: its own changes, the NW London-wide ones, and what stays the same."""

    borough: str | None  # None: NW London as a whole
    own: list[ChangeRecord] = field(default_factory=list)
    nw_london: list[ChangeRecord] = field(default_factory=list)
    stays_same: list[ChangeRecord] = field(default_factory=list)


_TOPIC_MEMO = 1024


def _order(records: Iterable[ChangeRecord]) -> list[ChangeRecord]:
    """Current plans before older ones, newest document first, then the documents' own order."""
    ranked = list(records)
    ranked.sort(key=lambda r: (r.era != "current", _negated(r.date_sort), r.document, r.spans[0].start))
    return ranked


def _negated(date_sort: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in date_sort)


class Register:
    """All change records of one catalog version, queried by borough and topic."""

    def __init__(self, records: Sequence[ChangeRecord]) -> None:
        self.records = list(records)
        # Every answer lists hundreds of records in this order: rank them once, not at every question.
        self._rank = {id(r): i for i, r in enumerate(_order(self.records))}
        self._topic_records: dict[tuple[str, re.Pattern[str] | None], list[ChangeRecord]] = {}

    def _ordered(self, records: Iterable[ChangeRecord]) -> list[ChangeRecord]:
        return sorted(records, key=lambda r: self._rank[id(r)])

    def __len__(self) -> int:
        return len(self.records)

    def topics(self) -> list[str]:
        return sorted({r.topic for r in self.records})

    def _matching(self, topic: str | None, mentions: re.Pattern[str] | None = None) -> list[ChangeRecord]:
        """Records filed under the topic, those of a document about it as a whole, and those using the words
        the question named it by.

        "Increased support to care homes" is filed under care homes, but in a palliative care model it is a
        palliative care change too, and a palliative care question must list it. A record is filed under one
        topic, so "frailty in Hillingdon" (long-term conditions) must also find the neighbourhood-team change
        whose text puts "an emphasis on Frailty". A plan's column titled "Primary Care" puts "Implement Same Day
        Access Programme" (filed under urgent care by its words) in primary care too.
        """
        if not topic:
            return self.records
        wanted = topic.strip().lower()
        key = (wanted, mentions)
        if key not in self._topic_records:  # a topic is asked about again and again: search the records once
            if len(self._topic_records) >= _TOPIC_MEMO:  # the words naming a topic vary without end: stay bounded
                self._topic_records.clear()
            self._topic_records[key] = [
                r
                for r in self.records
                if r.topic.lower() == wanted
                or title_topic(r.title) == wanted
                or (r.programme and title_topic(r.programme) == wanted)
                or (mentions is not None and mentions.search(r.summary) is not None)
            ]
        return self._topic_records[key]

    def _of_topics(
        self, topic: str | None, also: Sequence[str], mentions: re.Pattern[str] | None = None
    ) -> list[ChangeRecord]:
        """The records of a topic and of the topics asked about beside it, each once."""
        if not (topic and also):
            return self._matching(topic, mentions)
        return list({id(r): r for t in (topic, *also) for r in self._matching(t, mentions)}.values())

    def for_borough(
        self,
        borough: str | None,
        topic: str | None = None,
        mentions: re.Pattern[str] | None = None,
        also: Sequence[str] = (),
    ) -> BoroughChanges:
        """A borough's changes (None: the NW London-wide ones only), ordered for an answer; `also` names more topics
        whose records are listed with the first's."""
        records = self._of_topics(topic, also, mentions)
        shared = [r for r in records if r.scope == "nw_london"]
        own = [r for r in records if r.scope == "borough" and borough is not None and borough in r.boroughs]
        return BoroughChanges(
            borough=borough,
            own=self._ordered(r for r in own if not r.stays_same),
            nw_london=self._ordered(r for r in shared if not r.stays_same),
            stays_same=self._ordered(r for r in own + shared if r.stays_same),
        )

    def select(
        self, boroughs: Sequence[str] = (), topic: str | None = None, also: Sequence[str] = ()
    ) -> list[ChangeRecord]:
        """Records that apply to any of `boroughs` (all records when none), stays-the-same rows left out."""
        records = [r for r in self._of_topics(topic, also) if not r.stays_same]
        if boroughs:
            records = [r for r in records if any(r.applies_to(b) for b in boroughs)]
        return self._ordered(records)

    def counts(self) -> dict[str, int]:
        """Records that apply to each borough (its own plus the NW London-wide ones), for ingest's summary."""
        return {b: len(self.select([b])) for b in BOROUGHS}
