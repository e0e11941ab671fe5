"""A realistic, valid synthetic knowledge base for scale tests and benchmarks (German text, all relations).

Deterministic for a given seed. Writes a complete tree with its own mkdocs.yml that uses the project's hooks.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import yaml

from praxisatlas.domain import dates
from praxisatlas.domain.slug import slugify
from tests.support.project import FIXTURE_KB, write_site_config

LAENDER = [
    ("01", "Schleswig-Holstein"), ("03", "Niedersachsen"), ("05", "Nordrhein-Westfalen"), ("06", "Hessen"),
    ("07", "Rheinland-Pfalz"), ("08", "Baden-Württemberg"), ("09", "Bayern"), ("10", "Saarland"),
    ("12", "Brandenburg"), ("13", "Mecklenburg-Vorpommern"), ("14", "Sachsen"), ("15", "Sachsen-Anhalt"),
    ("16", "Thüringen"),
]
ORTSTEILE = ["Nord", "Süd", "Ost", "West", "Mitte", "Land", "Au", "Feld", "Berg", "Tal", "Heide", "Brück",
             "Hausen", "Dorf", "Stein", "Wald", "Bach", "Burg", "Hagen", "Rode"]
ANFAENGE = ["Alt", "Neu", "Hoch", "Nieder", "Ober", "Unter", "Grün", "Rot", "Weiß", "Lang", "Kirch", "Linden",
            "Eichen", "Buchen", "Sonnen", "Wiesen", "Mühl", "Schön", "Fried", "Rosen"]
THEMEN = [
    ("Kinderschutz", "§ 8a SGB VIII"), ("Frühe Hilfen", "§ 16 SGB VIII"), ("Hilfe zur Erziehung", "§ 27 SGB VIII"),
    ("Kita-Plätze", "§ 24 SGB VIII"), ("Jugendhilfe im Strafverfahren", "§ 52 SGB VIII"),
    ("Qualitätsentwicklung", "§ 79a SGB VIII"), ("Netzwerkarbeit", "§ 81 SGB VIII"),
    ("Jugendberufshilfe", "§ 13 SGB VIII"), ("Schulsozialarbeit", "§ 13a SGB VIII"),
    ("Pflegekinderdienst", "§ 33 SGB VIII"), ("Inobhutnahme", "§ 42 SGB VIII"), ("Beteiligung", "§ 8 SGB VIII"),
]
ZUSAETZE = ["im ländlichen Raum", "in der Stadt", "digital", "für Alleinerziehende", "für Geflüchtete",
            "im Quartier", "mit Schulen", "mit dem Gesundheitswesen", "in Krisen", "für junge Volljährige"]
SATZTEILE = [
    "Das Jugendamt hat gemeinsam mit freien Trägern", "Die Fachkräfte des Allgemeinen Sozialen Dienstes haben",
    "In enger Abstimmung mit Schulen und Kitas wurde", "Auf Grundlage der Jugendhilfeplanung wurde",
    "Nach einem Beschluss des Jugendhilfeausschusses wurde",
]
SATZENDEN = [
    "ein verbindliches Verfahren für die Zusammenarbeit entwickelt.",
    "die Beratung für Familien näher an den Alltag gebracht.",
    "eine Fallkonferenz mit festen Terminen eingeführt.",
    "die Wartezeiten für Beratungsgespräche deutlich verkürzt.",
    "ein gemeinsames Verständnis von Qualität erarbeitet.",
]
NETZWERKARTEN = ["KoVis-Team", "Kinderschutz-Cluster", "Servicestelle", "Werkstatt-Cluster", "Kooperationsverbund"]
ALTERSGRUPPEN = ["unter 3 Jahre", "3 bis unter 6 Jahre", "6 bis unter 10 Jahre", "10 bis unter 14 Jahre",
                 "14 bis unter 18 Jahre", "18 bis unter 27 Jahre"]
HEADINGS = ["Ausgangslage", "Ziele", "Vorgehen", "Ergebnisse und Wirkung", "Übertragbarkeit", "Stolpersteine",
            "Ressourcen"]


def _dump(data: dict, schema: str) -> str:
    header = f"# yaml-language-server: $schema=../../praxisatlas/schema/{schema}.schema.json\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(f"{rng.choice(SATZTEILE)} {rng.choice(SATZENDEN)}" for _ in range(sentences))


def generate_corpus(out: Path, kommunen: int = 600, praxis: int = 3000, themen: int = 40, netzwerke: int = 50,
                    seed: int = 1, today: dt.date | None = None) -> dict[str, int]:
    """Write a synthetic knowledge base to `out`; return the number of entries of each kind."""
    rng = random.Random(seed)
    today = today or dates.today()
    stand = (today - dt.timedelta(days=30)).isoformat()
    out = Path(out)
    for folder in ("content/kommunen", "content/themen", "content/netzwerke", "content/dokumente", "practices"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    shutil.copytree(FIXTURE_KB / "content" / "seiten", out / "content" / "seiten", dirs_exist_ok=True)
    # the hand-written pages link to one real practice; keep the corpus self-contained
    ueber = out / "content" / "seiten" / "ueber.md"
    ueber.write_text(ueber.read_text(encoding="utf-8").replace("(praxis/kollegiale-visitation-kovis.md)",
                                                               "(praxis/index.md)"), encoding="utf-8")

    topic_slugs = []
    for i in range(themen):
        base, law = THEMEN[i % len(THEMEN)]
        title = base if i < len(THEMEN) else f"{base} {ZUSAETZE[(i // len(THEMEN) - 1) % len(ZUSAETZE)]}"
        if i >= len(THEMEN) * (len(ZUSAETZE) + 1):
            title += f" {i}"
        slug = slugify(title)
        topic_slugs.append(slug)
        (out / "content/themen" / f"{slug}.yml").write_text(_dump(
            {"titel": title, "beschreibung": _paragraph(rng, 2), "rechtsgrundlagen": [law],
             "schlagworte": [base.split()[0]]}, "thema"), encoding="utf-8")

    profiles: dict[str, dict] = {}
    counters: dict[str, int] = {}
    for i in range(kommunen):
        code, land = LAENDER[i % len(LAENDER)]
        name_core = f"{ANFAENGE[i % len(ANFAENGE)]}{ORTSTEILE[(i // len(ANFAENGE)) % len(ORTSTEILE)].lower()}"
        if i >= len(ANFAENGE) * len(ORTSTEILE):
            name_core += f" {i // (len(ANFAENGE) * len(ORTSTEILE)) + 1}"
        is_kreis = i % 3 != 0
        counters[code] = counters.get(code, 0) + 1
        number = counters[code]
        if is_kreis:
            art, name, ags = "Kreis", f"Kreis {name_core}", f"{code}{number:03d}"
        else:
            art, name, ags = "Stadt", f"Stadt {name_core}", f"{code}9{number:02d}{number % 1000:03d}"[:8]
        population = rng.choice([rng.randint(20_000, 49_000), rng.randint(50_000, 150_000),
                                 rng.randint(150_001, 700_000)])
        groups = [max(1, int(population * share)) for share in (0.03, 0.03, 0.04, 0.04, 0.04, 0.1)]
        profiles[slugify(name)] = {
            "name": name, "art": art, "bundesland": land, "ags": ags,
            "einwohner": {"anzahl": population, "stand": "2023-12-31", "quelle": "Synthetische Testdaten"},
            # every synthetic Kreis serves all of its area, every town its own: the size class is known for all
            "jugendamt": {"vorhanden": True, "art": "Kreisjugendamt", "staedte_mit_eigenem_jugendamt": 0} if is_kreis
            else {"vorhanden": True, "art": "Jugendamt einer kreisangehörigen Stadt"},
            "altersstruktur": {"stand": "2023-12-31", "quelle": "Synthetische Testdaten",
                               "gruppen": [{"altersgruppe": g, "anzahl": n} for g, n in zip(ALTERSGRUPPEN, groups,
                                                                                             strict=True)]},
            "partnerkommunen": [], "netzwerke": [],
            "themen": rng.sample(topic_slugs, k=min(3, len(topic_slugs))),
            "lerninteressen": rng.sample(topic_slugs, k=min(2, len(topic_slugs))),
            "zentrale_themen": [_paragraph(rng, 1)], "ergebnisse": [_paragraph(rng, 1)],
            "in_planung": [_paragraph(rng, 1)], "besonderheiten": _paragraph(rng, 2),
            "quellen": [{"titel": "Synthetisches Profil", "herausgeber": "Praxisatlas Testdaten", "datum": "2024"}],
            "stand": stand,
        }
    slugs = list(profiles)
    for a, b in zip(slugs[0::2], slugs[1::2], strict=False):  # partnerships, both ways
        if rng.random() < 0.3:
            profiles[a]["partnerkommunen"].append(b)
            profiles[b]["partnerkommunen"].append(a)

    network_slugs = []
    for i in range(netzwerke):
        art = NETZWERKARTEN[i % len(NETZWERKARTEN)]
        slug = f"netzwerk-{i + 1:03d}"
        members = rng.sample(slugs, k=min(len(slugs), rng.randint(3, 8)))
        for member in members:
            profiles[member]["netzwerke"].append(slug)
        network_slugs.append(slug)
        (out / "content/netzwerke" / f"{slug}.yml").write_text(_dump({
            "titel": f"{art} {i + 1}: {rng.choice(THEMEN)[0]}", "art": art, "beschreibung": _paragraph(rng, 3),
            "mitglieder": [{"kommune": m, "rolle": "Koordination" if j == 0 else "Mitglied"}
                           for j, m in enumerate(members)],
            "organisator": "Landesjugendamt (synthetisch)", "zeitraum": {"beginn": str(rng.randint(2005, 2023))},
            "quellen": [{"titel": "Synthetische Netzwerkbeschreibung", "herausgeber": "Praxisatlas Testdaten"}],
            "stand": stand}, "netzwerk"), encoding="utf-8")

    for slug, profile in profiles.items():
        profile = {k: v for k, v in profile.items() if v != []}
        (out / "content/kommunen" / f"{slug}.yml").write_text(_dump(profile, "kommune"), encoding="utf-8")

    attachments = []
    for i in range(max(1, praxis // 100)):
        name = f"vereinbarung-{i + 1:03d}.txt"
        (out / "content/dokumente" / name).write_text(f"Kooperationsvereinbarung (synthetisch) Nr. {i + 1}\n",
                                                      encoding="utf-8")
        attachments.append(name)

    for i in range(praxis):
        topic_list = rng.sample(topic_slugs, k=min(len(topic_slugs), rng.randint(1, 3)))
        involved = rng.sample(slugs, k=min(len(slugs), rng.randint(1, 3)))
        zusatz = ZUSAETZE[i % len(ZUSAETZE)]
        title = f"{THEMEN[i % len(THEMEN)][0]} {zusatz}: Beispiel {i + 1}"
        front = {
            "titel": title, "kurzbeschreibung": _paragraph(rng, 2), "themen": topic_list, "kommunen": involved,
            "status": rng.choice(["geplant", "laufend", "abgeschlossen"]),
            "zeitraum": {"beginn": f"{rng.randint(2010, 2023)}-{rng.randint(1, 12):02d}"},
            "rechtsgrundlagen": [THEMEN[i % len(THEMEN)][1]],
            "quellen": [{"kurz": "bericht", "titel": f"Bericht zum Beispiel {i + 1}",
                         "herausgeber": "Praxisatlas Testdaten", "datum": "2024-05-01"}],
            "kontakt": {"stelle": "Jugendamt, Abteilung Planung"}, "stand": stand,
            "pruefstatus": rng.choice(["eingereicht", "geprüft"]),
        }
        if i % 7 == 0:
            front["netzwerke"] = [rng.choice(network_slugs)] if network_slugs else []
            if not front["netzwerke"]:
                del front["netzwerke"]
        if i % 10 == 0:
            front["anhaenge"] = [{"titel": "Vereinbarung", "datei": rng.choice(attachments)}]
        cite = "[^bericht]"  # every statement names its source, as the validator requires
        body = "\n".join(f"## {h}\n\n{_paragraph(rng, rng.randint(2, 5))}{cite}\n\n- {_paragraph(rng, 1)}{cite}\n- "
                         f"{_paragraph(rng, 1)}{cite}\n" for h in HEADINGS)
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=100) + "---\n\n" + body
        (out / "practices" / f"beispiel-{i + 1:05d}.md").write_text(text, encoding="utf-8")

    write_site_config(out, "Praxisatlas Jugendhilfe (Testkorpus)")
    return {"kommune": kommunen, "praxis": praxis, "thema": themen, "netzwerk": len(network_slugs)}
