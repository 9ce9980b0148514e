"""Placing readings against the publication date, the event status and the story so far.

A :class:`DateResolver` serves one document. It places each :class:`Reading` on the side of
the publication date the event status asks for (EVENTS.md 3.2); with no status it asks the
date's verb (:mod:`extractor.nlp.dates.tense`). It also remembers the last date it resolved,
the anchor for expressions that refer back ("a year earlier", "the following day").
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from extractor.models import EventDate
from extractor.nlp.dates.holiday_dates import holiday_date
from extractor.nlp.dates.read import Direction, Reading, is_range, read
from extractor.nlp.dates.tense import sentence_direction

if TYPE_CHECKING:
    from spacy.tokens import Span

Granularity = Literal["day", "month", "year"]
Placed = tuple[str | None, Granularity | None, bool]
# A resolved date at its own precision: (year, month or None, day or None).
Anchor = tuple[int, int | None, int | None]

_UNRESOLVED: Placed = (None, None, True)
# News refers back more often than ahead: with nothing else to go on, a yearless date ahead
# of publication counts as twice as far as one behind (on TimeBank 1.5 to 3 work alike).
_AHEAD_WEIGHT = 2
# A planned range may be under way at publication ("will hold talks during her stay from
# 10 to 14 September", published on the 12th): its start may lie this many days before.
_UNDER_WAY_DAYS = 14


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _ordinal(point: tuple[int, ...]) -> int:
    """A comparable number for (year, month) or (year, month, day)."""
    if len(point) == 2:
        return point[0] * 12 + point[1]
    return datetime.date(*point).toordinal()


def _closest(
    candidates: Sequence[tuple[int, ...]], reference: tuple[int, ...], direction: Direction
) -> tuple[int, ...] | None:
    """The candidate nearest the reference on the side the direction asks for."""
    if direction == "current":
        fitting = [c for c in candidates if c[0] == reference[0]]
        return fitting[0] if fitting else None
    if direction == "nearest":
        ref = _ordinal(reference)

        def distance(c: tuple[int, ...]) -> tuple[float, tuple[int, ...]]:
            ahead = _ordinal(c) - ref
            return max(-ahead, _AHEAD_WEIGHT * ahead), c

        return min(candidates, key=distance, default=None)
    tests = {
        "past": lambda c: c <= reference,
        "past_strict": lambda c: c < reference,
        "future": lambda c: c >= reference,
        "future_strict": lambda c: c > reference,
    }
    fitting = [c for c in candidates if tests[direction](c)]
    if not fitting:
        return None
    return max(fitting) if direction.startswith("past") else min(fitting)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _format(year: int | None, month: int | None, day: int | None, vague: bool) -> Placed:
    """ISO value and granularity at the precision given."""
    if year is None:
        return None, None, vague
    if month is None:
        return f"{year:04d}", "year", vague
    if day is None:
        return f"{year:04d}-{month:02d}", "month", vague
    return f"{year:04d}-{month:02d}-{day:02d}", "day", vague


def _format_day(day: datetime.date, vague: bool) -> Placed:
    return _format(day.year, day.month, day.day, vague)


def _weekday_from(reference: datetime.date, weekday: int, direction: Direction) -> datetime.date:
    """The weekday nearest ``reference`` on the side ``direction`` asks for."""
    if direction == "current":  # "this Friday": in the reference's Monday-to-Sunday week
        return reference + datetime.timedelta(days=weekday - reference.weekday())
    if direction.startswith("past"):
        back = (reference.weekday() - weekday) % 7
        back = 7 if back == 0 and direction == "past_strict" else back
        return reference - datetime.timedelta(days=back)
    ahead = (weekday - reference.weekday()) % 7
    ahead = 7 if ahead == 0 and direction == "future_strict" else ahead
    return reference + datetime.timedelta(days=ahead)


def _week_month(day: datetime.date, unit: str | None) -> Placed:
    """A week (or its weekend) as the month it lies in, vague; null when it straddles two."""
    monday = day - datetime.timedelta(days=day.weekday())
    first = monday + datetime.timedelta(days=5 if unit == "weekend" else 0)
    last = monday + datetime.timedelta(days=6)
    if (first.year, first.month) != (last.year, last.month):
        return _UNRESOLVED
    return _format(first.year, first.month, None, True)


def _place_period(reading: Reading, pub: datetime.date, direction: Direction) -> Placed:
    """A quarter, half or season without a year: the year it falls in, vague."""
    if reading.year_fixed:
        return _format(pub.year + reading.offset, None, None, True)
    months = reading.months
    if reading.start_month is None:  # "the quarter", "the latest quarter", "this quarter"
        index = (pub.month - 1) // months
        # the last completed one, unless told it is this one or the next
        step = {"current": 0, "future": 0, "future_strict": 1}.get(direction, -1)
        year, _ = _shift_month(pub.year, index * months + 1, step * months)
        return _format(year, None, None, True)
    here = pub.year * 12 + pub.month - 1
    spans = []  # (months away from publication, year, first month index, last month index)
    for year in range(pub.year - 2, pub.year + 3):
        first = year * 12 + reading.start_month - 1
        last = first + months - 1
        spans.append((max(first - here, here - last, 0), year, first, last))
    fits = {
        "past": [s for s in spans if s[2] <= here],
        "past_strict": [s for s in spans if s[3] < here],
        "future_strict": [s for s in spans if s[2] > here],
        "current": [s for s in spans if s[1] == pub.year],
    }.get(direction, spans)
    if not fits:
        return _UNRESOLVED
    # past: the latest one begun (most quarters in the news are reported ones); otherwise the
    # nearest ("will report third-quarter results" in October is the quarter just ended),
    # on a tie the side the status asks for
    if direction == "past":
        return _format(max(s[1] for s in fits), None, None, True)
    if direction == "future":
        fits = [s for s in fits if s[3] >= here] or fits
    later = direction in ("future", "future_strict")
    chosen = min(fits, key=lambda s: (s[0], -s[1] if later else s[1]))
    return _format(chosen[1], None, None, True)


def _place_swappable(reading: Reading, pub: datetime.date, direction: Direction) -> Placed:
    """ "12/5/2025": day-month or month-day, whichever lies on the status's side of
    publication and nearest it."""
    year, day, month = reading.year, reading.day, reading.month
    if year is None or day is None or month is None:
        return _UNRESOLVED
    candidates = [(year, month, day), (year, day, month)]
    reference = (pub.year, pub.month, pub.day)
    found = _closest(candidates, reference, direction) or _closest(candidates, reference, "nearest")
    return _format(found[0], found[1], found[2], reading.vague) if found else _UNRESOLVED


def _place_holiday(reading: Reading, pub: datetime.date, direction: Direction) -> Placed:
    """A holiday without a year: its occurrence on the side the direction asks for."""
    days = [holiday_date(reading.holiday or "", y) for y in range(pub.year - 1, pub.year + 2)]
    candidates = [(d.year, d.month, d.day) for d in days if d is not None]
    found = _closest(candidates, (pub.year, pub.month, pub.day), direction)
    return _format(found[0], found[1], found[2], reading.vague) if found else _UNRESOLVED


def _parse_value(value: str) -> Anchor:
    parts = [int(p) for p in value.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def _sets_anchor(reading: Reading) -> bool:
    """Whether a date becomes the story's reference for "a year earlier", "that day".

    Expressions that themselves count from a reference ("a year earlier", "the year-ago
    quarter", "last week", "a year ago") do not: a run of comparisons all refers to the
    same date.
    """
    if reading.kind in ("anchored", "week") or reading.anchored:
        return False
    if reading.kind.startswith("offset_"):
        return reading.offset == 0  # "this year" names a date; "last year" counts back
    return not (reading.kind == "period" and reading.year_fixed and reading.offset)


class DateResolver:
    """Resolves the temporal expressions of one document against its publication date.

    Call :meth:`resolve` in reading order: expressions that refer back ("a year earlier",
    "the following day") count from the last date it resolved (else the publication date).

    Args:
        published: the publication date (a ``datetime`` is truncated to its date; an ISO
            ``YYYY-MM-DD`` string is accepted too), or None when unknown.
    """

    def __init__(self, published: datetime.date | str | None) -> None:
        if isinstance(published, str):
            published = datetime.date.fromisoformat(published)
        if isinstance(published, datetime.datetime):
            published = published.date()
        self.published: datetime.date | None = published
        self._anchor: Anchor | None = None
        self._day_anchor: Anchor | None = None  # the last anchor with a day

    def reanchor(self, before: Sequence[Span]) -> None:
        """Count the next "the same day" from the story's last date before it: forget what
        was resolved for other documents or out of order, and read the dates the text gives
        before it, in order (each with the direction of its own sentence)."""
        self._anchor = None
        for span in before:
            self.resolve(span.text, None, sentence=span)

    def resolve(
        self, text: str, status: str | None = None, *, sentence: Span | None = None
    ) -> EventDate:
        """Resolve one temporal expression for an event of the given status.

        Args:
            text: the expression as written ("on Tuesday", "20 to 22 July 2025").
            status: the event status: ``occurred``, ``planned`` or ``proposed``; None when
                unknown, and then the sentence's modals decide the direction.
            sentence: the expression's own spaCy ``Span`` in its parsed sentence (the verb
                it hangs from is read: "will meet on Monday"); used only when ``status``
                is None.

        Returns:
            An :class:`EventDate` whose ``text`` is the stripped input. Never raises: odd
            input gives ``value: null, granularity: null, vague: true``.
        """
        written = text.strip() if isinstance(text, str) else ""
        try:
            reading = read(written)
            told = self._direction(status, sentence)
            under_way = told == "future" and is_range(written)
            value, granularity, vague = self._place(
                reading, told, from_status=bool(status), under_way=under_way
            )
        except Exception:  # noqa: BLE001 - a date must never sink an event
            value, granularity, vague = _UNRESOLVED
        if value is not None and _sets_anchor(reading):
            self._anchor = _parse_value(value)
            if self._anchor[2] is not None:
                self._day_anchor = self._anchor
        return EventDate(text=written, value=value, granularity=granularity, vague=vague)

    @staticmethod
    def _direction(status: str | None, sentence: Span | None) -> Direction | None:
        """Where an undated-year expression lies: from the status, else from the sentence."""
        if status:
            planned = status.strip().lower() in ("planned", "proposed")
            return "future" if planned else "past"
        return sentence_direction(sentence)

    def _place(
        self, reading: Reading, told: Direction | None, *, from_status: bool, under_way: bool
    ) -> Placed:
        """Turn a reading into (value, granularity, vague).

        ``told`` is the direction from the status (``from_status``) or the date's verb.
        """
        kind, pub = reading.kind, self.published
        if kind in ("vague", "none"):
            return _UNRESOLVED
        if kind == "absolute" and reading.swappable and pub is not None:
            return _place_swappable(reading, pub, told or "nearest")
        if kind == "absolute":
            return _format(reading.year, reading.month, reading.day, reading.vague)
        if kind == "anchored" or reading.anchored:
            return self._place_anchored(reading)
        if pub is None:
            return _UNRESOLVED  # relative, and nothing to count from (EVENTS.md 3.6)
        direction: Direction = reading.direction or told or "past"
        if kind == "offset_day":
            return _format_day(pub + datetime.timedelta(days=reading.offset), reading.vague)
        if kind == "offset_month":
            year, month = _shift_month(pub.year, pub.month, reading.offset)
            return _format(year, month, None, reading.vague)
        if kind == "offset_year":
            return _format(pub.year + reading.offset, None, None, reading.vague)
        if kind == "week":
            day = pub + datetime.timedelta(weeks=reading.offset)
            if reading.by_status and pub.weekday() < 5:
                # "met over the weekend" in a weekday's paper: the weekend just past
                day -= datetime.timedelta(weeks=1 if direction.startswith("past") else 0)
            return _week_month(day, reading.unit)
        if kind == "period":
            # a future verb is weak for a part of a year: "will report third-quarter
            # results" in October is the quarter just ended, so the nearest one
            weak = told is not None and not from_status and not reading.direction
            return _place_period(reading, pub, "nearest" if weak else direction)
        if kind == "holiday" and reading.holiday:
            return _place_holiday(reading, pub, reading.direction or told or "nearest")
        if kind == "weekday" and reading.weekday is not None:
            week = pub + datetime.timedelta(weeks=reading.offset)  # "Tuesday last week"
            return _format_day(_weekday_from(week, reading.weekday, direction), reading.vague)
        # a bare month or day: with nothing to go on, the occurrence nearest publication
        if under_way:
            pub -= datetime.timedelta(days=_UNDER_WAY_DAYS)
        return self._place_calendar(reading, pub, reading.direction or told or "nearest")

    def _place_calendar(self, reading: Reading, pub: datetime.date, direction: Direction) -> Placed:
        """A month or day without a year: the occurrence the direction asks for."""
        years = range(pub.year - 2, pub.year + 3)
        if reading.year_offset is not None:  # the year is said: no side to choose
            years = range(pub.year + reading.year_offset, pub.year + reading.year_offset + 1)
            direction = "nearest"
        month, day = reading.month, reading.day
        if reading.kind == "yearless" and day is None and month is not None:
            found = _closest([(y, month) for y in years], (pub.year, pub.month), direction)
            return _format(found[0], found[1], None, reading.vague) if found else _UNRESOLVED
        if day is None:
            return _UNRESOLVED
        if reading.kind == "yearless" and month is not None:
            candidates = [(y, month, day) for y in years]
        elif reading.fixed_month:
            year, fixed = _shift_month(pub.year, pub.month, reading.offset)
            return (
                _format(year, fixed, day, reading.vague)
                if _valid(year, fixed, day)
                else _UNRESOLVED
            )
        else:  # day_of_month: this month, or the one before/after
            candidates = [(*_shift_month(pub.year, pub.month, k), day) for k in range(-2, 3)]
        candidates = [c for c in candidates if _valid(*c)]
        if reading.weekday is not None:  # "Saturday, April 25": the year it is a Saturday
            matching = [c for c in candidates if datetime.date(*c).weekday() == reading.weekday]
            if matching:
                candidates = matching
                direction = "nearest"
        if direction == "current":
            direction = "nearest"
        found = _closest(candidates, (pub.year, pub.month, pub.day), direction)
        return _format(found[0], found[1], found[2], reading.vague) if found else _UNRESOLVED

    def _place_anchored(self, reading: Reading) -> Placed:
        """An offset from the last resolved date, else from the publication date."""
        pub = self.published
        anchor = self._anchor or ((pub.year, pub.month, pub.day) if pub else None)
        if anchor is None:
            return _UNRESOLVED
        unit, step = reading.unit, reading.offset
        if anchor[2] is None and unit in ("day", "week") and self._day_anchor is not None:
            anchor = self._day_anchor  # "later in the day" after "took office in October"
        year, month, day = anchor
        if reading.kind == "yearless":  # "in August that year": the month in the story's year
            return _format(year, reading.month, reading.day, reading.vague)
        if unit == "year":
            return _format(year + step, None, None, reading.vague)
        if month is None:
            return _UNRESOLVED  # "the following month" after a bare year
        if unit == "month":
            shifted = _shift_month(year, month, step)
            return _format(*shifted, None, reading.vague)
        if day is None:
            return _UNRESOLVED
        base = datetime.date(year, month, day)
        if reading.kind == "weekday" and reading.weekday is not None:
            return _format_day(
                _weekday_from(base, reading.weekday, reading.direction or "past"), False
            )
        if unit == "week":
            return _week_month(base + datetime.timedelta(weeks=step), "week")
        return _format_day(base + datetime.timedelta(days=step), reading.vague)


def resolve_date(
    text: str, published: datetime.date | None, status: str | None = "occurred"
) -> EventDate:
    """Resolve one expression; prefer one :class:`DateResolver` per document for many.

    Args:
        text: the temporal expression as written.
        published: the publication date, or None when unknown.
        status: the event status: ``occurred``, ``planned`` or ``proposed``.

    Returns:
        The resolved :class:`EventDate`.
    """
    return DateResolver(published).resolve(text, status)


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
    try:
        return read(text).kind != "none"
    except Exception:  # noqa: BLE001
        return False
