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


def _timed_ingest(data_dir: Path, settings: Settings, model_cache: Path) -> tuple[float, dict[str, object], float]:
    """Run `ingest` in a fresh process so imports and model loading count, as for a user."""
    env = {
        **os.environ,
        "NWL_DATA_DIR": str(data_dir),
        "NWL_CORPUS_DIR": str(settings.corpus_dir),
        "NWL_MODEL_CACHE_DIR": str(model_cache),
    }
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


def run_ingest_benchmark(settings: Settings, output: Path, repeats: int = 3) -> str:
    """Fresh processes: a new machine (model not yet converted), cold data dirs, then an unchanged re-run.

    The cold run is repeated and its median reported, because on a shared 2-core machine one run can
    be several seconds off; the range is printed beside it.
    """
    with tempfile.TemporaryDirectory(prefix="nwl-bench-") as tmp:
        cache = Path(tmp) / "models"
        first_s, first, first_mb = _timed_ingest(Path(tmp) / "first", settings, cache)
        colds = [_timed_ingest(Path(tmp) / f"cold{i}", settings, cache) for i in range(repeats)]
        warm_s, warm, warm_mb = _timed_ingest(Path(tmp) / "cold0", settings, cache)
    cold_s, cold, cold_mb = sorted(colds, key=lambda run: run[0])[len(colds) // 2]
    spread = f"median of {repeats}, range {min(r[0] for r in colds):.2f}–{max(r[0] for r in colds):.2f}"

    def row(label: str, seconds: float, report: dict[str, object], rss: float, target: str) -> str:
        embedded = int(str(report["chunks_embedded"]))
        rate = f"{embedded / seconds:.1f}" if embedded else "–"
        return f"| {label} | {seconds:.2f} | {report['chunks']} | {embedded} | {rate} | {rss:.0f} | {target} |"

    body = "\n".join(
        [
            "## Ingest (`nwl-assistant bench ingest`)",
            "",
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine_line()}, embedding backend "
            f"`{settings.embedding_backend}`. Each run is a fresh process (imports and model load included) "
            "ingesting the bundled corpus. The first run starts with an empty model cache, so it also converts "
            "the model for onnxruntime, once per machine; the cold run starts from an empty data directory.",
            "",
            "| run | wall seconds | chunks | chunks embedded | chunks/s | peak RSS (MB) | target |",
            "|---|---:|---:|---:|---:|---:|---|",
            row("first run on a new machine (model conversion + cold ingest)", first_s, first, first_mb, "–"),
            row(f"cold, empty data dir ({spread})", cold_s, cold, cold_mb, "≤ 20 s"),
            row("re-run, nothing changed", warm_s, warm, warm_mb, "≤ 2 s"),
        ]
    )
    write_section(output, "ingest", body)
    return body


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile; enough for latency figures from a few hundred samples."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def bench_questions(dataset: Path, limit: int) -> list[tuple[str, list[dict[str, str]]]]:
    """A fixed list of gold-set questions (with their history), in file order."""
    questions = []
    for line in dataset.read_text("utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            questions.append((str(item["question"]), list(item.get("history") or [])))
        if len(questions) >= limit:
            break
    return questions


def run_ask_benchmark(settings: Settings, dataset: Path, output: Path, limit: int = 60, rounds: int = 3) -> str:
    from assistant.contract import AskRequest, Turn
    from assistant.embedding import make_embedder
    from assistant.service import Assistant

    started = time.perf_counter()
    assistant = Assistant(settings, make_embedder(settings))
    load_s = time.perf_counter() - started
    requests = [
        AskRequest(question=q, history=[Turn.model_validate(t) for t in h]) for q, h in bench_questions(dataset, limit)
    ]
    for request in requests:  # warm-up: caches, lazy imports, first HNSW touches
        assistant.ask(request)
    stages: dict[str, list[float]] = {"retrieve": [], "compose": [], "total": []}
    for _ in range(rounds):
        for request in requests:
            timings = assistant.ask(request).timings_ms
            stages["retrieve"].append(timings.retrieve)
            stages["compose"].append(timings.compose)
            stages["total"].append(timings.total)
    rows = [
        f"| {stage} | {percentile(values, 50):.1f} | {percentile(values, 95):.1f} | {max(values):.1f} |"
        for stage, values in stages.items()
    ]
    body = "\n".join(
        [
            "## Ask (`nwl-assistant bench ask`)",
            "",
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine_line()}, extractive composer, warm process "
            f"(model and indexes loaded once in {load_s:.1f} s). {len(requests)} gold-set questions "
            f"× {rounds} rounds = {len(stages['total'])} answers after one warm-up round.",
            "",
            "| stage | p50 ms | p95 ms | max ms |",
            "|---|---:|---:|---:|",
            *rows,
            "",
            "Targets: retrieval + extractive answer p50 ≤ 50 ms, p95 ≤ 150 ms.",
        ]
    )
    write_section(output, "ask", body)
    return body
