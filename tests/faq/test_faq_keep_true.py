"""Approve, change a cited passage in a copy of the corpus, re-ingest, check: the right answers are flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import build_app
from assistant.embedding import Embedder
from assistant.faq.approvals import approve_pack, load_approvals
from assistant.faq.build import build_pack
from assistant.faq.check import check_approvals, stale_warning
from assistant.faq.models import FaqPack
from assistant.faq.questions import default_questions
from assistant.service import Assistant
from assistant.settings import Settings
from ingest.pipeline import Ingestor
from ingest.report import IngestReport

app = build_app()

pytestmark = pytest.mark.slow

HF_SUMMARY = "000_aa87430d678cc82c.txt"
OLD, NEW = "additional **£15m investment**", "additional **£12m investment**"


def _ingest(settings: Settings, embedder: Embedder) -> IngestReport:
    report = Ingestor(settings, lambda: embedder).run()
    assert not report.skipped
    return report


def _edit(corpus: Path, old: str, new: str) -> None:
    path = corpus / HF_SUMMARY
    path.chmod(0o644)  # the bundled files are read-only and copies keep their mode
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture
def approved(small_settings: Settings, embedder: Embedder) -> tuple[Assistant, FaqPack]:
    """The H&F pack from the two palliative-care documents, built and approved."""
    _ingest(small_settings, embedder)
    assistant = Assistant(small_settings, embedder)
    pack = build_pack(assistant, "Hammersmith and Fulham", default_questions("Hammersmith and Fulham"))
    done, refused = approve_pack(small_settings, pack, assistant.snapshot)
    assert not refused and len(done) == len(pack.answered) > 0
    return assistant, pack


def _citing(pack: FaqPack, text: str) -> set[str]:
    return {item.id for item in pack.answered if any(text in c.quote for c in item.citations)}


def _citing_passage_of(pack: FaqPack, text: str) -> set[str]:
    """Answers citing any quote of the passage (chunk) that holds `text`: an edit there flags them all."""
    chunks = {c.chunk_id for item in pack.answered for c in item.citations if text in c.quote}
    return {item.id for item in pack.answered if any(c.chunk_id in chunks for c in item.citations)}


def test_unchanged_reingest_leaves_every_answer_unchanged(
    approved: tuple[Assistant, FaqPack], small_settings: Settings, embedder: Embedder
) -> None:
    assistant, pack = approved
    report = _ingest(small_settings, embedder)
    assert report.changed_doc_ids == [] and stale_warning(small_settings, report.changed_doc_ids) is None
    assistant.reload()
    approvals = list(load_approvals(small_settings).approved.values())
    results = check_approvals(assistant, approvals)
    assert [r.verdict for r in results] == ["unchanged"] * len(pack.answered)

    result = CliRunner().invoke(app, ["faq", "check", "--data-dir", str(small_settings.data_dir)])
    assert result.exit_code == 0, result.output
    assert f"{len(pack.answered)} approved answer(s): {len(pack.answered)} unchanged" in result.output


def test_changed_passage_flags_exactly_the_answers_citing_it(
    approved: tuple[Assistant, FaqPack],
    small_settings: Settings,
    small_corpus: Path,
    embedder: Embedder,
) -> None:
    assistant, pack = approved
    quoting = _citing(pack, "£15m investment")
    assert quoting, "no approved answer cites the passage this test edits"
    affected = _citing_passage_of(pack, "£15m investment")
    _edit(small_corpus, OLD, NEW)
    report = _ingest(small_settings, embedder)
    assert report.changed_doc_ids == ["cspc-hf-summary-2025"]

    warning = stale_warning(small_settings, report.changed_doc_ids)
    assert warning is not None and "\n" not in warning
    assert f"cited by {len(pack.answered)} approved FAQ answer(s)" in warning
    assert f"{len(affected)} now cite a changed or removed passage" in warning

    assistant.reload()
    results = {
        r.approved.question_id: r
        for r in check_approvals(assistant, list(load_approvals(small_settings).approved.values()))
    }
    assert {k for k, r in results.items() if r.needs_review} == affected
    for key in affected:
        result = results[key]
        assert result.verdict == "sources changed"
        quoted = [s for s in result.sources if "£15m" in s.quote]
        if key in quoting:
            assert [s.change for s in quoted] == ["quote changed"] and "[-£15m-] {+£12m+}" in quoted[0].diff
        # Other quotes from the same edited passage are still verbatim there: flagged, but as such.
        assert all(s.change == "passage changed" for s in result.sources if s not in quoted)
        if key in quoting:
            assert "+- ICB Board has approved" in result.answer_diff and "£12m" in result.new_answer

    cli = CliRunner().invoke(app, ["faq", "check", "--json", "--data-dir", str(small_settings.data_dir)])
    assert cli.exit_code == 1
    payload = json.loads(cli.stdout)
    assert payload["needs_review"] == len(affected)
    assert {r["key"].split("/")[1] for r in payload["results"] if r["verdict"] != "unchanged"} == affected


def test_removed_passage_is_reported_as_removed(
    approved: tuple[Assistant, FaqPack],
    small_settings: Settings,
    small_corpus: Path,
    embedder: Embedder,
) -> None:
    assistant, pack = approved
    row = "No enhanced end-of-life care beds\t"
    affected = _citing(pack, "Five new enhanced end-of-life care beds")
    assert affected
    text = (small_corpus / HF_SUMMARY).read_text("utf-8")
    line = next(line for line in text.splitlines() if line.startswith(row))
    _edit(small_corpus, line + "\n", "")
    _ingest(small_settings, embedder)
    assistant.reload()
    results = check_approvals(assistant, list(load_approvals(small_settings).approved.values()))
    flagged = {r.approved.question_id: r for r in results if r.verdict == "sources changed"}
    assert set(flagged) == affected
    assert all("removed" in [s.change for s in r.sources] for r in flagged.values())


def test_approve_refuses_answers_whose_sources_changed_since_build(
    approved: tuple[Assistant, FaqPack],
    small_settings: Settings,
    small_corpus: Path,
    embedder: Embedder,
    tmp_path: Path,
) -> None:
    _, pack = approved
    _edit(small_corpus, OLD, NEW)
    _ingest(small_settings, embedder)
    pack_file = tmp_path / "pack.json"
    pack_file.write_text(pack.model_dump_json(), "utf-8")
    result = CliRunner().invoke(app, ["faq", "approve", str(pack_file), "--data-dir", str(small_settings.data_dir)])
    assert result.exit_code == 1
    refused = {line.split()[2].rstrip(":") for line in result.output.splitlines() if line.startswith("not approved")}
    assert refused == _citing_passage_of(pack, "£15m investment")


def test_export_eval_writes_gold_format_items(
    approved: tuple[Assistant, FaqPack], small_settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "faq.jsonl"
    args = ["faq", "export-eval", "--out", str(out), "--data-dir", str(small_settings.data_dir)]
    result = CliRunner().invoke(app, args, env={"NWL_CORPUS_DIR": str(small_settings.corpus_dir)})
    assert result.exit_code == 0, result.output
    items = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert items and all(
        set(i) == {"id", "question", "type", "borough", "history", "expected_facts", "sources", "notes"} for i in items
    )
    raw = {p.name: " ".join(p.read_text("utf-8").split()) for p in small_settings.corpus_dir.glob("*.txt")}
    approvals = {f"faq-{k.replace('/', '-')}": a for k, a in load_approvals(small_settings).approved.items()}
    for item in items:
        approved = approvals[item["id"]]
        assert item["borough"] == "Hammersmith and Fulham" and 1 <= len(item["expected_facts"]) <= 3
        # Gold quotes are verbatim in the raw file; facts are verbatim in the cited (clean) quotes and the answer.
        assert all(s["quote"] in raw[s["file"]] for s in item["sources"])
        for fact in item["expected_facts"]:
            assert fact in approved.answer and any(fact in c.quote for c in approved.citations)
