"""Germany's administrative facts the atlas relies on: Länder by AGS prefix, Landesjugendämter."""

from __future__ import annotations

AGS_LAND: dict[str, str] = {
    "01": "Schleswig-Holstein", "02": "Hamburg", "03": "Niedersachsen", "04": "Bremen",
    "05": "Nordrhein-Westfalen", "06": "Hessen", "07": "Rheinland-Pfalz", "08": "Baden-Württemberg",
    "09": "Bayern", "10": "Saarland", "11": "Berlin", "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern", "14": "Sachsen", "15": "Sachsen-Anhalt", "16": "Thüringen",
}

LWL = "LWL-Landesjugendamt Westfalen"
LVR = "LVR-Landesjugendamt Rheinland"

# In Nordrhein-Westfalen two Landesjugendämter share the Land by Regierungsbezirk (3rd digit of the AGS):
# Düsseldorf (051) and Köln (053) belong to the LVR, Münster (055), Detmold (057), Arnsberg (059) to the LWL.
NRW_REGIERUNGSBEZIRK_LANDESJUGENDAMT: dict[str, str] = {
    "051": LVR, "053": LVR, "055": LWL, "057": LWL, "059": LWL,
}

JUGENDAMT_ARTEN = (
    "Kreisjugendamt",
    "Jugendamt einer kreisfreien Stadt",
    "Jugendamt einer kreisangehörigen Stadt",
    "Jugendamt eines Stadtstaats",
)


def landesjugendamt(ags: str) -> str | None:
    """The Landesjugendamt responsible for the area with this AGS (5 or 8 digits), or None if unknown."""
    if len(ags) < 3 or ags[:2] not in AGS_LAND:
        return None
    if ags[:2] == "05":
        return NRW_REGIERUNGSBEZIRK_LANDESJUGENDAMT.get(ags[:3])
    return f"Landesjugendamt {AGS_LAND[ags[:2]]}"


def landesjugendaemter() -> list[str]:
    """Every Landesjugendamt name `landesjugendamt` can return, sorted."""
    names = {f"Landesjugendamt {land}" for code, land in AGS_LAND.items() if code != "05"}
    return sorted(names | {LWL, LVR})


# Which Kommune art (content/kommunen, field "art") can run which kind of Jugendamt.
KREIS_ARTEN = ("Kreis", "Landkreis", "Region")  # a Kreis-level body: its own Kreisjugendamt
KREISANGEHOERIG_ARTEN = ("Stadt", "Gemeinde")  # belongs to a Kreis (field "kreis")
JUGENDAMT_ART_FUER_KOMMUNE: dict[str, tuple[str, ...]] = {
    "Kreisjugendamt": KREIS_ARTEN,
    "Jugendamt einer kreisfreien Stadt": ("Kreisfreie Stadt",),
    "Jugendamt einer kreisangehörigen Stadt": KREISANGEHOERIG_ARTEN,
    "Jugendamt eines Stadtstaats": ("Stadtstaat",),
}


def landesjugendamt_for_land(land: str) -> str | None:
    """The Landesjugendamt of a whole Land, or None where the Land has more than one (Nordrhein-Westfalen)."""
    if land not in AGS_LAND.values() or land == AGS_LAND["05"]:
        return None
    return f"Landesjugendamt {land}"
