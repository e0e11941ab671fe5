"""The Jugendamt as the unit: the population it serves, the size class from it, and how the pages show it."""

from __future__ import annotations

import json

import pytest

from praxisatlas.checks.schemas import schema
from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain.findings import Level
from praxisatlas.domain.regions import JUGENDAMT_ARTEN, landesjugendaemter
from praxisatlas.io.load import load
from praxisatlas.relate import kommune_size_class, relate
from praxisatlas.render.handbook import HandbookData
from tests.support.kbfactory import FILES, TODAY, write_kb
from tests.support.project import FIXTURE_KB

KOMMUNE = "content/kommunen/stadt-a.yml"


def kreis(extra: str = "", einwohner: int = 300_000, stand: str = "2018-12-31") -> str:
    return (f'name: Kreis C\nart: Kreis\nbundesland: Nordrhein-Westfalen\nags: "05562"\n'
            f"einwohner:\n  anzahl: {einwohner}\n  stand: {stand}\n  quelle: Destatis\n"
            "jugendamt:\n  vorhanden: true\n  art: Kreisjugendamt\n  landesjugendamt: LWL-Landesjugendamt Westfalen\n"
            f"{extra}stand: 2026-11-01\n")


def town(slug: str, name: str, einwohner: int | None, stand: str = "2018-12-31") -> dict[str, str]:
    figure = f"einwohner:\n  anzahl: {einwohner}\n  stand: {stand}\n  quelle: IT.NRW\n" if einwohner else ""
    return {f"content/kommunen/{slug}.yml": (
        f"name: {name}\nart: Stadt\nbundesland: Nordrhein-Westfalen\nkreis: kreis-c\n{figure}"
        "jugendamt:\n  vorhanden: true\n  art: Jugendamt einer kreisangehörigen Stadt\n"
        "  landesjugendamt: LWL-Landesjugendamt Westfalen\nstand: 2026-11-01\n")}


def served(tmp_path, files: dict[str, str]):
    write_kb(tmp_path, files)
    kb, findings = load_and_validate(tmp_path, today=TODAY)
    assert [f for f in findings if f.level is Level.ERROR] == [], [f.format() for f in findings]
    rel = relate(kb)
    return kb, rel


def test_schema_lists_follow_the_domain():
    office = schema("kommune")["properties"]["jugendamt"]["properties"]
    assert office["art"]["enum"] == list(JUGENDAMT_ARTEN)
    assert office["landesjugendamt"]["enum"] == landesjugendaemter()


def test_kreisjugendamt_serves_the_kreis_minus_the_towns_with_their_own(tmp_path):
    files = {"content/kommunen/kreis-c.yml": kreis("  staedte_mit_eigenem_jugendamt: 2\n"),
             **town("stadt-d", "Stadt D", 100_000), **town("stadt-e", "Stadt E", 60_000)}
    _kb, rel = served(tmp_path, files)
    figure = rel.served["kreis-c"]
    assert figure.anzahl == 300_000 - 100_000 - 60_000 and figure.berechnet and figure.stand == "2018-12-31"
    assert figure.herleitung == "Kreis C 300.000 minus Städte mit eigenem Jugendamt (Stadt D 100.000, Stadt E 60.000)"
    assert figure.quelle == "Destatis; IT.NRW"
    assert rel.size_class["kreis-c"] == "II"  # not III as the whole Kreis (300,000) would give
    assert rel.size_class["stadt-d"] == "II" and rel.size_class["stadt-e"] == "II"  # a town's office serves the town
    assert rel.towns_with_office["kreis-c"] == ["stadt-d", "stadt-e"]


@pytest.mark.parametrize("case", ["one town unknown", "population unknown", "other Stichtag", "count not given"])
def test_kreisjugendamt_is_not_computed_from_incomplete_figures(tmp_path, case):
    files = {"content/kommunen/kreis-c.yml": kreis("  staedte_mit_eigenem_jugendamt: 2\n"),
             **town("stadt-d", "Stadt D", 100_000), **town("stadt-e", "Stadt E", 60_000)}
    if case == "one town unknown":
        files.pop("content/kommunen/stadt-e.yml")
    elif case == "population unknown":
        files.update(town("stadt-e", "Stadt E", None))
    elif case == "other Stichtag":
        files.update(town("stadt-e", "Stadt E", 60_000, stand="2019-12-31"))
    else:
        files["content/kommunen/kreis-c.yml"] = kreis()
    _kb, rel = served(tmp_path, files)
    assert rel.served["kreis-c"] is None
    assert rel.size_class["kreis-c"] is None  # unknown rather than wrong


def test_a_kreis_without_towns_with_own_office_serves_all(tmp_path):
    _kb, rel = served(tmp_path, {"content/kommunen/kreis-c.yml": kreis("  staedte_mit_eigenem_jugendamt: 0\n")})
    assert rel.served["kreis-c"].anzahl == 300_000 and rel.served["kreis-c"].berechnet
    assert rel.size_class["kreis-c"] == "III"


def test_given_figure_wins_and_no_office_means_no_class(tmp_path):
    files = {"content/kommunen/kreis-c.yml": kreis("  staedte_mit_eigenem_jugendamt: 4\n  einwohner:\n"
                                                   "    anzahl: 150000\n    ungefaehr: true\n    quelle: NZFH\n"),
             KOMMUNE: FILES[KOMMUNE].split("jugendamt:\n")[0] + "jugendamt:\n  vorhanden: false\n"}
    _kb, rel = served(tmp_path, files)
    assert (rel.served["kreis-c"].anzahl, rel.served["kreis-c"].ungefaehr, rel.served["kreis-c"].berechnet) == \
        (150_000, True, False)
    assert rel.size_class["kreis-c"] == "II"
    assert rel.served["stadt-a"] is None and rel.size_class["stadt-a"] is None


def test_kreisfreie_stadt_serves_itself_even_without_a_block(tmp_path):
    text = (FILES[KOMMUNE].split("jugendamt:\n")[0].replace("art: Stadt", "art: Kreisfreie Stadt")
            .replace('ags: "05562020"', 'ags: "05515"').replace("  anzahl: 60000", "  anzahl: 316000")
            .replace("partnerkommunen:\n  - kreis-b\n", ""))
    kb, rel = served(tmp_path, {KOMMUNE: text, "content/kommunen/kreis-b.yml":
                                FILES["content/kommunen/kreis-b.yml"].replace("partnerkommunen:\n  - stadt-a\n", "")})
    assert rel.served["stadt-a"].anzahl == 316_000 and rel.size_class["stadt-a"] == "III"
    assert kommune_size_class(kb.kommunen["stadt-a"]) == "III"  # also from the profile alone


# -- the frozen knowledge base ----------------------------------------------------------------------------


def test_fixture_kreis_lippe_is_class_two_from_its_jugendamt():
    kb, _ = load(FIXTURE_KB)
    rel = relate(kb)
    assert kb.kommunen["kreis-lippe"].get("einwohner")["anzahl"] == 348_391
    assert rel.served["kreis-lippe"].anzahl == 150_000
    assert rel.size_class["kreis-lippe"] == "II"
    assert kb.kommunen["gummersbach"].get("jugendamt")["landesjugendamt"] == "LVR-Landesjugendamt Rheinland"
    assert {s for s, k in kb.kommunen.items() if k.get("kreis") == "kreis-recklinghausen"} == {"herten", "gladbeck"}
    assert {s for s, k in kb.kommunen.items() if k.get("kreis") == "kreis-soest"} == {"soest", "warstein"}
    # a topic reached only through a practice is not the Kommune's own
    assert "netzwerkarbeit" in rel.topics_via_practice["landkreis-friesland"]
    assert "netzwerkarbeit" not in rel.own_topics["landkreis-friesland"]


def test_handbook_steckbrief_shows_the_jugendamt():
    kb, _ = load(FIXTURE_KB)
    facts = dict(HandbookData(kb, today=TODAY).kommune(kb.kommunen["kreis-lippe"])["fakten"])
    assert facts["Jugendamt"] == ("Kreisjugendamt, LWL-Landesjugendamt Westfalen; 4 Städte im Kreis mit eigenem "
                                  "Jugendamt")
    assert facts["Größenklasse"].startswith("II (50.000 bis 150.000 Einwohner), aus etwa 150.000 Einwohnern im "
                                            "Zuständigkeitsbereich des Jugendamts (Stand nicht angegeben; Quelle: ")
    assert facts["Einwohner"].startswith("348.391")
    soest = dict(HandbookData(kb, today=TODAY).kommune(kb.kommunen["kreis-soest"])["fakten"])
    assert soest["Jugendamt"].endswith("3 Städte im Kreis mit eigenem Jugendamt (im Atlas: Stadt Soest, Stadt Warstein)")
    assert soest["Größenklasse"].startswith("nicht bestimmbar")
    herten = dict(HandbookData(kb, today=TODAY).kommune(kb.kommunen["herten"])["fakten"])
    assert herten["Kreis"] == "Kreis Recklinghausen"
    practice = dict(HandbookData(kb, today=TODAY).practice(kb.praxis["kollegiale-visitation-kovis"])["fakten"])
    assert practice["Art des Eintrags"] == "Austauschformat"
    assert practice["Stand der Quelle"] == "28.08.2001 (Datum der neuesten Quelle)"
    assert practice["Redaktionell geprüft"].startswith("am 23.11.2026")


def _text(html: str) -> str:
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_kommune_page_shows_jugendamt_and_size_class(site_dir):
    text = _text((site_dir / "kommunen" / "kreis-lippe" / "index.html").read_text(encoding="utf-8"))
    assert ("Größenklasse II (50.000 bis 150.000 Einwohner; berechnet aus den etwa 150.000 Einwohnern im "
            "Zuständigkeitsbereich des Jugendamts, der ganze Kreis hat 348.391)") in text
    assert "Jugendamt Art Kreisjugendamt Landesjugendamt LWL-Landesjugendamt Westfalen" in text
    assert "Einwohner im Zuständigkeitsbereich etwa 150.000 (Stand: nicht angegeben; Quelle: Profil" in text
    assert "Städte mit eigenem Jugendamt im Kreis 4 laut Quelle" in text
    gummersbach = _text((site_dir / "kommunen" / "gummersbach" / "index.html").read_text(encoding="utf-8"))
    assert "Landesjugendamt LVR-Landesjugendamt Rheinland" in gummersbach
    herten = (site_dir / "kommunen" / "herten" / "index.html").read_text(encoding="utf-8")
    assert '<dt>Kreis</dt><dd><a href="../kreis-recklinghausen/">Kreis Recklinghausen</a></dd>' in herten
    assert "Über ein Praxisbeispiel beteiligt an:" in herten
    recklinghausen = (site_dir / "kommunen" / "kreis-recklinghausen" / "index.html").read_text(encoding="utf-8")
    assert "noch keine belegte Angabe" in recklinghausen  # no source says whether the Kreis has its own office
    assert '<a href="../gladbeck/">Stadt Gladbeck</a>, <a href="../herten/">Stadt Herten</a>' in recklinghausen
    soest = (site_dir / "kommunen" / "kreis-soest" / "index.html").read_text(encoding="utf-8")
    assert '3 laut Quelle; im Atlas: <a href="../soest/">Stadt Soest</a>, <a href="../warstein/">Stadt Warstein</a>' \
        in soest


def test_practice_page_separates_editorial_check_from_currency(site_dir):
    text = _text((site_dir / "praxis" / "kollegiale-visitation-kovis" / "index.html").read_text(encoding="utf-8"))
    assert "Art des Eintrags Austauschformat" in text
    assert "Stand der Quelle 28.08.2001 (Datum der neuesten Quelle)" in text
    assert "Redaktionell geprüft am 23.11.2026: Der Eintrag gibt seine Quellen richtig wieder" in text
    undated = _text((site_dir / "praxis" / "qualitaetsentwicklung-79a-werkstaetten" / "index.html")
                    .read_text(encoding="utf-8"))
    assert "Stand der Quelle nicht datiert (keine Quelle nennt ein Datum)" in undated
    assert "Art des Eintrags Programm/Förderangebot" in undated


def test_theme_page_separates_own_topics_from_topics_via_a_practice(site_dir):
    html = (site_dir / "themen" / "netzwerkarbeit" / "index.html").read_text(encoding="utf-8")
    text = _text(html[html.index("<article"):html.index("</article>")])  # without the table of contents
    own = text.index("Kommunen, die selbst an diesem Thema arbeiten")
    via = text.index("Kommunen, die über ein Praxisbeispiel beteiligt sind")
    assert own < text.index("Kreis Lippe", own) < via < text.index("Landkreis Friesland", via)
    assert "Landkreis Friesland" not in text[own:via]


def test_lists_and_data_carry_type_currency_and_jugendamt(site_dir):
    html = (site_dir / "praxis" / "index.html").read_text(encoding="utf-8")
    assert '<th scope="col">Stand der Quelle</th>' in html and '<td data-label="Stand der Quelle">28.08.2001</td>' in html
    assert '<td data-label="Art">Austauschformat</td>' in html
    practices = json.loads((site_dir / "daten" / "praxisbeispiele.json").read_text(encoding="utf-8"))["eintraege"]
    kovis = next(p for p in practices if p["kurzname"] == "kollegiale-visitation-kovis")
    assert kovis["berechnet"]["stand_der_quelle"] == "2001-08-28"
    kommunen = (site_dir / "kommunen" / "index.html").read_text(encoding="utf-8")
    assert '<td data-label="Jugendamt">Kreisjugendamt</td>' in kommunen
    index = json.loads((site_dir / "daten" / "kommunenindex.json").read_text(encoding="utf-8"))["kommunen"]
    assert index["kreis-lippe"]["klasse"] == "II" and index["kreis-lippe"]["jugendamt_einwohner"] == 150_000
    assert "netzwerkarbeit" not in index["landkreis-friesland"]["themen"]
    assert "netzwerkarbeit" in index["landkreis-friesland"]["themen_ueber_praxis"]
    records = json.loads((site_dir / "daten" / "praxisbeispiele.json").read_text(encoding="utf-8"))["eintraege"]
    kovis = next(r for r in records if r["kurzname"] == "kollegiale-visitation-kovis")
    assert kovis["berechnet"] == {"art": "Austauschformat", "stand_der_quelle": "2001-08-28"}
