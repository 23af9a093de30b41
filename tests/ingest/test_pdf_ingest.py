"""End to end: `ingest FOLDER` of PDFs, then `ask --json`; answers cite PDF pages, quotes stay verbatim."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber
import pytest
from typer.testing import CliRunner

from assistant.cli import build_app
from assistant.embedding import Embedder
from assistant.settings import Settings
from assistant.snapshot import load_snapshot
from tests.ingest import pdf_factory as pdf

pytestmark = pytest.mark.slow


def _ask(settings: Settings, question: str) -> dict:
    result = CliRunner().invoke(build_app(), ["ask", "--data-dir", str(settings.data_dir), "--json", question])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_ingest_folder_reports_the_scan_in_one_line_and_keeps_the_rest(pdf_index: tuple[Settings, str]) -> None:
    settings, output = pdf_index
    lines = [line for line in output.splitlines() if "scan.pdf" in line]
    assert len(lines) == 1 and "needs OCR" in lines[0]
    snapshot = load_snapshot(settings.data_dir)
    assert snapshot is not None
    assert {d.meta.file for d in snapshot.documents.values()} == {"decision-summary.pdf", "hf-summary.pdf"}
    decision = snapshot.documents_by_file["decision-summary.pdf"]
    assert decision.meta.title == pdf.FULL_TITLE and decision.meta.date == "July 2025"
    assert len(decision.pages) == 4 and Path(decision.source).name == "decision-summary.pdf"


def test_ask_about_the_pdf_table_gives_current_to_new_with_its_page(pdf_index: tuple[Settings, str]) -> None:
    settings, _ = pdf_index
    answer = _ask(settings, "What changes for specialist nursing from 2026?")
    assert not answer["abstained"]
    assert "9am to 5pm → 12 hours a day, 7 days a week" in answer["answer"]
    cited = next(c for c in answer["citations"] if c["quote"].startswith("Specialist nursing | 9am to 5pm"))
    assert (cited["file"], cited["page"], cited["page_end"]) == ("decision-summary.pdf", 3, None)
    assert f"[{cited['n']}]" in answer["answer"]
    passage = next(p for p in answer["passages"] if p["chunk_id"] == cited["chunk_id"])
    assert passage["page"] == 3


def test_typeset_pdf_chunks_fit_and_citations_are_verbatim_on_their_page(
    pdf_index: tuple[Settings, str], pdf_folder: Path, embedder: Embedder
) -> None:
    settings, _ = pdf_index
    snapshot = load_snapshot(settings.data_dir)
    assert snapshot is not None
    doc = snapshot.documents_by_file["hf-summary.pdf"]
    chunks = snapshot.by_doc[doc.meta.doc_id]
    assert len(doc.pages) >= 3 and len(chunks) > 20
    assert all(embedder.count_tokens(c.embed_text) <= settings.max_chunk_tokens for c in chunks)
    assert any(c.kind == "table_row" and c.context.startswith("Table columns: Current") for c in chunks)
    answer = _ask(settings, "What is the new hospice at home service in Hammersmith and Fulham?")
    quotes = [c for c in answer["citations"] if c["file"] == "hf-summary.pdf"]
    assert quotes and not answer["abstained"]
    with pdfplumber.open(pdf_folder / "hf-summary.pdf") as original:
        page_words = [_words(page.extract_text(x_tolerance_ratio=0.15)) for page in original.pages]
    for citation in quotes:
        assert doc.text[citation["start"] : citation["end"]] == citation["quote"]
        # Every word of the quote is printed on the page(s) the citation names.
        pages = range(citation["page"], (citation["page_end"] or citation["page"]) + 1)
        printed = set().union(*(page_words[page - 1] for page in pages))
        assert _words(citation["quote"]) <= printed, citation["page"]


def test_ask_in_the_terminal_names_the_page(pdf_index: tuple[Settings, str]) -> None:
    settings, _ = pdf_index
    args = ["ask", "--data-dir", str(settings.data_dir), "What changes for specialist nursing from 2026?"]
    result = CliRunner().invoke(build_app(), args)
    assert result.exit_code == 0, result.output
    printed = " ".join(result.stdout.split())  # the terminal wraps long lines
    assert re.search(r"\[\d\] Community specialist [^[]* decision-summary\.pdf, p\. 3, chars \d+-\d+:", printed)
