#!/usr/bin/env python3
"""Misst Validierung, Website-Build, Seitengröße, Suchindex, Handbuch und Vorschau-Latenz auf einem
synthetischen Korpus und gibt Verhältnisse zu Vergleichsmessungen aus demselben Lauf aus.

Ein Werkzeug für Entwickler (es nutzt tests/support/); aus dem Projektordner aufrufen:
`python -m scripts.benchmark …`
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from praxisatlas import REPO_ROOT
from praxisatlas.domain import dates
from praxisatlas.io.console import GermanArgumentParser
from praxisatlas.publish.build import THEME_OVERRIDES
from praxisatlas.publish.standalone import hookless_config
from tests.support.browser import free_port, read_page
from tests.support.corpus import generate_corpus

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO_ROOT)}


@dataclass
class Run:
    """One measured command: wall seconds, CPU seconds (its own and its children's), peak RSS in MB."""

    seconds: float
    cpu: float
    rss: int


class Report(list):
    """The benchmark's lines, each printed as soon as it is measured (a long run that is stopped keeps them)."""

    def append(self, line: str) -> None:
        print(line, flush=True)
        super().append(line)

    def extend(self, lines) -> None:
        for line in lines:
            self.append(line)


def paired_overhead(ours: list[float], plains: list[float]) -> float:
    """Our overhead over plain MkDocs: each run of ours against the plain run right after it, the median of
    these differences (the machine drifts by seconds between runs, a neighbour shares the drift)."""
    if len(ours) != len(plains) or not ours:
        raise ValueError("expected as many runs of ours as plain runs, at least one")
    return statistics.median(a - b for a, b in zip(ours, plains, strict=True))


def verdict(value: float, goal: float) -> str:
    """'erreicht' or 'verfehlt' for a figure that should be at most `goal`."""
    return "erreicht" if value <= goal else "verfehlt"


def measure(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run a command and measure it (fails loudly on a non-zero exit)."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"Fehlgeschlagen: {' '.join(cmd)}\n{stderr[-2000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024)


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, int]:
    """Run a command; return wall seconds and its peak RSS in MB (fails loudly on a non-zero exit)."""
    result = measure(cmd, cwd, env)
    return result.seconds, result.rss


def plain_config(folder: Path, corpus: Path, docs: Path) -> Path:
    """The corpus' own mkdocs.yml (same theme and theme templates, features, nav, extensions, assets) for the
    same pages written out as plain Markdown, without our hooks."""
    config = folder / "mkdocs-plain.yml"
    config.write_text(hookless_config((corpus / "mkdocs.yml").read_text(encoding="utf-8"), docs, THEME_OVERRIDES),
                      encoding="utf-8")
    return config


HUGO_CONFIG = """baseURL = "http://127.0.0.1/"
title = "Vergleich"
languageCode = "de"
disableKinds = ["taxonomy", "term", "RSS"]
[outputs]
home = ["HTML", "JSON"]
[markup.goldmark.renderer]
unsafe = true
"""
HUGO_NAV = " ".join(f'"{item}"' for item in ("Start", "Praxisbeispiele", "Kommunen", "Themen", "Netzwerke",
                                             "Partnersuche", "Vergleich", "Mitmachen", "Impressum"))
HUGO_LAYOUTS = {  # templates of a Hugo site: "_default/baseof.html", "_default/single.html", "index.json"
    "minimales Layout": {
        "_default/baseof.html": "<html><body>{{ block \"main\" . }}{{ end }}</body></html>",
        "index.json": "{}",
    },
    "mit Navigation, Inhaltsverzeichnis und Suchindex": {
        "_default/baseof.html": (
            '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
            '<link rel="stylesheet" href="{{ "assets/site.css" | relURL }}"></head><body><header>'
            '<a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header><nav><ul>{{ range slice ' + HUGO_NAV +
            ' }}<li><a href="{{ "/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul></nav>'
            "<aside>{{ .TableOfContents }}</aside><main>{{ block \"main\" . }}{{ end }}</main>"
            "<footer>CC BY 4.0</footer></body></html>"),
        "index.json": ('{{- $pages := slice -}}{{- range .Site.RegularPages -}}{{- $pages = $pages | append '
                       '(dict "location" .RelPermalink "title" .Title "text" .Plain) -}}{{- end -}}'
                       '{{- dict "docs" $pages | jsonify -}}'),
    },
}


def hugo_build(hugo: str, docs: Path, folder: Path, layout: dict[str, str]) -> tuple[float, int]:
    """Hugo's time for the same pages (our generated Markdown), and how many HTML pages it wrote."""
    for page in docs.rglob("*.md"):
        relative = page.relative_to(docs)
        if relative.name == "index.md":  # Hugo: a folder's own page (a branch bundle), not a leaf bundle
            relative = relative.with_name("_index.md")
        target = folder / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        body = page.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        target.write_text(f'---\ntitle: "{page.stem}"\n---\n{body}', encoding="utf-8")
    (folder / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    templates = {**layout, "_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}'}
    templates["_default/list.html"] = templates["_default/single.html"]
    for name, text in templates.items():
        (folder / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "layouts" / name).write_text(text, encoding="utf-8")
    seconds, _ = run([hugo, "--quiet", "-d", str(folder / "public")], cwd=folder)
    return seconds, sum(1 for _ in (folder / "public").rglob("*.html"))


def serve_latency(corpus: Path, *options: str, edits: int = 1) -> list[float]:
    """Seconds from saving a changed practice until `mkdocs serve` delivers the new text, for `edits` edits
    of different practices one after the other in the same server."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}"],
                              cwd=corpus, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    practices = sorted((corpus / "practices").glob("*.md"))[:edits]

    def url(practice: Path) -> str:
        return f"http://127.0.0.1:{port}/praxis/{practice.stem}/"

    try:
        deadline = time.monotonic() + 600
        while "Ausgangslage" not in read_page(url(practices[0])):
            if time.monotonic() > deadline:
                raise SystemExit("Die Vorschau ist nicht gestartet.")
            time.sleep(0.5)
        latencies = []
        for practice in practices:
            time.sleep(1)  # the server is idle again
            marker = f"Offen: Messmarke {time.time_ns()}"  # marked as open: needs no source
            practice.write_text(practice.read_text(encoding="utf-8").replace("## Ziele", f"## Ziele\n\n{marker}", 1),
                                encoding="utf-8")
            start = time.perf_counter()
            while marker not in read_page(url(practice)):
                if time.perf_counter() - start > 600:
                    raise SystemExit("Die Änderung kam nicht in der Vorschau an.")
                time.sleep(0.05)
            latencies.append(time.perf_counter() - start)
        return latencies
    finally:
        server.terminate()
        server.wait(timeout=60)


def main(argv: list[str] | None = None) -> int:
    parser = GermanArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="kleiner Korpus (für die CI)")
    parser.add_argument("--kommunen", type=int)
    parser.add_argument("--praxis", type=int)
    parser.add_argument("--handbuch-praxis", type=int, help="Praxisbeispiele im Handbuch-Korpus")
    parser.add_argument("--ohne-vorschau", action="store_true", help="Latenz von mkdocs serve nicht messen")
    parser.add_argument("--wiederholungen", type=int, help="Builds je Variante (Standard 5, schnell 1)")
    parser.add_argument("--suche", action="store_true",
                        help="auch die Suche messen (scripts/benchmark_suche.py: gegen Material/lunr, 1× und 10×)")
    args = parser.parse_args(argv)
    repeats = args.wiederholungen or (1 if args.quick else 5)
    kommunen = args.kommunen or (40 if args.quick else 600)
    praxis = args.praxis or (150 if args.quick else 3000)
    handbook_practices = args.handbuch_praxis or (100 if args.quick else 1000)
    themen, netzwerke = (10, 8) if args.quick else (40, 50)

    lines = Report()
    lines.append(f"Benchmark Praxisatlas – {dates.today().isoformat()}, {platform.node()}, {os.cpu_count()} Kerne, "
                 f"Python {platform.python_version()}")
    lines.append(f"Korpus: {kommunen} Kommunen, {praxis} Praxisbeispiele, {themen} Themen, {netzwerke} Netzwerke")
    with tempfile.TemporaryDirectory(prefix="praxisatlas-bench-") as tmp:
        base = Path(tmp)
        corpus = base / "korpus"
        generate_corpus(corpus, kommunen, praxis, themen, netzwerke)

        seconds, rss = run([sys.executable, str(REPO_ROOT / "scripts" / "validate.py"), "--root", str(corpus)])
        lines.append(f"Validierung: {seconds:.1f} s (Ziel ≤ 3 s), {rss} MB")

        # Our build and plain MkDocs on the same pages, alternately, `repeats` times each: the machine's
        # background noise is of the order of our overhead, so each run of ours is compared with its neighbour.
        site = base / "site"
        docs = base / "markdown"
        generate, _ = run([sys.executable, str(REPO_ROOT / "scripts" / "generate.py"), "--root", str(corpus),
                           "--out", str(docs)])
        plain_yml = plain_config(base, corpus, docs)
        ours, plains = [], []
        for _ in range(repeats):
            shutil.rmtree(site, ignore_errors=True)
            ours.append(measure([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=corpus))
            shutil.rmtree(base / "site-plain", ignore_errors=True)
            plains.append(measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_yml),
                                   "-d", str(base / "site-plain")]))
        full = min(r.seconds for r in ours)
        plain = statistics.median(r.seconds for r in plains)
        runs = ", ".join(f"{a.seconds:.1f}/{b.seconds:.1f}" for a, b in zip(ours, plains, strict=True))
        lines.append(f"Website-Build (ohne PDFs): {full:.1f} s (Ziel ≤ 60 s), Spitze {max(r.rss for r in ours)} MB; "
                     f"bester von {repeats} Läufen (unser/reines MkDocs je Lauf: {runs} s)")
        # each run of ours against the plain run right after it; the median of these differences
        overhead = paired_overhead([r.seconds for r in ours], [r.seconds for r in plains])
        plain_cpu = statistics.median(r.cpu for r in plains)
        cpu_overhead = statistics.median(a.cpu - b.cpu for a, b in zip(ours, plains, strict=True))
        lines.append(f"Reines MkDocs mit derselben mkdocs.yml und denselben Seiten als Markdown: {plain:.1f} s; "
                     f"unser Aufschlag (laden, prüfen, erzeugen; Median der Differenzen je Lauf): {overhead:.1f} s = "
                     f"{overhead / plain:.0%} (Ziel ≤ 10 %: {verdict(overhead / plain, 0.10)}); "
                     f"Rechenzeit aller Prozesse: {cpu_overhead:+.1f} s = "
                     f"{cpu_overhead / plain_cpu:.0%}; generate.py allein {generate:.1f} s")

        sizes = [p.stat().st_size for p in site.rglob("*.html")]
        lines.append(f"HTML je Seite: Median {statistics.median(sizes) / 1024:.1f} KB, Maximum "
                     f"{max(sizes) / 1024:.1f} KB (Ziel ≤ 40 KB), {len(sizes)} Seiten")
        index = [p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()]
        lines.append(f"Suchindex (Pagefind, in Teilen geladen): {sum(index) / 1e6:.1f} MB in {len(index)} Dateien, "
                     f"größte {max(index) / 1024:.0f} KB")

        hb_corpus = base / "korpus-handbuch"
        generate_corpus(hb_corpus, min(kommunen, 600), handbook_practices, themen, netzwerke, seed=2)
        hb_seconds, hb_rss = run([sys.executable, str(REPO_ROOT / "scripts" / "handbook.py"), "--root",
                                  str(hb_corpus), "-o", str(base / "handbuch.pdf")])
        pages = subprocess.run(["pdfinfo", str(base / "handbuch.pdf")], capture_output=True, text=True).stdout
        page_count = next((ln.split()[-1] for ln in pages.splitlines() if ln.startswith("Pages:")), "?")
        lines.append(f"Handbuch mit {handbook_practices} Praxisbeispielen ({page_count} Seiten): {hb_seconds:.1f} s "
                     f"(Ziel ≤ 60 s), Spitze {hb_rss} MB (Ziel ≤ 2.560 MB)")

        if not args.ohne_vorschau:
            full_serve = serve_latency(corpus)[0]
            dirty = serve_latency(corpus, "--dirty", edits=1 if args.quick else 5)
            lines.append(f"Vorschau (mkdocs serve), Speichern → neu gebaut: {full_serve:.1f} s, mit --dirty "
                         f"Median {statistics.median(dirty):.1f} s, höchstens {max(dirty):.1f} s bei {len(dirty)} "
                         "Änderungen (Ziel ≤ 2 s)")

        hugo = shutil.which("hugo")
        if hugo:
            for label, layout in HUGO_LAYOUTS.items():
                seconds, pages = hugo_build(hugo, docs, base / f"hugo-{label}", layout)
                lines.append(f"Hugo ({label}) mit denselben {pages} Seiten: {seconds:.1f} s; unser Build = "
                             f"{full / seconds:.1f}× Hugo (Ziel ≤ 5×)")
        else:
            lines.append("Hugo: nicht installiert (apt-get install hugo), kein Vergleich")
    if args.suche:
        from scripts.benchmark_suche import run as search_benchmark

        search_benchmark(args.quick, ten_times=not args.quick, show=lines.extend)
    return 0


if __name__ == "__main__":
    sys.exit(main())
