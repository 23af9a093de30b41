"""PDFs keep their structure: title and date, headings, lists, tables, pages; footers and hyphens are gone.

Fast: the PDFs are drawn with reportlab in the test and chunked with the model's own tokenizer (no model).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tokenizers import Tokenizer

from assistant.boroughs import BOROUGHS
from assistant.embedding import BUNDLED_MODEL, _model_path
from assistant.errors import DocumentError
from assistant.records import Chunk, CleanDocument
from ingest.chunking import Chunker, chunk_document
from ingest.cleaning import clean
from ingest.loaders import default_meta, load_raw
from ingest.pdf_layout import join_lines
from tests.ingest import pdf_factory as pdf


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    tokenizer = Tokenizer.from_file(str(_model_path(BUNDLED_MODEL) / "tokenizer.json"))
    tokenizer.no_truncation()
    return Chunker(lambda text: len(tokenizer.encode(text).ids))


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory, chunker: Chunker) -> tuple[CleanDocument, list[Chunk]]:
    path = pdf.decision_summary(tmp_path_factory.mktemp("pdf") / "decision-summary.pdf")
    raw = load_raw(path)
    result = clean(raw.text, BOROUGHS, structured=raw.structured)
    doc = CleanDocument(default_meta(path, raw.text), result.text, raw.raw_hash, result.pages)
    return doc, chunk_document(doc, result, chunker)


def _chunk_with(chunks: list[Chunk], words: str) -> Chunk:
    return next(c for c in chunks if words in c.text)


def test_pdf_title_keeps_its_subtitle_and_date_and_publisher_are_read(summary) -> None:
    meta = summary[0].meta
    assert meta.title == pdf.FULL_TITLE
    assert (meta.date, meta.date_sort, meta.publisher) == ("July 2025", "2025-07", "NHS North West London")
    assert meta.inferred == ("title", "date", "publisher")


def test_pdf_headings_on_new_pages_become_heading_paths(summary) -> None:
    _, chunks = summary
    centre = _chunk_with(chunks, "The Board confirmed")
    assert centre.heading_path == (pdf.FULL_TITLE, "Pembridge Palliative Care Centre")
    assert centre.text.startswith("The Board confirmed that the inpatient unit")
    assert _chunk_with(chunks, "Contracts for the new services").heading_path[-1] == "Next steps"
    assert {c.heading_path[-1] for c in chunks} >= {"Summary", "Pembridge Palliative Care Centre", "What changes"}


def test_pdf_bullets_are_list_items_with_wrapped_lines_joined(summary) -> None:
    doc, _ = summary
    assert "What the new model brings:\n\n- Specialist nursing in the community every day of the week.\n" in doc.text
    assert "- A single point of access for referrals, open to patients, carers and professionals alike.\n" in doc.text


def test_pdf_table_rows_are_cells_with_the_header_as_context(summary) -> None:
    _, chunks = summary
    rows = [c for c in chunks if c.kind == "table_row"]
    assert [c.text for c in rows] == [" | ".join(row) for row in pdf.TABLE[1:]]
    assert all(c.context == "Table columns: Service | Today | From 2026" for c in rows)
    assert all(c.heading_path[-1] == "What changes" for c in rows)


def test_pdf_running_footer_and_page_numbers_are_dropped(summary) -> None:
    doc, chunks = summary
    for text in [doc.text, *(c.text for c in chunks)]:
        assert "decision summary -" not in text and "Page 2 of 4" not in text and "of 4" not in text


def test_pdf_word_hyphenated_at_a_line_end_is_joined(summary) -> None:
    doc, _ = summary
    assert "for every community in the eight boroughs" in doc.text and "commun-" not in doc.text


def test_pdf_spans_know_their_page(summary) -> None:
    doc, chunks = summary
    assert len(doc.pages) == 4
    start = doc.text.index(pdf.PAGE3_QUOTE)
    assert doc.page_span(start, start + len(pdf.PAGE3_QUOTE)) == (3, None)
    assert doc.page_span(0, 10) == (1, None)
    crossing = doc.text.index(pdf.CROSSING[0])
    assert doc.page_span(crossing, crossing + len(" ".join(pdf.CROSSING))) == (3, 4)
    assert doc.text[doc.pages[3] :].startswith(pdf.CROSSING[1])
    nursing = _chunk_with(chunks, "Specialist nursing | 9am")
    assert doc.page_span(nursing.start, nursing.end) == (3, None)


def test_pdf_chunks_are_verbatim_spans_of_the_clean_text(summary) -> None:
    doc, chunks = summary
    assert chunks and all(doc.text[c.start : c.end] == c.text for c in chunks)


def test_scanned_pdf_is_reported_as_needing_ocr(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="needs OCR"):
        load_raw(pdf.scanned(tmp_path / "scan.pdf"))


def test_damaged_pdf_is_reported_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    with pytest.raises(DocumentError, match=r"^broken\.pdf: .*PDF") as caught:
        load_raw(path)
    assert "\n" not in str(caught.value)


def test_page_marks_in_plain_text_give_a_page_map() -> None:
    result = clean("First page paragraph.\n\f\nSecond page paragraph.\n\f\n\f\nFourth page.")
    assert result.text == "First page paragraph.\n\nSecond page paragraph.\n\nFourth page."
    assert result.pages == (0, 23, 47, 47)
    assert clean("No pages here.").pages == ()


def test_a_compound_hyphenated_elsewhere_keeps_its_hyphen_at_a_line_end() -> None:
    vocabulary = {"long-term", "plan"}
    assert join_lines(["a long-", "term plan"], vocabulary) == "a long-term plan"
    assert join_lines(["every commun-", "ity"], vocabulary) == "every community"
    assert join_lines(["costs fell by", "-5 per cent"], vocabulary) == "costs fell by -5 per cent"
