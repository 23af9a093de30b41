"""Child processes on loopback for benchmarks and tests: a `chroma run` server and CLI runs of this product."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from assistant.errors import NwlError
from assistant.settings import ChromaMode, Settings

START_DEADLINE_S = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, deadline_s: float = START_DEADLINE_S) -> bool:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


class ChromaServer:
    """A `chroma run` process on a fixed port and folder, so it can be stopped (or killed) and started again."""

    def __init__(self, path: Path, port: int | None = None) -> None:
        self.path = path
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        chroma = Path(sys.executable).with_name("chroma")
        command = [str(chroma), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)]
        self.proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not wait_for_port(self.port):
            self.stop()
            raise NwlError(f"chroma run did not start on port {self.port}")

    def stop(self, kill: bool = False) -> None:
        if self.proc is not None:
            if kill:
                self.proc.kill()
            else:
                self.proc.terminate()
            self.proc.wait(timeout=30)
            self.proc = None

    def settings(self, base: Settings) -> Settings:
        """`base` pointed at this server."""
        return base.model_copy(update={"chroma_mode": ChromaMode.http, "chroma_port": self.port})


def cli_env(settings: Settings, **extra: str) -> dict[str, str]:
    """Environment for a child `nwl-assistant` run with these settings' data, corpus and store."""
    env = {
        **os.environ,
        "NWL_DATA_DIR": str(settings.data_dir.resolve()),
        "NWL_CORPUS_DIR": str(settings.corpus_dir.resolve()),
        "NWL_CHROMA_MODE": settings.chroma_mode.value,
        "NWL_CHROMA_HOST": settings.chroma_host,
        "NWL_CHROMA_PORT": str(settings.chroma_port),
        "NWL_MODEL_CACHE_DIR": str(settings.model_cache_dir),
    }
    env.update(extra)
    return env


def start_cli(settings: Settings, *args: str, **extra_env: str) -> subprocess.Popen[bytes]:
    """`nwl-assistant ARGS` in a child process (its output discarded unless it fails)."""
    command = [sys.executable, "-m", "assistant.cli", *args]
    return subprocess.Popen(command, env=cli_env(settings, **extra_env), stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(proc: subprocess.Popen[bytes], timeout_s: float = 600) -> None:
    """Wait for a child run; a non-zero exit becomes an error carrying its last line of output."""
    _, stderr = proc.communicate(timeout=timeout_s)
    if proc.returncode != 0:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["(no output)"]
        raise NwlError(f"child run {proc.args!r} exited with {proc.returncode}: {tail[0]}")


def interrupt(proc: subprocess.Popen[bytes]) -> None:
    """Kill a child run without a chance to clean up, as an out-of-memory kill or power cut would."""
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Ask a child server to shut down gracefully; kill it if it has not within 30 s."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
