import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.cli.events import format_event
from eventwire.model import Actor, Event, Mention, Place, Report, When
from eventwire.store import Store

VISIT = Event(
    id="abc123def4567890", type="CONSULT", mode="visit", cameo="042", goldstein=1.9, modality="planned",
    source=(Actor("Mali", "MLI", "GOV"), Actor("Niger", "NER", "GOV")), target=(Actor("Moscow", "RUS", "GOV"),),
    date=When("2025-04-03", "2025-04-04"), location=Place("Moscow", "RU", 524901, 55.75, 37.62),
    mentions=(Mention("r1", 0, 40, "The ministers of Mali and Niger will visit Moscow"),), confidence=0.8,
)


def test_format_event():
    line = format_event(VISIT)
    assert "2025-04-03/2025-04-04" in line and "CONSULT/visit (042, +1.9)" in line
    assert "MLIGOV, NERGOV → RUSGOV" in line and "[planned] @ Moscow" in line and "reports=1" in line


def _visit_db(db_path):
    with Store(db_path) as s:
        s.add_reports([Report("r1", "The ministers of Mali and Niger will visit Moscow and meet Lavrov.",
                              published="2025-04-02")])
        s.save_events([VISIT])


def test_events_command_lists_and_filters(db_path):
    _visit_db(db_path)
    runner = CliRunner()
    out = runner.invoke(main, ["events", "--db", str(db_path), "--country", "RUS"])
    assert out.exit_code == 0, out.output
    header, row = out.output.splitlines()
    assert header.split() == ["ID", "DATE", "TYPE", "CAMEO", "SOURCE", "→", "TARGET", "MODALITY", "PLACE",
                              "REPORTS", "EVIDENCE"]
    assert row.startswith("abc123def456  2025-04-03/04") and "CONSULT/visit" in row and "042" in row
    assert "MLIGOV, NERGOV → RUSGOV" in row and "planned" in row and "Moscow" in row
    assert row.endswith("The ministers of Mali and Niger will visit Moscow")  # not cut: no terminal
    out = runner.invoke(main, ["events", "--db", str(db_path), "--type", "ASSAULT"])
    assert out.exit_code == 0 and out.output.splitlines() == [header]
    out = runner.invoke(main, ["events", "--db", str(db_path), "--since", "2025-04-01", "--json"])
    assert json.loads(out.output.splitlines()[0])["location"]["geonameid"] == 524901


@pytest.mark.parametrize("option, value, found", [
    ("--place", "524901", True), ("--place", "Mosc", True), ("--place", "Gao", False),
    ("--cameo", "04", True), ("--cameo", "19", False),
    ("--actor", "Lavrov", True),  # words of a mention: the target's own text is "Moscow"
    ("--actor", "RUSGOV", True), ("--actor", "Niger", True), ("--actor", "Putin", False),
])
def test_events_filters(db_path, option, value, found):
    with Store(db_path) as s:
        s.add_reports([Report("r1", "The ministers of Mali and Niger will visit Moscow and meet Lavrov.")])
        s.save_events([replace(VISIT, mentions=(Mention("r1", 0, 65, "The ministers of Mali and Niger will visit"
                                                                      " Moscow and meet Lavrov."),))])
    out = CliRunner().invoke(main, ["events", "--db", str(db_path), option, value])
    assert out.exit_code == 0, out.output
    assert len(out.output.splitlines()) == (2 if found else 1)


def test_events_help_documents_every_option():
    out = CliRunner().invoke(main, ["events", "--help"])
    for option in ("--actor", "--type", "--country", "--cameo", "--since", "--until", "--place", "--limit"):
        line = next(x for x in out.output.splitlines() if x.strip().startswith(option))
        assert len(line.split(maxsplit=2)) == 3, line  # option, metavar, help


@pytest.mark.parametrize("columns", [80, 100, 120, 200])
def test_events_listing_fits_the_terminal(db_path, columns):
    _visit_db(db_path)
    out = CliRunner().invoke(main, ["events", "--db", str(db_path)], env={"COLUMNS": str(columns)})
    lines = out.output.splitlines()
    assert max(len(x) for x in lines) <= columns
    assert all(x in lines[0] for x in ("ID", "DATE", "TYPE", "SOURCE → TARGET"))
    assert ("EVIDENCE" in lines[0]) is (columns >= 120)


@pytest.mark.slow
def test_code_command_merges_across_reports(fixtures):
    pytest.importorskip("eventwire.events.actors")
    runner = CliRunner()
    out = runner.invoke(main, ["code", str(fixtures / "events" / "reports.jsonl")])
    assert out.exit_code == 0, out.output
    lines = [json.loads(x) for x in out.output.splitlines()]
    assert [x["id"] for x in lines] == ["w1", "w2", "w3"]
    assert lines[2]["events"] == []
    text = json.loads((fixtures / "events" / "reports.jsonl").read_text().splitlines()[0])["text"]
    visits = [e for e in lines[0]["events"] if e["type"] == "CONSULT"]
    assert len(visits) == 1
    v = visits[0]
    assert {a["country"] for a in v["source"]} == {"MLI", "BFA", "NER"}
    assert v["modality"] == "planned" and v["n_reports"] == 2
    assert text[v["evidence"]["start"]:v["evidence"]["end"]] == v["evidence"]["text"]
    assert v["id"] in {e["id"] for e in lines[1]["events"]}


def test_code_command_reports_bad_lines(tmp_path, monkeypatch):
    import eventwire.events.nlp as nlp_mod

    class Fake:
        def pipe(self, items, as_tuples=False, batch_size=64):
            return iter(())

    monkeypatch.setattr(nlp_mod, "load", lambda: Fake())
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a"}\nnot json\n')
    out = CliRunner().invoke(main, ["code", str(p)])
    assert out.exit_code == 1
