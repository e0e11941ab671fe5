"""Partnersuche and Vergleich: the ranking on small hand-made sets, and both pages in a real Chromium."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from praxisatlas.io.load import load
from praxisatlas.relate import learn_from, rank_partners, relate
from tests.support.axe import AXE, AXE_RUN
from tests.support.kbfactory import FILES, write_kb
from tests.support.project import FIXTURE_KB, FROZEN_TODAY

PRACTICE = FILES["practices/besuche.md"]


def choose(page, number: int, text: str) -> None:
    """Choose a Kommune in the page's `number`-th type-ahead chooser, with the keyboard: type, first match."""
    box = page.locator("input[role=combobox]").nth(number)
    box.focus()
    page.keyboard.type(text, delay=20)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")


def small_kb(tmp_path):
    """stadt-a (NRW, II) wants Kinderschutz; kreis-b (NI) has 1 practice; stadt-c (NRW, II) has 2."""
    stadt_c = FILES["content/kommunen/stadt-a.yml"].replace("name: Stadt A", "name: Stadt C").replace(
        "partnerkommunen:\n  - kreis-b\nnetzwerke:\n  - team-eins\n", "").replace('"05562020"', '"05562024"')
    second = PRACTICE.replace("titel: Gegenseitige Besuche", "titel: Zweites Beispiel").replace(
        "kommunen:\n  - stadt-a\n  - kreis-b\n", "kommunen:\n  - stadt-c\n").replace(
        "netzwerke:\n  - team-eins\n", "")
    first = PRACTICE.replace("kommunen:\n  - stadt-a\n  - kreis-b\n", "kommunen:\n  - kreis-b\n  - stadt-c\n")
    write_kb(tmp_path, {"content/kommunen/stadt-c.yml": stadt_c, "practices/besuche.md": first,
                        "practices/zweites.md": second})
    kb, problems = load(tmp_path)
    assert problems == []
    return kb, relate(kb)


def test_ranking_orders_by_practices_then_size_land_and_connections(tmp_path):
    kb, rel = small_kb(tmp_path)
    ranked = learn_from(kb, rel, "stadt-a")
    assert [s.kommune for s in ranked] == ["stadt-c", "kreis-b"]
    # stadt-c works on Kinderschutz itself (its profile) and has 2 practices on it
    assert ranked[0].score == 2 + 3 * 2 + 1 + 1
    assert ranked[0].reasons == ("arbeitet selbst an Kinderschutz (2 Praxisbeispiele)", "gleiche Größenklasse",
                                 "ebenfalls in Nordrhein-Westfalen")
    # kreis-b reaches Kinderschutz only through the practice it took part in: 1 point, not 3
    assert ranked[1].score == 1 + 0.5
    assert ranked[1].reasons == ("über 1 Praxisbeispiel an Kinderschutz beteiligt", "bereits Partnerkommune")


def test_ranking_without_matching_practices_is_empty(tmp_path):
    kb, rel = small_kb(tmp_path)
    assert rank_partners(kb, rel, ["gibt-es-nicht"]) == []
    assert rank_partners(kb, rel, []) == []
    only_land = rank_partners(kb, rel, ["kinderschutz"], land="Niedersachsen")
    assert [s.kommune for s in only_land][:1] == ["stadt-c"]  # 6 points beat 3 + 1


def test_own_practices_do_not_count(tmp_path):
    kb, rel = small_kb(tmp_path)
    ranked = rank_partners(kb, rel, ["kinderschutz"], me="kreis-b")
    assert [s.kommune for s in ranked] == ["stadt-c", "stadt-a"]
    assert ranked[0].reasons[0] == "arbeitet selbst an Kinderschutz (1 Praxisbeispiel)"  # the shared one does not count
    assert ranked[1].reasons[0] == "arbeitet selbst an Kinderschutz"  # an own topic counts without a practice


def test_own_topics_weigh_more_than_topics_via_a_practice(tmp_path):
    """The same practice: the Kommune with the topic in its own profile ranks above the one that only took part."""
    kb, rel = small_kb(tmp_path)
    assert rel.own_topics["stadt-c"] == ["kinderschutz"] and rel.topics_via_practice["stadt-c"] == []
    assert rel.own_topics["kreis-b"] == [] and rel.topics_via_practice["kreis-b"] == ["kinderschutz"]
    assert rel.kommunen_by_thema["kinderschutz"] == ["stadt-a", "stadt-c"]
    assert rel.kommunen_via_practice_by_thema["kinderschutz"] == ["kreis-b"]
    ranked = {s.kommune: s for s in rank_partners(kb, rel, ["kinderschutz"])}
    assert ranked["stadt-c"].score == 2 + 3 * 2 and ranked["kreis-b"].score == 1 and ranked["stadt-a"].score == 2


def test_pruned_ranking_equals_scoring_every_candidate(tmp_path):
    """rank_partners stops scoring once no other candidate can reach the best; the result is the same as
    scoring every candidate, for every Kommune of a synthetic country and for topic sets of one to three."""
    import random

    from tests.support.corpus import generate_corpus

    generate_corpus(tmp_path / "korpus", kommunen=150, praxis=600, themen=12, netzwerke=10, today=FROZEN_TODAY)
    kb, _ = load(tmp_path / "korpus")
    rel = relate(kb)
    rng = random.Random(7)
    topics = sorted(kb.themen)
    compared = 0
    for slug, kommune in sorted(kb.kommunen.items()):
        wanted = rng.sample(topics, k=rng.randint(1, 3))
        for limit in (1, 5, 10):
            args = (kb, rel, wanted, rel.size_class.get(slug), kommune.get("bundesland"), slug, limit)
            assert rank_partners(*args) == rank_partners(*args, exhaustive=True), (slug, wanted, limit)
            compared += 1
    assert compared == 450


def test_kommune_page_shows_learn_from_block(site_dir):
    kb, _ = load(FIXTURE_KB)
    html = (site_dir / "kommunen" / "kreis-lippe" / "index.html").read_text(encoding="utf-8")
    assert "Von wem wir lernen können" in html
    expected = learn_from(kb, relate(kb), "kreis-lippe")
    if expected:
        assert all(kb.kommunen[s.kommune].title in html for s in expected)
    else:  # Lippe takes part in every practice on its topics so far
        assert "es gibt keine Praxisbeispiele anderer Kommunen dazu" in html


def test_partnersuche_in_the_browser(browser, site_url):
    kb, _ = load(FIXTURE_KB)
    rel = relate(kb)
    browser.foreign_requests.clear()
    page = browser.new_page()
    page.goto(site_url + "partnersuche/", wait_until="networkidle")
    choose(page, 0, "Kreis Lippe")
    page.check("input[name=thema][value=junge-menschen-u25-jobcenter]")
    page.check("input[name=thema][value=qualitaetsentwicklung]")
    page.wait_for_selector(".pa-treffer li")
    shown = page.eval_on_selector_all(".pa-treffer > li", """els => els.map(e =>
        e.querySelector('.pa-treffer-name').textContent + ': ' + e.children[1].textContent.slice(7, -1))""")
    expected = rank_partners(kb, rel, ["junge-menschen-u25-jobcenter", "qualitaetsentwicklung"], "III",
                             "Nordrhein-Westfalen", me="kreis-lippe")
    assert expected, "Testfall ohne Treffer"
    assert shown == [f"{kb.kommunen[s.kommune].title}: {', '.join(s.reasons)}" for s in expected]
    assert parse_qs(urlsplit(page.url).query) == {
        "kommune": ["kreis-lippe"], "thema": ["junge-menschen-u25-jobcenter", "qualitaetsentwicklung"]}
    shared = page.url
    page.goto(shared, wait_until="networkidle")
    assert page.is_checked("input[name=thema][value=junge-menschen-u25-jobcenter]")
    assert page.input_value("select[name=kommune]") == "kreis-lippe"
    page.wait_for_selector(".pa-treffer li")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN) == []
    # more choices: the script's ranking must equal Python's, reasons and order, with own and via-practice topics
    themen = sorted(kb.themen)
    cases = [("", themen, "", ""), ("herten", ["kinderschutz", "interkommunaler-austausch", "kita-plaetze"], "", ""),
             ("landkreis-friesland", ["kinderschutz", "netzwerkarbeit", "qualitaetsentwicklung"], "II", ""),
             ("", ["junge-menschen-u25-jobcenter", "kinderschutz"], "II", "Nordrhein-Westfalen")]
    for me, topics, klasse, land in cases:
        query = "&".join([f"kommune={me}"] * bool(me) + [f"thema={t}" for t in topics] +
                         [f"klasse={klasse}"] * bool(klasse) + [f"land={land}"] * bool(land))
        page.goto(f"{site_url}partnersuche/?{query}", wait_until="networkidle")
        page.wait_for_selector("#partnersuche-ergebnis p")
        shown = page.eval_on_selector_all(".pa-treffer > li", """els => els.map(e =>
            e.querySelector('.pa-treffer-name').textContent + ': ' + e.children[1].textContent.slice(7, -1))""")
        mine = kb.kommunen[me] if me else None
        expected = rank_partners(kb, rel, topics, klasse or (rel.size_class.get(me) if me else None) or None,
                                 land or (mine.get("bundesland") if mine else None), me=me or None)
        assert shown == [f"{kb.kommunen[s.kommune].title}: {', '.join(s.reasons)}" for s in expected], query
    page.context.close()
    assert browser.foreign_requests == []


def test_vergleich_in_the_browser(browser, site_url):
    browser.foreign_requests.clear()
    page = browser.new_page()
    page.goto(site_url + "vergleich/?k=kreis-lippe&k=landkreis-friesland", wait_until="networkidle")
    page.wait_for_selector("table.pa-vergleich")
    headers = page.eval_on_selector_all("table.pa-vergleich thead th a", "els => els.map(e => e.textContent)")
    assert headers == ["Kreis Lippe", "Landkreis Friesland"]
    assert "348.391" in page.text_content("table.pa-vergleich")
    choose(page, 2, "Herten")
    page.wait_for_function("location.search.includes('k=herten')")
    assert page.locator("table.pa-vergleich thead th a").count() == 3
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN) == []
    page.context.close()
    assert browser.foreign_requests == []


def test_a_kreis_without_practice_can_ask_and_compare(browser, site_url):
    """Every Kreis is in the atlas, most without a practice yet: it can still be "mein Jugendamt"."""
    kb, _ = load(FIXTURE_KB)
    rel = relate(kb)
    assert not rel.practices_by_kommune.get("kreis-recklinghausen")  # the case: no practice of its own
    page = browser.new_page()
    page.goto(site_url + "partnersuche/", wait_until="networkidle")
    choose(page, 0, "Recklinghausen")
    assert page.input_value("select[name=kommune]") == "kreis-recklinghausen"
    page.check("input[name=thema][value=kinderschutz]")
    page.wait_for_selector(".pa-treffer li")
    assert page.locator(".pa-treffer > li").count() >= 1
    page.goto(site_url + "vergleich/?k=kreis-recklinghausen&k=kreis-lippe", wait_until="networkidle")
    table = page.locator("table.pa-vergleich")
    assert "Kreis Recklinghausen" in table.locator("thead").inner_text()
    assert table.get_by_role("link", name="Kinderschutz in Lippe: Qualitätsentwicklung", exact=False).first.is_visible()
    page.close()
