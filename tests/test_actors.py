"""Actor mentions → country + sector; our own mentions, not the evaluation set's."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.events import actors


@pytest.mark.parametrize(
    "text, country, sector",
    [
        ("Mali", "MLI", None),
        ("the United States", "USA", None),
        ("Ivory Coast", "CIV", None),
        ("Côte d'Ivoire", "CIV", None),
        ("DRC", "COD", None),
        ("Türkiye", "TUR", None),
        ("Turkey", "TUR", None),
        ("Russia", "RUS", None),
        ("Burkina", "BFA", None),
        ("Moscow", "RUS", "GOV"),
        ("Washington", "USA", "GOV"),
        ("Kyiv", "UKR", "GOV"),
        ("Burkina Faso's ruling junta", "BFA", "GOV"),
        ("Burkina Faso’s ruling junta", "BFA", "GOV"),
        ("Malian soldiers", "MLI", "MIL"),
        ("the Nigerien army", "NER", "MIL"),
        ("Ghanaian police officers", "GHA", "COP"),
        ("a Kenyan court", "KEN", "JUD"),
        ("Peruvian lawmakers", "PER", "LEG"),
        ("Tuareg rebels in northern Mali", "MLI", "REB"),
        ("the Zimbabwean opposition", "ZWE", "OPP"),
        ("villagers", None, "CVL"),
        ("a Brazilian mining company", "BRA", "BUS"),
        ("Egyptian journalists", "EGY", "JRN"),
        ("Sudanese refugees", "SDN", "REF"),
        ("Senegal's foreign ministry", "SEN", "GOV"),
        ("the Tunisian president", "TUN", "GOV"),
        ("Lithuania's defence minister", "LTU", "GOV"),
        ("Kenya's ambassador to Ethiopia", "KEN", "GOV"),
        ("spokesman of the Malian army", "MLI", "MIL"),
        ("a group of Haitian farmers", "HTI", "AGR"),
        ("Kyiv police", "UKR", "COP"),
        ("a former Peruvian minister", "PER", "ELI"),
        ("Catholic leaders in Nigeria", "NGA", "REL"),
        ("a Mali-based armed group", "MLI", "REB"),
        ("up to 400 Chadian soldiers", "TCD", "MIL"),  # a count's "to" is not "ambassador to"
        ("Up to 2,000 ethnic Uzbeks", "UZB", None),
        ("at least 40 Afghan police officers", "AFG", "COP"),
        ("Iraqi Vice-President Tariq al-Hashemi", "IRQ", "GOV"),
        ("Nigerian inmates", "NGA", "CVL"),
        ("Somali clan elders", "SOM", "CVL"),
        ("Gazprom officials", "RUS", "BUS"),
        ("Kenyan-led forces", "KEN", "MIL"),  # "-led" as "-based": the leader's country
        ("al-Shabaab fighters", "SOM", "REB"),  # a name written with its article
        ("Human Rights Watch researchers", None, "NGO"),  # the organisation's people, not EDU
    ],
)
def test_countries_roles_and_combinations(text, country, sector):
    a = actors.resolve(text)
    assert a is not None
    assert (a.country, a.sector) == (country, sector)


def test_a_name_kept_out_of_the_patterns_still_names_its_body_inside_a_phrase():
    a = actors.resolve("Red Cross officials")
    assert a is not None and (a.name, a.sector) == ("International Committee of the Red Cross", "NGO")  # not a GOV group
    b = actors.resolve("the Red Cross team working in Sudan")
    assert b is not None and (b.name, b.country) == ("International Committee of the Red Cross", None)  # not Sudan's
    c = actors.resolve("the Total Independence of Angola")
    assert c is None or c.name != "TotalEnergies"  # part of a longer name: not looked up


def test_a_persons_named_organisation_is_the_organisation_not_the_person():
    a = actors.resolve("Ayman al-Zawahiri's al-Qaeda network", "2015-01-01")
    assert a is not None and (a.country, a.sector, a.kind) == (None, "REB", "organisation")  # not Egypt
    b = actors.resolve("Ismail Haniyeh of Hamas")
    assert b is not None and b.name == "Ismail Haniyeh"  # a member of it: the person


def test_an_organisation_of_no_country_takes_none_from_context():
    a = actors.resolve("senior al-Qaeda commanders", context="United States")
    assert a is not None and (a.country, a.sector) == (None, "REB")  # not American because the report is


def test_bare_role_takes_country_from_context():
    assert actors.resolve("the interior minister", context="Senegalese").country == "SEN"
    assert actors.resolve("the interior minister", "Senegalese").country == "SEN"  # a non-date "date"
    assert actors.resolve("the interior minister").country is None


def test_igos_have_members_and_region():
    aes = actors.resolve("the Confederation of Sahel States")
    assert aes.kind == "igo" and aes.members == ("MLI", "BFA", "NER")
    assert actors.resolve("AES").name == "Confederation of Sahel States"
    ecowas = actors.resolve("Ecowas")
    assert ecowas.kind == "igo" and "NGA" in ecowas.members and ecowas.country == "WAF"
    assert actors.resolve("NATO").kind == "igo"
    assert actors.resolve("the U.N.").country == "UNO"
    eu = actors.resolve("EU lawmakers")
    assert (eu.country, eu.sector, eu.kind) == ("EUR", "LEG", "igo")


def test_office_holders_by_date():
    lavrov = actors.resolve("Sergei Lavrov", "2025-04-02")
    assert (lavrov.country, lavrov.sector, lavrov.kind, lavrov.name) == ("RUS", "GOV", "person", "Sergei Lavrov")
    assert actors.resolve("Russian foreign minister Sergei Lavrov").code == "RUSGOV"
    assert actors.resolve("Angela Merkel", "2015-06-01").sector == "GOV"
    assert actors.resolve("Angela Merkel", "2023-06-01").sector == "ELI"
    assert actors.resolve("Merkel").sector == "ELI"  # no date: out of office now
    assert actors.resolve("Taliban", "2010-01-01").sector == "REB"
    assert actors.resolve("Taliban", "2023-01-01").sector == "GOV"


def test_named_organisations():
    assert actors.resolve("the Kremlin").code == "RUSGOV"
    assert actors.resolve("Boko Haram fighters").code == "NGAREB"
    assert actors.resolve("the Pentagon").code == "USAMIL"


def test_news_agencies_are_told_apart():
    for name in ("Reuters", "AFP", "AP", "the Associated Press", "Xinhua"):
        assert actors.is_news_agency(name)
    assert not actors.is_news_agency("Malian army")
    assert actors.resolve("Reuters").kind == "media"


def test_nothing_known_gives_none():
    assert actors.resolve("") is None
    assert actors.resolve("the weather") is None
    assert actors.resolve("he").sector == "UNK"


def test_resolve_many_splits_coordinations():
    codes = [a.code for a in actors.resolve_many("The foreign ministers of Mali, Burkina Faso and Niger")]
    assert codes == ["MLIGOV", "BFAGOV", "NERGOV"]
    assert [a.code for a in actors.resolve_many("Russian and Chinese troops")] == ["RUSMIL", "CHNMIL"]
    assert [a.code for a in actors.resolve_many("Ghana and Togo")] == ["GHA", "TGO"]
    assert [a.country for a in actors.resolve_many("Bosnia and Herzegovina")] == ["BIH"]
    assert actors.resolve_many("Senegalese police") == (actors.resolve("Senegalese police"),)


def test_entity_patterns_cover_multiword_countries_and_office_holders():
    pats = actors.entity_patterns()
    by = {(p["label"], p["pattern"] if isinstance(p["pattern"], str) else p["pattern"][0]["ORTH"]) for p in pats}
    for item in [("GPE", "Burkina Faso"), ("GPE", "Niger"), ("GPE", "Ivory Coast"), ("GPE", "South Sudan"),
                 ("NORP", "Malian"), ("ORG", "Confederation of Sahel States"), ("ORG", "ECOWAS"),
                 ("PERSON", "Sergei Lavrov")]:
        assert item in by
    assert ("ORG", "Congress") not in by  # ordinary words stay out


@pytest.mark.slow
def test_entity_patterns_load_into_a_ruler():
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(actors.entity_patterns())
    doc = nlp("The foreign ministers of Mali, Burkina Faso and Niger met Sergei Lavrov, who spoke to the WHO.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Mali", "GPE"), ("Burkina Faso", "GPE"), ("Niger", "GPE"), ("Sergei Lavrov", "PERSON"), ("WHO", "ORG")]


def test_cli_actors_keeps_line_alignment():
    lines = "\n".join([
        json.dumps({"text": "Nigerien soldiers"}),
        "{broken",
        json.dumps({"text": "AES"}),
        json.dumps({"text": "Sergei Lavrov", "date": "2025-04-02"}),
    ]) + "\n"
    result = CliRunner().invoke(main, ["actors", "-"], input=lines)
    assert result.exit_code == 0
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(out) == 4
    assert (out[0]["country"], out[0]["sector"]) == ("NER", "MIL")
    assert "error" in out[1]
    assert out[2]["members"] == ["MLI", "BFA", "NER"]
    assert out[3]["name"] == "Sergei Lavrov"
    assert "line 2" in result.stderr


def test_a_persons_people_are_not_the_person():
    a = actors.resolve("the Macron government")
    assert (a.country, a.sector, a.kind, a.name) == ("FRA", "GOV", "state", None)
    assert actors.resolve("Kremlin spokesman Dmitry Peskov").name == "Dmitry Peskov"


def test_acronyms_keep_their_case():
    assert actors.resolve("the WHO").name == "World Health Organization"
    assert actors.resolve("who").kind == "unknown"
    assert actors.resolve("us") is None


def test_an_institution_every_country_has_is_the_context_countrys():
    from eventwire.events import actors

    assert actors.resolve("Congress", None, "Argentina").country == "ARG"
    assert actors.resolve("the Senate", None, "Argentina").sector == "LEG"
    assert actors.resolve("Congress").country == "USA"  # no context: the gazetteer's
    assert actors.resolve("the US Congress", None, "Argentina").country == "USA"
