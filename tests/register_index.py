"""A copy of an ingested catalog for tests of what reads the change register, so they can change it freely.

Ingest extracts the register, so the copy holds the records ingest made; a catalog without any fails loudly
rather than letting register tests pass on an empty register.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.settings import Settings
from assistant.snapshot import load_snapshot


def with_register(settings: Settings, dest: Path) -> Settings:
    """Settings for a copy of `settings`' data dir (at `dest`), whose published catalog holds change records."""
    shutil.copytree(settings.data_dir, dest, ignore=shutil.ignore_patterns("*.lock"))
    snapshot = load_snapshot(dest)
    assert snapshot is not None and snapshot.changes, "the ingested catalog holds no change records"
    return settings.model_copy(update={"data_dir": dest})
