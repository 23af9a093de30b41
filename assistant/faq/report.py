"""How `faq check` shows its results: one line per approved answer, then what changed and how."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape

from assistant.faq.check import CheckResult

_COLOURS = {"unchanged": "green", "sources changed": "red", "answer changed": "yellow"}


def summary(results: Sequence[CheckResult]) -> str:
    counts = Counter(r.verdict for r in results)
    parts = [f"{counts[v]} {v}" for v in ("unchanged", "sources changed", "answer changed")]
    return f"{len(results)} approved answer(s): " + ", ".join(parts)


def print_results(console: Console, results: Sequence[CheckResult]) -> None:
    """Verdict and question per answer; for changes, the word diff of each source and the answer's diff."""
    for r in results:
        a = r.approved
        colour = _COLOURS[r.verdict]
        line = f"[{colour}]{r.verdict}[/{colour}]  {escape(a.label)} · {escape(a.question_id)}: {escape(a.question)}"
        console.print(line, highlight=False, soft_wrap=True)
        for s in r.sources:
            console.print(escape(f"    source [{s.n}] {s.title}: {s.change}"), highlight=False, soft_wrap=True)
            console.print(f"      was: “{escape(s.quote)}”", highlight=False, soft_wrap=True)
            if s.diff:
                console.print(f"      diff: {escape(s.diff)}", highlight=False, soft_wrap=True)
        if r.answer_diff:
            console.print("    answer diff:", highlight=False)
            for line in r.answer_diff.splitlines():
                console.print(f"      {escape(line)}", highlight=False, soft_wrap=True)
    console.print(summary(results), highlight=False, soft_wrap=True)


def results_json(results: Sequence[CheckResult]) -> dict[str, Any]:
    """The same results for scripts: verdicts, source changes and diffs, plus the counts."""
    return {
        "summary": summary(results),
        "needs_review": sum(1 for r in results if r.needs_review),
        "results": [
            {
                "key": r.approved.key,
                "borough": r.approved.borough,
                "question": r.approved.question,
                "verdict": r.verdict,
                "sources": [
                    {"n": s.n, "title": s.title, "quote": s.quote, "change": s.change, "diff": s.diff}
                    for s in r.sources
                ],
                "answer_diff": r.answer_diff,
            }
            for r in results
        ],
    }
