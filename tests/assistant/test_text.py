"""The one sentence rule the chunker, the extractive composer and the LLM answer check split by."""

from __future__ import annotations

from assistant.text import sentence_breaks


def _pieces(text: str, clauses: bool = False) -> list[str]:
    cuts = [0, *(i for m in sentence_breaks(text, clauses) for i in (m.start(), m.end())), len(text)]
    return [text[a:b] for a, b in zip(cuts[::2], cuts[1::2], strict=True)]


def test_sentences_end_before_a_capital_digit_quote_or_bullet() -> None:
    text = "It opens in May. 24 beds follow. “New” wards too. • A list item. e.g. not here."
    assert _pieces(text) == ["It opens in May.", "24 beds follow.", "“New” wards too.", "• A list item. e.g. not here."]


def test_list_numbering_stays_with_its_item_and_lines_always_break() -> None:
    assert _pieces("Two functions: 1. Same day advice.\nNext line") == [
        "Two functions: 1. Same day advice.",
        "Next line",
    ]


def test_a_finished_sentence_at_the_end_of_a_stream_is_complete() -> None:
    assert [m.start() for m in sentence_breaks("The team works 8am to 8pm [1]. ")] == [30]
    assert sentence_breaks("The team works 8am to 8pm [1].") == []


def test_clauses_also_break_at_semicolons() -> None:
    text = "Beds: ward one; ward two. Then more."
    assert _pieces(text) == ["Beds: ward one; ward two.", "Then more."]
    assert _pieces(text, clauses=True) == ["Beds: ward one;", "ward two.", "Then more."]


def test_an_example_or_a_gloss_before_a_capital_ends_no_sentence() -> None:
    text = "Add data feeds (e.g. Children's Social Care data) to the record. Then, i.e. Later, more."
    first = "Add data feeds (e.g. Children's Social Care data) to the record."
    assert _pieces(text) == [first, "Then, i.e. Later, more."]
