"""The change-register gold (`datasets/changes.jsonl`, described in `datasets/changes.README.md`), as typed records.

One line per borough plus one for NW London: a borough's complete answer holds its own changes and every
NW London-wide one. Each line also lists what must never be presented as a change (`not_changes`), what
is neither required nor noise (`borderline`) and the "No change" rows (`stays_same`). `judged` holds pooled
assessments (as in TREC) of statements a system listed that the gold did not mention: a change (for
residents or the organisation) or a borderline one is tolerated, a judged not-change is noise.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError

NW_LONDON = "NW London"
PALLIATIVE_TOPIC = "palliative care"
TOPIC_KIND = "topic"  # a paraphrase asking for the changes in one or two topics


def default_changes_dataset() -> Path:
    """The bundled change gold, next to the question gold (see schema.default_dataset for why not resources)."""
    return Path(__file__).resolve().parent / "datasets" / "changes.jsonl"


@dataclass(frozen=True)
class GoldRef:
    """A verbatim quote of a raw corpus file."""

    file: str
    quote: str


@dataclass(frozen=True)
class GoldChange:
    """One change a complete answer must contain; `refs` is its own quote first, then its `also_in` quotes."""

    id: str
    borough: str  # the gold line it belongs to: a canonical borough or NW London
    scope: str
    topic: str
    era: str
    refs: tuple[GoldRef, ...]
    repeated: bool = False  # the same words occur elsewhere in the file: match on borough as well


JUDGEMENTS = ("resident_change", "organisation_change", "borderline", "not_change")


@dataclass(frozen=True)
class JudgedRef:
    """A pooled assessment of a statement the gold's author did not list."""

    file: str
    quote: str
    judgement: str  # one of JUDGEMENTS

    @property
    def ref(self) -> GoldRef:
        return GoldRef(self.file, self.quote)


@dataclass(frozen=True)
class Paraphrase:
    """The borough's question as someone else words it: "changes" (the borough's whole answer),
    "palliative" (the palliative-care question) or "topic" (the borough's changes in `topics`, the gold's own
    topic labels: "Is anything being done about A&E waits in Brent?"); `split` "tune" was seen while building,
    "heldout" never."""

    question: str
    kind: str
    split: str
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldLine:
    """The gold of one borough (or of NW London as a whole)."""

    id: str
    borough: str
    question: str
    changes: tuple[GoldChange, ...]
    stays_same: tuple[GoldRef, ...] = ()
    not_changes: tuple[GoldRef, ...] = ()
    borderline: tuple[GoldRef, ...] = ()
    judged: tuple[JudgedRef, ...] = ()
    paraphrases: tuple[Paraphrase, ...] = ()


@dataclass(frozen=True)
class ChangeGold:
    """Every line of the gold, with what a borough's answer is measured against."""

    lines: dict[str, GoldLine] = field(default_factory=dict)

    @property
    def boroughs(self) -> list[str]:
        """The boroughs with a line of their own, in file order."""
        return [b for b in self.lines if b != NW_LONDON]

    def _with_nw_london(self, borough: str) -> list[GoldLine]:
        return [line for name in (borough, NW_LONDON) if (line := self.lines.get(name)) is not None]

    def required(self, borough: str) -> list[GoldChange]:
        """The borough's own changes, then the NW London-wide ones."""
        return [c for line in self._with_nw_london(borough) for c in line.changes]

    def tolerated(self, borough: str) -> list[GoldRef]:
        """Lines that are neither required nor noise in the borough's answer: stays-the-same, borderline, and
        statements judged a change (or borderline) that the gold does not require."""
        return [
            r
            for line in self._with_nw_london(borough)
            for r in (*line.stays_same, *line.borderline, *(j.ref for j in line.judged if j.judgement != "not_change"))
        ]

    def judged_as(self, borough: str, judgement: str) -> list[GoldRef]:
        """Statements of the borough's (and NW London's) lines given one judgement."""
        return [j.ref for line in self._with_nw_london(borough) for j in line.judged if j.judgement == judgement]

    def not_changes(self, borough: str) -> list[GoldRef]:
        """Lines a naive system returns that must never be listed as changes."""
        return [r for line in self._with_nw_london(borough) for r in line.not_changes]

    def all_refs(self) -> list[GoldRef]:
        """Every quote of the gold: changes (with their also_in), stays-the-same, not-changes and borderline."""
        return [
            r
            for line in self.lines.values()
            for r in (
                *(r for c in line.changes for r in c.refs),
                *line.stays_same,
                *line.not_changes,
                *line.borderline,
                *(j.ref for j in line.judged),
            )
        ]

    def all_not_changes(self) -> list[GoldRef]:
        return [r for line in self.lines.values() for r in line.not_changes]

    def nw_london_topic(self, topic: str) -> list[GoldChange]:
        """The current NW London-wide changes of one topic (e.g. the palliative-care model every borough gets)."""
        line = self.lines.get(NW_LONDON)
        changes: Sequence[GoldChange] = line.changes if line else ()
        return [c for c in changes if c.topic == topic and c.era == "current"]


def _refs(data: Sequence[dict[str, Any]]) -> tuple[GoldRef, ...]:
    return tuple(GoldRef(r["file"], r["quote"]) for r in data)


def _change(borough: str, data: dict[str, Any]) -> GoldChange:
    refs = (GoldRef(data["file"], data["quote"]), *_refs(data.get("also_in", [])))
    return GoldChange(
        id=data["id"],
        borough=borough,
        scope=data["scope"],
        topic=data["topic"],
        era=data["era"],
        refs=refs,
        repeated=bool(data.get("repeated_text")),
    )


def parse_line(data: dict[str, Any]) -> GoldLine:
    """One JSON line of the gold; KeyError when a required key is missing."""
    borough = data["borough"]
    return GoldLine(
        id=data["id"],
        borough=borough,
        question=data["question"],
        changes=tuple(_change(borough, c) for c in data["changes"]),
        stays_same=_refs(data.get("stays_same", [])),
        not_changes=_refs(data.get("not_changes", [])),
        borderline=_refs(data.get("borderline", [])),
        judged=tuple(JudgedRef(j["file"], j["quote"], j["judgement"]) for j in data.get("judged", [])),
        paraphrases=tuple(
            Paraphrase(q["question"], q["kind"], q["split"], tuple(q.get("topics", ())))
            for q in data.get("paraphrases", [])
        ),
    )


def load_change_gold(path: Path) -> ChangeGold:
    """Read the gold; ConfigError names the file and line that cannot be read."""
    lines: dict[str, GoldLine] = {}
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"change gold {path}: {exc.strerror}") from exc
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = parse_line(json.loads(raw))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ConfigError(f"change gold {path}, line {number}: {exc!r}") from exc
        lines[line.borough] = line
    if not lines:
        raise ConfigError(f"change gold {path}: no lines")
    # A topic question is scored on the gold's changes of its topics: a label no change carries would score nothing.
    labels = {c.topic for line in lines.values() for c in line.changes}
    for line in lines.values():
        for p in line.paraphrases:
            if p.kind == TOPIC_KIND and (not p.topics or set(p.topics) - labels):
                raise ConfigError(
                    f"change gold {path}: topic question {p.question[:60]!r} needs topics among {sorted(labels)}"
                )
    return ChangeGold(lines)
