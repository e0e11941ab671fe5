"""The publish workflow's gate: no deployment while content/betreiber.yml is missing, wrong or a placeholder.

Light on purpose: it runs in the workflow before anything else is installed (PyYAML and the JSON-Schema
checkers only), so it imports nothing of the renderer.
"""

from __future__ import annotations

import sys
from pathlib import Path

from praxisatlas.checks.operator import publish_refusals
from praxisatlas.io.console import GermanArgumentParser, report


def main(argv: list[str] | None = None) -> int:
    """Exit 1 (with every refusal as `path:line:col: Fehler: …`) unless the operator data is complete."""
    parser = GermanArgumentParser(description="Prüft vor der Veröffentlichung die Angaben zum Betreiber "
                                              "(content/betreiber.yml): Jeder Platzhalter verhindert sie.")
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="Wurzelordner der Wissensbasis (Voreinstellung: der aktuelle Ordner)")
    args = parser.parse_args(argv)
    refusals = publish_refusals(args.root)
    code = report(refusals)
    if code:
        print(f"Nicht veröffentlichen: {len(refusals)} Angaben zum Betreiber fehlen oder sind noch Platzhalter. "
              "Bitte content/betreiber.yml vervollständigen.", file=sys.stderr)
    else:
        print("Angaben zum Betreiber vollständig: Impressum, Datenschutz und Barrierefreiheit können "
              "veröffentlicht werden.", file=sys.stderr)
    return code
