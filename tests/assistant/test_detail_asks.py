"""What a message asks that the change register does not answer (assistant/detail_asks.py): one detail (when, where,
who, a date, a name, a measure, how to reach or take part in a service, which one thing) or a comparison of two
other things. Such questions are left to passage answers, which give the detail or say the documents do not."""

from __future__ import annotations

import pytest

from assistant.change_question import change_question
from assistant.query import plan_query


def test_a_when_question_on_its_own_is_still_a_detail() -> None:
    for question in ("When will it happen in Hounslow?", "My mum lives in Hounslow. When will hospice at home start?"):
        assert change_question(plan_query(question, question)) is None


def test_a_comparison_of_two_other_things_is_still_left_to_passages() -> None:
    question = "What is the difference between option A and option B for hospice care in Brent?"
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    "question",
    [
        "What is the new hospice service in Brent called?",
        "Which hospice in Harrow will host the new enhanced end-of-life care beds?",
        "My dad lives in Acton - which care home will run the new specialist palliative care beds?",
        "With the new hospice model, which care home in Brent will take the enhanced beds?",
        # a date in other words; when after words that set the scene
        "What's the start date for Harrow's new frailty model of care?",
        "For the palliative care changes in Brent, when is the new service due to start?",
        "Under the new frailty model in Brent, how old must you be to be referred?",
        "What's the exact start date for the new hospice service in Ealing?",
        "What are the eligibility rules for the new carers support in Brent?",
    ],
)
def test_a_name_a_date_or_one_thing_picked_out_is_a_detail(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    "question",
    [
        "Which hospice will provide the new service in Brent?",  # a verb before the noun: one thing picked out
        "Which documents set out the plans for Hammersmith and Fulham?",  # a second noun phrase: documents picked out
        "Is everything in the new palliative model brand new, or do some services exist already?",
    ],
)
def test_one_thing_picked_out_or_a_yes_no_question_about_the_model_stays_with_passages(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    "question",
    [
        "What's the first year of Ealing's borough delivery plan?",  # a date, in other words
        "How large is the gap Ealing's plan has to close?",  # a size
        "What's the number of new posts planned for Hounslow?",  # a measure
    ],
)
def test_a_year_a_size_or_a_measure_is_a_detail(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    "question",
    [
        "What are the exact addresses of the new community hubs planned for Ealing?",
        "Which phone number will families in Harrow ring for the new advice line?",
        "What are the opening hours of the new hospice at home service in Brent?",
    ],
)
def test_how_to_reach_a_service_is_a_detail(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    "question",
    [
        # compares the model with something named before it, not now with what is coming
        "Wasn't a hospice at home service already promised for Harrow in 2016? How does the new model compare?",
        "How do the plans for Brent compare with Ealing's?",
    ],
)
def test_a_comparison_with_something_named_is_still_not_the_register(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    "question",
    [
        "Under which workstream of the Harrow plan does the frailty project sit?",  # one thing picked out
        "In which borough team is the new hub for Ealing being run?",
        "What proportion of older people in Hounslow live alone, according to the plan?",  # a measure
    ],
)
def test_which_one_thing_after_a_preposition_or_a_share_is_a_detail(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    "question",
    [
        "How can local charities apply for the new community funding Ealing is planning?",  # how to take part
        "How do carers in Harrow sign up for the new respite scheme that's being planned?",
        "Is there a number to call for the new falls service being planned in Hounslow?",  # a number to call
        "Someone said the clinic hours are changing in Brent - what will the new hours be?",  # what one thing will be
        "Which programme area of the Brent plan is the new asthma work in schools part of?",  # where it belongs
        "Which services are moving into the Alperton Community Hub under the new plans for Brent?",  # a named site
    ],
)
def test_how_to_take_part_a_value_where_it_belongs_and_a_named_site_are_details(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    "question",
    [
        "What will the changes be for hospice care in Harrow?",  # the changes themselves
        "Which services are new in Brent?",  # no site named
    ],
)
def test_what_the_changes_will_be_and_which_services_are_new_still_ask_for_changes(question: str) -> None:
    assert change_question(plan_query(question, question)) is not None
