"""The OpenAPI contract itself: declared statuses and error bodies, borough enums, strict types, body size.

Built from `create_app` without starting it, so nothing is loaded: these are fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from api.app import MAX_BODY_BYTES, create_app
from api.routes.openai import ChatCompletionRequest, to_ask_request
from assistant.boroughs import BOROUGHS, NW_LONDON_NAMES, filter_choices
from assistant.contract import AskRequest
from assistant.errors import InputError
from assistant.settings import Settings

KEY = "contract-test-key-0123456789"
ERROR_REF = "#/components/schemas/ErrorOut"
ASSISTANT_ROUTES = {"/v1/ask", "/v1/chat", "/v1/search", "/v1/documents", "/v1/boroughs", "/v1/chat/completions"}
BODY_ROUTES = {"/v1/ask", "/v1/chat", "/v1/feedback", "/v1/chat/completions"}


def _openapi(tmp_path: Path, **settings: Any) -> dict[str, Any]:
    spec: dict[str, Any] = create_app(Settings(data_dir=tmp_path / "data", **settings)).openapi()
    return spec


def _v1_operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, operations in spec["paths"].items()
        if path.startswith("/v1/")
        for method, operation in operations.items()
    ]


def test_every_v1_operation_declares_its_error_statuses_with_the_error_body(tmp_path: Path) -> None:
    operations = _v1_operations(_openapi(tmp_path))
    assert len(operations) >= 12
    for path, method, operation in operations:
        responses = operation["responses"]
        expected = {"401", "429"}
        if path in BODY_ROUTES:
            expected |= {"400", "413", "422"}
        if path in ASSISTANT_ROUTES or path.startswith("/v1/documents/"):
            expected.add("503")
        if "{" in path or path.startswith("/v1/faq"):
            expected |= {"404", "422"}
        assert expected <= set(responses), (method, path, sorted(responses))
        for status, response in responses.items():
            if status.startswith(("4", "5")):
                assert response["content"]["application/json"]["schema"] == {"$ref": ERROR_REF}, (path, status)
                assert response["description"], (path, status)


def test_error_body_schema_is_one_model_with_type_and_message(tmp_path: Path) -> None:
    schemas = _openapi(tmp_path)["components"]["schemas"]
    assert "HTTPValidationError" not in schemas  # FastAPI's own 422 body is never what we send
    detail = schemas["ErrorDetail"]
    assert set(detail["required"]) == {"type", "message"}


def test_413_description_states_the_real_limit(tmp_path: Path) -> None:
    spec = _openapi(tmp_path)
    description = spec["paths"]["/v1/ask"]["post"]["responses"]["413"]["description"]
    assert f"{MAX_BODY_BYTES // 2**20} MB" in description


def test_api_key_schemes_are_declared_only_when_keys_are_set(tmp_path: Path) -> None:
    open_spec = _openapi(tmp_path)
    assert "securitySchemes" not in open_spec.get("components", {})
    keyed = _openapi(tmp_path, api_keys=[KEY])
    schemes = keyed["components"]["securitySchemes"]
    assert schemes["HTTPBearer"]["scheme"] == "bearer" and schemes["APIKeyHeader"]["name"] == "X-API-Key"
    for path, method, operation in _v1_operations(keyed):
        assert operation["security"] == [{"HTTPBearer": []}, {"APIKeyHeader": []}], (method, path)
    assert "security" not in keyed["paths"]["/healthz"]["get"]


def _enum_of(schema: dict[str, Any]) -> list[str]:
    return list(schema["items"]["enum"])


def test_borough_filters_are_enums_of_names_and_aliases(tmp_path: Path) -> None:
    spec = _openapi(tmp_path)
    schemas = spec["components"]["schemas"]
    ask_enum = _enum_of(schemas["AskRequest"]["properties"]["boroughs"])
    assert ask_enum == list(filter_choices())
    assert set(BOROUGHS) <= set(ask_enum) and {"H&F", "RBKC", "LBHF", *NW_LONDON_NAMES} <= set(ask_enum)
    assert "Camden" not in ask_enum and "bi-borough" not in ask_enum  # refused by the server, so not offered
    assert _enum_of(schemas["ChatCompletionRequest"]["properties"]["boroughs"]) == ask_enum
    search = {p["name"]: p for p in spec["paths"]["/v1/search"]["get"]["parameters"]}
    assert _enum_of(search["borough"]["schema"]["anyOf"][0]) == [*ask_enum, ""]
    faq = {p["name"]: p for p in spec["paths"]["/v1/faq"]["get"]["parameters"]}
    assert faq["borough"]["schema"]["enum"] == ask_enum


@pytest.mark.parametrize("name", filter_choices())
def test_every_enum_value_is_accepted_and_means_one_borough_or_none(name: str) -> None:
    request = AskRequest(question="What changes?", boroughs=[name, name.upper()])
    assert request.boroughs[0] == request.boroughs[1]
    assert request.boroughs[0] in (*BOROUGHS, NW_LONDON_NAMES[0])


@pytest.mark.parametrize("name", ["Camden", "bi-borough", "Ealing Broadway", "", "London Borough of Brent"])
def test_a_value_outside_the_enum_is_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="not a NW London borough"):
        AskRequest(question="What changes?", boroughs=[name])


def _completion(**fields: Any) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": "When do contracts start?"}], **fields}


@pytest.mark.parametrize("stream", [0, 1, "true", "false", None, 1.0])
def test_stream_must_be_a_json_boolean(stream: object) -> None:
    with pytest.raises(ValidationError, match="stream"):
        ChatCompletionRequest.model_validate(_completion(stream=stream))
    assert ChatCompletionRequest.model_validate(_completion(stream=True)).stream is True


def test_stream_is_a_boolean_in_the_schema(tmp_path: Path) -> None:
    properties = _openapi(tmp_path)["components"]["schemas"]["ChatCompletionRequest"]["properties"]
    assert properties["stream"]["type"] == "boolean"
    assert properties["messages"]["contains"]["properties"]["role"] == {"const": "user"}


@pytest.mark.parametrize(
    "messages",
    [
        [{"role": "system", "content": "Be brief."}],  # no question
        [{"role": "user", "content": "   "}],  # blank
        [{"role": "user", "content": "x" * 2001}],  # longer than a question may be
        [{"role": "user", "content": [{"type": "image_url", "text": "x"}]}],
    ],
)
def test_openai_messages_without_a_usable_question_are_refused(messages: list[dict[str, Any]]) -> None:
    with pytest.raises((ValidationError, InputError)):
        to_ask_request(ChatCompletionRequest.model_validate({"messages": messages}))


def test_openai_question_is_the_last_user_message_and_history_is_bounded() -> None:
    turns: list[dict[str, Any]] = []
    for n in range(23):
        turns += [{"role": "user", "content": f"question {n}"}, {"role": "assistant", "content": f"answer {n}"}]
    body = ChatCompletionRequest.model_validate(
        {"messages": [*turns, {"role": "user", "content": [{"type": "text", "text": " Last? "}]}, turns[1]]}
    )
    request = to_ask_request(body)
    assert request.question == "Last?" and len(request.history) == 20
    assert request.history[-1].content == "answer 22"


def test_blank_means_ecma_whitespace_as_the_schema_pattern_does() -> None:
    # U+001F is not whitespace to JSON Schema's \S (ECMA-262), though Python's str.strip() removes it.
    assert AskRequest(question="\x1f").question == "\x1f"
    for blank in ("\ufeff", " \u00a0\t\n", "\u2003"):
        with pytest.raises(ValidationError, match="question must not be empty"):
            AskRequest(question=blank)


def _worst_bytes(schema: dict[str, Any], components: dict[str, Any]) -> int:
    """The largest JSON a schema allows, every string character written as a 6-byte \\uXXXX escape."""
    if "$ref" in schema:
        return _worst_bytes(components[schema["$ref"].rsplit("/", 1)[1]], components)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return max(_worst_bytes(s, components) for s in schema[key])
    if "enum" in schema:
        return max(len(str(v)) * 6 + 2 for v in schema["enum"])
    kind = schema.get("type")
    if kind == "string":
        assert "maxLength" in schema or "const" in schema, schema
        return 6 * int(schema.get("maxLength", len(str(schema.get("const", ""))))) + 2
    if kind == "array":
        assert "maxItems" in schema, schema
        return 2 + int(schema["maxItems"]) * (_worst_bytes(schema["items"], components) + 1)
    if kind == "object":
        properties = schema.get("properties", {})
        return 2 + sum(len(name) + 4 + _worst_bytes(s, components) for name, s in properties.items())
    return 24  # numbers, booleans, null


def test_the_body_limit_is_above_every_body_the_schema_allows(tmp_path: Path) -> None:
    spec = _openapi(tmp_path)
    components = spec["components"]["schemas"]
    for path in BODY_ROUTES:
        body = spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert 20_000 < _worst_bytes(body, components) <= MAX_BODY_BYTES, path


def test_method_not_allowed_lists_every_method_of_the_path() -> None:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from api.errors import install_error_handlers

    app = FastAPI()
    install_error_handlers(app)
    app.get("/things")(lambda: [])
    app.post("/things")(lambda: {})
    response = TestClient(app).request("OPTIONS", "/things")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert response.json()["error"]["type"] == "method_not_allowed"


def test_answer_schemas_carry_the_outcome(tmp_path: Path) -> None:
    schemas = _openapi(tmp_path)["components"]["schemas"]
    for name in ("AskResponse", "ChatCompletion"):
        outcome = schemas[name]["properties"]["outcome"]
        assert set(outcome["enum"]) == {"answered", "partial", "not_found"}, name


def test_openai_history_drops_the_partial_label() -> None:
    body = ChatCompletionRequest.model_validate(
        {
            "model": "nwl-assistant",
            "messages": [
                {"role": "user", "content": "How much of the £15m goes to Brent?"},
                {
                    "role": "assistant",
                    "content": "Partly answered: the documents do not give the detail asked for.\n\n"
                    "The documents do not say how much of the £15m goes to Brent.\n\nSources:\n[1] x",
                },
                {"role": "user", "content": "And Ealing?"},
            ],
        }
    )
    request = to_ask_request(body)
    assert request.history[1].content == "The documents do not say how much of the £15m goes to Brent."
