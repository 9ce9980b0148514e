"""The date stage's word lists, read once from ``extractor/vocab/dates/*.txt``.

Each file holds one list: a ``#`` header line naming its purpose and source, then one entry
a line. Lists are sets of words; tables map the first word of a line to the rest. Kept
self-contained (not the general vocabulary loader) so the date stage has no other
dependency inside the package.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files

from extractor.errors import ExtractorError

_FOLDER = ("vocab", "dates")


def lines(name: str) -> list[str]:
    """The entries of ``vocab/dates/NAME.txt``, header checked and dropped."""
    where = "/".join((*_FOLDER, f"{name}.txt"))
    try:
        folder = files("extractor").joinpath(_FOLDER[0]).joinpath(_FOLDER[1])
        text = folder.joinpath(f"{name}.txt").read_text(encoding="utf-8")
    except OSError as exc:
        raise ExtractorError(f"{where}: cannot read the date vocabulary ({exc})") from exc
    rows = text.splitlines()
    if not rows or not rows[0].startswith("#"):
        raise ExtractorError(f"{where}: the first line must be a '#' header (purpose, source)")
    return [row.strip() for row in rows[1:] if row.strip() and not row.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """The list ``NAME`` as a set of lowercase entries."""
    return frozenset(line.lower() for line in lines(name))


@cache
def table(name: str) -> dict[str, str]:
    """The table ``NAME``: first word of each line -> the rest of the line."""
    out: dict[str, str] = {}
    for line in lines(name):
        key, _, value = line.partition(" ")
        if not value.strip():
            raise ExtractorError(f"vocab/dates/{name}.txt: no value for {key!r}")
        out[key.lower()] = value.strip()
    return out


def numbers(name: str) -> dict[str, int]:
    """The table ``NAME`` with integer values."""
    try:
        return {k: int(v) for k, v in table(name).items()}
    except ValueError as exc:
        raise ExtractorError(f"vocab/dates/{name}.txt: a value is not a number ({exc})") from exc


def alternation(entries: Iterable[str]) -> str:
    """Entries as a regex alternation, longest first (so "sept" wins over "sep")."""
    return "(?:" + "|".join(re.escape(e) for e in sorted(entries, key=len, reverse=True)) + ")"
