"""Inline markup and table cells as clean text: what ingest/cleaning.py makes of Markdown emphasis, stray tags and
the HTML some exports put inside table cells (headings, paragraphs, run-together lists)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup

_HTML_TAG = re.compile(r"</?(?:p|ul|ol|li|h[1-6]|i|b|em|strong|br|span|div)\b[^>]*>", re.IGNORECASE)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|/)[^)]*\)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_STAR_ITEM_BREAK = re.compile(r"(?<=\*)\s+(?=[A-Z0-9'‘“(])")


@dataclass
class Cell:
    """A table cell's clean text, its column, and a short label when the cell titles itself."""

    column: int
    text: str
    label: str = ""
    start: int = 0
    end: int = 0
    heading: bool = False  # the cell is only a heading (<h3>…</h3>): it titles the cells below it, it states nothing
    title: str = ""  # the title of its column, from the header row above it ("Primary Care"); "" when untitled


def inline_markup(text: str) -> str:
    """Strip Markdown emphasis and links and stray inline tags; keep the words exactly."""
    text = _AUTOLINK.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = _BOLD.sub(r"\2", text)
    text = _BOLD.sub(r"\2", text)
    text = _ITALIC.sub(r"\1", text)
    text = text.replace("**", "")
    text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()


def _split_items(text: str) -> list[str]:
    """Split a run-together list: '•' bullets, or footnote-starred items ('Dementia* Talking...')."""
    pieces = text.split("•") if "•" in text else _STAR_ITEM_BREAK.split(text)
    return [p.strip() for p in pieces if p.strip()]


def cell_to_text(fragment: str) -> tuple[str, str]:
    """Render a table cell that may hold HTML (<h4>, <p>, <ul>) as (label, plain text).

    Lists become '; '-separated items so that a row stays on one line of the clean text.
    """
    if "<" not in fragment or not re.search(r"<[a-z/]", fragment):
        return "", inline_markup(fragment)
    soup = BeautifulSoup(fragment, "html.parser")
    label = ""
    pieces: list[str] = []
    for node in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol"], recursive=False) or []:
        content = inline_markup(node.get_text(" "))
        if not content:
            continue
        if node.name in {"ul", "ol"}:
            items = _split_items(content)
            pieces.append("; ".join(items))
        else:
            if not label and not pieces and len(content) <= 80:
                label = content
            pieces.append(content)
    loose = inline_markup("".join(str(s) for s in soup.find_all(string=True, recursive=False)))
    if loose:
        pieces.append(loose)
    if not pieces:
        return "", inline_markup(soup.get_text(" "))
    if label and len(pieces) > 1 and pieces[0] == label:
        return label, label + ": " + " ".join(pieces[1:])
    return label, " ".join(pieces)


_HEADINGS_ONLY = re.compile(r"\s*(?:<h[1-6]\b[^>]*>(?:(?!</?h[1-6]\b).)*</h[1-6]>\s*)+", re.IGNORECASE | re.DOTALL)


def only_headings(fragment: str) -> bool:
    """A cell holding nothing but heading markup: a layout grid's column title ("<h3>Integrated end of life</h3>")."""
    return bool(_HEADINGS_ONLY.fullmatch(fragment))
