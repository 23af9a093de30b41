"""Admin jobs: each upload or removal becomes one ingest, run one at a time by a single worker thread.

Jobs queue in arrival order, so two uploads sent at once are applied one after the other, never
interleaved. A job's file change is made under the data dir's ingest lock, just before its ingest, and
put back if the ingest fails or skips the file, so a bad file changes nothing. The running server picks up
the published catalog like any other (api/runtime.py's watcher).
"""

from __future__ import annotations

import json
import logging
import os
import queue
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Literal

from assistant.embedding import Embedder
from assistant.errors import NwlError
from assistant.faq.approvals import load_approvals, stale_citations
from assistant.settings import Settings
from assistant.snapshot import load_snapshot
from ingest.pipeline import Ingestor
from ingest.report import IngestReport
from ingest.uploads import Uploads

log = logging.getLogger(__name__)

JobState = Literal["queued", "running", "done", "failed"]
# Jobs kept for GET /v1/admin/jobs/{id}; the oldest finished ones are forgotten beyond this.
MAX_JOBS_KEPT = 200


@dataclass
class Job:
    """What GET /v1/admin/jobs/{id} reports; written by the worker thread only."""

    id: str
    doc_id: str
    file: str
    action: Literal["upload", "remove"]
    state: JobState = "queued"
    progress: float = 0.0
    message: str = "waiting for earlier jobs"
    documents: dict[str, int] = field(default_factory=dict)
    faq_review: list[str] = field(default_factory=list)


class _JobProgress:
    """Ingest progress mapped onto the job: documents settled out of those to look at."""

    def __init__(self, job: Job, save: Callable[[Job], None]) -> None:
        self.job = job
        self.save = save
        self.total = 0
        self.done = 0

    def documents(self, total: int) -> None:
        self.total = total

    def document_done(self, file: str) -> None:
        self.done += 1
        if self.total:
            # The last few percent are for publishing and the FAQ check.
            self.job.progress = round(0.95 * self.done / self.total, 3)
            self.job.message = f"ingesting: {self.done} of {self.total} documents looked at"
            self.save(self.job)

    def chunks_embedded(self, count: int) -> None:
        pass


class JobQueue:
    """One worker thread applying admin changes in order."""

    def __init__(self, settings: Settings, embedder: Callable[[], Embedder]) -> None:
        self.settings = settings
        self._embedder = embedder
        self.uploads = Uploads(settings.data_dir)
        self.jobs: dict[str, Job] = {}
        # Each state change is also written here, so every worker process can report any job.
        self.folder = settings.data_dir / "jobs"
        self._queue: queue.Queue[tuple[Job, Callable[[], None]]] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, doc_id: str, file: str, action: Literal["upload", "remove"], change: Callable[[], None]) -> Job:
        """Queue `change` (a file/manifest edit) followed by an ingest; returns the job at once."""
        job = Job(id=uuid.uuid4().hex, doc_id=doc_id, file=file, action=action)
        with self._lock:
            self.jobs[job.id] = job
            finished = [j for j in self.jobs.values() if j.state in ("done", "failed")]
            for old in finished[: max(0, len(self.jobs) - MAX_JOBS_KEPT)]:
                del self.jobs[old.id]
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="admin-jobs", daemon=True)
                self._worker.start()
        self.save(job)
        self._queue.put((job, change))
        return job

    def save(self, job: Job) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{job.id}.tmp"
        tmp.write_text(json.dumps(asdict(job)), "utf-8")
        os.replace(tmp, self.folder / f"{job.id}.json")

    def get(self, job_id: str) -> Job | None:
        """A job accepted by this process, or by another worker on the same data dir."""
        job = self.jobs.get(job_id)
        if job is not None or not re.fullmatch(r"[0-9a-f]{32}", job_id):
            return job
        try:
            return Job(**json.loads((self.folder / f"{job_id}.json").read_text("utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def _work(self) -> None:
        while True:
            job, change = self._queue.get()
            try:
                self._run(job, change)
            except Exception as exc:  # a job's failure is reported on the job, never kills the worker
                if not isinstance(exc, NwlError):
                    log.exception("admin job %s failed", job.id)
                job.state, job.message = "failed", str(exc) or exc.__class__.__name__
            finally:
                self.save(job)
                self._queue.task_done()

    def _run(self, job: Job, change: Callable[[], None]) -> None:
        job.state, job.message = "running", "applying the change"
        self.save(job)
        backup = self.uploads.snapshot_state()
        ingestor = Ingestor(self.settings, self._embedder, progress=_JobProgress(job, self.save))
        try:
            report = ingestor.run(prepare=change)
        except BaseException:
            self.uploads.restore(backup)
            raise
        refused = [reason for name, reason in report.skipped if name == job.file]
        if refused:
            self.uploads.restore(backup)
            job.state, job.message = "failed", f"{job.file}: {refused[0]}; nothing was changed"
            return
        job.documents = _counts(report)
        job.faq_review = faq_needing_review(self.settings, report.changed_doc_ids)
        job.progress, job.state = 1.0, "done"
        job.message = report.summary()


def _counts(report: IngestReport) -> dict[str, int]:
    return {
        "added": len(report.added),
        "updated": len(report.updated),
        "unchanged": len(report.unchanged),
        "removed": len(report.removed),
        "skipped": len(report.skipped),
        "chunks": report.chunk_count,
    }


def faq_needing_review(settings: Settings, changed_doc_ids: list[str]) -> list[str]:
    """Approved FAQ answers citing a passage this change altered or removed ("Area: question")."""
    changed = set(changed_doc_ids)
    if not changed:
        return []
    try:
        approved = [a for a in load_approvals(settings).approved.values() if a.documents & changed]
        snapshot = load_snapshot(settings.data_dir, with_keyword=False)
    except NwlError as exc:
        return [f"could not check approved FAQ answers: {exc}"]
    if snapshot is None:
        return []
    return [f"{a.label}: {a.question}" for a in approved if stale_citations(a.citations, snapshot)]
