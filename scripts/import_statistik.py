#!/usr/bin/env python3
"""Übernimmt amtliche Einwohnerzahlen, Flächen und NUTS-3-Codes aus der Destatis-Tabelle
„Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und Bevölkerungsdichte“ (GV-ISys, .xlsx)
in die Kommunenprofile unter content/kommunen/.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from praxisatlas import REPO_ROOT
from praxisatlas.intake.scaffold import GermanArgumentParser
from praxisatlas.intake.statistik.apply import run


def main(argv: list[str] | None = None) -> int:
    parser = GermanArgumentParser(
        prog="python scripts/import_statistik.py",
        description="Übernimmt Einwohnerzahlen, Flächen und NUTS-3-Codes aus der Destatis-Tabelle „Kreisfreie "
        "Städte und Landkreise nach Fläche, Bevölkerung und Bevölkerungsdichte“ (GV-ISys, .xlsx) in die "
        "Kommunenprofile. Zugeordnet wird über den Gemeindeschlüssel „ags“."
    )
    parser.add_argument("datei", type=Path, metavar="DATEI.xlsx", help="die Tabelle, so wie von Destatis geladen")
    parser.add_argument("--anlegen", action="store_true",
                        help="für Kreise und kreisfreie Städte ohne Profil ein neues, gültiges Profil anlegen")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, metavar="ORDNER", help="Wurzelordner der Wissensbasis")
    args = parser.parse_args(argv)
    return run(args.datei, args.root, create=args.anlegen)


if __name__ == "__main__":
    sys.exit(main())
