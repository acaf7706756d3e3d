"""Store queries for stories and placements (stage 2). Owned by the stories work."""

from __future__ import annotations

import sqlite3


class StoriesMixin:
    conn: sqlite3.Connection
