"""The FAQ commands' bad-input paths: one line on stderr, exit 2, before any model is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import build_app
from assistant.faq.check import stale_warning
from assistant.settings import Settings

app = build_app()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["faq", "build"], "give either --borough NAME or --all"),
        (["faq", "build", "--all", "--borough", "Ealing"], "give either --borough NAME or --all"),
        (["faq", "build", "--borough", "Narnia"], "unknown borough 'Narnia'"),
        (["faq", "build", "--borough", "Ealing", "--format", "md,pdf"], "unknown format pdf"),
        (["faq", "build", "--borough", "Ealing", "--questions", "/no/such/file.txt"], "cannot read questions file"),
        (["faq", "approve", "/no/such/pack.json"], "cannot read pack"),
    ],
)
def test_faq_cli_rejects_bad_input(args: list[str], message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, [*args, "--data-dir", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_faq_approve_rejects_a_file_that_is_not_a_pack(tmp_path: Path) -> None:
    pack = tmp_path / "pack.json"
    pack.write_text('{"hello": "world"}')
    result = CliRunner().invoke(app, ["faq", "approve", str(pack), "--data-dir", str(tmp_path)])
    assert result.exit_code == 2 and "is not an FAQ pack written by `faq build`" in result.output


def test_faq_check_and_export_with_nothing_approved(tmp_path: Path) -> None:
    check = CliRunner().invoke(app, ["faq", "check", "--data-dir", str(tmp_path)])
    assert check.exit_code == 0 and "no approved FAQ answers to check" in check.output
    out = tmp_path / "eval.jsonl"
    export = CliRunner().invoke(app, ["faq", "export-eval", "--out", str(out), "--data-dir", str(tmp_path)])
    assert export.exit_code == 0 and out.read_text() == "" and "0 approved answer(s) exported" in export.output


def test_faq_check_reports_an_unreadable_approval_store(tmp_path: Path) -> None:
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "approvals.json").write_text("{not json")
    result = CliRunner().invoke(app, ["faq", "check", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2 and "FAQ approvals" in result.output and "unreadable" in result.output


def test_stale_warning_is_silent_without_approvals_and_never_raises(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert stale_warning(settings, []) is None
    assert stale_warning(settings, ["cspc-hf-summary-2025"]) is None
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "approvals.json").write_text("{not json")
    warning = stale_warning(settings, ["cspc-hf-summary-2025"])
    assert warning is not None and warning.startswith("warning: could not check approved FAQ answers")
