"""Where a wire-service dateline ends: "NAIROBI, May 4 (KNA) -", "Accra, May 4, GNA -",
"BEIJING (Xinhua) May 4 --", "MOSCOW, May 4. /TASS/.", "TOKYO, Monday (Kyodo) -",
"ISLAMABAD:".

The dateline is no part of the first sentence (its city is no subject, its date dates no
event): :mod:`extractor.nlp.components` starts a sentence after it and
:mod:`extractor.nlp.mentions.dates` drops the dates inside it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc

from extractor.vocab import words

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_NUMERIC = r"\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{2}-\d{2}"  # "17.09.2025", "2025-09-17"
_DATE = (
    rf"(?i:(?:{_WEEKDAY},?\s*)?(?:{_DAY}\s+{_MONTH}|{_MONTH}\s+{_DAY})(?:,?\s*\d{{4}}|/\d{{4}})?"
    rf"|{_WEEKDAY}|{_NUMERIC}|\({_MONTH}\s+{_DAY}\))"
)
# "(Xinhua)", "/TASS/", ", GNA": an agency in brackets, slashes, or capitals after a comma
_AGENCY = r"(?:\([A-Za-z .&'-]{2,30}\)|/[A-Za-z .-]{2,20}/)"
_CAPS_AGENCY = r"[A-Z]{2,12}"
_CAPS_CITY = r"[A-Z][A-Z'.-]+(?:[ -][A-Z][A-Z'.-]+){0,2}"
_CITY = r"[A-Z][A-Za-z'.-]+(?:[ -][A-Z][A-Za-z'.-]+){0,2}"
_COUNTRY = r"(?:,\s*[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?(?=\s*[,(/]))?"
_PARTS = rf"(?:[,.]?\s*(?:{_DATE}|{_AGENCY}|(?<=,\s){_CAPS_AGENCY}|(?<=\.\s){_CAPS_AGENCY}))"
_SEP = r"\s*(?:--|[-\u2013\u2014:]|\.)(?=\s+[\"'A-Z(])"
# nothing after "(KNA)" ("(UzA) Foreign Minister"), or the line's end ("Baku, May 4, AZERTAC")
_END = rf"(?:{_SEP}|(?<=\))(?=\s+[A-Z])|(?=[ \t]*\n))"
_LINE = r"(?:^|\n)[ \t]*"
_HEADS = (
    # a city with a date or an agency, then a dash, a colon, a dot, or nothing after "(KNA)"
    re.compile(rf"{_LINE}(?P<head>(?P<city>{_CITY}){_COUNTRY}{_PARTS}{{1,3}}{_END})"),
    # the date first: "13 May 2025, Addis Ababa -"
    re.compile(rf"{_LINE}(?P<head>{_DATE},?\s+(?P<city>{_CITY}){_COUNTRY}{_PARTS}{{0,2}}{_SEP})"),
    # a city in capitals alone before a dash or colon: "ISLAMABAD -", "ISLAMABAD:"
    re.compile(
        rf"{_LINE}(?P<head>(?P<city>{_CAPS_CITY})\s*(?:--|[-\u2013\u2014:]))(?=\s+[\"'A-Z])"
    ),
    # a city alone before a colon at the very start: "New Delhi: External Affairs Minister"
    re.compile(rf"^[ \t]*(?P<head>(?P<city>{_CITY}):)(?=\s+[\"'A-Z])"),
)
_REACH = 400  # characters from the start of the text
_TOKENS = 120  # the text of this many tokens holds the reach


class Dateline(NamedTuple):
    """A dateline's characters (``end`` after its separator) and its city's."""

    start: int
    end: int
    city_start: int
    city_end: int


def dateline_span(text: str) -> Dateline | None:
    """The first dateline within the text's first lines; None if there is none."""
    head = text[:_REACH]
    found = [
        m
        for m in (rx.search(head) for rx in _HEADS)
        if m is not None and m.group("city").lower() not in words("credit_labels")
    ]
    if not found:
        return None
    m = min(found, key=lambda m: m.start("head"))
    return Dateline(m.start("head"), m.end("head"), m.start("city"), m.end("city"))


_HEAD_KEY = "extractor.head_text"
_DATELINE_KEY = "extractor.dateline"


def head_text(doc: Doc) -> str:
    """The text of the doc's first tokens (it holds the reach), built once per doc (a
    working cache, dropped by :func:`extractor.nlp.words.forget`)."""
    cached = doc.user_data.get(_HEAD_KEY)
    if cached is None:
        cached = doc[:_TOKENS].text
        doc.user_data[_HEAD_KEY] = cached
    return cached


def doc_dateline(doc: Doc) -> Dateline | None:
    """:func:`dateline_span` of a doc's head, found once per doc."""
    if _DATELINE_KEY not in doc.user_data:
        found = dateline_span(head_text(doc))
        doc.user_data[_DATELINE_KEY] = None if found is None else tuple(found)
    cached = doc.user_data[_DATELINE_KEY]
    return None if cached is None else Dateline(*cached)


def forget_dateline(doc: Doc) -> None:
    """Drop the per-doc caches of this module."""
    doc.user_data.pop(_HEAD_KEY, None)
    doc.user_data.pop(_DATELINE_KEY, None)
