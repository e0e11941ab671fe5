"""The form editor at /bearbeiten/: Sveltia CMS from npm, configured from the JSON schemas, writing files the
validator accepts unchanged, loading in Chromium without any request leaving 127.0.0.1."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from praxisatlas import REPO_ROOT
from praxisatlas.checks.schemas import schema
from praxisatlas.checks.validate import REFERENCES, load_and_validate
from praxisatlas.domain.findings import Level
from praxisatlas.domain.model import KINDS
from praxisatlas.io.load import load
from praxisatlas.publish.editor import config as editor
from tests.support.project import FIXTURE_KB, FROZEN_TODAY, fixture_project, mkdocs_build

SITE = editor.EditorSite("praxisatlas-jugendhilfe/praxisatlas")
ROUNDTRIP = Path(__file__).parent / "support" / "editor_roundtrip.mjs"
COLLECTIONS = {"praxis": "praxis", "kommune": "kommunen", "thema": "themen", "netzwerk": "netzwerke"}


def collections() -> dict[str, dict]:
    return {c["name"]: c for c in editor.cms_config(SITE)["collections"]}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_collection_fields_come_from_the_schema(kind):
    spec = schema(kind)
    coll = collections()[COLLECTIONS[kind]]
    assert coll["label"] == KINDS[kind].label_plural and coll["folder"] == KINDS[kind].folder
    fields = {f["name"]: f for f in coll["fields"]}
    sections = [f for f in coll["fields"] if f["name"].startswith(editor.SECTION_FIELD_PREFIX)]
    assert [name for name in fields if not name.startswith(editor.SECTION_FIELD_PREFIX)] == list(spec["properties"])
    for name, prop in spec["properties"].items():
        item = fields[name]
        assert item["label"] and item["label"][0].isupper()
        if "description" in prop:
            assert item["hint"] == prop["description"]
        if "enum" in prop:
            assert item["widget"] == "select" and item["options"] == prop["enum"]
        if (kind, name) in REFERENCES:
            assert item["widget"] == "relation" and item["multiple"] is True
            assert item["collection"] == COLLECTIONS[REFERENCES[(kind, name)]]
        resolved = editor._resolve(prop)
        array_without_minimum = resolved.get("type") == "array" and not resolved.get("minItems")
        if name in spec.get("required", []) and not array_without_minimum:
            assert item["required"] is True, name
        elif name not in spec.get("required", []):
            assert item["required"] is False, name
    if kind == "praxis":
        assert [f["label"] for f in sections if f["name"] != editor.VORSPANN] == \
            ["Ausgangslage", "Ziele", "Vorgehen", "Ergebnisse und Wirkung", "Übertragbarkeit", "Stolpersteine", "Ressourcen"]
        assert all(f["widget"] == "markdown" for f in sections)
        assert [f["required"] for f in sections if f["name"] != editor.VORSPANN] == [True] * 5 + [False, True]
    else:
        assert sections == []


def test_nested_fields_and_labels():
    praxis = {f["name"]: f for f in collections()["praxis"]["fields"]}
    assert [f["name"] for f in praxis["quellen"]["fields"]] == ["kurz", "titel", "herausgeber", "datum",
                                                                  "abgerufen", "url", "anmerkung"]
    assert [f["required"] for f in praxis["quellen"]["fields"]] == [False, True, True, False, False, False, False]
    assert praxis["pruefstatus"]["label"] == "Prüfstatus" and praxis["pruefstatus"]["default"] == "eingereicht"
    assert praxis["kontakt"]["widget"] == "object"
    assert praxis["stand"]["pattern"][0] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    assert praxis["stand"]["pattern"][1].startswith("Datum in der Form JJJJ-MM-TT")
    kommune = {f["name"]: f for f in collections()["kommunen"]["fields"]}
    assert kommune["flaeche_km2"]["label"] == "Fläche (km²)"
    assert kommune["besonderheiten"]["widget"] == "markdown"


def test_config_is_valid_for_sveltia_and_opens_pull_requests():
    config = editor.cms_config(SITE)
    sveltia = json.loads((REPO_ROOT / "node_modules/@sveltia/cms/schema/sveltia-cms.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(sveltia)(sveltia)
    assert [e.message for e in validator.iter_errors(config)] == []
    broken = json.loads(json.dumps(config))
    broken["collections"][0]["fields"][0]["widget"] = 7
    assert list(validator.iter_errors(broken)), "das Schema von Sveltia CMS prüft die Felder wirklich"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {**config["backend"], "name": "github", "repo": SITE.repo, "branch": "main",
                                 "open_authoring": True}


def test_a_schema_change_changes_the_form(monkeypatch):
    changed = json.loads(json.dumps(schema("thema")))
    changed["properties"]["ansprechstelle"] = {"type": "string", "title": "Ansprechstelle", "description": "Wer hilft."}
    changed["required"].append("ansprechstelle")
    monkeypatch.setattr(editor, "schema", lambda name: changed if name == "thema" else schema(name))
    fields = {f["name"]: f for f in editor.collection("thema")["fields"]}
    assert fields["ansprechstelle"] == {"name": "ansprechstelle", "label": "Ansprechstelle", "required": True,
                                        "hint": "Wer hilft.", "widget": "string"}


# ---------------------------------------------------------------------------------------------------------------
# Round trip: every entry through the editor's own file formats (as Sveltia CMS reads and saves it)


def normalized_body(body: str) -> list[str]:
    return [line.rstrip() for line in body.strip().split("\n") if line.strip()]


def test_every_entry_survives_open_and_save_in_the_editor(tmp_path):
    settings = tmp_path / "einstellungen.json"
    settings.write_text(json.dumps(editor.format_settings()), encoding="utf-8")
    kb, _ = load(FIXTURE_KB)
    entries = [entry for kind in KINDS for entry in kb.entries[kind].values()]
    assert len(entries) >= 30
    args = [f"{e.kind}:{FIXTURE_KB / e.path}" for e in entries]
    result = subprocess.run(["node", "--no-warnings", str(ROUNDTRIP), str(settings), str(tmp_path / "aus"), *args],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    opened = json.loads(result.stdout)
    project = tmp_path / "projekt"
    shutil.copytree(FIXTURE_KB, project)
    for entry in entries:
        written = tmp_path / "aus" / entry.kind / Path(entry.path).name
        shutil.copyfile(written, project / entry.path)
        if entry.kind == "praxis":  # the sections arrive as fields of their own
            assert {"abschnitt_ausgangslage", "abschnitt_vorgehen", "abschnitt_ressourcen"} <= set(
                opened[str(FIXTURE_KB / entry.path)])
    saved, findings = load_and_validate(project, today=FROZEN_TODAY)
    _, original_findings = load_and_validate(FIXTURE_KB, today=FROZEN_TODAY)
    # the same findings (the frozen content has warnings; saving may move a field's line, not its finding)
    assert [(f.path, f.level, f.message) for f in findings] == \
        [(f.path, f.level, f.message) for f in original_findings]
    assert not [f for f in findings if f.level is Level.ERROR]
    for entry in entries:
        again = saved.entries[entry.kind][entry.slug]
        assert again.data == entry.data, entry.path
        assert normalized_body(again.body) == normalized_body(entry.body), entry.path
        first = (project / entry.path).read_text(encoding="utf-8").split("\n")
        assert editor.schema_comment(entry.kind) in first[:2]


def test_a_new_practice_from_the_form_is_valid(tmp_path):
    """What the form hands to toFile for a new entry: fields in schema order, empty optional ones included."""
    data = {"titel": "Neu aus dem Formular", "kurzbeschreibung": "Kurz.", "themen": ["kinderschutz"], "kommunen": [],
            "netzwerke": [], "traeger": "", "partner": [], "status": "geplant", "zeitraum": {"beginn": "2025-03",
            "ende": ""}, "rechtsgrundlagen": [], "quellen": [{"kurz": "beschluss", "titel": "Beschluss",
            "herausgeber": "Stadt Hemer", "datum": "2025-01-31", "abgerufen": "", "url": "", "anmerkung": ""}], "kontakt": {"stelle": "Jugendamt Hemer", "email": ""},
            "stand": "2026-11-30", "pruefstatus": "eingereicht", "anhaenge": [],
            **{f["field"]: f"Text zu {f['heading']}.[^beschluss]" for f in editor.format_settings()["abschnitte"]
               if f["heading"] != "Stolpersteine"}}
    result = _editor_format(tmp_path, f"f.toFile({json.dumps(data)})")
    project = tmp_path / "projekt"
    shutil.copytree(FIXTURE_KB, project)
    (project / "practices/neu-aus-dem-formular.md").write_text(result.stdout, encoding="utf-8")
    kb, findings = load_and_validate(project, today=FROZEN_TODAY)
    assert [f.format() for f in findings if f.path.endswith("neu-aus-dem-formular.md")] == []
    entry = kb.entries["praxis"]["neu-aus-dem-formular"]
    assert entry.data["stand"] == "2026-11-30" and entry.data["kommunen"] == [] and "traeger" not in entry.data
    assert re.findall(r"^## (.+)$", entry.body, re.M) == ["Ausgangslage", "Ziele", "Vorgehen",
                                                          "Ergebnisse und Wirkung", "Übertragbarkeit", "Ressourcen"]


# ---------------------------------------------------------------------------------------------------------------
# In the built site, in Chromium


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    root = fixture_project(tmp_path_factory.mktemp("editor") / "projekt")
    result = mkdocs_build(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    return root / "site"


def test_the_build_vendors_the_editor_without_cdn_addresses(built_site):
    folder = built_site / "bearbeiten"
    bundle = (folder / "sveltia-cms.js").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in bundle and "githubstatus.com/api" not in bundle
    assert "unpkg.com/@sveltia/cms" not in bundle
    for name in ("index.html", "config.yml", "einstellungen.json", "locales/de.json", "yaml/index.js",
                 "schriften/material-symbols-outlined-latin-wght-normal.woff2", "LICENSE-sveltia-cms.txt"):
        assert (folder / name).is_file(), name
    config = yaml.safe_load((folder / "config.yml").read_text(encoding="utf-8"))
    assert [c["name"] for c in config["collections"]] == ["praxis", "kommunen", "themen", "netzwerke"]


def test_bearbeiten_loads_offline_in_chromium(built_site, browser):
    from tests.support.browser import serve

    browser.foreign_requests.clear()
    with serve(built_site) as base:
        page = browser.new_page(enforce_csp=False)
        errors: list[str] = []
        answers: dict[str, int] = {}
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if "onfiguration" in m.text and m.type == "error"
                else None)
        page.on("response", lambda r: answers.__setitem__(r.url.removeprefix(base).split("?")[0], r.status))
        try:
            page.goto(base + "bearbeiten/")
            page.get_by_role("button", name="Formular-Editor öffnen").click()  # loaded only when asked for
            page.get_by_text("Mit Zugriffstoken anmelden").wait_for(timeout=30000)
            text = page.inner_text("body").replace("\u2068", "").replace("\u2069", "")
            assert "Mit GitHub anmelden" in text
            assert "Fehler" not in text and "error" not in text.lower()
            assert errors == []
            assert answers["bearbeiten/config.yml"] == 200 and answers["bearbeiten/einstellungen.json"] == 200
            assert answers["bearbeiten/locales/de.json"] == 200
            assert page.evaluate("document.fonts.check('16px \"Material Symbols Outlined\"')")
        finally:
            page.context.close()
    assert browser.foreign_requests == []


# ---------------------------------------------------------------------------------------------------------------
# "Diese Seite bearbeiten" and "Praxisbeispiel vorschlagen" on the pages


EDIT_RE = re.compile(r'<a href="([^"]*)" class="pa-bearbeiten" rel="edit" data-quelle="([^"]*)">')
SUGGEST_RE = re.compile(r'<a href="([^"]*)" class="pa-vorschlagen" rel="nofollow">([^<]*)</a>')


def test_every_page_with_a_source_has_a_labelled_edit_link_to_the_form_editor_or_github(built_site):
    kb, _ = load(FIXTURE_KB)
    seen = {"entries": 0, "seiten": 0}
    for html_file in built_site.rglob("index.html"):
        if "bearbeiten" in html_file.parts:
            continue
        html = html_file.read_text(encoding="utf-8")
        links = EDIT_RE.findall(html)
        if not links:
            continue
        assert len(links) == 1, html_file
        href, source = links[0]
        after = html.split(links[0][0], 1)[1].split("</a>", 1)[0]
        assert "<span>Diese Seite bearbeiten</span>" in after
        assert (FIXTURE_KB / source).is_file(), source
        match = re.fullmatch(r"(?:\.\./)*bearbeiten/#/collections/(\w+)/entries/([a-z0-9-]+)", href)
        if source.startswith("content/seiten/") or source == "content/betreiber.yml":  # no form for these
            assert href == f"https://github.com/praxisatlas-jugendhilfe/praxisatlas/edit/main/{source}"
            seen["seiten"] += 1
        else:
            assert match, href
            kind = next(k for k, c in COLLECTIONS.items() if c == match[1])
            assert kb.entries[kind][match[2]].path == source
            assert (html_file.parent / href.split("#")[0]).resolve() == (built_site / "bearbeiten").resolve()
            seen["entries"] += 1
    assert seen["entries"] == sum(len(kb.entries[k]) for k in KINDS) and seen["seiten"] >= 5


def test_kommune_and_thema_pages_suggest_a_practice_with_the_form_prefilled(built_site):
    from urllib.parse import parse_qs, urlsplit

    from praxisatlas.intake.issue_forms import option_titles

    kb, _ = load(FIXTURE_KB)
    for kind, field, words in (("kommune", "kommunen", "diese Kommune"), ("thema", "themen", "dieses Thema")):
        for entry in kb.entries[kind].values():
            html = (built_site / entry.url / "index.html").read_text(encoding="utf-8")
            (href, text), = SUGGEST_RE.findall(html)
            assert text == f"Praxisbeispiel für {words} vorschlagen"
            url = urlsplit(href.replace("&amp;", "&"))
            query = parse_qs(url.query)
            assert url.path.endswith("/issues/new") and query["template"] == ["praxisbeispiel.yml"]
            assert query[field] == [entry.title] and entry.title in option_titles(kb, kind)
    practice = next(iter(kb.entries["praxis"].values()))
    assert not SUGGEST_RE.findall((built_site / practice.url / "index.html").read_text(encoding="utf-8"))


def test_contributing_shows_each_path_with_its_screenshots():
    text = (REPO_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for heading in ("## A. Im Formular-Editor", "## B. Mit einem Issue-Formular", "## C. Mit einem Pull Request",
                    "## D. Per E-Mail", "awaiting approval", "Approve and run", "content/betreiber.yml",
                    "### Warum Sveltia CMS und nicht Decap CMS"):
        assert heading in text
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", text)
    assert len(images) == 3 and all((REPO_ROOT / image).is_file() for image in images)


def test_the_editor_reads_yaml_as_the_validator_does(tmp_path):
    """The editor reads and writes YAML 1.1, as Python's reader does: "on" stays a yes, 010 stays a number."""
    text = "---\ntitel: Probe\nschalter: on\nzahl: 010\nwort: 'on'\n---\n\n## Ausgangslage\n\nText.\n"
    result = _editor_format(tmp_path, f"JSON.stringify(f.fromFile({json.dumps(text)}))")
    read = json.loads(result.stdout)
    python = yaml.safe_load(text.split("---\n")[1])
    assert {k: read[k] for k in ("schalter", "zahl", "wort")} == {k: python[k] for k in ("schalter", "zahl", "wort")}


def _editor_format(tmp_path: Path, expression: str) -> subprocess.CompletedProcess:
    """Run the editor's file format (praxisatlas-format.js) in Node: print `expression` (with `f` the format)."""
    script = tmp_path / "format.mjs"
    script.write_text(
        f"import * as YAML from '{REPO_ROOT}/node_modules/yaml/browser/index.js';\n"
        f"import {{ formats }} from '{REPO_ROOT}/praxisatlas/publish/editor/praxisatlas-format.js';\n"
        f"const f = formats(YAML, {json.dumps(editor.format_settings())})['praxisatlas-frontmatter'];\n"
        f"process.stdout.write({expression});\n", encoding="utf-8")
    result = subprocess.run(["node", "--no-warnings", str(script)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result
