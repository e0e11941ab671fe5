"""The site search (Pagefind, records from the model): what the index holds, and the search dialog in Chromium.

The queries themselves (compounds, legal references, abbreviations) are in test_site_browser.py.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from praxisatlas import REPO_ROOT
from praxisatlas.io.load import load
from praxisatlas.relate import relate
from praxisatlas.render.search_records import RecordMaker, markdown_blocks
from tests.support.axe import AXE, AXE_RUN
from tests.support.project import FIXTURE_KB

WORD = re.compile(r"[\wäöüß§]+", re.I)


class _Text(HTMLParser):
    """Visible text of an HTML fragment, without the elements in `skip`."""

    def __init__(self, skip: tuple[str, ...] = ("script", "style", "svg")):
        super().__init__()
        self.skip, self.depth, self.parts = skip, 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.skip or self.depth:
            self.depth += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def words(html: str, skip: tuple[str, ...] = ("script", "style", "svg")) -> set[str]:
    parser = _Text(skip)
    parser.feed(html)
    return {w.casefold() for w in WORD.findall("".join(parser.parts))}


def article(site_dir, url: str) -> str:
    html = (site_dir / url / "index.html").read_text(encoding="utf-8")
    return re.search(r"<article\b.*?</article>", html, re.S).group(0)


def test_index_content_is_what_the_page_shows(site_dir):
    """Every word of an entry's search record stands on its page, and every word of its text is indexed."""
    kb, _ = load(FIXTURE_KB)
    rel = relate(kb)
    records = {r.url: r for r in RecordMaker(kb, rel).records()}
    laws = {f"rechtsgrundlagen/{slug}/" for slug in rel.norm_uses}  # one record per cited paragraph's page
    assert set(records) == {e.url for e in kb.all_entries()} | laws
    for entry in kb.all_entries():
        record = records[entry.url]
        shown = words(article(site_dir, entry.url))
        # the one deliberate exception: the glossary's other names for what the page says ("HzE" where it
        # says "Hilfe zur Erziehung"), so that an abbreviation finds the entries that spell it out
        synonyms = "".join(re.findall(r"<p[^>]*>Fachbegriffe: [^<]*</p>", record.html))
        indexed = words(record.html.replace(synonyms, ""))
        assert indexed <= shown, f"{entry.url}: im Index, nicht auf der Seite: {sorted(indexed - shown)[:10]}"
        body = " ".join(text for _, text in markdown_blocks(entry.body))
        missing = {w.casefold() for w in WORD.findall(body)} - indexed
        assert not missing, f"{entry.url}: Text fehlt im Index: {sorted(missing)[:10]}"
        assert WORD.findall(entry.title.casefold())[0] in indexed


def test_records_carry_facets_and_weighted_legal_references():
    kb, _ = load(FIXTURE_KB)
    records = {r.url: r for r in RecordMaker(kb, relate(kb)).records()}
    lippe = records["praxis/kinderschutz-netzwerk-lippe/"]
    assert lippe.filters["typ"] == ["praxis"] and "kinderschutz" in lippe.filters["thema"]
    assert lippe.filters["status"] == ["abgeschlossen"]
    assert set(lippe.filters["bundesland"]) == {"Nordrhein-Westfalen", "Niedersachsen"}
    assert "LWL-Landesjugendamt Westfalen" in lippe.filters["landesjugendamt"]
    assert '<p data-pagefind-weight="9">Rechtsgrundlagen: § 8a SGB VIII.</p>' in lippe.html
    assert "<p>Status" not in lippe.html and "Status:" not in lippe.html  # status as filter and meta, not text
    kommune = records["kommunen/kreis-lippe/"]
    assert kommune.filters["groessenklasse"] == ["II"] and kommune.filters["art"] == ["Kreis"]
    topic = records["themen/kita-plaetze/"]
    assert "Auch gesucht als: Kindertagesstätte" in topic.html


def test_site_has_the_pagefind_index_and_no_other(site_dir):
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    pinned = json.loads((REPO_ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pagefind"]
    assert entry["version"] == pinned  # the npm package's Pagefind (1.6: linear time for common words)
    assert list(entry["languages"]) == ["de"]
    assert not (site_dir / "pagefind" / "teil-2").exists()  # one index, whatever the size
    assert entry["languages"]["de"]["page_count"] >= 46  # every entry and the hand-written pages
    assert (site_dir / "pagefind" / "pagefind.js").is_file()
    assert not (site_dir / "search").exists()  # Material's search plugin is gone
    assert not list((site_dir / "daten").glob("liste-*.json"))  # the hand-made filter data too
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert '<dialog class="pa-suche__dialog" aria-labelledby="pa-suche-titel"' in html
    assert "md-search" not in html


def test_search_dialog_is_accessible(browser, site_url):
    browser.foreign_requests.clear()
    page = browser.new_page()
    page.goto(site_url + "praxis/kollegiale-visitation-kovis/", wait_until="networkidle")
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'pa-suche-eingabe'")
    page.keyboard.type("Kinderschutz", delay=30)
    page.locator(".pa-suche__ergebnis > a").first.wait_for(timeout=15000)
    dialog = page.locator("dialog.pa-suche__dialog")
    assert dialog.get_attribute("aria-labelledby") == "pa-suche-titel"
    assert page.locator("#pa-suche-titel").text_content() == "Suche im Praxisatlas"
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN) == []
    # every Tab stop inside the open dialog is visible and shows a focus outline
    for _ in range(6):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => { const e = document.activeElement; const r = e.getBoundingClientRect();
            const s = getComputedStyle(e); return {inside: !!e.closest('dialog'), w: r.width, h: r.height,
            outline: s.outlineStyle !== 'none' && s.outlineWidth !== '0px'}; }""")
        assert state["inside"] and state["w"] > 0 and state["h"] > 0, state
        assert state["outline"], state
    page.keyboard.press("Escape")
    assert dialog.is_hidden()
    assert page.evaluate("document.activeElement.hasAttribute('data-pa-suche-oeffnen')")  # focus back on the button
    page.context.close()
    assert browser.foreign_requests == []


def test_no_invisible_tab_stop_in_the_header(browser, site_url):
    page = browser.new_page()
    page.goto(site_url, wait_until="networkidle")
    for _ in range(6):
        page.keyboard.press("Tab")
        box = page.evaluate("(() => { const r = document.activeElement.getBoundingClientRect();"
                            " return [document.activeElement.tagName, r.width, r.height]; })()")
        assert box[1] > 0 and box[2] > 0, box
    page.context.close()


def test_search_button_is_hidden_without_javascript(browser, site_url):
    context = browser.chromium.new_context(java_script_enabled=False, locale="de-DE")
    context.route("**/*", browser._route)
    page = context.new_page()
    page.goto(site_url)
    assert page.locator("[data-pa-suche-oeffnen]").is_hidden()  # no dead control
    assert page.locator("nav.md-nav a[href='praxis/']").count() >= 1  # the lists remain the way in
    context.close()
