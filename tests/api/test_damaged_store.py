"""A truncated chroma.sqlite3 under a running embedded server: 503s, `ingest` refuses, `--rebuild` recovers."""

from __future__ import annotations

import subprocess
import time

import httpx
import pytest

from api.processes import finish, free_port, start_cli, stop
from assistant.embedding import Embedder
from assistant.settings import Settings
from ingest.pipeline import Ingestor

pytestmark = [pytest.mark.slow, pytest.mark.server]

QUESTION = {"question": "What is the hospice at home service?"}


def _serve(settings: Settings, url: str) -> subprocess.Popen[bytes]:
    server = start_cli(settings, "serve", "--log-level", "warning", NWL_PORT=url.rsplit(":", 1)[1])
    deadline = time.monotonic() + 180
    while True:
        try:
            if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        assert server.poll() is None and time.monotonic() < deadline
        time.sleep(0.5)


def test_truncated_store_is_503_then_rebuilt(small_settings: Settings, embedder: Embedder) -> None:
    Ingestor(small_settings, lambda: embedder).run()
    url = f"http://127.0.0.1:{free_port()}"
    server = _serve(small_settings, url)
    try:
        assert httpx.post(f"{url}/v1/ask", json=QUESTION, timeout=60).status_code == 200
        with (small_settings.chroma_dir / "chroma.sqlite3").open("r+b") as fh:
            fh.truncate(0)
        broken = httpx.post(f"{url}/v1/ask", json=QUESTION, timeout=60)
        assert broken.status_code == 503 and "Traceback" not in broken.text
        refused = start_cli(small_settings, "ingest")
        _, stderr = refused.communicate(timeout=300)
        assert refused.returncode != 0 and b"--rebuild" in stderr
    finally:
        stop(server)

    finish(start_cli(small_settings, "ingest", "--rebuild"))
    assert list(small_settings.data_dir.glob("chroma.damaged-*"))
    server = _serve(small_settings, url)
    try:
        answer = httpx.post(f"{url}/v1/ask", json=QUESTION, timeout=60)
        assert answer.status_code == 200 and answer.json()["citations"]
    finally:
        stop(server)
