"""`nwl-assistant bench serve`: latency and throughput of POST /v1/ask over loopback, into docs/benchmarks.md.

The server runs in its own process (as `nwl-assistant serve` would), so client threads do not compete
with it for the interpreter lock. Every phase is bounded twice: by a request count and by a deadline.
"""

from __future__ import annotations

import itertools
import math
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import httpx

from api.processes import stop
from assistant.bench import machine_line, write_section
from assistant.errors import InputError, NwlError
from assistant.settings import Settings

QUESTIONS = (
    "What changes for palliative care in Hammersmith and Fulham?",
    "When do the new contracts start?",
    "What are Ealing's borough partnership priorities?",
    "What did the board hear about MSK physiotherapy waiting times?",
    "What is the Local Services vision for NW London?",
    "How many enhanced end-of-life care beds will H&F get?",
    "What are the priorities for Brent?",
    "What is the hospice at home service?",
)
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
CONCURRENT_CLIENTS = 8
REQUEST_TIMEOUT_S = 30.0
PHASE_DEADLINE_S = 300.0
START_DEADLINE_S = 180.0


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (no interpolation), so the figure is a latency some request really had."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Phase:
    clients: int
    planned: int
    latencies_ms: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    wall_s: float = 0.0

    @property
    def done(self) -> int:
        return len(self.latencies_ms) + sum(self.errors.values())

    def row(self, target: str) -> str:
        rps = len(self.latencies_ms) / self.wall_s if self.wall_s else 0.0
        errors = sum(self.errors.values())
        kinds = f" ({', '.join(f'{k}: {v}' for k, v in self.errors.most_common())})" if errors else ""
        return (
            f"| {self.clients} | {self.done} of {self.planned} | {errors}{kinds} | "
            f"{percentile(self.latencies_ms, 50):.1f} | {percentile(self.latencies_ms, 95):.1f} | "
            f"{percentile(self.server_ms, 50):.1f} | {rps:.1f} | {target} |"
        )


@dataclass
class _Server:
    process: subprocess.Popen[bytes]
    log: IO[bytes]

    def log_tail(self) -> str:
        self.log.seek(0)
        lines = self.log.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else "(no output)"


class ServeBenchmark:
    """Drives a server (started here, or given as a loopback URL) with 1 and then 8 concurrent clients."""

    def __init__(self, settings: Settings, url: str | None = None, requests: int = 60, requests_concurrent: int = 120):
        self.settings = settings
        self.url = url
        self.requests = requests
        self.requests_concurrent = requests_concurrent
        self.headers = {"Authorization": f"Bearer {settings.revealed_api_keys[0]}"} if settings.api_keys else {}

    def run(self, output: Path) -> str:
        # Other work on the machine moves these figures a lot on 2 cores; the load says how much there was.
        load = os.getloadavg()[0]
        with self._target() as (base, server):
            self._wait_ready(base, server)
            self._phase(base, 1, len(QUESTIONS))  # warm-up: first calls pay for lazy initialisation
            single = self._phase(base, 1, self.requests)
            concurrent = self._phase(base, CONCURRENT_CLIENTS, self.requests_concurrent)
        where = f"a server at {self.url}" if self.url else "a server process started by the benchmark"
        body = "\n".join(
            [
                "## Serve (`nwl-assistant bench serve`)",
                "",
                f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine_line()}. `POST /v1/ask` over loopback to "
                f"{where}, {len(QUESTIONS)} fixed questions in rotation, after one warm-up request per question "
                f"(1-minute load average {load:.1f} at the start). "
                "Latency is the client's wall time per request; *in assistant* is the server's own "
                "`timings_ms.total` (retrieval and composition, without HTTP).",
                "",
                "| clients | requests | errors | p50 ms | p95 ms | in assistant p50 ms | requests/s | target |",
                "|---:|---:|---|---:|---:|---:|---:|---|",
                single.row("p50 ≤ 60 ms"),
                concurrent.row("0 errors"),
            ]
        )
        write_section(output, "serve", body)
        return body

    @contextmanager
    def _target(self) -> Iterator[tuple[str, _Server | None]]:
        if self.url is not None:
            host = urlsplit(self.url).hostname or ""
            if host not in LOOPBACK_HOSTS:
                raise InputError(f"--url must be a loopback address (127.0.0.1, localhost, ::1), not {host!r}")
            yield self.url.rstrip("/"), None
            return
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        env = {
            **os.environ,
            "NWL_DATA_DIR": str(self.settings.data_dir.resolve()),
            "NWL_HOST": "127.0.0.1",
            "NWL_PORT": str(port),
            # The benchmark is one client hammering on purpose; the per-client limit would measure itself.
            "NWL_RATE_LIMIT_PER_MINUTE": "100000000",
        }
        command = [sys.executable, "-m", "assistant.cli", "serve", "--log-level", "warning"]
        with tempfile.TemporaryFile() as log:
            proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
            try:
                yield f"http://127.0.0.1:{port}", _Server(proc, log)
            finally:
                stop(proc)

    def _wait_ready(self, base: str, server: _Server | None) -> None:
        deadline = time.monotonic() + START_DEADLINE_S
        reason = "no answer"
        with httpx.Client(base_url=base, timeout=5, headers=self.headers) as client:
            while time.monotonic() < deadline:
                if server is not None and server.process.poll() is not None:
                    raise NwlError(f"the server exited with code {server.process.returncode}: {server.log_tail()}")
                try:
                    response = client.get("/readyz")
                    if response.status_code == 200:
                        return
                    reason = str(response.json().get("reason"))
                except httpx.HTTPError as exc:
                    reason = exc.__class__.__name__
                time.sleep(0.5)
        raise NwlError(f"the server at {base} was not ready within {START_DEADLINE_S:.0f} s ({reason})")

    def _phase(self, base: str, clients: int, total: int) -> Phase:
        phase = Phase(clients, total)
        tickets = itertools.count()
        lock = threading.Lock()
        deadline = time.monotonic() + PHASE_DEADLINE_S

        def worker() -> None:
            with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S, headers=self.headers) as client:
                while True:
                    with lock:
                        n = next(tickets)
                    if n >= total or time.monotonic() > deadline:
                        return
                    started = time.perf_counter()
                    try:
                        response = client.post("/v1/ask", json={"question": QUESTIONS[n % len(QUESTIONS)]})
                        elapsed = (time.perf_counter() - started) * 1000
                        ok = response.status_code == 200
                        kind = "" if ok else f"HTTP {response.status_code}"
                        server = float(response.json()["timings_ms"]["total"]) if ok else 0.0
                    except httpx.HTTPError as exc:
                        ok, kind, elapsed, server = False, exc.__class__.__name__, 0.0, 0.0
                    with lock:
                        if ok:
                            phase.latencies_ms.append(elapsed)
                            phase.server_ms.append(server)
                        else:
                            phase.errors[kind] += 1

        started = time.perf_counter()
        threads = [threading.Thread(target=worker, name=f"bench-client-{i}") for i in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(PHASE_DEADLINE_S + REQUEST_TIMEOUT_S)
        phase.wall_s = time.perf_counter() - started
        return phase
