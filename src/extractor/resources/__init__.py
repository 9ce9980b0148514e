"""Package data: spaCy patterns and gazetteers, loaded with importlib.resources and validated."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

from pydantic import BaseModel, ConfigDict, ValidationError

from extractor.errors import ExtractorError


class PatternRecord(BaseModel):
    """One line of a pattern file, in spaCy's ``{"label", "pattern", "id"}`` format."""

    model_config = ConfigDict(extra="forbid")
    label: str
    pattern: str | list[dict]
    id: str | None = None


def _read_jsonl(name: str) -> list[dict]:
    resource = files("extractor.resources").joinpath(name)
    rows = []
    for number, line in enumerate(resource.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("//"):
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ExtractorError(f"resources/{name}:{number}: invalid JSON: {exc}") from exc
    return rows


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict, ...]:
    out = []
    folder = files("extractor.resources").joinpath("patterns")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".jsonl"):
            continue
        for row in _read_jsonl(f"patterns/{entry.name}"):
            try:
                out.append(PatternRecord.model_validate(row).model_dump(exclude_none=True))
            except ValidationError as exc:
                raise ExtractorError(f"resources/patterns/{entry.name}: {exc}") from exc
    return tuple(out)


def load_patterns() -> list[dict]:
    """All span_ruler patterns of the package (a fresh list: callers may not mutate ours)."""
    return [dict(p) for p in _patterns()]
