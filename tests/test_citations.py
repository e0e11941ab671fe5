"""Sources at the sentence level: the validator's citation rules and the numbered references they render to."""

from __future__ import annotations

from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain.citations import is_exempt, text_blocks
from praxisatlas.render.citations import link_citations, numbered_citations
from tests.support.kbfactory import TODAY, replace_in, write_kb

PRACTICE = "practices/besuche.md"


def _messages(tmp_path, overrides=None) -> list[str]:
    _, findings = load_and_validate(write_kb(tmp_path, overrides), TODAY)
    return [f.format() for f in findings if f.path.endswith("besuche.md")]


def test_the_factory_practice_cites_everything(tmp_path):
    assert _messages(tmp_path) == []


def test_removing_a_citation_names_file_line_and_column(tmp_path):
    messages = _messages(tmp_path, replace_in(PRACTICE, "Gegenseitige Besuche.[^pm]", "Gegenseitige Besuche."))
    text = "\n".join(messages)
    assert "Abschnitt „Vorgehen“: Dieser Absatz nennt keine Quelle" in text
    line = next(m for m in messages if "Vorgehen" in m)
    # "practices/besuche.md:LINE:1: Fehler: …" with the line of the paragraph in the file
    path, number, column = line.split(":")[:3]
    assert path == PRACTICE and column == "1"
    written = (tmp_path / PRACTICE).read_text(encoding="utf-8").splitlines()
    assert written[int(number) - 1] == "Gegenseitige Besuche."


def test_an_unknown_key_and_an_uncited_source_are_errors(tmp_path):
    overrides = replace_in(PRACTICE, "Neue Ideen für beide.[^pm]", "Neue Ideen für beide.[^pm][^bericht]")
    text = "\n".join(_messages(tmp_path, overrides))
    assert "Der Beleg „[^bericht]“ nennt keine Quelle dieses Eintrags" in text
    body = replace_in(PRACTICE, "[^pm]", "")[PRACTICE].replace("[^pm]", "")
    text = "\n".join(_messages(tmp_path / "b", {PRACTICE: body}))
    assert "Die Quelle „pm“ wird nirgends im Text zitiert" in text


def test_a_source_without_key_is_an_error(tmp_path):
    text = "\n".join(_messages(tmp_path, replace_in(PRACTICE, "  - kurz: pm\n    titel", "  - titel")))
    assert "braucht einen kurzen Schlüssel „kurz“" in text


def test_lists_cite_per_item_and_intros_need_none(tmp_path):
    body = "Die Vereinbarung sieht vor:\n\n- Fallkonferenzen[^pm]\n- Hospitationen\n"
    overrides = replace_in(PRACTICE, "Gegenseitige Besuche.[^pm]", body)
    messages = [m for m in _messages(tmp_path, overrides) if "Vorgehen" in m]
    assert len(messages) == 1 and "Dieser Listenpunkt" in messages[0]


def test_exempt_blocks():
    assert is_exempt("Einschätzung der Redaktion: übertragbar.")
    assert is_exempt("**Offen:** Kosten nennt keine Quelle.")
    assert is_exempt("Keine Angaben in den Quellen.")
    assert not is_exempt("Das Projekt lief gut.")


def test_blocks_know_their_lines():
    blocks = text_blocks("## A\n\nerste Zeile\nzweite Zeile\n\n- Punkt\n  weiter\n")
    assert [(b.kind, b.line, b.column) for b in blocks] == [("h2", 0, 4), ("p", 2, 1), ("li", 5, 3)]
    assert blocks[1].text == "erste Zeile zweite Zeile"


def test_references_are_numbered_in_source_order_and_link_to_the_list():
    sources = [{"kurz": "a", "titel": "A"}, {"kurz": "b", "titel": "B"}]
    html = link_citations("Satz.[^b][^a] Rest [^x].", sources)
    assert '<a href="#quelle-b"><span class="pa-sr">Quelle </span>[2]</a>' in html
    assert '<a href="#quelle-a"><span class="pa-sr">Quelle </span>[1]</a>' in html
    assert "[^x]" in html  # an unknown key stays visible (the validator reports it)
    assert numbered_citations("Satz.[^b][^a]", sources) == "Satz.[2][1]"


def test_the_built_site_links_each_reference_to_its_source(site_dir):
    import re

    html = (site_dir / "praxis" / "kooperationsvereinbarung-herten-jobcenter" / "index.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'<sup class="pa-ref"><a href="#(quelle-[a-z0-9-]+)">', html))
    assert targets, "no numbered reference survived the build and the sanitizer"
    for target in targets:
        item = re.search(rf'<li id="{target}">(.*?)</li>', html, re.S)
        assert item, f"reference to {target} has no line in the source list"
    assert "[^" not in html  # no citation mark is left as raw text
    assert "abgerufen am" in html
    topic = (site_dir / "themen" / "kinderschutz" / "index.html").read_text(encoding="utf-8")
    assert '<a href="#quelle-sgb8-8a">' in topic and 'href="https://www.gesetze-im-internet.de/sgb_8/__8a.html"' in topic


def test_the_handbook_numbers_references_like_the_site():
    from praxisatlas.io.load import load
    from praxisatlas.render.handbook import HandbookData
    from tests.support.project import FIXTURE_KB

    kb, _ = load(FIXTURE_KB)
    practice = HandbookData(kb, today=TODAY).practice(kb.praxis["kooperationsvereinbarung-herten-jobcenter"])
    text = " ".join(run["t"] for block in practice["text"] for run in block["inhalt"])
    assert "[1]" in text and "[^" not in text


def test_code_is_neither_a_statement_nor_a_heading():
    blocks = text_blocks("## A\n\nText.[^q]\n\n```\n## Ziele\nkein Absatz\n```\n\nNoch Text.[^q]\n")
    assert [(b.kind, b.text) for b in blocks] == [("h2", "A"), ("p", "Text.[^q]"), ("p", "Noch Text.[^q]")]


def test_a_list_starts_where_python_markdown_starts_one():
    """As MkDocs reads it: a numbered line inside a paragraph is no list item ("seit dem\\n1. August 2008"), "1)"
    is no marker, and items after a heading or another item are; four more spaces nest an item."""
    blocks = text_blocks("Start zum\n1. August 2008 seien\n2009) über.\n\n## A\n- a\n    - b\n- c\n\n1. d\n")
    assert [(b.kind, b.depth, b.text) for b in blocks] == [
        ("p", 0, "Start zum 1. August 2008 seien 2009) über."), ("h2", 0, "A"), ("li", 1, "a"), ("li", 2, "b"),
        ("li", 1, "c"), ("li", 1, "d")]


SAMPLES = [
    "Text zum\n1. August 2008 seien\nda.", "Ende\n2009) über", "Absatz\n- kein Punkt", "- a vor dem\n  14. Lebensjahr",
    "- a\n    - b\n- c", "- a\n  - b", "## H\n- a", "- a\n## H\nText", "P\n## H", "1. a\n2. b", "- a\n\n  weiter",
    "* a\n* b\n\n\n1) x", "Titel\n=====\n\nText", "Titel\n---\nText", "| a | b |\n|---|---|\n| c | d |",
    "**Fett:** Satz.[1]\n\n*kursiv* und [Link](https://example.org) mit `code` &amp; \\*Stern\\*",
]


def _python_markdown_blocks(text: str) -> list[tuple[str, str]]:
    """(tag, text) of each heading, paragraph, list item and table cell as python-markdown (MkDocs) renders it, in
    document order; a nested list's text belongs to its own items, a paragraph in an item to the item."""
    from html.parser import HTMLParser

    import markdown

    blocks: list[list[str]] = []

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[int] = []  # indexes into blocks

        def handle_starttag(self, tag, attrs):
            if tag in ("li", "th", "td") or (tag == "p" and not self.open) or (tag[0] == "h" and tag[1:].isdigit()):
                blocks.append([tag, ""])
                self.open.append(len(blocks) - 1)

        def handle_endtag(self, tag):
            if self.open and blocks[self.open[-1]][0] == tag:
                self.open.pop()

        def handle_data(self, data):
            if self.open:
                blocks[self.open[-1]][1] += data

    Collect().feed(markdown.markdown(text, extensions=["tables"]))
    return [(tag, " ".join(words.split())) for tag, words in blocks]


def test_the_handbook_reads_blocks_as_mkdocs_renders_them():
    """Differential: the handbook's blocks (one reader, domain/citations.text_blocks) against python-markdown, for
    hand-made cases and every text of the frozen knowledge base."""
    from praxisatlas.io.load import load
    from praxisatlas.render.handbook.blocks import markdown_blocks
    from tests.support.project import FIXTURE_KB

    kb, _ = load(FIXTURE_KB)
    texts = [*SAMPLES, *(p.body for p in kb.praxis.values()),
             *(str(e.get(key) or "") for e in kb.all_entries() for key in ("besonderheiten", "beschreibung"))]
    tags = {"p": "p", "li": "li"}
    for text in texts:
        ours = [(f"h{b['ebene']}" if b["typ"] == "h" else tags[b["typ"]],
                 " ".join("".join(r["t"] for r in b["inhalt"]).split())) for b in markdown_blocks(text)]
        theirs = [("p" if tag in ("th", "td") else tag, words) for tag, words in _python_markdown_blocks(text) if words]
        assert ours == theirs, text
