"""What an ingest run reports: its progress while it runs, and its outcome when it ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class Progress(Protocol):
    """What the pipeline reports as it goes; the CLI draws it, tests ignore it."""

    def documents(self, total: int) -> None: ...

    def document_done(self, file: str) -> None: ...

    def chunks_embedded(self, count: int) -> None: ...


class SilentProgress:
    """Progress for runs nobody watches: tests, and callers that pass none."""

    def documents(self, total: int) -> None:
        pass

    def document_done(self, file: str) -> None:
        pass

    def chunks_embedded(self, count: int) -> None:
        pass


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    chunk_count: int = 0
    chunks_embedded: int = 0
    seconds: float = 0.0
    changed_doc_ids: list[str] = field(default_factory=list)
    set_aside: str = ""  # where a damaged store was moved by --rebuild
    changes_by_borough: dict[str, int] = field(default_factory=dict)  # register records that apply to each
    change_records: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        return (
            f"documents: {len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed, {len(self.skipped)} skipped; {self.chunk_count} chunks "
            f"({self.chunks_embedded} embedded) in {self.seconds:.1f} s"
        )
