"""The API's commands as a user runs them: `serve` in its own process, and `bench serve` against a server."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from assistant.cli import build_app
from assistant.settings import Settings
from tests.api.conftest import ServeProcess

cli = build_app()

pytestmark = [pytest.mark.slow, pytest.mark.server]


def test_serve_command_starts_api_and_widget(
    bundled_index: Settings, tmp_path: Path, serve_process: ServeProcess
) -> None:
    env = {"NWL_DATA_DIR": str(bundled_index.data_dir)}
    with serve_process(env, tmp_path / "serve.log") as (url, proc), httpx.Client(base_url=url, timeout=30) as client:
        page = client.get("/")
        assert 'src="/widget.js"' in page.text and "NW London documents assistant" in page.text
        assert "function renderMarkdown" in client.get("/widget.js").text
        answer = client.post("/v1/ask", json={"question": "When do the new contracts start?"}).json()
        assert "1st October 2025" in answer["answer"]
    assert proc.returncode in (0, -15)


def test_bench_serve_writes_figures_for_both_client_counts(api_url: str, tmp_path: Path) -> None:
    output = tmp_path / "benchmarks.md"
    output.write_text("# Benchmarks\n\n<!-- bench:ingest -->\nkept\n<!-- /bench:ingest -->\n", "utf-8")
    args = ["bench", "serve", "--url", api_url, "--requests", "3", "--requests-concurrent", "8", "--out", str(output)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    text = output.read_text("utf-8")
    assert "kept" in text and "<!-- bench:serve -->" in text
    assert "| 1 | 3 of 3 | 0 |" in text and "| 8 | 8 of 8 | 0 |" in text


def test_bench_serve_refuses_a_non_loopback_url(tmp_path: Path) -> None:
    args = ["bench", "serve", "--url", "http://example.org:8000", "--out", str(tmp_path / "b.md")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "loopback" in result.output
    assert not (tmp_path / "b.md").exists()
