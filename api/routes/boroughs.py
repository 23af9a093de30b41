"""`GET /v1/boroughs`: the eight NW London boroughs and how much of the corpus concerns each."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AssistantDep
from api.errors import error_responses
from api.schemas import BoroughOut
from assistant.boroughs import BOROUGHS, borough_key
from assistant.snapshot import Snapshot

router = APIRouter(tags=["boroughs"])


def borough_counts(snapshot: Snapshot) -> list[BoroughOut]:
    """Chunks tagged with each borough, and documents that name it in metadata or in any chunk."""
    out = []
    for name in BOROUGHS:
        chunk_docs = {c.doc_id for c in snapshot.chunks if name in c.boroughs}
        meta_docs = {d.meta.doc_id for d in snapshot.documents.values() if name in d.meta.boroughs}
        chunks = sum(1 for c in snapshot.chunks if name in c.boroughs)
        out.append(BoroughOut(name=name, key=borough_key(name), chunks=chunks, documents=len(chunk_docs | meta_docs)))
    return out


@router.get("/boroughs", response_model=list[BoroughOut], responses=error_responses(503))
async def list_boroughs(assistant: AssistantDep) -> list[BoroughOut]:
    """The eight boroughs, in a stable order, each with its passage and document counts."""
    return borough_counts(assistant.snapshot)
