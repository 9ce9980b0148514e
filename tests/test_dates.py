"""Table tests for the date normalization stage (EVENTS.md 3.2 and 3.6).

Every expected value was worked out by hand from a calendar. Publication dates used:
2025-07-18 is a Friday, 2024-03-06 a Wednesday, 2024-03-04 a Monday, 2025-01-02 a Thursday.
"""

from __future__ import annotations

import datetime

import pytest

from extractor.models import EventDate
from extractor.nlp.dates import (
    DateResolver,
    find_published_date,
    is_resolvable_temporal,
    resolve_date,
)

D = datetime.date
FRI = D(2025, 7, 18)
WED = D(2024, 3, 6)
MON = D(2024, 3, 4)
OCC, PLAN, PROP = "occurred", "planned", "proposed"

# (text, published, status, value, granularity, vague)
FULL_DATES = [
    ("13 March 2025", FRI, OCC, "2025-03-13", "day", False),
    ("On 13 March 2025", FRI, OCC, "2025-03-13", "day", False),
    ("July 11, 2025", FRI, OCC, "2025-07-11", "day", False),
    ("18th July 2025", FRI, OCC, "2025-07-18", "day", False),
    ("2025-07-11", FRI, OCC, "2025-07-11", "day", False),
    ("Friday, 4 July 2025", FRI, OCC, "2025-07-04", "day", False),
    ("5th of September, 2025", FRI, PLAN, "2025-09-05", "day", False),
    ("Sept. 5, 2025", FRI, PLAN, "2025-09-05", "day", False),
    ("the 5th day of March 2025", FRI, OCC, "2025-03-05", "day", False),
    ("13 March 2025 at 10:00 am", FRI, OCC, "2025-03-13", "day", False),
    ("13/07/2025", FRI, OCC, "2025-07-13", "day", False),
    ("07/13/2025", FRI, OCC, "2025-07-13", "day", False),
    # Day and month both <= 12: the reading on the status's side of publication, nearest it.
    ("11/07/2025", FRI, OCC, "2025-07-11", "day", False),
    ("07/11/2025", FRI, OCC, "2025-07-11", "day", False),
    # Shapes the regex reader refuses go to dateparser, which keeps only written parts.
    ("5 March 2025 CET", FRI, OCC, "2025-03-05", "day", False),
    ("March 5th, 2025 A.D.", FRI, OCC, "2025-03-05", "day", False),
    # Unexpected words around a year: read what can be read, flagged vague.
    ("the 2022 floods", FRI, OCC, "2022", "year", True),
]

GRANULARITY = [
    ("October 2024", FRI, OCC, "2024-10", "month", False),
    ("May 2023", FRI, OCC, "2023-05", "month", False),
    ("2025", FRI, OCC, "2025", "year", False),
    ("in 2022", FRI, OCC, "2022", "year", False),
    ("in March", FRI, OCC, "2025-03", "month", False),
    ("in March", FRI, PLAN, "2026-03", "month", False),
    ("in July", FRI, OCC, "2025-07", "month", False),
    ("in July", FRI, PLAN, "2025-07", "month", False),
    ("in the month of October", FRI, PLAN, "2025-10", "month", False),
    ("the month of October", FRI, OCC, "2024-10", "month", False),
    ("last March", FRI, PLAN, "2025-03", "month", False),
    ("next March", FRI, OCC, "2026-03", "month", False),
]

YEARLESS_DAYS = [
    ("23 May", FRI, OCC, "2025-05-23", "day", False),
    ("23 May", FRI, PLAN, "2026-05-23", "day", False),
    ("23 May", FRI, PROP, "2026-05-23", "day", False),
    ("July 18", FRI, OCC, "2025-07-18", "day", False),
    ("July 18", FRI, PLAN, "2025-07-18", "day", False),
    ("from January 11", D(2024, 12, 20), PLAN, "2025-01-11", "day", False),
    ("December 30", D(2025, 1, 3), OCC, "2024-12-30", "day", False),
    ("February 29", D(2025, 3, 1), OCC, "2024-02-29", "day", False),
    ("the 27th", FRI, OCC, "2025-06-27", "day", False),
    ("the 27th", FRI, PLAN, "2025-07-27", "day", False),
    ("the 5th", FRI, PLAN, "2025-08-05", "day", False),
    ("on the 18th", FRI, OCC, "2025-07-18", "day", False),
    # June has no 31st: the most recent 31st before 18 July is in May.
    ("the 31st", FRI, OCC, "2025-05-31", "day", False),
    # A named month overrides the status: "this month" is the publication month.
    ("30th of this month", FRI, OCC, "2025-07-30", "day", False),
    ("the 5th of next month", FRI, PLAN, "2025-08-05", "day", False),
    ("till 30th of this month", FRI, PLAN, "2025-07-30", "day", True),
    ("Monday, July 14", FRI, OCC, "2025-07-14", "day", False),
]

WEEKDAYS = [
    ("Tuesday", WED, OCC, "2024-03-05", "day", False),
    ("on Tuesday", FRI, OCC, "2025-07-15", "day", False),
    ("Monday morning", MON, OCC, "2024-03-04", "day", False),
    ("Thursday", FRI, OCC, "2025-07-17", "day", False),
    ("Friday", FRI, OCC, "2025-07-18", "day", False),
    ("Saturday", D(2025, 1, 2), OCC, "2024-12-28", "day", False),
    ("Tuesday", FRI, PLAN, "2025-07-22", "day", False),
    ("Thursday evening", WED, PLAN, "2024-03-07", "day", False),
    ("next Friday", FRI, OCC, "2025-07-25", "day", False),
    ("next Tuesday", FRI, OCC, "2025-07-22", "day", False),
    ("coming Monday", FRI, OCC, "2025-07-21", "day", False),
    ("this coming Friday", FRI, OCC, "2025-07-18", "day", False),
    ("upcoming Wednesday", WED, OCC, "2024-03-06", "day", False),
    ("last Friday", FRI, PLAN, "2025-07-11", "day", False),
    ("late Monday", MON, OCC, "2024-03-04", "day", False),
    ("Tuesday to Thursday", FRI, PLAN, "2025-07-22", "day", False),
    ("Monday and Tuesday", WED, OCC, "2024-03-04", "day", False),
]

RELATIVE = [
    ("today", FRI, OCC, "2025-07-18", "day", False),
    ("yesterday", FRI, OCC, "2025-07-17", "day", False),
    ("yesterday", D(2025, 3, 1), OCC, "2025-02-28", "day", False),
    ("tomorrow", FRI, PLAN, "2025-07-19", "day", False),
    ("later today", FRI, PLAN, "2025-07-18", "day", False),
    ("the day before yesterday", FRI, OCC, "2025-07-16", "day", False),
    ("two days ago", FRI, OCC, "2025-07-16", "day", False),
    # A week is the month it lies in, vague (EVENTS.md 3.6): 7-13 and 14-20 July.
    ("last week", FRI, OCC, "2025-07", "month", True),
    ("this week", FRI, OCC, "2025-07", "month", True),
    ("a week ago", FRI, OCC, "2025-07", "month", True),
    ("last month", FRI, OCC, "2025-06", "month", False),
    ("last month", D(2025, 1, 15), OCC, "2024-12", "month", False),
    ("next month", D(2025, 12, 3), PLAN, "2026-01", "month", False),
    ("this month", FRI, OCC, "2025-07", "month", False),
    ("three months ago", FRI, OCC, "2025-04", "month", False),
    ("last year", FRI, OCC, "2024", "year", False),
    ("this year", FRI, OCC, "2025", "year", False),
    ("next year", FRI, PLAN, "2026", "year", False),
    ("a year ago", FRI, OCC, "2024", "year", False),
]

VAGUE_MODIFIERS = [
    ("later this year", FRI, PLAN, "2025", "year", True),
    ("earlier this year", FRI, OCC, "2025", "year", True),
    ("early 2025", FRI, OCC, "2025", "year", True),
    ("mid-2025", FRI, OCC, "2025", "year", True),
    ("mid-June", FRI, OCC, "2025-06", "month", True),
    ("mid-June", FRI, PLAN, "2026-06", "month", True),
    ("late June", FRI, OCC, "2025-06", "month", True),
    ("the end of June", FRI, OCC, "2025-06", "month", True),
    ("end of December 2024", FRI, OCC, "2024-12", "month", True),
    ("the beginning of 2025", FRI, OCC, "2025", "year", True),
    ("by the end of the year", FRI, PLAN, "2025", "year", True),
    ("the first half of 2025", FRI, OCC, "2025", "year", True),
    ("summer 2025", FRI, OCC, "2025", "year", True),
    ("around 20 July 2025", FRI, OCC, "2025-07-20", "day", True),
    ("before March 2025", FRI, OCC, "2025-03", "month", True),
    ("by 2030", FRI, PLAN, "2030", "year", True),
    ("since 2022", FRI, OCC, "2022", "year", False),
]

WEEKS_OF = [
    ("1st week of December", D(2025, 11, 5), PLAN, "2025-12", "month", False),
    ("the second week of November", D(2025, 10, 1), PLAN, "2025-11", "month", False),
    ("the last week of June", FRI, OCC, "2025-06", "month", False),
    ("the week of 14 June", FRI, OCC, "2025-06-14", "day", True),
]

RANGES = [
    ("20 to 22 July", FRI, OCC, "2024-07-20", "day", False),
    ("20 to 22 July", FRI, PLAN, "2025-07-20", "day", False),
    ("November 9-11", FRI, PLAN, "2025-11-09", "day", False),
    ("November 9-11", D(2025, 12, 1), OCC, "2025-11-09", "day", False),
    ("December 11-16", D(2021, 11, 30), PLAN, "2021-12-11", "day", False),
    ("11\u201316 December 2025", FRI, PLAN, "2025-12-11", "day", False),
    ("between 3 and 5 May", FRI, PLAN, "2026-05-03", "day", False),
    ("between 3 and 5 May 2025", FRI, OCC, "2025-05-03", "day", False),
    ("30 December 2024 to 2 January 2025", FRI, OCC, "2024-12-30", "day", False),
    ("30 December to 2 January 2025", FRI, OCC, "2024-12-30", "day", False),
    ("July 30 to August 2, 2025", FRI, PLAN, "2025-07-30", "day", False),
    ("March and April 2025", FRI, OCC, "2025-03", "month", False),
]

UNRESOLVABLE = [
    ("recently", FRI, OCC, None, None, True),
    ("recent", FRI, OCC, None, None, True),
    ("soon", FRI, PLAN, None, None, True),
    ("in the near future", FRI, PLAN, None, None, True),
    ("following his re-election", FRI, OCC, None, None, True),
    ("soon after his oath taking", FRI, OCC, None, None, True),
    ("in the coming weeks", FRI, PLAN, None, None, True),
    ("two", FRI, OCC, None, None, True),
    ("31 June 2025", FRI, OCC, None, None, True),
    ("", FRI, OCC, None, None, True),
]

NO_PUBLICATION_DATE = [
    ("13 March 2025", None, OCC, "2025-03-13", "day", False),
    ("October 2024", None, OCC, "2024-10", "month", False),
    ("early 2025", None, OCC, "2025", "year", True),
    # Relative, with nothing to count from: unresolvable, so vague (EVENTS.md 3.6).
    ("Tuesday", None, OCC, None, None, True),
    ("in March", None, OCC, None, None, True),
    ("the 27th", None, OCC, None, None, True),
    ("yesterday", None, OCC, None, None, True),
    ("today", None, OCC, None, None, True),
    ("December 11-16", None, PLAN, None, None, True),
    ("later this year", None, PLAN, None, None, True),
    ("mid-June", None, OCC, None, None, True),
    ("recently", None, OCC, None, None, True),
]


@pytest.mark.parametrize(
    ("text", "published", "status", "value", "granularity", "vague"),
    FULL_DATES
    + GRANULARITY
    + YEARLESS_DAYS
    + WEEKDAYS
    + RELATIVE
    + VAGUE_MODIFIERS
    + WEEKS_OF
    + RANGES
    + UNRESOLVABLE
    + NO_PUBLICATION_DATE,
)
def test_resolve(
    text: str,
    published: datetime.date | None,
    status: str,
    value: str | None,
    granularity: str | None,
    vague: bool,
) -> None:
    got = DateResolver(published).resolve(text, status)
    assert (got.value, got.granularity, got.vague) == (value, granularity, vague)
    assert got.text == text.strip()


def test_resolve_keeps_the_stripped_text() -> None:
    got = DateResolver(FRI).resolve("  on Tuesday \n")
    assert got == EventDate(text="on Tuesday", value="2025-07-15", granularity="day")


@pytest.mark.parametrize(
    "text",
    ["\x00", "-", "????", "9999999999", "32 July 2025", "2025-13-45", "0th March", "x" * 5000],
)
def test_resolve_never_raises(text: str) -> None:
    got = DateResolver(FRI).resolve(text)
    assert isinstance(got, EventDate)
    assert got.value is None and got.granularity is None and got.vague


@pytest.mark.parametrize("published", [FRI, datetime.datetime(2025, 7, 18, 9, 30), "2025-07-18"])
def test_published_may_be_date_datetime_or_iso_string(published: object) -> None:
    resolver = DateResolver(published)  # type: ignore[arg-type]
    assert resolver.resolve("Thursday").value == "2025-07-17"


def test_resolve_date_matches_resolver() -> None:
    assert resolve_date("20 to 22 July", FRI, "planned") == DateResolver(FRI).resolve(
        "20 to 22 July", "planned"
    )


def test_range_is_not_read_as_a_year() -> None:
    # dateparser alone reads "November 9-11" as 2011-11-09.
    assert resolve_date("November 9-11", FRI).value == "2024-11-09"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13 March 2025", True),
        ("Tuesday", True),
        ("last month", True),
        ("later this year", True),
        ("the 27th", True),
        ("2025", True),
        ("recently", True),
        ("this week", True),
        ("in the coming weeks", True),
        ("two", False),
        ("annual", False),
        ("daily", False),
        ("weekly", False),
        ("the two sides", False),
        ("two years", False),
        ("the past two years", False),
        ("the 75th anniversary", False),
        ("24 hours", False),
        ("65 years old", False),
        ("every Monday", False),
        ("", False),
    ],
)
def test_is_resolvable_temporal(text: str, expected: bool) -> None:
    assert is_resolvable_temporal(text) is expected


_BODY = "The two sides discussed cooperation in trade and energy. " * 20

PUBLISHED_CASES = [
    ("Envoy calls on minister\n\nPublished on 18th July 2025\n\n" + _BODY, D(2025, 7, 18)),
    (_BODY + "\nPublished: July 18, 2025\n", D(2025, 7, 18)),
    ("Posted on 3 March 2024 by Admin\n" + _BODY, D(2024, 3, 3)),
    (
        "Envoy calls on minister\nISLAMABAD, July 18, 2025 \u2013 The envoy called on...",
        D(2025, 7, 18),
    ),
    ("18 July 2025 (APP): The envoy called on the minister.", D(2025, 7, 18)),
    ("ISLAMABAD, Mar. 5, 2024 (PPI): The minister said...", D(2024, 3, 5)),
    ("Headline\nIslamabad: Friday, 18th July 2025\n" + _BODY, D(2025, 7, 18)),
    ("TASHKENT, Uzbekistan, 2025-07-18 - The delegation arrived.", D(2025, 7, 18)),
    ("July 18, 2025\n" + _BODY, D(2025, 7, 18)),
    # An explicit "Published" line wins over the dateline.
    (
        "ISLAMABAD, July 17, 2025 \u2013 Text.\n" + _BODY + "\nPublished on 18 July 2025",
        D(2025, 7, 18),
    ),
    # No year in the dateline: not a full date.
    ("ISLAMABAD, July 18 (APP): The minister said...", None),
    # A date inside a sentence is the event's, not the article's.
    ("On 13 March 2025, the minister met the envoy.", None),
    ("The meeting held on 13 March 2025 - was productive.", None),
    # A dateline-looking line deep in the body does not count.
    ("Headline\n" + _BODY + "\n18 July 2025 \u2013 archive note\n", None),
    # ... nor one just past the first ~600 characters, even in a short text.
    ("Headline\n" + ("Short line of the body.\n" * 30) + "18 July 2025 \u2013 note\n", None),
    ("ISLAMABAD, 11/07/2025 \u2013 ambiguous day and month", None),
    ("Last updated: July 19, 2025\n" + _BODY, None),
    ("Published by the Ministry of Foreign Affairs\n" + _BODY, None),
    ("No dates here at all.", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), PUBLISHED_CASES)
def test_find_published_date(text: str, expected: datetime.date | None) -> None:
    assert find_published_date(text) == expected
