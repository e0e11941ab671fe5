"""A search index in parts (large sites, publish/search.py): the browser searches every part and merges them.

With a part size of half its searchable pages (plus one), the fixture's index comes in two parts. Searches, filter counts
and sorted lists must give what the one-part index of the same site gives.
"""

from __future__ import annotations

import json

import pytest

from tests.support.project import mkdocs_build
from tests.support.searches import SEARCHES

ALL_RESULTS = """async (q) => {
  const pagefind = await window.paPagefind();
  const search = await pagefind.search(q);
  const urls = await Promise.all(search.results.map((r) => r.data().then((d) => d.url)));
  return {urls, count: search.unfilteredResultCount, filters: search.filters};
}"""


@pytest.fixture(scope="module")
def parted(project_dir, site_dir, tmp_path_factory):
    """The fixture built with its search index in two parts: (site folder, its URL on a local server). A part
    holds a little more than half the searchable pages, however many the fixture has."""
    from tests.support.browser import serve

    target = tmp_path_factory.mktemp("teile") / "site"
    parts = {"PRAXISATLAS_SUCHTEIL_SEITEN": str(_entry(site_dir / "pagefind") // 2 + 1)}
    result = mkdocs_build(project_dir / "mkdocs.yml", target, env=parts)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(target) as url:
        yield target, url


def _entry(folder):
    return json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["de"]["page_count"]


def test_index_is_written_in_parts_that_hold_every_page(parted, site_dir):
    parted_site, _ = parted
    parts = [parted_site / "pagefind", *sorted((parted_site / "pagefind").glob("teil-*"))]
    assert len(parts) == 2
    assert sum(_entry(part) for part in parts) == _entry(site_dir / "pagefind")
    assert 'data-teile="2"' in (parted_site / "index.html").read_text(encoding="utf-8")
    assert 'data-teile="1"' in (site_dir / "index.html").read_text(encoding="utf-8")


def _results(browser, url, query):
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    found = page.evaluate(ALL_RESULTS, query)
    page.context.close()
    return found


@pytest.mark.parametrize("query", ["Kinderschutz", "Familien", "§ 8a", "Jugendamt", "Kitaplätze"])
def test_parts_find_what_one_index_finds(browser, site_url, parted, query):
    browser.foreign_requests.clear()
    one, split = _results(browser, site_url, query), _results(browser, parted[1], query)
    assert one["urls"], query
    assert set(one["urls"]) <= set(split["urls"])  # nothing is lost
    if query != "Kitaplätze":  # a word as it stands: the same pages, and the facet counts add up over the parts
        assert sorted(split["urls"]) == sorted(one["urls"])
        assert split["count"] == one["count"]
        assert split["filters"] == one["filters"]
    # a word that stands nowhere as typed ("Kitaplätze") is split by each part with its own vocabulary, so a
    # part may find a little more (the ranking with one part: test_site_browser.py)
    assert browser.foreign_requests == []


@pytest.mark.parametrize(("query", "expected"), SEARCHES.items(), ids=SEARCHES.keys())
def test_search_in_parts_finds_the_right_pages(browser, parted, query, expected):
    """The expected pages are found. (Their rank is not compared: each part weighs a word by how rare it is
    in that part, which for parts of half the fixture differs from the whole; real parts hold over 10,000 pages.)"""
    urls = _results(browser, parted[1], query)["urls"]
    for want in expected:
        assert "/" + want.lstrip("!") in urls, f"{query}: {urls[:5]}"


def test_sorted_list_in_parts_is_in_title_order(browser, site_url, parted):
    rows = {}
    for name, url in (("eins", site_url), ("teile", parted[1])):
        page = browser.new_page()
        page.goto(url + "kommunen/?bundesland=Nordrhein-Westfalen", wait_until="networkidle")
        page.wait_for_function("() => document.querySelector('[data-pa-status]').textContent.includes(' von ')")
        rows[name] = page.evaluate("Array.from(document.querySelectorAll('#kommunen-tabelle tbody tr'))"
                                   ".filter(r => !r.hidden).map(r => r.querySelector('a').textContent)")
        page.context.close()
    assert len(rows["eins"]) > 5
    assert rows["teile"] == rows["eins"]
    assert rows["teile"] == sorted(rows["teile"], key=str.casefold)


# Counts the searches the page's Pagefind workers are busy with at the same moment (set before any script runs).
COUNT_BUSY_WORKERS = """(() => {
  const Plain = window.Worker;
  window.__busy = 0; window.__mostBusy = 0; window.__searches = 0;
  window.Worker = function (url, options) {
    const worker = new Plain(url, options);
    const searching = new Set();
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message, transfer) => {
      if (message && message.method === "search") {
        searching.add(message.id); window.__searches++;
        window.__busy++; window.__mostBusy = Math.max(window.__mostBusy, window.__busy);
      }
      return post(message, transfer);
    };
    worker.addEventListener("message", (event) => {
      if (event.data && searching.delete(event.data.id)) window.__busy--;
    });
    return worker;
  };
})();"""


def test_parts_are_searched_one_after_another(browser, parted):
    """Searched at once, the parts compete for the processor and all finish late (README, "Leistung")."""
    page = browser.new_page()
    page.add_init_script(COUNT_BUSY_WORKERS)
    page.goto(parted[1], wait_until="networkidle")
    found = page.evaluate(ALL_RESULTS, "Familien")
    searches, most_busy = page.evaluate("[window.__searches, window.__mostBusy]")
    page.context.close()
    assert found["urls"]
    assert searches == 2  # each part was searched, by its own worker
    assert most_busy == 1
