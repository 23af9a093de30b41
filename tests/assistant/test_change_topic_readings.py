"""Questions about one topic of a borough, read as people write them (batches 141-144 in
evals/datasets/changes.README.md): what is being done about something asks for its changes, as "what is changing"
does, and the whole asked first keeps every topic."""

from __future__ import annotations

import pytest

from assistant.change_question import change_question
from assistant.query import plan_query
from assistant.topics import keyword_topic
from tests.assistant.change_asks import assert_every_topic, assert_whole_palliative_care


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Is anything being done about urgent care in H&F? I don't want to sit in A&E for hours.", "urgent care"),
        (
            "I live in Wembley and it takes forever to get through to my GP. Is anything actually being done to make"
            " appointments easier to get?",
            "primary care",
        ),
        ("What is Hounslow doing to reduce waits for diagnostic tests like MRI scans?", "planned care"),
        ("What is Westminster doing about childhood obesity?", "children and young people"),
        # no word names a topic: every topic
        ("How is Hammersmith and Fulham working to get older people home from hospital quicker?", None),
        ("Are care homes in Westminster getting any extra support from the NHS?", "care homes"),
        ("Paddington - are cancer waiting times getting any better?", "cancer"),
        ("Shepherd's Bush resident. Will local pharmacies be doing more so I don't have to wait?", "primary care"),
        ("What's the longer-term plan for GP services in Kensington and Chelsea?", "primary care"),
        ("Hounslow: what's being done about low uptake of flu and covid jabs in the community?", None),
    ],
)
def test_what_is_being_done_about_a_topic_asks_for_its_changes(question: str, topic: str | None) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and (topic is None or asked.topic == topic)


@pytest.mark.parametrize(
    "question",
    [
        # told, not asked: the asker's story of what is being done
        "I know a lot is being done about A&E waits in Brent.",
        # one detail of what is done, which passages answer or decline
        "What's the phone number for the service Brent is setting up to reduce A&E waits?",
    ],
)
def test_a_story_or_one_detail_is_no_change_question(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


def test_the_whole_asked_before_a_part_of_it_asks_about_every_topic() -> None:
    assert_every_topic(
        "I volunteer at a day centre near Victoria. What is changing in health and care for people in Westminster,"
        " and is there anything new for people who can't easily register with a GP?"
    )


def test_a_change_word_misspelt_near_a_place_name_is_the_change_word() -> None:
    # "chaning" is one letter from "changing" and from "Charing" (Cross): the question asks what is changing
    asked = change_question(
        plan_query(
            "Whats chaning with health and social care in harow?", "Whats chaning with health and social care in harow?"
        )
    )
    assert asked is not None and asked.boroughs == ("Harrow",) and asked.topic is None


@pytest.mark.parametrize(
    "question",
    [
        # "able" narrows nothing: "will i be able to stay at home"
        "i am 90 and live in maida vale my doctor talks about palliative care what is changing for end of life care"
        " in westminster will i be able to stay at home",
        # all that is new asked first, then who to call
        "my mum is dying in Southall, what new help is there and who do we call at night?",
    ],
)
def test_words_around_the_ask_leave_the_whole_of_palliative_care(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # how much better the change is wanted ("longer-term", "earlier") and what it is for ("reduce", "cut")
        # narrow nothing
        ("What's the longer-term plan for GP services in Kensington and Chelsea?", "primary care"),
        ("Are there plans in Brent to pick up cancer earlier?", "cancer"),
        ("What is Brent doing to reduce cancer waits?", "cancer"),
        # anything new asked for
        ("Is there anything new in Kensington & Chelsea for cancer screening?", "cancer"),
    ],
)
def test_words_for_how_much_better_or_what_for_narrow_nothing(question: str, topic: str) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == topic
    assert not {"longer", "earlier", "reduce"} & set(asked.focus)


def test_an_age_group_still_narrows() -> None:
    asked = change_question(plan_query("q", "What is changing in mental health care for older people in Brent?"))
    assert asked is not None and asked.topic == "mental health" and "older" in asked.focus


def test_pregnancy_and_midwives_are_maternity_which_is_filed_with_children_and_young_people() -> None:
    asked = change_question(plan_query("q", "What's changing for pregnant women in Brent?"))
    assert asked is not None and asked.topic == "children and young people"
    # a statement's own words file it: "digital access" no longer puts pregnancy advice under workforce and estates
    assert keyword_topic("Improve access to pregnancy advice (including digital access)") == "children and young people"
    assert keyword_topic("Appoint cultural safety lead midwives and roll out training") == "children and young people"
    # perinatal mental health stays mental health
    assert keyword_topic("Increase access to care for women with perinatal mental health needs") == "mental health"


# Read from batch 147 (less usual voices; evals/datasets/changes.README.md).
@pytest.mark.parametrize(
    "question",
    [
        # a voice's fillers ("um", "uh") and what it says is coming ("two things really") before the whole
        "hey um two things really what's changing in health and care for hounslow residents overall and uh is there"
        " anything new for mental health because my brother's been struggling",
        # the whole picture asked for after "but"
        "okay so um what is changing with health and care in brent like overall i'm mostly interested in um the kids"
        " and young people side but yeah the whole picture please",
        # a housing estate is where the asker lives, not the NHS estate
        "good afternoon dear i live in shepherds bush on the white city estate and i am not very good on computers"
        " what are they changing with the doctors and the care in hammersmith and fulham",
    ],
)
def test_spoken_and_local_words_leave_every_topic(question: str) -> None:
    assert_every_topic(question)


def test_texted_letters_stand_for_words() -> None:
    assert_whole_palliative_care(
        "my nan lives in paddington n shes got like weeks left. wat's changing w palliative care in westminster??"
    )


def test_a_word_the_topics_keywords_name_is_the_topic_not_a_narrowing() -> None:
    # "childhood" is named by the keyword "child"; "obesity" narrows children's care
    asked = change_question(plan_query("q", "What is Westminster doing about childhood obesity?"))
    assert asked is not None and asked.topic == "children and young people" and asked.focus == ("obesity",)


def test_two_topics_named_as_alternatives_are_both_asked_about() -> None:
    asked = change_question(plan_query("q", "Are there changes coming to GP practices or urgent care in Chelsea?"))
    assert asked is not None and asked.topics == ("primary care", "urgent care")
    # beside the end of life, what else is named says whose or where
    asked = change_question(
        plan_query("q", "Is anything being done to improve hospice care and help for families in Brent?")
    )
    assert asked is not None and asked.topics == ("palliative care",)


# Read from topic batch 151 (evals/datasets/changes.README.md).
@pytest.mark.parametrize(
    "question",
    [
        "My dad in Southall has high blood pressure. Is the NHS doing anything in Ealing to pick this up earlier?",
        "Been on the waiting list for a hip operation at Charing Cross for over a year. Whats being done to bring"
        " waiting lists down?",
        "Is Harrow planning better support after a dementia diagnosis?",
        "I'm a nurse in a Harrow care home. Will the new neighbourhood teams give extra support to care homes"
        " like ours?",
        "Is there anything being done in Westminster schools for children with asthma?",
        "What is the local health partnership in Hammersmith and Fulham actually doing to tackle health inequalities?",
    ],
)
def test_asking_whether_anyone_is_doing_or_planning_something_asks_for_changes(question: str) -> None:
    assert change_question(plan_query(question, question)) is not None


@pytest.mark.parametrize(
    "question",
    [
        # a complaint about one service, then a question for everyone in the borough
        "every few years there's a new plan for Ealing and nothing gets better, still can't get a GP appointment in"
        " Northolt. what are they actually claiming will change this time for Ealing residents?",
        "Someone mentioned 'hubs' and 'neighbourhood teams' but nobody can explain it. Can you give me a rundown of"
        " what's new and what's being expanded for people living in Brent?",
    ],
)
def test_a_question_for_everyone_after_a_story_about_one_service_asks_about_every_topic(question: str) -> None:
    assert_every_topic(question)


def test_a_topic_named_alone_before_a_question_for_residents_is_its_topic() -> None:
    asked = change_question(plan_query("q", "Dementia services in Ealing. What will change for residents?"))
    assert asked is not None and asked.topic == "mental health"


def test_who_is_doing_or_planning_it_narrows_nothing() -> None:
    for question, focus in [
        ("What is the local health partnership in Brent actually doing to tackle health inequalities?", ()),
        ("What is the Harrow partnership planning to set up for people after a dementia diagnosis?", ("diagnosis",)),
    ]:
        asked = change_question(plan_query(question, question))
        assert asked is not None and asked.focus == focus, question
