"""The vocabulary as data (``extractor.vocab``): every list loads through the one validated
loader, has its header and no duplicates; tables and event types are consistent with the
code; bad files fail with a message naming the file and line."""

from __future__ import annotations

import re
from importlib.resources import files

import pycountry
import pytest

from extractor import vocab
from extractor.errors import ExtractorError
from extractor.models import EVENT_TYPES
from extractor.nlp.events.base import EventType
from extractor.nlp.events.checks import _CHECKS
from extractor.nlp.words import country_code, place_country
from extractor.vocab import event_types, list_names, load_patterns, table, word_list

NAMES = list_names()


def test_there_are_word_lists() -> None:
    assert len(NAMES) >= 20
    assert {"office_heads", "honorifics", "plan_words", "name_particles"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_list_loads_with_header_and_no_duplicates(name: str) -> None:
    entries = word_list(name)
    assert entries
    assert len(entries) == len(set(entries))
    text = files("extractor.vocab").joinpath(f"words/{name}.txt").read_text(encoding="utf-8")
    header = text.splitlines()[0]
    assert header.startswith("# ") and ("Source:" in header or "EVENTS.md" in header), header
    assert all(e == e.strip() and not e.startswith("#") for e in entries)


@pytest.mark.parametrize("name", NAMES)
def test_lists_are_lower_case_as_they_are_matched(name: str) -> None:
    """Matching compares lower-cased tokens: an upper-case entry could never match."""
    assert all(e == e.lower() for e in word_list(name)), name


def test_every_trigger_id_is_an_event_type() -> None:
    ids = {p["id"] for p in load_patterns() if p["label"] == "TRIGGER"}
    assert ids
    for trigger_id in ids:
        assert EventType(trigger_id).value == trigger_id


def test_event_types_data_matches_the_enum_and_the_contract() -> None:
    assert set(event_types()) == {t.value for t in EventType} == set(EVENT_TYPES)
    assert EventType.MEETING.codes == {"cameo": "040", "plover": "CONSULT"}
    assert EventType.APPOINTMENT.codes is None
    assert EventType.MEETING.is_context and EventType.AGREEMENT.is_sub_event
    assert "initiatives" in EventType.PROPOSAL.spec.required_slots


def test_every_check_is_registered_for_an_event_type() -> None:
    assert set(_CHECKS) <= set(EventType)
    assert EventType.VISIT in _CHECKS


@pytest.mark.parametrize("name", ["countries", "cities"])
def test_gazetteers_map_to_real_alpha3_codes(name: str) -> None:
    rows = table(name, True)
    assert rows
    assert all(pycountry.countries.get(alpha_3=code) for code in rows.values())


def test_portfolio_adjectives_name_portfolios() -> None:
    adjectives = table("portfolio_adjectives")
    assert adjectives["foreign"] == "Foreign Affairs"
    assert all(k == k.lower() and v[:1].isupper() for k, v in adjectives.items())


def test_validate_all_loads_everything() -> None:
    vocab.validate_all()


def test_no_word_list_literals_in_the_rule_modules() -> None:
    """Vocabulary lives in vocab/words: no tuple or set of three or more lower-case words in
    the rule modules (spaCy labels such as "nsubj" and punctuation are not vocabulary)."""
    literal = re.compile(r"[(\[{]\s*(\"[a-z][a-z' -]*\",\s*){2,}\"[a-z][a-z' -]*\"")
    labels = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "aux", "auxpass", "xcomp", "ccomp"}
    root = files("extractor").joinpath("nlp")
    offenders = []
    for folder in ("mentions", "events"):
        for entry in root.joinpath(folder).iterdir():
            if not entry.name.endswith(".py"):
                continue
            for m in literal.finditer(entry.read_text(encoding="utf-8")):
                found = set(re.findall(r'"([^"]+)"', m.group(0)))
                if not found & labels and not found <= {
                    "official",
                    "ministry",
                    "initiative",
                    "place",
                    "dateline",
                }:
                    offenders.append(f"{entry.name}: {m.group(0)}")
    assert not offenders


def _write(tmp_path, name: str, text: str) -> None:
    (tmp_path / "words").mkdir(exist_ok=True)
    (tmp_path / "words" / f"{name}.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("alpha\nbeta\n", "header"),
        ("# A list for tests. Source: tests.\nalpha\nalpha\n", "duplicate entry 'alpha'"),
        ("# A list for tests. Source: tests.\n\n", "empty list"),
        ("# A list for tests. Source: tests.\nalpha\n# late comment\n", "only the first line"),
    ],
)
def test_bad_list_fails_naming_file_and_line(
    tmp_path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    _write(tmp_path, "broken", text)
    monkeypatch.setattr(vocab, "files", lambda _package: tmp_path)
    vocab.word_list.cache_clear()
    try:
        with pytest.raises(ExtractorError, match=re.escape(message)) as info:
            word_list("broken")
        assert "vocab/words/broken.txt" in str(info.value)
    finally:
        vocab.word_list.cache_clear()


def test_bad_table_row_fails_naming_file_and_line(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "places.tsv").write_text("# test\nOslo\tnorway\n", encoding="utf-8")
    monkeypatch.setattr(vocab, "files", lambda _package: tmp_path)
    vocab.table.cache_clear()
    try:
        with pytest.raises(
            ExtractorError, match=r"vocab/places\.tsv:2: expected 'name<TAB>ALPHA3'"
        ):
            table("places", True)
    finally:
        vocab.table.cache_clear()


# --------------------------------------------------------------------------- country lookups
# (pycountry plus vocab/countries.tsv and vocab/cities.tsv, through extractor.nlp.words)

COUNTRY_CODES = [
    ("Norway", "NOR"),
    ("Norwegian", "NOR"),
    ("Chile", "CHL"),
    ("Chilean", "CHL"),
    ("Republic of Kenya", "KEN"),
    ("Kenyan", "KEN"),
    ("the Netherlands", "NLD"),
    ("Dutch", "NLD"),
    ("Russian Federation", "RUS"),
    ("Russia", "RUS"),
    ("Türkiye", "TUR"),
    ("Turkey", "TUR"),
    ("Uzbek", "UZB"),
    ("Pakistani", "PAK"),
    ("Emirati", "ARE"),
    ("UAE", "ARE"),
    ("Saudi", "SAU"),
    ("US", "USA"),
    ("USA", "USA"),
    ("the United States", "USA"),
    ("UK", "GBR"),
    ("British", "GBR"),
    ("Norway's", "NOR"),
    # Two- and three-letter codes collide with words: only listed short forms count.
    ("IT", None),
    ("MAR", None),
    ("IND", None),
    # Lower case is a word, not a name.
    ("iran", None),
    ("Trade", None),
    ("Minister", None),
    # A city is not a country.
    ("Oslo", None),
]


@pytest.mark.parametrize(("text", "code"), COUNTRY_CODES)
def test_country_code(text: str, code: str | None) -> None:
    assert country_code(text) == code


PLACE_COUNTRIES = [
    ("Oslo", "NOR"),
    ("Nairobi", "KEN"),
    ("Tashkent", "UZB"),
    ("Karachi", "PAK"),
    ("Norway", "NOR"),
    ("Atlantis", None),
]


@pytest.mark.parametrize(("text", "code"), PLACE_COUNTRIES)
def test_place_country(text: str, code: str | None) -> None:
    assert place_country(text) == code
