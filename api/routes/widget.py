"""The staff chat widget: `/` (demo page), `/widget.js` and `/widget.css`, one static bundle, no build step.

Embed on any intranet page with
`<script src="http://HOST:8000/widget.js" data-api-base="http://HOST:8000" defer></script>`.
When API keys are on, the page gets no key unless the server was started to embed one.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

router = APIRouter(include_in_schema=False)

# A plain path, not importlib.resources: an editable install made before api/ had an __init__ maps it as a
# namespace package, which resources cannot read from.
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

KEY_SLOT = "data-nwl-key-slot"
# Defence in depth for the demo page; the widget itself renders every document and answer as text.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
ASSET_HEADERS = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}


@cache
def asset(name: str) -> str:
    return (STATIC_DIR / name).read_text("utf-8")


@router.get("/", response_class=HTMLResponse)
async def demo_page(request: Request) -> HTMLResponse:
    key: str | None = request.app.state.widget_key
    attribute = f'data-api-key="{html.escape(key, quote=True)}"' if key else ""
    return HTMLResponse(asset("index.html").replace(KEY_SLOT, attribute), headers=PAGE_HEADERS)


@router.get("/favicon.ico", status_code=204)
async def favicon() -> Response:
    """No icon; an empty answer keeps browsers from logging a 404 on every page load."""
    return Response(status_code=204)


@router.get("/widget.js")
async def widget_js() -> Response:
    return Response(asset("widget.js"), media_type="text/javascript; charset=utf-8", headers=ASSET_HEADERS)


@router.get("/widget.css")
async def widget_css() -> Response:
    return Response(asset("widget.css"), media_type="text/css; charset=utf-8", headers=ASSET_HEADERS)
