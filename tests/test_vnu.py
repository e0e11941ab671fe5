"""The W3C Nu HTML Checker (vnu, pinned in package.json as vnu-jar; runs offline with Java) finds no error on
the built site: our templates, Material's frame (theme/partials/toc.html, publish/frame_markup.py) and /bearbeiten/."""

from __future__ import annotations

import json
import shutil
import subprocess

from praxisatlas import REPO_ROOT

VNU = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_whole_site_validates(site_dir):
    assert VNU.is_file(), "vnu.jar fehlt: npm ci"
    assert shutil.which("java"), "Java fehlt (Debian: default-jre-headless)"
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
                             str(site_dir)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    pages = len(list(site_dir.rglob("*.html")))
    assert pages > 40
    found = [f"{m.get('url', '').removeprefix(site_dir.as_uri())}: {m.get('message')}" for m in messages]
    assert found == [], "\n".join(found[:20])
    assert result.returncode == 0, result.stderr[-2000:]


def test_toggles_and_contents_label_are_valid_in_the_frame(site_dir):
    entry = (site_dir / "kommunen" / "kreis-lippe" / "index.html").read_text(encoding="utf-8")
    assert '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">' in entry
    assert 'autocomplete="off">' not in entry.split('<div class="md-container"', 1)[0]
    assert 'for="__toc"' not in entry  # an entry is not in the navigation: no #__toc checkbox, no label for it
    in_nav = (site_dir / "mitmachen" / "index.html").read_text(encoding="utf-8")
    assert 'id="__toc"' in in_nav and 'for="__toc"' in in_nav  # the drawer's way back from the contents stays
