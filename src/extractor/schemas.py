"""JSON Schemas of the output records, generated from the pydantic models, never by hand.

``docs/schema/NAME.schema.json`` holds one file per record (``event``, ``document``,
``error``); a test keeps them equal to what this module generates. Regenerate them with
``python -m extractor.schemas docs/schema`` after changing a model. Another record (the
evaluation report) joins by adding its model to :data:`SCHEMA_MODELS`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from extractor.models import DocumentRecord, ErrorRecord, Event

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID_BASE = "urn:diplomatic-event-extractor:schema:"

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "event": Event,
    "document": DocumentRecord,
    "error": ErrorRecord,
}


def json_schema(name: str) -> dict:
    """The schema of record ``name``, with ``$schema`` and ``$id`` first."""
    model = SCHEMA_MODELS[name]
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": f"{SCHEMA_ID_BASE}{name}",
        **model.model_json_schema(),
    }


def schema_text(name: str) -> str:
    """The file text of record ``name``'s schema (stable: same models, same bytes)."""
    return json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_MODELS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    for written_path in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/schema")):
        print(written_path)
