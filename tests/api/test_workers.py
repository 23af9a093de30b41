"""`serve --workers 2` against `chroma run`: one rate limit for the whole server, one catalog for every worker."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from api.processes import ChromaServer, finish, free_port, start_cli
from assistant.cli import build_app
from assistant.embedding import Embedder
from assistant.settings import Settings
from assistant.snapshot import current_name
from ingest.pipeline import Ingestor

pytestmark = [pytest.mark.slow, pytest.mark.server]

KEYS = [f"worker-test-key-{i:02d}" for i in range(8)]
PER_MINUTE = 10  # a burst of ceil(10 / 5) = 2 per client in any 12 s


@pytest.fixture
def two_workers(small_settings: Settings, tmp_path: Path) -> Iterator[tuple[str, Settings]]:
    chroma = ChromaServer(tmp_path / "chroma-server")
    chroma.start()
    try:
        yield f"http://127.0.0.1:{free_port()}", chroma.settings(small_settings)
    finally:
        chroma.stop()


def _fresh(url: str, key: str, method: str, path: str, **kwargs: object) -> httpx.Response:
    """One request on its own connection, so the kernel may hand it to either worker."""
    with httpx.Client(base_url=url, timeout=60, headers={"x-api-key": key}) as client:
        return client.request(method, path, **kwargs)  # type: ignore[arg-type]


def test_two_workers_share_the_rate_limit_and_pick_up_an_ingest(
    two_workers: tuple[str, Settings], embedder: Embedder
) -> None:
    url, settings = two_workers
    Ingestor(settings, lambda: embedder).run()
    before = current_name(settings.data_dir)
    env = {
        "NWL_API_KEYS": "[" + ",".join(f'"{k}"' for k in KEYS) + "]",
        "NWL_RATE_LIMIT_PER_MINUTE": str(PER_MINUTE),
        "NWL_PORT": url.rsplit(":", 1)[1],
    }
    server = start_cli(settings, "serve", "--workers", "2", "--log-level", "warning", **env)
    try:
        deadline = time.monotonic() + 180
        while True:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            try:
                if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "serve --workers 2 did not become ready"
            time.sleep(0.5)
        time.sleep(3)  # readiness came from one worker; give the other time to load too

        statuses = [_fresh(url, KEYS[0], "GET", "/v1/boroughs").status_code for _ in range(8)]
        # Counted per process, each worker would allow its own burst of 2 (up to 4 in all).
        assert statuses.count(200) == 2 and statuses.count(429) == 6, statuses

        target = settings.corpus_dir / "000_aa87430d678cc82c.txt"
        target.write_text(target.read_text("utf-8").replace("8am to 8pm", "7am to 9pm"), "utf-8")
        finish(start_cli(settings, "ingest"))
        after = current_name(settings.data_dir)
        assert after != before
        time.sleep(5)
        question = {"question": "What hours will the adult community specialist palliative care team support?"}
        answers = [_fresh(url, key, "POST", "/v1/ask", json=question) for key in KEYS[1:] for _ in range(2)]
        assert all(a.status_code == 200 for a in answers), [a.text for a in answers if a.status_code != 200]
        assert {a.json()["catalog"] for a in answers} == {after}
        assert any("7am to 9pm" in c["quote"] for a in answers for c in a.json()["citations"])
    finally:
        server.terminate()
        server.wait(timeout=60)


def test_workers_need_a_chroma_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NWL_CHROMA_MODE", "embedded")
    result = CliRunner().invoke(build_app(), ["serve", "--workers", "2", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2 and "NWL_CHROMA_MODE=http" in result.output
