"""The FAQ pack record: what `faq build` writes as JSON and every renderer, approval and API route reads.

A pack is self-contained: each answer keeps the ids and content hashes of the chunks it cites, so it
can be approved and later checked against a newer catalog without the catalog it was built from.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.boroughs import NW_LONDON, borough_key
from assistant.contract import CitationOut
from assistant.records import Outcome

PACK_FORMAT = 1
NW_LONDON_LABEL = "North West London"

Confidence = Literal["high", "medium", "low"]


def borough_label(borough: str) -> str:
    """The name printed on a pack: the borough itself, or 'North West London' for the NW London-wide pack."""
    return NW_LONDON_LABEL if borough == NW_LONDON else borough


def pack_slug(borough: str) -> str:
    """File-name stem for a borough's pack, e.g. 'faq-hammersmith-and-fulham'."""
    return "faq-" + borough_key(borough_label(borough)).replace("_", "-")


class FaqQuestion(BaseModel):
    """One question to put to the documents; `id` is what approvals are keyed on, so keep it stable."""

    model_config = ConfigDict(frozen=True)

    id: str
    question: str
    topic: str = ""


class FaqCitation(CitationOut):
    """A numbered, verbatim source of one answer, plus what is needed to notice when it changes."""

    source_label: str = ""
    content_hash: str
    heading_path: list[str] = Field(default_factory=list)
    chunk_boroughs: list[str] = Field(default_factory=list)


class FaqItem(BaseModel):
    """A question and either a cited answer or the plain fact that the documents do not cover it."""

    id: str
    question: str
    topic: str = ""
    covered: bool
    answer: str
    # As in the answer contract: "partial" when the documents say something close but not what was asked.
    outcome: Outcome = "answered"
    status: str | None = None
    confidence: Confidence | None = None
    confidence_reasons: list[str] = Field(default_factory=list)
    similarity: float | None = None
    citations: list[FaqCitation] = Field(default_factory=list)


class DocumentRef(BaseModel):
    """A document at least one answer in the pack cites."""

    document: str
    file: str
    title: str
    short_title: str = ""
    publisher: str
    date: str

    def describe(self) -> str:
        """'Short title: full title. Publisher, date (file)' for a pack's list of documents."""
        lead = (
            f"{self.short_title}: {self.title}" if self.short_title and self.short_title != self.title else self.title
        )
        return f"{lead}. {self.publisher}, {self.date} ({self.file})"


class FaqPack(BaseModel):
    """One borough's (or NW London's) questions and answers, as built at `built_at`."""

    format: int = PACK_FORMAT
    borough: str
    label: str
    built_at: datetime
    question_source: str = "default"
    items: list[FaqItem]
    documents: list[DocumentRef] = Field(default_factory=list)

    @property
    def answered(self) -> list[FaqItem]:
        return [item for item in self.items if item.covered]

    @property
    def not_covered(self) -> list[FaqItem]:
        return [item for item in self.items if not item.covered]

    @property
    def low_confidence(self) -> list[FaqItem]:
        return [item for item in self.answered if item.confidence == "low"]

    @property
    def slug(self) -> str:
        return pack_slug(self.borough)

    def summary(self) -> str:
        """The one line `faq build` prints: answered / not covered / low confidence."""
        return (
            f"{self.label}: {len(self.items)} questions, {len(self.answered)} answered "
            f"({len(self.low_confidence)} low confidence), {len(self.not_covered)} not covered by the documents"
        )


CONFIDENCE_HELP = (
    "Confidence is worked out from the evidence, not guessed. High: two or more citations, mostly from passages "
    "about this area, that use the question's words, are close to it in meaning and say whether the change is "
    "proposed, decided or in place. Low: the sources barely match the question in words or meaning, the question "
    "names another place, or three of those tests fail. Medium: anything in between. The reasons are given "
    "after each answer; read low-confidence answers against their sources before use."
)
