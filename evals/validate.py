"""`eval --check`: the gold set is only evidence if its quotes and facts really are in the documents.

Checks, per item: the schema; every source file exists in the corpus; every quote is verbatim in its
raw file (whitespace collapsed) and can be located in the product's clean text of that file after
normalisation (retrieval metrics need that location); every expected fact occurs in one of the
item's quotes or, failing that, in one of its source documents; a standalone follow-up's history names a
borough (it tests that a complete question does not inherit that borough).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.boroughs import BOROUGHS, detect
from assistant.errors import DocumentError
from evals.matching import NormalisedText, contains
from evals.schema import GoldItem, ItemType, read_dataset
from ingest.cleaning import clean
from ingest.loaders import load_raw


@dataclass(frozen=True)
class CorpusDocument:
    """A source file as the gold set sees it (raw) and as the product cites it (clean)."""

    file: str
    raw: NormalisedText
    clean: NormalisedText
    raw_collapsed: str


def read_corpus_document(path: Path) -> CorpusDocument:
    raw = load_raw(path).text
    return CorpusDocument(
        file=path.name,
        raw=NormalisedText(path.name, raw),
        clean=NormalisedText(path.name, clean(raw, BOROUGHS).text),
        raw_collapsed=_collapse(raw),
    )


def _collapse(text: str) -> str:
    return " ".join(text.split())


@dataclass
class ValidationReport:
    items: list[GoldItem]
    problems: list[str] = field(default_factory=list)
    quotes: int = 0
    facts: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return (
                f"gold set valid: {len(self.items)} items, {self.quotes} quotes verbatim in their documents, "
                f"{self.facts} expected facts found"
            )
        return f"gold set invalid: {len(self.problems)} problem(s)"


def validate_items(items: list[GoldItem], corpus_dir: Path) -> ValidationReport:
    """Check quotes and facts of parsed items against the documents in corpus_dir."""
    report = ValidationReport(items=items)
    documents: dict[str, CorpusDocument | str] = {}
    for item in items:
        if item.type is ItemType.standalone_follow_up and not any(
            detect(t.content).boroughs for t in item.history if t.role == "user"
        ):
            report.problems.append(f"{item.id}: a standalone follow-up's history must ask about a named borough")
        for file in item.source_files:
            if file not in documents:
                documents[file] = _load(corpus_dir, file)
        loaded = {f: d for f in item.source_files if isinstance(d := documents[f], CorpusDocument)}
        for n, source in enumerate(item.sources, start=1):
            doc = documents[source.file]
            if isinstance(doc, str):
                report.problems.append(f"{item.id}: source {n}: {doc}")
                continue
            report.quotes += 1
            if _collapse(source.quote) not in doc.raw_collapsed:
                report.problems.append(
                    f"{item.id}: source {n}: quote is not verbatim in {source.file}: {_short(source.quote)}"
                )
            elif doc.clean.locate(source.quote) is None:
                report.problems.append(
                    f"{item.id}: source {n}: quote cannot be located in the clean text of {source.file} "
                    f"after normalisation: {_short(source.quote)}"
                )
        for fact in item.expected_facts:
            report.facts += 1
            in_quote = any(contains(s.quote, fact) for s in item.sources)
            in_document = any(d.clean.contains(fact) or d.raw.contains(fact) for d in loaded.values())
            if not (in_quote or in_document):
                report.problems.append(
                    f"{item.id}: expected fact {fact!r} is in none of its quotes or source documents"
                )
    return report


def validate_dataset(path: Path, corpus_dir: Path) -> ValidationReport:
    """Parse the JSON Lines file and check every item; all problems are collected, not just the first."""
    items, problems = read_dataset(path)
    report = validate_items(items, corpus_dir)
    report.problems[:0] = problems
    return report


def _load(corpus_dir: Path, file: str) -> CorpusDocument | str:
    """The document, or why it cannot be used."""
    path = corpus_dir / file
    if Path(file).name != file or not path.is_file():
        return f"file {file!r} is not in {corpus_dir}"
    try:
        return read_corpus_document(path)
    except DocumentError as exc:
        return str(exc)


def _short(text: str, limit: int = 90) -> str:
    text = _collapse(text)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
