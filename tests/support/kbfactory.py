"""A minimal valid knowledge base, written into a temp folder; tests break it one rule at a time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

TODAY = dt.date(2026, 11, 23)

PRACTICE_BODY = """
## Ausgangslage

Zwei Jugendämter wollten voneinander lernen. [^pm-2025]

## Ziele

Arbeitsabläufe vergleichen. [^pm-2025]

## Vorgehen

Gegenseitige Besuche. [^pm-2025]

## Ergebnisse und Wirkung

Neue Ideen für beide. [^pm-2025]

## Übertragbarkeit

Gut übertragbar. [^pm-2025]

## Stolpersteine

Zeit ist knapp. [^pm-2025]

## Ressourcen

Zwei Tage je Besuch. [^pm-2025]
"""

FILES: dict[str, str] = {
    "content/kommunen/stadt-a.yml": """\
name: Stadt A
art: Stadt
bundesland: Nordrhein-Westfalen
ags: "05562020"
einwohner:
  anzahl: 60000
  stand: 2018-12-31
  quelle: Beispielquelle
partnerkommunen:
  - kreis-b
netzwerke:
  - team-eins
themen:
  - kinderschutz
lerninteressen:
  - kinderschutz
website: https://www.stadt-a.example.org
stand: 2026-11-01
jugendamt:
  vorhanden: true
  art: Jugendamt einer kreisangehörigen Stadt
  landesjugendamt: LWL-Landesjugendamt Westfalen
""",
    "content/kommunen/kreis-b.yml": """\
name: Kreis B
art: Kreis
bundesland: Niedersachsen
ags: "03455"
partnerkommunen:
  - stadt-a
netzwerke:
  - team-eins
stand: 2026-11-01
jugendamt:
  vorhanden: true
  art: Kreisjugendamt
  landesjugendamt: Landesjugendamt Niedersachsen
""",
    "content/themen/kinderschutz.yml": """\
titel: Kinderschutz
beschreibung: Schutz von Kindern vor Gefährdung.
rechtsgrundlagen:
  - § 8a SGB VIII
""",
    "content/netzwerke/team-eins.yml": """\
titel: Team Eins
art: KoVis-Team
beschreibung: Ein Austauschteam.
mitglieder:
  - kommune: stadt-a
    rolle: Initiator
  - kommune: kreis-b
    rolle: Mitglied
quellen:
  - titel: Pressemitteilung
    herausgeber: Landesjugendamt
    datum: 2001-08-28
stand: 2026-11-01
""",
    "practices/besuche.md": """\
---
titel: Gegenseitige Besuche
kurzbeschreibung: Zwei Jugendämter besuchen sich.
themen:
  - kinderschutz
kommunen:
  - stadt-a
  - kreis-b
netzwerke:
  - team-eins
status: laufend
zeitraum:
  beginn: 1998
rechtsgrundlagen:
  - § 79a SGB VIII
quellen:
  - kurz: pm-2025
    titel: Pressemitteilung
    herausgeber: Landesjugendamt
    datum: 2025-09-30
    url: https://www.example.org/pm
kontakt:
  stelle: Jugendamt der Stadt A
stand: 2026-11-01
pruefstatus: geprüft
anhaenge:
  - titel: Vereinbarung
    datei: vereinbarung.txt
---
""" + PRACTICE_BODY,
    "content/dokumente/vereinbarung.txt": "Eckpunkte.\n",
}


def write_kb(root: Path, overrides: dict[str, str | None] | None = None) -> Path:
    """Write the minimal knowledge base to `root`; `overrides` replace (or, with None, delete) files."""
    files = dict(FILES)
    for path, text in (overrides or {}).items():
        if text is None:
            files.pop(path, None)
        else:
            files[path] = text
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def replace_in(path: str, old: str, new: str) -> dict[str, str]:
    """An override that changes one snippet of one file (the snippet must exist)."""
    text = FILES[path]
    assert old in text, f"{old!r} not in {path}"
    return {path: text.replace(old, new, 1)}
