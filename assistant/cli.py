"""The `nwl-assistant` command line: settings are built here, once, and passed down."""

from __future__ import annotations

import json
import resource
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from assistant.errors import NwlError
from assistant.settings import Settings

app = typer.Typer(
    name="nwl-assistant",
    help="Cited answers over NHS North West London planning and consultation documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
bench_app = typer.Typer(help="Benchmarks that write their figures into docs/benchmarks.md.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")

err = Console(stderr=True)
out = Console()

T = TypeVar("T")

DataDirOption = Annotated[
    Path | None, typer.Option("--data-dir", help="Index folder (default: NWL_DATA_DIR or ./.nwl).")
]


def fail(message: str, code: int = 2) -> None:
    """One line on stderr and a non-zero exit: the contract for every bad input."""
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def build_settings(**overrides: Any) -> Settings:
    clean = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**clean)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "settings"
        fail(f"invalid setting {where}: {first.get('msg')}")
        raise  # unreachable; keeps type checkers honest


@contextmanager
def cli_errors() -> Iterator[None]:
    try:
        yield
    except NwlError as exc:
        fail(str(exc))


def run_guarded(fn: Callable[[], T]) -> T:
    with cli_errors():
        return fn()
    raise AssertionError("unreachable")


class RichIngestProgress:
    """Draws documents and chunks as two bars."""

    def __init__(self, progress: Progress) -> None:
        self._p = progress
        self._docs = progress.add_task("documents", total=None)
        self._chunks = progress.add_task("chunks embedded", total=None)

    def documents(self, total: int) -> None:
        self._p.update(self._docs, total=total)

    def document_done(self, file: str) -> None:
        self._p.update(self._docs, advance=1, description=f"documents ({file})")

    def chunks_embedded(self, count: int) -> None:
        self._p.update(self._chunks, advance=count)


def embedder_factory(settings: Settings) -> Callable[[], Any]:
    def make() -> Any:
        from assistant.embedding import conversion_pending, make_embedder

        if conversion_pending(settings):
            err.print(
                f"Converting the embedding model for onnxruntime (one-off, cached in {settings.model_cache_dir})",
                style="dim",
                highlight=False,
            )
        return make_embedder(settings)

    return make


@app.command()
def ingest(
    path: Annotated[Path | None, typer.Argument(help="Folder of documents (default: the bundled corpus).")] = None,
    data_dir: DataDirOption = None,
    rebuild: Annotated[bool, typer.Option(help="Drop the index and embed everything again.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Chunk, embed and index documents; unchanged files are skipped, removed ones pruned."""
    settings = build_settings(data_dir=data_dir)
    from ingest.pipeline import Ingestor

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=as_json or not err.is_terminal) as bar:
        ingestor = Ingestor(settings, embedder_factory(settings), progress=RichIngestProgress(bar))
        report = run_guarded(lambda: ingestor.run(path, rebuild=rebuild))
    for name, reason in report.skipped:
        err.print(f"[yellow]skipped[/yellow] {name}: {reason}", highlight=False)
    from assistant.faq.check import stale_warning

    warning = stale_warning(settings, report.changed_doc_ids)
    if warning:
        err.print(warning, style="yellow", highlight=False, markup=False, soft_wrap=True)
    if as_json:
        payload = {
            "added": report.added,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "removed": report.removed,
            "skipped": [{"file": f, "reason": r} for f, r in report.skipped],
            "chunks": report.chunk_count,
            "chunks_embedded": report.chunks_embedded,
            "seconds": round(report.seconds, 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
        out.print_json(json.dumps(payload))
    else:
        out.print(report.summary(), highlight=False)
    if report.skipped:
        raise typer.Exit(1)


def load_assistant(settings: Settings) -> Any:
    from assistant.service import Assistant

    return run_guarded(lambda: Assistant(settings, embedder_factory(settings)()))


def _print_answer(response: Any) -> None:
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


def _read_history(path: Path) -> list[Any]:
    from assistant.contract import Turn

    try:
        data = json.loads(path.read_text("utf-8"))
        return [Turn.model_validate(t) for t in data]
    except (OSError, ValueError, TypeError) as exc:
        fail(f"--history {path}: expected a JSON list of {{role, content}} turns ({exc.__class__.__name__})")
        raise


@app.command()
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
    from pydantic import ValidationError as RequestError

    from assistant.contract import AskRequest

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


@bench_app.command("ingest")
def bench_ingest(
    output: Annotated[Path, typer.Option(help="Markdown file to update.")] = Path("docs/benchmarks.md"),
) -> None:
    """Ingest the bundled corpus cold into a fresh folder, then again unchanged; record the figures."""
    from assistant.bench import run_ingest_benchmark

    settings = build_settings()
    text = run_guarded(lambda: run_ingest_benchmark(settings, output))
    out.print(text, highlight=False)


@bench_app.command("ask")
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


def _register_packages() -> None:
    """Each package owns its commands; the CLI only gathers them."""
    from api.cli import register as register_api
    from assistant.faq.cli import register as register_faq
    from evals.cli import register as register_evals

    register_api(app, bench_app)
    register_evals(app, bench_app)
    register_faq(app, bench_app)


_register_packages()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
