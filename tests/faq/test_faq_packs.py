"""Packs built from the bundled corpus with the real model and Chroma: grounded, honest, and readable files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from assistant.cli import build_app
from assistant.contract import AskRequest
from assistant.embedding import Embedder
from assistant.excel_csv import CUT_NOTE, EXCEL_CELL_CHARS
from assistant.faq.build import build_pack, latest_pack
from assistant.faq.models import FaqPack, FaqQuestion
from assistant.faq.questions import default_questions
from assistant.faq.render import NOT_COVERED, render
from assistant.service import Assistant
from assistant.settings import Settings

app = build_app()

pytestmark = pytest.mark.slow

UNANSWERABLE = FaqQuestion(
    id="parking", question="What is the car parking charge at Charing Cross Hospital for blue badge holders?"
)
OUTSIDE = FaqQuestion(id="camden", question="What changes for palliative care in Camden?")


@pytest.fixture(scope="module")
def assistant(bundled_index: Settings, embedder: Embedder) -> Iterator[Assistant]:
    yield Assistant(bundled_index, embedder)


@pytest.fixture(scope="module")
def packs(assistant: Assistant) -> dict[str, FaqPack]:
    return {
        borough: build_pack(assistant, borough, [*default_questions(borough), UNANSWERABLE, OUTSIDE])
        for borough in ("Hammersmith and Fulham", "Ealing")
    }


@pytest.mark.parametrize("borough", ["Hammersmith and Fulham", "Ealing"])
def test_pack_citations_are_verbatim_and_from_the_borough_or_nw_london(
    assistant: Assistant, packs: dict[str, FaqPack], borough: str
) -> None:
    pack = packs[borough]
    assert pack.answered, pack.summary()
    # A register answer also cites the NW London-wide changes, wherever the document stating one is filed.
    register = assistant.generation.register.for_borough(borough)
    registered = {(s.doc_id, s.start, s.end) for r in (*register.nw_london, *register.stays_same) for s in r.spans}
    for item in pack.answered:
        assert item.citations and item.confidence in {"high", "medium", "low"}
        for c in item.citations:
            doc = assistant.snapshot.documents[c.document]
            assert doc.text[c.start : c.end] == c.quote
            chunk = assistant.snapshot.by_id[c.chunk_id]
            assert chunk.content_hash == c.content_hash and c.quote in chunk.text
            in_scope = borough in chunk.boroughs or "nw_london" in chunk.boroughs
            assert in_scope or (c.document, c.start, c.end) in registered
            assert f"[{c.n}]" in item.answer
    cited = {c.document for item in pack.answered for c in item.citations}
    assert {d.document for d in pack.documents} == cited


@pytest.mark.parametrize("borough", ["Hammersmith and Fulham", "Ealing"])
def test_pack_never_answers_what_the_composer_abstains_on(
    assistant: Assistant, packs: dict[str, FaqPack], borough: str
) -> None:
    pack = packs[borough]
    by_id = {item.id: item for item in pack.items}
    assert not by_id["parking"].covered
    camden = by_id["camden"]
    assert not camden.covered or (camden.confidence == "low" and "Camden" in camden.confidence_reasons[0])
    for item in pack.items:
        response = assistant.ask(AskRequest(question=item.question, boroughs=[borough]))
        assert item.covered == (not response.abstained)
        if not item.covered:
            assert not item.citations and item.status is None and item.confidence is None
    assert pack.summary().endswith(f"{len(pack.not_covered)} not covered by the documents")


def test_hf_pack_answers_the_palliative_care_question_from_the_hf_summary(packs: dict[str, FaqPack]) -> None:
    item = next(i for i in packs["Hammersmith and Fulham"].items if i.id == "palliative-care")
    assert item.covered and "Hospice at home" in item.answer
    assert "000_aa87430d678cc82c.txt" in {c.file for c in item.citations}


def test_cli_build_writes_handout_files(bundled_index: Settings, tmp_path: Path) -> None:
    out = tmp_path / "packs"
    args = ["faq", "build", "--borough", "H&F", "--format", "md,csv,docx,html", "--out", str(out)]
    result = CliRunner().invoke(app, [*args, "--data-dir", str(bundled_index.data_dir)])
    assert result.exit_code == 0, result.output
    stem = out / "faq-hammersmith-and-fulham"
    assert sorted(p.name for p in out.iterdir()) == [
        f"{stem.name}.{ext}" for ext in ("csv", "docx", "html", "json", "md")
    ]
    pack = FaqPack.model_validate_json(stem.with_suffix(".json").read_bytes())
    assert pack.summary() in result.output.replace("\n", " ")

    rows = list(csv.DictReader(io.StringIO(stem.with_suffix(".csv").read_text("utf-8-sig"), newline="")))
    assert [r["question"] for r in rows] == [i.question for i in (*pack.answered, *pack.not_covered)]
    for row, item in zip(rows, pack.answered, strict=False):
        if row["sources"].endswith(CUT_NOTE):  # a register answer's sources run past Excel's cell limit
            assert len(row["sources"]) == EXCEL_CELL_CHARS and f"“{item.citations[0].quote}”" in row["sources"]
            continue
        assert row["sources"].count("\n") == len(item.citations) - 1
        assert all(f"“{c.quote}”" in row["sources"] for c in item.citations)

    doc = Document(str(stem.with_suffix(".docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    headings = [p.text for p in doc.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    for n, item in enumerate(pack.answered, start=1):
        assert f"{n}. {item.question}" in headings
        assert all(c.quote in text for c in item.citations)
    assert headings.count("Sources") == len(pack.answered)
    if pack.not_covered:
        assert NOT_COVERED in headings and all(i.question in text for i in pack.not_covered)

    assert "# Hammersmith and Fulham: questions and answers" in stem.with_suffix(".md").read_text("utf-8")
    latest = latest_pack(bundled_index, "LBHF")
    assert latest is not None and latest.items == pack.items
    assert render(latest, "csv") == stem.with_suffix(".csv").read_bytes()


def test_cli_build_reads_the_teams_own_questions(bundled_index: Settings, tmp_path: Path) -> None:
    questions = tmp_path / "ours.txt"
    questions.write_text("What changes for palliative care in {borough}?\n" + UNANSWERABLE.question + "\n")
    args = ["faq", "build", "-b", "Hammersmith and Fulham", "--questions", str(questions), "--format", "json"]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path), "--data-dir", str(bundled_index.data_dir)])
    assert result.exit_code == 0, result.output
    pack = json.loads((tmp_path / "faq-hammersmith-and-fulham.json").read_text("utf-8"))
    assert [(i["question"], i["covered"]) for i in pack["items"]] == [
        ("What changes for palliative care in Hammersmith and Fulham?", True),
        (UNANSWERABLE.question, False),
    ]
    assert pack["question_source"] == str(questions)
