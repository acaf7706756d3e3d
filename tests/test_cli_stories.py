"""`eventwire cluster`, `eventwire stories` and the provenance tree of `show`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eventwire.cli import main
from eventwire.cli.stories import format_story
from eventwire.model import Report
from eventwire.pipeline import ingest
from eventwire.store import Store


def test_cluster_writes_one_line_per_report(fixtures):
    path = fixtures / "stories" / "two_quakes.jsonl"
    result = CliRunner().invoke(main, ["cluster", str(path)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.output.splitlines()]
    assert [x["id"] for x in lines] == ["a1", "a2", "a3", "a4", "a5", "b1", "b2", "b3"]
    for x in lines:
        assert set(x) >= {"id", "story", "relation", "origin", "reused"}
    by = {x["id"]: x for x in lines}
    assert by["a3"]["relation"] == "rewrite" and by["a3"]["reused"][0]["from"] == "a1"
    start, end, fs, fe = by["a3"]["reused"][0]["spans"][0]
    assert end > start and fe > fs


def test_cluster_reads_stdin_and_skips_bad_lines():
    data = '{"id": "r1", "text": "Flood waters rose in Wellby."}\nnot json\n{"text": "no id"}\n'
    result = CliRunner().invoke(main, ["cluster", "-"], input=data)
    assert result.exit_code == 0
    out = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    assert [x["id"] for x in out] == ["r1"] and out[0]["relation"] == "origin"


def test_stories_lists_and_show_tree(fixtures, db_path):
    with open(fixtures / "stories" / "two_quakes.jsonl", encoding="utf-8") as f:
        reports = [Report(**json.loads(x)) for x in f if x.strip()]
    with Store(db_path) as store:
        ingest(reports, store, code=False)
        sid = store.placement("a1").story_id
        tree = format_story(store, sid)
    assert tree.splitlines()[0].startswith(f"story {sid}")
    assert "origin  a1" in tree and "republication" in tree and "rewrite" in tree and "reused" in tree
    result = CliRunner().invoke(main, ["stories", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 2 and sid in result.output
