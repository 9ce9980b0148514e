"""Placing readings against the publication date, the event status and the story so far."""

from __future__ import annotations

import datetime

from extractor.models import EventDate
from extractor.nlp.dates.read import Direction, Reading, read


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

    def resolve(
        self, text: str, status: str | None = None, *, sentence: object = None
    ) -> EventDate:
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
            value, granularity, vague = self._place(read(written), status or "occurred")
        except Exception:  # noqa: BLE001 - a date must never sink an event
            value, granularity, vague = None, None, True
        return EventDate(text=written, value=value, granularity=granularity, vague=vague)

    def _place(self, reading: Reading, status: str) -> tuple[str | None, str | None, bool]:
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
