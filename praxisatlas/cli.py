"""The commands, one function each, with one German argument parser (praxisatlas.io.console).

`scripts/*.py` and the entry points in pyproject.toml (praxisatlas-pruefen, …) call these functions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain import dates
from praxisatlas.domain.findings import Level, Problem, has_errors
from praxisatlas.intake import from_issue, issue_forms, scaffold
from praxisatlas.intake.statistik.apply import run
from praxisatlas.io.console import GermanArgumentParser, command, report, summary
from praxisatlas.publish import operator_gate, preview_summary
from praxisatlas.publish.build import THEME_OVERRIDES, BuildSettings, build_site
from praxisatlas.publish.standalone import hookless_config
from praxisatlas.render.handbook import HandbookData, render_pdf, render_pdfs
from praxisatlas.render.site import write_outputs


@command
def validate_main(argv: list[str] | None = None) -> int:
    parser = GermanArgumentParser(description="Prüft die Inhalte des Praxisatlas Jugendhilfe.")
    parser.add_root()
    parser.add_argument("--strict", action="store_true", help="auch Warnungen als Fehler werten")
    args = parser.parse_args(argv)
    kb, findings = load_and_validate(args.root)
    code = report(findings, strict=args.strict)
    errors = sum(f.level is Level.ERROR for f in findings)
    counts = ", ".join(f"{len(kb.entries[k])} {k}" for k in kb.entries)
    status = "OK" if code == 0 else "nicht bestanden"
    print(f"Prüfung {status}: {summary(errors, len(findings) - errors)} ({counts}) in {args.root}.",
          file=sys.stderr)
    return code


@command
def generate_main(argv: list[str] | None = None) -> int:
    parser = GermanArgumentParser(description="Erzeugt die Seiten des Praxisatlas als Markdown-Dateien.")
    parser.add_root()
    parser.add_argument("--out", type=Path, required=True, help="Zielordner (wird angelegt)")
    parser.add_argument("--konfiguration", type=Path, metavar="DATEI",
                        help="dazu eine mkdocs.yml ohne Hooks schreiben (und die Theme-Vorlagen daneben)")
    args = parser.parse_args(argv)
    try:
        build = build_site(args.root, BuildSettings(today=dates.today()))
    except Problem as problem:
        report(problem.findings)
        print("Abbruch: Es wurde nichts geschrieben.", file=sys.stderr)
        return 1
    docs = args.root / "content" / "seiten"
    if docs.is_dir():
        shutil.copytree(docs, args.out, dirs_exist_ok=True)
    write_outputs(build.outputs, args.out)
    for document in build.documents:
        (args.out / "dokumente").mkdir(parents=True, exist_ok=True)
        shutil.copy2(document, args.out / "dokumente" / document.name)
    print(f"{len(build.pages)} Seiten aus {args.root} nach {args.out} geschrieben.", file=sys.stderr)
    if args.konfiguration:
        config = args.konfiguration.resolve()
        theme = config.parent / "praxisatlas-theme"
        shutil.copytree(THEME_OVERRIDES, theme, dirs_exist_ok=True)
        text = (args.root / "mkdocs.yml").read_text(encoding="utf-8")
        config.write_text(hookless_config(text, os.path.relpath(args.out.resolve(), config.parent),
                                          theme.name), encoding="utf-8")
        print(f"Konfiguration ohne Hooks: {config} (bauen mit: mkdocs build -f {config})", file=sys.stderr)
    return 0


@command
def handbook_main(argv: list[str] | None = None) -> int:
    parser = GermanArgumentParser(description="Erzeugt das Handbuch des Praxisatlas Jugendhilfe als PDF.")
    parser.add_argument("-o", "--ausgabe", type=Path, required=True,
                        help="Ziel-PDF (oder Ordner bei --steckbriefe)")
    parser.add_root()
    parser.add_argument("--thema", help="nur das Handbuch dieses Themas (Kurzname)")
    parser.add_argument("--steckbriefe", action="store_true", help="je Kommune einen Steckbrief in den Ordner")
    parser.add_argument("--png", type=Path, help="Deckblatt und Inhaltsverzeichnis zusätzlich als PNG hierher")
    args = parser.parse_args(argv)
    today = dates.today()
    kb, findings = load_and_validate(args.root, today)
    if has_errors(findings):
        report(findings)
        print("Abbruch: Die Inhalte enthalten Fehler; es wurde kein PDF geschrieben.", file=sys.stderr)
        return 1
    # the published address (as in mkdocs.yml): each Steckbrief names its page there
    data = HandbookData(kb, today=today, site_url=os.environ.get("PRAXISATLAS_SITE_URL", ""))
    if args.thema and args.thema not in kb.themen:
        print(f"Fehler: Das Thema „{args.thema}“ gibt es nicht. Vorhanden: {', '.join(sorted(kb.themen))}.",
              file=sys.stderr)
        return 1
    if args.steckbriefe:
        render_pdfs([(data.steckbrief(slug), args.ausgabe / f"{slug}.pdf") for slug in sorted(kb.kommunen)], today)
        print(f"{len(kb.kommunen)} Steckbriefe aus {args.root} nach {args.ausgabe} geschrieben.", file=sys.stderr)
    else:
        render_pdf(data.handbook(args.thema), args.ausgabe, today)
        print(f"Handbuch aus {args.root} nach {args.ausgabe} geschrieben.", file=sys.stderr)
        if args.png:
            args.png.mkdir(parents=True, exist_ok=True)
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", str(args.ausgabe),
                            str(args.png / "handbuch-seite")], check=True)
            print(f"Deckblatt und Inhaltsverzeichnis als PNG in {args.png}.", file=sys.stderr)
    return 0


@command
def import_statistik_main(argv: list[str] | None = None) -> int:
    parser = GermanArgumentParser(
        prog="python scripts/import_statistik.py",
        description="Übernimmt Einwohnerzahlen, Flächen und NUTS-3-Codes aus der Destatis-Tabelle „Kreisfreie "
        "Städte und Landkreise nach Fläche, Bevölkerung und Bevölkerungsdichte“ (GV-ISys, .xlsx) in die "
        "Kommunenprofile. Zugeordnet wird über den Gemeindeschlüssel „ags“."
    )
    parser.add_argument("datei", type=Path, metavar="DATEI.xlsx", help="die Tabelle, so wie von Destatis geladen")
    parser.add_argument("--anlegen", action="store_true",
                        help="für Kreise und kreisfreie Städte ohne Profil ein neues, gültiges Profil anlegen")
    parser.add_root()
    args = parser.parse_args(argv)
    return run(args.datei, args.root, create=args.anlegen)


# the commands whose argument parsing lives next to their work; here they get the one wrapper and an entry point
new_main = command(scaffold.main)
from_issue_main = command(from_issue.main)
issue_forms_main = command(issue_forms.main)
preview_summary_main = command(preview_summary.main)
operator_gate_main = command(operator_gate.main)
