"""Whether one statement states a change, on statements written here: what the extraction rules keep and drop."""

from __future__ import annotations

from ingest.change_rules import is_change


def test_short_items_count_only_where_the_lead_in_names_the_change() -> None:
    assert is_change("Home visits for housebound residents", announced=True, lead_says_change=True)
    assert not is_change("Inpatient and acute provision", announced=True)
    assert is_change("More evening appointments", announced=True)
    assert not is_change("Young people consistently say that emotional health is their greatest concern", True)
    assert not is_change("The changes are broadly supported by patients and providers across the area", True)


def test_recommendations_conditions_continuations_and_cut_statements_are_not_plans() -> None:
    assert not is_change("More services should move towards being available seven days a week")
    assert not is_change("If we are to keep people close to home, we will need to expand community services")
    assert not is_change("Maintain high uptake of prescribing of best value biosimilars", announced=True)
    assert not is_change("Our enhanced primary care and self-care workstreams will deliver", announced=True)
    assert not is_change("Nationally supported by the royal colleges and the regional team", announced=True)
    assert not is_change("To ensure services are timely, we need to improve productivity and reduce variation", True)
    assert not is_change("Extra Care) where possible, with support to live at home", announced=True)
    assert is_change("Implement the new policy on medicines which should not routinely be prescribed")
    assert is_change("Open a walk-in centre (with X-ray) in the town centre by 2027")
    assert is_change("The walk-in centre will change and become an urgent treatment centre")
    assert is_change("Extension of the falls scheme to other practices – 2026/2027")
    assert not is_change("The changes will be discussed with partners")


def test_statements_about_the_plan_effects_risks_and_support_for_a_vision_are_not_plans() -> None:
    assert not is_change("Our key deliverables that will achieve our vision are set out on the next page", True)
    assert not is_change("Our immediate and longer-term plans will deliver joined-up care for everyone")
    assert not is_change("Each priority outlines the services in which it will impact", announced=True)
    assert not is_change("Future milestones to be confirmed in line with programme requirements", announced=True)
    assert not is_change("Shared care pathways require nurses and pharmacists to work more closely together", True)
    assert not is_change("The rise in referrals also has an impact on our community nurses", announced=True)
    assert not is_change("Rising rents risks destabilising the care home market in the borough", announced=True)
    assert not is_change("Support the regional vision for every child to be a healthy weight", announced=True)
    assert not is_change("Community pharmacy is at the heart of our vision for local care", announced=True)
    assert not is_change("Better outcomes for older residents is the key objective of the partnership", True)
    assert not is_change("Commissioners are assured that the walk-in centres provide good value", announced=True)
    assert not is_change("Referrals into the falls service are now reaching the target", announced=True)
    assert not is_change("Nonetheless, we know we have more to do to reduce waiting times", announced=True)
    # A change whose words merely contain those phrases stays one.
    assert is_change("It adds ten beds for people with less complex needs who still require care at night")
    assert is_change("Introduce a strategy for carers' breaks by March 2027")
    assert is_change("Progress the transformation work following the review of the falls service")
    assert not is_change("Progress has been made on the review of the falls service")


def test_focus_labels_effects_wishes_continuity_and_outcome_named_aims_are_not_plans() -> None:
    assert not is_change("focus – stroke rehabilitation and other areas", announced=True)
    assert not is_change("This will improve the health and wellbeing of carers across the county", announced=True)
    assert not is_change("Benefits will begin to be realised as the new teams settle in", announced=True)
    assert not is_change("This will be a long journey with partners across the county", announced=True)
    assert not is_change("We want to make better use of volunteers in our community teams", announced=True)
    assert not is_change("Each town will continue to have its own walk-in centre", announced=True)
    assert not is_change("Improving stroke outcomes", announced=True)
    assert not is_change("Tackling the loneliness crisis among older residents", announced=True)
    assert not is_change("Reducing pressure on the minor injuries unit", announced=True)
    assert not is_change("It is expected that the new clinics will reduce hospital admissions by 2027", True)
    assert not is_change("New models of care will be made possible by shared records across the county", True)
    assert not is_change("The work is in line with the national plan as it enables closer working", True)
    assert not is_change("The stroke network and the patient panel support the changes, which will improve care", True)
    assert not is_change("The county safeguarding policy covers the provisions of the Care Act 2014", True)
    # What will be done, still a plan:
    assert is_change("Reduce waiting times for stroke rehabilitation by March 2027")
    assert is_change("This will be achieved by opening two new community stroke clinics by 2027")
    assert is_change("Improving access to stroke rehabilitation with two new clinics", announced=True)
    assert is_change("Continue to expand the falls service to every care home")


def test_effects_trends_past_steps_and_the_plans_own_workings_are_not_plans() -> None:
    assert not is_change("This will reduce falls and fractures among older residents", announced=True)
    assert not is_change("Early support in schools – helps prevent crises and reduces admissions", True)
    assert not is_change("Growing demand and increased activity in urgent and community services", True)
    assert not is_change("Delays and inequity in access to speech therapy for children with SEND", True)
    assert not is_change("Started off the conversations between practices about sharing nurses", True)
    assert not is_change("To optimise (start, stop or change the dose of medicines)", announced=True)
    assert not is_change("Providing specialist safeguarding advice to the ICB", announced=True)
    assert not is_change("We will use our system intentions to deliver our local priorities", announced=True)
    assert not is_change("Switching to generic inhalers is supported and recommended by the national team", True)
    assert not is_change("Providers and commissioners are positive about sharing one waiting list", True)
    assert not is_change("Development & Workforce", announced=True)
    assert not is_change("Scoping document for the falls service completed", announced=True)
    assert not is_change("Monitor the use of the falls service by care homes", announced=True)
    # Plans and target states, however they are led:
    assert is_change("All people known to the memory service will have a care plan by 2027", announced=True)
    assert is_change("Full roll out of the falls app to every patient with a long-term condition")
    assert is_change("Transition to Family Hubs", announced=True)
    assert is_change("Expand Bridging Service", announced=True)
    assert is_change("Delays reduced for patients discharged from hospital to a care home", announced=True)
