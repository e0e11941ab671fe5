"""The synthetic corpus is valid and builds; the benchmark runs in its quick mode and prints its figures."""

from __future__ import annotations

import re
import subprocess
import sys

from praxisatlas import REPO_ROOT
from praxisatlas.checks.validate import load_and_validate
from tests.support.corpus import generate_corpus
from tests.support.project import mkdocs_build


def test_generated_corpus_validates_and_builds(tmp_path):
    corpus = tmp_path / "korpus"
    counts = generate_corpus(corpus, kommunen=30, praxis=60, themen=8, netzwerke=5)
    kb, findings = load_and_validate(corpus)
    assert findings == [], [f.format() for f in findings[:10]]
    assert {k: len(v) for k, v in kb.entries.items()} == counts
    assert any(k.get("partnerkommunen") for k in kb.kommunen.values())
    assert any(p.get("anhaenge") for p in kb.praxis.values())
    assert any(p.get("netzwerke") for p in kb.praxis.values())
    result = mkdocs_build(corpus / "mkdocs.yml", tmp_path / "site", env={"PRAXISATLAS_HANDBUCH": "true"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(list((tmp_path / "site" / "praxis").glob("*/index.html"))) == 60
    assert (tmp_path / "site" / "handbuch.pdf").is_file()


def test_benchmark_quick_mode_prints_ratios(capsys):
    result = subprocess.run([sys.executable, "-m", "scripts.benchmark", "--quick",
                             "--kommunen", "20", "--praxis", "60", "--handbuch-praxis", "30"],
                            capture_output=True, text=True, timeout=900, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    for figure in ("Validierung:", "Website-Build", "unser Aufschlag", "HTML je Seite", "Suchindex (Pagefind", "Handbuch mit",
                   "Vorschau (mkdocs serve)"):
        assert figure in out, out
    overhead_line = out.split("unser Aufschlag")[1].splitlines()[0]
    # the verdict must be the one the printed figure earns (a line with either word alone would prove nothing)
    match = re.search(r"= (-?\d+) ?% \(Ziel ≤ 10 %: (erreicht|verfehlt)\)", overhead_line.replace("\xa0", " "))
    assert match, overhead_line
    assert match.group(2) == ("erreicht" if int(match.group(1)) <= 10 else "verfehlt"), overhead_line
    with capsys.disabled():  # the figures belong in the CI log
        print("\n" + out)


def test_search_benchmark_quick_mode_prints_its_goals(capsys):
    """scripts/benchmark_suche.py (also run by benchmark.py --suche) on the small corpus: both builds, the ratio
    with its verdict, and the first results in Chromium for lunr and Pagefind."""
    result = subprocess.run([sys.executable, "-m", "scripts.benchmark_suche", "--quick",
                             "--ohne-zehnfach", "--wiederholungen", "1"], capture_output=True, text=True, timeout=900,
                            cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert "unser Build mit Pagefind-Index:" in out and "Spitze aller Prozesse" in out, out
    ratio = out.split("unser Build = ")[1].splitlines()[0]
    match = re.search(r"^(\d+[.,]\d+) × \(Ziel ≤ 0,85: (erreicht|verfehlt)\)", ratio)
    assert match, ratio
    value = float(match.group(1).replace(",", "."))
    assert match.group(2) == ("erreicht" if value <= 0.85 else "verfehlt"), ratio
    assert out.count("erster Treffer (") >= 6, out  # four queries each for lunr and Pagefind
    timed = re.findall(r"(\d+\.\d+) s nach dem letzten Tastendruck \(Ziel ≤ (\d),(\d) s: (erreicht|verfehlt)\)", out)
    assert len(timed) == 4, out  # Pagefind's four queries, each judged against its goal
    for seconds, whole, tenth, said in timed:
        assert said == ("erreicht" if float(seconds) <= int(whole) + int(tenth) / 10 else "verfehlt"), out
    first = re.search(r"„§ 8a“ zuerst .*: (\S+) \((erreicht|verfehlt)\)", out)
    assert first, out
    from scripts.benchmark_suche import LEGAL_FIRST

    assert first.group(2) == ("erreicht" if first.group(1).startswith(LEGAL_FIRST) else "verfehlt"), out
    assert "fremde Rechner" not in out, out
    with capsys.disabled():
        print("\n" + out)


def test_overhead_is_the_median_of_paired_differences():
    """The benchmark's one judgement: each of our runs against its plain neighbour, then the median; a slow
    outlier in one pair must not move it, and a wrong pairing must be refused."""
    import pytest

    from scripts.benchmark import paired_overhead, verdict

    assert paired_overhead([10.0, 12.0, 11.0], [9.0, 9.0, 10.0]) == 1.0
    assert paired_overhead([10.0, 30.0, 11.0], [9.0, 9.5, 10.0]) == 1.0
    assert verdict(0.63, 0.10) == "verfehlt" and verdict(0.07, 0.10) == "erreicht"
    with pytest.raises(ValueError):
        paired_overhead([1.0, 2.0], [1.0])
