"""The HTTP API: read endpoints, paging, filters, JSON errors, the token-guarded write, WAL concurrency."""

from __future__ import annotations

import itertools
import json
import math
import re
import sys
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
import serving_sample as sample  # noqa: E402

from eventwire.model import Actor, Event, Mention, Report, When  # noqa: E402
from eventwire.store import Store  # noqa: E402
from eventwire.web.api import create_app  # noqa: E402


@pytest.fixture
def client(sample_db, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)
    with TestClient(create_app(sample_db)) as c:
        yield c


def _many_events(n: int, report: str = "r-many") -> list[Event]:
    return [
        Event(
            id=f"bulk-{i:05d}", type="CONSULT" if i % 2 else "ASSAULT", cameo="043" if i % 2 else "190",
            source=(Actor("A", "FRA", "GOV"),), target=(Actor("B", "DEU", "GOV"),),
            date=When(f"2024-01-{1 + i % 28:02d}"),
            mentions=(Mention(report, i, i + 1, "x", 0, "o"),),
        )
        for i in range(n)
    ]


# --- reading ---------------------------------------------------------------------------------


def test_health_and_openapi(client):
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json()["counts"] == {"reports": 3, "stories": 2, "events": 3, "mentions": 4}
    assert r.json()["writing"] is False
    schema = client.get("/openapi.json").json()
    for path in ("/events", "/events/{event_id}", "/stories/{story_id}", "/dyads", "/reports", "/health"):
        assert path in schema["paths"]
    assert "post" in schema["paths"]["/reports"]


def test_events_list_filters(client):
    page = client.get("/events").json()
    assert page["total"] == 3 and page["next"] is None
    assert [e["id"] for e in page["items"]] == ["ev-attack", "ev-protest", "ev-visit"]  # by date
    assert client.get("/events", params={"country": "NER"}).json()["total"] == 1
    assert client.get("/events", params={"actor": "RUSMIL", "role": "source"}).json()["total"] == 1
    assert client.get("/events", params={"sector": "GOV", "role": "target"}).json()["total"] == 2
    assert client.get("/events", params={"type": "consult"}).json()["items"][0]["id"] == "ev-visit"
    assert client.get("/events", params={"cameo": "19"}).json()["items"][0]["id"] == "ev-attack"
    assert client.get("/events", params={"since": "2025-04-01", "until": "2025-04-07"}).json()["total"] == 2
    assert client.get("/events", params={"place": "Dakar"}).json()["total"] == 1
    assert client.get("/events", params={"place": "524901"}).json()["total"] == 1
    assert client.get("/events", params={"modality": "planned"}).json()["total"] == 1
    assert client.get("/events", params={"q": "convoy"}).json()["total"] == 1


def test_one_event_has_every_mention_with_its_evidence_sentence(client):
    e = client.get("/events/ev-visit").json()
    assert e["n_reports"] == 2 and len(e["mentions"]) == 2
    for m in e["mentions"]:
        text = e["reports"][m["report_id"]]["text"]
        assert text[m["start"] : m["end"]] == m["text"] == "will travel to Moscow"
        assert m["text"] in m["sentence_text"]
        assert m["sentence_text"].endswith("talks on security.")
        assert text[m["sentence_start"] : m["sentence_end"]] == m["sentence_text"]
    assert client.get("/events/ev-vis").json()["id"] == "ev-visit"  # a unique prefix is enough


def test_stories_with_provenance_tree(client):
    page = client.get("/stories").json()
    assert page["total"] == 2
    d = client.get("/stories/s-moscow").json()
    assert d["story"]["report_ids"] == ["r-origin", "r-copy"]
    tree = d["tree"]
    assert tree["report_id"] == "r-origin" and tree["relation"] == "origin"
    assert [c["report_id"] for c in tree["children"]] == ["r-copy"]
    child = tree["children"][0]
    assert child["relation"] == "republication" and child["reused"][0]["source"] == "r-origin"
    copy = next(x for x in d["reports"] if x["report"]["id"] == "r-copy")
    passage = copy["placement"]["reused"][0]["passages"][0]
    assert copy["report"]["text"][passage["start"] : passage["end"]].startswith("The foreign ministers")
    assert {e["id"] for e in d["events"]} == {"ev-visit", "ev-attack"}
    assert any(m["event_id"] == "ev-visit" for m in copy["mentions"])


def test_reports_search_and_one_report(client):
    assert client.get("/reports", params={"q": "Dakar"}).json()["items"][0]["id"] == "r-hostile"
    assert client.get("/reports/r-origin").json()["report"]["credit"] is None  # the page's credit column
    assert client.get("/reports", params={"outlet": "Daily Echo"}).json()["total"] == 1
    d = client.get("/reports/r-origin").json()
    assert d["placement"]["relation"] == "origin"
    assert {m["event_id"] for m in d["mentions"]} == {"ev-visit", "ev-attack"}


def test_reports_newest_published_first_or_in_arrival_order(tmp_path):
    """Issue 11: the page lists reports by publication date, the newest first, undated last."""
    path = tmp_path / "order.db"
    with Store(path) as s:
        s.add_reports([Report(id="r-undated", text="No date on this one."), *sample.reports()])
    with TestClient(create_app(path)) as c:
        ids = [r["id"] for r in c.get("/reports").json()["items"]]
        assert ids == ["r-hostile", "r-copy", "r-origin", "r-undated"]
        arrival = [r["id"] for r in c.get("/reports", params={"sort": "arrival"}).json()["items"]]
        assert arrival == ["r-undated", "r-origin", "r-copy", "r-hostile"]
        assert [r["id"] for r in c.get("/reports", params={"limit": 2, "offset": 2}).json()["items"]] == ids[2:]
        assert c.get("/reports", params={"sort": "title"}).status_code == 422


def test_timeline_events_for_a_time_axis(tmp_path):
    """Issue 11: each event with its type and dates (the dated by start, the undated after) and actor codes."""
    path = tmp_path / "timeline.db"
    with Store(path) as s:
        sample.fill(s)
        s.save_events([Event(id="ev-undated", type="ACCUSE", source=(Actor("Mali", "MLI", "GOV"),),
                             target=(Actor("France", "FRA", "GOV"),), mentions=(Mention("r-origin", 0, 6, "BAMAKO"),))])
    with TestClient(create_app(path)) as c:
        body = c.get("/timeline/events").json()
        assert body["total"] == 4
        assert [(e["id"], e["start"], e["end"]) for e in body["items"]] == [
            ("ev-attack", "2025-03-31", None), ("ev-protest", "2025-04-05", None),
            ("ev-visit", "2025-04-07", "2025-04-08"), ("ev-undated", None, None),
        ]
        visit = body["items"][2]
        assert visit["type"] == "CONSULT" and visit["modality"] == "planned"
        assert (visit["source"], visit["target"]) == ("MLIGOV, NERGOV", "RUSGOV")
        assert [e["id"] for e in c.get("/timeline/events", params={"type": "accuse"}).json()["items"]] == ["ev-undated"]
        limited = c.get("/timeline/events", params={"limit": 1}).json()
        assert len(limited["items"]) == 1 and limited["total"] == 4
        assert c.get("/timeline/events", params={"limit": 0}).status_code == 422


def _page_colours() -> dict[str, tuple[str, str]]:
    """The page's PLOVER colour table (app.js QUADS): type → (group, colour)."""
    js = (Path(__file__).parent.parent / "src/eventwire/web/static/app.js").read_text(encoding="utf-8")
    table = js[js.index("const QUADS = [") : js.index("];", js.index("const QUADS = ["))]
    return {t: (group, colour) for group, body in re.findall(r'\["([a-z ]+)", \{([^}]*)\}\]', table)
            for t, colour in re.findall(r'([A-Z]+): "(#[0-9a-f]{6})"', body)}


def _lab(colour: str) -> tuple[float, float, float]:
    """sRGB hex → CIELAB (D65)."""
    r, g, b = (((c / 255) / 12.92) if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
               for c in bytes.fromhex(colour[1:]))
    xyz = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    x, y, z = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * y - 16, 500 * (x - y), 200 * (y - z)


def test_the_page_has_one_distinct_colour_per_plover_type_grouped_by_quad():
    """Issue 11: one fixed colour per type, far apart, grouped by PLOVER's quad categories as the exports are."""
    from eventwire.events.ontology import PLOVER_TYPES
    from eventwire.store.export import PLOVER_QUADS

    colours = _page_colours()
    assert sorted(colours) == sorted(PLOVER_TYPES)
    groups = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"]
    assert {t: groups.index(group) + 1 for t, (group, _) in colours.items()} == PLOVER_QUADS
    labs = {t: _lab(c) for t, (_, c) in colours.items()}
    for a, b in itertools.combinations(labs, 2):
        assert math.dist(labs[a], labs[b]) >= 20, (a, b)


def test_aggregates(client):
    dyads = client.get("/dyads").json()["items"]
    assert {"source": "MLIGOV", "target": "RUSGOV"}.items() <= dyads[0].items() or any(
        d["source"] == "MLIGOV" and d["target"] == "RUSGOV" and d["n"] == 1 for d in dyads
    )
    assert len(dyads) == 4
    tl = client.get("/timeline").json()["items"]
    assert {"date": "2025-04-07", "type": "CONSULT", "n": 1} in tl
    assert client.get("/timeline", params={"by": "month"}).json()["items"][0]["date"] == "2025-03"
    pts = client.get("/map/points").json()
    assert {p["place"] for p in pts["points"]} == {"Moscow", "Gao", "Dakar"}
    assert pts["countries"] == {"RU": 1, "ML": 1, "SN": 1}


def test_map_countries_from_the_shapes_package(client):
    d = client.get("/map/countries").json()
    by_iso = {c["iso2"]: c for c in d["countries"] if c["iso2"]}
    assert len(by_iso) > 150 and by_iso["ML"]["d"].startswith("M")


# --- paging ----------------------------------------------------------------------------------


def test_paging_is_stable_and_bounded(tmp_path):
    path = tmp_path / "many.db"
    with Store(path) as s:
        s.add_reports([Report(id="r-many", text="x" * 200)])
        s.save_events(_many_events(120))
    with TestClient(create_app(path)) as c:
        seen, offset = [], 0
        while offset is not None:
            page = c.get("/events", params={"limit": 50, "offset": offset}).json()
            assert page["total"] == 120 and len(page["items"]) <= 50
            seen += [e["id"] for e in page["items"]]
            offset = page["next"]
        assert len(seen) == len(set(seen)) == 120
        dates = [e["date"]["start"] for e in c.get("/events", params={"limit": 500}).json()["items"]]
        assert dates == sorted(dates)
        assert c.get("/events", params={"limit": 501}).status_code == 422
        assert c.get("/events", params={"limit": 0}).status_code == 422
        assert c.get("/events", params={"offset": -1}).status_code == 422
        assert c.get("/events").json()["limit"] == 50


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, status",
    [
        ("/events/no-such-event", 404),
        ("/stories/nope", 404),
        ("/reports/nope", 404),
        ("/nowhere", 404),
        ("/events?since=yesterday", 422),
        ("/events?role=sideways", 422),
        ("/events?modality=maybe", 422),
        ("/events?limit=abc", 422),
        ("/timeline?by=week", 422),
        ("/export?format=xlsx", 422),
    ],
)
def test_errors_are_json(client, url, status):
    r = client.get(url)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error", "detail"} and body["error"]
    assert "Traceback" not in r.text


def test_sql_goes_through_parameters(client):
    for q in ["' OR 1=1 --", '"; DROP TABLE events; --', "%", "_"]:
        assert client.get("/events", params={"q": q, "actor": q, "place": q}).status_code == 200
    assert client.get("/health").json()["counts"]["events"] == 3


def test_unexpected_errors_give_500_json_without_trace(sample_db):
    app = create_app(sample_db)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/boom")
    assert r.status_code == 500 and r.json()["error"] == "internal error"
    assert "secret internals" not in r.text and "Traceback" not in r.text
    # answered outside the middleware that sets them on every other response
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"


# --- query parameters are checked --------------------------------------------------------------

FILTERED = ["/events", "/export", "/dyads", "/timeline", "/timeline/events", "/map/points"]


@pytest.mark.parametrize("path", FILTERED)
@pytest.mark.parametrize("place", ["99999999999999999999999", "²", "12345678901", "٣"])
def test_a_place_that_is_no_geonames_id_is_422(client, path, place):
    r = client.get(path, params={"place": place})
    assert r.status_code == 422, r.text
    body = r.json()
    assert "GeoNames id" in body["error"] and body["detail"] == {"parameter": "place", "value": place}


def test_a_place_is_a_geonames_id_or_a_name(client):
    assert client.get("/events", params={"place": "524901"}).json()["total"] == 1
    assert client.get("/events", params={"place": "9999999999"}).json()["total"] == 0  # 10 digits: an id
    assert client.get("/events", params={"place": "Gao"}).json()["total"] == 1
    assert client.get("/events", params={"place": "Area 51"}).status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/events?cameo_rot=19", "/events?limt=5", "/dyads?by=day", "/health?verbose=1", "/events/ev-visit?full=1",
     "/export?fmt=csv", "/stories?since=2025-01-01"],
)
def test_unknown_query_parameters_are_422(client, url):
    r = client.get(url)
    assert r.status_code == 422, r.text
    assert r.json()["error"].startswith("unknown query parameter")
    assert url.split("?")[1].split("=")[0] in r.json()["detail"]["unknown"]


def test_the_page_takes_any_query(client):
    assert client.get("/", params={"utm_source": "x"}).status_code == 200


def test_cameo_root_is_the_same_filter_as_cameo(client):
    """README lists `cameo_root` among the /events filters; the page sends `cameo`: both work alike."""
    by_cameo = client.get("/events", params={"cameo": "19"}).json()
    by_root = client.get("/events", params={"cameo_root": "19"}).json()
    assert by_root["total"] == by_cameo["total"] == 1
    assert [e["id"] for e in by_root["items"]] == ["ev-attack"]
    assert client.get("/dyads", params={"cameo_root": "04"}).json()["items"][0]["source"] == "MLIGOV"
    assert client.get("/events", params={"cameo": "19", "cameo_root": "190"}).json()["total"] == 1
    assert client.get("/events", params={"cameo": "19", "cameo_root": "04"}).status_code == 422
    for bad in ("x", "99", "²"):
        assert client.get("/events", params={"cameo_root": bad}).status_code == 422


@pytest.mark.parametrize("value", ["2025-13-45", "2025-02-30", "2025-00", "yesterday", "25-04-01", "2025-04-01Tnoon"])
def test_dates_must_be_real_iso_dates(client, value):
    for name in ("since", "until"):
        r = client.get("/events", params={name: value})
        assert r.status_code == 422, (name, value)
        assert "ISO 8601 date" in r.json()["error"]


def test_partial_dates_and_date_times_are_dates(client):
    assert client.get("/events", params={"since": "2025-04"}).json()["total"] == 2
    assert client.get("/events", params={"since": "2025", "until": "2025-04-07T23:59"}).json()["total"] == 3
    assert client.get("/events", params={"until": "2025-03"}).json()["total"] == 1  # to the month's end
    assert client.get("/events", params={"until": "2025-04"}).json()["total"] == 3


def test_country_must_be_an_iso3_code(client):
    r = client.get("/events", params={"country": "russia"})
    assert r.status_code == 422 and "alpha-3" in r.json()["error"] and "RUS" in r.json()["error"]
    assert client.get("/events", params={"country": "XXX"}).status_code == 422
    assert client.get("/events", params={"country": "R1S"}).status_code == 422
    assert client.get("/events", params={"country": "ner"}).json()["total"] == 1  # any case
    assert client.get("/events", params={"country": "WAF"}).status_code == 200  # an IGO's region code
    assert client.get("/events", params={"country": "XKX"}).status_code == 200  # ours, not pycountry's


@pytest.mark.parametrize("url", ["/events?limit=0", "/dyads?limit=0", "/map/points?limit=-1", "/stories?limit=0",
                                 "/reports?limit=0"])
def test_limit_must_be_positive(client, url):
    assert client.get(url).status_code == 422


def test_security_headers(client):
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


# --- writing ---------------------------------------------------------------------------------


def test_post_reports_needs_a_token(sample_db, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)
    with TestClient(create_app(sample_db)) as c:
        r = c.post("/reports", content=b"Some text.", headers={"Authorization": "Bearer x"})
        assert r.status_code == 403 and "writing is off" in r.json()["error"]
    monkeypatch.setenv("EVENTWIRE_TOKEN", "s3cret-token")
    with TestClient(create_app(sample_db)) as c:
        assert c.post("/reports", content=b"Some text.").status_code == 401
        r = c.post("/reports", content=b"Some text.", headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401 and r.json()["error"] == "wrong bearer token"
        assert c.post("/reports", content=b"Some text.", headers={"Authorization": "Basic s3cret-token"}).status_code == 401
        assert c.get("/health").json()["counts"]["reports"] == 3


TEXT = (
    "GENEVA - Delegates from Chile and Peru met in Geneva on Tuesday to discuss a fishing dispute, "
    "officials said. The talks will continue next month, a spokesperson for the Chilean foreign ministry said."
)


def test_post_reports_ingests_and_is_seen_by_reads(sample_db):
    with TestClient(create_app(sample_db, token="tok")) as c:
        auth = {"Authorization": "Bearer tok"}
        r = c.post("/reports", params={"path": "geneva.txt", "outlet": "Test Desk"}, content=TEXT.encode(), headers=auth)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["stored"] == 1 and len(body["reports"]) == 1
        assert c.get("/health").json()["counts"]["reports"] == 4
        assert c.get(f"/reports/{body['reports'][0]}").json()["report"]["text"].startswith("GENEVA")
        again = c.post("/reports", params={"path": "geneva.txt", "outlet": "Test Desk"}, content=TEXT.encode(), headers=auth)
        assert again.status_code == 200 and again.json()["known"] == 1
        assert c.post("/reports", content=b"   ", headers=auth).status_code == 400
        bad = c.post("/reports", params={"path": "x.txt"}, content=b"\x00\x01\x02" * 50, headers=auth)
        assert bad.status_code == 422 and bad.json()["error"] == "nothing could be read from the request body"
        assert bad.json()["detail"]["rejected"] == 1 and bad.json()["detail"]["rejections"][0]["reason"]


def test_post_json_lines_holds_many_reports(sample_db):
    lines = [
        {"text": "Officials from Chile met delegates from Peru in Lima on Monday to discuss fishing.", "outlet": "A"},
        {"text": "The government of Ghana announced new grain aid for farmers in the north on Friday.", "outlet": "B"},
        {"title": "no body here"},
    ]
    body = "\n".join(json.dumps(x) for x in lines).encode()
    with TestClient(create_app(sample_db, token="tok")) as c:
        r = c.post("/reports", params={"path": "batch.jsonl"}, content=body, headers={"Authorization": "Bearer tok"})
        assert r.status_code == 201, r.text
        assert r.json()["stored"] == 2 and r.json()["rejected"] == 1
        assert c.get("/reports", params={"outlet": "B"}).json()["items"][0]["text"].startswith("The government")


def test_a_deeply_nested_body_is_a_4xx_not_a_500(sample_db):
    with TestClient(create_app(sample_db, token="tok"), raise_server_exceptions=False) as c:
        for path in ("upload", "deep.json", "deep.jsonl"):
            r = c.post("/reports", params={"path": path}, content=b"[" * 100_000,
                       headers={"Authorization": "Bearer tok"})
            assert 400 <= r.status_code < 500, r.text
            assert set(r.json()) == {"error", "detail"} and "Traceback" not in r.text
        assert c.get("/health").json()["counts"]["reports"] == 3


def test_post_reports_checks_its_query(sample_db):
    with TestClient(create_app(sample_db, token="tok")) as c:
        auth = {"Authorization": "Bearer tok"}
        r = c.post("/reports", params={"published": "2025-13-45"}, content=TEXT.encode(), headers=auth)
        assert r.status_code == 422 and "published" in r.json()["error"]
        assert c.post("/reports", params={"titel": "x"}, content=TEXT.encode(), headers=auth).status_code == 422
        assert c.get("/health").json()["counts"]["reports"] == 3


def test_post_reports_body_limit(sample_db):
    with TestClient(create_app(sample_db, token="tok", max_body=1000)) as c:
        r = c.post("/reports", content=b"x" * 1001, headers={"Authorization": "Bearer tok"})
        assert r.status_code == 413 and "too large" in r.json()["error"]

        def chunks():  # no Content-Length: the limit holds while streaming
            for _ in range(20):
                yield b"y" * 100

        r = c.post("/reports", content=chunks(), headers={"Authorization": "Bearer tok"})
        assert r.status_code == 413


def test_memory_store_instance(monkeypatch):
    s = Store.memory(check_same_thread=False)
    sample.fill(s)
    with TestClient(create_app(s)) as c:
        assert c.get("/events").json()["total"] == 3
        assert c.get("/stories/s-dakar").json()["story"]["origin"] == "r-hostile"


# --- concurrency -------------------------------------------------------------------------------


def test_reads_while_another_connection_ingests(tmp_path):
    """A writer thread with its own connection adds events in WAL mode while the API reads the same file."""
    path = tmp_path / "wal.db"
    with Store(path) as s:
        s.add_reports([Report(id="r-many", text="x" * 500)])
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    events = _many_events(300)
    done = threading.Event()
    errors: list[BaseException] = []

    def writer():
        try:
            with Store(path) as w:
                for i in range(0, len(events), 10):
                    w.save_events(events[i : i + 10])
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            done.set()

    counts = []
    with TestClient(create_app(path)) as c:
        t = threading.Thread(target=writer)
        t.start()
        while not done.is_set():
            r = c.get("/events", params={"limit": 5})
            assert r.status_code == 200, r.text
            counts.append(r.json()["total"])
            assert c.get("/health").status_code == 200
        t.join()
        counts.append(c.get("/events").json()["total"])
    assert not errors
    assert counts == sorted(counts)  # reads only ever see more events
    assert counts[-1] == 300


def test_stories_come_from_placements_even_without_a_story_row(tmp_path):
    path = tmp_path / "placed.db"
    with Store(path) as s:
        s.add_reports(sample.reports())
        s.save_placements(sample.placements())  # no stories rows at all
    with TestClient(create_app(path)) as c:
        page = c.get("/stories").json()
        assert page["total"] == 2
        moscow = next(x for x in page["items"] if x["id"] == "s-moscow")
        assert moscow["origin"] == "r-origin" and moscow["title"] == "Ministers to visit Moscow"
        assert moscow["first"] == "2025-04-02T09:00" and moscow["last"] == "2025-04-02T11:30"
        assert c.get("/stories/s-mos").json()["tree"]["children"][0]["report_id"] == "r-copy"
        assert c.get("/stories", params={"q": "Protest"}).json()["total"] == 1


WRITER = """
import sys
from eventwire.model import Actor, Event, Mention, When
from eventwire.store import Store
path, n = sys.argv[1], int(sys.argv[2])
with Store(path) as w:
    for start in range(0, n, 20):
        w.save_events([
            Event(id=f"proc-{i:05d}", type="CONSULT", source=(Actor("A", "FRA"),), target=(Actor("B", "DEU"),),
                  date=When("2024-02-01"), mentions=(Mention("r-many", i, i + 1, "x"),))
            for i in range(start, min(n, start + 20))
        ])
"""


def test_reads_while_another_process_ingests(tmp_path):
    """Another process writes into the WAL database while the API (read-only connections) serves it."""
    import subprocess

    path = tmp_path / "wal-proc.db"
    with Store(path) as s:
        s.add_reports([Report(id="r-many", text="x" * 500)])
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "400"], stderr=subprocess.PIPE)
    counts = []
    with TestClient(create_app(path)) as c:
        while proc.poll() is None:
            r = c.get("/events", params={"type": "CONSULT", "limit": 3})
            assert r.status_code == 200, r.text
            counts.append(r.json()["total"])
        _, err = proc.communicate()
        assert proc.returncode == 0, err.decode()
        counts.append(c.get("/events").json()["total"])
    assert counts == sorted(counts) and counts[-1] == 400


# --- the writer thread -----------------------------------------------------------------------

AUTH = {"Authorization": "Bearer tok"}


class _Gate:
    """pipeline.ingest (storing only) that waits at ``go`` after each item it takes; ``reached`` once it has
    taken one. Records the threads it ran on."""

    def __init__(self, monkeypatch):
        from eventwire import pipeline

        self.reached, self.go = threading.Event(), threading.Event()
        self.threads: list[threading.Thread] = []
        real = pipeline.ingest

        def ingest(items, store, **kw):
            self.threads.append(threading.current_thread())

            def each():
                for item in items:
                    yield item
                    self.reached.set()
                    self.go.wait(30)

            return real(each(), store, group=False, code=False)

        monkeypatch.setattr(pipeline, "ingest", ingest)


def _in_thread(fn, *args, **kwargs):
    """Call ``fn`` in a thread; its answer lands in the dict returned."""
    out: dict = {}
    t = threading.Thread(target=lambda: out.update(r=fn(*args, **kwargs)), daemon=True)
    t.start()
    return t, out


def test_reads_are_answered_while_a_post_is_ingested(sample_db, monkeypatch):
    gate = _Gate(monkeypatch)
    with TestClient(create_app(sample_db, token="tok")) as c:
        t, out = _in_thread(c.post, "/reports", params={"path": "slow.txt"}, content=TEXT.encode(), headers=AUTH)
        assert gate.reached.wait(30)  # the post holds the writer
        for url in ("/health", "/events", "/reports", "/stories"):
            assert c.get(url).status_code == 200
        assert c.get("/health").json()["counts"]["reports"] == 3
        assert t.is_alive() and not out  # answered before the post
        gate.go.set()
        t.join(30)
        assert out["r"].status_code == 201 and out["r"].json()["stored"] == 1
        assert c.get("/health").json()["counts"]["reports"] == 4
    [writer] = gate.threads
    assert writer.name == "eventwire-writer" and writer.daemon  # off the request threads, never holds up exit


OTHER = b"ACCRA - The government of Ghana announced new grain aid for farmers in the north on Friday, officials said."


def test_a_full_writer_queue_is_a_503_with_retry_after(sample_db, monkeypatch):
    gate = _Gate(monkeypatch)
    app = create_app(sample_db, token="tok", queue_size=1)
    with TestClient(app) as c:
        first = _in_thread(c.post, "/reports", params={"path": "a.txt"}, content=TEXT.encode(), headers=AUTH)
        assert gate.reached.wait(30)
        second = _in_thread(c.post, "/reports", params={"path": "b.txt"}, content=OTHER, headers=AUTH)
        for _ in range(3000):  # until the second waits in the queue (of one)
            if app.state.writer._jobs.full():
                break
            second[0].join(0.01)
        else:
            pytest.fail("the second post never reached the queue")
        r = c.post("/reports", params={"path": "c.txt"}, content=b"Another text about talks in Lima.", headers=AUTH)
        assert r.status_code == 503 and r.headers["retry-after"].isdigit(), r.text
        assert "busy" in r.json()["error"] and r.json()["detail"] == {"waiting": 1}
        gate.go.set()
        for t, out in (first, second):
            t.join(30)
            assert out["r"].status_code == 201, out["r"].text
        assert c.get("/health").json()["counts"]["reports"] == 5


def test_a_post_still_ingesting_after_the_timeout_is_a_202(sample_db, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_POST_TIMEOUT", "0.2")
    gate = _Gate(monkeypatch)
    app = create_app(sample_db, token="tok")
    with TestClient(app) as c:
        r = c.post("/reports", params={"path": "slow.txt"}, content=TEXT.encode(), headers=AUTH)
        assert r.status_code == 202, r.text
        body = r.json()
        assert body["status"] == "accepted" and body["processing"] is True and "still being processed" in body["detail"]
        assert len(body["reports"]) == 1
        gate.go.set()
        app.state.writer.submit(lambda: None).result(30)  # jobs run in order: the post's is done
        assert c.get(f"/reports/{body['reports'][0]}").json()["report"]["text"].startswith("GENEVA")


def test_a_stopped_writer_ends_a_post_at_its_next_report(sample_db, monkeypatch):
    gate = _Gate(monkeypatch)
    lines = [{"text": f"Officials from Chile met delegates from Peru in Lima on day {i} to discuss fishing."}
             for i in range(3)]
    app = create_app(sample_db, token="tok")
    with TestClient(app) as c:
        t, out = _in_thread(c.post, "/reports", params={"path": "three.jsonl"},
                            content="\n".join(json.dumps(x) for x in lines).encode(), headers=AUTH)
        assert gate.reached.wait(30)  # the first report is with the pipeline
        app.state.writer.stop()  # as SIGTERM does
        gate.go.set()
        t.join(30)
        r = out["r"]
        assert r.status_code == 503 and r.headers["retry-after"].isdigit(), r.text
        assert "shutting down" in r.json()["error"]
        detail = r.json()["detail"]
        assert detail["stored"] == 1 and detail["unread"] == 2 and len(detail["reports"]) == 1
        assert c.get("/health").json()["counts"]["reports"] == 4  # what was given is stored
        again = c.post("/reports", params={"path": "late.txt"}, content=TEXT.encode(), headers=AUTH)
        assert again.status_code == 503 and "shutting down" in again.json()["error"]  # no new jobs
    assert not gate.threads[0].is_alive()  # shutdown waited for the thread to end
    with TestClient(app) as c:  # started again: writing again
        r = c.post("/reports", params={"path": "late.txt"}, content=TEXT.encode(), headers=AUTH)
        assert r.status_code == 201, r.text


def test_post_timeout_comes_from_the_environment(monkeypatch):
    from eventwire.errors import EventwireError
    from eventwire.web.api import POST_TIMEOUT, post_timeout

    monkeypatch.delenv("EVENTWIRE_POST_TIMEOUT", raising=False)
    assert post_timeout() == POST_TIMEOUT == 120
    monkeypatch.setenv("EVENTWIRE_POST_TIMEOUT", " 2.5 ")
    assert post_timeout() == 2.5
    monkeypatch.setenv("EVENTWIRE_POST_TIMEOUT", "inf")
    assert post_timeout() is None  # no limit
    for bad in ("0", "-1", "soon", "nan"):
        monkeypatch.setenv("EVENTWIRE_POST_TIMEOUT", bad)
        with pytest.raises(EventwireError, match="EVENTWIRE_POST_TIMEOUT must be a positive number"):
            create_app(":memory:")
