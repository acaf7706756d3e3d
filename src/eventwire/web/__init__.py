"""The HTTP API and the web page: ``create_app(store_path | Store) -> FastAPI`` (see api.py)."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def create_app(*args: Any, **kwargs: Any):
    """Build the app; imports FastAPI only when called (nothing imports ``web`` at import time)."""
    from eventwire.web.api import create_app as _create_app

    return _create_app(*args, **kwargs)
