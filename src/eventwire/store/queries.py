"""Read-side queries for the API, the web page and the exports (filters, paging, aggregates)."""

from __future__ import annotations

import sqlite3


class QueriesMixin:
    conn: sqlite3.Connection
