"""Small maps (issue 23): a topic page shows where its practices are, a Kommune page where it lies in its Land, the
handbook holds the overview map as a vector graphic. Rules on the geometry first, then the built fixture site (HTML,
files, sizes), the handbook PDF read back with poppler and qpdf, and the pages in Chromium with axe."""

from __future__ import annotations

import re
import subprocess

import pytest

from praxisatlas.domain.model import Entry
from praxisatlas.io.load import load
from praxisatlas.relate import relate
from praxisatlas.render import site
from praxisatlas.render.map import (
    GERMANY,
    HIGHLIGHT,
    MapData,
    geometry,
    highlight_file,
    highlight_svg,
    kommune_kreis,
    place_map,
    print_map_svg,
    small_map,
    small_map_file,
    small_map_list,
)
from tests.support.axe import check_and_close
from tests.support.browser import DESKTOP, PHONE
from tests.support.project import FIXTURE_KB, FROZEN_TODAY

MAX_PAGE_BYTES = 40 * 1024  # as tests/test_pagination.py: every entry page stays small
TOPIC, TOPIC_TITLE = "qualitaetsentwicklung", "Qualitätsentwicklung"  # practices in five Kreise of the fixture
TOWN = "warstein"  # a town with its own page, in Kreis Soest (05974), without AGS of its own


def kommune(slug: str, **data) -> Entry:
    return Entry("kommune", slug, f"content/kommunen/{slug}.yml", {"name": slug.title(), **data})


def section(html: str, start: str, end: str) -> str:
    """The part of `html` from the first `start` to the next `end` (inclusive)."""
    first = html.index(start)
    return html[first:html.index(end, first) + len(end)]


# -- geometry, once per build -----------------------------------------------------------------------------------


def test_small_maps_are_made_once_and_place_every_kreis():
    assert small_map() is small_map() and small_map("05") is small_map("05")  # once per build, not per page
    keys = small_map_list()
    assert keys[0] == GERMANY and len(keys) == 15  # Germany and every Land but the city states Berlin, Hamburg
    assert len(small_map().kreise) == 401
    for shape in geometry().kreise:
        shown = place_map(shape.ars)
        assert shown is not None and shape.ars in shown.kreise, shape.ars
        assert shown.key == (GERMANY if shape.ars[:2] in ("02", "11") else shape.ars[:2])
    for key in keys:
        background = small_map(key).background
        assert background.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ')
        assert len(background) < 20_000, key  # Bayern, 96 Kreise, is the largest
    assert small_map_file(GERMANY) == "karte/klein/deutschland.svg" and small_map_file("05") == "karte/klein/land-05.svg"


def test_a_town_counts_for_its_kreis_also_without_ags_of_its_own():
    kreis = kommune("kreis-soest", ags="05974")
    kommunen = {"kreis-soest": kreis}
    assert kommune_kreis(kommune("soest", ags="05974040"), kommunen) == "05974"
    assert kommune_kreis(kommune("warstein", kreis="kreis-soest"), kommunen) == "05974"
    assert kommune_kreis(kreis, kommunen) == "05974"
    assert kommune_kreis(kommune("irgendwo"), kommunen) is None
    assert kommune_kreis(kommune("nirgendwo", kreis="unbekannt"), kommunen) is None


def test_a_tiny_highlighted_kreis_gets_a_dot():
    germany = small_map()
    tiny = next(key for key, outline in germany.kreise.items() if outline.tiny)
    large = next(key for key, outline in germany.kreise.items() if not outline.tiny)
    inline = highlight_svg(germany, [tiny, large], "Karte: Test")
    assert 'role="img" aria-label="Karte: Test"' in inline
    assert inline.count("<circle") == 1
    assert germany.kreise[tiny].d in inline and germany.kreise[large].d in inline
    whole = highlight_file(germany, [tiny, large])
    assert whole.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and germany.drawing in whole
    assert f'fill="{HIGHLIGHT}"' in whole and whole.count("<circle") == 1


def test_print_map_has_no_links_and_colours_as_attributes():
    svg = print_map_svg(MapData({"05974": ["a"], "05766": ["a", "b", "c", "d"]}, {}))
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "<a" not in svg and "class=" not in svg
    assert {'fill="#e6eaee"', 'fill="#9ecae1"', 'fill="#1b5e9e"'} <= set(re.findall(r'fill="#[0-9a-f]{6}"', svg))


# -- the built site ---------------------------------------------------------------------------------------------


def test_topic_page_shows_where_its_practices_are(site_dir):
    folder = site_dir / "themen" / TOPIC
    html = (folder / "index.html").read_text(encoding="utf-8")
    figure = section(html, '<figure class="pa-minikarte"', "</figure>")
    image = re.search(r'<img src="([^"]+)" alt="([^"]+)" width="(\d+)" height="(\d+)"', figure)
    assert image is not None, figure
    assert image[2] == f"Karte: Kreise mit Praxisbeispielen zum Thema „{TOPIC_TITLE}“"
    assert image[1] == "karte.svg"  # a file of its own next to the page: the page stays small
    picture = (folder / "karte.svg").read_text(encoding="utf-8")
    assert picture.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and f'fill="{HIGHLIGHT}"' in picture
    assert f'viewBox="0 0 {image[3]} {image[4]}"' in picture
    # the text alternative: every highlighted Kreis with the Kommunen of the practices there
    caption = section(figure, "<figcaption>", "</figcaption>")
    assert "Hervorgehoben: 5 Kreise und kreisfreie Städte" in caption
    assert "<li>Kreis Soest (Stadt Soest, Stadt Warstein)</li>" in caption
    assert "<li>Kreis Recklinghausen (Stadt Gladbeck, Stadt Herten)</li>" in caption  # towns without AGS
    assert "<li>Kreis Lippe</li>" in caption
    assert f'href="../../karte/?thema={TOPIC}"' in caption  # the big map, filtered by the topic
    assert "© GeoBasis-DE / BKG (2021)" in caption and "dl-de/by-2-0" in caption
    assert html.index('id="karte"') < html.index('id="kommunen-die-selbst-an-diesem-thema-arbeiten"')


def test_topic_with_many_kreise_counts_them_per_land(monkeypatch):
    """Beyond TOPIC_MAP_LIST Kreise the text names the number per Land (the page stays small), and links the big
    map filtered by the topic."""
    monkeypatch.setattr(site, "TOPIC_MAP_LIST", 2)
    kb, _ = load(FIXTURE_KB)
    plans = {o.uri: o for o in site.SiteRenderer(kb, relate(kb), FROZEN_TODAY).plans()}
    html = plans[f"themen/{TOPIC}.md"].render()
    caption = section(html, "<figcaption>", "</figcaption>")
    assert "Hervorgehoben: 5 Kreise und kreisfreie Städte" in caption and "ihre Zahl je Land:" in caption
    assert "<li>Niedersachsen: 1</li>\n<li>Nordrhein-Westfalen: 4</li>" in caption
    assert f'href="../../karte/?thema={TOPIC}"' in caption
    picture = plans[f"themen/{TOPIC}/karte.svg"].render()
    highlighted = re.search(rf'<path d="([^"]*)" fill="{HIGHLIGHT}"', picture)[1]
    assert small_map().kreise["05974"].d in highlighted and small_map().kreise["03455"].d in highlighted


def test_topic_without_a_placed_practice_has_no_map(site_dir):
    empty = [folder for folder in (site_dir / "themen").iterdir() if (folder / "index.html").is_file()
             and "pa-minikarte" not in (folder / "index.html").read_text(encoding="utf-8")]
    assert empty  # the fixture has topics without practices
    assert not any((folder / "karte.svg").exists() for folder in empty)


@pytest.mark.parametrize(("slug", "label", "caption"), [
    (TOWN, "Lage von Stadt Warstein in Nordrhein-Westfalen",
     "Stadt Warstein gehört zum hervorgehobenen Kreis: Kreis Soest (Nordrhein-Westfalen)."),
    ("kreis-lippe", "Lage von Kreis Lippe in Nordrhein-Westfalen", "Hervorgehoben: Kreis Lippe in Nordrhein-Westfalen."),
])
def test_kommune_page_shows_where_it_lies_in_its_land(site_dir, slug, label, caption):
    html = (site_dir / "kommunen" / slug / "index.html").read_text(encoding="utf-8")
    glance = section(html, '<section class="pa-blick', "</section>")  # inside "Auf einen Blick"
    figure = section(glance, '<figure class="pa-minikarte pa-lage"', "</figure>")
    assert '<svg class="pa-minikarte__svg" viewBox="0 0 ' in figure
    assert f'role="img" aria-label="{label}"' in figure
    assert caption in figure and "© GeoBasis-DE / BKG (2021)" in figure
    background = re.search(r'<img src="([^"]+)" alt=""', figure)[1]
    assert background == "../../karte/klein/land-05.svg"
    assert (site_dir / "kommunen" / slug / background).resolve().is_file()
    # the highlighted Kreis is the geometry made once per build, in the box of the Land's background
    kreis = "05974" if slug == TOWN else "05766"
    assert f'd="{small_map("05").kreise[kreis].d}"' in figure
    assert f'viewBox="0 0 {small_map("05").width} {small_map("05").height}"' in figure


def test_kommune_without_place_has_no_map(site_dir):
    html = (site_dir / "kommunen" / "gummersbach" / "index.html").read_text(encoding="utf-8")  # no AGS, no Kreis
    assert "pa-minikarte" not in html and "pa-blick--karte" not in html


def test_small_map_files_are_made_once_per_build(site_dir):
    files = sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / "karte" / "klein").iterdir())
    assert files == sorted(small_map_file(key) for key in small_map_list())
    assert not list((site_dir / "kommunen").rglob("*.svg"))  # no map file per Kommune page
    for name in files:
        assert (site_dir / name).read_text(encoding="utf-8") == small_map(name.split("-")[-1][:2]
                                                                          if "land-" in name else GERMANY).background


def test_pages_with_a_map_stay_small(site_dir):
    sizes = {p.relative_to(site_dir).as_posix(): p.stat().st_size
             for prefix in ("themen", "kommunen") for p in (site_dir / prefix).glob("*/index.html")}
    assert not {name: size for name, size in sizes.items() if size > MAX_PAGE_BYTES}
    for name in sizes:
        html = (site_dir / name).read_text(encoding="utf-8")
        if "pa-minikarte" in html:
            part = section(html, '<figure class="pa-minikarte', "</figure>")
            assert len(part.encode()) < (2_000 if name.startswith("kommunen/") else 3_000), name
    assert max(p.stat().st_size for p in (site_dir / "themen").glob("*/karte.svg")) < 12_000


# -- the handbook -----------------------------------------------------------------------------------------------


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=True)


def test_handbook_has_the_overview_map_as_vector_graphic_with_attribution(site_dir, tmp_path):
    pdf = site_dir / "handbuch.pdf"
    pages = int(re.search(r"^Pages:\s+(\d+)$", run("pdfinfo", str(pdf)).stdout, re.M)[1])
    texts = [run("pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", str(pdf), "-").stdout
             for n in range(1, pages + 1)]
    texts = [re.sub(r"\s+", " ", text) for text in texts]
    assert "Karte: Praxisbeispiele nach Kreisen" in texts[1]  # in the contents
    # its own page: heading, caption, legend and attribution
    number = next(n for n, text in enumerate(texts, start=1) if "Praxisbeispiele je Kreis und kreisfreier Stadt" in text)
    text = texts[number - 1]
    assert "Karte: Praxisbeispiele nach Kreisen" in text
    assert "© GeoBasis-DE / BKG (2021)" in text and "dl-de/by-2-0" in text  # the licence's attribution
    assert "keine Praxisbeispiele" in text and "2–3 Praxisbeispiele" in text  # the legend, as text
    assert "Geodaten der Karte: © GeoBasis-DE / BKG (2021)" in texts[-1]  # the Impressum
    # vector content: no raster image on the page, but the Kreise as long paths
    images = run("pdfimages", "-list", "-f", str(number), "-l", str(number), str(pdf)).stdout.splitlines()
    assert len(images) == 2, images  # the table header only
    run("pdftocairo", "-svg", "-f", str(number), "-l", str(number), str(pdf), str(tmp_path / "seite.svg"))
    drawn = (tmp_path / "seite.svg").read_text(encoding="utf-8")
    assert max(len(d) for d in re.findall(r' d="([^"]*)"', drawn)) > 20_000
    assert re.search(r"^Tagged:\s+yes$", run("pdfinfo", str(pdf)).stdout, re.M)
    assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0
    # a topic's handbook has no overview map
    topic = run("pdftotext", "-enc", "UTF-8", str(site_dir / "themen" / TOPIC / "handbuch.pdf"), "-").stdout
    assert "Karte: Praxisbeispiele nach Kreisen" not in topic


# -- in the browser ---------------------------------------------------------------------------------------------

PAGES = {"thema": (f"themen/{TOPIC}/", f"Karte: Kreise mit Praxisbeispielen zum Thema „{TOPIC_TITLE}“"),
         "kommune": (f"kommunen/{TOWN}/", "Lage von Stadt Warstein in Nordrhein-Westfalen")}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize(("path", "name"), PAGES.values(), ids=PAGES.keys())
def test_map_pages_are_accessible_and_the_map_is_drawn(browser, site_url, path, name, viewport):
    browser.foreign_requests.clear()
    page = browser.new_page(viewport)
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response.status == 200
    picture = page.get_by_role("img", name=name, exact=True)
    assert picture.count() == 1 and picture.is_visible()
    figure = page.locator("figure.pa-minikarte")
    loaded = figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    shown = figure.locator("img").bounding_box()
    overlay = figure.locator("svg").bounding_box() if figure.locator("svg").count() else shown
    violations, width = check_and_close(page)
    assert violations == [], violations
    assert browser.foreign_requests == [], browser.foreign_requests
    assert loaded
    assert 100 <= shown["width"] <= 260, shown  # small
    assert all(abs(shown[k] - overlay[k]) < 1 for k in ("x", "y", "width", "height")), (shown, overlay)
    assert width <= viewport["width"], f"{path}: {width}px breit"

