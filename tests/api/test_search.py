"""GET /v1/search: ranked passages with their scores, borough filters and bounds."""

from __future__ import annotations

import httpx
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.server]


def test_search_ranks_relevant_passage_first(client: httpx.Client) -> None:
    body = client.get("/v1/search", params={"q": "hospice at home overnight nursing", "k": 5}).json()
    hits = body["hits"]
    assert len(hits) == 5 and [h["rank"] for h in hits] == [1, 2, 3, 4, 5]
    assert "hospice at home" in hits[0]["text"].lower()
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(h["dense_score"] is not None or h["bm25_score"] is not None for h in hits)


def test_search_borough_filter_keeps_borough_and_nw_london_passages(client: httpx.Client) -> None:
    body = client.get("/v1/search", params=[("q", "borough partnership priorities"), ("borough", "Harrow")]).json()
    assert body["boroughs"] == ["Harrow"] and body["hits"]
    assert all({"Harrow", "nw_london"} & set(h["boroughs"]) for h in body["hits"])
    assert any("Harrow" in h["boroughs"] for h in body["hits"][:3])
    unfiltered = client.get("/v1/search", params={"q": "borough partnership priorities", "borough": ""}).json()
    assert unfiltered["boroughs"] == [] and len(unfiltered["hits"]) == 10


@pytest.mark.parametrize(
    ("params", "kind"),
    [
        ({"q": "x", "k": 0}, "invalid_request"),
        ({"q": "x", "k": 51}, "invalid_request"),
        ({"k": 3}, "invalid_request"),
        ({"q": "x" * 2001}, "invalid_request"),
        ({"q": "x", "borough": "Narnia"}, "invalid_request"),
        ({"q": " \u00a0\t"}, "invalid_input"),
    ],
)
def test_search_rejects_bad_parameters(client: httpx.Client, params: dict[str, object], kind: str) -> None:
    response = client.get("/v1/search", params=params)
    assert response.status_code == 422 and response.json()["error"]["type"] == kind
