"""Read source files of each supported format into raw text, and the manifest into metadata."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.boroughs import NW_LONDON, detect
from assistant.errors import DocumentError, InputError
from assistant.records import DocumentMeta
from ingest.metadata import infer
from ingest.pdf import read_pdf

MANIFEST_NAMES = ("manifest.yaml", "manifest.yml")


@dataclass(frozen=True)
class RawDocument:
    path: Path
    text: str
    raw_hash: str
    structured: bool = False  # headings and paragraphs marked by a layout-reading loader (see clean())


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(path.name, f"not UTF-8 text (byte {exc.start}); re-save it as UTF-8") from exc


def _read_html(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_read_text(path), "html.parser")
    for tag in soup(["script", "style", "nav", "footer", "noscript"]):
        tag.decompose()
    for level in range(1, 7):
        for heading in soup.find_all(f"h{level}"):
            heading.insert_before("\n\n" + "#" * level + " ")
            heading.insert_after("\n\n")
    for item in soup.find_all("li"):
        item.insert_before("\n- ")
    for block in soup.find_all(["p", "div", "tr", "br", "table", "ul", "ol"]):
        block.insert_after("\n\n" if block.name in {"p", "table", "ul", "ol"} else "\n")
    for cell in soup.find_all(["td", "th"]):
        cell.insert_after("\t")
    return soup.get_text()


def _read_docx(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, ValueError, KeyError, OSError) as exc:
        raise DocumentError(path.name, "unreadable Word document") from exc
    lines: list[str] = []
    for para in document.paragraphs:
        style = (para.style.name if para.style is not None else "") or ""
        text = para.text.strip()
        if not text:
            lines.append("")
        elif style.startswith("Heading") and style[-1:].isdigit():
            lines += ["", "#" * int(style[-1]) + " " + text, ""]
        elif "List" in style:
            lines.append("- " + text)
        else:
            lines += [text, ""]
    for table in document.tables:
        lines.append("")
        for row in table.rows:
            lines.append("\t".join(cell.text.strip().replace("\n", " ") for cell in row.cells))
        lines.append("")
    return "\n".join(lines)


READERS: dict[str, Callable[[Path], str]] = {
    ".txt": _read_text,
    ".md": _read_text,
    ".markdown": _read_text,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": read_pdf,
    ".docx": _read_docx,
}


# Loaders that read layout and write headings, paragraphs and page marks explicitly.
STRUCTURED = frozenset({".pdf"})


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def load_raw(path: Path) -> RawDocument:
    """Read one file; raise DocumentError naming the file when it cannot be used."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise DocumentError(path.name, f"unsupported file type {path.suffix or '(none)'!r}")
    try:
        if path.stat().st_size == 0:
            raise DocumentError(path.name, "empty file")
    except OSError as exc:
        raise DocumentError(path.name, f"cannot read ({exc.strerror})") from exc
    text = reader(path)
    if not text.strip():
        raise DocumentError(path.name, "no text could be extracted")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return RawDocument(path=path, text=text, raw_hash=digest, structured=path.suffix.lower() in STRUCTURED)


def load_manifest(folder: Path) -> dict[str, DocumentMeta]:
    """Metadata per file name from the folder's manifest, or {} when the folder has none."""
    for name in MANIFEST_NAMES:
        path = folder / name
        if path.exists():
            break
    else:
        return {}
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        entries = data.get("documents", [])
        metas = {}
        for entry in entries:
            metas[entry["file"]] = DocumentMeta(
                doc_id=str(entry["id"]),
                file=str(entry["file"]),
                title=str(entry["title"]),
                publisher=str(entry.get("publisher", "")),
                date=str(entry.get("date", "undated")),
                date_sort=str(entry.get("date_sort", "")),
                doc_type=str(entry.get("type", "document")),
                boroughs=tuple(entry.get("boroughs", [NW_LONDON])),
                status=str(entry.get("status", "")),
                notes=str(entry.get("notes", "")),
                short_title=str(entry.get("short_title", "")),
            )
        return metas
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"{path.name}: malformed manifest ({exc.__class__.__name__}: {exc})") from exc


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "document"


def default_meta(path: Path, text: str) -> DocumentMeta:
    """Metadata for a file the manifest does not describe: what its top says, marked as inferred."""
    scope = detect(text[:5000])
    boroughs = scope.boroughs if len(scope.boroughs) == 1 else (NW_LONDON,)
    found = infer(text)
    inferred = [name for name in ("title", "date", "publisher") if getattr(found, name)]
    return DocumentMeta(
        doc_id=_slug(path.stem),
        file=path.name,
        title=found.title or path.stem.replace("_", " ").replace("-", " "),
        publisher=found.publisher,
        date=found.date or "undated",
        date_sort=found.date_sort,
        doc_type="document",
        boroughs=tuple(boroughs),
        inferred=tuple(inferred),
    )
