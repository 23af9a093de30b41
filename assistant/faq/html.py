"""A printable, self-contained HTML page for a pack; every piece of text is escaped."""

from __future__ import annotations

import re
from html import escape

from assistant.citations import dated
from assistant.faq.lines import NOT_COVERED, NOT_COVERED_NOTE, answer_blocks, built_line, status_line
from assistant.faq.models import CONFIDENCE_HELP, FaqPack

_STYLE = """
body { font-family: Arial, Helvetica, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       color: #212b32; line-height: 1.45; }
h1 { color: #005eb8; font-size: 1.8rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-top: 1px solid #d8dde0; padding-top: 1rem; }
.meta, .help { color: #4c6272; font-size: 0.9rem; }
.status { font-size: 0.9rem; color: #4c6272; }
.low { border-left: 4px solid #ffb81c; padding-left: 0.75rem; }
ol.sources { font-size: 0.85rem; color: #4c6272; }
sup { font-size: 0.7rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _marks(text: str, anchor: str) -> str:
    """Escaped text with [n] markers linked to the answer's numbered sources."""
    return re.sub(r"\[(\d+)\]", rf'<sup><a href="#{anchor}-\1">[\1]</a></sup>', escape(text))


def render_html(pack: FaqPack) -> bytes:
    title = escape(f"{pack.label}: questions and answers")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
        f'<p class="meta">{escape(built_line(pack))}</p>',
        f'<p class="help">{escape(CONFIDENCE_HELP)}</p>',
    ]
    for number, item in enumerate(pack.answered, start=1):
        anchor = f"q{number}"
        css = ' class="low"' if item.confidence == "low" else ""
        out.append(f'<section id="{anchor}"{css}>')
        out.append(f"<h2>{number}. {escape(item.question)}</h2>")
        bullets: list[str] = []
        for kind, line in answer_blocks(item.answer):
            if kind == "bullet":
                bullets.append(f"<li>{_marks(line, anchor)}</li>")
                continue
            if bullets:
                out += ["<ul>", *bullets, "</ul>"]
                bullets = []
            out.append(f"<p>{_marks(line, anchor)}</p>")
        if bullets:
            out += ["<ul>", *bullets, "</ul>"]
        out.append(f'<p class="status">{escape(status_line(item))}</p>')
        out.append('<ol class="sources">')
        for c in item.citations:
            label = escape(c.source_label or c.title)
            quote = f"<cite>{label}</cite> ({escape(dated(c))}): “{escape(c.quote)}”"
            out.append(f'<li id="{anchor}-{c.n}" value="{c.n}">{quote}</li>')
        out += ["</ol>", "</section>"]
    if pack.not_covered:
        out += ['<section id="not-covered">', f"<h2>{escape(NOT_COVERED)}</h2>", f"<p>{escape(NOT_COVERED_NOTE)}</p>"]
        out += ["<ul>", *[f"<li>{escape(item.question)}</li>" for item in pack.not_covered], "</ul>", "</section>"]
    out += ['<section id="documents">', "<h2>Documents</h2>", "<ul>"]
    for d in pack.documents:
        out.append(
            f"<li><cite>{escape(d.title)}</cite>. {escape(d.publisher)}, {escape(d.date)} ({escape(d.file)})</li>"
        )
    out += ["</ul>", "</section>", "</body>", "</html>"]
    return ("\n".join(out) + "\n").encode("utf-8")
