"""Finding an article's publication date in its text (a "Published" line or a dateline)."""

from __future__ import annotations

import datetime
import re

from extractor.nlp.dates.read import calendar_reading, normalize

# find_published_date: what a full written date looks like in a header.
_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY_RE = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"
_DAY_RE = r"\d{1,2}(?:st|nd|rd|th)?"
_FULL_DATE_RE = (
    rf"(?i:(?:{_WEEKDAY_RE},?\s+)?(?:{_DAY_RE}(?:\s+of)?\s+{_MONTH_RE},?\s+\d{{4}}"
    rf"|{_MONTH_RE}\s+{_DAY_RE},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}))"
)
_PUBLISHED_LINE = re.compile(
    rf"(?im)(?:^|\|)[\s*•\-–—]*(?:published|posted|date published|publication date|"
    rf"date of publication)(?:\s+(?:on|at|date))?\s*[:\-–—]?\s*(?:on\s+)?"
    rf"(?P<date>{_FULL_DATE_RE})"
)
# A dateline: optional place ("ISLAMABAD", "Tashkent, Uzbekistan") then the date, then a
# separator or the end of the line, at the start of a line near the top.
_PLACE_WORD = r"[A-Z][\w.'’\-]*"
_PLACE_RE = (
    rf"{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}}"  # ISLAMABAD, New York
    rf"(?:\s*,\s*{_PLACE_WORD}(?: {_PLACE_WORD}){{0,2}})?"  # , Uzbekistan
)
_DATELINE = re.compile(
    rf"^\s*(?!(?i:last\s+)?(?i:updated|modified|edited)\b)"
    rf"(?:(?P<place>{_PLACE_RE})\s*[,:]\s*)?\(?(?P<date>{_FULL_DATE_RE})\)?"
    rf"\s*(?:[-–—:|(/]|$)"
)
_DATELINE_WINDOW = 600
_DATELINE_MAX_LINE = 300  # a dateline is short; never split a whole long text into lines


def _full_date(text: str) -> datetime.date | None:
    reading = calendar_reading(normalize(text))
    if reading is None or reading.kind != "absolute" or reading.day is None or reading.vague:
        return None
    if reading.swappable:  # "11/07/2025": no order to go on
        return None
    return datetime.date(reading.year, reading.month, reading.day)  # type: ignore[arg-type]


def find_published_date(text: str) -> datetime.date | None:
    """Find the publication date written in an article.

    A "Published on 18th July 2025" / "Published: July 18, 2025" line anywhere wins;
    otherwise a dated dateline ("ISLAMABAD, July 18, 2025 –", "18 July 2025 (APP):", a date
    alone on its line) starting a line within the first ~600 characters. Dates inside
    sentences do not count, nor do dates without a year.

    Args:
        text: the article text.

    Returns:
        The date, or None when no full date is found.
    """
    for m in _PUBLISHED_LINE.finditer(text):
        found = _full_date(m["date"])
        if found:
            return found
    offset = 0
    for line in text[: _DATELINE_WINDOW + _DATELINE_MAX_LINE].splitlines(keepends=True):
        if offset >= _DATELINE_WINDOW:
            break
        dateline = _DATELINE.match(line.rstrip("\r\n"))
        if dateline:
            found = _full_date(dateline["date"])
            if found:
                return found
        offset += len(line)
    return None
