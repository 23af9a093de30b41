"""Approved FAQ answers as evaluation items (the gold.jsonl format), so the eval suite guards them too.

expected_facts are short, distinctive, verbatim pieces of the cited quotes that also appear in the approved
answer: numbers and dates first (the facts residents act on), then the phrase of longest words. Short, so a
fair re-wording of the rest of the answer still passes; verbatim, so a changed fact does not.

Gold quotes are verbatim in the raw file while citations quote the clean text (table cells joined by ' | ',
Markdown emphasis dropped), so each citation becomes the runs of its words that the raw file holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.boroughs import NW_LONDON, detect
from assistant.errors import DocumentError
from assistant.faq.approvals import ApprovedAnswer

MAX_FACTS = 3
FACT_WORDS = 4
MIN_QUOTE_WORDS = 3
_SEGMENT = re.compile(r"\s*(?:[.;:,()|→•]|\s[–-]\s)\s*")
_DIGIT = re.compile(r"\d")
_EDGE_WORDS = frozenset("a an and as at by for from in of on or the to with which that this those is are be".split())


def _trim(words: list[str]) -> list[str]:
    """Drop function words at either edge: 'a 24/7 care facility by' -> '24/7 care facility'."""
    while words and words[0].lower() in _EDGE_WORDS:
        words = words[1:]
    while words and words[-1].lower() in _EDGE_WORDS:
        words = words[:-1]
    return words


def _candidates(quote: str) -> list[str]:
    """Per clause: the number and the words after it, or else the window of longest (rarest) words."""
    found = []
    for segment in _SEGMENT.split(quote):
        words = segment.strip(" *“”\"'").split()
        if len(words) < 2:
            continue
        at = next((i for i, w in enumerate(words) if _DIGIT.search(w)), None)
        if at is not None:
            window = words[max(0, at - 1) : at + FACT_WORDS]
        else:
            starts = range(max(1, len(words) - FACT_WORDS + 1))
            best = max(starts, key=lambda i: sum(len(w) for w in words[i : i + FACT_WORDS]))
            window = words[best : best + FACT_WORDS]
        phrase = " ".join(_trim(window))
        if len(phrase.split()) >= 2:
            found.append(phrase)
    return found


def _score(phrase: str) -> tuple[int, float]:
    """Numbers and dates first, then phrases made of longer (rarer) words."""
    words = phrase.split()
    return (1 if _DIGIT.search(phrase) else 0, sum(len(w) for w in words) / len(words))


def expected_facts(answer: str, quotes: Sequence[str]) -> list[str]:
    """Up to three distinctive phrases, at most one per quote, each found verbatim in quote and answer."""
    facts: list[str] = []
    for quote in quotes:
        options = [p for p in _candidates(quote) if p in answer and p not in facts]
        if options:
            facts.append(max(options, key=_score))
        if len(facts) == MAX_FACTS:
            break
    return facts


def raw_runs(quote: str, raw: str) -> list[str]:
    """The longest runs of the quote's words (at least three, or the whole quote) found verbatim in raw."""
    haystack = " ".join(raw.split())
    words = quote.split()
    runs: list[str] = []
    i = 0
    while i < len(words):
        end = i
        while end < len(words) and " ".join(words[i : end + 1]) in haystack:
            end += 1
        if end == i:
            i += 1
            continue
        if end - i >= MIN_QUOTE_WORDS or end - i == len(words):
            runs.append(" ".join(words[i:end]))
        i = end
    return runs


def _raw_text(corpus_dir: Path, file: str, cache: dict[str, str | None]) -> str | None:
    if file not in cache:
        from ingest.loaders import load_raw

        try:
            cache[file] = load_raw(corpus_dir / file).text
        except DocumentError:
            cache[file] = None
    return cache[file]


def eval_item(approved: ApprovedAnswer, corpus_dir: Path, cache: dict[str, str | None]) -> dict[str, Any] | None:
    """One gold.jsonl line for an approved answer, or None when no expected fact can be drawn from it."""
    facts = expected_facts(approved.answer, [c.quote for c in approved.citations])
    sources: list[dict[str, str]] = []
    for c in approved.citations:
        raw = _raw_text(corpus_dir, c.file, cache)
        for run in raw_runs(c.quote, raw) if raw is not None else [c.quote]:
            if {"file": c.file, "quote": run} not in sources:
                sources.append({"file": c.file, "quote": run})
    if not facts or not sources:
        return None
    question = approved.question
    if approved.borough != NW_LONDON and approved.borough not in detect(question).boroughs:
        # The evaluation asks without a borough filter, so the borough goes into the question itself.
        question = f"{approved.label}: {question}"
    return {
        "id": f"faq-{approved.key.replace('/', '-')}",
        "question": question,
        "type": "borough_change",
        "borough": approved.borough,
        "history": [],
        "expected_facts": facts,
        "sources": sources,
        "notes": (
            f"Approved FAQ answer for {approved.label} ({approved.approved_at:%Y-%m-%d}), built with the borough "
            f"as a hard filter; status {approved.status or 'not stated'}, confidence {approved.confidence}."
        ),
    }


def eval_items(approvals: Sequence[ApprovedAnswer], corpus_dir: Path) -> tuple[list[dict[str, Any]], int]:
    """Evaluation items for the approvals, and how many approvals gave no usable fact (left out)."""
    cache: dict[str, str | None] = {}
    items = [eval_item(a, corpus_dir, cache) for a in approvals]
    kept = [item for item in items if item is not None]
    return kept, len(items) - len(kept)
