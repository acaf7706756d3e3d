import sqlite3

import pytest

from eventwire.errors import NotFound
from eventwire.model import Rejected, Removed, Report
from eventwire.store import Store


def test_migrations_apply_once(db_path):
    with Store(db_path) as s:
        first = s.applied_migrations()
        assert first[0] == "0001_reports"
    with Store(db_path) as s:
        assert s.migrate() == []
        assert s.applied_migrations() == first


def test_wal_mode(db_path):
    with Store(db_path) as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_report_round_trip_and_idempotence(store):
    r = Report(id="abc", text="Body.", title="T", captions=("c",), removed=(Removed("Subscribe now", "subscribe"),))
    new, known = store.add_reports([r])
    assert new == [r] and known == []
    new, known = store.add_reports([r])
    assert new == [] and known == [r]
    assert store.get_report("abc") == r
    assert store.get_report("ab") == r  # unique prefix
    assert store.count_reports() == 1


def test_not_found(store):
    with pytest.raises(NotFound):
        store.get_report("nope")


def test_failed_batch_stores_nothing(store):
    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with store.transaction():
            store.add_reports([Report(id="x", text="t")])
            raise Boom
    assert store.count_reports() == 0


def test_rejected_recorded_once(store):
    store.add_rejected([Rejected("a.txt", "empty"), Rejected("a.txt", "empty")])
    assert store.rejected() == [Rejected("a.txt", "empty")]


def test_readonly_cannot_write(db_path):
    Store(db_path).close()
    with Store(db_path, readonly=True) as ro:
        with pytest.raises(sqlite3.OperationalError):
            ro.conn.execute("INSERT INTO rejected (path, reason, at) VALUES ('a', 'b', 'c')")
