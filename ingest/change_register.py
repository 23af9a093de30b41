"""Settle the register over the whole catalog: era, the same change stated in several documents, its status.

Each document's records are extracted alone (ingest/changes.py) and carried over while the document is
unchanged; what depends on other documents is redone here at every commit, which is cheap:
- era: a document is "older" when it is more than OLDER_AFTER_YEARS older than the newest document of the
  catalog. Health and care plans run on three-to-five-year cycles (a five-year forward plan, a three-year
  delivery plan, yearly commissioning intentions), so a plan that much older than the newest one has been
  superseded by a newer cycle, whatever its own status says;
- the same change in several documents: records of different documents that state it with mostly the same
  content words (same topic) share their citations, their own document's first; when they also share
  scope and boroughs, they are one record, kept as the newest document states it;
- status: the newest of those documents that decides the change (decided or in place) gives the status and
  the words it rests on, and its "when" fills a record that states none (an older plan's records keep their
  own status: they are never presented as current). Two documents that state at least
  LINKED_PAIRS changes in common describe the same programme (a proposed model and the paper deciding it):
  in a topic where the newer one restates at least LINKED_SHARE of the older one's records, the older one's
  other records of that topic take the newer one's decision too.

The same change is often worded differently ("Extended days and hours of care provision by specialist
teams" / "Increased hours of support to 8am to 8pm, 7 days a week"), so when an embedding function is
given, records of two current documents in the same topic are also paired when each is the other's
nearest statement and their cosine similarity is at least SAME_CHANGE_COSINE.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from assistant.changes import ChangeRecord
from assistant.text import terms
from assistant.topics import title_topic

OLDER_AFTER_YEARS = 3
MIN_SHARED_TERMS = 3
MIN_CONTAINMENT = 0.5  # shared terms over the shorter statement's terms
MAX_ALSO_IN = 3
LINKED_PAIRS = 2
LINKED_SHARE = 0.25
SAME_CHANGE_COSINE = 0.58

Embed = Callable[[list[str]], np.ndarray]
_DECIDING = ("decided", "in place")


def _year(date_sort: str) -> int:
    try:
        return int(date_sort[:4])
    except ValueError:
        return 0


def _terms(record: ChangeRecord) -> frozenset[str]:
    return frozenset(terms(record.new or record.summary))


def _same_change(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared >= MIN_SHARED_TERMS and shared >= MIN_CONTAINMENT * min(len(a), len(b))


def _restates(a: frozenset[str], b: frozenset[str]) -> bool:
    """Mostly the same words both ways: one statement can stand for the other (a short one contained in a long
    one only shares citations: "Increased support to care homes" is not "Reduction in hospital led emergency
    care, enabled by support in homes and care homes")."""
    return len(a & b) >= MIN_CONTAINMENT * max(len(a), len(b))


def _embedded_pairs(records: list[ChangeRecord], embed: Embed) -> list[tuple[int, int]]:
    """Mutual nearest statements of two current documents in one topic, similar enough to be one change."""
    groups: dict[str, dict[str, list[int]]] = {}
    for i, r in enumerate(records):
        if r.era == "current" and not r.stays_same:
            groups.setdefault(r.topic, {}).setdefault(r.document, []).append(i)
    wanted = sorted({i for docs in groups.values() if len(docs) > 1 for ids in docs.values() for i in ids})
    if not wanted:
        return []
    vectors = dict(zip(wanted, embed([records[i].new or records[i].summary for i in wanted]), strict=True))
    pairs = []
    for docs in groups.values():
        names = sorted(docs)
        for x, a in enumerate(names):
            for b in names[x + 1 :]:
                left, right = docs[a], docs[b]
                sims = np.array([[float(vectors[i] @ vectors[j]) for j in right] for i in left])
                for li, i in enumerate(left):
                    rj = int(sims[li].argmax())
                    if sims[li, rj] >= SAME_CHANGE_COSINE and int(sims[:, rj].argmax()) == li:
                        pairs.append((i, right[rj]))
    return pairs


def settle(records: Sequence[ChangeRecord], embed: Embed | None = None) -> list[ChangeRecord]:
    """The catalog's register from every document's own records (see the module docstring)."""
    if not records:
        return []
    newest = max(_year(r.date_sort) for r in records)
    dated = [replace(r, era="older" if _year(r.date_sort) < newest - OLDER_AFTER_YEARS else "current") for r in records]
    term_sets = [_terms(r) for r in dated]
    partners: list[list[int]] = [[] for _ in dated]
    by_topic: dict[str, list[int]] = {}
    for i, r in enumerate(dated):
        by_topic.setdefault(r.topic, []).append(i)
    for members in by_topic.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a, b = dated[i], dated[j]
                if a.document == b.document or a.stays_same != b.stays_same:
                    continue
                if _same_change(term_sets[i], term_sets[j]):
                    partners[i].append(j)
                    partners[j].append(i)
    # Pairs close enough for one record to stand for the other; the rest only share citations.
    close = {(i, j) for i, js in enumerate(partners) for j in js if _restates(term_sets[i], term_sets[j])}
    for i, j in _embedded_pairs(dated, embed) if embed is not None else []:
        close |= {(i, j), (j, i)}
        if j not in partners[i]:
            partners[i].append(j)
            partners[j].append(i)
    decided_by = _linked_decisions(dated, partners)
    settled: list[ChangeRecord] = []
    dropped: set[int] = set()
    for i, record in enumerate(dated):
        if i in dropped:
            continue
        others = sorted((dated[j] for j in partners[i]), key=lambda r: r.date_sort, reverse=True)

        def stands_for(j: int, i: int = i, record: ChangeRecord = record) -> bool:
            # A palliative care model's "support to care homes" stays its own record beside a general plan's,
            # so a question about the model's topic still lists it; the two still cite each other.
            o = dated[j]
            same_subject = title_topic(o.title) == title_topic(record.title)
            return (i, j) in close and o.scope == record.scope and o.boroughs == record.boroughs and same_subject

        # The same change with the same scope in a newer document: that document's record carries it.
        if any(stands_for(j) and dated[j].date_sort > record.date_sort for j in partners[i]):
            continue
        dropped |= {j for j in partners[i] if stands_for(j) and dated[j].date_sort <= record.date_sort}
        settled.append(_merged(record, others, decided_by.get((record.document, record.topic))))
    return settled


def _linked_decisions(records: list[ChangeRecord], partners: list[list[int]]) -> dict[tuple[str, str], ChangeRecord]:
    """(older document, topic) -> a record of a newer document that decides the programme both describe."""
    pairs: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for i, others in enumerate(partners):
        for j in others:
            a, b = records[i], records[j]
            if a.date_sort < b.date_sort:
                pairs.setdefault((a.document, b.document), []).append((i, j))
    decided: dict[tuple[str, str], ChangeRecord] = {}
    sizes: dict[tuple[str, str], int] = {}
    for r in records:
        sizes[(r.document, r.topic)] = sizes.get((r.document, r.topic), 0) + 1
    for (_older, _newer), matched in pairs.items():
        if len({i for i, _ in matched}) < LINKED_PAIRS:
            continue
        # Linked in a topic only when much of what the older document says there is restated by the newer one.
        per_topic: dict[str, set[int]] = {}
        for i, _ in matched:
            per_topic.setdefault(records[i].topic, set()).add(i)
        matched = [
            (i, j)
            for i, j in matched
            if len(per_topic[records[i].topic]) >= LINKED_SHARE * sizes[(records[i].document, records[i].topic)]
        ]
        for i, j in matched:
            newer = records[j]
            if newer.status in _DECIDING and newer.era == "current":
                key = (records[i].document, records[i].topic)
                if key not in decided or decided[key].date_sort < newer.date_sort:
                    decided[key] = newer
    return decided


def _merged(record: ChangeRecord, others: list[ChangeRecord], linked: ChangeRecord | None) -> ChangeRecord:
    """The record with its partners' citations, and its status (and, if it states none, its "when") taken from
    the newest current document that decides it: a partner stating it, else a linked document."""
    spans = list(record.spans)
    seen_docs = {record.document}
    for other in others:
        if other.document not in seen_docs and len(spans) < len(record.spans) + MAX_ALSO_IN:
            spans.append(other.spans[0])
            seen_docs.add(other.document)
    deciding = [r for r in (record, *others) if r.status in _DECIDING and r.era == "current"]
    if linked is not None and record.status not in _DECIDING:
        deciding.append(linked)
    if record.era == "older":
        deciding = []  # an older plan keeps its own status and date: it is never presented as current
    deciding.sort(key=lambda r: r.date_sort, reverse=True)
    status, source, when = record.status, record.status_source, record.when
    if deciding and deciding[0].date_sort >= record.date_sort:
        best = deciding[0]
        status, source = best.status, best.status_source
        when = when or best.when
    return replace(record, spans=tuple(spans), status=status, status_source=source, when=when)
