"""Tests for the evaluator (EVENTS.md sections 4 and 5).

Every expected count below is worked out by hand in the comment beside it. Names are
invented; nothing here reads shared/ or the project's gold/.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from extractor.errors import ExtractorError
from extractor.evaluate import (
    METRICS,
    evaluate,
    evaluate_files,
    load_events,
    load_gold,
    match_names,
    normalize_name,
    prf,
    render_report,
)

DAY = "2025-05-27"


def official(name: str | None, title: str | None = None, **extra: Any) -> dict:
    return {"name": name, "title": title, "country": None, **extra}


def event(
    type_: str | None = "MEETING",
    *,
    doc: str = "d1",
    status: str = "occurred",
    date: str | None | dict = DAY,
    officials: list[Any] = (),  # type: ignore[assignment]
    ministries: list[Any] = (),  # type: ignore[assignment]
    initiatives: list[Any] = (),  # type: ignore[assignment]
    location: str | dict | None = None,
    evidence: tuple[str, int] | None = None,
    event_id: str | None = None,
) -> dict:
    """An event record; plain strings stand for ``{"name": ...}``."""

    def named(value: Any) -> dict:
        return {"name": value} if isinstance(value, str) else value

    if isinstance(date, str):
        date = {"text": date, "value": date, "granularity": "day", "vague": False}
    record = {
        "doc_id": doc,
        "type": type_,
        "status": status,
        "date": date,
        "officials": [official(o) if isinstance(o, str) else o for o in officials],
        "ministries": [named(m) for m in ministries],
        "initiatives": [named(i) for i in initiatives],
        "location": None if location is None else named(location),
    }
    if evidence is not None:
        text, start = evidence
        record["evidence"] = {"text": text, "start": start, "end": start + len(text)}
    if event_id is not None:
        record["event_id"] = event_id
    return record


def counts(report: dict, mode: str, metric: str) -> tuple[int, int, int]:
    score = report[mode][metric]
    return score["tp"], score["fp"], score["fn"]


def figures(report: dict, mode: str, metric: str) -> tuple[Any, Any, Any]:
    score = report[mode][metric]
    return score["p"], score["r"], score["f"]


# Two events of one meeting: the MEETING and the AGREEMENT made at it (EVENTS.md 3.6).
MEETING = event(
    "MEETING",
    officials=["Jane Roe", "John Doe"],
    ministries=["Ministry of Fisheries"],
    location="Port City",
)
AGREEMENT = event(
    "AGREEMENT",
    officials=["Jane Roe", "John Doe"],
    ministries=["Ministry of Fisheries"],
    initiatives=["Joint Working Group on Fisheries"],
    location="Port City",
)


def predicted(gold_event: dict, n: int, start: int) -> dict:
    """A prediction identical to a gold event, with the output-only fields."""
    return {
        **gold_event,
        "schema_version": "1.0",
        "event_id": f"{gold_event['doc_id']}#{n}",
        "evidence": {"text": f"sentence {n}", "start": start, "end": start + 10},
        "confidence": 0.9,
    }


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Jane Roe", "jane roe"),
        ("H.E. Mr. Jane  Roe", "jane roe"),
        ("H.E Jane Roe", "jane roe"),
        ("His Excellency Senator Jane Roe", "jane roe"),
        ("Lt. Gen (R) John Q. Doe", "john q doe"),
        ("Lt. Gen. (Retd.) John Doe", "john doe"),
        ("Engr. Sheikh Omar Faruq", "omar faruq"),
        ("Prof. Dr. Hera Hon", "hera"),  # "hon" is an honorific token, "hera" is not
        ("Hon. Mrs. Ana Lima-Costa", "ana lima-costa"),
        ("Ambassador Jane Roe", "ambassador jane roe"),  # an office is not an honorific
        ("Blue\u2013Green \u2014 Corridor", "blue-green corridor"),  # en dash; lone em dash
        ("North\u2011South Link", "north-south link"),  # non-breaking hyphen
        ("\uff2d\uff49\uff4e\uff49\uff53\uff54\uff52\uff59 of Fisheries", "ministry of fisheries"),
        ("Stra\u00dfe Forum", "strasse forum"),
        ("Ministry of Fisheries & Ocean's Affairs", "ministry of fisheries ocean s affairs"),
        ("  Ministry  of\tTrade\n", "ministry of trade"),
        ("H.E.", ""),
        ("Mr.", ""),
    ],
)
def test_normalize_name(name: str, expected: str) -> None:
    assert normalize_name(name) == expected


@pytest.mark.parametrize(
    ("pred", "gold", "aliases", "strict", "lenient"),
    [
        ("Jane Roe", "H.E. Ms. Jane Roe", (), True, True),
        ("jane ROE", "Dr. Jane Roe", (), True, True),
        ("Blue\u2013Green Corridor", "Blue-Green Corridor", (), True, True),
        ("JWG", "Joint Working Group on Fisheries", ("JWG",), True, True),
        ("J.W.G.", "Joint Working Group on Fisheries", ("JWG",), False, False),
        # token-set containment, either way round
        ("Joint Working Group", "Joint Working Group on Fisheries", (), False, True),
        ("Roe", "Jane Roe", (), False, True),
        ("Ministry of Fisheries and Oceans", "Ministry of Fisheries", (), False, True),
        # hyphenated compounds count as their parts in lenient matching
        ("Alpha Beta Gamma railway", "Alpha-Beta-Gamma (ABG) railway", (), False, True),
        # content tokens {fisheries, oceans, ports} vs {fisheries, oceans, trade}: 2/4 = 0.5
        (
            "Ministry of Fisheries, Oceans and Ports",
            "Federal Ministry for Fisheries, Oceans and Trade",
            (),
            False,
            True,
        ),
        # {fisheries, oceans, ports, harbours} vs {fisheries, oceans, trade}: 2/5 = 0.4
        ("Fisheries Oceans Ports Harbours", "Fisheries Oceans Trade", (), False, False),
        # {jane, doe} vs {jane, roe}: 1/3
        ("Jane Doe", "Jane Roe", (), False, False),
        # a set of stopwords only is contained in every ministry: no match
        ("Ministry", "Ministry of Fisheries", (), False, False),
        ("Ministry of Trade", "Ministry of Fisheries", (), False, False),
        # aliases count for lenient matching too
        ("Blue Corridor Project", "Green Corridor", ("Blue Corridor",), False, True),
        # a name of honorifics only matches nothing, not even itself
        ("Mr.", "Mr.", (), False, False),
    ],
)
def test_match_names(
    pred: str, gold: str, aliases: tuple[str, ...], strict: bool, lenient: bool
) -> None:
    assert match_names(pred, gold, lenient=False, aliases=aliases) is strict
    assert match_names(pred, gold, lenient=True, aliases=aliases) is lenient


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "expected"),
    [
        (0, 0, 0, (None, None, None)),
        (0, 0, 3, (None, 0.0, 0.0)),  # nothing predicted: no precision, but F is 0
        (0, 2, 0, (0.0, None, 0.0)),
        (1, 1, 1, (0.5, 0.5, 0.5)),
        (2, 1, 0, (0.6667, 1.0, 0.8)),  # F = 2*2/(4+1) = 0.8
        (1, 2, 0, (0.3333, 1.0, 0.5)),
    ],
)
def test_prf(tp: int, fp: int, fn: int, expected: tuple) -> None:
    score = prf(tp, fp, fn)
    assert (score["p"], score["r"], score["f"]) == expected
    assert (score["tp"], score["fp"], score["fn"]) == (tp, fp, fn)


# --------------------------------------------------------------------------- scoring


@pytest.mark.parametrize("mode", ["strict", "lenient"])
def test_perfect_match(mode: str) -> None:
    gold = [MEETING, AGREEMENT]
    pred = [predicted(MEETING, 1, 0), predicted(AGREEMENT, 2, 20)]
    report = evaluate(gold, pred)
    # 2 pairs, both typed right; officials 2+2, ministries 1+1, initiatives 1, dates 2,
    # locations 2; per document: 2 officials, 1 ministry, 1 initiative, 1 date, 1 location.
    expected = {
        "event_identification": (2, 0, 0),
        "event_classification": (2, 0, 0),
        "officials": (4, 0, 0),
        "ministries": (2, 0, 0),
        "initiatives": (1, 0, 0),
        "date": (2, 0, 0),
        "location": (2, 0, 0),
        "doc_officials": (2, 0, 0),
        "doc_ministries": (1, 0, 0),
        "doc_initiatives": (1, 0, 0),
        "doc_date": (1, 0, 0),
        "doc_location": (1, 0, 0),
    }
    assert {m: counts(report, mode, m) for m in METRICS} == expected
    assert all(figures(report, mode, m) == (1.0, 1.0, 1.0) for m in METRICS)
    assert report[mode]["status_accuracy"] == 1.0
    assert report["docs"] == 1
    assert report["errors"] == []


def test_missed_event() -> None:
    report = evaluate([MEETING, AGREEMENT], [predicted(MEETING, 1, 0)])
    # 1 pair of 1 predicted and 2 gold: P = 1, R = 0.5, F = 2/3.
    assert counts(report, "strict", "event_identification") == (1, 0, 1)
    assert figures(report, "strict", "event_identification") == (1.0, 0.5, 0.6667)
    # The AGREEMENT's 2 officials, 1 ministry, 1 initiative, date and location are missed.
    assert counts(report, "strict", "officials") == (2, 0, 2)
    assert counts(report, "strict", "ministries") == (1, 0, 1)
    assert counts(report, "strict", "initiatives") == (0, 0, 1)
    assert figures(report, "strict", "initiatives") == (None, 0.0, 0.0)
    assert counts(report, "strict", "date") == (1, 0, 1)
    assert counts(report, "strict", "location") == (1, 0, 1)
    # Document sets ignore events: only the initiative is missing there.
    assert counts(report, "strict", "doc_officials") == (2, 0, 0)
    assert counts(report, "strict", "doc_initiatives") == (0, 0, 1)
    assert counts(report, "strict", "doc_date") == (1, 0, 0)
    [error] = report["errors"]
    assert error["kind"] == "missed"
    assert error["pred"] is None and error["evidence"] is None
    assert error["gold"]["type"] == "AGREEMENT"
    assert error["gold"]["officials"] == ["Jane Roe", "John Doe"]


def test_spurious_event() -> None:
    extra = event(
        "CALL",
        date="2025-06-01",
        officials=["Ana Lima"],
        ministries=["Ministry of Trade"],
        evidence=("Ana Lima spoke by phone.", 300),
        event_id="d1#2",
    )
    report = evaluate([MEETING], [predicted(MEETING, 1, 0), extra])
    # 1 pair, the CALL unpaired: P = 1/2, R = 1, F = 2/3.
    assert counts(report, "lenient", "event_identification") == (1, 1, 0)
    assert figures(report, "lenient", "event_identification") == (0.5, 1.0, 0.6667)
    assert counts(report, "lenient", "officials") == (2, 1, 0)  # Ana Lima is FP
    assert counts(report, "lenient", "ministries") == (1, 1, 0)
    assert counts(report, "lenient", "date") == (1, 1, 0)
    assert counts(report, "lenient", "location") == (1, 0, 0)  # the CALL has none
    assert counts(report, "lenient", "doc_officials") == (2, 1, 0)
    assert counts(report, "lenient", "doc_date") == (1, 1, 0)
    [error] = report["errors"]
    assert error["kind"] == "spurious"
    assert error["gold"] is None
    assert error["evidence"] == "Ana Lima spoke by phone."
    assert error["pred"] == {
        "event_id": "d1#2",
        "type": "CALL",
        "status": "occurred",
        "date": "2025-06-01",
        "officials": ["Ana Lima"],
        "ministries": ["Ministry of Trade"],
        "initiatives": [],
        "location": None,
    }


def test_wrong_type() -> None:
    pred = {**predicted(MEETING, 1, 0), "type": "CALL"}
    report = evaluate([MEETING], [pred])
    # Paired (same date, shared officials), but the type disagrees.
    assert counts(report, "strict", "event_identification") == (1, 0, 0)
    assert counts(report, "strict", "event_classification") == (0, 1, 1)
    assert figures(report, "strict", "event_classification") == (0.0, 0.0, 0.0)
    assert counts(report, "strict", "officials") == (2, 0, 0)
    assert report["strict"]["status_accuracy"] == 1.0
    [error] = report["errors"]
    assert error["kind"] == "wrong_type"
    assert (error["pred"]["type"], error["gold"]["type"]) == ("CALL", "MEETING")
    assert error["evidence"] == "sentence 1"


@pytest.mark.parametrize(
    ("gold_date", "pred_date", "paired"),
    [
        (None, None, True),
        (DAY, DAY, True),
        (DAY, "2025-05-28", False),
        (DAY, "2025-05", False),
        (None, DAY, False),
        (DAY, None, False),
        # a date whose value is null counts as no date
        ({"text": "recently", "value": None, "granularity": None, "vague": True}, None, True),
    ],
)
def test_dates_must_agree_to_pair(gold_date: Any, pred_date: Any, paired: bool) -> None:
    gold = event("MEETING", date=gold_date, officials=["Jane Roe"])
    pred = event("MEETING", date=pred_date, officials=["Jane Roe"])
    report = evaluate([gold], [pred])
    # Paired: 1/0/0. Not paired: the prediction is FP and the gold event FN.
    expected = (1, 0, 0) if paired else (0, 1, 1)
    for mode in ("strict", "lenient"):
        assert counts(report, mode, "event_identification") == expected
        # Unpaired, the shared official still counts as FP and FN.
        assert counts(report, mode, "officials") == ((1, 0, 0) if paired else (0, 1, 1))
        assert counts(report, mode, "doc_officials") == (1, 0, 0)
    kinds = [e["kind"] for e in report["errors"]]
    assert kinds == ([] if paired else ["missed", "spurious"])


def test_maximum_matching_beats_greedy() -> None:
    # P1 may pair with Ga (same type, 2 shared officials) or Gb (1 shared official);
    # P2 only with Ga. Greedy on the best pair takes P1-Ga and leaves P2 and Gb unpaired
    # (1 pair); the maximum matching is P1-Gb, P2-Ga (2 pairs, no type agreeing).
    gold_a = event("MEETING", officials=["Jane Roe", "John Doe"])
    gold_b = event("VISIT", officials=["John Doe"])
    pred_1 = event("MEETING", officials=["Jane Roe", "John Doe"], event_id="d1#1")
    pred_2 = event("CALL", officials=["Jane Roe"], event_id="d1#2")
    report = evaluate([gold_a, gold_b], [pred_1, pred_2])
    assert counts(report, "strict", "event_identification") == (2, 0, 0)
    assert counts(report, "strict", "event_classification") == (0, 2, 2)
    # P1-Gb: {Roe, Doe} vs {Doe} -> tp 1, fp 1; P2-Ga: {Roe} vs {Roe, Doe} -> tp 1, fn 1.
    assert counts(report, "strict", "officials") == (2, 1, 1)
    pairs = {(e["pred"]["event_id"], e["gold"]["type"]) for e in report["errors"]}
    assert pairs == {("d1#1", "VISIT"), ("d1#2", "MEETING")}


def jane(type_: str, status: str = "occurred", others: tuple[str, ...] = (), **kw: Any) -> dict:
    return event(type_, status=status, officials=["Jane Roe", *others], **kw)


# In each case the event ids put the predictions in the canonical order (records sorted
# by their JSON) opposite to the gold events' order, so that the right pairing is the
# crossed one: a solver that ignored a tier would take the straight one.
@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize(
    ("golds", "preds", "classification_tp", "status_accuracy", "officials"),
    [
        # Gold in canonical order: CALL, MEETING. Both pairings have 2 pairs; only the
        # crossed one agrees on both types.
        (
            [jane("MEETING"), jane("CALL")],
            [jane("MEETING", event_id="d1#1"), jane("CALL", event_id="d1#2")],
            2,
            1.0,
            (2, 0, 0),
        ),
        # Gold: occurred, planned. Same types; only the crossed pairing agrees on status.
        (
            [jane("MEETING", "occurred"), jane("MEETING", "planned")],
            [jane("MEETING", "planned", event_id="d1#1"), jane("MEETING", event_id="d1#2")],
            2,
            1.0,
            (2, 0, 0),
        ),
        # Type beats status. Gold: CALL/planned, MEETING/occurred; P1 MEETING/planned,
        # P2 CALL/occurred. By type (crossed): 2 types, 0 statuses; by status (straight):
        # 0 types, 2 statuses.
        (
            [jane("MEETING", "occurred"), jane("CALL", "planned")],
            [jane("MEETING", "planned", event_id="d1#1"), jane("CALL", event_id="d1#2")],
            2,
            0.0,
            (2, 0, 0),
        ),
        # Slots decide. Gold: {Roe, Lima}, {Roe, Doe}. Crossed: officials 2 + 2 tp;
        # straight: 1 + 1 tp, 1 + 1 fp, 1 + 1 fn.
        (
            [jane("MEETING", others=("John Doe",)), jane("MEETING", others=("Ana Lima",))],
            [
                jane("MEETING", others=("John Doe",), event_id="d1#1"),
                jane("MEETING", others=("Ana Lima",), event_id="d1#2"),
            ],
            2,
            1.0,
            (4, 0, 0),
        ),
    ],
    ids=["type", "status", "type-over-status", "slots"],
)
def test_pairing_tiers(
    golds: list[dict],
    preds: list[dict],
    classification_tp: int,
    status_accuracy: float,
    officials: tuple[int, int, int],
    reverse: bool,
) -> None:
    report = evaluate(golds, preds[::-1] if reverse else preds)
    for mode in ("strict", "lenient"):
        assert counts(report, mode, "event_identification") == (2, 0, 0)
        assert counts(report, mode, "event_classification")[0] == classification_tp
        assert report[mode]["status_accuracy"] == status_accuracy
        assert counts(report, mode, "officials") == officials


def test_no_events_document_counts_false_positives() -> None:
    gold = [{"doc_id": "d2", "type": None}]
    pred = [
        event(
            "MEETING",
            doc="d2",
            officials=["Jane Roe"],
            ministries=["Ministry of Fisheries"],
            evidence=("Jane Roe met officials.", 42),
        )
    ]
    report = evaluate(gold, pred)
    assert report["docs"] == 1
    # Nothing to find: the prediction is FP; P = 0, R undefined, F = 0.
    assert counts(report, "strict", "event_identification") == (0, 1, 0)
    assert figures(report, "strict", "event_identification") == (0.0, None, 0.0)
    assert counts(report, "strict", "officials") == (0, 1, 0)
    assert counts(report, "strict", "ministries") == (0, 1, 0)
    assert counts(report, "strict", "date") == (0, 1, 0)
    # No location on either side: nothing to score.
    assert figures(report, "strict", "location") == (None, None, None)
    assert counts(report, "strict", "doc_officials") == (0, 1, 0)
    assert report["strict"]["status_accuracy"] is None
    [error] = report["errors"]
    assert (error["kind"], error["doc_id"], error["evidence"]) == (
        "spurious",
        "d2",
        "Jane Roe met officials.",
    )


@pytest.mark.parametrize(
    ("pred_title", "strict_pairs", "lenient_pairs"),
    [
        ("Minister for Fisheries", 1, 1),
        # containment ({minister, for, fisheries} in {federal, ...}): lenient only
        ("Federal Minister for Fisheries", 0, 1),
        ("Minister for Trade", 0, 0),
        (None, 0, 0),
    ],
)
def test_officials_without_name_pair_on_title(
    pred_title: str | None, strict_pairs: int, lenient_pairs: int
) -> None:
    gold = event(
        "MEETING",
        officials=[official(None, "Minister for Fisheries"), official("Jane Roe", "Ambassador")],
    )
    pred = event("MEETING", officials=[official(None, pred_title)])
    report = evaluate([gold], [pred])
    assert counts(report, "strict", "event_identification")[0] == strict_pairs
    assert counts(report, "lenient", "event_identification")[0] == lenient_pairs
    for mode in ("strict", "lenient"):
        # Only named officials are scored: Jane Roe is missed whether paired or not,
        # and the nameless officials count nowhere.
        assert counts(report, mode, "officials") == (0, 0, 1)
        assert counts(report, mode, "doc_officials") == (0, 0, 1)


def test_unnamed_pred_official_pairs_on_title_of_named_gold() -> None:
    gold = event("MEETING", officials=[official("Jane Roe", "Minister for Fisheries")])
    pred = event("MEETING", officials=[official(None, "Minister for Fisheries")])
    report = evaluate([gold], [pred])
    assert counts(report, "strict", "event_identification") == (1, 0, 0)
    assert counts(report, "strict", "officials") == (0, 0, 1)


@pytest.mark.parametrize(
    ("gold_location", "pred_type", "pred_location", "strict_pairs", "lenient_pairs"),
    [
        ("Expo Hall", "HOSTED_EVENT", "Expo Hall", 1, 1),
        (None, "HOSTED_EVENT", None, 1, 1),
        ("Expo Hall", "HOSTED_EVENT", "Expo Hall, Port City", 0, 1),
        ("Expo Hall", "LAUNCH", "Expo Hall", 0, 0),  # type must agree
        ("Expo Hall", "HOSTED_EVENT", None, 0, 0),
        ("Expo Hall", "HOSTED_EVENT", "Harbour Centre", 0, 0),
    ],
)
def test_gold_without_participants_pairs_on_type_and_location(
    gold_location: str | None,
    pred_type: str,
    pred_location: str | None,
    strict_pairs: int,
    lenient_pairs: int,
) -> None:
    gold = event("HOSTED_EVENT", location=gold_location)
    pred = event(pred_type, location=pred_location, officials=["Jane Roe"])
    report = evaluate([gold], [pred])
    assert counts(report, "strict", "event_identification")[0] == strict_pairs
    assert counts(report, "lenient", "event_identification")[0] == lenient_pairs


def test_strict_and_lenient_slots_and_aliases() -> None:
    gold = event(
        "AGREEMENT",
        officials=["H.E. Jane Roe"],
        ministries=["Ministry of Fisheries"],
        initiatives=[{"name": "Joint Working Group on Fisheries", "aliases": ["JWG"]}],
        location={"name": "Port City", "aliases": ["Port City Harbour"]},
    )
    pred = event(
        "AGREEMENT",
        officials=["Roe"],
        ministries=["Ministry of Fisheries"],
        initiatives=["JWG"],
        location="Harbour, Port City",
    )
    report = evaluate([gold], [pred])
    # Paired in both modes through the ministry.
    assert counts(report, "strict", "event_identification") == (1, 0, 0)
    # "Roe" vs "jane roe": contained, lenient only.
    assert counts(report, "strict", "officials") == (0, 1, 1)
    assert counts(report, "lenient", "officials") == (1, 0, 0)
    # The alias is an exact match in both modes.
    assert counts(report, "strict", "initiatives") == (1, 0, 0)
    assert counts(report, "strict", "doc_initiatives") == (1, 0, 0)
    # {harbour, port, city} contains-equals the alias {port, city, harbour}: lenient only.
    assert counts(report, "strict", "location") == (0, 1, 1)
    assert counts(report, "lenient", "location") == (1, 0, 0)
    assert counts(report, "lenient", "doc_location") == (1, 0, 0)


def test_document_sets_are_distinct_under_normalization() -> None:
    gold = [
        event("MEETING", officials=["Jane Roe"]),
        event("AGREEMENT", officials=["H.E. Jane Roe"], date="2025-05-28"),
    ]
    pred = [event("MEETING", officials=["Ms. Jane Roe", "Jane Roe", "John Doe"])]
    report = evaluate(gold, pred)
    # Gold set {jane roe}; pred set {jane roe, john doe}: tp 1, fp 1.
    assert counts(report, "strict", "doc_officials") == (1, 1, 0)
    # Dates: gold {2025-05-27, 2025-05-28}, pred {2025-05-27}.
    assert counts(report, "strict", "doc_date") == (1, 0, 1)
    # Event level: the pair matches one Jane Roe; the second pred copy and John Doe are FP,
    # the AGREEMENT's Jane Roe is FN.
    assert counts(report, "strict", "officials") == (1, 2, 1)


def test_unscored_predicted_documents() -> None:
    pred = [predicted(MEETING, 1, 0), event("CALL", doc="elsewhere", officials=["Ana Lima"])]
    report = evaluate([MEETING], pred)
    # The CALL is on a document without gold: not scored at all.
    assert counts(report, "strict", "event_identification") == (1, 0, 0)
    assert counts(report, "strict", "officials") == (2, 0, 0)
    assert report["unscored_pred_docs"] == ["elsewhere"]
    assert report["errors"] == []


def test_deterministic_under_shuffled_input() -> None:
    gold = [
        MEETING,
        AGREEMENT,
        event("MEETING", officials=["Jane Roe"]),  # a near-duplicate makes ties
        event("VISIT", officials=["Ana Lima"], location="Port City"),
        {"doc_id": "d2", "type": None},
        event("CALL", doc="d3", officials=["John Doe"], date=None),
    ]
    pred = [
        predicted(MEETING, 1, 0),
        predicted(event("MEETING", officials=["Jane Roe"]), 2, 40),
        predicted(event("PROPOSAL", officials=["Jane Roe", "John Doe"]), 3, 60),
        predicted(event("VISIT", officials=["Ana Lima"], location="Port City"), 4, 80),
        predicted(event("CALL", doc="d2", officials=["Ana Lima"]), 1, 5),
        predicted(event("CALL", doc="d3", officials=["John Doe"], date=None), 1, 0),
        predicted(event("CALL", doc="d3", officials=["John Doe"], date=None), 2, 30),
    ]
    reference = evaluate(gold, pred)
    rng = random.Random(20250527)
    for _ in range(20):
        shuffled_gold, shuffled_pred = gold[:], pred[:]
        rng.shuffle(shuffled_gold)
        rng.shuffle(shuffled_pred)
        assert evaluate(shuffled_gold, shuffled_pred) == reference
    # Errors come by doc id, then kind, then evidence start.
    keys = [(e["doc_id"], e["kind"]) for e in reference["errors"]]
    assert keys == sorted(keys)
    d3 = [e for e in reference["errors"] if e["doc_id"] == "d3"]
    assert [e["kind"] for e in d3] == ["spurious"]


def test_report_uses_the_contract_names() -> None:
    report = evaluate([MEETING, {"doc_id": "d2", "type": None}], [predicted(AGREEMENT, 1, 0)])
    assert {"docs", "strict", "lenient", "errors"} <= set(report)
    old_keys = {"docs", "strict", "lenient", "errors", "unscored_pred_docs"}
    new_keys = {"ignored", "bootstrap", "documents", "diagnostics"}
    assert set(report) == old_keys | new_keys
    assert report["docs"] == 2
    expected_metrics = {
        "event_identification",
        "event_classification",
        "officials",
        "ministries",
        "initiatives",
        "date",
        "location",
        "doc_officials",
        "doc_ministries",
        "doc_initiatives",
        "doc_date",
        "doc_location",
    }
    for mode in ("strict", "lenient"):
        assert set(report[mode]) == expected_metrics | {"status_accuracy", "by_type", "confusion"}
        for metric in expected_metrics:
            assert set(report[mode][metric]) == {"p", "r", "f", "tp", "fp", "fn", "ci"}
    for error in report["errors"]:
        assert set(error) == {"kind", "doc_id", "pred", "gold", "evidence"}
        assert error["kind"] in {"spurious", "missed", "wrong_type"}
    assert json.loads(json.dumps(report)) == report


# --------------------------------------------------------------------------- loading


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ('{"doc_id": "d1", "type": "MEETING"', "invalid JSON"),
        ("[1, 2]", "expected a JSON object, got list"),
        ('{"type": "MEETING"}', "doc_id"),
        ('{"doc_id": "d1", "type": "MEETING", "officials": "Jane Roe"}', "officials"),
    ],
)
def test_load_events_bad_line_names_file_and_line(
    tmp_path: Path, bad_line: str, reason: str
) -> None:
    path = write_lines(tmp_path / "events.jsonl", [json.dumps(MEETING), "", bad_line])
    with pytest.raises(ExtractorError, match=reason) as info:
        load_events(path)
    assert f"{path}:3:" in str(info.value)


def test_load_events_reads_records(tmp_path: Path) -> None:
    lines = [json.dumps(predicted(MEETING, 1, 0)), "   ", json.dumps(MEETING)]
    assert load_events(write_lines(tmp_path / "events.jsonl", lines)) == [
        predicted(MEETING, 1, 0),
        MEETING,
    ]


def test_load_events_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExtractorError, match="no such file"):
        load_events(tmp_path / "absent.jsonl")


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({k: v for k, v in MEETING.items() if k != "status"}, "status"),
        ({**MEETING, "type": "PARTY"}, "type"),
        ({**MEETING, "offcials": []}, "offcials"),
        ({**MEETING, "date": {"text": "May 27", "value": "27/05/2025"}}, "date.value"),
        ({**MEETING, "officials": [{"name": "Jane Roe", "country": "Roeland"}]}, "country"),
        ({"doc_id": "d2", "type": None, "status": "occurred"}, "status"),
    ],
)
def test_load_gold_rejects_bad_records(tmp_path: Path, bad: dict, reason: str) -> None:
    path = write_lines(tmp_path / "gold.jsonl", [json.dumps(AGREEMENT), json.dumps(bad)])
    with pytest.raises(ExtractorError, match=reason) as info:
        load_gold(path)
    assert f"{path}:2:" in str(info.value)


def test_load_gold_folder_sorted_with_no_events_line(tmp_path: Path) -> None:
    write_lines(tmp_path / "b.jsonl", [json.dumps({"doc_id": "d2", "type": None})])
    write_lines(tmp_path / "a.jsonl", [json.dumps(MEETING), json.dumps(AGREEMENT)])
    (tmp_path / "notes.txt").write_text("not gold", encoding="utf-8")
    assert load_gold(tmp_path) == [MEETING, AGREEMENT, {"doc_id": "d2", "type": None}]


def test_load_gold_rejects_events_on_a_no_events_document(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "gold.jsonl", [json.dumps({"doc_id": "d1", "type": None}), json.dumps(MEETING)]
    )
    with pytest.raises(ExtractorError, match="both events and"):
        load_gold(path)


def test_load_gold_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ExtractorError, match="no \\*.jsonl gold files"):
        load_gold(tmp_path)


def test_evaluate_files(tmp_path: Path) -> None:
    gold = write_lines(tmp_path / "gold.jsonl", [json.dumps(MEETING), json.dumps(AGREEMENT)])
    pred = write_lines(tmp_path / "events.jsonl", [json.dumps(predicted(MEETING, 1, 0))])
    report = evaluate_files(gold, pred)
    assert counts(report, "lenient", "event_identification") == (1, 0, 1)


# --------------------------------------------------------------------------- rendering


def test_render_report() -> None:
    pred = [
        event("CALL", officials=["Ana Lima"], evidence=(f"Call number {n}.", n), event_id=str(n))
        for n in range(5)
    ]
    report = evaluate([MEETING], pred)
    console = Console(record=True, width=240)
    render_report(report, max_errors=2, console=console)
    text = console.export_text()
    assert "event identification" in text
    assert "doc_location" in text
    assert "status accuracy" in text
    # 5 spurious + 1 missed; "missed" sorts first, then spurious by evidence start.
    assert "Errors (lenient), 2 of 6" in text
    errors = text[text.index("Errors (lenient)") : text.index("Slot errors")]
    assert errors.count("missed") == 1
    assert errors.count("spurious") == 1
    assert "Call number 0." in text


def test_render_report_without_errors() -> None:
    report = evaluate([MEETING], [event("CALL", officials=["Ana Lima"])])
    console = Console(record=True, width=240)
    render_report(report, max_errors=0, console=console)
    text = console.export_text()
    assert "event classification" in text
    assert "Errors" not in text


def test_render_report_narrow_terminal_splits_modes() -> None:
    report = evaluate([AGREEMENT], [predicted(AGREEMENT, 1, 0)])
    console = Console(record=True, width=80)
    render_report(report, console=console)
    text = console.export_text()
    # Side by side needs ~110 columns: one table per mode instead, no figure cut short.
    assert "strict matching" in text and "lenient matching" in text
    assert "…" not in text
    assert text.count("1.0000") == 2 * 12 * 3 + 2  # P, R, F of 12 metrics, twice; status
