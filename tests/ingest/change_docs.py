"""Extract change records from small documents written in the tests: the helpers the extraction tests share."""

from __future__ import annotations

from assistant.boroughs import BOROUGHS
from assistant.changes import ChangeRecord
from assistant.records import CleanDocument, DocumentMeta
from ingest.changes import extract_changes
from ingest.chunking import Chunker, chunk_document
from ingest.cleaning import clean


def meta(doc_id: str, boroughs: tuple[str, ...], status: str = "decided", date_sort: str = "2026-01") -> DocumentMeta:
    return DocumentMeta(
        doc_id=doc_id,
        file=f"{doc_id}.txt",
        title=f"Paper {doc_id}",
        publisher="A test",
        date=date_sort,
        date_sort=date_sort,
        doc_type="decision paper",
        boroughs=boroughs,
        status=status,
    )


def extract(text: str, document: DocumentMeta) -> list[ChangeRecord]:
    result = clean(text, BOROUGHS)
    doc = CleanDocument(document, result.text, "h")
    chunks = chunk_document(doc, result, Chunker(lambda t: len(t.split())))
    records = extract_changes(doc, result, chunks)
    for record in records:  # every span is verbatim and inside one chunk of the document
        for span in record.spans:
            assert doc.text[span.start : span.end] == span.quote
            assert any(c.chunk_id == span.chunk_id and c.start <= span.start and span.end <= c.end for c in chunks)
    return records


def summaries(text: str, doc_id: str, boroughs: tuple[str, ...]) -> set[str]:
    return {r.summary for r in extract(text, meta(doc_id, boroughs))}
