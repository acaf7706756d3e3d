"""Exports: CSV and JSON lines with mentions, Parquet read back by pandas and DuckDB, GDELT TSV, PLOVER JSON."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import serving_sample as sample  # noqa: E402

from eventwire.store.events import EventFilter  # noqa: E402
from eventwire.store.export import GDELT_COLUMNS, write_events  # noqa: E402


@pytest.fixture
def filled(store):
    sample.fill(store)
    return store


def _export(store, fmt, f=None) -> bytes:
    buf = io.BytesIO()
    write_events(store, fmt, buf, f)
    return buf.getvalue()


def test_csv_has_one_row_per_mention(filled):
    rows = list(csv.DictReader(io.StringIO(_export(filled, "csv").decode("utf-8"))))
    assert len(rows) == 4  # ev-visit has two mentions
    visit = [r for r in rows if r["event_id"] == "ev-visit"]
    assert {r["mention_report_id"] for r in visit} == {"r-origin", "r-copy"}
    assert visit[0]["source_codes"] == "MLIGOV;NERGOV" and visit[0]["target_codes"] == "RUSGOV"
    assert visit[0]["mention_url"].startswith("https://example.org/")
    hostile = next(r for r in rows if r["event_id"] == "ev-protest")
    assert hostile["source_names"] == '<script>alert("x")</script>'  # quoted and kept as data


def test_jsonl_round_trips_events(filled):
    lines = _export(filled, "jsonl").decode().splitlines()
    records = [json.loads(x) for x in lines]
    assert [r["id"] for r in records] == ["ev-attack", "ev-protest", "ev-visit"]
    assert len(records[2]["mentions"]) == 2 and records[2]["evidence"]["text"] == "will travel to Moscow"


def test_parquet_reads_back_in_pandas_and_duckdb(filled, tmp_path):
    pd = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "events.parquet"
    path.write_bytes(_export(filled, "parquet"))
    df = pd.read_parquet(path)
    assert list(df["event_id"]) == ["ev-attack", "ev-protest", "ev-visit"]
    visit = df[df["event_id"] == "ev-visit"].iloc[0]
    assert visit["n_mentions"] == 2 and len(visit["mentions"]) == 2
    assert visit["source"][0]["code"] == "MLIGOV"
    rows = duckdb.sql(
        f"SELECT event_id, len(mentions) AS n, source[1].country AS c, lat FROM read_parquet('{path}') ORDER BY event_id"
    ).fetchall()
    assert rows == [("ev-attack", 1, "RUS", 16.27), ("ev-protest", 1, "SEN", 14.69), ("ev-visit", 2, "MLI", 55.75)]


def test_empty_parquet_still_has_the_schema(store, tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "empty.parquet"
    path.write_bytes(_export(store, "parquet"))
    df = pd.read_parquet(path)
    assert len(df) == 0 and "mentions" in df.columns


def test_gdelt_tsv_uses_gdelt_column_names(filled):
    lines = _export(filled, "gdelt").decode().splitlines()
    header = lines[0].split("\t")
    assert header == GDELT_COLUMNS
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    visit = next(r for r in rows if r["EventCode"] == "043")
    assert visit["SQLDATE"] == "20250407" and visit["Actor1Code"] == "MLIGOV" and visit["Actor2CountryCode"] == "RUS"
    assert visit["EventRootCode"] == "04" and visit["QuadClass"] == "1" and visit["GoldsteinScale"] == "2.8"
    assert (visit["NumMentions"], visit["NumSources"], visit["NumArticles"]) == ("2", "2", "2")
    assert visit["ActionGeo_FeatureID"] == "524901" and visit["SOURCEURL"].startswith("https://example.org/")
    attack = next(r for r in rows if r["EventCode"] == "190")
    assert attack["QuadClass"] == "4"


def test_plover_records(filled):
    records = json.loads(_export(filled, "plover"))
    visit = next(r for r in records if r["event_id"] == "ev-visit")
    assert visit["event_type"] == "CONSULT" and visit["event_mode"] == "visit"
    assert [a["country"] for a in visit["actor"]] == ["MLI", "NER"]
    assert visit["recipient"][0]["sector"] == "GOV"
    assert visit["location"]["geonameid"] == 524901
    assert len(visit["sources"]) == 2 and visit["sources"][0]["evidence"] == "will travel to Moscow"


def test_filters_apply_to_exports(filled):
    records = json.loads(_export(filled, "plover", EventFilter(type="ASSAULT")))
    assert [r["event_id"] for r in records] == ["ev-attack"]


def test_unknown_format(filled):
    with pytest.raises(ValueError, match="unknown export format"):
        _export(filled, "xlsx")


class _FullStream(io.RawIOBase):
    """A binary stream that takes ``room`` bytes, then fails as a full disk does."""

    def __init__(self, room: int):
        self.room = room

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        if len(b) > self.room:
            raise OSError(28, "No space left on device")
        self.room -= len(b)
        return len(b)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "gdelt", "plover"])
def test_a_failing_stream_raises_oserror_and_stays_open(filled, fmt):
    """The CLI turns the OSError into a message; the stream (standard output) must not be closed under it."""
    out = _FullStream(room=100)
    with pytest.raises(OSError, match="No space left"):
        write_events(filled, fmt, out)
    import gc

    gc.collect()  # a TextIOWrapper left attached would close the stream when collected
    assert not out.closed
