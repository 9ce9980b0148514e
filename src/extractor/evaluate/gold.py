"""Loading gold files, predicted events and documents, refusing what is not what it claims.

Every refusal is one line naming the file, the line number where there is one, and the
reason, raised as :class:`~extractor.errors.ExtractorError` (the CLI exits 2 on it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from extractor.errors import ExtractorError
from extractor.models import (
    EVENT_TYPES,
    Codes,
    EventDate,
    EventStatus,
    EventType,
    GoldInitiative,
    GoldLocation,
    GoldMinistry,
    GoldOfficial,
    TextSpan,
)

EVENTS_FILE = "events.jsonl"
DOCUMENTS_FILE = "documents.jsonl"


class GoldEvent(BaseModel):
    """One annotated event of a gold file (EVENTS.md section 4)."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(min_length=1)
    type: EventType
    status: EventStatus
    date: EventDate | None = None
    officials: list[GoldOfficial] = Field(default_factory=list)
    ministries: list[GoldMinistry] = Field(default_factory=list)
    initiatives: list[GoldInitiative] = Field(default_factory=list)
    location: GoldLocation | None = None
    # Gold made by correcting extractor output may keep these; they are never scored.
    schema_version: str | None = None
    event_id: str | None = None
    trigger: TextSpan | None = None
    evidence: TextSpan | None = None
    confidence: float | None = None
    codes: Codes | None = None


class GoldNoEvents(BaseModel):
    """The line that marks a gold document without events, so false positives count."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(min_length=1)
    type: None


class _PredOfficial(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str | None = None
    title: str | None = None
    aliases: list[str] | None = None


class _PredNamed(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str | None = None
    aliases: list[str] | None = None


class _PredDate(BaseModel):
    model_config = ConfigDict(extra="allow")

    value: str | None = None


class _PredSpan(BaseModel):
    model_config = ConfigDict(extra="allow")

    text: str | None = None
    start: int | None = None
    end: int | None = None


class ScoredEvent(BaseModel):
    """The fields the evaluator reads from any event record, predicted or gold.

    Deliberately permissive (extra keys allowed, everything optional but ``doc_id``) so
    that output of other tools or older schema versions can be scored; it only rejects
    records whose fields have the wrong shape.
    """

    model_config = ConfigDict(extra="allow")

    doc_id: str
    type: str | None = None
    status: str | None = None
    date: _PredDate | None = None
    officials: list[_PredOfficial] = Field(default_factory=list)
    ministries: list[_PredNamed] = Field(default_factory=list)
    initiatives: list[_PredNamed] = Field(default_factory=list)
    location: _PredNamed | None = None
    trigger: _PredSpan | None = None
    evidence: _PredSpan | None = None


def describe(exc: ValidationError) -> str:
    """A pydantic error as one line: ``field: reason; field: reason``."""
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc']) or 'record'}: {err['msg']}" for err in exc.errors()
    )


def _read_jsonl(path: Path, expected: str) -> list[tuple[int, dict]]:
    """Parse a JSONL file into ``(line number, object)``; blank lines are skipped.

    Args:
        path: The file.
        expected: What the file should be, for the message when ``path`` is a folder.

    Raises:
        ExtractorError: the path is a folder, missing or unreadable, or a line is not a
            JSON object.
    """
    if path.is_dir():
        raise ExtractorError(f"{path}: is a folder; expected {expected}")
    if not path.exists():
        raise ExtractorError(f"{path}: no such file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ExtractorError(f"{path}: not UTF-8: {exc}") from exc
    records: list[tuple[int, dict]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ExtractorError(
                f"{path}:{lineno}: invalid JSON: {exc.msg} (column {exc.colno})"
            ) from exc
        if not isinstance(obj, dict):
            raise ExtractorError(
                f"{path}:{lineno}: expected a JSON object, got {type(obj).__name__}"
            )
        records.append((lineno, obj))
    return records


def _not_an_event(obj: dict[str, Any]) -> str | None:
    """Why a record is not an event record, or None when it may be one.

    The other two files ``extractor run`` writes beside ``events.jsonl`` are named, since
    passing one of them by mistake is the usual way to get here.
    """
    if "type" in obj:
        return None
    if "text" in obj and "source" in obj:
        return f"a {DOCUMENTS_FILE} line (doc_id, source, text), not an event record"
    if "error" in obj and "source" in obj:
        return "an errors.jsonl line (a failed document), not an event record"
    return 'no "type" field: not an event record'


def _unknown_value(obj: dict[str, Any]) -> str | None:
    """A readable reason for a gold ``type`` or ``status`` outside the contract."""
    for key, allowed in (("type", EVENT_TYPES), ("status", get_args(EventStatus))):
        value = obj.get(key)
        if value is not None and value not in allowed:
            return f"unknown {key} {value!r} (expected one of {', '.join(allowed)})"
    return None


def load_events(path: Path) -> list[dict]:
    """Read predicted events from a JSONL file.

    Args:
        path: An ``events.jsonl``.

    Returns:
        The records as parsed, in file order.

    Raises:
        ExtractorError: naming file, line number and reason, for a line that is not JSON,
            not an object, not an event record (no ``type``: a documents or errors line),
            or has fields of the wrong shape (e.g. no string ``doc_id``).
    """
    events = []
    for lineno, obj in _read_jsonl(path, f"an {EVENTS_FILE} file"):
        reason = _not_an_event(obj)
        if reason is not None:
            raise ExtractorError(f"{path}:{lineno}: {reason}")
        try:
            ScoredEvent.model_validate(obj)
        except ValidationError as exc:
            raise ExtractorError(f"{path}:{lineno}: {describe(exc)}") from exc
        events.append(obj)
    return events


def _gold_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.glob("*.jsonl") if p.is_file())
        if not files:
            raise ExtractorError(f"{path}: no *.jsonl gold files in this folder")
        return files
    if path.is_file():
        return [path]
    raise ExtractorError(f"{path}: no such file or folder")


def _validate_gold(file: Path, lineno: int, obj: dict[str, Any]) -> bool:
    """Validate one gold line; returns whether it is the no-events marker."""
    reason = _not_an_event(obj) or _unknown_value(obj)
    if reason is not None:
        raise ExtractorError(f"{file}:{lineno}: {reason}")
    no_events = obj["type"] is None
    model = GoldNoEvents if no_events else GoldEvent
    try:
        model.model_validate(obj)
    except ValidationError as exc:
        raise ExtractorError(f"{file}:{lineno}: {describe(exc)}") from exc
    return no_events


def load_gold(path: Path) -> list[dict]:
    """Read gold events from a ``.jsonl`` file or a folder of them (``*.jsonl``, sorted).

    Each line is validated as a :class:`GoldEvent` or, when its ``type`` is null, as the
    :class:`GoldNoEvents` marker of a document without events.

    Args:
        path: A gold file or folder.

    Returns:
        The records as parsed, files in name order, lines in file order.

    Raises:
        ExtractorError: naming file and line, for a malformed record, an unknown type or
            status, a line that is not an event record, or a document that has both the
            no-events marker and events; or when the folder holds no gold file.
    """
    records: list[dict] = []
    first_seen: dict[tuple[str, bool], str] = {}
    for file in _gold_files(path):
        for lineno, obj in _read_jsonl(file, "a gold .jsonl file"):
            no_events = _validate_gold(file, lineno, obj)
            doc_id = obj["doc_id"]
            other = first_seen.get((doc_id, not no_events))
            if other is not None:
                raise ExtractorError(
                    f"{file}:{lineno}: document {doc_id!r} has both events and a "
                    f'{{"type": null}} no-events line (see {other})'
                )
            first_seen.setdefault((doc_id, no_events), f"{file}:{lineno}")
            records.append(obj)
    return records


def resolve_pred(path: Path) -> Path:
    """The events file meant by PRED: the file itself, or ``events.jsonl`` in a run folder.

    Raises:
        ExtractorError: a folder without ``events.jsonl``, or nothing at the path.
    """
    if path.is_dir():
        inside = path / EVENTS_FILE
        if not inside.is_file():
            # A folder of .jsonl files is most likely gold given second: say so.
            hint = " (a gold folder? the order is GOLD PRED)" if any(path.glob("*.jsonl")) else ""
            raise ExtractorError(
                f"{path}: is a folder without {EVENTS_FILE}; give the {EVENTS_FILE} "
                f"written by `extractor run`{hint}"
            )
        return inside
    if not path.exists():
        raise ExtractorError(f"{path}: no such file")
    return path


def load_documents(path: Path) -> dict[str, str]:
    """Read the cleaned texts of a ``documents.jsonl`` (or a run folder holding one).

    Args:
        path: A ``documents.jsonl`` or the folder ``extractor run`` wrote it to.

    Returns:
        doc id -> cleaned text.

    Raises:
        ExtractorError: naming file and line, for a line without string ``doc_id`` and
            ``text`` (an events file given by mistake is named as such).
    """
    if path.is_dir() and (path / DOCUMENTS_FILE).is_file():
        path = path / DOCUMENTS_FILE
    texts: dict[str, str] = {}
    for lineno, obj in _read_jsonl(path, f"a {DOCUMENTS_FILE} file"):
        if "type" in obj and "text" not in obj:
            raise ExtractorError(f"{path}:{lineno}: an event record, not a {DOCUMENTS_FILE} line")
        doc_id, text = obj.get("doc_id"), obj.get("text")
        if not isinstance(doc_id, str) or not isinstance(text, str):
            raise ExtractorError(f"{path}:{lineno}: expected string doc_id and text")
        texts[doc_id] = text
    return texts
