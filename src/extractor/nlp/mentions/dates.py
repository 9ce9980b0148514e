"""Date mentions: the temporal expressions of a doc that can date an event, each with
its reading.

Which spans count is decided here (NER DATE/TIME entities the resolver understands, vague
adverbs such as "recently"; not the dateline's date, not a "published" line, not a date
inside an initiative's name). What a span *means* is the date library's
(:mod:`extractor.nlp.dates`): a :class:`DateReading` resolves its span for an event status
with the document's one :class:`~extractor.nlp.dates.DateResolver`, which caches every
publication-independent reading.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from extractor.models import EventDate
from extractor.nlp.dateline import doc_dateline
from extractor.nlp.dates import DateResolver, is_resolvable_temporal
from extractor.nlp.dates import vocab as date_vocab
from extractor.nlp.words import doc_words, match_phrase
from extractor.vocab import words

_ORDINAL_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)")
_NUMERIC_DATE = re.compile(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{4}")


@dataclass(frozen=True)
class DateReading:
    """A date span's text and the resolver of its document."""

    text: str
    resolver: DateResolver

    @property
    def published(self) -> dt.date | None:
        return self.resolver.published

    def resolve(self, status: str = "occurred") -> EventDate:
        """The date this span gives an event of the given status."""
        return self.resolver.resolve(self.text, status)


@lru_cache(maxsize=64)
def resolver_for(published: dt.date | None) -> DateResolver:
    """One resolver per publication date, shared by the documents of that date: its cache of
    readings is publication-independent and its placing depends only on the date."""
    return DateResolver(published)


def reading_of(span: Span) -> DateReading:
    """``span._.extractor_date``: the span's reading against its doc's publication date."""
    return DateReading(span.text, resolver_for(span.doc._.published))


# A getter, not a stored value: the Doc keeps only plain data (doc.to_bytes() works).
if not Span.has_extension("extractor_date"):
    Span.set_extension("extractor_date", getter=reading_of)


def _vague(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in words("vague_time_words"))


def _dating_time(low: str) -> bool:
    """A TIME entity that names a day: a weekday, or "this afternoon", "yesterday evening"."""
    return any(w in low for w in words("weekdays")) or any(
        p in low for p in words("dating_time_phrases")
    )


def _in_dateline(ent: Span, dateline_end: int) -> bool:
    """ "NAIROBI, May 4", "NAIROBI, Kenya, May 4", "NEW YORK, 23 July" (the NER taking the
    month alone): the date right after the dateline city, past its country or state and
    the day number at most."""
    between = ent.doc[dateline_end : ent.start]
    return (
        ent.sent.start == 0
        and ent.start_char < 60
        and len(between) <= 5
        and all(t.is_punct or t.text[:1].isupper() or _day(t) or _ordinal(t) for t in between)
    )


_DATELINE_REACH = 400  # characters from the start of the text


def _in_wire_dateline(ent: Span) -> bool:
    """A date inside the dateline ("Accra, May 4, GNA -", "BEIJING (Xinhua) May 4 --",
    "Jakarta, 12 March 2025 -" on a line below a header)."""
    if ent.start_char > _DATELINE_REACH:
        return False
    found = doc_dateline(ent.doc)
    return found is not None and found.start <= ent.start_char and ent.end_char <= found.end


# two years joined as a span ("2025-2026", "2025–27", "2025/26", "2021 to 2025")
_YEAR_SPAN = re.compile(
    r"\b(?:19|20)\d\d\s*(?:[-\u2013\u2014/]|to|through)\s*(?:(?:19|20)\d\d|\d\d)\b"
    r"(?![-/.]\d)"
)


def _counts(ent: Span, dateline_end: int | None) -> bool:
    """Whether a DATE/TIME entity can date an event."""
    sent = ent.sent
    if "published" in sent.text.lower()[: max(0, ent.start_char - sent.start_char) + 1]:
        return False
    if dateline_end is not None and _in_dateline(ent, dateline_end):
        return False  # the dateline's date never dates an event
    if _in_wire_dateline(ent):
        return False
    text = ent.text
    if _YEAR_SPAN.search(text):
        return False  # "for the 2025-2026 period": a programme's span, not an act's date
    if ent.label_ == "TIME" and not _dating_time(text.lower()):
        return False
    if ent.label_ == "TIME" and ent.end < len(ent.doc) and ent.doc[ent.end].lower_ == "of":
        return False  # "the evening of April 8": the day named after it dates the event
    if ent.label_ == "EVENT":
        return is_resolvable_temporal(text)  # "New Year's Day", not "the Lima Summit"
    return is_resolvable_temporal(text) or _vague(text)


def _join_year_offsets(ents: list[Span]) -> list[Span]:
    """ "April 8-9" + "last year" (or "May 7th, last year"), two entities side by side, are
    one date."""
    offsets = words("year_offsets")
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and ent.text.lower() in offsets
            and (
                prev.end == ent.start
                or prev.end + 1 == ent.start
                and ent.doc[prev.end].text == ","
                and any(c.isdigit() for c in prev.text)  # not "on Monday, last year ..."
            )
        ):
            out[-1] = Span(ent.doc, prev.start, ent.end, label=prev.label_)
            continue
        out.append(ent)
    return out


def _join_trailing_steps(ents: list[Span]) -> list[Span]:
    """ "The day before, she received X": the step the NER left out of "the day" ("before"
    with no object of its own; "the day before the summit" is another date)."""
    out: list[Span] = []
    for ent in ents:
        doc = ent.doc
        if (
            ent.root.lower_ in ("day", "week")
            and ent.end < len(doc)
            and doc[ent.end].lower_ in words("trailing_day_steps")
            and not any(True for _ in doc[ent.end].children)
        ):
            ent = Span(doc, ent.start, ent.end + 1, label=ent.label_)
        out.append(ent)
    return out


def _join_that_year(ents: list[Span]) -> list[Span]:
    """ "in August that year": the year the NER left out of a month, the story's last."""
    out: list[Span] = []
    for ent in ents:
        doc = ent.doc
        tail = [t.lower_ for t in doc[ent.end : ent.end + 4]]
        for n in (4, 3, 2):
            if " ".join(tail[:n]) in words("story_year_phrases") and _yearless_month(ent):
                ent = Span(doc, ent.start, ent.end + n, label=ent.label_)
                break
        out.append(ent)
    return out


def _yearless_month(ent: Span) -> bool:
    months = date_vocab.numbers("months")
    return any(t.lower_ in months for t in ent) and not any(t.like_num and len(t) == 4 for t in ent)


def _ordinal(tok: Token) -> bool:
    """ "5th": a day number the NER left out of "5th June 2025"."""
    return _ORDINAL_DAY.fullmatch(tok.lower_) is not None


def _join_parenthesised(ents: list[Span]) -> list[Span]:
    """ "on Wednesday (May 7)": the weekday and the date it is given, one date."""
    days = words("weekdays")
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        doc = ent.doc
        if (
            prev is not None
            and prev.text.lower() in days
            and ent.start == prev.end + 1
            and doc[prev.end].text == "("
            and ent.end < len(doc)
            and doc[ent.end].text == ")"
        ):
            out[-1] = Span(doc, prev.start, ent.end + 1, label=ent.label_)
            continue
        out.append(ent)
    return out


def _day(tok: Token) -> bool:
    return tok.is_digit and len(tok.text) <= 2 and 1 <= int(tok.text) <= 31


def _any_day(tok: Token) -> bool:
    return _day(tok) or _ordinal(tok)


def _list_start(doc: Doc, start: int) -> int:
    """Where the days before the one at ``start`` begin: "2-3", "2 to 3", "5th and 6th",
    "5, 6 and 7" (a range or list takes its first day)."""
    seps = date_vocab.words("range_separators")
    if start >= 2 and doc[start - 1].lower_ in seps and _any_day(doc[start - 2]):
        start -= 2
        while start >= 2 and doc[start - 1].text == "," and _any_day(doc[start - 2]):
            start -= 2
    return start


def _days_before(doc: Doc, i: int) -> int:
    """Where "2-3 May" / "2 to 3 May" / "2 May" starts, for the month at ``i`` (``i`` if
    no day number precedes it)."""
    if i < 1 or not _any_day(doc[i - 1]):
        return i
    return _list_start(doc, i - 1)


def _days_after(doc: Doc, i: int) -> int:
    """Where "May 2-3" / "May 2" / "May 2, 2025" ends, for the month at ``i``."""
    end = i + 1
    seps = date_vocab.words("range_separators")
    if end < len(doc) and _day(doc[end]):
        end += 1
        if end + 1 < len(doc) and doc[end].lower_ in seps and _day(doc[end + 1]):
            end += 2
    return end


def _with_year(doc: Doc, end: int) -> int:
    """ "May 2, 2025" / "2 May 2025": over the year after the month or day."""
    at = end + 1 if end < len(doc) and doc[end].text == "," else end
    if at < len(doc) and doc[at].is_digit and len(doc[at].text) == 4:
        return at + 1
    return end


def _widened(ent: Span) -> Span:
    """ "from 12 to 14 May" where the NER took "14 May" only: the whole range; "7 May
    2025" where it took "May 2025": the day too."""
    doc, start = ent.doc, ent.start
    if (
        start >= 1
        and doc[start].lower_ in date_vocab.numbers("months")
        and (_day(doc[start - 1]) or _ordinal(doc[start - 1]))
    ):
        start -= 1  # "7 May 2025" / "5th May, 2025" taken as "May 2025"
    if _any_day(doc[start]):
        start = _list_start(doc, start)
    return ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_)


def _calendar_dates(
    doc: Doc, blocked: set[int], taken: set[int], dateline_end: int | None
) -> list[Span]:
    """Day-and-month dates the NER left out ("on 2-3 May", "from 2 to 3 May")."""
    months = date_vocab.numbers("months")
    out = []
    for i, w in enumerate(doc_words(doc)):
        if w not in months or i in taken:
            continue  # most words are no month: no Token built for them
        tok = doc[i]
        if not tok.text[:1].isupper():
            continue
        start, end = _days_before(doc, tok.i), _days_after(doc, tok.i)
        if start == tok.i and end == tok.i + 1:
            continue  # a month alone: the NER's to find
        span = Span(doc, start, _with_year(doc, end), label="DATE")
        if any(t.i in blocked or t.i in taken for t in span):
            continue
        if is_resolvable_temporal(span.text) and _counts(span, dateline_end):
            out.append(span)
    return out


def _relative_days(doc: Doc, blocked: set[int], taken: set[int]) -> list[Span]:
    """ "The following day, she visited X", "on the same day": a day or week counted from
    the story's last date, which the NER does not always tag."""
    out = []
    for i, w in enumerate(doc_words(doc)):
        if w not in ("day", "week"):
            continue  # no Token built for other words
        tok = doc[i]
        if tok.dep_ not in ("npadvmod", "pobj"):
            continue
        span = doc[tok.left_edge.i : tok.i + 1]
        if len(span) < 2 or span.text.lower() == "the " + tok.lower_:
            continue  # "the day of the summit" counts from nothing
        if any(t.i in blocked or t.i in taken for t in span):
            continue
        if is_resolvable_temporal(span.text):
            out.append(Span(doc, span.start, span.end, label="DATE"))
    return out


def _numeric_dates(
    doc: Doc, blocked: set[int], taken: set[int], dateline_end: int | None
) -> list[Span]:
    """ "on 09.05.2025", "on 2025-05-09": all-digit dates the NER left out."""
    out = []
    for i, w in enumerate(doc_words(doc)):
        if not w[:1].isdigit() or i in blocked or i in taken:
            continue  # no Token built for words that start with no digit
        if _NUMERIC_DATE.fullmatch(doc[i].text) is None:
            continue
        span = Span(doc, i, i + 1, label="DATE")
        if is_resolvable_temporal(span.text) and _counts(span, dateline_end):
            out.append(span)
    return out


def find_dates(doc: Doc, blocked: set[int], dateline_end: int | None) -> list[Span]:
    """Date spans of a doc: entities first, then vague adverbs NER leaves out.

    Args:
        doc: a parsed doc.
        blocked: tokens of initiative names (a year in "Expo 2030" dates nothing).
        dateline_end: the token after the dateline city, if there is one.
    """
    widened = [
        _widened(ent)
        for ent in doc.ents
        if ent.label_ in ("DATE", "TIME", "EVENT")  # NER tags holidays as EVENT
        and not any(t.i in blocked for t in ent)
    ]
    out = [ent for ent in widened if _counts(ent, dateline_end)]
    out = _join_that_year(_join_trailing_steps(_join_parenthesised(_join_year_offsets(out))))

    out += _calendar_dates(doc, blocked, {t.i for span in out for t in span}, dateline_end)
    out += _relative_days(doc, blocked, {t.i for span in out for t in span})
    out += _numeric_dates(doc, blocked, {t.i for span in out for t in span}, dateline_end)
    taken = {t.i for span in out for t in span}
    extra = _untagged_adverbs(doc) + _untagged_day_phrases(doc)
    return out + [s for s in extra if not any(t.i in taken for t in s)]


def _untagged_day_phrases(doc: Doc) -> list[Span]:
    """ "The same day, X held talks": a day counted from the story's last date that the
    tagger left out (it often does at a paragraph's start)."""
    out = []
    starts = {p.split()[0] for p in words("anchored_day_phrases")}
    for i, word in enumerate(doc_words(doc)):
        if word not in starts:
            continue
        end = match_phrase(doc, i, "anchored_day_phrases")
        if end > i and all(t.ent_type_ == "" for t in doc[i:end]):
            out.append(doc[i:end])
    return out


def _untagged_adverbs(doc: Doc) -> list[Span]:
    """ "recently" (dated {value: null, vague: true}) and "today" where the tagger left it
    out (after a dateline line, "Today, the minister met ...")."""
    adverbs = words("vague_adverbs")
    days = words("deictic_days")
    out = []
    for i, word in enumerate(doc_words(doc)):
        if word not in adverbs and word not in days:
            continue  # most words are neither: no Token built for them
        tok = doc[i]
        if tok.ent_type_ == "" and (
            word in adverbs and tok.dep_ == "advmod" or word in days and "advmod" in tok.dep_
        ):
            out.append(doc[i : i + 1])
    return out
