"""POST /v1/feedback into SQLite, and `nwl-assistant feedback export` back out as CSV."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from api.deps import get_feedback_store
from api.feedback_store import FeedbackStore
from api.schemas import FeedbackIn
from assistant.cli import build_app

cli = build_app()


def test_feedback_store_keeps_one_row_per_answer_and_exports_safely(tmp_path: Path) -> None:
    store = FeedbackStore.in_data_dir(tmp_path)
    store.add(FeedbackIn(answer_id="a1", rating="up", question="Q?", answer="A."))
    store.add(FeedbackIn(answer_id="a1", rating="down", reason='=HYPERLINK("http://x")'))
    store.add(FeedbackIn(answer_id="a2", rating="up"))
    rows = list(csv.DictReader(io.StringIO(_export(store))))
    assert [(r["answer_id"], r["rating"]) for r in rows] == [("a1", "down"), ("a2", "up")]
    # Kept from the first vote; the reason cannot run as a spreadsheet formula.
    assert rows[0]["question"] == "Q?" and rows[0]["reason"] == '\'=HYPERLINK("http://x")'


def test_feedback_store_keeps_only_redacted_text_and_exports_the_labels(tmp_path: Path) -> None:
    store = FeedbackStore.in_data_dir(tmp_path)
    store.add(
        FeedbackIn(
            answer_id="a1",
            rating="down",
            reason="Wrong for my patient 943 476 5919, email me at jo.bloggs@nhs.net or 07700 900123",
            question="What care can 943-476-5919 (born 12/03/1956, W12 8QT) get?",
            answer="The documents do not say.",
        )
    )
    raw = store.path.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("feedback.sqlite3-*"))
    for secret in (b"5919", b"jo.bloggs", b"900123", b"1956", b"8QT"):
        assert secret not in raw, secret
    row = next(csv.DictReader(io.StringIO(_export(store))))
    assert row["reason"] == "Wrong for my patient [NHS number], email me at [email address] or [phone number]"
    assert row["question"] == "What care can [NHS number] (born [date of birth], [postcode]) get?"


def test_feedback_export_redacts_rows_stored_before_redaction(tmp_path: Path) -> None:
    store = FeedbackStore.in_data_dir(tmp_path)
    store.add(FeedbackIn(answer_id="a1", rating="up"))
    with sqlite3.connect(store.path) as conn:  # as an older version wrote it: verbatim
        conn.execute("UPDATE feedback SET question = 'About 9434765919?', answer_id = '9434765919'")
    row = next(csv.DictReader(io.StringIO(_export(store))))
    assert row["question"] == "About [NHS number]?" and row["answer_id"] == "9434765919"


def _export(store: FeedbackStore) -> str:
    data, count = store.export_csv()
    # A byte-order mark, or Excel reads the UTF-8 as a legacy code page and mangles “ and →.
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert len(text.splitlines()) == count + 1
    return text


@pytest.mark.slow
@pytest.mark.server
def test_feedback_round_trip_through_api_and_cli(tmp_path: Path, start_server: Callable[..., str]) -> None:
    store = FeedbackStore.in_data_dir(tmp_path)
    url = start_server(overrides={get_feedback_store: lambda: store})
    with httpx.Client(base_url=url, timeout=60) as client:
        answer = client.post("/v1/ask", json={"question": "When do the new contracts start for 943 476 5919?"}).json()
        vote = {"answer_id": answer["answer_id"], "rating": "down", "question": answer["question"]}
        first = client.post("/v1/feedback", json=vote)
        second = client.post("/v1/feedback", json={**vote, "reason": "Wanted the exact date"})
        assert first.status_code == second.status_code == 201
        assert first.json()["id"] == second.json()["id"]
        for bad in ({**vote, "rating": "sideways"}, {**vote, "answer_id": "<script>"}, {"rating": "up"}):
            response = client.post("/v1/feedback", json=bad)
            assert response.status_code == 422 and response.json()["error"]["type"] == "invalid_request"
    target = tmp_path / "votes.csv"
    result = CliRunner().invoke(cli, ["feedback", "export", "--data-dir", str(tmp_path), "--out", str(target)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert len(rows) == 1
    assert rows[0]["answer_id"] == answer["answer_id"] and rows[0]["rating"] == "down"
    assert rows[0]["reason"] == "Wanted the exact date"
    assert rows[0]["question"] == "When do the new contracts start for [NHS number]?"
    assert "5919" not in target.read_text(encoding="utf-8")
