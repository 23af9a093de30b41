"""Run every system over the gold items in one pass, score them, and keep what the report needs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.bench import machine_line
from assistant.citations import CitationError
from assistant.errors import NwlError
from evals.baselines import System, SystemOutput
from evals.change_run import ChangeRun
from evals.judge import FaithfulnessJudge
from evals.schema import SPLITS, GoldItem
from evals.scoring import GoldLocator, ItemResult, Metrics, aggregate, failure_reasons, group_metrics, score_item

OnItem = Callable[[str, GoldItem], None]


@dataclass(frozen=True)
class JudgeStatus:
    """Whether the optional LLM judge ran, so no report can be mistaken for a judged one."""

    ran: bool
    model: str | None
    note: str


@dataclass
class EvalRun:
    """One evaluation run: its configuration, every item result, and the metrics derived from them."""

    dataset: str
    dataset_sha256: str
    split: str
    systems: list[str]
    judge: JudgeStatus
    results: list[ItemResult]
    command: str = ""
    started: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    seconds: float = 0.0
    machine: str = field(default_factory=machine_line)
    changes: ChangeRun | None = None  # the change evaluation, when the run included it

    def for_system(self, system: str) -> list[ItemResult]:
        return [r for r in self.results if r.system == system]

    @property
    def splits(self) -> list[str]:
        """'all', 'tune' and 'heldout' for a full run; only the requested split otherwise."""
        return list(SPLITS) if self.split == "all" else [self.split]

    def metrics(self, types: Collection[str] | None = None) -> dict[str, dict[str, Metrics]]:
        """metrics[system][split], over the items of the given types (default: every item)."""
        table: dict[str, dict[str, Metrics]] = {}
        for system in self.systems:
            results = [r for r in self.for_system(system) if types is None or r.type in types]
            table[system] = {s: aggregate([r for r in results if s == "all" or r.split == s]) for s in self.splits}
        return table

    def by(self, key: str) -> dict[str, dict[str, Metrics]]:
        """metrics[system][value of key], e.g. per question type or per borough."""
        return {system: dict(group_metrics(self.for_system(system), key)) for system in self.systems}

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "dataset_sha256": self.dataset_sha256,
            "split": self.split,
            "command": self.command,
            "systems": self.systems,
            "started": self.started,
            "seconds": round(self.seconds, 1),
            "machine": self.machine,
            "judge": asdict(self.judge),
            "metrics": self.metrics(),
            "by_type": self.by("type"),
            "by_borough": self.by("borough"),
            "by_slot": self.by("slot"),
            "items": [asdict(r) for r in self.results],
            "changes": self.changes.to_json() if self.changes is not None else None,
        }


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_item(system: System, item: GoldItem, gold: GoldLocator, judge: FaithfulnessJudge | None) -> ItemResult:
    """One system on one item; a product error becomes a scored failure, not a crashed run."""
    try:
        output = system.run(item)
        error = None
    except (NwlError, CitationError) as exc:
        output = SystemOutput([], item.question, 0.0, answer="" if system.composes else None)
        error = f"{exc.__class__.__name__}: {exc}"
    result = score_item(system.name, system.composes, item, output, gold)
    if error:
        result.error = error
        result.failures = failure_reasons(result)
    if judge is not None and output.answer and not output.abstained:
        result.faithfulness = judge.score(item.question, output.answer, output.citations)
    return result


def run_eval(
    items: Sequence[GoldItem],
    systems: Sequence[System],
    gold: GoldLocator,
    judge: FaithfulnessJudge | None = None,
    on_item: OnItem | None = None,
) -> list[ItemResult]:
    """Every system over every item, system by system (so each keeps its caches warm)."""
    results = []
    for system in systems:
        if items:
            # One untimed run first, so one-off start-up costs (lazy loads, first torch call) are not
            # reported as a question's latency.
            run_item(system, items[0], gold, None)
        for item in items:
            results.append(run_item(system, item, gold, judge))
            if on_item is not None:
                on_item(system.name, item)
    return results


def write_results(run: EvalRun, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "results.json"
    path.write_text(json.dumps(run.to_json(), indent=1, ensure_ascii=False) + "\n", "utf-8")
    return path
