"""The map of Germany's Kreise as a static SVG: outlines projected and simplified once per build, every Kreis a
link coloured by its number of practices (a sequential palette that colour-blind readers can tell apart).

No map library, no tiles: the outlines are the BKG's VG5000 (praxisatlas/geodaten/, dl-de/by-2-0), simplified
with Douglas–Peucker and written as relative SVG paths with one decimal. From the same outlines, also once per
build: the small maps of topic and Kommune pages (see "small maps" below) and the map in the handbook."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from html import escape

from praxisatlas.domain.model import Entry, KnowledgeBase
from praxisatlas.domain.regions import AGS_LAND
from praxisatlas.io.geodata import Ring, kreise, laender
from praxisatlas.relate import Relations, practice_type

WIDTH = 560.0  # viewBox width; the height follows from Germany's shape
TOLERANCE = 0.55  # simplification in viewBox units (about half a pixel at full width)
MIN_RING_AREA = 0.6  # rings smaller than this (square units) are left out: islets invisible at this scale
LON_MIN, LAT_MAX, LAT_MID = 5.8, 55.1, 51.2

Point = tuple[float, float]

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


def _outlines(rings: tuple[Ring, ...], project: Callable[[float, float], Point], tolerance: float,
              min_area: float) -> list[list[Point]]:
    """The rings projected and simplified (without their closing point); rings too small to see left out."""
    result = []
    for ring in rings:
        points = _simplify([project(lon, lat) for lon, lat in ring], tolerance)
        if len(points) > 1 and points[0] == points[-1]:
            points = points[:-1]
        if len(points) >= 3 and _area(points) >= min_area:
            result.append(points)
    return result


def _path_data(outlines: list[list[Point]], decimals: int = 1) -> str:
    """SVG path data of projected rings: relative moves, `decimals` (0 or 1) after the point."""
    factor = 10 ** decimals
    parts = []
    for points in outlines:
        rounded = [(round(x * factor), round(y * factor)) for x, y in points]
        x0, y0 = rounded[0]
        numbers, (px, py) = [], (x0, y0)
        for x, y in rounded[1:]:
            if (x, y) != (px, py):
                numbers += [x - px, y - py]
                px, py = x, y
        parts.append(f"M{_numbers([x0, y0], decimals)}l{_numbers(numbers, decimals)}z")
    return "".join(parts)


def _path(rings: tuple[Ring, ...], scale: float) -> str:
    """SVG path data of the rings on the national map: one decimal (a few KB per Kreis)."""
    return _path_data(_outlines(rings, lambda lon, lat: _project(lon, lat, scale), TOLERANCE, MIN_RING_AREA))


def _numbers(values: list[int], decimals: int = 1) -> str:
    """Coordinates in tenths (or whole units, `decimals` 0) as compact SVG number text: '12.3,-.5,4'; a comma
    only where a number does not start with its minus sign."""
    text = []
    for index, value in enumerate(values):
        if decimals:
            whole, frac = divmod(abs(value), 10)
            number = f"{whole}.{frac}" if frac else f"{whole}"
            number = number[1:] if number.startswith("0.") else number
        else:
            number = str(abs(value))
        if value < 0:
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


def kommune_kreis(kommune: Entry, kommunen: Mapping[str, Entry]) -> str | None:
    """The Kreis a Kommune lies in: from its own AGS (kreis_key), else from the Kreis it names (`kreis`), so a
    town without AGS still counts for its Kreis."""
    key = kreis_key(kommune)
    kreis = kommune.get("kreis")
    if key is None and isinstance(kreis, str) and kreis in kommunen:
        key = kreis_key(kommunen[kreis])
    return key


@dataclass
class MapData:
    """Per Kreis (5-digit AGS): its practices, its profile (a Kommune entry for the Kreis itself) if any."""

    practices: dict[str, list[str]]
    profiles: dict[str, Entry]


def map_data(kb: KnowledgeBase, rel: Relations) -> MapData:
    practices: dict[str, set[str]] = defaultdict(set)
    for slug, practice in kb.praxis.items():
        for kommune in practice.get("kommunen") or []:
            if isinstance(kommune, str) and kommune in kb.kommunen and \
                    (key := kommune_kreis(kb.kommunen[kommune], kb.kommunen)):
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


# -- small maps: a topic's Kreise in Germany, a Kommune's place in its Land ----------------------------------------
# Made once per build (small_map is cached): Germany's Länder, and each Land's Kreise, in whole units of a box about
# SMALL_SIZE long, roughly one CSS pixel each at the size the pages show them. A Kommune page shows the shared
# background file of its Land (karte/klein/…svg, cached by the browser) with its Kreis as inline SVG on top, in the
# same box (one outline: a few hundred bytes). A topic page may highlight hundreds of Kreise, so its map is a file
# of its own (themen/<kurzname>/karte.svg, background and highlights): the page stays small whatever the topic.

SMALL_SIZE = 240.0  # the longer side of a small map's box
SMALL_TOLERANCE = 0.6
SMALL_MIN_AREA = 1.0
SMALL_PAD = 2.0  # room for the outline's stroke
MARK_AREA = 30.0  # a highlighted Kreis smaller than this (square units) also gets a dot, so it can be seen
MARK_RADIUS = 4
BACKGROUND_FILL, KREIS_STROKE, LAND_STROKE, HIGHLIGHT = "#e6eaee", "#8796a5", "#1f2933", "#1b5e9e"
SMALL_FOLDER = "karte/klein"
GERMANY = "de"


@dataclass(frozen=True)
class Outline:
    """One Kreis on a small map: its path, a point inside it for the dot, whether it is too small to see."""

    d: str
    x: int
    y: int
    tiny: bool


@dataclass(frozen=True)
class SmallMap:
    """A small map: Germany (key "de") or one Land (key: its 2-digit AGS), its box, its background drawing and
    the outline of every Kreis on it."""

    key: str
    name: str
    width: int
    height: int
    drawing: str  # the background's SVG elements
    kreise: dict[str, Outline]

    @property
    def background(self) -> str:
        """The background as a whole SVG file."""
        return _document(self.width, self.height, self.drawing)

    @property
    def file(self) -> str:
        return small_map_file(self.key)


def small_map_file(key: str) -> str:
    """The path in the site of a small map's background."""
    return f"{SMALL_FOLDER}/{'deutschland' if key == GERMANY else 'land-' + key}.svg"


def _small_projection(rings: Iterable[Ring]) -> tuple[Callable[[float, float], Point], int, int]:
    """A projection that fits the rings into a box SMALL_SIZE long (equirectangular at their middle latitude)."""
    points = [point for ring in rings for point in ring]
    lon_min, lon_max = min(p[0] for p in points), max(p[0] for p in points)
    lat_min, lat_max = min(p[1] for p in points), max(p[1] for p in points)
    squeeze = math.cos(math.radians((lat_min + lat_max) / 2))
    scale = SMALL_SIZE / max((lon_max - lon_min) * squeeze, lat_max - lat_min)

    def project(lon: float, lat: float) -> Point:
        return ((lon - lon_min) * squeeze * scale + SMALL_PAD, (lat_max - lat) * scale + SMALL_PAD)

    width, height = project(lon_max, lat_min)
    return project, math.ceil(width + SMALL_PAD), math.ceil(height + SMALL_PAD)


def _centre(points: list[Point]) -> Point:
    """The centroid of a ring (its mean point if it has no area)."""
    pairs = list(zip(points, points[1:] + points[:1], strict=True))
    twice = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)
    if not twice:
        return sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (3 * twice)
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (3 * twice)
    return cx, cy


def _small_outline(rings: tuple[Ring, ...], project: Callable[[float, float], Point]) -> Outline:
    outlines = _outlines(rings, project, SMALL_TOLERANCE, SMALL_MIN_AREA)
    if not outlines:  # smaller than SMALL_MIN_AREA: keep the largest ring, so it can still be marked
        outlines = sorted(_outlines(rings, project, SMALL_TOLERANCE, 0.0), key=_area)[-1:]
    largest = max(outlines, key=_area)
    x, y = _centre(largest)
    return Outline(_path_data(outlines, 0), round(x), round(y), sum(_area(o) for o in outlines) < MARK_AREA)


def _document(width: int, height: int, drawing: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}">{drawing}</svg>\n')


def _land_outline(code: str) -> tuple[Ring, ...]:
    """The outline of a Land (its first area; later ones are coastal waters and lakes)."""
    return next(area.rings for area in laender() if area.ars == code)


@cache
def small_map(key: str = GERMANY) -> SmallMap:
    """The small map of Germany (its Länder as background) or of one Land (its Kreise as background): made once
    per process (once per build), whatever number of pages shows it."""
    if key == GERMANY:
        areas = kreise()
        project, width, height = _small_projection(ring for area in areas for ring in area.rings)
        codes = sorted({area.ars for area in laender()})
        land = _path_data([o for code in codes
                           for o in _outlines(_land_outline(code), project, SMALL_TOLERANCE, SMALL_MIN_AREA)], 0)
        layers = [f'<path d="{land}" fill="{BACKGROUND_FILL}" stroke="{LAND_STROKE}" stroke-width=".7" '
                  f'stroke-linejoin="round"/>']
        name = "Deutschland"
    else:
        areas = tuple(area for area in kreise() if area.ars[:2] == key)
        if not areas:
            raise KeyError(key)
        project, width, height = _small_projection(ring for area in areas for ring in area.rings)
        inner = "".join(_path_data(_outlines(a.rings, project, SMALL_TOLERANCE, SMALL_MIN_AREA), 0) for a in areas)
        border = _path_data(_outlines(_land_outline(key), project, SMALL_TOLERANCE, SMALL_MIN_AREA), 0)
        layers = [f'<path d="{inner}" fill="{BACKGROUND_FILL}" stroke="{KREIS_STROKE}" stroke-width=".5" '
                  f'stroke-linejoin="round"/>',
                  f'<path d="{border}" fill="none" stroke="{LAND_STROKE}" stroke-width=".9" stroke-linejoin="round"/>']
        name = AGS_LAND[key]
    outlines = {area.ars: _small_outline(area.rings, project) for area in sorted(areas, key=lambda a: a.ars)}
    return SmallMap(key, name, width, height, "".join(layers), outlines)


def small_map_list() -> list[str]:
    """The key of every small map: Germany and each Land with more than one Kreis (a city state is shown on
    Germany's)."""
    return [GERMANY] + [code for code, key in small_map_keys().items() if key == code]


def place_map(key: str) -> SmallMap | None:
    """The small map that shows the Kreis `key` in its Land (Germany's for a city state), or None if unknown."""
    land = small_map_keys().get(key[:2])
    if land is None or key not in small_map(land).kreise:
        return None
    return small_map(land)


@cache
def small_map_keys() -> dict[str, str]:
    """Per Land (2-digit AGS) the key of the small map that shows its Kreise."""
    counts: dict[str, int] = defaultdict(int)
    for area in kreise():
        counts[area.ars[:2]] += 1
    return {code: (code if count > 1 else GERMANY) for code, count in sorted(counts.items())}


def _highlights(small: SmallMap, keys: Iterable[str]) -> tuple[str, str]:
    """The path data of the Kreise `keys` that are on the map, and a dot on each tiny one."""
    shown = [small.kreise[key] for key in sorted(set(keys)) if key in small.kreise]
    return ("".join(o.d for o in shown),
            "".join(f'<circle cx="{o.x}" cy="{o.y}" r="{MARK_RADIUS}"/>' for o in shown if o.tiny))


def highlight_svg(small: SmallMap, keys: Iterable[str], label: str) -> str:
    """The page's part of a small map: the Kreise `keys` as one path, a dot on each tiny one, in the box of its
    background (shown under it); an image with the accessible name `label`."""
    d, dots = _highlights(small, keys)
    return (f'<svg class="pa-minikarte__svg" viewBox="0 0 {small.width} {small.height}" role="img" '
            f'aria-label="{escape(label)}" focusable="false">'
            f'<path class="pa-minikarte__treffer" d="{d}"/>'
            + (f'<g class="pa-minikarte__punkte">{dots}</g>' if dots else "") + "</svg>")


def highlight_file(small: SmallMap, keys: Iterable[str]) -> str:
    """A small map as one SVG file: the background with the Kreise `keys` highlighted (colours as attributes)."""
    d, dots = _highlights(small, keys)
    marks = f'<g fill="{HIGHLIGHT}" stroke="#fff" stroke-width="1.2">{dots}</g>' if dots else ""
    return _document(small.width, small.height, f'{small.drawing}<path d="{d}" fill="{HIGHLIGHT}" stroke="#fff" '
                                                f'stroke-width=".6" stroke-linejoin="round"/>{marks}')


@cache
def shapes_by_ars() -> dict[str, Shape]:
    """The national map's Kreise by their 5-digit AGS."""
    return {shape.ars: shape for shape in geometry().kreise}


# -- the map in print (handbook): the same geometry, colours as attributes, no links ------------------------------

CLASS_COLOURS = ("#e6eaee", "#9ecae1", "#4292c6", "#1b5e9e", "#08214a")  # as .pa-k0 … .pa-k4 (praxisatlas.css)


def print_map_svg(data: MapData) -> str:
    """The national map as a standalone SVG for print: Kreise grouped by colour class, Länder borders on top."""
    geo = geometry()
    classes: dict[int, list[str]] = defaultdict(list)
    for shape in geo.kreise:
        classes[colour_class(len(data.practices.get(shape.ars, ())))].append(shape.d)
    groups = "".join(f'<path fill="{CLASS_COLOURS[k]}" d="{"".join(paths)}"/>' for k, paths in sorted(classes.items()))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {geo.width:g} {geo.height:g}" '
            f'width="{geo.width:g}" height="{geo.height:g}">'
            f'<g stroke="#fff" stroke-width=".4" stroke-linejoin="round">{groups}</g>'
            f'<path d="{geo.laender}" fill="none" stroke="#1f2933" stroke-width=".9" stroke-linejoin="round"/></svg>')
