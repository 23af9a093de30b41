"""Keep approved answers true: after an ingest, re-ask each approved question and compare.

Per answer the verdict is "unchanged", "sources changed" (a cited chunk's text changed or it was removed:
someone must re-read it, whatever the new answer says) or "answer changed" (same sources, different answer,
e.g. a new document now answers better). `stale_warning` is the cheap, model-free version for `ingest`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from assistant.errors import NwlError
from assistant.faq.approvals import ApprovedAnswer, ApprovedCitation, load_approvals, stale_citations
from assistant.faq.build import ask_item
from assistant.faq.models import FaqQuestion
from assistant.settings import Settings
from assistant.snapshot import Snapshot, load_snapshot

if TYPE_CHECKING:
    from assistant.service import Assistant

Verdict = Literal["unchanged", "sources changed", "answer changed"]
_SUCCESSOR_SIMILARITY = 0.5  # below this the nearest passage under the same heading is a different passage


@dataclass
class SourceChange:
    n: int
    title: str
    quote: str
    change: Literal["quote changed", "passage changed", "removed"]
    diff: str = ""


@dataclass
class CheckResult:
    approved: ApprovedAnswer
    verdict: Verdict
    sources: list[SourceChange] = field(default_factory=list)
    answer_diff: str = ""
    new_answer: str = ""

    @property
    def needs_review(self) -> bool:
        return self.verdict != "unchanged"


def word_diff(old: str, new: str, context: int = 6) -> str:
    """Changed words as [-old-]{+new+}, with a few words of context either side (prose diffs badly by line)."""
    a, b = old.split(), new.split()
    opcodes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    parts: list[str] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = a[i1:i2]
            first, last = k == 0, k == len(opcodes) - 1
            if first and len(words) > context:
                words = ["…", *words[-context:]]
            elif last and len(words) > context:
                words = [*words[:context], "…"]
            elif len(words) > 2 * context:
                words = [*words[:context], "…", *words[-context:]]
            parts.extend(words)
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(parts)


def answer_diff(old: str, new: str) -> str:
    """A unified diff of the approved answer against today's, one bullet per line."""
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), "approved", "now", lineterm="", n=1)
    return "\n".join(lines)


def _successor(citation: ApprovedCitation, snapshot: Snapshot) -> str | None:
    """Today's text of the passage a changed chunk became: same document and heading, most similar text."""
    best, best_ratio = None, _SUCCESSOR_SIMILARITY
    for chunk in snapshot.by_doc.get(citation.document, []):
        if list(chunk.heading_path) != citation.heading_path:
            continue
        ratio = difflib.SequenceMatcher(a=citation.chunk_text, b=chunk.text, autojunk=False).ratio()
        if ratio >= best_ratio:
            best, best_ratio = chunk.text, ratio
    return best


def source_changes(approved: ApprovedAnswer, snapshot: Snapshot) -> list[SourceChange]:
    """Each cited passage not in the catalog as approved: its quote changed, only the text around it, or it is gone."""
    changes = []
    for c in stale_citations(approved.citations, snapshot):
        successor = _successor(c, snapshot)
        label = c.source_label or c.title
        if successor is None:
            changes.append(SourceChange(c.n, label, c.quote, "removed"))
            continue
        # A quote can survive an edit elsewhere in its passage; say so, the reviewer reads less.
        change: Literal["quote changed", "passage changed"] = (
            "passage changed" if c.quote in successor else "quote changed"
        )
        changes.append(SourceChange(c.n, label, c.quote, change, word_diff(c.chunk_text, successor)))
    return changes


def check_one(assistant: Assistant, approved: ApprovedAnswer) -> CheckResult:
    """Compare one approved answer with the current catalog and with a fresh answer to the same question."""
    sources = source_changes(approved, assistant.snapshot)
    question = FaqQuestion(id=approved.question_id, question=approved.question)
    item = ask_item(assistant, question, approved.borough)
    new_answer = item.answer if item.covered else f"(not covered) {item.answer}"
    diff = "" if new_answer == approved.answer else answer_diff(approved.answer, new_answer)
    verdict: Verdict = "sources changed" if sources else ("answer changed" if diff else "unchanged")
    return CheckResult(approved, verdict, sources, diff, new_answer)


def check_approvals(
    assistant: Assistant,
    approvals: Sequence[ApprovedAnswer],
    on_result: Callable[[CheckResult], None] | None = None,
) -> list[CheckResult]:
    """Check every approved answer, in the order given."""
    results = []
    for approved in approvals:
        result = check_one(assistant, approved)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def stale_warning(settings: Settings, changed_doc_ids: Iterable[str]) -> str | None:
    """One line for `ingest` when it touched documents that approved FAQ answers cite; None otherwise.

    Never raises: a warning about the FAQ store must not fail an ingest that succeeded.
    """
    changed = set(changed_doc_ids)
    if not changed:
        return None
    try:
        approved = [a for a in load_approvals(settings).approved.values() if a.documents & changed]
        if not approved:
            return None
        snapshot = load_snapshot(settings.data_dir, with_keyword=False)
        stale = sum(1 for a in approved if snapshot is None or stale_citations(a.citations, snapshot))
    except NwlError as exc:
        return f"warning: could not check approved FAQ answers against this ingest: {exc}"
    docs = changed & {d for a in approved for d in a.documents}
    areas = sorted({a.label for a in approved})
    return (
        f"warning: this ingest changed {len(docs)} document(s) cited by {len(approved)} approved FAQ answer(s) "
        f"({', '.join(areas)}); {stale} now cite a changed or removed passage. Run `nwl-assistant faq check`."
    )
