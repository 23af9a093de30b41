"""GET /v1/boroughs: the eight boroughs with how much of the corpus concerns each."""

from __future__ import annotations

import httpx
import pytest

from assistant.boroughs import BOROUGHS
from assistant.service import Assistant

pytestmark = [pytest.mark.slow, pytest.mark.server]


def test_boroughs_lists_the_eight_with_counts(client: httpx.Client, api_assistant: Assistant) -> None:
    boroughs = client.get("/v1/boroughs").json()
    assert [b["name"] for b in boroughs] == list(BOROUGHS)
    chunks = api_assistant.snapshot.chunks
    for borough in boroughs:
        assert borough["chunks"] == sum(borough["name"] in c.boroughs for c in chunks) > 0
        # Every borough has a section in the Joint Forward Plan.
        assert borough["documents"] >= 1
    by_name = {b["name"]: b for b in boroughs}
    assert by_name["Hammersmith and Fulham"]["chunks"] == max(b["chunks"] for b in boroughs)
    assert by_name["Hammersmith and Fulham"]["documents"] >= 3
