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

from extractor.nlp.dates.published import find_published_date
from extractor.nlp.dates.resolve import DateResolver, is_resolvable_temporal, resolve_date

__all__ = ["DateResolver", "find_published_date", "is_resolvable_temporal", "resolve_date"]
