"""Blind audits of the change answers: the bundled audit is well formed and its figures are computed, not typed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.settings import BUNDLED_CORPUS
from evals.change_audit import AuditLine, default_audit_path, load_audit, wilson_interval
from evals.change_gold import JUDGEMENTS
from evals.change_report import audit_table


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


def test_the_bundled_audit_quotes_the_documents_and_uses_the_judgements() -> None:
    raw = [json.loads(line) for line in default_audit_path().read_text("utf-8").splitlines() if line.strip()]
    assert raw, "the audit is empty"
    texts = {name: _normal((BUNDLED_CORPUS / name).read_text("utf-8")) for name in {r["file"] for r in raw}}
    for r in raw:
        assert r["judgement"] in JUDGEMENTS
        assert r["weight"] >= 1 and re.fullmatch(r"[0-9a-f]{7}", r["answers"])
        assert _normal(r["quote"]) in texts[r["file"]], r["quote"]
    assert {(x.assessor, x.answers) for x in load_audit(default_audit_path())} >= {("A", "394c949"), ("B", "773d5ac")}


def test_wilson_interval_matches_known_values() -> None:
    assert wilson_interval(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert wilson_interval(5, 100) == pytest.approx((0.0215, 0.1118), abs=1e-4)
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_audit_table_weights_each_statement_by_the_bullets_it_stood_for() -> None:
    lines = [
        AuditLine("A", "abc1234", 3, "not_change"),
        AuditLine("A", "abc1234", 1, "resident_change"),
        AuditLine("B", "abc1234", 1, "borderline"),
        AuditLine("B", "abc1234", 1, "organisation_change"),
    ]
    rows = {(r[0], r[1]): r for r in audit_table(lines).rows}
    assert rows[("A", "abc1234")][2:4] == ["4", "0.750"]
    assert rows[("B", "abc1234")][2:] == ["2", "0.000", "0.000–0.658", "0.500", "0.500"]


def test_an_unknown_judgement_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    path.write_text(json.dumps({"assessor": "A", "answers": "abc1234", "weight": 1, "judgement": "maybe"}) + "\n")
    with pytest.raises(ConfigError, match="line 1: unknown judgement"):
        load_audit(path)
    path.write_text('{"assessor": "A"}\n')
    with pytest.raises(ConfigError, match="line 1"):
        load_audit(path)
    assert load_audit(tmp_path / "missing.jsonl") == []
