"""The report's tables, built once and rendered both as Markdown and as HTML."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from evals.baselines import SYSTEM_LABELS, TUTORIAL
from evals.runner import EvalRun
from evals.scoring import Metrics

RETRIEVAL_COLUMNS = (
    ("hit@1", "hit@1"),
    ("hit@3", "hit@3"),
    ("hit@5", "hit@5"),
    ("hit@10", "hit@10"),
    ("mrr", "MRR"),
    ("multi_source_recall", "multi-source recall"),
)
ANSWER_COLUMNS = (
    ("fact_recall", "fact recall"),
    ("fact_recall_all", "fact recall (abstained = 0)"),
    ("abstention", "abstention"),
    ("false_abstention", "false abstention"),
    ("citation_precision", "citation precision"),
    ("cited_sentence_share", "cited sentences"),
    ("faithfulness", "faithfulness (judge)"),
    ("latency_p50_ms", "p50 ms"),
    ("latency_p95_ms", "p95 ms"),
)
# Asking exactly what was asked (issue #12): near misses apart from the unanswerable and out-of-scope items.
EXACTNESS_COLUMNS = (
    ("abstention", "abstention (unanswerable, out of scope)"),
    ("near_miss_abstention", "near-miss abstention"),
    ("partial_fact_recall", "nearby-fact recall (partial)"),
    ("outcome_accuracy", "outcome accuracy"),
    ("rewrite_precision", "rewrite precision"),
    ("rewrite_recall", "rewrite recall"),
)
# The targets for the product on the held-out split: (metric, bound, higher is better).
TARGETS: tuple[tuple[str, float, bool], ...] = (
    ("hit@5", 0.95, True),
    ("mrr", 0.80, True),
    ("fact_recall", 0.85, True),
    ("abstention", 0.85, True),
    ("false_abstention", 0.03, False),
    ("near_miss_abstention", 0.85, True),
)
NO_COMPOSER = "n/a: no composer without an LLM"
TUTORIAL_NOTE = (
    " The LangChain tutorial returns 5 passages, so its hit@10 equals its hit@5 and its MRR stops at rank 5."
)


@dataclass(frozen=True)
class Table:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    note: str = ""

    def markdown(self) -> str:
        lines = [f"### {self.title}", ""]
        if self.note:
            lines += [self.note, ""]
        lines.append("| " + " | ".join(self.headers) + " |")
        lines.append("|" + "|".join(["---", *["---:"] * (len(self.headers) - 1)]) + "|")
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)

    def html(self) -> str:
        head = "".join(f"<th>{html.escape(h)}</th>" for h in self.headers)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in self.rows)
        note = f"<p class='note'>{html.escape(self.note)}</p>" if self.note else ""
        return f"<h3>{html.escape(self.title)}</h3>{note}<table><tr>{head}</tr>{body}</table>"


def fmt(metrics: Metrics, key: str, composes: bool = True) -> str:
    value = metrics.get(key)
    if value is None:
        answer_metric = key not in dict(RETRIEVAL_COLUMNS) and not key.startswith("latency")
        return "n/a" if composes or not answer_metric else "n/a¹"
    if key.startswith("latency"):
        return f"{value:.0f}"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def label(system: str) -> str:
    return SYSTEM_LABELS.get(system, system)


def _composes(run: EvalRun, system: str) -> bool:
    return any(r.composes for r in run.for_system(system))


def headline_tables(run: EvalRun) -> list[Table]:
    metrics = run.metrics()
    retrieval_rows, answer_rows = [], []
    for system in run.systems:
        composes = _composes(run, system)
        for split in run.splits:
            m = metrics[system][split]
            lead = [label(system), split]
            retrieval_rows.append([*lead, str(m["retrieval_items"])] + [fmt(m, k) for k, _ in RETRIEVAL_COLUMNS])
            answer_rows.append([*lead, str(m["items"])] + [fmt(m, k, composes) for k, _ in ANSWER_COLUMNS])
    note = f"¹ {NO_COMPOSER}." if not all(_composes(run, s) for s in run.systems) else ""
    exactness_rows = [
        [label(system), split, *(fmt(metrics[system][split], k) for k, _ in EXACTNESS_COLUMNS)]
        for system in run.systems
        if _composes(run, system)
        for split in run.splits
    ]
    return [
        Table(
            "Retrieval",
            ["system", "split", "items with sources", *(h for _, h in RETRIEVAL_COLUMNS)],
            retrieval_rows,
            "Over the items that have gold sources (unanswerable and out-of-scope items have none)."
            + (TUTORIAL_NOTE if TUTORIAL in run.systems else ""),
        ),
        Table("Answers and latency", ["system", "split", "items", *(h for _, h in ANSWER_COLUMNS)], answer_rows, note),
        Table(
            "Answering exactly what was asked",
            ["system", "split", *(h for _, h in EXACTNESS_COLUMNS)],
            exactness_rows,
            "Near misses ask for a detail the documents do not give about a topic they cover; abstaining there "
            "(`abstained` true, also for a partial answer) is measured apart from unanswerable and out-of-scope "
            "items. Nearby-fact recall: the fact a partial answer must still give. Outcome accuracy counts only "
            "answers that report an `outcome`. Rewrite precision: complete questions after a borough turn kept as "
            "asked; rewrite recall: elliptical follow-ups rewritten.",
        ),
    ]


def targets_table(run: EvalRun, system: str = "hybrid") -> Table | None:
    """The product against the issue's targets, on the held-out split (tune shown alongside)."""
    if system not in run.systems:
        return None
    metrics = run.metrics()[system]
    splits = [s for s in ("heldout", "tune", "all") if s in metrics]
    rows = []
    for key, bound, higher in TARGETS:
        value = metrics[splits[0]].get(key)
        met = "n/a" if value is None else ("yes" if (value >= bound if higher else value <= bound) else "NO")
        rows.append([key, f"{'≥' if higher else '≤'} {bound:.2f}", *(fmt(metrics[s], key) for s in splits), met])
    return Table(f"Product against the targets ({splits[0]})", ["metric", "target", *splits, "met"], rows)


def group_tables(run: EvalRun, key: str, title: str, skip_unset: bool = False) -> list[Table]:
    """Retrieval per group for every system, and answers per group for the systems that compose.

    skip_unset drops the group of items without a value ('none'), for an attribute few items carry.
    """
    groups = run.by(key)
    names = [n for n in groups[run.systems[0]] if not (skip_unset and n == "none")]
    retrieval = Table(
        f"Retrieval per {title} (hit@5 / MRR)",
        [title, "items", *(label(s) for s in run.systems)],
        [
            [name, str(groups[run.systems[0]][name]["items"])]
            + [f"{fmt(groups[s][name], 'hit@5')} / {fmt(groups[s][name], 'mrr')}" for s in run.systems]
            for name in names
        ],
    )
    composing = [s for s in run.systems if _composes(run, s)]
    if not composing:
        return [retrieval]
    answers = Table(
        f"Answers per {title} (fact recall / abstention / false abstention)",
        [title, "items", *(label(s) for s in composing)],
        [
            [name, str(groups[composing[0]][name]["items"])] + [_answer_cell(groups[s][name]) for s in composing]
            for name in names
        ],
        "Abstention is shown where the group has unanswerable or out-of-scope items, near-miss abstention "
        "where it has near misses, false abstention where it has answerable ones.",
    )
    return [retrieval, answers]


def _answer_cell(m: Metrics) -> str:
    """Fact recall, then whichever abstention rates the group has items for."""
    parts = [fmt(m, "fact_recall")]
    if m["abstention"] is not None:
        parts.append(f"abst. {fmt(m, 'abstention')}")
    if m["near_miss_abstention"] is not None:
        parts.append(f"near-miss abst. {fmt(m, 'near_miss_abstention')}")
    if m["false_abstention"] is not None:
        parts.append(f"false abst. {fmt(m, 'false_abstention')}")
    return " / ".join(parts)


def all_tables(run: EvalRun) -> list[Table]:
    tables = headline_tables(run)
    if (targets := targets_table(run)) is not None:
        tables.append(targets)
    tables += group_tables(run, "type", "question type")
    tables += group_tables(run, "borough", "borough")
    # Which kind of detail (a count, a person, a date...) the product answers or wrongly answers.
    if any(r.slot for r in run.results):
        tables += group_tables(run, "slot", "asked detail", skip_unset=True)
    return tables
