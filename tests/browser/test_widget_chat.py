"""The widget as staff use it: ask, watch the answer stream in, open a citation, follow up, filter, rate, copy."""

from __future__ import annotations

import json
import re

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from api.feedback_store import FeedbackStore

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

HF_QUESTION = "What changes for palliative care in Hammersmith and Fulham?"

# Records the answer's length at every DOM change, to show it grew in steps rather than arriving whole.
WATCH_ANSWER = """() => {
  window.__lengths = [];
  new MutationObserver(() => {
    const answers = document.querySelectorAll('.nwl-answer');
    if (answers.length) window.__lengths.push(answers[answers.length - 1].textContent.length);
  }).observe(document.querySelector('.nwl-log'), {childList: true, subtree: true, characterData: true});
}"""


def ask(page: Page, question: str) -> None:
    """Type a question and press Enter, then wait until that answer is complete."""
    done_before = page.locator(".nwl-msg-bot:not([aria-busy])").count()
    page.get_by_label("Your question").fill(question)
    page.get_by_label("Your question").press("Enter")
    expect(page.locator(".nwl-msg-bot:not([aria-busy])")).to_have_count(done_before + 1, timeout=60_000)


def last_answer(page: Page) -> Locator:
    return page.locator(".nwl-msg-bot").last


def test_widget_streams_answer_and_highlights_cited_passage(page: Page, paced_url: str) -> None:
    widget_url = paced_url
    page.goto(widget_url)
    page.evaluate(WATCH_ANSWER)
    page.get_by_role("button", name=HF_QUESTION).click()
    answer = last_answer(page)
    expect(answer.locator(".nwl-actions")).to_be_visible(timeout=60_000)
    expect(answer.locator(".nwl-answer")).to_contain_text("Increased hours of support to 8am to 8pm")
    lengths = page.evaluate("window.__lengths")
    assert len({n for n in lengths if n > 30}) >= 3, lengths  # rendered in several steps as deltas arrived
    expected = httpx.post(f"{widget_url}/v1/ask", json={"question": HF_QUESTION}, timeout=60).json()["citations"]
    expect(answer.locator(".nwl-sources .nwl-cite")).to_have_count(len(expected))

    answer.locator(".nwl-answer .nwl-cite", has_text="[2]").first.click()
    panel = page.get_by_role("dialog")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("heading")).to_have_text(expected[1]["title"])
    expect(panel.locator(".nwl-source-meta")).to_contain_text(expected[1]["date"])
    expect(panel.locator(".nwl-passage mark")).to_have_text(expected[1]["quote"])
    context = panel.locator(".nwl-context").inner_text()
    assert len(context) > len(expected[1]["quote"]) + 200  # the surrounding text is shown too

    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(answer.locator(".nwl-answer .nwl-cite", has_text="[2]").first).to_be_focused()


def test_widget_follow_up_and_borough_filter(page: Page, widget_url: str) -> None:
    page.goto(widget_url)
    ask(page, "What are Ealing's borough partnership priorities?")
    with page.expect_request("**/v1/chat") as follow_up:
        ask(page, "And in Brent?")
    sent = json.loads(follow_up.value.post_data or "{}")
    assert [t["role"] for t in sent["history"]] == ["user", "assistant"] and sent["boroughs"] == []
    assert "Ealing" in sent["history"][0]["content"]
    expect(last_answer(page).locator(".nwl-understood")).to_contain_text("Brent")

    page.get_by_label("Borough").select_option("Hounslow")
    with page.expect_request("**/v1/chat") as filtered:
        ask(page, "What are the borough partnership priorities?")
    assert json.loads(filtered.value.post_data or "{}")["boroughs"] == ["Hounslow"]
    expect(last_answer(page).locator(".nwl-answer")).to_contain_text("Hounslow")
    expect(page.get_by_label("Borough").locator("option:checked")).to_contain_text("passages")


def test_widget_feedback_is_stored_with_reason(page: Page, widget_url: str, widget_feedback: FeedbackStore) -> None:
    page.goto(widget_url)
    ask(page, "When do the new contracts start?")
    answer = last_answer(page)
    answer.get_by_role("button", name="Not helpful").click()
    expect(answer.get_by_role("button", name="Not helpful")).to_have_attribute("aria-pressed", "true")
    answer.get_by_label("Reason (optional)").fill("Wanted the month only")
    answer.get_by_role("button", name="Send reason").click()
    expect(answer.get_by_role("status")).to_have_text("Thanks, your reason was saved.")
    rows = [r for r in widget_feedback.rows() if r[5] == "Wanted the month only"]
    assert len(rows) == 1 and rows[0][4] == "down" and rows[0][6] == "When do the new contracts start?"


def test_widget_copies_answer_with_sources(page: Page, widget_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(widget_url)
    ask(page, "When do the new contracts start?")
    last_answer(page).get_by_role("button", name="Copy answer with sources").click()
    expect(last_answer(page).get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "1st October 2025" in copied and "\n\nSources:\n[1] " in copied and "“" in copied


def test_widget_says_clearly_when_it_abstains(page: Page, widget_url: str) -> None:
    page.goto(widget_url)
    ask(page, "What changes for palliative care in Camden?")
    expect(last_answer(page).locator(".nwl-abstain")).to_contain_text("do not answer this")
    expect(last_answer(page).locator(".nwl-sources")).to_have_count(0)


def test_widget_is_keyboard_usable_on_a_narrow_screen(page: Page, widget_url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(widget_url)
    question = page.get_by_label("Your question")
    for _ in range(30):  # reach the question box with Tab alone
        if question.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(question).to_be_focused()
    page.keyboard.type("When do the new contracts start?")
    page.keyboard.press("Enter")
    cite = last_answer(page).locator(".nwl-answer .nwl-cite").first
    expect(cite).to_be_visible(timeout=60_000)
    expect(last_answer(page).locator(".nwl-actions")).to_be_visible()
    cite.focus()
    page.keyboard.press("Enter")
    panel = page.get_by_role("dialog")
    expect(panel.get_by_role("heading")).to_be_focused()
    box = panel.bounding_box()
    assert box is not None and box["width"] <= 360
    page.keyboard.press("Escape")
    expect(cite).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_widget_warns_against_patient_details_once_and_stores_them_redacted(
    page: Page, widget_url: str, widget_feedback: FeedbackStore
) -> None:
    page.goto(widget_url)
    expect(page.get_by_label("Your question")).to_have_accessible_description(
        re.compile(r"^Do not enter patient details\.")
    )
    expect(page.get_by_text("Do not enter patient details")).to_have_count(1)
    ask(page, "When do the new contracts start for 943 476 5919?")
    answer = last_answer(page)
    answer.get_by_role("button", name="Not helpful").click()
    answer.get_by_label("Reason (optional)").fill("Patient 943 476 5919 asked me")
    answer.get_by_role("button", name="Send reason").click()
    expect(answer.get_by_role("status")).to_have_text("Thanks, your reason was saved.")
    rows = [r for r in widget_feedback.rows() if str(r[5]).endswith("asked me")]
    assert [(r[5], r[6]) for r in rows] == [
        ("Patient [NHS number] asked me", "When do the new contracts start for [NHS number]?")
    ]
