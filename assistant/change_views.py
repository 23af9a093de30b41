"""Change records as the public contract shows them: `ChangeOut` with verbatim, numbered citations."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.change_answer import record_unit
from assistant.changes import ChangeRecord, Register
from assistant.citations import build_citations
from assistant.contract import ChangeOut, ChangesResponse, StatusSourceOut
from assistant.snapshot import Snapshot


def change_out(record: ChangeRecord, snapshot: Snapshot) -> ChangeOut:
    """One record with its spans as citations, numbered from 1 (the record's own document first)."""
    units = [record_unit(s.doc_id, s.chunk_id, s.start, s.end, snapshot) for s in record.spans]
    source = record.status_source
    return ChangeOut(
        id=record.id,
        summary=record.summary,
        current=record.current,
        new=record.new,
        kind=record.kind,
        topic=record.topic,
        scope=record.scope,
        boroughs=list(record.boroughs),
        status=record.status,
        status_source=StatusSourceOut(document=source.document, date=source.date, quote=source.quote)
        if source
        else None,
        when=record.when,
        document=record.document,
        title=record.title,
        date=record.date,
        era=record.era,
        programme=record.programme,
        citations=build_citations([u for u in units if u is not None], snapshot),
    )


def changes_response(
    register: Register, snapshot: Snapshot, boroughs: Sequence[str], topic: str | None
) -> ChangesResponse:
    """The register filtered by boroughs (none: all) and topic, with the "No change" rows listed apart."""
    stays = [
        r
        for r in register.records
        if r.stays_same
        and (not topic or r.topic.lower() == topic.strip().lower())
        and (not boroughs or any(r.applies_to(b) for b in boroughs))
    ]
    return ChangesResponse(
        boroughs=list(boroughs),
        topic=topic,
        changes=[change_out(r, snapshot) for r in register.select(boroughs, topic)],
        stays_same=[change_out(r, snapshot) for r in stays],
        catalog=snapshot.name,
    )
