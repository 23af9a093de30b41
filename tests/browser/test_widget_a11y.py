"""WCAG 2.2 AA for the widget: axe-core finds no violation in any state staff meet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import Servers, load_widget, rewrite_chat_stream, with_pages_and_partial
from tests.browser.test_widget_chat import HF_QUESTION, ask, last_answer

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
DESKTOP = {"width": 1100, "height": 900}
PHONE = {"width": 375, "height": 740}
CONTRACTS_QUESTION = "When do the new contracts start?"


@dataclass(frozen=True)
class State:
    """One screen staff can meet; `reach` brings a fresh page to it."""

    name: str
    reach: Callable[[Page, Servers], None]
    viewport: dict[str, int] = field(default_factory=lambda: dict(DESKTOP))
    color_scheme: Literal["light", "dark"] = "light"


def _empty(page: Page, servers: Servers) -> None:
    load_widget(page, servers.url)


def _streamed(page: Page, servers: Servers) -> None:
    load_widget(page, servers.paced_url)
    ask(page, HF_QUESTION)


def _source_open(page: Page, servers: Servers) -> None:
    load_widget(page, servers.url)
    ask(page, HF_QUESTION)
    last_answer(page).locator(".nwl-answer .nwl-cite").first.click()
    expect(page.get_by_role("dialog").locator(".nwl-passage mark")).to_be_visible()


def _abstention(page: Page, servers: Servers) -> None:
    load_widget(page, servers.url)
    ask(page, "What changes for palliative care in Camden?")
    expect(last_answer(page).locator(".nwl-abstain")).to_be_visible()


def _server_down(page: Page, servers: Servers) -> None:
    with servers.short_lived() as url:
        load_widget(page, url)
    ask(page, CONTRACTS_QUESTION)
    expect(last_answer(page).locator(".nwl-error")).to_contain_text("not reachable")


def _narrow(page: Page, servers: Servers) -> None:
    load_widget(page, servers.url)
    ask(page, CONTRACTS_QUESTION)
    expect(last_answer(page).locator(".nwl-sources")).to_be_visible()


def _partial_with_pages(page: Page, servers: Servers) -> None:
    page.route("**/v1/chat", lambda route: rewrite_chat_stream(route, with_pages_and_partial))
    load_widget(page, servers.url)
    ask(page, CONTRACTS_QUESTION)
    expect(last_answer(page).locator(".nwl-outcome")).to_be_visible()


def _changes_table(page: Page, servers: Servers) -> None:
    load_widget(page, servers.register_url)
    page.get_by_label("Borough").select_option("Brent")
    page.get_by_role("button", name="What changes in Brent").click()
    expect(page.locator(".nwl-changes table").first).to_be_visible()


# Add a state here (one entry) when the widget gains a view, e.g. the borough changes view.
STATES = [
    State("empty page", _empty),
    State("streamed answer", _streamed),
    State("source panel open", _source_open),
    State("abstention", _abstention),
    State("error: server down", _server_down),
    State("375 px wide screen", _narrow, viewport=dict(PHONE)),
    State("375 px, source panel open", _source_open, viewport=dict(PHONE)),
    State("dark scheme, source panel open", _source_open, color_scheme="dark"),
    State("dark scheme, abstention", _abstention, color_scheme="dark"),
    State("partial answer with PDF pages", _partial_with_pages),
    State("borough changes table", _changes_table),
    State("dark scheme, borough changes table", _changes_table, color_scheme="dark"),
    State("375 px, borough changes table", _changes_table, viewport=dict(PHONE)),
]


def axe_violations(page: Page) -> list[str]:
    """One line per failing element: the rule, its impact, what it asks, and the element (selector and HTML)."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {' '.join(map(str, node['target']))}: {node['html'][:160]}"
        for v in results.response["violations"]
        for node in v["nodes"]
    ]


@pytest.mark.parametrize("state", STATES, ids=[s.name for s in STATES])
def test_widget_has_no_axe_violations(page: Page, servers: Servers, state: State) -> None:
    page.set_viewport_size(state.viewport)
    page.emulate_media(color_scheme=state.color_scheme)
    state.reach(page, servers)
    violations = axe_violations(page)
    assert not violations, f"{state.name}: {len(violations)} axe violation(s):\n" + "\n".join(violations)
