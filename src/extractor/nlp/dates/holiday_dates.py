"""Holidays named in text ("Christmas", "Eid al-Fitr", "Nowruz"), dated by the `holidays`
package. ``vocab/dates/holidays.txt`` only says which country calendar knows a holiday and
under which name; the dates, including computed (Easter, Thanksgiving) and lunar ones
(Eid), come from the package.
"""

from __future__ import annotations

import datetime
import re
from functools import cache, lru_cache

from extractor.errors import ExtractorError
from extractor.nlp.dates import vocab


@cache
def _table() -> dict[str, tuple[str, str, int]]:
    """Phrase -> (country code, holiday name in the package, days after it)."""
    out: dict[str, tuple[str, str, int]] = {}
    for line in vocab.lines("holidays"):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 4 or not parts[3].lstrip("-").isdigit():
            raise ExtractorError(f"vocab/dates/holidays.txt: bad line {line!r}")
        out[parts[0].lower()] = (parts[1], parts[2], int(parts[3]))
    return out


@cache
def _pattern() -> re.Pattern[str]:
    return re.compile(rf"^(?P<name>{vocab.alternation(_table())})(?: (?P<year>\d{{4}}))?$")


def match_holiday(s: str) -> tuple[str, int | None] | None:
    """The holiday phrase (and year) a normalized expression names, or None."""
    m = _pattern().match(s.replace("-", " "))
    if not m:
        return None
    return m["name"], int(m["year"]) if m["year"] else None


@lru_cache(maxsize=1024)
def holiday_date(name: str, year: int) -> datetime.date | None:
    """The (first) day of a holiday phrase from :func:`match_holiday` in a year, or None."""
    import holidays  # imported on first use: the package loads its calendars lazily anyway

    country, official, shift = _table()[name]
    try:
        calendar = holidays.country_holidays(country, years=year, language="en_US")
    except (NotImplementedError, KeyError):
        return None
    days = [d for d in calendar.get_named(official) if d.year == year]
    return min(days) + datetime.timedelta(days=shift) if days else None
