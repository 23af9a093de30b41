"""The same question gets the same dense ranking in every process: after a restart, in each worker, in CI.

Chroma keeps a collection's vector index in memory until it holds `sync_threshold` vectors; below that, each
process built its own approximate index on loading, and the bundled corpus (927 chunks) never reached the default
1000. Near ties then ranked differently from one process to the next, and so did answers and evaluation figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.settings import Settings

pytestmark = pytest.mark.slow

_RANKINGS = """
import json, sys
from assistant.embedding import make_embedder
from assistant.service import Assistant
from assistant.settings import Settings

settings = Settings()
assistant = Assistant(settings, make_embedder(settings))
questions = json.loads(sys.argv[1])
print(json.dumps([[h.chunk_id for h in assistant.store.query(assistant.embedder.embed_query(q), k=60)]
                  for q in questions]))
"""


def _rankings(settings: Settings, questions: list[str]) -> list[list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _RANKINGS, json.dumps(questions)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NWL_DATA_DIR": str(settings.data_dir)},
        check=True,
    )
    rankings: list[list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return rankings


def test_two_processes_rank_every_gold_question_the_same(bundled_index: Settings) -> None:
    gold = Path(__file__).parents[2] / "evals" / "datasets" / "gold.jsonl"
    questions = [json.loads(line)["question"] for line in gold.read_text("utf-8").splitlines()[:80]]
    first = _rankings(bundled_index, questions)
    assert all(len(r) == 60 for r in first)
    assert _rankings(bundled_index, questions) == first
