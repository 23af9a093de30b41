"""CLI command owned by the ingest package: `ingest`."""

from __future__ import annotations

import json
import resource
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from assistant.cli_support import (
    DataDirOption,
    build_settings,
    embedder_factory,
    err,
    out,
    progress_columns,
    run_guarded,
)


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


def ingest(
    path: Annotated[Path | None, typer.Argument(help="Folder of documents (default: the bundled corpus).")] = None,
    data_dir: DataDirOption = None,
    rebuild: Annotated[bool, typer.Option(help="Drop the index and embed everything again.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Chunk, embed and index documents; unchanged files are skipped, removed ones pruned."""
    from assistant.faq.check import stale_warning
    from ingest.pipeline import Ingestor

    settings = build_settings(data_dir=data_dir)
    with Progress(*progress_columns(), console=err, transient=True, disable=as_json or not err.is_terminal) as bar:
        ingestor = Ingestor(settings, embedder_factory(settings), progress=RichIngestProgress(bar))
        report = run_guarded(lambda: ingestor.run(path, rebuild=rebuild))
    if report.set_aside:
        err.print(f"the Chroma store could not be opened; moved to {report.set_aside} and rebuilt", highlight=False)
    for name, reason in report.skipped:
        err.print(f"[yellow]skipped[/yellow] {name}: {reason}", highlight=False)
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
            "change_records": report.change_records,
            "changes_by_borough": report.changes_by_borough,
        }
        out.print_json(json.dumps(payload))
    else:
        out.print(report.summary(), highlight=False)
        counts = ", ".join(f"{b} {n}" for b, n in report.changes_by_borough.items())
        out.print(f"change register: {report.change_records} records; per borough: {counts}", highlight=False)
    if report.skipped:
        raise typer.Exit(1)


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Attach this package's commands to the main CLI."""
    app.command()(ingest)
