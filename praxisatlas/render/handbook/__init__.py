"""The printable handbook (and one-page Steckbriefe) as tagged PDF/UA-1, typeset with Typst.

Python turns the model into plain data (daten.json); the Typst layout (handbuch.typ) only ever sets
those strings as text, so contributed content cannot act as Typst code or markup.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from importlib import metadata, resources
from pathlib import Path

from praxisatlas.domain import dates
from praxisatlas.domain.dates import german_date
from praxisatlas.domain.model import Entry, KnowledgeBase
from praxisatlas.io.geodata import ATTRIBUTION, LICENCE_URL
from praxisatlas.io.geodata import LICENCE as GEO_LICENCE
from praxisatlas.relate import (
    SIZE_CLASSES,
    Relations,
    main_topic,
    network_members,
    office_summary,
    practice_type,
    relate,
    served_note,
)
from praxisatlas.render.chart import age_chart_svg
from praxisatlas.render.citations import numbered_citations
from praxisatlas.render.format import german_number
from praxisatlas.render.handbook.blocks import markdown_blocks
from praxisatlas.render.map import BINS, CLASS_COLOURS, colour_class, geometry, kreis_name, map_data, print_map_svg

PDF_STANDARD = "ua-1"  # PDF/UA-1 (ISO 14289-1): Typst checks the rules and writes pdfuaid:part 1 into the XMP
LICENCE = "Inhalte: CC BY 4.0 (Praxisatlas Jugendhilfe und die genannten Quellen)"
INTRO = """Der **Praxisatlas Jugendhilfe** sammelt gute Praxis von Jugendämtern für Jugendämter: Wer hat
eine Aufgabe schon gelöst – und wie? Jedes Praxisbeispiel folgt derselben Gliederung (Ausgangslage,
Ziele, Vorgehen, Ergebnisse und Wirkung, Übertragbarkeit, Ressourcen) und nennt seine Quellen.

Die Kapitel folgen den Themen. Ein Praxisbeispiel mit mehreren Themen steht einmal ausführlich beim
Thema, um das es vor allem geht (seinem Hauptthema); die anderen Kapitel verweisen auf die Seite. Danach
folgen die Netzwerke, die Steckbriefe der Kommunen (jede Zahl mit Quelle und Stand), ein Register der
Kommunen und alle Quellen.

Die Größenklasse einer Kommune wird aus den Einwohnern im Zuständigkeitsbereich ihres Jugendamts
berechnet (bei einem Kreis ohne die Städte mit eigenem Jugendamt): I unter 50.000, II 50.000 bis 150.000,
III über 150.000 Einwohner. „Stand der Quelle“ ist das Datum der neuesten Quelle eines Eintrags, „redaktionell
geprüft“ das Datum, an dem die Redaktion ihn mit seinen Quellen verglichen hat."""
IMPRESSUM = """Herausgegeben von der Redaktion des Praxisatlas Jugendhilfe. Die Inhalte stehen unter der Lizenz
CC BY 4.0; bitte nennen Sie bei Weiterverwendung „Praxisatlas Jugendhilfe“ und die Originalquellen.

Amtliche Einwohnerzahlen und Flächen, wo angegeben: © Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-
Informationssystem GV-ISys; Vervielfältigung und Verbreitung, auch auszugsweise, mit Quellenangabe gestattet.

Dieses Handbuch wurde automatisch aus den geprüften Einträgen der Website erzeugt."""
GEO_CREDIT = (f"Geodaten der Karte: {ATTRIBUTION}, {GEO_LICENCE} (dl-de/by-2-0, {LICENCE_URL}); "
              "Verwaltungsgebiete 1:5 000 000 (VG5000), Gebietsstand 01.01.2021, Umrisse vereinfacht.")


def _version() -> str:
    try:
        return metadata.version("praxisatlas")
    except metadata.PackageNotFoundError:
        return "unbekannt"


def _source_line(q: dict) -> str:
    date = german_date(q.get("datum")) if q.get("datum") else "ohne Datum"
    url = f" {q['url']}" if q.get("url") else ""
    retrieved = f" (abgerufen am {german_date(q['abgerufen'])})" if q.get("abgerufen") else ""
    return f"{q.get('titel')}. {q.get('herausgeber')}, {date}{retrieved}.{url}"


def _source_lines(data: dict) -> list[str]:
    """An entry's sources in their order: the numbers [n] in its text are positions in this list."""
    return [_source_line(q) for q in data.get("quellen") or [] if isinstance(q, dict)]


def _cited_blocks(text: object, data: dict) -> list:
    """An entry's Markdown as handbook blocks, each `[^key]` as its number in the entry's source list."""
    return markdown_blocks(numbered_citations(str(text or ""), data.get("quellen")))


def _figure(z: dict) -> str:
    approx = "etwa " if z.get("ungefaehr") else ""
    stand = german_date(z.get("stand")) if z.get("stand") else "nicht angegeben"
    return f"{approx}{german_number(z.get('anzahl'))} (Stand: {stand}; Quelle: {z.get('quelle')})"


class HandbookData:
    """Builds the data the Typst layout reads."""

    def __init__(self, kb: KnowledgeBase, rel: Relations | None = None, today: dt.date | None = None,
                 site_url: str = ""):
        """`today` dates the cover (default: praxisatlas.domain.dates.today()); `site_url` (the published
        site's address) gives each Steckbrief the address of its page."""
        self.kb, self.rel = kb, rel or relate(kb)
        self.today = today or dates.today()
        self.site_url = site_url if site_url.startswith(("https://", "http://")) else ""

    def _titles(self, kind: str, slugs) -> str:
        table = self.kb.entries[kind]
        return ", ".join(table[s].title for s in slugs or [] if s in table)

    def practice(self, p: Entry) -> dict:
        d = p.data
        begin = d.get("zeitraum", {}).get("beginn")
        period = "Beginn nicht bekannt" if begin == "unbekannt" else f"seit {german_date(begin)}"
        if d.get("zeitraum", {}).get("ende"):
            period += f" bis {german_date(d['zeitraum']['ende'])}"
        source_date = self.rel.source_date.get(p.slug)
        facts = [("Art des Eintrags", practice_type(p)), ("Status", str(d.get("status", "")).capitalize()),
                 ("Zeitraum", period),
                 ("Stand der Quelle", f"{german_date(source_date)} (Datum der neuesten Quelle)" if source_date
                  else "nicht datiert (keine Quelle nennt ein Datum)")]
        for label, value in (("Kommunen", self._titles("kommune", d.get("kommunen"))),
                             ("Träger", d.get("traeger")), ("Partner", ", ".join(d.get("partner") or [])),
                             ("Netzwerke", self._titles("netzwerk", d.get("netzwerke"))),
                             ("Themen", self._titles("thema", d.get("themen"))),
                             ("Rechtsgrundlagen", ", ".join(d.get("rechtsgrundlagen") or []))):
            if value:
                facts.append((label, value))
        contact = d.get("kontakt") or {}
        facts.append(("Kontakt", ", ".join(str(contact[k]) for k in ("stelle", "organisation", "email", "url")
                                           if contact.get(k))))
        if d.get("pruefstatus") == "geprüft":
            review = f"am {german_date(d.get('stand'))}: Der Eintrag gibt seine Quellen richtig wieder"
        else:
            review = f"eingereicht, noch nicht geprüft (Stand {german_date(d.get('stand'))})"
        facts.append(("Redaktionell geprüft", review))
        for a in d.get("anhaenge") or []:
            facts.append(("Anhang", f"{a.get('titel')} ({a.get('datei') or a.get('url')})"))
        return {"slug": p.slug, "titel": p.title, "kurzbeschreibung": d.get("kurzbeschreibung", ""),
                "fakten": facts, "text": _cited_blocks(p.body, d), "quellen": _source_lines(d)}

    def kommune(self, k: Entry) -> dict:
        d = k.data
        facts = [("Art", d.get("art")), ("Bundesland", d.get("bundesland"))]
        if d.get("ags"):
            facts.append(("Gemeindeschlüssel", d["ags"]))
        facts.append(("Einwohner", _figure(d["einwohner"]) if d.get("einwohner") else "keine belegte Angabe"))
        facts.extend(self._office_facts(k))
        facts.append(("Größenklasse", self._size_fact(k)))
        if d.get("flaeche_km2"):
            f = d["flaeche_km2"]
            facts.append(("Fläche", f"{german_number(f['wert'], 2)} km² (Stand: {german_date(f.get('stand'))}; "
                                    f"Quelle: {f.get('quelle')})"))
        practices = self.rel.practices_by_kommune.get(k.slug, [])
        if practices:
            facts.append(("Praxisbeispiele", self._titles("praxis", practices)))
        networks = self.rel.netzwerke_by_kommune.get(k.slug, [])
        if networks:
            facts.append(("Netzwerke", self._titles("netzwerk", networks)))
        if d.get("partnerkommunen"):
            facts.append(("Partnerkommunen", self._titles("kommune", d["partnerkommunen"])))
        if d.get("website"):
            facts.append(("Website", d["website"]))
        chart = None
        age = d.get("altersstruktur")
        if age:
            numbers = "; ".join(f"{g['altersgruppe']}: {german_number(g['anzahl'])}" for g in age["gruppen"])
            chart = {"svg": age_chart_svg(age["gruppen"], f"Altersstruktur {k.title}", f"alter-{k.slug}"),
                     "alt": f"Balkendiagramm der Altersstruktur von {k.title}: {numbers}.",
                     "quelle": f"Altersstruktur (Stand: {german_date(age.get('stand')) or 'nicht angegeben'}; "
                               f"Quelle: {age.get('quelle')})"}
        lists = [(title, d[key]) for key, title in (
            ("zentrale_themen", "Zentrale Themen"), ("qualitaetsentwicklungsinteressen", "Interessen in der "
             "Qualitätsentwicklung"), ("ergebnisse", "Ergebnisse"), ("in_planung", "In Planung")) if d.get(key)]
        return {"slug": k.slug, "name": k.title, "fakten": facts, "diagramm": chart, "listen": lists,
                "besonderheiten": _cited_blocks(d.get("besonderheiten", ""), d), "quellen": _source_lines(d)}

    def _office_facts(self, k: Entry) -> list[tuple[str, str]]:
        """Jugendamt (with Landesjugendamt and the Kreis's towns with their own) and Kreis: the Steckbrief's part of
        the Jugendamt box, kept short (a Steckbrief is one page; the population served is in "Größenklasse")."""
        office = k.get("jugendamt") if isinstance(k.get("jugendamt"), dict) else {}
        facts = []
        summary = office_summary(office)
        count = office.get("staedte_mit_eigenem_jugendamt")
        towns = self._titles("kommune", self.rel.towns_with_office.get(k.slug, []))
        if isinstance(count, int) or towns:
            word = "Stadt" if count == 1 else "Städte"
            parts = [f"{count} {word} im Kreis mit eigenem Jugendamt"] if isinstance(count, int) else \
                ["Städte im Kreis mit eigenem Jugendamt"]
            summary = f"{summary or 'keine Angabe'}; {parts[0]}" + (f" (im Atlas: {towns})" if towns else "")
        if summary:
            facts.append(("Jugendamt", summary))
        kreis = self.kb.kommunen.get(k.get("kreis")) if isinstance(k.get("kreis"), str) else None
        if kreis is not None:
            facts.append(("Kreis", kreis.title))
        return facts

    def _size_fact(self, k: Entry) -> str:
        """The size class with the population it comes from (the Jugendamt's, not the whole Kommune's)."""
        klasse, served = self.rel.size_class.get(k.slug), self.rel.served.get(k.slug)
        if not klasse or served is None:
            return "nicht bestimmbar (Einwohner im Zuständigkeitsbereich des Jugendamts nicht bekannt)"
        approx = "etwa " if served.ungefaehr else ""
        return (f"{klasse} ({SIZE_CLASSES[klasse]}), aus {approx}{german_number(served.anzahl)} Einwohnern im "
                f"Zuständigkeitsbereich des Jugendamts ({served_note(served)})")

    def network(self, n: Entry) -> dict:
        d = n.data
        members = ", ".join(f"{self.kb.kommunen[s].title} ({r})" for s, r in network_members(n)
                            if s in self.kb.kommunen)
        facts = [("Art", d.get("art"))]
        for label, value in (("Organisation", d.get("organisator")), ("Förderung", d.get("foerderung")),
                             ("Zielgruppe", d.get("zielgruppe")), ("Mitglieder", members),
                             ("Standorte", str(d["anzahl_standorte"]) if d.get("anzahl_standorte") else None)):
            if value:
                facts.append((label, value))
        return {"slug": n.slug, "titel": n.title, "fakten": facts,
                "beschreibung": _cited_blocks(d.get("beschreibung"), d), "quellen": _source_lines(d)}

    def overview_map(self) -> dict:
        """The map of all Kreise, coloured by their number of practices, as in /karte/ (without links): the
        picture, its alternative text, the legend and the attribution the BKG's licence asks for."""
        data = map_data(self.kb, self.rel)
        counts = {shape.ars: len(data.practices.get(shape.ars, ())) for shape in geometry().kreise}
        legend = [{"farbe": CLASS_COLOURS[i],
                   "text": f"{label} {'Praxisbeispiel' if label == '1' else 'Praxisbeispiele'}",
                   "kreise": sum(1 for c in counts.values() if colour_class(c) == i)}
                  for i, (_, label) in enumerate(BINS)]
        placed = len({p for slugs in data.practices.values() for p in slugs})
        with_any = sum(1 for c in counts.values() if c)
        names = {s.ars: kreis_name(s, data.profiles.get(s.ars)) for s in geometry().kreise}
        top = sorted((ars for ars, c in counts.items() if c), key=lambda ars: (-counts[ars], names[ars].casefold()))
        most = ", ".join(f"{names[ars]} ({counts[ars]})" for ars in top[:5])
        summary = (f"{german_number(placed)} {'Praxisbeispiel' if placed == 1 else 'Praxisbeispiele'} in "
                   f"{german_number(with_any)} von {german_number(len(counts))} Kreisen und kreisfreien Städten")
        alt = (f"Karte Deutschlands mit den Grenzen der Länder und allen {len(counts)} Kreisen und kreisfreien Städten,"
               f" eingefärbt nach der Zahl der Praxisbeispiele: {summary}" + (f"; die meisten in {most}." if most
                                                                              else "."))
        return {"svg": print_map_svg(data), "alt": alt, "legende": legend,
                "text": f"{summary}. Je dunkler die Fläche, desto mehr Praxisbeispiele gibt es dort; ein "
                        "Praxisbeispiel einer kreisangehörigen Stadt zählt bei ihrem Kreis." +
                        (f" Die meisten: {most}." if most else ""),
                "quelle": GEO_CREDIT}

    def handbook(self, thema: str | None = None) -> dict:
        """The whole handbook, or the handbook of one topic."""
        topics = sorted(self.kb.themen.values(), key=lambda t: t.title.casefold())
        if thema:
            topics = [self.kb.themen[thema]]
        placed: dict[str, str] = {}
        chapters = []
        for topic in topics:
            slugs = self.rel.practices_by_thema.get(topic.slug, [])
            # in full under its main topic (hauptthema, else its first topic); a topic's own handbook holds all
            own = slugs if thema else [s for s in slugs if main_topic(self.kb.praxis[s]) == topic.slug]
            placed.update({s: topic.slug for s in own})
            chapters.append({
                "slug": topic.slug, "titel": topic.title,
                "beschreibung": _cited_blocks(topic.get("beschreibung", ""), topic.data),
                "quellen": _source_lines(topic.data),
                "rechtsgrundlagen": ", ".join(topic.get("rechtsgrundlagen") or []),
                "praxis": [self.practice(self.kb.praxis[s]) for s in
                           sorted(own, key=lambda s: self.kb.praxis[s].title.casefold())],
                "verweise": [{"slug": s, "titel": self.kb.praxis[s].title} for s in slugs if s not in own],
            })
        included = set(placed)
        kommunen = sorted({s for p in included for s in self.kb.praxis[p].get("kommunen") or []}
                          if thema else set(self.kb.kommunen), key=lambda s: self.kb.kommunen[s].title.casefold())
        networks = sorted({s for p in included for s in self.kb.praxis[p].get("netzwerke") or []}
                          if thema else set(self.kb.netzwerke), key=lambda s: self.kb.netzwerke[s].title.casefold())
        register = []
        for slug in kommunen:
            labels = [f"kommune-{slug}"] + [f"praxis-{p}" for p in self.rel.practices_by_kommune.get(slug, [])
                                            if p in included]
            register.append({"name": self.kb.kommunen[slug].title, "labels": sorted(labels)})
        sources = sorted({_source_line(q) for p in included for q in self.kb.praxis[p].get("quellen") or []}
                         | {_source_line(q) for s in networks for q in self.kb.netzwerke[s].get("quellen") or []}
                         | {_source_line(q) for s in kommunen for q in self.kb.kommunen[s].get("quellen") or []})
        title = "Praxisatlas Jugendhilfe" + (f": {self.kb.themen[thema].title}" if thema else "")
        return {
            "modus": "handbuch", "titel": title,
            "untertitel": "Handbuch guter Praxis von Jugendämtern für Jugendämter",
            "datum": german_date(self.today.isoformat()), "version": _version(), "lizenz": LICENCE,
            "einfuehrung": markdown_blocks(INTRO), "kapitel": chapters,
            "karte": None if thema else self.overview_map(),
            "netzwerke": [self.network(self.kb.netzwerke[s]) for s in networks],
            "kommunen": [self.kommune(self.kb.kommunen[s]) for s in kommunen],
            "register": register, "quellen": sources,
            "impressum": markdown_blocks(IMPRESSUM if thema else f"{IMPRESSUM}\n\n{GEO_CREDIT}"),
        }

    def steckbrief(self, slug: str) -> dict:
        """One Kommune's Steckbrief: on every page the Praxisatlas name, the date, the address of the Kommune's
        page and the page number."""
        k = self.kb.kommunen[slug]
        address = (self.site_url.rstrip("/") + "/" + k.url) if self.site_url else \
            f"Praxisatlas Jugendhilfe › Kommunen › {k.title}"
        return {"modus": "steckbrief", "titel": f"Steckbrief {k.title} – Praxisatlas Jugendhilfe",
                "untertitel": "", "datum": german_date(self.today.isoformat()), "version": _version(),
                "lizenz": LICENCE, "adresse": address, "kommunen": [self.kommune(k)]}


def render_pdf(data: dict, out: Path, day: dt.date) -> Path:
    """Typeset `data` with the handbook layout into the PDF `out` (written atomically), dated `day`."""
    return render_pdfs([(data, Path(out))], day)[0]


def render_pdfs(jobs: list[tuple[dict, Path]], day: dt.date) -> list[Path]:
    """Typeset several documents with one Typst compiler (fonts and layout are loaded once). The PDFs' creation
    date is `day` (midnight UTC), so the same input on the same day gives the same bytes."""
    import typst

    with tempfile.TemporaryDirectory(prefix="praxisatlas-pdf-") as tmp:
        folder = Path(tmp)
        layout = resources.files(__package__).joinpath("handbuch.typ").read_text(encoding="utf-8")
        (folder / "handbuch.typ").write_text(layout, encoding="utf-8")
        (folder / "daten.json").write_text("{}", encoding="utf-8")
        compiler = typst.Compiler(str(folder / "handbuch.typ"), root=str(folder))
        written = []
        stamp = dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)
        for data, out in jobs:
            out = Path(out)
            out.parent.mkdir(parents=True, exist_ok=True)
            partial = folder / "ausgabe.pdf"
            compiler.compile(output=str(partial), sys_inputs={"daten": json.dumps(data, ensure_ascii=False)},
                             pdf_standards=PDF_STANDARD, timestamp=stamp)
            shutil.move(str(partial), out)
            written.append(out)
    return written
