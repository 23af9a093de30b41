"""`GET /v1/changes`: the change register filtered by borough and topic (what the widget's table shows)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AssistantDep
from api.errors import error_responses
from api.routes.search import SearchBorough
from assistant.change_views import changes_response
from assistant.contract import ChangesResponse
from assistant.query import parse_boroughs

router = APIRouter(tags=["changes"])


@router.get("/changes", response_model=ChangesResponse, responses=error_responses(422, 503))
async def changes(
    assistant: AssistantDep,
    borough: Annotated[
        list[SearchBorough] | None,
        Query(max_length=9, description="Changes that apply to these boroughs (repeat); NW London-wide ones included."),
    ] = None,
    topic: Annotated[str | None, Query(max_length=100, description="Only changes filed under this topic.")] = None,
) -> ChangesResponse:
    """Every change record that applies to the boroughs (all when none), newest first, each cited verbatim."""
    gen = assistant.generation  # records and their quotes from one catalog version
    boroughs = list(parse_boroughs([b for b in borough or [] if b]))
    return changes_response(gen.register, gen.snapshot, boroughs, topic or None)
