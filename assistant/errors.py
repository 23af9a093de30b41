"""The product's error tree; the API and CLI map it to status codes and one-line messages in one place.

NwlError
├── ConfigError            settings that cannot work (bad model path, unknown mode)
├── InputError             a caller's bad input (empty question, unsupported file)
│   └── DocumentError      one document could not be read or cleaned; names the file
├── StoreError             the vector store or keyword index is unusable
│   ├── StoreUnavailable   the store cannot be reached right now (retry later)
│   └── StoreCorrupt       the store exists but its contents are damaged or missing
└── NotIngested            nothing has been ingested yet
"""

from __future__ import annotations


class NwlError(Exception):
    """Base for every error the product raises on purpose."""


class ConfigError(NwlError):
    pass


class InputError(NwlError):
    pass


class DocumentError(InputError):
    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


class StoreError(NwlError):
    pass


class StoreUnavailable(StoreError):
    pass


class StoreCorrupt(StoreError):
    pass


class NotIngested(StoreError):
    pass
