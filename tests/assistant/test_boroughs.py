from __future__ import annotations

import pytest

from assistant.boroughs import NW_LONDON, canonical, detect, filter_name, names_site, site_names, strip_places
from assistant.message_parts import sites_asked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What changes in H&F?", ("Hammersmith and Fulham",)),
        ("LBHF and RBKC plans", ("Hammersmith and Fulham", "Kensington and Chelsea")),
        ("the bi-borough partnership", ("Kensington and Chelsea", "Westminster")),
        ("K&C residents", ("Kensington and Chelsea",)),
        ("Hammersmith & Fulham", ("Hammersmith and Fulham",)),
        ("and in Brent?", ("Brent",)),
        ("Harrowing tales of Brentwood", ()),
        # A hospital site places a question in its borough, whatever the borough names inside its own name.
        ("I live near Northwick Park Hospital", ("Harrow",)),
        ("round the corner from Charing Cross Hospital", ("Hammersmith and Fulham",)),
        ("my mum is in Chelsea and Westminster Hospital", ("Kensington and Chelsea",)),
        ("Queen Charlottes and Chelsea Hospital", ("Hammersmith and Fulham",)),
        ("Chelsea and Westminster have the highest income", ("Kensington and Chelsea", "Westminster")),
        # Apostrophes straight, curly or left out, and "St" with or without its full stop.
        ("St. Mary\u2019s Hospital", ("Westminster",)),
        ("st marys hospital", ("Westminster",)),
        ("Shepherd\u2019s Bush", ("Hammersmith and Fulham",)),
    ],
)
def test_detect_finds_boroughs_by_alias(text: str, expected: tuple[str, ...]) -> None:
    assert detect(text).boroughs == expected


def test_detect_recognises_nw_london_wide_and_outside_places() -> None:
    assert detect("This applies across all boroughs").nw_london
    scope = detect("What about palliative care in Camden?")
    assert scope.outside == ("Camden",) and scope.boroughs == ()


def test_canonical_maps_aliases_and_rejects_unknown() -> None:
    assert canonical("h&f") == "Hammersmith and Fulham"
    assert canonical("NW London") == NW_LONDON
    with pytest.raises(ValueError, match="unknown borough"):
        canonical("Narnia")


def test_a_filter_accepts_an_alias_without_its_apostrophe_or_with_a_curly_one() -> None:
    assert filter_name("shepherds bush") == "Hammersmith and Fulham"
    assert filter_name("St Mary\u2019s Hospital") == "Westminster"


def test_sites_asked_about_are_told_from_sites_that_say_where_the_asker_is() -> None:
    assert site_names("What is changing at Central Middlesex Hospital?") == ("Central Middlesex Hospital",)
    assert site_names("plans for St Marys hospital and Charing Cross Hospital") == (
        "St Marys hospital",
        "Charing Cross Hospital",
    )
    assert site_names("We live near Northwick Park Hospital; what's changing?") == ()
    assert names_site("at Charing Cross and St Mary’s Hospital sites", "St Marys Hospital")
    assert names_site("Chelsea and Westminster Hospital NHS Foundation Trust", "Chelsea & Westminster Hospital")
    assert not names_site("Westminster Hospital", "Chelsea & Westminster Hospital")
    assert sites_asked("I'm a patient at West Middlesex Hospital, what is changing in Hounslow?") == ()
    assert sites_asked("My dad is in Charing Cross Hospital. What is new at St Mary's Hospital?") == (
        "St Mary's Hospital",
    )


def test_a_places_families_are_its_households_not_the_childrens_topic() -> None:
    assert strip_places("What changes for Brent families?", households=True) == "What changes for local families?"
    assert strip_places("What changes for families in Brent?", households=True).startswith("What changes for families")
