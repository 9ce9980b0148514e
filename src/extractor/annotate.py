"""Stage 3, annotate: the extractor's spaCy components, registered as factories.

- ``extractor_paragraphs``: a paragraph break starts a sentence (headings stay apart).
- ``extractor_rules``: a stock ``span_ruler`` loaded with the package's pattern files
  (titles, ministries, initiatives, triggers), writing to ``doc.spans["extractor"]``.
- ``extractor_events``: resolves mentions and assembles event records into ``doc._.events``.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.resources import load_patterns

RULES_SPANS_KEY = "extractor"

for _name, _default in (("doc_id", None), ("published", None), ("events", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.component("extractor_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence runs across a paragraph."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.factory(
    "extractor_rules",
    default_config={"spans_key": RULES_SPANS_KEY},
)
def make_rules(nlp: Language, name: str, spans_key: str):
    """A stock SpanRuler loaded with the package's patterns (see resources/patterns/)."""
    from spacy.pipeline.span_ruler import SpanRuler

    ruler = SpanRuler(
        nlp,
        name,
        spans_key=spans_key,
        spans_filter=None,
        annotate_ents=False,
        phrase_matcher_attr="LOWER",
        validate=True,
        overwrite=True,
    )
    ruler.add_patterns(load_patterns())
    return ruler


class EventAssembler:
    """Turns the annotated doc into validated-shape event dicts in ``doc._.events``."""

    def __init__(self, nlp: Language, name: str, min_confidence: float) -> None:
        self.name = name
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc) -> Doc:
        from extractor.assemble import assemble

        doc._.events = [e for e in assemble(doc) if e["confidence"] >= self.min_confidence]
        return doc

    def to_disk(self, path: str | Path, exclude: tuple = ()) -> None:
        """No state beyond the config; present so saved pipelines round-trip."""
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, exclude: tuple = ()) -> EventAssembler:
        return self


@Language.factory("extractor_events", default_config={"min_confidence": 0.0})
def make_events(nlp: Language, name: str, min_confidence: float) -> EventAssembler:
    """Mention resolution and event assembly."""
    return EventAssembler(nlp, name, min_confidence)
