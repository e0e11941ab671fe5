"""One switch turns every fast path off (praxisatlas/domain/fast_paths.py); the plain way gives the same bytes."""

from __future__ import annotations

import re

import pytest

from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain import fast_paths
from tests.support.digests import digests
from tests.support.kbfactory import TODAY, replace_in, write_kb
from tests.support.project import mkdocs_build

FAST = {"PRAXISATLAS_SEITENHELFER_AB": "1", "PRAXISATLAS_NAVIGATION_MERKEN": "ja"}  # helper on even for few pages
PLAIN = {fast_paths.SWITCH: "aus", "PRAXISATLAS_SEITENHELFER_AB": "1", "PRAXISATLAS_NAVIGATION_MERKEN": "ja"}


def test_the_site_is_the_same_with_every_fast_path_on_and_off(project_dir, tmp_path):
    fast = mkdocs_build(project_dir / "mkdocs.yml", tmp_path / "schnell", "--verbose", env=FAST)
    assert fast.returncode == 0, fast.stderr[-3000:]
    assert "Seitenhelfer: " in fast.stderr and "Navigation aus dem Zwischenspeicher" in fast.stderr  # really on
    plain = mkdocs_build(project_dir / "mkdocs.yml", tmp_path / "schlicht", "--verbose", env=PLAIN)
    assert plain.returncode == 0, plain.stderr[-3000:]
    assert "Seitenhelfer: " not in plain.stderr and "Navigation aus dem Zwischenspeicher" not in plain.stderr
    assert digests(tmp_path / "schnell") == digests(tmp_path / "schlicht")


@pytest.mark.parametrize("broken", [None, ("status: laufend", "status: fertig"), ("  stelle: Jugendamt der Stadt A\n", "")])
def test_the_findings_are_the_same_with_every_fast_path_on_and_off(tmp_path, monkeypatch, broken):
    overrides = replace_in("practices/besuche.md", *broken) if broken else None
    root = write_kb(tmp_path, overrides)
    fast = [f.format() for f in load_and_validate(root, TODAY)[1]]
    monkeypatch.setenv(fast_paths.SWITCH, "aus")
    assert fast_paths.current() == fast_paths.PLAIN
    assert [f.format() for f in load_and_validate(root, TODAY)[1]] == fast



def test_the_glossary_scan_finds_what_the_plain_alternation_finds(monkeypatch):
    """domain/glossary.py tries each term only where its first letters stand. On every text of the fixture, on
    every form of the glossary in many spellings, and on texts made to trip it (hyphens, inflections, one match
    inside another, letters with case rules of their own) it finds the same terms as the one alternation."""
    from praxisatlas.domain.glossary import synonyms, terms
    from praxisatlas.io.load import load
    from tests.support.project import FIXTURE_KB

    kb, _ = load(FIXTURE_KB)
    texts = [e.body for e in kb.praxis.values()] + [str(e.data) for e in kb.all_entries()]
    for term in terms():
        for form in filter(None, (term.short, term.expansion, term.term, *term.also)):
            texts += [form, f"Der {form.upper()}-Bericht", f"des {form}s und der {form.lower()}en", f"x{form}",
                      f"({form})", f"{form}-{form}", f"{form} {form}", f"Ober{form.lower()}", f"{form}\n{form}"]
    texts += ["Hilfen zur Erziehung im Allgemeinen Sozialen Dienstes", "ASD-Leitung, HzE; KKG", "\u212aita-Plätze",
              "Schulſozialarbeit und Jugendſozialarbeit", "İnobhutnahme", "Hilfe zur\tErziehung", ""]
    fast = [synonyms(t) for t in texts]
    monkeypatch.setenv(fast_paths.SWITCH, "aus")
    assert [synonyms(t) for t in texts] == fast
    assert sum(bool(found) for found in fast) > 300  # the texts do hold terms


@pytest.mark.parametrize("fold", [True, False])
def test_the_glossary_scan_takes_matches_as_the_alternation_does(monkeypatch, fold):
    """Terms whose forms overlap and repeat their first letters, on random texts: the same terms as the plain way
    (the glossary itself has no such forms yet, so the test above alone could not tell)."""
    import random

    from praxisatlas.domain.glossary import _found, _scan_of, _stem_pattern

    forms = [["abab"], ["aba ab", "ba"], ["ab"], ["bab"], ["Aabab"], ["baba ba"], ["ab ba"]]  # "ab" before "ab ba"
    scan = _scan_of([(n, [_stem_pattern(f[0])] + [re.escape(a) for a in f[1:]], f) for n, f in enumerate(forms)],
                    fold=fold)
    assert scan.exact
    rng = random.Random(7)
    pieces = ["ab", "aba", "bab", "ba", "Ab", "BA", "a", "b", " ", " ", " ", "-", "\n", "x"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(3000)]
    fast = [scan.found(t) for t in texts]
    assert sum(len(f) > 1 for f in fast) > 40  # many texts hold several terms (123 and 54 of 3,000)
    assert fast == [_found(scan.pattern, t) for t in texts]
