"""Shared fixtures: one full pipeline per test session, and a way to run a text through it.

The model is loaded lazily by the session-scoped ``nlp`` fixture (never at import time), so
rule-only tests that use ``spacy.blank("en")`` pay nothing for it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from extractor.ingest.load import RawDocument
from extractor.models import DocumentMeta
from extractor.pipeline import DocumentResult, Extractor, load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The default model with the extractor's components (``load_pipeline()``)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def extract(nlp: Language) -> Callable[..., DocumentResult]:
    """``extract(text, published=None, doc_id="t")``: run one raw text through ``Extractor``."""
    extractor = Extractor(nlp=nlp)

    def run(text: str, published: str | None = None, doc_id: str = "t") -> DocumentResult:
        raw = RawDocument(
            doc_id=doc_id,
            source=f"{doc_id}.txt",
            meta=DocumentMeta(published=published),
            raw_text=text,
        )
        return extractor.process(raw)

    return run
