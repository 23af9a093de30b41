"""`POST /v1/feedback`: a thumbs up or down (and an optional reason) on an answer, stored durably."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.deps import FeedbackDep
from api.errors import error_responses
from api.schemas import FeedbackIn, FeedbackOut

router = APIRouter(tags=["feedback"])


@router.post("/feedback", status_code=201, response_model=FeedbackOut, responses=error_responses(400, 413, 422))
async def give_feedback(body: FeedbackIn, store: FeedbackDep) -> FeedbackOut:
    """Record a vote for `answer_id`; export them with `nwl-assistant feedback export`."""
    return await run_in_threadpool(store.add, body)
