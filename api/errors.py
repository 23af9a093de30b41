"""The one place where errors become HTTP: status code, headers and the JSON body `ErrorOut`.

assistant/errors.py's tree maps as: InputError → 422, NotIngested / StoreCorrupt / StoreUnavailable → 503
(with Retry-After), ConfigError and other NwlError → 500. Request validation gives 422 (400 when the body
is not JSON at all); HTTP exceptions keep their status. Anything else is a 500 whose body says nothing
about the code: the traceback goes to the server log only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import Match

from api.schemas import ErrorDetail, ErrorOut, FieldError
from assistant.errors import ConfigError, InputError, NotIngested, NwlError, StoreCorrupt, StoreUnavailable

log = logging.getLogger(__name__)

RETRY_AFTER_S = 5

# First match wins, so subclasses come before their bases.
_NWL_ERRORS: tuple[tuple[type[NwlError], int, str], ...] = (
    (NotIngested, 503, "not_ingested"),
    (StoreCorrupt, 503, "store_corrupt"),
    (StoreUnavailable, 503, "store_unavailable"),
    (InputError, 422, "invalid_input"),
    (ConfigError, 500, "config_error"),
    (NwlError, 500, "internal_error"),
)

_HTTP_TYPES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}

# What each status means to a client of this API; every one has the ErrorOut body.
_WHEN: dict[int, str] = {
    400: "The body is not valid JSON.",
    401: "No valid API key: the server has API keys and the request did not present one of them.",
    404: "No such resource.",
    405: "The path exists but not with this method.",
    413: "The body is larger than the server accepts (8 MB, more than any body the schema allows).",
    422: "A field is missing or invalid; `error.details` lists each field and what is wrong with it.",
    429: "This client's rate limit is spent; the `Retry-After` header says after how many seconds to retry.",
    503: (
        "Not ready to answer: nothing is ingested yet, the catalog is damaged, or the vector store is "
        "unreachable; retry after the `Retry-After` header's seconds."
    ),
}

Responses = dict[int | str, dict[str, Any]]


def error_responses(*statuses: int, **when: str) -> Responses:
    """OpenAPI `responses=` for these error statuses, each with the ErrorOut schema (the one error body).

    A route names what it can return: `error_responses(400, 413, 422, 503)`; a keyword such as
    `not_found="No such document"` words a status for that route (keywords: the _HTTP_TYPES kinds).
    """
    responses: Responses = {}
    for status in statuses:
        default = _WHEN.get(status, HTTPStatus(status).phrase)
        responses[status] = {"model": ErrorOut, "description": when.get(_HTTP_TYPES.get(status, ""), default)}
    return responses


# Every /v1 route: the API key check and the rate limit run before the route (see api/deps.py).
GUARD_ERRORS = error_responses(401, 429)


@dataclass(frozen=True)
class Problem:
    """An error already decided: what to send, whichever transport (JSON response or SSE event) sends it."""

    status: int
    body: ErrorOut
    headers: dict[str, str] = field(default_factory=dict)


def _problem(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> Problem:
    return Problem(status, ErrorOut(error=ErrorDetail(type=kind, message=message)), headers or {})


def describe(exc: BaseException) -> Problem:
    """Classify any exception; unexpected ones are logged with their traceback and described generically."""
    if isinstance(exc, NwlError):
        for cls, status, kind in _NWL_ERRORS:
            if isinstance(exc, cls):
                headers = {"Retry-After": str(RETRY_AFTER_S)} if status == 503 else {}
                return _problem(status, kind, str(exc), headers)
    if isinstance(exc, RequestValidationError):
        return _validation_problem(exc)
    if isinstance(exc, HTTPException):
        kind = _HTTP_TYPES.get(exc.status_code, "http_error")
        return _problem(exc.status_code, kind, str(exc.detail), dict(exc.headers or {}))
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return _problem(500, "internal_error", "internal error; the server log has the details")


def _validation_problem(exc: RequestValidationError) -> Problem:
    raw = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in raw):
        return _problem(400, "invalid_json", "the request body is not valid JSON")
    details = [
        FieldError(loc=[p for p in e.get("loc", ()) if isinstance(p, str | int)], msg=str(e.get("msg")), type=e["type"])
        for e in raw
    ]
    first = details[0] if details else None
    where = ".".join(str(p) for p in first.loc) if first else "request"
    message = f"invalid request: {where}: {first.msg}" if first else "invalid request"
    return Problem(422, ErrorOut(error=ErrorDetail(type="invalid_request", message=message, details=details)))


def problem_response(problem: Problem) -> JSONResponse:
    return JSONResponse(problem.body.model_dump(exclude_none=True), problem.status, headers=problem.headers)


async def _handle(request: Request, exc: Exception) -> JSONResponse:
    problem = describe(exc)
    if problem.status == 405:
        problem.headers["Allow"] = ", ".join(_allowed_methods(request))
    return problem_response(problem)


def _allowed_methods(request: Request) -> list[str]:
    """Every method the path takes: Starlette names only the first route whose path matched (GET, not POST)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        route_methods = getattr(route, "methods", None)
        if match is not Match.NONE and route_methods:
            methods |= set(route_methods)
    return sorted(methods)


def install_error_handlers(app: FastAPI) -> None:
    """Register the mapping for every error kind, including the catch-all 500."""
    for exc_class in (NwlError, RequestValidationError, HTTPException, Exception):
        app.add_exception_handler(exc_class, _handle)
