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
    spans = by["a3"]["reused"][0]["spans"]
    assert all(set(x) == {"start", "end", "from_start", "from_end", "kind"} for x in spans)
    span = next(x for x in spans if x["kind"] == "verbatim")
    assert span["end"] > span["start"] and span["from_end"] > span["from_start"]
    texts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                texts[record["id"]] = record["text"]
    a3, a1 = texts["a3"][span["start"]:span["end"]], texts["a1"][span["from_start"]:span["from_end"]]
    assert a3.split() == a1.split()  # the same passage in both
    assert 0 < by["a3"]["share"] <= 1 and 0 < by["a3"]["reused"][0]["share"] <= 1


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
    header, *rows = result.output.splitlines()
    assert header.split() == ["ID", "REPORTS", "FIRST", "LAST", "ORIGIN", "OUTLETS", "TITLE"]
    assert len(rows) == 2 and sid in result.output
    assert any(r.startswith(sid) and r.split()[1] == "5" for r in rows)


def test_stories_listing_fits_the_terminal(fixtures, db_path):
    with open(fixtures / "stories" / "two_quakes.jsonl", encoding="utf-8") as f:
        reports = [Report(**json.loads(x)) for x in f if x.strip()]
    with Store(db_path) as store:
        ingest(reports, store, code=False)
    for columns in (70, 80, 100, 160):
        result = CliRunner().invoke(main, ["stories", "--db", str(db_path)], env={"COLUMNS": str(columns)})
        lines = result.output.splitlines()
        assert max(len(x) for x in lines) <= columns and lines[0].startswith("ID") and "TITLE" in lines[0]
        assert ("ORIGIN" in lines[0]) is (columns >= 160)


def test_a_story_tree_counts_the_passages_restated_in_other_words(tmp_path):
    from eventwire.cli.stories import format_story
    from eventwire.model import Passage, Placement, Report, Reuse, Story
    from eventwire.store import Store

    with Store(tmp_path / "s.db") as store:
        store.add_reports([Report(id="w1", text="The wire's words."), Report(id="r1", text="Its own words.")])
        reuse = Reuse("w1", (Passage(0, 3, 0, 3), Passage(4, 14, 4, 17, "paraphrase")), 1.0)
        store.save_stories([Story("s1", "w1", ("w1", "r1"))],
                           [Placement("w1", "s1", "origin", "w1"), Placement("r1", "s1", "rewrite", "w1", (reuse,), 1.0)])
        tree = format_story(store, "s1")
    assert "(2 passages, 1 restated in other words)" in tree
