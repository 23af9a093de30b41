"""Approved FAQ answers, kept with the chunks they cite so a later ingest can be checked against them.

One JSON file in the data directory (`faq/approvals.json`), rewritten atomically. Each approval records the
answer text and, per citation, the chunk id, its content hash and its text at approval time: enough to say
whether a source changed and to show how.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, Field

from assistant.boroughs import borough_key
from assistant.errors import InputError, StoreCorrupt
from assistant.faq.models import FaqCitation, FaqPack
from assistant.settings import Settings
from assistant.snapshot import Snapshot

STORE_FORMAT = 1

C = TypeVar("C", bound=FaqCitation)


class ApprovedCitation(FaqCitation):
    chunk_text: str


class ApprovedAnswer(BaseModel):
    key: str
    borough: str
    label: str
    question_id: str
    question: str
    answer: str
    status: str | None
    confidence: str | None
    citations: list[ApprovedCitation]
    approved_at: datetime
    pack_built_at: datetime

    @property
    def documents(self) -> set[str]:
        return {c.document for c in self.citations}


class ApprovalFile(BaseModel):
    format: int = STORE_FORMAT
    approved: dict[str, ApprovedAnswer] = Field(default_factory=dict)


def approval_key(borough: str, question_id: str) -> str:
    """One approval per borough and question id: approving again replaces it."""
    return f"{borough_key(borough)}/{question_id}"


def approvals_path(settings: Settings) -> Path:
    return settings.data_dir / "faq" / "approvals.json"


def load_approvals(settings: Settings) -> ApprovalFile:
    """The approval store, empty if nothing has been approved yet; StoreCorrupt if it cannot be read."""
    path = approvals_path(settings)
    if not path.exists():
        return ApprovalFile()
    try:
        return ApprovalFile.model_validate_json(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise StoreCorrupt(f"FAQ approvals {path} are unreadable ({exc.__class__.__name__})") from exc


def save_approvals(settings: Settings, store: ApprovalFile) -> None:
    path = approvals_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(store.model_dump_json(indent=1), "utf-8")
    os.replace(tmp, path)


def stale_citations(citations: Sequence[C], snapshot: Snapshot) -> list[C]:
    """Citations whose chunk is gone from the catalog, or whose text no longer hashes the same."""
    stale = []
    for c in citations:
        chunk = snapshot.by_id.get(c.chunk_id)
        if chunk is None or chunk.content_hash != c.content_hash:
            stale.append(c)
    return stale


def approve_pack(
    settings: Settings, pack: FaqPack, snapshot: Snapshot, only: list[str] | None = None
) -> tuple[list[ApprovedAnswer], list[str]]:
    """Record the pack's answered items (or only the given ids); returns what was approved and what was refused.

    An item whose sources changed since the pack was built is refused: approving it would vouch for text
    nobody has read. Not-covered items have no answer to keep true and are skipped.
    """
    wanted = set(only or [])
    unknown = wanted - {item.id for item in pack.items}
    if unknown:
        raise InputError(f"no question with id {', '.join(sorted(unknown))} in this pack")
    store = load_approvals(settings)
    now = datetime.now(UTC).replace(microsecond=0)
    approved: list[ApprovedAnswer] = []
    refused: list[str] = []
    for item in pack.answered:
        if wanted and item.id not in wanted:
            continue
        if stale_citations(item.citations, snapshot):
            refused.append(f"{item.id}: its sources changed since the pack was built; rebuild the pack")
            continue
        record = ApprovedAnswer(
            key=approval_key(pack.borough, item.id),
            borough=pack.borough,
            label=pack.label,
            question_id=item.id,
            question=item.question,
            answer=item.answer,
            status=item.status,
            confidence=item.confidence,
            citations=[
                ApprovedCitation(**c.model_dump(), chunk_text=snapshot.by_id[c.chunk_id].text) for c in item.citations
            ],
            approved_at=now,
            pack_built_at=pack.built_at,
        )
        store.approved[record.key] = record
        approved.append(record)
    refused += [
        f"{item.id}: not covered by the documents, nothing to approve" for item in pack.not_covered if item.id in wanted
    ]
    if approved:
        save_approvals(settings, store)
    return approved, refused
