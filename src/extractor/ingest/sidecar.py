"""The sidecar ``NAME.meta.json`` beside a document: its metadata, validated.

Read as UTF-8 with or without a byte order mark. ``published`` is a date (``2025-03-04``)
or an ISO datetime (``2025-03-04T10:00:00Z``, whose date as written is kept). Whatever
cannot be written back as JSON is refused here, with the sidecar named, so that it never
reaches the batch writer: structures nested deeper than :data:`MAX_DEPTH` (pydantic's
serializer and ``json`` both give up on deep nesting), ``NaN``/``Infinity`` and numbers too
long to convert.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.errors import DocumentError
from extractor.ingest.limits import DEFAULT_LIMITS, ReadLimits
from extractor.models import DocumentMeta

#: Deepest nesting of lists and objects accepted in a sidecar (real metadata is 1 or 2 deep).
MAX_DEPTH = 32
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SURROGATE = re.compile("[\ud800-\udfff]")


def sidecar_path(path: Path) -> Path:
    """``NAME.meta.json`` beside ``NAME.txt`` / ``NAME.pdf``."""
    return path.with_name(path.stem + ".meta.json")


def read_meta(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> DocumentMeta:
    """Read and validate the sidecar metadata of ``path`` (empty when there is none).

    Raises:
        DocumentError: naming the sidecar: unreadable, not JSON, too deep, or not the
            documented shape (an impossible date included).
    """
    meta_path = sidecar_path(Path(path))
    if not meta_path.exists():
        return DocumentMeta()
    from extractor.ingest.load import read_bytes

    return parse_meta(read_bytes(meta_path, limits), str(meta_path))


def parse_meta(data: bytes, source: str) -> DocumentMeta:
    """Validate a sidecar's bytes.

    Args:
        data: The sidecar file's content.
        source: The sidecar's path, for error messages.

    Returns:
        The metadata, ``published`` as ``YYYY-MM-DD``.

    Raises:
        DocumentError: naming ``source`` and the reason.
    """
    try:
        value = json.loads(data.decode("utf-8-sig"), parse_constant=_no_constant)
    except UnicodeDecodeError as exc:
        raise DocumentError(source, f"sidecar is not UTF-8: {exc}") from exc
    except RecursionError as exc:
        raise DocumentError(source, f"sidecar nested deeper than {MAX_DEPTH} levels") from exc
    except ValueError as exc:  # JSONDecodeError, NaN, a number of thousands of digits
        raise DocumentError(source, f"sidecar is not valid JSON: {exc}") from exc
    _check_structure(value, source)
    if isinstance(value, dict) and "published" in value:
        value["published"] = _published(value["published"], source)
    try:
        return DocumentMeta.model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise DocumentError(source, f"sidecar field {where!r}: {first['msg']}") from exc


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _check_structure(value: Any, source: str) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` and strings that are not Unicode (a
    ``\\ud800`` escape decodes to a lone surrogate, which no UTF-8 file can hold); walked
    without recursion."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            _check_string(item, source)
        if not isinstance(item, (dict, list)):
            continue
        if depth > MAX_DEPTH:
            raise DocumentError(source, f"sidecar nested deeper than {MAX_DEPTH} levels")
        if isinstance(item, dict):
            stack.extend((key, depth) for key in item)
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)


def _check_string(text: str, source: str) -> None:
    match = _SURROGATE.search(text)
    if match:
        code = f"U+{ord(match.group()):04X}"
        raise DocumentError(source, f"sidecar holds a lone surrogate ({code}): not valid Unicode")


def _published(value: Any, source: str) -> Any:
    """``published`` as ``YYYY-MM-DD``: a date as it is, an ISO datetime cut to its date."""
    if not isinstance(value, str):
        return value  # null stays null; other types are refused by the model
    text = value.strip()
    try:
        if _DATE.match(text):
            return dt.date.fromisoformat(text).isoformat()
        # Python 3.10's fromisoformat does not read "Z"; the date as written is kept either way.
        parsed = dt.datetime.fromisoformat(re.sub(r"[zZ]$", "+00:00", text))
    except ValueError as exc:
        if _DATE.match(text):
            reason = f"impossible date {value!r} ({exc})"
        else:
            reason = f"not a date: {value!r} (expected YYYY-MM-DD or an ISO datetime)"
        raise DocumentError(source, f"sidecar field 'published': {reason}") from exc
    return parsed.date().isoformat()
