"""A practice's main topic (issue #26): optional, validated (one of its topics), and the handbook prints each
practice in full in the chapter of its main topic; the topic handbook's cover keeps its title words whole;
a Steckbrief names the Praxisatlas, its date, its page's address and its page numbers on one page."""

from __future__ import annotations

import re

from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain.findings import Level
from praxisatlas.io.load import load
from praxisatlas.relate import main_topic
from praxisatlas.render.handbook import HandbookData, render_pdfs
from tests.support.pdf import pdfinfo, pdftext
from tests.support.project import FROZEN_TODAY, fixture_project

KOVIS = "practices/kollegiale-visitation-kovis.md"


def with_main_topic(root, value: str):
    """The fixture with `hauptthema: value` in the KoVis practice (after its topics)."""
    path = root / KOVIS
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nkommunen:", f"\nhauptthema: {value}\nkommunen:", 1), encoding="utf-8")
    return root


def errors(root) -> list[str]:
    _kb, findings = load_and_validate(root, FROZEN_TODAY)
    return [f.format() for f in findings if f.level is Level.ERROR]


def test_main_topic_is_optional_and_defaults_to_the_first_topic(tmp_path):
    root = fixture_project(tmp_path)
    assert errors(root) == []
    kb, _ = load(root)
    assert main_topic(kb.praxis["kollegiale-visitation-kovis"]) == "interkommunaler-austausch"  # the first listed


def test_main_topic_must_be_one_of_the_practices_topics(tmp_path):
    root = with_main_topic(fixture_project(tmp_path / "a"), "kinderschutz")
    found = errors(root)
    assert len(found) == 1 and KOVIS in found[0], found
    assert "„hauptthema“ muss eines der „themen“ des Praxisbeispiels sein" in found[0]
    unknown = errors(with_main_topic(fixture_project(tmp_path / "b"), "gibt-es-nicht"))
    assert any("Thema „gibt-es-nicht“ gibt es nicht" in f for f in unknown), unknown
    assert errors(with_main_topic(fixture_project(tmp_path / "c"), "qualitaetsentwicklung")) == []


def chapter_of(data: dict, slug: str) -> tuple[str, list[str]]:
    """The chapter that prints practice `slug` in full, and the chapters that only refer to it."""
    full = [c["slug"] for c in data["kapitel"] if any(p["slug"] == slug for p in c["praxis"])]
    refs = [c["slug"] for c in data["kapitel"] if any(v["slug"] == slug for v in c["verweise"])]
    assert len(full) == 1, full
    return full[0], refs


def test_handbook_prints_each_practice_under_its_main_topic(tmp_path):
    root = with_main_topic(fixture_project(tmp_path), "qualitaetsentwicklung")
    kb, _ = load(root)
    data = HandbookData(kb, today=FROZEN_TODAY).handbook()
    chapter, refs = chapter_of(data, "kollegiale-visitation-kovis")
    assert chapter == "qualitaetsentwicklung"
    assert set(refs) == set(kb.praxis["kollegiale-visitation-kovis"].get("themen")) - {"qualitaetsentwicklung"}
    for practice in kb.praxis.values():  # every practice once in full, in its main topic's chapter
        assert chapter_of(data, practice.slug)[0] == main_topic(practice)
    assert "Hauptthema" in " ".join(b["inhalt"][0]["t"] for b in data["einfuehrung"] if b["inhalt"])
    # the Kinderschutz chapter holds the practices about child protection, not only "siehe Seite" lines
    kinderschutz = next(c for c in data["kapitel"] if c["slug"] == "kinderschutz")
    assert [p["slug"] for p in kinderschutz["praxis"]] == ["kinderschutz-netzwerk-lippe"]
    # a topic's own handbook prints all its practices in full
    topic = HandbookData(kb, today=FROZEN_TODAY).handbook("kita-plaetze")
    assert [p["slug"] for p in topic["kapitel"][0]["praxis"]] == ["kollegiale-visitation-kovis"]


def test_topic_cover_and_steckbrief(tmp_path):
    root = fixture_project(tmp_path / "kb")
    lippe = root / "content" / "kommunen" / "kreis-lippe.yml"
    text = lippe.read_text(encoding="utf-8")
    # a Steckbrief a little too long for one page at the normal size
    extra = "\n\n".join(f"  **Absatz {n}.** " + "Ein weiterer Satz über die Arbeit des Jugendamts im Kreis. " * 6
                        for n in range(3))
    lippe.write_text(text.replace("website: https://www.kreis-lippe.de", "website: https://www.kreis-lippe.de", 1)
                     .replace("\nwebsite:", "\n\n" + extra + "\nwebsite:", 1), encoding="utf-8")
    kb, problems = load(root)
    assert problems == []
    data = HandbookData(kb, today=FROZEN_TODAY, site_url="https://praxisatlas.example.org/")
    cover, brief, short = tmp_path / "kinderschutz.pdf", tmp_path / "lippe.pdf", tmp_path / "herten.pdf"
    render_pdfs([(data.handbook("kinderschutz"), cover), (data.steckbrief("kreis-lippe"), brief),
                 (data.steckbrief("herten"), short)], FROZEN_TODAY)
    first_page = pdftext_page(cover, 1)
    assert "Kinderschutz" in first_page.split() and "Kinder-" not in first_page  # not "Kinder-/schutz"
    for pdf, name, url in ((brief, "Kreis Lippe", "kommunen/kreis-lippe/"), (short, "Stadt Herten", "kommunen/herten/")):
        assert re.search(r"^Pages:\s+1$", pdfinfo(pdf), re.M), pdf  # one page, no near-empty second one
        text = " ".join(pdftext(pdf).split())
        assert name in text and "Praxisatlas Jugendhilfe · Steckbrief" in text
        assert "Stand: 30.11.2026" in text and "Seite 1 von 1" in text
        assert "https://praxisatlas.example.org/" + url in text
    assert "Absatz 2." in " ".join(pdftext(brief).split())


def pdftext_page(pdf, number: int) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
