"""What the app loads once at start-up and shares across requests: the model, the assistant, the stores.

If nothing is ingested yet (or the catalog is damaged) the server still starts: /readyz says why it is not
ready, /v1 routes answer 503, and loading is retried on later requests.

Once loaded, a watcher task looks at the data dir's CURRENT pointer every WATCH_INTERVAL_S. When an ingest
(another process, or this server's admin jobs) publishes a new catalog, the watcher loads it completely off
the event loop and swaps it in; requests never wait for it, and each answers from the catalog it started
with. A catalog that fails to load or check is not swapped in: the previous one keeps serving.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import anyio
import anyio.to_thread

from api.feedback_store import FeedbackStore
from api.jobs import JobQueue
from api.ratelimit import RateLimiter
from assistant.embedding import Embedder, make_embedder
from assistant.errors import NotIngested, NwlError
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.snapshot import current_name

log = logging.getLogger(__name__)

# How often a request may trigger another attempt to load a catalog that failed to load.
RELOAD_INTERVAL_S = 2.0
# How often the watcher looks for a newly published catalog: well inside the 5 s promise, and one stat() each.
WATCH_INTERVAL_S = 0.5


class Runtime:
    """Holds the process-wide parts; built by create_app, started by the lifespan."""

    def __init__(self, settings: Settings, assistant: Assistant | None = None, embedder: Embedder | None = None):
        self.settings = settings
        self._assistant = assistant
        self.embedder: Embedder | None = embedder or (assistant.embedder if assistant else None)
        self.load_error: NwlError | None = None
        self.feedback = FeedbackStore.in_data_dir(settings.data_dir)
        self.limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_storage)
        self._last_attempt = 0.0
        self._lock: anyio.Lock | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._failed: tuple[str, float] | None = None
        self._jobs: JobQueue | None = None

    def jobs(self) -> JobQueue:
        """The admin job queue, started on first use (servers without admin keys never start it)."""
        if self._jobs is None:
            self._jobs = JobQueue(self.settings, self._job_embedder)
        return self._jobs

    def _job_embedder(self) -> Embedder:
        if self.embedder is None:
            self.embedder = make_embedder(self.settings)
        return self.embedder

    async def start(self) -> None:
        """Load the embedding model and the catalog off the event loop; a missing catalog is not fatal."""
        self._lock = anyio.Lock()
        await anyio.to_thread.run_sync(self._load)
        self._watcher = asyncio.create_task(self._watch(), name="catalog-watcher")

    async def stop(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher

    async def _watch(self) -> None:
        """Swap in each newly published catalog, loaded whole in a worker thread."""
        while True:
            await asyncio.sleep(WATCH_INTERVAL_S)
            assistant = self._assistant
            if assistant is None:
                continue
            published = current_name(self.settings.data_dir)
            if published is None or published == assistant.catalog:
                continue
            if self._failed and self._failed[0] == published and time.monotonic() - self._failed[1] < RELOAD_INTERVAL_S:
                continue
            try:
                await anyio.to_thread.run_sync(assistant.reload)
                self._failed = None
                log.info("now answering from catalog %s", assistant.catalog)
            except Exception as exc:  # whatever goes wrong, the previous catalog keeps serving
                self._failed = (published, time.monotonic())
                log.warning("catalog %s not loaded, still answering from %s: %s", published, assistant.catalog, exc)

    def _load(self) -> None:
        if self.embedder is None:
            self.embedder = make_embedder(self.settings)
        if self._assistant is None:
            self._last_attempt = time.monotonic()
            try:
                self._assistant = Assistant(self.settings, self.embedder)
                self.load_error = None
            except NwlError as exc:
                self.load_error = exc
                return
        self._connect_store(self._assistant)

    @staticmethod
    def _connect_store(assistant: Assistant) -> None:
        """Open the Chroma client at start-up, so the first request does not pay for it and a broken store
        shows in /readyz at once (ChromaStore serialises its lazy connect, so this is not needed for safety)."""
        # A Chroma server that is down right now is reported by /readyz and retried on each request.
        with contextlib.suppress(NwlError):
            assistant.store.count()

    @property
    def loaded(self) -> Assistant | None:
        return self._assistant

    async def assistant(self) -> Assistant:
        """The loaded assistant, retrying a failed load at most every RELOAD_INTERVAL_S; raises why it is missing."""
        if self._assistant is not None:
            return self._assistant
        if self._lock is not None and self.embedder is not None:
            async with self._lock:
                if self._assistant is None and time.monotonic() - self._last_attempt >= RELOAD_INTERVAL_S:
                    await anyio.to_thread.run_sync(self._load)
        if self._assistant is None:
            raise self.load_error or NotIngested("the assistant is still starting")
        return self._assistant
