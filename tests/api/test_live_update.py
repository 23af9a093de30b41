"""A document edited and re-ingested in another process while clients ask: no failure, no mixed or stale answer."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.app import create_app
from api.loadgen import Catalogs, Load, judge
from api.processes import ChromaServer, finish, start_cli
from api.server import background_server
from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.snapshot import current_name
from ingest.pipeline import Ingestor

pytestmark = [pytest.mark.slow, pytest.mark.server]

EDITED = "000_aa87430d678cc82c.txt"
QUESTIONS = (
    "What hours will the adult community specialist palliative care team support?",
    "What is the hospice at home service?",
    "When do the new contracts start?",
    "How many engagement events were held?",
)
CLIENTS = 4
SETTLE_S = 5.0


@pytest.fixture(params=["embedded", "http"])
def live_settings(request: pytest.FixtureRequest, small_settings: Settings, tmp_path: Path) -> Iterator[Settings]:
    settings = small_settings.model_copy(update={"rate_limit_per_minute": 1_000_000})
    if request.param == "embedded":
        yield settings
        return
    chroma = ChromaServer(tmp_path / "chroma-server")
    chroma.start()
    try:
        yield chroma.settings(settings)
    finally:
        chroma.stop()


def test_reingest_in_another_process_under_load(live_settings: Settings, embedder: Embedder) -> None:
    Ingestor(live_settings, lambda: embedder).run()
    before = current_name(live_settings.data_dir)
    catalogs = Catalogs(live_settings.data_dir)
    app = create_app(live_settings, Assistant(live_settings, embedder))
    target = live_settings.corpus_dir / EDITED
    with background_server(app) as url, Load(url, QUESTIONS, CLIENTS, catalogs) as load:
        time.sleep(2)
        target.write_text(target.read_text("utf-8").replace("8am to 8pm", "7am to 9pm"), "utf-8")
        finish(start_cli(live_settings, "ingest"))
        done = time.monotonic()
        after = current_name(live_settings.data_dir)
        time.sleep(SETTLE_S + 3)
    assert after is not None and after != before

    verdict = judge(load.outcomes, catalogs, after, done, SETTLE_S)
    assert verdict.failed == 0, verdict.failures
    assert verdict.inconsistent == 0 and verdict.stale == 0, verdict
    served = {o.catalog for o in load.outcomes}
    assert served == {before, after}, served
    settled = [o for o in load.outcomes if o.started >= done + SETTLE_S]
    assert len(settled) >= CLIENTS
    hours = [o for o in settled if o.answer and "7am to 9pm" in " ".join(c["quote"] for c in o.citations)]
    assert hours, "no answer after the update quotes the edited hours"
    assert not any("8am to 8pm" in c["quote"] for o in settled for c in o.citations)
