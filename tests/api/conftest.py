"""A real uvicorn server on a loopback port, serving the bundled corpus with the real model and Chroma."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.server import background_server
from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import Settings

# Tests make many requests from one address; the rate limit has its own test with its own server.
UNLIMITED = 1_000_000


def variant(settings: Settings, **changes: Any) -> Settings:
    """The same index with other API settings (keys, limits, CORS), validated so keys become secrets."""
    return Settings(**{**settings.model_dump(), "rate_limit_per_minute": UNLIMITED, **changes})


@pytest.fixture(scope="session")
def api_assistant(bundled_index: Settings, embedder: Embedder) -> Assistant:
    """One loaded assistant shared by every server in the session, as one process would hold it."""
    return Assistant(bundled_index, embedder)


@pytest.fixture(scope="session")
def api_url(bundled_index: Settings, api_assistant: Assistant) -> Iterator[str]:
    with background_server(create_app(variant(bundled_index), api_assistant)) as url:
        yield url


@pytest.fixture
def start_server(bundled_index: Settings, api_assistant: Assistant) -> Iterator[Callable[..., str]]:
    """Start another server over the same index with other settings (and dependency overrides); returns its URL.

    Every server started this way stops at the end of the test.
    """
    with ExitStack() as stack:

        def start(
            overrides: dict[Callable[..., Any], Callable[..., Any]] | None = None,
            widget_key_in_page: bool = False,
            **changes: Any,
        ) -> str:
            app = create_app(variant(bundled_index, **changes), api_assistant, widget_key_in_page=widget_key_in_page)
            app.dependency_overrides.update(overrides or {})
            return stack.enter_context(background_server(app))

        yield start


@pytest.fixture
def client(api_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=api_url, timeout=60) as http:
        yield http


ServeProcess = Callable[..., AbstractContextManager[tuple[str, "subprocess.Popen[bytes]"]]]


@contextmanager
def _serve_process(
    env: dict[str, str], log: Path, log_level: str = "warning"
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`nwl-assistant serve` in its own process on a free loopback port; yields its URL and process once ready.

    Its stdout and stderr go to `log`; the process is stopped (SIGTERM) when the block ends.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    command = [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--log-level", log_level]
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as sink:
        proc = subprocess.Popen(command, env={**os.environ, **env}, stdout=sink, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 180
            with httpx.Client(base_url=url, timeout=30) as client:
                while True:
                    assert proc.poll() is None, log.read_text()
                    assert time.monotonic() < deadline, "serve did not become ready"
                    try:
                        if client.get("/readyz").status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    time.sleep(0.5)
            yield url, proc
        finally:
            proc.terminate()
            proc.wait(timeout=30)


@pytest.fixture(scope="session")
def serve_process() -> ServeProcess:
    """Run `nwl-assistant serve` as a user would: `with serve_process(env, log) as (url, proc): ...`."""
    return _serve_process


def _sse_events(body: str) -> list[tuple[str, str]]:
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
        if data:
            events.append((name, "\n".join(data)))
    return events


@pytest.fixture
def parse_sse() -> Callable[[str], list[tuple[str, str]]]:
    """Split a Server-Sent Events body into (event, data) pairs, dropping comments (pings)."""
    return _sse_events
