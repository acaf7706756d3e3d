"""Shared fixtures: an in-memory store, sample reports, the fixtures folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventwire.store import Store

# the CLI reads and codes in a worker per core; one process keeps the models loaded across tests (the tests
# of the workers ask for them with --workers)
os.environ.setdefault("EVENTWIRE_WORKERS", "1")

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


@pytest.fixture
def sample_db(tmp_path) -> Path:
    """A database filled with the serving sample (reports, a story, events)."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    import serving_sample

    path = tmp_path / "sample.db"
    with Store(path) as s:
        serving_sample.fill(s)
    return path
