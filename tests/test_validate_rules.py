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
        (PRAXIS, "  stelle: Jugendamt der Stadt A\n", "  organisation: Jugendamt\n", 21,
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
        (PRAXIS, "## Ressourcen\n", "## Ressourcen\n\nRessourcen\n----------\n", 56, "Der Abschnitt „## Ressourcen“ steht doppelt."),
        (PRAXIS, "## Ressourcen\n", "## Ressourcen\n\n## Ressour\u200bcen\n", 56, "Der Abschnitt „## Ressourcen“ steht doppelt."),
        # dates: invalid, in the future, wrong form
        (NETZ, "datum: 2001-08-28", "datum: 2001-02-30", 12, "„quellen[1].datum“: 2001-02-30 ist kein gültiges Datum."),
        (KOMMUNE, "stand: 2026-11-01", "stand: 2027-01-01", 18, "„stand“: 2027-01-01 liegt in der Zukunft."),
        (PRAXIS, "stand: 2026-11-01", "stand: 1.11.2026", 23, "„stand“: Datum in der Form JJJJ-MM-TT erwartet"),
        (PRAXIS, "  beginn: 1998", "  beginn: 1998\n  ende: 1997", 14, "„zeitraum.ende“ liegt vor „zeitraum.beginn“."),
        # URLs must be https
        (KOMMUNE, "website: https://", "website: http://", 17, "„website“: Eine vollständige Internetadresse, die mit „https://“"),
        # references, with a suggestion
        (PRAXIS, "  - kreis-b\n", "  - kreis-c\n", 8, "Kommune „kreis-c“ gibt es nicht (keine Datei content/kommunen/kreis-c.yml) – meinten Sie „kreis-b“?"),
        (KOMMUNE, "lerninteressen:\n  - kinderschutz", "lerninteressen:\n  - kinderschuz", 16, "Thema „kinderschuz“ gibt es nicht"),
        # the size class is computed, never typed
        (KOMMUNE, "stand: 2026-11-01", "stand: 2026-11-01\ngroessenklasse: II", 19, "Die Größenklasse wird aus „einwohner“ berechnet"),
        # contacts are offices, not persons
        (PRAXIS, "stelle: Jugendamt der Stadt A", "stelle: Frau Müller", 22, "Kontakt nennt eine Person."),
        # attachments must exist
        (PRAXIS, "datei: vereinbarung.txt", "datei: vereinbarung.txt\n  - titel: Fehlt\n    datei: fehlt.pdf", 29, "Der Anhang „fehlt.pdf“ liegt nicht im Ordner content/dokumente/."),
        (PRAXIS, "datei: vereinbarung.txt", "datei: vereinbarung.txt\n  - titel: Seite\n    datei: seite.html", 29, "Endung (pdf, txt, odt, docx, png, jpg, jpeg) erwartet"),
        # contributed Markdown cannot inject script
        (PRAXIS, "Gegenseitige Besuche.\n", "Gegenseitige <script>alert(1)</script> Besuche.\n", 40, "HTML-Element „<script>“ ist nicht erlaubt."),
        (PRAXIS, "Gut übertragbar.", '<img src="x" onerror="alert(1)">', 48, "HTML-Attribut „onerror“ (Skript) ist nicht erlaubt."),
        (PRAXIS, "Neue Ideen für beide.", "[Klick](javascript:alert(1))", 44, "Links mit „javascript:“ sind nicht erlaubt"),
        (THEMA, "beschreibung: Schutz", "beschreibung: <iframe src=x></iframe> Schutz", 2, "HTML-Element „<iframe>“ ist nicht erlaubt."),
        # template headings
        (PRAXIS, "## Ziele\n", "## Zeile\n", 34, "Unbekannter Abschnitt „## Zeile“ – meinten Sie „Ziele“?"),
        (PRAXIS, "## Ressourcen\n", "## Ressourcen\n\n## Ressourcen\n", 56, "Der Abschnitt „## Ressourcen“ steht doppelt."),
        (PRAXIS, "## Ausgangslage\n", "# Ausgangslage\n", 30, "Überschriften der ersten Ebene („# “) sind nicht vorgesehen"),
    ],
)
def test_rule(tmp_path, path, old, new, line, expected):
    error = only_error(run(tmp_path, replace_in(path, old, new)))
    assert error.path == path
    assert expected in error.message, error.format()
    assert error.line == line, error.format()


def test_missing_template_section_is_reported(tmp_path):
    findings = run(tmp_path, replace_in(PRAXIS, "## Vorgehen\n\nGegenseitige Besuche.\n", ""))
    assert [f.message for f in findings] == ["Der Pflichtabschnitt „## Vorgehen“ fehlt im Text."]


def test_template_order_is_checked(tmp_path):
    text = FILES[PRAXIS].replace("## Ziele\n\nArbeitsabläufe vergleichen.\n", "")
    text = text.replace("## Ressourcen\n", "## Ressourcen\n\n## Ziele\n\nArbeitsabläufe vergleichen.\n")
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
    assert [(f.level, f.line) for f in findings] == [(Level.WARNING, 22)]


@pytest.mark.parametrize("link", [
    '<a href="java&#115;cript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    "<a href='  JAVASCRIPT:alert(1)'>x</a>",
    "[x](data:text/plain;base64,SGk=)",
    '<img src="vbscript&#x3a;msgbox">',
])
def test_disguised_script_links_are_rejected(tmp_path, link):
    error = only_error(run(tmp_path, replace_in(PRAXIS, "Neue Ideen für beide.", link)))
    assert error.line == 44 and "sind nicht erlaubt" in error.message


def test_ordinary_links_stay_allowed(tmp_path):
    text = "[Bericht](https://www.example.org/a?b=c:d) <a href=\"mailto:jugendamt@example.org\">Mail</a> [Teil](#ziele)"
    assert run(tmp_path, replace_in(PRAXIS, "Neue Ideen für beide.", text)) == []
