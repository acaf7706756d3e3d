"""Listings as text tables: a header row, then one row per record in columns of fixed widths.

On a terminal, the lines fit its width: the last column takes what is left, and when even that is too little
the columns marked ``drop`` are left out, highest first. Written to a file or a pipe, nothing is left out and
the last column is never cut.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

GAP = "  "
MIN_LAST = 20  # the narrowest the last column is shown


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    width: int  # cells wider than this are cut with "…"; 0: the rest of the line (the last column)
    drop: int = 0  # 0: always shown; else left out on narrow terminals, the highest first
    right: bool = False  # right-aligned (numbers)


def terminal_width() -> int | None:
    """Columns of the terminal (or of $COLUMNS); None when standard output is no terminal."""
    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def cut(text: str | None, width: int | None) -> str:
    """``text`` on one line, at most ``width`` characters (the last one "…" when cut)."""
    text = " ".join((text or "").split())
    if width is None or len(text) <= width:
        return text
    return text[: max(width - 1, 0)] + "…"


def fit(columns: Sequence[Column], width: int | None) -> list[Column]:
    """The columns shown in ``width`` characters: the droppable ones go, highest ``drop`` first, until they fit."""
    shown = list(columns)

    def needed() -> int:
        return sum(c.width for c in shown[:-1]) + (shown[-1].width or MIN_LAST) + len(GAP) * (len(shown) - 1)

    while width is not None and needed() > width and any(c.drop for c in shown):
        shown.remove(max((c for c in shown if c.drop), key=lambda c: c.drop))
    return shown


def table(columns: Sequence[Column], rows: Iterable[dict[str, str]], width: int | None = None) -> Iterator[str]:
    """The header line, then a line for each row (a dict by column name)."""
    shown = fit(columns, width)
    used = sum(c.width for c in shown[:-1]) + len(GAP) * (len(shown) - 1)
    last = shown[-1].width or (max(width - used, MIN_LAST) if width is not None else None)

    def line(cells: dict[str, str]) -> str:
        out = []
        for c in shown[:-1]:
            text = cut(cells.get(c.name), c.width)
            out.append(text.rjust(c.width) if c.right else text.ljust(c.width))
        out.append(cut(cells.get(shown[-1].name), last))
        return GAP.join(out).rstrip()

    yield line({c.name: c.name for c in shown})
    for row in rows:
        yield line(row)
