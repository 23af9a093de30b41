"""The change register as its readers see it: `ChangeOut` records with verbatim citations, and its tables.

One conversion for every reader (the `changes` command, `GET /v1/changes`, answers about changes), so a record
reads the same everywhere and every citation is checked against the document's clean text.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.changes import ChangeRecord, Register
from assistant.citations import CitationError, verbatim_citation
from assistant.contract import ChangeOut, ChangesResponse, StatusSourceOut
from assistant.errors import InputError
from assistant.excel_csv import excel_csv
from assistant.snapshot import Snapshot
from assistant.topics import topic_names

CSV_HEADER = ("borough", "topic", "change", "current", "new", "status", "when", "document", "date", "quote")


def check_topic(topic: str | None) -> str | None:
    """The topic as the register files it, or InputError naming the topics there are."""
    if topic is None or not topic.strip():
        return None
    wanted = topic.strip().lower()
    if wanted not in topic_names():
        raise InputError(f"unknown topic {topic!r}; expected one of: {', '.join(topic_names())}")
    return wanted


def change_out(record: ChangeRecord, snapshot: Snapshot) -> ChangeOut:
    """A record with its spans as numbered citations (own document first), each verbatim in its document."""
    citations = []
    for n, span in enumerate(record.spans, start=1):
        doc = snapshot.documents.get(span.doc_id)
        what = f"change {record.id}: "
        if doc is None or doc.text[span.start : span.end] != span.quote:
            raise CitationError(f"{what}citation {n} is not verbatim at {span.doc_id}[{span.start}:{span.end}]")
        chunk = snapshot.by_id.get(span.chunk_id)
        path = chunk.heading_path if chunk is not None else ()
        citations.append(verbatim_citation(n, doc, span.start, span.end, span.chunk_id, path, what))
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
        if source is not None
        else None,
        when=record.when,
        document=record.document,
        title=record.title,
        date=record.date,
        era=record.era,
        programme=record.programme,
        audience=record.audience,
        citations=citations,
    )


def changes_response(
    register: Register, snapshot: Snapshot, boroughs: Sequence[str], topic: str | None
) -> ChangesResponse:
    """The changes that apply to `boroughs` (all when empty) in `topic` (any when None), newest first.

    `boroughs` are canonical names; the NW London-wide changes apply to every borough and are included.
    """
    topic = check_topic(topic)
    records = register.select(boroughs, topic)
    stays = [r for r in register.records if r.stays_same and (not topic or r.topic == topic)]
    if boroughs:
        stays = [r for r in stays if any(r.applies_to(b) for b in boroughs)]
    return ChangesResponse(
        boroughs=list(boroughs),
        topic=topic,
        changes=[change_out(r, snapshot) for r in records],
        stays_same=[change_out(r, snapshot) for r in stays],
        catalog=snapshot.name,
    )


def where(change: ChangeOut) -> str:
    """Whom a change is for: "NW London" for a NW London-wide one, else its boroughs."""
    return "NW London" if change.scope == "nw_london" else ", ".join(change.boroughs)


def changes_csv(response: ChangesResponse) -> bytes:
    """One row per record (borough, topic, change, current, new, status, when, document, date, quote)."""
    rows = [
        (
            where(c),
            c.topic,
            c.summary,
            c.current or "",
            c.new or "",
            c.status or "",
            c.when or "",
            c.title,
            c.date + (" (older plan)" if c.era == "older" else ""),
            c.citations[0].quote if c.citations else "",
        )
        for c in response.changes
    ]
    return excel_csv(CSV_HEADER, rows)


def changes_markdown(response: ChangesResponse) -> str:
    """The register as Markdown: one section per topic, each change with its status, date and source."""
    scope = ", ".join(response.boroughs) or "NW London"
    lines = [f"# What changes: {scope}" + (f" ({response.topic})" if response.topic else ""), ""]
    by_topic: dict[str, list[ChangeOut]] = {}
    for change in response.changes:
        by_topic.setdefault(change.topic, []).append(change)
    for topic, changes in by_topic.items():
        lines += [f"## {topic.capitalize()}", ""]
        for c in changes:
            status = ", ".join(p for p in (c.status, c.when) if p)
            older = " (older plan)" if c.era == "older" else ""
            lines.append(
                f"- {c.summary} [{where(c)}]"
                + (f" ({status})" if status else "")
                + f" (source: {c.title}, {c.date}{older})"
            )
        lines.append("")
    if response.stays_same:
        lines += ["## Stays the same", ""]
        lines += [f"- {c.current or c.summary} [{where(c)}] (source: {c.title}, {c.date})" for c in response.stays_same]
        lines.append("")
    if not response.changes:
        lines.append("No changes recorded for this selection.")
    return "\n".join(lines).rstrip() + "\n"
