"""The extractor's spaCy components (``extractor.nlp.components``) as anyone's pipeline sees
them: ``nlp.add_pipe(name, config=...)``, a ``to_disk``/``spacy.load`` round trip (also in a
fresh process, through the package's entry points), typed spans on the Doc and their displaCy
rendering, rule-only runs on ``spacy.blank("en")``, the package data they load, and the
missing-model error.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pycountry
import pytest
import spacy
from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc

from extractor.errors import ModelNotFoundError
from extractor.ingest.load import RawDocument
from extractor.models import EVENT_TYPES, DocumentMeta
from extractor.nlp.components import RULES_KEY as RULES_SPANS_KEY
from extractor.nlp.components import STAGES, as_phrases
from extractor.pipeline import (
    DEFAULT_MODEL,
    MODEL_ENV_VAR,
    Extractor,
    add_extractor_pipes,
    load_pipeline,
)
from extractor.vocab import PatternRecord, load_patterns, words

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
    assert names[-len(STAGES) :] == list(STAGES)
    assert names[-2:] == ["extractor_dates", "extractor_events"]
    assert fresh.get_pipe_meta("extractor_rules").factory == "extractor_rules"


def test_add_extractor_pipes_keeps_rules_before_a_preconfigured_events_component():
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("extractor_events", config={"min_confidence": 0.5})
    add_extractor_pipes(nlp)
    assert nlp.pipe_names.index("extractor_rules") < nlp.pipe_names.index("extractor_events")


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
    assert len(loaded.get_pipe("extractor_rules").patterns) == len(as_phrases(load_patterns()))
    assert _events(loaded) == _events(fresh)


def test_components_added_by_name_with_config_round_trip(fresh: Language, tmp_path: Path) -> None:
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("extractor_paragraphs", before="parser")
    for name in STAGES[:-1]:
        nlp.add_pipe(name)
    nlp.add_pipe("extractor_events", config={"min_confidence": 0.9})
    everything = _events(fresh)
    kept = [e for e in everything if e["confidence"] >= 0.9]
    assert 0 < len(kept) < len(everything)
    assert _events(nlp) == kept
    nlp.to_disk(tmp_path / "strict")
    loaded = spacy.load(tmp_path / "strict")
    assert loaded.get_pipe_config("extractor_events")["min_confidence"] == 0.9
    assert _events(loaded) == kept


def test_spacy_load_in_a_fresh_process_finds_the_factories(fresh: Language, tmp_path: Path) -> None:
    """A fresh interpreter never imported extractor: spaCy must find the factories through
    the package's ``spacy_factories`` entry points (else E002)."""
    fresh.to_disk(tmp_path / "pipeline")
    script = (
        "import json, sys, spacy\n"
        "nlp = spacy.load(sys.argv[1])\n"
        "doc = nlp.make_doc(sys.argv[2])\n"
        "doc._.doc_id = 'c'\n"
        "doc = nlp(doc)\n"
        "print(json.dumps({'pipes': nlp.pipe_names, 'types': [e['type'] for e in doc._.events]}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "pipeline"), TEXT],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["pipes"] == fresh.pipe_names
    assert result["types"] == ["MEETING", "AGREEMENT", "VISIT"]


def test_every_stage_stores_typed_spans_on_the_doc(fresh: Language) -> None:
    doc = fresh(TEXT)
    officials = doc.spans["extractor_officials"]
    assert "Rodrigo Altamirano" in [s.text for s in officials][0]
    person = officials[0]._.extractor_official["attrs"]["person"]
    assert doc._.extractor_persons[person]["name"] == "Rodrigo Altamirano"
    assert [s.text for s in doc.spans["extractor_initiatives"]] == [
        "Joint Working Group (JWG) on Fisheries"
    ]
    assert [s.text for s in doc.spans["extractor_dateline"]] == ["OSLO"]
    dates = doc.spans["extractor_dates"]
    assert [s.text for s in dates] == ["Monday", "20 June 2025"]
    assert dates[1]._.extractor_date.resolve("planned").value == "2025-06-20"
    triggers = doc.spans["extractor_events"]
    assert [(s.text, s.label_) for s in triggers] == [
        ("met", "MEETING"),
        ("agreed", "AGREEMENT"),
        ("visit", "VISIT"),
    ]


def test_annotated_doc_serializes_with_its_spans_and_data(fresh: Language) -> None:
    """The stages keep only plain data on the Doc: ``doc.to_bytes()`` (and a DocBin with
    user data) round-trips the spans and what their extensions say."""
    doc = fresh(TEXT)
    again = Doc(fresh.vocab).from_bytes(doc.to_bytes())
    official = again.spans["extractor_officials"][0]._.extractor_official
    assert official["attrs"]["title"].office == "ambassador"
    assert again._.extractor_persons == doc._.extractor_persons
    assert [s.label_ for s in again.spans["extractor_events"]] == [
        "MEETING",
        "AGREEMENT",
        "VISIT",
    ]


def test_events_read_only_what_earlier_stages_stored(fresh: Language) -> None:
    """Empty the officials' and dates' span groups before the events stage: the events keep
    their triggers but lose officials and dates, so nothing is recomputed behind the Doc."""
    doc = fresh.make_doc(TEXT)
    doc._.doc_id = "c"
    for name, proc in fresh.pipeline:
        if name == "extractor_events":
            full = [dict(e) for e in proc(doc)._.events]
            doc.spans["extractor_officials"] = []
            doc.spans["extractor_dates"] = []
            doc = proc(doc)
        else:
            doc = proc(doc)
    assert [e["type"] for e in full][:1] == ["MEETING"]
    assert any(e["officials"] for e in full) and any(e["date"] for e in full)
    assert doc._.events
    assert all(not e["officials"] and e["date"] is None for e in doc._.events)


def test_displacy_shows_officials_dates_and_triggers(fresh: Language) -> None:
    doc = fresh(TEXT)
    for key, label, count in (
        ("extractor_officials", "OFFICIAL", 3),
        ("extractor_dates", "DATE", 2),
        ("extractor_events", "VISIT", 1),
    ):
        html = displacy.render(doc, style="span", options={"spans_key": key})
        assert len(re.findall(rf">\s*{label}\s*<", html)) == count, key
    html = displacy.render(doc, style="span", options={"spans_key": "extractor_events"})
    assert [m.strip() for m in re.findall(r">\s*([A-Z_]{4,})\s*<", html)] == [
        "MEETING",
        "AGREEMENT",
        "VISIT",
    ]


def test_span_keys_come_from_config_and_events_read_their_own() -> None:
    """Configure another rules key: the events stage must read that key (it used to read a
    second hard-coded copy of the default and silently find zero events)."""
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("extractor_paragraphs", before="parser")
    nlp.add_pipe("extractor_rules", config={"spans_key": "my_rules"})
    for name in STAGES[1:-1]:
        nlp.add_pipe(name)
    nlp.add_pipe(
        "extractor_events", config={"reads": {"rules": "my_rules"}, "spans_key": "my_events"}
    )
    events = _events(nlp)
    assert [e["type"] for e in events] == ["MEETING", "AGREEMENT", "VISIT"]
    doc = nlp(TEXT)
    assert "extractor" not in doc.spans
    assert len(doc.spans["my_events"]) == 3


def test_events_config_overrides_one_key_and_keeps_the_defaults() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_events", config={"reads": {"rules": "x"}})
    reads = nlp.get_pipe_config("extractor_events")["reads"]
    assert reads["rules"] == "x"
    assert reads["dates"] == "extractor_dates"


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
    folder = files("extractor.vocab").joinpath("patterns")
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


def test_vocabulary_loads_and_validates() -> None:
    assert {"minister", "ambassador", "prime minister"} <= words("office_heads")
    assert {"mr.", "dr.", "h.e."} <= words("honorifics")


@pytest.mark.parametrize("name", ["countries.tsv", "cities.tsv"])
def test_gazetteer_rows_are_name_tab_known_alpha3(name: str) -> None:
    text = files("extractor.vocab").joinpath(name).read_text(encoding="utf-8")
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


def test_plain_lower_case_patterns_become_phrases_and_match_as_before() -> None:
    patterns = [
        {
            "label": "TRIGGER",
            "pattern": [{"LOWER": {"IN": ["phone", "video"]}}, {"LOWER": "call"}],
            "id": "CALL",
        },
        {"label": "TRIGGER", "pattern": [{"LOWER": "talks", "OP": "?"}], "id": "MEETING"},
    ]
    compiled = as_phrases(patterns)
    assert [p["pattern"] for p in compiled[:2]] == ["phone call", "video call"]
    assert compiled[2] == patterns[1]  # anything but plain words stays a token pattern
    nlp = spacy.blank("en")
    by_token = nlp.add_pipe("span_ruler", name="a", config={"spans_key": "a"})
    by_token.add_patterns(patterns)
    by_phrase = nlp.add_pipe(
        "span_ruler", name="b", config={"spans_key": "b", "phrase_matcher_attr": "LOWER"}
    )
    by_phrase.add_patterns(compiled)
    doc = nlp("The ministers held a Video Call and a phone call on Monday.")
    assert (
        [s.text for s in doc.spans["b"]]
        == [s.text for s in doc.spans["a"]]
        == ["Video Call", "phone call"]
    )
