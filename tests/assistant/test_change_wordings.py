"""Change questions worded in ways the blind batches of 4 December found (assistant/change_question.py and
assistant/change_wordings.py): requests and reported questions, comparisons of now with what is coming, examples and
lists, several questions in one message, what the asker says of themselves."""

from __future__ import annotations

import pytest

from assistant.change_question import change_question
from assistant.query import plan_query
from tests.assistant.change_asks import assert_every_topic, assert_whole_palliative_care


def test_a_parenthesised_list_of_examples_with_etc_asks_about_every_topic() -> None:
    question = "What are the plans for Brent (GP access, mental health, A&E etc.)?"
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic is None and asked.boroughs == ("Brent",)


def test_a_relative_clause_after_who_is_asking_is_not_a_detail_question() -> None:
    assert_whole_palliative_care(
        "I look after my husband, who has heart failure; we live in Acton. Could you tell me how palliative care in "
        "Ealing is going to change?"
    )


def test_a_comparison_in_what_the_asker_says_of_themselves_is_not_the_question() -> None:
    question = (
        "My dad keeps being sent between the surgery and the hospital in Wembley. What is going to be different in "
        "Brent over the next few years?"
    )
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic is None and asked.boroughs == ("Brent",)


def test_asking_when_the_changes_happen_after_asking_what_they_are_keeps_the_change_question() -> None:
    question = "What is changing for people in Hounslow? And when will it happen?"
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.boroughs == ("Hounslow",)


def test_all_the_ways_a_service_will_differ_from_the_current_one_is_the_whole_topic() -> None:
    assert_whole_palliative_care(
        "My mother lives in Pimlico. Please explain all the ways the new hospice care service will differ from the "
        "current one for Westminster."
    )


@pytest.mark.parametrize(
    "question",
    [
        # Now against what is coming is what the register gives, current -> new; so is a table of it.
        "Please set out in a table how hospice care in Ealing changes - current vs new.",
        "Explain the end of life care changes for Harrow as a list (now versus future).",
        "What changes does the new hospice model bring in Brent? A comparison of current vs proposed would help.",
        # A summary of the new model, asked without "me".
        "Please give a short summary of the new end of life care model for Hounslow residents in bullet points.",
        # "palliative care services" is one topic's services, not health services in general.
        "My wife gets hospice care at home in Acton. I hear palliative care services are being redesigned. Will this "
        "affect us in Ealing?",
    ],
)
def test_formats_and_comparisons_of_now_and_next_keep_the_whole_palliative_question(question: str) -> None:
    assert_whole_palliative_care(question)


def test_a_topic_named_in_passing_beside_health_services_in_general_is_not_the_question() -> None:
    question = (
        "My dad lives alone in Wembley. A nurse at his surgery said big changes are coming to health services round "
        "here. What's actually planned for Brent?"
    )
    assert_every_topic(question)


@pytest.mark.parametrize(
    "question",
    [
        # Asked narrowly, then as a whole: the whole question is the one answered.
        "harrow hospice at home - is anything changing? and whats changing in end of life care generally for harrow",
        # Requests to provide, write or compare, and "what … means for".
        "Please provide a full account of how the new palliative care model will change services for Brent residents.",
        "Could you write a short piece for our parish magazine explaining what the new hospice care model will change "
        "for people in Hanwell?",
        "Could you compare, in a table, current and new end of life care services for Hounslow residents?",
        "can u give me a table of old vs new hospice care for harrow",
        "I would welcome a short summary of what the approved model of care means for palliative care in Ealing.",
        "ealing end of life care whats new since the consultation",
        # Saying so: every element, in total, across the board, not just the beds.
        "Palliative consultant here. For Brent, summarise every element of the new hospice model that differs from "
        "today.",
        "What does the new end of life care model change for Harrow in total - not just the beds question?",
        "What is the new hospice care model going to change for Ealing across the board?",
        # A role says who is asking ("GP registrar"); "walk me through" is a request.
        "GP registrar in Harrow. I'm trying to understand how hospice care for our patients is changing. Could you "
        "walk me through everything that's different from the current service?",
        # What a consultation decided is its changes.
        "People keep asking what came out of the hospice care consultation. What did it decide for Hounslow?",
        # A topic from the asker's story, then the whole picture.
        "Dad died at a hospice in Ruislip last year. I hear services are changing. What's the whole picture for "
        "Hillingdon?",
    ],
)
def test_requests_comparisons_of_old_and_new_and_a_second_whole_question(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        # A list of three or more after words that name no topic gives examples.
        "Can you set out everything being planned for Brent (GP access, mental health, children's services, the lot)?",
        "What is the council and NHS doing differently in Harrow - GP appointments, mental health, school nurses?",
    ],
)
def test_a_list_of_topics_after_words_that_name_none_asks_about_every_topic(question: str) -> None:
    assert_every_topic(question)


@pytest.mark.parametrize(
    "question",
    [
        # After words that ask about a topic, a list gives that topic's parts.
        "What is changing in end of life care for Ealing residents - hospice at home, hospice beds, support for "
        "families?",
        "What does the new end of life care arrangement look like overall in Hounslow?",
        "What palliative care will Brent residents get that wasn't available before?",
        "Looking for a rundown of the new palliative care model as it applies in Westminster.",
        # Why the asker wants to know names no topic ("families"): the topic is the one named before.
        "Could you summarise the changes to hospice care in Brent so I can explain them to the families I visit?",
        # A sentence naming the new model says what "it" is.
        "Mum's nurse mentioned a new community palliative care model. What changes does it bring for Ealing?",
        # A word for change itself narrows nothing.
        "hounslow hospice care shake-up - what's new?",
    ],
)
def test_whole_topic_asks_found_in_the_seventh_session(question: str) -> None:
    assert_whole_palliative_care(question)


def test_a_which_question_about_changes_or_services_still_asks_for_changes() -> None:
    question = "Which services are new for palliative care patients in Ealing?"
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.new_only


@pytest.mark.parametrize(
    "question",
    [
        "Mum's hospice nurse has just started visiting. Can you tell us everything changing in that care for Brent?",
        # "comfort care" is end of life care.
        "What's changing in comfort care for the dying in Ealing?",
    ],
)
def test_tell_us_and_comfort_care(question: str) -> None:
    assert_whole_palliative_care(question)


def test_a_relative_which_after_a_comma_is_not_a_question() -> None:
    question = "I read that the hospice is closing, which scared me. What is changing in end of life care in Brent?"
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        # Compared with now, with words that name nothing narrower: health and social care, the plan's own name, "yrs".
        "Compared with today, what changes are coming to NHS and social care in Brent?",
        "How will health and care be different in Ealing in a few yrs compared to now?",
        "What does the Joint Forward Plan mean for Harrow residents compared with current services?",
    ],
)
def test_comparisons_with_now_that_name_nothing_narrower_ask_about_every_topic(question: str) -> None:
    assert_every_topic(question)


@pytest.mark.parametrize(
    "question",
    [
        "I live in Acton and want to know everything that's changing in hospice care for Ealing.",
        "What's the overall effect on end of life care in Brent?",
        "Is the hospice plan the same thing as the ICB palliative care changes? Either way, I live in Harrow and want "
        "to know everything that's changing in end of life care.",
    ],
)
def test_everything_changing_the_effect_on_a_topic_and_the_icb(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        # The sentence that says the topic is changing is what the question follows on from, not the story before it.
        "Can't sleep tonight. Dad has bowel cancer and lives with us in Wembley. I read that hospice care is being "
        "changed. What will be different for him in Brent?",
        "brent pall care changes - what's new?",
        # "spend a lot of time" asks no cost.
        "I'm a GP in Acton and spend a lot of time with dying patients. What is changing in end of life care for "
        "Ealing?",
        "With the hospice shake-up, what is being added and what is being taken away in Brent?",
        "I'd like to understand the new model for end of life care. How does it compare with what Harrow has now?",
    ],
)
def test_wordings_of_batches_52_and_53(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        "Can you put together a table of all the health and care changes planned for Brent, showing what happens now "
        "vs what is coming?",
        "What's changing across the board in Hounslow compared with what we have now?",
        # An open list ("and so on", "the works") gives examples.
        "Harrow dad of three - what's going to be different about GP, school nurses, mental health and so on over the "
        "next few years?",
    ],
)
def test_wordings_of_batches_55_and_56_about_every_topic(question: str) -> None:
    assert_every_topic(question)


@pytest.mark.parametrize(
    "question",
    [
        "I want the complete picture of hospice care changes in Brent. What is being added, kept and removed?",
        "Colleagues are worried about the new palliative care model. Could you lay out every change it brings for "
        "Ealing?",
    ],
)
def test_wordings_of_batches_55_and_56_about_palliative_care(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        # "which" before a noun phrase of changes, however long, asks for the changes
        "Which hospice and end of life care changes will apply to my patients in Ealing?",
        # the parts of the new model, and anything on top
        "Which bits of the new NW London palliative care model apply in Brent, and is there anything extra on top?",
        # something new on the way
        "mum in Southall, heart failure. anything new coming for hospice care in ealing?",
        # a before/after comparison of the changes
        "Please list each change to end of life care for Hounslow residents as a before/after comparison.",
    ],
)
def test_wordings_of_batches_61_and_62_about_palliative_care(question: str) -> None:
    assert_whole_palliative_care(question)


def test_the_parts_of_the_new_model_are_not_only_its_new_services() -> None:
    question = "Which parts of the new palliative care model will apply to Harrow patients?"
    asked = change_question(plan_query(question, question))
    assert asked is not None and not asked.new_only


@pytest.mark.parametrize(
    "question",
    [
        # a topic named in a statement, then "what else": beyond that topic
        "A friend mentioned a new frailty model for older people. What else is changing in Brent?",
        # what the question reaches beyond is not its topic
        "Give me an overview of every planned change in Ealing, not just mental health services, the lot.",
    ],
)
def test_asking_beyond_a_topic_named_asks_about_every_topic(question: str) -> None:
    assert_every_topic(question)


def test_what_else_after_a_question_about_a_topic_asks_on_about_it() -> None:
    assert_whole_palliative_care(
        "Will the hospice care changes in Harrow help my dad stay at home? What else is changing for people like him?"
    )


@pytest.mark.parametrize(
    "question",
    [
        "sorry if this is a stupid question but whats changing with hospice care in brent?",
        "Apologies in advance, but what is being changed in end of life care for Ealing residents, all of it?",
        "It may be a naive question, however what's changing in palliative care across Harrow",
    ],
)
def test_an_apology_before_the_question_names_nothing(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        "what are the chnages to hospice care for hounslow residents",  # a transposition
        "list every chanegs to end of life care in brent",
        "is end of life care going to be diffrent in ealing?",  # a dropped letter
    ],
)
def test_a_mistyped_word_for_change_still_asks_for_the_changes(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        "What is changing in hospice care for Hounslow folk?",
        "Tell me the end of life care changes for Brent citizens.",
        "How will palliative care change for Ealing households?",
    ],
)
def test_words_for_the_people_of_a_place_narrow_nothing(question: str) -> None:
    assert_whole_palliative_care(question)


def test_kids_named_beside_other_topics_ask_about_every_topic() -> None:
    assert_every_topic("whats changing for people in hounslow - kids, care homes, all of it")


def test_kids_alone_are_the_children_topic() -> None:
    question = "What's changing for kids in Brent?"
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == "children and young people"


def test_a_comparison_that_names_nothing_is_the_one_just_asked_for() -> None:
    assert_whole_palliative_care(
        "Brent palliative care: what's new, what's staying, what's going? Give me a side-by-side comparison please."
    )


def test_in_which_ways_asks_how_things_change() -> None:
    assert_whole_palliative_care("In which ways will end of life care change for Harrow residents?")


def test_a_wish_for_the_whole_list_after_a_narrow_question_widens_it() -> None:
    assert_whole_palliative_care(
        "What's changing with hospice care in Brent now the old ward is closing? I want every change for Brent "
        "residents, not just the ward."
    )


@pytest.mark.parametrize(
    "question",
    [
        "what's changing for Ealing residents, and what's been agreed vs still only planned?",  # statuses compared
        "What has been decided for health services in Brent, and what is still up in the air?",
        "My GP said things are changing. What will be different in Ealing?",  # the messenger names no topic
        "What is being brought in for Brent - GP access, dementia, care at home?",  # a list of examples
    ],
)
def test_settled_or_not_a_messenger_and_what_is_brought_in_ask_about_every_topic(question: str) -> None:
    assert_every_topic(question)


@pytest.mark.parametrize(
    "question",
    [
        "is ealing getting any of the new hospice services?",
        "I'm nervous about the redesign of hospice care - what is changing in Hounslow?",  # a feeling narrows nothing
        "Brent hospice + end of life hub changes",  # the whole topic named as one of two alternatives
    ],
)
def test_more_wordings_of_the_whole_palliative_topic(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        # what the asker already knows narrows nothing
        "I know the hospice nurses already come round but is anything changing in palliative care for Hounslow?",
        # whom the asker will tell narrows nothing, and what to tell them about the new plans asks for the changes
        "What do I tell volunteers and visitors about the new palliative care arrangements in Hounslow?",
        "What should we tell patients with advanced illness about the new hospice model in Brent?",
        # a numbered part of a request
        "On behalf of a Harrow patients' group could you set out: 1) what is changing in end of life care for Harrow "
        "residents, 2) what is entirely new (e.g. beds), and 3) what stays the same?",
    ],
)
def test_a_concession_whom_to_tell_and_numbered_parts(question: str) -> None:
    assert_whole_palliative_care(question)


def test_questions_about_several_topics_then_the_whole_ask_about_every_topic() -> None:
    assert_every_topic(
        "1. What is changing in mental health care in Brent? 2. Any changes to GP services? Basically everything "
        "that is different."
    )


def test_one_topic_asked_then_the_whole_stays_on_that_topic() -> None:
    assert_whole_palliative_care("What is changing in hospice care in Harrow? Basically everything that is different.")
