"""Who is asking and where the question starts in a message (assistant/message_parts.py), as the change routing
reads them: an opening that only says who is asking names no topic asked about."""

from __future__ import annotations

import pytest

from assistant.change_question import asked_part, change_question
from assistant.query import plan_query


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("I work at a GP surgery in Hillingdon, what overall changes should patients expect?", None),
        ("As a care home manager in Brent: what will be different?", None),
        ("As a carer in Brent, what is changing in end of life care?", "palliative care"),
        ("GP services in Brent - what is changing?", "primary care"),
        ("My dad has dementia and lives in Ealing. What will change for residents?", None),
        ("Dementia services in Ealing. What will change for residents?", "mental health"),
        ("Are end of life services in Brent changing? My partner has advanced cancer.", "palliative care"),
        ("Hello, I am a GP in Harrow, I want to know what is changing in palliative care.", "palliative care"),
    ],
)
def test_topic_named_only_in_who_is_asking_is_not_the_topic_asked(question: str, topic: str | None) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == topic


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("As a carer in Brent, what is changing?", "what is changing?"),
        ("Hi, I live in Brent. My mum is ill. What is changing?", "What is changing?"),
        ("What is changing in Brent? I live there.", "What is changing in Brent? I live there."),
        ("I'd like to know what is changing in Brent", "I'd like to know what is changing in Brent"),
        (
            "As a GP, I need to know what's planned for Brent. Can you help?",
            "I need to know what's planned for Brent. Can you help?",
        ),
        ("Palliative care in Brent: what is changing?", "Palliative care in Brent: what is changing?"),
    ],
)
def test_asked_part_drops_only_who_is_asking(question: str, asked: str) -> None:
    assert asked_part(question) == asked


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        # a polite ask after who is asking, in one sentence, then a plea that adds nothing
        ("As a carer in Acton I'd like to understand how hospice care for Ealing is being redesigned. Any help?", ()),
        ("I heard end of life care in Brent is being reorganised. Can you help? Thanks in advance.", ()),
        # who is asking, introduced by "here"
        ("locum pharmacist in Southall here - are there changes to palliative care in Ealing I should know about?", ()),
        # the story before the question names the topic; the asking sentence says what is asked
        ("Dad wants to die at home in Pinner. Will there be more support for that sort of thing in Harrow?", ()),
        # the teams that give the care, where they work and words that narrow nothing
        ("Will the specialist palliative care teams covering the rest of Brent change too?", ()),
        # a search of a place and a topic
        ("harrow end of life care", ()),
        ("hospice care brent", ()),
    ],
)
def test_wordings_a_router_of_anchored_patterns_missed(question: str, focus: tuple[str, ...]) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == "palliative care" and asked.focus == focus


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # the whole picture of one topic, asked in the clause that names it
        ("How will hospice care change in Brent overall?", "palliative care"),
        # who is asking, without "I'm a", or at their workplace, names no topic asked about
        ("Student doing a project on childhood obesity in Southall. What will be new for Ealing residents?", None),
        ("GP trainee based in Wembley. What's changing in Brent?", None),
        ("I'm a care assistant at a nursing home in Pinner. whats changing in harrow", None),
        (
            "I'm a care assistant at a nursing home in Pinner. How is end of life care in Harrow changing?",
            "palliative care",
        ),
        # relatives who ask are not children's services
        ("I'm a hospice volunteer and patients' families keep asking me. How will Brent change?", None),
        # the question before a statement about the asker
        (
            "Volunteer at a carers' group, writing on service redesign. How is hospice care in Ealing changing?",
            "palliative care",
        ),
        # compared with now, about a place alone
        ("What's new for Brent residents compared with today?", None),
        # more names for the end of life, and more help
        ("westminster eol care changes", "palliative care"),
        ("What help will there be for people at the end of their lives in Harrow going forward?", "palliative care"),
        ("how will care for dying people be improved in brent??", "palliative care"),
        ("What extra help will there be for older people in Ealing?", None),
    ],
)
def test_who_is_asking_the_whole_picture_and_more_wordings_of_change(question: str, topic: str | None) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == topic and asked.focus == ()


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        (
            "Councillor for a Harrow ward. What does the decision mean overall for hospice care in Harrow?",
            "palliative care",
        ),
        (
            "We want to understand the changes being made to hospice care in Brent. Can you give us the big picture?",
            "palliative care",
        ),
        (
            "Acton - been asked by our patient group to find out what will change for dying people locally in Ealing.",
            "palliative care",
        ),
        ("Can you give me the whole picture of what's changing in hospice care for Brent?", "palliative care"),
        ("kensington and chelsea hospice care new model", "palliative care"),  # a search: places are not counted
        # the asking sentence names care in general, whatever the sentence before named
        ("Live in Acton with a parent with dementia. What's changing in local NHS services for Ealing?", None),
    ],
)
def test_requests_to_find_out_and_questions_about_care_in_general(question: str, topic: str | None) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == topic and asked.focus == ()
