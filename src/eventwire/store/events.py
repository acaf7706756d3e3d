"""Store queries for events, actors and mentions (stage 3). Owned by the events work."""

from __future__ import annotations

import sqlite3


class EventsMixin:
    conn: sqlite3.Connection
