"""The change-register gold (evals/datasets/changes.jsonl) is well formed and quotes the bundled documents verbatim."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.boroughs import BOROUGHS as CANONICAL_BOROUGHS
from assistant.errors import ConfigError
from assistant.settings import BUNDLED_CORPUS
from evals.change_gold import JUDGEMENTS, load_change_gold

GOLD = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "changes.jsonl"
BOROUGHS = set(CANONICAL_BOROUGHS)
LINE_KEYS = {"id", "borough", "question", "changes", "stays_same", "not_changes", "notes"}
CHANGE_KEYS = {"id", "file", "quote", "scope", "topic", "era"}
OPTIONAL_CHANGE_KEYS = {"current", "new", "kind", "also_in", "note", "repeated_text"}


def _lines() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]


def _text(name: str) -> str:
    return (BUNDLED_CORPUS / name).read_text("utf-8")


def _occurrences(ref: dict[str, Any]) -> int:
    return _text(ref["file"]).count(ref["quote"])


def test_changes_gold_has_one_line_per_borough_and_one_for_nw_london() -> None:
    lines = _lines()
    assert sorted(line["borough"] for line in lines) == sorted(BOROUGHS | {"NW London"})
    for line in lines:
        assert set(line) >= LINE_KEYS, line["id"]
        assert line["id"].startswith("chg-")
        assert line["question"].startswith("What changes for residents")
        if line["borough"] != "NW London":
            assert line["borough"] in line["question"]
            assert 3 <= len(line["not_changes"]) <= 8, line["id"]
            assert any(c["era"] == "current" for c in line["changes"]), line["id"]


def test_changes_gold_records_have_required_fields_and_unique_ids() -> None:
    changes = [c for line in _lines() for c in line["changes"]]
    ids = [c["id"] for c in changes]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for change in changes:
        assert CHANGE_KEYS <= set(change) <= CHANGE_KEYS | OPTIONAL_CHANGE_KEYS, change["id"]
        assert change["scope"] in {"borough", "nw_london"}, change["id"]
        assert change["era"] in {"current", "older"}, change["id"]
        assert change["topic"].strip(), change["id"]
        assert 3 <= len(change["quote"].split()) <= 25, change["id"]


def test_changes_gold_scope_matches_the_line() -> None:
    for line in _lines():
        expected = "nw_london" if line["borough"] == "NW London" else "borough"
        assert {c["scope"] for c in line["changes"]} == {expected}, line["id"]


@pytest.mark.parametrize("key", ["changes", "also_in", "stays_same", "not_changes", "borderline", "judged"])
def test_changes_gold_quotes_are_verbatim_single_line_substrings(key: str) -> None:
    refs: list[dict[str, Any]] = []
    for line in _lines():
        if key == "also_in":
            refs += [ref for c in line["changes"] for ref in c.get("also_in", [])]
        else:
            refs += line.get(key, [])
    assert refs or key in {"stays_same"}
    if key == "judged":
        assert {ref["judgement"] for ref in refs} <= set(JUDGEMENTS)
    for ref in refs:
        assert "\n" not in ref["quote"] and "\t" not in ref["quote"], ref["quote"]
        assert _occurrences(ref) >= 1, (ref["file"], ref["quote"])


def test_changes_gold_quotes_locate_one_place_unless_marked_repeated() -> None:
    for line in _lines():
        for change in line["changes"]:
            if not change.get("repeated_text"):
                assert _occurrences(change) == 1, (line["borough"], change["id"], change["quote"])
        for ref in line["stays_same"]:
            assert _occurrences(ref) == 1, ref["quote"]


def test_changes_gold_hf_table_rows_carry_current_and_new() -> None:
    (hf,) = [line for line in _lines() if line["borough"] == "Hammersmith and Fulham"]
    table_rows = [c for c in hf["changes"] if c["file"] == "000_aa87430d678cc82c.txt"]
    assert len(table_rows) == 7
    for row in table_rows:
        assert row["current"] and row["new"] and row["current"] != row["new"], row["id"]
    assert len(hf["stays_same"]) == 1
    assert "lymphoedema" in hf["stays_same"][0]["quote"]


def test_changes_gold_nw_london_line_holds_the_cspc_model() -> None:
    (nwl,) = [line for line in _lines() if line["borough"] == "NW London"]
    cspc = " ".join(c["quote"] for c in nwl["changes"] if c["file"] == "001_e428300c06631fe6.txt")
    for phrase in ("Hospice at Home", "24/7 telephone advice", "hours of care", "care homes", "end-of-life care beds"):
        assert phrase in cspc, phrase
    assert "psychological and bereavement" in cspc and "lymphoedema" in cspc


def test_changes_gold_not_changes_never_overlap_a_change() -> None:
    lines = _lines()
    (nwl,) = [line for line in lines if line["borough"] == "NW London"]
    for line in lines:
        required = [c["quote"] for c in line["changes"] + nwl["changes"]]
        for ref in line["not_changes"] + line.get("borderline", []):
            clashes = [q for q in required if q in ref["quote"] or ref["quote"] in q]
            assert not clashes, (line["borough"], ref["quote"], clashes)


def test_a_topic_question_names_topics_the_gold_changes_carry(tmp_path: Path) -> None:
    line = _lines()[1]
    topics = {c["topic"] for line_ in _lines() for c in line_["changes"]}
    asked = {"question": "any plans for A&E waits?", "kind": "topic", "split": "tune", "topics": ["urgent care"]}
    path = tmp_path / "changes.jsonl"
    path.write_text(json.dumps({**line, "paraphrases": [asked]}) + "\n", "utf-8")
    gold = load_change_gold(path)
    assert gold.lines[line["borough"]].paraphrases[0].topics == ("urgent care",)
    for wrong in ([], ["A&E"]):
        path.write_text(json.dumps({**line, "paraphrases": [{**asked, "topics": wrong}]}) + "\n", "utf-8")
        with pytest.raises(ConfigError, match="needs topics among"):
            load_change_gold(path)
    # every topic question of the bundled gold names the gold's own labels
    for line_ in _lines():
        for p in line_.get("paraphrases", []):
            if p["kind"] == "topic":
                assert p["topics"] and set(p["topics"]) <= topics, p["question"]
