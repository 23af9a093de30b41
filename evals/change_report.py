"""The change evaluation's tables (Markdown and HTML), its files in --out, and its block of docs/evaluation.md."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path

from evals.change_audit import AuditLine, wilson_interval
from evals.change_gold import JUDGEMENTS, TOPIC_KIND
from evals.change_run import DETAIL_KINDS, SPLITS, ChangeMetrics, ChangeRun, pooled_recall
from evals.docs_block import replace_block
from evals.metrics import ratio
from evals.tables import Table

DOCS_START = "<!-- eval:changes -->"
DOCS_END = "<!-- /eval:changes -->"
BOROUGH_HEADERS = (
    "borough",
    "required (current / older)",
    "recall current",
    "recall older",
    "recall",
    "noise share",
    "of which unjudged",
    "organisation share",
    "bullets",
    "register recall",
    "palliative recall",
)


def _f(value: float | int | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def change_tables(run: ChangeRun) -> list[Table]:
    """Per borough (with the pooled totals last), then the register's own checks."""
    rows = [
        [
            r["borough"],
            f"{r['required_current']} / {r['required_older']}",
            *(_f(r[k]) for k in ("recall_current", "recall_older", "recall")),
            *(_f(r[k]) for k in ("noise_share", "unjudged_share", "organisation_share", "bullets")),
            *(_f(r[k]) for k in ("register_recall", "palliative_recall")),
        ]
        for r in run.borough_rows()
    ]
    m = run.metrics()
    required = [(r["required_current"], r["required_older"]) for r in run.borough_rows()]
    rows.append(
        [
            "all boroughs (pooled)",
            f"{sum(c for c, _ in required)} / {sum(o for _, o in required)}",
            *(_f(m[k]) for k in ("change_recall_current", "change_recall_older", "change_recall")),
            *(_f(m[k]) for k in ("noise_share", "unjudged_share", "organisation_share")),
            *(_f(m[k]) for k in ("bullets", "register_recall", "palliative_recall")),
        ]
    )
    return [
        Table(
            "Change register: what changes for residents, per borough",
            BOROUGH_HEADERS,
            rows,
            'The product asked "What changes for residents in <borough>?" (recall of the borough\'s own and the '
            "NW London-wide gold changes; noise share: bullets citing no change of that borough, whether judged "
            "not a change or not judged at all; of which unjudged: the part no gold line or pooled judgement "
            "covers; organisation share: bullets judged a change inside the NHS rather than one residents would "
            "notice, not counted as noise) and "
            '"What is changing in palliative care for <borough> residents?" (palliative recall: the current NW '
            "London-wide palliative-care changes). Register recall: `changes --borough <borough>` against the "
            "same gold.",
        ),
        register_table(m),
        *([paraphrase_table(run)] if any(b.paraphrases for b in run.boroughs) else []),
        *([heldout_borough_table(run)] if run.paraphrase_scores("heldout") else []),
        *([detail_table(run)] if any(run.results_of(k) for k in DETAIL_KINDS) else []),
        *([audit_table(run.audit)] if run.audit else []),
    ]


def paraphrase_table(run: ChangeRun) -> Table:
    """The same questions worded by others: "tune" wordings were seen while building, "heldout" ones never."""
    rows = []
    for split in SPLITS:
        for kind in ("changes", "palliative", TOPIC_KIND):
            scores = run.paraphrase_scores(split, kind)
            if not scores:
                continue
            recalls = [pooled_recall([s]) or 0.0 for s in scores]
            bullets = sum(s.bullets for s in scores)
            rows.append(
                [
                    split,
                    kind,
                    str(len(scores)),
                    _f(pooled_recall(scores)),
                    _f(min(recalls)),
                    str(sum(1 for r in recalls if r < 0.5)),
                    _f(ratio(sum(len(s.noise) for s in scores), bullets)),
                ]
            )
    return Table(
        "Change questions in other words",
        ["split", "question", "wordings", "recall", "worst wording", "wordings under 0.5", "noise share"],
        rows,
        "Each borough's two questions as other people word them, and questions about one or two topics of a borough "
        "(evals/datasets/changes.jsonl `paraphrases`; a topic question is scored on the gold's changes of its topics), "
        "scored like the originals. Tune wordings were seen while the question routing was built; held-out "
        "wordings were written afterwards, blind to the code, and never used to change it.",
    )


def heldout_borough_table(run: ChangeRun) -> Table:
    """The held-out wordings borough by borough: the recall target is per borough, and a pooled figure can hide
    one borough whose people word their questions in ways the routing does not read."""
    rows = []
    for b in run.boroughs:
        cells = [b.borough]
        for kind in ("changes", "palliative"):
            scores = [p.score for p in b.paraphrases if p.split == "heldout" and p.kind == kind]
            recalls = [pooled_recall([s]) or 0.0 for s in scores]
            cells += [str(len(scores)), _f(pooled_recall(scores)), str(sum(1 for r in recalls if r < 0.5))]
        rows.append(cells)
    return Table(
        "Held-out wordings, per borough",
        ["borough", "changes wordings", "recall", "under 0.5", "palliative wordings", "palliative recall", "under 0.5"],
        rows,
        "The held-out rows of the table above, borough by borough (a borough's wordings are few, so one wording "
        "misread moves its figure a lot).",
    )


def detail_table(run: ChangeRun) -> Table:
    """How many questions asking one detail the register answered with a list of changes, per kind and split."""
    rows = []
    for kind in DETAIL_KINDS:
        results = run.results_of(kind)
        for split in ("all", *sorted({p.split for p in results})):
            group = results if split == "all" else [p for p in results if p.split == split]
            if group:
                routed = sum(1 for p in group if p.routed)
                declined = sum(1 for p in group if p.declined)
                rows.append(
                    [
                        kind,
                        split,
                        str(len(group)),
                        str(routed),
                        _f(ratio(routed, len(group))),
                        str(declined),
                        _f(ratio(declined, len(group))),
                    ]
                )
    return Table(
        "Questions that ask one detail",
        ["kind", "split", "questions", "answered from the register", "share", "answer declines", "share declined"],
        rows,
        "Questions about a topic or a borough that ask one detail (evals/datasets/changes.jsonl `paraphrases` of kind "
        "near_miss: the documents do not state it, and the answer must say so; detail: they do). The register's list "
        "of changes answers neither; a detail question it does answer is one narrowed to the records that name it. "
        '"Answer declines": the product\'s answer says the documents do not give the detail (`abstained`), which a '
        "near miss should and a detail should not. Not gated: the gold's near-miss abstention is. "
        "All were written blind; tune ones have since been seen while the routing was changed, held-out ones never.",
    )


def audit_table(lines: Sequence[AuditLine]) -> Table:
    """Per assessor and sampled answers: the share judged not a change, with its 95% interval."""
    rows = []
    for assessor, answers in sorted({(x.assessor, x.answers) for x in lines}):
        group = [x for x in lines if x.assessor == assessor and x.answers == answers]
        n = sum(x.weight for x in group)
        share = {j: sum(x.weight for x in group if x.judgement == j) for j in JUDGEMENTS}
        low, high = wilson_interval(share["not_change"], n)
        rows.append(
            [
                assessor,
                answers,
                str(n),
                f"{share['not_change'] / n:.3f}",
                f"{low:.3f}–{high:.3f}",
                f"{share['borderline'] / n:.3f}",
                f"{share['organisation_change'] / n:.3f}",
            ]
        )
    return Table(
        "Change answers: blind audits of noise",
        [
            "assessor",
            "answers of commit",
            "bullets sampled",
            "not a change",
            "95% interval",
            "borderline",
            "organisation change",
        ],
        rows,
        'Random samples of the bullets of the eight "What changes for residents in <borough>?" answers, judged '
        "in their documents by assessors who saw only the criteria and the documents, never the gold "
        "(evals/datasets/changes_audit.jsonl; evals/change_audit.py says how). An independent check of the "
        "noise share above, which rests on judgements the rules were written against. Assessors judge to their "
        "own criteria (evals/datasets/changes.README.md): compare figures within one assessor, who judged the "
        "answers of two commits in one shuffled batch, not across assessors.",
    )


def register_table(m: ChangeMetrics) -> Table:
    rows = [
        ["records in the register", _f(m["register_records"])],
        ["citations not verbatim in the clean text", _f(m["register_not_verbatim"])],
        ["summaries that are a heading of their document", _f(m["register_headings"])],
        ["summaries that are a demographic line or a gold not-change", _f(m["register_not_changes"])],
        ["gold changes the answer gives but the borough's listing lacks", _f(m["register_answer_misses"])],
        ["lowest borough recall (answer / register / palliative)", _lowest(m)],
        ["highest borough noise share", _f(m["noise_share_max"])],
        ["questions that failed with an error", _f(m["errors"])],
    ]
    return Table("Change register: checks of the register itself", ["check", "value"], rows)


def change_details_html(run: ChangeRun) -> str:
    """Per borough, what a reader needs to see why: the answer, its noise bullets, the gold it missed."""
    e = html.escape
    parts = ["<h2 id='changes'>Change answers</h2>"]
    for b in run.boroughs:
        a = b.answer_score
        missed = ", ".join(a.missed) or "none"
        parts.append(f"<details><summary>{e(b.borough)}: {len(a.recalled)} of {len(a.required)} changes, ")
        parts.append(f"{len(a.noise)} of {a.bullets} bullets noise</summary>")
        if b.error:
            parts.append(f"<p class='bad'>error: {e(b.error)}</p>")
        parts.append(f"<p><b>{e(b.question)}</b></p><pre>{e(b.answer)}</pre>")
        parts.append("<p><b>Noise bullets:</b></p><ul>" + "".join(f"<li>{e(n)}</li>" for n in a.noise) + "</ul>")
        parts.append(f"<p><b>Gold changes missed:</b> {e(missed)}</p>")
        if b.register_answer_misses:
            lacking = ", ".join(b.register_answer_misses)
            parts.append(f"<p><b>Given by the answer, missing from the register:</b> {e(lacking)}</p>")
        p = b.palliative_score
        parts.append(f"<p><b>{e(b.palliative_question)}</b> ({len(p.recalled)} of {len(p.required)}; missed: ")
        parts.append(f"{e(', '.join(p.missed) or 'none')})</p><pre>{e(b.palliative_answer)}</pre></details>")
    if run.register.not_verbatim or run.register.headings or run.register.not_changes:
        problems = [*run.register.not_verbatim, *run.register.headings, *run.register.not_changes]
        parts.append("<p><b>Register records with a problem:</b></p><ul>")
        parts.append("".join(f"<li>{e(p)}</li>" for p in problems) + "</ul>")
    return "".join(parts)


def _lowest(m: ChangeMetrics) -> str:
    return " / ".join(_f(m[k]) for k in ("change_recall_min", "register_recall_min", "palliative_recall_min"))


def change_markdown(run: ChangeRun, command: str) -> str:
    line = f"Change evaluation: `{command}`, gold `{run.dataset}`, {len(run.boroughs)} boroughs, {run.seconds:.0f} s."
    return "\n\n".join([line, *(t.markdown() for t in change_tables(run))])


def write_change_reports(run: ChangeRun, out_dir: Path, command: str) -> dict[str, Path]:
    """changes.json (every answer, score and register problem) and changes.md in out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"changes": out_dir / "changes.json", "changes summary": out_dir / "changes.md"}
    paths["changes"].write_text(json.dumps(run.to_json(), indent=1, ensure_ascii=False) + "\n", "utf-8")
    paths["changes summary"].write_text("# Change evaluation\n\n" + change_markdown(run, command) + "\n", "utf-8")
    return paths


def write_change_docs(run: ChangeRun, path: Path, command: str) -> None:
    """Replace the change block of docs/evaluation.md (between its markers), leaving the rest alone."""
    replace_block(path, DOCS_START, DOCS_END, change_markdown(run, command))
