"""The site as a planner at a desk (1280 px) and a social worker on a phone (390 px) meet it (issue #26):
lists that fit, a navigation drawer that takes no invisible Tab stop, calm dynamic pages with short
announcements, and nothing that scrolls sideways."""

from __future__ import annotations

import pytest

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
    page = open_page(browser, site_url + "kommunen/", PHONE)
    menu = page.get_by_role("button", name="Navigation öffnen")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)  # the drawer slides in
    state = page.evaluate(FOCUS_STATE)
    assert state["inDrawer"] and state["visible"] and state["left"] >= 0, state
    assert page.get_by_role("button", name="Navigation schließen").get_attribute("aria-expanded") == "true"
    stops = tab_stops(page, 6)
    assert_every_stop_visible(stops, "offene Navigation")
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
