"""/v1/documents: listing, full clean text, and a citation's passage with the context to highlight it in."""

from __future__ import annotations

import httpx
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.server]


def test_documents_list_the_bundled_corpus_with_provenance(client: httpx.Client) -> None:
    docs = {d["id"]: d for d in client.get("/v1/documents").json()}
    assert len(docs) == 5
    plan = docs["nwl-joint-forward-plan-2024"]
    assert plan["date"] == "5 July 2024" and plan["chunks"] > 50 and "Brent" in plan["boroughs"]
    detail = client.get("/v1/documents/nwl-joint-forward-plan-2024").json()
    assert len(detail["text"]) == plan["chars"] and detail["title"] == plan["title"]


def test_passage_context_contains_the_cited_quote_at_its_offsets(client: httpx.Client) -> None:
    answer = client.post("/v1/ask", json={"question": "When do the new contracts start?"}).json()
    citation = answer["citations"][0]
    passage = client.get(
        f"/v1/documents/{citation['document']}/passages/{citation['chunk_id']}", params={"around": 100}
    ).json()
    offset = passage["context_start"]
    assert passage["context"][citation["start"] - offset : citation["end"] - offset] == citation["quote"]
    assert passage["start"] - offset <= 100 and passage["context_end"] - passage["end"] <= 100
    assert passage["document"]["title"] == citation["title"] and passage["heading_path"]


def test_unknown_document_or_passage_is_404(client: httpx.Client) -> None:
    assert client.get("/v1/documents/no-such-doc").json()["error"]["type"] == "not_found"
    response = client.get("/v1/documents/cspc-hf-summary-2025/passages/nwl-joint-forward-plan-2024:000000000000")
    assert response.status_code == 404 and "no passage" in response.json()["error"]["message"]
