"""Stage 4, dates: temporal expressions become :class:`~extractor.models.EventDate` values.

Three steps, one module each: :mod:`.read` turns a span ("Tuesday", "20 to 22 July", "the
third quarter") into a publication-independent :class:`~.read.Reading` (which calendar
fields, weekday, offset, how vague; cached per text for the process); :mod:`.resolve`
places it against the publication date, the event status (or, without one, the date's verb,
:mod:`.tense`) and the story's last resolved date; :mod:`.published` finds the publication
date in an article. Word lists are package data in ``extractor/vocab/dates/`` (:mod:`.vocab`).

- a value carries exactly the precision written (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``);
  nothing is filled in from the publication date (EVENTS.md 3.2 and 3.6);
- a date without a year (and a weekday, and "the 27th") takes the occurrence on or before
  the publication date for ``occurred``, on or after it for ``planned``/``proposed``; with
  no status, "will"/"is to" on its verb means after, and otherwise the nearest occurrence,
  one ahead counting twice as far (news looks back more than ahead); a written weekday
  picks the year ("Saturday, April 25");
- a range takes its first day; vague modifiers ("early", "mid-", "the end of") are
  stripped and flagged; unresolvable expressions give ``value: null, vague: true``.

Why mostly regex rather than dateparser (see NOTES.md, "Dates"): dateparser 1.5 fills the
missing day/month from its base date, reads "November 9-11" as 2011-11-09, "two" as a
month and "two years" as a year, places a bare weekday a week early under
``PREFER_DATES_FROM='past'``, and returns None for ranges and vague modifiers. The common
shapes are therefore read here; one shared English ``DateDataParser`` (never
``search_dates``) only reads the leftovers, and only its written ``parts`` are kept.
Spelled-out numbers ("two weeks ago", "March eighth", "nineteen ninety-six") are turned
into digits by text2num first.

Decisions where the contract is silent (kept in one place so they are easy to revisit):

- A week ("this/last/next week", "two weeks ago", "this weekend") → the month it lies in,
  vague; ``value: null`` when it straddles two months (EVENTS.md 3.6). "the week of 14
  June" → that day, vague; "the 1st week of December" → the month, not vague.
- Quarters, halves and seasons → their year, vague (EVENTS.md 3.2). Without a year: the
  latest one begun for ``occurred`` or no status, the nearest otherwise; "latest/last/past"
  → the last one completed, "this/current" → the publication's, "last year's / year-ago /
  a year earlier" → the publication year minus one.
- "early/late/mid/end/beginning of X", "later/earlier this year", "around X", "year-end"
  → X at its own precision, vague. "early"/"late"/"later"/"earlier" on a single day ("late
  Monday", "later today") is a time of day: not vague.
- "before/after/by/until X" → X, vague; "since/from X" → X, not vague; the same words in
  front of something that is not a date ("after his re-election") → unresolvable.
- "next Tuesday" → strictly after the publication date; "coming/upcoming Tuesday" → on or
  after it; "last/past Tuesday" → strictly before; "this Tuesday" → in the publication's
  week; a bare weekday → by status (on or before for ``occurred`` and no status, on or
  after for ``planned``/``proposed``). The same words steer a yearless month ("last
  March", "this September" → the publication year).
- "last/this/next month|year", "the (fiscal) year", "the past year", "N days/months/years
  ago" → counted from the publication date at that precision ("a year ago" is the year).
- "a year earlier/later", "that year", "the same day", "the following/previous
  day|month|year", "the day before", "the following Monday" → counted from the last date
  the resolver placed in this document (else the publication date), at their own
  precision. Dates that count from another ("a year ago", "last week", "the year-ago
  quarter", these) never become that reference.
- Numeric dates: ISO ``YYYY-MM-DD`` always; ``a/b/YYYY`` only when unambiguous (one part
  above 12, or both equal), otherwise the year alone, vague.
- A temporal expression with unexpected words that still names a year or month ("the 2022
  floods") → what can be read, vague.
- Without a publication date only dates carrying their own year resolve; the others get
  ``value: null, vague: true`` (EVENTS.md 3.6: "today" cannot be resolved).
"""

from extractor.nlp.dates.published import find_published_date
from extractor.nlp.dates.read import is_range
from extractor.nlp.dates.resolve import DateResolver, is_resolvable_temporal, resolve_date

__all__ = [
    "DateResolver",
    "find_published_date",
    "is_range",
    "is_resolvable_temporal",
    "resolve_date",
]
