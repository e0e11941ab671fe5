#!/usr/bin/env python3
"""Misst die Suche (Pagefind) gegen Materials eingebaute Suche (lunr) auf demselben Korpus: Build-Zeit mit
Suchindex, erste Treffer im kalten Chromium nach dem letzten Tastendruck, geladene Bytes, und wie Zeit,
Speicher (alle Prozesse zusammen) und Indexgröße vom 1- zum 10-fachen Korpus wachsen.

Von scripts/benchmark.py aufgerufen (`--suche`). Ein Werkzeug für Entwickler (es nutzt tests/support/); allein
aus dem Projektordner aufrufen: `python -m scripts.benchmark_suche [--quick]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from praxisatlas import REPO_ROOT
from praxisatlas.domain import dates
from praxisatlas.publish.build import THEME_OVERRIDES
from praxisatlas.publish.standalone import hookless_config
from tests.support.corpus import generate_corpus

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO_ROOT)}
QUERIES = ("Kinderschutz", "Kitaplätze", "§ 8a", "Familien")  # "Familien": a word on nearly every page
# what "§ 8a" must show first: the Kinderschutz topic, the paragraph's own page or a practice (not a Kommune whose
# made-up name holds an "8")
LEGAL_FIRST = ("themen/kinderschutz", "rechtsgrundlagen/", "praxis/")
GROWTH_GOAL = 11  # the 10x build may take at most 11 times the 1x build of the same run
MATERIAL_SEARCH = "plugins:\n  - search:\n      lang: de\n"


@dataclass
class Build:
    seconds: float
    peak_mb: int  # highest sum of the memory (PSS) of the build and all its child processes


def _proportional_kb(pid: int) -> int:
    """Memory of one process in KB as its share of each page (PSS): a page that a forked helper still shares
    with its parent counts once in the sum over all processes, not twice as with the resident size."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_rss(pid: int) -> int:
    """Memory (KB, PSS) of `pid` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _proportional_kb(current)
        todo += children.get(current, [])
    return total


def build(cmd: list[str], cwd: Path | None = None) -> Build:
    """Run a build, sampling the memory of its whole process tree every second."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]

    def sample() -> None:  # once a second: reading every process' memory map costs CPU the build needs
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss(process.pid))
            time.sleep(1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"Fehlgeschlagen: {' '.join(cmd)}\n{stderr.decode('utf-8', 'replace')[-2000:]}")
    return Build(seconds, peak[0] // 1024)


def material_config(folder: Path, corpus: Path, docs: Path) -> Path:
    """Plain MkDocs + Material with its built-in search (lunr) and its search box, for the same pages."""
    theme = folder / "theme-material-suche"
    shutil.copytree(THEME_OVERRIDES, theme, dirs_exist_ok=True)
    (theme / "partials" / "header.html").unlink()  # Material's own header, with its search box
    text = hookless_config((corpus / "mkdocs.yml").read_text(encoding="utf-8"), docs, theme)
    text = text.replace("plugins: []\n", MATERIAL_SEARCH)
    config = folder / "mkdocs-material-suche.yml"
    config.write_text(text, encoding="utf-8")
    return config


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# in the page: note each keystroke and the moment the first result appears
# (or the message that nothing was found: then the figure says so)
_WATCH = """([selector, none]) => { window.__lastKey = 0; window.__first = 0; window.__none = false;
  document.addEventListener('keydown', () => { window.__lastKey = performance.now(); window.__first = 0; }, true);
  new MutationObserver(() => {
    if (window.__first) return;
    const empty = [...document.querySelectorAll(none[0])].some(e => e.textContent.includes(none[1]));
    if (document.querySelector(selector) || empty) { window.__first = performance.now(); window.__none = empty; }
  }).observe(document.body, {childList: true, subtree: true, characterData: true}); }"""
ENGINES = {  # first result, and where the engine says it found nothing
    "pagefind": (".pa-suche__ergebnis", ["[data-pa-suche-status]", "Keine Treffer"]),
    "lunr": (".md-search-result__item", [".md-search-result__meta", "Keine Suchergebnisse"]),
}


def first_result(browser, url: str, query: str, engine: str) -> tuple[float, int, int, bool, str]:
    """Cold page (new context, empty cache): seconds from the last keystroke to the first result, bytes
    fetched for the search, bytes fetched from opening the page to the first result, whether nothing was
    found, and the first result's address."""
    page = browser.new_page()
    fetched: list[tuple[str, int]] = []

    def count(response) -> None:
        try:
            fetched.append((response.url, len(response.body())))
        except Exception:  # a redirect or an aborted request has no body
            fetched.append((response.url, 0))

    page.on("response", count)
    page.goto(url, wait_until="networkidle")
    before = sum(size for _, size in fetched)
    page.evaluate(_WATCH, list(ENGINES[engine]))
    page.keyboard.press("/")
    page.keyboard.type(query, delay=60)
    page.wait_for_function("() => window.__first > 0", timeout=180_000, polling=20)
    seconds, none = page.evaluate("[(window.__first - window.__lastKey) / 1000, window.__none]")
    page.wait_for_timeout(200)
    total = sum(size for _, size in fetched)
    link = page.query_selector(f"{ENGINES[engine][0]} a")
    first = urlsplit(link.get_attribute("href") or "").path.strip("./") if link and not none else ""
    page.context.close()
    return seconds, total - before, total, none, first


def _kb(size: int) -> str:
    return f"{size / 1024:,.0f}".replace(",", ".")


def _verdict(met: bool) -> str:
    return "erreicht" if met else "verfehlt"


def browser_figures(site: Path, engine: str, goal: float | None = None) -> list[str]:
    """One line per query; with `goal` (seconds), each with its verdict, and one for what "§ 8a" shows first."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import Browser, serve

    lines = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = Browser(playwright)
        try:
            for query in QUERIES:
                seconds, search_bytes, total, none, first = first_result(browser, url, query, engine)
                what = "„keine Treffer“" if none else f"erster Treffer ({first or 'Startseite'})"
                aim = "" if goal is None else f" (Ziel ≤ {goal:.1f} s: {_verdict(seconds <= goal)})".replace(".", ",")
                lines.append(f"  „{query}“: {what} {seconds:.2f} s nach dem letzten Tastendruck{aim}; "
                             f"{_kb(search_bytes)} KB für die Suche, {_kb(total)} KB ab Seitenaufruf")
                if goal is not None and query == "§ 8a":
                    lines.append(f"  „§ 8a“ zuerst ein Thema Kinderschutz, eine Rechtsgrundlage oder ein "
                                 f"Praxisbeispiel: {first or 'Startseite'} ({_verdict(first.startswith(LEGAL_FIRST))})")
        finally:
            browser.close()
        if browser.foreign_requests:
            lines.append(f"  Anfragen an fremde Rechner: {browser.foreign_requests[:3]}")
    return lines


def measure_corpus(base: Path, kommunen: int, praxis: int, themen: int, netzwerke: int, label: str,
                   repeats: int, browser: bool) -> tuple[list[str], Build, int]:
    """Our build (and, with `repeats` > 0, plain MkDocs + Material/lunr on the same pages, alternately
    `repeats` times each, medians compared) and the search in Chromium."""
    corpus = base / f"korpus-{label}"
    generate_corpus(corpus, kommunen, praxis, themen, netzwerke)
    site = base / f"site-{label}"
    material_site = base / f"site-material-{label}"
    material_yml = None
    if repeats:
        docs = base / f"markdown-{label}"
        subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "generate.py"), "--root", str(corpus),
                        "--out", str(docs)], env=ENV, check=True, capture_output=True)
        material_yml = material_config(base, corpus, docs)
    ours: list[Build] = []
    materials: list[Build] = []
    for _ in range(max(1, repeats)):
        shutil.rmtree(site, ignore_errors=True)
        ours.append(build([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=corpus))
        if material_yml is not None:
            shutil.rmtree(material_site, ignore_errors=True)
            materials.append(build([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(material_yml),
                                    "-d", str(material_site)]))
    mine = Build(statistics.median(b.seconds for b in ours), max(b.peak_mb for b in ours))
    index = folder_bytes(site / "pagefind")
    pages = sum(1 for _ in site.rglob("*.html"))
    runs = ", ".join(f"{b.seconds:.1f}" for b in ours)
    lines = [f"{label}: {kommunen} Kommunen, {praxis} Praxisbeispiele, {pages} Seiten",
             f"  unser Build mit Pagefind-Index: {mine.seconds:.1f} s (Median von {runs} s), Spitze aller Prozesse "
             f"{mine.peak_mb} MB (PSS); Index {index / 1e6:.1f} MB in "
             f"{sum(1 for _ in (site / 'pagefind').rglob('*'))} Dateien"]
    if materials:
        material = Build(statistics.median(b.seconds for b in materials), max(b.peak_mb for b in materials))
        lunr = (material_site / "search" / "search_index.json").stat().st_size
        ratio = mine.seconds / material.seconds
        their_runs = ", ".join(f"{b.seconds:.1f}" for b in materials)
        lines.append(f"  reines MkDocs + Material mit eingebauter Suche (lunr), dieselben Seiten: "
                     f"{material.seconds:.1f} s (Median von {their_runs} s), Spitze {material.peak_mb} MB, "
                     f"Index {lunr / 1e6:.1f} MB → unser Build = {ratio:.2f} × (Ziel ≤ 0,85: "
                     f"{'erreicht' if ratio <= 0.85 else 'verfehlt'})")
        if browser:
            lines.append("  Material/lunr im Browser (Vergleich):")
            lines += browser_figures(material_site, "lunr")
    elif browser:
        lines.append("  Material/lunr: beim 10-fachen Korpus nicht gemessen (Index über 200 MB, Build > 15 min)")
    if browser:
        lines.append("  Pagefind im Browser (Ziel: ≤ 1 s, beim 10-fachen Korpus ≤ 1,5 s; ≤ 500 KB für die Suche, "
                     "≤ 1 MB ab Seitenaufruf):")
        lines += browser_figures(site, "pagefind", 1.5 if label == "10×" else 1.0)
    shutil.rmtree(corpus, ignore_errors=True)
    return lines, mine, index


def run(quick: bool, ten_times: bool, show=None, repeats: int = 2) -> list[str]:
    """Measure 1× (against Material/lunr) and, with `ten_times`, 10×; `show` gets each part as it is measured
    (the 10× corpus takes long: what is measured is out before it starts)."""
    kommunen, praxis, themen, netzwerke = (40, 150, 10, 8) if quick else (600, 3000, 40, 50)
    lines: list[str] = []

    def emit(part: list[str]) -> None:
        lines.extend(part)
        if show:
            show(part)

    with tempfile.TemporaryDirectory(prefix="praxisatlas-suche-") as tmp:
        base = Path(tmp)
        one, build1, index1 = measure_corpus(base, kommunen, praxis, themen, netzwerke, "1×", repeats, True)
        emit(one)
        if ten_times:
            shutil.rmtree(base, ignore_errors=True)
            base.mkdir(exist_ok=True)
            ten, build10, index10 = measure_corpus(base, kommunen * 10, praxis * 10, themen, netzwerke, "10×", 0,
                                                   True)
            emit(ten)
            growth = build10.seconds / build1.seconds
            emit([f"Wachstum 1× → 10×: Zeit {growth:.1f}× (Ziel ≤ {GROWTH_GOAL}: "
                  f"{_verdict(round(growth, 1) <= GROWTH_GOAL)}), Speicher "
                  f"{build10.peak_mb / max(1, build1.peak_mb):.1f}× ({build10.peak_mb} MB, Ziel < 6144 MB: "
                  f"{'erreicht' if build10.peak_mb < 6144 else 'verfehlt'}), Index {index10 / max(1, index1):.1f}×"])
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="kleiner Korpus")
    parser.add_argument("--ohne-zehnfach", action="store_true", help="den zehnfachen Korpus nicht messen")
    parser.add_argument("--wiederholungen", type=int, default=2,
                        help="Builds je Variante beim 1-fachen Korpus, abwechselnd (Median)")
    args = parser.parse_args(argv)
    print(f"Suche – {dates.today().isoformat()}, {platform.node()}, {os.cpu_count()} Kerne", flush=True)
    run(args.quick, not args.ohne_zehnfach, lambda part: print("\n".join(part), flush=True), args.wiederholungen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
