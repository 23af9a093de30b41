"""Score one system's output for one gold item, and aggregate item scores into metrics."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.snapshot import Snapshot
from evals.baselines import SystemOutput
from evals.matching import NormalisedText
from evals.metrics import (
    HIT_KS,
    RANK_CUTOFF,
    GoldQuote,
    PassageRef,
    cited_lines,
    facts_found,
    first_supporting_rank,
    hit_at,
    mean,
    percentile,
    rate,
    ratio,
    reciprocal_rank,
    source_recall,
    supports,
)
from evals.schema import ABSTAIN_TYPES, GoldItem, ItemType
from ingest.loaders import load_raw

Metrics = dict[str, float | int | None]
PASSAGE_PREVIEW_CHARS = 600


@dataclass
class PassageResult:
    rank: int
    file: str
    chunk_id: str
    supports: bool
    text: str


@dataclass
class CitationResult:
    n: int
    file: str
    quote: str
    start: int
    end: int
    verbatim: bool
    gold_source: bool | None


@dataclass
class ItemResult:
    """Everything measured for one (system, item) pair; results.json holds one per pair."""

    system: str
    id: str
    split: str
    type: str
    borough: str | None
    question: str
    standalone: str
    answerable: bool
    expected_outcome: str
    expect_rewrite: bool | None
    slot: str | None
    gold_files: list[str]
    sources: list[dict[str, str]]
    expected_facts: list[str]
    passages: list[PassageResult]
    first_rank: int | None
    supported_files: list[str]
    source_recall: float | None
    composes: bool
    latency_ms: float
    answer: str | None = None
    abstained: bool | None = None
    outcome: str | None = None
    facts_found: list[str] = field(default_factory=list)
    facts_missing: list[str] = field(default_factory=list)
    citations: list[CitationResult] = field(default_factory=list)
    cited_lines: int = 0
    claim_lines: int = 0
    faithfulness: float | None = None
    error: str | None = None
    failures: list[str] = field(default_factory=list)


class GoldLocator:
    """Finds each gold quote in the product's clean text and in the raw files (for the tutorial)."""

    def __init__(self, snapshot: Snapshot, corpus_dir: Path) -> None:
        self.snapshot = snapshot
        self.corpus_dir = corpus_dir
        self._clean = {f: NormalisedText(f, d.text) for f, d in snapshot.documents_by_file.items()}
        self._raw: dict[str, NormalisedText | None] = {}
        self._quotes: dict[str, list[GoldQuote]] = {}

    def _raw_text(self, file: str) -> NormalisedText | None:
        if file not in self._raw:
            path = self.corpus_dir / file
            self._raw[file] = NormalisedText(file, load_raw(path).text) if path.is_file() else None
        return self._raw[file]

    def quotes(self, item: GoldItem) -> list[GoldQuote]:
        if item.id not in self._quotes:
            located = []
            for source in item.sources:
                spans = {}
                if (clean := self._clean.get(source.file)) is not None:
                    spans["clean"] = clean.locate_all(source.quote)
                if (raw := self._raw_text(source.file)) is not None:
                    spans["raw"] = raw.locate_all(source.quote)
                located.append(GoldQuote(source.file, source.quote, spans))
            self._quotes[item.id] = located
        return self._quotes[item.id]

    def verbatim(self, file: str, start: int, end: int, quote: str) -> bool:
        doc = self.snapshot.documents_by_file.get(file)
        return doc is not None and 0 <= start < end <= len(doc.text) and doc.text[start:end] == quote


def score_item(system: str, composes: bool, item: GoldItem, output: SystemOutput, gold: GoldLocator) -> ItemResult:
    """Measure retrieval (and, for composing systems, the answer) against the item's gold."""
    quotes = gold.quotes(item)
    passages: list[PassageResult] = []
    supported_files: list[str] = []
    for rank, p in enumerate(output.passages[:RANK_CUTOFF], start=1):
        ref = PassageRef(p.file, p.text, p.start, p.end, p.coordinates)
        backing = [q for q in quotes if supports(ref, q)]
        supported_files.extend(q.file for q in backing if q.file not in supported_files)
        passages.append(PassageResult(rank, p.file, p.chunk_id, bool(backing), p.text[:PASSAGE_PREVIEW_CHARS]))
    first = first_supporting_rank([p.supports for p in passages])
    result = ItemResult(
        system=system,
        id=item.id,
        split=item.split,
        type=item.type.value,
        borough=item.borough,
        question=item.question,
        standalone=output.standalone,
        answerable=item.answerable,
        expected_outcome=item.outcome,
        expect_rewrite=item.rewrite_expected,
        slot=item.slot,
        gold_files=item.source_files,
        sources=[s.model_dump() for s in item.sources],
        expected_facts=list(item.expected_facts),
        passages=passages,
        first_rank=first,
        supported_files=supported_files,
        source_recall=source_recall(supported_files, item.source_files) if item.sources else None,
        composes=composes,
        latency_ms=round(output.latency_ms, 2),
    )
    if composes and output.answer is not None:
        result.answer = output.answer
        result.abstained = output.abstained
        result.outcome = output.outcome
        # A partial answer abstains on the detail asked for but must still give the nearby fact.
        if item.expected_facts and (not output.abstained or item.outcome == "partial"):
            result.facts_found, result.facts_missing = facts_found(output.answer, item.expected_facts)
        gold_files = set(item.source_files)
        result.citations = [
            CitationResult(
                c.n,
                c.file,
                c.quote,
                c.start,
                c.end,
                verbatim=gold.verbatim(c.file, c.start, c.end, c.quote),
                gold_source=(c.file in gold_files) if gold_files else None,
            )
            for c in output.citations
        ]
        if not output.abstained:
            result.cited_lines, result.claim_lines = cited_lines(output.answer)
    result.failures = failure_reasons(result)
    return result


def kept_question(r: ItemResult) -> bool:
    """Whether the system searched with the question as asked (whitespace aside), i.e. did not rewrite it."""
    return " ".join(r.standalone.split()) == " ".join(r.question.split())


def failure_reasons(r: ItemResult) -> list[str]:
    """Why a reader should look at this item; empty when everything measured went right."""
    reasons = []
    if r.error:
        reasons.append(f"error: {r.error}")
    if r.gold_files and not hit_at(r.first_rank, 5):
        where = f"first at rank {r.first_rank}" if r.first_rank else "none in the passages returned"
        reasons.append(f"retrieval: no supporting passage in the top 5 ({where})")
    if r.source_recall is not None and len(r.gold_files) > 1 and r.source_recall < 1:
        missing = [f for f in r.gold_files if f not in r.supported_files]
        reasons.append(f"retrieval: no supporting passage from {', '.join(missing)}")
    if not r.composes or r.answer is None:
        return reasons
    if r.answerable and r.abstained:
        reasons.append("answer: abstained although the documents answer it")
    if not r.answerable and not r.abstained:
        what = "the detail asked for is not in the documents" if r.type == ItemType.near_miss else "it should abstain"
        reasons.append(f"answer: answered although {what}")
    if r.outcome is not None and r.outcome != r.expected_outcome:
        reasons.append(f"answer: outcome {r.outcome}, expected {r.expected_outcome}")
    if r.facts_missing:
        what = "nearby facts" if r.expected_outcome == "partial" else "expected facts"
        reasons.append(f"answer: missing {len(r.facts_missing)} of {len(r.expected_facts)} {what}")
    # Only composing systems are the product's own pipeline; the tutorial never rewrites by design.
    if r.expect_rewrite is False and not kept_question(r):
        reasons.append("understanding: a complete question was rewritten from the history")
    if r.expect_rewrite and kept_question(r):
        reasons.append("understanding: a follow-up was not rewritten into a standalone question")
    bad = [c.n for c in r.citations if not c.verbatim or c.gold_source is False]
    if bad:
        reasons.append(f"citations: [{'], ['.join(map(str, bad))}] not verbatim or not from a gold source file")
    return reasons


def aggregate(results: Sequence[ItemResult]) -> Metrics:
    """Metrics over a set of item results of one system (n/a is None, never 0)."""
    retrieval = [r for r in results if r.gold_files]
    metrics: Metrics = {"items": len(results), "retrieval_items": len(retrieval)}
    for k in HIT_KS:
        metrics[f"hit@{k}"] = rate(hit_at(r.first_rank, k) for r in retrieval)
    metrics["mrr"] = mean(reciprocal_rank(r.first_rank) for r in retrieval)
    multi = [r for r in retrieval if len(r.gold_files) > 1]
    metrics["multi_source_items"] = len(multi)
    metrics["multi_source_recall"] = mean(r.source_recall or 0.0 for r in multi)

    composing = [r for r in results if r.composes and r.answer is not None]
    answerable = [r for r in composing if r.answerable]
    answered = [r for r in answerable if not r.abstained]
    metrics["fact_recall"] = mean(len(r.facts_found) / len(r.expected_facts) for r in answered)
    metrics["fact_recall_all"] = mean(len(r.facts_found) / len(r.expected_facts) for r in answerable)
    metrics["abstention"] = rate(bool(r.abstained) for r in composing if ItemType(r.type) in ABSTAIN_TYPES)
    metrics["false_abstention"] = rate(bool(r.abstained) for r in answerable)
    metrics["near_miss_abstention"] = rate(bool(r.abstained) for r in composing if r.type == ItemType.near_miss)
    partial = [r for r in composing if r.expected_outcome == "partial"]
    metrics["partial_fact_recall"] = mean(len(r.facts_found) / len(r.expected_facts) for r in partial)
    metrics["outcome_accuracy"] = rate(r.outcome == r.expected_outcome for r in composing if r.outcome is not None)
    metrics["rewrite_precision"] = rate(kept_question(r) for r in composing if r.expect_rewrite is False)
    metrics["rewrite_recall"] = rate(not kept_question(r) for r in composing if r.expect_rewrite)
    # Per answer, then averaged like every other per-item metric: a register answer citing hundreds of records
    # must not outweigh a hundred answers citing three passages each.
    metrics["citation_precision"] = mean(
        sum(c.verbatim and bool(c.gold_source) for c in r.citations) / len(r.citations) for r in answered if r.citations
    )
    spoken = [r for r in composing if not r.abstained]
    metrics["cited_sentence_share"] = ratio(sum(r.cited_lines for r in spoken), sum(r.claim_lines for r in spoken))
    latencies = [r.latency_ms for r in results]
    metrics["latency_p50_ms"] = percentile(latencies, 50)
    metrics["latency_p95_ms"] = percentile(latencies, 95)
    metrics["faithfulness"] = mean(r.faithfulness for r in results if r.faithfulness is not None)
    metrics["errors"] = sum(1 for r in results if r.error)
    metrics["failures"] = sum(1 for r in results if r.failures)
    return metrics


def group_metrics(results: Sequence[ItemResult], key: str) -> Mapping[str, Metrics]:
    """Metrics per value of an item attribute ('type', 'borough', 'split'), in first-seen order."""
    groups: dict[str, list[ItemResult]] = {}
    for r in results:
        groups.setdefault(str(getattr(r, key) or "none"), []).append(r)
    return {name: aggregate(group) for name, group in groups.items()}
