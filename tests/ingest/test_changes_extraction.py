"""Change extraction on small documents written here, in shapes the bundled corpus does not have."""

from __future__ import annotations

from assistant.boroughs import BOROUGHS
from ingest.change_register import settle
from ingest.change_rules import is_change, is_demographic
from tests.ingest.change_docs import extract, meta
from tests.ingest.change_docs import summaries as summaries_of

TODAY_FROM = (
    "Minor injuries in Hounslow\n\n"
    "What changes for patients\n\n"
    "Today\tFrom April 2026\tWhat changes\n"
    "Walk-in centre open 8am to 8pm on weekdays\tWalk-in centre open 8am to 10pm every day\tLonger opening hours\n"
    "Physiotherapy by GP referral only\tSelf-referral to physiotherapy at the walk-in centre\tNew route\n"
    "Dressing clinic at the health centre\tNo change\tNo change\n"
)


def test_current_new_table_rows_become_current_to_new_records() -> None:
    records = extract(TODAY_FROM, meta("wic", ("Hounslow",)))
    changes = [r for r in records if not r.stays_same]
    same = [r for r in records if r.stays_same]
    assert len(changes) == 2 and len(same) == 1
    first = changes[0]
    assert first.current == "Walk-in centre open 8am to 8pm on weekdays"
    assert first.new == "Walk-in centre open 8am to 10pm every day"
    assert first.summary == f"{first.current} → {first.new}"
    assert first.kind == "expanded"  # "Longer opening hours"
    assert first.scope == "borough" and first.boroughs == ("Hounslow",)
    assert same[0].current == "Dressing clinic at the health centre" and same[0].new is None


def test_list_under_a_lead_in_that_announces_changes() -> None:
    text = (
        "Community eye care across North West London\n\n"
        "The service also includes an extension of community optometry, including:\n"
        "- Glaucoma monitoring in high street optometrists\n"
        "- Cataract referral checks close to home\n"
        "- Home visits for housebound residents\n"
    )
    records = extract(text, meta("eyes", ("nw_london",)))
    quotes = {r.summary for r in records}
    assert {
        "Glaucoma monitoring in high street optometrists",
        "Cataract referral checks close to home",
        "Home visits for housebound residents",
    } <= quotes
    assert all(r.scope == "nw_london" and set(r.boroughs) == set(BOROUGHS) for r in records)


def test_activity_table_rows_led_by_change_verbs() -> None:
    text = (
        "Westminster delivery plan 2025/26 to 2027/28\n\n"
        "Workstream\tActivity\tTarget date\tOwner / governance\n"
        "Falls\tEstablish a falls response team for care homes\tQ3 25/26\tFrailty board\n"
        "Diabetes\tRoll out structured education in every practice\tMarch 2027\tPlace board\n"
    )
    records = extract(text, meta("wsm", ("Westminster",)))
    by_quote = {r.summary: r for r in records}
    assert "Establish a falls response team for care homes" in by_quote
    assert "Roll out structured education in every practice" in by_quote
    assert by_quote["Establish a falls response team for care homes"].when == "Q3 25/26"
    assert by_quote["Establish a falls response team for care homes"].kind == "new"
    assert not any("board" in q.lower() for q in by_quote)  # the owner column holds no change
    assert all(r.boroughs == ("Westminster",) for r in records)


def test_a_layout_grids_heading_cells_title_the_cells_below_them_and_are_no_change() -> None:
    # A page laid out as a grid of cells, each titled by a heading (HTML exported from slides): the titles name
    # areas of work, the cells under them say what will change.
    text = (
        "Priorities for Harrow 2025/26 to 2027/28\n\n"
        "Focus\tYear 1\tYears 2-5\n"
        "Care in the community\t<h3>Stronger community end of life care</h3>\t<h3>Joined-up care at home</h3>\n"
        "\t<ul> \u2022 Establish an end of life hub in Wealdstone \u2022 Extend specialist nurse hours to weekends</ul>"
        "\t<ul> \u2022 Launch a single referral line for home care</ul>\n"
    )
    found = summaries_of(text, "hrw", ("Harrow",))
    assert {"Establish an end of life hub in Wealdstone", "Launch a single referral line for home care"} <= found
    assert not any("Stronger community" in s or s == "Joined-up care at home" for s in found)


def test_a_cell_under_a_column_title_naming_a_topic_is_filed_under_it() -> None:
    # A grid in bands, each band titled by a plain row of column titles (a borough plan exported from slides): a
    # statement whose own words name no topic takes its column's; its programme is the column, not the page title.
    text = (
        "Priorities for Ealing Borough Partnership 2025/26\n\n"
        "Mental Health\tIntegrated Neighbourhood teams\tCarers\n"
        "<p>Activities:</p> <ul> \u2022 Open a new crisis cafe in Acton for adults in distress every evening</ul>"
        "\t<p>Activities:</p> <ul> \u2022 Establish weekly huddles across practices</ul>"
        "\t<p>Activities:</p> <ul> \u2022 Launch a carers card</ul>\n"
        "Reactive care\tPrimary Care\tChildren\n"
        "<p>Activities:</p> <ul> \u2022 Implement the integrated discharge pathway so patients leave hospital to the"
        " right setting on time</ul>"
        "\t<p>Activities:</p> <ul> \u2022 Improve delivery of enhanced services</ul>"
        "\t<p>Activities:</p> <ul> \u2022 Launch a school nursing offer</ul>\n"
    )
    by_summary = {r.summary: r for r in extract(text, meta("eal", ("Ealing",)))}
    enhanced = by_summary["Improve delivery of enhanced services"]
    assert (enhanced.topic, enhanced.programme) == ("primary care", "Primary Care")
    huddles = by_summary["Establish weekly huddles across practices"]
    assert (huddles.topic, huddles.programme) == ("community services", "Integrated Neighbourhood teams")
    # its own words still decide first; a title naming no topic ("Carers", "Reactive care") leaves the page's
    discharge = next(r for s, r in by_summary.items() if s.startswith("Implement the integrated discharge pathway"))
    assert discharge.topic == "urgent care" and discharge.programme.startswith("Priorities for Ealing")
    assert by_summary["Launch a carers card"].programme.startswith("Priorities for Ealing")
    # the second band's titles are no change, and do not title the first band's cells
    assert not {"Reactive care", "Primary Care", "Children"} & set(by_summary)
    assert by_summary["Launch a school nursing offer"].programme == "Children"


def test_a_cell_under_a_year_column_is_dated_by_it_rather_than_by_the_rows_focus_year() -> None:
    text = (
        "Children's services plan\n\n"
        "Area\tFocus year\tYear 1\tYear 2\n"
        "School nursing\tYear 1\tRecruit two school nurses for special schools\tExtend school nursing to holidays\n"
    )
    by_summary = {r.summary: r for r in extract(text, meta("cyp", ("Ealing",)))}
    assert by_summary["Recruit two school nurses for special schools"].when == "Year 1"
    assert by_summary["Extend school nursing to holidays"].when == "Year 2"


def test_a_change_word_after_of_or_the_continues_the_phrase_it_starts_no_item() -> None:
    text = (
        "Next steps include:\n"
        "- Engagement on the options for the location of Enhanced end-of-life care beds – August 2026\n"
        "- Improve the referral route – Q2 26/27 Implementation of the single point of access\n"
    )
    summaries = summaries_of(text, "steps", ("Brent",))
    assert not [s for s in summaries if s.startswith("Enhanced end-of-life")], summaries
    assert "Implementation of the single point of access" in summaries  # after a date, a new item


def test_a_plan_table_keeps_its_changes_not_its_labels_or_statements_of_need() -> None:
    text = (
        "Bexley community plan\n\n"
        "Outcomes\tActivities\n"
        "Equity of experience of care\tOpen a evening clinic for carers at the health centre\n"
        "Digital and data\tThe service needs better tools to plan its rotas\n"
        "Other areas / pathways\tShorter waits for hearing tests\n"
    )
    summaries = summaries_of(text, "bexley", ("Brent",))
    assert "Open a evening clinic for carers at the health centre" in summaries
    assert "Shorter waits for hearing tests" in summaries  # short, but says what will differ
    assert not summaries & {"Equity of experience of care", "Digital and data", "Other areas / pathways"}
    assert not any("needs better tools" in s for s in summaries)


def test_a_borough_joining_a_nw_london_wide_programme_is_the_boroughs_change() -> None:
    text = (
        "# Our boroughs\n\n"
        "## Harrow\n\n"
        "Activities for Harrow\n\n"
        "Over the next year we will:\n"
        "- Join the NW London wide falls programme to bring the falls service into every care home\n"
        "- Extend the falls service to every care home across NW London\n"
    )
    records = {r.summary: r for r in extract(text, meta("plan", ("nw_london",)))}
    joined = records["Join the NW London wide falls programme to bring the falls service into every care home"]
    assert (joined.scope, joined.boroughs) == ("borough", ("Harrow",))
    assert records["Extend the falls service to every care home across NW London"].scope == "nw_london"


def test_a_priority_named_in_a_row_label_or_a_contents_line_is_no_change() -> None:
    text = (
        "Contents\n\n"
        "PRIORITY 1: Expand community diagnostics\t12\n"
        "PRIORITY 2: Improve access to care\t18\n\n"
        "# Our plan for 2026/27\n\n"
        "Aim\tWhat we will do\tWhen\n"
        "Improve access to care\tOpen a walk-in centre at the health centre\tQ3 26/27\n"
        "Better mental health\tExtend the crisis line to 24 hours a day\tQ4 26/27\n"
    )
    summaries = summaries_of(text, "aims-table", ("Brent",))
    assert "Open a walk-in centre at the health centre" in summaries
    assert "Extend the crisis line to 24 hours a day" in summaries
    assert not summaries & {"Expand community diagnostics", "Improve access to care"}, summaries


def test_a_slide_title_run_into_its_text_announces_the_list_after_it() -> None:
    text = (
        "Appendix 2\n\n"
        "Key strategic changes for 2026/27 Community services Expand and reform urgent community response. "
        "This work aims to reduce variation across the sector and to give every resident the same offer.\n"
        "- Crisis response within two hours of referral for frail residents\n"
        "- Ambulance triage linked to the community hub and to the rapid response team\n"
    )
    summaries = summaries_of(text, "slides", ("nw_london",))
    assert "Crisis response within two hours of referral for frail residents" in summaries
    assert "Ambulance triage linked to the community hub and to the rapid response team" in summaries


def test_a_short_line_above_its_paragraph_is_a_title_but_a_labelled_line_is_an_item() -> None:
    text = (
        "Our aims\n\n"
        "Improve access to care.\n\n"
        "Work across the district will look at how people reach their practice and how long they wait for it, "
        "drawing on what residents have told us over the past year about booking and about getting through.\n\n"
        "Open a second minor injuries unit by March 2027.\n\n"
        "Podiatry\n\n"
        "Reduce waiting lists for foot care clinics.\n\n"
        "Strengthen our partnerships.\n\n"
        "We will expand the evening clinic at the health centre to Saturdays.\n"
    )
    summaries = summaries_of(text, "aims", ("Harrow",))
    assert "Improve access to care" not in summaries  # a title: the paragraph under it says what it means
    assert "Strengthen our partnerships" not in summaries
    assert "Open a second minor injuries unit by March 2027" in summaries  # dated: a plan however short
    assert "Reduce waiting lists for foot care clinics" in summaries  # the item of the label above it
    assert "We will expand the evening clinic at the health centre to Saturdays" in summaries  # future marker


def test_a_boroughs_section_ends_with_it_and_a_glossary_states_no_plan() -> None:
    text = (
        "# Section 1: Our plan for North West London\n\n"
        "Over the next year we will:\n"
        "- Open a new diagnostic centre for the whole area by March 2027\n\n"
        "# Section 2: Our boroughs\n\n"
        "## Harrow\n\n"
        "Local priorities for Harrow agreed by partners\n\n"
        "Over the next year we will:\n"
        "- Extend the falls service to every care home in the borough\n\n"
        "# Section 3: Supporting plans\n\n"
        "Over the next year we will:\n"
        "- Introduce a single complaints line for every service\n\n"
        "# Section 4: Glossary of terms\n\n"
        "### Terms\n\n"
        "- Integrated neighbourhood teams: teams that will bring together GPs, nurses and social workers\n"
        "- Virtual ward: a service that will provide hospital care at home\n"
    )
    records = {r.summary: r for r in extract(text, meta("plan", ("nw_london",)))}
    place = {s: (r.scope, r.boroughs if r.scope == "borough" else ()) for s, r in records.items()}
    assert place["Open a new diagnostic centre for the whole area by March 2027"][0] == "nw_london"
    assert place["Extend the falls service to every care home in the borough"] == ("borough", ("Harrow",))
    # The line naming Harrow inside Harrow's section holds no further than the section.
    assert place["Introduce a single complaints line for every service"][0] == "nw_london"
    assert not [s for s in records if "teams" in s or "Virtual ward" in s]  # definitions, not plans


def test_a_title_opened_by_nw_london_widens_but_one_naming_a_borough_narrows() -> None:
    text = (  # slide titles run into their text, as a slide deck's text extraction gives them
        "Hounslow Health and Wellbeing Board\n\n"
        "North West London System Intentions 2026/27 version 1.2 Urgent and emergency care slide 4\n\n"
        "- Open a new diagnostic centre for the whole area by March 2027\n\n"
        "North West London System Intentions 2026/27 Hounslow local context Urgent and emergency care\n\n"
        "- Expand the community diabetes clinic to Saturdays by April 2027\n\n"
        "Community: Better Care – the NW London diabetes programme (slide 12) local progress and next steps\n\n"
        "- Extend the falls service to every care home by June 2027\n"
    )
    records = {r.summary: r for r in extract(text, meta("hwb", ("Hounslow",)))}
    assert records["Open a new diagnostic centre for the whole area by March 2027"].scope == "nw_london"
    for local in (
        "Expand the community diabetes clinic to Saturdays by April 2027",
        "Extend the falls service to every care home by June 2027",  # a NW London programme, Hounslow's part
    ):
        assert (records[local].scope, records[local].boroughs) == ("borough", ("Hounslow",)), local


def test_minutes_report_discussion_not_plans_but_a_decision_in_them_is_news() -> None:
    text = (
        "# Actions and matters arising\n\n"
        "- The transition year would be used to plan and expand the falls service\n"
        "- The Board approved Option B (a walk-in centre open 8am to 10pm every day from April 2027)\n"
    )
    summaries = summaries_of(text, "minutes", ("Harrow",))
    assert summaries == {"a walk-in centre open 8am to 10pm every day from April 2027"}, summaries


def test_a_charts_borough_labels_name_no_section() -> None:
    text = (
        "Our plan for the whole area\n\n"
        "# Brent Ealing Harrow\n\n"
        "# Hounslow Hillingdon\n\n"
        "# Westminster\n\n"
        "(first at the Hillingdon site)\n\n"
        "Over the next year we will:\n"
        "- Open a new diagnostic centre for the whole area by March 2027\n"
        "- Extend the falls service to every care home\n"
    )
    records = extract(text, meta("chart", ("nw_london",)))
    assert {r.summary for r in records} >= {
        "Open a new diagnostic centre for the whole area by March 2027",
        "Extend the falls service to every care home",
    }
    assert all(r.scope == "nw_london" for r in records), [(r.summary, r.boroughs) for r in records]


def test_a_paragraph_of_demographics_yields_nothing() -> None:
    text = (
        "About Ealing\n\n"
        "Ealing has 367,100 residents. The median age is 36 and 44% of residents were born overseas. "
        "The over-65 population is projected to increase by 40% by 2035. "
        "Life expectancy is 80 years for men and 84 years for women.\n"
    )
    assert extract(text, meta("about", ("Ealing",))) == []
    assert is_demographic("56% of residents were born overseas")
    assert not is_change("Ealing's median age is 35, with 22% of local people under the age of 18")


def test_planned_change_sentence_and_status_from_the_deciding_paper() -> None:
    proposal = (
        "Proposed changes to stroke rehabilitation in North West London\n\n"
        "We propose that a new early supported discharge service for stroke will open in every borough by 2026.\n"
    )
    decision = (
        "Stroke rehabilitation: decision\n\n"
        "The ICB Board has approved the new early supported discharge service for stroke in every borough. "
        "Contracts will be in place by 1 March 2026.\n\n"
        "What will change:\n"
        "- A new early supported discharge service for stroke in every borough\n"
    )
    older = extract(proposal, meta("proposal", ("nw_london",), status="proposed", date_sort="2025-01"))
    newer = extract(decision, meta("decision", ("nw_london",), status="decided", date_sort="2025-09"))
    assert older and older[0].status == "proposed"
    settled = settle([*older, *newer])
    merged = [r for r in settled if "early supported discharge" in r.summary]
    assert len(merged) == 1  # the same change in two documents is one record with both citations
    record = merged[0]
    assert record.document == "decision" and {s.doc_id for s in record.spans} == {"decision", "proposal"}
    assert record.status == "decided" and record.status_source is not None
    assert "has approved" in record.status_source.quote
    assert record.when == "by 1 March 2026"


def test_a_status_rests_on_words_that_state_it_or_stays_unsaid() -> None:
    plan = (
        "Community plan\n\n"
        "Our ways of working have been agreed with partners.\n\n"
        "Over the next year we will:\n"
        "- Expand the district nursing service to evenings\n"
    )
    (decided,) = extract(plan, meta("plan", ("nw_london",), status="decided"))
    assert decided.status == "decided"  # the manifest says so ...
    assert decided.status_source is not None and decided.status_source.quote == ""  # ... no sentence decides it
    (unsaid,) = extract(plan, meta("pack", ("nw_london",), status="in place"))
    assert unsaid.status is None and unsaid.status_source is None  # nothing says the change is in place


def test_older_plans_carry_their_era() -> None:
    text = "Plan\n\nWe will expand the community nursing service by 2018.\n"
    old = extract(text, meta("old", ("nw_london",), date_sort="2016-10"))
    new = extract(TODAY_FROM, meta("wic", ("Hounslow",), date_sort="2025-09"))
    settled = settle([*old, *new])
    assert {r.era for r in settled if r.document == "old"} == {"older"}
    assert {r.era for r in settled if r.document == "wic"} == {"current"}


def test_a_change_opening_a_numbered_list_announces_its_items() -> None:
    text = (
        "Harrow priorities\n\n"
        "Develop neighbourhood teams in every part of Harrow with 3 core functions: 1. Same day urgent care for people"
        " with simple needs; 2. Proactive care for at risk population cohorts with an emphasis on frailty; 3. Advice"
        " for carers of residents with dementia\n"
    )
    found = summaries_of(text, "harrow-plan", ("Harrow",))
    assert any(s.startswith("Proactive care for at risk population cohorts") for s in found)
    assert any(s.startswith("Advice for carers of residents with dementia") for s in found)
    # a numbered list no change opens announces nothing
    listed = "Harrow facts\n\nThe borough has 3 features: 1. A young population; 2. Many languages spoken at home\n"
    assert summaries_of(listed, "harrow-facts", ("Harrow",)) == set()


def test_an_aside_in_brackets_does_not_make_a_statement_a_description() -> None:
    assert is_change("Enhance the shared care record to include social care (will require national funding)")
    assert not is_change("Enhance the shared care record to include social care, which will require national funding")
