"""Contributing through pull requests: workflows, skeletons (new.py), templates, issue forms -> entries."""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from praxisatlas import REPO_ROOT
from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain.findings import Level
from praxisatlas.domain.model import KINDS
from praxisatlas.intake.from_issue import FORMS, IssueError, convert, iso_date, normalize_law, parse_body
from praxisatlas.intake.scaffold import (
    TEMPLATE_FILES,
    TEMPLATE_FOLDER,
    kommune_slug,
    practice_skeleton,
    slugify,
    template_texts,
    undated,
)
from tests.support.kbfactory import write_kb
from tests.support.project import FIXTURE_KB, FROZEN_TODAY

FORM_FOLDER = REPO_ROOT / ".github" / "ISSUE_TEMPLATE"
FIXTURES = Path(__file__).parent / "fixtures"
# a second topic for the small knowledge base, so that issues can name two
NETZWERK_THEMA = {"content/themen/netzwerkarbeit.yml": "titel: Netzwerkarbeit und Kooperation\n"
                                                      "beschreibung: Zusammenarbeit mit anderen Stellen.\n"}


def run(script: str, *args: str, env: dict | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / script), *args], capture_output=True,
                          text=True, env=env, input=stdin, timeout=120)


def errors_of(root: Path) -> list[str]:
    _kb, findings = load_and_validate(root, FROZEN_TODAY)
    return [f.format() for f in findings if f.level is Level.ERROR]


def copy_repository_content(target: Path) -> Path:
    """The frozen knowledge base (never the live content/, which changes with every contribution)."""
    for folder in ("content", "practices"):
        shutil.copytree(FIXTURE_KB / folder, target / folder)
    return target


# ---------------------------------------------------------------------------------------------------------------
# Annotations (the workflows themselves: tests/test_workflows.py)


def test_annotations_under_actions_name_file_line_and_column(tmp_path):
    text = practice_skeleton("Kaputtes Beispiel", topic="kinderschutz", today=FROZEN_TODAY, target="practices/x.md")
    text = text.replace("\nstatus: laufend\n", "\nstatus: laufen\n")
    write_kb(tmp_path, {"practices/x.md": text})
    line = text.split("\n").index("status: laufen") + 1
    env = {"GITHUB_ACTIONS": "true", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    result = run("validate.py", "--root", str(tmp_path), env=env)
    assert result.returncode == 1
    assert [ln for ln in result.stdout.splitlines() if ln.startswith("::error")] == [
        f"::error file=practices/x.md,line={line},col=1::„status“: der Text „laufen“ ist nicht erlaubt – "
        "meinten Sie „laufend“? Erlaubt: geplant, laufend, abgeschlossen, unbekannt."
    ]
    assert f"practices/x.md:{line}:1: Fehler: „status“" in result.stderr
    warnings = [ln for ln in result.stdout.splitlines() if ln.startswith("::warning")]
    assert warnings and all("Platzhalter „Bitte ersetzen“" in ln for ln in warnings)


# ---------------------------------------------------------------------------------------------------------------
# new.py and the templates


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Übergänge gestalten: Schule & Jugendhilfe", "uebergaenge-gestalten-schule-jugendhilfe"),
        ("Große Straße – Maßnahmen für Jugendliche", "grosse-strasse-massnahmen-fuer-jugendliche"),
        ("  §8a-Vereinbarung (Köln) ", "8a-vereinbarung-koeln"),
        ("Café Élan", "cafe-elan"),
        ("ÄÖÜ", "aeoeue"),
    ],
)
def test_slug_from_title(title, slug):
    assert slugify(title) == slug


def test_long_titles_get_short_slugs_cut_at_a_word():
    slug = slugify("Kooperationsvereinbarung Jugendamt Herten und Vestische Arbeit (Jobcenter) für junge Menschen")
    assert len(slug) <= 60 and not slug.endswith("-")
    assert slug == "kooperationsvereinbarung-jugendamt-herten-und-vestische"


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Stadt Herten", "herten"), ("Kreis Soest", "kreis-soest"), ("Landkreis Friesland", "landkreis-friesland"),
     ("Stadt", "stadt")],
)
def test_kommune_slugs_follow_the_repository_convention(name, slug):
    assert kommune_slug(name) == slug


@pytest.mark.parametrize(("kind", "title", "path"), [
    ("praxis", "Gemeinsame Fallberatung mit der Schule", "practices/gemeinsame-fallberatung-mit-der-schule.md"),
    ("kommune", "Stadt Musterstadt", "content/kommunen/musterstadt.yml"),
])
def test_new_creates_a_valid_commented_skeleton_and_never_overwrites(tmp_path, kind, title, path):
    write_kb(tmp_path)
    first = run("new.py", kind, title, "--root", str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert f"Angelegt: {path}" in first.stdout
    text = (tmp_path / path).read_text(encoding="utf-8")
    schema_line = 1 if kind == "praxis" else 0
    assert text.split("\n")[schema_line] == \
        f"# yaml-language-server: $schema={'../' * path.count('/')}praxisatlas/schema/{kind}.schema.json"
    schema_path = text.split("$schema=")[1].split("\n")[0]
    assert posixpath.normpath(posixpath.join(posixpath.dirname(path), schema_path)) == \
        f"praxisatlas/schema/{kind}.schema.json"
    assert errors_of(tmp_path) == []
    # every field of the schema is explained in a comment, used or commented out
    from praxisatlas.checks.schemas import schema

    for field in schema(kind)["properties"]:
        assert f"\n{field}:" in text or f"\n# {field}:" in text, field
    second = run("new.py", kind, title, "--root", str(tmp_path))
    assert second.returncode == 1
    assert "gibt es schon" in second.stderr and "überschrieben" in second.stderr
    assert (tmp_path / path).read_text(encoding="utf-8") == text


def test_new_practice_skeleton_validates_in_a_copy_of_the_repository(tmp_path):
    copy_repository_content(tmp_path)
    for kind, title in (("praxis", "Ein ganz neues Praxisbeispiel"), ("kommune", "Kreis Neuland")):
        result = run("new.py", kind, title, "--root", str(tmp_path))
        assert result.returncode == 0, result.stderr
    assert errors_of(tmp_path) == []
    text = (tmp_path / "practices/ein-ganz-neues-praxisbeispiel.md").read_text(encoding="utf-8")
    assert "pruefstatus: eingereicht" in text and f'beginn: "{FROZEN_TODAY.year}"' in text
    assert f'stand: "{FROZEN_TODAY.isoformat()}"' in text
    assert 'titel: "Bitte ersetzen: Titel der Quelle"' in text and "herausgeber: Bitte ersetzen" in text
    for slug in (p.stem for p in (tmp_path / "content/themen").glob("*.yml")):
        assert f"#   {slug} – " in text  # the topics to choose from are listed


def test_new_refuses_a_title_without_letters(tmp_path):
    write_kb(tmp_path)
    result = run("new.py", "praxis", "§ – §", "--root", str(tmp_path))
    assert result.returncode == 1 and "Kurzname" in result.stderr
    assert sorted(p.name for p in (tmp_path / "practices").iterdir()) == ["besuche.md"]


def test_vorlagen_are_up_to_date():
    for rel, text in template_texts(REPO_ROOT).items():
        stored = (REPO_ROOT / rel).read_text(encoding="utf-8")
        assert undated(stored) == undated(text), f"{rel} ist veraltet: bitte „python scripts/new.py --vorlagen“"


def test_vorlagen_are_valid_entries_once_copied(tmp_path):
    copy_repository_content(tmp_path)
    for kind, name in TEMPLATE_FILES.items():
        info = KINDS[kind]
        text = (REPO_ROOT / TEMPLATE_FOLDER / name).read_text(encoding="utf-8")
        (tmp_path / info.folder / f"vorlage{info.suffix}").write_text(text, encoding="utf-8")
    assert errors_of(tmp_path) == []


def test_contributing_links_the_templates_and_licences():
    text = (REPO_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for target in ("vorlagen/praxisbeispiel.md", "vorlagen/kommune.yml", "LICENSE-INHALTE.md", "LICENSE"):
        assert f"]({target})" in text
        assert (REPO_ROOT / target).is_file()
    for heading in ("Ausgangslage", "Ziele", "Vorgehen", "Ergebnisse und Wirkung", "Übertragbarkeit",
                    "Ressourcen", "Stolpersteine", "Verhaltenskodex", "CC BY 4.0", "MIT"):
        assert heading in text


# ---------------------------------------------------------------------------------------------------------------
# Issue forms -> entries


def required(item: dict) -> bool:
    """Whether a form field must be filled in (checkboxes: every box must be ticked)."""
    if item["type"] == "checkboxes":
        return all(option.get("required", False) for option in item["attributes"]["options"])
    return item.get("validations", {}).get("required", False)


@pytest.mark.parametrize("kind", sorted(FORMS))
def test_issue_forms_match_what_from_issue_reads(kind):
    name, fields = FORMS[kind]
    form = yaml.safe_load((FORM_FOLDER / name).read_text(encoding="utf-8"))
    assert form["name"] and form["description"]
    items = [item for item in form["body"] if item["type"] != "markdown"]
    assert all(item["type"] in {"input", "textarea", "dropdown", "checkboxes"} for item in items)
    ids = [item["id"] for item in items]
    labels = [item["attributes"]["label"] for item in items]
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)
    assert [(item["id"], item["attributes"]["label"], required(item)) for item in items] == \
        [(f.id, f.label, f.required) for f in fields]
    for item in items:
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]


def test_issue_form_titles_and_config():
    titles = {yaml.safe_load((FORM_FOLDER / name).read_text(encoding="utf-8"))["name"] for name, _ in FORMS.values()}
    assert titles == {"Praxisbeispiel vorschlagen", "Kommunenprofil ergänzen oder korrigieren"}
    config = yaml.safe_load((FORM_FOLDER / "config.yml").read_text(encoding="utf-8"))
    assert all(link["url"].startswith("https://") for link in config["contact_links"])


def test_issue_form_dropdowns_offer_only_allowed_values():
    from praxisatlas.checks.schemas import schema

    for name, key, allowed in (("praxisbeispiel.yml", "status", schema("praxis")["properties"]["status"]["enum"]),
                               ("kommunenprofil.yml", "art", schema("kommune")["properties"]["art"]["enum"]),
                               ("kommunenprofil.yml", "bundesland",
                                schema("kommune")["properties"]["bundesland"]["enum"])):
        form = yaml.safe_load((FORM_FOLDER / name).read_text(encoding="utf-8"))
        item = next(i for i in form["body"] if i.get("id") == key)
        assert item["attributes"]["options"] == allowed


def test_from_issue_turns_the_rendered_form_into_a_valid_practice(tmp_path):
    write_kb(tmp_path, NETZWERK_THEMA)
    result = run("from_issue.py", str(FIXTURES / "issue_praxisbeispiel.md"), "--root", str(tmp_path))
    assert result.returncode == 0, result.stderr
    path = tmp_path / "practices/gemeinsame-fallberatung-von-jugendamt-und-schulsozialarbeit.md"
    assert errors_of(tmp_path) == []
    kb, _ = load_and_validate(tmp_path)
    entry = kb.praxis[path.stem]
    assert entry.data["themen"] == ["kinderschutz", "netzwerkarbeit"]
    assert entry.data["kommunen"] == ["stadt-a", "kreis-b"]
    assert entry.data["zeitraum"] == {"beginn": "2023-09"}
    assert entry.data["rechtsgrundlagen"] == ["§ 8a SGB VIII", "§ 81 SGB VIII"]
    assert entry.data["quellen"][0] == {"kurz": "q1", "titel": "Gemeinsam früher helfen", "herausgeber": "Stadt A",
                                        "datum": "2024-03-05",
                                        "url": "https://www.stadt-a.example.org/presse/fallberatung"}
    assert entry.data["quellen"][1]["datum"] == "2024-06"
    assert entry.data["kontakt"]["email"] == "jugendamt@stadt-a.example.org"
    assert entry.data["pruefstatus"] == "eingereicht" and entry.data["stand"] == FROZEN_TODAY.isoformat()
    text = path.read_text(encoding="utf-8")
    assert text.split("\n")[1] == "# yaml-language-server: $schema=../praxisatlas/schema/praxis.schema.json"
    assert "### Was vorher fehlte" in text  # a heading typed into an answer is demoted below the sections
    assert "Stolpersteine" not in text  # left empty in the form
    assert "_No response_" not in text


def test_from_issue_reads_bodies_with_windows_line_endings_from_stdin(tmp_path):
    write_kb(tmp_path, NETZWERK_THEMA)
    body = (FIXTURES / "issue_praxisbeispiel.md").read_text(encoding="utf-8").replace("\n", "\r\n")
    result = run("from_issue.py", "--root", str(tmp_path), "--ausgabe", "-", stdin=body)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("---\n# yaml-language-server:")
    assert sorted(p.name for p in (tmp_path / "practices").iterdir()) == ["besuche.md"]  # only shown


def test_from_issue_names_unknown_topics_and_allowed_ones_and_writes_nothing(tmp_path):
    write_kb(tmp_path, NETZWERK_THEMA)
    body = (FIXTURES / "issue_praxisbeispiel.md").read_text(encoding="utf-8")
    body = body.replace("- Kinderschutz\n", "- Kinderschuz\n- Adoption\n")
    result = run("from_issue.py", "--root", str(tmp_path), stdin=body)
    assert result.returncode == 1
    assert ("Fehler: Unbekanntes Thema „Kinderschuz“ – meinten Sie „Kinderschutz“? Erlaubt sind: "
            "Kinderschutz (kinderschutz); Netzwerkarbeit und Kooperation (netzwerkarbeit).") in result.stderr
    assert "Unbekanntes Thema „Adoption“. Erlaubt sind:" in result.stderr
    assert "Es wurde nichts geschrieben." in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "practices").iterdir()) == ["besuche.md"]


@pytest.mark.parametrize(("old", "new", "message"), [
    ("Stadt A\nkreis-b\n", "Stadt Z\n", "Die Kommune „Stadt Z“ hat noch kein Profil"),
    ("- [X] Als Kontakt", "- [ ] Als Kontakt", "Nicht bestätigt: „Als Kontakt ist eine Dienststelle"),
    ("\nlaufend\n", "\n_No response_\n", "Das Pflichtfeld „Stand des Vorhabens“ ist leer."),
    ("Jugendamt der Stadt A, Allgemeiner Sozialer Dienst", "Frau Müller",
     "Der Eintrag wäre nicht gültig: Kontakt nennt eine Person."),
    ("\nGut übertragbar;", "\n<script>alert(1)</script> Gut übertragbar;", "„<script>“ ist nicht erlaubt"),
    ("Bericht im Jugendhilfeausschuss | Jugendamt der Stadt A | 2024-06", "Nur ein Titel",
     "Quelle „Nur ein Titel“: Es fehlt der Titel oder der Herausgeber."),
])
def test_from_issue_reports_problems_in_german_and_writes_nothing(tmp_path, old, new, message):
    write_kb(tmp_path, NETZWERK_THEMA)
    body = (FIXTURES / "issue_praxisbeispiel.md").read_text(encoding="utf-8")
    assert old in body
    with pytest.raises(IssueError) as problem:
        convert(body.replace(old, new, 1), tmp_path)
    assert any(message in p for p in problem.value.problems), problem.value.problems
    assert sorted(p.name for p in (tmp_path / "practices").iterdir()) == ["besuche.md"]


def test_from_issue_refuses_an_existing_entry(tmp_path):
    write_kb(tmp_path, NETZWERK_THEMA)
    args = (str(FIXTURES / "issue_praxisbeispiel.md"), "--root", str(tmp_path))
    assert run("from_issue.py", *args).returncode == 0
    again = run("from_issue.py", *args)
    assert again.returncode == 1 and "gibt es schon" in again.stderr


def test_from_issue_turns_the_kommune_form_into_a_valid_profile(tmp_path):
    write_kb(tmp_path)
    result = run("from_issue.py", str(FIXTURES / "issue_kommunenprofil.md"), "--root", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert errors_of(tmp_path) == []
    kb, _ = load_and_validate(tmp_path)
    data = kb.kommunen["musterhausen"].data
    assert data["einwohner"] == {"anzahl": 61234, "ungefaehr": True, "stand": "2024-12-31",
                                 "quelle": "Statistisches Bundesamt (Destatis), GV-ISys"}
    assert data["ags"] == "05562020" and data["themen"] == ["kinderschutz"]
    assert data["website"] == "https://www.musterhausen.example.org"
    assert "lerninteressen" not in data


def test_from_issue_leaves_corrections_to_the_editors(tmp_path):
    write_kb(tmp_path)
    body = (FIXTURES / "issue_kommunenprofil.md").read_text(encoding="utf-8")
    body = body.replace("Neues Kommunenprofil", "Korrektur eines bestehenden Profils").replace(
        "Stadt Musterhausen\n\n### Art", "Stadt A\n\n### Art")
    with pytest.raises(IssueError) as problem:
        convert(body, tmp_path)
    assert "Korrektur für content/kommunen/stadt-a.yml" in problem.value.problems[0]


def test_from_issue_detects_the_form_and_rejects_other_text(tmp_path):
    write_kb(tmp_path)
    with pytest.raises(IssueError) as problem:
        convert("Hallo, ich habe eine Frage.", tmp_path)
    assert "keinem der Formulare" in problem.value.problems[0]


def test_parse_body_keeps_headings_typed_into_answers():
    fields = FORMS["praxis"][1]
    body = "### Ziele\n\nErstens\n\n### Ziele\n\nZweitens\n\n### Vorgehen\n\n_No response_\n"
    answers = parse_body(body, fields)
    assert answers["ziele"] == "Erstens\n\n### Ziele\n\nZweitens"
    assert answers["vorgehen"] is None and answers["titel"] is None


@pytest.mark.parametrize(("text", "iso"), [
    ("2019", "2019"), ("2019-09", "2019-09"), ("09/2019", "2019-09"), ("9.2019", "2019-09"),
    ("01.09.2019", "2019-09-01"), ("1. 9. 2019", "2019-09-01"), ("September 2019", "2019-09"),
    ("März 2020", "2020-03"), ("irgendwann", None),
])
def test_german_dates(text, iso):
    assert iso_date(text) == iso


@pytest.mark.parametrize(("text", "law"), [
    ("§8a SGB 8", "§ 8a SGB VIII"), ("§ 8a Abs.4 SGB VIII", "§ 8a Abs. 4 SGB VIII"), ("§ 18 SGBII", "§ 18 SGB II"),
    ("§ 79a SGB VIII", "§ 79a SGB VIII"),
])
def test_laws_are_written_as_the_schema_expects(text, law):
    assert normalize_law(text) == law
