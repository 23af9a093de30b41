"""Which questions a pack asks: the default set kept as data, or the team's own file."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import InputError
from assistant.faq.models import FaqQuestion, borough_label

_PLACEHOLDER = "{borough}"


def slug(text: str) -> str:
    """A stable id from a question's words, for questions given without one."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:8]) or "question"


def _fill(text: str, borough: str) -> str:
    return text.replace(_PLACEHOLDER, borough_label(borough)).strip()


def _from_entries(entries: list[Any], borough: str, where: str) -> list[FaqQuestion]:
    questions: list[FaqQuestion] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries, start=1):
        if isinstance(entry, str):
            entry = {"question": entry}
        if not isinstance(entry, dict) or not str(entry.get("question") or "").strip():
            raise InputError(f"{where}: question {i} has no text")
        text = _fill(str(entry["question"]), borough)
        qid = str(entry.get("id") or slug(text))
        if qid in seen:
            raise InputError(f"{where}: question id {qid!r} is used twice")
        seen.add(qid)
        questions.append(FaqQuestion(id=qid, question=text, topic=str(entry.get("topic") or "")))
    if not questions:
        raise InputError(f"{where}: no questions")
    return questions


def default_questions(borough: str) -> list[FaqQuestion]:
    """The common questions for any pack plus the extras kept for this borough."""
    data = yaml.safe_load(resources.files("assistant.faq").joinpath("questions.yaml").read_text("utf-8"))
    extras = (data.get("boroughs") or {}).get(borough) or []
    return _from_entries([*data["common"], *extras], borough, "questions.yaml")


def load_questions(path: Path, borough: str) -> list[FaqQuestion]:
    """The team's questions: YAML (a list, or `questions:`/`common:` lists) or plain text, one per line.

    Text files skip blank lines and lines starting with '#'. `{borough}` is filled in either way.
    """
    try:
        raw = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read questions file {path}: {exc}") from exc
    if path.suffix.lower() in {".yaml", ".yml"}:
        try:
            data = yaml.safe_load(raw)
        except yaml.YAMLError as exc:
            raise InputError(f"{path} is not valid YAML: {exc}") from exc
        if isinstance(data, dict):
            entries = [*(data.get("questions") or data.get("common") or [])]
            entries += (data.get("boroughs") or {}).get(borough) or []
        elif isinstance(data, list):
            entries = data
        else:
            raise InputError(f"{path}: expected a list of questions")
        return _from_entries(entries, borough, str(path))
    lines = [line.strip() for line in raw.splitlines()]
    return _from_entries([line for line in lines if line and not line.startswith("#")], borough, str(path))
