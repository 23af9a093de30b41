"""Rewrite a follow-up ("And in Brent?", "When does that start?") into a standalone question.

No LLM: the previous user question supplies the topic, the follow-up supplies what changed
(a borough, a pronoun to resolve, a new aspect). The rewrite is shown to the user.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.boroughs import detect, strip_places
from assistant.contract import Turn
from assistant.text import content_terms

_ELLIPTICAL_START = re.compile(
    r"^\W*(and|what about|how about|what of|same for|also|and what about|and for|and in|ok,? and|then)\b", re.I
)
_ANAPHORA = re.compile(r"\b(that|this|it|they|them|those|these|there|its|their)\b", re.I)
# "Is there parking…", "are there any…": an existential "there" points at nothing said before.
_EXISTENTIAL = re.compile(r"\b(is|are|was|were|be|been)\s+there\b|\bthere\s+(is|are|was|were|will|be)\b", re.I)
# "Did that increase…", "Who leads them?": a pronoun among the first words stands for the previous topic.
_EARLY_ANAPHORA = re.compile(r"^\W*(?:[\w']+\s+){0,2}(that|this|it|they|them|those|these|its|their)\b", re.I)
_QUESTION_LEAD = re.compile(
    r"^\W*(what|which|who|how|when|where|why|tell me|can you tell me|please)(?:['’]s)?\b"
    r"(\s+(is|are|was|were|does|do|did|will|would|can|could|has|have|about|changes?|happens?|exactly))*\s*",
    re.I,
)
_BOROUGH_PHRASE = re.compile(r"\s*\b(in|across|at)\s*$", re.I)


def _previous_user_question(history: Sequence[Turn]) -> str | None:
    for turn in reversed(history):
        if turn.role == "user" and turn.content.strip():
            return turn.content.strip()
    return None


def _topic_of(question: str) -> str:
    """The noun phrase a question is about, e.g. 'the new hospice at home service in H&F'."""
    topic = _QUESTION_LEAD.sub("", question.strip()).rstrip(" ?.!")
    return topic or question.strip().rstrip(" ?.!")


def _replace_place(question: str, new_place: str) -> str:
    """Swap the place a question names for another, or append the new one."""
    scope = detect(question)
    stripped = question.rstrip(" ?.!")
    if scope.boroughs or scope.outside or scope.nw_london:
        swapped = strip_places(stripped)
        swapped = re.sub(r"\s{2,}", " ", swapped).rstrip()
        swapped = _BOROUGH_PHRASE.sub("", swapped)
        return f"{swapped} in {new_place}?"
    return f"{stripped} in {new_place}?"


def is_follow_up(question: str, history: Sequence[Turn]) -> bool:
    """Whether the question is elliptical or anaphoric; a complete question is never read as a follow-up."""
    if not history:
        return False
    topical = content_terms(strip_places(question))
    if _ELLIPTICAL_START.search(question) and len(topical) <= 3:
        return True
    if not topical:
        return True
    if len(topical) == 1 and not _QUESTION_LEAD.match(question):
        return True
    body = _EXISTENTIAL.sub(" ", question)
    if _EARLY_ANAPHORA.search(body):
        return True
    return bool(_ANAPHORA.search(body)) and len(topical) <= 3


def standalone_question(question: str, history: Sequence[Turn]) -> str:
    """The question rewritten so that it can be understood without the conversation."""
    previous = _previous_user_question(history)
    if previous is None:
        return question
    if not is_follow_up(question, history):
        # A complete question keeps its own scope: it does not inherit the conversation's borough.
        return question
    new_scope = detect(question)
    places = list(new_scope.boroughs) + list(new_scope.outside)
    own_terms = content_terms(strip_places(_ELLIPTICAL_START.sub("", question)))
    if places and not own_terms:
        # "And in Brent?" -> the previous question, asked about Brent.
        return _replace_place(previous, " and ".join(places))
    topic = _topic_of(previous)
    body = _ELLIPTICAL_START.sub("", question).strip()
    if _ANAPHORA.search(body):
        rewritten = _ANAPHORA.sub(topic, body, count=1)
    elif _QUESTION_LEAD.match(body):
        rewritten = f"{body.rstrip(' ?.!')} ({topic})"
    else:
        # "What about the hours?" -> the previous question, narrowed to the new aspect.
        rewritten = f"{previous.rstrip(' ?.!')}, specifically {body.rstrip(' ?.!')}"
    rewritten = _carry_place(rewritten, previous)
    rewritten = rewritten[0].upper() + rewritten[1:]
    return rewritten if rewritten.endswith("?") else rewritten.rstrip(" .!") + "?"


def _carry_place(question: str, previous: str) -> str:
    """A question that names no place inherits the boroughs of the conversation."""
    scope = detect(question)
    prev_scope = detect(previous)
    if scope.boroughs or scope.outside or scope.nw_london or not prev_scope.boroughs:
        return question
    return question.rstrip(" ?.!") + " in " + " and ".join(prev_scope.boroughs) + "?"
