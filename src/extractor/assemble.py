"""Stage 5, assemble: annotated doc -> event records (dicts in the shape of models.Event)."""

from __future__ import annotations

from spacy.tokens import Doc


def assemble(doc: Doc) -> list[dict]:
    """Placeholder until the rules land."""
    return []
