"""Issue 8: fuzzing. No input to a reader, and no query to the API, may raise anything but a rejection or a
4xx. Bounded in `make test` (FUZZ_EXAMPLES, default 40 a test); `make fuzz` runs many more."""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
import serving_sample as sample  # noqa: E402

from eventwire.ingest import read  # noqa: E402
from eventwire.model import Rejected, Report  # noqa: E402

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                              HealthCheck.too_slow])

junk = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=3000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40)),
                 lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.sampled_from(
                     ["text", "html", "title", "published", "url", "outlet", "id", "items"]), kids, max_size=4),
                 max_leaves=30).map(lambda v: json.dumps(v).encode()),
    st.lists(st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<script>", "<![CDATA[", "<rss>", "<item>",
                              "<title>", "&amp;", "&#0;", "<!DOCTYPE", "x" * 50, "\x00", "\n"]), max_size=60)
    .map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
)


def _read_one(tmp_path: Path, name: str, data: bytes) -> list:
    p = tmp_path / name
    p.write_bytes(data)
    return list(read([str(p)]))


@pytest.mark.parametrize("suffix", [".txt", ".html", ".json", ".jsonl", ".xml", ".gz"])
def test_readers_reject_but_never_raise(tmp_path, suffix):
    @fuzz
    @given(data=junk)
    def run(data: bytes) -> None:
        payload = gzip.compress(data) if suffix == ".gz" else data
        for item in _read_one(tmp_path, "in" + suffix, payload):
            assert isinstance(item, Report | Rejected)
            if isinstance(item, Rejected):
                assert item.reason

    run()


PARAMS = ["actor", "country", "sector", "role", "type", "cameo", "cameo_root", "since", "until", "place", "modality",
          "q", "limit", "offset", "format", "zzz"]
values = st.one_of(st.text(max_size=30), st.integers(-10**30, 10**30).map(str),
                   st.sampled_from(["²", "99999999999999999999999", "2025-13-45", "yesterday", "RUS", "rus", "-1",
                                    "0", "%", "_", "'", "\x00", "1e309", "NaN"]))


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from eventwire.store import Store
    from eventwire.web.api import create_app

    path = tmp_path_factory.mktemp("fuzz") / "sample.db"
    with Store(path) as s:
        sample.fill(s)
    with TestClient(create_app(path), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("route", ["/events", "/export", "/dyads", "/timeline", "/map/points", "/reports", "/stories"])
def test_api_queries_get_an_answer_or_a_4xx(client, route):
    @fuzz
    @given(query=st.dictionaries(st.sampled_from(PARAMS), values, max_size=4))
    def run(query: dict) -> None:
        r = client.get(route, params=query)
        assert r.status_code < 500, (route, query, r.text[:200])

    run()
