from __future__ import annotations

from pathlib import Path

import pytest

from assistant.boroughs import BOROUGHS, NW_LONDON
from assistant.errors import InputError
from assistant.faq.questions import default_questions, load_questions


def test_default_questions_cover_the_issue_topics_for_every_area() -> None:
    for area in (*BOROUGHS, NW_LONDON):
        questions = default_questions(area)
        ids = [q.id for q in questions]
        assert {"changes", "new-services", "where-when", "give-views", "documents", "proposed", "decided"} <= set(ids)
        assert len(ids) == len(set(ids))
        assert all("{borough}" not in q.question for q in questions)


def test_default_questions_fill_the_borough_and_add_its_extras() -> None:
    hf = {q.id: q.question for q in default_questions("Hammersmith and Fulham")}
    assert hf["changes"] == "What changes for residents in Hammersmith and Fulham?"
    assert "palliative-care" in hf
    nwl = {q.id: q.question for q in default_questions(NW_LONDON)}
    assert nwl["changes"] == "What changes for residents in North West London?"
    assert "palliative-care" not in nwl


def test_load_questions_reads_plain_text_one_per_line(tmp_path: Path) -> None:
    path = tmp_path / "questions.txt"
    path.write_text("\ufeff# our event questions\n\nWhere is the nearest hospice to {borough}?\n  Who runs it?  \n")
    questions = load_questions(path, "Ealing")
    assert [q.question for q in questions] == ["Where is the nearest hospice to Ealing?", "Who runs it?"]
    assert questions[0].id == "where-is-the-nearest-hospice-to-ealing"


def test_load_questions_reads_yaml_lists_and_mappings(tmp_path: Path) -> None:
    listed = tmp_path / "list.yaml"
    listed.write_text("- What changes in {borough}?\n- id: beds\n  question: How many beds?\n  topic: Beds\n")
    assert [(q.id, q.question, q.topic) for q in load_questions(listed, "Brent")] == [
        ("what-changes-in-brent", "What changes in Brent?", ""),
        ("beds", "How many beds?", "Beds"),
    ]
    mapped = tmp_path / "mapped.yml"
    mapped.write_text("questions: ['What is new?']\nboroughs:\n  Brent: ['What about Wembley?']\n")
    assert [q.question for q in load_questions(mapped, "Brent")] == ["What is new?", "What about Wembley?"]
    assert [q.question for q in load_questions(mapped, "Harrow")] == ["What is new?"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", "# only a comment\n", "no questions"),
        ("dupe.yaml", "- {id: a, question: 'One?'}\n- {id: a, question: 'Two?'}\n", "used twice"),
        ("blank.yaml", "- {id: a, question: ''}\n", "has no text"),
        ("bad.yaml", "questions: [unclosed\n", "not valid YAML"),
        ("scalar.yaml", "just a string\n", "expected a list"),
    ],
)
def test_load_questions_rejects_bad_files(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        load_questions(path, "Ealing")


def test_load_questions_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read questions file"):
        load_questions(tmp_path / "nope.txt", "Ealing")
