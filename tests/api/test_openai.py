"""POST /v1/chat/completions driven by the real `openai` client, plain and streaming."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import openai
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.server]

QUESTION = "When do the new contracts start?"


def _client(base: str, key: str = "not-checked") -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{base}/v1", api_key=key, max_retries=0, timeout=60)


def test_openai_client_gets_answer_with_sources(api_url: str) -> None:
    client = _client(api_url)
    assert [m.id for m in client.models.list()] == ["nwl-assistant"]
    completion = client.chat.completions.create(
        model="nwl-assistant",
        messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": QUESTION}],
    )
    content = completion.choices[0].message.content or ""
    assert "1st October 2025" in content and "\n\nSources:\n[1] " in content
    extra = completion.model_extra or {}
    assert extra["citations"][0]["quote"] in content and extra["abstained"] is False
    assert completion.id == f"chatcmpl-{extra['answer_id']}" and completion.choices[0].finish_reason == "stop"


def test_openai_client_streams_the_same_answer(api_url: str) -> None:
    client = _client(api_url)
    messages = [{"role": "user", "content": QUESTION}]
    plain = client.chat.completions.create(model="nwl-assistant", messages=messages)  # type: ignore[arg-type]
    stream = client.chat.completions.create(model="nwl-assistant", messages=messages, stream=True)  # type: ignore[arg-type]
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text == plain.choices[0].message.content
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert (chunks[-1].model_extra or {})["citations"] == (plain.model_extra or {})["citations"]


def test_openai_history_and_borough_extension(api_url: str) -> None:
    completion = _client(api_url).chat.completions.create(
        model="nwl-assistant",
        messages=[
            {"role": "user", "content": "What are Ealing's borough partnership priorities?"},
            {"role": "assistant", "content": "- Ealing's priorities ... [1]\n\nSources:\n[1] Joint Forward Plan"},
            {"role": "user", "content": "And in Brent?"},
        ],
        extra_body={"boroughs": ["Brent"]},
    )
    citations = (completion.model_extra or {})["citations"]
    assert citations and "Brent" in (completion.choices[0].message.content or "")


def test_openai_errors_surface_as_client_exceptions(api_url: str, start_server: Callable[..., str]) -> None:
    with pytest.raises(openai.UnprocessableEntityError, match="must include a user message"):
        _client(api_url).chat.completions.create(
            model="nwl-assistant", messages=[{"role": "assistant", "content": "I speak first"}]
        )
    locked = start_server(api_keys=["sk-nwl-test-0123456789"])
    with pytest.raises(openai.AuthenticationError):
        _client(locked, "sk-wrong-0123456789").chat.completions.create(
            model="nwl-assistant", messages=[{"role": "user", "content": QUESTION}]
        )
    ok = _client(locked, "sk-nwl-test-0123456789").chat.completions.create(
        model="nwl-assistant", messages=[{"role": "user", "content": QUESTION}]
    )
    assert "Sources:" in (ok.choices[0].message.content or "")


def test_openai_answer_with_an_nhs_number_ends_with_the_notice(api_url: str) -> None:
    completion = _client(api_url).chat.completions.create(
        model="nwl-assistant", messages=[{"role": "user", "content": f"{QUESTION} Patient 943 476 5919."}]
    )
    content = completion.choices[0].message.content or ""
    notice = (completion.model_extra or {})["notice"]
    assert "1st October 2025" in content and "Sources:" in content
    assert "do not enter patient details" in notice and content.endswith("\n\n" + notice)
    plain = _client(api_url).chat.completions.create(
        model="nwl-assistant", messages=[{"role": "user", "content": QUESTION}]
    )
    assert (plain.model_extra or {}).get("notice") is None


@pytest.mark.parametrize("stream", [0, 1, "true", None])
def test_openai_stream_must_be_a_boolean(client: httpx.Client, stream: object) -> None:
    body = {"model": "nwl-assistant", "messages": [{"role": "user", "content": QUESTION}], "stream": stream}
    response = client.post("/v1/chat/completions", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["details"][0]["loc"] == ["body", "stream"]


def test_openai_client_sees_a_partial_answer_labelled_as_such(api_url: str) -> None:
    completion = _client(api_url).chat.completions.create(
        model="nwl-assistant",
        messages=[{"role": "user", "content": "How much of the £15m CSPC investment goes to Hammersmith and Fulham?"}],
    )
    content = completion.choices[0].message.content or ""
    assert content.startswith("Partly answered: the documents do not give the detail asked for.\n\n")
    assert "£15m investment over 6 years" in content
    extra = completion.model_extra or {}
    assert extra["outcome"] == "partial" and extra["abstained"] is True
