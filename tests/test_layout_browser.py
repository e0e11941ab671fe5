"""The site as a planner at a desk (1280 px) and a social worker on a phone (390 px) meet it (issue #26):
lists that fit, a navigation drawer that takes no invisible Tab stop, calm dynamic pages with short
announcements, and nothing that scrolls sideways."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support.axe import AXE, AXE_RUN
from tests.support.browser import DESKTOP, PHONE

WIDTHS = {"desktop": DESKTOP, "handy": PHONE}
ZOOM_400 = {"width": 320, "height": 225}  # a 1280 x 900 window at 400 % zoom
LISTS = {"praxis/": "praxis-tabelle", "kommunen/": "kommunen-tabelle"}


def open_page(browser, url: str, viewport: dict, init_script: str = ""):
    page = browser.new_page(viewport)
    if init_script:
        page.add_init_script(init_script)
    page.goto(url, wait_until="networkidle")
    return page


# ---- Lists: every column visible at 1280 px, one card per entry on a phone ----

COLUMNS = """(id) => { const t = document.getElementById(id); const box = t.getBoundingClientRect();
  return {scroll: t.scrollWidth, client: t.clientWidth, right: box.right, width: window.innerWidth,
          page: document.documentElement.scrollWidth,
          heads: Array.from(t.tHead.rows[0].cells).map(th => { const r = th.getBoundingClientRect();
            return {text: th.textContent, left: r.left, right: r.right}; })}; }"""


@pytest.mark.parametrize("path", LISTS, ids=["praxis", "kommunen"])
def test_every_list_column_is_visible_at_1280(browser, site_url, path):
    page = open_page(browser, site_url + path, DESKTOP)
    state = page.evaluate(COLUMNS, LISTS[path])
    page.context.close()
    assert state["page"] <= DESKTOP["width"], state
    assert state["scroll"] <= state["client"] + 1, f"{path}: Tabelle {state['scroll']} px, sichtbar {state['client']} px"
    for head in state["heads"]:
        assert head["left"] >= 0 and head["right"] <= min(state["right"], state["width"]) + 1, (path, head)
    assert len(state["heads"]) >= 6


CARDS = """(id) => Array.from(document.querySelectorAll('#' + id + ' tbody tr')).map(tr => {
  const cells = Array.from(tr.cells); const r = tr.getBoundingClientRect();
  return {display: getComputedStyle(tr).display, left: r.left, right: r.right,
          labels: cells.slice(1).map(td => getComputedStyle(td, '::before').content)}; })"""


@pytest.mark.parametrize("path", LISTS, ids=["praxis", "kommunen"])
def test_lists_are_cards_on_a_phone(browser, site_url, path):
    page = open_page(browser, site_url + path, PHONE)
    cards = page.evaluate(CARDS, LISTS[path])
    head_hidden = page.evaluate(f"document.querySelector('#{LISTS[path]} thead').getBoundingClientRect().height <= 1")
    width = page.evaluate("document.documentElement.scrollWidth")
    page.context.close()
    assert cards and head_hidden
    assert width <= PHONE["width"]
    for card in cards:
        assert card["display"] == "block" and card["left"] >= 0 and card["right"] <= PHONE["width"], card
        assert all(label.endswith(': "') for label in card["labels"]), card  # every value says what it is


# ---- The navigation drawer: out of the Tab order while closed, usable with the keyboard ----

FOCUS_STATE = """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
  return {tag: e.tagName, text: (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40),
          href: e.getAttribute('href'), left: r.left, right: r.right, top: r.top, bottom: r.bottom,
          w: r.width, h: r.height, vw: window.innerWidth, vh: window.innerHeight,
          visible: e === document.body || e.checkVisibility({visibilityProperty: true, opacityProperty: true}),
          inDrawer: !!e.closest('.md-sidebar--primary')}; }"""


def tab_stops(page, count: int) -> list[dict]:
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if not state["visible"]:  # the skip link fades in (opacity transition of 0.25 s)
            page.wait_for_timeout(300)
            state = page.evaluate(FOCUS_STATE)
        if state["tag"] == "BODY":
            break
        stops.append(state)
    return stops


def assert_every_stop_visible(stops: list[dict], where: str) -> None:
    for s in stops:
        assert s["visible"] and s["w"] > 0 and s["h"] > 0, (where, s)
        assert s["left"] >= -1 and s["right"] <= s["vw"] + 1, (where, s)  # not beside the window
        assert s["bottom"] > 0 and s["top"] < s["vh"], (where, s)  # scrolled into view


@pytest.mark.parametrize("viewport", [PHONE, ZOOM_400], ids=["handy", "zoom-400"])
@pytest.mark.parametrize("path", ["", "kommunen/kreis-lippe/", "praxis/"])
def test_closed_drawer_takes_no_tab_stop(browser, site_url, path, viewport):
    page = open_page(browser, site_url + path, viewport)
    stops = tab_stops(page, 25)
    page.context.close()
    assert stops
    assert not [s for s in stops if s["inDrawer"]], [s for s in stops if s["inDrawer"]][:3]
    assert_every_stop_visible(stops, path)


def test_drawer_opens_and_closes_with_the_keyboard(browser, site_url):
    page = open_page(browser, site_url + "mitmachen/", PHONE)  # in the navigation, with its contents in the drawer
    menu = page.get_by_role("button", name="Navigation öffnen")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)  # the drawer slides in
    state = page.evaluate(FOCUS_STATE)
    assert state["inDrawer"] and state["visible"] and state["left"] >= 0, state
    assert page.get_by_role("button", name="Navigation schließen").get_attribute("aria-expanded") == "true"
    stops = tab_stops(page, 30)
    assert_every_stop_visible(stops, "offene Navigation")  # no transparent panel of the page's contents either
    assert all(s["inDrawer"] for s in stops), [s for s in stops if not s["inDrawer"]][:3]  # the page under it: inert
    assert any(s["href"] == "../praxis/" for s in stops) or state["href"] == "../praxis/"
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.evaluate("document.activeElement.hasAttribute('data-pa-menue')")
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility") == "hidden"
    page.context.close()


def test_sidebar_navigation_stays_in_the_tab_order_on_a_desktop(browser, site_url):
    page = open_page(browser, site_url + "kommunen/", DESKTOP)
    stops = tab_stops(page, 12)
    page.context.close()
    assert any(s["inDrawer"] and s["href"] == "../praxis/" for s in stops), stops
    assert_every_stop_visible(stops, "Desktop")


# ---- Calm dynamic pages: no layout shift, short announcements, the result brought into view ----

CLS_WATCH = """window.__cls = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
  if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: 'layout-shift', buffered: true});"""
# every text a live region gets, as it gets it
LIVE_WATCH = """window.__said = []; document.addEventListener('DOMContentLoaded', () => {
  new MutationObserver(records => { for (const r of records) { const region = (r.target.nodeType === 1 ? r.target
    : r.target.parentElement).closest('[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]');
    if (region && region.textContent.trim()) window.__said.push(region.textContent.trim()); } })
  .observe(document.body, {subtree: true, childList: true, characterData: true}); });"""
DYNAMIC = ["praxis/", "kommunen/", "partnersuche/", "partnersuche/?thema=kinderschutz",
           "partnersuche/?kommune=kreis-lippe", "vergleich/", "vergleich/?k=kreis-lippe&k=landkreis-friesland&k=herten"]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", DYNAMIC)
def test_dynamic_pages_do_not_shift(browser, site_url, path, width):
    page = open_page(browser, site_url + path, width, CLS_WATCH)
    page.wait_for_timeout(500)  # Partnersuche and Vergleich render after loading their data
    cls = page.evaluate("window.__cls")
    page.context.close()
    assert cls <= 0.1, f"{path}: CLS {cls:.3f}"


def said(page) -> list[str]:
    return page.evaluate("window.__said")


def assert_short(texts: list[str]) -> None:
    assert texts, "nichts angesagt"
    for text in texts:
        assert len(text.split()) <= 25, text


def test_partnersuche_announces_a_short_summary_and_leads_to_the_result(browser, site_url):
    page = open_page(browser, site_url + "partnersuche/", PHONE, CLS_WATCH + LIVE_WATCH)
    live = page.evaluate("""Array.from(document.querySelectorAll('[aria-live]:not([aria-live=off]), [role=status]'))
        .filter(e => e.closest('.md-content')).map(e => e.id)""")
    # the result list itself is not read out on every change: only the summary, and the Kommune chooser's count
    assert "partnersuche-ansage" in live and all(x == "partnersuche-ansage" or x.startswith("pa-combo-status")
                                                 for x in live), live
    page.check("input[name=thema][value=kinderschutz]")
    page.wait_for_selector(".pa-treffer li")
    page.wait_for_function("document.getElementById('partnersuche-ansage').textContent !== ''")
    assert_short(said(page))
    summary = page.text_content("#partnersuche-ansage")
    assert "Kommune" in summary and "gefunden" in summary, summary
    # a tick while the result is out of sight: a bar says what was found and leads there
    bar = page.locator("#partnersuche-ergebnis-hinweis")
    assert bar.is_visible() and "gefunden" in bar.text_content()
    bar.get_by_role("link").click()
    page.wait_for_timeout(200)
    assert page.evaluate("document.getElementById('partnersuche-ergebnis').getBoundingClientRect().top") < PHONE["height"] / 2
    assert bar.is_hidden()
    # a finished choice (a select) scrolls the result into view
    page.evaluate("window.scrollTo(0, 0)")
    page.select_option("select[name=land]", "Nordrhein-Westfalen")
    page.wait_for_timeout(300)
    top = page.evaluate("document.getElementById('partnersuche-ergebnis').getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"] / 2, top
    assert_short(said(page))
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN) == []
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_vergleich_announces_a_short_summary_and_hides_empty_rows(browser, site_url, width):
    page = open_page(browser, site_url + "vergleich/?k=kreis-lippe&k=landkreis-friesland", width,
                     CLS_WATCH + LIVE_WATCH)
    page.wait_for_selector("table.pa-vergleich")
    rows = page.eval_on_selector_all("table.pa-vergleich tbody th[scope=row]", "els => els.map(e => e.textContent)")
    cells = page.evaluate("""Array.from(document.querySelectorAll('table.pa-vergleich tbody tr'))
        .map(tr => Array.from(tr.querySelectorAll('td')).map(td => td.textContent.trim()))""")
    assert "Art" in rows
    assert not [r for r, c in zip(rows, cells, strict=True) if all(v == "–" for v in c)], rows  # no row of dashes only
    assert "Altersstruktur" not in rows  # no compared Kommune has one in the fixture
    assert "nicht gezeigt: " in page.text_content("#vergleich-ergebnis")
    box = page.locator("input[role=combobox]").nth(2)  # the chooser, as a person uses it
    box.focus()
    page.keyboard.type("Stadt Herten", delay=20)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function("location.search.includes('k=herten')")
    page.wait_for_timeout(300)
    assert_short(said(page))
    assert page.text_content("#vergleich-ansage").startswith("Vergleich von 3 Kommunen")
    top = page.evaluate("document.getElementById('vergleich-ergebnis').getBoundingClientRect().top")
    assert 0 <= top < width["height"], top  # in view after the choice
    assert page.evaluate("window.__cls") <= 0.1
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_list_filter_announces_briefly_without_shifting(browser, site_url, width):
    page = open_page(browser, site_url + "kommunen/", width, CLS_WATCH + LIVE_WATCH)
    # as a person does it: the select gets the focus first (the filter loads the index then), then a choice
    page.focus("select[name=bundesland]")
    page.wait_for_function("() => document.querySelector('select[name=bundesland] option[value=Niedersachsen]')"
                           ".textContent.includes('(')")
    # with the keyboard, as a person does: a real key press is the input after which the page may change
    # (a script's select_option is no user input, and CLS would count the list's own answer as a shift)
    page.keyboard.press("ArrowDown")
    assert page.input_value("select[name=bundesland]") == "Niedersachsen"
    page.wait_for_function("() => document.querySelector('[data-pa-status]').textContent.includes(' von ')")
    page.wait_for_timeout(700)  # later than the 0.5 s after input in which shifts do not count
    assert_short(said(page))
    assert page.evaluate("window.__cls") <= 0.1
    page.context.close()


# ---- A Kommune page: the title and "Auf einen Blick" first, the tools last, every section linked ----

@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_kommune_page_starts_with_title_and_summary(browser, site_url, width):
    page = open_page(browser, site_url + "kommunen/kreis-lippe/", width)
    order = page.evaluate("""Array.from(document.querySelectorAll('article h1, article h2'))
        .map(h => [h.tagName, h.textContent.replace('¶', '').trim(), h.getBoundingClientRect().top + scrollY])""")
    assert order[0][:2] == ["H1", "Kreis Lippe"] and order[0][2] < 150, order[0]  # no tools above the title
    assert order[1][1] == "Auf einen Blick", order[:3]
    assert order[-1][1] == "Diese Seite verbessern"  # edit, suggest and report: after the content
    assert page.locator(".pa-aktionen a", has_text="Fehler melden").count() == 1
    assert page.locator(".pa-aktionen a", has_text="Diese Seite bearbeiten").count() == 1
    summary = page.locator(".pa-blick")
    assert "348.391" in summary.text_content() and "Kreisjugendamt" in summary.text_content()
    assert summary.bounding_box()["y"] < width["height"]  # on the first screen
    jumps = page.locator("nav.pa-sprungliste a")
    if width is PHONE:  # a phone shows no table of contents: the sections are linked from the top
        targets = jumps.evaluate_all("els => els.map(a => a.getAttribute('href'))")
        assert "#lernen" in targets and "#quellen" in targets
        assert all(page.locator(t).count() == 1 for t in targets), targets
        jumps.filter(has_text="Von wem wir lernen können").click()
        page.wait_for_timeout(300)
        assert abs(page.evaluate("document.getElementById('lernen').getBoundingClientRect().top")) < 120
    else:
        assert jumps.first.is_hidden()  # the table of contents beside the page does the same
    assert page.evaluate("document.documentElement.scrollWidth") <= width["width"]
    page.context.close()


def test_generated_sentences_need_no_article(site_dir):
    """Kommunen are Kreise, Städte, Landkreise, Regionen: sentences that put the name where German needs an
    article ("die Kreis Lippe weiterentwickeln möchte") are phrased without one."""
    import re

    from praxisatlas.io.load import load
    from tests.support.project import FIXTURE_KB

    kb, _ = load(FIXTURE_KB)
    invitations = 0
    for slug, k in kb.kommunen.items():
        html = (site_dir / "kommunen" / slug / "index.html").read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        body = re.sub(r'<ol class="pa-quellen">.*?</ol>', "", article, flags=re.S)  # source titles are quotes
        title = re.escape(k.title)
        for pattern in (rf"die {title} weiterentwickeln", rf"arbeitet {title}", rf"\bZu {title}",
                        rf"für {title} vorschlagen", rf"Altersstruktur {title}", "weiterentwickeln möchte",
                        "weiterentwickeln wollte"):
            assert not re.search(pattern, body), (slug, pattern)
        invitations += "Für diese Kommune steht im Atlas noch kein Praxisbeispiel" in body
    assert invitations >= 1  # a Kommune without a practice still invites one (with the form prefilled)
    lippe = (site_dir / "kommunen" / "kreis-lippe" / "index.html").read_text(encoding="utf-8")
    assert "Themen, die laut Profil weiterentwickelt werden sollen" in lippe


# ---- The search remembers its query across "back" ----

@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_search_query_survives_back(browser, site_url, width):
    page = open_page(browser, site_url + "praxis/", width)
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'pa-suche-eingabe'")
    page.keyboard.type("Kinderschutz", delay=30)
    page.wait_for_selector("[data-pa-suche-ergebnisse][aria-busy=false] .pa-suche__ergebnis > a", timeout=30000)
    assert "suche=Kinderschutz" in page.url  # the query is in the address while the dialog is open
    first = page.locator(".pa-suche__ergebnis > a").first
    target = first.get_attribute("href")
    assert target.endswith("themen/kinderschutz/")  # the topic first for its own name
    first.click()
    page.wait_for_url("**/themen/kinderschutz/")
    page.go_back()
    page.wait_for_selector("dialog.pa-suche__dialog[open] .pa-suche__ergebnis > a", timeout=30000)
    assert page.input_value("#pa-suche-eingabe") == "Kinderschutz"
    assert page.locator(".pa-suche__ergebnis > a").first.get_attribute("href") == target
    assert page.evaluate("document.activeElement.id") == "pa-suche-eingabe"
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('suche=')")  # closed: the address forgets it
    assert urlsplit(page.url).path.endswith("/praxis/")
    page.context.close()


# ---- Nothing scrolls sideways at 320 px (WCAG 1.4.10 reflow) ----

WIDER_THAN_WINDOW = """() => { const width = document.documentElement.clientWidth; const wide = [];
  for (const e of document.querySelectorAll('body *')) { const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 1 && getComputedStyle(e).visibility !== 'hidden')
      wide.push(e.tagName.toLowerCase() + '.' + String(e.className.baseVal ?? e.className) + ' ' + Math.round(r.right)); }
  return {scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 3)}; }"""


def test_no_page_scrolls_sideways_at_320(browser, site_url, site_dir):
    paths = sorted(str(p.parent.relative_to(site_dir)) + "/" for p in site_dir.rglob("index.html")
                   if p.parent.name != "bearbeiten")
    paths = ["" if p == "./" else p for p in paths] + [
        "partnersuche/?thema=kinderschutz", "vergleich/?k=kreis-lippe&k=landkreis-friesland&k=herten&k=kreis-recklinghausen"]
    assert len(paths) > 40
    page = browser.new_page({"width": 320, "height": 640})
    wide = {}
    for path in paths:
        page.goto(site_url + path, wait_until="networkidle")
        state = page.evaluate(WIDER_THAN_WINDOW)
        if state["scroll"] > 320:
            wide[path] = state
    page.context.close()
    assert wide == {}


# ---- /bearbeiten/: a page that explains itself, zoom allowed, the editor loaded only when asked for ----

@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_bearbeiten_explains_itself_and_loads_the_editor_only_when_asked(browser, site_url, width):
    browser.foreign_requests.clear()
    page = browser.new_page(width)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url.removeprefix(site_url)))
    page.goto(site_url + "kommunen/kreis-lippe/", wait_until="networkidle")
    page.locator(".pa-aktionen a.pa-bearbeiten").click()
    page.wait_for_load_state("networkidle")
    assert page.title() == "Formular-Editor – Praxisatlas Jugendhilfe"
    assert page.locator("h1").text_content() == "Einträge im Formular bearbeiten"
    assert "Wer den Editor nutzen kann" in page.text_content("main")
    assert "„kreis-lippe“ (Kommunenprofil)" in page.text_content("[data-pa-ziel]")
    back = page.get_by_role("link", name="Zurück zur Seite, von der Sie kamen")
    assert back.get_attribute("href").endswith("/kommunen/kreis-lippe/")
    assert not [r for r in requests if "sveltia-cms.js" in r or "schriften/" in r]  # nothing heavy yet
    viewport = page.get_attribute("meta[name=viewport]", "content")
    assert "maximum-scale" not in viewport and "user-scalable" not in viewport
    page.add_script_tag(path=str(AXE))
    assert page.evaluate("axe.run(document).then(r => r.violations.map(v => v.id))") == []  # all rules
    page.get_by_role("button", name="Formular-Editor öffnen").click()
    page.get_by_text("Mit Zugriffstoken anmelden").wait_for(timeout=30000)
    assert any("sveltia-cms.js" in r for r in requests)
    viewports = page.evaluate("Array.from(document.querySelectorAll('meta[name=viewport]')).map(m => m.content)")
    assert viewports and not [v for v in viewports if "maximum-scale" in v or "user-scalable=no" in v], viewports
    page.add_script_tag(path=str(AXE))
    assert page.evaluate("axe.run(document, {runOnly: ['meta-viewport', 'region', 'landmark-one-main']})"
                         ".then(r => r.violations.map(v => v.id))") == []
    page.context.close()
    assert browser.foreign_requests == []
