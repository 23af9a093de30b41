"""Running the app under uvicorn: in the foreground for `serve`, or on a loopback port in a background thread."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.types import ASGIApp

from api.log_redaction import log_config

# Streams still open at shutdown get this long to finish before they are cut.
GRACEFUL_SHUTDOWN_S = 5
# `serve --widget-key` handed to worker processes, which build their app from the environment.
WIDGET_KEY_ENV = "NWL_SERVE_WIDGET_KEY"


def serve(app: ASGIApp, host: str, port: int, log_level: str = "info") -> None:
    """Serve in the foreground until SIGINT/SIGTERM; log lines have personal data redacted."""
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        log_config=log_config(),
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
    )
    uvicorn.Server(config).run()


def serve_workers(workers: int, host: str, port: int, log_level: str = "info") -> None:
    """Serve with `workers` processes on one socket; each builds its app from the NWL_ environment."""
    uvicorn.run(
        "api.server:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
    )


def app_from_env() -> ASGIApp:
    """The app of one worker process (`serve --workers N`): settings from NWL_ variables, like the CLI's."""
    from api.app import create_app
    from assistant.settings import Settings

    return create_app(Settings(), widget_key_in_page=os.environ.get(WIDGET_KEY_ENV) == "1")


@contextmanager
def background_server(
    app: ASGIApp, host: str = "127.0.0.1", port: int = 0, start_timeout_s: float = 180
) -> Iterator[str]:
    """Serve `app` from a daemon thread on a socket bound here (port 0: a free one); yields the base URL.

    The socket is bound before the thread starts, so the port is known and cannot be taken in between.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_port = int(sock.getsockname()[1])
    config = uvicorn.Config(
        app,
        log_level="warning",
        log_config=log_config(own_process=False),
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn-{bound_port}", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + start_timeout_s
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on {host}:{bound_port} (see its log above)")
            time.sleep(0.02)
        yield f"http://{host}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join(timeout=GRACEFUL_SHUTDOWN_S + 10)
        sock.close()
