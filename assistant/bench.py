"""Benchmarks whose figures are written into docs/benchmarks.md by the command itself."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from assistant.errors import NwlError
from assistant.settings import Settings


def machine_line() -> str:
    return f"{platform.machine()}, {os.cpu_count()} CPU cores, Python {platform.python_version()}"


def write_section(output: Path, name: str, body: str) -> None:
    """Replace (or append) the block between `<!-- bench:NAME -->` markers, leaving the rest alone."""
    output.parent.mkdir(parents=True, exist_ok=True)
    text = (
        output.read_text("utf-8")
        if output.exists()
        else "# Benchmarks\n\nWritten by `nwl-assistant bench ...`; do not edit figures by hand.\n"
    )
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    output.write_text(text, "utf-8")


def _timed_ingest(data_dir: Path, settings: Settings) -> tuple[float, dict[str, object], float]:
    """Run `ingest` in a fresh process so imports and model loading count, as for a user."""
    env = {**os.environ, "NWL_DATA_DIR": str(data_dir), "NWL_CORPUS_DIR": str(settings.corpus_dir)}
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ingest", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise NwlError(f"benchmark ingest failed: {proc.stderr.strip().splitlines()[-1:]}")
    report = json.loads(proc.stdout)
    return seconds, report, float(report["peak_rss_mb"])


def run_ingest_benchmark(settings: Settings, output: Path) -> str:
    with tempfile.TemporaryDirectory(prefix="nwl-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        cold_s, cold, cold_mb = _timed_ingest(data_dir, settings)
        warm_s, warm, warm_mb = _timed_ingest(data_dir, settings)
    chunks = int(str(cold["chunks"]))
    body = "\n".join(
        [
            "## Ingest (`nwl-assistant bench ingest`)",
            "",
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine_line()}. Each run is a fresh process "
            "(imports and model load included) ingesting the bundled corpus.",
            "",
            "| run | wall seconds | chunks | chunks embedded | chunks/s | peak RSS (MB) | target |",
            "|---|---:|---:|---:|---:|---:|---|",
            f"| cold, empty data dir | {cold_s:.2f} | {chunks} | {cold['chunks_embedded']} | "
            f"{chunks / cold_s:.1f} | {cold_mb:.0f} | ≤ 20 s |",
            f"| re-run, nothing changed | {warm_s:.2f} | {warm['chunks']} | {warm['chunks_embedded']} | – | "
            f"{warm_mb:.0f} | ≤ 2 s |",
        ]
    )
    write_section(output, "ingest", body)
    return body
