"""`GET /v1/faq` and `/v1/faq/export`: the latest FAQ pack built for a borough, as JSON or as a file."""

from __future__ import annotations

from typing import Annotated, Literal

import anyio.to_thread
from fastapi import APIRouter, HTTPException, Query, Response

from api.deps import SettingsDep
from api.errors import error_responses
from assistant.contract import BoroughName
from assistant.faq.build import latest_pack, pack_borough
from assistant.faq.models import FaqPack
from assistant.faq.render import MEDIA_TYPES, render
from assistant.settings import Settings

router = APIRouter(tags=["faq"])

BoroughQuery = Annotated[
    BoroughName,
    Query(description="A borough name or alias (e.g. Ealing, H&F), or 'NW London' for the NW London-wide pack."),
]
FAQ_ERRORS = error_responses(404, 422, not_found="No FAQ pack has been built for this borough yet.")


def _pack(settings: Settings, borough: str) -> FaqPack:
    pack = latest_pack(settings, borough)
    if pack is None:
        name = pack_borough(borough)
        raise HTTPException(404, f"no FAQ pack has been built for {name}; run `nwl-assistant faq build --borough`")
    return pack


@router.get("/faq", response_model=FaqPack, responses=FAQ_ERRORS)
async def get_faq(settings: SettingsDep, borough: BoroughQuery = "NW London") -> FaqPack:
    """The newest pack built for the borough, with every answer's citations, status and confidence."""
    return await anyio.to_thread.run_sync(_pack, settings, borough)


@router.get(
    "/faq/export",
    responses={**FAQ_ERRORS, 200: {"content": {t: {} for t in MEDIA_TYPES.values()}}},
    response_class=Response,
)
async def export_faq(
    settings: SettingsDep,
    borough: BoroughQuery = "NW London",
    fmt: Annotated[
        Literal["csv", "md", "docx", "html", "json"], Query(alias="format", description="File format.")
    ] = "csv",
) -> Response:
    """The pack as a download in the chosen format, with the matching content type and file name."""
    pack = await anyio.to_thread.run_sync(_pack, settings, borough)
    body = await anyio.to_thread.run_sync(render, pack, fmt)
    return Response(
        content=body,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="faq-{pack.slug}.{fmt}"'},
    )
