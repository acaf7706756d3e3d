from eventwire.events import lexicon
from eventwire.events import ontology as O


def test_every_plover_type_has_a_cameo_code_and_back():
    for t in O.PLOVER_TYPES:
        code = O.default_cameo(t)
        assert O.plover(code)[0] == t, (t, code)


def test_goldstein_values_are_on_the_scale():
    for code in O.CAMEO:
        g = O.goldstein(code)
        assert g is not None and -10.0 <= g <= 10.0, code
    assert O.goldstein("042") == 1.9
    assert O.goldstein("0841") == 7.0
    assert O.goldstein("1384") == O.goldstein("138")  # falls back to the parent code
    assert O.goldstein(None) is None


def test_statements_have_no_plover_type():
    assert O.plover("010") == (None, None)
    assert O.plover("016") == ("REJECT", "deny")


def test_families():
    assert O.plover("042") == ("CONSULT", "visit")
    assert O.plover("195") == ("ASSAULT", "aerial")
    assert O.plover("1823")[0] == "ASSAULT"
    assert O.plover("0874")[0] == "RETREAT"
    assert O.plover("085")[0] == "CONCEDE"
    assert O.plover("173") == ("COERCE", "arrest")
    assert O.cameo_root("0841") == "08"


def test_lexicons_agree_with_the_correspondence():
    for lemma, lines in lexicon.lexicon().items():
        for r in lines:
            assert r.cameo in O.CAMEO, (lemma, r.cameo)
            assert O.plover(r.cameo)[0] == r.type, lemma
    for noun, r in lexicon.noun_lexicon().items():
        assert r.cameo in O.CAMEO and O.plover(r.cameo)[0] == r.type, noun
    for table in (lexicon.INTENT, lexicon.THREAT, lexicon.STOPPED, lexicon.REFUSED):
        for code in table.values():
            assert code in O.CAMEO
    covered = {r.type for lines in lexicon.lexicon().values() for r in lines}
    assert covered == set(O.PLOVER_TYPES)


def test_old_plover_names():
    assert O.normalise_type("DEMAND") == "REQUEST"
    assert O.normalise_type("fight") == "ASSAULT"
    assert O.same_root_family("CONCEDE", "RETREAT")
