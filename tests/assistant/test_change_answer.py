"""Register answers on the hand-made register (tests/assistant/handmade_changes.py): no model, no index."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant.change_answer import compose_changes, short_date
from assistant.change_question import change_question
from assistant.change_views import changes_response
from assistant.citations import build_citations
from assistant.query import plan_query
from assistant.records import Composition
from tests.assistant import handmade_changes as hm

BULLET = re.compile(r"^- (.+) \((.+)\) ((?:\[\d+\])+)$")


def answer(question: str, hard_filter: tuple[str, ...] = ()) -> Composition:
    asked = change_question(plan_query(question, question, hard_filter))
    assert asked is not None, question
    composition = compose_changes(hm.register(), hm.snapshot(), asked)
    assert composition is not None
    return composition


def bullets(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- ")]


def section(text: str, heading: str) -> str:
    """The block of the answer that starts with `heading` (blocks are separated by blank lines)."""
    return next(block for block in text.split("\n\n") if block.startswith(heading))


def test_borough_answer_lists_its_own_then_nw_london_changes_each_cited() -> None:
    composition = answer("What changes for residents in Brent?")
    text = composition.answer
    own = section(text, "In Brent:")
    wide = section(text, "Across NW London")
    assert hm.TALKING in own and hm.GP in own and hm.HOSPICE not in own
    assert hm.HOSPICE in wide and hm.CARE_HOME in wide
    assert "Mental health:" in own and "Primary care:" in own
    assert hm.DEMOGRAPHIC not in text
    for line in bullets(text):
        assert BULLET.match(line), line
    citations = build_citations(composition.units, hm.snapshot())  # raises unless every quote is verbatim
    quoted = {c.quote for c in citations}
    assert {hm.TALKING, hm.GP, hm.HOSPICE, hm.ADVICE, hm.CARE_HOME} <= quoted
    assert composition.status == "mixed" and not composition.abstained


def test_bullets_carry_current_to_new_status_date_and_when() -> None:
    text = answer("What changes for residents in Brent?").answer
    assert "- 9am to 5pm advice line → 24/7 advice line (decided, 2025) [" in text
    assert f"- {hm.HOSPICE} (decided, 2025; by 1 October 2025) [" in text
    assert f"- {hm.GP} (proposed, Feb 2024; 2024/25) [" in text


def test_answer_ends_with_one_status_line_counting_each_status() -> None:
    text = answer("What changes for residents in Brent?").answer
    status = "Status: 3 decided, 2 proposed, 1 older plan; each change gives its own, with its date."
    assert text.splitlines()[-1] == status
    each = answer("What changes in each borough?").answer
    assert each.count("Status: ") == 1


def test_older_plans_come_after_every_current_change_with_their_date() -> None:
    text = answer("What changes for residents in Brent?").answer
    older = section(text, "Older plans (not current")
    assert f"- {hm.OLD} (older plan, 2016; proposed; Brent) [" in older
    assert hm.OLD not in section(text, "In Brent:")
    assert text.index(hm.OLD) > max(text.index(hm.HOSPICE), text.index(hm.GP), text.index(hm.CARE_HOME))
    each = answer("What changes in each borough?").answer
    assert each.index(hm.OLD) > each.index("Across NW London")


def test_no_change_rows_are_listed_apart_as_staying_the_same() -> None:
    text = answer("What changes for residents in Brent?").answer
    same = section(text, "Stays the same")
    assert "\nInpatient hospice beds → No change (2025) [" in same
    assert not any("No change" in line for line in bullets(text))
    assert "No change" not in section(text, "Across NW London")


def test_each_borough_gives_sections_one_shared_block_and_names_the_rest() -> None:
    text = answer("What changes in each borough?").answer
    assert text.count("In Brent:") == 1 and "In Ealing:" not in text
    assert text.count("Across NW London") == 1
    missing = section(text, "No borough-specific change")
    for borough in ("Ealing", "Hammersmith and Fulham", "Harrow", "Hillingdon", "Hounslow", "Westminster"):
        assert borough in missing
    assert "Brent" not in missing


def test_topic_question_brings_every_nw_london_change_of_that_topic() -> None:
    composition = answer("What is changing in palliative care for Harrow residents?")
    text = composition.answer
    assert hm.HOSPICE in text and "24/7 advice line" in text
    # Filed under care homes, but stated by a palliative care model: a palliative care change too.
    assert hm.CARE_HOME in text and hm.TALKING not in text
    assert "In Harrow:" not in text and "specific to Harrow; NW London-wide ones apply" in text
    assert composition.status == "decided"


def test_nothing_in_the_register_for_the_scope_falls_back() -> None:
    asked = change_question(plan_query("q", "What is changing in cancer screening for Brent?"))
    assert asked is not None and asked.topic == "cancer"
    assert compose_changes(hm.register(), hm.snapshot(), asked) is None
    brent = change_question(plan_query("q", "What changes in Brent?"))
    assert brent is not None
    assert compose_changes(hm.register([]), hm.snapshot([]), brent) is None


def test_new_services_question_leaves_out_reductions_unless_nothing_else() -> None:
    cut = hm.record("cut", "brent-plan", hm.GP, "primary care", "reduced", boroughs=("Brent",), status="proposed")
    records = [r for r in hm.RECORDS if r.id != "gp"] + [cut]
    asked = change_question(plan_query("q", "Which services are new in Brent?"))
    assert asked is not None and asked.new_only
    text = compose_changes(hm.register(records), hm.snapshot(records), asked)
    assert text is not None and text.answer.startswith("New and expanded services for residents in Brent")
    assert hm.TALKING in text.answer and hm.GP not in text.answer
    only_cut = compose_changes(hm.register([cut]), hm.snapshot([cut]), asked)
    assert only_cut is not None and hm.GP in only_cut.answer and only_cut.answer.startswith("Changes")


def test_what_has_been_decided_lists_what_is_settled_and_falls_back_when_nothing_is() -> None:
    asked = change_question(plan_query("q", "What has been approved or decided for Brent?"))
    assert asked is not None and asked.settled_only
    text = compose_changes(hm.register(), hm.snapshot(), asked)
    assert text is not None and text.answer.startswith("Changes decided or in place for residents in Brent")
    assert hm.HOSPICE in text.answer and hm.TALKING not in text.answer and hm.GP not in text.answer
    proposals = [r for r in hm.RECORDS if r.status == "proposed"]
    only_proposed = compose_changes(hm.register(proposals), hm.snapshot(proposals), asked)
    assert only_proposed is not None and hm.TALKING in only_proposed.answer
    assert only_proposed.answer.startswith("Changes for residents in Brent")


@pytest.mark.parametrize(
    "question",
    [
        "What has been decided for Brent, and what is still up in the air?",
        "What changes have been agreed or proposed for Brent?",
        "what's been agreed for Brent and what's just talk?",
        "What has been decided and what will be different for hospice care in Brent?",
    ],
)
def test_asking_for_the_settled_and_the_rest_lists_both(question: str) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and not asked.settled_only


def test_short_date_keeps_what_the_document_says() -> None:
    assert short_date("February 2024") == "Feb 2024"
    assert short_date("5 July 2024") == "Jul 2024"
    assert short_date("2025 (undated)") == "2025"
    assert short_date("undated") == "undated"


def test_changes_response_cites_verbatim_and_lists_stays_same_apart() -> None:
    response = changes_response(hm.register(), hm.snapshot(), ["Harrow"], None)
    ids = [c.id for c in response.changes]
    assert "talking" not in ids and "hospice" in ids and "beds" not in ids
    assert [c.id for c in response.stays_same] == ["beds"]
    for change in response.changes:
        assert (
            change.citations
            and change.citations[0].quote
            == hm.DOCUMENTS[change.document].text[change.citations[0].start : change.citations[0].end]
        )


def test_changes_for_the_organisation_are_counted_not_listed() -> None:
    """A NW London-wide change to how the NHS runs itself stays in the register but a residents' answer only
    counts it; a borough's own changes are all listed, whatever their audience."""
    organisation = {"gp", "care-homes"}
    records = [replace(r, audience="organisation") if r.id in organisation else r for r in hm.RECORDS]
    asked = change_question(plan_query("What changes for residents in Brent?", "What changes for residents in Brent?"))
    assert asked is not None
    composition = compose_changes(hm.register(records), hm.snapshot(records), asked)
    assert composition is not None
    lines = bullets(composition.answer)
    assert not any(hm.CARE_HOME in line for line in lines)
    assert any(hm.GP in line for line in lines) and any(hm.TALKING in line for line in lines)
    assert "also list 1 change to how the NHS organises itself" in composition.answer
    listed = changes_response(hm.register(records), hm.snapshot(records), ["Brent"], None)
    assert any(c.summary == hm.CARE_HOME and c.audience == "organisation" for c in listed.changes)


def test_a_narrower_question_lists_only_the_records_that_name_what_it_narrows_to() -> None:
    asked = change_question(plan_query("q", "Is anything changing for the advice line in palliative care in Brent?"))
    assert asked is not None and asked.focus == ("advice", "line")
    composition = compose_changes(hm.register(), hm.snapshot(), asked)
    assert composition is not None
    text = composition.answer
    assert "9am to 5pm advice line → 24/7 advice line" in text and hm.HOSPICE not in text
    assert "that name “advice” or “line”" in text.splitlines()[0]
    # Nothing in the register names it: the answer says so, then gives the topic's changes (the passages such a
    # question used to get were demographics and loosely related rows, batch 144 in evals/datasets/changes.README.md).
    none = change_question(plan_query("q", "Is anything changing for chaplaincy in palliative care in Brent?"))
    assert none is not None and none.focus == ("chaplaincy",)
    whole = compose_changes(hm.register(), hm.snapshot(), none)
    assert whole is not None and not whole.abstained
    assert whole.answer.startswith(
        "No change the documents state names “chaplaincy”; these are the changes in palliative"
    )
    assert "9am to 5pm advice line → 24/7 advice line" in whole.answer and hm.HOSPICE in whole.answer
    # A question with no topic has nothing to widen to: passages answer.
    assert compose_changes(hm.register(), hm.snapshot(), replace(none, topic=None)) is None


def test_a_question_about_a_site_lists_only_the_records_that_name_it() -> None:
    asked = change_question(plan_query("q", "What is changing at Central Middlesex Hospital?"))
    assert asked is not None and asked.boroughs == ("Brent",) and asked.sites == ("Central Middlesex Hospital",)
    # Nothing in the register names the site: the borough's whole list would not answer, passages do.
    assert compose_changes(hm.register(), hm.snapshot(), asked) is None
    at_site = "Brent will open a new talking therapies hub at Central  Middlesex hospital."
    records = [replace(r, summary=at_site) if r.id == "talking" else r for r in hm.RECORDS]
    composition = compose_changes(hm.register(records), hm.snapshot(records), asked)
    assert composition is not None
    listed = bullets(composition.answer)
    assert len(listed) == 1 and "talking therapies hub at Central Middlesex hospital" in listed[0]
    assert "at Central Middlesex Hospital" in composition.answer.splitlines()[0]


def test_a_site_that_only_says_where_the_asker_is_narrows_nothing() -> None:
    asked = change_question(plan_query("q", "I'm a patient at Central Middlesex Hospital. What is changing in Brent?"))
    assert asked is not None and asked.sites == ()
    assert compose_changes(hm.register(), hm.snapshot(), asked) is not None


def test_two_topics_asked_list_the_records_of_both() -> None:
    asked = change_question(plan_query("q", "What is changing in mental health or GP services in Brent?"))
    assert asked is not None and asked.topics == ("mental health", "primary care")
    composition = compose_changes(hm.register(), hm.snapshot(), asked)
    assert composition is not None
    assert "in mental health and primary care for residents in Brent" in composition.answer.splitlines()[0]
    assert hm.TALKING in composition.answer and hm.GP in composition.answer and hm.HOSPICE not in composition.answer
