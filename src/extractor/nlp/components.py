"""The extractor's stages as registered spaCy components, in pipeline order.

Each stage writes typed results to ``doc.spans[<key>]`` (the key comes from the
component's config, whose default is defined once here) and its attributes to a Span or
Doc extension of its own (``span._.extractor_official``, ``doc._.extractor_persons``...).
A later stage reads only what earlier stages stored, under the keys of its own config.

======================  ===========================  =======================================
factory                 writes                       reads
======================  ===========================  =======================================
extractor_paragraphs    sentence starts              line breaks
extractor_rules         spans[rules] (TRIGGER)       ``vocab/patterns/*.jsonl``
extractor_officials     spans[officials],            parse, NER
                        doc._.extractor_persons
extractor_ministries    spans[ministries]            tokens
extractor_initiatives   spans[initiatives]           spans[officials]
extractor_places        spans[places],               spans[officials], spans[initiatives]
                        spans[dateline]
extractor_dates         spans[dates]                 spans[initiatives], spans[dateline]
extractor_events        spans[events], doc._.events  everything above
======================  ===========================  =======================================

The factories are declared under ``[project.entry-points.spacy_factories]`` so that a saved
pipeline loads with ``spacy.load`` in a process that never imported this module.
"""

from __future__ import annotations

import itertools
import warnings
from pathlib import Path
from typing import Any, cast

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from extractor.nlp.dateline import doc_dateline
from extractor.nlp.events.base import EventInputs
from extractor.nlp.events.record import build_events
from extractor.nlp.mentions import DocMentions, doc_mentions
from extractor.nlp.mentions.base import read_mentions, tokens_of, write_mentions, write_persons
from extractor.nlp.mentions.dates import find_dates
from extractor.nlp.mentions.initiatives import find_initiatives, headings
from extractor.nlp.mentions.ministries import find_ministries
from extractor.nlp.mentions.officials import find_officials
from extractor.nlp.mentions.places import find_dateline, find_places
from extractor.nlp.ruler import ArraySpanRuler
from extractor.nlp.words import forget
from extractor.vocab import load_patterns, words

# Default span keys: the one place they are written down.
RULES_KEY = "extractor"
OFFICIALS_KEY = "extractor_officials"
MINISTRIES_KEY = "extractor_ministries"
INITIATIVES_KEY = "extractor_initiatives"
PLACES_KEY = "extractor_places"
DATELINE_KEY = "extractor_dateline"
DATES_KEY = "extractor_dates"
EVENTS_KEY = "extractor_events"

for _name in ("doc_id", "published", "events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
for _name in ("extractor_persons", "extractor_host_country"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Span.has_extension("extractor_event"):
    Span.set_extension("extractor_event", default=None)


class _Stateless:
    """A component with no state beyond its config; present so saved pipelines round-trip."""

    def to_disk(self, path: str | Path, exclude: tuple = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, exclude: tuple = ()) -> _Stateless:
        return self


@Language.component("extractor_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence runs across a paragraph, and
    none after an honorific's dot ("Hon. Jane Roe")."""
    honorifics = words("honorifics")
    # the tokens' texts, read once: a Token is rebuilt on every access (a token is a space
    # when its text is, and its lower-case form is its text's, as spaCy's lexeme sets them)
    texts = [t.text for t in doc]
    starts: dict[int, bool] = {}  # token -> sentence start or not; the last word wins
    for i, text in enumerate(texts[:-2]):
        if "\n" in text and text.isspace():
            starts[i + 1] = True
            _hold_first_sentence(texts, i + 1, starts)
        elif text.lower() in honorifics and texts[i + 1] == ".":
            starts[i + 2] = False  # "Hon. Jane Roe": no sentence ends
    if len(doc) >= 2 and texts[-2].isspace() and "\n" in texts[-2]:
        starts[len(doc) - 1] = True
    _set_dateline_apart(doc, texts, starts)
    _set_sent_starts(doc, starts)
    return doc


def _set_sent_starts(doc: Doc, starts: dict[int, bool]) -> None:
    """Write the sentence starts in one array pass (``Token.is_sent_start = ...`` scans the
    whole doc for a parse on every assignment)."""
    if not starts:
        return
    array = doc.to_array([SENT_START]).astype("int64").reshape(-1, 1)
    for i, start in starts.items():
        array[i, 0] = 1 if start else -1
    doc.from_array([SENT_START], cast(Any, array.astype("uint64")))  # an Ints2d


_SENTENCE_ENDS = (".", "!", "?", "...", "\u2026")


def _set_dateline_apart(doc: Doc, texts: list[str], starts: dict[int, bool]) -> None:
    """ "NAIROBI, May 4 (KNA) - Kenya and Uganda on Monday held talks": the dateline is a
    sentence of its own (its city no subject), never split inside ("May 4. /TASS/."), and
    the sentence after it runs to its first full stop (the parser would otherwise split
    after its first word)."""
    found = doc_dateline(doc)
    if found is None:
        return
    start, end = found.start, found.end
    after = next((t.i for t in doc if t.idx >= end and not t.is_space), None)
    if after is None:
        return
    for token in doc[1:after]:
        if token.idx > start:
            starts[token.i] = False
    starts[after] = True
    _hold_first_sentence(texts, after, starts)


def _hold_first_sentence(texts: list[str], start: int, starts: dict[int, bool]) -> None:
    """The sentence starting at ``start`` (a paragraph's, or the one after a dateline) runs
    to its first full stop or line end: the parser would otherwise split "Kenya and Somalia
    on Tuesday held talks" after its first word (``texts``: the doc's token texts)."""
    for i in range(start + 1, len(texts)):
        prev = texts[i - 1]
        if prev.isspace() or texts[i].isspace() or prev in _SENTENCE_ENDS:
            return
        starts[i] = False


# The ruler's phrase patterns match LOWER only; a saved pipeline re-adds them through its
# tagger on load, which spaCy reports as W012 (slower, harmless): not a user's concern.
warnings.filterwarnings("ignore", message=r"\[W012\]", category=UserWarning)


@Language.factory("extractor_rules", default_config={"spans_key": RULES_KEY})
def make_rules(nlp: Language, name: str, spans_key: str) -> ArraySpanRuler:
    """A stock SpanRuler (fixed-length patterns by array lookup) loaded with the package's
    patterns (``vocab/patterns/``)."""
    ruler = ArraySpanRuler(
        nlp,
        name,
        spans_key=spans_key,
        spans_filter=None,
        annotate_ents=False,
        phrase_matcher_attr="LOWER",
        validate=True,
        overwrite=True,
    )
    # phrase patterns match LOWER only: tokenize them, run no component (a pipeline being
    # loaded from disk has no weights yet)
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(as_phrases(load_patterns()))
    return ruler


def _phrase_words(token: dict) -> list[str] | None:
    """The words a token pattern of LOWER alone matches ({"LOWER": x} or {"LOWER": {"IN":
    [...]}}); None for any other pattern."""
    if set(token) != {"LOWER"}:
        return None
    value = token["LOWER"]
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return list(value["IN"])
    return None


def as_phrases(patterns: list[dict]) -> list[dict]:
    """Token patterns of plain lower-case words become phrase patterns, which the ruler
    matches in one pass whatever their number (token patterns cost a pass each)."""
    out: list[dict] = []
    for pattern in patterns:
        tokens = pattern["pattern"]
        options = [_phrase_words(t) for t in tokens] if isinstance(tokens, list) else [None]
        if any(o is None for o in options):
            out.append(pattern)
            continue
        for words_ in itertools.product(*options):
            out.append({**pattern, "pattern": " ".join(words_)})
    return out


class Officials(_Stateless):
    """Officials and the people they refer to (``doc._.extractor_persons``)."""

    def __init__(self, spans_key: str) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        dateline = find_dateline(doc)
        found = find_officials(doc, dateline.attrs["country"] if dateline else None)
        write_mentions(doc, self.spans_key, "official", found.mentions)
        write_persons(doc, found.persons)
        doc._.extractor_host_country = found.host_country
        return doc


@Language.factory("extractor_officials", default_config={"spans_key": OFFICIALS_KEY})
def make_officials(nlp: Language, name: str, spans_key: str) -> Officials:
    """Officials: title + name, name + title, titles, names, pronouns."""
    return Officials(spans_key)


class Ministries(_Stateless):
    """Ministry mentions."""

    def __init__(self, spans_key: str) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        write_mentions(doc, self.spans_key, "ministry", find_ministries(doc))
        return doc


@Language.factory("extractor_ministries", default_config={"spans_key": MINISTRIES_KEY})
def make_ministries(nlp: Language, name: str, spans_key: str) -> Ministries:
    """Ministries: "Ministry of X", "X Ministry", "the Foreign Office"."""
    return Ministries(spans_key)


class Initiatives(_Stateless):
    """Initiative mentions (never inside an official's title)."""

    def __init__(self, spans_key: str, officials_key: str) -> None:
        self.spans_key = spans_key
        self.officials_key = officials_key

    def __call__(self, doc: Doc) -> Doc:
        officials = read_mentions(doc, self.officials_key, "official")
        titles = tokens_of([m for m in officials if m.attrs.get("title")])
        write_mentions(
            doc, self.spans_key, "initiative", find_initiatives(doc, headings(doc), titles)
        )
        return doc


@Language.factory(
    "extractor_initiatives",
    default_config={"spans_key": INITIATIVES_KEY, "officials_key": OFFICIALS_KEY},
)
def make_initiatives(nlp: Language, name: str, spans_key: str, officials_key: str) -> Initiatives:
    """Initiatives: named agreements, forums, groups, projects and their abbreviations."""
    return Initiatives(spans_key, officials_key)


class Places(_Stateless):
    """Place mentions and the dateline city."""

    def __init__(
        self, spans_key: str, dateline_key: str, officials_key: str, initiatives_key: str
    ) -> None:
        self.spans_key = spans_key
        self.dateline_key = dateline_key
        self.officials_key = officials_key
        self.initiatives_key = initiatives_key

    def __call__(self, doc: Doc) -> Doc:
        officials = read_mentions(doc, self.officials_key, "official")
        initiatives = read_mentions(doc, self.initiatives_key, "initiative")
        # an abbreviation may also be a place's name ("the UAE"): only full names block
        titles = tokens_of([m for m in officials if m.attrs.get("title")])
        blocked = titles | tokens_of([m for m in initiatives if m.attrs["head"] != "abbrev"])
        write_mentions(doc, self.spans_key, "place", find_places(doc, blocked, titles))
        dateline = find_dateline(doc)
        write_mentions(doc, self.dateline_key, "dateline", [dateline] if dateline else [])
        return doc


@Language.factory(
    "extractor_places",
    default_config={
        "spans_key": PLACES_KEY,
        "dateline_key": DATELINE_KEY,
        "officials_key": OFFICIALS_KEY,
        "initiatives_key": INITIATIVES_KEY,
    },
)
def make_places(
    nlp: Language,
    name: str,
    spans_key: str,
    dateline_key: str,
    officials_key: str,
    initiatives_key: str,
) -> Places:
    """Places: countries, cities, facilities, and the dateline city."""
    return Places(spans_key, dateline_key, officials_key, initiatives_key)


class Dates(_Stateless):
    """Date spans; ``span._.extractor_date`` gives each one's reading."""

    def __init__(self, spans_key: str, initiatives_key: str, dateline_key: str) -> None:
        self.spans_key = spans_key
        self.initiatives_key = initiatives_key
        self.dateline_key = dateline_key

    def __call__(self, doc: Doc) -> Doc:
        blocked = tokens_of(read_mentions(doc, self.initiatives_key, "initiative"))
        dateline = read_mentions(doc, self.dateline_key, "dateline")
        spans = find_dates(doc, blocked, dateline[0].end if dateline else None)
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=spans)
        return doc


@Language.factory(
    "extractor_dates",
    default_config={
        "spans_key": DATES_KEY,
        "initiatives_key": INITIATIVES_KEY,
        "dateline_key": DATELINE_KEY,
    },
)
def make_dates(
    nlp: Language, name: str, spans_key: str, initiatives_key: str, dateline_key: str
) -> Dates:
    """Dates: the temporal expressions that can date an event."""
    return Dates(spans_key, initiatives_key, dateline_key)


class Events(_Stateless):
    """Event records in ``doc._.events``; their triggers in ``doc.spans[spans_key]``."""

    def __init__(self, min_confidence: float, spans_key: str, reads: dict[str, str]) -> None:
        self.min_confidence = min_confidence
        self.spans_key = spans_key
        self.reads = reads

    def _inputs(self, doc: Doc) -> EventInputs:
        keys = self.reads
        mentions = doc_mentions(
            doc,
            officials_key=keys["officials"],
            ministries_key=keys["ministries"],
            initiatives_key=keys["initiatives"],
            places_key=keys["places"],
            dateline_key=keys["dateline"],
        )
        triggers = list(doc.spans[keys["rules"]]) if keys["rules"] in doc.spans else []
        dates = list(doc.spans[keys["dates"]]) if keys["dates"] in doc.spans else []
        return EventInputs(triggers, mentions, dates, doc._.doc_id or "doc")

    def __call__(self, doc: Doc) -> Doc:
        cands, records = build_events(doc, self._inputs(doc))
        kept = [
            (c, r)
            for c, r in zip(cands, records, strict=True)
            if r["confidence"] >= self.min_confidence
        ]
        spans = []
        for cand, rec in kept:
            span = Span(doc, cand.trigger.start, cand.trigger.end, label=rec["type"])
            span._.extractor_event = rec["event_id"]
            spans.append(span)
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=spans)
        doc._.events = [r for _, r in kept]
        forget(doc)
        return doc


_READS: dict[str, Any] = {
    "rules": RULES_KEY,
    "officials": OFFICIALS_KEY,
    "ministries": MINISTRIES_KEY,
    "initiatives": INITIATIVES_KEY,
    "places": PLACES_KEY,
    "dateline": DATELINE_KEY,
    "dates": DATES_KEY,
}


@Language.factory(
    "extractor_events",
    default_config={"min_confidence": 0.0, "spans_key": EVENTS_KEY, "reads": _READS},
)
def make_events(
    nlp: Language, name: str, min_confidence: float, spans_key: str, reads: dict[str, str]
) -> Events:
    """Event assembly from the stored triggers, mentions and dates.

    ``reads`` names the span key of each earlier stage (a partial dict in the config is
    merged over the defaults).
    """
    return Events(min_confidence, spans_key, dict(reads))


def stored_mentions(doc: Doc) -> DocMentions:
    """The mentions the stages stored on ``doc`` under the default keys."""
    return doc_mentions(
        doc,
        officials_key=OFFICIALS_KEY,
        ministries_key=MINISTRIES_KEY,
        initiatives_key=INITIATIVES_KEY,
        places_key=PLACES_KEY,
        dateline_key=DATELINE_KEY,
    )


# Pipeline order of the stages after the parser and NER.
STAGES = (
    "extractor_rules",
    "extractor_officials",
    "extractor_ministries",
    "extractor_initiatives",
    "extractor_places",
    "extractor_dates",
    "extractor_events",
)
