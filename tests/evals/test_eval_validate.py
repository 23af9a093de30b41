"""The gold set's schema, split and validator, on the real gold file and on a deliberately broken one."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from assistant.cli import build_app
from assistant.settings import BUNDLED_CORPUS
from evals.schema import ABSTAIN_TYPES, ItemType, default_dataset, read_dataset, split_of
from evals.validate import validate_dataset

app = build_app()

JFP = "003_f63b90dd9f61820c.txt"
HF_SUMMARY = "000_aa87430d678cc82c.txt"


def _item(item_id: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": item_id,
        "question": "What changes for care homes in Kensington and Chelsea?",
        "type": "borough_change",
        "borough": "Kensington and Chelsea",
        "history": [],
        "expected_facts": ["signs of deterioration training"],
        "sources": [
            {
                "file": JFP,
                "quote": "Implementation of signs of deterioration training across all care homes – Q2 24/25",
            }
        ],
        "notes": "",
    }
    return {**base, **fields}


def _write(path: Path, rows: list[dict[str, Any] | str]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", "utf-8")
    return path


def test_gold_set_is_valid_against_the_bundled_documents() -> None:
    report = validate_dataset(default_dataset(), BUNDLED_CORPUS)
    assert report.ok, report.problems[:5]
    assert len(report.items) >= 120
    assert set(Counter(i.type for i in report.items)) == set(ItemType)
    assert report.quotes >= len([i for i in report.items if i.answerable])
    assert all(not i.sources for i in report.items if i.type in ABSTAIN_TYPES)


def test_heldout_split_is_thirty_percent_fixed_by_id() -> None:
    items, _ = read_dataset(default_dataset())
    heldout = [i for i in items if i.split == "heldout"]
    assert 0.27 <= len(heldout) / len(items) <= 0.33
    # Pinned: if the hash or salt changed, tuned-on items would silently move into the held-out split.
    first_thirty = [f"g{n:03d}" for n in range(1, 31)]
    assert [i for i in first_thirty if split_of(i) == "heldout"] == [
        "g003",
        "g004",
        "g005",
        "g006",
        "g008",
        "g009",
        "g019",
        "g028",
    ]


def test_validator_names_each_problem_in_a_broken_dataset(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in (JFP, HF_SUMMARY):
        (corpus / name).write_bytes((BUNDLED_CORPUS / name).read_bytes())
    dataset = _write(
        tmp_path / "broken.jsonl",
        [
            _item("ok1"),
            _item(
                "paraphrased", sources=[{"file": JFP, "quote": "Signs-of-deterioration training in every care home"}]
            ),
            _item("wrongfact", expected_facts=["twelve new care homes"]),
            _item("nofile", sources=[{"file": "999_missing.txt", "quote": "anything"}]),
            _item("abstain", type="unanswerable", expected_facts=[], sources=[{"file": JFP, "quote": "x"}]),
            _item("badtype", type="opinion"),
            _item("nowhere", type="standalone_follow_up", history=[{"role": "user", "content": "What is SDEC?"}]),
            _item("brent", type="standalone_follow_up", history=[{"role": "user", "content": "What is Brent doing?"}]),
            _item("ok1"),
            "{not json",
        ],
    )
    report = validate_dataset(dataset, corpus)
    text = "\n".join(report.problems)
    assert not report.ok
    assert "paraphrased: source 1: quote is not verbatim in 003_f63b90dd9f61820c.txt" in text
    assert "wrongfact: expected fact 'twelve new care homes' is in none of its quotes or source documents" in text
    assert "nofile: source 1: file '999_missing.txt' is not in" in text
    assert "line 5: " in text and "must have no expected_facts and no sources" in text
    assert "line 6: type: " in text
    assert "nowhere: a standalone follow-up's history must ask about a named borough" in text
    assert not any(p.startswith("brent:") for p in report.problems)
    assert "line 9: id 'ok1' repeats line 1" in text
    assert "line 10: not valid JSON" in text
    assert not any(p.startswith("ok1:") for p in report.problems)


def test_eval_check_command_passes_on_gold_and_fails_on_broken(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["eval", "--check"])
    assert ok.exit_code == 0, ok.output
    assert "gold set valid: 220 items" in ok.output

    broken = _write(tmp_path / "broken.jsonl", [_item("wrongfact", expected_facts=["twelve new care homes"])])
    bad = runner.invoke(app, ["eval", "--check", "--dataset", str(broken)])
    assert bad.exit_code == 1
    assert "wrongfact: expected fact 'twelve new care homes'" in bad.output
    assert "gold set invalid: 1 problem(s)" in bad.output
    assert "Traceback" not in bad.output
