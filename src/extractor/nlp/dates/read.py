"""Reading temporal expressions: what a span of text says, before any publication date.

A span ("Tuesday", "20 to 22 July", "later this year") is read into a :class:`Reading`:
which calendar fields were written, which weekday, which offset, how vague. Readings do not
depend on the document, so they are cached per normalized text for the whole process, and
one English ``DateDataParser`` is shared (it only reads the shapes the regexes do not).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from dateparser.date import DateDataParser
from text_to_num import alpha2digit

from extractor.nlp.dates import vocab
from extractor.nlp.dates.holiday_dates import holiday_date, match_holiday

ReadingKind = Literal[
    "absolute",  # year written: year, year-month or full date
    "yearless",  # month (and maybe day) without a year
    "day_of_month",  # "the 27th"
    "weekday",  # "on Tuesday"
    "offset_day",  # "yesterday", "two days ago"
    "offset_month",  # "last month"
    "offset_year",  # "this year"
    "week",  # a week from the publication date ("last week", "two weeks ago")
    "period",  # a quarter, half or season without a year ("the third quarter", "last fall")
    "anchored",  # an offset from the story's last date ("a year earlier", "the same day")
    "holiday",  # a named holiday without a year ("Christmas", "Eid al-Fitr")
    "vague",  # a real temporal expression that cannot be placed ("recently")
    "none",  # not understood as a temporal expression at all
]
# past: on or before the publication date; past_strict: before it; future(_strict) alike;
# current: in the publication's own year (a month) or week (a weekday); nearest: either side.
Direction = Literal["past", "past_strict", "future", "future_strict", "current", "nearest"]

_MONTHS: dict[str, int] = vocab.numbers("months")
_WEEKDAYS: dict[str, int] = vocab.numbers("weekdays")
_WEEKDAY_ABBREVIATIONS = vocab.words("weekday_abbreviations")
_TIME_OF_DAY = vocab.words("time_of_day")
_DIRECTION_WORDS: dict[str, Direction] = vocab.table("direction_words")  # type: ignore[assignment]
# Words that may sit inside a calendar date without changing what it says.
_CALENDAR_FILLERS = vocab.words("calendar_fillers") | _TIME_OF_DAY | set(_DIRECTION_WORDS)
_RANGE_SEPARATORS = vocab.words("range_separators")
# Words that make a weekday relative to something other than the publication date.
_WEEKDAY_BLOCKERS = vocab.words("weekday_blockers")

_SEASON_STARTS = vocab.numbers("seasons")
_SEASONS = vocab.alternation(_SEASON_STARTS)
_PERIOD_ORDINALS = vocab.numbers("period_ordinals")
_PERIOD_NOUNS = vocab.numbers("period_nouns")
_PERIOD_RELATIVES: dict[str, Direction] = vocab.table("period_relatives")  # type: ignore[assignment]
_PERIOD_FILLERS = vocab.words("period_fillers")
_ORDINAL_WORD = vocab.alternation(vocab.words("week_ordinals"))

# Leading words that do not change the date ("on 13 March", "in the month of October").
_LEAD_PLAIN = re.compile(
    r"^(?:on|in|at|during|from|between|of|the|dated|as of|as from|"
    r"starting(?: from| on)?|beginning (?:on|from)|commencing(?: on| from)?|"
    r"effective(?: from)?|(?:the )?month of|(?:the )?year|just)\s+"
)
# A period named by its end ("the six months ended March 31", "its fiscal year ending
# tomorrow"): the end date is the date written.
_LEAD_PERIOD_END = re.compile(
    r"^(?:(?:the|its|their|a|an) )?(?:[a-z0-9-]+ ){0,3}?"
    r"(?:years?|months?|weeks?|days?|quarters?|half|halves|period)\s+(?:that )?(?:ended|ending)\s+"
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
    r"early part|(?:first|1st|second|2nd|latter|last) half|"
    r"(?:first|second|third|fourth|1st|2nd|3rd|4th|last|final) quarter)(?:\s+of\b|-|\b)|"
    r"(?:around|about|approximately|circa|roughly|sometime|some time|towards?|toward|nearly|"
    r"almost|(?:just )?(?:more|less) than|(?:just )?(?:over|under)|at least|as early as|"
    r"as late as)\b|"
    r"(?:the )?(?:first|1st|last|final|past|next) \d{1,2} (?:days|weeks|months|quarters)\s+of\b|"
    r"(?:the )?(?:first|1st|opening|last|final|closing) (?:few )?(?:days|weeks)\s+of\b|"
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
    r"(?:the )?same (?:time|evening|morning|week)|that (?:week|time)|"
    r"(?:the )?(?:following|previous|preceding) (?:week|morning|evening)|"
    r"(?:the )?next (?:morning|evening)|"
    r"(?:(?:this|last|next|coming|current|past|previous|the) )?week(?:end)?|"
    r"(?:\w+ )?weeks? ago|"
    r"(?:early |mid |late )?\d{3}0'?s|"
    r"(?:the )?season"
    r")$"
)
_RELATIVE_DAY = re.compile(
    r"^(?:(?P<today>today|tonight|this (?:morning|afternoon|evening))|"
    r"(?P<yesterday>yesterday|last night)|(?P<tomorrow>tomorrow)|"
    r"(?P<before_yesterday>day before yesterday)|(?P<after_tomorrow>day after tomorrow))"
    r"(?: (?:morning|afternoon|evening|night|noon))?$"
)
_AGO = re.compile(r"^(?:(?P<n>\d{1,2}|a|an) )?(?P<unit>day|month|year)s?[ -]ago$")
# A week from the publication date: the month it lies in (EVENTS.md 3.6).
_WEEK = re.compile(
    r"^(?:(?P<which>this|current|last|past|next|coming) (?P<unit>week(?:end)?)|"
    r"(?:(?P<n>\d{1,2}|a|an) )?weeks? ago)$"
)
# The publication year said another way ("the fiscal year", "year-end", "the past year").
_YEAR_ITSELF = re.compile(
    r"^(?:(?P<past>(?:the )?past )|(?:the )?(?:full |current |calendar )?(?:fiscal )?)"
    r"year(?P<end> ?-?end)?$"
)
# Offsets from the story's last date: "a year earlier", "the same day", "that year",
# "the following month", "the day before", "that evening", "the next morning", "in the
# afternoon" (a part of the story's day).
_DAYPARTS = "morning|afternoon|evening|night"
_ANCHORED = re.compile(
    r"^(?:on |in |during |at |by )?(?:the )?(?:"
    r"(?:(?P<n>\d{1,2}|a|an) )?(?P<unit>day|week|month|year)s?[ -](?P<dir>earlier|later|before)|"
    r"(?P<which>same|that|following|previous|preceding|prior) (?P<unit2>day|month|year)|"
    r"(?:same|that) (?P<quarter>quarter|period|season)|"
    r"(?P<which2>next) day|day (?P<dir2>before|after)|"
    rf"(?:(?P<which3>same|that|following|previous|preceding|next) )?(?P<part>{_DAYPARTS}))$"
)
_ANCHOR_STEPS = vocab.numbers("anchor_words")
# The week a weekday lies in, said after it ("Tuesday last week"): its step from this week.
_WEEK_OF_WEEKDAY = re.compile(r"\b(?P<which>last|previous|next|this) week$")
_COUNTED_PERIODS = re.compile(r"\b\d (quarter|half)s?\b")
_SAID_YEAR = re.compile(r"\b(last|next|this) year\b")
# "August that year", "in May of the same year": the year of the story's last date.
_THAT_YEAR = re.compile(r"\b(?:of )?(?:that|the same) year\b")
# "the following Monday": the weekday blocker is part of the date, not a relational lead.
_REFERS_BACK = re.compile(
    rf"^(?:the )?{vocab.alternation(_WEEKDAY_BLOCKERS)} {vocab.alternation(_WEEKDAYS)}\b"
)
_YEAR_OFFSET_CUES = re.compile(
    r"\b(?:(?P<minus>(?:a |the )?year (?:earlier|ago)|last year|previous year|prior year)|"
    r"(?P<plus>next year|following year)|(?P<zero>this year|current year))\b"
)
_RELATIVE_PERIOD = re.compile(
    r"^(?P<which>this|current|present|last|next|coming) (?P<unit>month|year)$"
)
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

# Cheap gate before text2num: a word that may start a spelled-out number.
_NUMBER_WORD = re.compile(r"\b" + vocab.alternation(vocab.words("number_word_starts")))
_YEAR_PAIR = re.compile(r"\b(1[0-9]|20) (\d{1,2})\b")

# dateparser only needs some base; the values it fills from it are never used.
_SENTINEL_BASE = datetime.datetime(2000, 1, 1)


@dataclass(frozen=True)
class Reading:
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
    # week: "week" or "weekend"; anchored: "day", "week", "month" or "year".
    unit: str | None = None
    # week: "the weekend", no "this" or "last": the one the status points to
    by_status: bool = False
    # period: first month (None: "the quarter", "the latest quarter") and length in months;
    # year_fixed: the year is the publication year plus `offset` ("last year's quarter").
    start_month: int | None = None
    months: int = 0
    year_fixed: bool = False
    # weekday: relative to the story's last date ("the following Monday").
    anchored: bool = False
    # yearless: the year is the publication year plus this ("March 5 last year").
    year_offset: int | None = None
    # holiday: its phrase in vocab/dates/holidays.txt
    holiday: str | None = None
    # absolute: "12/5/2025", the day (read first) and the month may be the other way round
    swappable: bool = False

    @property
    def day_level(self) -> bool:
        if self.kind == "anchored":
            return self.unit == "day"
        return self.day is not None or self.kind in (
            "weekday",
            "offset_day",
            "day_of_month",
            "holiday",
        )


NONE = Reading("none")
VAGUE = Reading("vague", vague=True)


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
    weekday: int | None = None  # "Saturday, April 25": picks the year of a yearless date

    @property
    def anchored(self) -> bool:
        return self.month is not None or self.year is not None


def normalize(text: str) -> str:
    """Lowercase, unify dashes and quotes, drop clock times, possessives and edge punctuation."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s).replace("\u2019", "'")
    s = _CLOCK.sub(" ", s)
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"\s+", " ", s)
    return _spelled_numbers(s.strip(" .,;:!?\"'()[]"))


def _spelled_numbers(s: str) -> str:
    """Write spelled-out numbers as digits ("two weeks" -> "2 weeks", "March eighth" ->
    "march 8th", "nineteen ninety-six" -> "1996"), through text2num."""
    if not _NUMBER_WORD.search(s):
        return s
    out = alpha2digit(s, "en", threshold=0)
    if not any(c.isdigit() for c in s):
        # text2num reads a year said as two pairs as two numbers ("19 96"); a digit-free
        # text cannot mean a day and a year there, so the pair is a year.
        out = _YEAR_PAIR.sub(lambda m: m[1] + m[2].zfill(2), out)
    return out


def _is_year(n: int) -> bool:
    return 1800 <= n <= 2199


def _numeric_date(token: str, fields: _Fields) -> None:
    """Fill ``fields`` from an all-digit date (ISO, dotted day.month.year, or day/month
    order when unambiguous)."""
    parts = [int(p) for p in re.split(r"[/.-]", token)]
    if len(token.split("-")[0]) == 4 or len(token.split("/")[0]) == 4:
        fields.year, fields.month, fields.day = parts
        return
    a, b, year = parts
    fields.year = year
    day_first = "." in token and a <= 31 and b <= 12  # "09.05.2025": dotted, day first
    if day_first or a > 12 >= b:
        fields.day, fields.month = a, b
    elif b > 12 >= a:
        fields.month, fields.day = a, b
    elif a == b:
        fields.month = fields.day = a
    else:
        fields.day, fields.month = a, b  # the genre's order; the resolver may swap them
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
            n = int(re.sub(r"\D", "", tok))
            if tok.isdigit() and len(tok) == 4 and _is_year(n) and fields.year is None:
                fields.year = n
            elif 1 <= n <= 31 and len(tok.rstrip("stndrh")) <= 2 and fields.day is None:
                fields.day = n
                fields.day_ordinal = not tok.isdigit()
            elif 1 <= n <= 31 and fields.month is None and fields.year is None:
                continue  # "5, 6 and 7 May": a list of days, read from its first
            else:
                fields.unknown = True
                # "32 July", "0th March": a wrong day, not extra words around a date.
                fields.bad_number = fields.bad_number or len(tok.rstrip("stndrh")) <= 2
        elif tok in _DIRECTION_WORDS:
            fields.direction = _DIRECTION_WORDS[tok]
        elif tok in _WEEKDAYS:
            fields.weekday = _WEEKDAYS[tok]
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


def is_range(text: str) -> bool:
    """Whether a temporal expression spans several days ("from 3 to 9 June", "05-06 July")."""
    tokens = _TOKEN.findall(normalize(text))
    left, right = _split_range(tokens)
    return bool(left and right and any(t[0].isdigit() or t in _MONTHS for t in right))


def _cut(s: str, said: re.Pattern[str]) -> tuple[str, re.Match[str] | None]:
    """The text without its first match of ``said``, and the match."""
    found = said.search(s)
    return (s[: found.start()] + s[found.end() :], found) if found else (s, None)


def calendar_reading(s: str, *, strict: bool = True) -> Reading | None:
    """Read a calendar date (with month, year or "the 27th"); None when it is not one.

    Args:
        s: normalized text, leading prepositions and modifiers already removed.
        strict: refuse text with words a date does not contain; when False, read what
            can be read and mark it vague.
    """
    # "March 5 last year": the year counted from publication, not the month's direction
    s, said_year = _cut(s, _SAID_YEAR)
    s, that_year = _cut(s, _THAT_YEAR)
    tokens = _TOKEN.findall(s)
    if not tokens:
        return None
    left_tokens, right_tokens = _split_range(tokens)
    left, right = _gather(left_tokens), _gather(right_tokens)
    if (strict and (left.unknown or right.unknown)) or left.bad_number:
        return None
    vague = not strict
    if left.ambiguous_numeric:
        return Reading("absolute", year=left.year, month=left.month, day=left.day, swappable=True)
    if left.month is None and left.day is not None and right.month is not None:
        left.month = right.month
    if left.year is None and right.year is not None and left.month is not None:
        left.year = right.year
        if right.month is not None and left.month > right.month:
            left.year -= 1  # "30 December to 2 January 2025"
    if left.month is None:
        if left.year is not None and left.day is None:
            return Reading("absolute", year=left.year, vague=vague)
        only_ordinal = left.day is not None and left.day_ordinal and left.year is None
        if only_ordinal and "day" not in tokens:  # "the first day" (of a visit): no date
            return Reading("day_of_month", day=left.day, direction=left.direction, vague=vague)
        return None
    if left.year is None and that_year:
        return Reading("yearless", month=left.month, day=left.day, anchored=True, vague=vague)
    if left.year is None and said_year:
        step = {"last": -1, "next": 1}.get(said_year[1], 0)
        return Reading("yearless", month=left.month, day=left.day, year_offset=step, vague=vague)
    if left.year is None:
        return Reading(
            "yearless",
            month=left.month,
            day=left.day,
            direction=left.direction,
            vague=vague,
            weekday=left.weekday,
        )
    if left.day is not None:
        try:
            datetime.date(left.year, left.month, left.day)
        except ValueError:
            return None
    return Reading("absolute", year=left.year, month=left.month, day=left.day, vague=vague)


def _weekday_reading(s: str) -> Reading | None:
    """Read "on Tuesday", "last Thursday", "Monday morning"; None when no weekday is named."""
    words = re.findall(r"[a-z]+|\d+", s)
    days = [w for w in words if w in _WEEKDAYS]
    if not days or any(w.isdigit() or w in _MONTHS for w in words):
        return None
    if any(w in ("every", "each") for w in words):
        return NONE  # a recurrence, not a date
    blockers = [w for w in words if w in _WEEKDAY_BLOCKERS]
    if blockers:
        # "the following Monday" counts from the story's last date; "the same Monday" cannot
        step = _ANCHOR_STEPS.get(blockers[0], 0)
        if step == 0:
            return VAGUE
        side: Direction = "future_strict" if step > 0 else "past_strict"
        return Reading("weekday", weekday=_WEEKDAYS[days[0]], direction=side, anchored=True)
    before_first = words[: words.index(days[0])]
    week = _WEEK_OF_WEEKDAY.search(s)
    if week and week.start() > s.index(days[0]):  # "Tuesday last week", "Monday of next week"
        step = {"last": -1, "previous": -1, "next": 1}.get(week["which"], 0)
        return Reading("weekday", weekday=_WEEKDAYS[days[0]], direction="current", offset=step)
    direction = next(
        (_DIRECTION_WORDS[w] for w in reversed(before_first) if w in _DIRECTION_WORDS), None
    )
    return Reading("weekday", weekday=_WEEKDAYS[days[0]], direction=direction)


def _holiday_reading(s: str) -> Reading | None:
    """Read a named holiday ("Christmas", "Eid al-Fitr 2024"); None for other text."""
    found = match_holiday(s)
    if found is None:
        return None
    name, year = found
    if year is None:
        return Reading("holiday", holiday=name)
    day = holiday_date(name, year)
    if day is None:
        return Reading("absolute", year=year, vague=True)
    return Reading("absolute", year=day.year, month=day.month, day=day.day)


def _week_reading(s: str) -> Reading | None:
    """Read "last week", "this weekend", "two weeks ago"; None for other text."""
    m = _WEEK.match(s)
    if not m:
        return None
    if m["which"]:
        side = _DIRECTION_WORDS.get(m["which"])
        step = -1 if side == "past_strict" else 1 if side in ("future", "future_strict") else 0
        return Reading("week", offset=step, unit=m["unit"], vague=True)
    n = int(m["n"]) if m["n"] and m["n"].isdigit() else 1
    return Reading("week", offset=-n, unit="week", vague=True)


def _anchored_reading(s: str) -> Reading | None:
    """Read offsets from the story's last date ("a year earlier", "the following day")."""
    m = _ANCHORED.match(s)
    if not m:
        return None
    if m["dir2"]:
        return Reading("anchored", unit="day", offset=_ANCHOR_STEPS[m["dir2"]])
    if m["which"]:
        return Reading("anchored", unit=m["unit2"], offset=_ANCHOR_STEPS[m["which"]])
    if m["quarter"]:  # "that quarter": the year of the one the story named
        return Reading("anchored", unit="year", vague=True)
    if m["which2"]:  # "the next day" (but "next year" counts from publication)
        return Reading("anchored", unit="day", offset=1)
    if m["part"]:
        return Reading("anchored", unit="day", offset=_ANCHOR_STEPS.get(m["which3"] or "same", 0))
    n = int(m["n"]) if m["n"] and m["n"].isdigit() else 1
    return Reading("anchored", unit=m["unit"], offset=n * _ANCHOR_STEPS[m["dir"]])


def _period_reading(s: str) -> Reading | None:
    """Read a quarter, half or season ("the third quarter", "last year's second half",
    "the year-ago period", "last fall"); None for other text.

    With a year written the reading is that year; otherwise the year is chosen when placed.
    Always vague (EVENTS.md 3.2: quarters and seasons count as their year).
    """
    # "the first two quarters of 2024" is read as its first one: the year is what counts
    text = _COUNTED_PERIODS.sub(r"\1", s.replace("-", " "))
    offset, year_fixed = 0, False
    cue = _YEAR_OFFSET_CUES.search(text)
    if cue:
        offset = -1 if cue["minus"] else 1 if cue["plus"] else 0
        year_fixed = True
        text = text[: cue.start()] + " " + text[cue.end() :]
    ordinal = start = year = direction = None
    months = 0
    for word in text.split():
        if word in _PERIOD_ORDINALS and ordinal is None:
            ordinal = _PERIOD_ORDINALS[word]
        elif word in _PERIOD_NOUNS and not months:
            months = _PERIOD_NOUNS[word]
        elif word in _SEASON_STARTS and not months:
            months, start = 3, _SEASON_STARTS[word]
        elif word in _PERIOD_RELATIVES:
            direction = _PERIOD_RELATIVES[word]
        elif word.isdigit() and len(word) == 4 and _is_year(int(word)):
            year = int(word)
        elif word not in _PERIOD_FILLERS:
            return None
    if not months or (ordinal is not None and (start is not None or ordinal * months > 12)):
        return None
    if "period" in text.split() and not (direction or year_fixed or year):
        return None  # "the period" alone is not a part of a year
    if year is not None:
        return Reading("absolute", year=year + offset, vague=True)
    if ordinal is not None:
        start = (ordinal - 1) * months + 1
    return Reading(
        "period", start_month=start, months=months, offset=offset, year_fixed=year_fixed,
        direction=direction, vague=True,
    )  # fmt: skip


def _lexicon_reading(s: str) -> Reading | None:
    """Read the fixed relative expressions ("yesterday", "last month", "two years ago")."""
    m = _YEAR_ITSELF.match(s)
    if m:
        return Reading("offset_year", offset=-1 if m["past"] else 0, vague=bool(m["end"]))
    week = _week_reading(s)
    if week:
        return week
    if _VAGUE_LEXICON.match(s):
        return VAGUE
    m = _RELATIVE_DAY.match(s)
    if m:
        offsets = {"today": 0, "yesterday": -1, "tomorrow": 1, "before_yesterday": -2,
                   "after_tomorrow": 2}  # fmt: skip
        return Reading("offset_day", offset=offsets[m.lastgroup or "today"])
    m = _AGO.match(s)
    if m:
        n = int(m["n"]) if m["n"] and m["n"].isdigit() else 1
        return Reading(f"offset_{m['unit']}", offset=-n)  # type: ignore[arg-type]
    m = _RELATIVE_PERIOD.match(s)
    if m:
        offset = {"last": -1, "next": 1, "coming": 1}.get(m["which"], 0)
        return Reading(f"offset_{m['unit']}", offset=offset)  # type: ignore[arg-type]
    m = _DAY_OF_NAMED_MONTH.match(s)
    if m and 1 <= int(m["day"]) <= 31:
        offset = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(m["which"], 0)
        return Reading("day_of_month", day=int(m["day"]), offset=offset, fixed_month=True)
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


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    """One English parser for the process: ~10x faster than auto-detection on strings that
    do not parse, and no dates read from \"to\" or \"a\" (NOTES.md)."""
    return DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": _SENTINEL_BASE, "PREFER_DATES_FROM": "current_period"},
    )


def _dateparser_reading(s: str) -> Reading | None:
    """Ask dateparser for the shapes read here do not cover, keeping only written parts."""
    data = _parser().get_date_data(s)
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
        return Reading("absolute", year=year) if year and day is None else None
    if year is None:
        return Reading("yearless", month=month, day=day)
    return Reading("absolute", year=year, month=month, day=day)


@lru_cache(maxsize=8192)
def read(text: str) -> Reading:
    """What an expression says, independent of publication date and status (cached)."""
    return _read(normalize(text))


@dataclass
class _Leads:
    """What the words stripped from the front of an expression said."""

    daypart: bool = False  # "early", "late", "later"
    vague: bool = False  # "mid-", "the end of", "around", a season
    relational: bool = False  # "before", "by", "until"
    week_of: bool = False  # "the week of"
    since: bool = False

    @property
    def modified(self) -> bool:
        return self.vague or self.daypart or self.relational or self.week_of


_LEADS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (_LEAD_PERIOD_END, None), (_LEAD_WEEK_OF, "week_of"), (_LEAD_SEASON, "vague"),
    (_LEAD_VAGUE, "vague"),
    (_LEAD_DAYPART, "daypart"), (_LEAD_RELATIONAL, "relational"), (_LEAD_SINCE, "since"),
    (_LEAD_PLAIN, None),
)  # fmt: skip


def _strip_leads(s: str) -> tuple[str, _Leads]:
    """Remove leading prepositions and modifiers, noting what they said."""
    leads = _Leads()
    while True:
        if (
            _anchored_reading(s)
            or _period_reading(s)
            or _YEAR_ITSELF.match(s)
            or _REFERS_BACK.match(s)
        ):
            return s, leads  # "the first half", "the following day": the leads are the date
        found = next(((m, flag) for p, flag in _LEADS if (m := p.match(s)) and m.end() > 0), None)
        if found is None:
            return s, leads
        if found[1]:
            setattr(leads, found[1], True)
        s = s[found[0].end() :].strip(" ,")


def _read(s: str) -> Reading:
    approximate = s.endswith(" or so")  # "the next year or so": that year, vague
    s, leads = _strip_leads(s.removesuffix(" or so"))
    leads.vague = leads.vague or approximate
    daypart, vague, relational, week_of, since = (
        leads.daypart, leads.vague, leads.relational, leads.week_of, leads.since
    )  # fmt: skip
    modified = vague or daypart or relational or week_of

    if not s:
        return VAGUE if modified or since else NONE
    if modified and s in ("year", "month"):  # "by the end of the year"
        reading: Reading | None = Reading(f"offset_{s}")  # type: ignore[arg-type]
    elif s == "day":  # "the day", "later in the day": the day the story is at
        reading = Reading("anchored", unit="day")
    elif s == "week" and modified:  # "at the start of the week": the story's week
        reading = Reading("anchored", unit="week", vague=True)
    elif s == "weekend":  # "over the weekend": the one of the week of publication
        reading = Reading("week", unit="weekend", vague=True, by_status=True)
    else:
        reading = (
            _holiday_reading(s)
            or _anchored_reading(s)
            or _period_reading(s)
            or _lexicon_reading(s)
            or (None if _has_anchor(s) else _weekday_reading(s))
            or calendar_reading(s)
            or (_dateparser_reading(s) if _has_anchor(s) else None)
            or (calendar_reading(s, strict=False) if _has_anchor(s) else None)
        )
    if reading is None:
        return VAGUE if relational or since else NONE
    if reading.kind in ("vague", "none"):
        return reading
    if week_of and reading.day_level:
        vague = True  # "the week of 14 June"; "the 1st week of December" is the month
    if daypart and not reading.day_level:
        vague = True  # "early 2025", "later this year"; "late Monday" is a time of day
    vague = vague or relational or reading.vague
    return replace(reading, vague=vague)
