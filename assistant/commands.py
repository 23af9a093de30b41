"""CLI commands owned by the assistant package: `ask`, `changes`, `bench ingest` and `bench ask`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from pydantic import ValidationError as RequestError

from assistant.cli_support import (
    DataDirOption,
    build_settings,
    cli_errors,
    err,
    fail,
    load_assistant,
    out,
    run_guarded,
)
from assistant.contract import AskRequest, AskResponse, ChangesResponse, Turn


def _print_answer(response: AskResponse) -> None:
    if response.standalone_question != response.question:
        out.print(f"[dim](understood as: {response.standalone_question})[/dim]", highlight=False)
    out.print(response.answer, highlight=False, markup=False)
    if response.citations:
        from assistant.citations import page_label

        out.print("\nSources:", style="bold")
        for c in response.citations:
            where = ", ".join(p for p in (c.file, page_label(c), f"chars {c.start}-{c.end}") if p)
            out.print(
                f"[{c.n}] {c.title} ({c.date}), {where}:\n    “{c.quote}”",
                highlight=False,
                markup=False,
            )


def _read_history(path: Path) -> list[Turn]:
    try:
        data = json.loads(path.read_text("utf-8"))
        return [Turn.model_validate(t) for t in data]
    except (OSError, ValueError, TypeError) as exc:
        fail(f"--history {path}: expected a JSON list of {{role, content}} turns ({exc.__class__.__name__})")
        raise


def ask(
    question: Annotated[str | None, typer.Argument(help="The question (omit with --jsonl).")] = None,
    borough: Annotated[
        list[str] | None, typer.Option("--borough", "-b", help="Restrict to a borough (repeat).")
    ] = None,
    history: Annotated[Path | None, typer.Option(help="JSON file with earlier turns [{role, content}].")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object (the API's AskResponse).")] = False,
    jsonl: Annotated[Path | None, typer.Option(help="Answer each JSON line of this file ('-' for stdin).")] = None,
    output: Annotated[Path | None, typer.Option("--out", help="With --jsonl: write here instead of stdout.")] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Answer a question with numbered, verbatim citations (or abstain when the documents do not say)."""
    settings = build_settings(data_dir=data_dir)
    if jsonl is not None:
        assistant = load_assistant(settings)
        from assistant.batch import answer_lines

        source = sys.stdin if str(jsonl) == "-" else None
        try:
            lines = source.read().splitlines() if source else jsonl.read_text("utf-8").splitlines()
        except OSError as exc:
            fail(f"cannot read {jsonl}: {exc.strerror}")
        errors = answer_lines(assistant, lines, output, err)
        raise typer.Exit(1 if errors else 0)
    if question is None:
        fail("give a QUESTION or --jsonl FILE")
    turns = _read_history(history) if history else []
    try:
        request = AskRequest(question=question or "", history=turns, boroughs=borough or [])
    except RequestError as exc:
        fail(f"invalid question: {exc.errors()[0]['msg']}")
        raise
    assistant = load_assistant(settings)
    response = run_guarded(lambda: assistant.ask(request))
    if as_json:
        sys.stdout.write(response.model_dump_json() + "\n")
    else:
        _print_answer(response)


def bench_ingest(
    output: Annotated[Path, typer.Option(help="Markdown file to update.")] = Path("docs/benchmarks.md"),
) -> None:
    """Ingest the bundled corpus cold into a fresh folder, then again unchanged; record the figures."""
    from assistant.bench import run_ingest_benchmark

    settings = build_settings()
    text = run_guarded(lambda: run_ingest_benchmark(settings, output))
    out.print(text, highlight=False)


def bench_ask(
    dataset: Annotated[Path, typer.Option(help="Gold set to draw questions from.")] = Path("evals/datasets/gold.jsonl"),
    limit: Annotated[int, typer.Option(min=1, help="How many questions.")] = 60,
    rounds: Annotated[int, typer.Option(min=1, help="Timed rounds after warm-up.")] = 3,
    output: Annotated[Path, typer.Option(help="Markdown file to update.")] = Path("docs/benchmarks.md"),
    data_dir: DataDirOption = None,
) -> None:
    """Time retrieval and extractive answers warm, per stage, on gold-set questions."""
    from assistant.bench import run_ask_benchmark

    settings = build_settings(data_dir=data_dir)
    if not dataset.exists():
        fail(f"dataset {dataset} not found")
    text = run_guarded(lambda: run_ask_benchmark(settings, dataset, output, limit, rounds))
    out.print(text, highlight=False)


ChangesFormat = Literal["table", "md", "csv", "json"]


def changes(
    borough: Annotated[
        list[str] | None, typer.Option("--borough", "-b", help="Changes that apply to this borough (repeat).")
    ] = None,
    topic: Annotated[str | None, typer.Option(help="Only this topic (e.g. 'palliative care').")] = None,
    fmt: Annotated[ChangesFormat, typer.Option("--format", help="table, md, csv (opens in Excel) or json.")] = "table",
    output: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    data_dir: DataDirOption = None,
) -> None:
    """List the change register: what changes for residents, with status, date and a verbatim quote."""
    from assistant.change_views import changes_csv, changes_markdown, changes_response
    from assistant.changes import Register
    from assistant.query import parse_boroughs
    from assistant.snapshot import require_snapshot

    settings = build_settings(data_dir=data_dir)
    with cli_errors():
        boroughs = list(parse_boroughs(borough or []))
        snapshot = require_snapshot(settings.data_dir)
        response = changes_response(Register(snapshot.changes), snapshot, boroughs, topic)
    if fmt == "json":
        data = response.model_dump_json(indent=1).encode("utf-8")
    elif fmt == "csv":
        data = changes_csv(response)
    elif fmt == "md":
        data = changes_markdown(response).encode("utf-8")
    else:
        data = b""
    if output is not None:
        try:
            output.write_bytes(data if fmt != "table" else changes_markdown(response).encode("utf-8"))
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror}")
        err.print(f"{len(response.changes)} changes written to {output}", highlight=False)
        return
    if fmt == "table":
        _print_changes_table(response)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _print_changes_table(response: ChangesResponse) -> None:
    from rich.table import Table

    from assistant.change_views import where

    table = Table(title=f"What changes: {', '.join(response.boroughs) or 'NW London'}", show_lines=False)
    for column in ("where", "topic", "change", "status", "when", "source"):
        table.add_column(column, overflow="fold")
    for c in response.changes:
        older = " (older plan)" if c.era == "older" else ""
        table.add_row(where(c), c.topic, c.summary, c.status or "", c.when or "", f"{c.title} ({c.date}){older}")
    out.print(table)
    out.print(f"{len(response.changes)} changes; {len(response.stays_same)} stay the same", highlight=False)


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Attach this package's commands to the main CLI."""
    app.command()(ask)
    app.command()(changes)
    bench_app.command("ingest")(bench_ingest)
    bench_app.command("ask")(bench_ask)
