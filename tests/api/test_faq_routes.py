"""`/v1/faq` and `/v1/faq/export` over a real server: 404 before a pack exists, then JSON and files."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import docx
import httpx
import pytest

from api.deps import get_settings
from assistant.faq.build import build_pack, save_latest
from assistant.faq.questions import default_questions
from assistant.service import Assistant
from assistant.settings import Settings
from tests.api.conftest import variant

pytestmark = [pytest.mark.slow, pytest.mark.server]


def test_faq_routes_serve_the_latest_pack(
    start_server: Callable[..., str], api_assistant: Assistant, bundled_index: Settings, tmp_path: Path
) -> None:
    settings = variant(bundled_index, data_dir=tmp_path)

    async def pack_settings() -> Settings:
        return settings

    url = start_server(overrides={get_settings: pack_settings})
    with httpx.Client(base_url=url, timeout=60) as http:
        missing = http.get("/v1/faq", params={"borough": "Ealing"})
        assert missing.status_code == 404
        assert "faq build" in missing.json()["error"]["message"]

        pack = build_pack(api_assistant, "Ealing", default_questions("Ealing")[:2])
        save_latest(settings, pack)

        found = http.get("/v1/faq", params={"borough": "ealing"})
        assert found.status_code == 200
        body = found.json()
        assert body["borough"] == "Ealing" and len(body["items"]) == 2

        exported = http.get("/v1/faq/export", params={"borough": "Ealing", "format": "csv"})
        assert exported.status_code == 200
        assert exported.headers["content-type"].startswith("text/csv")
        assert 'filename="faq-' in exported.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
        assert [r["question"] for r in rows] == [i["question"] for i in body["items"]]

        word = http.get("/v1/faq/export", params={"borough": "Ealing", "format": "docx"})
        assert word.headers["content-type"].startswith("application/vnd.openxmlformats")
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
        assert body["items"][0]["question"] in text

        unknown = http.get("/v1/faq", params={"borough": "Narnia"})
        assert 400 <= unknown.status_code < 500 and "not a NW London borough" in unknown.json()["error"]["message"]
        bad_format = http.get("/v1/faq/export", params={"borough": "Ealing", "format": "exe"})
        assert bad_format.status_code == 422
