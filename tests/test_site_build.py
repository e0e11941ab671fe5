"""The real site, built with `mkdocs build --strict` into a temp folder."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from praxisatlas import REPO_ROOT
from praxisatlas.domain.model import KINDS
from praxisatlas.io.load import load
from tests.support.links import page_url, parse
from tests.support.project import FIXTURE_KB, mkdocs_build
from tests.support.project import fixture_project as copy_project

REPO_URL = "https://github.com/praxisatlas-jugendhilfe/praxisatlas"


def target_exists(site: Path, url: str) -> bool:
    path = unquote(urlsplit(url).path).lstrip("/")
    candidate = site / path
    return candidate.is_file() or (candidate / "index.html").is_file()


def test_a_page_for_every_entry(site_dir):
    kb, _ = load(FIXTURE_KB)
    assert kb.praxis and kb.kommunen and kb.themen and kb.netzwerke
    for entry in kb.all_entries():
        page = site_dir / entry.url / "index.html"
        assert page.is_file(), f"keine Seite für {entry.path}"
        assert entry.title.replace("&", "&amp;") in page.read_text(encoding="utf-8")
    for kind in KINDS.values():
        assert (site_dir / kind.url_prefix / "index.html").is_file()
    for page in ("ueber", "mitmachen", "impressum", "datenschutz", "barrierefreiheit", "leichte-sprache"):
        assert (site_dir / page / "index.html").is_file(), page


def test_every_internal_link_resolves(site_dir):
    broken = []
    for html_file in site_dir.rglob("*.html"):
        base = page_url(site_dir, html_file)
        parsed = parse(html_file)
        for href in parsed.links + parsed.resources:
            if href.startswith(("mailto:", "#", "javascript:")):
                continue
            url = urljoin(base, href)
            if urlsplit(url).netloc != "site.test":
                continue
            if not target_exists(site_dir, url):
                broken.append(f"{html_file.relative_to(site_dir)} -> {href}")
    assert not broken, "\n".join(broken[:30])


def test_entry_pages_link_each_other(site_dir):
    html = (site_dir / "praxis" / "kollegiale-visitation-kovis" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../kommunen/herten/"' in html
    assert 'href="../../netzwerke/kovis-team-1/"' in html
    lippe = (site_dir / "praxis" / "kinderschutz-netzwerk-lippe" / "index.html").read_text("utf-8")
    assert 'href="https://www.gesetze-im-internet.de/sgb_8/__8a.html"' in lippe
    kommune = (site_dir / "kommunen" / "kreis-lippe" / "index.html").read_text(encoding="utf-8")
    assert "../landkreis-friesland/" in kommune
    assert "../../praxis/kinderschutz-netzwerk-lippe/" in kommune


def test_no_resource_from_another_host(site_dir):
    foreign = []
    for html_file in site_dir.rglob("*.html"):
        for src in parse(html_file).resources:
            if urlsplit(src).netloc:
                foreign.append(f"{html_file.relative_to(site_dir)}: {src}")
    for css in site_dir.rglob("*.css"):
        for url in re.findall(r"url\((['\"]?)(https?:)?//", css.read_text(encoding="utf-8")):
            foreign.append(f"{css}: {url}")
    assert not foreign, "\n".join(foreign[:20])
    assert "fonts.googleapis" not in (site_dir / "index.html").read_text(encoding="utf-8")


def test_german_ui_and_search(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in html
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["de"]  # German stemming (Pagefind)


def test_edit_links_open_the_source_file(site_dir):
    kb, _ = load(FIXTURE_KB)
    for entry in kb.all_entries():
        html = (site_dir / entry.url / "index.html").read_text(encoding="utf-8")
        assert f'href="{REPO_URL}/edit/main/{entry.path}"' in html, entry.path
    impressum = (site_dir / "impressum" / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO_URL}/edit/main/content/betreiber.yml"' in impressum  # generated from the operator data
    kommunen_index = (site_dir / "kommunen" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/kommunen/index.md" not in kommunen_index


def test_every_page_has_a_report_link(site_dir):
    for html_file in site_dir.rglob("index.html"):
        html = html_file.read_text(encoding="utf-8")
        if "md-content" not in html:
            continue
        assert f'href="{REPO_URL}/issues/new?title=Fehler%20auf%20der%20Seite' in html, html_file
        assert ">Fehler melden</a>" in html


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_nothing_into_content_folders(tmp_path):
    project = copy_project(tmp_path)
    before = {name: _digest(project / name) for name in ("content", "practices")}
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    assert {name: _digest(project / name) for name in ("content", "practices")} == before


def test_invalid_content_stops_the_build_with_german_messages(tmp_path):
    project = copy_project(tmp_path)
    lippe = project / "content" / "kommunen" / "kreis-lippe.yml"
    lippe.write_text(lippe.read_text(encoding="utf-8").replace("bundesland:", "bundeslant:"), encoding="utf-8")
    practice = next((project / "practices").glob("*.md"))
    practice.write_text(practice.read_text(encoding="utf-8") + "\n<script>alert('x')</script>\n", encoding="utf-8")
    out = tmp_path / "out"
    result = mkdocs_build(project / "mkdocs.yml", out)
    assert result.returncode != 0
    assert "content/kommunen/kreis-lippe.yml:" in result.stderr
    assert "Unbekanntes Feld „bundeslant“ – meinten Sie „bundesland“?" in result.stderr
    assert f"practices/{practice.name}:" in result.stderr and "„<script>“ ist nicht erlaubt" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists(), "bei ungültigen Inhalten darf keine (halbe) Website entstehen"


def test_generated_pages_build_without_our_hooks(tmp_path, project_dir):
    """scripts/generate.py writes plain Markdown that a hook-less MkDocs builds in strict mode."""
    out = tmp_path / "docs"
    result = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "generate.py"), "--root", str(project_dir), "--out", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (out / "praxis" / "kollegiale-visitation-kovis.md").is_file()
    assert (out / "kommunen" / "kreis-lippe.md").is_file()
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Praxisatlas (ohne Hooks)\ndocs_dir: docs\ntheme:\n  name: mkdocs\n"
        "markdown_extensions: [attr_list, md_in_html, tables, admonition, toc]\n", encoding="utf-8")
    built = mkdocs_build(config, tmp_path / "site")
    assert built.returncode == 0, built.stderr[-3000:]
    assert (tmp_path / "site" / "kommunen" / "kreis-lippe" / "index.html").is_file()


def test_generated_pages_with_their_hookless_configuration(tmp_path, project_dir):
    """generate.py --konfiguration: the project's own mkdocs.yml without hooks builds the folder strictly, with
    our theme templates (repository link without GitHub's API, "Fehler melden")."""
    config = tmp_path / "mkdocs.yml"
    result = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "generate.py"), "--root", str(project_dir), "--out",
                             str(tmp_path / "docs"), "--konfiguration", str(config)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "hooks" not in config.read_text(encoding="utf-8")
    built = mkdocs_build(config, tmp_path / "site")
    assert built.returncode == 0, built.stderr[-3000:]
    page = (tmp_path / "site" / "kommunen" / "kreis-lippe" / "index.html").read_text(encoding="utf-8")
    assert "pa-source" in page and "Fehler melden" in page
    assert 'data-md-component="source"' not in page  # Material's widget would ask GitHub's API


def test_sanitizer_keeps_every_data_attribute_our_templates_and_scripts_use():
    """Our own templates and scripts rely on data-* attributes; the allow-list must keep each of them (or the
    filters and Partnersuche silently stop working)."""
    import re

    from praxisatlas.domain.markup import ALLOWED_DATA_ATTRIBUTES

    used = set()
    for folder in ("render/templates", "render/theme"):
        for path in (REPO_ROOT / "praxisatlas" / folder).rglob("*"):
            if path.name in ("header.html", "main.html", "toc.html"):  # Material's own frame (data-md-*: its scripts)
                continue
            if path.suffix in (".j2", ".js", ".html"):
                used |= set(re.findall(r"data-[a-z][a-z-]*[a-z]", path.read_text(encoding="utf-8")))
    assert used - ALLOWED_DATA_ATTRIBUTES == set()
