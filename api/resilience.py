"""`nwl-assistant bench resilience`: clients keep asking while the catalog and the store are disturbed.

Each scenario runs `clients` loopback clients against a `nwl-assistant serve` process for `duration_s`
seconds; the disturbance starts after a short steady phase. Per scenario the table gives the requests made,
those that failed (any non-200 or transport error), answers still drawn from an older catalog 5 s after an
update finished (stale), and recovery seconds (how long after the update, or after the store came back,
until every answer was from the new catalog, or the first answer succeeded again). Every answer's citations
are also checked verbatim against the catalog it names (api/loadgen.py); a mismatch is listed as a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

from api.bench import QUESTIONS
from api.loadgen import RECONNECT_PAUSE_S, Catalogs, Load, Outcome, judge
from api.processes import ChromaServer, finish, free_port, interrupt, start_cli, stop
from assistant.bench import machine_line, write_section
from assistant.errors import NwlError
from assistant.settings import Settings
from assistant.snapshot import current_name

ADMIN_KEY = "resilience-bench-admin-key"
STEADY_S = 5.0
SETTLE_S = 5.0
EDITED = "000_aa87430d678cc82c.txt"
LARGE = "003_f63b90dd9f61820c.txt"
UPLOAD = b"""# Bench note

The resilience benchmark uploaded this note while clients were asking questions.
"""


@dataclass
class Event:
    """What a disturbance did: when it settled, the catalog that should then answer, and recovery seconds."""

    settled_at: float | None = None
    recovered_s: float | None = None
    note: str = ""


@dataclass
class Row:
    name: str
    requests: int
    failed: str
    stale: str
    recovery: str
    note: str

    def markdown(self) -> str:
        return f"| {self.name} | {self.requests} | {self.failed} | {self.stale} | {self.recovery} | {self.note} |"


def _stale_window(outcomes: list[Outcome], latest: str, settled_at: float) -> float:
    """Seconds after the update until the last answer that still came from an older catalog started."""
    old = [o.started for o in outcomes if o.ok and o.catalog != latest and o.started >= settled_at]
    return max(0.0, max(old) - settled_at) if old else 0.0


class ResilienceBenchmark:
    """Runs the scenarios in order on two data dirs (embedded store, `chroma run`), then writes the table."""

    def __init__(self, settings: Settings, duration_s: float = 60.0, clients: int = 16) -> None:
        self.settings = settings
        self.duration_s = duration_s
        self.clients = clients
        self.rows: list[Row] = []
        self._revision = 0
        self._proc: subprocess.Popen[bytes] | None = None

    def run(self, output: Path) -> str:
        load_avg = os.getloadavg()[0]
        with tempfile.TemporaryDirectory(prefix="nwl-resilience-") as tmp:
            root = Path(tmp)
            embedded = self._prepare(root / "embedded", self.settings)
            with self._server(embedded) as url:
                self._scenario(f"{self.clients} clients × {self.duration_s:.0f} s, nothing changes", url, embedded)
                self._scenario("re-ingest in another process, embedded store", url, embedded, self._reingest)
                self._scenario("upload through the admin API", url, embedded, self._upload)
                self._scenario("ingest killed mid-way, then run again", url, embedded, self._killed_ingest)
                self._scenario("chroma.sqlite3 truncated to 0 bytes", url, embedded, self._truncate)
            chroma = ChromaServer(root / "chroma-server")
            chroma.start()
            try:
                served = self._prepare(root / "server", chroma.settings(self.settings))
                with self._server(served) as url:
                    self._scenario("re-ingest in another process, `chroma run` server", url, served, self._reingest)
                    kill = self._chroma_outage(chroma)
                    self._scenario("Chroma server killed, restarted 5 s later", url, served, kill)
            finally:
                chroma.stop()
        body = "\n".join(
            [
                "## Resilience (`nwl-assistant bench resilience`)",
                "",
                f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine_line()} (1-minute load average {load_avg:.1f} "
                f"at the start). Each row: {self.clients} loopback clients asking 8 fixed questions in rotation "
                f"for {self.duration_s:.0f} s against one `nwl-assistant serve` process over the bundled corpus; the "
                f"disturbance starts after {STEADY_S:.0f} s (a client pauses {RECONNECT_PAUSE_S:.1f} s after a refused "
                "connection). *Failed*: non-200 answers or transport errors, and "
                "answers whose citations are not verbatim in the catalog they name. *Stale*: answers started "
                f"{SETTLE_S:.0f} s or more after the update finished that came from an older catalog. *Recovery*: "
                "seconds after the update finished until the last answer from an older catalog, or after the "
                "store came back until answers succeeded again.",
                "",
                "| scenario | requests | failed requests | stale answers after 5 s | recovery s | what happened |",
                "|---|---:|---:|---:|---:|---|",
                *(row.markdown() for row in self.rows),
                "",
                "Targets: 0 failed and 0 stale for every update; Chroma restart: 503 only while it is down, "
                "recovery ≤ 5 s after it returns.",
            ]
        )
        write_section(output, "resilience", body)
        return body

    def _prepare(self, root: Path, base: Settings) -> Settings:
        """A writable copy of the corpus and a data dir, ingested by the CLI as a user would."""
        corpus = root / "corpus"
        shutil.copytree(base.corpus_dir, corpus)
        settings = base.model_copy(update={"data_dir": root / "data", "corpus_dir": corpus})
        finish(start_cli(settings, "ingest"))
        return settings

    @contextmanager
    def _server(self, settings: Settings) -> Iterator[str]:
        port = free_port()
        self._start(settings, port)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            if self._proc is not None:
                stop(self._proc)

    def _start(self, settings: Settings, port: int) -> None:
        """Start `serve` on `port` and wait until it is ready (a restart reuses the port the clients use)."""
        env = {
            "NWL_PORT": str(port),
            "NWL_ADMIN_KEYS": f'["{ADMIN_KEY}"]',
            "NWL_RATE_LIMIT_PER_MINUTE": "100000000",  # one host hammering on purpose
        }
        self._proc = start_cli(settings, "serve", "--log-level", "warning", **env)
        deadline = time.monotonic() + 180
        while not self._ready(f"http://127.0.0.1:{port}"):
            if self._proc.poll() is not None or time.monotonic() > deadline:
                raise NwlError("the benchmark server did not become ready")
            time.sleep(0.5)

    @staticmethod
    def _ready(url: str) -> bool:
        try:
            return httpx.get(f"{url}/readyz", timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    def _scenario(
        self, name: str, url: str, settings: Settings, disturb: Callable[[str, Settings], Event] | None = None
    ) -> None:
        catalogs = Catalogs(settings.data_dir)
        started = time.monotonic()
        with Load(url, QUESTIONS, self.clients, catalogs) as load:
            time.sleep(STEADY_S)
            event = disturb(url, settings) if disturb else Event(note="steady load")
            time.sleep(max(0.0, started + self.duration_s - time.monotonic()))
        latest = current_name(settings.data_dir) if disturb else None
        verdict = judge(load.outcomes, catalogs, latest, event.settled_at, SETTLE_S)
        recovered = event.recovered_s
        if recovered is None and latest is not None and event.settled_at is not None:
            recovered = _stale_window(load.outcomes, latest, event.settled_at)
        kinds = ", ".join(f"{k}: {v}" for k, v in sorted(verdict.failures.items()))
        failed = verdict.failed + verdict.inconsistent
        detail = f" ({kinds})" if kinds else ""
        detail += f" ({verdict.inconsistent} not verbatim)" if verdict.inconsistent else ""
        self.rows.append(
            Row(
                name=name,
                requests=verdict.requests,
                failed=f"{failed}{detail}",
                stale=str(verdict.stale) if event.settled_at is not None else "–",
                recovery="–" if recovered is None else f"{recovered:.1f}",
                note=event.note,
            )
        )

    def _edit(self, settings: Settings, file: str) -> None:
        self._revision += 1
        path = settings.corpus_dir / file
        path.write_text(path.read_text("utf-8") + f"\n\nRevision note {self._revision}: revised under load.\n")

    def _reingest(self, url: str, settings: Settings) -> Event:
        before = current_name(settings.data_dir)
        self._edit(settings, EDITED)
        began = time.monotonic()
        finish(start_cli(settings, "ingest"))
        done = time.monotonic()
        published = current_name(settings.data_dir) != before
        return Event(done, note=f"ingest took {done - began:.1f} s; new catalog published: {published}")

    def _upload(self, url: str, settings: Settings) -> Event:
        auth = {"Authorization": f"Bearer {ADMIN_KEY}"}
        self._revision += 1
        files = {"file": (f"bench-note-{self._revision}.md", UPLOAD)}
        with httpx.Client(base_url=url, timeout=60, headers=auth) as client:
            began = time.monotonic()
            job_id = client.post("/v1/admin/documents", files=files).raise_for_status().json()["job_id"]
            while (job := client.get(f"/v1/admin/jobs/{job_id}").json())["state"] not in ("done", "failed"):
                time.sleep(0.2)
        done = time.monotonic()
        return Event(done, note=f"upload job {job['state']} in {done - began:.1f} s")

    def _killed_ingest(self, url: str, settings: Settings) -> Event:
        before = current_name(settings.data_dir)
        self._edit(settings, LARGE)
        proc = start_cli(settings, "ingest")
        time.sleep(6.0)  # model loaded, the large document part embedded
        interrupt(proc)
        kept = current_name(settings.data_dir) == before
        finish(start_cli(settings, "ingest"))
        done = time.monotonic()
        return Event(done, note=f"kill -9 after 6 s (previous catalog kept: {kept}), then a full run")

    def _truncate(self, url: str, settings: Settings) -> Event:
        """Damage the store under the server, then recover as the README says: stop, `ingest --rebuild`, start."""
        sqlite = settings.chroma_dir / "chroma.sqlite3"
        with sqlite.open("r+b") as fh:
            fh.truncate(0)
        hit = time.monotonic()
        plain = start_cli(settings, "ingest")
        plain.communicate(timeout=300)
        if self._proc is not None:
            stop(self._proc)
        finish(start_cli(settings, "ingest", "--rebuild"))
        self._start(settings, int(url.rsplit(":", 1)[1]))
        back = time.monotonic()
        return Event(
            back,
            back - hit,
            note=f"`ingest` refused (exit {plain.returncode}); server stopped, `ingest --rebuild` (damaged store "
            "set aside), server started again; recovery counted from the truncation",
        )

    def _chroma_outage(self, chroma: ChromaServer) -> Callable[[str, Settings], Event]:
        def outage(url: str, settings: Settings) -> Event:
            chroma.stop(kill=True)
            time.sleep(5.0)
            chroma.start()
            back = time.monotonic()
            deadline = back + 60
            with httpx.Client(base_url=url, timeout=30) as client:
                while time.monotonic() < deadline:
                    if client.post("/v1/ask", json={"question": QUESTIONS[0]}).status_code == 200:
                        break
                    time.sleep(0.1)
            return Event(None, time.monotonic() - back, note="kill -9 of `chroma run`; 503s expected while down")

        return outage
