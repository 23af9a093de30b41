"""The `nwl-assistant` command line: a root that gathers the commands each package registers.

Packages register through the `nwl_assistant.commands` entry-point group (see pyproject.toml), each with a
`register(app, bench_app)` function, so this module imports none of them: `import assistant.cli` loads
neither the web layer nor the eval suite, and a process only imports the package whose command it runs.
"""

from __future__ import annotations

import sys
from importlib.metadata import entry_points

import typer

from assistant.cli_support import err

ENTRY_POINT_GROUP = "nwl_assistant.commands"

app = typer.Typer(
    name="nwl-assistant",
    help="Cited answers over NHS North West London planning and consultation documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
bench_app = typer.Typer(help="Benchmarks that write their figures into docs/benchmarks.md.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")

_loaded: list[str] = []


def build_app() -> typer.Typer:
    """The root app with every registered package's commands attached (once, in entry-point name order)."""
    if not _loaded:
        for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            entry.load()(app, bench_app)
            _loaded.append(entry.name)
    return app


def main() -> None:
    try:
        build_app()()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
