"""A small named corpus of hand-made records: one H&F palliative-care document, no model, no index.

Offsets are real: every chunk's text is the document's text at [start:end], as the ingest guarantees.
"""

from __future__ import annotations

from assistant.records import Chunk, ChunkKind, CleanDocument, DocumentMeta, Hit
from assistant.snapshot import Snapshot

TITLE = "Palliative care in Hammersmith and Fulham"
PARAGRAPH = (
    "The community palliative care team works 9am to 5pm on weekdays today. "
    "From 1st October 2025 the team will work 8am to 8pm, 7 days a week. "
    "The proposals were approved by the programme board in June 2024. "
    "Ok."
)
LIST = "The service has two functions: 1. Same day advice for families. 2. A night sitting service for carers."
ROW = "9am to 5pm on weekdays | 8am to 8pm, 7 days a week"
SCHEDULE = "A new hub is to be in place by October 2026."
TEXT = f"{TITLE}\n\n{PARAGRAPH}\n\n{LIST}\n\n{ROW}\n\n{SCHEDULE}\n"

META = DocumentMeta(
    doc_id="hf-palliative",
    file="hf-palliative.txt",
    title=TITLE,
    publisher="NHS North West London",
    date="2024-06",
    date_sort="2024-06",
    doc_type="plan",
    boroughs=("Hammersmith and Fulham",),
)
DOCUMENT = CleanDocument(META, TEXT, raw_hash="0" * 64)


def chunk(text: str, index: int, kind: ChunkKind = "text", context: str = "", heading: str = "Hours") -> Chunk:
    """The chunk of DOCUMENT holding text (which must occur in it verbatim)."""
    start = TEXT.index(text)
    return Chunk(
        chunk_id=f"hf-palliative:{index}",
        doc_id=META.doc_id,
        file=META.file,
        index=index,
        kind=kind,
        start=start,
        end=start + len(text),
        text=text,
        heading_path=("H&F palliative care", heading),
        context=context,
        boroughs=META.boroughs,
        title=TITLE,
        date=META.date,
        doc_type=META.doc_type,
    )


PARAGRAPH_CHUNK = chunk(PARAGRAPH, 0)
LIST_CHUNK = chunk(LIST, 1, "list", heading="Functions")
ROW_CHUNK = chunk(ROW, 2, "table_row", context="Table columns: Current | New")
CHUNKS = (PARAGRAPH_CHUNK, LIST_CHUNK, ROW_CHUNK)


def hits(*chunks: Chunk, dense: float = 0.6) -> list[Hit]:
    """Chunks as retrieved, best first, with falling scores."""
    return [Hit(c, 1.0 - 0.1 * i, dense_score=dense - 0.05 * i) for i, c in enumerate(chunks)]


def snapshot() -> Snapshot:
    return Snapshot({META.doc_id: DOCUMENT}, list(CHUNKS), {}, "handmade", "handmade")
