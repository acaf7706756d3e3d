"""Story assignment: copies, two same-kind events kept apart, out-of-order arrival, the index across restarts."""

from __future__ import annotations

import json
import random

import pytest

from eventwire.model import Report
from eventwire.pipeline import ingest
from eventwire.store import Store
from eventwire.stories import StoryIndex, cluster
from eventwire.stories.fingerprint import exact_key, features, normalise, tokens


def _reports(fixtures) -> list[Report]:
    with open(fixtures / "stories" / "two_quakes.jsonl", encoding="utf-8") as f:
        return [Report(**json.loads(line)) for line in f if line.strip()]


def _groups(placements) -> set[frozenset[str]]:
    by: dict[str, set[str]] = {}
    for p in placements:
        by.setdefault(p.story_id, set()).add(p.report_id)
    return {frozenset(g) for g in by.values()}


EXPECTED = {frozenset({"a1", "a2", "a3", "a4", "a5"}), frozenset({"b1", "b2", "b3"})}


def test_normalise_is_robust_to_tokenised_text():
    a = "The minister's visit, \u201cplanned\u201d for May, was cancelled."
    b = "The minister 's visit , `` planned '' for May , was cancelled ."
    assert normalise(a) == normalise(b)
    assert exact_key(a) == exact_key(b)
    assert [w for w, _, _ in tokens(a)] == [w for w, _, _ in tokens(b)]


def test_token_offsets_index_the_text():
    text = "Rescuers reached Port Marren."
    for w, s, e in tokens(text):
        assert text[s:e].lower() == w


def test_names_are_capitalised_words_inside_sentences():
    f = features("Rescuers reached Port Marren on Monday. The quake killed 14.")
    assert {"port", "marren", "#14"} <= set(f.names)
    assert "rescuers" not in f.names and "the" not in f.names


def test_days_named_in_the_lead_are_a_soft_event_time():
    f = features("Flood hits Veldra on March 17, 2021. A second wave came on 19 March; more by Apr. 2nd.\n"
                 "Officials may 4 times revise the count.")
    assert f.dates == {3 * 32 + 17, 3 * 32 + 19, 4 * 32 + 2}  # 'may 4' is a verb and a number, not a day

    first = Report(id="f1", text="The Orlen river flooded Veldra on March 17 , and the Kessin dam held , "
                                 "mayor Ilse Baran said as boats reached stranded families .")

    def pair(text: str):
        index = StoryIndex()
        index.place(first)
        (_, pair, p), = index.consider(Report(id="f2", text=text)).candidates
        return pair, p

    other = ("Water from the Orlen river covered Veldra streets on October 2 , mayor Ilse Baran told reporters , "
             "while the Kessin dam was checked by engineers .")
    later = other.replace("October 2", "March 20")
    (p_other, s_other), (p_later, s_later) = pair(other), pair(later)
    assert p_other.other_date and not p_later.other_date  # three days on: the same event's time
    assert s_later > s_other  # another day: a stricter bar


def test_two_same_kind_events_stay_apart(fixtures):
    placements, stories = cluster(_reports(fixtures))
    assert _groups(placements) == EXPECTED
    assert len(stories) == 2


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_out_of_order_arrival_lands_in_the_same_stories(fixtures, seed):
    reports = _reports(fixtures)
    random.Random(seed).shuffle(reports)
    placements, _ = cluster(reports)
    assert _groups(placements) == EXPECTED
    origins = {p.report_id: p.origin for p in placements}
    assert origins["a3"] == "a1" and origins["b2"] == "b1"  # the agency's report, whatever arrived first


def test_copy_joins_its_original_through_minhash():
    index = StoryIndex()
    body = " ".join(f"word{i} lorem{i % 7} Name{i % 5}" for i in range(80))
    first = index.place(Report(id="x", text=body))
    copy = index.place(Report(id="y", text=body.replace("word3 ", "word3 extra ")))
    assert first.opened and not copy.opened
    assert copy.copy_of == "x" and copy.story_id == first.story_id


def test_report_far_outside_the_window_opens_a_new_story(fixtures):
    a1 = _reports(fixtures)[0]
    index = StoryIndex()
    first = index.place(a1)
    late = index.place(Report(id="later", text=a1.text.replace("Monday", "Tuesday") + " More.", published="2025-06-01"))
    assert late.story_id != first.story_id


def test_index_survives_a_restart(fixtures, db_path):
    reports = _reports(fixtures)
    with Store(db_path) as store:
        summary = ingest(reports[:3] + reports[5:6], store, code=False)
        assert summary.stories == 2
        before = {r.id: store.placement(r.id).story_id for r in reports[:3] + reports[5:6]}
    with Store(db_path) as store:  # a new process: the index comes back from the tables
        summary = ingest(reports[3:5] + reports[6:], store, code=False)
        assert summary.stories == 0
        after = {r.id: store.placement(r.id).story_id for r in reports}
        assert {k: after[k] for k in before} == before
        assert after["a4"] == after["a5"] == after["a1"]
        assert after["b2"] == after["b3"] == after["b1"] != after["a1"]
        assert store.count_stories() == 2
        story, placements = store.get_story(after["a1"])
        assert story.origin == "a1" and len(placements) == 5


def test_restored_index_finds_copies(fixtures, db_path):
    a1 = _reports(fixtures)[0]
    with Store(db_path) as store:
        ingest([a1], store, code=False)
    with Store(db_path) as store:
        rows = store.load_story_index(7)
        index = StoryIndex()
        index.restore(**rows)
        d = index.place(Report(id="copy", text=a1.text + "\nShare this article", published=a1.published))
        assert d.copy_of == "a1"


@pytest.mark.slow
def test_minilm_encoder_runs_without_torch():
    from eventwire.stories.embed import embed

    v = embed(["Protesters clashed with police", "Demonstrators fought security forces", "The central bank raised rates"])
    assert v.shape == (3, 384)
    assert float(v[0] @ v[1]) > 0.4 > float(v[0] @ v[2])


def test_batch_spanning_months_keeps_unsaved_reports(store):
    """A batch whose later reports push earlier ones out of the window still saves every placement."""
    from eventwire import pipeline
    from eventwire.model import Report

    reports = [
        Report(id=f"r{i}", text=f"Storm number {i} hit the coast of Region{i} town near Port{i} on a quiet day.",
               title=f"Storm {i}", published=f"2026-{m:02d}-10")
        for i, m in enumerate((1, 3, 5, 7, 9), 1)
    ]
    pipeline.ingest(reports, store, code=False)
    n = store.conn.execute("SELECT COUNT(*) FROM placements").fetchone()[0]
    assert n == len(reports)


def test_separately_written_reports_of_one_event_join_and_a_same_kind_event_stays_apart(fixtures):
    """Three outlets' own reports of one ferry disaster form one story; a ferry collision that week another."""
    with open(fixtures / "stories" / "independent.jsonl", encoding="utf-8") as f:
        reports = [Report(**json.loads(line)) for line in f if line.strip()]
    for seed in (0, 1, 2):
        random.Random(seed).shuffle(reports)
        placements, _ = cluster(reports)
        assert _groups(placements) == {frozenset({"f1", "f2", "f3"}), frozenset({"g1", "g2"})}
        relations = {p.report_id: p.relation for p in placements}
        assert sorted(relations[r] for r in ("f1", "f2")) == ["independent", "origin"]


def test_a_report_that_bridges_two_stories_merges_them():
    from eventwire.stories import Config
    from eventwire.stories.pairs import NAMES, Model

    weights = tuple(10.0 if n == "terms" else 0.0 for n in NAMES)
    index = StoryIndex(Config(meaning=False), pair_model=Model(weights, -3.0, 0.5, 0.6))
    x = index.place(Report(id="x", text="Alpha beta gamma delta epsilon rivers flooded."))
    y = index.place(Report(id="y", text="Zeta theta iota kappa lambda bridges collapsed."))
    assert x.opened and y.opened and x.story_id != y.story_id
    z = index.place(Report(id="z", text="Alpha beta gamma delta epsilon rivers flooded; zeta theta iota kappa "
                                        "lambda bridges collapsed."))
    assert z.merged and index.story_of("x") == index.story_of("y") == index.story_of("z")


def test_only_the_candidates_nearest_in_meaning_are_scored():
    import numpy as np

    from eventwire.stories import Config
    from eventwire.stories.pairs import NAMES, Model

    never = Model(tuple(0.0 for _ in NAMES), -10.0, 0.5, 1.01)  # no join: each report opens a story
    index = StoryIndex(Config(max_scored=2), pair_model=never)
    axes = np.eye(384, dtype=np.float32)
    for i in range(5):  # five stories sharing every word, each embedded along its own axis
        words = " ".join(f"{w}{i}" for w in ("harbour", "bridge", "market", "school", "clinic", "station"))
        index.place(Report(id=f"s{i}", text=f"Storm Quillon flooded the Varne valley: {words}."), meaning=axes[i])
    assert len(index.stories) == 5
    probe = (axes[3] + 0.5 * axes[1]) / np.linalg.norm(axes[3] + 0.5 * axes[1])
    plan = index.consider(Report(id="p", text="Storm Quillon flooded the Varne valley again."), meaning=probe)
    assert {index.stories[sid].founder for sid, _, _ in plan.candidates} == {"s3", "s1"}


def test_late_report_recalls_a_story_that_left_memory(fixtures, db_path):
    """A report dated before the index's memory horizon still finds its story, in memory and after a restart."""
    a1 = _reports(fixtures)[0]
    later = [Report(id=f"n{i}", text=f"Council vote number {i} on the harbour budget in Lindqvist town.",
                    published=f"2025-05-{10 + i:02d}") for i in range(3)]
    late = Report(id="late", text=a1.text.replace("Monday", "Monday night") + " Rescuers kept searching.",
                  published="2025-03-10T18:00", title="Port Marren quake toll rises")
    placements, _ = cluster([a1, *later, late])
    story = {p.report_id: p.story_id for p in placements}
    assert story["late"] == story["a1"]
    with Store(db_path) as store:
        ingest([a1, *later], store, code=False)
    with Store(db_path) as store:
        ingest([late], store, code=False)
        assert store.placement("late").story_id == store.placement("a1").story_id


def test_document_frequencies_stay_bounded():
    from eventwire.stories import Config

    index = StoryIndex(Config(meaning=False, max_terms=60), persist=True)
    for i in range(40):
        index.place(Report(id=f"r{i}", text=f"Word{i}a word{i}b Name{i} met Other{i} about topic{i} in Town{i}."))
    assert len(index.df) <= 60
    changes = index.drain()
    assert changes["df_removed"] and not set(changes["df_removed"]) & set(changes["df"])


@pytest.mark.slow
def test_a_report_embeds_the_same_alone_or_in_a_batch():
    """Each text runs alone through the int8 encoder: its vector does not depend on what else is embedded
    (so every runner, batch size and order gives the same stories)."""
    from eventwire.stories.embed import embed

    texts = ["Protesters clashed with police in the capital", "The central bank raised rates by half a point"]
    assert (embed(texts)[1] == embed(texts[1:])[0]).all()


@pytest.mark.slow
def test_the_story_encoder_computes_here_what_it_computed_when_trained():
    import numpy as np

    from eventwire.stories.embed import embed, model_dir

    check = json.loads(model_dir().joinpath("meta.json").read_text(encoding="utf-8"))["check"]
    assert np.abs(embed(check["texts"]) - np.array(check["values"])).max() < 0.01


@pytest.mark.slow
def test_stories_embedded_by_another_encoder_are_embedded_again(fixtures, db_path):
    """After an upgrade the stored stories' vectors come from the old encoder: the index makes them again from
    the stories' reports when it loads, and saves them, so new reports compare with vectors of their kind."""
    import numpy as np

    from eventwire import pipeline
    from eventwire.stories import embed_reports
    from eventwire.stories.embed import encoder_id

    reports = _reports(fixtures)
    with Store(db_path) as store:
        ingest(reports[:3], store, code=False)
        sid = store.placement("a1").story_id
        row = store.conn.execute("SELECT state FROM story_index WHERE story_id = ?", (sid,)).fetchone()
        state = json.loads(row[0])
        state["encoder"] = "an older encoder"
        state["meaning"] = state["meaning"][::-1]  # other numbers of the same size
        store.conn.execute("UPDATE story_index SET state = ? WHERE story_id = ?", (json.dumps(state), sid))
        store.conn.commit()
    pipeline._indexes.clear()
    with Store(db_path) as store:
        ingest(reports[3:4], store, code=False)
        index = pipeline._indexes[store]
        s = index.stories[sid]
        members = [r for r in reports[:4] if store.placement(r.id).story_id == sid]
        assert s.encoder == encoder_id()
        assert np.allclose(s.meaning, embed_reports(members).sum(axis=0), atol=1e-4)
        saved = json.loads(store.conn.execute("SELECT state FROM story_index WHERE story_id = ?", (sid,)).fetchone()[0])
        assert saved["encoder"] == encoder_id()
