"""CLI commands owned by the evaluation package: `eval` and `faq export-eval`."""

from __future__ import annotations

import json
import shlex
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.cli_support import (
    DataDirOption,
    build_settings,
    err,
    fail,
    load_assistant,
    progress_columns,
    run_guarded,
)
from assistant.cli_support import out as stdout

if TYPE_CHECKING:
    from rich.console import Console

    from assistant.service import Assistant
    from assistant.settings import Settings
    from evals.change_gold import ChangeGold
    from evals.change_run import ChangeRun
    from evals.gate import Gate
    from evals.judge import FaithfulnessJudge
    from evals.runner import EvalRun
    from evals.schema import GoldItem

DEFAULT_SYSTEMS = "hybrid,dense,bm25,tutorial"


class SplitChoice(StrEnum):
    all = "all"
    tune = "tune"
    heldout = "heldout"


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Attach this package's commands to the main CLI; the FAQ group is the FAQ package's."""
    from assistant.faq.cli import faq_app

    app.command("eval")(eval_command)
    faq_app.command("export-eval")(export_eval)


def eval_command(
    dataset: Annotated[Path | None, typer.Option(help="Gold set, JSON Lines (default: the bundled one).")] = None,
    systems: Annotated[str, typer.Option(help="Comma-separated: hybrid (the product), dense, bm25, tutorial.")] = (
        DEFAULT_SYSTEMS
    ),
    out: Annotated[Path, typer.Option("--out", help="Folder for results.json, summary.md, report.html.")] = Path(
        "eval-out"
    ),
    split: Annotated[SplitChoice, typer.Option(help="Items to run; 'all' also reports tune and heldout.")] = (
        SplitChoice.all
    ),
    check: Annotated[bool, typer.Option("--check", help="Only validate the gold set against the documents.")] = False,
    gate: Annotated[bool, typer.Option("--gate", help="Exit 1 if a metric misses its threshold.")] = False,
    gate_config: Annotated[Path | None, typer.Option(help="Gate thresholds (default: evals/gate.toml).")] = None,
    judge: Annotated[bool, typer.Option("--judge", help="Also score faithfulness with the NWL_LLM_* model.")] = False,
    write_docs: Annotated[
        bool, typer.Option("--write-docs", help="Also replace the summary block of --docs with this run's.")
    ] = False,
    docs: Annotated[Path, typer.Option(help="Markdown file that --write-docs updates.")] = Path("docs/evaluation.md"),
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help="Index folder (default: NWL_DATA_DIR).")] = None,
    changes: Annotated[
        bool,
        typer.Option("--changes/--no-changes", help="Also run the change evaluation (every borough, every wording)."),
    ] = True,
    changes_only: Annotated[
        bool, typer.Option("--changes-only", help="Run only the change evaluation (and only its gate thresholds).")
    ] = False,
    changes_dataset: Annotated[
        Path | None, typer.Option(help="Change gold, JSON Lines (default: evals/datasets/changes.jsonl).")
    ] = None,
) -> None:
    """Evaluate the product and baselines on the gold set; write results.json, summary.md and report.html."""
    from evals.baselines import parse_systems
    from evals.gate import check_run, default_gate_path, load_gate
    from evals.report import write_docs as update_docs
    from evals.report import write_reports
    from evals.schema import default_dataset
    from evals.validate import validate_dataset

    started = time.perf_counter()
    settings = build_settings(data_dir=data_dir)
    dataset = dataset or default_dataset()
    if not dataset.is_file():
        fail(f"--dataset {dataset}: no such file")
    report = validate_dataset(dataset, settings.corpus_dir)
    for problem in report.problems:
        err.print(f"[red]invalid:[/red] {problem}", highlight=False, soft_wrap=True)
    if not report.ok:
        fail(f"{report.summary()} in {dataset}", code=1)
    if check:
        stdout.print(report.summary(), highlight=False)
        return
    change_gold = run_guarded(lambda: _change_gold(changes_dataset)) if changes or changes_only else None
    thresholds = run_guarded(lambda: load_gate(gate_config or default_gate_path())) if gate else None
    if changes_only:
        _changes_only(settings, change_gold, changes_dataset, out, thresholds, docs if write_docs else None)
        return
    names = run_guarded(lambda: parse_systems(systems))
    if thresholds is not None and (thresholds.system not in names or split.value not in (thresholds.split, "all")):
        fail(f"the gate measures {thresholds.system} on split {thresholds.split}; include it in --systems and --split")
    the_judge = run_guarded(lambda: _make_judge(settings)) if judge else None
    assistant = load_assistant(settings)
    items = [i for i in report.items if split is SplitChoice.all or i.split == split.value]
    command = ["nwl-assistant", "eval", "--systems", ",".join(names), "--split", split.value]
    command += ["--dataset", str(dataset)] if dataset != default_dataset() else []
    command += ["--judge"] if judge else []
    command += [] if changes else ["--no-changes"]
    run = run_guarded(lambda: _run(assistant, settings.corpus_dir, items, names, dataset, split.value, the_judge, err))
    if change_gold is not None:
        run.changes = run_guarded(lambda: _run_changes(assistant, change_gold, changes_dataset, err))
    run.command = shlex.join(command)
    run.seconds = time.perf_counter() - started
    paths = write_reports(run, out)
    _print_headline(run, stdout)
    for kind, path in paths.items():
        stdout.print(f"{kind}: {path}", highlight=False)
    if write_docs:
        update_docs(run, docs)
        stdout.print(f"docs: {docs}", highlight=False)
    if thresholds is not None:
        failures = check_run(thresholds, run)
        for failure in failures:
            err.print(f"[red]gate failed:[/red] {failure}", highlight=False)
        if failures:
            raise typer.Exit(1)
        where = f"{thresholds.system}, split {thresholds.split}"
        stdout.print(f"gate passed: {thresholds.count()} thresholds met ({where})")


def _shown(path: Path) -> str:
    """A path as the reports show it: relative to the working directory when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _change_gold(path: Path | None) -> ChangeGold:
    from evals.change_gold import default_changes_dataset, load_change_gold

    return load_change_gold(path or default_changes_dataset())


def _run_changes(assistant: Assistant, gold: ChangeGold, path: Path | None, console: Console) -> ChangeRun:
    """The change evaluation with a progress bar on stderr."""
    from rich.progress import Progress

    from evals.change_gold import default_changes_dataset
    from evals.change_run import run_changes

    with Progress(*progress_columns(), console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("evaluating changes", total=len(gold.boroughs))
        return run_changes(
            assistant.ask,
            assistant.generation,
            gold,
            _shown(path or default_changes_dataset()),
            on_borough=lambda borough: bar.update(task, advance=1, description=f"evaluating changes: {borough}"),
        )


def _changes_only(
    settings: Settings,
    gold: ChangeGold | None,
    path: Path | None,
    out: Path,
    thresholds: Gate | None,
    docs: Path | None,
) -> None:
    """`eval --changes-only`: the change evaluation alone, its files, its docs block and its gate thresholds."""
    from evals.change_report import change_tables, write_change_docs, write_change_reports
    from evals.gate import check_change_run

    assert gold is not None
    if thresholds is not None and thresholds.changes is None:
        fail("--changes-only --gate: the gate config has no [changes] thresholds")
    assistant = load_assistant(settings)
    started = time.perf_counter()
    run = run_guarded(lambda: _run_changes(assistant, gold, path, err))
    run.seconds = time.perf_counter() - started
    command = shlex.join(["nwl-assistant", "eval", "--changes-only", *(["--changes-dataset", str(path)] * bool(path))])
    for table in change_tables(run):
        stdout.print(table.markdown() + "\n", highlight=False, markup=False, soft_wrap=True)
    for kind, written in write_change_reports(run, out, command).items():
        stdout.print(f"{kind}: {written}", highlight=False)
    if docs is not None:
        write_change_docs(run, docs, command)
        stdout.print(f"docs: {docs}", highlight=False)
    if thresholds is not None:
        failures = check_change_run(thresholds, run)
        for failure in failures:
            err.print(f"[red]gate failed:[/red] {failure}", highlight=False)
        if failures:
            raise typer.Exit(1)
        assert thresholds.changes is not None
        stdout.print(f"gate passed: {len(thresholds.changes)} change thresholds met")


def _make_judge(settings: Settings) -> FaithfulnessJudge:
    from evals.judge import judge_from_settings

    return judge_from_settings(settings)


def _run(
    assistant: Assistant,
    corpus_dir: Path,
    items: list[GoldItem],
    names: list[str],
    dataset: Path,
    split: str,
    judge: FaithfulnessJudge | None,
    console: Console,
) -> EvalRun:
    """Build the systems and run them with a progress bar on stderr."""
    from rich.progress import Progress

    from evals.baselines import build_systems
    from evals.runner import EvalRun, JudgeStatus, file_sha256, run_eval
    from evals.scoring import GoldLocator

    with Progress(*progress_columns(), console=console, transient=True, disable=not console.is_terminal) as bar:
        setup = bar.add_task("loading systems (the tutorial baseline embeds its own chunks)", total=None)
        built = build_systems(names, assistant, corpus_dir)
        gold = GoldLocator(assistant.snapshot, corpus_dir)
        bar.remove_task(setup)
        task = bar.add_task("evaluating", total=len(items) * len(built))

        def advance(system: str, item: GoldItem) -> None:
            bar.update(task, advance=1, description=f"evaluating {system}")

        results = run_eval(items, built, gold, judge, advance)
    if judge is not None:
        answered = [r for r in results if r.answer and not r.abstained]
        judged = sum(1 for r in answered if r.faithfulness is not None)
        status = JudgeStatus(True, judge.model_name, f"{judged} of {len(answered)} answers judged")
    else:
        status = JudgeStatus(False, None, "off by default; pass --judge with NWL_LLM_BASE_URL and NWL_LLM_MODEL set")
    return EvalRun(
        dataset=str(dataset),
        dataset_sha256=file_sha256(dataset),
        split=split,
        systems=names,
        judge=status,
        results=results,
    )


def _print_headline(run: EvalRun, console: Console) -> None:
    from rich.table import Table

    from evals.tables import fmt

    columns = {
        "hit@5": "hit@5",
        "mrr": "MRR",
        "fact_recall": "facts",
        "abstention": "abst.",
        "near_miss_abstention": "near-miss abst.",
        "false_abstention": "false abst.",
        "citation_precision": "cit. prec.",
        "latency_p95_ms": "p95 ms",
    }
    table = Table("system", "split", *columns.values(), title="headline (all tables: summary.md, report.html)")
    metrics = run.metrics()
    for system in run.systems:
        for split in run.splits:
            table.add_row(system, split, *(fmt(metrics[system][split], k) for k in columns))
    console.print(table)


def export_eval(
    output: Annotated[Path | None, typer.Option("--out", help="JSONL file to write (default: stdout).")] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Write approved answers as evaluation items in the gold.jsonl format."""
    from assistant.faq.approvals import load_approvals
    from evals.faq_export import eval_items

    settings = build_settings(data_dir=data_dir)
    approvals = list(run_guarded(lambda: load_approvals(settings)).approved.values())
    items, skipped = eval_items(approvals, settings.corpus_dir)
    lines = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    if output is None:
        sys.stdout.write(lines)
    else:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(lines, "utf-8")
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror}")
    note = f" ({skipped} left out: no short verbatim fact in their quotes)" if skipped else ""
    err.print(f"{len(items)} approved answer(s) exported{note}", highlight=False)
