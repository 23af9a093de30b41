"""Blind audits of the change answers: an estimate of their noise that the pooled judgements cannot give.

The pooled judgements (evals/datasets/changes.jsonl `judged`) cover every statement the register listed, and
the extraction rules were written by people who had read them, so the noise share measured against them is a
development figure. An audit draws a random sample of the bullets the product gave to the eight "What changes
for residents in <borough>?" questions and has it judged by an assessor who sees only the criteria and the
documents, never the gold or the earlier judgements. The sample belongs to the commit whose answers it drew
from (`answers`); `weight` is how many sampled bullets the statement stood for. A later product is not
re-measured by an old audit: audits are recorded evidence, re-drawn and re-judged when the rules change.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ConfigError
from evals.change_gold import JUDGEMENTS

Z95 = 1.96


@dataclass(frozen=True)
class AuditLine:
    """One sampled statement and an assessor's judgement of it."""

    assessor: str
    answers: str  # the commit whose answers the sample was drawn from
    weight: int
    judgement: str


def default_audit_path() -> Path:
    return Path(__file__).resolve().parent / "datasets" / "changes_audit.jsonl"


def load_audit(path: Path) -> list[AuditLine]:
    """The audit's lines; a missing file is no audit. ConfigError names the line that cannot be read, as for
    the change gold (evals/change_gold.py), so `eval` stops with one line instead of a traceback."""
    if not path.is_file():
        return []
    lines = []
    for number, raw in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            line = AuditLine(data["assessor"], data["answers"], int(data["weight"]), data["judgement"])
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"change audit {path}, line {number}: {exc!r}") from exc
        if line.judgement not in JUDGEMENTS:
            raise ConfigError(f"change audit {path}, line {number}: unknown judgement {line.judgement!r}")
        lines.append(line)
    return lines


def wilson_interval(hits: int, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion: sound for small samples and shares near 0."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    denominator = 1 + Z95 * Z95 / n
    centre = (p + Z95 * Z95 / (2 * n)) / denominator
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95 * Z95 / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)
