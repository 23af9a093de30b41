"""GET /v1/changes: the change register over HTTP, validated against its response model and schema."""

from __future__ import annotations

import httpx
import pytest

from assistant.contract import ChangesResponse
from assistant.topics import keyword_topic

pytestmark = [pytest.mark.slow, pytest.mark.server]


def test_changes_route_validates_against_its_schema(client: httpx.Client) -> None:
    response = client.get("/v1/changes", params=[("borough", "Harrow"), ("topic", "palliative care")])
    assert response.status_code == 200
    body = ChangesResponse.model_validate(response.json())
    assert body.boroughs == ["Harrow"] and body.changes
    # Filed under the topic, or stated by a document about it as a whole (a palliative care model).
    assert all(c.topic == "palliative care" or keyword_topic(c.title) == "palliative care" for c in body.changes)
    assert any(c.topic == "palliative care" for c in body.changes)
    assert any(c.scope == "nw_london" for c in body.changes)
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/v1/changes"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("ChangesResponse")
    assert client.get("/v1/changes", params={"topic": "astrology"}).status_code == 422
    assert client.get("/v1/changes", params={"borough": "Narnia"}).status_code == 422
