"""Read the Destatis GV-ISys table "Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und
Bevölkerungsdichte" exactly as downloaded (xlsx) into district records, Land totals and the Gebietsstand.

Pure: reads one file, writes nothing. The layout is recognised by its header texts, never by fixed row
or column numbers; every problem becomes a German message in a `TableError`, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from praxisatlas.domain.dates import month_number
from praxisatlas.domain.findings import Finding, Level, Problem
from praxisatlas.domain.regions import AGS_LAND
from praxisatlas.render.format import german_number

TITLE = "Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und Bevölkerungsdichte"
PUBLISHER = "Statistisches Bundesamt (Destatis)"
SYSTEM = "GV-ISys"
LICENCE = "Vervielfältigung und Verbreitung, auch auszugsweise, mit Quellenangabe gestattet."
NUTS3_RE = re.compile(r"^DE[0-9A-G][0-9A-G]?[0-9A-Z]?$")  # as in kommune.schema.json
AREA_TOLERANCE_KM2 = 0.1  # Destatis rounds each district's area to 0.01 km²

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_ROWS = 20_000
HEADER_SEARCH_ROWS = 80
MAX_MESSAGES = 25

# Type column text -> `art` of the Kommune schema. Other texts are mapped by `district_art`'s fallback.
TYPE_TO_ART = {
    "kreisfreie stadt": "Kreisfreie Stadt",
    "stadtkreis": "Kreisfreie Stadt",
    "kreis": "Kreis",
    "landkreis": "Landkreis",
    "regionalverband": "Region",
    "region": "Region",
    "städteregion": "Region",
}
# Names that say what the district is, whatever the type column says ("Region Hannover" is listed as Landkreis).
REGION_NAME_PREFIXES = ("Region ", "Regionalverband ", "Städteregion ")
CITY_STATES = {"02000", "11000"}  # Hamburg, Berlin: one district that is the whole Land

GEBIETSSTAND_RE = re.compile(r"Gebietsstand\s*:?\s*(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})", re.I)
PUBLISHED_RE = re.compile(r"Erscheinungsmonat\s*:?\s*([A-Za-zÄäÖöÜü]+)\s+(\d{4})", re.I)
COPYRIGHT_RE = re.compile(r"Statistisches Bundesamt\s*\(Destatis\)\s*,\s*(\d{4})")


class TableError(Problem):
    """The file is not a readable table in the expected layout; `findings` say why, in German.

    Each problem is a `Finding` (file, row, column), so it prints like every other command's messages
    (`datei.xlsx:102:6: Fehler: …`); problems of the whole file name the file only.
    """

    def __init__(self, problems: Sequence[str | Finding], path: str = "") -> None:
        super().__init__([p if isinstance(p, Finding) else Finding(path, 0, 0, Level.ERROR, p) for p in problems])

    def at(self, path: str) -> TableError:
        """The same problems, with `path` filled in where none was known yet."""
        return TableError([f if f.path else Finding(path, f.line, f.col, f.level, f.message)
                           for f in self.findings], path)


@dataclass(frozen=True)
class Total:
    """A row of sums: the 'Insgesamt' row of a Land, or the 'Deutschland' row."""

    flaeche_km2: float
    einwohner: int
    maennlich: int
    weiblich: int
    row: int  # row number in the sheet, 1-based as Excel shows it


@dataclass(frozen=True)
class District:
    """One Kreis, Landkreis or kreisfreie Stadt (a data row with a 5-digit key)."""

    ags: str
    typ: str  # the type text as in the table, e.g. "Stadtkreis"
    name: str  # as in the table, e.g. "Oldenburg (Oldenburg), Stadt"
    nuts3: str
    flaeche_km2: float
    einwohner: int
    maennlich: int
    weiblich: int
    row: int

    @property
    def land_key(self) -> str:
        return self.ags[:2]

    @property
    def bundesland(self) -> str:
        return AGS_LAND[self.ags[:2]]

    @property
    def art(self) -> str | None:
        """The Kommune schema's `art`, or None if the type text means nothing known."""
        return district_art(self.typ, self.name, self.ags)


@dataclass
class Land:
    """A Land row (2-digit key) and, if the table has one, its 'Insgesamt' row."""

    key: str
    name: str
    row: int
    total: Total | None = None


@dataclass(frozen=True)
class Aggregate:
    """A row with a key that is not a district's: Land, Regierungsbezirk, statistische Region or Region."""

    key: str
    name: str
    row: int
    total: Total | None  # the figures, if the row carries any

    @property
    def level(self) -> str:
        return KEY_LENGTHS.get(len(self.key), "Gebiet")


@dataclass
class Table:
    """Everything read from one file."""

    file_name: str
    sheet: str
    title: str
    gebietsstand: dt.date
    districts: list[District]
    lands: dict[str, Land]
    germany: Total | None = None
    published: str | None = None  # "2019-10" from "Erscheinungsmonat: Oktober 2019"
    copyright_year: str | None = None
    notes: list[str] = field(default_factory=list)
    aggregates: list[Aggregate] = field(default_factory=list)

    @property
    def gebietsstand_text(self) -> str:
        return self.gebietsstand.strftime("%d.%m.%Y")

    @property
    def stand(self) -> str:
        """The reference date of every figure, as an ISO date (e.g. 2018-12-31)."""
        return self.gebietsstand.isoformat()

    @property
    def quelle(self) -> str:
        """The source note written beside every imported figure."""
        return f"{PUBLISHER}, {SYSTEM}, Gebietsstand {self.gebietsstand_text}"

    def districts_of(self, land_key: str) -> list[District]:
        return [d for d in self.districts if d.land_key == land_key]


@dataclass(frozen=True)
class Check:
    """The result of comparing one Land's districts with its 'Insgesamt' row (or one row with itself)."""

    ok: bool
    message: str
    checked: bool = True  # False: nothing to compare (e.g. the Germany row in an excerpt)


def district_art(typ: str, name: str, ags: str = "") -> str | None:
    """Map a type text (and, for Regions and city states, the name or key) to the schema's `art`."""
    if ags in CITY_STATES:
        return "Stadtstaat"
    if name.startswith(REGION_NAME_PREFIXES):
        return "Region"
    text = " ".join(typ.casefold().split())
    if text in TYPE_TO_ART:
        return TYPE_TO_ART[text]
    if "stadt" in text:
        return "Kreisfreie Stadt"
    if "region" in text or "verband" in text:
        return "Region"
    if "landkreis" in text:
        return "Landkreis"
    if "kreis" in text:
        return "Kreis"
    return None


# --------------------------------------------------------------------------------------------------
# Reading the file


def read_table(path: Path | str) -> Table:
    """Read and check one downloaded xlsx file; raise TableError (German messages) if it is unusable."""
    path = Path(path)
    try:
        _check_container(path)
        sheets = _read_workbook(path)
    except TableError as error:
        raise error.at(str(path)) from None
    return parse_sheets(sheets, path.name, str(path))


def _check_container(path: Path) -> None:
    name = path.name
    if not path.exists():
        raise TableError([f"Die Datei „{path}“ gibt es nicht."])
    if not path.is_file():
        raise TableError([f"„{path}“ ist keine Datei."])
    size = path.stat().st_size
    if size == 0:
        raise TableError([f"Die Datei „{name}“ ist leer."])
    if size > MAX_FILE_BYTES:
        raise TableError([f"Die Datei „{name}“ ist mit {size // (1024 * 1024)} MB zu groß für diese Tabelle "
                          f"(höchstens {MAX_FILE_BYTES // (1024 * 1024)} MB)."])
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError([f"„{name}“ ist im alten Excel-Format (.xls) gespeichert oder mit einem Kennwort "
                          "geschützt. Bitte die Tabelle als .xlsx (Excel-Arbeitsmappe) herunterladen."])
    if not magic.startswith(b"PK"):
        raise TableError([f"„{name}“ ist keine Excel-Arbeitsmappe (.xlsx), sondern offenbar eine andere Datei "
                          "(z. B. Text oder CSV mit geänderter Endung). Bitte die Tabelle als .xlsx von Destatis "
                          "herunterladen."])
    damaged = (f"Die Datei „{name}“ ist beschädigt oder unvollständig (kein lesbares ZIP-Archiv, wie es eine "
               ".xlsx-Datei sein muss). Bitte die Tabelle erneut herunterladen.")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise TableError([f"„{name}“ ist ein ZIP-Archiv, aber keine Excel-Arbeitsmappe (.xlsx)."])
            if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise TableError([f"„{name}“ ist entpackt zu groß für diese Tabelle; ist das wirklich die "
                                  "Destatis-Tabelle?"])
            if archive.testzip() is not None:
                raise TableError([damaged])
    except TableError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise TableError([damaged]) from None


def _read_workbook(path: Path) -> list[tuple[str, list[tuple]]]:
    """All sheets as (name, rows of cell values); at most MAX_ROWS + 1 rows per sheet."""
    import openpyxl

    unreadable = (f"Die Datei „{path.name}“ lässt sich nicht als Excel-Arbeitsmappe lesen (beschädigt oder "
                  "kein gültiges .xlsx). Bitte die Tabelle erneut herunterladen.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds of errors on damaged files
            raise TableError([unreadable]) from None
        try:
            sheets = []
            for sheet in workbook.worksheets:
                rows = []
                for row in sheet.iter_rows(values_only=True):
                    rows.append(tuple(row))
                    if len(rows) > MAX_ROWS:
                        break
                sheets.append((sheet.title, rows))
        except Exception:
            raise TableError([unreadable]) from None
        finally:
            workbook.close()
    return sheets


# --------------------------------------------------------------------------------------------------
# Finding the layout


@dataclass(frozen=True)
class _Columns:
    key: int
    typ: int
    name: int
    nuts3: int
    area: int
    total: int
    male: int
    female: int
    last_header_row: int  # index into rows


COLUMN_LABELS = {
    "key": "Schlüsselnummer", "typ": "Regionale Bezeichnung", "name": "Kreisfreie Stadt / Kreis / Landkreis",
    "nuts3": "NUTS3", "area": "Fläche in km²", "total": "Bevölkerung insgesamt",
    "male": "Bevölkerung männlich", "female": "Bevölkerung weiblich",
}


def _norm(value: object) -> str:
    """Header text for matching: lower case, no footnote marks, no spaces or hyphens."""
    if not isinstance(value, str):
        return ""
    text = re.sub(r"\d+\)", "", value.casefold())
    return re.sub(r"[\s\-\u00ad]+", "", text)


def _find(cells: dict[int, str], test: Callable[[str], bool], after: int = -1) -> int | None:
    return next((col for col, text in sorted(cells.items()) if col > after and test(text)), None)


def _header_cells(row: Sequence) -> dict[int, str]:
    return {col: _norm(value) for col, value in enumerate(row) if _norm(value)}


def _find_columns(rows: list[tuple]) -> _Columns | None:
    for index in range(min(len(rows), HEADER_SEARCH_ROWS)):
        cells = _header_cells(rows[index])
        key = _find(cells, lambda t: t.startswith("schlüsselnummer"))
        typ = _find(cells, lambda t: t.startswith("regionalebezeichnung"))
        nuts3 = _find(cells, lambda t: t.startswith("nuts3"))
        area = _find(cells, lambda t: t.startswith("fläche"))
        population = _find(cells, lambda t: t.startswith("bevölkerung"))
        if None in (key, typ, nuts3, area, population):
            continue
        below: dict[str, int] = {}
        last = index
        name = None
        used = {key, typ, nuts3, area}
        for sub in range(index, min(index + 3, len(rows))):
            sub_cells = _header_cells(rows[sub])
            for word, label in (("insgesamt", "total"), ("männlich", "male"), ("weiblich", "female")):
                # "insgesamt" under "Bevölkerung", or one cell "Bevölkerung insgesamt"
                col = _find(sub_cells, lambda t, w=word: t.endswith(w), after=population - 1)
                if col is not None and label not in below:
                    below[label] = col
                    last = sub
            if name is None:
                name = next((c for c, t in sorted(sub_cells.items())
                             if c not in used and c < population and "kreis" in t), None)
        if len(below) < 3:
            continue
        if name is None:  # no header text above the names: the column between type and NUTS3
            name = typ + 1 if typ + 1 not in used and typ + 1 < population else None
        if name is None:
            continue
        return _Columns(key, typ, name, nuts3, area, below["total"], below["male"], below["female"], last)
    return None


# --------------------------------------------------------------------------------------------------
# Reading the rows


def _cell(row: Sequence, col: int) -> object:
    return row[col] if col < len(row) else None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _column_letter(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _is_column_numbers(row: Sequence) -> bool:
    """The row under the header that numbers the columns 1, 2, 3, …"""
    values = [v for v in row if v is not None and _text(v)]
    if len(values) < 3:
        return False
    numbers = []
    for value in values:
        text = _text(value)
        if not text.isdigit():
            return False
        numbers.append(int(text))
    return numbers == list(range(1, len(numbers) + 1))


_GROUPED_INT_RE = re.compile(r"^\d{1,3}([ .\u00a0\u202f]\d{3})*$|^\d+$")
_DECIMAL_RE = re.compile(r"^\d{1,3}([ .\u00a0\u202f]\d{3})*(,\d+)?$|^\d+([.,]\d+)?$")


def _count(value: object) -> int | None:
    """A whole, non-negative number of people, or None if the cell holds none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    if isinstance(value, str) and _GROUPED_INT_RE.match(_unmarked(value)):
        return int(re.sub(r"\D", "", _unmarked(value)))
    return None


def _area(value: object) -> float | None:
    """A positive area in km², rounded to the table's 0.01 km², or None."""
    if isinstance(value, bool):
        return None
    number: float | None = None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str) and _DECIMAL_RE.match(_unmarked(value)):
        text = _unmarked(value)
        if "," in text or re.search(r"[ \u00a0\u202f]", text) or re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            text = re.sub(r"[ .\u00a0\u202f]", "", text).replace(",", ".")
        number = float(text)
    if number is None or number != number or number <= 0 or number == float("inf"):
        return None
    return round(number, 2)


def _shown(value: object) -> str:
    return "leer" if value is None or _text(value) == "" else f"„{_text(value)}“"


# Footnote marks as Destatis sets them after a name, key or number: "Rheinland-Pfalz 1)", "Göttingen²", "05334*"
_MARK_RE = re.compile(r"\s*(?:\d\)|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+|\*+)$")
# Länder whose keys start with 1: a key cell stored as a number cannot have lost a leading zero there
_NUMERIC_SAFE_LANDS = frozenset(k for k in AGS_LAND if k.startswith("1"))
KEY_LENGTHS = {2: "Land", 3: "Regierungsbezirk oder statistische Region", 4: "Region", 5: "Kreis"}


def _unmarked(text: str) -> str:
    """`text` without a trailing footnote mark."""
    return _MARK_RE.sub("", text).strip()


def _key(raw: object) -> tuple[str, str | None]:
    """The key cell as digits ('' if there is none) and, if the cell is damaged, why (in German)."""
    if raw is None or isinstance(raw, bool):
        return "", None
    if isinstance(raw, int | float):
        if (isinstance(raw, float) and not raw.is_integer()) or raw < 0:
            return "", f"Die Schlüsselnummer ist die Zahl {_text(raw)}; erwartet wird eine Ziffernfolge wie „05766“."
        digits = str(int(raw))
        if len(digits) in (2, 3, 5) and digits[:2] in _NUMERIC_SAFE_LANDS:
            return digits, None  # Länder 10–16: nothing can have been lost
        return digits, (
            f"Die Schlüsselnummer steht als Zahl {digits} in der Tabelle; dabei ist die führende Null verloren "
            f"gegangen (gemeint ist wohl „0{digits}“). Die Datei wurde offenbar in einem Tabellenprogramm "
            "verändert; bitte die unveränderte Datei von Destatis verwenden.")
    text = _unmarked(_text(raw).replace("\u00a0", " ").strip())
    return text, None


class _Rows:
    """Classifies the data rows by structure and collects what they say, and every problem with them.

    A 5-digit key is a district; any other key (Land, Regierungsbezirk, statistische Region, Region) is an
    aggregate, checked against its districts if it carries figures; a row without key is an 'Insgesamt'
    row (a Land, or Germany), a row of text (title, footnote, source) or – if it holds figures – damaged.
    """

    def __init__(self, cols: _Columns, path: str, sheet: str) -> None:
        self.cols = cols
        self.path = path
        self.sheet = sheet
        self.errors: list[Finding] = []
        self.notes: list[str] = []
        self.districts: list[District] = []
        self.lands: dict[str, Land] = {}
        self.aggregates: list[Aggregate] = []
        self.germany: Total | None = None
        self.current_land: str | None = None
        self.seen: dict[str, int] = {}

    def error(self, row: int, col: int, message: str, label: str = "") -> None:
        where = f"Tabellenblatt „{self.sheet}“, Zeile {row}, Spalte {_column_letter(col)}"
        where += f" ({label})" if label else ""
        self.errors.append(Finding(self.path, row, col + 1, Level.ERROR, f"{where}: {message}"))

    def numbers(self, row: Sequence, number: int, what: str, quiet: bool = False
                ) -> tuple[float, int, int, int] | None:
        """Area, total, male, female of a row; None (with an error unless `quiet`) if any is missing."""
        cols = self.cols
        area = _area(_cell(row, cols.area))
        counts = [_count(_cell(row, c)) for c in (cols.total, cols.male, cols.female)]
        if area is not None and None not in counts:
            return area, counts[0], counts[1], counts[2]  # type: ignore[return-value]
        if quiet:
            return None
        if area is None:
            self.error(number, cols.area, f"{what}: Der Wert ist {_shown(_cell(row, cols.area))}, erwartet wird "
                                          "eine Fläche größer als 0.", COLUMN_LABELS["area"])
        for label, col, value in zip(("total", "male", "female"), (cols.total, cols.male, cols.female), counts,
                                     strict=True):
            if value is None:
                self.error(number, col, f"{what}: Der Wert ist {_shown(_cell(row, col))}, erwartet wird eine "
                                        "ganze Zahl.", COLUMN_LABELS[label])
        return None

    def has_numbers(self, row: Sequence) -> bool:
        return any(_area(_cell(row, c)) is not None for c in
                   (self.cols.area, self.cols.total, self.cols.male, self.cols.female))

    def row(self, row: Sequence, number: int) -> None:
        cols = self.cols
        if not any(_text(v) for v in row) or _is_column_numbers(row):
            return
        key, damage = _key(_cell(row, cols.key))
        if damage:
            self.error(number, cols.key, damage, COLUMN_LABELS["key"])
            return
        if key.isdigit():
            if len(key) == 5:
                self.district(row, number, key)
            else:
                self.aggregate(row, number, key)
            return
        texts = {_norm(v) for v in row}
        if "insgesamt" in texts:
            self.total(row, number, germany="deutschland" in texts)
            return
        if self.has_numbers(row):
            shown = f"„{key}“ ist keine Schlüsselnummer" if key else "Die Schlüsselnummer fehlt"
            self.error(number, cols.key, f"{shown}, aber die Zeile enthält Zahlen und ist keine Zeile „Insgesamt“.",
                       COLUMN_LABELS["key"])
        # anything else is a title, footnote, source or licence line

    def land(self, key: str, number: int, name: str = "") -> Land:
        """The Land with this key, created on first sight (by its own row or by its first district)."""
        if key not in self.lands:
            self.lands[key] = Land(key, name or AGS_LAND[key], number)
        return self.lands[key]

    def aggregate(self, row: Sequence, number: int, key: str) -> None:
        cols = self.cols
        name = _unmarked(_text(_cell(row, cols.typ)) or _text(_cell(row, cols.name)))
        land_key = key[:2].rjust(2, "0")
        if land_key not in AGS_LAND:
            self.notes.append(f"Zeile {number}: Die Schlüsselnummer „{key}“ ({name or 'ohne Namen'}) gehört zu "
                              "keinem Land; die Zeile wird übergangen.")
            return
        if len(key) == 2:
            if key in self.lands and self.lands[key].row != number and any(
                    d.land_key == key for d in self.districts):
                self.notes.append(f"Zeile {number}: Das Land {key} steht zweimal in der Tabelle (zuerst in Zeile "
                                  f"{self.lands[key].row}).")
            self.land(key, number, name if name and not name[0].isdigit() else "")
        self.current_land = land_key
        figures = self.numbers(row, number, f"{key} {name}".strip(), quiet=True)
        total = Total(*figures, row=number) if figures else None
        self.aggregates.append(Aggregate(key, name, number, total))

    def district(self, row: Sequence, number: int, key: str) -> None:
        cols = self.cols
        typ, name, nuts3 = (_unmarked(_text(_cell(row, c))) for c in (cols.typ, cols.name, cols.nuts3))
        what = f"{key} {name}".strip()
        problems = len(self.errors)
        if key[:2] not in AGS_LAND:
            self.error(number, cols.key, f"Die Schlüsselnummer „{key}“ beginnt nicht mit einem Länderschlüssel "
                                         "(01 bis 16).", COLUMN_LABELS["key"])
        if key in self.seen:
            self.error(number, cols.key, f"Die Schlüsselnummer „{key}“ steht zweimal in der Tabelle (zuerst in "
                                         f"Zeile {self.seen[key]}).", COLUMN_LABELS["key"])
        if not typ:
            self.error(number, cols.typ, f"{what}: Die Art (Kreisfreie Stadt, Kreis, Landkreis …) fehlt.",
                       COLUMN_LABELS["typ"])
        if not name:
            self.error(number, cols.name, f"{key}: Der Name fehlt.", COLUMN_LABELS["name"])
        if not NUTS3_RE.match(nuts3):
            self.error(number, cols.nuts3, f"{what}: Der Wert ist {_shown(nuts3 or None)}, erwartet wird ein "
                                           "NUTS-3-Code wie „DEA45“.", COLUMN_LABELS["nuts3"])
        figures = self.numbers(row, number, what)
        if figures is None or len(self.errors) > problems:
            return
        self.land(key[:2], number)
        self.current_land = key[:2]
        self.seen[key] = number
        self.districts.append(District(key, typ, name, nuts3, *figures, row=number))

    def total(self, row: Sequence, number: int, germany: bool) -> None:
        what = "Deutschland insgesamt" if germany else "Zeile „Insgesamt“"
        figures = self.numbers(row, number, what)
        if figures is None:
            return
        total = Total(*figures, row=number)
        if germany:
            if self.germany is not None:
                self.error(number, self.cols.total, f"Die Zeile „Deutschland Insgesamt“ steht zweimal (zuerst in "
                                                    f"Zeile {self.germany.row}).")
            self.germany = total
            return
        land = self.lands.get(self.current_land or "")
        if land is None:
            self.error(number, self.cols.total, "Zeile „Insgesamt“ ohne Land oder Kreis darüber.")
        elif land.total is not None:
            self.error(number, self.cols.total, f"Zweite Zeile „Insgesamt“ für {land.name} (die erste steht in "
                                                f"Zeile {land.total.row}).")
        else:
            land.total = total


def _find_text(rows: list[tuple], pattern: re.Pattern) -> re.Match | None:
    for row in rows:
        for value in row:
            if isinstance(value, str):
                match = pattern.search(value)
                if match:
                    return match
    return None


def parse_sheets(sheets: list[tuple[str, list[tuple]]], file_name: str = "", path: str = "") -> Table:
    """Find the data sheet among `sheets` (name, rows) and read it; raise TableError on any problem."""
    path = path or file_name or "Tabelle"
    shown = f"„{file_name}“" if file_name else "Die Datei"
    found = next(((name, rows, cols) for name, rows in sheets if (cols := _find_columns(rows))), None)
    if found is None:
        raise TableError([
            f"{shown} hat nicht den Aufbau der Destatis-Tabelle „{TITLE}“: Es fehlt die Kopfzeile mit den "
            "Spalten Schlüssel-nummer, Regionale Bezeichnung, NUTS3, Fläche und Bevölkerung (insgesamt, "
            "männlich, weiblich). Erwartet wird die Datei genau so, wie sie aus dem Gemeindeverzeichnis "
            "(GV-ISys) heruntergeladen wird."
        ], path)
    sheet, rows, cols = found
    if len(rows) > MAX_ROWS:
        raise TableError([f"Das Tabellenblatt „{sheet}“ hat mehr als {MAX_ROWS} Zeilen; die Destatis-Tabelle "
                          "hat etwa 500. Ist das die richtige Datei?"], path)
    reader = _Rows(cols, path, sheet)
    for index in range(cols.last_header_row + 1, len(rows)):
        reader.row(rows[index], index + 1)
    errors: list[str | Finding] = list(reader.errors)
    if not reader.districts and not errors:
        errors.append(f"Im Tabellenblatt „{sheet}“ steht unter der Kopfzeile kein einziger Kreis (Zeile mit "
                      "fünfstelliger Schlüsselnummer).")

    head, other = rows[: cols.last_header_row + 1], [r for name, rs in sheets if name != sheet for r in rs]
    match = _find_text(head, GEBIETSSTAND_RE) or _find_text(rows, GEBIETSSTAND_RE) or _find_text(
        other, GEBIETSSTAND_RE)
    gebietsstand = None
    if match is None:
        errors.append(f"Im Tabellenblatt „{sheet}“ fehlt die Angabe „Gebietsstand: TT.MM.JJJJ“.")
    else:
        try:
            gebietsstand = dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            errors.append(f"„{match.group(0)}“ ist kein gültiges Datum.")
    if errors:
        if len(errors) > MAX_MESSAGES:
            errors = [*errors[:MAX_MESSAGES], f"… und {len(errors) - MAX_MESSAGES} weitere Probleme."]
        raise TableError([Finding("", 0, 0, Level.ERROR, f"{shown} (Tabellenblatt „{sheet}“) lässt sich nicht "
                                                          "übernehmen:"), *errors], path)

    title = next((_text(v) for row in head for v in row if isinstance(v, str) and "Kreisfreie Städte" in v), TITLE)
    published_match = _find_text(rows, PUBLISHED_RE) or _find_text(other, PUBLISHED_RE)
    published = None
    if published_match and month_number(published_match.group(1)):
        published = f"{published_match.group(2)}-{month_number(published_match.group(1)):02d}"
    copyright_match = _find_text(rows, COPYRIGHT_RE) or _find_text(other, COPYRIGHT_RE)
    return Table(
        file_name=file_name,
        sheet=sheet,
        title=title,
        gebietsstand=gebietsstand,  # type: ignore[arg-type]
        districts=reader.districts,
        lands=dict(sorted(reader.lands.items())),
        germany=reader.germany,
        published=published,
        copyright_year=copyright_match.group(1) if copyright_match else None,
        notes=reader.notes,
        aggregates=reader.aggregates,
    )

# --------------------------------------------------------------------------------------------------
# Consistency checks


def _diff_message(where: str, label: str, counted: int | float, stated: int | float, row: int, area: bool,
                  row_label: str = "„Insgesamt“ ") -> str:
    decimals = 2 if area else 0
    diff = counted - stated
    sign = "+" if diff > 0 else "−"
    return (f"{where}: Die Summe „{label}“ der Kreise ist {german_number(counted, decimals)}, die Zeile "
            f"{row_label}(Zeile {row}) nennt {german_number(stated, decimals)} "
            f"(Abweichung {sign}{german_number(abs(diff), decimals)}).")


def _compare(where: str, districts: list[District], total: Total, row_label: str = "„Insgesamt“ ") -> list[str]:
    problems = []
    for label, attr in (("Einwohner insgesamt", "einwohner"), ("männlich", "maennlich"), ("weiblich", "weiblich")):
        counted = sum(getattr(d, attr) for d in districts)
        if counted != getattr(total, attr):
            problems.append(_diff_message(where, label, counted, getattr(total, attr), total.row, area=False,
                                          row_label=row_label))
    area = round(sum(d.flaeche_km2 for d in districts), 2)
    if abs(area - total.flaeche_km2) > AREA_TOLERANCE_KM2 + 1e-9:
        problems.append(_diff_message(where, "Fläche in km²", area, round(total.flaeche_km2, 2), total.row, area=True,
                                      row_label=row_label))
    return problems


def check_totals(table: Table) -> list[Check]:
    """Compare each Land's districts with its 'Insgesamt' row (and each row's male + female with its total)."""
    checks: list[Check] = []
    for district in table.districts:
        if district.maennlich + district.weiblich != district.einwohner:
            checks.append(Check(False, f"Zeile {district.row} ({district.ags} {district.name}): männlich + weiblich "
                                       f"= {german_number(district.maennlich + district.weiblich)}, aber insgesamt "
                                       f"{german_number(district.einwohner)}."))
    for key, land in sorted(table.lands.items()):
        districts = table.districts_of(key)
        count = "1 Kreis oder kreisfreie Stadt" if len(districts) == 1 else (
            f"{len(districts)} Kreise und kreisfreie Städte")
        where = f"{land.name} ({count})"
        if land.total is None:
            checks.append(Check(False, f"{where}: Die Tabelle hat für dieses Land keine Zeile „Insgesamt“; "
                                       "Summen nicht geprüft."))
            continue
        problems = _compare(where, districts, land.total)
        checks.extend(Check(False, p) for p in problems)
        if not problems:
            checks.append(Check(True, f"{where}: Einwohner (insgesamt, männlich, weiblich) und Fläche stimmen mit "
                                      "der Zeile „Insgesamt“ überein."))
    for aggregate in table.aggregates:
        if aggregate.total is None:
            continue
        districts = [d for d in table.districts if d.ags.startswith(aggregate.key)]
        where = f"{aggregate.key} {aggregate.name} (Zeile {aggregate.row}, {len(districts)} Kreise)"
        problems = _compare(where, districts, aggregate.total, "des Gebiets ") if districts else [
            f"{where}: Die Zeile nennt Zahlen, aber unter dieser Schlüsselnummer steht kein Kreis."]
        checks.extend(Check(False, p) for p in problems)
    if table.germany is not None:
        if len(table.lands) == len(AGS_LAND):
            problems = _compare("Deutschland", table.districts, table.germany)
            checks.extend(Check(False, p) for p in problems)
            if not problems:
                checks.append(Check(True, "Deutschland: Die Summen aller Kreise stimmen mit der Zeile "
                                          "„Deutschland Insgesamt“ überein."))
        else:
            checks.append(Check(True, f"Deutschland: nicht geprüft – die Datei enthält {len(table.lands)} von "
                                      f"{len(AGS_LAND)} Ländern (Auszug).", checked=False))
    return checks
