"""The frame around every page, as a person sees it at 1280 px and 390 px: the way in from the home page,
the footer's legal links, a one-row header, a German 404, headings that do not break mid-word, Partnersuche
and Vergleich that explain themselves, Leichte Sprache line by line, and axe on the pages added here."""

from __future__ import annotations

import pytest

from tests.support.axe import AXE, AXE_RUN
from tests.support.browser import DESKTOP, PHONE

WIDTHS = {"desktop": DESKTOP, "handy": PHONE}
FOOTER = ["Impressum", "Datenschutz", "Barrierefreiheit", "Leichte Sprache", "Kontakt"]
WAYS = {"Praxis finden": "/praxis/", "Partner finden": "/partnersuche/", "Kommunen vergleichen": "/vergleich/",
        "Mitmachen": "/mitmachen/", "Handbuch": "/handbuch.pdf"}
FRAME_PAGES = ["", "praxis/", "kommunen/kreis-lippe/", "vergleich/", "impressum/", "leichte-sprache/", "404.html"]

# (a broken word shows as one word whose characters sit on two lines)
BROKEN_WORDS = """el => { const broken = []; const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) { const node = walker.currentNode; const re = /\\S+/g; let m;
    while ((m = re.exec(node.data))) { const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]); } }
  return broken; }"""


def open_page(browser, url: str, viewport: dict):
    page = browser.new_page(viewport)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)  # Partnersuche and Vergleich render after loading their data
    return page


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", FRAME_PAGES)
def test_footer_links_on_every_page_and_header_in_one_row(browser, site_url, path, width):
    page = open_page(browser, site_url + path, width)
    footer = page.locator("footer nav.pa-fuss-links")
    for name in FOOTER:
        link = footer.get_by_role("link", name=name, exact=True)
        link.scroll_into_view_if_needed()
        assert link.is_visible(), f"{path}: {name}"
    assert page.evaluate("document.querySelector('.md-header').getBoundingClientRect().height") == 48
    if width is DESKTOP:  # the handbook and the repository link stand side by side, inside the header
        boxes = page.evaluate("""Array.from(document.querySelectorAll('.md-header .pa-kopf-links a'))
            .map(a => { const r = a.getBoundingClientRect(); return [r.top, r.bottom]; })""")
        assert len(boxes) == 2 and boxes[0] == boxes[1] and boxes[0][1] <= 48, boxes
    overflow = page.evaluate("document.documentElement.scrollWidth")
    page.context.close()
    assert overflow <= width["width"], f"{path}: Seite ist {overflow}px breit"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_home_page_shows_the_ways_in_and_the_navigation(browser, site_url, width):
    page = open_page(browser, site_url, width)
    block = page.get_by_role("navigation", name="Was möchten Sie tun?")
    for name, target in WAYS.items():
        link = block.get_by_role("link", name=name)
        link.scroll_into_view_if_needed()
        assert link.is_visible(), name
        assert link.get_attribute("href").endswith(target.lstrip("/")), name
    if width is DESKTOP:  # the site navigation is open beside the content on the home page too
        assert page.locator(".md-sidebar--primary").get_by_role("link", name="Partnersuche").is_visible()
    else:  # on a phone the menu button opens it
        page.get_by_role("button", name="Navigation öffnen").click()
        page.wait_for_timeout(400)
        assert page.locator(".md-sidebar--primary").get_by_role("link", name="Vergleich").is_visible()
    page.context.close()


def test_german_404_with_search_and_ways_in(browser, site_url):
    page = open_page(browser, site_url + "404.html", DESKTOP)
    assert page.evaluate("document.documentElement.lang") == "de"
    assert page.locator("h1").inner_text() == "Seite nicht gefunden"
    assert "Not found" not in page.content()
    for name in ("Praxis finden", "Partner finden", "Kommunen vergleichen", "Mitmachen", "Zur Startseite"):
        assert page.locator("article").get_by_role("link", name=name).is_visible(), name
    page.get_by_role("button", name="Suche öffnen").click()
    page.wait_for_timeout(300)
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'pa-suche-eingabe'")
    page.context.close()


@pytest.mark.parametrize("path", ["praxis/kooperationsvereinbarung-herten-jobcenter/", "kommunen/kreis-recklinghausen/",
                                  "praxis/qualitaetsentwicklung-79a-werkstaetten/", "kommunen/"])
def test_headings_and_names_do_not_break_mid_word_on_a_phone(browser, site_url, path):
    page = open_page(browser, site_url + path, PHONE)
    heading = page.locator("h1")
    assert heading.evaluate(BROKEN_WORDS) == []
    actions = page.locator(".pa-aktionen")
    if actions.count():  # after the content (issue #26): the title comes first, the tools last
        assert actions.bounding_box()["y"] >= heading.bounding_box()["y"] + heading.bounding_box()["height"]
        assert page.evaluate("(() => { const a = document.querySelector('.pa-aktionen'); "
                             "return !a.nextElementSibling || a.nextElementSibling.tagName === 'SCRIPT'; })()")
    assert heading.bounding_box()["width"] >= PHONE["width"] - 40  # the heading has the full width
    if path == "kommunen/":
        names = page.locator("#kommunen-tabelle td:first-child a")
        for index in range(names.count()):
            assert names.nth(index).evaluate(BROKEN_WORDS) == [], names.nth(index).inner_text()
    page.context.close()


def test_list_tells_when_data_is_missing(browser, site_url):
    page = open_page(browser, site_url + "kommunen/", DESKTOP)
    note = page.locator(".pa-datenluecke")
    assert note.is_visible()
    from praxisatlas.io.load import load
    from praxisatlas.relate import relate
    from tests.support.project import FIXTURE_KB

    kb, _ = load(FIXTURE_KB)
    rel = relate(kb)
    missing = sum(1 for slug in kb.kommunen if not rel.size_class.get(slug))
    assert 0 < missing < len(kb.kommunen)
    assert f"{missing} von {len(kb.kommunen)} Kommunen haben noch keine belegte Einwohnerzahl" in note.inner_text()
    border = page.evaluate("getComputedStyle(document.querySelector('#kommunen-tabelle td')).borderBottomStyle")
    page.context.close()
    assert border == "solid"


def test_partnersuche_says_why_nothing_matched(browser, site_url):
    page = open_page(browser, site_url + "partnersuche/?kommune=kreis-lippe", DESKTOP)
    text = page.locator("#partnersuche-ergebnis").inner_text()
    page.context.close()
    assert "0 Kommunen gefunden" in text
    assert "Gesucht nach den Lerninteressen im Profil „Kreis Lippe“: Qualitätsentwicklung" in text
    assert "Warum nichts gefunden wurde" in text
    assert "Qualitätsentwicklung: nur Praxisbeispiele, an denen Ihre Kommune selbst beteiligt ist (2)." in text


def test_partnersuche_names_the_practices_and_explains_ties(browser, site_url):
    page = open_page(browser, site_url + "partnersuche/?thema=kinderschutz&thema=qualitaetsentwicklung", DESKTOP)
    result = page.locator("#partnersuche-ergebnis")
    assert "Gesucht nach den Themen: Kinderschutz, Qualitätsentwicklung." in result.inner_text()
    herten = result.locator("ol.pa-treffer > li").filter(has_text="Stadt Herten")
    practice = herten.get_by_role("link", name="Kooperationsvereinbarung Jugendamt Herten", exact=False)
    assert practice.get_attribute("href").endswith("praxis/kooperationsvereinbarung-herten-jobcenter/")
    friesland = result.locator("ol.pa-treffer > li").filter(has_text="Landkreis Friesland")
    assert "Gleichstand: 2 Kommunen haben 6 Punkte (Landkreis Friesland, Stadt Herten)" in friesland.inner_text()
    practice.click()
    page.wait_for_load_state()
    assert page.url.endswith("/praxis/kooperationsvereinbarung-herten-jobcenter/")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_vergleich_fits_and_links(browser, site_url, width):
    page = open_page(browser, site_url + "vergleich/?k=kreis-lippe&k=landkreis-friesland&k=herten&k=kreis-recklinghausen",
                     width)
    table = page.locator("table.pa-vergleich")
    assert table.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width["width"]
    link = table.get_by_role("link", name="KoVis-Team 1 (Kollegiale Visitation)").first
    assert link.get_attribute("href").endswith("netzwerke/kovis-team-1/")
    assert table.get_by_role("link", name="Kinderschutz in Lippe: Qualitätsentwicklung", exact=False).first.is_visible()
    if width is PHONE:  # stacked: every value names its Kommune, nothing is off-screen
        cell = table.locator("td[data-label='Landkreis Friesland']").first
        assert cell.is_visible() and cell.bounding_box()["x"] + cell.bounding_box()["width"] <= PHONE["width"]
    else:  # side by side, with a sticky first column and a hint
        assert page.locator(".pa-scroll-hinweis").is_visible()
        assert page.evaluate("getComputedStyle(document.querySelector('.pa-vergleich th[scope=row]')).position") == "sticky"
    page.context.close()


def test_leichte_sprache_keeps_one_sentence_per_line(browser, site_url):
    page = open_page(browser, site_url + "leichte-sprache/", DESKTOP)
    paragraph = page.locator(".pa-leichte-sprache p").filter(has_text="Der Praxis-Atlas ist eine Internet-Seite.")
    lines = paragraph.evaluate("""p => { const r = document.createRange(); r.selectNodeContents(p);
        return new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))).size; }""")
    assert lines == 2
    sizes = page.evaluate("""[parseFloat(getComputedStyle(document.querySelector('.pa-leichte-sprache p')).fontSize),
        parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)]""")
    text = page.locator("article").inner_text()
    page.context.close()
    assert sizes[0] > sizes[1]
    for heading in ("So finden Sie sich zurecht", "Wie barriere-frei ist die Seite?", "Gebärden-Sprache",
                    "So erreichen Sie uns"):
        assert heading in text


AXE_PAGES = {
    "404": "404.html",
    "datenschutz": "datenschutz/",
    "barrierefreiheit": "barrierefreiheit/",
    "partnersuche": "partnersuche/?thema=kinderschutz&thema=qualitaetsentwicklung",
    "partnersuche-leer": "partnersuche/?kommune=kreis-lippe",
    "vergleich": "vergleich/?k=kreis-lippe&k=landkreis-friesland&k=herten",
    "daten": "daten/",
}


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", AXE_PAGES.values(), ids=AXE_PAGES.keys())
def test_more_page_types_are_accessible(browser, site_url, path, width):
    browser.foreign_requests.clear()
    page = open_page(browser, site_url + path, width)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_RUN)
    page.context.close()
    assert violations == [], violations
    assert browser.foreign_requests == []

