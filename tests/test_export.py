"""Exports: CSV and JSON lines with mentions, Parquet read back by pandas and DuckDB, the GDELT 2.0 event and
mentions tables read back with GDELT's column names, PLOVER JSON with POLECAT's names."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import serving_sample as sample  # noqa: E402

from eventwire.model import Actor, Event  # noqa: E402
from eventwire.store.events import EventFilter  # noqa: E402
from eventwire.store.export import (  # noqa: E402
    FORMATS,
    GDELT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    fips_country,
    gdelt_event_rows,
    gdelt_id,
    gdelt_time,
    goldstein,
    quad_class,
    write_events,
)


@pytest.fixture
def filled(store):
    sample.fill(store)
    return store


def _export(store, fmt, f=None, **options) -> bytes:
    buf = io.BytesIO()
    write_events(store, fmt, buf, f, **options)
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


GDELT_TYPES = {  # the GDELT 2.0 codebook's types, as pandas reads them (nullable where a field may be empty)
    "GlobalEventID": "int64", "Day": "Int64", "MonthYear": "Int64", "Year": "Int64", "FractionDate": "float64",
    "IsRootEvent": "int64", "QuadClass": "Int64", "GoldsteinScale": "float64", "NumMentions": "int64",
    "NumSources": "int64", "NumArticles": "int64", "AvgTone": "float64", "Actor1Geo_Type": "int64",
    "Actor2Geo_Type": "int64", "ActionGeo_Type": "int64", "ActionGeo_Lat": "float64", "ActionGeo_Long": "float64",
    "DATEADDED": "int64",
    # the mentions table
    "EventTimeDate": "int64", "MentionTimeDate": "int64", "MentionType": "int64", "SentenceID": "int64",
    "Actor1CharOffset": "int64", "Actor2CharOffset": "int64", "ActionCharOffset": "int64", "InRawText": "int64",
    "Confidence": "int64", "MentionDocLen": "int64", "MentionDocTone": "float64",
}


def _gdelt_frame(data: bytes, names: list[str]):
    pd = pytest.importorskip("pandas")
    text = {n: "string" for n in names if n not in GDELT_TYPES}
    return pd.read_csv(io.BytesIO(data), sep="\t", header=None, names=names, dtype={**text, **GDELT_TYPES},
                       keep_default_na=False, na_values=[""])


def test_gdelt_has_the_61_fields_in_order_without_a_header(filled):
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[0] == "GlobalEventID" and GDELT_COLUMNS[-1] == "SOURCEURL"
    assert GDELT_COLUMNS[5:15] == [
        "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
        "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code"]
    assert GDELT_COLUMNS[35:43] == [
        "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
        "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID"]
    lines = _export(filled, "gdelt").decode().splitlines()
    assert all(len(line.split("\t")) == 61 for line in lines)
    assert not lines[0].startswith("GlobalEventID")


def test_gdelt_loads_with_gdelt_column_names_and_types(filled):
    df = _gdelt_frame(_export(filled, "gdelt"), GDELT_COLUMNS)
    visit = df[df["EventCode"] == "043"]
    assert len(visit) == 2  # two sources (Mali, Niger) → Russia: a row each, co-actors kept
    assert visit["GlobalEventID"].nunique() == 1 and visit["GlobalEventID"].iloc[0] == gdelt_id("ev-visit")
    assert list(visit["Actor1Code"]) == ["MLIGOV", "NERGOV"] and set(visit["Actor2Code"]) == {"RUSGOV"}
    row = visit.iloc[0]
    assert (row["Actor1CountryCode"], row["Actor1Type1Code"], row["Actor2Name"]) == ("MLI", "GOV", "RUSSIA")
    assert (row["Day"], row["MonthYear"], row["Year"]) == (20250407, 202504, 2025)
    assert 2025.26 < row["FractionDate"] < 2025.27
    assert (row["EventBaseCode"], row["EventRootCode"]) == ("043", "04")
    assert (row["QuadClass"], row["GoldsteinScale"]) == (1, 2.8)
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"], row["IsRootEvent"]) == (2, 2, 2, 1)
    assert row["ActionGeo_CountryCode"] == "RS"  # FIPS 10-4, not ISO's RU
    assert (row["ActionGeo_Type"], row["ActionGeo_FeatureID"], row["ActionGeo_ADM1Code"]) == (4, "524901", "RS48")
    assert row["ActionGeo_FullName"] == "Moscow, Russia" and row["ActionGeo_Lat"] == 55.75
    assert row["Actor1Geo_Type"] == 0 and str(row["DATEADDED"]).startswith("20")
    assert row["SOURCEURL"] == "https://example.org/sahel/1"
    attack = df[df["EventCode"] == "190"].iloc[0]
    assert (attack["QuadClass"], attack["GoldsteinScale"], attack["ActionGeo_CountryCode"]) == (4, -10.0, "ML")
    protest = df[df["EventCode"] == "141"].iloc[0]
    assert protest["Actor1Name"] == "<SCRIPT>ALERT('X')</SCRIPT>"  # no double quote to trip a TSV reader
    assert (protest["QuadClass"], protest["ActionGeo_CountryCode"]) == (4, "SG")  # 14 PROTEST is material conflict


def test_gdelt_mentions_table(filled):
    events = _gdelt_frame(_export(filled, "gdelt"), GDELT_COLUMNS)
    df = _gdelt_frame(_export(filled, "gdelt-mentions"), GDELT_MENTION_COLUMNS)
    assert len(GDELT_MENTION_COLUMNS) == 16 and len(df) == 4  # one row per mention
    assert set(df["GlobalEventID"]) == set(events["GlobalEventID"])
    visit = df[df["GlobalEventID"] == gdelt_id("ev-visit")]
    assert list(visit["MentionIdentifier"]) == ["https://example.org/sahel/1", "https://example.org/echo/7"]
    assert set(visit["MentionType"]) == {1} and list(visit["MentionSourceName"]) == ["Sahel Wire", "Daily Echo"]
    origin = visit.iloc[0]
    assert origin["ActionCharOffset"] == sample.ORIGIN_TEXT.index("will travel to Moscow")
    assert origin["SentenceID"] == 1 and origin["Confidence"] == 80
    assert origin["MentionDocLen"] == len(sample.ORIGIN_TEXT)
    assert origin["EventTimeDate"] <= origin["MentionTimeDate"]


def test_gdelt_id_is_a_stable_integer_that_leads_back_to_the_id():
    assert gdelt_id("9d77594518c7f917") == int("9d77594518c7f", 16)
    assert format(gdelt_id("9d77594518c7f917"), "013x") == "9d77594518c7f"
    assert gdelt_id("ev-visit") == gdelt_id("ev-visit") < 2**52 and gdelt_id("ev-visit") != gdelt_id("ev-attack")


def test_gdelt_codes():
    assert [fips_country(c) for c in ("RU", "GB", "DE", "ML", "CD", "BF", "US", None)] == [
        "RS", "UK", "GM", "ML", "CG", "UV", "US", ""]
    assert fips_country("PS", 34.45) == "GZ" and fips_country("PS", 35.2) == "WE"
    assert [quad_class(c) for c in ("010", "057", "060", "087", "090", "130", "141", "190", "204", None)] == [
        1, 1, 2, 2, 3, 3, 4, 4, 4, None]
    assert [goldstein(c) for c in ("043", "0431", "04", "190", "1823", "018")] == [2.8, 2.8, 1.0, -10.0, -9.5, 3.4]
    assert gdelt_time("2025-04-02T09:00") == "20250402090000"
    assert gdelt_time("2025-04-02T09:00:00+02:00") == "20250402070000" and gdelt_time("2025-04-02") == "20250402000000"


def test_gdelt_actor_codes():
    un = Actor("the UN", "UNO", None, "igo", "United Nations")
    court = Actor("the ICC", "IGO", "JUD", "igo")
    clerics = Actor("Sunni clerics", "IRQ", "SUNREL")
    rows = list(gdelt_event_rows(Event("e1", "ACCUSE", (un, court), (clerics,), cameo="112"), {}))
    assert len(rows) == 2 and all(len(r) == 61 for r in rows)
    a1, a2 = (dict(zip(GDELT_COLUMNS, r, strict=True)) for r in rows)
    assert (a1["Actor1Code"], a1["Actor1CountryCode"], a1["Actor1Type1Code"], a1["Actor1Name"]) == (
        "UNO", "", "UNO", "UNITED NATIONS")
    assert (a2["Actor1Code"], a2["Actor1Type1Code"], a2["Actor1Type2Code"]) == ("IGOJUD", "IGO", "JUD")
    assert (a1["Actor2Code"], a1["Actor2CountryCode"], a1["Actor2Religion1Code"], a1["Actor2Type1Code"]) == (
        "IRQSUNREL", "IRQ", "SUN", "REL")
    assert a1["Day"] == "" and a1["ActionGeo_Type"] == 0 and a1["SOURCEURL"] == ""


def test_plover_records_use_polecat_names(filled):
    records = json.loads(_export(filled, "plover"))
    visit = next(r for r in records if r["id"] == "ev-visit")
    assert visit["event_type"] == "CONSULT" and visit["mode"] == "visit" and visit["quad_code"] == 1
    assert (visit["date"], visit["enddate"]) == ("2025-04-07", "2025-04-08")
    assert [a["country"] for a in visit["actor"]] == ["MLI", "NER"]
    assert visit["recipient"][0]["sector"] == "GOV" and visit["recipient"][0]["name"] == "Russia"
    assert visit["geolocation"] == {"placename": "Moscow", "country": "RUS", "country_code": "RU",
                                    "geonameid": 524901, "latitude": 55.75, "longitude": 37.62}
    assert visit["story_id"] == "s-moscow" and visit["context"] == []
    assert len(visit["sources"]) == 2 and visit["sources"][0]["evidence"] == "will travel to Moscow"
    protest = next(r for r in records if r["id"] == "ev-protest")
    assert protest["quad_code"] == 4 and protest["story_id"] == "s-dakar"


def test_csv_per_event(filled):
    rows = list(csv.DictReader(io.StringIO(_export(filled, "csv", per="event").decode("utf-8"))))
    assert [r["event_id"] for r in rows] == ["ev-attack", "ev-protest", "ev-visit"]
    visit = rows[2]
    assert visit["report_ids"] == "r-origin;r-copy" and visit["n_mentions"] == "2"
    assert visit["urls"] == "https://example.org/sahel/1;https://example.org/echo/7"
    assert visit["evidence"] == "will travel to Moscow" and "mention_text" not in visit
    with pytest.raises(ValueError, match="per"):
        _export(filled, "csv", per="sentence")


def test_the_cli_and_the_api_offer_every_format():
    from eventwire.cli.serving import FORMATS as CLI_FORMATS
    from eventwire.web.api import EXPORT_TYPES

    assert set(CLI_FORMATS) == set(FORMATS) == set(EXPORT_TYPES)


def test_filters_apply_to_exports(filled):
    records = json.loads(_export(filled, "plover", EventFilter(type="ASSAULT")))
    assert [r["id"] for r in records] == ["ev-attack"]


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


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "gdelt", "gdelt-mentions", "plover"])
def test_a_failing_stream_raises_oserror_and_stays_open(filled, fmt):
    """The CLI turns the OSError into a message; the stream (standard output) must not be closed under it."""
    out = _FullStream(room=100)
    with pytest.raises(OSError, match="No space left"):
        write_events(filled, fmt, out)
    import gc

    gc.collect()  # a TextIOWrapper left attached would close the stream when collected
    assert not out.closed
