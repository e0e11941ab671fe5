#!/usr/bin/env python3
"""Macht Bildschirmfotos jeder Seitenart (Desktop und Handy) zur Durchsicht, von der gebauten Website.

Ein Werkzeug für Entwickler (es nutzt tests/support/); aus dem Projektordner aufrufen:
`python -m scripts.screenshots …`
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from praxisatlas import REPO_ROOT
from praxisatlas.io.console import GermanArgumentParser
from tests.support.browser import DESKTOP, PHONE, Browser, serve

PAGES = {  # every page type; the tool pages with a choice made (it lives in the address)
    "start": "",
    "praxisbeispiele": "praxis/",
    "praxisbeispiel": "praxis/kooperationsvereinbarung-herten-jobcenter/",
    "kommunen": "kommunen/?bundesland=Nordrhein-Westfalen",
    "kommune": "kommunen/kreis-lippe/",
    "themen": "themen/",
    "thema": "themen/kinderschutz/",
    "netzwerke": "netzwerke/",
    "netzwerk": "netzwerke/kovis-team-1/",
    "partnersuche": "partnersuche/?kommune=kreis-lippe",
    "partnersuche-themen": "partnersuche/?thema=kinderschutz&thema=kita-plaetze",
    "vergleich": "vergleich/?k=kreis-lippe&k=landkreis-friesland&k=herten",
    "offene-daten": "daten/",
    "impressum": "impressum/",
    "datenschutz": "datenschutz/",
    "barrierefreiheit": "barrierefreiheit/",
    "leichte-sprache": "leichte-sprache/",
    "formular-editor": "bearbeiten/",
    "nicht-gefunden": "404.html",
}


def main(argv: list[str] | None = None) -> int:
    parser = GermanArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, help="gebaute Website (sonst wird sie neu gebaut)")
    parser.add_argument("--nur", nargs="*", metavar="SEITE", help=f"nur diese Seitenarten ({', '.join(PAGES)})")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "screenshots", help="Zielordner für PNG-Dateien")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                           cwd=REPO_ROOT, check=True)
        args.out.mkdir(parents=True, exist_ok=True)
        with serve(site) as url, sync_playwright() as playwright:
            browser = Browser(playwright)
            for name, path in PAGES.items():
                if args.nur and name not in args.nur:
                    continue
                for device, viewport in (("desktop", DESKTOP), ("handy", PHONE)):
                    page = browser.new_page(viewport)
                    page.goto(url + path, wait_until="networkidle")
                    page.wait_for_timeout(300)  # Partnersuche and Vergleich render after loading their data
                    target = args.out / f"{name}-{device}.png"
                    page.screenshot(path=str(target), full_page=True)
                    page.context.close()
                    print(target)
            browser.close()
            if browser.foreign_requests:
                print("Achtung, Anfragen an fremde Rechner:", *browser.foreign_requests, sep="\n", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
