"""The extractor's spaCy components (``extractor.annotate``) as anyone's pipeline sees them:
``nlp.add_pipe(name, config=...)``, a ``to_disk``/``spacy.load`` round trip, rule-only runs
on ``spacy.blank("en")``, the package data they load, and the missing-model error.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pycountry
import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import extractor.annotate  # noqa: F401  (registers the factories)
from extractor.annotate import RULES_SPANS_KEY
from extractor.errors import ModelNotFoundError
from extractor.lexicon import Lexicon, lexicon
from extractor.ingest.load import RawDocument
from extractor.models import EVENT_TYPES, DocumentMeta
from extractor.pipeline import (
    DEFAULT_MODEL,
    MODEL_ENV_VAR,
    Extractor,
    add_extractor_pipes,
    load_pipeline,
)
from extractor.resources import PatternRecord, load_patterns

TEXT = (
    "OSLO: Ambassador Rodrigo Altamirano met Prime Minister Ingrid Solvik on Monday. "
    "The two sides agreed to establish a Joint Working Group (JWG) on Fisheries. "
    "Foreign Minister Maren Dahl will visit Oslo on 20 June 2025."
)


def _raw(text: str = TEXT) -> RawDocument:
    return RawDocument(
        doc_id="c", source="c.txt", meta=DocumentMeta(published="2025-05-14"), raw_text=text
    )


def _events(nlp: Language, text: str = TEXT) -> list[dict]:
    return [e.model_dump() for e in Extractor(nlp=nlp).process(_raw(text)).events]


@pytest.fixture(scope="module")
def fresh() -> Language:
    """The bare model (no extractor components yet), with the components added by hand."""
    nlp = spacy.load(DEFAULT_MODEL)
    assert not any(name.startswith("extractor_") for name in nlp.pipe_names)
    return add_extractor_pipes(nlp)


# --------------------------------------------------------------------------- full model


def test_add_extractor_pipes_places_components(fresh: Language) -> None:
    names = fresh.pipe_names
    assert names.index("extractor_paragraphs") < names.index("parser")
    assert names[-2:] == ["extractor_rules", "extractor_events"]
    assert fresh.get_pipe_meta("extractor_rules").factory == "extractor_rules"


def test_add_extractor_pipes_is_idempotent(fresh: Language) -> None:
    before = list(fresh.pipe_names)
    add_extractor_pipes(fresh)
    assert fresh.pipe_names == before


def test_fresh_pipeline_gives_the_same_events_as_load_pipeline(
    fresh: Language, nlp: Language
) -> None:
    events = _events(fresh)
    assert [e["type"] for e in events] == ["MEETING", "AGREEMENT", "VISIT"]
    assert events == _events(nlp)


def test_to_disk_and_spacy_load_round_trip(fresh: Language, tmp_path: Path) -> None:
    fresh.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == fresh.pipe_names
    assert len(loaded.get_pipe("extractor_rules").patterns) == len(load_patterns())
    assert _events(loaded) == _events(fresh)


def test_components_added_by_name_with_config_round_trip(fresh: Language, tmp_path: Path) -> None:
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("extractor_paragraphs", before="parser")
    nlp.add_pipe("extractor_rules")
    nlp.add_pipe("extractor_events", config={"min_confidence": 0.9})
    everything = _events(fresh)
    kept = [e for e in everything if e["confidence"] >= 0.9]
    assert 0 < len(kept) < len(everything)
    assert _events(nlp) == kept
    nlp.to_disk(tmp_path / "strict")
    loaded = spacy.load(tmp_path / "strict")
    assert loaded.get_pipe_config("extractor_events")["min_confidence"] == 0.9
    assert _events(loaded) == kept


def test_paragraph_component_starts_a_sentence_after_a_line_break(fresh: Language) -> None:
    doc = fresh("Energy Cooperation\n\nThe two sides met in Oslo.")
    assert [s.text.strip() for s in doc.sents] == [
        "Energy Cooperation",
        "The two sides met in Oslo.",
    ]


# --------------------------------------------------------------------------- blank("en")


def test_paragraph_component_on_blank() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_paragraphs")
    doc = nlp("Energy Cooperation\n\nThe two sides met.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "The" in starts


def _annotated(nlp: Language, spec: str) -> Doc:
    """A doc with hand-set POS and lemmas: ``word`` or ``word/POS`` or ``word/POS/lemma``.

    ``spacy.blank("en")`` has no tagger or lemmatizer, and a Matcher refuses docs without
    POS when any pattern uses POS (E155), so rule-only tests set the annotation themselves.
    """
    words, pos, lemmas = [], [], []
    for item in spec.split():
        word, tag, lemma = (item.split("/") + ["X", ""])[:3]
        words.append(word)
        pos.append(tag)
        lemmas.append(lemma or word.lower())
    return Doc(nlp.vocab, words=words, pos=pos, lemmas=lemmas)


# (annotated words, [(span text, event type)])
TRIGGERS = [
    pytest.param(
        "They held/VERB/hold talks/NOUN .",
        [("held", "HOSTED_EVENT"), ("talks", "MEETING")],
        id="talks-lower",
    ),
    pytest.param(
        "a courtesy call on the minister", [("courtesy call", "MEETING")], id="courtesy-call"
    ),
    pytest.param(
        "a telephone conversation", [("telephone conversation", "CALL")], id="telephone-lower"
    ),
    pytest.param(
        "She presented her credentials", [("credentials", "APPOINTMENT")], id="credentials"
    ),
    pytest.param("He was sworn in", [("sworn in", "APPOINTMENT")], id="sworn-in"),
    pytest.param("since he took office", [("took office", "APPOINTMENT")], id="took-office"),
    pytest.param("the invitation", [("invitation", "INVITATION")], id="invitation"),
    pytest.param("the inauguration", [("inauguration", "LAUNCH")], id="inauguration"),
    pytest.param("on the sidelines", [("sidelines", "HOSTED_EVENT")], id="sidelines"),
    pytest.param("the 2024 session", [("session", "MEETING")], id="session"),
    # lemma + POS patterns, with the annotation a tagger would give
    pytest.param("She met/VERB/meet the envoy", [("met", "MEETING")], id="meet-lemma"),
    pytest.param(
        "She telephoned/VERB/telephone him", [("telephoned", "CALL")], id="telephone-verb"
    ),
    pytest.param("They arrived/VERB/arrive in Oslo", [("arrived in", "VISIT")], id="arrive-in"),
    pytest.param("They inked/VERB/ink a deal", [("inked", "AGREEMENT")], id="ink-lemma"),
    pytest.param(
        "She proposed/VERB/propose a corridor",
        [("proposed", "PROPOSAL")],
        id="propose-lemma-and-lower-one-span",
    ),
    pytest.param("a fine day in Oslo", [], id="nothing"),
]


@pytest.fixture(scope="module")
def blank_rules() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_rules")
    return nlp


@pytest.mark.parametrize(("spec", "expected"), TRIGGERS)
def test_rules_on_blank_give_trigger_spans(blank_rules: Language, spec: str, expected) -> None:
    doc = blank_rules.get_pipe("extractor_rules")(_annotated(blank_rules, spec))
    spans = doc.spans[RULES_SPANS_KEY]
    assert all(s.label_ == "TRIGGER" for s in spans)
    assert sorted((s.text, s.id_) for s in spans) == sorted(expected)


def test_rules_spans_key_is_configurable() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_rules", config={"spans_key": "mine"})
    doc = nlp.get_pipe("extractor_rules")(_annotated(nlp, "a courtesy call"))
    assert [(s.text, s.id_) for s in doc.spans["mine"]] == [("courtesy call", "MEETING")]
    assert RULES_SPANS_KEY not in doc.spans


def test_rules_round_trip_on_blank(blank_rules: Language, tmp_path: Path) -> None:
    blank_rules.to_disk(tmp_path / "rules")
    loaded = spacy.load(tmp_path / "rules")
    assert (
        loaded.get_pipe("extractor_rules").patterns
        == blank_rules.get_pipe("extractor_rules").patterns
    )


# --------------------------------------------------------------------------- package data


def _pattern_files() -> list:
    folder = files("extractor.resources").joinpath("patterns")
    return sorted((e for e in folder.iterdir() if e.name.endswith(".jsonl")), key=lambda e: e.name)


def test_there_are_pattern_files() -> None:
    assert [e.name for e in _pattern_files()]


@pytest.mark.parametrize("entry", _pattern_files(), ids=lambda e: e.name)
def test_pattern_file_lines_validate(entry) -> None:
    rows = [
        json.loads(line)
        for line in entry.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("//")
    ]
    assert rows
    for row in rows:
        record = PatternRecord.model_validate(row)
        if record.label == "TRIGGER":
            assert record.id in EVENT_TYPES, row


def test_all_patterns_load_into_a_validating_span_ruler() -> None:
    patterns = load_patterns()
    ruler = spacy.blank("en").add_pipe(
        "span_ruler", config={"validate": True, "phrase_matcher_attr": "LOWER"}
    )
    ruler.add_patterns(patterns)  # raises on a malformed pattern
    assert len(ruler.patterns) == len(patterns)


def test_load_patterns_returns_a_fresh_list() -> None:
    first = load_patterns()
    first.clear()
    assert load_patterns()


def test_lexicon_loads_and_validates() -> None:
    lex = lexicon()
    assert isinstance(lex, Lexicon)
    assert {"minister", "ambassador", "prime minister"} <= lex.office_heads
    assert {"mr.", "dr.", "h.e."} <= lex.honorifics


@pytest.mark.parametrize("name", ["countries.tsv", "cities.tsv"])
def test_gazetteer_rows_are_name_tab_known_alpha3(name: str) -> None:
    text = files("extractor.resources").joinpath(name).read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert rows
    for line in rows:
        place, code = line.split("\t")
        assert place.strip(), line
        assert pycountry.countries.get(alpha_3=code) is not None, line


# --------------------------------------------------------------------------- model errors


def test_missing_model_says_how_to_install() -> None:
    with pytest.raises(ModelNotFoundError) as info:
        load_pipeline("no_such_model_xyz")
    message = str(info.value)
    assert "no_such_model_xyz" in message
    assert "make setup" in message and "pip install" in message
    assert MODEL_ENV_VAR in message


def test_missing_model_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODEL_ENV_VAR, "no_such_model_xyz")
    with pytest.raises(ModelNotFoundError, match="no_such_model_xyz"):
        load_pipeline()
