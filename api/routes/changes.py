"""`GET /v1/changes`: the change register for a borough (or several, or all of NW London) and a topic."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from api.deps import AssistantDep
from api.errors import error_responses
from api.routes.search import SearchBorough
from assistant.change_views import changes_response
from assistant.contract import ChangesResponse
from assistant.query import parse_boroughs
from assistant.topics import topic_names

router = APIRouter(tags=["changes"])

_EXAMPLE: dict[str, Any] = {
    "boroughs": ["Hammersmith and Fulham"],
    "topic": "palliative care",
    "changes": [
        {
            "id": "cspc-hf-summary-2025:chg-0123456789ab",
            "summary": "No Hospice at home service → New Hospice at home service providing up to 24/7 enhanced care",
            "current": "No Hospice at home service",
            "new": "New Hospice at home service providing up to 24/7 enhanced care",
            "kind": "new",
            "topic": "palliative care",
            "scope": "borough",
            "boroughs": ["Hammersmith and Fulham"],
            "status": "decided",
            "status_source": {
                "document": "cspc-hf-summary-2025",
                "date": "2025 (undated)",
                "quote": "ICB Board has approved Option A",
            },
            "when": "by 1st October 2025",
            "document": "cspc-hf-summary-2025",
            "title": "Improving adult community specialist palliative care services",
            "date": "2025 (undated)",
            "era": "current",
            "programme": "What it means for Hammersmith and Fulham",
            "citations": [
                {
                    "n": 1,
                    "file": "000_aa87430d678cc82c.txt",
                    "document": "cspc-hf-summary-2025",
                    "title": "Improving adult community specialist palliative care services",
                    "date": "2025 (undated)",
                    "quote": "New Hospice at home service providing up to 24/7 enhanced care",
                    "start": 1234,
                    "end": 1320,
                    "chunk_id": "cspc-hf-summary-2025:abcdef012345",
                    "section": "What it means for Hammersmith and Fulham",
                    "page": None,
                    "page_end": None,
                }
            ],
        }
    ],
    "stays_same": [],
    "catalog": "3f2a9c1b7d0e",
}


@router.get(
    "/changes",
    response_model=ChangesResponse,
    responses={**error_responses(422, 503), 200: {"content": {"application/json": {"example": _EXAMPLE}}}},
)
async def changes(
    assistant: AssistantDep,
    borough: Annotated[
        list[SearchBorough] | None,
        Query(max_length=9, description="Changes that apply to these boroughs (repeat); none: all of NW London."),
    ] = None,
    topic: Annotated[
        str | None,
        Query(
            json_schema_extra={"enum": [*topic_names(), ""]},
            description="Only changes filed under this topic; empty or absent: every topic.",
        ),
    ] = None,
) -> ChangesResponse:
    """What changes for residents: the register's records, NW London-wide ones included, newest first."""
    boroughs = list(parse_boroughs([b for b in borough or [] if b]))
    gen = assistant.generation  # one catalog version for the records and their citations
    return await run_in_threadpool(changes_response, gen.register, gen.snapshot, boroughs, topic or None)
