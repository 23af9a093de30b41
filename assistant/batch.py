"""`ask --jsonl`: many questions through one loaded model, one JSON object out per line in."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.contract import AskRequest, Turn
from assistant.errors import NwlError


class BatchLine(BaseModel):
    model_config = ConfigDict(extra="ignore")

    question: str
    history: list[Turn] = Field(default_factory=list)
    boroughs: list[str] = Field(default_factory=list)


def _error_line(line_no: int, message: str) -> str:
    return json.dumps({"line": line_no, "error": message})


def answer_lines(assistant: Any, lines: Sequence[str], output: Path | None, err: Any) -> int:
    """Answer each line in order; a bad line yields an error object (and a stderr note), not a crash."""
    errors = 0
    sink: IO[str] = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for line_no, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                item = BatchLine.model_validate_json(raw)
                request = AskRequest(question=item.question, history=item.history, boroughs=item.boroughs)
                sink.write(assistant.ask(request).model_dump_json() + "\n")
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first.get("loc", ())) or "line"
                message = f"invalid input ({where}: {first.get('msg')})"
                errors += 1
                err.print(f"line {line_no}: {message}", highlight=False)
                sink.write(_error_line(line_no, message) + "\n")
            except NwlError as exc:
                errors += 1
                err.print(f"line {line_no}: {exc}", highlight=False)
                sink.write(_error_line(line_no, str(exc)) + "\n")
            sink.flush()
    finally:
        if output:
            sink.close()
    return errors
