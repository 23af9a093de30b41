"""`/v1/admin`: the engagement team adds, replaces and removes documents while staff keep asking.

Every route needs `Authorization: Bearer KEY` with a key from NWL_ADMIN_KEYS (401 otherwise); with no admin
key configured the routes do not exist (404). A change is checked here, then queued as a job
(api/jobs.py): the server keeps answering from the current catalog until the job's ingest publishes.
"""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from api.deps import RuntimeDep, SettingsDep
from api.errors import error_responses
from api.jobs import Job, JobQueue
from api.routes.documents import summary
from api.routes.widget import ASSET_HEADERS, PAGE_HEADERS, asset
from api.runtime import Runtime
from api.schemas import DocumentSummary, ErrorOut
from api.security import key_matches, presented_key
from assistant.boroughs import NW_LONDON, canonical
from assistant.errors import DocumentError, InputError
from assistant.settings import Settings
from assistant.snapshot import load_snapshot
from ingest.loaders import READERS, default_meta, load_raw
from ingest.uploads import UploadMeta, Uploads, check_upload, doc_id_for, safe_file_name

READ_CHUNK = 1024 * 1024


async def require_admin(request: Request, settings: SettingsDep) -> None:
    """404 when no admin key is configured (the feature is off), 401 unless a configured key is presented."""
    if not settings.admin_keys:
        raise HTTPException(404, "Not Found")
    key = presented_key(request)
    if key is None or not key_matches(key, settings.revealed_admin_keys):
        raise HTTPException(
            401, "an admin key is required (header 'Authorization: Bearer KEY')", headers={"WWW-Authenticate": "Bearer"}
        )


router = APIRouter(prefix="/v1/admin", tags=["admin"], dependencies=[Depends(require_admin)])
page_router = APIRouter(include_in_schema=False)

ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {
    **error_responses(401, 413, 415, 422, 429, 503),
    404: {"model": ErrorOut, "description": "Admin disabled (no NWL_ADMIN_KEYS), or no such document or job"},
}


class AdminDocument(DocumentSummary):
    last_ingested: str = Field(description="ISO time this version was embedded; empty if before this was recorded.")
    source: str = Field(description="'bundled' (the corpus folder) or 'uploaded' (through this API).")


class JobAccepted(BaseModel):
    job_id: str
    doc_id: str


class JobOut(BaseModel):
    job_id: str
    doc_id: str
    action: str
    state: str = Field(description="queued, running, done or failed")
    progress: float = Field(ge=0, le=1)
    message: str
    documents: dict[str, int] = Field(description="Counts from the ingest: added, updated, unchanged, removed, …")
    faq_review: list[str] = Field(description="Approved FAQ answers citing a passage this change altered or removed.")


def _jobs(runtime: Runtime) -> JobQueue:
    return runtime.jobs()


def list_admin_documents(settings: Settings) -> list[AdminDocument]:
    snapshot = load_snapshot(settings.data_dir, with_keyword=False)
    if snapshot is None:
        return []
    uploaded = {p.name for p in Uploads(settings.data_dir).folder.glob("*")}
    out = []
    for state in sorted(snapshot.states.values(), key=lambda s: s.file):
        doc = snapshot.documents.get(state.doc_id)
        if doc is None:
            continue
        source = "uploaded" if doc.meta.file in uploaded else "bundled"
        base = summary(doc, snapshot).model_dump()
        out.append(AdminDocument(**base, last_ingested=state.ingested_at, source=source))
    return out


@router.get("/documents", response_model=list[AdminDocument], responses=ADMIN_ERRORS)
async def admin_documents(settings: SettingsDep) -> list[AdminDocument]:
    """Every document of the published catalog, with where it came from and when it was last ingested."""
    return await anyio.to_thread.run_sync(list_admin_documents, settings)


def _boroughs(text: str) -> list[str]:
    names = []
    for part in text.split(","):
        if part.strip():
            try:
                names.append(canonical(part))
            except ValueError as exc:
                raise InputError(str(exc)) from exc
    return list(dict.fromkeys(names)) or [NW_LONDON]


async def _stage(upload: UploadFile, folder: Path, name: str, max_bytes: int) -> Path:
    """Write the upload to a staging file, refusing (413) as soon as it passes the size limit."""
    staged = Path(tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=f"-{name}")[1])
    size = 0
    with staged.open("wb") as fh:
        while chunk := await upload.read(READ_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                fh.close()
                staged.unlink(missing_ok=True)
                raise HTTPException(413, f"{name} is larger than the {max_bytes // (1024 * 1024)} MB upload limit")
            fh.write(chunk)
    return staged


def _doc_id(settings: Settings, file_name: str) -> str:
    """The existing id when this replaces a file, else one derived from the name that no other file uses."""
    snapshot = load_snapshot(settings.data_dir, with_keyword=False)
    states = snapshot.states if snapshot else {}
    if file_name in states:
        return states[file_name].doc_id
    taken = {s.doc_id for s in states.values()}
    base = doc_id_for(file_name)
    doc_id, n = base, 2
    while doc_id in taken:
        doc_id, n = f"{base}-{n}", n + 1
    return doc_id


@router.post("/documents", status_code=202, response_model=JobAccepted, responses=ADMIN_ERRORS)
async def upload_document(
    runtime: RuntimeDep,
    file: Annotated[UploadFile, File(description="PDF, DOCX, HTML, MD or TXT; replaces a document of the same name.")],
    title: Annotated[str, Form(max_length=300)] = "",
    publisher: Annotated[str, Form(max_length=300)] = "",
    date: Annotated[str, Form(max_length=100)] = "",
    status: Annotated[str, Form(max_length=100)] = "",
    boroughs: Annotated[str, Form(max_length=500, description="Comma-separated borough names.")] = "",
) -> JobAccepted:
    """Check the file, then queue its ingest; poll the returned job. A refused file changes nothing."""
    settings = runtime.settings
    name = safe_file_name(file.filename or "")
    if Path(name).suffix.lower() not in READERS:
        kinds = ", ".join(sorted(READERS))
        raise HTTPException(415, f"{name}: unsupported file type {Path(name).suffix or '(none)'!r}; use one of {kinds}")
    meta = UploadMeta(title.strip(), publisher.strip(), date.strip(), status.strip(), _boroughs(boroughs))
    uploads = Uploads(settings.data_dir)
    max_bytes = settings.max_upload_mb * 1024 * 1024
    staged = await _stage(file, uploads.staging(), name, max_bytes)
    try:
        checked = staged.with_name(f"{staged.name}.d") / name
        checked.parent.mkdir()
        staged.rename(checked)  # checked under its own name, so errors name the file the user sent
        await anyio.to_thread.run_sync(check_upload, checked, max_bytes)
        fallback = default_meta(checked, load_raw(checked).text).title
        doc_id = await anyio.to_thread.run_sync(_doc_id, settings, name)
    except DocumentError:
        _discard(checked)
        raise

    def change() -> None:
        uploads.add(checked, name, doc_id, meta, fallback)
        _discard(checked)

    job = _jobs(runtime).submit(doc_id, name, "upload", change)
    return JobAccepted(job_id=job.id, doc_id=doc_id)


def _discard(checked: Path) -> None:
    checked.unlink(missing_ok=True)
    if checked.parent.name.endswith(".d"):
        checked.parent.rmdir()


@router.delete("/documents/{doc_id}", status_code=202, response_model=JobAccepted, responses=ADMIN_ERRORS)
async def remove_document(runtime: RuntimeDep, doc_id: Annotated[str, PathParam(max_length=200)]) -> JobAccepted:
    """Queue the document's removal (an uploaded file is deleted, a bundled one left out of the catalog)."""
    settings = runtime.settings
    snapshot = await anyio.to_thread.run_sync(lambda: load_snapshot(settings.data_dir, with_keyword=False))
    doc = snapshot.documents.get(doc_id) if snapshot else None
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    file_name = doc.meta.file
    bundled = (settings.corpus_dir / file_name).exists()
    uploads = Uploads(settings.data_dir)
    job = _jobs(runtime).submit(doc_id, file_name, "remove", lambda: uploads.remove(file_name, bundled))
    return JobAccepted(job_id=job.id, doc_id=doc_id)


@router.get("/jobs/{job_id}", response_model=JobOut, responses=ADMIN_ERRORS)
async def get_job(runtime: RuntimeDep, job_id: Annotated[str, PathParam(max_length=64)]) -> JobOut:
    """A job's state and progress; once done, the document counts and the FAQ answers to review."""
    job: Job | None = await anyio.to_thread.run_sync(_jobs(runtime).get, job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r}")
    fields = asdict(job)
    return JobOut(job_id=fields.pop("id"), **{k: v for k, v in fields.items() if k in JobOut.model_fields})


PAGE_ASSETS = {
    "admin.js": "text/javascript; charset=utf-8",
    "admin.css": "text/css; charset=utf-8",
}


@page_router.get("/admin", response_class=HTMLResponse)
async def admin_page(settings: SettingsDep) -> HTMLResponse:
    """The admin page (it asks for the key and sends it with each call); 404 when admin is off."""
    if not settings.admin_keys:
        raise HTTPException(404, "Not Found")
    return HTMLResponse(asset("admin.html"), headers=PAGE_HEADERS)


@page_router.get("/{name}", include_in_schema=False)
async def admin_asset(name: str, settings: SettingsDep) -> Response:
    """The page's script and style sheet, under the same switch as the page."""
    if not settings.admin_keys or name not in PAGE_ASSETS:
        raise HTTPException(404, "Not Found")
    return Response(asset(name), media_type=PAGE_ASSETS[name], headers=ASSET_HEADERS)
