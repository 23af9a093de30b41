from __future__ import annotations

import csv
import io

import pytest
from docx import Document

from assistant.errors import InputError
from assistant.faq.models import FaqPack
from assistant.faq.render import CSV_COLUMNS, FORMATS, NOT_COVERED, md_escape, parse_formats, render
from tests.faq.conftest import HOSTILE_QUOTE


def test_render_csv_parses_back_with_bom_and_one_row_per_question(sample_pack: FaqPack) -> None:
    data = render(sample_pack, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["question"] for r in rows] == [item.question for item in sample_pack.items]
    answered, missing = rows
    assert HOSTILE_QUOTE in answered["answer"] and answered["answer"].startswith("• ")
    assert (
        answered["sources"].splitlines()[0] == f"[1] NW London Joint Forward Plan 2024 (5 July 2024): “{HOSTILE_QUOTE}”"
    )
    assert answered["status"] == "proposed" and answered["confidence"] == "medium"
    assert missing["answer"] == NOT_COVERED and missing["sources"] == "" and missing["confidence"] == ""


def test_render_csv_defuses_cells_excel_would_run_as_formulas(sample_pack: FaqPack) -> None:
    sample_pack.items[0].question = "=HYPERLINK(evil)"
    rows = list(csv.reader(io.StringIO(render(sample_pack, "csv").decode("utf-8-sig"), newline="")))
    assert rows[1][0] == "'=HYPERLINK(evil)"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_render_html_escapes_all_text(sample_pack: FaqPack) -> None:
    page = render(sample_pack, "html").decode("utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert '<sup><a href="#q1-1">[1]</a></sup>' in page
    assert page.count("<h2>") == 3  # one answered question, not covered, documents
    assert "What does parking cost at Ealing Hospital?" in page.split(NOT_COVERED)[1]


def test_render_markdown_keeps_document_markup_inert(sample_pack: FaqPack) -> None:
    text = render(sample_pack, "md").decode("utf-8")
    assert "## 1. What changes for residents in Ealing?" in text
    assert r"\<script\>" in text and r"\*five\*" in text
    assert "[1]" in text and r"\[1\]" not in text
    assert "## " + NOT_COVERED in text and "- What does parking cost at Ealing Hospital?" in text
    assert "003_jfp.txt" in text


def test_md_escape_neutralises_line_start_markers() -> None:
    assert md_escape("# not a heading") == r"\# not a heading"
    assert md_escape("1. not a list") == r"1\. not a list"
    assert md_escape("snake_case stays") == "snake_case stays"


def test_render_docx_holds_questions_headings_and_sources(sample_pack: FaqPack) -> None:
    doc = Document(io.BytesIO(render(sample_pack, "docx")))
    headings = [p.text for p in doc.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert "1. What changes for residents in Ealing?" in headings
    assert "Sources" in headings and NOT_COVERED in headings and "Documents" in headings
    body = "\n".join(p.text for p in doc.paragraphs)
    assert f"[1] NW London Joint Forward Plan 2024 (5 July 2024): “{HOSTILE_QUOTE}”" in body
    assert "What does parking cost at Ealing Hospital?" in body


def test_render_json_round_trips(sample_pack: FaqPack) -> None:
    assert FaqPack.model_validate_json(render(sample_pack, "json")) == sample_pack


def test_render_rejects_unknown_formats(sample_pack: FaqPack) -> None:
    assert parse_formats("md, CSV,.docx,md") == ["md", "csv", "docx"]
    with pytest.raises(InputError, match="unknown format pdf"):
        parse_formats("md,pdf")
    with pytest.raises(InputError):
        render(sample_pack, "pdf")
    assert set(FORMATS) == {"md", "csv", "docx", "html", "json"}


def test_pack_summary_counts_answered_not_covered_and_low(sample_pack: FaqPack) -> None:
    sample_pack.items[0].confidence = "low"
    assert sample_pack.summary() == (
        "Ealing: 2 questions, 1 answered (1 low confidence), 1 not covered by the documents"
    )


def test_sources_from_a_pdf_name_their_page_in_every_format(sample_pack: FaqPack) -> None:
    first = sample_pack.answered[0]
    cited = first.citations[0].model_copy(update={"page": 12})
    spanning = first.citations[0].model_copy(update={"n": 2, "page": 3, "page_end": 4})
    item = first.model_copy(update={"citations": [cited, spanning]})
    pack = sample_pack.model_copy(update={"items": [item]})
    assert "NW London Joint Forward Plan 2024 (5 July 2024, p. 12): “" in render(pack, "md").decode()
    assert "(5 July 2024, pp. 3–4)" in render(pack, "csv").decode("utf-8-sig")
    assert "(5 July 2024, p. 12)" in render(pack, "html").decode()
    assert "(5 July 2024, p. 12)" in "\n".join(p.text for p in Document(io.BytesIO(render(pack, "docx"))).paragraphs)
    plain = sample_pack.model_copy(update={"items": [first]})
    assert "NW London Joint Forward Plan 2024 (5 July 2024): “" in render(plain, "md").decode()
