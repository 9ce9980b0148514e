"""Per-type figures, type confusion, slot errors, near misses, bootstrap and comparison.

Every expected value is worked out by hand in the comment beside it. Names are invented.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from extractor.evaluate import evaluate
from extractor.evaluate.bootstrap import f_intervals, paired_difference, resample_weights
from extractor.evaluate.compare import compare

DAY, OTHER_DAY = "2025-05-27", "2025-06-03"


def ev(
    type_: str = "MEETING",
    *,
    doc: str = "d1",
    date: str | None = DAY,
    officials: tuple[str, ...] = (),
    ministries: tuple[str, ...] = (),
    location: str | None = None,
    event_id: str | None = None,
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "doc_id": doc,
        "type": type_,
        "status": "occurred",
        "date": None if date is None else {"text": date, "value": date},
        "officials": [{"name": name, "title": None} for name in officials],
        "ministries": [{"name": name} for name in ministries],
        "initiatives": [],
        "location": None if location is None else {"name": location},
    }
    if event_id is not None:
        record["event_id"] = event_id
    return record


# d1: gold MEETING (Ana Lima) and CALL (Ben Roe); predicted MEETING (Ana Lima) pairs the
# MEETING, MEETING (Ben Roe) pairs the CALL with the wrong type, VISIT (Carl Diaz) pairs
# nothing.
GOLD = [ev("MEETING", officials=("Ana Lima",)), ev("CALL", officials=("Ben Roe",))]
PRED = [
    ev("MEETING", officials=("Ana Lima",), event_id="d1#1"),
    ev("MEETING", officials=("Ben Roe",), event_id="d1#2"),
    ev("VISIT", officials=("Carl Diaz",), event_id="d1#3"),
]


def test_per_type_figures() -> None:
    by_type = evaluate(GOLD, PRED, bootstrap=0)["lenient"]["by_type"]
    # MEETING: 1 pair of its type (tp); d1#2 is a MEETING not paired as one (fp).
    assert {k: by_type["MEETING"][k] for k in ("tp", "fp", "fn")} == {"tp": 1, "fp": 1, "fn": 0}
    assert by_type["MEETING"]["p"] == 0.5 and by_type["MEETING"]["r"] == 1.0
    assert by_type["MEETING"]["f"] == 0.6667  # 2*1 / (2*1 + 1 + 0)
    # CALL: the gold CALL was paired with a MEETING, so it is missed as a CALL.
    assert (by_type["CALL"]["tp"], by_type["CALL"]["fp"], by_type["CALL"]["fn"]) == (0, 0, 1)
    assert by_type["CALL"]["p"] is None and by_type["CALL"]["f"] == 0.0
    # VISIT: predicted only.
    assert (by_type["VISIT"]["tp"], by_type["VISIT"]["fp"], by_type["VISIT"]["fn"]) == (0, 1, 0)
    assert list(by_type) == ["CALL", "MEETING", "VISIT"]


def test_per_type_counts_add_up_to_event_classification() -> None:
    report = evaluate(GOLD, PRED, bootstrap=0)
    for mode in ("strict", "lenient"):
        total = report[mode]["event_classification"]
        for k in ("tp", "fp", "fn"):
            assert sum(t[k] for t in report[mode]["by_type"].values()) == total[k]


def test_confusion_matrix_over_pairs() -> None:
    confusion = evaluate(GOLD, PRED, bootstrap=0)["lenient"]["confusion"]
    # Rows gold, columns predicted; the unpaired VISIT is in no cell.
    assert confusion == {"CALL": {"MEETING": 1}, "MEETING": {"MEETING": 1}}


def test_slot_errors_name_document_event_and_value() -> None:
    gold = [ev(officials=("Ana Lima", "Ben Roe"), ministries=("Ministry of Fisheries",))]
    pred = [ev(officials=("Ana Lima", "Carl Diaz"), event_id="d1#1", date=DAY)]
    report = evaluate(gold, pred, bootstrap=0)
    errors = report["diagnostics"]["slot_errors"]
    found = {(e["kind"], e["slot"], e["value"]) for e in errors}
    assert found == {
        ("missed", "officials", "Ben Roe"),
        ("spurious", "officials", "Carl Diaz"),
        ("missed", "ministries", "Ministry of Fisheries"),
    }
    spurious = next(e for e in errors if e["kind"] == "spurious")
    assert spurious["doc_id"] == "d1"
    assert spurious["event"] == {"event_id": "d1#1", "type": "MEETING", "date": DAY, "paired": True}


def test_slot_errors_match_the_slot_counts() -> None:
    # Unpaired events count fully, in the figures and in the error list alike.
    report = evaluate(GOLD, PRED, bootstrap=0)
    errors = report["diagnostics"]["slot_errors"]
    for slot in ("officials", "ministries", "initiatives", "date", "location"):
        figures = report["lenient"][slot]
        assert sum(e["slot"] == slot and e["kind"] == "spurious" for e in errors) == figures["fp"]
        assert sum(e["slot"] == slot and e["kind"] == "missed" for e in errors) == figures["fn"]


@pytest.mark.parametrize(
    ("gold", "pred", "reason"),
    [
        # Same official, another date: found, but dated wrongly.
        (
            ev(officials=("Ana Lima",)),
            ev(officials=("Ana Lima",), date=OTHER_DAY),
            f"date differs: predicted {OTHER_DAY}, gold {DAY}",
        ),
        # Same date, nobody in common.
        (
            ev(officials=("Ana Lima",)),
            ev(officials=("Ben Roe",)),
            "no shared official, ministry or initiative",
        ),
        # A gold event without participants pairs only with its own type and place.
        (
            ev("HOSTED_EVENT", location="Port City"),
            ev("CALL", location="Port City"),
            "type differs: predicted CALL, gold HOSTED_EVENT",
        ),
        (
            ev("HOSTED_EVENT", location="Port City"),
            ev("HOSTED_EVENT", location="Hill Town"),
            "location differs",
        ),
    ],
)
def test_near_miss_reasons(gold: dict, pred: dict, reason: str) -> None:
    [miss] = evaluate([gold], [pred], bootstrap=0)["diagnostics"]["near_misses"]
    assert miss["doc_id"] == "d1"
    assert miss["closest"]["type"] == pred["type"]
    assert miss["reasons"] == [reason]


def test_near_miss_when_nothing_was_predicted() -> None:
    [miss] = evaluate([ev(officials=("Ana Lima",))], [], bootstrap=0)["diagnostics"]["near_misses"]
    assert miss["closest"] is None
    assert miss["reasons"] == ["no predicted event in the document"]


def test_near_miss_prefers_the_prediction_sharing_most() -> None:
    gold = ev(officials=("Ana Lima", "Ben Roe"))
    preds = [
        ev(officials=("Carl Diaz",), event_id="d1#1"),
        ev(officials=("Ana Lima", "Ben Roe"), date=OTHER_DAY, event_id="d1#2"),
    ]
    [miss] = evaluate([gold], preds, bootstrap=0)["diagnostics"]["near_misses"]
    assert miss["closest"]["event_id"] == "d1#2"


def test_prediction_paired_elsewhere_is_named() -> None:
    # Two identical gold events, one prediction: it can pair with either, not both.
    gold = [ev(officials=("Ana Lima",)), ev(officials=("Ana Lima",))]
    [miss] = evaluate(gold, [ev(officials=("Ana Lima",))], bootstrap=0)["diagnostics"][
        "near_misses"
    ]
    assert miss["reasons"] == ["prediction already paired with another gold event"]


def test_documents_table() -> None:
    gold = GOLD + [ev(doc="d2", officials=("Dana Cruz",))]
    [d1, d2] = evaluate(gold, PRED, bootstrap=0)["documents"]
    # d1: 2 gold, 3 predicted, 2 pairs: F1 = 2*2 / (2*2 + 1 + 0) = 0.8.
    assert d1 == {"doc_id": "d1", "gold": 2, "pred": 3, "pairs": 2, "f": 0.8}
    assert d2 == {"doc_id": "d2", "gold": 1, "pred": 0, "pairs": 0, "f": 0.0}


def test_ignored_predictions_are_counted() -> None:
    pred = PRED + [ev(doc="x1"), ev(doc="x1"), ev(doc="x2")]
    report = evaluate(GOLD, pred, bootstrap=0)
    assert report["ignored"] == {"events": 3, "documents": 2}
    assert report["unscored_pred_docs"] == ["x1", "x2"]


# --------------------------------------------------------------------------- bootstrap


def test_resample_weights_draw_every_document_count() -> None:
    weights = resample_weights(5, 200, seed=3)
    assert weights.shape == (200, 5)
    assert (weights.sum(axis=1) == 5).all()
    assert (weights == resample_weights(5, 200, seed=3)).all()


def test_interval_of_two_documents() -> None:
    # Document 1 is found (tp 1), document 2 missed (fn 1). A resample draws {1,1}: F1 1,
    # {2,2}: F1 0, or one of each: 2/3; each extreme has probability 1/4 > 2.5%, so the
    # 95% interval is [0, 1] around the point F1 of 2/3.
    counts = np.array([[[1, 0, 0]], [[0, 0, 1]]])
    assert f_intervals(counts, 1000) == [[0.0, 1.0]]


def test_interval_is_reproducible_and_brackets_the_figure() -> None:
    gold = [ev(doc=f"d{n}", officials=(f"Person {n}",)) for n in range(12)]
    pred = [ev(doc=f"d{n}", officials=(f"Person {n}",)) for n in range(0, 12, 2)]
    first = evaluate(gold, pred, bootstrap=500)
    assert first == evaluate(gold, pred, bootstrap=500)
    figure = first["lenient"]["event_identification"]
    lo, hi = figure["ci"]
    # Half the documents are found: F1 = 2*6 / (2*6 + 0 + 6) = 0.6667.
    assert figure["f"] == 0.6667 and lo < figure["f"] < hi
    assert evaluate(gold, pred, bootstrap=0)["lenient"]["event_identification"]["ci"] is None


def test_interval_is_none_where_f1_is_undefined() -> None:
    # No initiatives on either side in any document: F1 is None, so is its interval.
    report = evaluate(GOLD, PRED, bootstrap=100)
    assert report["lenient"]["initiatives"]["f"] is None
    assert report["lenient"]["initiatives"]["ci"] is None


def test_paired_difference_of_identical_runs() -> None:
    counts = np.array([[[1, 0, 0]], [[0, 1, 1]], [[2, 0, 1]]])
    [row] = paired_difference(counts, counts, 200) or []
    assert row == {"ci": [0.0, 0.0], "p": 1.0}


# --------------------------------------------------------------------------- comparison


def test_comparison_lists_gained_and_lost_events() -> None:
    gold = [ev(officials=("Ana Lima",)), ev("CALL", officials=("Ben Roe",), date=OTHER_DAY)]
    run_a = [ev(officials=("Ana Lima",))]
    run_b = [ev("CALL", officials=("Ben Roe",), date=OTHER_DAY)]
    result = compare(gold, run_a, run_b, bootstrap=0)
    assert [e["gold"]["type"] for e in result["gained"]] == ["CALL"]
    assert [e["gold"]["type"] for e in result["lost"]] == ["MEETING"]
    row = result["diff"]["lenient"]["event_identification"]
    # Each run pairs 1 of 2 gold events with nothing spurious: F1 2/3 both, difference 0.
    assert (row["a"], row["b"], row["diff"]) == (0.6667, 0.6667, 0.0)
    assert row["ci"] is None and row["p"] is None


def test_comparison_difference_and_interval() -> None:
    gold = [ev(doc=f"d{n}", officials=("Ana Lima",)) for n in range(10)]
    run_a = [ev(doc=f"d{n}", officials=("Ana Lima",)) for n in range(5)]
    run_b = [ev(doc=f"d{n}", officials=("Ana Lima",)) for n in range(10)]
    result = compare(gold, run_a, run_b, bootstrap=1000)
    row = result["diff"]["lenient"]["event_identification"]
    # A: F1 = 10 / (10 + 5) = 0.6667; B finds all: 1.0.
    assert row["diff"] == 0.3333
    lo, hi = row["ci"]
    assert 0 < lo <= row["diff"] <= hi
    # B is never worse; it ties only on resamples drawing just d0-d4 (0.5^10 each way), so
    # the two-sided p-value is tiny but not 0.
    assert 0 < row["p"] < 0.05
    assert len(result["gained"]) == 5 and result["lost"] == []
    assert result["a"]["lenient"]["event_identification"]["f"] == 0.6667
