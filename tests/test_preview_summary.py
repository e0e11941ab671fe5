"""The pull request preview: the site built from a branch and the one-page summary of what it changes."""

from __future__ import annotations

import re
import subprocess

from praxisatlas.domain.findings import Finding, Level
from praxisatlas.publish.preview_summary import PageChange, page_of, summary
from tests.support.project import fixture_project, mkdocs_build, run_script


def git(cwd, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=cwd,
                          check=True, capture_output=True, text=True).stdout


def test_pull_request_preview_lists_new_and_changed_pages_inside_the_built_site(tmp_path):
    root = fixture_project(tmp_path / "projekt")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Stand von main")
    base = git(root, "rev-parse", "HEAD").strip()
    git(root, "switch", "--quiet", "--create", "vorschlag")
    old = root / "practices/kollegiale-visitation-kovis.md"
    new = root / "practices/kovis-neu-in-hemer.md"
    text = old.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("titel:"))
    new.write_text(text.replace(title, "titel: KoVis neu in Hemer").replace("\n## Ziele\n", "\n## Ziele\n\n"
                   "Offen: Bitte ersetzen: Ziele.\n", 1), encoding="utf-8")
    lippe = root / "content/kommunen/kreis-lippe.yml"
    lippe.write_text(lippe.read_text(encoding="utf-8") + "# geändert\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Vorschlag")

    built = mkdocs_build(root / "mkdocs.yml", root / "site")
    assert built.returncode == 0, built.stderr[-2000:]
    result = run_script("vorschau.py", "--root", str(root), "--site", str(root / "site"), "--basis", base,
                        "--pr", "42", "--artefakt-url", "https://github.com/o/r/actions/runs/1/artifacts/2",
                        "--ausgabe", str(tmp_path / "vorschau"), cwd=root)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "vorschau/zusammenfassung.md").read_text(encoding="utf-8")
    assert (tmp_path / "vorschau/pr-nummer.txt").read_text(encoding="utf-8") == "42"
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert rows == [
        "| Kreis Lippe | geändert | `kommunen/kreis-lippe/index.html` | `content/kommunen/kreis-lippe.yml` |",
        "| KoVis neu in Hemer | neu | `praxis/kovis-neu-in-hemer/index.html` | `practices/kovis-neu-in-hemer.md` |",
    ]
    for row in rows:
        assert (root / "site" / row.split("`")[1]).is_file()
    assert "[ZIP herunterladen](https://github.com/o/r/actions/runs/1/artifacts/2)" in text
    checks = text.split("### Prüfung der Inhalte")[1]
    assert re.search(r"\b0 Fehler, [0-9]+ Warnungen:", checks)  # the frozen content has warnings (old sources)
    assert "- `practices/kovis-neu-in-hemer.md:" in checks and "Platzhalter „Bitte ersetzen“" in checks


def test_page_of_source_files():
    assert page_of("practices/x.md") == ("praxis", "x")
    assert page_of("content/kommunen/soest.yml") == ("kommune", "soest")
    assert page_of("content/seiten/impressum.md") == ("seite", "impressum")
    assert page_of("content/dokumente/a.pdf") is None and page_of("praxisatlas/x.py") is None


def test_summary_text_is_safe_in_a_comment():
    pages = [PageChange("neu", "Titel | mit <script>alert(1)</script>\nZeile", "practices/x.md", None)]
    findings = [Finding("practices/x.md", 3, 1, Level.ERROR, "„status“: falsch | <b>")]
    text = summary(pages, findings, compared=True, artifact_url=None)
    assert "<script>" not in text and "<b>" not in text
    row = next(line for line in text.splitlines() if line.startswith("| Titel"))
    assert row.count(" | ") == 3 and "\n" not in row
    assert "1 Fehler, 0 Warnungen:" in text
    assert "Keine Fehler" in summary([], [], compared=False, artifact_url=None)
