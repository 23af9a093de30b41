"""`/v1/documents`: the sources themselves, so any citation can be opened and its quote shown in place."""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from api.deps import AssistantDep
from api.errors import error_responses
from api.schemas import DocumentOut, DocumentSummary, PassageDetail
from assistant.records import CleanDocument
from assistant.snapshot import Snapshot

router = APIRouter(prefix="/documents", tags=["documents"])

LOOKUP_ERRORS = error_responses(404, 422, 503, not_found="No such document, or no such passage in it.")
DocId = Annotated[str, Path(max_length=200, description="Document id, as in a citation's `document`.")]


def summary(doc: CleanDocument, snapshot: Snapshot) -> DocumentSummary:
    meta = doc.meta
    return DocumentSummary(
        id=meta.doc_id,
        file=meta.file,
        title=meta.title,
        short_title=meta.short_title,
        publisher=meta.publisher,
        date=meta.date,
        type=meta.doc_type,
        status=meta.status,
        boroughs=list(meta.boroughs),
        chunks=len(snapshot.by_doc.get(meta.doc_id, [])),
        chars=len(doc.text),
        pages=len(doc.pages),
        inferred=list(meta.inferred),
    )


def _document(snapshot: Snapshot, doc_id: str) -> CleanDocument:
    doc = snapshot.documents.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return doc


@router.get("", response_model=list[DocumentSummary], responses=error_responses(503))
async def list_documents(assistant: AssistantDep) -> list[DocumentSummary]:
    """Every indexed document with its provenance (publisher, date as stated, status) and size."""
    snapshot = assistant.snapshot
    docs = sorted(snapshot.documents.values(), key=lambda d: d.meta.file)
    return [summary(d, snapshot) for d in docs]


@router.get("/{doc_id}", response_model=DocumentOut, responses=LOOKUP_ERRORS)
async def get_document(doc_id: DocId, assistant: AssistantDep) -> DocumentOut:
    """Metadata and the clean text that every citation's start/end offsets index into."""
    snapshot = assistant.snapshot
    doc = _document(snapshot, doc_id)
    return DocumentOut(
        **summary(doc, snapshot).model_dump(), notes=doc.meta.notes, text=doc.text, page_starts=list(doc.pages)
    )


@router.get("/{doc_id}/passages/{chunk_id}", response_model=PassageDetail, responses=LOOKUP_ERRORS)
async def get_passage(
    doc_id: DocId,
    chunk_id: Annotated[str, Path(max_length=300, description="A citation's `chunk_id`.")],
    assistant: AssistantDep,
    around: Annotated[int, Query(ge=0, le=5000, description="Characters of context either side.")] = 400,
) -> PassageDetail:
    """One passage and the text around it; a citation's quote sits at [start, end) minus `context_start`."""
    snapshot = assistant.snapshot
    doc = _document(snapshot, doc_id)
    chunk = snapshot.by_id.get(chunk_id)
    if chunk is None or chunk.doc_id != doc_id:
        raise HTTPException(404, f"no passage {chunk_id!r} in document {doc_id!r}")
    page, page_end = doc.page_span(chunk.start, chunk.end)
    context_start = max(0, chunk.start - around)
    context_end = min(len(doc.text), chunk.end + around)
    return PassageDetail(
        document=summary(doc, snapshot),
        chunk_id=chunk.chunk_id,
        start=chunk.start,
        end=chunk.end,
        text=chunk.text,
        heading_path=list(chunk.heading_path),
        boroughs=list(chunk.boroughs),
        page=page,
        page_end=page_end,
        context_start=context_start,
        context_end=context_end,
        context=doc.text[context_start:context_end],
    )


# Media types of the formats ingest reads; HTML is served as plain text so a document cannot run script here.
_MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".markdown": "text/markdown; charset=utf-8",
    ".html": "text/plain; charset=utf-8",
    ".htm": "text/plain; charset=utf-8",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {media: {} for media in sorted(set(_MEDIA_TYPES.values()))}, "description": "The file."},
    **LOOKUP_ERRORS,
}


def _unchanged(path: FilePath, raw_hash: str) -> bool:
    """Whether the file on disk is still the one ingested: page numbers and offsets refer to that version."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == raw_hash
    except OSError:
        return False


@router.get("/{doc_id}/file", response_class=FileResponse, responses=_FILE_RESPONSES)
async def get_file(doc_id: DocId, assistant: AssistantDep) -> FileResponse:
    """The original file as ingested (a PDF opens at a citation's page with `#page=N`)."""
    doc = _document(assistant.snapshot, doc_id)
    path = FilePath(doc.source) if doc.source else None
    if path is None or not await run_in_threadpool(_unchanged, path, doc.raw_hash):
        raise HTTPException(404, f"the original file of {doc_id!r} is not available; re-run `nwl-assistant ingest`")
    media = _MEDIA_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(
        path,
        media_type=media,
        filename=doc.meta.file,
        content_disposition_type="inline",
        headers={"X-Content-Type-Options": "nosniff"},
    )
