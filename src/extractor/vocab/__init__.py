"""The package's vocabulary as data: one validated, cached loader for every file here.

- ``words/<name>.txt``: one word list per file; the first line is a ``#`` header saying
  what the list is for and where it comes from; then one entry per line, no duplicates.
- ``*.tsv``: two-column tables (``countries.tsv``, ``cities.tsv``, ``capitals.tsv``,
  ``portfolio_adjectives.tsv``),
  ``#`` lines are comments.
- ``event_types.json``: per event type, its CAMEO/PLOVER codes, context role and required slots.
- ``patterns/*.jsonl``: spaCy ``span_ruler`` patterns (``//`` lines are comments).

Every loader raises :class:`~extractor.errors.ExtractorError` naming the file and line.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib.resources import files
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from extractor.errors import ExtractorError

_PACKAGE = "extractor.vocab"


def _read(name: str) -> str:
    try:
        return files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError) as exc:
        raise ExtractorError(f"vocab/{name}: cannot read: {exc}") from exc


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``words/<name>.txt``, in file order (order matters for some lists).

    Raises:
        ExtractorError: the file is missing, has no ``#`` header, or repeats an entry.
    """
    path = f"words/{name}.txt"
    lines = _read(path).splitlines()
    if not lines or not lines[0].startswith("# ") or len(lines[0]) < 10:
        raise ExtractorError(
            f"vocab/{path}:1: the first line must be a '# purpose and source' header"
        )
    out: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(lines[1:], 2):
        entry = line.strip()
        if not entry:
            continue
        if entry.startswith("#"):
            raise ExtractorError(f"vocab/{path}:{number}: only the first line may be a comment")
        if entry in seen:
            raise ExtractorError(f"vocab/{path}:{number}: duplicate entry {entry!r}")
        seen.add(entry)
        out.append(entry)
    if not out:
        raise ExtractorError(f"vocab/{path}: empty list")
    return tuple(out)


@cache
def words(name: str) -> frozenset[str]:
    """``words/<name>.txt`` as a set (see :func:`word_list`)."""
    return frozenset(word_list(name))


def list_names() -> list[str]:
    """Names of every word list in the package."""
    folder = files(_PACKAGE).joinpath("words")
    return sorted(e.name[:-4] for e in folder.iterdir() if e.name.endswith(".txt"))


@cache
def table(name: str, code_column: bool = False) -> dict[str, str]:
    """A two-column ``<name>.tsv`` as ``{casefolded key: value}``.

    Args:
        name: the file name without ``.tsv``.
        code_column: the value must be an ISO 3166-1 alpha-3 code.
    """
    out: dict[str, str] = {}
    for number, line in enumerate(_read(f"{name}.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        bad_code = code_column and (len(parts[-1]) != 3 or not parts[-1].isupper())
        if len(parts) != 2 or bad_code:
            shape = "name<TAB>ALPHA3" if code_column else "key<TAB>value"
            raise ExtractorError(f"vocab/{name}.tsv:{number}: expected '{shape}'")
        key = parts[0].strip().casefold()
        if key in out:
            raise ExtractorError(f"vocab/{name}.tsv:{number}: duplicate key {parts[0]!r}")
        out[key] = parts[1]
    return out


class EventTypeSpec(BaseModel):
    """One entry of ``event_types.json``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    cameo: str | None
    plover: str | None
    context_role: Literal["context", "sub"] | None
    required_slots: tuple[Literal["officials", "initiatives", "date", "location"], ...]
    ceremony: bool = False  # a ceremony named beside it is a HOSTED_EVENT of its own


@lru_cache(maxsize=1)
def event_types() -> dict[str, EventTypeSpec]:
    """``event_types.json``: type name -> its codes, context role and required slots."""
    try:
        raw = json.loads(_read("event_types.json"))
        return {k: EventTypeSpec.model_validate(v) for k, v in raw.items() if not k.startswith("_")}
    except (json.JSONDecodeError, ValidationError) as exc:
        raise ExtractorError(f"vocab/event_types.json: {exc}") from exc


class PatternRecord(BaseModel):
    """One line of a pattern file, in spaCy's ``{"label", "pattern", "id"}`` format."""

    model_config = ConfigDict(extra="forbid")
    label: str
    pattern: str | list[dict]
    id: str | None = None


def _read_jsonl(name: str) -> list[PatternRecord]:
    rows = []
    for number, line in enumerate(_read(name).splitlines(), 1):
        if not line.strip() or line.startswith("//"):
            continue
        try:
            rows.append(PatternRecord.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise ExtractorError(f"vocab/{name}:{number}: {exc}") from exc
    return rows


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict, ...]:
    out: list[dict] = []
    folder = files(_PACKAGE).joinpath("patterns")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".jsonl"):
            out.extend(
                r.model_dump(exclude_none=True) for r in _read_jsonl(f"patterns/{entry.name}")
            )
    return tuple(out)


def load_patterns() -> list[dict]:
    """All span_ruler patterns of the package (a fresh list: callers may not mutate ours)."""
    return [dict(p) for p in _patterns()]


def validate_all() -> None:
    """Load every vocabulary file once (each loader validates)."""
    for name in list_names():
        word_list(name)
    for name, is_code in (
        ("countries", True),
        ("cities", True),
        ("portfolio_adjectives", False),
        ("capitals", False),
    ):
        table(name, is_code)
    event_types()
    _patterns()
