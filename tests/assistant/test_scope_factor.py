"""How a borough's question weighs passages by where they apply (assistant/retrieve.py)."""

from __future__ import annotations

from dataclasses import replace

from assistant.boroughs import NW_LONDON
from assistant.retrieve import RetrievalConfig, scope_factor
from tests.assistant.handmade import PARAGRAPH_CHUNK

CONFIG = RetrievalConfig()
SCOPE = ("Hammersmith and Fulham",)


def test_a_nw_london_wide_passage_counts_for_the_borough_but_below_its_own() -> None:
    own = scope_factor(PARAGRAPH_CHUNK, SCOPE, CONFIG)
    shared = scope_factor(replace(PARAGRAPH_CHUNK, boroughs=(NW_LONDON,)), SCOPE, CONFIG)
    other = scope_factor(replace(PARAGRAPH_CHUNK, boroughs=("Brent",)), SCOPE, CONFIG)
    assert own > shared > 1.0 > other


def test_no_borough_asked_weighs_nothing() -> None:
    assert scope_factor(replace(PARAGRAPH_CHUNK, boroughs=(NW_LONDON,)), (), CONFIG) == 1.0
