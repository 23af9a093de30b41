"""A tiny OpenAI-compatible /v1/chat/completions endpoint: the one edge the tests cannot reach for real.

It records what it was sent and answers with a fixed reply, plain or streamed as Server-Sent Events
(one chunk per word). A streamed reply can hold back everything after its first sentence until the
test opens `gate`, which is how a test proves that text reaches the client while the model is writing.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar


class StubOpenAI(BaseHTTPRequestHandler):
    bodies: ClassVar[list[dict[str, Any]]] = []
    delay: ClassVar[float] = 0.0
    reply: ClassVar[str] = ""
    gate: ClassVar[threading.Event | None] = None

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).bodies.append(body)
        time.sleep(type(self).delay)
        if body.get("stream"):
            self._stream(body)
            return
        payload = {
            "id": "chatcmpl-stub",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": type(self).reply}, "finish_reason": "stop"}
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(data)

    def _stream(self, body: dict[str, Any]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        reply = type(self).reply
        first_end = re.search(r"[.!?]\s", reply + " ")
        held_back = first_end.end() if first_end else len(reply)

        def chunk(content: str | None, finish: str | None = None) -> bytes:
            delta = {"content": content} if content is not None else {}
            payload = {
                "id": "chatcmpl-stub",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": body["model"],
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            return f"data: {json.dumps(payload)}\n\n".encode()

        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sent = 0
            for word in re.findall(r"\S+\s*", reply):
                if sent >= held_back and type(self).gate is not None:
                    if not type(self).gate.wait(timeout=20):
                        return  # the client never showed the first sentence: end without finishing
                    type(self).gate = None
                self.wfile.write(chunk(word))
                self.wfile.flush()
                sent += len(word)
            self.wfile.write(chunk(None, "stop"))
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def stub_openai(reply: str = "") -> Iterator[str]:
    """Serve the stub on a free loopback port; yields its base URL (ending in /v1)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), StubOpenAI)
    StubOpenAI.bodies.clear()
    StubOpenAI.delay = 0.0
    StubOpenAI.reply = reply
    StubOpenAI.gate = None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
