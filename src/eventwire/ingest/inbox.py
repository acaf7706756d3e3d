"""A watched folder: the files that land in it, each handed out once, when they have stopped changing.

A half-written file is never read: a file is handed out only when its size and modification time are the
same at two looks in a row (and it is not empty), and names that say a writer is still at it are skipped:
a leading "." and the endings in ``WRITING`` (write "x.txt.part", then rename it to "x.txt").
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

WRITING = (".part", ".partial", ".tmp", ".crdownload", ".swp", "~")

Signature = tuple[int, int]  # size, modification time (ns)


class Inbox:
    """The new files of ``folder`` (and its subfolders). ``existing``: the files already there at the start
    count as new too; by default only files that land later are handed out."""

    def __init__(self, folder: str | os.PathLike, *, existing: bool = False):
        self.folder = Path(folder)
        self.done: set[str] = set() if existing else set(self.files())
        self.seen: dict[str, Signature] = {}  # files not handed out yet, as they were at the last look

    def files(self) -> dict[str, Signature]:
        """Every regular file under the folder whose name says it is not being written."""
        out: dict[str, Signature] = {}
        for root, dirs, names in os.walk(self.folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in names:
                if name.startswith(".") or name.endswith(WRITING):
                    continue
                path = os.path.join(root, name)
                try:
                    st = os.stat(path)
                except OSError:  # gone since the listing
                    continue
                if stat.S_ISREG(st.st_mode):
                    out[path] = (st.st_size, st.st_mtime_ns)
        return out

    def ready(self) -> list[str]:
        """The new files that have not changed since the last look, in name order; each comes out once."""
        now = {p: sig for p, sig in self.files().items() if p not in self.done}
        out = sorted(p for p, sig in now.items() if sig[0] > 0 and self.seen.get(p) == sig)
        self.done.update(out)
        self.seen = {p: sig for p, sig in now.items() if p not in self.done}
        return out
