"""135 known XSS vectors in every place a contributor can write: refused by the validator, and harmless even
when the validator is bypassed, because every page passes the one sanitizer.

Each vector (tests/fixtures/xss-vektoren.txt, sources in its header) goes into a practice's title, short
description and body, a Kommune's name, special features and central topics, and a hand-written page's
title and body. The site is then built *without* the validator's veto and every page is opened in Chromium:
no script may run, no element may carry an event handler or a script URL, no content element a style, and no
request may leave 127.0.0.1.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain.findings import Level
from tests.support.project import BUILD_ENV, FIXTURES, FROZEN_TODAY, fixture_project

VECTORS = [line.replace("\\n", "\n") for line in (FIXTURES / "xss-vektoren.txt").read_text("utf-8").splitlines()
           if line and not line.startswith("#")]

SECTIONS = ["Ausgangslage", "Ziele", "Vorgehen", "Ergebnisse und Wirkung", "Übertragbarkeit", "Ressourcen"]

# A build that ignores the validator's errors: the sanitizer alone must keep the site safe.
UNCHECKED = "import praxisatlas.publish.build as build\nbuild.has_errors = lambda findings: False\n"

WATCH = """
window.__xss = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__xss.push(name); };
}
"""
SCAN = r"""() => {
  const bad = [];
  const urls = ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster", "background",
                "lowsrc", "dynsrc", "srcset"];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
      if (name.startsWith("on")) bad.push(`${el.tagName} ${name}`);
      if (urls.includes(name) && /^(javascript|vbscript|data:text|data:image\/svg)/.test(value))
        bad.push(`${el.tagName} ${name}=${value.slice(0, 40)}`);
      if (name === "style" && el.closest("article")) bad.push(`${el.tagName} style in content`);
    }
  }
  for (const tag of ["iframe", "object", "embed", "base", "meta[http-equiv=refresh]", "portal", "frame"]) {
    if (document.querySelector(`article ${tag}`)) bad.push(`element ${tag}`);
  }
  return bad.concat(window.__xss.map(name => `script ran: ${name}`));
}"""


def _practice(number: int, vector: str) -> str:
    front = {
        "titel": f"XSS {number}: {vector[:100]}", "kurzbeschreibung": vector, "themen": ["kinderschutz"],
        "kommunen": [f"xss-{number:03d}" if number % 3 == 0 else "kreis-lippe"], "status": "laufend", "zeitraum": {"beginn": "2020"},
        "rechtsgrundlagen": [], "quellen": [{"titel": "Test", "herausgeber": "Test", "datum": "2020-01-01"}],
        "kontakt": {"stelle": "Jugendamt"}, "stand": "2026-11-01", "pruefstatus": "eingereicht",
    }
    lines = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items())
    body = "\n\n".join(f"## {name}\n\n{vector if name == 'Ausgangslage' else 'Text.'}" for name in SECTIONS)
    return f"---\n{lines}\n---\n\n{body}\n"


def _kommune(number: int, vector: str) -> str:
    data = {"name": f"XSS-Kommune {number} {vector[:80]}", "art": "Kreis", "bundesland": "Nordrhein-Westfalen",
            "besonderheiten": vector, "zentrale_themen": [vector], "stand": "2026-11-01"}
    return "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()) + "\n"


def _page(vector: str) -> str:
    return f"---\ntitle: {json.dumps(vector, ensure_ascii=False)}\n---\n\n{vector}\n"


def _hostile_project(root: Path) -> Path:
    fixture_project(root)
    (root / "content" / "seiten" / "xss").mkdir()
    for number, vector in enumerate(VECTORS, start=1):
        (root / "practices" / f"xss-{number:03d}.md").write_text(_practice(number, vector), encoding="utf-8")
        if number % 3 == 0:  # Kommune fields for a third of the vectors keep the build and the walk short
            (root / "content" / "kommunen" / f"xss-{number:03d}.yml").write_text(_kommune(number, vector), "utf-8")
        (root / "content" / "seiten" / "xss" / f"{number:03d}.md").write_text(_page(vector), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    return _hostile_project(tmp_path_factory.mktemp("xss"))


@pytest.fixture(scope="module")
def unchecked_site(hostile, tmp_path_factory) -> Path:
    custom = tmp_path_factory.mktemp("ungeprueft")
    (custom / "sitecustomize.py").write_text(UNCHECKED, encoding="utf-8")
    site = tmp_path_factory.mktemp("xss-site") / "site"
    env = {**BUILD_ENV, "PYTHONPATH": f"{custom}:{BUILD_ENV['PYTHONPATH']}"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(hostile / "mkdocs.yml"), "-d",
                             str(site)], capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def test_corpus_is_large_enough():
    assert len(VECTORS) >= 100


def test_validator_refuses_the_vectors_with_german_positions(hostile):
    """The early feedback: every practice, Kommune and hand-written page with a vector gets a German error
    with file, line and column (except the few vectors that are harmless text once rendered)."""
    _kb, findings = load_and_validate(hostile, FROZEN_TODAY)
    errors = [f for f in findings if f.level is Level.ERROR]
    assert all(f.line >= 1 and f.col >= 1 and ": Fehler: " in f.format() for f in errors)
    flagged = {f.path for f in errors}
    for folder, pattern, step in (("practices", "xss-{:03d}.md", 1), ("content/kommunen", "xss-{:03d}.yml", 3),
                                  ("content/seiten/xss", "{:03d}.md", 1)):
        numbers = range(step, len(VECTORS) + 1, step)
        missed = [VECTORS[n - 1] for n in numbers if f"{folder}/{pattern.format(n)}" not in flagged]
        assert len(missed) <= len(numbers) // 10, (folder, missed)


def test_no_vector_survives_the_sanitizer_in_chromium(unchecked_site, browser):
    from tests.support.browser import serve

    pages = sorted(p.relative_to(unchecked_site).parent.as_posix() + "/"
                   for p in unchecked_site.rglob("index.html"))
    pages = [("" if p == "./" else p) for p in pages]
    assert len(pages) > 2 * len(VECTORS)
    problems: dict[str, list[str]] = {}
    browser.foreign_requests.clear()
    with serve(unchecked_site) as url:
        page = browser.new_page()
        page.add_init_script(WATCH)
        page.on("dialog", lambda dialog: (problems.setdefault("dialog", []).append(dialog.message), dialog.dismiss()))
        for path in pages:
            page.goto(url + path, wait_until="load")
            found = page.evaluate(SCAN)
            if found:
                problems[path] = found
        page.context.close()
    assert problems == {}, list(problems.items())[:10]
    assert browser.foreign_requests == [], browser.foreign_requests[:10]
