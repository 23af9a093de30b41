"""Helpers every package's commands share: settings from options, one-line errors, the loaded assistant.

It imports no command module, so `assistant`, `ingest`, `api` and `evals` can all build their commands on it
without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, ProgressColumn, TextColumn, TimeElapsedColumn

from assistant.errors import NwlError
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.embedding import Embedder
    from assistant.service import Assistant

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
    """Settings from the environment, with the options the user gave (None = not given) on top."""
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
    """Turn the project's own errors into the one-line CLI error."""
    try:
        yield
    except NwlError as exc:
        fail(str(exc))


def run_guarded(fn: Callable[[], T]) -> T:
    """Call fn, turning the project's own errors into the one-line CLI error."""
    with cli_errors():
        return fn()
    raise AssertionError("unreachable")


def progress_columns() -> tuple[ProgressColumn, ...]:
    """The columns of every progress bar the CLI draws: label, bar, n/total, elapsed."""
    return (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())


def embedder_factory(settings: Settings) -> Callable[[], Embedder]:
    """A deferred embedder, so commands that never embed never load the model; notes a one-off conversion."""

    def make() -> Embedder:
        from assistant.embedding import conversion_pending, make_embedder

        if conversion_pending(settings):
            err.print(
                f"Converting the embedding model for onnxruntime (one-off, cached in {settings.model_cache_dir})",
                style="dim",
                highlight=False,
            )
        return make_embedder(settings)

    return make


def load_assistant(settings: Settings) -> Assistant:
    """The assistant over the committed index, or a one-line error when there is none."""
    from assistant.service import Assistant

    return run_guarded(lambda: Assistant(settings, embedder_factory(settings)()))
