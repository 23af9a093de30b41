"""CLI commands owned by the FAQ package (`faq build|approve|check`; evals adds `faq export-eval`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from assistant.cli_support import (
    DataDirOption,
    build_settings,
    cli_errors,
    err,
    fail,
    load_assistant,
    progress_columns,
    run_guarded,
)
from assistant.cli_support import out as stdout

faq_app = typer.Typer(
    help="FAQ packs for the engagement team: build them, approve answers, keep them true.", no_args_is_help=True
)


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[object], None]]:
    """A rich bar on stderr (only on a terminal); yields the callback that advances it by one."""

    with Progress(*progress_columns(), console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task(label, total=total)
        yield lambda _done: bar.advance(task)


@faq_app.command()
def build(
    borough: Annotated[str | None, typer.Option("--borough", "-b", help="Borough name or alias.")] = None,
    all_areas: Annotated[bool, typer.Option("--all", help="Every borough plus a NW London-wide pack.")] = False,
    questions: Annotated[
        Path | None, typer.Option(help="Your own questions: YAML, or text with one question per line.")
    ] = None,
    formats: Annotated[
        str, typer.Option("--format", help="Comma-separated: md,csv,docx,html,json.")
    ] = "md,csv,docx,html",
    out: Annotated[Path, typer.Option("--out", help="Folder for the pack files.")] = Path("faq-packs"),
    data_dir: DataDirOption = None,
) -> None:
    """Answer the FAQ questions for a borough from the documents and write the pack (JSON always)."""
    from assistant.faq.build import ALL_AREAS, build_pack, pack_borough, save_latest, write_outputs
    from assistant.faq.models import borough_label
    from assistant.faq.questions import default_questions, load_questions
    from assistant.faq.render import parse_formats

    if all_areas == (borough is not None):
        fail("give either --borough NAME or --all")
    with cli_errors():
        fmts = parse_formats(formats)
        areas = list(ALL_AREAS) if all_areas else [pack_borough(borough or "")]
        plans = [(a, load_questions(questions, a) if questions else default_questions(a)) for a in areas]
    settings = build_settings(data_dir=data_dir)
    assistant = load_assistant(settings)
    source = str(questions) if questions else "default"
    for area, asked in plans:
        with cli_errors(), _progress(len(asked), f"{borough_label(area)}: questions") as step:
            pack = build_pack(assistant, area, asked, source, on_item=step)
        with cli_errors():
            save_latest(settings, pack)
            paths = write_outputs(pack, out, fmts)
        stdout.print(pack.summary(), highlight=False, soft_wrap=True)
        stdout.print("  wrote " + ", ".join(str(p) for p in paths), highlight=False, soft_wrap=True)


@faq_app.command()
def approve(
    pack_file: Annotated[Path, typer.Argument(metavar="PACK", help="The pack's JSON written by `faq build`.")],
    question: Annotated[
        list[str] | None, typer.Option("--question", "-q", help="Approve only this question id (repeat).")
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Record the pack's answers as approved, with the ids and content hashes of the passages they cite."""
    from assistant.faq.approvals import approve_pack
    from assistant.faq.build import read_pack
    from assistant.snapshot import require_snapshot

    settings = build_settings(data_dir=data_dir)
    pack = run_guarded(lambda: read_pack(pack_file))
    snapshot = run_guarded(lambda: require_snapshot(settings.data_dir))
    approved, refused = run_guarded(lambda: approve_pack(settings, pack, snapshot, question))
    for reason in refused:
        err.print(f"[yellow]not approved[/yellow] {reason}", highlight=False, soft_wrap=True)
    stdout.print(f"{pack.label}: approved {len(approved)} answer(s), {len(refused)} not approved", highlight=False)
    if refused:
        raise typer.Exit(1)


@faq_app.command()
def check(
    borough: Annotated[str | None, typer.Option("--borough", "-b", help="Only this borough's answers.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Re-ask every approved question; exit 1 when a source or an answer changed and needs review."""
    from assistant.faq.approvals import load_approvals
    from assistant.faq.build import pack_borough
    from assistant.faq.check import check_approvals
    from assistant.faq.report import print_results, results_json

    settings = build_settings(data_dir=data_dir)
    approvals = list(run_guarded(lambda: load_approvals(settings)).approved.values())
    if borough is not None:
        area = run_guarded(lambda: pack_borough(borough))
        approvals = [a for a in approvals if a.borough == area]
    if not approvals:
        stdout.print("no approved FAQ answers to check; approve a pack with `nwl-assistant faq approve PACK`")
        return
    assistant = load_assistant(settings)
    with cli_errors(), _progress(len(approvals), "checking approved answers") as step:
        results = check_approvals(assistant, approvals, on_result=step)
    if as_json:
        sys.stdout.write(json.dumps(results_json(results), ensure_ascii=False, indent=1) + "\n")
    else:
        print_results(stdout, results)
    if any(r.needs_review for r in results):
        raise typer.Exit(1)


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Attach `nwl-assistant faq ...` to the main CLI."""
    app.add_typer(faq_app, name="faq")
