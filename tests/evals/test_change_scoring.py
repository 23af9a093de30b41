"""Change recall, noise share and the register checks, on a small gold and hand-made answers and records."""

from __future__ import annotations

from typing import Any

from assistant.changes import ChangeRecord, ChangeSpan
from assistant.contract import CitationOut
from evals.change_gold import ChangeGold, GoldRef, parse_line
from evals.change_register import check_register, is_demographic, record_bullets
from evals.change_scoring import ChangeMatcher, parse_bullets, score_answer

PLAN = "plan.txt"
MODEL = "model.txt"
# Clean texts as the product cites them: Markdown bold removed, table cells joined by " | ".
PLAN_TEXT = (
    "Brent\n"
    "Brent's median age is 35, with 22% of local people under 18.\n"
    "Expand the Brent bridging service for people leaving hospital\n"
    "Open a new Family Hub in Wembley by March 2026\n"
    "Falls Prevention\n"
    "Ealing\n"
    "Implement Same Day Access Programme\n"
    "Harrow\n"
    "Implement Same Day Access Programme\n"
    "Outpatient clinics | No change\n"
    "Hospice at home in every borough\n"
    "Recruit a digital safety officer for the clinical systems\n"
    "Many people want to understand their care better\n"
    "Hold a summer fete at the health centre\n"
)
MODEL_TEXT = (
    "The model includes:\n"
    "Expansion of Hospice at Home services to all boroughs, supporting up to 24-hour care at home\n"
    "Expansion of lymphoedema services\n"
)
TEXTS = {PLAN: PLAN_TEXT, MODEL: MODEL_TEXT}


def _ref(file: str, quote: str) -> dict[str, str]:
    return {"file": file, "quote": quote}


def _change(id_: str, file: str, quote: str, scope: str = "borough", **extra: Any) -> dict[str, Any]:
    return {"id": id_, "file": file, "quote": quote, "scope": scope, "topic": "t", "era": "current", **extra}


GOLD = ChangeGold(
    {
        line["borough"]: parse_line(line)
        for line in [
            {
                "id": "chg-brent",
                "borough": "Brent",
                "question": "What changes for residents in Brent?",
                "changes": [
                    _change("brent-bridging", PLAN, "Expand the Brent bridging service for people leaving hospital"),
                    _change("brent-family-hub", PLAN, "Open a new Family Hub in Wembley by March 2026", era="older"),
                ],
                "stays_same": [_ref(PLAN, "Outpatient clinics\tNo change")],
                "not_changes": [_ref(PLAN, "Brent's median age is 35")],
                "borderline": [_ref(PLAN, "Falls Prevention")],
                "judged": [
                    {**_ref(PLAN, "Recruit a digital safety officer"), "judgement": "organisation_change"},
                    {**_ref(PLAN, "Many people want to understand their care better"), "judgement": "not_change"},
                ],
            },
            {
                "id": "chg-harrow",
                "borough": "Harrow",
                "question": "What changes for residents in Harrow?",
                "changes": [
                    _change("harrow-sda", PLAN, "Implement Same Day Access Programme", repeated_text=True),
                ],
                "not_changes": [],
            },
            {
                "id": "chg-nwl",
                "borough": "NW London",
                "question": "What changes for residents across NW London?",
                "changes": [
                    _change(
                        "nwl-hospice",
                        MODEL,
                        "Expansion of **Hospice at Home** services to all boroughs",
                        scope="nw_london",
                        also_in=[_ref(PLAN, "Hospice at home in every borough")],
                    ),
                    _change("nwl-lymphoedema", MODEL, "Expansion of lymphoedema services", scope="nw_london"),
                ],
                "not_changes": [_ref(MODEL, "The model includes:")],
            },
        ]
    }
)
CHUNK_BOROUGHS = {"c-ealing": ["Ealing"], "c-harrow": ["Harrow"]}


def _matcher() -> ChangeMatcher:
    return ChangeMatcher(TEXTS, CHUNK_BOROUGHS)


def _cite(n: int, file: str, quote: str, occurrence: int = 0, chunk_id: str = "c") -> CitationOut:
    text = TEXTS[file]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return CitationOut(
        n=n, file=file, document="d", title="t", date="2024", quote=quote, start=start, end=start + len(quote),
        chunk_id=chunk_id,
    )  # fmt: skip


def _score(borough: str, answer: str, citations: list[CitationOut]) -> Any:
    matcher = _matcher()
    bullets = parse_bullets(answer, citations, matcher)
    return score_answer(borough, bullets, GOLD.required(borough), GOLD, matcher)


def test_recall_counts_own_and_nw_london_changes_and_noise_counts_bullets_citing_no_change() -> None:
    citations = [
        _cite(1, PLAN, "Expand the Brent bridging service for people leaving hospital"),
        _cite(2, PLAN, "Brent's median age is 35, with 22% of local people under 18."),
        _cite(3, MODEL, "Expansion of Hospice at Home services to all boroughs, supporting up to 24-hour care at home"),
        _cite(4, PLAN, "Falls Prevention"),
        _cite(5, PLAN, "Outpatient clinics | No change"),
    ]
    answer = (
        "Brent:\n"
        "- Expand the bridging service [1]\n"
        "- Median age is 35 [2]\n"
        "Across NW London:\n"
        "- Hospice at Home in every borough [3]\n"
        "- Falls Prevention [4]\n"
        "- Outpatient clinics: no change [5]\n"
        "- An uncited line\n"
        "Status: decided [1][3]\n"
    )
    score = _score("Brent", answer, citations)
    assert score.bullets == 6  # the section labels and the status line are not bullets
    assert score.recalled == {"brent-bridging", "nwl-hospice"}
    assert score.count() == 4 and score.count(recalled=True) == 2
    assert score.count("current") == 3 and score.count("older", recalled=True) == 0
    assert sorted(score.missed) == ["brent-family-hub", "nwl-lymphoedema"]
    # The demographic line and the uncited line are noise; borderline and stays-the-same lines are neither.
    assert score.noise == ["Median age is 35 [2]", "An uncited line"]


def test_a_change_stated_in_another_document_is_recalled_through_also_in() -> None:
    score = _score("Brent", "- Hospice at home [1]", [_cite(1, PLAN, "Hospice at home in every borough")])
    assert score.recalled == {"nwl-hospice"} and score.noise == []


def test_a_bullet_citing_a_not_change_is_noise_even_when_it_also_cites_a_change() -> None:
    citations = [
        _cite(1, PLAN, "Expand the Brent bridging service for people leaving hospital"),
        _cite(2, PLAN, "Brent's median age is 35"),
    ]
    score = _score("Brent", "- Bridging, and the median age [1][2]", citations)
    assert score.recalled == {"brent-bridging"}
    assert score.noise == ["Bridging, and the median age [1][2]"]


def test_repeated_text_is_recalled_only_where_it_is_stated_for_the_borough() -> None:
    quote = "Implement Same Day Access Programme"
    ealing = _cite(1, PLAN, quote, occurrence=0, chunk_id="c-ealing")
    harrow = _cite(1, PLAN, quote, occurrence=1, chunk_id="c-harrow")
    assert _score("Harrow", "- Same day access [1]", [ealing]).recalled == set()
    assert _score("Harrow", "- Same day access [1]", [ealing]).noise == ["Same day access [1]"]
    assert _score("Harrow", "- Same day access [1]", [harrow]).recalled == {"harrow-sda"}
    # A chunk with no borough falls back on the borough the answer is about.
    unknown = _cite(1, PLAN, quote, occurrence=0, chunk_id="c-unknown")
    assert _score("Harrow", "- Same day access [1]", [unknown]).recalled == {"harrow-sda"}


def test_one_matcher_scores_every_answer_of_a_run_as_a_fresh_one_would() -> None:
    # The run keeps one matcher and remembers what each citation states; what it remembers must not leak
    # from one borough, or one list of required changes, to another.
    sda = _cite(1, PLAN, "Implement Same Day Access Programme", chunk_id="c-unknown")
    age = _cite(1, PLAN, "Brent's median age is 35")
    hospice = _cite(1, PLAN, "Hospice at home in every borough")
    cases = [
        ("Harrow", "- Same day access [1]", [sda], GOLD.required("Harrow")),
        ("Brent", "- Same day access [1]", [sda], GOLD.required("Harrow")),
        ("Brent", "- Median age [1]", [age], GOLD.required("Brent")),
        ("Harrow", "- Median age [1]", [age], GOLD.required("Harrow")),
        ("Brent", "- Hospice at home [1]", [hospice], GOLD.required("Brent")),
        ("Brent", "- Hospice at home [1]", [hospice], [c for c in GOLD.required("Brent") if c.scope == "borough"]),
    ]
    shared = _matcher()

    def scored(matcher: ChangeMatcher, case: tuple[str, str, list[CitationOut], Any]) -> tuple[Any, ...]:
        borough, answer, citations, required = case
        score = score_answer(borough, parse_bullets(answer, citations, matcher), required, GOLD, matcher)
        return sorted(score.recalled), score.noise, score.unjudged

    assert [scored(shared, c) for c in cases] == [scored(_matcher(), c) for c in cases]
    assert scored(shared, cases[0])[0] == ["harrow-sda"] and scored(shared, cases[1])[0] == []
    assert scored(shared, cases[2])[1] == scored(shared, cases[3])[1] == ["Median age [1]"]
    assert scored(shared, cases[3])[2] == ["Median age [1]"] and scored(shared, cases[2])[2] == []
    assert scored(shared, cases[4])[0] == ["nwl-hospice"] and scored(shared, cases[5])[0] == []


def test_a_citation_matches_by_containment_either_way_or_by_covering_most_of_the_quote() -> None:
    matcher = _matcher()
    (bridging,) = GOLD.lines["Brent"].changes[:1]
    (ref,) = bridging.refs
    longer = _cite(1, PLAN, "Expand the Brent bridging service for people leaving hospital\nOpen a new")
    inside = _cite(1, PLAN, "Brent bridging service for people")
    too_short = _cite(1, PLAN, "Brent bridging")
    overlapping = _cite(1, PLAN, "bridging service for people leaving hospital\nOpen a new Family Hub")
    assert matcher.quote_matches(ref, matcher.cited(longer))
    assert matcher.quote_matches(ref, matcher.cited(inside))
    assert not matcher.quote_matches(ref, matcher.cited(too_short))
    assert matcher.quote_matches(ref, matcher.cited(overlapping))  # >= 60% of the quote's characters
    wrong_file = CitationOut(**{**longer.model_dump(), "file": MODEL})
    assert not matcher.quote_matches(ref, matcher.cited(wrong_file))


def test_a_not_change_is_matched_only_where_it_is_most_of_what_is_cited() -> None:
    # A heading ("Integrated end of life") is also words inside the change under it ("Implement integrated …").
    matcher = _matcher()
    heading = GoldRef(PLAN, "Brent bridging service")
    change_line = _cite(1, PLAN, "Expand the Brent bridging service for people leaving hospital")
    the_heading = _cite(1, PLAN, "Brent bridging service for")
    assert not matcher.quote_matches(heading, matcher.cited(_cite(1, PLAN, "the Brent bridging service")), mostly=True)
    assert matcher.quote_matches(heading, matcher.cited(change_line))  # a required change: containment will do
    assert not matcher.quote_matches(heading, matcher.cited(change_line), mostly=True)
    assert matcher.quote_matches(heading, matcher.cited(the_heading), mostly=True)


def _record(id_: str, summary: str, file: str, start: int, end: int, quote: str) -> ChangeRecord:
    return ChangeRecord(
        id=id_, summary=summary, kind="other", topic="t", scope="borough", boroughs=("Brent",), document="d",
        title="t", date="2024", date_sort="2024-01", era="current",
        spans=(ChangeSpan(doc_id="d", file=file, start=start, end=end, chunk_id="c", quote=quote),),
    )  # fmt: skip


def _span_of(file: str, quote: str) -> tuple[int, int]:
    start = TEXTS[file].index(quote)
    return start, start + len(quote)


def test_register_checks_flag_non_verbatim_citations_heading_and_demographic_summaries() -> None:
    good_quote = "Expand the Brent bridging service for people leaving hospital"
    demographic = "Brent's median age is 35, with 22% of local people under 18."
    records = [
        _record("ok", good_quote, PLAN, *_span_of(PLAN, good_quote), good_quote),
        _record("shifted", good_quote, PLAN, *(i + 1 for i in _span_of(PLAN, good_quote)), good_quote),
        _record("heading", "Falls Prevention", PLAN, *_span_of(PLAN, "Falls Prevention"), "Falls Prevention"),
        _record("demographic", demographic, PLAN, *_span_of(PLAN, demographic), demographic),
    ]
    headings = {PLAN: {"brent", "falls prevention", "ealing"}}
    check = check_register(records, TEXTS, headings, GOLD.all_not_changes(), _matcher())
    assert check.records == 4
    assert [p.split(":")[0] for p in check.not_verbatim] == ["shifted"]
    assert [p.split(":")[0] for p in check.headings] == ["heading"]
    assert [p.split(":")[0] for p in check.not_changes] == ["demographic"]


def test_register_listing_is_scored_like_an_answer() -> None:
    quote = "Implement Same Day Access Programme"
    start = PLAN_TEXT.index(quote, PLAN_TEXT.index(quote) + 1)
    record = _record("sda", quote, PLAN, start, start + len(quote), quote)
    harrow = ChangeRecord(**{**record.__dict__, "boroughs": ("Harrow",)})
    matcher = _matcher()
    score = score_answer("Harrow", record_bullets([harrow], matcher), GOLD.required("Harrow"), GOLD, matcher)
    assert score.recalled == {"harrow-sda"} and score.noise == []


def test_demographic_pattern_needs_a_population_term_and_a_figure() -> None:
    assert is_demographic("56% of residents were born overseas")
    assert is_demographic("The population is projected to increase by 71% by 2041")
    assert not is_demographic("Increase the number of health checks to 5,000 a year")
    assert not is_demographic("Reduce health inequalities in the population")


def test_gold_quotes_missing_from_the_clean_texts_are_found_before_scoring() -> None:
    assert _matcher().unlocated(GOLD.all_refs()) == []
    moved = ChangeMatcher({PLAN: PLAN_TEXT.replace("Falls Prevention", "Falls")}, CHUNK_BOROUGHS)
    assert [r.quote for r in moved.unlocated(GOLD.lines["Brent"].borderline)] == ["Falls Prevention"]


def test_an_indented_line_under_a_bullet_is_part_of_it_and_a_label_ends_it() -> None:
    citations = [_cite(1, PLAN, "Expand the Brent bridging service for people leaving hospital")]
    answer = "Care at home:\n- Bridging service\n  Status: decided [1]\nStatus: decided [1]\n- Next\n"
    bullets = parse_bullets(answer, citations, _matcher())
    assert [(b.text, len(b.cited)) for b in bullets] == [("Bridging service Status: decided [1]", 1), ("Next", 0)]


def test_judged_changes_are_tolerated_and_judged_not_changes_are_noise_told_apart_from_unjudged_ones() -> None:
    citations = [
        _cite(1, PLAN, "Recruit a digital safety officer for the clinical systems"),
        _cite(2, PLAN, "Many people want to understand their care better"),
        _cite(3, PLAN, "Hold a summer fete at the health centre"),
    ]
    answer = "- Safety officer [1]\n- People want to understand [2]\n- A fete [3]\n"
    score = _score("Brent", answer, citations)
    assert score.noise == ["People want to understand [2]", "A fete [3]"]
    assert score.unjudged == ["A fete [3]"]
    assert score.recalled == set()  # a judged change is tolerated, never required
    # Judgements belong to their line: Harrow's answer does not inherit Brent's.
    assert _score("Harrow", answer, citations).unjudged == [
        "Safety officer [1]", "People want to understand [2]", "A fete [3]"
    ]  # fmt: skip
