"""The genre vocabulary (offices, portfolios, initiative heads) and world knowledge
(countries, demonyms, cities), loaded once from package data and validated."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

import pycountry
from pydantic import BaseModel, ConfigDict, ValidationError

from extractor.errors import ExtractorError


class Lexicon(BaseModel):
    """``resources/lexicon.json``."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    honorifics: frozenset[str]
    office_heads: frozenset[str]
    office_modifiers: frozenset[str]
    portfolios: frozenset[str]
    portfolio_adjectives: dict[str, str]
    initiative_heads: frozenset[str]
    event_heads: frozenset[str]
    meeting_bodies: frozenset[str]
    lowercase_initiatives: frozenset[str]
    facility_heads: frozenset[str]
    vague_cooperation_objects: frozenset[str]
    vague_cooperation_verbs: frozenset[str]


def _read_tsv(name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    text = files("extractor.resources").joinpath(name).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or len(parts[1]) != 3 or not parts[1].isupper():
            raise ExtractorError(f"resources/{name}:{number}: expected 'name<TAB>ALPHA3'")
        out[parts[0].strip().casefold()] = parts[1]
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The validated lexicon (cached)."""
    raw = files("extractor.resources").joinpath("lexicon.json").read_text(encoding="utf-8")
    try:
        return Lexicon.model_validate(json.loads(raw))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise ExtractorError(f"resources/lexicon.json: {exc}") from exc


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return _read_tsv("countries.tsv")


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    return _read_tsv("cities.tsv")


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
    if folded in _country_names():
        return _country_names()[folded]
    if len(key) <= 3:  # alpha-2/3 codes collide with words ("IT", "MAR"): table only
        return None
    try:
        return pycountry.countries.lookup(key).alpha_3
    except LookupError:
        pass
    if folded.startswith("republic of "):
        return country_code(key[len("republic of ") :])
    return None


def city_country(text: str) -> str | None:
    """The country of a well-known city, or None."""
    return _cities().get(text.strip().casefold())


def place_country(text: str) -> str | None:
    """The country of a place name that is a country or a known city."""
    return country_code(text) or city_country(text)
