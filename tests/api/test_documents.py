"""/v1/documents: listing, full clean text, and a citation's passage with the context to highlight it in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.server import background_server
from assistant.embedding import Embedder
from assistant.service import Assistant
from assistant.settings import BUNDLED_CORPUS, Settings
from tests.api.conftest import variant

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


@pytest.fixture(scope="module")
def pdf_client(pdf_index: tuple[Settings, str], embedder: Embedder) -> Iterator[httpx.Client]:
    """A server over the ingested PDF folder (tests/conftest.py `pdf_index`)."""
    settings = variant(pdf_index[0])
    with (
        background_server(create_app(settings, Assistant(settings, embedder))) as url,
        httpx.Client(base_url=url, timeout=60) as http,
    ):
        yield http


def test_pdf_documents_list_pages_and_inferred_metadata(pdf_client: httpx.Client) -> None:
    docs = {d["file"]: d for d in pdf_client.get("/v1/documents").json()}
    decision = docs["decision-summary.pdf"]
    assert decision["title"] == "Community specialist palliative care for adults: decision and next steps"
    assert (decision["date"], decision["publisher"]) == ("July 2025", "NHS North West London")
    assert decision["inferred"] == ["title", "date", "publisher"] and decision["pages"] == 4
    detail = pdf_client.get(f"/v1/documents/{decision['id']}").json()
    starts = detail["page_starts"]
    assert len(starts) == 4 and starts[0] == 0
    assert detail["text"][starts[2] :].startswith("What changes")  # page 3 opens with its heading


def test_document_file_is_the_original_pdf(pdf_client: httpx.Client, pdf_folder: Path) -> None:
    doc_id = next(d["id"] for d in pdf_client.get("/v1/documents").json() if d["file"] == "decision-summary.pdf")
    response = pdf_client.get(f"/v1/documents/{doc_id}/file")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.content == (pdf_folder / "decision-summary.pdf").read_bytes()
    assert 'filename="decision-summary.pdf"' in response.headers["content-disposition"]
    missing = pdf_client.get("/v1/documents/no-such-doc/file")
    assert missing.status_code == 404 and missing.json()["error"]["type"] == "not_found"


def test_pdf_passages_and_search_hits_carry_their_page(pdf_client: httpx.Client) -> None:
    answer = pdf_client.post("/v1/ask", json={"question": "What changes for specialist nursing from 2026?"}).json()
    cited = next(c for c in answer["citations"] if c["quote"].startswith("Specialist nursing | 9am to 5pm"))
    assert (cited["page"], cited["page_end"]) == (3, None)
    passage = pdf_client.get(f"/v1/documents/{cited['document']}/passages/{cited['chunk_id']}").json()
    assert passage["page"] == 3
    hits = pdf_client.get("/v1/search", params={"q": "Pembridge inpatient unit will not reopen"}).json()["hits"]
    top = hits[0]
    assert top["file"] == "decision-summary.pdf" and "Pembridge" in top["text"] and top["page"] == 2


def test_document_file_of_a_text_document_is_plain_text(client: httpx.Client) -> None:
    response = client.get("/v1/documents/cspc-hf-summary-2025/file")
    assert response.status_code == 200 and response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.content == (BUNDLED_CORPUS / "000_aa87430d678cc82c.txt").read_bytes()
    summary = next(d for d in client.get("/v1/documents").json() if d["id"] == "cspc-hf-summary-2025")
    assert summary["pages"] == 0 and summary["inferred"] == []
