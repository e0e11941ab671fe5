#!/usr/bin/env python3
"""Schreibt alle Seiten der Website als Markdown in einen Ordner (für andere MkDocs-kompatible Werkzeuge)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from praxisatlas import REPO_ROOT
from praxisatlas.cli import report
from praxisatlas.domain import dates
from praxisatlas.domain.findings import Problem
from praxisatlas.publish.build import THEME_OVERRIDES, BuildSettings, build_site
from praxisatlas.publish.standalone import hookless_config
from praxisatlas.render.site import write_outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Erzeugt die Seiten des Praxisatlas als Markdown-Dateien.")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="Wurzelordner der Wissensbasis")
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
    print(f"{len(build.pages)} Seiten nach {args.out} geschrieben.", file=sys.stderr)
    if args.konfiguration:
        config = args.konfiguration.resolve()
        theme = config.parent / "praxisatlas-theme"
        shutil.copytree(THEME_OVERRIDES, theme, dirs_exist_ok=True)
        text = (args.root / "mkdocs.yml").read_text(encoding="utf-8")
        config.write_text(hookless_config(text, os.path.relpath(args.out.resolve(), config.parent),
                                          theme.name), encoding="utf-8")
        print(f"Konfiguration ohne Hooks: {config} (bauen mit: mkdocs build -f {config})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
