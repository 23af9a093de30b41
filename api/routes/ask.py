"""`POST /v1/ask`: one question in, the whole cited answer out (the same model as `ask --json`)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.deps import AssistantDep
from api.errors import error_responses
from assistant.contract import AskRequest, AskResponse

router = APIRouter(tags=["ask"])


@router.post("/ask", response_model=AskResponse, responses=error_responses(400, 413, 422, 503))
async def ask(body: AskRequest, assistant: AssistantDep) -> AskResponse:
    """Answer with numbered citations of verbatim passages, or abstain when the documents do not say."""
    return await run_in_threadpool(assistant.ask, body)
