"""How load runs are judged: failures, answers not verbatim in the catalog they name, stale answers after settling."""

from __future__ import annotations

from pathlib import Path

from api.loadgen import Catalogs, Outcome, judge
from assistant.records import CleanDocument, DocumentMeta
from assistant.snapshot import Snapshot, write_snapshot

OLD_TEXT = "Support runs from 8am to 8pm, seven days a week."
NEW_TEXT = "Support runs from 7am to 9pm, seven days a week."


def _publish(data_dir: Path, name: str, text: str) -> None:
    meta = DocumentMeta("doc", "doc.txt", "Doc", "NHS", "2025", "2025", "summary", ("nw_london",))
    write_snapshot(data_dir, Snapshot({"doc": CleanDocument(meta, text, "h")}, [], {}, "m", "c", name=name))


def _answer(started: float, catalog: str, quote: str, start: int = 18) -> Outcome:
    citation = {"document": "doc", "start": start, "end": start + len(quote), "quote": quote}
    return Outcome(started, started + 0.1, 200, catalog, [citation])


def test_judge_counts_failures_mixed_versions_and_stale_answers(tmp_path: Path) -> None:
    _publish(tmp_path, "old", OLD_TEXT)
    _publish(tmp_path, "new", NEW_TEXT)
    catalogs = Catalogs(tmp_path)
    outcomes = [
        _answer(1.0, "old", "8am to 8pm"),  # before the update: fine
        _answer(2.0, "new", "7am to 9pm"),
        _answer(3.0, "new", "8am to 8pm"),  # quotes the old text but names the new catalog: mixed
        _answer(11.0, "old", "8am to 8pm"),  # 6 s after the update settled at 5.0: stale
        _answer(9.0, "old", "8am to 8pm"),  # within the 5 s allowed
        Outcome(4.0, 4.1, 503),
        Outcome(4.5, 4.6, "ConnectError"),
    ]
    verdict = judge(outcomes, catalogs, latest="new", settled_at=5.0, settle_s=5.0)
    assert verdict.requests == 7 and verdict.failed == 2 and verdict.failures == {"503": 1, "ConnectError": 1}
    assert verdict.inconsistent == 1 and verdict.stale == 1


def test_an_answer_naming_no_or_an_unknown_catalog_is_not_consistent(tmp_path: Path) -> None:
    _publish(tmp_path, "only", OLD_TEXT)
    catalogs = Catalogs(tmp_path)
    assert catalogs.consistent(_answer(0.0, "only", "8am to 8pm"))
    assert not catalogs.consistent(_answer(0.0, "", "8am to 8pm"))
    assert not catalogs.consistent(_answer(0.0, "gone", "8am to 8pm"))
