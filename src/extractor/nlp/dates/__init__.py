"""Stage 4, dates: temporal expressions become :class:`~extractor.models.EventDate` values.

A span of text ("Tuesday", "20 to 22 July", "later this year") is read into a
publication-independent :class:`_Reading` (what was written: which calendar fields, which
weekday, which offset, how vague), then placed against the publication date and the event
status (EVENTS.md 3.2 and 3.6):

- a value carries exactly the precision written (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``);
  nothing is filled in from the publication date;
- a date without a year (and a weekday, and "the 27th") takes the occurrence on or before
  the publication date for ``occurred``, on or after it for ``planned``/``proposed``;
- a range takes its first day; vague modifiers ("early", "mid-", "the end of") are
  stripped and flagged; unresolvable expressions give ``value: null, vague: true``.

Why mostly regex rather than dateparser (see NOTES.md, "Dates"): dateparser 1.5 fills the
missing day/month from its base date, reads "November 9-11" as 2011-11-09, "two" as a
month and "two years" as a year, places a bare weekday a week early under
``PREFER_DATES_FROM='past'``, and returns None for ranges and vague modifiers. The common
shapes are therefore read here; dateparser (one ``DateDataParser`` per document,
``languages=['en']``, never ``search_dates``) only reads the leftovers, and only its
written ``parts`` are kept.

Decisions where the contract is silent (kept in one place so they are easy to revisit):

- "this/last/next week", "a week ago", "the weekend" → ``value: null``, vague (a week is not
  one of the contract's precisions).
- "the week of 14 June" → that day, vague; "the 1st week of December" → the month, not
  vague (annotation convention).
- "early/late/mid/end/beginning of X", "later/earlier this year", "around X", seasons,
  quarters and halves → X at its own precision, vague. "early"/"late"/"later"/"earlier"
  on a single day ("late Monday", "later today") is a time of day: not vague.
- "before/after/by/until X" → X, vague; "since/from X" → X, not vague; the same words in
  front of something that is not a date ("after his re-election") → unresolvable.
- "next Tuesday" → strictly after the publication date; "coming/upcoming Tuesday" → on or
  after it; "last/past Tuesday" → strictly before; a bare weekday → by status (on or
  before for ``occurred``, on or after for ``planned``/``proposed``). The same words steer
  a yearless month ("last March").
- "last/this/next month|year", "N days/months/years ago" → resolved at that precision;
  "past/previous year" → unresolvable (usually a duration or relative to another event).
- Numeric dates: ISO ``YYYY-MM-DD`` always; ``a/b/YYYY`` only when unambiguous (one part
  above 12, or both equal), otherwise the year alone, vague.
- A temporal expression with unexpected words that still names a year or month ("the 2022
  floods") → what can be read, vague.
- Without a publication date only dates carrying their own year resolve; the others get
  ``value: null`` and keep their own vagueness (a plain "Tuesday" is not vague).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

from dateparser.date import DateDataParser

from extractor.models import EventDate

__all__ = ["DateResolver", "find_published_date", "is_resolvable_temporal", "resolve_date"]

ReadingKind = Literal[
    "absolute",  # year written: year, year-month or full date
    "yearless",  # month (and maybe day) without a year
    "day_of_month",  # "the 27th"
    "weekday",  # "on Tuesday"
    "offset_day",  # "yesterday", "two days ago"
    "offset_month",  # "last month"
    "offset_year",  # "this year"
    "vague",  # a real temporal expression that cannot be placed ("recently")
    "none",  # not understood as a temporal expression at all
]
# past: on or before the publication date; past_strict: before it; future(_strict) alike.
Direction = Literal["past", "past_strict", "future", "future_strict"]

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
# Abbreviations are only trusted inside a calendar date ("Fri, 4 July"): alone, "sat",
# "sun" and "wed" are ordinary words.
_WEEKDAY_ABBREVIATIONS = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_TIME_OF_DAY = {"morning", "afternoon", "evening", "night", "noon", "midday", "midnight"}
_DIRECTION_WORDS: dict[str, Direction] = {
    "last": "past_strict", "past": "past_strict", "next": "future_strict",
    "coming": "future", "upcoming": "future",
}  # fmt: skip
# Words that may sit inside a calendar date without changing what it says.
_CALENDAR_FILLERS = (
    {"of", "the", "on", "in", "at", "from", "between", "year", "month", "day", "date"}
    | {"dated", "this", "ad", "ce", "local", "time", "pst", "pkt", "gmt", "utc", "ist"}
    | {"hrs", "respectively", "o", "clock"}
    | _TIME_OF_DAY
    | set(_DIRECTION_WORDS)
)
_RANGE_SEPARATORS = {"-", "to", "till", "til", "until", "through", "thru", "and", "&", "or"}
# Words that make a weekday relative to something other than the publication date.
_WEEKDAY_BLOCKERS = {
    "following", "after", "before", "same", "previous", "prior", "preceding",
}  # fmt: skip

_SEASONS = r"(?:spring|summer|autumn|fall|winter|monsoon)"
_ORDINAL_WORD = r"(?:first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|final|penultimate)"

# Leading words that do not change the date ("on 13 March", "in the month of October").
_LEAD_PLAIN = re.compile(
    r"^(?:on|in|at|during|from|between|of|the|dated|as of|as from|"
    r"starting(?: from| on)?|beginning (?:on|from)|commencing(?: on| from)?|"
    r"effective(?: from)?|(?:the )?month of|(?:the )?year)\s+"
)
# "since X": the date itself, but "since his appointment" is a vague reference.
_LEAD_SINCE = re.compile(r"^(?:ever )?since\s+")
# Modifiers that keep the date's precision but make it vague. "early"/"late" and
# "earlier"/"later" are only a time of day on a single day ("late Monday").
_LEAD_DAYPART = re.compile(
    r"^(?:(?:the )?(?:very )?(?:early|late)(?:\s+in|\s+on)?\b|earlier|later)[\s-]*"
)
_LEAD_VAGUE = re.compile(
    r"^(?:(?:the )?(?:very )?(?:mid|middle|end|beginning|start|close|turn|latter part|"
    r"early part|first half|second half|latter half|last half|"
    r"(?:first|second|third|fourth|1st|2nd|3rd|4th|last|final) quarter)(?:\s+of\b|-|\b)|"
    r"(?:around|about|approximately|circa|roughly|sometime|some time|towards?|toward)\b|"
    r"(?:q[1-4]|h[12])\b)[\s-]*"
)
# Relational words: the event is near, not at, the date ("before March", "by 2030").
_LEAD_RELATIONAL = re.compile(
    r"^(?:(?:soon|shortly|immediately|right|just|days|weeks|months|a day|a week|a month|"
    r"a few days|a few weeks|some days|some weeks)\s+)?"
    r"(?:after|following|before|prior to|ahead of|upon|on the eve of|by|until|till|up to|"
    r"up until|no later than|not later than)\b\s*"
)
_LEAD_WEEK_OF = re.compile(rf"^(?:the )?(?:{_ORDINAL_WORD}\s+)?week(?:end)?s?\s+of\s+")
_LEAD_SEASON = re.compile(rf"^(?:the )?{_SEASONS}(?:\s+of)?\s+(?=\S)")

_VAGUE_LEXICON = re.compile(
    r"^(?:recent(?:ly)?|lately|of late|soon|shortly|earlier|later|previously|formerly|"
    r"meanwhile|(?:in the )?meantime|currently|presently|now|nowadays|these days|"
    r"(?:in )?due course|(?:at )?an early date|(?:at )?the earliest|"
    r"(?:the )?(?:near|not[- ]too[- ]distant|foreseeable|immediate) future|"
    r"(?:the )?(?:coming|next|following|upcoming) (?:few |couple of )?(?:days|weeks|months|years)|"
    r"(?:the )?(?:past|last|recent) (?:few|couple of) (?:days|weeks|months)|"
    r"recent (?:days|weeks|months|years|times|past)|"
    r"(?:a )?(?:few|couple of|several|some) (?:days|weeks|months|years) (?:ago|back|earlier|later)|"
    r"(?:\w+ )?(?:days?|weeks?|months?|years?) (?:later|earlier|after|before)|"
    r"(?:the )?same (?:day|week|month|year|time|evening|morning)|that (?:day|week|time)|"
    r"(?:the )?(?:following|previous|preceding) (?:day|week|month|year|morning|evening)|"
    r"(?:the )?next (?:day|morning|evening)|"
    r"(?:the )?day (?:before|after)|"
    r"(?:(?:this|last|next|coming|current|past|previous) )?week(?:end)?|"
    r"(?:\w+ )?weeks? ago|"
    r"(?:past|previous) (?:month|year)|"
    r"(?:early |mid |late )?\d{3}0'?s|"
    r"(?:(?:last|next|the) )?(?:spring|summer|autumn|fall|winter|monsoon|season)"
    r")$"
)
_RELATIVE_DAY = re.compile(
    r"^(?:(?P<today>today|tonight|this (?:morning|afternoon|evening))|"
    r"(?P<yesterday>yesterday|last night)|(?P<tomorrow>tomorrow)|"
    r"(?P<before_yesterday>day before yesterday)|(?P<after_tomorrow>day after tomorrow))"
    r"(?: (?:morning|afternoon|evening|night|noon))?$"
)
_AGO = re.compile(
    r"^(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r" (?P<unit>day|month|year)s? ago$"
)
_RELATIVE_PERIOD = re.compile(
    r"^(?P<which>this|current|present|last|next|coming) (?P<unit>month|year)$"
)
_THIS_SEASON = re.compile(rf"^this {_SEASONS}$")
_DAY_OF_NAMED_MONTH = re.compile(
    r"^(?P<day>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?:the )?"
    r"(?P<which>this|current|present|last|previous|next|coming) month$"
)

# Clock times and "o'clock" are dropped before reading: "1400 hrs" must not be a year.
_CLOCK = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?)|\b\d{1,2}:\d{2}\b|\b\d{3,4}\s*hrs\b"
)
_TOKEN = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
    r"|\d+(?:st|nd|rd|th)?|[a-z]+|[-&]"
)
_ORDINAL_TOKEN = re.compile(r"^\d{1,2}(?:st|nd|rd|th)$")

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

# dateparser only needs some base; the values it fills from it are never used.
_SENTINEL_BASE = datetime.datetime(2000, 1, 1)


@dataclass(frozen=True)
class _Reading:
    """What a temporal expression says, before it is placed against a publication date."""

    kind: ReadingKind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int = 0
    direction: Direction | None = None
    vague: bool = False
    # day_of_month only: the month is the publication month shifted by `offset`
    # ("the 30th of this month"), not chosen by status.
    fixed_month: bool = False

    @property
    def day_level(self) -> bool:
        return self.day is not None or self.kind in ("weekday", "offset_day", "day_of_month")


_NONE = _Reading("none")
_VAGUE = _Reading("vague", vague=True)


@dataclass
class _Fields:
    """Calendar fields gathered from one side of a range."""

    day: int | None = None
    day_ordinal: bool = False
    month: int | None = None
    year: int | None = None
    ambiguous_numeric: bool = False
    unknown: bool = False
    bad_number: bool = False
    direction: Direction | None = None

    @property
    def anchored(self) -> bool:
        return self.month is not None or self.year is not None


def _normalize(text: str) -> str:
    """Lowercase, unify dashes and quotes, drop clock times, possessives and edge punctuation."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s).replace("\u2019", "'")
    s = _CLOCK.sub(" ", s)
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"\s+", " ", s)
    return s.strip(" .,;:!?\"'()[]")


def _is_year(n: int) -> bool:
    return 1800 <= n <= 2199


def _numeric_date(token: str, fields: _Fields) -> None:
    """Fill ``fields`` from an all-digit date (ISO, or day/month order when unambiguous)."""
    parts = [int(p) for p in re.split(r"[/.-]", token)]
    if len(token.split("-")[0]) == 4 or len(token.split("/")[0]) == 4:
        fields.year, fields.month, fields.day = parts
        return
    a, b, year = parts
    fields.year = year
    if a > 12 >= b:
        fields.day, fields.month = a, b
    elif b > 12 >= a:
        fields.month, fields.day = a, b
    elif a == b:
        fields.month = fields.day = a
    else:
        fields.ambiguous_numeric = True


def _gather(tokens: list[str]) -> _Fields:
    """Read the calendar fields of one side of a range, noting anything unexpected."""
    fields = _Fields()
    for tok in tokens:
        if tok in _MONTHS:
            if fields.month is None:
                fields.month = _MONTHS[tok]
            else:
                fields.unknown = True
        elif tok[0].isdigit():
            if not tok.isdigit() and not _ORDINAL_TOKEN.match(tok):
                _numeric_date(tok, fields)
                continue
            n = int(re.match(r"\d+", tok).group())
            if tok.isdigit() and len(tok) == 4 and _is_year(n) and fields.year is None:
                fields.year = n
            elif 1 <= n <= 31 and len(tok.rstrip("stndrh")) <= 2 and fields.day is None:
                fields.day = n
                fields.day_ordinal = not tok.isdigit()
            else:
                fields.unknown = True
                # "32 July", "0th March": a wrong day, not extra words around a date.
                fields.bad_number = fields.bad_number or len(tok.rstrip("stndrh")) <= 2
        elif tok in _DIRECTION_WORDS:
            fields.direction = _DIRECTION_WORDS[tok]
        elif not (
            tok in _WEEKDAYS
            or tok in _WEEKDAY_ABBREVIATIONS
            or tok in _CALENDAR_FILLERS
            or tok in _RANGE_SEPARATORS
        ):
            fields.unknown = True
    return fields


def _split_range(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split at the first range separator that follows a date component."""
    seen = False
    for i, tok in enumerate(tokens):
        if tok in _RANGE_SEPARATORS and seen:
            return tokens[:i], tokens[i + 1 :]
        if tok in _MONTHS or tok[0].isdigit():
            seen = True
    return tokens, []


def _calendar_reading(s: str, *, strict: bool = True) -> _Reading | None:
    """Read a calendar date (with month, year or "the 27th"); None when it is not one.

    Args:
        s: normalized text, leading prepositions and modifiers already removed.
        strict: refuse text with words a date does not contain; when False, read what
            can be read and mark it vague.
    """
    tokens = _TOKEN.findall(s)
    if not tokens:
        return None
    left_tokens, right_tokens = _split_range(tokens)
    left, right = _gather(left_tokens), _gather(right_tokens)
    if (strict and (left.unknown or right.unknown)) or left.bad_number:
        return None
    vague = not strict
    if left.ambiguous_numeric:
        return _Reading("absolute", year=left.year, vague=True)
    if left.month is None and left.day is not None and right.month is not None:
        left.month = right.month
    if left.year is None and right.year is not None and left.month is not None:
        left.year = right.year
        if right.month is not None and left.month > right.month:
            left.year -= 1  # "30 December to 2 January 2025"
    if left.month is None:
        if left.year is not None and left.day is None:
            return _Reading("absolute", year=left.year, vague=vague)
        only_ordinal = left.day is not None and left.day_ordinal and left.year is None
        if only_ordinal:
            return _Reading("day_of_month", day=left.day, direction=left.direction, vague=vague)
        return None
    if left.year is None:
        return _Reading(
            "yearless", month=left.month, day=left.day, direction=left.direction, vague=vague
        )
    if left.day is not None:
        try:
            datetime.date(left.year, left.month, left.day)
        except ValueError:
            return None
    return _Reading("absolute", year=left.year, month=left.month, day=left.day, vague=vague)


def _weekday_reading(s: str) -> _Reading | None:
    """Read "on Tuesday", "last Thursday", "Monday morning"; None when no weekday is named."""
    words = re.findall(r"[a-z]+|\d+", s)
    days = [w for w in words if w in _WEEKDAYS]
    if not days or any(w.isdigit() or w in _MONTHS for w in words):
        return None
    if any(w in ("every", "each") for w in words):
        return _NONE  # a recurrence, not a date
    if any(w in _WEEKDAY_BLOCKERS for w in words):
        return _VAGUE
    before_first = words[: words.index(days[0])]
    direction = next(
        (_DIRECTION_WORDS[w] for w in reversed(before_first) if w in _DIRECTION_WORDS), None
    )
    return _Reading("weekday", weekday=_WEEKDAYS[days[0]], direction=direction)


def _lexicon_reading(s: str) -> _Reading | None:
    """Read the fixed relative expressions ("yesterday", "last month", "two years ago")."""
    if _VAGUE_LEXICON.match(s):
        return _VAGUE
    m = _RELATIVE_DAY.match(s)
    if m:
        offsets = {"today": 0, "yesterday": -1, "tomorrow": 1, "before_yesterday": -2,
                   "after_tomorrow": 2}  # fmt: skip
        return _Reading("offset_day", offset=offsets[m.lastgroup or "today"])
    m = _AGO.match(s)
    if m:
        n = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"]]
        return _Reading(f"offset_{m['unit']}", offset=-n)  # type: ignore[arg-type]
    m = _RELATIVE_PERIOD.match(s)
    if m:
        offset = {"last": -1, "next": 1, "coming": 1}.get(m["which"], 0)
        return _Reading(f"offset_{m['unit']}", offset=offset)  # type: ignore[arg-type]
    m = _DAY_OF_NAMED_MONTH.match(s)
    if m and 1 <= int(m["day"]) <= 31:
        offset = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(m["which"], 0)
        return _Reading("day_of_month", day=int(m["day"]), offset=offset, fixed_month=True)
    if _THIS_SEASON.match(s):
        return _Reading("offset_year", vague=True)
    return None


def _has_anchor(s: str) -> bool:
    """Whether the text names a month, a plausible year or a numeric date."""
    for tok in _TOKEN.findall(s):
        if tok in _MONTHS:
            return True
        if tok.isdigit() and len(tok) == 4 and _is_year(int(tok)):
            return True
        if tok[0].isdigit() and re.search(r"[/.-]", tok):
            return True
    return False


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _satisfies(candidate: tuple, reference: tuple, direction: Direction) -> bool:
    return {
        "past": candidate <= reference,
        "past_strict": candidate < reference,
        "future": candidate >= reference,
        "future_strict": candidate > reference,
    }[direction]


def _closest(candidates: list[tuple], reference: tuple, direction: Direction) -> tuple | None:
    """The candidate nearest the reference on the side the direction asks for."""
    fitting = [c for c in candidates if _satisfies(c, reference, direction)]
    if not fitting:
        return None
    return max(fitting) if direction.startswith("past") else min(fitting)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


class DateResolver:
    """Resolves the temporal expressions of one document against its publication date.

    Args:
        published: the publication date (a ``datetime`` is truncated to its date; an ISO
            ``YYYY-MM-DD`` string is accepted too), or None when unknown.
    """

    def __init__(self, published: datetime.date | None) -> None:
        if isinstance(published, str):
            published = datetime.date.fromisoformat(published)
        if isinstance(published, datetime.datetime):
            published = published.date()
        self.published: datetime.date | None = published
        base = (
            datetime.datetime(published.year, published.month, published.day)
            if published
            else _SENTINEL_BASE
        )
        # One parser per document (NOTES.md): cheap to build, and English only, which is
        # ~10x faster on strings that do not parse and avoids dates read from "to", "a".
        self._parser = DateDataParser(
            languages=["en"],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period"},
        )
        self._readings: dict[str, _Reading] = {}

    def resolve(self, text: str, status: str = "occurred") -> EventDate:
        """Resolve one temporal expression for an event of the given status.

        Args:
            text: the expression as written ("on Tuesday", "20 to 22 July 2025").
            status: the event status: ``occurred``, ``planned`` or ``proposed``.

        Returns:
            An :class:`EventDate` whose ``text`` is the stripped input. Never raises: odd
            input gives ``value: null, granularity: null, vague: true``.
        """
        written = text.strip() if isinstance(text, str) else ""
        try:
            value, granularity, vague = self._place(self._reading(written), status)
        except Exception:  # noqa: BLE001 - a date must never sink an event
            value, granularity, vague = None, None, True
        return EventDate(text=written, value=value, granularity=granularity, vague=vague)

    def _reading(self, text: str) -> _Reading:
        """What an expression says, independent of publication date and status (cached)."""
        s = _normalize(text)
        if s not in self._readings:
            self._readings[s] = self._read(s)
        return self._readings[s]

    def _read(self, s: str) -> _Reading:
        daypart = vague = relational = week_of = since = False
        while True:
            for pattern in (
                _LEAD_WEEK_OF, _LEAD_SEASON, _LEAD_VAGUE, _LEAD_DAYPART, _LEAD_RELATIONAL,
                _LEAD_SINCE, _LEAD_PLAIN,
            ):  # fmt: skip
                m = pattern.match(s)
                if m and m.end() > 0:
                    break
            else:
                break
            if pattern is _LEAD_WEEK_OF:
                week_of = True
            elif pattern in (_LEAD_SEASON, _LEAD_VAGUE):
                vague = True
            elif pattern is _LEAD_DAYPART:
                daypart = True
            elif pattern is _LEAD_RELATIONAL:
                relational = True
            elif pattern is _LEAD_SINCE:
                since = True
            s = s[m.end() :].strip(" ,")
        modified = vague or daypart or relational or week_of

        if not s:
            return _VAGUE if modified or since else _NONE
        if modified and s in ("year", "month"):  # "by the end of the year"
            reading: _Reading | None = _Reading(f"offset_{s}")  # type: ignore[arg-type]
        elif modified and s == "day":  # "later in the day": the day of another event
            return _VAGUE
        else:
            reading = (
                _lexicon_reading(s)
                or (None if _has_anchor(s) else _weekday_reading(s))
                or _calendar_reading(s)
                or (self._dateparser_reading(s) if _has_anchor(s) else None)
                or (_calendar_reading(s, strict=False) if _has_anchor(s) else None)
            )
        if reading is None:
            return _VAGUE if relational or since else _NONE
        if reading.kind in ("vague", "none"):
            return reading
        if week_of and reading.day_level:
            vague = True  # "the week of 14 June"; "the 1st week of December" is the month
        if daypart and not reading.day_level:
            vague = True  # "early 2025", "later this year"; "late Monday" is a time of day
        vague = vague or relational or reading.vague
        return replace(reading, vague=vague)

    def _dateparser_reading(self, s: str) -> _Reading | None:
        """Ask dateparser for the shapes read here do not cover, keeping only written parts."""
        data = self._parser.get_date_data(s)
        parts = set(data["parts"] or ()) if data and data["date_obj"] else set()
        if not parts or data["period"] == "week":
            return None
        tokens = _TOKEN.findall(s)
        has_year = any(t.isdigit() and len(t) == 4 and _is_year(int(t)) for t in tokens)
        has_month = any(t in _MONTHS or re.search(r"[/.-]", t) for t in tokens)
        # dateparser reads "two" as a month and "two years" as a year: keep only what the
        # text can have said.
        if ("year" in parts and not has_year) or ("month" in parts and not has_month):
            return None
        got = data["date_obj"]
        year = got.year if "year" in parts else None
        month = got.month if "month" in parts else None
        day = got.day if "day" in parts else None
        if month is None:
            return _Reading("absolute", year=year) if year and day is None else None
        if year is None:
            return _Reading("yearless", month=month, day=day)
        return _Reading("absolute", year=year, month=month, day=day)

    def _place(self, reading: _Reading, status: str) -> tuple[str | None, str | None, bool]:
        """Turn a reading into (value, granularity, vague) for an event of ``status``."""
        kind, pub = reading.kind, self.published
        if kind in ("vague", "none"):
            return None, None, True
        if kind == "absolute":
            return _format(reading.year, reading.month, reading.day, reading.vague)
        if pub is None:
            return None, None, reading.vague
        default: Direction = (
            "future" if status.strip().lower() in ("planned", "proposed") else "past"
        )
        direction = reading.direction or default
        if kind == "offset_day":
            day = pub + datetime.timedelta(days=reading.offset)
            return _format(day.year, day.month, day.day, reading.vague)
        if kind == "offset_month":
            year, month = _shift_month(pub.year, pub.month, reading.offset)
            return _format(year, month, None, reading.vague)
        if kind == "offset_year":
            return _format(pub.year + reading.offset, None, None, reading.vague)
        if kind == "weekday":
            if direction.startswith("past"):
                back = (pub.weekday() - reading.weekday) % 7
                back = 7 if back == 0 and direction == "past_strict" else back
                day = pub - datetime.timedelta(days=back)
            else:
                ahead = (reading.weekday - pub.weekday()) % 7
                ahead = 7 if ahead == 0 and direction == "future_strict" else ahead
                day = pub + datetime.timedelta(days=ahead)
            return _format(day.year, day.month, day.day, reading.vague)
        years = range(pub.year - 2, pub.year + 3)
        if kind == "yearless" and reading.day is None:
            months = [(y, reading.month) for y in years]
            found = _closest(months, (pub.year, pub.month), direction)
            return _format(found[0], found[1], None, reading.vague) if found else (None, None, True)
        if kind == "yearless":
            candidates = [(y, reading.month, reading.day) for y in years]
        elif reading.fixed_month:
            year, month = _shift_month(pub.year, pub.month, reading.offset)
            if not _valid(year, month, reading.day):
                return None, None, True
            return _format(year, month, reading.day, reading.vague)
        else:  # day_of_month: this month, or the one before/after
            candidates = [
                (*_shift_month(pub.year, pub.month, k), reading.day) for k in range(-2, 3)
            ]
        candidates = [c for c in candidates if _valid(*c)]
        found = _closest(candidates, (pub.year, pub.month, pub.day), direction)
        return _format(*found, reading.vague) if found else (None, None, True)


def _format(
    year: int | None, month: int | None, day: int | None, vague: bool
) -> tuple[str | None, str | None, bool]:
    """ISO value and granularity at the precision given."""
    if year is None:
        return None, None, vague
    if month is None:
        return f"{year:04d}", "year", vague
    if day is None:
        return f"{year:04d}-{month:02d}", "month", vague
    return f"{year:04d}-{month:02d}-{day:02d}", "day", vague


def resolve_date(text: str, published: datetime.date | None, status: str = "occurred") -> EventDate:
    """Resolve one expression; prefer one :class:`DateResolver` per document for many.

    Args:
        text: the temporal expression as written.
        published: the publication date, or None when unknown.
        status: the event status: ``occurred``, ``planned`` or ``proposed``.

    Returns:
        The resolved :class:`EventDate`.
    """
    return DateResolver(published).resolve(text, status)


_SHARED: DateResolver | None = None


def is_resolvable_temporal(text: str) -> bool:
    """Whether a span is a temporal expression the resolver understands.

    True for dates it can place (given a publication date) and for recognised vague time
    references ("recently", "in the coming weeks", "this week"); False for numbers,
    durations, ages and frequencies that spaCy also labels DATE ("two", "two years",
    "annual", "daily", "the 75th anniversary"). Use ``resolve(text).value`` to know whether
    a value came out.

    Args:
        text: the span text.

    Returns:
        Whether the text is a real temporal expression.
    """
    global _SHARED
    if _SHARED is None:
        _SHARED = DateResolver(None)
    try:
        return _SHARED._reading(text).kind != "none"
    except Exception:  # noqa: BLE001
        return False


def _full_date(text: str) -> datetime.date | None:
    reading = _calendar_reading(_normalize(text))
    if reading is None or reading.kind != "absolute" or reading.day is None or reading.vague:
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
        m = _DATELINE.match(line.rstrip("\r\n"))
        if m:
            found = _full_date(m["date"])
            if found:
                return found
        offset += len(line)
    return None
