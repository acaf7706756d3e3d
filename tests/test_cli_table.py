"""The listings' text tables: a header, fixed widths, the last column cut to the terminal, columns left out."""

from __future__ import annotations

from eventwire.cli.table import Column, cut, fit, table

COLUMNS = [Column("ID", 4), Column("N", 3, right=True), Column("NOTE", 8, drop=1), Column("TEXT", 0)]
ROWS = [{"ID": "a1", "N": "7", "NOTE": "short", "TEXT": "a line of text that goes on and on"},
        {"ID": "b2b2b2", "N": "12", "NOTE": "", "TEXT": "two\nlines"}]


def test_cut():
    assert cut("  a  b\n c ", None) == "a b c"
    assert cut("abcdef", 4) == "abc…" and cut("abcd", 4) == "abcd" and cut(None, 3) == ""


def test_without_a_terminal_nothing_is_left_out_or_cut():
    lines = list(table(COLUMNS, ROWS))
    assert lines == [
        "ID      N  NOTE      TEXT",
        "a1      7  short     a line of text that goes on and on",
        "b2b…   12            two lines",
    ]


def test_on_a_terminal_lines_fit():
    lines = list(table(COLUMNS, ROWS, width=41))
    assert [len(x) <= 41 for x in lines] == [True] * 3
    assert lines[1] == "a1      7  short     a line of text that…"  # 20 characters left
    narrow = list(table(COLUMNS, ROWS, width=35))  # NOTE goes: the text keeps its 20 characters at least
    assert narrow[0] == "ID      N  TEXT" and narrow[1] == "a1      7  a line of text that goe…"


def test_fit_drops_the_highest_first_and_never_the_undroppable():
    cols = [Column("A", 10), Column("B", 10, drop=1), Column("C", 10, drop=2), Column("D", 0)]
    assert [c.name for c in fit(cols, None)] == ["A", "B", "C", "D"]
    assert [c.name for c in fit(cols, 60)] == ["A", "B", "C", "D"]
    assert [c.name for c in fit(cols, 50)] == ["A", "B", "D"]
    assert [c.name for c in fit(cols, 10)] == ["A", "D"]
