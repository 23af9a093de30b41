"""Request dependencies as `Annotated` aliases; tests replace the functions through `app.dependency_overrides`."""

from __future__ import annotations

import math
from typing import Annotated, Any

import anyio.to_thread
from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.feedback_store import FeedbackStore
from api.runtime import Runtime
from api.security import client_id, key_matches, presented_key
from assistant.service import Assistant
from assistant.settings import Settings


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_settings(runtime: RuntimeDep) -> Settings:
    return runtime.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_assistant(runtime: RuntimeDep) -> Assistant:
    """The shared assistant; 503 (via the error mapping) when nothing is ingested or the catalog is damaged."""
    return await runtime.assistant()


AssistantDep = Annotated[Assistant, Depends(get_assistant)]


async def get_feedback_store(runtime: RuntimeDep) -> FeedbackStore:
    return runtime.feedback


FeedbackDep = Annotated[FeedbackStore, Depends(get_feedback_store)]


async def authenticate(request: Request, settings: SettingsDep) -> str:
    """Who is calling; when NWL_API_KEYS is set, a missing or wrong key is a 401 before any work is done."""
    key = presented_key(request)
    if settings.api_keys and (key is None or not key_matches(key, settings.revealed_api_keys)):
        raise HTTPException(
            401,
            "a valid API key is required (header 'Authorization: Bearer KEY' or 'X-API-Key: KEY')",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return client_id(request, key if settings.api_keys else None)


ClientDep = Annotated[str, Depends(authenticate)]


async def rate_limit(client: ClientDep, runtime: RuntimeDep) -> None:
    """Count the request against the caller's limit; 429 with Retry-After when it is spent.

    In-process counters are checked on the loop; a shared storage (a file or a network hop) off it.
    """
    limiter = runtime.limiter
    wait = await anyio.to_thread.run_sync(limiter.take, client) if limiter.shared else limiter.take(client)
    if wait > 0:
        raise HTTPException(
            429,
            f"rate limit of {runtime.settings.rate_limit_per_minute} requests a minute exceeded; retry later",
            headers={"Retry-After": str(max(1, math.ceil(wait)))},
        )


_BEARER = HTTPBearer(auto_error=False, description="`Authorization: Bearer KEY`, a key from NWL_API_KEYS.")
_API_KEY = APIKeyHeader(name="X-API-Key", auto_error=False, description="`X-API-Key: KEY`, the same keys.")


async def declare_api_keys(
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
    api_key: Annotated[str | None, Depends(_API_KEY)],
) -> None:
    """Puts the two ways of presenting a key into the OpenAPI document; `authenticate` does the checking."""


def v1_guards(settings: Settings) -> list[Any]:
    """What runs before every /v1 route: the key check and the rate limit (and, with keys, their declaration)."""
    guards: list[Any] = [Depends(rate_limit)]
    if settings.api_keys:
        guards.append(Depends(declare_api_keys))
    return guards
