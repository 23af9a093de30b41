"""Chroma as a `chroma run` server that goes away and comes back: 503s with a clear message, then recovery."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.processes import ChromaServer
from api.server import background_server
from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import ChromaMode, Settings
from ingest.pipeline import Ingestor

pytestmark = [pytest.mark.slow, pytest.mark.server]

QUESTION = {"question": "What is the hospice at home service?"}


@pytest.fixture
def chroma(tmp_path: Path) -> Iterator[ChromaServer]:
    """A `chroma run` server in its own folder, stopped at the end of the test."""
    server = ChromaServer(tmp_path / "chroma-server")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_chroma_outage_is_503_and_service_recovers(
    tmp_path: Path,
    small_corpus: Path,
    chroma: ChromaServer,
    embedder: Embedder,
    parse_sse: Callable[[str], list[tuple[str, str]]],
) -> None:
    settings = Settings(
        data_dir=tmp_path / "data",
        corpus_dir=small_corpus,
        chroma_mode=ChromaMode.http,
        chroma_port=chroma.port,
        rate_limit_per_minute=100_000,
    )
    Ingestor(settings, lambda: embedder).run()
    app = create_app(settings, Assistant(settings, embedder))
    with background_server(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        assert client.post("/v1/ask", json=QUESTION).status_code == 200

        chroma.stop()
        down = client.post("/v1/ask", json=QUESTION)
        assert down.status_code == 503 and down.headers["retry-after"]
        error = down.json()["error"]
        assert error["type"] == "store_unavailable" and "Chroma" in error["message"]
        assert "Traceback" not in down.text
        readiness = client.get("/readyz")
        assert readiness.status_code == 503 and "Chroma" in readiness.json()["reason"]
        events = parse_sse(client.post("/v1/chat", json=QUESTION).text)
        assert [name for name, _ in events] == ["error", "done"]
        assert json.loads(events[0][1])["error"]["type"] == "store_unavailable"
        assert json.loads(events[1][1]) == {"ok": False}

        chroma.start()
        deadline = time.monotonic() + 60
        while (response := client.post("/v1/ask", json=QUESTION)).status_code != 200:
            assert response.status_code == 503 and time.monotonic() < deadline, response.text
            time.sleep(0.5)
        assert response.json()["citations"]
        assert client.get("/readyz").status_code == 200
