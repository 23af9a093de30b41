"""The admin API: 404 without admin keys, 401 without the right one; uploads go live or change nothing."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from api.app import create_app
from api.server import background_server
from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import Settings
from ingest.pipeline import Ingestor

pytestmark = [pytest.mark.slow, pytest.mark.server]

ADMIN_KEY = "admin-key-for-tests-1"
AUTH = {"Authorization": f"Bearer {ADMIN_KEY}"}
PILOT_MD = b"""# Harrow late-night pharmacy pilot

The Harrow late-night pharmacy pilot opens four pharmacies until midnight from June 2026.

Residents can collect urgent prescriptions at the pilot pharmacies seven days a week.
"""


def test_admin_routes_are_absent_without_admin_keys(start_server: Callable[..., str]) -> None:
    url = start_server()
    with httpx.Client(base_url=url, timeout=30) as client:
        for method, path in (
            ("GET", "/admin"),
            ("GET", "/admin.js"),
            ("GET", "/v1/admin/documents"),
            ("GET", "/v1/admin/jobs/abc"),
            ("DELETE", "/v1/admin/documents/x"),
        ):
            response = client.request(method, path, headers=AUTH)
            assert response.status_code == 404, (path, response.text)
        assert client.post("/v1/admin/documents", files={"file": ("a.md", b"# A")}, headers=AUTH).status_code == 404
        assert client.get("/widget.js").status_code == 200  # the page's catch-all shadows nothing


def test_admin_routes_need_the_admin_key(start_server: Callable[..., str]) -> None:
    url = start_server(admin_keys=[ADMIN_KEY], api_keys=["an-api-key-123"])
    with httpx.Client(base_url=url, timeout=30) as client:
        assert client.get("/v1/admin/documents").status_code == 401
        wrong = client.get("/v1/admin/documents", headers={"Authorization": "Bearer an-api-key-123"})
        assert wrong.status_code == 401 and wrong.json()["error"]["type"] == "unauthorized"
        listed = client.get("/v1/admin/documents", headers=AUTH)
        assert listed.status_code == 200
        assert {d["source"] for d in listed.json()} == {"bundled"} and len(listed.json()) == 5
        assert client.get("/admin").status_code == 200  # the page itself asks for the key


@pytest.fixture
def admin_server(small_settings: Settings, embedder: Embedder) -> Iterator[tuple[str, Settings]]:
    settings = small_settings.model_copy(
        update={"admin_keys": [SecretStr(ADMIN_KEY)], "rate_limit_per_minute": 100_000, "max_upload_mb": 1}
    )
    Ingestor(settings, lambda: embedder).run()
    with background_server(create_app(settings, Assistant(settings, embedder), embedder=embedder)) as url:
        yield url, settings


def wait_for_job(client: httpx.Client, job_id: str, timeout_s: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = client.get(f"/v1/admin/jobs/{job_id}", headers=AUTH).json()
        assert 0 <= job["progress"] <= 1
        if job["state"] in ("done", "failed"):
            return dict(job)
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish")


def ask_until(client: httpx.Client, question: str, wanted: str, timeout_s: float = 5) -> dict[str, Any]:
    """The first answer quoting `wanted`, asked until timeout_s after the job finished."""
    deadline = time.monotonic() + timeout_s
    while True:
        body = client.post("/v1/ask", json={"question": question}).json()
        if any(wanted in c["quote"] for c in body["citations"]) or time.monotonic() > deadline:
            return dict(body)
        time.sleep(0.2)


def test_upload_goes_live_survives_reingest_and_can_be_removed(
    admin_server: tuple[str, Settings], embedder: Embedder
) -> None:
    url, settings = admin_server
    with httpx.Client(base_url=url, timeout=60) as client:
        accepted = client.post(
            "/v1/admin/documents",
            files={"file": ("harrow-pilot.md", PILOT_MD, "text/markdown")},
            data={"publisher": "Harrow Council", "date": "May 2026", "status": "decided", "boroughs": "Harrow"},
            headers=AUTH,
        )
        assert accepted.status_code == 202, accepted.text
        job = wait_for_job(client, accepted.json()["job_id"])
        assert job["state"] == "done" and job["documents"]["added"] == 1 and job["progress"] == 1
        listed = {d["id"]: d for d in client.get("/v1/admin/documents", headers=AUTH).json()}
        pilot = listed[accepted.json()["doc_id"]]
        assert pilot["title"] == "Harrow late-night pharmacy pilot" and pilot["publisher"] == "Harrow Council"
        assert pilot["boroughs"] == ["Harrow"] and pilot["chunks"] >= 1 and pilot["last_ingested"]
        assert pilot["source"] == "uploaded"
        answer = ask_until(client, "When do the Harrow late-night pharmacies open?", "until midnight")
        assert any("until midnight" in c["quote"] for c in answer["citations"]), answer["answer"]

        # A CLI ingest of the same data dir keeps the upload (it reads the corpus and the uploads).
        report = Ingestor(settings, lambda: embedder).run()
        assert "harrow-pilot.md" in report.unchanged and not report.removed

        removal = client.delete(f"/v1/admin/documents/{pilot['id']}", headers=AUTH)
        assert removal.status_code == 202
        assert wait_for_job(client, removal.json()["job_id"])["documents"]["removed"] == 1
        assert pilot["id"] not in {d["id"] for d in client.get("/v1/admin/documents", headers=AUTH).json()}
        assert client.delete("/v1/admin/documents/no-such-doc", headers=AUTH).status_code == 404


def test_bad_uploads_are_refused_and_change_nothing(admin_server: tuple[str, Settings]) -> None:
    url, settings = admin_server
    with httpx.Client(base_url=url, timeout=60) as client:
        before = client.get("/v1/admin/documents", headers=AUTH).json()
        cases = {
            ("empty.md", b""): (422, "empty"),
            ("tool.exe", b"MZ..."): (415, "unsupported file type"),
            ("broken.pdf", b"%PDF-1.4 not really"): (422, "unreadable PDF"),
            ("latin.txt", "caf\xe9".encode("latin-1")): (422, "UTF-8"),
            ("huge.txt", b"word " * 230_000): (413, "larger than"),
        }
        for (name, content), (status, words) in cases.items():
            response = client.post("/v1/admin/documents", files={"file": (name, content)}, headers=AUTH)
            assert response.status_code == status, (name, response.text)
            assert words in response.json()["error"]["message"], response.text
        unknown = client.post(
            "/v1/admin/documents", files={"file": ("a.md", PILOT_MD)}, data={"boroughs": "Camden"}, headers=AUTH
        )
        assert unknown.status_code == 422 and "unknown borough" in unknown.json()["error"]["message"]
        assert client.get("/v1/admin/documents", headers=AUTH).json() == before
    uploads = settings.data_dir / "uploads"
    assert not [p for p in uploads.rglob("*") if p.is_file()]


def test_two_uploads_at_once_are_applied_one_after_the_other(admin_server: tuple[str, Settings]) -> None:
    url, _ = admin_server
    with httpx.Client(base_url=url, timeout=60) as client:
        first = client.post("/v1/admin/documents", files={"file": ("one.md", PILOT_MD)}, headers=AUTH).json()
        second_body = PILOT_MD.replace(b"Harrow", b"Brent")
        second = client.post("/v1/admin/documents", files={"file": ("two.md", second_body)}, headers=AUTH).json()
        queued = client.get(f"/v1/admin/jobs/{second['job_id']}", headers=AUTH).json()
        assert queued["state"] in ("queued", "running")
        one, two = wait_for_job(client, first["job_id"]), wait_for_job(client, second["job_id"])
        assert one["state"] == two["state"] == "done"
        assert one["documents"]["added"] == 1 and two["documents"]["added"] == 1  # two saw one as unchanged
        assert two["documents"]["unchanged"] == one["documents"]["unchanged"] + 1
