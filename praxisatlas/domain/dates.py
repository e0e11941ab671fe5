"""Dates as the atlas shows them, and the one source of "today".

`today()` is the only place that reads the clock: `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when set,
so that builds are reproducible, else the current date in Europe/Berlin. Everything else receives the date
as a parameter.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from babel.dates import get_month_names

from praxisatlas.domain.findings import Problem

BERLIN = ZoneInfo("Europe/Berlin")
# The one German month table (from the CLDR data of babel, which MkDocs Material already brings)
MONTHS = [get_month_names("wide", locale="de")[number] for number in range(1, 13)]
# Month names as people write them (lowercase; also Austrian "Jänner" and "Maerz" without umlaut) -> number
MONTH_NUMBERS = {name.casefold(): number for number, name in enumerate(MONTHS, start=1)} | {"jänner": 1, "maerz": 3}


def month_number(name: str) -> int | None:
    """1–12 for a German month name in any case ("März", "maerz", "Jänner"), else None."""
    return MONTH_NUMBERS.get(name.strip().casefold())


class BadEpoch(Problem):
    """SOURCE_DATE_EPOCH is set but not a whole number of seconds."""


def now() -> dt.datetime:
    """The moment of this run in Europe/Berlin: from SOURCE_DATE_EPOCH when set, else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            seconds = int(epoch)
        except ValueError:
            raise BadEpoch(f"SOURCE_DATE_EPOCH muss eine ganze Zahl von Sekunden sein, nicht „{epoch}“.") from None
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).astimezone(BERLIN)
    return dt.datetime.now(tz=BERLIN)


def today() -> dt.date:
    """The date of this run (see `now`)."""
    return now().date()


def german_date(value: object) -> str:
    """'2018-09-26' -> '26.09.2018', '2018-09' -> 'September 2018', 1998 -> '1998'."""
    if value is None:
        return ""
    text = str(value)
    parts = text.split("-")
    if len(parts) == 3:
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    if len(parts) == 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return text


def partial_date_span(value: object) -> tuple[dt.date, dt.date] | None:
    """Earliest and latest day a JJJJ[-MM[-TT]] value (or a bare year as a number) can mean; None if it is
    no real date."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    parts = str(value).split("-")
    try:
        if len(parts) == 3:
            day = dt.date.fromisoformat(str(value))
            return day, day
        year = int(parts[0])
        if len(parts) == 2:
            month = int(parts[1])
            first = dt.date(year, month, 1)
            last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            return first, last
        if len(parts) == 1:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None
    return None


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
