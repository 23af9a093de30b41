"""What the app loads once at start-up and shares across requests: the model, the assistant, the stores.

If nothing is ingested yet (or the catalog is damaged) the server still starts: /readyz says why it is not
ready, /v1 routes answer 503, and loading is retried on later requests, so an ingest run while the server
is up is picked up without a restart.
"""

from __future__ import annotations

import contextlib
import time

import anyio
import anyio.to_thread

from api.feedback_store import FeedbackStore
from api.security import TokenBucket
from assistant.embedding import Embedder, make_embedder
from assistant.errors import NotIngested, NwlError
from assistant.service import Assistant
from assistant.settings import Settings

# How often a request may trigger another attempt to load a catalog that failed to load.
RELOAD_INTERVAL_S = 2.0


class Runtime:
    """Holds the process-wide parts; built by create_app, started by the lifespan."""

    def __init__(self, settings: Settings, assistant: Assistant | None = None, embedder: Embedder | None = None):
        self.settings = settings
        self._assistant = assistant
        self.embedder: Embedder | None = embedder or (assistant.embedder if assistant else None)
        self.load_error: NwlError | None = None
        self.feedback = FeedbackStore.in_data_dir(settings.data_dir)
        self.limiter = TokenBucket(settings.rate_limit_per_minute)
        self._last_attempt = 0.0
        self._last_refresh = time.monotonic()
        self._lock: anyio.Lock | None = None

    async def start(self) -> None:
        """Load the embedding model and the catalog off the event loop; a missing catalog is not fatal."""
        self._lock = anyio.Lock()
        await anyio.to_thread.run_sync(self._load)

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

    @staticmethod
    def _refresh(assistant: Assistant) -> None:
        """Pick up a catalog published by an ingest since start-up; on a damaged one keep serving the old."""
        with contextlib.suppress(NwlError):
            assistant.refresh_if_stale()

    @property
    def loaded(self) -> Assistant | None:
        return self._assistant

    async def assistant(self) -> Assistant:
        """The loaded assistant, retrying a failed load at most every RELOAD_INTERVAL_S; raises why it is missing."""
        if self._assistant is not None:
            if time.monotonic() - self._last_refresh >= RELOAD_INTERVAL_S:
                self._last_refresh = time.monotonic()
                await anyio.to_thread.run_sync(self._refresh, self._assistant)
            return self._assistant
        if self._lock is not None and self.embedder is not None:
            async with self._lock:
                if self._assistant is None and time.monotonic() - self._last_attempt >= RELOAD_INTERVAL_S:
                    await anyio.to_thread.run_sync(self._load)
        if self._assistant is None:
            raise self.load_error or NotIngested("the assistant is still starting")
        return self._assistant
