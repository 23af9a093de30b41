"""The extractive composer on hand-made chunks: unit splitting, scoring and when it abstains."""

from __future__ import annotations

from assistant.compose import ComposerConfig, ExtractiveComposer, render_unit, split_units
from assistant.lexicon import Lexicon
from assistant.query import plan_query
from assistant.records import Unit
from tests.assistant.handmade import CHUNKS, LIST_CHUNK, PARAGRAPH_CHUNK, ROW_CHUNK, TEXT, hits


def _composer(config: ComposerConfig | None = None) -> ExtractiveComposer:
    return ExtractiveComposer(Lexicon(CHUNKS), config)


def test_split_units_gives_sentences_at_document_offsets() -> None:
    units = split_units(PARAGRAPH_CHUNK, rank=2)
    assert [u.text for u in units] == [
        "The community palliative care team works 9am to 5pm on weekdays today.",
        "From 1st October 2025 the team will work 8am to 8pm, 7 days a week.",
        "The proposals were approved by the programme board in June 2024.",
    ]  # "Ok." is too short to cite
    assert all(TEXT[u.start : u.end] == u.text and u.rank == 2 for u in units)


def test_split_units_keeps_list_numbering_with_its_item() -> None:
    texts = [u.text for u in split_units(LIST_CHUNK, rank=0)]
    assert texts == [
        "The service has two functions: 1. Same day advice for families.",
        "2. A night sitting service for carers.",
    ]


def test_split_units_pairs_table_cells_with_their_columns() -> None:
    (unit,) = split_units(ROW_CHUNK, rank=0)
    assert unit.cells == [("Current", "9am to 5pm on weekdays"), ("New", "8am to 8pm, 7 days a week")]
    assert TEXT[unit.start : unit.end] == unit.text


def test_when_question_is_answered_by_dated_evidence_only() -> None:
    question = "When will the palliative care team work 8am to 8pm?"
    composition = _composer().compose(hits(*CHUNKS), plan_query(question, question))
    assert not composition.abstained
    sentence = "From 1st October 2025 the team will work 8am to 8pm, 7 days a week."
    assert [u.text for u in composition.units] == [sentence]
    assert composition.answer == f"- {sentence} [1]"


def test_scores_put_covering_evidence_first() -> None:
    question = "What are the hours of the palliative care team?"
    units = _composer().select(hits(*CHUNKS), plan_query(question, question))
    assert units and "palliative care team works" in units[0].text
    assert units == sorted(units, key=lambda u: u.score, reverse=True)
    assert all(0.0 <= u.coverage <= 1.0 for u in units)


def test_abstains_when_the_evidence_lacks_the_answer_shape() -> None:
    question = "What is the phone number of the palliative care team?"
    composition = _composer().compose(hits(*CHUNKS), plan_query(question, question))
    assert composition.abstained and composition.units == []
    assert composition.answer.startswith("The documents do not say")


def test_abstains_on_a_place_outside_north_west_london() -> None:
    question = "How much does the new stadium in Camden cost?"
    composition = _composer().compose(hits(*CHUNKS), plan_query(question, question))
    assert composition.abstained and "anything about Camden" in composition.answer


def test_abstention_thresholds_decide_weak_evidence() -> None:
    question = "What are the hours of the palliative care team?"
    plan = plan_query(question, question)
    found = hits(*CHUNKS, dense=0.2)
    units = _composer().select(found, plan)
    best = max(u.coverage for u in units)
    assert not _composer().is_weak(units, found, plan)
    strict = ComposerConfig(abstain_floor=best + 0.01)
    assert _composer(strict).is_weak(units, found, plan)
    assert _composer().is_weak([], found, plan)


def test_a_detail_the_evidence_does_not_state_gives_a_partial_answer_citing_what_it_does() -> None:
    question = "On what date did the programme board approve the proposals?"
    composition = _composer().compose(hits(*CHUNKS), plan_query(question, question))
    assert composition.abstained and composition.settled_outcome == "partial"
    first, *bullets = composition.answer.split("\n")
    assert first == (
        "The documents do not answer “On what date did the programme board approve the proposals?” "
        "What they do say nearby:"
    )
    assert bullets[0] == "- The proposals were approved by the programme board in June 2024. [1]"
    assert [u.text for u in composition.units] == ["The proposals were approved by the programme board in June 2024."]


def test_the_same_detail_stated_in_one_sentence_is_answered() -> None:
    question = "When did the programme board approve the proposals?"
    composition = _composer().compose(hits(*CHUNKS), plan_query(question, question))
    assert not composition.abstained and composition.settled_outcome == "answered"
    assert "June 2024" in composition.answer


def test_a_detail_with_nothing_close_is_not_found_and_cites_nothing() -> None:
    question = "What is the phone number of the palliative care team?"
    composition = _composer().compose(hits(*CHUNKS), plan_query(question, question))
    assert composition.settled_outcome == "not_found" and composition.units == []


def test_a_count_is_answered_only_by_a_number_of_the_thing_counted() -> None:
    counted = "How many functions does the service have?"
    composition = _composer().compose(hits(*CHUNKS), plan_query(counted, counted))
    assert not composition.abstained and "two functions" in composition.answer
    uncounted = "How many nurses does the palliative care team have?"
    composition = _composer().compose(hits(*CHUNKS), plan_query(uncounted, uncounted))
    assert composition.abstained and composition.settled_outcome != "answered"


def test_a_time_question_says_yes_or_no_then_cites_the_hours() -> None:
    inside = "Can the palliative care team come round at 7 in the evening?"
    composition = _composer().compose(hits(*CHUNKS), plan_query(inside, inside))
    first = composition.answer.split("\n")[0]
    assert first.startswith("Yes: 7pm is within the hours the documents give (8am to 8pm) [")
    n = int(first.rsplit("[", 1)[1].rstrip("]."))
    assert "8am to 8pm" in composition.units[n - 1].text
    outside = "Can the palliative care team come round at 10pm?"
    composition = _composer().compose(hits(*CHUNKS), plan_query(outside, outside))
    assert composition.answer.startswith("No: 10pm is outside the hours the documents give (8am to 8pm)")


def test_a_question_in_words_the_documents_never_use_is_not_found() -> None:
    question = "What's a good recipe for banana bread?"
    composition = _composer().compose(hits(*CHUNKS), plan_query(question, question))
    assert composition.settled_outcome == "not_found" and composition.units == []


def test_a_site_the_documents_never_name_is_not_found_whatever_else_matches() -> None:
    question = "What are the palliative care team's hours at Northwick Park Hospital?"
    composition = _composer().compose(hits(*CHUNKS), plan_query(question, question))
    assert composition.settled_outcome == "not_found" and composition.units == []
    assert composition.answer.startswith("The documents do not mention Northwick Park Hospital.")
    # Where the asker is is not what they ask about: the hours are answered.
    told = "I'm a nurse at Northwick Park Hospital. What are the palliative care team's hours?"
    assert _composer().compose(hits(*CHUNKS), plan_query(told, told)).units


def test_one_cell_of_a_wide_row_is_shown_under_its_columns_title() -> None:
    text = "9am to 5pm on weekdays"
    cell = Unit(ROW_CHUNK, ROW_CHUNK.start, ROW_CHUNK.start + len(text), text, 0, [("Year 2", text)])
    assert render_unit(cell, 1, plan_query("q", "q")) == "- Year 2: 9am to 5pm on weekdays [1]"
    bare = Unit(ROW_CHUNK, ROW_CHUNK.start, ROW_CHUNK.start + len(text), text, 0, [("", text)])
    assert render_unit(bare, 1, plan_query("q", "q")) == "- 9am to 5pm on weekdays [1]"
