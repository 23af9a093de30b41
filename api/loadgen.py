"""Concurrent loopback clients asking questions while something happens to the server, and what they saw.

Shared by `nwl-assistant bench resilience` and the live-update tests: every answer is checked against the
catalog version it names (`catalog`): each citation must quote that version's document text verbatim at
its offsets, so an answer that mixed two versions is caught, and an answer drawn from an older version
after an update has settled counts as stale.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from assistant.errors import NwlError
from assistant.snapshot import Snapshot, load_snapshot

REQUEST_TIMEOUT_S = 30.0
# After a refused connection (server down) a client waits this long before asking again, as a browser
# user would; without it the count of failures measures only how fast a refused connect returns.
RECONNECT_PAUSE_S = 0.1


@dataclass
class Outcome:
    """One request: when it ran (monotonic seconds), how it ended, and which catalog answered it."""

    started: float
    ended: float
    status: int | str
    catalog: str = ""
    citations: list[dict[str, Any]] = field(default_factory=list)
    answer: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200


class Catalogs:
    """Catalog versions read from the data dir as soon as an answer names them (old ones are retired later)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._loaded: dict[str, Snapshot | None] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> Snapshot | None:
        with self._lock:
            if name not in self._loaded:
                try:
                    self._loaded[name] = load_snapshot(self.data_dir, with_keyword=False, name=name)
                except NwlError:
                    self._loaded[name] = None
            return self._loaded[name]

    def consistent(self, outcome: Outcome) -> bool:
        """Every citation is verbatim in the version the answer says it came from."""
        snapshot = self.get(outcome.catalog) if outcome.catalog else None
        if snapshot is None:
            return False
        for c in outcome.citations:
            doc = snapshot.documents.get(str(c["document"]))
            if doc is None or doc.text[int(c["start"]) : int(c["end"])] != c["quote"]:
                return False
        return True


class Load:
    """`clients` threads posting questions in rotation to /v1/ask until stopped."""

    def __init__(
        self,
        base_url: str,
        questions: Sequence[str],
        clients: int,
        catalogs: Catalogs,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.base_url = base_url
        self.questions = list(questions)
        self.clients = clients
        self.catalogs = catalogs
        self.headers = headers or {}
        self.outcomes: list[Outcome] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._tickets = itertools.count()
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> Load:
        for i in range(self.clients):
            thread = threading.Thread(target=self._client, name=f"load-client-{i}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(REQUEST_TIMEOUT_S + 5)

    def _client(self) -> None:
        with httpx.Client(base_url=self.base_url, timeout=REQUEST_TIMEOUT_S, headers=self.headers) as client:
            while not self._stop.is_set():
                with self._lock:
                    question = self.questions[next(self._tickets) % len(self.questions)]
                outcome = self._ask(client, question)
                if isinstance(outcome.status, str):
                    self._stop.wait(RECONNECT_PAUSE_S)
                if outcome.catalog:
                    self.catalogs.get(outcome.catalog)  # read it now, before it can be retired
                with self._lock:
                    self.outcomes.append(outcome)

    @staticmethod
    def _ask(client: httpx.Client, question: str) -> Outcome:
        started = time.monotonic()
        try:
            response = client.post("/v1/ask", json={"question": question})
        except httpx.HTTPError as exc:
            return Outcome(started, time.monotonic(), exc.__class__.__name__)
        ended = time.monotonic()
        if response.status_code != 200:
            return Outcome(started, ended, response.status_code)
        body = response.json()
        return Outcome(started, ended, 200, str(body.get("catalog", "")), list(body["citations"]), body["answer"])


@dataclass(frozen=True)
class Verdict:
    """What a run under load came to; `stale` counts answers from an old catalog `settle_s` after the update."""

    requests: int
    failed: int
    inconsistent: int
    stale: int
    failures: dict[str, int]


def judge(
    outcomes: Sequence[Outcome], catalogs: Catalogs, latest: str | None, settled_at: float | None, settle_s: float = 5.0
) -> Verdict:
    """Count failures, answers not verbatim in their own catalog, and answers still from an old one after settling."""
    failures: dict[str, int] = {}
    for o in outcomes:
        if not o.ok:
            failures[str(o.status)] = failures.get(str(o.status), 0) + 1
    ok = [o for o in outcomes if o.ok]
    stale = 0
    if latest is not None and settled_at is not None:
        stale = sum(1 for o in ok if o.started >= settled_at + settle_s and o.catalog != latest)
    return Verdict(
        requests=len(outcomes),
        failed=sum(failures.values()),
        inconsistent=sum(1 for o in ok if not catalogs.consistent(o)),
        stale=stale,
        failures=failures,
    )
