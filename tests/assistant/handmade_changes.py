"""A small named register: change records over three hand-made documents, no model, no index.

- `nwl-cspc` (NW London-wide, 2025): palliative care changes decided by the ICB Board, and a "No change" row.
- `brent-plan` (Brent, February 2024): a mental health and a primary care change, proposed.
- `old-strategy` (Brent, 2016): an older plan's change, which must never read as current.
Offsets are real: every span is the document's text at [start:end], inside the chunk it names.
"""

from __future__ import annotations

from assistant.boroughs import BOROUGHS
from assistant.changes import ChangeKind, ChangeRecord, ChangeSpan, Era, Register, StatusSource
from assistant.records import Chunk, CleanDocument, DocumentMeta
from assistant.snapshot import Snapshot

HOSPICE = "Hospice at Home will be expanded to every borough."
ADVICE = "9am to 5pm advice line | 24/7 advice line"
CARE_HOME = "More support to care homes from the specialist palliative care teams."
NO_CHANGE = "Inpatient hospice beds | No change"
APPROVAL = "The ICB Board approved Option A on 9 July 2025."
TALKING = "Brent will open a new talking therapies hub in Wembley."
GP = "Establish same day access hubs for GP appointments in Brent."
OLD = "Brent will build a new health centre in Harlesden."
DEMOGRAPHIC = "Brent's median age is 35."

DOCS = {
    "nwl-cspc": ("CSPC model", "2025 (undated)", "2025-07", (), [HOSPICE, ADVICE, CARE_HOME, NO_CHANGE, APPROVAL]),
    "brent-plan": ("Brent borough plan", "February 2024", "2024-02", ("Brent",), [DEMOGRAPHIC, TALKING, GP]),
    "old-strategy": ("NW London strategy 2016", "2016", "2016-10", ("Brent",), [OLD]),
}


def _build() -> tuple[dict[str, CleanDocument], list[Chunk]]:
    documents: dict[str, CleanDocument] = {}
    chunks: list[Chunk] = []
    for doc_id, (title, date, date_sort, boroughs, parts) in DOCS.items():
        text = title + "\n\n" + "\n\n".join(parts) + "\n"
        meta = DocumentMeta(doc_id, f"{doc_id}.txt", title, "NHS NW London", date, date_sort, "plan", boroughs)
        documents[doc_id] = CleanDocument(meta, text, raw_hash="0" * 64)
        for index, part in enumerate(parts):
            start = text.index(part)
            kind = "table_row" if " | " in part else "text"
            chunks.append(
                Chunk(
                    chunk_id=f"{doc_id}:{index}",
                    doc_id=doc_id,
                    file=meta.file,
                    index=index,
                    kind=kind,
                    start=start,
                    end=start + len(part),
                    text=part,
                    heading_path=(title, "Changes"),
                    context="Table columns: Current | New" if kind == "table_row" else "",
                    boroughs=boroughs or ("NW London",),
                    title=title,
                    date=date,
                    doc_type="plan",
                )
            )
    return documents, chunks


DOCUMENTS, CHUNKS = _build()


def span(doc_id: str, text: str) -> ChangeSpan:
    chunk = next(c for c in CHUNKS if c.doc_id == doc_id and c.text == text)
    return ChangeSpan(doc_id, chunk.file, chunk.start, chunk.end, chunk.chunk_id, text)


def record(
    rid: str,
    doc_id: str,
    text: str,
    topic: str,
    kind: ChangeKind = "new",
    boroughs: tuple[str, ...] = (),
    era: Era = "current",
    **extra: object,
) -> ChangeRecord:
    title, date, date_sort, _, _ = DOCS[doc_id]
    return ChangeRecord(
        id=rid,
        summary=text,
        kind=kind,
        topic=topic,
        scope="borough" if boroughs else "nw_london",
        boroughs=boroughs or BOROUGHS,
        document=doc_id,
        title=title,
        date=date,
        date_sort=date_sort,
        era=era,
        spans=(span(doc_id, text),),
        **extra,  # type: ignore[arg-type]
    )


DECIDED = StatusSource("nwl-cspc", "2025 (undated)", APPROVAL)

RECORDS = [
    record(
        "hospice",
        "nwl-cspc",
        HOSPICE,
        "palliative care",
        "expanded",
        status="decided",
        status_source=DECIDED,
        when="by 1 October 2025",
    ),
    record(
        "advice",
        "nwl-cspc",
        ADVICE,
        "palliative care",
        "improved",
        status="decided",
        status_source=DECIDED,
        current="9am to 5pm advice line",
        new="24/7 advice line",
    ),
    record("care-homes", "nwl-cspc", CARE_HOME, "care homes", "improved", status="decided", status_source=DECIDED),
    record(
        "beds",
        "nwl-cspc",
        NO_CHANGE,
        "palliative care",
        "other",
        stays_same=True,
        current="Inpatient hospice beds",
        new="No change",
    ),
    record("talking", "brent-plan", TALKING, "mental health", boroughs=("Brent",), status="proposed"),
    record("gp", "brent-plan", GP, "primary care", boroughs=("Brent",), status="proposed", when="2024/25"),
    record("old", "old-strategy", OLD, "primary care", boroughs=("Brent",), era="older", status="proposed"),
]


def snapshot(records: list[ChangeRecord] | None = None) -> Snapshot:
    return Snapshot(
        dict(DOCUMENTS), list(CHUNKS), {}, "handmade", "handmade", changes=list(RECORDS if records is None else records)
    )


def register(records: list[ChangeRecord] | None = None) -> Register:
    return Register(RECORDS if records is None else records)
