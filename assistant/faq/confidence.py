"""How far to trust one pack answer, from signals the answer itself carries.

The composer already refuses to answer when evidence is weak; this grades what it did answer, so the
engagement team knows which answers to read twice. Six signals, each shown next to the answer when it fails:

* citations: one citation is thin evidence for an FAQ answer; two or more can corroborate (>= 2);
* local: the share of citations from passages tagged with the pack's borough (for the NW London pack,
  passages about NW London as a whole) rather than another area's or a region-wide passage (>= 1/2);
* coverage: the share of the question's topic words (place names and question scaffolding removed, stemmed,
  synonyms counted) found in the cited quotes, their headings or table headers (>= 2/3);
* on topic: the share of citations holding at least one of those words (>= 2/3);
* meaning: the mean cosine similarity of question and cited quotes in the retrieval model, place names
  removed from both so that "in Ealing" does not make any Ealing passage look relevant (>= 0.40). Specific
  answers from the bundled corpus score 0.5-0.75; generic ones 0.25-0.35; passages that talk around the
  question below 0.20;
* status: whether the evidence states that the change is proposed, decided or in place;
* place: the question names somewhere outside the pack's area (the borough filter would answer it from this
  area's passages anyway).

high = no signal fails; low = another place, coverage < 1/2, on topic < 1/3, meaning < 0.20, or three or
more failures; medium otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.boroughs import NW_LONDON, detect, strip_places
from assistant.embedding import Embedder
from assistant.faq.models import Confidence, FaqCitation
from assistant.query import synonym_present
from assistant.text import content_terms, terms

HIGH_SHARE = 2 / 3
LOW_COVERAGE = 0.5
LOW_ON_TOPIC = 1 / 3
HIGH_MEANING = 0.40
LOW_MEANING = 0.20


def _unplaced(text: str) -> str:
    return " ".join(strip_places(text).split())


def meaning_similarity(embedder: Embedder, question: str, quotes: Sequence[str]) -> float:
    """Mean cosine similarity between the question and each quote, with place names taken out of both."""
    if not quotes:
        return 0.0
    query = embedder.embed_query(_unplaced(question))
    passages = embedder.embed_documents([_unplaced(q) for q in quotes])
    return round(float(np.mean(passages @ query)), 3)


def _found_terms(citation: FaqCitation, context: str) -> set[str]:
    found = set(terms(citation.quote)) | set(terms(context))
    if citation.heading_path:
        found.update(terms(citation.heading_path[-1]))
    return found


def _has(term: str, found: set[str]) -> bool:
    return term in found or synonym_present(term, found)


def topic_signals(question: str, citations: Sequence[FaqCitation], contexts: Sequence[str] = ()) -> tuple[float, float]:
    """(coverage, on-topic share): question words found anywhere in the evidence, and citations that hold any."""
    wanted = content_terms(strip_places(question))
    if not wanted or not citations:
        return (1.0, 1.0) if citations else (0.0, 0.0)
    per_citation = [_found_terms(c, contexts[i] if i < len(contexts) else "") for i, c in enumerate(citations)]
    union = set().union(*per_citation)
    coverage = sum(1 for t in wanted if _has(t, union)) / len(wanted)
    on_topic = sum(1 for found in per_citation if any(_has(t, found) for t in wanted)) / len(citations)
    return coverage, on_topic


def elsewhere_places(question: str, borough: str) -> list[str]:
    """Places the question names that the pack's area does not include (outside NW London, or other boroughs)."""
    scope = detect(question)
    others = [] if borough == NW_LONDON else [b for b in scope.boroughs if b != borough]
    if borough in scope.boroughs and others:
        others = []  # a question comparing this borough with another is still about this borough
    return [*scope.outside, *others]


def local_share(borough: str, citations: Sequence[FaqCitation]) -> float:
    """Share of citations whose passage is tagged with the pack's area."""
    if not citations:
        return 0.0
    return sum(1 for c in citations if borough in c.chunk_boroughs) / len(citations)


def assess(
    question: str,
    borough: str,
    citations: Sequence[FaqCitation],
    status: str | None,
    contexts: Sequence[str] = (),
    meaning: float | None = None,
) -> tuple[Confidence, list[str]]:
    """Grade an answer high / medium / low and say, in words, what held it back.

    `contexts` holds, per citation, the table header its passage was embedded with (empty for prose);
    `meaning` is `meaning_similarity` (None when not measured).
    """
    coverage, on_topic = topic_signals(question, citations, contexts)
    local = local_share(borough, citations)
    area = "North West London as a whole" if borough == NW_LONDON else borough
    reasons: list[str] = []
    elsewhere = elsewhere_places(question, borough)
    if elsewhere:
        # The borough filter answers from this area's passages whatever place the question names.
        reasons.append(f"the question asks about {', '.join(elsewhere)}, but the answer is from {area} passages")
    if len(citations) < 2:
        reasons.append("only one citation")
    if local < 0.5:
        reasons.append(f"most citations are not specific to {area}")
    if coverage < HIGH_SHARE:
        reasons.append(f"the sources hold {coverage:.0%} of the question's topic words")
    if on_topic < HIGH_SHARE:
        off = len(citations) - round(on_topic * len(citations))
        reasons.append(f"{off} of {len(citations)} citations share no topic word with the question")
    if meaning is not None and meaning < HIGH_MEANING:
        reasons.append(f"the sources are only loosely related in meaning to the question: similarity {meaning:.2f}")
    if status is None:
        reasons.append("the evidence does not say whether this is proposed, decided or in place")
    weak_meaning = meaning is not None and meaning < LOW_MEANING
    if elsewhere or weak_meaning or coverage < LOW_COVERAGE or on_topic < LOW_ON_TOPIC or len(reasons) >= 3:
        return "low", reasons
    return ("high" if not reasons else "medium"), reasons
