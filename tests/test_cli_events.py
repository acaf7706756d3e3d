import json

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


def test_events_command_lists_and_filters(db_path):
    with Store(db_path) as s:
        s.add_reports([Report("r1", "The ministers of Mali and Niger will visit Moscow.", published="2025-04-02")])
        s.save_events([VISIT])
    runner = CliRunner()
    out = runner.invoke(main, ["events", "--db", str(db_path), "--country", "RUS"])
    assert out.exit_code == 0, out.output
    assert "CONSULT/visit" in out.output
    out = runner.invoke(main, ["events", "--db", str(db_path), "--type", "ASSAULT"])
    assert out.exit_code == 0 and out.output == ""
    out = runner.invoke(main, ["events", "--db", str(db_path), "--since", "2025-04-01", "--json"])
    assert json.loads(out.output.splitlines()[0])["location"]["geonameid"] == 524901


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
