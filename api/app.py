"""The app factory: `create_app(settings)` wires settings, the loaded assistant, routers and error mapping."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.deps import v1_guards
from api.errors import GUARD_ERRORS, install_error_handlers
from api.routes import admin, ask, boroughs, changes, chat, documents, faq, feedback, health, openai, search, widget
from api.runtime import Runtime
from api.security import BodyLimitMiddleware
from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import Settings

# Above the largest body the schema allows (POST /v1/chat/completions: 48 messages of 20,000 characters, each
# character JSON-escaped as \uXXXX: 5.8 MB), so a request the schema accepts is never refused for its size;
# still a bound on what one request can make the server hold.
MAX_BODY_BYTES = 8 * 1024 * 1024

DESCRIPTION = """
Cited answers over NHS North West London planning and consultation documents.

Every answer quotes the documents verbatim: `[n]` markers in the answer point at `citations[n-1]`, whose
`quote` is exactly `text[start:end]` of `GET /v1/documents/{document}`. When the documents do not answer,
`abstained` is true and the answer says so.

When the server has API keys (`NWL_API_KEYS`), every `/v1` route needs `Authorization: Bearer KEY` or
`X-API-Key: KEY`. Each client has a rate limit (`NWL_RATE_LIMIT_PER_MINUTE`); errors are JSON `{"error": …}`.
"""

# Resource routers under /v1, in the order the docs list them; the FAQ router (a later task) joins here.
V1_ROUTERS: tuple[APIRouter, ...] = (
    ask.router,
    chat.router,
    search.router,
    changes.router,
    documents.router,
    boroughs.router,
    feedback.router,
    openai.router,
    faq.router,
)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Load the model and the catalog once, before the first request, off the event loop."""
    runtime: Runtime = app.state.runtime
    await runtime.start()
    yield
    await runtime.stop()


def create_app(
    settings: Settings,
    assistant: Assistant | None = None,
    *,
    embedder: Embedder | None = None,
    widget_key_in_page: bool = False,
) -> FastAPI:
    """Build the API; pass an `assistant` (or just an `embedder`) to share one already loaded."""
    app = FastAPI(
        title="nwl-assistant",
        version="0.1.0",
        summary="Cited answers over NHS North West London planning and consultation documents.",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.runtime = Runtime(settings, assistant, embedder)
    app.state.widget_key = settings.revealed_api_keys[0] if widget_key_in_page and settings.api_keys else None
    install_error_handlers(app)
    # An upload may be up to NWL_MAX_UPLOAD_MB, plus the multipart form around it.
    upload_limit = settings.max_upload_mb * 1024 * 1024 + 64 * 1024
    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES, larger={"/v1/admin/documents": upload_limit})
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type"],
            max_age=600,
        )
    v1 = APIRouter(prefix="/v1", dependencies=v1_guards(settings), responses=GUARD_ERRORS)
    for router in V1_ROUTERS:
        v1.include_router(router)
    app.include_router(v1)
    if settings.admin_keys:  # without an admin key the admin routes do not exist (404), nor in the schema
        app.include_router(admin.router)
    app.include_router(health.router)
    app.include_router(widget.router)
    if settings.admin_keys:
        app.include_router(admin.page_router)  # last: it ends in a catch-all for the page's assets
    return app
