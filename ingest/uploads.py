"""Documents added through the admin API: kept in the data dir beside the bundled corpus, surviving restarts.

`DATA_DIR/uploads/` holds the uploaded files and a `manifest.yaml` in the corpus manifest's format, plus a
`removed:` list of corpus files an administrator took out. Every ingest (CLI or server) reads the corpus
folder and then this one: an upload with a corpus file's name replaces that file, its manifest entry
replaces the corpus entry, and a removed file is left out.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.boroughs import NW_LONDON
from assistant.errors import DocumentError, InputError
from ingest.loaders import MANIFEST_NAMES, READERS, load_raw

UPLOADS_DIR = "uploads"
STAGING_DIR = ".staging"


@dataclass
class UploadMeta:
    """Manifest fields an administrator may give with a file; blanks fall back to what the file says."""

    title: str = ""
    publisher: str = ""
    date: str = ""
    status: str = ""
    boroughs: list[str] = field(default_factory=list)


def safe_file_name(name: str) -> str:
    """The file's base name with anything but letters, digits, dot, dash and underscore replaced."""
    base = Path(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip(".-") or "document"
    return cleaned[:120]


def doc_id_for(file_name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", Path(file_name).stem.lower()).strip("-") or "document"


def check_upload(path: Path, max_bytes: int) -> None:
    """Raise DocumentError (named after the file) unless it is a non-empty, readable, supported document."""
    if path.suffix.lower() not in READERS:
        kinds = ", ".join(sorted(READERS))
        raise DocumentError(path.name, f"unsupported file type {path.suffix or '(none)'!r}; use one of {kinds}")
    size = path.stat().st_size
    if size == 0:
        raise DocumentError(path.name, "empty file")
    if size > max_bytes:
        raise DocumentError(path.name, f"larger than {max_bytes // (1024 * 1024)} MB")
    load_raw(path)  # raises for unreadable PDF/Word files, non-UTF-8 text, no extractable text


class Uploads:
    """The uploads folder and its manifest; only the server's one job worker (under the ingest lock) writes it."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / UPLOADS_DIR
        self.manifest_path = self.folder / MANIFEST_NAMES[0]

    def _read(self) -> dict[str, Any]:
        try:
            data = yaml.safe_load(self.manifest_path.read_text("utf-8")) or {}
        except FileNotFoundError:
            return {"documents": [], "removed": []}
        except (OSError, yaml.YAMLError) as exc:
            raise InputError(f"{self.manifest_path} is unreadable ({exc.__class__.__name__})") from exc
        return {"documents": list(data.get("documents") or []), "removed": list(data.get("removed") or [])}

    def _write(self, data: dict[str, Any]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / ".manifest.yaml.tmp"
        tmp.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
        os.replace(tmp, self.manifest_path)

    def removed(self) -> set[str]:
        return {str(f) for f in self._read()["removed"]}

    def staging(self) -> Path:
        folder = self.folder / STAGING_DIR
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def add(self, staged: Path, file_name: str, doc_id: str, meta: UploadMeta, title_fallback: str) -> None:
        """Move a checked file into place with its manifest entry (replacing any entry for the same file)."""
        data = self._read()
        entry: dict[str, Any] = {
            "file": file_name,
            "id": doc_id,
            "title": meta.title or title_fallback,
            "publisher": meta.publisher,
            "date": meta.date or "undated",
            "type": "document",
            "status": meta.status,
            "boroughs": meta.boroughs or [NW_LONDON],
        }
        data["documents"] = [d for d in data["documents"] if d.get("file") != file_name] + [entry]
        data["removed"] = [f for f in data["removed"] if f != file_name]
        self.folder.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staged), self.folder / file_name)
        self._write(data)

    def remove(self, file_name: str, bundled: bool) -> None:
        """Take a document out: delete an uploaded file; a bundled one is listed as removed."""
        data = self._read()
        data["documents"] = [d for d in data["documents"] if d.get("file") != file_name]
        if bundled and file_name not in data["removed"]:
            data["removed"].append(file_name)
        (self.folder / file_name).unlink(missing_ok=True)
        self._write(data)

    def snapshot_state(self) -> tuple[bytes | None, dict[str, bytes]]:
        """The manifest and files as they are, to put back if an ingest of a change fails."""
        manifest = self.manifest_path.read_bytes() if self.manifest_path.exists() else None
        files = {p.name: p.read_bytes() for p in self.folder.glob("*") if p.is_file() and p.name not in MANIFEST_NAMES}
        return manifest, files

    def restore(self, state: tuple[bytes | None, dict[str, bytes]]) -> None:
        manifest, files = state
        for path in self.folder.glob("*"):
            if path.is_file() and path.name not in files and path.name not in MANIFEST_NAMES:
                path.unlink()
        for name, content in files.items():
            (self.folder / name).write_bytes(content)
        if manifest is None:
            self.manifest_path.unlink(missing_ok=True)
        else:
            self.manifest_path.write_bytes(manifest)
