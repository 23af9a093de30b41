"""Turn a pack into the files the engagement team hands out: `render(pack, fmt) -> bytes` for CLI and API alike.

Markdown, CSV and JSON live here; HTML and DOCX have modules of their own. Every format shows the same
things in the same order: answered questions with their numbered sources, status and confidence, then the
questions the documents do not cover, then the documents the answers rest on.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from assistant.citations import dated
from assistant.errors import InputError
from assistant.faq.models import CONFIDENCE_HELP, FaqCitation, FaqItem, FaqPack

FORMATS: tuple[str, ...] = ("md", "csv", "docx", "html", "json")
MEDIA_TYPES: dict[str, str] = {
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
}
CSV_COLUMNS = ("question", "answer", "sources", "status", "confidence")
NOT_COVERED = "Not covered by the documents"
NOT_COVERED_NOTE = (
    "The documents do not answer these questions. Do not answer them from memory: say the documents do not "
    "cover them, and refer them to the team."
)


def answer_blocks(answer: str) -> list[tuple[str, str]]:
    """The composer's answer as ('bullet' | 'text', line) pairs, so each format can lay bullets out its own way."""
    blocks = []
    for line in answer.splitlines():
        if not line.strip():
            continue
        if line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("text", line.strip()))
    return blocks


def source_line(citation: FaqCitation) -> str:
    """'Short title (date, p. N): “quote”' for one citation, without its number; full titles are listed at the end."""
    return f"{citation.source_label or citation.title} ({dated(citation)}): “{citation.quote}”"


def status_line(item: FaqItem) -> str:
    status = item.status or "not stated"
    reasons = f" ({'; '.join(item.confidence_reasons)})" if item.confidence_reasons else ""
    return f"Overall status: {status}. Confidence: {item.confidence}{reasons}."


def built_line(pack: FaqPack) -> str:
    return f"Built {pack.built_at:%d %B %Y} from the documents listed at the end. {pack.summary()}."


_MD_SPECIAL = re.compile(r"([\\`*<>\[\]]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_MD_LINE_START = re.compile(r"^(\s*)(#|>|\+|-|(?=\d+[.)]\s))(\d*)")


def md_escape(text: str) -> str:
    """Text shown literally in Markdown: emphasis, HTML and list markers the documents contain stay inert."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(_escape_marker, text)


def _escape_marker(m: re.Match[str]) -> str:
    """'# x' -> '\\# x', '1. x' -> '1\\. x': the backslash must sit on the punctuation to count."""
    if m.group(2):
        return m.group(1) + "\\" + m.group(2) + m.group(3)
    return m.group(1) + m.group(3) + "\\"


def _md_marks(text: str) -> str:
    """Escape, then restore the [n] citation markers so they read as plain [1] in the raw file too."""
    return re.sub(r"\\\[(\d+)\\\]", r"[\1]", md_escape(text))


def render_markdown(pack: FaqPack) -> bytes:
    out = [f"# {md_escape(pack.label)}: questions and answers", "", md_escape(built_line(pack)), ""]
    out += [f"*{md_escape(CONFIDENCE_HELP)}*", ""]
    for number, item in enumerate(pack.answered, start=1):
        out += [f"## {number}. {md_escape(item.question)}", ""]
        for kind, line in answer_blocks(item.answer):
            out.append(f"- {_md_marks(line)}" if kind == "bullet" else f"\n{_md_marks(line)}")
        out += ["", f"*{md_escape(status_line(item))}*", "", "**Sources**", ""]
        out += [f"{c.n}. {md_escape(source_line(c))}" for c in item.citations]
        out.append("")
    if pack.not_covered:
        out += [f"## {NOT_COVERED}", "", md_escape(NOT_COVERED_NOTE), ""]
        out += [f"- {md_escape(item.question)}" for item in pack.not_covered]
        out.append("")
    out += ["## Documents", ""]
    out += [f"- {md_escape(d.describe())}" for d in pack.documents]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def _excel_cell(text: str) -> str:
    """Excel runs a cell starting with = + - @ as a formula: such text gets a leading apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_row(item: FaqItem) -> dict[str, str]:
    """One spreadsheet row; bullets become '•' so no answer line starts with a formula character."""
    if not item.covered:
        return {"question": item.question, "answer": NOT_COVERED, "sources": "", "status": "", "confidence": ""}
    answer = "\n".join(f"• {line}" if kind == "bullet" else line for kind, line in answer_blocks(item.answer))
    sources = "\n".join(f"[{c.n}] {source_line(c)}" for c in item.citations)
    return {
        "question": item.question,
        "answer": answer,
        "sources": sources,
        "status": item.status or "",
        "confidence": item.confidence or "",
    }


def render_csv(pack: FaqPack) -> bytes:
    """UTF-8 with a byte-order mark and CRLF rows: what Excel needs to open it without mangling “ or →."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for item in [*pack.answered, *pack.not_covered]:
        writer.writerow({k: _excel_cell(v) for k, v in csv_row(item).items()})
    return buffer.getvalue().encode("utf-8-sig")


def render_json(pack: FaqPack) -> bytes:
    return (pack.model_dump_json(indent=1) + "\n").encode("utf-8")


def _renderers() -> dict[str, Callable[[FaqPack], bytes]]:
    from assistant.faq.html import render_html
    from assistant.faq.word import render_docx

    return {
        "md": render_markdown,
        "csv": render_csv,
        "docx": render_docx,
        "html": render_html,
        "json": render_json,
    }


def parse_formats(value: str) -> list[str]:
    """'md,csv,docx' -> ['md', 'csv', 'docx']; InputError naming the formats we know otherwise."""
    formats = [f.strip().lower().lstrip(".") for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    return list(dict.fromkeys(formats))


def render(pack: FaqPack, fmt: str) -> bytes:
    """The pack as a file's bytes in one of FORMATS (media types in MEDIA_TYPES)."""
    renderer = _renderers().get(fmt)
    if renderer is None:
        raise InputError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    return renderer(pack)
