"""Shared fixtures: an in-memory store, sample reports, the fixtures folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def store():
    s = Store.memory()
    yield s
    s.close()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.db"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
