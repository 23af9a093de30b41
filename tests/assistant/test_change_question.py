"""Which questions the change register answers, and what they ask of it: worded as people write them."""

from __future__ import annotations

import pytest

from assistant.change_question import ChangeQuestion, change_question
from assistant.query import plan_query
from tests.assistant.change_asks import assert_every_topic, assert_whole_palliative_care


@pytest.mark.parametrize(
    "question",
    [
        "What changes for residents in Brent?",
        "What is changing in palliative care for Harrow residents?",
        "What changes in each borough?",
        "Which services are new in Ealing?",
        "What's new in Hounslow?",
        "What will be different for people in Brent?",
        "And what new services are there in Harrow?",
        "what has changed for care homes?",
        "What changes across North West London?",
        "How will health services change in Harrow?",
        "Ealing: what's changing?",
        "Summarise the changes planned for Hillingdon",
        "overview of the planned changes for Brent please",
        "Westminster - key changes to local services",
        "How are services in Brent going to change",
        "How will GP services change in Brent?",
        "end of life care changes for Brent residents",
        "What's planned for palliative care in Harrow?",
        "Harrow: what are the plans for end of life care?",
        "Are there plans to change hospice services for Harrow residents?",
        "Is anything changing in end of life care in Brent?",
        "looking after my terminally ill father in Ealing at home, what is changing in end of life care?",
        "My aunt is terminally ill and lives in Brent. What's planned for end of life care there?",
        "As a district nurse in Ealing, I'd like to know what's planned for hospice care locally.",
        "Hi, I volunteer at a hospice in Harrow. What changes are being planned for palliative care in the borough?",
        "hounslow palliative care plans",
        "brent end of life care changes",
        "any plans for hospice care in lbhf",
        "I work as a social worker in Brent. What will be new for our residents in health and care?",
        "Are end of life services in Brent changing? My partner has advanced cancer.",
        "Is palliative care in Hounslow going to change under the new proposals?",
        "What's the new plan for palliative care in Westminster going forward?",
        "How are health services in Ealing being transformed?",
        "What will the new community palliative care model mean for people in Hammersmith and Fulham?",
        "Families keep asking me about palliative care in the borough - can you tell me what's planned for Ealing?",
    ],
)
def test_change_question_detects_change_questions(question: str) -> None:
    assert change_question(plan_query(question, question)) is not None


@pytest.mark.parametrize(
    "question",
    [
        "Where and when will the new services start in Brent?",
        "When do the new contracts start?",
        "How many hospice beds are there in Brent?",
        "What are the borough partnership priorities in Ealing?",
        "What is the phone number of the new hub?",
        "What changes in palliative care in Camden?",
        "What is the difference between option A and option B in Brent?",
        "What changes were made to the model after engagement?",
        "How will the change to Brent's services be funded?",
        "What was planned for SEND services in Brent in 2020?",
        "Will Harrow patients see any change in how they book a GP appointment?",
        "In which month are the Brent workshops planned?",
        "What is the exact date by which the palliative care workforce plan will be published?",
        "What does the palliative care workforce plan for Brent cover?",
        "My aunt lives in Brent. When will the new hospice at home service start?",
        "I live in Ealing, what's the phone number of the new palliative care hub?",
    ],
)
def test_change_question_leaves_other_questions_to_passages(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


def test_change_question_reads_scope_topic_and_each() -> None:
    asked = change_question(plan_query("q", "What is changing in palliative care for Harrow residents?"))
    assert asked == ChangeQuestion(boroughs=("Harrow",), each=False, topic="palliative care", mentions=("palliative",))
    each = change_question(plan_query("q", "What changes in each borough?"))
    assert each == ChangeQuestion(boroughs=(), each=True, topic=None)
    filtered = change_question(plan_query("q", "What changes for residents?", ("Brent",)))
    assert filtered is not None and filtered.boroughs == ("Brent",)


@pytest.mark.parametrize(
    "question",
    [
        "brent partnership priorities next 5 years",
        "A briefing on forthcoming service developments for the population of Harrow, please.",
        "Are there any new hospice services planned for Hillingdon?",
        "Summarise the proposed model for hospice care as it applies to Brent.",
    ],
)
def test_priorities_ahead_forthcoming_developments_and_new_services_are_change_questions(question: str) -> None:
    assert change_question(plan_query(question, question)) is not None


@pytest.mark.parametrize(
    "question",
    [
        "Brent - any big plans coming up for GP, hospital or community care?",
        "Just the general picture please: what is changing for GP patients in Brent?",
        "We live in Wembley with a toddler. How will services change, and what does it mean for families like ours?",
        # A request is a question without a question mark.
        "Pls tell me all new things the NHS is doing in Hounslow. I live in Feltham and my wife is pregnant.",
        # A question reported ("keep asking me what …") is the question asked.
        "residents in acton keep asking me whats changing for ealing over the next few years... overview pls",
        # The clause that asks wants the whole picture, whatever a condition before it named.
        "After we sign up with a GP practice I want to understand what is planned for Harrow in general.",
        # A narrow question, then a wider one: the widest is asked.
        "I heard mental health services for teenagers in Acton are being changed - is that right? And more broadly, "
        "what's everything that's changing for Ealing?",
        # Examples of the whole ("including …", a list after a colon) and "the health service" name no one topic.
        "Could you outline all the planned health and care changes for Brent, including but not limited to children's "
        "mental health?",
        "I'd appreciate a summary of all planned changes for Harrow residents: community services, mental health, "
        "primary care, children's services.",
        "Retired, in Acton, with diabetes and arthritis. Please tell me what the health service is changing in Ealing "
        "for people like me.",
        # "would like" without "I" is a polite ask too.
        "I run a pharmacy in Feltham and would like an overview of everything the NHS plans to change for Hounslow "
        "residents.",
        # ... or health and care in general, whatever the sentence named before it.
        "I manage a GP practice in Hayes. Ahead of our PCN away day, please provide an overview of all planned changes "
        "to health and care services for Hillingdon residents.",
    ],
)
def test_a_whole_picture_or_a_topic_beside_kinds_of_care_asks_every_topic(question: str) -> None:
    assert_every_topic(question)


@pytest.mark.parametrize(
    ("question", "new_only"),
    [
        ("Which services are new in Brent?", True),
        ("What new services are planned in Ealing?", True),
        ("What's new for Brent residents in health and care?", False),
        ("What will be new for people in Harrow?", False),
    ],
)
def test_only_a_question_about_new_services_leaves_out_reductions(question: str, new_only: bool) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.new_only is new_only


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("dementia care in brent - will it change?", "mental health"),
        ("What will hospice support look like for Brent patients in future?", "palliative care"),
        ("Is there going to be more hospice at home in Ealing?", "palliative care"),
        ("What's the new hospice model going to mean for families in Harrow?", "palliative care"),
        ("Can you explain how care for dying people is going to change in Brent?", "palliative care"),
        ("What is happening with hospice care for Hounslow families?", "palliative care"),
        ("I'm a GP receptionist in Wembley and people ask what will be different over the next few years", None),
        ("What does the future of health and care in Brent look like?", None),
        ("Any news on improvements to NHS care for people in Harrow?", None),
        ("Is it true a lot is changing with GP and hospital services in Brent?", None),
    ],
)
def test_more_wordings_of_a_change_question_and_who_is_asking_in_the_same_sentence(
    question: str, topic: str | None
) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "What hours does the Brent hospice team work under the new model?",
        "GP practices in Brent - what was planned in 2020, and do the neighbourhood teams still include them?",
    ],
)
def test_a_detail_or_a_past_plan_stays_with_passages(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What's going on with health services in Harrow?", None),
        ("is brent getting any new or better health services over the next 5 yrs", None),
        ("How is hospice care in Kensington and Chelsea going to be different?", "palliative care"),
        ("I'd like to know how the new hospice model will affect patients in Brent", "palliative care"),
        ("How is hospice care going to work for Brent patients under the new arrangements?", "palliative care"),
        ("Does anyone know if dying at home will be better supported in Ealing now?", "palliative care"),
        ("Could you outline how hospice care will change for patients in Harrow?", "palliative care"),
        ("What hospice support will there be in Brent going forward?", "palliative care"),
    ],
)
def test_broad_questions_about_the_future_and_more_topic_wordings(question: str, topic: str | None) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "Which hospice will provide the new hospice at home service in Brent?",
        "Harrow hospice care: what did the 2016 strategy have planned?",
        "What was happening with health services in Brent in 2019?",
    ],
)
def test_a_topic_detail_or_history_is_not_read_as_a_change_question_by_its_words_alone(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    ("question", "topic", "focus"),
    [
        ("Is there going to be better hospice care in Brent?", "palliative care", ()),
        ("hospice support in brent - whats changing", "palliative care", ()),
        ("Is any new hospice support being introduced in Harrow?", "palliative care", ()),
        ("How are hospice services in Brent being reshaped?", "palliative care", ()),
        ("What new specialist hospice care is being offered to people in Brent?", "palliative care", ()),
        ("Are there changes coming to hospice support at home in Brent?", "palliative care", ()),
        ("How will hospice care change for patients registered with GPs in Harrow?", "palliative care", ()),
        ("i'm in wembley - anything changing at local surgeries or community services?", None, ()),
    ],
)
def test_wordings_of_batch_8_and_the_words_that_do_not_narrow_a_topic(
    question: str, topic: str | None, focus: tuple[str, ...]
) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and (asked.topic, asked.focus) == (topic, focus)


def test_anything_new_for_two_groups_stays_with_passages() -> None:
    assert change_question(plan_query("q", "Anything new for unpaid carers or people with asthma in Brent?")) is None


@pytest.mark.parametrize(
    "question",
    [
        "Is support for dying at home in Brent going to get better?",
        "Is Brent getting a new way of organising hospice care?",
        "hillingdon dying at home support improvements",
        "does the new plan change end of life care in harrow?",
    ],
)
def test_a_question_about_a_whole_topic_that_speaks_of_change_is_a_change_question(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        "Will families have to pay for the overnight nursing from the new hospice at home service in Brent?",
        "Which hospice will run the improved hospice at home service in Brent?",
        "How is Ealing trying to improve hospital discharge?",
        "How will neighbourhood teams work differently in Hounslow?",
        "What's the new model for urgent care in Hillingdon?",
    ],
)
def test_words_of_change_in_a_topic_detail_leave_it_to_passages(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    "question",
    [
        "hounslow hospice phone number",  # a search narrower than the topic
        "when will the brent hospice reopen",  # a search that asks a detail
        "Mum wants to die at home in Pinner. Who do we call at night in Harrow?",
        "I heard end of life care in Brent is being reorganised. When does it start?",
        "healthy diet advice in brent",  # "diet" is not "die"
    ],
)
def test_searches_and_stories_that_ask_a_detail_stay_with_passages(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    "question",
    [
        # compared with what there is now: current -> new
        "How will hospice care in Brent differ from what patients get today?",
        "What are the end of life care changes for Harrow compared with what we have now?",
        "summarise palliative care in Ealing under the proposals versus current services",
        # a condition before the question asks no detail
        "When my dad comes home from the hospice, what will end of life care look like in Brent?",
        # the plan in force
        "what happens to hospice care in hounslow under the new model",
        "Which end of life services will Harrow have once the new palliative care model comes in?",
        "brent hospice care new model what does it mean for families",
        # the question proper starts at a polite ask; the topic named as a whole
        "As a GP in Acton I'd like a quick rundown of how palliative care in Ealing will change under the plans.",
        "hospice care hounslow whats new",
        "What help will there be in Brent for people at the end of their life, going forward?",
    ],
)
def test_comparisons_with_now_conditions_and_the_plan_in_force_ask_for_changes(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        "What is the difference between option A and option B for palliative care in Brent?",
        "How will the advice lines change versus today across NW London?",  # no topic: the comparison narrows
        "When the hospice at home service starts in Brent, how many nurses will it have?",
    ],
)
def test_comparisons_of_two_things_and_details_after_a_condition_stay_with_passages(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    "question",
    [
        "What does the new model mean for where people in Brent are cared for at the end of life?",
        "How will the advice lines change compared with today in Brent?",  # no topic, and it names what it compares
    ],
)
def test_a_detail_asked_inside_the_question_stays_with_passages(question: str) -> None:
    assert change_question(plan_query(question, question)) is None


@pytest.mark.parametrize(
    ("question", "new_only"),
    [
        ("What's planned for Brent - especially mental health services, GP access and care homes?", False),
        ("I'd like an overview of the plans for Hillingdon, from GP surgeries to the hospital.", False),
        ("What new services are coming to Ealing and what will be run differently?", False),
        ("Which new services are coming to Ealing?", True),
    ],
)
def test_lists_and_ranges_of_several_topics_ask_about_every_topic(question: str, new_only: bool) -> None:
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic is None and asked.new_only is new_only


@pytest.mark.parametrize(
    "question",
    [
        "What will the new hospice model mean for people in the Royal Borough of Kensington and Chelsea?",
        "I've heard there's a new model for hospice care across NW London - what would it mean in practice in Brent?",
        "The leaflet mentioned longer hours. Can you explain everything that's changing for hospice care in Harrow?",
        "Brent SPC new model of care - key improvements vs current service",
        "What exactly is changing for palliative care in Ealing?",
    ],
)
def test_the_new_model_heard_of_and_requests_to_explain_what_changes(question: str) -> None:
    assert_whole_palliative_care(question)


@pytest.mark.parametrize(
    "question",
    [
        "What is the NHS planning to do differently in Brent, across GP, community and mental health services?",
        # A sentence listing kinds of care does not take the topic of the one before it ("GP surgery").
        "A poster at my GP surgery in Acton mentioned the plan. What does it change in Ealing - doctors, hospital, "
        "mental health and so on?",
    ],
)
def test_a_list_of_several_kinds_of_care_asks_about_every_topic(question: str) -> None:
    assert_every_topic(question)


@pytest.mark.parametrize(
    "question",
    [
        "What will actually change for us in Ealing, e.g. nurses at home at night, hospice beds afterwards?",
        "will people in brent get better access to end of life care at home",
        "Could you give me a full account of how the new palliative care model changes things for Hounslow?",
        "new specialist palliative care model ealing what does it mean",
        "Is Ealing getting anything new for people at the end of life? Hospice, palliative care etc",
        "So what is the overall plan for end of life care in Brent now?",
        "Could you explain the new plan for hospice care in Harrow so I can explain it properly?",
        "can you tell me in ordinary words how hospice care is going to change in Harrow?",
    ],
)
def test_examples_after_e_g_and_more_requests_about_a_whole_topic(question: str) -> None:
    assert_whole_palliative_care(question)


def test_what_the_nhs_is_bringing_in_is_a_change_question() -> None:
    question = "What is the NHS bringing in for Hillingdon?"
    asked = change_question(plan_query(question, question))
    assert asked is not None and asked.topic is None and asked.boroughs == ("Hillingdon",)
