"""The Markdown summary, the self-contained HTML report, and the summary block of docs/evaluation.md."""

from __future__ import annotations

import html
import re
from pathlib import Path

from evals.change_report import (
    change_details_html,
    change_markdown,
    change_tables,
    write_change_docs,
    write_change_reports,
)
from evals.chart import comparison_data_uri
from evals.docs_block import replace_block
from evals.runner import EvalRun, write_results
from evals.scoring import ItemResult
from evals.tables import all_tables, label

DOCS_START = "<!-- eval:summary -->"
DOCS_END = "<!-- /eval:summary -->"
_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 7px;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}
.note{color:#555;font-size:12px}
.failure{border-left:4px solid #c33;padding:.3em 1em;margin:1em 0;background:#fafafa}
.failure table td,.failure table th{text-align:left}
.ok{color:#070}.bad{color:#c00}
pre{white-space:pre-wrap;background:#f3f3f3;padding:.5em}
summary{cursor:pointer;font-weight:600;font-size:15px}
"""


def run_line(run: EvalRun) -> str:
    items = {r.id: r.split for r in run.results}
    heldout = sum(1 for s in items.values() if s == "heldout")
    judge = f"ran ({run.judge.model}: {run.judge.note})" if run.judge.ran else f"not run ({run.judge.note})"
    return (
        f"Run {run.started} on {run.machine}, {run.seconds:.0f} s: `{run.command}`. Dataset `{run.dataset}` "
        f"(sha256 {run.dataset_sha256[:12]}), split {run.split}: {len(items)} items ({len(items) - heldout} tune, "
        f"{heldout} held-out). Systems: {', '.join(label(s) for s in run.systems)}. LLM judge: {judge}."
    )


def markdown_summary(run: EvalRun) -> str:
    failures = ", ".join(f"{label(s)} {sum(1 for r in run.for_system(s) if r.failures)}" for s in run.systems)
    parts = [run_line(run), *(t.markdown() for t in all_tables(run))]
    parts.append(f"Items with at least one failure: {failures} (each is shown with its evidence in report.html).")
    return "\n\n".join(parts)


def html_report(run: EvalRun) -> str:
    panels = {f"All items of the run (split {run.split})": {s: run.metrics()[s][run.splits[0]] for s in run.systems}}
    if "heldout" in run.splits and run.split == "all":
        panels["Held-out split"] = {s: run.metrics()[s]["heldout"] for s in run.systems}
    chart = comparison_data_uri(panels, run.systems)
    body = [
        "<h1>nwl-assistant evaluation</h1>",
        f"<p>{_inline_code(run_line(run))}</p>",
        "<h2>Comparison</h2>",
        f'<img src="{chart}" alt="headline metrics per system" style="max-width:100%">',
        "<p class='note'>Higher is better for every bar. The LangChain tutorial has no answer bars: it has no "
        "composer without an LLM. It returns 5 passages, so its hit@10 equals its hit@5.</p>",
        "<h2>Metrics</h2>",
        *(t.html() for t in all_tables(run)),
        *(t.html() for t in (change_tables(run.changes) if run.changes is not None else [])),
        change_details_html(run.changes) if run.changes is not None else "",
        '<h2 id="failures">Failures</h2>',
        "<p class='note'>Every item where retrieval missed the gold evidence in the top 5, the system abstained "
        "wrongly or answered a near miss, reported an outcome other than the expected one, an expected (or "
        "nearby) fact is missing from the answer, a citation is not verbatim or not from a gold source file, or "
        "a complete question was rewritten (or a follow-up was not). ✓ marks passages that support the "
        "item.</p>",
    ]
    for n, system in enumerate(run.systems):
        failed = [r for r in run.for_system(system) if r.failures]
        body.append(f"<details{' open' if n == 0 else ''}><summary>{html.escape(label(system))}: {len(failed)} of ")
        body.append(f"{len(run.for_system(system))} items</summary>")
        body.extend(_failure_html(r) for r in failed)
        body.append("</details>")
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>nwl-assistant evaluation</title>"
        f"<style>{_CSS}</style></head><body>{''.join(body)}</body></html>\n"
    )


def _inline_code(text: str) -> str:
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def _mark(ok: bool | None) -> str:
    if ok is None:
        return "–"
    return "<span class='ok'>✓</span>" if ok else "<span class='bad'>✗</span>"


def _failure_html(r: ItemResult) -> str:
    e = html.escape
    where = f"{r.type}, {r.borough or 'no borough'}, {r.split}"
    parts = [f"<div class='failure' id='{e(r.system)}-{e(r.id)}'><h4>{e(r.id)} ({e(where)}): {e(r.question)}</h4>"]
    if r.standalone != r.question:
        parts.append(f"<p>Understood as: {e(r.standalone)}</p>")
    parts.append("<ul>" + "".join(f"<li class='bad'>{e(f)}</li>" for f in r.failures) + "</ul>")
    if r.expected_facts:
        facts = "; ".join(f"{_mark(f not in r.facts_missing if r.answer else None)} {e(f)}" for f in r.expected_facts)
        parts.append(f"<p><b>Expected facts:</b> {facts}</p>")
    if r.sources:
        quotes = "".join(f"<li>{e(s['file'])}: “{e(s['quote'])}”</li>" for s in r.sources)
        parts.append(f"<p><b>Gold sources:</b></p><ul>{quotes}</ul>")
    rows = "".join(
        f"<tr><td>{p.rank}</td><td>{_mark(p.supports)}</td><td>{e(p.file)}</td><td>{e(p.text)}</td></tr>"
        for p in r.passages
    )
    parts.append(
        f"<p><b>Retrieved:</b></p><table><tr><th>rank</th><th>supports</th><th>file</th>"
        f"<th>passage</th></tr>{rows}</table>"
    )
    if r.answer is not None:
        state = "abstained" if r.abstained else "answered"
        state += f", outcome {r.outcome}" if r.outcome else ""
        state += f"; expected {r.expected_outcome}"
        parts.append(f"<p><b>Answer ({state}):</b></p><pre>{e(r.answer)}</pre>")
        if r.citations:
            cites = "".join(
                f"<tr><td>[{c.n}]</td><td>{_mark(c.verbatim)}</td><td>{_mark(c.gold_source)}</td>"
                f"<td>{e(c.file)}</td><td>{e(c.quote)}</td></tr>"
                for c in r.citations
            )
            parts.append(
                f"<table><tr><th>n</th><th>verbatim</th><th>gold file</th><th>file</th><th>quote</th></tr>"
                f"{cites}</table>"
            )
    parts.append("</div>")
    return "".join(parts)


def write_reports(run: EvalRun, out_dir: Path) -> dict[str, Path]:
    """results.json, summary.md and report.html in out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"results": write_results(run, out_dir), "summary": out_dir / "summary.md", "html": out_dir / "report.html"}
    summary = markdown_summary(run)
    if run.changes is not None:
        summary += "\n\n" + change_markdown(run.changes, run.command)
        paths.update(write_change_reports(run.changes, out_dir, run.command))
    paths["summary"].write_text("# Evaluation summary\n\n" + summary + "\n", "utf-8")
    paths["html"].write_text(html_report(run), "utf-8")
    return paths


def write_docs(run: EvalRun, path: Path) -> None:
    """Replace the generated blocks of docs/evaluation.md (between markers), leaving the prose alone."""
    replace_block(path, DOCS_START, DOCS_END, markdown_summary(run))
    if run.changes is not None:
        write_change_docs(run.changes, path, run.command)
