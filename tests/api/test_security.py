"""API keys on every /v1 route, the per-client rate limit, CORS and what the widget page may carry."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from api.ratelimit import BURST_WINDOW_S, RateLimiter
from api.security import key_matches

KEY = "nwl-test-key-0123456789"
server = [pytest.mark.slow, pytest.mark.server]


def test_rate_limiter_allows_a_burst_then_says_how_long_to_wait() -> None:
    limiter = RateLimiter(per_minute=60, burst=2)
    assert limiter.take("a") == 0 and limiter.take("a") == 0
    assert 0 < limiter.take("a") <= BURST_WINDOW_S
    assert limiter.take("b") == 0  # clients do not share an allowance


def test_sqlite_rate_limit_is_shared_by_every_limiter_on_the_file(tmp_path: Path) -> None:
    uri = f"sqlite:///{tmp_path / 'limits.sqlite3'}"
    one, two = RateLimiter(per_minute=10, storage=uri), RateLimiter(per_minute=10, storage=uri)  # two "workers"
    assert one.shared and one.take("a") == 0 and two.take("a") == 0
    assert one.take("a") > 0 and two.take("a") > 0  # the burst of ceil(10 / 5) = 2 is spent across both
    assert two.take("b") == 0
    per_process = RateLimiter(per_minute=10), RateLimiter(per_minute=10)
    assert [p.take("a") for p in per_process for _ in range(2)] == [0, 0, 0, 0]  # memory:// counts per process


def test_key_matches_only_exact_keys() -> None:
    assert key_matches(KEY, ["other-key-000000", KEY])
    assert not key_matches(KEY[:-1], [KEY]) and not key_matches(KEY + "x", [KEY]) and not key_matches(KEY, [])


def _v1_operations(openapi: dict[str, object]) -> list[tuple[str, str]]:
    paths = openapi["paths"]
    assert isinstance(paths, dict)
    return [
        (method, re.sub(r"\{[^}]+\}", "x", path))
        for path, operations in paths.items()
        if path.startswith("/v1/")
        for method in operations
    ]


@pytest.mark.parametrize("header", ["authorization", "x-api-key"])
@pytest.mark.slow
@pytest.mark.server
def test_every_v1_route_needs_the_key(start_server: Callable[..., str], header: str) -> None:
    url = start_server(api_keys=[KEY])
    good = {"authorization": f"Bearer {KEY}"} if header == "authorization" else {"x-api-key": KEY}
    with httpx.Client(base_url=url, timeout=60) as client:
        operations = _v1_operations(client.get("/openapi.json").json())
        assert len(operations) >= 10
        for method, path in operations:
            for headers in ({}, {"authorization": "Bearer wrong-key-0000000"}, {"x-api-key": KEY[:-1]}):
                response = client.request(method, path, headers=headers, json={})
                assert response.status_code == 401, (method, path, headers)
                assert response.json()["error"]["type"] == "unauthorized"
                assert response.headers["www-authenticate"] == "Bearer"
            assert client.request(method, path, headers=good, json={}).status_code != 401, (method, path)
        assert client.get("/v1/boroughs", headers=good).status_code == 200
        assert client.get("/healthz").status_code == 200 and client.get("/readyz").status_code == 200
        page = client.get("/")
        assert page.status_code == 200 and KEY not in page.text and "data-api-key" not in page.text


@pytest.mark.slow
@pytest.mark.server
def test_widget_page_carries_key_only_when_configured(start_server: Callable[..., str]) -> None:
    url = start_server(api_keys=[KEY], widget_key_in_page=True)
    page = httpx.get(f"{url}/", timeout=30)
    assert f'data-api-key="{KEY}"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


@pytest.mark.slow
@pytest.mark.server
def test_rate_limit_is_429_with_retry_after_per_client(start_server: Callable[..., str]) -> None:
    url = start_server(rate_limit_per_minute=5, api_keys=[KEY, "second-key-0123456789"])
    with httpx.Client(base_url=url, timeout=60, headers={"x-api-key": KEY}) as client:
        assert client.get("/v1/boroughs").status_code == 200  # a burst of ceil(5 / 5) = 1
        limited = client.get("/v1/boroughs")
        assert limited.status_code == 429 and limited.json()["error"]["type"] == "rate_limited"
        assert 1 <= int(limited.headers["retry-after"]) <= 12
        other = client.get("/v1/boroughs", headers={"x-api-key": "second-key-0123456789"})
        assert other.status_code == 200  # another client still has its own allowance
        assert client.get("/healthz").status_code == 200  # health checks are not limited


@pytest.mark.slow
@pytest.mark.server
def test_cors_only_for_allow_listed_origins(api_url: str, start_server: Callable[..., str]) -> None:
    preflight = {"origin": "http://intranet.example", "access-control-request-method": "POST"}
    default = httpx.options(f"{api_url}/v1/ask", headers=preflight, timeout=30)
    assert "access-control-allow-origin" not in default.headers
    url = start_server(cors_origins=["http://intranet.example"])
    allowed = httpx.options(f"{url}/v1/ask", headers=preflight, timeout=30)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "http://intranet.example"
    other = httpx.options(f"{url}/v1/ask", headers={**preflight, "origin": "http://evil.example"}, timeout=30)
    assert "access-control-allow-origin" not in other.headers
