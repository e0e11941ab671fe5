"""Each validator rule, on a small broken copy of a valid knowledge base: message, file and line."""

from __future__ import annotations

import pytest

from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain.findings import Level
from tests.support.kbfactory import FILES, TODAY, replace_in, write_kb

KOMMUNE = "content/kommunen/stadt-a.yml"
KREIS = "content/kommunen/kreis-b.yml"
PRAXIS = "practices/besuche.md"
NETZ = "content/netzwerke/team-eins.yml"
THEMA = "content/themen/kinderschutz.yml"


def run(tmp_path, overrides=None):
    write_kb(tmp_path, overrides)
    _kb, findings = load_and_validate(tmp_path, today=TODAY)
    return findings


def only_error(findings):
    errors = [f for f in findings if f.level is Level.ERROR]
    assert len(errors) == 1, "\n".join(f.format() for f in findings)
    return errors[0]


def test_minimal_knowledge_base_is_valid(tmp_path):
    assert run(tmp_path) == []


def test_each_minimal_file_is_loaded(tmp_path):
    write_kb(tmp_path)
    kb, _ = load_and_validate(tmp_path, today=TODAY)
    assert set(kb.kommunen) == {"stadt-a", "kreis-b"}
    assert set(kb.praxis) == {"besuche"}
    assert kb.praxis["besuche"].position(("kommunen", 1)) == (8, 5)


@pytest.mark.parametrize(
    ("path", "old", "new", "line", "expected"),
    [
        # unknown key, with a suggestion
        (KOMMUNE, "website:", "webseite:", 17, "Unbekanntes Feld „webseite“ – meinten Sie „website“?"),
        # required field missing: points at the start of the data
        (PRAXIS, "pruefstatus: geprüft\n", "", 2, "Pflichtfeld „pruefstatus“ fehlt."),
        # required field inside a group
        (PRAXIS, "  stelle: Jugendamt der Stadt A\n", "  organisation: Jugendamt\n", 22,
         "Pflichtfeld „stelle“ fehlt in „kontakt“."),
        # allowed values, with a suggestion
        (PRAXIS, "status: laufend", "status: laufen", 11, "„status“: der Text „laufen“ ist nicht erlaubt – meinten Sie „laufend“?"),
        # types
        (KOMMUNE, "  anzahl: 60000", "  anzahl: sechzigtausend", 6, "„einwohner.anzahl“ muss eine ganze Zahl sein"),
        (PRAXIS, "themen:\n  - kinderschutz\n", "themen: kinderschutz\n", 4, "„themen“ muss eine Liste"),
        # AGS: a number instead of text, wrong length, wrong Land
        (KREIS, 'ags: "03455"', "ags: 3455", 4, "„ags“: Amtlicher Gemeindeschlüssel als Text in Anführungszeichen"),
        (KREIS, 'ags: "03455"', 'ags: "03455000"', 4, "Für die Art „Kreis“ hat der Gemeindeschlüssel 5 Ziffern, nicht 8."),
        (KREIS, 'ags: "03455"', 'ags: "05455"', 4, "„ags“ beginnt mit 05 (Nordrhein-Westfalen), aber „bundesland“ ist Niedersachsen."),
        # numbers are bounded (a 400-digit number would crash the pages)
        (KOMMUNE, "  anzahl: 60000", "  anzahl: " + "9" * 400, 6, "„einwohner.anzahl“ ist zu groß (99999999999999999999…); höchstens 100.000.000"),
        # setext headings and invisible characters count like the plain heading
        (PRAXIS, "## Ressourcen\n", "## Ressourcen\n\nRessourcen\n----------\n\nEinschätzung der Redaktion: gering.\n", 57, "Der Abschnitt „## Ressourcen“ steht doppelt."),
        (PRAXIS, "## Ressourcen\n", "## Ressourcen\n\n## Ressour\u200bcen\n", 57, "Der Abschnitt „## Ressourcen“ steht doppelt."),
        # dates: invalid, in the future, wrong form
        (NETZ, "datum: 2001-08-28", "datum: 2001-02-30", 12, "„quellen[1].datum“: 2001-02-30 ist kein gültiges Datum."),
        (KOMMUNE, "stand: 2026-11-01", "stand: 2027-01-01", 18, "„stand“: 2027-01-01 liegt in der Zukunft."),
        (PRAXIS, "stand: 2026-11-01", "stand: 1.11.2026", 24, "„stand“: Datum in der Form JJJJ-MM-TT erwartet"),
        (PRAXIS, "  beginn: 1998", "  beginn: 1998\n  ende: 1997", 14, "„zeitraum.ende“ liegt vor „zeitraum.beginn“."),
        # URLs must be https
        (KOMMUNE, "website: https://", "website: http://", 17, "„website“: Eine vollständige Internetadresse, die mit „https://“"),
        # references, with a suggestion
        (PRAXIS, "  - kreis-b\n", "  - kreis-c\n", 8, "Kommune „kreis-c“ gibt es nicht (keine Datei content/kommunen/kreis-c.yml) – meinten Sie „kreis-b“?"),
        (KOMMUNE, "lerninteressen:\n  - kinderschutz", "lerninteressen:\n  - kinderschuz", 16, "Thema „kinderschuz“ gibt es nicht"),
        # the size class is computed, never typed
        (KOMMUNE, "stand: 2026-11-01", "stand: 2026-11-01\ngroessenklasse: II", 19, "Die Größenklasse wird aus „einwohner“ berechnet"),
        # contacts are offices, not persons
        (PRAXIS, "stelle: Jugendamt der Stadt A", "stelle: Frau Müller", 23, "Kontakt nennt eine Person."),
        # attachments must exist
        (PRAXIS, "datei: vereinbarung.txt", "datei: vereinbarung.txt\n  - titel: Fehlt\n    datei: fehlt.pdf", 30, "Der Anhang „fehlt.pdf“ liegt nicht im Ordner content/dokumente/."),
        (PRAXIS, "datei: vereinbarung.txt", "datei: vereinbarung.txt\n  - titel: Seite\n    datei: seite.html", 30, "Endung (pdf, txt, odt, docx, png, jpg, jpeg) erwartet"),
        # contributed Markdown cannot inject script
        (PRAXIS, "Gegenseitige Besuche.", "Gegenseitige <script>alert(1)</script> Besuche.", 41, "HTML-Element „<script>“ ist nicht erlaubt."),
        (PRAXIS, "Gut übertragbar.", '<img src="x" onerror="alert(1)">', 49, "HTML-Attribut „onerror“ (Skript) ist nicht erlaubt."),
        (PRAXIS, "Neue Ideen für beide.", "[Klick](javascript:alert(1))", 45, "Links mit „javascript:“ sind nicht erlaubt"),
        (THEMA, "beschreibung: Schutz", "beschreibung: <iframe src=x></iframe> Schutz", 2, "HTML-Element „<iframe>“ ist nicht erlaubt."),
        # template headings
        (PRAXIS, "## Ziele\n", "## Zeile\n", 35, "Unbekannter Abschnitt „## Zeile“ – meinten Sie „Ziele“?"),
        (PRAXIS, "## Ressourcen\n", "## Ressourcen\n\n## Ressourcen\n", 57, "Der Abschnitt „## Ressourcen“ steht doppelt."),
        (PRAXIS, "## Ausgangslage\n", "# Ausgangslage\n", 31, "Überschriften der ersten Ebene („# “) sind nicht vorgesehen"),
    ],
)
def test_rule(tmp_path, path, old, new, line, expected):
    error = only_error(run(tmp_path, replace_in(path, old, new)))
    assert error.path == path
    assert expected in error.message, error.format()
    assert error.line == line, error.format()


def test_missing_template_section_is_reported(tmp_path):
    findings = run(tmp_path, replace_in(PRAXIS, "## Vorgehen\n\nGegenseitige Besuche.[^pm]\n", ""))
    assert [f.message for f in findings] == ["Der Pflichtabschnitt „## Vorgehen“ fehlt im Text."]


def test_template_order_is_checked(tmp_path):
    text = FILES[PRAXIS].replace("## Ziele\n\nArbeitsabläufe vergleichen.[^pm]\n", "")
    text = text.replace("## Ressourcen\n", "## Ressourcen\n\n## Ziele\n\nArbeitsabläufe vergleichen.[^pm]\n")
    error = only_error(run(tmp_path, {PRAXIS: text}))
    assert "nicht in der vorgesehenen Reihenfolge" in error.message


def test_partnership_must_be_entered_on_both_sides(tmp_path):
    error = only_error(run(tmp_path, replace_in(KREIS, "partnerkommunen:\n  - stadt-a\n", "")))
    assert error.path == KOMMUNE and error.line == 10
    assert "In content/kommunen/kreis-b.yml fehlt „stadt-a“ unter „partnerkommunen“" in error.message


def test_network_membership_must_be_entered_on_both_sides(tmp_path):
    error = only_error(run(tmp_path, replace_in(KREIS, "netzwerke:\n  - team-eins\n", "")))
    assert error.path == NETZ and error.line == 7
    assert "In content/kommunen/kreis-b.yml fehlt „team-eins“ unter „netzwerke“" in error.message


def test_file_name_must_be_a_slug(tmp_path):
    write_kb(tmp_path, {"content/themen/Jugendhilfe_Planung.yml": "titel: Planung\nbeschreibung: Text.\n"})
    _kb, findings = load_and_validate(tmp_path, today=TODAY)
    error = only_error(findings)
    assert error.path == "content/themen/Jugendhilfe_Planung.yml"
    assert "kein gültiger Kurzname" in error.message


def test_titles_must_be_unique(tmp_path):
    findings = run(tmp_path, {"content/themen/schutz.yml": FILES[THEMA]})
    error = only_error(findings)
    assert error.path == "content/themen/schutz.yml" and error.line == 1
    assert "Der Titel „Kinderschutz“ gibt es schon in content/themen/kinderschutz.yml" in error.message


def test_wrong_file_type_in_a_content_folder_is_not_dropped_silently(tmp_path):
    error = only_error(run(tmp_path, {"content/kommunen/stadt-c.yaml": "name: Stadt C\n"}))
    assert error.path == "content/kommunen/stadt-c.yaml"
    assert "„*.yml“" in error.message


def test_stale_entry_is_a_warning_not_an_error(tmp_path):
    findings = run(tmp_path, replace_in(KOMMUNE, "stand: 2026-11-01", "stand: 2020-01-01"))
    assert [(f.level, f.line) for f in findings] == [(Level.WARNING, 18)]
    assert "nicht mehr geprüft" in findings[0].message


def test_all_errors_of_a_run_are_reported_at_once(tmp_path):
    overrides = {
        **replace_in(KOMMUNE, "website:", "webseite:"),
        **replace_in(PRAXIS, "status: laufend", "status: fertig"),
        **replace_in(THEMA, "titel: Kinderschutz", "titel:"),
    }
    findings = run(tmp_path, overrides)
    assert {f.path for f in findings} == {KOMMUNE, PRAXIS, THEMA}
    assert all(f.level is Level.ERROR for f in findings)


def test_unknown_begin_is_stated_explicitly(tmp_path):
    assert run(tmp_path, replace_in(PRAXIS, "  beginn: 1998", "  beginn: unbekannt\n  ende: 2017")) == []
    error = only_error(run(tmp_path, replace_in(PRAXIS, "  beginn: 1998", "  beginn: irgendwann")))
    assert error.line == 13 and "oder „unbekannt“, wenn keine Quelle ihn nennt" in error.message


def test_size_class_boundaries():
    from praxisatlas.relate import size_class

    assert [size_class(n) for n in (None, 0, 49_999, 50_000, 150_000, 150_001)] == [None, "I", "I", "II", "II", "III"]


def test_placeholders_of_the_skeleton_are_warnings(tmp_path):
    findings = run(tmp_path, replace_in(PRAXIS, "stelle: Jugendamt der Stadt A", "stelle: Bitte ersetzen"))
    assert [(f.level, f.line) for f in findings] == [(Level.WARNING, 23)]


@pytest.mark.parametrize("link", [
    '<a href="java&#115;cript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    "<a href='  JAVASCRIPT:alert(1)'>x</a>",
    "[x](data:text/plain;base64,SGk=)",
    '<img src="vbscript&#x3a;msgbox">',
])
def test_disguised_script_links_are_rejected(tmp_path, link):
    error = only_error(run(tmp_path, replace_in(PRAXIS, "Neue Ideen für beide.", link)))
    assert error.line == 45 and "sind nicht erlaubt" in error.message


def test_ordinary_links_stay_allowed(tmp_path):
    text = "[Bericht](https://www.example.org/a?b=c:d) <a href=\"mailto:jugendamt@example.org\">Mail</a> [Teil](#ziele)"
    assert run(tmp_path, replace_in(PRAXIS, "Neue Ideen für beide.", text)) == []


# -- the Jugendamt block, the Kreis link, currency ------------------------------------------------------------

KREIS_C = "content/kommunen/kreis-c.yml"


def kreis_c(ags: str = "05562", extra: str = "") -> str:
    """A Kreis in Nordrhein-Westfalen (AGS 05562 contains stadt-a's 05562020) with a Kreisjugendamt."""
    return (f'name: Kreis C\nart: Kreis\nbundesland: Nordrhein-Westfalen\nags: "{ags}"\n'
            "einwohner:\n  anzahl: 300000\n  stand: 2018-12-31\n  quelle: Beispielquelle\n"
            "jugendamt:\n  vorhanden: true\n  art: Kreisjugendamt\n"
            f"  landesjugendamt: LWL-Landesjugendamt Westfalen\n{extra}stand: 2026-11-01\n")


def with_kreis(kreis_text: str, stadt_old: str = "bundesland: Nordrhein-Westfalen\n",
               stadt_new: str = "bundesland: Nordrhein-Westfalen\nkreis: kreis-c\n") -> dict[str, str]:
    return {KREIS_C: kreis_text, **replace_in(KOMMUNE, stadt_old, stadt_new)}


@pytest.mark.parametrize(
    ("path", "old", "new", "line", "col", "expected"),
    [
        # the Landesjugendamt must fit the AGS: stadt-a (05562…, Regierungsbezirk Münster) is Westfalen
        (KOMMUNE, "landesjugendamt: LWL-Landesjugendamt Westfalen", "landesjugendamt: LVR-Landesjugendamt Rheinland",
         22, 3, "„jugendamt.landesjugendamt“: Für den Gemeindeschlüssel 05562020 ist das LWL-Landesjugendamt "
                "Westfalen zuständig, nicht „LVR-Landesjugendamt Rheinland“."),
        # … and Gummersbach (Oberbergischer Kreis, 05374…, Regierungsbezirk Köln) is Rheinland, not Westfalen
        (KOMMUNE, 'ags: "05562020"', 'ags: "05374012"', 22, 3,
         "Für den Gemeindeschlüssel 05374012 ist das LVR-Landesjugendamt Rheinland zuständig, nicht "
         "„LWL-Landesjugendamt Westfalen“."),
        # outside Nordrhein-Westfalen one Landesjugendamt per Land
        (KREIS, "landesjugendamt: Landesjugendamt Niedersachsen", "landesjugendamt: Landesjugendamt Hessen", 13, 3,
         "Für den Gemeindeschlüssel 03455 ist das Landesjugendamt Niedersachsen zuständig"),
        # required and allowed values in the block
        (KOMMUNE, "  art: Jugendamt einer kreisangehörigen Stadt\n", "", 19, 1,
         "Pflichtfeld „art“ fehlt in „jugendamt“."),
        (KOMMUNE, "  vorhanden: true\n", "", 19, 1, "Pflichtfeld „vorhanden“ fehlt in „jugendamt“."),
        (KOMMUNE, "art: Jugendamt einer kreisangehörigen Stadt", "art: Stadtjugendamt", 21, 3,
         "„jugendamt.art“: der Text „Stadtjugendamt“ ist nicht erlaubt"),
        (KOMMUNE, "landesjugendamt: LWL-Landesjugendamt Westfalen", "landesjugendamt: LWL", 22, 3,
         "„jugendamt.landesjugendamt“: der Text „LWL“ ist nicht erlaubt"),
        (KOMMUNE, "  vorhanden: true", "  vorhanden: ja", 20, 3, "„jugendamt.vorhanden“ muss true oder false sein"),
        # the kind of Jugendamt must fit the kind of Kommune
        (KOMMUNE, "art: Jugendamt einer kreisangehörigen Stadt", "art: Kreisjugendamt", 21, 3,
         "„jugendamt.art“: Ein Kreisjugendamt passt nicht zur Art „Stadt“ dieser Kommune (erwartet: Kreis oder "
         "Landkreis oder Region)."),
        # a number of towns belongs to a Kreisjugendamt only
        (KOMMUNE, "  landesjugendamt: LWL-Landesjugendamt Westfalen\n",
         "  landesjugendamt: LWL-Landesjugendamt Westfalen\n  staedte_mit_eigenem_jugendamt: 2\n", 23, 3,
         "„jugendamt.staedte_mit_eigenem_jugendamt“ gibt es nur bei einem Kreisjugendamt."),
        # "kreis" only for kreisangehörige Städte und Gemeinden
        (KREIS, 'ags: "03455"\n', 'ags: "03455"\nkreis: stadt-a\n', 5, 1,
         "„kreis“ gibt es nur bei kreisangehörigen Städten und Gemeinden (Art „Stadt“ oder „Gemeinde“), nicht bei "
         "der Art „Kreis“."),
        # "kreis" must name an existing Kreis of the same Land
        (KOMMUNE, 'ags: "05562020"\n', 'ags: "05562020"\nkreis: kreis-x\n', 5, 1,
         "Kommune „kreis-x“ gibt es nicht (keine Datei content/kommunen/kreis-x.yml)"),
        (KOMMUNE, 'ags: "05562020"\n', 'ags: "05562020"\nkreis: stadt-a\n', 5, 1,
         "„kreis“: Stadt A ist kein Kreis (Art „Stadt“)"),
        (KOMMUNE, 'ags: "05562020"\n', 'ags: "05562020"\nkreis: kreis-b\n', 5, 1,
         "„kreis“: Kreis B liegt in Niedersachsen, diese Kommune in Nordrhein-Westfalen."),
        # the old field has moved into the block
        (KREIS, "stand: 2026-11-01\n", "stand: 2026-11-01\neinwohner_jugendamt:\n  anzahl: 1\n  quelle: Q\n", 10, 1,
         "„einwohner_jugendamt“ heißt jetzt „jugendamt.einwohner“"),
    ],
)
def test_jugendamt_rule(tmp_path, path, old, new, line, col, expected):
    error = only_error(run(tmp_path, replace_in(path, old, new)))
    assert error.path == path
    assert expected in error.message, error.format()
    assert (error.line, error.col) == (line, col), error.format()
    assert error.format().startswith(f"{path}:{line}:{col}: Fehler: ")


def test_kreis_ags_must_contain_the_towns_ags(tmp_path):
    error = only_error(run(tmp_path, with_kreis(kreis_c("05766"))))
    assert (error.path, error.line) == (KOMMUNE, 4)
    assert "„kreis“: Der Gemeindeschlüssel 05562020 gehört nicht zu Kreis C (05766)." in error.message


def test_landesjugendamt_of_a_town_without_ags_comes_from_its_kreis(tmp_path):
    """Gummersbach has no AGS of its own in the atlas: its Kreis (Oberbergischer Kreis, 05374) decides – LVR."""
    overrides = with_kreis(kreis_c("05374").replace("LWL-Landesjugendamt Westfalen", "LVR-Landesjugendamt Rheinland"),
                           'ags: "05562020"\n', "kreis: kreis-c\n")
    error = only_error(run(tmp_path, overrides))
    assert (error.path, error.line, error.col) == (KOMMUNE, 22, 3)
    assert ("Für den Gemeindeschlüssel 05374 (Kreis C) ist das LVR-Landesjugendamt Rheinland zuständig, nicht "
            "„LWL-Landesjugendamt Westfalen“.") in error.message


def test_kreis_counts_its_towns_with_own_jugendamt(tmp_path):
    assert run(tmp_path, with_kreis(kreis_c(extra="  staedte_mit_eigenem_jugendamt: 1\n"))) == []
    error = only_error(run(tmp_path, with_kreis(kreis_c(extra="  staedte_mit_eigenem_jugendamt: 0\n"))))
    assert (error.path, error.line, error.col) == (KREIS_C, 13, 3)
    assert ("„jugendamt.staedte_mit_eigenem_jugendamt“ ist 0, aber 1 Profile nennen diesen Kreis unter „kreis“ und "
            "haben ein eigenes Jugendamt: Stadt A.") in error.message


def test_served_population_without_stichtag_is_a_warning(tmp_path):
    findings = run(tmp_path, replace_in(KREIS, "  landesjugendamt: Landesjugendamt Niedersachsen\n",
                                        "  landesjugendamt: Landesjugendamt Niedersachsen\n  einwohner:\n"
                                        "    anzahl: 80000\n    quelle: Jahresbericht\n"))
    assert [(f.level, f.line, f.col) for f in findings] == [(Level.WARNING, 14, 3)]
    assert "„jugendamt.einwohner“ hat keinen Stand" in findings[0].message


def test_ongoing_practice_on_old_sources_is_a_warning(tmp_path):
    findings = run(tmp_path, replace_in(PRAXIS, "datum: 2025-09-30", "datum: 2001-08-28"))
    assert [(f.path, f.level, f.line, f.col) for f in findings] == [(PRAXIS, Level.WARNING, 11, 1)]
    assert findings[0].format() == (
        f"{PRAXIS}:11:1: Warnung: Status „laufend“, aber keine Quelle ist jünger als 3 Jahre (die neueste ist von "
        "28.08.2001). Bitte eine aktuelle Quelle ergänzen oder den Status prüfen (z. B. „unbekannt“ oder "
        "„abgeschlossen“).")
    # three years back from TODAY (2026-11-23) is 2023-11-23: a source of that month still counts
    assert run(tmp_path, replace_in(PRAXIS, "datum: 2025-09-30", "datum: 2023-11")) == []
    assert len(run(tmp_path, replace_in(PRAXIS, "datum: 2025-09-30", "datum: 2023-10"))) == 1
    undated = run(tmp_path, replace_in(PRAXIS, "    datum: 2025-09-30\n", ""))
    assert len(undated) == 1 and "(keine nennt ein Datum)" in undated[0].message
    # finished, or honestly unknown: no warning
    text = FILES[PRAXIS].replace("datum: 2025-09-30", "datum: 2001-08-28")
    for status in ("abgeschlossen", "unbekannt"):
        assert run(tmp_path, {PRAXIS: text.replace("status: laufend", f"status: {status}")}) == []
    error = only_error(run(tmp_path, replace_in(PRAXIS, "status: laufend", "status: vielleicht")))
    assert "Erlaubt: geplant, laufend, abgeschlossen, unbekannt." in error.message


def test_practice_type_is_one_of_three(tmp_path):
    assert run(tmp_path, replace_in(PRAXIS, "status: laufend", "art: Austauschformat\nstatus: laufend")) == []
    error = only_error(run(tmp_path, replace_in(PRAXIS, "status: laufend", "art: Projekt\nstatus: laufend")))
    assert (error.line, error.col) == (11, 1)
    assert "„art“: der Text „Projekt“ ist nicht erlaubt" in error.message


def test_landesjugendamt_without_ags_is_checked_against_the_land(tmp_path):
    text = FILES[KREIS].replace('ags: "03455"\n', "").replace("Landesjugendamt Niedersachsen", "Landesjugendamt Hessen")
    error = only_error(run(tmp_path, {KREIS: text}))
    assert error.format() == (f"{KREIS}:12:3: Fehler: „jugendamt.landesjugendamt“: Für Niedersachsen ist das "
                              "Landesjugendamt Niedersachsen zuständig, nicht „Landesjugendamt Hessen“.")


def test_no_own_jugendamt_has_no_kind_and_no_landesjugendamt(tmp_path):
    findings = run(tmp_path, replace_in(KOMMUNE, "  vorhanden: true", "  vorhanden: false"))
    assert [(f.level, f.line, f.col) for f in findings] == [(Level.ERROR, 21, 3), (Level.ERROR, 22, 3)]
    assert all("passt nicht zu „vorhanden: false“" in f.message for f in findings)
    minimal = FILES[KOMMUNE].split("jugendamt:\n")[0] + "jugendamt:\n  vorhanden: false\n"
    assert run(tmp_path, {KOMMUNE: minimal}) == []


def test_a_number_wrapped_to_the_start_of_a_line_is_a_warning(tmp_path):
    """"… vor dem\n  14. Lebensjahr …" becomes a new list item on the site (the number is lost); a list that is
    meant (after a colon, or item after item) stays quiet."""
    wrapped = "- Kinder, die vor dem\n  14. Lebensjahr auffallen.[^pm]\n- Schritte:\n  1. Anamnese[^pm]\n  2. Plan[^pm]\n"
    findings = run(tmp_path, replace_in(PRAXIS, "Arbeitsabläufe vergleichen.[^pm]\n", wrapped))
    warnings = [f for f in findings if "mitten im Satz" in f.message]
    assert [(w.line, w.level) for w in warnings] == [(38, Level.WARNING)], "\n".join(f.format() for f in findings)
    assert "„14. Lebensjahr auffallen.[^pm] …“" in warnings[0].message
    assert "Ziehen Sie die Zahl ans Ende der Zeile davor" in warnings[0].message
