"""Searches that reach every report and mention (issue 11): `/stories?q=`, the actor filter, and `/export`
in the GDELT mentions format."""

from __future__ import annotations

from fastapi.testclient import TestClient

from eventwire.store import Store
from eventwire.store.events import EventFilter
from eventwire.web.api import create_app


def test_story_search_reads_every_report(sample_db):
    with Store(sample_db, readonly=True) as s:
        # only the copy's text says it, not the story's title nor its origin
        assert [x.id for x in s.story_page(q="closing line").items] == ["s-moscow"]
        assert [x.id for x in s.story_page(q="Ministers to visit").items] == ["s-moscow"]
        assert s.story_page(q="no such words anywhere").total == 0


def test_actor_words_search_every_mention_but_codes_and_roles_stay_actors(sample_db):
    with Store(sample_db, readonly=True) as s:
        # the target's text is "Russia"; "Moscow" is only in the mentions' text
        assert [e.id for e in s.list_events(EventFilter(actor="Moscow"))] == ["ev-visit"]
        assert s.count_events(EventFilter(actor="Moscow", role="target")) == 0
        assert [e.id for e in s.list_events(EventFilter(actor="RUS"))] == ["ev-attack", "ev-visit"]
        assert [e.id for e in s.list_events(EventFilter(actor="Niger"))] == ["ev-visit"]


def test_api_stories_q_and_gdelt_mentions_export(sample_db, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)
    with TestClient(create_app(sample_db)) as client:
        r = client.get("/stories", params={"q": "closing line"})
        assert r.status_code == 200 and [x["id"] for x in r.json()["items"]] == ["s-moscow"]
        r = client.get("/export", params={"format": "gdelt-mentions"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/tab-separated-values")
        assert 'filename="events.mentions.tsv"' in r.headers["content-disposition"]
        assert [len(x.split("\t")) for x in r.text.splitlines()] == [16] * 4
        r = client.get("/export", params={"format": "csv", "per": "event"})
        assert r.status_code == 200 and len(r.text.splitlines()) == 4
