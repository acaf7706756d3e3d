"""Exports of events for analysts: CSV, JSON lines, Parquet, GDELT 2.0 event-table TSV, PLOVER/POLECAT JSON.

    write_events(store, "csv" | "jsonl" | "parquet" | "gdelt" | "plover", binary_stream, EventFilter)

- ``csv``: one row per (event, mention); event columns repeat; an event without mentions has one row
  with empty mention columns. Actors are ``;``-joined codes and names.
- ``jsonl``: one event per line, as ``Event.to_dict()`` (with every mention).
- ``parquet``: one row per event; actors and mentions as list<struct> columns (pandas and DuckDB read it).
- ``gdelt``: tab-separated, with a header row of GDELT 2.0 event-table column names, only the columns we
  have. Country codes are ISO alpha-3 for actors (as CAMEO) and ISO alpha-2 for places (GDELT uses FIPS).
- ``plover``: a JSON array of records shaped as POLECAT publishes PLOVER events: actor / recipient with
  country and sector, event type, mode, contexts, intensity, location, and the supporting sources.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from eventwire.model import Actor, Event
from eventwire.store.events import EventFilter

FORMATS = ("csv", "jsonl", "parquet", "gdelt", "plover")

CSV_COLUMNS = [
    "event_id", "type", "mode", "context", "cameo", "goldstein", "modality", "date_start", "date_end",
    "source_codes", "source_names", "target_codes", "target_names", "place", "place_country", "geonameid",
    "lat", "lon", "confidence", "n_mentions", "n_reports", "n_outlets",
    "mention_report_id", "mention_outlet", "mention_url", "mention_start", "mention_end", "mention_sentence",
    "mention_text",
]

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "ActionGeo_FeatureID", "SOURCEURL",
]


def _code(a: Actor) -> str:
    return a.code or a.text


def _quad(cameo: str | None) -> int | None:
    """GDELT QuadClass from the CAMEO root: 1 verbal / 2 material cooperation, 3 verbal / 4 material conflict."""
    if not cameo or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def _events(store: Any, f: EventFilter | None) -> Iterable[Event]:
    return store.iter_event_rows(f or EventFilter())


def _urls(store: Any, events: list[Event]) -> dict[str, dict[str, Any]]:
    return store.report_urls(m.report_id for e in events for m in e.mentions)


def _batches(store: Any, f: EventFilter | None, size: int = 1000) -> Iterable[tuple[list[Event], dict[str, Any]]]:
    batch: list[Event] = []
    for e in _events(store, f):
        batch.append(e)
        if len(batch) >= size:
            yield batch, _urls(store, batch)
            batch = []
    if batch:
        yield batch, _urls(store, batch)


class _Text:
    """A text face on a binary stream for ``csv.writer``: each write encoded and passed on at once. Unlike a
    TextIOWrapper it holds nothing back and never closes the stream (not even when a write fails)."""

    def __init__(self, out: IO[bytes]):
        self.out = out

    def write(self, s: str) -> int:
        self.out.write(s.encode("utf-8"))
        return len(s)


def write_csv(store: Any, out: IO[bytes], f: EventFilter | None = None) -> int:
    w = csv.writer(_Text(out))
    w.writerow(CSV_COLUMNS)
    n = 0
    for events, urls in _batches(store, f):
        for e in events:
            loc = e.location
            base = [
                e.id, e.type, e.mode, ";".join(e.context), e.cameo, e.goldstein, e.modality, e.date.start, e.date.end,
                ";".join(_code(a) for a in e.source), ";".join(a.name or a.text for a in e.source),
                ";".join(_code(a) for a in e.target), ";".join(a.name or a.text for a in e.target),
                loc.name if loc else None, loc.country if loc else None, loc.geonameid if loc else None,
                loc.lat if loc else None, loc.lon if loc else None, e.confidence,
                len(e.mentions), e.n_reports, e.n_outlets,
            ]
            for m in e.mentions or [None]:
                if m is None:
                    w.writerow(base + [None] * 7)
                else:
                    url = urls.get(m.report_id, {}).get("url")
                    w.writerow(base + [m.report_id, m.outlet, url, m.start, m.end, m.sentence, m.text])
            n += 1
    return n


def write_jsonl(store: Any, out: IO[bytes], f: EventFilter | None = None) -> int:
    n = 0
    for e in _events(store, f):
        out.write((json.dumps(e.to_dict(), ensure_ascii=False) + "\n").encode("utf-8"))
        n += 1
    return n


def _parquet_schema():
    import pyarrow as pa

    actor = pa.struct([("text", pa.string()), ("name", pa.string()), ("code", pa.string()),
                       ("country", pa.string()), ("sector", pa.string()), ("kind", pa.string())])
    mention = pa.struct([("report_id", pa.string()), ("outlet", pa.string()), ("url", pa.string()),
                         ("start", pa.int64()), ("end", pa.int64()), ("sentence", pa.int64()), ("text", pa.string())])
    return pa.schema([
        ("event_id", pa.string()), ("type", pa.string()), ("mode", pa.string()), ("context", pa.list_(pa.string())),
        ("cameo", pa.string()), ("goldstein", pa.float64()), ("modality", pa.string()),
        ("date_start", pa.string()), ("date_end", pa.string()),
        ("source", pa.list_(actor)), ("target", pa.list_(actor)),
        ("place", pa.string()), ("place_country", pa.string()), ("geonameid", pa.int64()),
        ("lat", pa.float64()), ("lon", pa.float64()), ("confidence", pa.float64()),
        ("n_mentions", pa.int64()), ("n_reports", pa.int64()), ("n_outlets", pa.int64()),
        ("mentions", pa.list_(mention)),
    ])


def write_parquet(store: Any, out: IO[bytes], f: EventFilter | None = None) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()

    def actor(a: Actor) -> dict[str, Any]:
        return {"text": a.text, "name": a.name, "code": a.code or None, "country": a.country, "sector": a.sector,
                "kind": a.kind}

    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as w:
        for events, urls in _batches(store, f, size=5000):
            rows = []
            for e in events:
                loc = e.location
                rows.append({
                    "event_id": e.id, "type": e.type, "mode": e.mode, "context": list(e.context), "cameo": e.cameo,
                    "goldstein": e.goldstein, "modality": e.modality, "date_start": e.date.start,
                    "date_end": e.date.end, "source": [actor(a) for a in e.source],
                    "target": [actor(a) for a in e.target], "place": loc.name if loc else None,
                    "place_country": loc.country if loc else None, "geonameid": loc.geonameid if loc else None,
                    "lat": loc.lat if loc else None, "lon": loc.lon if loc else None, "confidence": e.confidence,
                    "n_mentions": len(e.mentions), "n_reports": e.n_reports, "n_outlets": e.n_outlets,
                    "mentions": [
                        {"report_id": m.report_id, "outlet": m.outlet, "url": urls.get(m.report_id, {}).get("url"),
                         "start": m.start, "end": m.end, "sentence": m.sentence, "text": m.text}
                        for m in e.mentions
                    ],
                })
            w.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
        if n == 0:
            w.write_table(schema.empty_table())
    return n


def _gdelt_row(e: Event, seq: int, urls: dict[str, Any]) -> list[Any]:
    d = (e.date.start or "")[:10]
    ymd = d.replace("-", "") if len(d) == 10 else ""
    year = d[:4] if d[:4].isdigit() else ""
    frac = ""
    if len(d) == 10:
        y, m, day = int(d[:4]), int(d[5:7]), int(d[8:10])
        frac = f"{y + ((m - 1) * 30 + day) / 365:.4f}"
    a1 = e.source[0] if e.source else None
    a2 = e.target[0] if e.target else None
    loc = e.location
    cameo = e.cameo or ""
    first = e.mentions[0].report_id if e.mentions else None
    return [
        seq, ymd, ymd[:6], year, frac,
        _code(a1) if a1 else "", (a1.name or a1.text).upper() if a1 else "", a1.country or "" if a1 else "",
        a1.sector or "" if a1 else "",
        _code(a2) if a2 else "", (a2.name or a2.text).upper() if a2 else "", a2.country or "" if a2 else "",
        a2.sector or "" if a2 else "",
        1, cameo, cameo[:3], cameo[:2], _quad(cameo) or "", "" if e.goldstein is None else e.goldstein,
        len(e.mentions), e.n_outlets, e.n_reports,
        (4 if loc.geonameid else 1) if loc else "", loc.name if loc else "", (loc.country or "") if loc else "",
        "" if not loc or loc.lat is None else loc.lat, "" if not loc or loc.lon is None else loc.lon,
        (loc.geonameid or "") if loc else "", (urls.get(first, {}).get("url") or "") if first else "",
    ]


def write_gdelt(store: Any, out: IO[bytes], f: EventFilter | None = None) -> int:
    w = csv.writer(_Text(out), delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(GDELT_COLUMNS)
    n = 0
    for events, urls in _batches(store, f):
        for e in events:
            n += 1
            w.writerow([str(x).replace("\t", " ").replace("\n", " ") for x in _gdelt_row(e, n, urls)])
    return n


def plover_record(e: Event, urls: dict[str, Any]) -> dict[str, Any]:
    """One event as POLECAT publishes PLOVER records (actor / recipient, event, mode, context, location)."""

    def actors(xs: tuple[Actor, ...]) -> list[dict[str, Any]]:
        return [{"name": a.name or a.text, "text": a.text, "country": a.country, "sector": a.sector,
                 "kind": a.kind, "code": a.code or None, "members": list(a.members)} for a in xs]

    loc = e.location
    return {
        "event_id": e.id,
        "event_date": e.date.start,
        "event_date_end": e.date.end,
        "event_type": e.type,
        "event_mode": e.mode,
        "contexts": list(e.context),
        "event_intensity": e.goldstein,
        "quad_code": _quad(e.cameo),
        "cameo": e.cameo,
        "modality": e.modality,
        "actor": actors(e.source),
        "recipient": actors(e.target),
        "location": None if loc is None else {
            "placename": loc.name, "country": loc.country, "geonameid": loc.geonameid,
            "latitude": loc.lat, "longitude": loc.lon,
        },
        "confidence": e.confidence,
        "sources": [
            {"report_id": m.report_id, "outlet": m.outlet, "url": urls.get(m.report_id, {}).get("url"),
             "publication_date": urls.get(m.report_id, {}).get("published"), "evidence": m.text,
             "start": m.start, "end": m.end}
            for m in e.mentions
        ],
    }


def write_plover(store: Any, out: IO[bytes], f: EventFilter | None = None) -> int:
    out.write(b"[")
    n = 0
    for events, urls in _batches(store, f):
        for e in events:
            out.write((b",\n" if n else b"\n") + json.dumps(plover_record(e, urls), ensure_ascii=False).encode("utf-8"))
            n += 1
    out.write(b"\n]\n")
    return n


WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "parquet": write_parquet, "gdelt": write_gdelt,
           "plover": write_plover}


def write_events(store: Any, fmt: str, out: IO[bytes], f: EventFilter | None = None) -> int:
    """Write the events matching ``f`` to ``out`` (a binary stream) in ``fmt``; returns how many."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}") from None
    return writer(store, out, f)
