"""Legal bases: the paragraphs the atlas knows (normen.yml) and citations as contributors write them.

Contributors write "§ 8a SGB VIII", but also "§8a SGB 8", "§ 8 a SGB VIII", "8a KJHG" or "SGB VIII § 8a Abs. 4".
`parse_citation` reads all of these as the same paragraph (a `Citation`); `norm` looks the paragraph up in the
table of known paragraphs with their official headings (domain/normen.yml, data, not code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

NORMS_FILE = Path(__file__).with_name("normen.yml")
GII = "https://www.gesetze-im-internet.de"

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV")
# Other names contributors use for a law: the KJHG is the act that brought in the SGB VIII
ALIASES = {"KJHG": "SGB VIII"}
OTHER_LAWS = ("KKG", "JGG", "BGB", "GG", "KJHG")

_SGB = r"(?i:SGB)\s*(?:[IVXivx]{1,4}|\d{1,2})\b"
_LAW = rf"(?P<law>{_SGB}|" + "|".join(OTHER_LAWS) + r")"
_ANY_LAW = rf"(?P<law>{_SGB}|[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{{1,11}})"  # any abbreviation, so an unknown law is named
_PARAGRAPH = r"(?P<number>\d{1,3})\s?(?P<letter>[a-z])?\b"
_DETAIL = r"(?P<detail>(?:\s*(?:Abs(?:atz|\.)?|S(?:atz|\.)|Nr\.?|Nummer)\s*\d+[a-z]?)*)"
_FORWARD = re.compile(rf"^(?:§§?\s*)?{_PARAGRAPH}{_DETAIL}\s*,?\s*{_ANY_LAW}$")
_BACKWARD = re.compile(rf"^{_ANY_LAW}\s*,?\s*§§?\s*{_PARAGRAPH}{_DETAIL}$")
# a citation inside running text ("nach § 79a SGB VIII"): the § sign is required there
_IN_TEXT = re.compile(rf"§\s*{_PARAGRAPH}{_DETAIL}\s+{_LAW}")


@dataclass(frozen=True)
class Law:
    """One law: its abbreviation, full name and folder on gesetze-im-internet.de."""

    short: str
    name: str
    path: str
    order: int  # position in the index of legal bases

    @property
    def slug(self) -> str:
        return self.short.lower().replace(" ", "-")

    @property
    def url(self) -> str:
        return f"{GII}/{self.path}/"


@dataclass(frozen=True)
class Norm:
    """One known paragraph of a law, with its official heading (None where it has not been checked)."""

    law: Law
    paragraph: str  # "8a"
    title: str | None

    @property
    def label(self) -> str:
        """'§ 8a SGB VIII'."""
        return f"§ {self.paragraph} {self.law.short}"

    @property
    def full_label(self) -> str:
        """'§ 8a SGB VIII – Schutzauftrag bei Kindeswohlgefährdung' (the label alone without a heading)."""
        return f"{self.label} – {self.title}" if self.title else self.label

    @property
    def slug(self) -> str:
        """'sgb-viii-8a': the page of the paragraph is rechtsgrundlagen/sgb-viii-8a/."""
        return f"{self.law.slug}-{self.paragraph}"

    @property
    def url(self) -> str:
        """The paragraph's text on gesetze-im-internet.de."""
        return f"{GII}/{self.law.path}/__{self.paragraph}.html"

    @property
    def sort_key(self) -> tuple[int, int, str]:
        number = re.match(r"\d+", self.paragraph)
        return (self.law.order, int(number.group()) if number else 0, self.paragraph)


@dataclass(frozen=True)
class Citation:
    """A legal reference read from a contributor's text: law, paragraph and the rest ("Abs. 4")."""

    law: str  # normalised abbreviation, e.g. "SGB VIII"
    paragraph: str  # "8a"
    detail: str = ""  # "Abs. 4 Satz 2"

    @property
    def label(self) -> str:
        """The normalised form: '§ 8a Abs. 4 SGB VIII'."""
        middle = f" {self.detail}" if self.detail else ""
        return f"§ {self.paragraph}{middle} {self.law}"

    @property
    def key(self) -> tuple[str, str]:
        return (self.law, self.paragraph)


def _law_name(text: str) -> str:
    compact = re.sub(r"\s+", "", text)
    if compact.upper().startswith("SGB"):
        book = compact[3:].upper()
        if book.isdigit():
            number = int(book)
            book = ROMAN[number - 1] if 1 <= number <= len(ROMAN) else book
        return f"SGB {book}"
    return ALIASES.get(compact.upper(), compact)


def _detail(text: str) -> str:
    parts = re.findall(r"(Abs(?:atz|\.)?|S(?:atz|\.)|Nr\.?|Nummer)\s*(\d+[a-z]?)", text or "")
    names = {"abs": "Abs.", "absatz": "Abs.", "abs.": "Abs.", "satz": "Satz", "s.": "Satz", "nr": "Nr.",
             "nr.": "Nr.", "nummer": "Nr."}
    return " ".join(f"{names.get(word.lower(), word)} {number}" for word, number in parts)


def _citation(match: re.Match) -> Citation:
    return Citation(_law_name(match.group("law")), match.group("number") + (match.group("letter") or ""),
                    _detail(match.group("detail")))


def parse_citation(text: object) -> Citation | None:
    """A contributor's legal reference as a Citation, or None if it names no paragraph of a law.

    '§8a SGB 8', '§ 8 a SGB VIII', '8a KJHG' and 'SGB VIII § 8a' all give § 8a SGB VIII."""
    if not isinstance(text, str):
        return None
    value = " ".join(text.replace("\u00a0", " ").split()).strip(" .;,")
    match = _FORWARD.match(value) or _BACKWARD.match(value)
    return _citation(match) if match else None


def citations_in_text(text: object) -> list[Citation]:
    """Legal references in running text ("nach § 79a SGB VIII"), in order, each paragraph once."""
    if not isinstance(text, str):
        return []
    found: dict[tuple[str, str], Citation] = {}
    for match in _IN_TEXT.finditer(" ".join(text.split())):
        citation = _citation(match)
        found.setdefault(citation.key, citation)
    return list(found.values())


@cache
def laws() -> dict[str, Law]:
    """Every law of the table, by abbreviation, in the order of the index."""
    data = yaml.safe_load(NORMS_FILE.read_text(encoding="utf-8"))["gesetze"]
    return {short: Law(short, spec["name"], spec["pfad"], order) for order, (short, spec) in enumerate(data.items())}


@cache
def norms() -> dict[tuple[str, str], Norm]:
    """Every known paragraph, by (law, paragraph)."""
    data = yaml.safe_load(NORMS_FILE.read_text(encoding="utf-8"))["gesetze"]
    table = {}
    for short, spec in data.items():
        for paragraph, title in (spec.get("paragrafen") or {}).items():
            table[(short, str(paragraph))] = Norm(laws()[short], str(paragraph), title or None)
    return table


def norm(citation: Citation | None) -> Norm | None:
    """The known paragraph a citation names, or None."""
    return norms().get(citation.key) if citation else None


def norm_of(text: object) -> Norm | None:
    """The known paragraph a contributor's reference names, or None."""
    return norm(parse_citation(text))


def text_url(text: object) -> str | None:
    """The cited paragraph's text on gesetze-im-internet.de (laws of the table, and every book of the SGB), or
    None (no paragraph named; the GG counts articles, not paragraphs)."""
    citation = parse_citation(text)
    if citation is None:
        return None
    law = laws().get(citation.law)
    if law is not None:
        path = law.path
    elif citation.law.startswith("SGB ") and citation.law[4:] in ROMAN:
        path = f"sgb_{ROMAN.index(citation.law[4:]) + 1}"
    else:
        return None
    return None if citation.law == "GG" else f"{GII}/{path}/__{citation.paragraph}.html"


def unknown_reason(text: object) -> str | None:
    """Why a reference names no known paragraph (German, for the validator), or None if it names one."""
    citation = parse_citation(text)
    if citation is None:
        return (f"„{text}“ ist keine erkennbare Rechtsgrundlage: erwartet wird ein Paragraf mit Gesetz, z. B. "
                "„§ 8a SGB VIII“ oder „§ 3 KKG“.")
    if norm(citation) is not None:
        return None
    if citation.law not in laws():
        known = ", ".join(laws())
        return (f"„{text}“: Das Gesetz „{citation.law}“ kennt der Praxisatlas nicht (bekannt: {known}). Prüfen "
                "Sie die Angabe oder ergänzen Sie das Gesetz in praxisatlas/domain/normen.yml.")
    return (f"„{text}“: {citation.law} hat im Praxisatlas keinen § {citation.paragraph}. Prüfen Sie die Angabe "
            "oder ergänzen Sie den Paragrafen mit seiner amtlichen Überschrift in praxisatlas/domain/normen.yml.")
