"""Log lines from `serve` carry labels, never the personal data itself, including in access-log query strings."""

from __future__ import annotations

import logging
import logging.config
from collections.abc import Iterator

import pytest

from api.log_redaction import RedactingFilter, log_config


def _format(record: logging.LogRecord, formatter: logging.Formatter) -> str:
    RedactingFilter().filter(record)
    return formatter.format(record)


def test_access_log_query_string_is_decoded_and_redacted() -> None:
    from uvicorn.logging import AccessFormatter

    path = "/v1/search?q=pathway+for+943%20476%205919%20jo%40nhs.net&k=5"
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d', None, None)
    record.args = ("127.0.0.1:5000", "GET", path, "1.1", 200)
    line = _format(record, AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s', use_colors=False))
    assert "/v1/search?q=pathway for [NHS number] [email address]&k=5" in line
    assert "5919" not in line and "nhs.net" not in line and "200" in line


def test_plain_messages_and_arguments_are_redacted_and_others_kept() -> None:
    record = logging.LogRecord("api", logging.WARNING, __file__, 1, "asked %s by %s (%d)", None, None)
    record.args = ("about 943 476 5919", "jo@nhs.net", 3)
    assert _format(record, logging.Formatter("%(message)s")) == "asked about [NHS number] by [email address] (3)"
    clean = logging.LogRecord("api", logging.INFO, __file__, 1, "GET /v1/search?q=Ealing%20plans", None, None)
    assert _format(clean, logging.Formatter("%(message)s")) == "GET /v1/search?q=Ealing%20plans"


@pytest.fixture
def restore_root_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_log_config_puts_the_filter_on_every_handler(
    restore_root_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "root" not in log_config(own_process=False)
    config = log_config()
    assert all(handler["filters"] == ["redact"] for handler in config["handlers"].values())
    logging.config.dictConfig(config)
    logging.getLogger("api.errors").error("failed for 07700 900123")
    assert "failed for [phone number]" in capsys.readouterr().err
