"""The per-client rate limit, counted by `limits` in a storage that several server processes can share.

NWL_RATE_LIMIT_STORAGE picks where the counters live:

- `memory://` (the default with one process): in the process. With several workers each keeps its own
  counters, so a client may get up to N times the limit — the limit is then *per process*.
- `sqlite:///PATH` (the default for `serve --workers N`, in the data dir): one file shared by every worker on
  this host, so the limit holds for the whole server. Registered here; `limits` has no file-backed storage.
- `memcached://HOST:PORT`, `redis://HOST:PORT`: shared across hosts too (needs `pymemcache` / `redis`).

Two fixed windows approximate the former token bucket: the minute's allowance, and at most a fifth of
it in any 12 seconds, so a person can ask follow-ups quickly but a script cannot spend the minute at once.
"""

from __future__ import annotations

import math
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from limits import RateLimitItem, RateLimitItemPerMinute, RateLimitItemPerSecond
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

BURST_WINDOW_S = 12


class SqliteStorage(Storage):
    """Fixed-window counters in one SQLite file, safe across processes (each increment is one transaction)."""

    STORAGE_SCHEME = ["sqlite"]  # noqa: RUF012 (limits reads and registers this class attribute)

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: float | str | bool) -> None:
        super().__init__(uri, wrap_exceptions, **options)
        self.path = Path((uri or "").split("://", 1)[1])
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._db() as db:
            db.execute("CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, value INTEGER, expires REAL)")

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            self._local.db = db
        return db

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        db = self._db()
        now = time.time()
        db.execute("BEGIN IMMEDIATE")
        try:
            row = db.execute("SELECT value, expires FROM counters WHERE key = ?", (key,)).fetchone()
            value = amount if row is None or row[1] <= now else row[0] + amount
            expires = now + expiry if row is None or row[1] <= now else row[1]
            db.execute("INSERT OR REPLACE INTO counters VALUES (?, ?, ?)", (key, value, expires))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return int(value)

    def get(self, key: str) -> int:
        row = self._db().execute("SELECT value FROM counters WHERE key = ? AND expires > ?", (key, time.time()))
        found = row.fetchone()
        return int(found[0]) if found else 0

    def get_expiry(self, key: str) -> float:
        row = self._db().execute("SELECT expires FROM counters WHERE key = ?", (key,)).fetchone()
        return float(row[0]) if row and row[0] > time.time() else time.time()

    def check(self) -> bool:
        try:
            self._db().execute("SELECT 1")
            return True
        except sqlite3.Error:
            return False

    def reset(self) -> int | None:
        return int(self._db().execute("DELETE FROM counters").rowcount)

    def clear(self, key: str) -> None:
        self._db().execute("DELETE FROM counters WHERE key = ?", (key,))


class RateLimiter:
    """`per_minute` requests a minute per client, at most `burst` (default a fifth) in any 12 s window."""

    def __init__(self, per_minute: int, storage: str = "memory://", burst: int | None = None) -> None:
        self.storage: Any = storage_from_string(storage)
        self.shared = not storage.startswith("memory://")
        self._limiter = FixedWindowRateLimiter(self.storage)
        burst = burst if burst is not None else max(1, math.ceil(per_minute / 5))
        self._items: list[RateLimitItem] = [
            RateLimitItemPerMinute(per_minute),
            RateLimitItemPerSecond(burst, BURST_WINDOW_S),
        ]

    def take(self, client: str) -> float:
        """Count one request; 0.0 when allowed, otherwise the seconds until the client may ask again."""
        for item in self._items:
            if not self._limiter.test(item, client):
                reset = self._limiter.get_window_stats(item, client).reset_time
                return max(0.1, reset - time.time())
        for item in self._items:
            self._limiter.hit(item, client)
        return 0.0
