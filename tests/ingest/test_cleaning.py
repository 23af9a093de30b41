from __future__ import annotations

from assistant.boroughs import BOROUGHS
from assistant.settings import BUNDLED_CORPUS
from ingest.cleaning import clean
from ingest.markup import cell_to_text, inline_markup


def test_cleaning_joins_hard_wrapped_lines_but_keeps_paragraph_breaks() -> None:
    raw = (
        "The purpose is to outline the framework and approach within \n\n"
        "which the System will seek to deliver national and local priorities \n\n"
        "through service change. \n\n \n\n"
        "A second paragraph starts here and is long enough to be wrapped \n\n"
        "across two lines. \n" + "filler line of a wrapped pdf export \n\n" * 30
    )
    result = clean(raw)
    first = result.blocks[0]
    assert first.text == (
        "The purpose is to outline the framework and approach within which the System will seek "
        "to deliver national and local priorities through service change."
    )
    assert result.blocks[1].text.startswith("A second paragraph starts here")


def test_cleaning_bundled_board_pack_has_no_wrapped_sentence_fragments() -> None:
    raw = (BUNDLED_CORPUS / "002_1681d4f7351f5510.txt").read_text("utf-8")
    result = clean(raw, BOROUGHS)
    assert "welcomed and supported the recommendation but sought further clarification" in result.text
    assert "\n\nminutes of the meeting" not in result.text


def test_cleaning_removes_html_fragments_from_table_cells() -> None:
    raw = (BUNDLED_CORPUS / "003_f63b90dd9f61820c.txt").read_text("utf-8")
    result = clean(raw, BOROUGHS)
    for tag in ("<ul", "<li", "<h4", "<h3", "<p>", "</p>", "<br", "style="):
        assert tag not in result.text
    assert "Adult mental health: Dementia Assessment and Diagnosis*; Talking Therapies access rates*" in result.text


def test_cell_to_text_renders_heading_and_list_items() -> None:
    label, text = cell_to_text('<h4>Care homes</h4> <ul style="list-style-type: none"> • First item • Second item</ul>')
    assert label == "Care homes"
    assert text == "Care homes: First item; Second item"


def test_inline_markup_strips_markdown_emphasis_only() -> None:
    assert inline_markup("**£15m investment** over *6* years") == "£15m investment over 6 years"
    assert inline_markup("Core20Plus5* and Partnership**") == "Core20Plus5* and Partnership"


def test_cleaning_tables_keep_rows_with_header_labels() -> None:
    raw = (BUNDLED_CORPUS / "000_aa87430d678cc82c.txt").read_text("utf-8")
    result = clean(raw, BOROUGHS)
    rows = [b for b in result.blocks if b.kind == "table_row"]
    header = rows[0]
    assert header.header and header.cells[0].text.startswith("Current community specialist")
    hours = next(r for r in rows if "9am to 5pm" in r.text)
    assert "8am to 8pm" in hours.text
    assert hours.cells[1].label.startswith("New community specialist palliative care services")


def test_cleaning_offsets_point_at_block_text() -> None:
    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        result = clean(path.read_text("utf-8"), BOROUGHS)
        for block in result.blocks:
            assert result.text[block.start : block.end] == block.text
            for cell in block.cells:
                assert result.text[cell.start : cell.end] == cell.text
