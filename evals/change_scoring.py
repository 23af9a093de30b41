"""Score a "what changes" answer, and the change register, against the change gold.

A gold change is recalled when some bullet (or register record) cites it: a citation in the gold quote's
file whose quote contains the gold quote, is contained in it (at least `MIN_CONTAINED_WORDS` words), or
covers at least 60% of its characters where the quote sits in the clean text (the retrieval metrics'
support test). Any of a change's quotes (its own and its `also_in` ones) will do. Text that occurs more
than once in a file (`repeated` changes) must also be cited for the right borough: the cited chunk's
boroughs (or, when the chunk is unknown, the borough the bullet answers for) must include it.

A bullet is noise when none of its citations matches a change, a stays-the-same, a borderline line or a
statement judged a change, of the borough or of NW London; one matching a `not_changes` line is noise
whatever else it cites. Noise a judgement confirms and noise no one has judged are told apart (`unjudged`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from assistant.contract import CitationOut
from evals.change_gold import ChangeGold, GoldChange, GoldRef
from evals.matching import NormalisedText, Span, normalise
from evals.metrics import MIN_QUOTE_COVER

MIN_CONTAINED_WORDS = 3
T = TypeVar("T")
_MARKER = re.compile(r"\[(\d+)\]")
_BULLET = re.compile(r"^\s*[-•*]\s+")


@dataclass(frozen=True)
class Cited:
    """A cited span: a verbatim quote of a clean document at [start, end), and the boroughs its chunk is about."""

    file: str
    quote: str
    start: int
    end: int
    boroughs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Bullet:
    """One `- ` line of an answer and what its [n] markers cite."""

    text: str
    cited: tuple[Cited, ...]


class ChangeMatcher:
    """Matches cited spans to gold quotes; knows the clean texts (to locate quotes) and each chunk's boroughs."""

    def __init__(self, texts: Mapping[str, str], chunk_boroughs: Mapping[str, Sequence[str]] | None = None) -> None:
        self._texts = {f: NormalisedText(f, t) for f, t in texts.items()}
        self._chunk_boroughs = {k: frozenset(v) for k, v in (chunk_boroughs or {}).items()}
        # Every bullet is compared with every gold quote: normal forms and located spans are computed once each.
        self._normal: dict[str, str] = {}
        self._located: dict[tuple[str, str], tuple[Span, ...]] = {}
        self._memo: dict[Hashable, Any] = {}
        self._groups: dict[Hashable, dict[str, list[GoldRef]]] = {}

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What one cited span (or a bullet's citations) states, computed once per run: every answer cites the same
        records. Keys differ in shape or first item for each kind of question asked of them."""
        if key not in self._memo:
            self._memo[key] = compute()
        result: T = self._memo[key]
        return result

    def cites(self, key: Hashable, refs: Callable[[], list[GoldRef]], cited: Cited, mostly: bool = False) -> bool:
        """Whether `cited` matches one of the refs named by `key` (built by `refs` once, grouped by file);
        `mostly`: only where the ref is most of what is cited (see `quote_matches`)."""
        if key not in self._groups:
            grouped: dict[str, list[GoldRef]] = {}
            for ref in refs():
                grouped.setdefault(ref.file, []).append(ref)
            self._groups[key] = grouped
        group = self._groups[key].get(cited.file, [])
        return self.memo((key, cited, mostly), lambda: any(self.quote_matches(ref, cited, mostly) for ref in group))

    def _normalised(self, text: str) -> str:
        if text not in self._normal:
            self._normal[text] = normalise(text)
        return self._normal[text]

    def _locate(self, ref: GoldRef) -> tuple[Span, ...]:
        key = (ref.file, ref.quote)
        if key not in self._located:
            text = self._texts.get(ref.file)
            self._located[key] = text.locate_all(ref.quote) if text is not None else ()
        return self._located[key]

    def cited(self, citation: CitationOut) -> Cited:
        boroughs = self._chunk_boroughs.get(citation.chunk_id, frozenset())
        return Cited(citation.file, citation.quote, citation.start, citation.end, boroughs)

    def cited_span(self, file: str, quote: str, start: int, end: int, chunk_id: str) -> Cited:
        return Cited(file, quote, start, end, self._chunk_boroughs.get(chunk_id, frozenset()))

    def quote_matches(self, ref: GoldRef, cited: Cited, mostly: bool = False) -> bool:
        """Same file, and the quotes contain one another or the citation covers >= 60% of the gold quote.

        `mostly` asks whether the citation states the ref itself, for a ref that says what is *not* a change: a
        heading ("Integrated end of life") is also words inside the change under it ("Implement integrated end of
        life hub"), and that change does not become a heading by containing them. The citation must then open
        with the ref, and the ref be at least 60% of it.
        """
        if ref.file != cited.file:
            return False
        gold, quote = self._normalised(ref.quote), self._normalised(cited.quote)
        if not gold or not quote:
            return False
        if mostly and gold in quote and not (quote.startswith(gold) and len(gold) >= MIN_QUOTE_COVER * len(quote)):
            return False
        if gold in quote or (quote in gold and len(quote.split()) >= min(MIN_CONTAINED_WORDS, len(gold.split()))):
            return True
        for span in self._locate(ref):
            overlap = min(cited.end, span.end) - max(cited.start, span.start)
            covers = overlap > 0 and overlap / (span.end - span.start) >= MIN_QUOTE_COVER
            opens = span.start <= cited.start and overlap >= MIN_QUOTE_COVER * (cited.end - cited.start)
            if covers and (not mostly or opens):
                return True
        return False

    def unlocated(self, refs: Iterable[GoldRef]) -> list[GoldRef]:
        """Gold quotes that cannot be found in their file's clean text (so could never be matched by position)."""
        return [r for r in refs if not self._locate(r)]

    def change_matches(self, change: GoldChange, cited: Cited, borough: str | None) -> bool:
        """Whether the citation states the change; a repeated text must also be cited for the change's borough."""
        if not any(self.quote_matches(ref, cited) for ref in change.refs):
            return False
        if not change.repeated or change.scope == "nw_london":
            return True
        where = cited.boroughs or frozenset({borough} if borough else ())
        return change.borough in where

    def recalled(self, changes: Iterable[GoldChange], cited: Iterable[Cited], borough: str | None) -> set[str]:
        """Ids of the changes some citation states.

        Worked out per cited span, once per run: the evaluation asks thousands of wordings whose answers cite the
        same few hundred records, so comparing every change with every citation of every answer would cost more
        than answering.
        """
        pool = tuple(changes)
        ids = frozenset(c.id for c in pool)
        found: set[str] = set()
        for span in dict.fromkeys(cited):
            found |= self.memo(("stated", ids, span, borough), partial(self._stated, pool, span, borough))
        return found

    def _stated(self, pool: Sequence[GoldChange], span: Cited, borough: str | None) -> frozenset[str]:
        return frozenset(c.id for c in pool if self.change_matches(c, span, borough))


def parse_bullets(answer: str, citations: Sequence[CitationOut], matcher: ChangeMatcher) -> list[Bullet]:
    """The answer's bullet lines with the citations their [n] markers point at (citations[n-1]).

    An indented line under a bullet (its status or source, say) belongs to that bullet.
    """
    by_n = {c.n: c for c in citations}
    lines: list[str] = []
    for line in answer.splitlines():
        if _BULLET.match(line):
            lines.append(_BULLET.sub("", line).strip())
        elif lines and line[:1].isspace() and line.strip():
            lines[-1] += " " + line.strip()
        elif line.strip():
            lines.append("")  # a label or a paragraph ends the bullet before it
    bullets = []
    for text in filter(None, lines):
        cited = tuple(matcher.cited(by_n[int(n)]) for n in _MARKER.findall(text) if int(n) in by_n)
        bullets.append(Bullet(text, cited))
    return bullets


@dataclass
class AnswerScore:
    """How one answer about one borough covers the borough's gold, and which of its bullets are noise."""

    borough: str
    bullets: int = 0
    noise: list[str] = field(default_factory=list)  # the noise bullets' text
    unjudged: list[str] = field(default_factory=list)  # noise bullets no gold line or judgement covers
    organisation: list[str] = field(default_factory=list)  # bullets judged a change inside the NHS, not noise
    recalled: set[str] = field(default_factory=set)  # ids of recalled gold changes
    required: dict[str, str] = field(default_factory=dict)  # id -> era of every required change

    def count(self, era: str | None = None, recalled: bool = False) -> int:
        ids = [i for i, e in self.required.items() if era is None or e == era]
        return sum(1 for i in ids if not recalled or i in self.recalled)

    @property
    def missed(self) -> list[str]:
        return [i for i in self.required if i not in self.recalled]


def verdict(bullet: Bullet, borough: str, gold: ChangeGold, matcher: ChangeMatcher) -> str:
    """What a bullet cites: "not_change" (a gold not-change, or only statements judged not to be changes),
    "change" (a required change), "organisation" (a change judged internal to the NHS), "tolerated" (a
    stays-the-same, borderline or judged residents' change) or "unjudged" (nothing the gold covers)."""
    # A bullet's verdict rests on its citations alone, so it is worked out once per borough and set of citations.
    return matcher.memo(("verdict", borough, bullet.cited), lambda: _verdict(bullet.cited, borough, gold, matcher))


def _verdict(bullet_cites: tuple[Cited, ...], borough: str, gold: ChangeGold, matcher: ChangeMatcher) -> str:
    def cites(kind: str, refs: Callable[[], list[GoldRef]], mostly: bool = False) -> bool:
        return any(matcher.cites((borough, kind), refs, c, mostly) for c in bullet_cites)

    def states_change(cited: Cited) -> bool:
        return matcher.memo((borough, "required", cited), lambda: _states_change(gold, borough, matcher, cited))

    if cites("not_changes", lambda: gold.not_changes(borough), mostly=True):
        return "not_change"
    if any(states_change(c) for c in bullet_cites):
        return "change"
    if cites("tolerated", lambda: gold.tolerated(borough)):
        internal = cites("organisation", lambda: gold.judged_as(borough, "organisation_change"))
        return "organisation" if internal else "tolerated"
    # A judgement's quote is a run of the judged statement's words (changes.README.md), so containment will do.
    if cites("judged_not_change", lambda: gold.judged_as(borough, "not_change")):
        return "not_change"
    return "unjudged"


def _states_change(gold: ChangeGold, borough: str, matcher: ChangeMatcher, cited: Cited) -> bool:
    return any(matcher.change_matches(ch, cited, borough) for ch in gold.required(borough))


def score_answer(
    borough: str,
    bullets: Sequence[Bullet],
    required: Sequence[GoldChange],
    gold: ChangeGold,
    matcher: ChangeMatcher,
) -> AnswerScore:
    """Recall of `required` over every bullet's citations, and the borough's noise bullets."""
    score = AnswerScore(borough, bullets=len(bullets), required={c.id: c.era for c in required})
    score.recalled = matcher.recalled(required, (c for b in bullets for c in b.cited), borough)
    verdicts = [(b.text, verdict(b, borough, gold, matcher)) for b in bullets]
    score.noise = [text for text, v in verdicts if v in ("not_change", "unjudged")]
    score.unjudged = [text for text, v in verdicts if v == "unjudged"]
    score.organisation = [text for text, v in verdicts if v == "organisation"]
    return score
