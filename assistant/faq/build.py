"""Build a pack: each question through the same grounded composer as `ask`, hard-filtered to the borough."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.boroughs import BOROUGHS, NW_LONDON, canonical
from assistant.contract import AskRequest, AskResponse
from assistant.errors import InputError, StoreCorrupt
from assistant.faq.confidence import assess, meaning_similarity
from assistant.faq.models import DocumentRef, FaqCitation, FaqItem, FaqPack, FaqQuestion, borough_label, pack_slug
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.service import Assistant

ALL_AREAS: tuple[str, ...] = (*BOROUGHS, NW_LONDON)


def pack_borough(name: str) -> str:
    """Canonical borough for a pack, or 'nw_london' for the NW London-wide one; InputError if unknown."""
    try:
        return canonical(name)
    except ValueError as exc:
        raise InputError(str(exc)) from exc


def packs_dir(settings: Settings) -> Path:
    return settings.data_dir / "faq" / "packs"


def _item(assistant: Assistant, question: FaqQuestion, borough: str, response: AskResponse) -> FaqItem:
    if response.abstained or not response.citations:
        return FaqItem(
            id=question.id,
            question=question.question,
            topic=question.topic,
            covered=False,
            answer=response.answer,
            outcome="not_found" if response.outcome == "answered" else response.outcome,
        )
    citations = []
    contexts = []
    for c in response.citations:
        chunk = assistant.snapshot.by_id[c.chunk_id]
        contexts.append(chunk.context)
        citations.append(
            FaqCitation(
                **c.model_dump(),
                source_label=assistant.snapshot.documents[c.document].meta.label,
                content_hash=chunk.content_hash,
                heading_path=list(chunk.heading_path),
                chunk_boroughs=list(chunk.boroughs),
            )
        )
    meaning = meaning_similarity(assistant.embedder, question.question, [c.quote for c in citations])
    confidence, reasons = assess(question.question, borough, citations, response.status, contexts, meaning)
    return FaqItem(
        id=question.id,
        question=question.question,
        topic=question.topic,
        covered=True,
        answer=response.answer,
        outcome=response.outcome,
        status=response.status,
        confidence=confidence,
        confidence_reasons=reasons,
        similarity=meaning,
        citations=citations,
    )


def ask_item(assistant: Assistant, question: FaqQuestion, borough: str) -> FaqItem:
    """One question answered from the documents, scoped to the borough (no filter for NW London-wide)."""
    boroughs = [] if borough == NW_LONDON else [borough]
    response = assistant.ask(AskRequest(question=question.question, boroughs=boroughs))
    return _item(assistant, question, borough, response)


def build_pack(
    assistant: Assistant,
    borough: str,
    questions: Sequence[FaqQuestion],
    source: str = "default",
    on_item: Callable[[FaqItem], None] | None = None,
) -> FaqPack:
    """Answer every question for one borough; `on_item` is called after each (for a progress bar)."""
    items = []
    for question in questions:
        item = ask_item(assistant, question, borough)
        items.append(item)
        if on_item is not None:
            on_item(item)
    cited = {c.document for item in items for c in item.citations}
    documents = [
        DocumentRef(
            document=doc.meta.doc_id,
            file=doc.meta.file,
            title=doc.meta.title,
            short_title=doc.meta.short_title,
            publisher=doc.meta.publisher,
            date=doc.meta.date,
        )
        for doc in sorted(assistant.snapshot.documents.values(), key=lambda d: d.meta.date_sort, reverse=True)
        if doc.meta.doc_id in cited
    ]
    return FaqPack(
        borough=borough,
        label=borough_label(borough),
        built_at=datetime.now(UTC).replace(microsecond=0),
        question_source=source,
        items=items,
        documents=documents,
    )


def _atomic_write(path: Path, data: bytes) -> None:
    """Readers (a person opening the file, the API) never see half a pack."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from exc


def save_latest(settings: Settings, pack: FaqPack) -> Path:
    """Keep the newest pack per borough in the data directory, for `latest_pack` (and the API)."""
    path = packs_dir(settings) / f"{pack.slug}.json"
    _atomic_write(path, pack.model_dump_json(indent=1).encode("utf-8"))
    return path


def read_pack(path: Path) -> FaqPack:
    """A pack JSON written by `faq build`; InputError with the reason if it is not one."""
    try:
        return FaqPack.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot read pack {path}: {exc.strerror}") from exc
    except ValueError as exc:
        raise InputError(f"{path} is not an FAQ pack written by `faq build` ({exc.__class__.__name__})") from exc


def latest_pack(settings: Settings, borough: str) -> FaqPack | None:
    """The newest pack built for a borough (name or alias), or None if none has been built."""
    path = packs_dir(settings) / f"{pack_slug(pack_borough(borough))}.json"
    if not path.exists():
        return None
    try:
        return read_pack(path)
    except InputError as exc:
        raise StoreCorrupt(f"{exc}; rebuild it with `nwl-assistant faq build`") from exc


def write_outputs(pack: FaqPack, out_dir: Path, formats: Sequence[str]) -> list[Path]:
    """The pack JSON (always: `faq approve` reads it) plus each requested format, named after the borough."""
    from assistant.faq.render import render

    paths = []
    for fmt in ("json", *[f for f in formats if f != "json"]):
        path = out_dir / f"{pack.slug}.{fmt}"
        _atomic_write(path, render(pack, fmt))
        paths.append(path)
    return paths
