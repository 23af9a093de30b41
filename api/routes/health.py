"""`/healthz` (the process answers) and `/readyz` (it can answer questions), outside /v1 and without a key."""

from __future__ import annotations

from fastapi import APIRouter, Response
from starlette.concurrency import run_in_threadpool

from api.deps import RuntimeDep
from api.schemas import HealthOut, ReadyOut
from assistant.errors import NwlError

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthOut)
async def healthz() -> HealthOut:
    """Liveness: the process is up and serving HTTP; nothing else is checked."""
    return HealthOut()


@router.get(
    "/readyz",
    response_model=ReadyOut,
    response_model_exclude_none=True,
    responses={503: {"model": ReadyOut, "description": "Not ready"}},
)
async def readyz(runtime: RuntimeDep, response: Response) -> ReadyOut:
    """Readiness: model loaded, catalog loaded and non-empty, Chroma reachable and holding vectors."""
    try:
        assistant = await runtime.assistant()
        generation = assistant.generation
        vectors = await run_in_threadpool(generation.store.heartbeat)
    except NwlError as exc:
        response.status_code = 503
        return ReadyOut(status="not_ready", reason=str(exc))
    snapshot = generation.snapshot
    ready = ReadyOut(
        status="ready",
        model=assistant.embedder.name,
        documents=len(snapshot.documents),
        chunks=len(snapshot.chunks),
        vectors=vectors,
    )
    if vectors == 0 or not snapshot.chunks:
        response.status_code = 503
        ready.status, ready.reason = "not_ready", "the index is empty; run `nwl-assistant ingest`"
    return ready
