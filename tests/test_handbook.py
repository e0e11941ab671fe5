"""The handbook: a real tagged PDF, read back with poppler and qpdf."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from praxisatlas import REPO_ROOT
from praxisatlas.io.load import load
from praxisatlas.render.handbook import HandbookData, render_pdf
from tests.support.kbfactory import FILES, write_kb
from tests.support.pdf import outline_titles, pdfinfo, pdftext, squash
from tests.support.project import FIXTURE_KB, FROZEN_TODAY


@pytest.fixture(scope="module")
def handbook(tmp_path_factory):
    out = tmp_path_factory.mktemp("handbuch") / "handbuch.pdf"
    result = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "handbook.py"), "--root", str(FIXTURE_KB), "-o", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out


def test_handbook_contains_every_practice_and_kommune(handbook):
    kb, _ = load(FIXTURE_KB)
    text = squash(pdftext(handbook))
    for entry in [*kb.praxis.values(), *kb.kommunen.values()]:
        assert squash(entry.title) in text, entry.title
    assert "Jugendämter" in pdftext(handbook)  # umlauts survive typesetting and text extraction


def test_every_cited_text_shows_numbers_and_its_sources(handbook):
    """Topics, networks and Kommune texts cite as practices do: "[1]" in the text, the numbered source below,
    never the raw mark "[^key]"."""
    text = pdftext(handbook)
    assert "[^" not in text
    assert squash("geeignete Hilfen an.[1]") in squash(text)  # the topic "Kinderschutz" cites § 8a SGB VIII
    # its source under the chapter (the handbook's closing list holds only practices', networks' and Kommunen')
    assert squash("§ 8a SGB VIII – Schutzauftrag bei Kindeswohlgefährdung. Bundesministerium der Justiz") \
        in squash(text)


def test_handbook_is_tagged_german_and_titled(handbook):
    info = pdfinfo(handbook)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Title:\s+Praxisatlas Jugendhilfe$", info, re.M)
    catalog = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(handbook), "-"],
                             capture_output=True, check=True).stdout
    assert b"/Lang (de" in catalog
    assert subprocess.run(["qpdf", "--check", str(handbook)], capture_output=True).returncode == 0


def test_handbook_has_a_bookmark_per_chapter_and_entry(handbook):
    kb, _ = load(FIXTURE_KB)
    titles = outline_titles(handbook)
    for chapter in ("Einführung", "Netzwerke und Austauschformate", "Kommunen",
                    "Register der Kommunen", "Quellen", "Impressum"):
        assert chapter in titles
    for entry in [*kb.themen.values(), *kb.praxis.values(), *kb.kommunen.values()]:
        assert entry.title in titles, entry.title


def test_contents_and_index_carry_page_numbers(handbook):
    layout = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(handbook), "-"], capture_output=True,
                            text=True, check=True).stdout
    assert re.search(r"Kreis Lippe[ .]+\u2060?\d+\n", layout), "Inhaltsverzeichnis ohne Seitenzahl"
    register = layout.split("Register der Kommunen")[-1]
    match = re.search(r"Kreis Lippe\s+(\d+(?:, \d+)*)\n", register)
    assert match, "Register ohne Seitenzahlen"
    assert len(match.group(1).split(", ")) >= 2, "Steckbrief und Praxisbeispiele fehlen im Register"


HOSTILE = [
    '#eval("1+1") #set page(fill: red)',
    r"\input{/etc/passwd} \section{x}",
    "<script>alert('x')</script>",
    "$x^2$ *fett* _kursiv_ @ref <label>",
]


def test_hostile_strings_appear_literally(tmp_path):
    """Escaping does not rely on the validator: even unvalidated strings stay text."""
    body = FILES["practices/besuche.md"]
    body = body.replace("titel: Gegenseitige Besuche", f"titel: {json.dumps(HOSTILE[0])}")
    body = body.replace("kurzbeschreibung: Zwei Jugendämter besuchen sich.",
                        f"kurzbeschreibung: {json.dumps(HOSTILE[1])}")
    body = body.replace("Zwei Jugendämter wollten voneinander lernen.", HOSTILE[3])
    kommune = FILES["content/kommunen/kreis-b.yml"].replace("name: Kreis B", f"name: {json.dumps(HOSTILE[2])}")
    write_kb(tmp_path, {"practices/besuche.md": body, "content/kommunen/kreis-b.yml": kommune})
    kb, problems = load(tmp_path)
    assert problems == []
    pdf = render_pdf(HandbookData(kb, today=FROZEN_TODAY).handbook(), tmp_path / "h.pdf", FROZEN_TODAY)
    text = " ".join(pdftext(pdf).split())
    for hostile in HOSTILE[:3]:
        assert " ".join(hostile.split()) in text, hostile
    assert "$x^2$" in text and "@ref" in text


def test_inline_markdown_becomes_runs_with_bold_italic_and_links():
    from praxisatlas.render.handbook.blocks import inline_runs, markdown_blocks

    runs = inline_runs("**Fett:** *kursiv* und _auch_, [Quelle](https://example.org/a_b) "
                       "[lokal](../x.md) `a*b*` &amp; \\*kein\\* 3 * 4 <b>roh</b> ![Bild](x.png)")
    assert runs == [
        {"t": "Fett:", "b": True, "i": False, "link": None},
        {"t": " ", "b": False, "i": False, "link": None},
        {"t": "kursiv", "b": False, "i": True, "link": None},
        {"t": " und ", "b": False, "i": False, "link": None},
        {"t": "auch", "b": False, "i": True, "link": None},
        {"t": ", ", "b": False, "i": False, "link": None},
        {"t": "Quelle", "b": False, "i": False, "link": "https://example.org/a_b"},
        {"t": " lokal a*b* & *kein* 3 * 4 ", "b": False, "i": False, "link": None},
        {"t": "roh", "b": True, "i": False, "link": None},
    ]
    assert markdown_blocks("## Titel\n\n- eins\n    - zwei\n\n| a | b |\n|---|---|\n") == [
        {"typ": "h", "ebene": 2, "inhalt": [{"t": "Titel", "b": False, "i": False, "link": None}]},
        {"typ": "li", "ebene": 1, "inhalt": [{"t": "eins", "b": False, "i": False, "link": None}]},
        {"typ": "li", "ebene": 2, "inhalt": [{"t": "zwei", "b": False, "i": False, "link": None}]},
        {"typ": "p", "ebene": 0, "inhalt": [{"t": "a", "b": False, "i": False, "link": None}]},
        {"typ": "p", "ebene": 0, "inhalt": [{"t": "b", "b": False, "i": False, "link": None}]},
    ]


def test_topic_handbook_and_steckbrief(tmp_path):
    out = tmp_path / "kinderschutz.pdf"
    result = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "handbook.py"), "--root", str(FIXTURE_KB), "-o", str(out),
                             "--thema", "kinderschutz"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    titles = outline_titles(out)
    assert "Kinderschutz" in titles
    assert any(t.startswith("Kinderschutz in Lippe: Qualitätsentwicklung im NZFH-Kinderschutzcluster 4") for t in titles)
    assert "Kita-Plätze schaffen" not in titles and "Kollegiale Visitation (KoVis)" not in " ".join(titles)
    wrong = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "handbook.py"), "--root", str(FIXTURE_KB), "-o", str(out),
                            "--thema", "gibt-es-nicht"], capture_output=True, text=True, timeout=300)
    assert wrong.returncode == 1 and "gibt es nicht" in wrong.stderr


def test_site_publishes_handbook_and_steckbriefe(site_dir):
    assert (site_dir / "handbuch.pdf").is_file()
    assert re.search(r"^Tagged:\s+yes$", pdfinfo(site_dir / "handbuch.pdf"), re.M)
    steckbrief = site_dir / "kommunen" / "kreis-lippe" / "steckbrief.pdf"
    assert re.search(r"^Pages:\s+1$", pdfinfo(steckbrief), re.M)
    assert "Kreis Lippe" in pdftext(steckbrief)
    unna = pdftext(site_dir / "kommunen" / "kreis-unna" / "steckbrief.pdf")  # one compiler, distinct documents
    assert "Kreis Unna" in unna and "Kreis Lippe" not in unna
    start = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="handbuch.pdf"' in start
    assert 'href="../../handbuch.pdf"' in (site_dir / "themen" / "kinderschutz" / "index.html").read_text("utf-8")
    assert 'href="steckbrief.pdf"' in (site_dir / "kommunen" / "kreis-lippe" / "index.html").read_text("utf-8")
    size = re.search(r"Handbuch<span class=\"pa-groesse\"> \(PDF, (\d+) KB\)</span>",
                     (site_dir / "praxis" / "index.html").read_text(encoding="utf-8"))
    assert size, "Handbuch-Link ohne Dateigröße"
    assert int(size.group(1)) == round((site_dir / "handbuch.pdf").stat().st_size / 1000)
    topic = site_dir / "themen" / "kinderschutz" / "handbuch.pdf"
    assert "Praxisatlas Jugendhilfe: Kinderschutz" in pdfinfo(topic)
    topic_page = (site_dir / "themen" / "kinderschutz" / "index.html").read_text("utf-8")
    assert re.search(r'href="handbuch.pdf">Handbuch zum Thema „Kinderschutz“ herunterladen'
                     r'<span class="pa-groesse"> \(PDF, \d+ KB\)</span>', topic_page)


def pdf_ua_part(pdf) -> str | None:
    """The PDF/UA part named in the document's XMP metadata (pdfuaid:part), if any."""
    meta = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"<pdfuaid:part>(\d)</pdfuaid:part>", meta)
    return match.group(1) if match else None


def test_handbook_topic_handbooks_and_steckbriefe_are_pdf_ua_1(site_dir, handbook):
    for pdf in (handbook, site_dir / "handbuch.pdf", site_dir / "themen" / "kita-plaetze" / "handbuch.pdf",
                site_dir / "kommunen" / "kreis-lippe" / "steckbrief.pdf"):
        assert pdf_ua_part(pdf) == "1", pdf
        assert re.search(r"^Tagged:\s+yes$", pdfinfo(pdf), re.M), pdf


def test_preview_pngs_of_cover_and_contents(tmp_path):
    result = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "handbook.py"), "--root", str(FIXTURE_KB), "-o", str(tmp_path / "h.pdf"),
                             "--png", str(tmp_path / "png")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    pngs = sorted(p.name for p in (tmp_path / "png").glob("*.png"))
    assert len(pngs) == 2 and all((tmp_path / "png" / p).read_bytes()[:4] == b"\x89PNG" for p in pngs)
