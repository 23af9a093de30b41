"""Plans set out as timelines, tables of aims and NW London-wide targets, in documents written here."""

from __future__ import annotations

from ingest.change_rules import is_demographic
from tests.ingest.change_docs import extract, meta

DELIVERABLES = (
    "Our key deliverables by year\n\n"
    "Falls and frailty\n\n"
    "2025/26\n\n"
    "- Falls response worker model introduced\n"
    "- Training and support for carers of people who fall at home\n\n"
    "2027/28\n\n"
    "- Strength and balance classes in every library\n"
)


def test_a_year_set_as_a_line_dates_the_deliverables_under_it() -> None:
    records = {r.summary: r for r in extract(DELIVERABLES, meta("falls", ("Brent",), date_sort="2025-06"))}
    assert records["Falls response worker model introduced"].when == "2025/26"
    assert records["Training and support for carers of people who fall at home"].when == "2025/26"
    assert records["Strength and balance classes in every library"].when == "2027/28"


def test_a_year_already_past_when_the_paper_was_written_announces_nothing() -> None:
    records = extract(DELIVERABLES, meta("falls-review", ("Brent",), date_sort="2029-01"))
    assert not records, [r.summary for r in records]  # a record of what was done, not a plan


def test_a_sub_priority_column_names_aims_and_a_bare_percentage_outcome_is_a_target() -> None:
    text = (
        "Priority 3: urgent care\n\n"
        "Priority area\tSub-priority\tTarget date\tOutcomes\tOwner\n"
        "Community\tCapacity improvements and reduction in waiting times\t2026/27\t"
        "Urgent community response within two hours 90%; Open a falls car in every borough\tICB team\n"
    )
    summaries = {r.summary for r in extract(text, meta("urgent", ("Harrow",)))}
    assert "Urgent community response within two hours 90%" in summaries
    assert "Open a falls car in every borough" in summaries
    assert "Capacity improvements and reduction in waiting times" not in summaries
    # Figures about residents stay demographic, announced or not.
    assert is_demographic("56% of Brent residents were born overseas", announced=True)
    assert is_demographic("Urgent community response within two hours 90%")
    assert not is_demographic("Urgent community response within two hours 90%", announced=True)


def test_a_borough_named_as_where_a_target_starts_leaves_it_nw_london_wide() -> None:
    text = (
        "# North West London cancer priority\n\n"
        "Over the next five years we will:\n"
        "- Reduce late diagnosis of bowel cancer by 10% (starting with Brent, which has the most to gain)\n"
        "- Open a prostate clinic in Brent by 2027\n"
    )
    records = {r.summary: r for r in extract(text, meta("cancer", ("nw_london",)))}
    target = records["Reduce late diagnosis of bowel cancer by 10% (starting with Brent, which has the most to gain)"]
    assert target.scope == "nw_london"
    assert records["Open a prostate clinic in Brent by 2027"].boroughs == ("Brent",)
