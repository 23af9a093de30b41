"""The default extractive composer: picks the sentences and table rows that answer, and cites each.

It writes nothing the documents do not say. Each bullet is a verbatim sentence or a table row
re-laid as "current → new"; each carries [n], and citation n is the exact span it came from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.boroughs import NW_LONDON, site_name
from assistant.lexicon import Lexicon
from assistant.query import Intent, QueryPlan, synonym_known
from assistant.records import Chunk, Composition, Hit, Unit
from assistant.slot_evidence import near, states
from assistant.slots import ASKER, Slot, questions_asked
from assistant.status import classify_status
from assistant.text import content_terms, terms
from assistant.timecheck import stated_hours, verdict
from assistant.units import CURRENT_LABEL, NEW_LABEL, NUMBER, split_units

_DATE = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"q[1-4]|20\d\d(/\d\d)?|\d{1,2}(st|nd|rd|th)?\s+(of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
    re.I,
)
_NUMBER_WORD = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred)\b", re.I)
_ANSWER_SHAPES: dict[str, re.Pattern[str]] = {
    "phone": re.compile(r"\b0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b"),
    "clock": re.compile(r"\b\d{1,2}([:.]\d{2})?\s?(am|pm)\b|\b24/7\b|\b24 hours\b", re.I),
    "money": re.compile(r"£\s?\d|\b\d+(\.\d+)?\s?(m|bn|k|million|billion)\b", re.I),
}
_CHANGE_CUE = re.compile(
    r"\b(new|increas|expan|extend|introduc|improv|enhanc|additional|will|more|reduc|replac|level up|24/7)", re.I
)


@dataclass(frozen=True)
class ComposerConfig:
    """Thresholds picked on the gold set's tuning split; see docs/evaluation.md for the sweep."""

    max_units: int = 4
    max_units_list: int = 9
    relative_cutoff: float = 0.6
    list_follow: int = 6
    per_chunk: int = 3
    # Swept on the tune split: lower values answer more paraphrased questions; the answer-shape check and
    # out-of-scope places do most of the abstaining (docs/evaluation.md has the resulting rates).
    abstain_coverage: float = 0.15
    abstain_dense: float = 0.50
    abstain_floor: float = 0.10
    # A unit is "about" the thing asked when it covers this share of the thing's words (IDF-weighted), and
    # at least slot_relative of the best unit's share; only such a unit may state the detail asked for.
    slot_about: float = 0.2
    slot_relative: float = 0.6
    slot_score: float = 0.6
    partial_units: int = 2
    # Share of a question's (IDF-weighted) words the catalog never uses from which it is not about the documents:
    # off-topic questions score 0.68 and more on the gold set, on-topic ones at most 0.56.
    unknown_share: float = 0.6


class ExtractiveComposer:
    """Chooses and lays out evidence; the same scoring decides whether to abstain."""

    def __init__(
        self, lexicon: Lexicon, config: ComposerConfig | None = None, doc_status: dict[str, str] | None = None
    ) -> None:
        self.lexicon = lexicon
        self.config = config or ComposerConfig()
        self.doc_status = doc_status or {}

    def _score(self, unit: Unit, plan: QueryPlan) -> None:
        unit_terms = set(terms(unit.text)) | set(terms(unit.chunk.context)) | set(terms(unit.chunk.heading_path[-1]))
        wanted = list(plan.topic_terms)
        specific = bool(plan.scope) and any(b in unit.chunk.boroughs for b in plan.scope)
        if wanted:
            unit.coverage = self.lexicon.coverage(wanted, unit_terms)
        else:
            # "What changes in Ealing?": the borough is the whole topic, so its own passages answer.
            unit.coverage = 1.0 if specific else 0.0
        prior = 1.0 / (1.0 + 0.35 * unit.rank)
        intent = 0.0
        if (
            (plan.intent is Intent.when and _DATE.search(unit.text))
            or (plan.intent is Intent.number and NUMBER.search(unit.text))
            or (
                plan.intent in (Intent.changes, Intent.each_borough)
                and (len(unit.cells) >= 2 or _CHANGE_CUE.search(unit.text))
            )
        ):
            intent = 1.0
        scope = 0.0
        if specific:
            in_section = any(b in " ".join(unit.chunk.heading_path[1:]) for b in plan.scope)
            scope = 1.0 if in_section else 0.5
        unit.score = 0.55 * unit.coverage + 0.25 * prior + 0.12 * intent + 0.12 * scope

    def select(self, hits: Sequence[Hit], plan: QueryPlan) -> list[Unit]:
        units = [u for rank, hit in enumerate(hits) for u in split_units(hit.chunk, rank)]
        for unit in units:
            self._score(unit, plan)
        units.sort(key=lambda u: u.score, reverse=True)
        if not units:
            return []
        wanted = {Intent.when: _DATE, Intent.number: NUMBER}.get(plan.intent)
        if wanted is not None and any(wanted.search(u.text) for u in units[:3]):
            # A "when" question is answered by dated evidence; undated sentences are noise beside it.
            units = [u for u in units if wanted.search(u.text)]
        limit = self.config.max_units_list if plan.intent in (Intent.changes, Intent.listing) else self.config.max_units
        cutoff = units[0].score * self.config.relative_cutoff
        chosen: list[Unit] = []
        per_chunk: dict[str, int] = {}
        by_chunk: dict[str, list[Unit]] = {}
        for unit in units:
            by_chunk.setdefault(unit.chunk.chunk_id, []).append(unit)
        for unit in units:
            if unit.score < cutoff or len(chosen) >= limit:
                break
            if per_chunk.get(unit.chunk.chunk_id, 0) >= self.config.per_chunk:
                continue
            if any(_overlaps(unit, other) or unit.text == other.text for other in chosen):
                continue
            chosen.append(unit)
            per_chunk[unit.chunk.chunk_id] = per_chunk.get(unit.chunk.chunk_id, 0) + 1
            if unit.text.rstrip().endswith(":"):
                # "…the four acute NHS trusts in north west London:" is only answered by the items that follow.
                for follower in _followers(unit, by_chunk.get(unit.chunk.chunk_id, []), self.config.list_follow):
                    if len(chosen) < limit + self.config.list_follow and not any(
                        _overlaps(follower, o) for o in chosen
                    ):
                        chosen.append(follower)
        return chosen

    def is_weak(self, units: Sequence[Unit], hits: Sequence[Hit], plan: QueryPlan | None = None) -> bool:
        """Too little of the question is found in the best evidence, by words and by meaning; or the
        evidence lacks what the answer must contain (a phone number, a time, a sum, a count, the year asked)."""
        if not units:
            return True
        if plan is not None and not _has_answer_shape(units, plan):
            return True
        best_cov = max(u.coverage for u in units)
        top_dense = max((h.dense_score or 0.0 for h in hits[:5]), default=0.0)
        low_words = best_cov < self.config.abstain_coverage and top_dense < self.config.abstain_dense
        return low_words or best_cov < self.config.abstain_floor

    def compose(self, hits: Sequence[Hit], plan: QueryPlan) -> Composition:
        units = self.select(hits, plan)
        best = max((u.coverage for u in units), default=0.0)
        if self.is_weak(units, hits, plan) or self._mostly_unknown(plan):
            return Composition(abstain_text(plan, hits), [], True, None, best, outcome="not_found")
        if unnamed := self._unnamed_sites(plan):
            lead = f"The documents do not mention {' or '.join(unnamed)}."
            return Composition(abstain_text(plan, hits, lead), [], True, None, best, outcome="not_found")
        if plan.slot is not None:
            checked = self._check_slot(units, hits, plan, plan.slot)
            if isinstance(checked, Composition):
                return checked
            units = checked
        ordered = _reading_order(units)
        lines = [render_unit(u, n + 1, plan) for n, u in enumerate(ordered)]
        if plan.moment is not None:
            timed = [(n, u, h) for n, u in enumerate(ordered) if (h := stated_hours(u.text)) is not None]
            if timed and plan.slot is not None:
                # The hours of the service asked about: the timed unit that names most of it.
                slot = plan.slot
                about = {n: self._about(u, slot) for n, u, _ in timed}
                top = max(about.values())
                n, _, hours = max(timed, key=lambda t: (*_hours_rank(t[1], about[t[0]] >= top / 2)[:3], -t[0]))
                lines.insert(0, f"{verdict(plan.moment, hours)} [{n + 1}].")
        status, status_line = classify_status(ordered, self.doc_status)
        if status_line:
            lines.append(status_line)
        return Composition("\n".join(lines), ordered, False, status, best)

    def _mostly_unknown(self, plan: QueryPlan) -> bool:
        """Most of what the question is about (IDF-weighted) is words the documents never use, nor any synonym:
        "a recipe for banana bread", "renew my passport". Retrieval always finds something; this is not it."""
        wanted = [t for t in plan.topic_terms if t not in ASKER]
        if not wanted:
            return False
        unknown = [t for t in wanted if t not in self.lexicon.idf and not synonym_known(t, self.lexicon.idf)]
        total = sum(self.lexicon.weight(t) for t in wanted)
        return sum(self.lexicon.weight(t) for t in unknown) / total >= self.config.unknown_share

    def _unnamed_sites(self, plan: QueryPlan) -> list[str]:
        """The sites asked about whose names the documents never use ("what's new at Northwick Park Hospital?"):
        passages about other sites, or about the word "park", do not answer for it."""
        return [site for site in plan.sites if any(t not in self.lexicon.idf for t in content_terms(site_name(site)))]

    def _about(self, unit: Unit, slot: Slot) -> float:
        """How much of the thing asked about this one unit names (its row's column labels and heading count)."""
        if not slot.thing:
            return 1.0
        found = set(terms(unit.text)) | set(terms(unit.chunk.context)) | set(terms(unit.chunk.heading_path[-1]))
        return self.lexicon.coverage(list(slot.thing), found)

    def _check_slot(
        self, units: list[Unit], hits: Sequence[Hit], plan: QueryPlan, slot: Slot
    ) -> list[Unit] | Composition:
        """The chosen units, led by one that states the detail asked; else a partial or not-found answer."""
        pool = [u for rank, hit in enumerate(hits) for u in split_units(hit.chunk, rank)]
        for unit in pool:
            self._score(unit, plan)
        pool.sort(key=lambda u: u.score, reverse=True)
        about = {id(u): self._about(u, slot) for u in [*units, *pool]}
        top = max(about.values(), default=0.0)
        bar = max(self.config.slot_about, top * self.config.slot_relative)
        score_bar = max((u.score for u in pool), default=0.0) * self.config.slot_score

        def stating(unit: Unit) -> bool:
            if slot.kind != "yes_no" and (about[id(unit)] < bar or unit.score < score_bar):
                return False
            if plan.moment is not None:
                return stated_hours(unit.text) is not None
            text = unit.text
            if slot.kind == "date" and len(unit.cells) == 1 and unit.cells[0][0]:
                # A plan table's cell is dated by its column ("Year 2", "2025/26"), not in its own words.
                text = f"{unit.cells[0][0]}: {text}"
            if slot.kind == "person" and len(unit.chunk.heading_path[-1].split()) <= 4:
                # A signature block: the name is the heading over its holder's title.
                text = f"{unit.chunk.heading_path[-1]}: {text}"
            return states(slot, text, plan.standalone)

        if plan.moment is None and any(stating(u) for u in units):
            # The sentences that state the detail lead; the rest stay as context when they are about the thing asked.
            return sorted((u for u in units if stating(u) or about[id(u)] >= bar / 2), key=lambda u: not stating(u))
        # For a time of day, the hours of the thing asked about (not of a neighbouring service) lead.
        found = max(
            (u for u in [*units, *pool] if stating(u)),
            key=lambda u: _hours_rank(u, about[id(u)] >= top / 2),
            default=None,
        )
        if found is not None and plan.moment is not None and any(u is found for u in units):
            return [found, *(u for u in units if u is not found)]
        if found is not None:
            limit = (
                self.config.max_units_list if plan.intent in (Intent.changes, Intent.listing) else self.config.max_units
            )
            return [found, *(u for u in units if not _overlaps(u, found))][:limit]
        close = [u for u in pool if about[id(u)] >= bar and near(slot, u.text)]
        chosen: list[Unit] = []
        for unit in close:
            if not any(_overlaps(unit, o) or unit.text == o.text for o in chosen):
                chosen.append(unit)
            if len(chosen) == self.config.partial_units:
                break
        best = max((u.coverage for u in units), default=0.0)
        if not chosen:
            return Composition(abstain_text(plan, hits), [], True, None, best, outcome="not_found")
        ordered = _reading_order(chosen)
        lines = [f"{slot.asks} What they do say nearby:"]
        lines += [render_unit(u, n + 1, plan) for n, u in enumerate(ordered)]
        return Composition("\n".join(lines), ordered, True, None, best, outcome="partial")


def _hours_rank(unit: Unit, about: bool) -> tuple[bool, bool, bool, float]:
    """Order units for a time-of-day question: about the thing first, then stated hours ("8am to 8pm") over a
    bare "24/7", which often describes another service in the same table, then the hours a plan brings in
    ("will work", "increased hours") over today's, since the documents are plans."""
    hours = stated_hours(unit.text)
    future = bool(_CHANGE_CUE.search(unit.text)) or any(NEW_LABEL.match(label) for label, _ in unit.cells)
    return (about, hours is not None and not hours.always, future, unit.score)


def _has_answer_shape(units: Sequence[Unit], plan: QueryPlan) -> bool:
    texts = [u.text for u in units]
    # The year asked may be stated by the text, its headings, or the table column it sits in ("From 2026").
    if plan.years and not any(
        y in " ".join((t, u.chunk.context, *u.chunk.heading_path))
        for y in plan.years
        for t, u in zip(texts, units, strict=True)
    ):
        return False
    if plan.answer_type == "count":
        return any(NUMBER.search(t) or _NUMBER_WORD.search(t) for t in texts)
    shape = _ANSWER_SHAPES.get(plan.answer_type or "")
    return shape is None or any(shape.search(t) for t in texts)


def _followers(unit: Unit, siblings: list[Unit], count: int) -> list[Unit]:
    """The units that come right after `unit` in its chunk, in document order."""
    after = sorted((u for u in siblings if u.start >= unit.end), key=lambda u: u.start)
    return after[:count]


def _overlaps(a: Unit, b: Unit) -> bool:
    return a.chunk.doc_id == b.chunk.doc_id and a.start < b.end and b.start < a.end


def _reading_order(units: list[Unit]) -> list[Unit]:
    """Best evidence first, but rows and sentences of one chunk stay in document order."""
    first_seen: dict[str, int] = {}
    for i, u in enumerate(units):
        first_seen.setdefault(u.chunk.chunk_id, i)
    return sorted(units, key=lambda u: (first_seen[u.chunk.chunk_id], u.start))


def _applies_to(chunk: Chunk, plan: QueryPlan) -> str:
    named = [b for b in chunk.boroughs if b != NW_LONDON]
    if plan.scope:
        hit = [b for b in plan.scope if b in named]
        if hit:
            return ", ".join(hit)
    if named and len(named) <= 2:
        return ", ".join(named)
    if NW_LONDON in chunk.boroughs:
        return "all NW London boroughs"
    return ""


def render_unit(unit: Unit, n: int, plan: QueryPlan) -> str:
    """One bullet: a table row as 'current → new', otherwise the sentence itself; then [n]."""
    text = unit.text
    if unit.cells and len(unit.cells) >= 2:
        labels = [label for label, _ in unit.cells]
        current = next((i for i, lab in enumerate(labels) if CURRENT_LABEL.match(lab)), None)
        new = next((i for i, lab in enumerate(labels) if NEW_LABEL.match(lab)), None)
        if current is not None and new is not None:
            text = f"{unit.cells[current][1]} → {unit.cells[new][1]}"
            rest = [v for i, (_, v) in enumerate(unit.cells) if i not in (current, new)]
            if rest:
                text += f" ({'; '.join(rest)})"
        else:
            text = "; ".join(f"{label}: {value}" if label else value for label, value in unit.cells)
    elif unit.cells and unit.cells[0][0] and not text.startswith(unit.cells[0][0]):
        # One cell of a wide row under its column's title: "Year 2: Focussed support to Ealing …"
        text = f"{unit.cells[0][0]}: {text}"
    where = _applies_to(unit.chunk, plan) if plan.intent in (Intent.changes, Intent.each_borough) else ""
    suffix = f" (applies to: {where})" if where else ""
    text = text.rstrip()
    return f"- {text}{suffix} [{n}]"


def abstain_text(plan: QueryPlan, hits: Sequence[Hit], lead: str | None = None) -> str:
    """Say plainly that the documents do not answer (`lead` says why, when it is known), and what they do cover
    nearby."""
    if plan.out_of_scope:
        places = ", ".join(plan.outside)
        return (
            f"The documents do not say anything about {places}: they cover the eight North West London boroughs "
            "(Brent, Ealing, Hammersmith and Fulham, Harrow, Hillingdon, Hounslow, Kensington and Chelsea, "
            "Westminster)."
        )
    nearby: list[str] = []
    for hit in hits[:5]:
        label = f"{hit.chunk.heading_path[-1]} ({hit.chunk.heading_path[0]})"
        if label not in nearby:
            nearby.append(label)
        if len(nearby) == 3:
            break
    # The question itself, not the story told before it ("My dad is frail. When does the new model go live?").
    question = questions_asked(plan.standalone).rstrip("?.! ")
    text = lead or f"The documents do not say: I found no passage that answers “{question}”."
    if nearby:
        text += " The closest passages are about: " + "; ".join(nearby) + "."
    return text
