"""Long lists at scale: a generated corpus builds into small pages; list pages link every entry; the filter
finds entries on other pages; the page navigation works and is axe-clean, also on a phone."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from praxisatlas.io.load import load
from praxisatlas.render.lists import PAGE_SIZE
from tests.support.axe import AXE, AXE_RUN
from tests.support.browser import PHONE
from tests.support.corpus import generate_corpus
from tests.support.links import page_url, parse
from tests.support.project import mkdocs_build

MAX_PAGE_BYTES = 40 * 1024
KOMMUNEN, PRAXIS = 40, 150


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    """A small generated corpus (with the default page size: several pages per list), built strictly."""
    root = tmp_path_factory.mktemp("korpus")
    generate_corpus(root / "korpus", kommunen=KOMMUNEN, praxis=PRAXIS, themen=8, netzwerke=5)
    site = root / "site"
    result = mkdocs_build(root / "korpus" / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "korpus", site


@pytest.fixture(scope="module")
def corpus_url(corpus):
    from tests.support.browser import serve

    with serve(corpus[1]) as url:
        yield url


def list_pages(site: Path, prefix: str) -> list[Path]:
    """Page 1, 2, … of a list, in order."""
    extra = sorted((site / prefix / "seiten").glob("*/index.html"), key=lambda p: int(p.parent.name))
    return [site / prefix / "index.html", *extra]


def linked_entries(site: Path, pages: list[Path], prefix: str) -> list[str]:
    """Slugs of the entries of `prefix` that the pages link, in order."""
    slugs = []
    for html_file in pages:
        for href in parse(html_file).links:
            parts = urlsplit(urljoin(page_url(site, html_file), href)).path.strip("/").split("/")
            if len(parts) == 2 and parts[0] == prefix and not href.startswith("#"):
                slugs.append(parts[1])
    return slugs


def test_every_page_is_small_and_every_entry_is_on_a_list_page(corpus):
    root, site = corpus
    kb, _ = load(root)
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    # the map (an SVG of every Kreis, ≤ 250 KB gzipped: tests/test_ways_in.py) and its table, and the glossary
    # are reference pages of their own size; every list and entry page stays small
    reference = ("karte/", "glossar/")
    too_big = {name: size for name, size in sizes.items() if size > MAX_PAGE_BYTES and not name.startswith(reference)}
    assert not too_big, too_big
    for prefix, entries in (("praxis", kb.praxis), ("kommunen", kb.kommunen)):
        pages = list_pages(site, prefix)
        assert len(pages) == math.ceil(len(entries) / PAGE_SIZE) > 1, prefix
        assert [p.parent.name for p in pages[1:]] == [str(n) for n in range(2, len(pages) + 1)]
        in_order = sorted(entries.values(), key=lambda e: (e.title.casefold(), e.slug))
        # each page's table holds its share, alphabetically; together they link every entry exactly once
        assert linked_entries(site, pages, prefix) == [e.slug for e in in_order], prefix
        for number, html_file in enumerate(pages, start=1):
            html = html_file.read_text(encoding="utf-8")
            assert '<nav class="pa-seiten" aria-label="Seiten der Liste ' in html
            current = html.split('aria-current="page"')
            assert len(current) == 2 and current[1].startswith(f'><span class="pa-sr">Seite </span>{number}</a>')
        last = pages[-1].read_text(encoding="utf-8")
        assert 'rel="next"' not in last and 'rel="prev"' in last


def test_extra_list_pages_are_not_searched_and_not_in_the_nav(corpus):
    site = corpus[1]
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    kb, _ = load(corpus[0])
    hand_written = len(list((corpus[0] / "content" / "seiten").glob("*.md")))
    # every entry, the start and tool pages, the hand-written pages, the three pages made from the operator
    # data (Impressum, Datenschutz, Barrierefreiheit) and the reference pages (legal bases, glossary, map);
    # no list page (their entries are in it already)
    reference = [*site.glob("rechtsgrundlagen/**/index.html"), *site.glob("glossar/index.html"),
                 *site.glob("karte/**/index.html")]
    assert entry["languages"]["de"]["page_count"] == len(kb.all_entries()) + 3 + hand_written + 3 + len(reference)
    second = (site / "praxis" / "seiten" / "2" / "index.html").read_text(encoding="utf-8")
    assert "<title>Praxisbeispiele, Seite 2 von" in second
    start = (site / "index.html").read_text(encoding="utf-8")
    assert "seiten/2/" not in start  # the navigation lists only page 1


def test_topic_pages_preview_and_link_the_filtered_list(corpus):
    root, site = corpus
    kb, _ = load(root)
    topic = max(kb.themen, key=lambda t: sum(t in (p.get("themen") or []) for p in kb.praxis.values()))
    count = sum(topic in (p.get("themen") or []) for p in kb.praxis.values())
    assert count > PAGE_SIZE // 2, "Testkorpus zu klein für die Vorschau"
    html = (site / "themen" / topic / "index.html").read_text(encoding="utf-8")
    assert f'href="../../praxis/?thema={topic}"' in html
    assert f"Alle {count} Praxisbeispiele zum Thema" in html
    assert len(linked_entries(site, [site / "themen" / topic / "index.html"], "praxis")) == PAGE_SIZE // 2


def test_kommune_choices_are_not_written_into_the_tool_pages(corpus):
    root, site = corpus
    kb, _ = load(root)
    for name in ("partnersuche", "vergleich"):
        html = (site / name / "index.html").read_text(encoding="utf-8")
        assert not any(f'<option value="{slug}"' in html for slug in kb.kommunen), name


def _rows(page):
    return page.evaluate("Array.from(document.querySelectorAll('#praxis-tabelle tbody tr'))"
                         ".map(r => r.querySelector('a').textContent)")


def test_filter_in_the_url_finds_entries_on_other_pages(browser, corpus, corpus_url):
    root, _ = corpus
    kb, _ = load(root)
    in_order = sorted(kb.praxis.values(), key=lambda e: (e.title.casefold(), e.slug))
    first_page = {p.title for p in in_order[:PAGE_SIZE]}
    topic = max(kb.themen, key=lambda t: sum(t in (p.get("themen") or []) for p in kb.praxis.values()))
    expected = [p.title for p in in_order if topic in (p.get("themen") or [])]
    assert len(expected) > PAGE_SIZE and set(expected) - first_page

    browser.foreign_requests.clear()
    page = browser.new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/pagefind/" in r.url else None)
    page.goto(corpus_url + "praxis/", wait_until="networkidle")
    assert fetched == [], "ohne Filter wird der Suchindex nicht geladen"
    assert _rows(page) == [p.title for p in in_order[:PAGE_SIZE]]

    page.goto(corpus_url + f"praxis/?thema={topic}", wait_until="networkidle")
    status = page.locator("[data-pa-status]")
    page.wait_for_function("() => document.querySelector('[data-pa-status]').textContent.includes(' von ')")
    assert any(u.endswith("/pagefind/pagefind.js") for u in fetched)  # the filters go through the search index
    assert _rows(page) == expected[:PAGE_SIZE]
    assert status.text_content().startswith(f"{len(expected)} von {PRAXIS} Einträgen passen")
    assert page.locator("nav.pa-seiten").is_hidden()  # the pages belong to the unfiltered list
    assert page.input_value("select[name=thema]") == topic
    option = page.locator(f"select[name=thema] option[value='{topic}']").text_content()
    assert option.endswith(f"({len(expected)})"), option  # each choice counts its entries
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN) == []

    more = page.locator("button.pa-weitere")
    while more.is_visible():
        more.click()
        page.wait_for_function("() => !document.querySelector('button.pa-weitere').disabled")
    assert _rows(page) == expected
    assert status.text_content() == f"{len(expected)} von {PRAXIS} Einträgen angezeigt"
    assert page.evaluate("document.activeElement.closest('#praxis-tabelle') !== null")  # focus on the new rows

    page.select_option("select[name=status]", "laufend")
    page.wait_for_function("() => location.search.includes('status=laufend')")
    assert parse_qs(urlsplit(page.url).query) == {"thema": [topic], "status": ["laufend"]}
    page.click("form.pa-filter button[type=reset]")
    page.wait_for_function("() => !location.search")
    assert _rows(page) == [p.title for p in in_order[:PAGE_SIZE]]
    assert page.locator("nav.pa-seiten").is_visible()
    page.context.close()
    assert browser.foreign_requests == []


def test_page_links_work_and_are_accessible(browser, corpus, corpus_url):
    root, _ = corpus
    kb, _ = load(root)
    in_order = sorted(kb.praxis.values(), key=lambda e: (e.title.casefold(), e.slug))
    last = math.ceil(PRAXIS / PAGE_SIZE)
    page = browser.new_page()
    page.goto(corpus_url + "praxis/", wait_until="networkidle")
    page.click("nav.pa-seiten a[rel=next]")
    page.wait_for_url("**/praxis/seiten/2/")
    assert _rows(page) == [p.title for p in in_order[PAGE_SIZE:2 * PAGE_SIZE]]
    assert page.locator("nav.pa-seiten [aria-current=page]").text_content() == "Seite 2"
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN) == []
    page.click(f"nav.pa-seiten a:has-text('Seite {last}')")
    page.wait_for_url(f"**/praxis/seiten/{last}/")
    assert _rows(page) == [p.title for p in in_order[(last - 1) * PAGE_SIZE:]]
    page.click("nav.pa-seiten a:has-text('Seite 1')")
    page.wait_for_url("**/praxis/")
    page.context.close()

    phone = browser.new_page(PHONE)
    for path in ("praxis/seiten/2/", "kommunen/seiten/2/"):
        phone.goto(corpus_url + path, wait_until="networkidle")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path}: Seite ist {width}px breit"
    phone.emulate_media(media="print")
    assert phone.locator("nav.pa-seiten").is_hidden()
    phone.context.close()


def test_lists_work_without_javascript(browser, corpus_url):
    context = browser.chromium.new_context(java_script_enabled=False, locale="de-DE")
    context.route("**/*", browser._route)
    page = context.new_page()
    page.goto(corpus_url + "kommunen/")
    assert page.locator("#kommunen-tabelle tbody tr").count() == PAGE_SIZE
    assert page.locator("form.pa-filter").is_hidden()
    page.click("nav.pa-seiten a[rel=next]")
    page.wait_for_url("**/kommunen/seiten/2/")
    assert page.locator("#kommunen-tabelle tbody tr").count() == KOMMUNEN - PAGE_SIZE
    context.close()


def test_page_numbers_and_teasers():
    from praxisatlas.render.lists import paginate, teaser

    pages = paginate("praxis", 95, 10)
    assert [(p.number, p.start, p.end) for p in pages[-2:]] == [(9, 80, 90), (10, 90, 95)]
    assert [p.uri for p in pages[:2]] == ["praxis/index.md", "praxis/seiten/2.md"]
    assert pages[0].links() == [1, 2, 3, None, 10]
    assert pages[4].links() == [1, 2, 3, 4, 5, 6, 7, None, 10]  # a gap of one page shows the number
    assert pages[9].links() == [1, None, 8, 9, 10]
    assert [p.number for p in paginate("kommune", 0, 10)] == [1]  # an empty list still has its page
    assert teaser("kurz") == "kurz"
    cut = teaser("Wort " * 50, 30)
    assert cut.endswith(" …") and len(cut) <= 32 and "Wor …" not in cut


def test_plain_lists_are_paginated_too():
    """Themen and Netzwerke have no filter; with a small page size their lists are split as well."""
    from praxisatlas.relate import relate
    from praxisatlas.render.lists import PLAIN_LIST_FACTOR
    from praxisatlas.render.site import SiteRenderer
    from tests.support.project import FIXTURE_KB, FROZEN_TODAY

    kb, _ = load(FIXTURE_KB)
    pages = {o.uri: o for o in SiteRenderer(kb, relate(kb), FROZEN_TODAY, page_size=2).plans()}
    themen = [u for u in pages if u == "themen/index.md" or u.startswith("themen/seiten/")]
    assert len(themen) == math.ceil(len(kb.themen) / (2 * PLAIN_LIST_FACTOR)) > 1
    linked = [m for u in themen for m in re.findall(r"\]\((?:\.\./)?([a-z0-9-]+)\.md\)", pages[u].render())]
    assert sorted(linked) == sorted(kb.themen)  # every topic on exactly one page
    assert [pages[u].in_nav for u in themen] == [True] + [False] * (len(themen) - 1)
    assert "\n\n<nav class=\"pa-seiten\"" in pages["themen/seiten/2.md"].render()  # not inside the last list item
    assert "<noscript>" not in pages["themen/seiten/2.md"].render()  # nothing to filter here
