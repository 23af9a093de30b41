"""API keys and the body size limit: small, and checked before any work is done (the rate limit: api/ratelimit.py)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import describe, problem_response

# Beyond this many tracked clients the least recently seen are forgotten (a full bucket is the default anyway).
MAX_TRACKED_CLIENTS = 10_000


def presented_key(connection: HTTPConnection) -> str | None:
    """The key a caller sent as `Authorization: Bearer KEY` or `X-API-Key: KEY`, if any."""
    auth = connection.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    header = connection.headers.get("x-api-key", "").strip()
    return header or None


def key_matches(candidate: str, keys: Sequence[str]) -> bool:
    """Constant-time comparison against every configured key, so timing does not reveal a prefix."""
    encoded = candidate.encode()
    found = False
    for key in keys:
        found |= hmac.compare_digest(encoded, key.encode())
    return found


def client_id(connection: HTTPConnection, key: str | None) -> str:
    """Who a request counts against: its API key when it has one, else its address."""
    if key:
        return "key:" + hashlib.sha256(key.encode()).hexdigest()[:16]
    host = connection.client.host if connection.client else "unknown"
    return f"ip:{host}"


class BodyLimitMiddleware:
    """A JSON 413 for bodies over `max_bytes`: from Content-Length up front, or by counting a chunked body.

    `larger` gives some paths (document uploads) their own limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, larger: dict[str, int] | None = None) -> None:
        self.app = app
        self.default_max = max_bytes
        self.larger = larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope.get("path", ""), self.default_max)
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await problem_response(describe(_too_large(limit)))(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Raised inside the route's body read; FastAPI re-raises HTTPException to the error mapping.
                    raise _too_large(limit)
            return message

        await self.app(scope, counting_receive, send)


def _too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"request body larger than {limit // 1024} KB")
