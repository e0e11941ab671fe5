"""The build's two speed-ups for large sites keep the site as it is: the page helper (publish/page_helper.py,
a second process renders entry pages) and the navigation cache (publish/navigation_cache.py).

The fixture is small, so the helper is switched on from the first entry (PRAXISATLAS_SEITENHELFER_AB=1);
on the real site it only starts from 1,000 entries.
"""

from __future__ import annotations

import re

from tests.support.digests import digests
from tests.support.project import fixture_project, mkdocs_build

HELPER_ON = {"PRAXISATLAS_SEITENHELFER_AB": "1"}
HELPER_OFF = {"PRAXISATLAS_SEITENHELFER_AB": "0", "PRAXISATLAS_NAVIGATION_MERKEN": "nein"}
HELPED = re.compile(r"Vom Seitenhelfer gerendert: (\S+)")



def test_site_with_helper_and_cache_is_byte_identical_to_site_without(project_dir, tmp_path):
    with_helper = mkdocs_build(project_dir / "mkdocs.yml", tmp_path / "mit", "--verbose", env=HELPER_ON)
    assert with_helper.returncode == 0, with_helper.stderr[-3000:]
    helped = HELPED.findall(with_helper.stderr)
    assert helped, "der Seitenhelfer hat keine Seite gerendert"
    reused = re.search(r"Navigation aus dem Zwischenspeicher: (\d+) Seiten", with_helper.stderr)
    assert reused and int(reused.group(1)) > 30, "die Navigation wurde nicht wiederverwendet"
    without = mkdocs_build(project_dir / "mkdocs.yml", tmp_path / "ohne", "--verbose", env=HELPER_OFF)
    assert without.returncode == 0, without.stderr[-3000:]
    assert not HELPED.findall(without.stderr)
    first, second = digests(tmp_path / "mit"), digests(tmp_path / "ohne")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert "Exception ignored" not in with_helper.stderr and "Traceback" not in with_helper.stderr


def test_warnings_from_helper_pages_still_stop_a_strict_build(tmp_path):
    """A broken link on a page the helper renders is reported here, once, and strict mode refuses the site."""
    project = fixture_project(tmp_path / "projekt")
    networks = sorted((project / "content" / "netzwerke").glob("*.yml"))  # the last pages: the helper starts there
    for network in networks:
        text = network.read_text(encoding="utf-8")
        network.write_text(text.replace("beschreibung: >-\n", "beschreibung: >-\n  Siehe [Vorlage](fehlt.md).\n", 1),
                           encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site", "--verbose", env=HELPER_ON)
    assert result.returncode != 0
    warned = re.findall(r"WARNING .*Doc file '(netzwerke/[^']+)' contains a link 'fehlt.md'", result.stderr)
    assert sorted(warned) == sorted(f"netzwerke/{n.stem}.md" for n in networks)  # each once, none lost
    assert set(HELPED.findall(result.stderr)) & set(warned), "kein Netzwerk vom Seitenhelfer gerendert"
    assert not (tmp_path / "site").exists()
