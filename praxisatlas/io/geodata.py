"""The administrative outlines shipped with the project (praxisatlas/geodaten/, BKG VG5000, dl-de/by-2-0)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GEODATA = Path(__file__).resolve().parent.parent / "geodaten"
KREISE_FILE = GEODATA / "vg5000-kreise-2021-01-01.geojson"
LAENDER_FILE = GEODATA / "vg5000-laender-2021-01-01.geojson"
ATTRIBUTION = "© GeoBasis-DE / BKG (2021)"
LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"

Ring = tuple[tuple[float, float], ...]  # (longitude, latitude) points


@dataclass(frozen=True)
class Area:
    """One area: its regional key (ARS: 5 digits for a Kreis, 2 for a Land), name, kind and outline rings."""

    ars: str
    name: str
    kind: str
    rings: tuple[Ring, ...]


def _rings(geometry: dict) -> tuple[Ring, ...]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return tuple(tuple((float(x), float(y)) for x, y, *_ in ring) for polygon in polygons for ring in polygon)


@cache
def read_areas(path: Path) -> tuple[Area, ...]:
    """The areas of one GeoJSON file, read once per process."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(Area(str(f["properties"]["ARS"]), str(f["properties"]["GEN"]), str(f["properties"]["BEZ"]),
                      _rings(f["geometry"])) for f in data["features"])


def kreise() -> tuple[Area, ...]:
    return read_areas(KREISE_FILE)


def laender() -> tuple[Area, ...]:
    return read_areas(LAENDER_FILE)
