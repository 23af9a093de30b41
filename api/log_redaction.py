"""Log lines without personal data: `serve` runs uvicorn with a filter on every handler that redacts them.

The access log is where questions would leak: `GET /v1/search?q=…` carries one in its query string,
percent-encoded, so arguments are decoded before they are checked (and logged decoded when redacted).
"""

from __future__ import annotations

import copy
import logging
from typing import Any
from urllib.parse import unquote_plus

from uvicorn.config import LOGGING_CONFIG

from assistant.redact import redact, redact_text


def _redact_arg(value: object) -> object:
    if not isinstance(value, str):
        return value
    decoded = unquote_plus(value) if ("%" in value or "+" in value) else value
    redaction = redact(decoded)
    return redaction.text if redaction.kinds else value


class RedactingFilter(logging.Filter):
    """Rewrites each record's message and arguments with personal data replaced by labels; drops nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact_text(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redact_arg(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _redact_arg(v) for k, v in record.args.items()}
        return True


def log_config(own_process: bool = True) -> dict[str, Any]:
    """uvicorn's own logging set-up with the redacting filter on its handlers.

    In a process of its own (`serve`) the root logger gets the same filtered handler, since the app's loggers
    (api.errors…) propagate to it; a server in a thread of another program leaves that program's root alone.
    """
    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"redact": {"()": f"{__name__}.{RedactingFilter.__name__}"}}
    for handler in config["handlers"].values():
        handler["filters"] = ["redact"]
    if own_process:
        config["root"] = {"handlers": ["default"], "level": "WARNING"}
    return config
