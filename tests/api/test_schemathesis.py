"""Schemathesis against the live app: every check, a fixed seed, bounded examples, and no failure allowed.

The server is `nwl-assistant serve` in its own process over the bundled corpus, with API keys (so the
401 paths are fuzzed too), an admin key, and a rate limit too high to reach. Failures are fixed in the
app, never here: the command line below is the whole of what this test decides.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.settings import Settings
from tests.api.conftest import ServeProcess

pytestmark = [pytest.mark.slow, pytest.mark.server]

API_KEY = "schemathesis-api-key-0123456789"
ADMIN_KEY = "schemathesis-admin-key-0123456789"
SEED = 20261202
# Per operation and phase: enough for the coverage phase's boundary cases plus some fuzzing, under ~2 min on 2 cores.
MAX_EXAMPLES = 15


def test_schemathesis_finds_no_failure(bundled_index: Settings, tmp_path: Path, serve_process: ServeProcess) -> None:
    data_dir = tmp_path / "data"
    # A copy, so the votes schemathesis posts land in this test's folder, not the session's shared index.
    shutil.copytree(bundled_index.data_dir, data_dir, ignore=shutil.ignore_patterns("feedback.sqlite3*"))
    env = {
        "NWL_DATA_DIR": str(data_dir),
        "NWL_API_KEYS": json.dumps([API_KEY]),
        "NWL_ADMIN_KEYS": json.dumps([ADMIN_KEY]),
        "NWL_RATE_LIMIT_PER_MINUTE": "1000000",
    }
    with serve_process(env, tmp_path / "serve.log") as (url, _):
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
            "--workers",
            "2",
            "--request-timeout",
            "60",
            "--no-color",
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # "Test cases: 1112 generated, 1112 passed, 30 skipped": every operation was exercised, none failed.
    counts = re.search(r"(\d+) generated, (\d+) passed", output)
    assert counts is not None, output
    assert int(counts[1]) == int(counts[2]) >= 20 * MAX_EXAMPLES, output
    operations = re.search(r"Selected: (\d+)/(\d+)\s+Tested: (\d+)", output)
    assert operations is not None and operations[1] == operations[2] == operations[3], output
