"""The change register of the bundled corpus: tables, inheritance, status, citations, the command and the route."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.boroughs import BOROUGHS
from assistant.change_views import changes_response
from assistant.changes import Register
from assistant.cli import build_app
from assistant.embedding import Embedder
from assistant.settings import Settings
from assistant.snapshot import Snapshot, load_snapshot
from ingest.change_rules import is_demographic
from ingest.change_version import EXTRACTOR_VERSION
from ingest.pipeline import Ingestor

pytestmark = pytest.mark.slow

HF_SUMMARY = "cspc-hf-summary-2025"
CSPC_MODEL = "cspc-model-of-care-2024"


@pytest.fixture(scope="module")
def snapshot(bundled_index: Settings) -> Snapshot:
    loaded = load_snapshot(bundled_index.data_dir, with_keyword=False)
    assert loaded is not None and loaded.changes
    return loaded


def _headings(snapshot: Snapshot) -> set[str]:
    return {h for c in snapshot.chunks for h in c.heading_path}


def test_hf_table_yields_its_rows_with_current_and_new(snapshot: Snapshot) -> None:
    rows = [r for r in snapshot.changes if r.document == HF_SUMMARY and r.current is not None]
    changes = [r for r in rows if not r.stays_same]
    same = [r for r in rows if r.stays_same]
    assert len(changes) == 7 and len(same) == 1
    assert all(r.new and r.summary == f"{r.current} → {r.new}" for r in changes)
    assert all(r.boroughs == ("Hammersmith and Fulham",) for r in rows)
    assert "lymphoedema" in (same[0].current or "")


def test_every_borough_inherits_the_nw_london_cspc_changes(snapshot: Snapshot) -> None:
    register = Register(snapshot.changes)
    cspc = [r for r in snapshot.changes if r.document == CSPC_MODEL and r.topic == "palliative care"]
    assert any("Hospice at Home" in r.summary for r in cspc)
    assert all(r.scope == "nw_london" for r in cspc)
    for borough in BOROUGHS:
        listed = {r.id for r in register.for_borough(borough, "palliative care").nw_london}
        assert {r.id for r in cspc} <= listed, borough


def test_cspc_status_rests_on_the_approval(snapshot: Snapshot) -> None:
    hospice = [
        r for r in snapshot.changes if "hospice at home" in r.summary.lower() and r.document in (HF_SUMMARY, CSPC_MODEL)
    ]
    assert hospice
    for record in hospice:
        assert record.status == "decided"
        assert record.status_source is not None and record.status_source.document == HF_SUMMARY
        assert "approved" in record.status_source.quote and "Option A" in record.status_source.quote
        assert record.when and "October 2025" in record.when
    model = next(r for r in hospice if r.document == CSPC_MODEL)
    assert {s.doc_id for s in model.spans} == {CSPC_MODEL, HF_SUMMARY}  # one change, both documents cited


def test_no_summary_is_a_heading_or_a_demographic_line(snapshot: Snapshot) -> None:
    headings = {h.strip().lower() for h in _headings(snapshot)}
    for record in snapshot.changes:
        assert record.summary.strip().lower() not in headings, record.summary
        # announced=True: a bare percentage in an outcomes list is a target ("2-hour response 90%"), while figures about
        # residents and places stay demographic wherever they stand. listed=True: "population health" and "population
        # cohorts" name an approach to care or whom it is for, never a figure ("Proactive Care for at risk population
        # cohorts"); the extractor reads them so only in the items of a numbered list a change opens.
        assert not is_demographic(record.summary, announced=True, listed=True), record.summary
    summaries = " ".join(r.summary for r in snapshot.changes)
    assert "median age" not in summaries and "born overseas" not in summaries


def test_citations_are_verbatim_and_inside_their_chunk(snapshot: Snapshot) -> None:
    for record in snapshot.changes:
        for span in record.spans:
            assert snapshot.documents[span.doc_id].text[span.start : span.end] == span.quote
            chunk = snapshot.by_id[span.chunk_id]
            assert chunk.start <= span.start and span.end <= chunk.end
    response = changes_response(Register(snapshot.changes), snapshot, ["Ealing"], None)
    assert response.changes and all(c.citations for c in response.changes)


def test_changes_csv_parses_back(bundled_index: Settings, tmp_path: Path) -> None:
    out = tmp_path / "brent.csv"
    args = [
        "changes",
        "--borough",
        "Brent",
        "--format",
        "csv",
        "--out",
        str(out),
        "--data-dir",
        str(bundled_index.data_dir),
    ]
    result = CliRunner().invoke(build_app(), args)
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 by its byte-order mark
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["borough", "topic", "change", "current", "new", "status", "when", "document", "date", "quote"]
    assert len(rows) > 10 and all(len(r) == 10 for r in rows)
    assert {r[0] for r in rows[1:]} <= {"Brent", "NW London"} | {r[0] for r in rows[1:] if "Brent" in r[0]}


def test_changes_command_refuses_an_unknown_borough_or_topic(bundled_index: Settings) -> None:
    data = ["--data-dir", str(bundled_index.data_dir)]
    for args in (["changes", "--borough", "Narnia"], ["changes", "--topic", "astrology"]):
        result = CliRunner().invoke(build_app(), [*args, *data])
        assert result.exit_code != 0 and "error:" in result.output
        assert "Traceback" not in result.output


def test_records_are_carried_over_for_unchanged_documents(
    small_settings: Settings, small_corpus: Path, embedder: Embedder
) -> None:
    Ingestor(small_settings, lambda: embedder).run()
    first = load_snapshot(small_settings.data_dir, with_keyword=False)
    assert first is not None and first.register == EXTRACTOR_VERSION
    assert set(first.extracted) == {HF_SUMMARY, CSPC_MODEL} and first.changes
    model = small_corpus / "001_e428300c06631fe6.txt"
    model.write_text(
        model.read_text("utf-8") + "\nWe will open a new bereavement café in every borough by 2027.\n", "utf-8"
    )
    report = Ingestor(small_settings, lambda: embedder).run()
    second = load_snapshot(small_settings.data_dir, with_keyword=False)
    assert second is not None and report.updated == [model.name]
    assert second.extracted[HF_SUMMARY] == first.extracted[HF_SUMMARY]  # the unchanged document's, as they were
    assert any("bereavement café" in r.summary for r in second.extracted[CSPC_MODEL])
    assert report.changes_by_borough and all(n > 0 for n in report.changes_by_borough.values())
