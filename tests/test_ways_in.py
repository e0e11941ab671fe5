"""Ways in for people who think in places, paragraphs and abbreviations: legal bases, glossary, the Kommune
chooser and the map (issue 23). Rules on small inputs first, then the built fixture site in Chromium."""

from __future__ import annotations

import gzip
import re
from urllib.parse import urlsplit

import pytest

from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain.findings import Level
from praxisatlas.domain.glossary import synonyms, terms
from praxisatlas.domain.laws import norm_of, norms, parse_citation
from praxisatlas.render.map import geometry
from praxisatlas.render.reference import mark_abbreviations
from tests.support.axe import check_and_close
from tests.support.browser import DESKTOP, PHONE
from tests.support.kbfactory import replace_in, write_kb
from tests.support.project import FROZEN_TODAY

# -- legal bases ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["§ 8a SGB VIII", "§8a SGB 8", "§ 8 a SGB VIII", "8a KJHG", "SGB VIII § 8a",
                                     "§ 8a Abs. 4 SGB VIII", "§8a Absatz 4 SGB VIII", "§ 8a sgb viii"])
def test_citations_are_read_as_contributors_write_them(written):
    assert norm_of(written).label == "§ 8a SGB VIII"
    assert norm_of(written).title == "Schutzauftrag bei Kindeswohlgefährdung"
    assert norm_of(written).url == "https://www.gesetze-im-internet.de/sgb_8/__8a.html"


def test_detail_of_a_citation_is_kept_in_the_normal_form():
    assert parse_citation("§24 Abs.5 SGB 8").label == "§ 24 Abs. 5 SGB VIII"
    assert parse_citation("Kinderschutz") is None


def test_every_paragraph_the_content_cites_is_known():
    """The live content's citations (December 2026) all name a paragraph of the table."""
    cited = ["§ 3 KKG", "§ 16 SGB VIII", "§ 80 SGB VIII", "§ 81 SGB VIII", "§ 8a SGB VIII", "§ 2 KKG",
             "§ 79 SGB VIII", "§ 42 SGB VIII", "§ 41 SGB VIII", "§ 36 SGB VIII", "§ 35a SGB VIII", "§ 33 SGB VIII",
             "§ 27 SGB VIII", "§ 13 SGB VIII", "§ 42a SGB VIII", "§ 10b SGB VIII", "§ 8 SGB VIII", "§ 79a SGB VIII",
             "§ 52 SGB VIII", "§ 42b SGB VIII", "§ 38 JGG", "§ 24 SGB VIII", "§ 24 Abs. 5 SGB VIII",
             "§ 22 SGB VIII", "§ 1 KKG", "§ 9a SGB VIII", "§ 41a SGB VIII", "§ 37a SGB VIII", "§ 18 SGB II",
             "§ 82 SGB VIII", "§ 78 SGB VIII", "§ 77 SGB VIII", "§ 71 SGB VIII", "§ 42f SGB VIII", "§ 4 KKG",
             "§ 37 SGB VIII", "§ 35 SGB I", "§ 22a SGB VIII", "§ 17 SGB VIII", "§ 11 SGB VIII", "§ 1 SGB VIII"]
    assert [c for c in cited if norm_of(c) is None] == []
    assert len(norms()) >= len(set(cited)) - 1


@pytest.mark.parametrize(("written", "words"), [
    ("§ 99z SGB VIII", "SGB VIII hat im Praxisatlas keinen § 99z"),
    ("§ 5 StGB", "Das Gesetz „StGB“ kennt der Praxisatlas nicht"),
    ("Bundeskinderschutzgesetz 2012", "keine erkennbare Rechtsgrundlage"),
])
def test_unknown_norm_gets_a_german_warning_at_its_place(tmp_path, written, words):
    write_kb(tmp_path, replace_in("practices/besuche.md", "  - § 79a SGB VIII", f"  - {written}"))
    _, findings = load_and_validate(tmp_path, FROZEN_TODAY)
    warnings = [f for f in findings if words in f.message]
    assert len(warnings) == 1, [f.format() for f in findings]
    assert warnings[0].level is Level.WARNING
    assert re.match(r"^practices/besuche\.md:\d+:\d+: Warnung: ", warnings[0].format()), warnings[0].format()
    assert not [f for f in findings if f.level is Level.ERROR], [f.format() for f in findings]


def test_a_known_norm_in_another_spelling_passes_without_warning(tmp_path):
    write_kb(tmp_path, replace_in("practices/besuche.md", "  - § 79a SGB VIII", "  - §79a SGB 8"))
    _, findings = load_and_validate(tmp_path, FROZEN_TODAY)
    assert not [f for f in findings if "79a" in f.message], [f.format() for f in findings]


# -- glossary ---------------------------------------------------------------------------------------------------


def test_glossary_has_forty_terms_with_expansion_text_and_source():
    items = terms()
    assert len(items) >= 40
    names = {t.name for t in items}
    assert {"HzE", "ASD", "KoKi", "JBA", "UMA", "JHA", "U25", "ISEF", "SGB VIII", "KJSG", "Inobhutnahme"} <= names
    for term in items:
        assert term.expansion and term.text and term.source["titel"] and term.source["herausgeber"], term
        assert 1 <= term.text.count(". ") + 1 <= 3, term.name  # one or two sentences
        assert term.source.get("url", "https://").startswith("https://"), term.name


def test_terms_are_synonyms_both_ways():
    assert "ASD" in synonyms("Der Allgemeine Soziale Dienst des Jugendamtes berät.")
    assert "HzE" in synonyms("Themen: Hilfen zur Erziehung.")
    assert "Hilfe zur Erziehung" in synonyms("Wir planen HzE gemeinsam.")
    assert "JA" not in synonyms("Offene Jugendarbeit im Quartier")  # a stem is no prefix of another word


def test_abbreviation_is_explained_on_first_use_in_running_text_only():
    text = "## HzE heute\n\nDie HzE wächst. Noch einmal HzE. Siehe [HzE](https://example.org/HzE) und `ASD`."
    marked = mark_abbreviations(text)
    assert marked.startswith("## HzE heute")  # headings stay plain (the table of contents shows them)
    assert marked.count('<abbr title="Hilfe zur Erziehung">HzE</abbr>') == 1
    assert '<span class="pa-sr"> (Hilfe zur Erziehung)</span>' in marked
    assert "(https://example.org/HzE)" in marked and "`ASD`" in marked


# -- map geometry -----------------------------------------------------------------------------------------------


def test_map_geometry_has_every_kreis_once_and_is_made_once():
    geo = geometry()
    assert len(geo.kreise) == 401
    assert len({s.ars for s in geo.kreise}) == 401
    assert all(s.d.startswith("M") and s.d.endswith("z") for s in geo.kreise)
    assert geometry() is geo  # cached: once per build, not once per page


# -- the built site ---------------------------------------------------------------------------------------------


def test_legal_pages_list_every_cited_norm_with_its_entries(site_dir):
    index = (site_dir / "rechtsgrundlagen" / "index.html").read_text(encoding="utf-8")
    assert "§ 8a SGB VIII – Schutzauftrag bei Kindeswohlgefährdung" in index
    assert "§ 3 KKG – Rahmenbedingungen für verbindliche Netzwerkstrukturen im Kinderschutz" in index
    assert index.index("SGB VIII –") < index.index("KKG –") < index.index("SGB II –")  # grouped by law
    page = (site_dir / "rechtsgrundlagen" / "sgb-viii-79a" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://www.gesetze-im-internet.de/sgb_8/__79a.html"' in page
    assert "../../praxis/qualitaetsentwicklung-79a-werkstaetten/" in page  # the practice citing it
    assert "../../themen/qualitaetsentwicklung/" in page  # the topic citing it
    assert "../../netzwerke/qe-werkstatt-79a-cluster-1/" in page  # the network naming it
    practice = (site_dir / "praxis" / "kinderschutz-netzwerk-lippe" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../rechtsgrundlagen/sgb-viii-8a/"' in practice


def test_map_page_has_every_kreis_as_a_named_link_and_stays_small(site_dir):
    html = (site_dir / "karte" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)" class="pa-k(\d)" data-ags="(\d{5})" aria-label="([^"]+)">', html)
    assert len(links) == 401
    soest = next(link for link in links if link[2] == "05974")
    assert soest[0] == "../kommunen/kreis-soest/" and soest[3].startswith("Kreis Soest: ")
    assert all(re.search(r": (keine Praxisbeispiele|1 Praxisbeispiel|\d+ Praxisbeispiele)$", a) for *_, a in links)
    assert "© GeoBasis-DE / BKG (2021)" in html and "dl-de/by-2-0" in html
    assert 'href="tabelle/"' in html  # the text alternative, right beside the map
    table = (site_dir / "karte" / "tabelle" / "index.html").read_text(encoding="utf-8")
    assert table.count('<tr id="ags-') == 401
    assert len(gzip.compress(html.encode())) < 150_000


# -- in the browser ---------------------------------------------------------------------------------------------

PAGES = {"karte": "karte/", "rechtsgrundlagen": "rechtsgrundlagen/", "rechtsgrundlage": "rechtsgrundlagen/sgb-viii-8a/",
         "glossar": "glossar/", "partnersuche": "partnersuche/", "vergleich": "vergleich/?k=kreis-lippe&k=herten",
         "karte-tabelle": "karte/tabelle/"}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_new_pages_are_accessible_and_local_only(browser, site_url, path, viewport):
    browser.foreign_requests.clear()
    page = browser.new_page(viewport)
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response.status == 200
    page.wait_for_timeout(200)  # the scripts of map, Partnersuche and Vergleich render after loading their data
    violations, width = check_and_close(page)
    assert violations == [], violations
    assert browser.foreign_requests == [], browser.foreign_requests
    assert width <= viewport["width"], f"{path}: {width}px breit"


def test_map_page_weighs_at_most_250_kb_gzipped(browser, site_url):
    page = browser.new_page()
    sizes: dict[str, int] = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(gzip.compress(r.body()))) if r.ok else None)
    page.goto(site_url + "karte/", wait_until="networkidle")
    page.context.close()
    total = sum(sizes.values())
    assert total <= 250 * 1024, f"{total} Bytes: {sorted(sizes.items(), key=lambda i: -i[1])[:5]}"


def test_map_filter_by_topic_is_in_the_url_and_works_with_the_keyboard(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "karte/", wait_until="networkidle")
    page.wait_for_selector("#karte-filter:not([hidden])")
    page.focus("#karte-filter select[name=thema]")
    page.keyboard.press("End")  # the last topic, by keyboard
    topic = page.eval_on_selector("#karte-filter select[name=thema]", "s => s.value")
    page.wait_for_function("(t) => location.search.includes('thema=' + t)", arg=topic)
    status = page.inner_text("#karte-status")
    # a Kreis is reachable with Tab and announces its name and count
    page.focus(".pa-karte__ueberspringen")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    reloaded = page.evaluate("performance.getEntriesByType('navigation').length")
    page.context.close()
    assert "Praxisbeispiel" in status and "Thema" in status
    assert re.match(r".+: (keine Praxisbeispiele|1 Praxisbeispiel|\d+ Praxisbeispiele)$", focused), focused
    assert reloaded == 1


def test_partnersuche_chooser_finds_kreis_soest_with_the_keyboard_alone(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "partnersuche/", wait_until="networkidle")
    page.wait_for_selector("input[role=combobox]")
    for _ in range(40):  # Tab from the top of the page to the chooser
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('role')") == "combobox":
            break
    assert page.evaluate("document.activeElement.getAttribute('role')") == "combobox"
    page.keyboard.type("Soest", delay=30)
    status = page.inner_text(".pa-combo__status")
    options = page.eval_on_selector_all("[role=option]", "els => els.map(e => e.textContent)")
    page.keyboard.press("ArrowDown")
    active = page.evaluate("document.getElementById(document.activeElement.getAttribute('aria-activedescendant')).textContent")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('kommune=kreis-soest')")
    chosen = page.input_value("input[role=combobox]")
    expanded = page.get_attribute("input[role=combobox]", "aria-expanded")
    page.context.close()
    assert status.startswith("3 Kommunen gefunden"), status
    assert options[0].startswith("Kreis Soest") and any(o.startswith("Stadt Warstein") for o in options)  # its Kreis
    assert active.startswith("Kreis Soest") and chosen == "Kreis Soest" and expanded == "false"


def test_chooser_matches_the_ags(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "vergleich/", wait_until="networkidle")
    page.wait_for_selector("input[role=combobox]")
    page.focus("input[role=combobox]")
    page.keyboard.type("05766", delay=20)
    options = page.eval_on_selector_all("[role=option]", "els => els.map(e => e.textContent)")
    page.context.close()
    assert options and options[0].startswith("Kreis Lippe"), options


def _search(browser, site_url, query):
    page = browser.new_page()
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'pa-suche-eingabe'")
    page.keyboard.type(query, delay=40)
    page.wait_for_function("(q) => document.querySelector('[data-pa-suche-status]').textContent.includes(q)",
                           arg=query, timeout=30000)
    page.locator(".pa-suche__ergebnis > a").first.wait_for(timeout=30000)
    page.wait_for_selector("[data-pa-suche-ergebnisse][aria-busy=false]", timeout=30000)
    hits = page.evaluate("Array.from(document.querySelectorAll('.pa-suche__ergebnis > a'))"
                         ".map(a => new URL(a.href).pathname)")
    page.context.close()
    return hits


def test_search_hze_finds_a_practice_or_network_on_hilfe_zur_erziehung(browser, site_url):
    hits = _search(browser, site_url, "HzE")
    on_topic = {"/praxis/qualitaetsentwicklung-79a-werkstaetten/", "/netzwerke/qe-werkstatt-79a-cluster-1/",
                "/netzwerke/qe-werkstatt-79a-cluster-2/", "/netzwerke/qe-werkstatt-79a-cluster-3/"}
    assert any(urlsplit(h).path.endswith(tuple(on_topic)) for h in hits), hits


def test_search_finds_the_legal_page_first_for_paragraph(browser, site_url):
    hits = _search(browser, site_url, "§ 8a")
    assert hits[0].endswith("/rechtsgrundlagen/sgb-viii-8a/"), hits[:5]


def test_glossary_page_links_its_sources(site_dir):
    html = (site_dir / "glossar" / "index.html").read_text(encoding="utf-8")
    assert html.count("<dt id=\"begriff-") >= 40
    assert 'href="https://www.gesetze-im-internet.de/sgb_8/__27.html"' in html
