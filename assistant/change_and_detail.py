"""A message that asks what changes and then one detail: "My dad is dying at home in Hayes. What help can come to
our house? Who do I call at night?"

Read whole, the detail makes it a question for passages (see change_question), and the passages that answer "who do
I call" rarely say what help the new model brings. Each part has a path that answers it: the register lists the
changes, and passages answer the detail or say the documents do not give it. Both answers are given, in the order
asked, so neither part of the question is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.change_question import ChangeQuestion, change_question
from assistant.change_topics import is_question
from assistant.detail_asks import asks_one_detail
from assistant.message_parts import sentences
from assistant.query import QueryPlan, plan_query
from assistant.records import Composition

# A question begun after a comma within a sentence: "what is changing with end of life care round here, is there
# going to be more help at night or a number to ring".
_CLAUSE_QUESTION = re.compile(
    r"\s*(?:,|;|\s[-–—])\s*(?:and\s+|also\s+|plus\s+)?(?=(?:is|are|will|can|could|who|when|where|how|what|do|does)\s+"
    r"(?:there|i|we|you|they|it|he|she|anyone|someone|somebody)\b)",
    re.I,
)


@dataclass(frozen=True)
class ChangeAndDetail:
    """The two parts of such a message, each planned for its own path."""

    change: ChangeQuestion
    detail: QueryPlan
    detail_asked: str  # the detail's questions as the asker wrote them, to head their answer


def change_and_detail(plan: QueryPlan) -> ChangeAndDetail | None:
    """For a message change_question does not take whole, its parts when its questions ask for changes and then,
    after them, one detail; None for any other message (a detail asked first is the worry that leads to the change
    question, which change_question reads whole)."""
    if plan.out_of_scope:
        return None
    parts = [p for s in sentences(plan.standalone) for p in _CLAUSE_QUESTION.split(s) if p.strip()]
    first = next((k for k, s in enumerate(parts) if is_question(s) and asks_one_detail([s])), None)
    # Only a question asks for changes: a statement before the detail ("The plan mentions three projects. Which
    # neighbourhoods are they in?") tells what the detail is about.
    if not first or not any(is_question(s) for s in parts[:first]):
        return None
    asked = " ".join(parts[:first])
    change = change_question(_scoped(plan_query(asked, asked, plan.hard_filter), plan))
    if change is None:
        return None
    # The detail is asked about what the story before it tells ("dying at home in Hayes"), not on its own.
    story = [s for s in parts[:first] if not is_question(s)]
    details = " ".join(parts[first:])
    detail_text = " ".join([*story, details])
    return ChangeAndDetail(change, _scoped(plan_query(detail_text, detail_text, plan.hard_filter), plan), details)


def _scoped(part: QueryPlan, whole: QueryPlan) -> QueryPlan:
    """A part of the message keeps the places the whole message named."""
    return part if part.boroughs else replace(part, boroughs=whole.boroughs, nw_london=whole.nw_london)


_MARKER = re.compile(r"\[(\d+)\]")


def with_detail(changes: Composition, detail: Composition, asked: str) -> Composition:
    """The change answer, then the detail's answer under the question it answers, its citations numbered on. The
    whole declines (partly) when the detail's answer does: the changes listed do not give the detail asked."""
    offset = len(changes.units)
    renumbered = _MARKER.sub(lambda m: f"[{int(m.group(1)) + offset}]", detail.answer)
    return Composition(
        answer=f"{changes.answer}\n\n{asked}\n{renumbered}",
        units=[*changes.units, *detail.units],
        abstained=detail.abstained,
        status=changes.status,
        best_coverage=max(changes.best_coverage, detail.best_coverage),
        composer=changes.composer,
        outcome="partial" if detail.abstained else "answered",
    )
