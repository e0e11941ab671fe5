"""The CI log: under GitHub Actions no file name or text can write a workflow command into any printed line;
the only commands are our own annotations."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest

from praxisatlas import REPO_ROOT
from praxisatlas.io.console import CiSafeStream, inert_line
from tests.support.kbfactory import FILES, write_kb

# names from tests/test_workflows.py (annotations) plus the commands that silence or hide the log
HOSTILE_NAMES = [
    "a\n::error file=README.md,line=1::x",
    "a\n::error file=x.md::gefälscht",
    "a,line=1::b",
    "a%0A::error::b",
    "a\r\nb",
    "a\r::error file=README.md,line=1::x",
    "::stop-commands::tok",
    "::add-mask::x",
    "a\n  ::add-mask::geheim",
    "a\n##[error]alt",
    "a\n\u00a0::stop-commands::tok",
]
FORGED = ("README.md", "stop-commands", "add-mask", "gefälscht", "##[")
# what the runner reads as a command: "::" after blanks (it trims them first), or the old form "##[" anywhere
COMMAND_RE = re.compile(r"^[\s\ufeff\u200b]*::|##\[")
OUR_ANNOTATION_RE = re.compile(r"^::(error|warning) file=([^:,\r\n]*),line=\d+,col=\d+::")


def runner_lines(text: str) -> list[str]:
    """The lines as GitHub's runner splits them: at a line feed, a carriage return, or both."""
    return re.split(r"\r\n|\r|\n", text)


def decoded(value: str) -> str:
    for code, char in (("%0A", "\n"), ("%0D", "\r"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def hostile_project(tmp_path):
    """The minimal knowledge base plus a practice under every hostile name (each also named in the messages
    about the others: the same title) and a field name with a line break."""
    root = write_kb(tmp_path)
    for name in HOSTILE_NAMES:
        (root / "practices" / f"{name}.md").write_text(FILES["practices/besuche.md"], encoding="utf-8")
    practice = root / "practices" / "besuche.md"
    practice.write_text(practice.read_text(encoding="utf-8")
                        .replace("stand: 2026-11-01\n", 'stand: 2026-11-01\n"neu\\n::add-mask::x": 1\n'),
                        encoding="utf-8")
    return root


def test_every_printed_line_of_the_validator_is_inert_but_our_annotations(tmp_path):
    root = hostile_project(tmp_path)
    env = {**os.environ, "GITHUB_ACTIONS": "true", "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "validate.py"), "--root", str(root)],
                            capture_output=True, text=False, env=env, timeout=120)
    stdout, stderr = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in stderr, stderr
    annotations = []
    for line in runner_lines(stdout) + runner_lines(stderr):
        if not COMMAND_RE.search(line):
            continue
        match = OUR_ANNOTATION_RE.match(line)
        assert match, f"gefälschter Workflow-Befehl: {line!r}"
        assert (root / decoded(match[2])).exists(), line  # about a file that is there, never README.md
        annotations.append(line)
    readable = [line for line in runner_lines(stderr) if ": Fehler: " in line or ": Warnung: " in line]
    assert len(annotations) == len(readable) > len(HOSTILE_NAMES)
    files = {decoded(OUR_ANNOTATION_RE.match(line)[2]) for line in annotations}
    assert {f"practices/{name}.md" for name in HOSTILE_NAMES} <= files
    # the human-readable line names each file on one line, its line breaks shown as \n and \r
    assert any(line.startswith(r"practices/a\n::error file=README.md,line=1::x.md:1:1: Fehler: ")
               for line in readable), readable
    assert any(r"neu\n::add-mask::x" in line for line in readable), readable


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_no_line_of_any_print_starts_a_command(name):
    raw = io.StringIO()
    out = CiSafeStream(raw)
    print(f"Nicht veröffentlicht: {name}", file=out)
    print(name, file=out)
    print(f"  {name}", name, sep="\n", file=out)
    out.write(name)
    out.finish()
    assert not any(COMMAND_RE.search(line) for line in runner_lines(raw.getvalue())), raw.getvalue()


def test_our_own_annotation_passes_unchanged():
    raw = io.StringIO()
    out = CiSafeStream(raw)
    out.write("unvollständige Zeile ::")
    out.command("::error file=practices/a%0A%3A%3Aerror.md,line=3,col=1::Fehler")
    print("::warning::gefälscht", file=out)
    assert raw.getvalue().splitlines() == ["unvollständige Zeile ::",
                                           "::error file=practices/a%0A%3A%3Aerror.md,line=3,col=1::Fehler",
                                           ":%3Awarning::gefälscht"]


@pytest.mark.parametrize("pieces", [[" ", ":", ":error::x\n"], [":", ":add-mask::x\n"], ["a #", "#[error]x\n"],
                                    ["a\r", "::error::x\n"], ["\u00a0", "::stop-commands::t\n"]],
                         ids=["Leerzeichen", "Doppelpunkt", "Raute", "Wagenrücklauf", "geschütztes Leerzeichen"])
def test_a_command_cannot_be_put_together_from_flushed_pieces(pieces):
    raw = io.StringIO()
    out = CiSafeStream(raw)
    for piece in pieces:
        out.write(piece)
        out.flush()
    assert not any(COMMAND_RE.search(line) for line in runner_lines(raw.getvalue())), raw.getvalue()
    assert "".join(pieces).replace("\r", "").strip() in raw.getvalue().replace("%3A", ":").replace("%5B", "[") \
        .replace("\\r", "")


def test_inert_line():
    assert inert_line("::error file=README.md,line=1::x") == ":%3Aerror file=README.md,line=1::x"
    assert inert_line("  ::stop-commands::tok") == "  :%3Astop-commands::tok"
    assert inert_line("Text ##[error]x") == "Text ##%5Berror]x"
    assert inert_line("a\rb") == "a\\rb"
    assert inert_line("practices/a.md:3:1: Fehler: kaputt") == "practices/a.md:3:1: Fehler: kaputt"


def test_the_filter_for_other_programs_output():
    """build_site.sh and run_tests.sh pass MkDocs' and pytest's output through it under Actions."""
    text = "".join(f"WARNING - Datei {name}\n{name}\n" for name in HOSTILE_NAMES) + "INFO - fertig\n"
    env = {**os.environ, "GITHUB_ACTIONS": "true", "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run([sys.executable, "-m", "praxisatlas.io.console"], input=text.encode("utf-8"),
                            capture_output=True, env=env, timeout=60, check=True)
    out = result.stdout.decode("utf-8")
    assert not any(COMMAND_RE.search(line) for line in runner_lines(out)), out
    assert out.endswith("INFO - fertig\n") and out.count("WARNING - Datei ") == len(HOSTILE_NAMES)
    plain = subprocess.run([sys.executable, "-m", "praxisatlas.io.console"], input=b"::x::y\n", capture_output=True,
                           env={**env, "GITHUB_ACTIONS": ""}, timeout=60, check=True)
    assert plain.stdout == b"::x::y\n"  # outside Actions it changes nothing
