"""The practice template: the sections of a practice's text, in order, in one declarative table.

The validator, the skeletons (`new.py`, vorlagen/), the browser editor, the issue form and the issue import
all read this table at the time they run, so a new section is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One `## ` section of a practice."""

    heading: str  # the heading in the file ("## Ausgangslage")
    field: str  # id of the issue-form field and suffix of the editor field
    required: bool  # the file must have it (the validator checks presence and order)
    form_required: bool  # the issue form insists on an answer; others, left empty, become NO_DETAILS
    hint: str  # what belongs here (German), for skeletons, the editor and the form

    @property
    def form_label(self) -> str:
        """The label of the form field (optional sections say so)."""
        return self.heading if self.required else f"{self.heading} (freiwillig)"


SECTIONS: tuple[Section, ...] = (
    Section("Ausgangslage", "ausgangslage", True, True,
            "Wie war die Lage vor Beginn? Welches Problem oder welcher Bedarf war der Anlass?"),
    Section("Ziele", "ziele", True, False, "Was sollte erreicht werden, und für wen?"),
    Section("Vorgehen", "vorgehen", True, True,
            "Was wurde getan, von wem, in welchen Schritten? Welche Absprachen oder Verfahren gibt es?"),
    Section("Ergebnisse und Wirkung", "ergebnisse", True, False,
            "Was hat sich verändert? Woran wird das sichtbar (Zahlen mit Stichtag, Auswertung, Rückmeldungen)?"),
    Section("Übertragbarkeit", "uebertragbarkeit", True, False,
            "Was brauchen andere Jugendämter, um das zu übernehmen? Was hängt an örtlichen Besonderheiten?"),
    Section("Stolpersteine", "stolpersteine", False, False,
            "Was war schwierig, was würden Sie heute anders machen?"),
    Section("Ressourcen", "ressourcen", True, False,
            "Was hat es gekostet: Personal, Zeit, Geld, Förderung? „Keine Angaben“, wenn unbekannt."),
)

# an empty section in a converted issue form
NO_DETAILS = "Keine Angaben."


def sections() -> tuple[Section, ...]:
    """The sections in their order (read at call time, so a test can add one)."""
    return SECTIONS


def headings() -> list[str]:
    """All headings in order."""
    return [s.heading for s in sections()]


def required_headings() -> list[str]:
    """The headings every practice must have, in order."""
    return [s.heading for s in sections() if s.required]


def optional_headings() -> list[str]:
    """The headings a practice may leave out."""
    return [s.heading for s in sections() if not s.required]


def by_heading(heading: str) -> Section | None:
    """The section with this heading, if there is one."""
    return next((s for s in sections() if s.heading == heading), None)
