"""The wiring: every command registered by its package, the core importing no outer layer, serve without torch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from assistant.cli import build_app
from assistant.settings import Settings

# Every command and its options and arguments, as `nwl-assistant` had them before commands moved to their packages.
COMMANDS: dict[str, set[str]] = {
    "ask": {"--borough", "--data-dir", "--history", "--json", "--jsonl", "--out", "question"},
    "changes": {"--borough", "--data-dir", "--format", "--out", "--topic"},
    "bench ask": {"--data-dir", "--dataset", "--limit", "--output", "--rounds"},
    "bench ingest": {"--output"},
    "bench serve": {"--out", "--requests", "--requests-concurrent", "--url"},
    "bench resilience": {"--clients", "--duration", "--out"},
    "eval": {
        "--changes",
        "--changes-dataset",
        "--changes-only",
        "--check",
        "--data-dir",
        "--dataset",
        "--docs",
        "--gate",
        "--gate-config",
        "--judge",
        "--out",
        "--split",
        "--systems",
        "--write-docs",
    },
    "faq approve": {"--data-dir", "--question", "pack_file"},
    "faq build": {"--all", "--borough", "--data-dir", "--format", "--out", "--questions"},
    "faq check": {"--borough", "--data-dir", "--json"},
    "faq export-eval": {"--data-dir", "--out"},
    "feedback export": {"--data-dir", "--out"},
    "ingest": {"--data-dir", "--json", "--rebuild", "path"},
    "serve": {"--data-dir", "--host", "--log-level", "--port", "--torch-threads", "--widget-key", "--workers"},
}


def _leaves(command: Any, path: tuple[str, ...] = ()) -> dict[str, set[str]]:
    """Command path -> the long option names (or argument names) of every runnable command under command."""
    if hasattr(command, "commands"):
        found: dict[str, set[str]] = {}
        for name, sub in command.commands.items():
            found |= _leaves(sub, (*path, name))
        return found
    names = {next((o for o in p.opts if o.startswith("--")), p.name) for p in command.params}
    return {" ".join(path): names}


def test_cli_has_every_command_and_option() -> None:
    assert _leaves(typer.main.get_command(build_app())) == COMMANDS


@pytest.mark.parametrize("path", sorted({*COMMANDS, "bench", "faq", "feedback"}))
def test_cli_help_of_every_command(path: str) -> None:
    result = CliRunner().invoke(build_app(), [*path.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and path.split()[-1] in result.output


def test_cli_entry_point_gathers_every_package(tmp_path: Path) -> None:
    """Through the installed metadata, as the `nwl-assistant` script runs: each package's commands are there."""
    script = "from assistant.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", script, "--help"], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    for name in ("ingest", "ask", "serve", "eval", "faq", "feedback", "bench"):
        assert f" {name} " in result.stdout


def _modules_after(code: str, cwd: Path) -> set[str]:
    """The modules a fresh interpreter holds after running code."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def _packages(modules: set[str], *names: str) -> set[str]:
    return {m for m in modules if m.split(".")[0] in names}


def test_importing_the_cli_loads_no_outer_layer(tmp_path: Path) -> None:
    modules = _modules_after("import assistant.cli", tmp_path)
    assert "assistant.cli" in modules
    assert _packages(modules, "api", "evals", "ingest", "torch") == set()


def test_serve_path_imports_no_torch_nor_eval_suite(tmp_path: Path) -> None:
    """The serve command's imports and the app it builds, with the default (onnx) backend.

    The root CLI loads every package's thin command module; the eval suite behind `eval` stays unloaded."""
    code = (
        "from assistant.cli import build_app\nfrom api.cli import serve\nfrom api.server import serve as run\n"
        "from api.app import create_app\nfrom assistant.settings import Settings\n"
        f"build_app()\ncreate_app(Settings(data_dir={str(tmp_path / 'data')!r}))"
    )
    modules = _modules_after(code, tmp_path)
    assert {"api.app", "api.cli", "api.server"} <= modules
    assert _packages(modules, "torch", "sentence_transformers") == set()
    assert _packages(modules, "evals") == {"evals", "evals.cli"}


@pytest.mark.slow
def test_served_app_answers_without_torch(bundled_index: Settings, tmp_path: Path) -> None:
    """The app's start-up loads the model and the index (onnxruntime); torch stays out of the process."""
    code = (
        "from fastapi.testclient import TestClient\nfrom api.app import create_app\n"
        "from assistant.settings import Settings\n"
        f"with TestClient(create_app(Settings(data_dir={str(bundled_index.data_dir)!r}))) as client:\n"
        "    answer = client.post('/v1/ask', json={'question': 'When do the new contracts start?'}).json()\n"
        "    assert '1st October 2025' in answer['answer'], answer"
    )
    modules = _modules_after(code, tmp_path)
    assert "onnxruntime" in modules
    assert _packages(modules, "torch", "sentence_transformers") == set()
