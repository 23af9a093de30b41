"""The borough changes table: choosing a borough offers "What changes in <borough>", a table from GET /v1/changes.

Served over the bundled corpus with a change register (tests/register_index.py); the assertions compare the
table with the API's own response, so they hold whichever records the register has.
"""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import load_widget

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

BOROUGH = "Brent"


def _spaced(text: str) -> str:
    """Text as a reader sees it: runs of white space are one space."""
    return " ".join(text.split())


def test_borough_changes_table_lists_the_register_with_working_citations(page: Page, register_url: str) -> None:
    api = httpx.get(f"{register_url}/v1/changes", params={"borough": BOROUGH}, timeout=60).json()
    assert api["changes"], "the register holds no change for the borough"
    load_widget(page, register_url)
    button = page.get_by_role("button", name=f"What changes in {BOROUGH}")
    expect(button).to_be_hidden()  # only once a borough is chosen
    page.get_by_label("Borough").select_option(BOROUGH)
    # Reached from the borough list with the keyboard alone.
    page.get_by_label("Borough").focus()
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")

    table = page.get_by_role("table").first
    expect(table).to_be_visible()
    expect(table.locator("caption")).to_contain_text(f"Changes in {BOROUGH} ({len(api['changes'])})")
    expect(page.locator(".nwl-changes .nwl-table-wrap").first).to_be_focused()
    headers = table.locator("thead th").evaluate_all("ths => ths.map(th => [th.textContent, th.scope])")
    assert headers == [[name, "col"] for name in ("Topic", "Change", "Status", "When", "Source")]
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(api["changes"]))
    # Every row read in one call: a round trip per cell would take a minute over a borough's thousand rows.
    shown = rows.evaluate_all(
        """trs => trs.map(tr => [tr.querySelector('th[scope=row]').textContent,
                                 tr.querySelector('td').textContent, tr.querySelectorAll('.nwl-cite').length])"""
    )
    for (change_cell, topic_cell, cites), change in zip(shown, api["changes"], strict=True):
        text = f"{change['current']} → {change['new']}" if change["current"] and change["new"] else change["summary"]
        assert _spaced(text) in _spaced(change_cell)
        assert _spaced(topic_cell) == _spaced(change["topic"])
        assert cites == len(change["citations"])

    # A citation opens the source panel on the quoted passage, and Escape returns to its marker.
    first = api["changes"][0]["citations"][0]
    marker = rows.first.locator(".nwl-cite").first
    marker.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("h3")).to_have_text(first["title"])
    expect(dialog.locator(".nwl-context mark")).to_have_text(first["quote"])
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(marker).to_be_focused()


def test_choosing_all_nw_london_hides_the_changes_action(page: Page, register_url: str) -> None:
    load_widget(page, register_url)
    select = page.get_by_label("Borough")
    select.select_option("Harrow")
    expect(page.get_by_role("button", name="What changes in Harrow")).to_be_visible()
    select.select_option("")
    expect(page.locator(".nwl-changes-btn")).to_be_hidden()
