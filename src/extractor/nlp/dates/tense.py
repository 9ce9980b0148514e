"""Which side of the publication date a date's verb speaks of, when no event status says.

"Jan. 2" in a story of 2 November, "Monday", "this September": a date without its year lies
before or after publication depending on what happens on it. The verb that governs the date
decides: a modal "will"/"shall", or "is to" / "plans to" + verb, means the future. Nothing
else is read: past tense is no guide (a reporting verb, "said", governs dates on either
side), and a future word elsewhere in the sentence often belongs to another clause
(measured on TimeBank: both made gold-span accuracy worse). Nothing found: None, and the
reading's own placing rule applies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractor.nlp.dates import vocab
from extractor.nlp.dates.read import Direction

if TYPE_CHECKING:  # spaCy is only needed by callers that have parsed text
    from spacy.tokens import Span, Token

_FUTURE_MODALS = vocab.words("future_modals")
_FUTURE_GOVERNORS = vocab.words("future_governors")
_MAX_CLIMB = 4  # date -> preposition -> verb, at most a few steps


def _governing_verb(span: Span) -> Token | None:
    """The verb the date hangs from (the date's own head chain, a few steps up)."""
    tok = span.root
    for _ in range(_MAX_CLIMB):
        if tok.pos_ in ("VERB", "AUX") and tok not in span:
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def sentence_direction(span: Span | None) -> Direction | None:
    """The direction a date's governing verb gives it.

    Args:
        span: the date's spaCy ``Span`` in its parsed document, or None.

    Returns:
        ``"future"`` for a modal future or a "to"-complement of a plan word ("is to
        visit", "plans to meet"), otherwise None.
    """
    if span is None or not hasattr(span, "root"):
        return None
    verb = _governing_verb(span)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_MODALS for a in auxes):
        return "future"
    if any(a.lower_ == "to" for a in auxes) and verb.head.lemma_.lower() in _FUTURE_GOVERNORS:
        return "future"
    return None
