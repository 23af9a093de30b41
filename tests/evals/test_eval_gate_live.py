"""The live quality gate: the product on the gold set and the change gold against evals/gate.toml (CI runs this)."""

from __future__ import annotations

import pytest

from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import Settings
from evals.baselines import build_systems
from evals.change_gold import default_changes_dataset, load_change_gold
from evals.change_run import run_changes
from evals.gate import check_run, default_gate_path, load_gate
from evals.runner import EvalRun, JudgeStatus, run_eval
from evals.schema import default_dataset
from evals.scoring import GoldLocator
from evals.validate import validate_dataset


@pytest.mark.slow
def test_product_meets_the_gate_on_the_gold_set(bundled_index: Settings, embedder: Embedder) -> None:
    report = validate_dataset(default_dataset(), bundled_index.corpus_dir)
    assert report.ok, report.problems[:5]
    gate = load_gate(default_gate_path())
    assistant = Assistant(bundled_index, embedder)
    systems = build_systems([gate.system], assistant, bundled_index.corpus_dir)
    results = run_eval(report.items, systems, GoldLocator(assistant.snapshot, bundled_index.corpus_dir))
    run = EvalRun(str(default_dataset()), "", "all", [gate.system], JudgeStatus(False, None, "off"), results)
    gold = load_change_gold(default_changes_dataset())
    run.changes = run_changes(assistant.ask, assistant.generation, gold, str(default_changes_dataset()))
    failures = check_run(gate, run)
    assert not failures, "; ".join(failures)
