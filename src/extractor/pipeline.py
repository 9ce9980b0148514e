"""The whole pipeline for one process: load -> clean -> spaCy (parse, rules, mentions, dates,
events; see :mod:`extractor.nlp.components`) -> validate.

:class:`Extractor` loads the spaCy model once and turns :class:`RawDocument` objects into
:class:`DocumentResult` objects (the ``documents.jsonl`` record plus validated events),
streaming through ``nlp.pipe``. Batching, workers and output files live in
:mod:`extractor.batch`; this module knows nothing of files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractor.config import (  # noqa: F401  (re-exported: the public names)
    DEFAULT_MODEL,
    MODEL_ENV_VAR,
    missing_model_error,
    resolve_model_name,
)
from extractor.errors import DocumentError
from extractor.ingest.clean import clean_text
from extractor.ingest.load import RawDocument
from extractor.models import DocumentRecord, Event

# Characters per spaCy call; longer texts are refused with a clear error (the parser and NER
# need about 1 GB per 100k characters, and no press article is this long).
MAX_CHARS = 1_000_000


def load_pipeline(model: str | None = None) -> Language:
    """Load the spaCy model and add the extractor's components.

    Raises:
        ModelNotFoundError: the model package is not installed (with how to install it).
    """
    name = resolve_model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise missing_model_error(name) from exc
    add_extractor_pipes(nlp)
    return nlp


def add_extractor_pipes(nlp: Language) -> Language:
    """Add the extractor's stages to any English pipeline with a parser and NER.

    Stages already present are kept; missing ones are added in pipeline order (see
    :mod:`extractor.nlp.components`).
    """
    from extractor.nlp.components import STAGES  # registers the factories

    before = "parser" if "parser" in nlp.pipe_names else None
    if "extractor_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("extractor_paragraphs", before=before)
    for n, name in enumerate(STAGES):
        if name in nlp.pipe_names:
            continue
        later = [s for s in STAGES[n + 1 :] if s in nlp.pipe_names]
        if later:
            nlp.add_pipe(name, before=later[0])
        else:
            nlp.add_pipe(name, last=True)
    return nlp


@dataclass
class DocumentResult:
    """What one document yields: its ``documents.jsonl`` record and its events."""

    record: DocumentRecord
    events: list[Event]


def publication_date(raw: RawDocument, text: str) -> dt.date | None:
    """The sidecar's ``published`` date, else one stated in the text, else None."""
    from extractor.nlp.dates import find_published_date

    if raw.meta.published:
        return dt.date.fromisoformat(raw.meta.published)
    return find_published_date(text)


class Extractor:
    """One loaded pipeline, reused for every document of a process.

    Args:
        model: spaCy model name (see :func:`resolve_model_name`).
        nlp: An already loaded pipeline with the extractor's components (overrides model).
    """

    def __init__(self, model: str | None = None, nlp: Language | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline(model)

    def _prepare(self, raw: RawDocument) -> tuple[str, dict]:
        text = clean_text(raw.raw_text).text
        if len(text) > MAX_CHARS:
            raise DocumentError(
                raw.source, f"text too long: {len(text):,} characters (limit {MAX_CHARS:,})"
            )
        if not text.strip():
            raise DocumentError(raw.source, "no text left after cleaning")
        published = publication_date(raw, text)
        return text, {"doc_id": raw.doc_id, "published": published}

    def _result(self, raw: RawDocument, doc: Doc) -> DocumentResult:
        events = [Event.model_validate(e) for e in doc._.events]
        published = doc._.published
        record = DocumentRecord(
            doc_id=raw.doc_id,
            source=raw.source,
            meta=raw.meta,
            published=published.isoformat() if published else None,
            published_from=("sidecar" if raw.meta.published else "text") if published else None,
            text=doc.text,
            warnings=list(raw.warnings),
        )
        return DocumentResult(record=record, events=events)

    def process(self, raw: RawDocument) -> DocumentResult:
        """Extract the events of one document.

        Raises:
            DocumentError: the document cannot be processed (the reason is in the message).
        """
        text, context = self._prepare(raw)
        doc = self.nlp.make_doc(text)
        doc._.doc_id = context["doc_id"]
        doc._.published = context["published"]
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        return self._result(raw, doc)

    def process_many(
        self, raws: Iterable[RawDocument], batch_size: int = 16
    ) -> Iterator[DocumentResult | DocumentError]:
        """Stream documents through ``nlp.pipe``, in input order.

        A document that fails to prepare yields its :class:`DocumentError` in its place; the
        stream goes on. (An exception inside the spaCy batch is the caller's to isolate, by
        re-running that batch's documents one at a time with :meth:`process`.)
        """
        prepared: list[tuple[RawDocument, tuple[str, dict] | DocumentError]] = []
        for raw in raws:
            try:
                prepared.append((raw, self._prepare(raw)))
            except DocumentError as exc:
                prepared.append((raw, exc))
        ok = [item for _, item in prepared if not isinstance(item, DocumentError)]
        docs = iter(self.nlp.pipe(self._with_context(ok), batch_size=batch_size))
        for raw, item in prepared:
            if isinstance(item, DocumentError):
                yield item
            else:
                yield self._result(raw, next(docs))

    def _with_context(self, items: list[tuple[str, dict]]) -> Iterator[Doc]:
        for text, ctx in items:
            doc = self.nlp.make_doc(text)
            doc._.doc_id = ctx["doc_id"]
            doc._.published = ctx["published"]
            yield doc
