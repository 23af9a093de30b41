"""The /admin page in Chromium: enter the key, upload a Markdown file, follow its job, see it listed, ask about it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect
from pydantic import SecretStr

from api.app import create_app
from api.server import background_server
from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import Settings
from ingest.pipeline import Ingestor

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.server]

ADMIN_KEY = "admin-key-for-browser-1"
NOTE = """# Ealing community diagnostic hub

The Ealing community diagnostic hub will offer evening MRI scans from September 2026.
"""


@pytest.fixture
def admin_url(small_settings: Settings, embedder: Embedder) -> Iterator[str]:
    settings = small_settings.model_copy(
        update={"admin_keys": [SecretStr(ADMIN_KEY)], "rate_limit_per_minute": 100_000}
    )
    Ingestor(settings, lambda: embedder).run()
    with background_server(create_app(settings, Assistant(settings, embedder), embedder=embedder)) as url:
        yield url


def test_upload_from_the_admin_page_is_listed_and_answered(page: Page, admin_url: str, tmp_path: Path) -> None:
    page.goto(f"{admin_url}/admin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Documents the assistant answers from")
    page.get_by_label("Admin key").fill(ADMIN_KEY)
    page.get_by_role("button", name="Use this key").click()
    expect(page.locator("#key-status")).to_have_text("Key accepted.")
    rows = page.locator("#documents tbody tr")
    expect(rows).to_have_count(2)

    note = tmp_path / "ealing-hub.md"
    note.write_text(NOTE, "utf-8")
    page.get_by_label("File").set_input_files(str(note))
    page.get_by_label("Publisher").fill("Ealing Council")
    page.get_by_label("Status").select_option("proposed")
    page.get_by_label("Boroughs").fill("Ealing")
    page.get_by_role("button", name="Upload").click()

    status = page.locator("#job-status")
    expect(status).to_contain_text("Uploading ealing-hub.md")
    expect(status).to_contain_text("done", timeout=120_000)
    expect(page.locator("#job-progress")).to_have_js_property("value", 1)
    expect(page.locator("#faq-result")).to_contain_text("No approved FAQ answer needs review.")
    expect(rows).to_have_count(3)
    row = rows.filter(has_text="Ealing community diagnostic hub")
    expect(row).to_contain_text("Ealing Council")
    expect(row).to_contain_text("proposed")
    expect(row).to_contain_text("uploaded")
    expect(row.get_by_role("button", name="Remove Ealing community diagnostic hub")).to_be_visible()

    deadline = time.monotonic() + 5
    with httpx.Client(base_url=admin_url, timeout=60) as client:
        while True:
            body = client.post("/v1/ask", json={"question": "When will Ealing offer evening MRI scans?"}).json()
            quotes = " ".join(c["quote"] for c in body["citations"])
            if "evening MRI scans" in quotes or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    assert "September 2026" in quotes, body["answer"]
