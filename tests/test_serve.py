"""`mkdocs serve` rebuilds when a content file (YAML or practice) changes."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.support.browser import free_port, read_page
from tests.support.project import BUILD_ENV as NO_WARNING_ENV
from tests.support.project import fixture_project as copy_project


def _wait_for(url: str, text: str, timeout: float = 90) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in read_page(url):
            return True
        time.sleep(0.3)
    return False


@pytest.mark.parametrize("options", [[], ["--dirty"]], ids=["voll", "dirty"])
def test_serve_rebuilds_on_yaml_and_practice_changes(tmp_path, options):
    project = copy_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *options, "-f", str(project / "mkdocs.yml"),
         "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=NO_WARNING_ENV, cwd=project,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        assert _wait_for(base + "kommunen/kreis-lippe/", "Kreis Lippe"), "Vorschau startet nicht"
        assert _wait_for(base + "pagefind/pagefind-entry.json", '"de"'), "Vorschau ohne Suchindex"
        index_before = read_page(base + "pagefind/pagefind-entry.json")
        lippe = project / "content" / "kommunen" / "kreis-lippe.yml"
        lippe.write_text(lippe.read_text(encoding="utf-8").replace("name: Kreis Lippe", "name: Kreis Lippe (geändert)"),
                         encoding="utf-8")
        assert _wait_for(base + "kommunen/kreis-lippe/", "Kreis Lippe (geändert)"), "YAML-Änderung nicht übernommen"
        practice = project / "practices" / "kollegiale-visitation-kovis.md"
        practice.write_text(practice.read_text(encoding="utf-8").replace("## Ziele", "## Ziele\n\nOffen: ein Testabsatz.", 1),
                            encoding="utf-8")
        assert _wait_for(base + "praxis/kollegiale-visitation-kovis/", "Offen: ein Testabsatz."), "Praxisänderung fehlt"
        deadline = time.monotonic() + 60
        while read_page(base + "pagefind/pagefind-entry.json") in (index_before, "") and time.monotonic() < deadline:
            time.sleep(0.3)
        assert read_page(base + "pagefind/pagefind-entry.json") not in (index_before, ""), "Suchindex nicht erneuert"
    finally:
        server.terminate()
        server.wait(timeout=30)
