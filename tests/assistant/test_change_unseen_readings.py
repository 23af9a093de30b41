"""Change questions read from blind batches 116 to 132 (evals/datasets/changes.README.md): the past set beside now,
a span of life said of a person and the family around them, the kinds of change listed, how care is developing or
will alter, what comes instead, questions passed on, open-ended lists, the plan and its direction, polite and curious
requests, who told the asker. Each reading is general, none a lookup of a wording; every wording here is written for
the test, not copied from a batch."""

from __future__ import annotations

import pytest

from assistant.change_question import change_question
from assistant.query import plan_query
from tests.assistant.change_asks import assert_every_topic, assert_palliative_care, assert_whole_palliative_care


# Read from batch 116 (evals/datasets/changes.README.md): general readings, with wordings of their own.
@pytest.mark.parametrize(
    "question",
    [
        # a span of life left said of the person, and the family around them asked about
        "The hospice says my wife has a matter of weeks. We live in Hayes. What will be different about the"
        " support for me and the children in Hillingdon?",
        # the kinds of change listed are every change, not a part of the topic
        "How is Harrow's care for people in their final days changing? What's being introduced, scaled back or"
        " dropped?",
        # the wider picture is the whole picture
        "What's the wider picture of how hospice care is changing in Westminster?",
        # what is being done to the care asks what changes
        "what is the nhs doing with hospice care in hounslow",
        "What are they doing to end of life services in Brent?",
    ],
)
def test_more_ways_of_asking_about_the_end_of_life_ask_about_all_of_palliative_care(question: str) -> None:
    assert_whole_palliative_care(question)


# Read from batch 118 (evals/datasets/changes.README.md).
@pytest.mark.parametrize(
    "question",
    [
        # how the care is developing or evolving is how it changes
        "I'm a chaplain at a care home in Uxbridge. Could you outline how hospice care in Hillingdon is evolving?",
        "Please give me an overview of how end of life support in Ealing is developing.",
        # what comes in place of something gone
        "Our hospice ward closed. What are Brent residents being offered instead for end of life care?",
        # a question others asked, passed on, then a bare request for the answer
        "Families at our day centre keep asking what is changing in palliative care for Harrow residents. Could you"
        " give me a rough summary?",
    ],
)
def test_developing_replacing_and_passed_on_questions_ask_about_all_of_palliative_care(question: str) -> None:
    assert_whole_palliative_care(question)


def test_what_replaces_a_named_site_is_not_every_change_of_the_borough() -> None:
    question = "What is replacing the Pembridge unit for Kensington and Chelsea residents?"
    assert change_question(plan_query(question, question)) is None


# Read from batch 119 (evals/datasets/changes.README.md).
def test_a_dash_list_ending_with_anything_else_gives_examples_of_every_change() -> None:
    assert_every_topic(
        "Could you summarise what is changing in health and care in Ealing - GP networks, commissioning, the ICB"
        " merger and anything else important?"
    )


def test_a_dash_list_alone_still_names_the_topic_asked_about() -> None:
    assert_palliative_care(
        "My dad is dying at home in Harrow. Can you explain overall what will change for patients in Harrow — the"
        " hospice, care at home, nights, beds?"
    )


def test_the_services_people_get_now_set_beside_the_new_model_ask_for_current_to_new() -> None:
    assert_whole_palliative_care(
        "What's the difference between the hospice services Kensington and Chelsea patients have now and what they"
        " will have under the new model?"
    )


@pytest.mark.parametrize(
    "question",
    [
        # a short story in the asker's own words, then a question for help that names no topic of its own
        "My dad is dying at home in Hayes. What help can come to our house?",
        "My wife has weeks to live and we are in Acton. What support can we get?",
        # people without a fixed address are who is asked about, not an address asked for (batch 122)
        "What's changing in end of life care in Westminster, and does any of it reach people without a fixed address?",
    ],
)
def test_a_short_story_or_who_is_asked_about_leaves_the_care_asked_about(question: str) -> None:
    assert_palliative_care(question)


# Read from batches 121 and 122 (evals/datasets/changes.README.md).
@pytest.mark.parametrize(
    "question",
    [
        # the past set beside now asks for current -> new, which the register gives (batch 116)
        "What's different in Ealing health services compared to a couple of years back?",
        "How does care in Hounslow now compare with how things were before the pandemic? Anything new or cut?",
        # GPs beside community nurses, "and so on": kinds of care in general
        "People keep saying things are changing with GPs, community nurses and so on. What's different now for people"
        " in Ealing?",
        # a general overview asked for at the end of a run of words listing what the asker cares about
        "moving to acton with my kids and trying to understand the health stuff here like what is changing in ealing"
        " is there anything new for families or for mental health or for seeing a GP at weekends because i have no"
        " idea who does what so a general overview of what's changing would really help",
        # the NHS beside one kind of care
        "What changes are being made to NHS and community services in Hounslow?",
        # "As a …," says who is asking; "I'd appreciate a summary of …" after it asks, examples after the dash (123)
        "As a pharmacist in Wembley, I'd appreciate a summary of how local health and care services are developing"
        " - frailty, neighbourhood teams, primary care - and what that means for us.",
        # a list of kinds of care ending "the lot" asks about every topic, whatever the story named (128)
        "My dad is 80, lives in Southall and sees the GP a lot. What is going to be different for people like him in"
        " Ealing - GP, community nurses, hospital, council care, the lot?",
    ],
)
def test_more_ways_of_asking_for_every_change(question: str) -> None:
    assert_every_topic(question)


# Read from batches 123 and 124 (evals/datasets/changes.README.md).
@pytest.mark.parametrize(
    "question",
    [
        # the plan for the care, and where it is heading
        "My wife has heart failure and we live in Feltham. Someone said the hospice services might be reviewed. What"
        " is the general plan for palliative care in Hounslow?",
        "Could you describe the direction of end of life care in Brent - hospices, nursing at home, and any community"
        " programmes?",
        # a terse search with a year: the year says when, not which part
        "ealing hospice care changes 2025?",
        # a heading for the questions, and who told the asker (batch 126)
        "Questions re hospice care in Hounslow:\n- what's new?\n- anything being cut?\n- what is there for families?",
        "my mum is in feltham and shes dying the district nurse said hospice care is changing in hounslow can you"
        " explain whats going to be different for her",
        # who wants the account, and how plain it should be
        "Staff at our surgery in Acton want a straightforward rundown of how the new palliative care model changes"
        " things for Ealing patients.",
        # read from batches 128 and 129
        # how the care will alter, asked as a request ("I'd appreciate …")
        "As a retired GP in Ealing, I'd appreciate a short summary of how the recent decisions on hospice care will"
        " alter provision for Ealing patients.",
        # "I'm curious how …", and what it means in practice
        "As a retired nurse in Acton, I'm curious how the new hospice arrangements will change things in practice for"
        " Ealing residents. Could you summarise?",
        # a new service named with two kinds of care and no verb
        "My sister very sick in Hayes, doctor say end of life. What new palliative or hospice service for Hillingdon"
        " people? And help for family?",
        # examples in a sentence of their own that opens with "like"
        "my nan is dying and we live in hounslow. is there any new help for families like ours? like people coming to"
        " the house or someone to talk to after",
        # the kinds of change set beside each other
        "care home manager in Harrow - can u give me a summary of the new hospice model for our borough? what's being"
        " added vs staying the same",
    ],
)
def test_the_plan_its_direction_and_polite_or_curious_requests_ask_about_all_of_palliative_care(question: str) -> None:
    assert_whole_palliative_care(question)


# Read from batches 131 and 132 (evals/datasets/changes.README.md).
@pytest.mark.parametrize(
    "question",
    [
        # two kinds of care sharing one noun: community care and primary care, a care kind beside a topic
        "Please set out the plan for health and care in Brent, community and primary care mostly.",
        "What's changing for Ealing patients in primary and community care?",
        # local care beside a topic is wider than the topic
        "moved to Acton last year, what will be different with GPs and local care services?",
        # health and care services, and a second question about one part of them
        "what are the big changes coming to health and care services for people in Hounslow and will it hit dentists",
        # read from batch 133: what an ask for care in general names after a dash is what it takes in
        "Could I have a summary of the changes to health and care in Ealing — the borough partnership's plans and"
        " anything new for mental health?",
        # a list of short items after words that ask about one topic
        "What's planned in Harrow for mental health, care homes and joined-up working?",
        # read from batch 135: families and old people are people of every age
        "I live in Acton. What will the NHS change in Ealing for families and older people?",
        # the whole asked for after a question that named a topic: "… for patients generally"
        "are the GP networks changing stuff in Brent? what will be different for patients generally",
    ],
)
def test_a_topic_beside_care_in_general_or_a_care_kind_sharing_its_noun_asks_about_every_topic(question: str) -> None:
    assert_every_topic(question)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # a kind of care that is a topic, sharing the noun with another of the same topic, still narrows
        ("What's changing in palliative and end of life care in Brent?", "palliative care"),
        ("How will mental health services change in Harrow?", "mental health"),
    ],
)
def test_one_topic_named_twice_or_alone_still_narrows(question: str, topic: str) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == topic


# Read from batch 135 (evals/datasets/changes.README.md).
@pytest.mark.parametrize(
    "question",
    [
        # a list left open ("that kind of thing") gives examples, not a part of the care
        "whats new in harrow for people dying at home nurses overnight help a phone line that kind of thing my mum is"
        " in pinner",
        # why the changes are wanted says nothing of which part: "so people can die where they choose"
        "What is being done differently in Brent so that people can die where they want to?",
        # a courtesy at the end leaves the question before it the one that asks
        "my dad is near the end in greenford. what new things will there be in ealing for people in their last weeks,"
        " like nurses or beds. sorry for all the questions",
        # families, after the end of life was named, are the families of the dying
        "A neighbour told me hospice care in Harrow is being reorganised. What's changing, and is it good news for"
        " families?",
    ],
)
def test_open_lists_purposes_courtesies_and_families_of_the_dying_ask_about_all_of_palliative_care(
    question: str,
) -> None:
    assert_whole_palliative_care(question)


def test_more_generally_before_a_topic_still_asks_about_the_topic() -> None:
    assert_palliative_care(
        "Is the hospice in Brent closing? More generally, what's changing in end of life care for Brent people?"
    )


# Read from batch 138 (evals/datasets/changes.README.md).
@pytest.mark.parametrize(
    "question",
    [
        # a question without its mark, after a greeting, and a kind of care "type"
        "hello what new hospice type support is planned for harrow people. like if my gran wants to stay home",
        # what the asker heard, told in the past, asks nothing about the past
        "what happens now for people dying in Brent is it getting better, i heard there was a consultation",
        # a second question that sorts the changes ("which of these are funded") compares nothing else
        "I'm a retired nurse in Pinner. Can you set out what the NHS will do differently for end of life care in"
        " Harrow, and which of these are funded versus hoped for?",
        # the whole asked first, then a part: "what's new, and is there anything on …?"
        "Our carers' group in Hounslow wants to understand changes to hospice care. What's new, and is there"
        " anything on care that respects people's faith?",
        # all that is new asked first, then who to call: the call is one of the changes, not all that is asked
        "my mum is dying in Southall, what new help is there and who do we call at night?",
    ],
)
def test_greetings_reports_sortings_and_a_whole_asked_first_ask_about_all_of_palliative_care(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        # what is added to the whole asked for: "…, also for care homes"
        "My manager says there will be changes. What does the NHS plan to change for people in Ealing, also for care"
        " homes?",
    ],
)
def test_an_addition_to_the_whole_asked_for_asks_about_every_topic(
    question: str,
) -> None:
    assert_every_topic(question)


def test_a_narrow_question_first_is_what_a_second_points_back_to() -> None:
    asked = change_question(
        plan_query(
            "Where do Brent patients get hospice inpatient beds today, and will that change?",
            "Where do Brent patients get hospice inpatient beds today, and will that change?",
        )
    )
    assert asked is not None and asked.topic == "palliative care" and "beds" in asked.focus
