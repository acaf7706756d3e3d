"""The store: the only place that writes SQL. ``Store(path)`` or ``Store.memory()``."""

from eventwire.store.db import Store

__all__ = ["Store"]
