"""The built site in a real Chromium: no third-party requests, axe-clean, search, filters, phone width."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from praxisatlas import REPO_ROOT
from tests.support.browser import PHONE

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """() => axe.run(document, {runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"""

PAGE_TYPES = {
    "start": "",
    "praxis-index": "praxis/",
    "praxis": "praxis/kollegiale-visitation-kovis/",
    "kommunen-index": "kommunen/",
    "kommune": "kommunen/kreis-lippe/",
    "thema": "themen/kinderschutz/",
    "themen-index": "themen/",
    "netzwerk": "netzwerke/kinderschutzcluster-4/",
    "netzwerke-index": "netzwerke/",
    "impressum": "impressum/",
    "leichte-sprache": "leichte-sprache/",
}


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_is_accessible_and_local_only(browser, site_url, path):
    browser.foreign_requests.clear()
    page = browser.new_page()
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response.status == 200
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_RUN)
    page.context.close()
    assert violations == [], violations
    assert browser.foreign_requests == [], browser.foreign_requests


CSP_WATCH = """window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));"""


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_works_under_its_content_security_policy(browser, site_url, path):
    """With the policy enforced (as in every visitor's browser), nothing the site itself needs is blocked."""
    page = browser.new_page(enforce_csp=True)
    page.add_init_script(CSP_WATCH)
    page.goto(site_url + path, wait_until="networkidle")
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    violations = page.evaluate("window.__csp")
    page.context.close()
    assert policy and "default-src 'self'" in policy
    assert violations == [], violations


@pytest.mark.parametrize("path", ["", "praxis/kollegiale-visitation-kovis/", "kommunen/", "kommunen/kreis-lippe/",
                                  "partnersuche/?thema=kinderschutz",
                                  "vergleich/?k=kreis-lippe&k=landkreis-friesland&k=herten"])
def test_usable_at_phone_width(browser, site_url, path):
    page = browser.new_page(PHONE)
    page.goto(site_url + path, wait_until="networkidle")
    page.wait_for_timeout(300)  # the scripts of Partnersuche and Vergleich render after loading their data
    overflow = page.evaluate("document.documentElement.scrollWidth")
    page.context.close()
    assert overflow <= PHONE["width"], f"{path}: Seite ist {overflow}px breit"


SEARCHES = {  # query -> pages that must all be among the first three hits (the first listed: the first hit, if "!")
    # a topic first for its own name (issue #26: it was 5th behind network pages) and for the words people use
    "Kinderschutz": ["!themen/kinderschutz/", "praxis/kinderschutz-netzwerk-lippe/"],
    "Jugendberufshilfe": ["!themen/junge-menschen-u25-jobcenter/"],
    "Visitation": ["praxis/kollegiale-visitation-kovis/", "netzwerke/kovis-team-1/"],
    "Jobcenter": ["!themen/junge-menschen-u25-jobcenter/", "praxis/kooperationsvereinbarung-herten-jobcenter/"],
    "Kita-Plätze": ["!themen/kita-plaetze/"],
    # one word for the hyphenated compound, and a synonym from the topic's "schlagworte"
    "Kitaplätze": ["!themen/kita-plaetze/"],
    "Kindertagesstätte": ["!themen/kita-plaetze/", "praxis/kollegiale-visitation-kovis/"],
    # legal references: the entries citing them first (weighted in the records)
    "§ 8a": ["!themen/kinderschutz/", "praxis/kooperationsvereinbarung-herten-jobcenter/",
             "praxis/kinderschutz-netzwerk-lippe/"],
    "8a SGB VIII": ["!themen/kinderschutz/", "praxis/kinderschutz-netzwerk-lippe/"],
    "§ 79a": ["netzwerke/qe-werkstatt-79a-cluster-1/", "netzwerke/qe-werkstatt-79a-cluster-2/"],
    # abbreviations, through the topics' "schlagworte" (data, not code)
    "HzE": ["!themen/hilfe-zur-erziehung/"],
    "U25": ["!themen/junge-menschen-u25-jobcenter/"],
    "KoVis": ["praxis/kollegiale-visitation-kovis/", "netzwerke/kovis-team-1/"],
    "ASD": ["!themen/kinderschutz/"],
}


@pytest.mark.parametrize(("query", "expected"), SEARCHES.items(), ids=SEARCHES.keys())
def test_search_finds_the_right_page_first(browser, site_url, query, expected):
    browser.foreign_requests.clear()
    page = browser.new_page()
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")  # typed like a person: the shortcut, then (the dialog is open) the letters
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'pa-suche-eingabe'")
    page.keyboard.type(query, delay=40)
    page.wait_for_function("(q) => document.querySelector('[data-pa-suche-status]').textContent.includes(q)",
                           arg=query, timeout=30000)
    page.locator(".pa-suche__ergebnis > a").first.wait_for(timeout=30000)
    page.wait_for_selector("[data-pa-suche-ergebnisse][aria-busy=false]", timeout=30000)  # the whole batch is there
    hits = page.evaluate("Array.from(document.querySelectorAll('.pa-suche__ergebnis > a'))"
                         ".map(a => new URL(a.href).pathname)")
    excerpts = page.evaluate("Array.from(document.querySelectorAll('.pa-suche__auszug')).map(p => p.textContent)")
    page.context.close()
    assert page.url  # the page stayed where it was
    for want in expected:
        if want.startswith("!"):
            assert hits[0].endswith("/" + want[1:]), f"{query}: {hits[:5]}"
        assert any(h.endswith("/" + want.lstrip("!")) for h in hits[:3]), f"{query}: {hits[:5]}"
    # clean excerpts: no fact label run into its value, no markup
    for text in excerpts:
        assert not re.search(r"(Status|Zeitraum|Themen|Kommunen)[A-ZÄÖÜ][a-zäöü]", text), text
        assert "<" not in text and "](" not in text, text
    assert browser.foreign_requests == []


def _visible_rows(page, table_id):
    return page.evaluate(
        f"Array.from(document.querySelectorAll('#{table_id} tbody tr')).filter(r => !r.hidden)"
        ".map(r => r.querySelector('a').textContent)")


def _wait_for_filter(page):
    """The filter loads the list's data on first use: wait until it has shown its result."""
    page.wait_for_function("() => document.querySelector('[data-pa-status]').textContent.includes(' von ')")


def test_kommunen_filter_lives_in_the_url(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "kommunen/", wait_until="networkidle")
    all_rows = _visible_rows(page, "kommunen-tabelle")
    page.select_option("select[name=bundesland]", "Niedersachsen")
    _wait_for_filter(page)
    rows = _visible_rows(page, "kommunen-tabelle")
    assert rows == ["Landkreis Friesland"]
    assert parse_qs(urlsplit(page.url).query) == {"bundesland": ["Niedersachsen"]}
    assert "1 von" in page.locator("[data-pa-status]").text_content()
    shared = page.url
    page.goto(shared, wait_until="networkidle")
    _wait_for_filter(page)
    assert _visible_rows(page, "kommunen-tabelle") == ["Landkreis Friesland"]
    assert page.input_value("select[name=bundesland]") == "Niedersachsen"
    page.click("form.pa-filter button[type=reset]")
    page.wait_for_function("() => !location.search")
    assert _visible_rows(page, "kommunen-tabelle") == all_rows
    page.context.close()


def test_practice_filter_by_topic(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "praxis/?thema=qualitaetsentwicklung", wait_until="networkidle")
    _wait_for_filter(page)
    rows = _visible_rows(page, "praxis-tabelle")
    page.context.close()
    assert any("Kollegiale Visitation (KoVis)" in row for row in rows), rows
    assert all("Kooperationsvereinbarung" not in r for r in rows)


def test_tables_work_without_javascript(browser, site_url):
    context = browser.chromium.new_context(java_script_enabled=False, locale="de-DE")
    context.route("**/*", browser._route)
    page = context.new_page()
    page.goto(site_url + "kommunen/")
    assert page.locator("#kommunen-tabelle tbody tr").count() >= 12
    assert page.locator("form.pa-filter").is_hidden()
    context.close()


def test_print_layout_drops_navigation_chrome(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "praxis/kollegiale-visitation-kovis/", wait_until="networkidle")
    page.emulate_media(media="print")
    hidden = page.evaluate("""['.md-header', '.md-sidebar--primary', '.md-footer', '.pa-fehler-melden']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    assert page.locator("h1").is_visible() and page.locator(".pa-fakten").is_visible()
    pdf = page.pdf(format="A4")
    page.context.close()
    assert pdf.startswith(b"%PDF")
