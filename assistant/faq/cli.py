"""CLI commands owned by the FAQ package (`faq build|approve|check|export-eval`)."""

from __future__ import annotations

import typer


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Attach this package's commands to the main CLI (none yet)."""
