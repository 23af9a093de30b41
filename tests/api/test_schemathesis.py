"""Schemathesis against the live app: every check, a fixed seed, bounded examples, and no failure allowed.

The server is `nwl-assistant serve` in its own process over the bundled corpus, with API keys (so the
401 paths are fuzzed too), an admin key, and a rate limit too high to reach. Failures are fixed in the
app, never here: the command line below is the whole of what this test decides.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.settings import Settings
from tests.api.conftest import ServeProcess

pytestmark = [pytest.mark.slow, pytest.mark.server]

API_KEY = "schemathesis-api-key-0123456789"
ADMIN_KEY = "schemathesis-admin-key-0123456789"
SEED = 20261202
# Per operation and phase: enough for the coverage phase's boundary cases plus some fuzzing, under ~2 min on 2 cores.
MAX_EXAMPLES = 15


@pytest.fixture(scope="module")
def live_server(
    bundled_index: Settings, tmp_path_factory: pytest.TempPathFactory, serve_process: ServeProcess
) -> Iterator[tuple[str, Path]]:
    """`serve` over a copy of the bundled index with keys set, logging at info; yields its URL and log file."""
    folder = tmp_path_factory.mktemp("live")
    data_dir = folder / "data"
    # A copy, so the votes schemathesis posts land in this module's folder, not the session's shared index.
    shutil.copytree(bundled_index.data_dir, data_dir, ignore=shutil.ignore_patterns("feedback.sqlite3*"))
    env = {
        "NWL_DATA_DIR": str(data_dir),
        "NWL_API_KEYS": json.dumps([API_KEY]),
        "NWL_ADMIN_KEYS": json.dumps([ADMIN_KEY]),
        "NWL_RATE_LIMIT_PER_MINUTE": "1000000",
    }
    # One FAQ pack, so the FAQ routes are fuzzed past their 404 (schemathesis warns when every answer is 404).
    build = ["faq", "build", "--borough", "Ealing", "--format", "json", "--out", str(folder / "packs")]
    subprocess.run([sys.executable, "-m", "assistant.cli", *build], env={**os.environ, **env}, check=True, timeout=300)
    log = folder / "serve.log"
    with serve_process(env, log, log_level="info") as (url, _):
        yield url, log


def test_schemathesis_finds_no_failure(live_server: tuple[str, Path]) -> None:
    url, log = live_server
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{url}/openapi.json",
        "--checks",
        "all",
        "--seed",
        str(SEED),
        "--max-examples",
        str(MAX_EXAMPLES),
        "--header",
        f"Authorization: Bearer {API_KEY}",
        # One worker: the run is then the same each time (with two, schemathesis 4.32 once raised an internal
        # FlakyFailure from a cache shared between its threads, a tool error rather than an API failure).
        "--workers",
        "1",
        "--request-timeout",
        "60",
        "--no-color",
    ]
    # Run from the log's folder: schemathesis keeps a cache (.schemathesis/) in its working directory.
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False, cwd=log.parent)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # "Test cases: 1112 generated, 1112 passed, 30 skipped": every operation was exercised, none failed.
    counts = re.search(r"(\d+) generated, (\d+) passed", output)
    assert counts is not None, output
    assert int(counts[1]) == int(counts[2]) >= 20 * MAX_EXAMPLES, output
    operations = re.search(r"Selected: (\d+)/(\d+)\s+Tested: (\d+)", output)
    assert operations is not None and operations[1] == operations[2] == operations[3], output
    # The FAQ routes reached their core logic (schemathesis lists operations that only ever answered 404).
    assert not re.search(r"^\s+- GET /v1/faq", output, re.MULTILINE), output


def test_serve_logs_hold_labels_not_personal_data(live_server: tuple[str, Path]) -> None:
    url, log = live_server
    headers = {"Authorization": f"Bearer {API_KEY}"}
    question = "Contracts for 943 476 5919, jo.bloggs@nhs.net, 07700 900123?"
    with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
        assert client.get("/v1/search", params={"q": question, "k": 2}).status_code == 200
        assert client.get("/v1/search", params={"q": "W12 8QT"}).status_code == 200
    deadline = time.monotonic() + 10
    while "GET /v1/search?q=[postcode]" not in (text := log.read_text("utf-8")):  # the last request, logged
        assert time.monotonic() < deadline, text[-2000:]
        time.sleep(0.2)
    assert "GET /v1/search?q=Contracts for [NHS number], [email address], [phone number]?&k=2" in text
    # The access log's client address ("127.0.0.1:59192") is the test's own ephemeral port, not the question's.
    logged = re.sub(r"\b\d{1,3}(?:\.\d{1,3}){3}:\d+\b", "[client]", text)
    for secret in ("5919", "jo.bloggs", "900123", "8QT"):
        assert secret not in logged, secret
