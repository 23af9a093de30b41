"""CLI commands owned by the API package: `serve`, `bench serve` and `feedback export`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.cli_support import build_settings, err, fail, out, run_guarded
from assistant.settings import EmbeddingBackend

if TYPE_CHECKING:
    from assistant.settings import Settings

feedback_app = typer.Typer(help="Votes on answers from the widget or POST /v1/feedback.", no_args_is_help=True)


def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on (default: NWL_HOST or 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: NWL_PORT or 8000).")] = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help="Index folder (default: NWL_DATA_DIR).")] = None,
    widget_key: Annotated[
        bool, typer.Option(help="Put the first NWL_API_KEYS key into the demo page (trusted networks only).")
    ] = False,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    torch_threads: Annotated[
        int, typer.Option(min=1, max=64, help="CPU threads per query embedding (NWL_EMBEDDING_BACKEND=torch).")
    ] = 1,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Server processes (more than 1 needs NWL_CHROMA_MODE=http).")
    ] = 1,
) -> None:
    """Serve the API and the chat widget (http://127.0.0.1:8000 by default); the model loads once at start."""
    settings = build_settings(host=host, port=port, data_dir=data_dir)
    if workers > 1:
        serve_processes(settings, workers, widget_key, log_level)
        return
    from api.app import create_app
    from api.server import serve as run_server

    if settings.embedding_backend == EmbeddingBackend.torch:
        _limit_torch_threads(torch_threads)
    run_server(create_app(settings, widget_key_in_page=widget_key), settings.host, settings.port, log_level)


def _limit_torch_threads(threads: int) -> None:
    """Only the torch backend reads this; the onnx backend (the default) never imports torch at all."""
    import torch

    # A question embeds ~20 word pieces: splitting that over threads costs more than it saves, and with
    # concurrent requests (or anything else busy on the machine) spinning threads oversubscribe the cores.
    # Measured on 2 busy cores: p50 35 ms at 1 thread against 150+ ms at 2. Concurrency comes from the pool.
    torch.set_num_threads(threads)


def serve_processes(settings: Settings, workers: int, widget_key: bool, log_level: str) -> None:
    """`serve --workers N`: N processes sharing the catalog (data dir), a Chroma server and the rate limit."""
    import os

    from api.server import WIDGET_KEY_ENV, serve_workers
    from assistant.settings import ChromaMode

    if settings.chroma_mode is not ChromaMode.http:
        fail("--workers above 1 needs a Chroma server: set NWL_CHROMA_MODE=http (and NWL_CHROMA_HOST/PORT)")
    storage = settings.rate_limit_storage
    if storage.startswith("memory://"):
        # Counters in one file on the data dir, so the limit holds for the whole server, not per process.
        storage = f"sqlite:///{(settings.data_dir / 'ratelimit.sqlite3').resolve()}"
        err.print(f"rate limit shared by the {workers} workers through {storage}", style="dim", highlight=False)
    os.environ.update(
        {
            "NWL_DATA_DIR": str(settings.data_dir.resolve()),
            "NWL_RATE_LIMIT_STORAGE": storage,
            WIDGET_KEY_ENV: "1" if widget_key else "0",
        }
    )
    serve_workers(workers, settings.host, settings.port, log_level)


def bench_serve(
    url: Annotated[
        str | None, typer.Option(help="A running server on loopback to drive (default: start one on a free port).")
    ] = None,
    requests: Annotated[int, typer.Option(min=1, max=2000, help="Requests at 1 client.")] = 60,
    requests_concurrent: Annotated[int, typer.Option(min=1, max=4000, help="Requests in total at 8 clients.")] = 120,
    output: Annotated[Path, typer.Option("--out", help="Markdown file to update.")] = Path("docs/benchmarks.md"),
) -> None:
    """Drive POST /v1/ask with 1 and 8 concurrent clients on loopback; write p50/p95 and requests/s."""
    from api.bench import ServeBenchmark

    settings = build_settings()
    bench = ServeBenchmark(settings, url=url, requests=requests, requests_concurrent=requests_concurrent)
    text = run_guarded(lambda: bench.run(output))
    out.print(text, highlight=False)


def bench_resilience(
    duration: Annotated[
        float, typer.Option(min=10, max=600, help="Seconds per scenario (the documented run uses 60).")
    ] = 60.0,
    clients: Annotated[int, typer.Option(min=1, max=64, help="Concurrent loopback clients.")] = 16,
    output: Annotated[Path, typer.Option("--out", help="Markdown file to update.")] = Path("docs/benchmarks.md"),
) -> None:
    """Ask under load while the catalog is re-ingested, uploaded to, interrupted and the store disturbed."""
    from api.resilience import ResilienceBenchmark

    bench = ResilienceBenchmark(build_settings(), duration_s=duration, clients=clients)
    text = run_guarded(lambda: bench.run(output))
    out.print(text, highlight=False)


@feedback_app.command("export")
def feedback_export(
    output: Annotated[Path | None, typer.Option("--out", help="CSV file to write (default: standard output).")] = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help="Index folder (default: NWL_DATA_DIR).")] = None,
) -> None:
    """Write every vote (one row per answer, newest state) as CSV that Excel opens safely (BOM, no formulas)."""
    from api.feedback_store import FeedbackStore

    settings = build_settings(data_dir=data_dir)
    data, count = FeedbackStore.in_data_dir(settings.data_dir).export_csv()
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        try:
            output.write_bytes(data)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror}")
            return
    err.print(f"{count} feedback rows exported", highlight=False)


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Attach this package's commands to the main CLI."""
    app.command()(serve)
    bench_app.command("serve")(bench_serve)
    bench_app.command("resilience")(bench_resilience)
    app.add_typer(feedback_app, name="feedback")
