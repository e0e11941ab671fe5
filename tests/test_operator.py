"""Operator data (content/betreiber.yml): validated like every entry, the three legal pages generated from it,
placeholders marked on the page, a local build only warns, the publish workflow's check step refuses them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from praxisatlas import REPO_ROOT
from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain.findings import Level
from praxisatlas.publish.build import BuildSettings, build_site
from praxisatlas.relate import relate
from praxisatlas.render.site import SiteRenderer
from tests.support.project import BUILD_ENV, FIXTURE_KB, FROZEN_TODAY, run_script

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "veroeffentlichen.yml"
OPERATOR = "content/betreiber.yml"

COMPLETE = """\
anbieter:
  name: Beispielverein Jugendhilfe e. V.
  rechtsform: eingetragener Verein
  anschrift: [Musterweg 1, 12345 Musterstadt]
  vertreten_durch: Erika Beispiel (Vorsitzende)
  email: redaktion@beispiel.invalid
  telefon: 0123 456789-0
verantwortlich_inhalt:
  name: Max Beispiel
  anschrift: [Musterweg 1, 12345 Musterstadt]
datenschutz:
  aufsichtsbehoerde:
    name: Landesbeauftragte für Datenschutz Musterland
    anschrift: [Amtsweg 2, 12345 Musterstadt]
    url: https://datenschutz.beispiel.invalid
barrierefreiheit:
  erstellt: "2026-11-30"
  ueberprueft: "2026-11-30"
  methode: Selbstbewertung mit axe-core.
  kontakt:
    email: barrierefrei@beispiel.invalid
    telefon: 0123 456789-1
  schlichtungsstelle:
    name: Schlichtungsstelle nach § 16 BGG
    anschrift: [Mauerstraße 53, 10117 Berlin]
    url: https://www.schlichtungsstelle-bgg.de
"""


def project(tmp_path: Path, operator: str | None) -> Path:
    """A copy of the frozen knowledge base with the given operator file (None: without one)."""
    root = tmp_path / "projekt"
    for folder in ("content", "practices"):
        shutil.copytree(FIXTURE_KB / folder, root / folder)
    if operator is None:
        (root / OPERATOR).unlink()
    else:
        (root / OPERATOR).write_text(operator, encoding="utf-8")
    (root / "scripts").symlink_to(REPO_ROOT / "scripts")  # the workflow runs `python scripts/…` in the checkout
    return root


INSTALL = "python -m pip install --disable-pip-version-check -c requirements-lock.txt -e ."


def check_step() -> dict:
    """The publish workflow's step that checks the operator data, and where it stands in the job: after the
    step that installs the project (the script only calls praxisatlas.cli), before the build."""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["bauen"]["steps"]
    names = [s.get("name") or s.get("uses") for s in steps]
    step = next(s for s in steps if s.get("id") == "betreiber")
    assert names.index(step["name"]) < names.index("Website bauen"), "Prüfung muss vor dem Bauen laufen"
    runs = [s["run"] for s in steps[:names.index(step["name"])] if "run" in s]
    assert runs == [INSTALL], "vorher das Projekt installieren (mit seinen Abhängigkeiten)"
    return step


def run_step(root: Path) -> subprocess.CompletedProcess:
    """Run the step's command as GitHub Actions would (bash -e in the checkout), with the project installed as
    the step before installs it (here: this test environment's editable install, no PYTHONPATH)."""
    env = {key: value for key, value in BUILD_ENV.items() if key != "PYTHONPATH"}
    return subprocess.run(["bash", "-e", "-c", check_step()["run"]], cwd=root, capture_output=True, text=True,
                          env={**env, "GITHUB_ACTIONS": "true"}, timeout=120)


def test_publish_step_refuses_placeholders(tmp_path):
    result = run_step(project(tmp_path, (FIXTURE_KB / OPERATOR).read_text(encoding="utf-8")))
    assert result.returncode != 0
    assert "content/betreiber.yml:9:3: Fehler: „anbieter.name“ ist noch ein Platzhalter" in result.stderr
    assert "::error file=content/betreiber.yml,line=9,col=3::" in result.stdout  # annotation in the Actions log
    assert "Nicht veröffentlichen" in result.stderr


def test_publish_step_refuses_a_missing_file(tmp_path):
    result = run_step(project(tmp_path, None))
    assert result.returncode != 0 and "Die Datei fehlt" in result.stderr


def test_publish_step_passes_complete_data(tmp_path):
    result = run_step(project(tmp_path, COMPLETE))
    assert result.returncode == 0, result.stderr


def test_local_build_only_warns_about_placeholders_and_the_validator_stays_quiet():
    """validate.py runs strict in every pull request: placeholders must not fail it; the build warns."""
    _, findings = load_and_validate(FIXTURE_KB, today=FROZEN_TODAY)
    assert [f for f in findings if f.path == OPERATOR] == []
    build = build_site(FIXTURE_KB, BuildSettings(FROZEN_TODAY))
    operator = [f for f in build.findings if f.path == OPERATOR]
    assert operator and all(f.level is Level.WARNING for f in operator)
    assert any("„barrierefreiheit.kontakt.email“ ist noch ein Platzhalter" in f.message for f in operator)


@pytest.mark.parametrize(("change", "line", "message"), [
    (("email: redaktion@beispiel.invalid", "email: redaktion(at)beispiel"), 6,
     "„anbieter.email“: erwartet wird eine E-Mail-Adresse"),
    (("  url: https://datenschutz.beispiel.invalid", "  url: http://datenschutz.beispiel.invalid"), 15,
     "„datenschutz.aufsichtsbehoerde.url“: erwartet wird eine Webadresse, die mit https:// beginnt"),
    (("  rechtsform: eingetragener Verein", "  rechtsfrom: eingetragener Verein"), 3, "rechtsfrom"),
    (("  erstellt: \"2026-11-30\"", "  erstellt: 30.11.2026"), 17, "Datum in der Form JJJJ-MM-TT"),
])
def test_bad_operator_data_is_a_german_error_with_position(tmp_path, change, line, message):
    root = project(tmp_path, COMPLETE.replace(*change))
    result = run_script("validate.py", "--root", str(root))
    assert result.returncode == 1
    assert f"content/betreiber.yml:{line}:" in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def pages(root: Path) -> dict[str, str]:
    kb, findings = load_and_validate(root, today=FROZEN_TODAY)
    assert not [f for f in findings if f.level is Level.ERROR]
    return {o.uri: o.render() for o in SiteRenderer(kb, relate(kb), FROZEN_TODAY).plans()}


def test_legal_pages_show_placeholders_as_placeholders():
    site = pages(FIXTURE_KB)
    for uri in ("impressum.md", "datenschutz.md", "barrierefreiheit.md"):
        assert "Angaben noch nicht vollständig" in site[uri], uri
        assert '<span class="pa-platzhalter">Platzhalter: ' in site[uri], uri
    assert "PLATZHALTER" not in "".join(site.values())


def test_legal_pages_carry_what_the_law_asks_for(tmp_path):
    site = pages(project(tmp_path, COMPLETE))
    impressum, datenschutz, barrierefreiheit = (site[f"{n}.md"] for n in ("impressum", "datenschutz",
                                                                          "barrierefreiheit"))
    for text in (impressum, datenschutz, barrierefreiheit):
        assert "Angaben noch nicht vollständig" not in text and "pa-platzhalter" not in text
    assert "§ 5 Digitale-Dienste-Gesetz" in impressum and "§ 18 Abs. 2 Medienstaatsvertrag" in impressum
    assert "Beispielverein Jugendhilfe e. V." in impressum and "Musterweg 1<br>" in impressum
    assert '<a href="mailto:redaktion@beispiel.invalid">' in impressum and "{ #kontakt }" in impressum
    for needle in ("Beispielverein Jugendhilfe e. V.", "GitHub Pages", "IP-Adresse", "Protokolldateien",
                   "Art. 6 Abs. 1 Buchst. f DSGVO", "Art. 15 DSGVO", "Art. 77 DSGVO",
                   "Landesbeauftragte für Datenschutz Musterland", "„Fehler melden“"):
        assert needle in datenschutz, needle
    for needle in ("teilweise mit der BITV 2.0 vereinbar", "30.11.2026", "Selbstbewertung mit axe-core",
                   "barrierefrei@beispiel.invalid", "tel:01234567891", "Schlichtungsstelle nach § 16 BGG",
                   "Partnersuche:", "Vergleich von Kommunen:", "Filter der Listen", "Gebärdensprache"):
        assert needle in barrierefreiheit, needle
