"""Table tests for the date stage's error classes, one ``tests/cases/date_resolution/*.jsonl`` per class.

Each line is an invented case: ``published``, optional ``status``, optional ``story`` (earlier
expressions resolved first, in order, by the same resolver: the anchors), optional
``sentence`` (parsed; the expression's span in it gives the direction when no status is
given), the ``text`` and the expected ``value``/``granularity``/``vague``. ``why`` says what
the line checks. Every expected value was worked out by hand from a calendar.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
from spacy.language import Language

from extractor.nlp.dates import DateResolver
from extractor.nlp.dates.vocab import lines

CASES = Path(__file__).parent / "cases" / "date_resolution"


def _load() -> list:
    out = []
    for path in sorted(CASES.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                case = json.loads(line)
                out.append(pytest.param(case, id=f"{path.stem}:{number}:{case['text']}"))
    return out


@pytest.mark.parametrize("case", _load())
def test_date_case(case: dict, request: pytest.FixtureRequest) -> None:
    resolver = DateResolver(case["published"])
    for earlier in case.get("story", []):
        resolver.resolve(earlier, case.get("status"))
    span = None
    if "sentence" in case:
        nlp: Language = request.getfixturevalue("nlp")
        doc = nlp(case["sentence"])
        start = case["sentence"].index(case["text"])
        span = doc.char_span(start, start + len(case["text"]), alignment_mode="expand")
        assert span is not None
    got = resolver.resolve(case["text"], case.get("status"), sentence=span)
    expected = (case["value"], case["granularity"], case["vague"])
    assert (got.value, got.granularity, got.vague) == expected, case["why"]


def test_every_case_file_is_valid() -> None:
    cases = _load()
    assert len(cases) >= 50
    for param in cases:
        case = param.values[0]
        assert {"why", "published", "text", "value", "granularity", "vague"} <= set(case)


@pytest.mark.parametrize(
    "path",
    sorted(p.name for p in files("extractor").joinpath("vocab", "dates").iterdir()),
)
def test_vocabulary_files_have_a_header_and_entries(path: str) -> None:
    assert path.endswith(".txt")
    entries = lines(path.removesuffix(".txt"))
    assert entries
    assert len(entries) == len(set(entries)), "duplicate entries"
