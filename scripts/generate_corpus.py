#!/usr/bin/env python3
"""Erzeugt eine synthetische, gültige Wissensbasis (mit eigener mkdocs.yml) für Last- und Skalierungstests.

Ein Werkzeug für Entwickler (es nutzt tests/support/); aus dem Projektordner aufrufen:
`python -m scripts.generate_corpus …`
"""

from __future__ import annotations

import sys
from pathlib import Path

from praxisatlas.io.console import GermanArgumentParser
from tests.support.corpus import generate_corpus


def main(argv: list[str] | None = None) -> int:
    parser = GermanArgumentParser(description=__doc__)
    parser.add_argument("--kommunen", type=int, default=600)
    parser.add_argument("--praxis", type=int, default=3000)
    parser.add_argument("--themen", type=int, default=40)
    parser.add_argument("--netzwerke", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="Zielordner (wird angelegt)")
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        print(f"Fehler: Der Zielordner {args.out} ist nicht leer.", file=sys.stderr)
        return 1
    counts = generate_corpus(args.out, args.kommunen, args.praxis, args.themen, args.netzwerke, args.seed)
    print(f"Korpus in {args.out}: " + ", ".join(f"{n} {k}" for k, n in counts.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
