"""The change evaluation: ask each borough's "what changes" and palliative-care questions through the product,
list the borough's register, and score both against the change gold."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.change_question import change_question
from assistant.contract import AskRequest, AskResponse
from assistant.errors import ConfigError, NwlError
from assistant.generation import Generation
from assistant.query import plan_query
from evals.change_audit import AuditLine, default_audit_path, load_audit
from evals.change_gold import PALLIATIVE_TOPIC, TOPIC_KIND, ChangeGold, GoldChange, Paraphrase
from evals.change_register import RegisterCheck, check_register, document_headings, record_bullets
from evals.change_scoring import AnswerScore, ChangeMatcher, parse_bullets, score_answer
from evals.metrics import ratio

PALLIATIVE_QUESTION = "What is changing in palliative care for {borough} residents?"
Ask = Callable[[AskRequest], AskResponse]
ChangeMetrics = dict[str, float | int | None]
# Every metric the change evaluation reports, and so every name gate.toml's [changes] may use.
CHANGE_METRICS: tuple[str, ...] = (
    "change_recall",
    "change_recall_current",
    "change_recall_older",
    "change_recall_min",
    "noise_share",
    "noise_share_max",
    "unjudged_share",
    "organisation_share",
    "bullets",
    "palliative_recall",
    "palliative_recall_min",
    "register_records",
    "register_recall",
    "register_recall_min",
    "register_answer_misses",
    "register_not_verbatim",
    "register_headings",
    "register_not_changes",
    "paraphrase_recall_tune",
    "paraphrase_recall_heldout",
    "paraphrase_recall_min_heldout",
    "paraphrase_noise_share_heldout",
    "near_miss_routed_share",
    "detail_routed_share",
    "near_miss_declined_share",
    "detail_declined_share",
    "topic_recall_tune",
    "topic_recall_heldout",
    "topic_routed_share",
    "topic_noise_share",
    "errors",
)
# Questions that ask one detail ("Which site in Brent will host the new beds?"): the register must not answer them
# with a list of changes. "near_miss": the documents do not state the detail; "detail": they do.
DETAIL_KINDS = ("near_miss", "detail")
SPLITS = ("tune", "heldout")


@dataclass
class ParaphraseResult:
    """One rewording of a borough's question, asked through the product and scored like the original."""

    question: str
    kind: str  # "changes", "palliative" or "topic", or one of DETAIL_KINDS
    split: str  # "tune" or "heldout"
    score: AnswerScore
    error: str | None = None
    routed: bool = False  # answered from the change register (what DETAIL_KINDS and topic questions measure)
    declined: bool = False  # the answer says the documents do not give the detail (AskResponse.abstained)


@dataclass
class BoroughChangeResult:
    """One borough: its answer and how it scored, its register listing's recall, and the palliative answer."""

    borough: str
    question: str
    answer: str
    answer_score: AnswerScore
    register_score: AnswerScore
    palliative_question: str
    palliative_answer: str
    palliative_score: AnswerScore
    latency_ms: float
    error: str | None = None
    paraphrases: list[ParaphraseResult] = field(default_factory=list)

    @property
    def register_answer_misses(self) -> list[str]:
        """Gold changes the answer gives that the register listing does not: the listing must hold at least as much."""
        return sorted(self.answer_score.recalled - self.register_score.recalled)


@dataclass
class ChangeRun:
    """The change evaluation of one catalog: per-borough results and the register's own checks."""

    dataset: str
    boroughs: list[BoroughChangeResult]
    register: RegisterCheck
    seconds: float = 0.0
    audit: list[AuditLine] = field(default_factory=list)  # blind audits of the answers (evals/change_audit.py)

    def metrics(self) -> ChangeMetrics:
        """Totals pool the boroughs (a NW London-wide change counts once per borough); *_min / *_max are the
        worst borough, so one borough cannot hide behind the others."""
        answers = [b.answer_score for b in self.boroughs]
        registers = [b.register_score for b in self.boroughs]
        palliative = [b.palliative_score for b in self.boroughs]
        bullets = sum(a.bullets for a in answers)
        per_noise = [ratio(len(a.noise), a.bullets) for a in answers]
        return {
            "change_recall": pooled_recall(answers),
            "change_recall_current": pooled_recall(answers, "current"),
            "change_recall_older": pooled_recall(answers, "older"),
            "change_recall_min": _worst([pooled_recall([a]) for a in answers], min),
            "noise_share": ratio(sum(len(a.noise) for a in answers), bullets),
            "noise_share_max": _worst(per_noise, max),
            "unjudged_share": ratio(sum(len(a.unjudged) for a in answers), bullets),
            "organisation_share": ratio(sum(len(a.organisation) for a in answers), bullets),
            "bullets": bullets,
            "palliative_recall": pooled_recall(palliative),
            "palliative_recall_min": _worst([pooled_recall([p]) for p in palliative], min),
            "register_records": self.register.records,
            "register_recall": pooled_recall(registers),
            "register_recall_min": _worst([pooled_recall([r]) for r in registers], min),
            "register_answer_misses": sum(len(b.register_answer_misses) for b in self.boroughs),
            "register_not_verbatim": len(self.register.not_verbatim),
            "register_headings": len(self.register.headings),
            "register_not_changes": len(self.register.not_changes),
            **self._paraphrase_metrics(),
            "errors": sum(1 for b in self.boroughs if b.error or any(p.error for p in b.paraphrases)),
        }

    def paraphrase_scores(self, split: str, kind: str = "changes") -> list[AnswerScore]:
        return [p.score for b in self.boroughs for p in b.paraphrases if p.split == split and p.kind == kind]

    def results_of(self, kind: str) -> list[ParaphraseResult]:
        return [p for b in self.boroughs for p in b.paraphrases if p.kind == kind]

    def _share(self, kind: str, counted: Callable[[ParaphraseResult], bool]) -> float | None:
        """The share of one-detail questions of a kind that the product routed, or whose answer declined."""
        results = self.results_of(kind)
        return ratio(sum(1 for p in results if counted(p)), len(results)) if results else None

    def _paraphrase_metrics(self) -> ChangeMetrics:
        """Recall of reworded questions: pooled per split, the worst held-out one, and held-out noise; and the
        shares of one-detail questions the register answered and the answer declined."""
        heldout = self.paraphrase_scores("heldout")
        return {
            "near_miss_routed_share": self._share("near_miss", lambda p: p.routed),
            "detail_routed_share": self._share("detail", lambda p: p.routed),
            # The brief's "a clear 'the documents do not say' beats a wrong answer", measured on the people's own
            # one-detail questions: near misses the answer declines, and details it wrongly declines.
            "near_miss_declined_share": self._share("near_miss", lambda p: p.declined),
            "detail_declined_share": self._share("detail", lambda p: p.declined),
            "paraphrase_recall_tune": pooled_recall(self.paraphrase_scores("tune")),
            "paraphrase_recall_heldout": pooled_recall(heldout),
            "paraphrase_recall_min_heldout": _worst([pooled_recall([s]) for s in heldout], min),
            "paraphrase_noise_share_heldout": ratio(
                sum(len(s.noise) for s in heldout), sum(s.bullets for s in heldout)
            ),
            **self._topic_metrics(),
        }

    def _topic_metrics(self) -> ChangeMetrics:
        """Questions about one or two topics of a borough: recall of the gold's changes of those topics, per split;
        the share answered from the register; and the noise of their answers."""
        results = self.results_of(TOPIC_KIND)
        if not results:
            return {}
        scores = [p.score for p in results]
        return {
            "topic_recall_tune": pooled_recall(self.paraphrase_scores("tune", TOPIC_KIND)),
            "topic_recall_heldout": pooled_recall(self.paraphrase_scores("heldout", TOPIC_KIND)),
            "topic_routed_share": ratio(sum(1 for p in results if p.routed), len(results)),
            "topic_noise_share": ratio(sum(len(s.noise) for s in scores), sum(s.bullets for s in scores)),
        }

    def borough_rows(self) -> list[dict[str, Any]]:
        """Per borough: recall (current, older, all), noise share, bullets, register recall, palliative recall."""
        rows = []
        for b in self.boroughs:
            a = b.answer_score
            rows.append(
                {
                    "borough": b.borough,
                    "required_current": a.count("current"),
                    "required_older": a.count("older"),
                    "recall_current": pooled_recall([a], "current"),
                    "recall_older": pooled_recall([a], "older"),
                    "recall": pooled_recall([a]),
                    "noise_share": ratio(len(a.noise), a.bullets),
                    "unjudged_share": ratio(len(a.unjudged), a.bullets),
                    "organisation_share": ratio(len(a.organisation), a.bullets),
                    "bullets": a.bullets,
                    "register_recall": pooled_recall([b.register_score]),
                    "register_answer_misses": len(b.register_answer_misses),
                    "palliative_recall": pooled_recall([b.palliative_score]),
                }
            )
        return rows

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "seconds": round(self.seconds, 1),
            "metrics": self.metrics(),
            "by_borough": self.borough_rows(),
            "register": asdict(self.register),
            "boroughs": [_borough_json(b) for b in self.boroughs],
        }


def pooled_recall(scores: Sequence[AnswerScore], era: str | None = None) -> float | None:
    """Recall pooled over several answers: their recalled required changes over their required changes."""
    return ratio(sum(s.count(era, recalled=True) for s in scores), sum(s.count(era) for s in scores))


def _worst(values: Sequence[float | None], pick: Callable[[list[float]], float]) -> float | None:
    present = [v for v in values if v is not None]
    return pick(present) if present else None


def _score_json(score: AnswerScore) -> dict[str, Any]:
    return {
        "bullets": score.bullets,
        "noise": score.noise,
        "unjudged": score.unjudged,
        "organisation": score.organisation,
        "recalled": sorted(score.recalled),
        "missed": score.missed,
    }


def _borough_json(b: BoroughChangeResult) -> dict[str, Any]:
    return {
        "borough": b.borough,
        "question": b.question,
        "answer": b.answer,
        "answer_score": _score_json(b.answer_score),
        "register_score": _score_json(b.register_score),
        "register_answer_misses": b.register_answer_misses,
        "palliative_question": b.palliative_question,
        "palliative_answer": b.palliative_answer,
        "palliative_score": _score_json(b.palliative_score),
        "latency_ms": round(b.latency_ms, 2),
        "error": b.error,
        "paraphrases": [
            {
                "question": p.question,
                "kind": p.kind,
                "split": p.split,
                "error": p.error,
                "routed": p.routed,
                "declined": p.declined,
                **_score_json(p.score),
            }
            for p in b.paraphrases
        ],
    }


def matcher_for(generation: Generation) -> ChangeMatcher:
    """A matcher over the generation's clean texts, knowing each chunk's boroughs."""
    texts = {f: d.text for f, d in generation.snapshot.documents_by_file.items()}
    return ChangeMatcher(texts, {c.chunk_id: c.boroughs for c in generation.snapshot.chunks})


def _asked(ask: Ask, question: str) -> tuple[AskResponse | None, float, str | None]:
    started = time.perf_counter()
    try:
        response = ask(AskRequest(question=question))
    except NwlError as exc:
        return None, (time.perf_counter() - started) * 1000, f"{exc.__class__.__name__}: {exc}"
    return response, (time.perf_counter() - started) * 1000, None


def _paraphrase(
    ask: Ask,
    paraphrase: Paraphrase,
    borough: str,
    gold: ChangeGold,
    palliative: list[GoldChange],
    matcher: ChangeMatcher,
) -> ParaphraseResult:
    # Whether the product's router sends it to the register (as AssistantService.ask does for one question): what
    # one-detail questions must not be, and topic questions should be.
    routed = change_question(plan_query(paraphrase.question, paraphrase.question)) is not None
    if paraphrase.kind in DETAIL_KINDS:
        # And whether the answer says the documents do not give the detail: right for a near miss, wrong for a detail.
        answered, _, failed = _asked(ask, paraphrase.question)
        declined = answered is not None and answered.abstained
        return ParaphraseResult(
            paraphrase.question, paraphrase.kind, paraphrase.split, AnswerScore(borough), failed, routed, declined
        )
    response, _, error = _asked(ask, paraphrase.question)
    bullets = parse_bullets(response.answer, response.citations, matcher) if response else []
    if paraphrase.kind == TOPIC_KIND:
        required = [c for c in gold.required(borough) if c.topic in paraphrase.topics]
    else:
        required = gold.required(borough) if paraphrase.kind == "changes" else palliative
    score = score_answer(borough, bullets, required, gold, matcher)
    return ParaphraseResult(
        paraphrase.question, paraphrase.kind, paraphrase.split, score, error, routed and paraphrase.kind == TOPIC_KIND
    )


def run_changes(
    ask: Ask,
    generation: Generation,
    gold: ChangeGold,
    dataset: str,
    on_borough: Callable[[str], None] | None = None,
) -> ChangeRun:
    """For each borough of the gold: its question and the palliative-care question asked, and the register listed."""
    started = time.perf_counter()
    matcher = matcher_for(generation)
    if missing := matcher.unlocated(gold.all_refs()):
        shown = "; ".join(f"{r.file}: {r.quote!r}" for r in missing[:3])
        raise ConfigError(f"change gold {dataset}: {len(missing)} quote(s) not in the indexed clean texts ({shown})")
    texts = {f: d.text for f, d in generation.snapshot.documents_by_file.items()}
    headings = document_headings(generation.snapshot.chunks)
    register = generation.register
    palliative_gold = gold.nw_london_topic(PALLIATIVE_TOPIC)
    results = []
    for borough in gold.boroughs:
        question = gold.lines[borough].question
        required = gold.required(borough)
        response, latency, error = _asked(ask, question)
        bullets = parse_bullets(response.answer, response.citations, matcher) if response else []
        listing = record_bullets(register.select([borough]), matcher)
        palliative_question = PALLIATIVE_QUESTION.format(borough=borough)
        palliative, _, palliative_error = _asked(ask, palliative_question)
        palliative_bullets = parse_bullets(palliative.answer, palliative.citations, matcher) if palliative else []
        results.append(
            BoroughChangeResult(
                borough=borough,
                question=question,
                answer=response.answer if response else "",
                answer_score=score_answer(borough, bullets, required, gold, matcher),
                register_score=score_answer(borough, listing, required, gold, matcher),
                palliative_question=palliative_question,
                palliative_answer=palliative.answer if palliative else "",
                palliative_score=score_answer(borough, palliative_bullets, palliative_gold, gold, matcher),
                latency_ms=latency,
                error=error or palliative_error,
            )
        )
        results[-1].paraphrases = [
            _paraphrase(ask, p, borough, gold, palliative_gold, matcher) for p in gold.lines[borough].paraphrases
        ]
        if on_borough is not None:
            on_borough(borough)
    check = check_register(register.records, texts, headings, gold.all_not_changes(), matcher)
    audit = load_audit(default_audit_path())
    return ChangeRun(dataset, results, check, seconds=time.perf_counter() - started, audit=audit)
