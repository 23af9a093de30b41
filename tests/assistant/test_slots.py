"""Slot recognition: what detail a question asks for, and whether one unit's text states it."""

from __future__ import annotations

import pytest

from assistant.slot_evidence import states
from assistant.slots import asked_slot, questions_asked, recognise


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many beds does the hospice have?", "count"),
        ("Who is the chair of the programme board?", "person"),
        ("Where will the new hub be located?", "place"),
        ("When does the contract end?", "date"),
        ("What are the visiting hours at the hospice?", "clock"),
        ("What budget does the falls project have?", "sum"),
        ("How much of the £15m goes to Brent?", "split"),
        ("What is the phone number for the advice line?", "contact"),
        ("What is the address of the health centre?", "contact"),
        ("What are the addresses of the new hubs?", "contact"),  # several contact details
        ("What are the phone numbers for the hospices?", "contact"),
        ("Will families have to pay for overnight care?", "charge"),
        ("Will the new service reach every borough?", "yes_no"),
        ("Can the nurses come round at 7 in the evening?", "clock"),
        ("What is the waiting time for the lymphoedema clinic?", "duration"),
        ("How long does the telephone assessment last?", "duration"),
        ("How do carers sign up for the respite scheme?", "procedure"),  # how to take part
        ("how can i get referred to the falls clinic", "procedure"),
        ("Is there a way to apply? How do I apply for a grant?", "procedure"),
        ("Which schools are in the asthma programme?", "place"),  # places named in a list
    ],
)
def test_recognise_names_the_slot(question: str, kind: str) -> None:
    slot = recognise(question)
    assert slot is not None and slot.kind == kind


def test_explanations_and_lists_have_no_slot() -> None:
    assert recognise("What is SDEC?") is None
    assert recognise("What are the priorities for children's mental health?") is None


def test_a_count_needs_the_number_in_the_same_phrase_as_the_counted_noun() -> None:
    slot = recognise("How many beds does the hospice have?")
    assert slot is not None and slot.head == "bed"
    question = "How many beds does the hospice have?"
    assert states(slot, "The hospice has five new enhanced end-of-life beds.", question)
    assert states(slot, "Inpatient beds: 12", question)
    assert not states(slot, "The hospice opened 3 theatres in 2023 and has beds.", question)
    assert not states(slot, "Support teams work in over 40% of beds.", question)  # a share is not a count


def test_people_are_counted_in_whatever_people_the_text_counts() -> None:
    question = "How many people were waiting for an appointment?"
    slot = recognise(question)
    assert slot is not None
    assert states(slot, "There were 296,892 patients waiting for an appointment.", question)


def test_a_split_is_not_answered_by_its_total() -> None:
    question = "How much of the additional £15m goes to Brent?"
    slot = recognise(question)
    assert slot is not None and slot.kind == "split" and slot.whole == "£15m" and slot.part == ("Brent",)
    assert not states(slot, "The ICB approved an additional £15m investment over 6 years.", question)
    assert states(slot, "Brent will receive £2m of the investment.", question)


def test_a_contrast_needs_a_number_of_the_part_alone() -> None:
    question = "How many residents, as opposed to professionals, sat on the working group?"
    slot = recognise(question)
    assert slot is not None and slot.kind == "split"
    assert not states(slot, "The working group (12 residents and professionals) met monthly.", question)
    assert states(slot, "The working group had 8 residents and 4 professionals.", question)


def test_a_date_of_a_day_is_not_answered_by_a_month() -> None:
    question = "On what date will the workshop be held?"
    slot = recognise(question)
    assert slot is not None and slot.grain == "day"
    assert not states(slot, "The workshop will be held in September 2025.", question)
    assert states(slot, "The workshop will be held on 12 September 2025.", question)


def test_an_end_date_is_not_answered_by_a_start() -> None:
    question = "When does the physio contract end?"
    slot = recognise(question)
    assert slot is not None and slot.event == "end"
    assert not states(slot, "The contract was awarded to the provider in 2016.", question)
    assert states(slot, "The contract ends in March 2026.", question)


def test_a_named_role_needs_a_name_next_to_it() -> None:
    question = "Who is the neighbourhood director for the teams?"
    slot = recognise(question)
    assert slot is not None and slot.named and slot.role == ("director",)
    assert not states(slot, "Fast Track development of teams, led by a neighbourhood director.", question)
    assert states(slot, "The teams report to Jane Smith, neighbourhood director.", question)


def test_who_does_something_may_be_answered_by_a_body() -> None:
    question = "Who runs the community physio service?"
    slot = recognise(question)
    assert slot is not None and not slot.named
    assert states(slot, "The contract was awarded to Connect Health in 2016.", question)


def test_a_sentence_opener_is_not_a_place_name() -> None:
    question = "Where will the new hub be?"
    slot = recognise(question)
    assert slot is not None
    assert not states(slot, "Development of the new hub with sign posting to partners.", question)
    assert states(slot, "The hub will be at Central Middlesex Hospital.", question)


def test_contact_needs_a_phone_number_or_an_address() -> None:
    phone = recognise("What is the phone number of the advice line?")
    address = recognise("What is the address of the health centre?")
    assert phone is not None and address is not None
    assert states(phone, "Call 0203 795 3426 to self-refer.", "phone number")
    assert not states(phone, "The advice line is open 24/7.", "phone number")
    assert states(address, "The centre is at 16 Milson Road, W14 0LJ.", "What is the address of the health centre?")


def test_a_waiting_time_needs_a_length_of_time() -> None:
    question = "What is the waiting time for the physio clinic?"
    slot = recognise(question)
    assert slot is not None
    assert states(slot, "Most patients are seen in clinic within 4 weeks of referral.", question)
    assert states(slot, "Treatment is usually arranged within 5 working days.", question)
    assert not states(slot, "Patients' time is respected, with waiting times kept to a minimum.", question)


def test_a_question_about_waiting_times_is_not_a_question_for_a_time() -> None:
    assert recognise("What did the board hear about physiotherapy waiting times?") is None


def test_whether_something_is_paid_for_needs_a_sentence_about_cost() -> None:
    question = "Will families have to pay for the overnight nursing?"
    slot = recognise(question)
    assert slot is not None
    assert not states(slot, "The new service includes overnight nursing for families.", question)
    assert states(slot, "Overnight nursing is free of charge to families.", question)


def test_how_to_take_part_is_answered_only_by_a_text_that_says_how() -> None:
    slot = recognise("How do residents apply for a community grant?")
    assert slot is not None and slot.kind == "procedure"
    assert states(slot, "Groups can apply online through the council website.", "q")
    assert states(slot, "Referrals are made by the GP.", "q")
    assert not states(slot, "Award Community Grants to local organisations.", "q")


def test_the_question_after_what_the_asker_read_names_the_slot() -> None:
    message = "The plan mentions an integrated end of life hub. Where is the hub physically based?"
    slot = asked_slot(message)
    assert recognise(message) is None and slot is not None and slot.kind == "place"
    # the story before it is not what the detail is about
    assert slot.thing == recognise("Where is the hub physically based?").thing  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("I'd like to know the date the diagnostic centre is due to open.", "date"),
        ("What's the deadline for applications to the community grants?", "date"),
        ("any idea when the new diagnostic centre is due to open?", "date"),
        ("Blunt question: how long is the wait for an autism assessment?", "duration"),
        ("How many of the new enhanced end-of-life care beds will be in Ealing?", "count"),
        ("What are the names of those five neighbourhoods?", "place"),
        ("Which school or estate is the project based in?", "place"),
        ("Which named hospice or organisation will run the service?", "person"),
        ("Which university is the borough partnering with?", "person"),
        # hours asked without "opening", how to reach someone, a slot word typed wrong: read from one-detail batch 120
        # (evals/datasets/changes.README.md)
        ("What are the hours of the new falls service?", "clock"),
        ("Do you know the hours of the bridging team?", "clock"),
        ("How do we contact the liaison nurses?", "contact"),
        ("how can I get in touch with the frailty team", "contact"),
        ("Who do I call at night?", "contact"),  # a number to call, not a person's name
        ("whats the adress of the falls clinic?", "contact"),
        ("what is the telephne number for the hospice", "contact"),
        ("what are the opning hours of the hub?", "clock"),
    ],
)
def test_details_asked_in_other_words_name_their_slot(question: str, kind: str) -> None:
    slot = asked_slot(question)
    assert slot is not None and slot.kind == kind


def test_a_place_is_a_name_with_a_place_head_a_known_area_or_a_postcode() -> None:
    question = "Which school is the healthy weight project based at?"
    slot = recognise(question)
    assert slot is not None
    assert not states(
        slot, "Delivery of 3 Change4Life neighbourhood projects and the Asthma Friendly Programme", question
    )
    assert not states(slot, "Future Services transition phase Q4 24/25", question)
    assert states(slot, "The project runs at Queen's Park Primary School.", question)
    assert states(slot, "Crisis outreach will focus on NW10 and NW2.", question)
    assert states(slot, "The project will start in Church Street and Harlesden.", question)


def test_which_organisation_runs_it_needs_a_name_given_as_who_does_it() -> None:
    question = "Which organisation will run the new care home liaison service?"
    slot = recognise(question)
    assert slot is not None and slot.kind == "person"
    assert not states(slot, "Establish Care Home Liaison Service; Review EoL services at Meadow House", question)
    assert states(slot, "The contract was awarded to Connect Health in 2016.", question)
    assert states(slot, "Central London Community Healthcare will provide the liaison service.", question)


def test_what_the_asker_told_before_the_question_is_not_quoted_as_the_question() -> None:
    assert questions_asked("My dad is frail. He lives in Harrow. When does the model go live? Who runs it?") == (
        "When does the model go live? Who runs it?"
    )
    assert questions_asked("Tell me about the hub.") == "Tell me about the hub."


@pytest.mark.parametrize(
    "question",
    [
        "Who is eligible for the winter wellness programme in Brent?",
        "Is there an age limit for the memory clinic in Ealing?",
        "how old do you have to be to use the falls service",
        "Does my mum qualify for the carers scheme if she works part time?",
        "What are the criteria for getting a hospice bed?",
    ],
)
def test_who_may_use_a_service_is_an_eligibility_slot(question: str) -> None:
    slot = recognise(question)
    assert slot is not None and slot.kind == "eligibility"


def test_eligibility_is_answered_only_by_who_it_is_for_or_which_ages() -> None:
    who = "Who is eligible for the befriending scheme?"
    slot = recognise(who)
    assert slot is not None
    assert states(slot, "The scheme supports residents who have a life limiting condition.", who)
    assert not states(slot, "The befriending scheme will be expanded in 2025 with 40 more volunteers.", who)
    ages = "Is there an age limit for the befriending scheme?"
    slot = recognise(ages)
    assert slot is not None
    assert states(slot, "The scheme is open to residents aged 65 and over.", ages)
    # who it is for, without an age, does not answer an age asked for
    assert not states(slot, "The scheme supports residents who have a life limiting condition.", ages)


def test_a_postcode_asked_for_is_answered_only_by_a_postcode() -> None:
    # read from one-detail batch 127 (evals/datasets/changes.README.md)
    question = "What's the postcode of the Parkview Centre?"
    slot = recognise(question)
    assert slot is not None and slot.kind == "place"
    assert not states(slot, "The Parkview Centre for Health and Wellbeing offers physiotherapy.", question)
    assert states(slot, "The clinic moves to the Parkview Centre, W12 7RQ, in May.", question)


# Read from one-detail batch 134 (evals/datasets/changes.README.md); every wording is written for the test.
@pytest.mark.parametrize(
    "question",
    [
        "The plan says Ealing opened 3 family hubs - where are they?",
        "What part of Brent does the outreach project cover?",
        "Which areas of Hounslow will the new teams work in?",
    ],
)
def test_where_asked_after_a_dash_or_which_part_of_a_place_is_a_place_slot(question: str) -> None:
    slot = asked_slot(question)
    assert slot is not None and slot.kind == "place"


def test_how_many_counts_the_noun_before_a_clause_saying_who_does_it() -> None:
    slot = recognise("How many family hubs the council is opening in Brent?")
    assert slot is not None and slot.head == "hub"
    # "how many of the …" counts what comes after "of the"
    slot = recognise("How many of the new beds will be in Ealing?")
    assert slot is not None and slot.head == "bed"


def test_a_group_counted_by_its_size_counts_its_members() -> None:
    question = "How many volunteers does the befriending scheme have?"
    slot = recognise(question)
    assert slot is not None
    assert states(slot, "The scheme supports 120 people, with a volunteer group of 25.", question)
    assert not states(slot, "The scheme supports 120 people with the help of volunteers.", question)


def test_where_in_a_borough_is_not_answered_by_a_name_that_only_repeats_the_borough() -> None:
    question = "Which part of Harrow is the Harrow Healthy Streets project in?"
    slot = recognise(question)
    assert slot is not None and slot.kind == "place"
    assert not states(slot, "Delivery of the Harrow Healthy Streets project and 3 neighbourhood schemes", question)
    # a town of the borough, in one word, or a part of it by direction, does say where
    assert states(slot, "Need is highest in and around Wealdstone and Edgware.", question)
    assert states(slot, "The programmes have a particular focus on the south of the borough.", question)


def test_which_months_asks_for_months_and_the_name_of_a_model_stands_by_the_model() -> None:
    question = "which months does the Ealing winter warmth scheme run?"
    slot = recognise(question)
    assert slot is not None and slot.kind == "date" and slot.grain == "month"
    assert not states(slot, "Build on the winter warmth scheme 2024/25", question)
    assert states(slot, "The scheme runs from November to February.", question)
    question = "What is the name of the new model Brent is using to help frail people stay at home?"
    slot = recognise(question)
    assert slot is not None and slot.kind == "person" and slot.role == ("model",)
    assert states(slot, "People will stay at home for longer through our redesigned 'Stay Well' model.", question)


def test_to_address_something_is_not_an_address_asked_for() -> None:
    # read from one-detail batch 136 (evals/datasets/changes.README.md)
    slot = recognise("How many priorities is the Brent carers board working to address?")
    assert slot is not None and slot.kind == "count"
    slot = recognise("What is the address of the Brent carers centre?")
    assert slot is not None and slot.kind == "contact"


# Read from one-detail batch 143 (evals/datasets/changes.README.md).
@pytest.mark.parametrize(
    "question",
    [
        "What's the numerical target for cutting heart failure admissions in Brent?",
        "what's the target for reducing Mental Health Act detentions in Westminster?",
        "How big is the gap in male life expectancy in Westminster?",
        "By how much is Hounslow's 65 and over population expected to grow by 2041?",
    ],
)
def test_a_target_or_a_size_asks_for_a_figure(question: str) -> None:
    slot = recognise(question)
    assert slot is not None and slot.kind == "figure"


def test_a_figure_is_answered_by_a_number_that_is_no_date() -> None:
    question = "What's the numerical target for cutting heart failure admissions in Brent?"
    slot = recognise(question)
    assert slot is not None
    assert not states(slot, "Reduce heart failure admissions and activity in hospital by Q4 24/25", question)
    assert states(slot, "Reduce heart failure admissions by 10% by 2026", question)


def test_how_anyone_gets_in_touch_asks_for_a_contact() -> None:
    slot = recognise("How can a homeless person in Kensington get in touch with the Integrated Care Network service?")
    assert slot is not None and slot.kind == "contact"


def test_which_year_of_a_plan_is_answered_by_the_plans_own_year() -> None:
    # read from tune detail questions: a plan table's cell is dated by its column ("Year 2")
    question = "In which year of the cancer plan do Ealing GP practices get focussed support?"
    slot = recognise(question)
    assert slot is not None and slot.kind == "date"
    assert states(slot, "Year 2: Focussed support to Ealing primary care to increase early diagnosis", question)
    assert not states(slot, "Focussed support to Ealing primary care to increase early diagnosis", question)
    # a plan's year answers only a question about a year
    when = "When will Ealing GP practices get focussed support?"
    assert not states(recognise(when) or slot, "Year 2: Focussed support to Ealing primary care", when)


def test_an_acronyms_plural_with_an_apostrophe_is_counted() -> None:
    question = "How many PCNs will each of Hillingdon's integrated neighbourhood teams support?"
    slot = recognise(question)
    assert slot is not None and slot.kind == "count"
    assert states(slot, "Building three integrated neighbourhood teams supporting 2 PCN's each", question)
    assert not states(slot, "Building integrated neighbourhood teams supporting PCN's across the borough", question)
