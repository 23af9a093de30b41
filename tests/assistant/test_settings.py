"""Settings keep secrets out of their repr and reject placeholder keys."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.settings import Settings

API_KEY = "nwl-test-key-0123456789"
LLM_KEY = "sk-llm-test-0123456789"


def test_keys_never_appear_in_repr_but_reach_the_code_that_compares_them() -> None:
    settings = Settings(api_keys=[API_KEY], llm_api_key=LLM_KEY)
    shown = repr(settings) + str(settings) + settings.model_dump_json()
    assert API_KEY not in shown and LLM_KEY not in shown
    assert settings.revealed_api_keys == [API_KEY]


def test_keys_from_the_environment_are_secrets_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NWL_API_KEYS", f'["{API_KEY}"]')
    settings = Settings()
    assert settings.revealed_api_keys == [API_KEY] and API_KEY not in repr(settings)


@pytest.mark.parametrize("key", ["changeme", "short"])
def test_placeholder_or_short_api_key_is_rejected(key: str) -> None:
    with pytest.raises(ValidationError, match="placeholder or too-short"):
        Settings(api_keys=[key])
