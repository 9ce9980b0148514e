"""Rule cases as data: every line of ``tests/cases/<family>.jsonl`` is one case, run here.

A line is ``{"id", "text", "published", "expect"}``: an invented article, its publication
date (or null) and what must come out of it. ``expect`` names only what the case is about;
each key is one kind of assertion:

- ``events``: the document's events, in order and exactly as many; each a partial dict of
  ``type``, ``status``, ``date`` (value), ``date_text``, ``date_vague``, ``officials``
  (names, as a set), ``initiatives`` (names, as a set), ``initiatives_include`` (names that
  must be among them), ``location`` (name or null), ``location_country``, ``ministries``
  (names, sorted, repeats kept).
- ``persons``: the document's people, in order and exactly as many (partial dicts of
  ``name``, ``title``, ``country``, ``ministry``); ``persons_include``: people that must be
  among them.
- ``resolves``: ``{"at", "name"}``: the official mention starting at text ``at`` refers to
  ``name``, and only one person carries that surname.
- ``ministries``: ``[name, countries]`` of every ministry mention, in order.
- ``initiatives``: names of the initiatives (not abbreviation uses), in order;
  ``initiative_abbrevs``: their ``[name, abbreviation]``; ``abbreviation_uses``:
  ``{"text", "at", "name"}`` of every later use of an abbreviation.
- ``places_include``: ``[name, country, kind]`` that must be among the places.
- ``official_mentions``: how many official mentions there are.
- ``dateline``: ``[name, country]`` of the dateline city, or null.

Every case with events is also checked for offsets into the cleaned text, ids in evidence
order, and codes that follow the contract's type table (EVENTS.md 2.1).

Adding a rule: one data line in ``src/extractor/vocab`` and one case line here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from extractor.ingest.clean import clean_text
from extractor.models import Event
from extractor.nlp.components import stored_mentions
from extractor.nlp.mentions import DocMentions

CASES_DIR = Path(__file__).parent / "cases"
EXPECT_KEYS = {
    "events",
    "persons",
    "persons_include",
    "resolves",
    "ministries",
    "initiatives",
    "initiative_abbrevs",
    "abbreviation_uses",
    "places_include",
    "official_mentions",
    "dateline",
}
EVENT_KEYS = {
    "type",
    "status",
    "date",
    "date_text",
    "date_vague",
    "officials",
    "initiatives",
    "initiatives_include",
    "location",
    "location_country",
    "ministries",
}


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            assert set(case) == {"id", "text", "published", "expect"}, f"{path.name}:{number}"
            params.append(pytest.param(case, id=f"{path.stem}:{case['id']}"))
    return params


CASES = _load_cases()
_RESULTS: dict[tuple[str, str | None], tuple[Doc, list[Event]]] = {}


@pytest.fixture
def run(nlp: Language):
    """``run(text, published) -> (doc, events)``, as ``Extractor.process`` runs it, cached."""

    def process(text: str, published: str | None) -> tuple[Doc, list[Event]]:
        key = (text, published)
        if key not in _RESULTS:
            doc = nlp.make_doc(clean_text(text).text)
            doc._.doc_id = "t"
            doc._.published = dt.date.fromisoformat(published) if published else None
            for _, proc in nlp.pipeline:
                doc = proc(doc)
            _RESULTS[key] = (doc, [Event.model_validate(e) for e in doc._.events])
        return _RESULTS[key]

    return process


# --------------------------------------------------------------------------- the file format


def test_there_is_a_case_file_per_rule_family() -> None:
    families = {p.stem for p in CASES_DIR.glob("*.jsonl")}
    assert {
        "officials",
        "ministries",
        "initiatives",
        "places",
        "dates",
        "status",
        "slots",
        "context",
        "records",
    } <= families
    assert sum(1 for f in families if f.startswith("events_")) == 9


@pytest.mark.parametrize("case", CASES)
def test_case_expectations_use_known_keys(case: dict) -> None:
    expect = case["expect"]
    assert expect and set(expect) <= EXPECT_KEYS, set(expect) - EXPECT_KEYS
    for event in expect.get("events", []):
        assert set(event) <= EVENT_KEYS, set(event) - EVENT_KEYS


def test_case_ids_are_unique() -> None:
    ids = [p.id for p in CASES]
    assert len(ids) == len(set(ids))


# --------------------------------------------------------------------------- checks


def _event_matches(event: Event, want: dict) -> dict:
    """The wanted keys whose value differs in ``event`` (empty when it matches)."""
    names = {o.name for o in event.officials if o.name}
    initiatives = {i.name for i in event.initiatives}
    got = {
        "type": event.type,
        "status": event.status,
        "date": event.date.value if event.date else None,
        "date_text": event.date.text if event.date else None,
        "date_vague": event.date.vague if event.date else None,
        "officials": names,
        "initiatives": initiatives,
        "location": event.location.name if event.location else None,
        "location_country": event.location.country if event.location else None,
        "ministries": sorted(m.name for m in event.ministries),
    }
    wrong = {}
    for key, value in want.items():
        if key == "initiatives_include":
            if not set(value) <= initiatives:
                wrong[key] = sorted(initiatives)
        elif key in ("officials", "initiatives"):
            if set(value) != got[key]:
                wrong[key] = sorted(got[key])
        elif key == "ministries":
            if sorted(value) != got[key]:
                wrong[key] = got[key]
        elif got[key] != value:
            wrong[key] = got[key]
    return wrong


def _check_events(events: list[Event], wanted: list[dict]) -> None:
    assert len(events) == len(wanted), [(e.type, e.status) for e in events]
    for event, want in zip(events, wanted, strict=True):
        assert not _event_matches(event, want), (event.type, _event_matches(event, want))


def _person_fields(person) -> dict:
    return {
        "name": person.name,
        "title": person.title,
        "country": person.country,
        "ministry": person.ministry,
    }


def _partial(got: dict, want: dict) -> bool:
    return all(got[k] == v for k, v in want.items())


def _check_persons(found: DocMentions, expect: dict) -> None:
    people = [_person_fields(p) for p in found.persons.values()]
    if "persons" in expect:
        assert len(people) == len(expect["persons"]), people
        for got, want in zip(people, expect["persons"], strict=True):
            assert _partial(got, want), (got, want)
    for want in expect.get("persons_include", []):
        assert any(_partial(got, want) for got in people), (want, people)


def _check_resolves(doc: Doc, found: DocMentions, text: str, resolves: list[dict]) -> None:
    for want in resolves:
        start = text.index(want["at"])
        mention = next(m for m in found.officials if m.span(doc).start_char == start)
        assert found.persons[mention.attrs["person"]].name == want["name"]
        surname = want["name"].split()[-1]
        same = [p for p in found.persons.values() if p.name and surname in p.name]
        assert len(same) == 1, "one person, not one per mention"


def _check_initiatives(doc: Doc, found: DocMentions, text: str, expect: dict) -> None:
    defining = [m for m in found.initiatives if m.source != "abbreviation"]
    if "initiatives" in expect:
        assert [m.attrs["name"] for m in defining] == expect["initiatives"]
    if "initiative_abbrevs" in expect:
        got = [[m.attrs["name"], m.attrs["abbrev"]] for m in defining]
        assert got == expect["initiative_abbrevs"]
    if "abbreviation_uses" in expect:
        uses = [m for m in found.initiatives if m.source == "abbreviation"]
        got_uses = [(m.span(doc).text, m.span(doc).start_char, m.attrs["name"]) for m in uses]
        wanted = [(u["text"], text.index(u["at"]), u["name"]) for u in expect["abbreviation_uses"]]
        assert got_uses == wanted


def _check_mentions(doc: Doc, text: str, expect: dict) -> None:
    found = stored_mentions(doc)
    _check_persons(found, expect)
    _check_resolves(doc, found, text, expect.get("resolves", []))
    _check_initiatives(doc, found, text, expect)
    if "ministries" in expect:
        got = [[m.attrs["name"], m.attrs.get("countries")] for m in found.ministries]
        assert got == expect["ministries"]
    places = [[m.attrs["name"], m.attrs["country"], m.attrs["kind"]] for m in found.places]
    for want in expect.get("places_include", []):
        assert want in places, places
    if "official_mentions" in expect:
        assert len(found.officials) == expect["official_mentions"]
    if "dateline" in expect:
        line = found.dateline
        got = [line.attrs["name"], line.attrs["country"]] if line else None
        assert got == expect["dateline"]


@pytest.mark.parametrize("case", CASES)
def test_case(run, case: dict) -> None:
    doc, events = run(case["text"], case["published"])
    expect = case["expect"]
    if "events" in expect:
        _check_events(events, expect["events"])
    _check_mentions(doc, case["text"], expect)


# --------------------------------------------------------------------------- every event

EVENT_CASES = [p for p in CASES if "events" in p.values[0]["expect"]]

# EVENTS.md 2.1: CAMEO / PLOVER per type ("—" is no code).
CODES = {
    "MEETING": ("04", "CONSULT"),
    "CALL": ("040", "CONSULT"),
    "VISIT": ("042", "CONSULT"),
    "AGREEMENT": ("057", "AGREE"),
    "PROPOSAL": ("03", "COOPERATE"),
    "INVITATION": ("036", "CONSULT"),
    "LAUNCH": ("061", "COOPERATE"),
}


@pytest.mark.parametrize("case", EVENT_CASES)
def test_offsets_point_into_cleaned_text(run, case: dict) -> None:
    doc, events = run(case["text"], case["published"])
    cleaned = doc.text
    for event in events:
        trigger, evidence = event.trigger, event.evidence
        assert cleaned[trigger.start : trigger.end] == trigger.text
        assert cleaned[evidence.start : evidence.end] == evidence.text
        assert evidence.start <= trigger.start and trigger.end <= evidence.end


@pytest.mark.parametrize("case", EVENT_CASES)
def test_event_ids_count_in_evidence_order(run, case: dict) -> None:
    _, events = run(case["text"], case["published"])
    assert [e.event_id for e in events] == [f"t#{n}" for n in range(1, len(events) + 1)]
    starts = [(e.evidence.start, e.trigger.start) for e in events]
    assert starts == sorted(starts)
    assert all(e.doc_id == "t" for e in events)


@pytest.mark.parametrize("case", EVENT_CASES)
def test_codes_follow_the_type_table(run, case: dict) -> None:
    for event in run(case["text"], case["published"])[1]:
        if event.type in CODES:
            cameo, plover = CODES[event.type]
            assert event.codes is not None
            assert event.codes.cameo.startswith(cameo) and event.codes.plover == plover
        else:
            assert event.codes is None or event.codes.cameo is None


def test_same_input_gives_byte_identical_output(extract) -> None:
    by_id = {p.values[0]["id"]: p.values[0] for p in CASES}
    text = (
        by_id["three-events-pronoun-subject"]["text"]
        + " "
        + by_id["records-at-the-meeting-copy-date-participants-place"]["text"].removeprefix(
            "OSLO: "
        )
    )

    def jsonl() -> bytes:
        events = extract(text, "2025-05-14", doc_id="twice").events
        lines = [json.dumps(e.model_dump(mode="json"), ensure_ascii=False) for e in events]
        return "\n".join(lines).encode("utf-8")

    first, second = jsonl(), jsonl()
    assert first and first == second
