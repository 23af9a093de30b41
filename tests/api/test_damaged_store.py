"""A truncated chroma.sqlite3 under a running server: 503s, then `ingest --rebuild` brings it back unrestarted."""

from __future__ import annotations

import time

import httpx
import pytest

from api.processes import finish, free_port, start_cli
from assistant.embedding import Embedder
from assistant.settings import Settings
from ingest.pipeline import Ingestor

pytestmark = [pytest.mark.slow, pytest.mark.server]

QUESTION = {"question": "What is the hospice at home service?"}


def _ask(url: str) -> httpx.Response:
    return httpx.post(f"{url}/v1/ask", json=QUESTION, timeout=60)


def test_rebuild_after_truncation_recovers_a_running_embedded_server(
    small_settings: Settings, embedder: Embedder
) -> None:
    Ingestor(small_settings, lambda: embedder).run()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # Its own process: recovering drops Chroma's per-process client cache, which this test process shares.
    server = start_cli(small_settings, "serve", "--log-level", "warning", NWL_PORT=str(port))
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None and time.monotonic() < deadline
            time.sleep(0.5)
        assert _ask(url).status_code == 200

        with (small_settings.chroma_dir / "chroma.sqlite3").open("r+b") as fh:
            fh.truncate(0)
        broken = _ask(url)
        assert broken.status_code == 503 and "Traceback" not in broken.text

        refused = start_cli(small_settings, "ingest")
        _, stderr = refused.communicate(timeout=300)
        assert refused.returncode != 0 and b"--rebuild" in stderr
        rebuild = start_cli(small_settings, "ingest", "--rebuild")
        finish(rebuild)
        done = time.monotonic()
        while (answer := _ask(url)).status_code != 200:
            assert time.monotonic() < done + 5, answer.text
            time.sleep(0.2)
        assert answer.json()["citations"]
        assert list(small_settings.data_dir.glob("chroma.damaged-*"))
    finally:
        server.terminate()
        server.wait(timeout=60)
