"""The map of Germany's Kreise as a static SVG: outlines projected and simplified once per build, every Kreis a
link coloured by its number of practices (a sequential palette that colour-blind readers can tell apart).

No map library, no tiles: the outlines are the BKG's VG5000 (praxisatlas/geodaten/, dl-de/by-2-0), simplified
with Douglas–Peucker and written as relative SVG paths with one decimal."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from html import escape

from praxisatlas.domain.model import Entry, KnowledgeBase
from praxisatlas.io.geodata import Ring, kreise, laender
from praxisatlas.relate import Relations, practice_type

WIDTH = 560.0  # viewBox width; the height follows from Germany's shape
TOLERANCE = 0.55  # simplification in viewBox units (about half a pixel at full width)
MIN_RING_AREA = 0.6  # rings smaller than this (square units) are left out: islets invisible at this scale
LON_MIN, LAT_MAX, LAT_MID = 5.8, 55.1, 51.2

# (lowest count, label) of each colour class; class pa-k<i> colours it (assets/praxisatlas.css)
BINS = ((0, "keine"), (1, "1"), (2, "2–3"), (4, "4–7"), (8, "8 und mehr"))


def colour_class(count: int) -> int:
    """The colour class (0–4) of a number of practices."""
    return max(i for i, (low, _) in enumerate(BINS) if count >= low)


def _project(lon: float, lat: float, scale: float) -> tuple[float, float]:
    return ((lon - LON_MIN) * math.cos(math.radians(LAT_MID)) * scale, (LAT_MAX - lat) * scale)


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker (iterative): the points of a line that keep it within `tolerance`."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1e-12
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            distance = abs(dy * (x - x1) - dx * (y - y1)) / length if (dx or dy) else math.hypot(x - x1, y - y1)
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance and index > 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _area(points: list[tuple[float, float]]) -> float:
    pairs = zip(points, points[1:] + points[:1], strict=True)
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)) / 2


def _path(rings: tuple[Ring, ...], scale: float) -> str:
    """SVG path data of the rings: relative moves, one decimal (a few KB per Kreis)."""
    parts = []
    for ring in rings:
        points = _simplify([_project(lon, lat, scale) for lon, lat in ring], TOLERANCE)
        if len(points) > 1 and points[0] == points[-1]:
            points = points[:-1]
        if len(points) < 3 or _area(points) < MIN_RING_AREA:
            continue
        rounded = [(round(x * 10), round(y * 10)) for x, y in points]
        x0, y0 = rounded[0]
        numbers, (px, py) = [], (x0, y0)
        for x, y in rounded[1:]:
            if (x, y) != (px, py):
                numbers += [x - px, y - py]
                px, py = x, y
        parts.append(f"M{_numbers([x0, y0])}l{_numbers(numbers)}z")
    return "".join(parts)


def _numbers(values: list[int]) -> str:
    """Coordinates in tenths as compact SVG number text: '12.3,-.5,4'; a comma only where a number does not
    start with its minus sign."""
    text = []
    for index, tenths in enumerate(values):
        whole, frac = divmod(abs(tenths), 10)
        number = f"{whole}.{frac}" if frac else f"{whole}"
        number = number[1:] if number.startswith("0.") else number
        if tenths < 0:
            text.append("-" + number)
        else:
            text.append(("," if index else "") + number)
    return "".join(text)


@dataclass(frozen=True)
class Shape:
    ars: str
    name: str
    kind: str
    d: str


@dataclass(frozen=True)
class Geometry:
    width: float
    height: float
    kreise: tuple[Shape, ...]
    laender: str  # one path: the Länder borders


@cache
def geometry() -> Geometry:
    """Projected, simplified outlines: made once per process (once per build)."""
    lat_min = min(lat for area in kreise() for ring in area.rings for _, lat in ring)
    lon_max = max(lon for area in kreise() for ring in area.rings for lon, _ in ring)
    scale = WIDTH / ((lon_max - LON_MIN) * math.cos(math.radians(LAT_MID)))
    height = math.ceil((LAT_MAX - lat_min) * scale)
    shapes = tuple(Shape(a.ars, a.name, a.kind, _path(a.rings, scale)) for a in sorted(kreise(), key=lambda a: a.ars))
    land = {}
    for area in laender():  # the first area of each Land is its land; later ones are coastal waters, lakes
        land.setdefault(area.ars, area)
    borders = "".join(_path(a.rings, scale) for _, a in sorted(land.items()))
    return Geometry(WIDTH, height, shapes, borders)


def kreis_key(kommune: Entry) -> str | None:
    """The Kreis (5-digit AGS) a Kommune lies in: its own AGS for a Kreis, the first five digits for a town."""
    ags = kommune.get("ags")
    return ags[:5] if isinstance(ags, str) and len(ags) >= 5 and ags[:5].isdigit() else None


@dataclass
class MapData:
    """Per Kreis (5-digit AGS): its practices, its profile (a Kommune entry for the Kreis itself) if any."""

    practices: dict[str, list[str]]
    profiles: dict[str, Entry]


def map_data(kb: KnowledgeBase, rel: Relations) -> MapData:
    practices: dict[str, set[str]] = defaultdict(set)
    for slug, practice in kb.praxis.items():
        for kommune in practice.get("kommunen") or []:
            if isinstance(kommune, str) and kommune in kb.kommunen and (key := kreis_key(kb.kommunen[kommune])):
                practices[key].add(slug)
    profiles = {k.get("ags"): k for k in kb.kommunen.values()
                if isinstance(k.get("ags"), str) and len(k.get("ags")) == 5}
    return MapData({key: sorted(slugs) for key, slugs in practices.items()}, profiles)


def kreis_name(shape: Shape, profile: Entry | None) -> str:
    """'Kreis Soest' from a profile, else the BKG's name and kind ('Flensburg (Kreisfreie Stadt)')."""
    if profile is not None:
        return profile.title
    if shape.kind in ("Kreis", "Landkreis"):
        return f"{shape.kind} {shape.name}"
    return f"{shape.name} ({shape.kind})"


def count_words(count: int) -> str:
    if count == 0:
        return "keine Praxisbeispiele"
    return "1 Praxisbeispiel" if count == 1 else f"{count} Praxisbeispiele"


def map_svg(data: MapData, href, table_url: str, label: str = "Karte der Kreise und kreisfreien Städte") -> str:
    """The map: one link per Kreis (to its profile, else to its row in the table), coloured by practices."""
    geo = geometry()
    links = []
    for shape in geo.kreise:
        profile = data.profiles.get(shape.ars)
        count = len(data.practices.get(shape.ars, ()))
        name = kreis_name(shape, profile)
        target = href(profile) if profile is not None else f"{table_url}#ags-{shape.ars}"
        links.append(f'<a href="{escape(target)}" class="pa-k{colour_class(count)}" data-ags="{shape.ars}" '
                     f'aria-label="{escape(name)}: {count_words(count)}"><path d="{shape.d}"/></a>')
    return (f'<svg class="pa-karte__svg" viewBox="0 0 {geo.width:g} {geo.height:g}" role="group" '
            f'aria-label="{escape(label)}" focusable="false">'
            f'<g class="pa-karte__kreise">{"".join(links)}</g>'
            f'<path class="pa-karte__laender" d="{geo.laender}" aria-hidden="true"/></svg>')


def practice_facets(kb: KnowledgeBase) -> dict[str, dict]:
    """Per practice: topics and entry type, for the map's filter (assets/karte.js)."""
    return {slug: {"themen": [t for t in p.get("themen") or [] if isinstance(t, str)], "art": practice_type(p)}
            for slug, p in sorted(kb.praxis.items())}
