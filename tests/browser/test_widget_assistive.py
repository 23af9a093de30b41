"""The widget without a mouse or a screen: a whole conversation by keyboard alone, and what a screen reader hears."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import pytest
from playwright.sync_api import Page, Route, expect

from api.feedback_store import FeedbackStore
from tests.browser.conftest import Servers, load_widget, rewrite_chat_stream, with_pages_and_partial
from tests.browser.test_widget_a11y import CONTRACTS_QUESTION
from tests.browser.test_widget_chat import HF_QUESTION, ask, last_answer

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]


# The focused element, tagged with an id on first visit so a full Tab cycle can be recognised.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  if (!el.dataset.tabStop) { window.__stops = (window.__stops || 0) + 1; el.dataset.tabStop = String(window.__stops); }
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    id: el.dataset.tabStop,
    name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 80) || el.id,
    tag: el.tagName.toLowerCase(),
    cls: typeof el.className === 'string' ? el.className : '',
    visible: el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    inView: box.bottom > 0 && box.top < innerHeight && box.width > 0,
  };
}"""


def tab_cycle(page: Page, limit: int = 150) -> list[dict[str, Any]]:
    """Every element Tab reaches, once each: pressing Tab until focus comes back round to where it started."""
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None:
            continue
        if stops and stop["id"] == stops[0]["id"]:
            return stops
        stops.append(stop)
    raise AssertionError(f"Tab did not come round in {limit} presses: {[s['name'] for s in stops]}")


def tab_to(page: Page, is_target: Callable[[dict[str, Any]], bool], limit: int = 150) -> dict[str, Any]:
    """Press Tab until the focused element is the one wanted."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop and is_target(stop):
            return stop
    raise AssertionError("Tab never reached the element")


def assert_focus_always_visible(stops: list[dict[str, Any]]) -> None:
    hidden = [s for s in stops if not (s["visible"] and s["inView"])]
    assert not hidden, hidden


def test_widget_conversation_by_keyboard_alone(page: Page, widget_url: str, widget_feedback: FeedbackStore) -> None:
    load_widget(page, widget_url)
    stops = tab_cycle(page)
    names = [s["name"] for s in stops]
    assert any(s["tag"] == "select" and s["name"].startswith("All NW London") for s in stops), names
    examples = page.locator(".nwl-example").all_inner_texts()
    assert len(examples) >= 3 and all(example in names for example in examples), names
    assert any(s["tag"] == "textarea" for s in stops) and "Ask" in names
    assert_focus_always_visible(stops)

    tab_to(page, lambda s: s["tag"] == "textarea")
    page.keyboard.type(CONTRACTS_QUESTION)
    page.keyboard.press("Enter")
    expect(last_answer(page).locator(".nwl-actions")).to_be_visible(timeout=60_000)

    stops = tab_cycle(page)
    markers = page.locator(".nwl-cite").count()
    assert markers >= 2 and sum("nwl-cite" in s["cls"] for s in stops) == markers
    assert {"Helpful", "Not helpful", "Copy answer with sources"} <= {s["name"] for s in stops}
    assert_focus_always_visible(stops)

    marker = tab_to(page, lambda s: "nwl-cite" in s["cls"])
    page.evaluate("document.activeElement.setAttribute('data-opened-by-test', '')")
    page.keyboard.press("Enter")
    panel = page.get_by_role("dialog")
    expect(panel).to_be_visible()
    assert page.evaluate("document.querySelector('[role=dialog]').contains(document.activeElement)")
    assert page.evaluate(FOCUSED)["visible"]
    for _ in range(6):  # Tab stays in the open panel
        page.keyboard.press("Tab")
        assert page.evaluate("document.querySelector('[role=dialog]').contains(document.activeElement)")
        assert page.evaluate(FOCUSED)["visible"]
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(page.locator("[data-opened-by-test]")).to_be_focused()
    assert page.evaluate(FOCUSED)["name"] == marker["name"]

    tab_to(page, lambda s: s["name"] == "Helpful")
    page.keyboard.press("Enter")
    helpful = last_answer(page).get_by_role("button", name="Helpful", exact=True)
    expect(helpful).to_have_attribute("aria-pressed", "true")
    expect(last_answer(page).locator(".nwl-actions [role=status]")).to_have_text("Thanks, feedback saved.")
    assert any(r[4] == "up" and r[6] == CONTRACTS_QUESTION for r in widget_feedback.rows())


# Every text an announcer region is given, in order.
WATCH_ANNOUNCEMENTS = """() => {
  window.__said = [];
  for (const region of document.querySelectorAll('.nwl [role=status].nwl-sr, .nwl [role=alert]')) {
    const role = region.getAttribute('role');
    const said = () => { if (region.textContent) window.__said.push([role, region.textContent]); };
    new MutationObserver(said).observe(region, {childList: true, subtree: true, characterData: true});
  }
}"""
NOT_LIVE = "el => el.closest('[aria-live], [role=log], [role=status], [role=alert]') === null"


def test_screen_reader_hears_a_streamed_answer_once(page: Page, paced_url: str) -> None:
    load_widget(page, paced_url)
    page.evaluate(WATCH_ANNOUNCEMENTS)
    ask(page, HF_QUESTION)
    expect(last_answer(page).locator(".nwl-sources")).to_be_visible()
    page.wait_for_timeout(300)
    said = page.evaluate("window.__said")
    assert len(said) == 1 and said[0][0] == "status", said
    assert said[0][1].startswith("Answer: ") and "8am to 8pm" in said[0][1] and "[1]" not in said[0][1]
    assert said[0][1].endswith(("documents.", "document."))
    assert last_answer(page).locator(".nwl-answer").evaluate(NOT_LIVE)  # deltas are not read out one by one


def test_screen_reader_hears_an_abstention_and_an_error_as_such(page: Page, servers: Servers) -> None:
    with servers.short_lived() as url:
        load_widget(page, url)
        page.evaluate(WATCH_ANNOUNCEMENTS)
        ask(page, "What changes for palliative care in Camden?")
        page.wait_for_timeout(300)
        said = page.evaluate("window.__said")
        assert len(said) == 1 and said[0][1].startswith("No answer in the documents: The documents do not say"), said
    ask(page, CONTRACTS_QUESTION)  # the server is gone now
    page.wait_for_timeout(300)
    said = page.evaluate("window.__said")[1:]
    assert said == [["alert", "Error: " + last_answer(page).locator(".nwl-error").inner_text().removeprefix("Error: ")]]
    assert "not reachable" in said[0][1]


def test_partial_answer_is_labelled(page: Page, widget_url: str) -> None:
    def partial(route: Route) -> None:
        rewrite_chat_stream(route, with_pages_and_partial)

    page.route("**/v1/chat", partial)
    load_widget(page, widget_url)
    page.evaluate(WATCH_ANNOUNCEMENTS)
    ask(page, CONTRACTS_QUESTION)
    expect(last_answer(page).locator(".nwl-outcome")).to_contain_text("Partly answered")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__said")[0][1].startswith("Partly answered: ")


@pytest.mark.parametrize(("motion", "scrolling"), [("no-preference", "smooth"), ("reduce", "auto")])
def test_widget_moves_only_without_reduced_motion(
    page: Page, widget_url: str, motion: Literal["no-preference", "reduce"], scrolling: str
) -> None:
    page.emulate_media(reduced_motion=motion)
    load_widget(page, widget_url)
    assert page.locator(".nwl-log").evaluate("el => getComputedStyle(el).scrollBehavior") == scrolling
