"""The widget under hostile documents, a dead server, API keys, and embedded on another site."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, Route, expect
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route as StarletteRoute
from starlette.routing import Router

from api.app import create_app
from api.server import background_server
from assistant.service import Assistant
from assistant.settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

KEY = "widget-test-key-0123456789"


def _answer(page: Page, question: str) -> None:
    page.get_by_label("Your question").fill(question)
    page.get_by_role("button", name="Ask", exact=True).click()


def test_document_markup_renders_as_inert_text(page: Page, hostile_url: str) -> None:
    page.goto(hostile_url)
    _answer(page, "When will the Harrow pharmacy pilot open late-night pharmacies?")
    answer = page.locator(".nwl-msg-bot").last
    expect(answer.locator(".nwl-actions")).to_be_visible(timeout=60_000)
    expect(answer.locator(".nwl-answer")).to_contain_text("<script>window.__nwlXss=2</script>")
    expect(answer.locator(".nwl-sources")).to_contain_text('<img src=x onerror="window.__nwlXss=1">')
    answer.locator(".nwl-answer .nwl-cite").first.click()
    panel = page.get_by_role("dialog")
    expect(panel.get_by_role("heading")).to_contain_text('<img src=x onerror="window.__nwlXss=1">')
    expect(panel.locator(".nwl-source-meta")).to_contain_text("<script>window.__nwlXss=4</script>Harrow Council")
    expect(panel.locator(".nwl-context")).to_contain_text('<img src=y onerror="window.__nwlXss=3">')
    # Nothing was parsed as markup: no element came from the documents, and no payload ran.
    assert page.locator(".nwl img, .nwl script, .nwl iframe").count() == 0
    assert page.evaluate("window.__nwlXss") is None


def test_widget_reports_a_server_that_went_away(
    page: Page, bundled_index: Settings, widget_assistant: Assistant
) -> None:
    app = create_app(bundled_index.model_copy(update={"rate_limit_per_minute": 1000}), widget_assistant)
    with background_server(app) as url:
        page.goto(url)
        expect(page.get_by_label("Borough").locator("option").nth(1)).to_contain_text("passages")
    _answer(page, "When do the new contracts start?")  # the server is gone now
    expect(page.locator(".nwl-msg-bot .nwl-error")).to_contain_text("not reachable")
    expect(page.locator(".nwl-status")).to_contain_text("server may be down")
    expect(page.get_by_role("button", name="Ask", exact=True)).to_be_enabled()


def test_widget_reports_503_from_the_api(page: Page, widget_url: str) -> None:
    def unavailable(route: Route) -> None:
        route.fulfill(
            status=503,
            content_type="application/json",
            body='{"error": {"type": "store_unavailable", "message": "Chroma is not available: connection refused"}}',
        )

    page.route("**/v1/chat", unavailable)
    page.goto(widget_url)
    _answer(page, "When do the new contracts start?")
    expect(page.locator(".nwl-msg-bot .nwl-error")).to_contain_text("cannot answer right now: Chroma is not available")


@pytest.fixture
def locked_url(bundled_index: Settings, widget_assistant: Assistant) -> Iterator[str]:
    settings = Settings(**{**bundled_index.model_dump(), "api_keys": [KEY], "rate_limit_per_minute": 1000})
    with background_server(create_app(settings, widget_assistant)) as url:
        yield url


def test_widget_asks_for_a_key_the_page_does_not_carry(page: Page, locked_url: str) -> None:
    page.goto(locked_url)
    assert KEY not in page.content()
    key_field = page.get_by_label("API key")
    expect(key_field).to_be_visible()
    key_field.fill(KEY)
    page.get_by_role("button", name="Use key").click()
    _answer(page, "When do the new contracts start?")
    expect(page.locator(".nwl-msg-bot").last.locator(".nwl-answer")).to_contain_text("1st October 2025", timeout=60_000)


@pytest.fixture
def intranet(bundled_index: Settings, widget_assistant: Assistant) -> Iterator[str]:
    """An 'intranet page' on its own origin embedding the widget from an API that allow-lists that origin."""
    api: dict[str, str] = {}

    async def team_page(request: Request) -> HTMLResponse:
        script = f'<script src="{api["url"]}/widget.js" data-api-base="{api["url"]}" defer></script>'
        return HTMLResponse(f"<!doctype html><title>Intranet</title><h1>Team page</h1>{script}")

    with background_server(Router([StarletteRoute("/team", team_page)])) as page_url:
        settings = bundled_index.model_copy(update={"cors_origins": [page_url], "rate_limit_per_minute": 1000})
        with background_server(create_app(settings, widget_assistant)) as api_url:
            api["url"] = api_url
            yield f"{page_url}/team"


def test_widget_embeds_on_another_site_with_one_script_tag(page: Page, intranet: str) -> None:
    page.goto(intranet)
    page.get_by_role("button", name="Ask NW London documents").click()
    _answer(page, "When do the new contracts start?")
    answer = page.locator(".nwl-msg-bot").last
    expect(answer.locator(".nwl-answer")).to_contain_text("1st October 2025", timeout=60_000)
    answer.locator(".nwl-answer .nwl-cite").first.click()
    expect(page.get_by_role("dialog").locator("mark")).to_contain_text("1st October 2025")
