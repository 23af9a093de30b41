"""Thumbs up/down on answers, kept durably in SQLite in the data directory and exported as CSV.

One row per answer: a later vote or reason for the same answer id replaces the earlier one, so a
person who clicks thumbs-down and then types a reason (or changes their mind) is counted once.
Personal data (NHS numbers, emails, phone numbers, postcodes, dates of birth) is redacted before a row
is written, so the file and its export only ever hold labels such as "[NHS number]".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from api.schemas import FeedbackIn, FeedbackOut
from assistant.excel_csv import excel_csv
from assistant.redact import redact_text

FEEDBACK_FILE = "feedback.sqlite3"
EXPORT_COLUMNS = ("id", "created_at", "updated_at", "answer_id", "rating", "reason", "question", "answer")
FREE_TEXT = frozenset({"reason", "question", "answer"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    answer_id TEXT NOT NULL UNIQUE,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    reason TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT ''
);
"""


class FeedbackStore:
    """One short-lived connection per call, so it is safe from any worker thread."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> FeedbackStore:
        return cls(data_dir / FEEDBACK_FILE)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path, timeout=10)) as conn:
            # WAL lets an export read while the server writes; FULL sync makes an acknowledged vote survive power loss.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.executescript(_SCHEMA)
            with conn:
                yield conn

    def add(self, item: FeedbackIn) -> FeedbackOut:
        """Store (or replace) the vote for an answer, personal data redacted; on disk before this returns."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        reason, question, answer = (redact_text(text) for text in (item.reason.strip(), item.question, item.answer))
        with self._connect() as conn:
            row = conn.execute(
                "INSERT INTO feedback (created_at, updated_at, answer_id, rating, reason, question, answer) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (answer_id) DO UPDATE SET updated_at = excluded.updated_at, rating = excluded.rating, "
                "reason = excluded.reason, question = coalesce(nullif(excluded.question, ''), question), "
                "answer = coalesce(nullif(excluded.answer, ''), answer) "
                "RETURNING id, created_at, updated_at",
                (now, now, item.answer_id, item.rating, reason, question, answer),
            ).fetchone()
        return FeedbackOut(
            id=int(row[0]), answer_id=item.answer_id, rating=item.rating, created_at=row[1], updated_at=row[2]
        )

    def rows(self) -> list[tuple[object, ...]]:
        if not self.path.exists():
            return []
        with self._connect() as conn:
            return list(conn.execute(f"SELECT {', '.join(EXPORT_COLUMNS)} FROM feedback ORDER BY id"))

    def export_csv(self) -> tuple[bytes, int]:
        """Every vote as an Excel-safe CSV file with a header row, and the number of votes in it."""
        rows = self.rows()
        # Free text is redacted again on the way out: rows stored before redaction existed hold it raw.
        cells = [
            [
                redact_text(v) if name in FREE_TEXT and isinstance(v, str) else v
                for name, v in zip(EXPORT_COLUMNS, row, strict=True)
            ]
            for row in rows
        ]
        return excel_csv(EXPORT_COLUMNS, cells), len(rows)
