"""Debian's Chromium driven by Playwright against real servers: the bundled corpus, and a hostile one."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, expect, sync_playwright
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.app import create_app
from api.deps import get_feedback_store
from api.feedback_store import FeedbackStore
from api.server import background_server
from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import Settings
from ingest.pipeline import Ingestor
from tests.register_index import with_register

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
UNLIMITED = 1_000_000

# Markup in every field a reader sees: title, publisher (manifest) and body text (the file).
HOSTILE_MANIFEST = """documents:
  - file: harrow-pharmacy-pilot.txt
    id: harrow-pharmacy-pilot
    title: 'Harrow pharmacy pilot <img src=x onerror="window.__nwlXss=1">'
    publisher: '<script>window.__nwlXss=4</script>Harrow Council'
    date: "March 2026"
    type: briefing
    status: proposed
    boroughs: [Harrow]
"""
HOSTILE_TEXT = """# Harrow pharmacy pilot <img src=x onerror="window.__nwlXss=1">

The Harrow pharmacy pilot will open late-night pharmacies in Harrow from March 2026. \
<script>window.__nwlXss=2</script> Residents can collect urgent prescriptions until midnight.

The pilot is reviewed after six months <img src=y onerror="window.__nwlXss=3"> by the borough.
"""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(
            "BROWSER TESTS SKIPPED: Debian's Chromium is missing at /usr/bin/chromium "
            "(`scripts/dev test` installs it when run as root; otherwise `apt-get install -y chromium`)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh context per test; any uncaught script error or console error fails the test."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda msg: _console_problem(msg, problems))
    yield page
    context.close()
    assert not problems, problems


def _console_problem(message: ConsoleMessage, problems: list[str]) -> None:
    # HTTP errors (401, 503, a refused connection) are logged by the browser itself; tests that provoke
    # them check what the widget shows. Anything else, such as a CSP refusal, is a failure.
    if message.type == "error" and not message.text.startswith(("Failed to load resource", "net::ERR_")):
        problems.append(f"console: {message.text}")


@pytest.fixture(scope="session")
def widget_assistant(bundled_index: Settings, embedder: Embedder) -> Assistant:
    return Assistant(bundled_index, embedder)


@pytest.fixture(scope="session")
def widget_feedback(tmp_path_factory: pytest.TempPathFactory) -> FeedbackStore:
    return FeedbackStore.in_data_dir(tmp_path_factory.mktemp("widget-feedback"))


@pytest.fixture(scope="session")
def widget_url(bundled_index: Settings, widget_assistant: Assistant, widget_feedback: FeedbackStore) -> Iterator[str]:
    app = create_app(bundled_index.model_copy(update={"rate_limit_per_minute": UNLIMITED}), widget_assistant)
    app.dependency_overrides[get_feedback_store] = lambda: widget_feedback
    with background_server(app) as url:
        yield url


@pytest.fixture(scope="session")
def register_url(
    bundled_index: Settings, embedder: Embedder, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The bundled corpus with a change register: ingest's records, or records made from its chunks."""
    settings = with_register(bundled_index, tmp_path_factory.mktemp("register") / "data")
    app = create_app(settings.model_copy(update={"rate_limit_per_minute": UNLIMITED}), Assistant(settings, embedder))
    with background_server(app) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_url(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[str]:
    """A separate data dir holding one document whose title, publisher and text carry script payloads."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "manifest.yaml").write_text(HOSTILE_MANIFEST, "utf-8")
    (corpus / "harrow-pharmacy-pilot.txt").write_text(HOSTILE_TEXT, "utf-8")
    settings = Settings(data_dir=root / "data", corpus_dir=corpus, rate_limit_per_minute=UNLIMITED)
    report = Ingestor(settings, lambda: embedder).run()
    assert report.added == ["harrow-pharmacy-pilot.txt"], report.skipped
    with background_server(create_app(settings, Assistant(settings, embedder))) as url:
        yield url


class PacedStreams:
    """A slow network, for tests: each Server-Sent Events message is held back a little.

    On loopback a whole streamed answer otherwise arrives in one read, and the widget's rendering of
    each `delta` as it comes could not be observed.
    """

    def __init__(self, app: ASGIApp, delay_s: float = 0.02) -> None:
        self.app = app
        self.delay_s = delay_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        streaming = False

        async def paced_send(message: Message) -> None:
            nonlocal streaming
            if message["type"] == "http.response.start":
                streaming = any(
                    name == b"content-type" and value.startswith(b"text/event-stream")
                    for name, value in message["headers"]
                )
            elif streaming and message["type"] == "http.response.body":
                await anyio.sleep(self.delay_s)
            await send(message)

        await self.app(scope, receive, paced_send)


@pytest.fixture(scope="session")
def paced_url(bundled_index: Settings, widget_assistant: Assistant) -> Iterator[str]:
    """The bundled corpus behind a slow network."""
    app = create_app(bundled_index.model_copy(update={"rate_limit_per_minute": UNLIMITED}), widget_assistant)
    with background_server(PacedStreams(app)) as url:
        yield url


def rewrite_chat_stream(route: Route, edit: Callable[[str, dict[str, Any]], None]) -> None:
    """Answer /v1/chat from the real server, with each event's JSON passed through `edit(name, data)` first.

    Stands in for API fields that other branches add (citation pages, the answer's `outcome`), so the widget's
    handling of them is tested before and after they land.
    """
    response = route.fetch()
    blocks = []
    for block in re.split(r"\r\n\r\n|\n\n", response.text()):
        name = next((line[6:].strip() for line in block.splitlines() if line.startswith("event:")), "message")
        data = [line[5:].lstrip() for line in block.splitlines() if line.startswith("data:")]
        if not data:
            blocks.append(block)
            continue
        payload = json.loads("\n".join(data))
        edit(name, payload)
        blocks.append(f"event: {name}\r\ndata: {json.dumps(payload)}")
    route.fulfill(response=response, body="\r\n\r\n".join(blocks))


@dataclass(frozen=True)
class Servers:
    """What a state may need: the widget at full speed, behind a slow network, or a server that then stops."""

    url: str
    paced_url: str
    short_lived: Callable[[], AbstractContextManager[str]]
    register_url: str = ""  # the bundled corpus with change records (the borough changes table)


@pytest.fixture
def servers(
    widget_url: str, paced_url: str, bundled_index: Settings, widget_assistant: Assistant, register_url: str
) -> Iterator[Servers]:
    def short_lived() -> AbstractContextManager[str]:
        settings = bundled_index.model_copy(update={"rate_limit_per_minute": UNLIMITED})
        return background_server(create_app(settings, widget_assistant))

    yield Servers(widget_url, paced_url, short_lived, register_url)


def load_widget(page: Page, url: str) -> None:
    """Open the widget and wait until it has heard from the server (the borough list shows passage counts)."""
    page.goto(url)
    expect(page.get_by_label("Borough").locator("option").nth(1)).to_contain_text("passages")


def with_pages_and_partial(name: str, data: dict[str, Any]) -> None:
    """Pages on every citation, and a partial answer as the API sends it (abstained: the detail is not there)."""
    if name == "citations":
        for c in data["citations"]:
            c["page"] = 10 + c["n"]
        data["citations"][0]["page_end"] = data["citations"][0]["page"] + 1
    elif name == "done":
        data["outcome"] = "partial"
        data["abstained"] = True
