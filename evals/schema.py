"""The gold set's schema, its fixed tune/held-out split, and reading it from JSON Lines."""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from pathlib import Path
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant.boroughs import BOROUGHS, NW_LONDON
from assistant.contract import Turn

Split = Literal["tune", "heldout"]
SPLITS: tuple[str, ...] = ("all", "tune", "heldout")

# 30% of items are held out. The salt only decorrelates the split from the id's spelling; it was
# fixed once (it gives 44 of the first 147 items) and must never change, or tuning data leaks in.
HELDOUT_SALT = "nwl-heldout:"
HELDOUT_PERCENT = 30


def default_dataset() -> Path:
    """The bundled gold set (package data, so it also exists in an installed wheel)."""
    # A path next to this module rather than importlib.resources: an editable install made before
    # evals/ had an __init__.py maps it as a namespace package, which resources cannot read.
    return Path(__file__).resolve().parent / "datasets" / "gold.jsonl"


class ItemType(StrEnum):
    borough_change = "borough_change"
    current_vs_new = "current_vs_new"
    date_timeline = "date_timeline"
    number = "number"
    listing = "list"
    multi_doc = "multi_doc"
    paraphrase = "paraphrase"
    abbreviation = "abbreviation"
    follow_up = "follow_up"
    unanswerable = "unanswerable"
    out_of_scope = "out_of_scope"
    # The topic is in the documents but the detail asked for (a count, a name, a site...) is not.
    near_miss = "near_miss"
    # A question of a near miss's shape whose detail the documents do state: it must be answered.
    near_miss_twin = "near_miss_twin"
    # A resident's everyday words ("my mum", "the nurses who come round") for what a passage answers.
    resident_wording = "resident_wording"
    # A complete question asked after a borough-specific turn: it must keep its own scope, not be rewritten.
    standalone_follow_up = "standalone_follow_up"


Outcome = Literal["answered", "partial", "not_found"]
Slot = Literal["count", "person", "place", "date", "sum", "contact", "yes_no"]

# For these the documents hold no answer: the right behaviour is to abstain. They are the population of
# the `abstention` metric, kept as it was so the gate's threshold keeps its meaning; near misses are
# measured apart (`near_miss_abstention`).
ABSTAIN_TYPES = frozenset({ItemType.unanswerable, ItemType.out_of_scope})
# The outcomes each type may expect; the first is its default.
ALLOWED_OUTCOMES: dict[ItemType, tuple[Outcome, ...]] = {
    ItemType.unanswerable: ("not_found",),
    ItemType.out_of_scope: ("not_found",),
    ItemType.near_miss: ("not_found", "partial"),
}


class Source(BaseModel):
    """A passage that answers the item: a quote copied verbatim from the raw file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str = Field(min_length=1)
    quote: str = Field(min_length=1)


class GoldItem(BaseModel):
    """One question with what a correct answer must contain and where the documents say it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    question: str = Field(min_length=1)
    type: ItemType
    borough: str | None = None
    history: list[Turn] = Field(default_factory=list)
    expected_facts: list[str] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    expected_outcome: Outcome | None = None
    expect_rewrite: bool | None = None
    slot: Slot | None = None
    notes: str = ""

    @field_validator("borough")
    @classmethod
    def _known_borough(cls, value: str | None) -> str | None:
        if value is not None and value not in (*BOROUGHS, NW_LONDON):
            raise ValueError(f"borough must be one of {', '.join(BOROUGHS)}, {NW_LONDON} or null")
        return value

    @field_validator("expected_facts")
    @classmethod
    def _facts_not_blank(cls, value: list[str]) -> list[str]:
        if any(not fact.strip() for fact in value):
            raise ValueError("expected facts must not be blank")
        return value

    @model_validator(mode="after")
    def _facts_match_outcome(self) -> Self:
        allowed = ALLOWED_OUTCOMES.get(self.type, ("answered",))
        if self.expected_outcome is not None and self.expected_outcome not in allowed:
            raise ValueError(f"a {self.type} item's expected_outcome must be {' or '.join(allowed)}")
        if self.outcome == "not_found" and (self.expected_facts or self.sources):
            raise ValueError(
                f"a {self.type} item expecting not_found must have no expected_facts and no sources "
                "(the answer is to abstain)"
            )
        if self.outcome != "not_found" and not (self.expected_facts and self.sources):
            raise ValueError(
                f"a {self.type} item expecting {self.outcome} needs at least one expected fact and one source"
                + (" (the nearby fact the documents do state)" if self.outcome == "partial" else "")
            )
        return self

    @model_validator(mode="after")
    def _rewrite_needs_history(self) -> Self:
        if self.rewrite_expected is not None and not any(t.role == "user" for t in self.history):
            raise ValueError("expect_rewrite (and the follow-up types) need a history with a user turn")
        if self.type is ItemType.standalone_follow_up and self.expect_rewrite:
            raise ValueError("a standalone_follow_up item is complete on its own: expect_rewrite must not be true")
        return self

    @property
    def outcome(self) -> Outcome:
        """The outcome a correct answer has: as given, or the type's default."""
        return self.expected_outcome or ALLOWED_OUTCOMES.get(self.type, ("answered",))[0]

    @property
    def answerable(self) -> bool:
        """Whether the documents state the detail asked for (a partial near miss is not answerable)."""
        return self.outcome == "answered"

    @property
    def rewrite_expected(self) -> bool | None:
        """Whether a correct product rewrites the question from the history; None when no claim is made."""
        if self.expect_rewrite is not None:
            return self.expect_rewrite
        return {ItemType.follow_up: True, ItemType.standalone_follow_up: False}.get(self.type)

    @property
    def source_files(self) -> list[str]:
        """Distinct gold files, in the order the sources list them."""
        return list(dict.fromkeys(s.file for s in self.sources))

    @property
    def split(self) -> Split:
        return split_of(self.id)


def split_of(item_id: str) -> Split:
    """Held-out or tuning, decided by a hash of the id alone, so it never depends on results."""
    bucket = int(hashlib.sha256((HELDOUT_SALT + item_id).encode("utf-8")).hexdigest()[:8], 16) % 100
    return "heldout" if bucket < HELDOUT_PERCENT else "tune"


def in_split(item: GoldItem, split: str) -> bool:
    return split == "all" or item.split == split


def read_dataset(path: Path) -> tuple[list[GoldItem], list[str]]:
    """Items that parse, and one message per line that does not (or repeats an id)."""
    items: list[GoldItem] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [], [f"{path}: cannot read ({exc})"]
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = GoldItem.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            problems.append(f"line {line_no}: not valid JSON ({exc.msg})")
            continue
        except ValidationError as exc:
            for error in exc.errors():
                where = ".".join(str(p) for p in error["loc"]) or "item"
                problems.append(f"line {line_no}: {where}: {error['msg']}")
            continue
        if item.id in seen:
            problems.append(f"line {line_no}: id {item.id!r} repeats line {seen[item.id]}")
            continue
        seen[item.id] = line_no
        items.append(item)
    if not items and not problems:
        problems.append(f"{path}: no items")
    return items, problems
