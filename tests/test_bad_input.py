"""Unreadable files: each gives one clear German error naming the file, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from praxisatlas import REPO_ROOT
from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain.findings import Level
from praxisatlas.io.load import MAX_FILE_BYTES
from tests.support.kbfactory import FILES, TODAY, write_kb

THEMA = "content/themen/kinderschutz.yml"
PRAXIS = "practices/besuche.md"

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)

CASES = [
    ("malformed", THEMA, "titel: Kinderschutz\nbeschreibung: [offen\n", 3, "kein gültiges YAML"),
    ("duplicate key", THEMA, "titel: A\nbeschreibung: B\ntitel: C\n", 3, "Das Feld „titel“ steht doppelt (zuerst in Zeile 1)."),
    ("tab", THEMA, "titel: A\nrechtsgrundlagen:\n\t- § 8a SGB VIII\nbeschreibung: B\n", 3, "Tabulatorzeichen"),
    ("empty", THEMA, "", 1, "keine Angaben"),
    ("only comments", THEMA, "# nur ein Kommentar\n", 1, "keine Angaben"),
    ("not a mapping", THEMA, "- titel\n- beschreibung\n", 1, "aus Feldern der Form „name: wert“"),
    ("python tag", THEMA, "titel: !!python/object/apply:os.system ['true']\nbeschreibung: B\n", 1, "YAML-Tags"),
    ("custom tag", THEMA, "titel: !geheim A\nbeschreibung: B\n", 1, "YAML-Tags"),
    ("alias bomb", THEMA, BOMB, 1, "Anker und Verweise"),
    ("two documents", THEMA, "titel: A\n---\ntitel: B\n", 2, "mehrere YAML-Dokumente"),
    ("merge key", THEMA, "basis: &b {titel: A}\n<<: *b\n", 2, "Zusammenführungen"),
    ("front matter missing", PRAXIS, "## Ausgangslage\n\nText\n", 1, "muss mit Kopfdaten beginnen"),
    ("front matter unclosed", PRAXIS, "---\ntitel: A\n", 1, "nicht mit einer Zeile „---“ abgeschlossen"),
    ("front matter not a mapping", PRAXIS, "---\n- a\n- b\n---\n## Ziele\n", 2, "die Kopfdaten (Front Matter)"),
    ("front matter empty", PRAXIS, "---\n---\n## Ziele\n", 2, "keine Angaben"),
    ("front matter malformed", PRAXIS, "---\ntitel: A\nthemen: [x\n---\n", 4, "kein gültiges YAML"),
]


@pytest.mark.parametrize(("case", "path", "text", "line", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_gives_one_clear_error(tmp_path, case, path, text, line, expected):
    write_kb(tmp_path, {path: text})
    _kb, findings = load_and_validate(tmp_path, today=TODAY)
    mine = [f for f in findings if f.path == path]
    assert len(mine) == 1, [f.format() for f in findings]
    assert mine[0].level is Level.ERROR
    assert expected in mine[0].message, mine[0].format()
    assert mine[0].line == line, mine[0].format()


def test_non_utf8_bytes_are_reported_with_their_line(tmp_path):
    write_kb(tmp_path)
    (tmp_path / THEMA).write_bytes("titel: Kinderschutz\nbeschreibung: Gef\xe4hrdung\n".encode("latin-1"))
    _kb, findings = load_and_validate(tmp_path, today=TODAY)
    [finding] = [f for f in findings if f.path == THEMA]
    assert "nicht in UTF-8" in finding.message
    assert (finding.line, finding.col) == (2, 18)


def test_very_large_file_is_refused_without_parsing(tmp_path):
    write_kb(tmp_path)
    (tmp_path / THEMA).write_text("titel: A\nbeschreibung: " + "x" * (MAX_FILE_BYTES + 10) + "\n", encoding="utf-8")
    _kb, findings = load_and_validate(tmp_path, today=TODAY)
    [finding] = [f for f in findings if f.path == THEMA]
    assert "zu groß" in finding.message


def test_unreadable_entry_is_not_dropped_silently(tmp_path):
    """A broken file is an error, and references to it do not add noise of their own."""
    write_kb(tmp_path, {THEMA: "titel: [\n"})
    _kb, findings = load_and_validate(tmp_path, today=TODAY)
    assert [f.path for f in findings] == [THEMA], [f.format() for f in findings]
    assert findings[0].level is Level.ERROR


def _fifo(path):
    import os

    path.unlink()
    os.mkfifo(path)


def _symlink_to(target):
    def make(path):
        path.unlink()
        path.symlink_to(target)
    return make


@pytest.mark.parametrize(("make", "expected"), [
    (_fifo, "keine gewöhnliche Datei"),
    (_symlink_to("/dev/zero"), "Verknüpfung (Symlink)"),
    (_symlink_to("/etc/passwd"), "Verknüpfung (Symlink)"),
    (_symlink_to("/gibt/es/nicht.yml"), "Verknüpfung (Symlink) ins Leere"),
], ids=["FIFO", "/dev/zero", "/etc/passwd", "kaputter Symlink"])
def test_special_files_give_a_message_never_a_hang(tmp_path, make, expected):
    """A FIFO would block a read forever, /dev/zero never ends, a symlink can reach any file of the machine:
    each is one clear error, nothing is read from it, and nothing else is reported."""
    write_kb(tmp_path)
    make(tmp_path / THEMA)
    _kb, findings = load_and_validate(tmp_path, today=TODAY)
    assert [f.path for f in findings] == [THEMA], [f.format() for f in findings]
    assert expected in findings[0].message
    assert "root:" not in findings[0].message


@pytest.mark.parametrize("make", [_fifo, _symlink_to("/etc/passwd"), _symlink_to("/dev/zero")],
                         ids=["FIFO", "/etc/passwd", "/dev/zero"])
def test_special_attachments_are_refused(tmp_path, make):
    write_kb(tmp_path)
    make(tmp_path / "content" / "dokumente" / "vereinbarung.txt")
    _kb, findings = load_and_validate(tmp_path, today=TODAY)
    assert [f.path for f in findings] == [PRAXIS], [f.format() for f in findings]
    assert "vereinbarung.txt" in findings[0].message


@pytest.mark.parametrize("text", ["< " * 120_000, "[" * 150, "\n".join("  " * i + "- x [^pm]" for i in range(40))],
                         ids=["lange Zeile", "Klammerkette", "tiefe Liste"])
def test_hostile_text_never_reaches_the_renderer(tmp_path, monkeypatch, text):
    """A 256 KB line of "< " once took the validator 100 s, and Python-Markdown itself is quadratic on long
    bracket runs and deep lists: such text is refused by a linear measurement, and the (slow) renderer is
    never called for it; the build stops on the error before MkDocs renders anything."""
    import markdown

    def refuse(*args, **kwargs):
        raise AssertionError("Markdown renderer called for hostile text")

    monkeypatch.setattr(markdown, "markdown", refuse)
    body = FILES[PRAXIS].replace("Zwei Jugendämter wollten voneinander lernen.", text)
    write_kb(tmp_path, {PRAXIS: body})
    _kb, findings = load_and_validate(tmp_path, today=TODAY)
    assert [f.path for f in findings] == [PRAXIS], [f.format() for f in findings]
    assert any(word in findings[0].message for word in ("zu lang", "Zu viele", "Zu tief"))


def test_deeply_nested_yaml_is_refused(tmp_path):
    write_kb(tmp_path, {THEMA: "titel: A\nbeschreibung: B\nrechtsgrundlagen: " + "[" * 1000 + "]" * 1000 + "\n"})
    _kb, findings = load_and_validate(tmp_path, today=TODAY)
    assert [f.path for f in findings] == [THEMA]
    assert "zu tief verschachtelt" in findings[0].message


@pytest.mark.parametrize("layer", ["parse", "compose"])
def test_the_parsers_own_nesting_limit_gives_the_german_message(monkeypatch, layer):
    """libyaml 0.2.5 as in PyYAML 6.0.4 has a nesting limit of its own, and its scanner reads a run of brackets
    ahead, so it may stop before our count does: whichever layer notices first, the message is German."""
    from praxisatlas.io import yamlread

    mark = yaml.Mark("<unicode string>", 0, 1, 1001, None, None)

    def too_deep(*args, **kwargs):
        raise yaml.scanner.ScannerError("while increasing flow level", mark, "exceeded maximum nesting depth", mark)

    monkeypatch.setattr(yamlread.yaml, layer, too_deep)
    text = "titel: A\nrechtsgrundlagen: " + ("[" * 30 + "]" * 30 if layer == "parse" else "[a]") + "\n"
    with pytest.raises(yamlread.YamlProblem) as caught:
        yamlread.parse_yaml(text, line_offset=1)
    assert caught.value.message == "Die Angaben sind zu tief verschachtelt (höchstens 20 Ebenen)."
    assert (caught.value.line, caught.value.col) == (3, 1002)


def run_script(*args, env=None):
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "validate.py"), *args],
        capture_output=True, text=True, env=env, timeout=120,
    )


def test_script_reports_all_errors_without_traceback_and_exits_1(tmp_path):
    overrides = {
        THEMA: "titel: A\n\tbeschreibung: B\n",
        "content/kommunen/kreis-b.yml": FILES["content/kommunen/kreis-b.yml"].replace("art: Kreis", "art: Bezirk"),
        PRAXIS: "kein front matter\n",
    }
    write_kb(tmp_path, overrides)
    result = run_script("--root", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if ": Fehler: " in line]
    assert any(line.startswith("content/themen/kinderschutz.yml:2:1: Fehler: Tabulatorzeichen") for line in lines)
    assert any(line.startswith("content/kommunen/kreis-b.yml:2:1: Fehler: „art“") for line in lines)
    assert any(line.startswith("practices/besuche.md:1:1: Fehler: Die Datei muss mit Kopfdaten") for line in lines)


def test_script_writes_github_annotations_under_actions(tmp_path):
    write_kb(tmp_path, {THEMA: "titel: A\nbeschreibung: B\nfarbe: rot\n"})
    env = {"GITHUB_ACTIONS": "true", "PATH": "/usr/bin:/bin"}
    result = run_script("--root", str(tmp_path), env=env)
    assert result.returncode == 1
    assert result.stdout.strip() == "::error file=content/themen/kinderschutz.yml,line=3,col=1::Unbekanntes Feld „farbe“"


def test_warnings_fail_only_with_strict(tmp_path):
    write_kb(tmp_path, {"content/themen/kinderschutz.yml": FILES[THEMA],
                        "content/kommunen/kreis-b.yml": FILES["content/kommunen/kreis-b.yml"].replace(
                            "stand: 2026-11-01", "stand: 2019-01-01")})
    assert run_script("--root", str(tmp_path)).returncode == 0
    strict = run_script("--root", str(tmp_path), "--strict")
    assert strict.returncode == 1
    assert "kreis-b.yml:9:1: Warnung:" in strict.stderr
