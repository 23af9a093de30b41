"""Vectors of change statements, each made once per ingest run.

Filing each statement for residents or the organisation (ingest/change_audience.py) and finding the same change
stated in two documents (ingest/change_register.py `settle`) embed the same statements, and the Joint Forward Plan
prints some tables twice; on 2 cores the repeats were seconds of a cold ingest. Kept for one run only (an Ingestor
is made per run), so a long-running server that re-ingests on edits does not grow it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np

Embed = Callable[[list[str]], np.ndarray]


class StatementVectors:
    """An Embed that asks the model only for texts it has not seen in this run."""

    def __init__(self, embed: Callable[[Sequence[str]], np.ndarray]) -> None:
        self._embed = embed
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def __call__(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
            if missing:
                self._vectors.update(zip(missing, self._embed(missing), strict=True))
            if not texts:
                return self._embed([])
            return np.stack([self._vectors[t] for t in texts])
