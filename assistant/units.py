"""Answer units: a chunk cut into the sentences, list items and table rows an answer can quote and cite.

Both composers (assistant/compose.py, assistant/llm_compose.py) work on units, so a citation is always
an exact span of a document.
"""

from __future__ import annotations

import itertools
import re

from assistant.records import Chunk, Unit
from assistant.text import sentence_breaks

# A figure: money, a percentage, an amount or a plain number.
NUMBER = re.compile(r"(£\s?\d|\d+(\.\d+)?\s?(%|m\b|k\b|bn\b)|\b\d[\d,]*\b)")

# Column labels meaning "as things are" and "as they will be": "Current | New", "Today | From 2026".
CURRENT_LABEL = re.compile(r"current|(?:today|now|existing|at present)\b", re.IGNORECASE)
NEW_LABEL = re.compile(r"new|(?:future|proposed|from\s+(?:[a-z]+\s+)?(?:19|20)\d\d)\b", re.IGNORECASE)


def _labels(context: str) -> list[str]:
    if context.startswith("Table columns: "):
        return context.removeprefix("Table columns: ").split(" | ")
    if context.startswith("Column: "):
        return [context.removeprefix("Column: ").split("\n")[0]]
    return []


def split_units(chunk: Chunk, rank: int) -> list[Unit]:
    """Sentences, list items and rows of a chunk, with document offsets."""
    if chunk.kind == "table_row":
        labels = _labels(chunk.context)
        values = chunk.text.split(" | ")
        cells = [(labels[i] if i < len(labels) and len(labels) == len(values) else "", v) for i, v in enumerate(values)]
        paired = any(CURRENT_LABEL.match(lab) or NEW_LABEL.match(lab) for lab, _ in cells)
        if paired or len(values) < 2 or all(len(v.split()) < 12 for v in values):
            return [Unit(chunk, chunk.start, chunk.end, chunk.text, rank, cells)]
        # A wide row of independent cells (e.g. one column per programme): each cell stands alone.
        row_units: list[Unit] = []
        offset = 0
        for label, value in cells:
            start = chunk.start + offset
            row_units.append(Unit(chunk, start, start + len(value), value, rank, [(label, value)] if label else []))
            offset += len(value) + len(" | ")
        return row_units
    units: list[Unit] = []
    for s, e in _sentence_spans(chunk.text):
        text = chunk.text[s:e]
        if len(text.split()) < 3 and not NUMBER.search(text):
            continue
        units.append(Unit(chunk, chunk.start + s, chunk.start + e, text, rank))
    return units


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or list item in text, markers and outer spaces excluded."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        cuts = [0, *(m.end() for m in sentence_breaks(line)), len(line)]
        for a, b in itertools.pairwise(cuts):
            piece = line[a:b]
            lead = len(piece) - len(piece.lstrip())
            if piece.lstrip().startswith("- "):
                lead += 2
            body = piece[lead:].rstrip()
            if body:
                spans.append((line_start + a + lead, line_start + a + lead + len(body)))
        line_start += len(line) + 1
    return spans
