"""Counting: tp/fp/fn per document, metric and event type, and P/R/F spaCy style.

Every figure is counted per document first, so that the totals (sums over documents) and
the bootstrap (resampled sums over documents) read the same numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from extractor.evaluate.pairing import (
    SLOTS,
    EventView,
    Mode,
    distinct_values,
    match_one_to_one,
    slot_values,
)

MODES: tuple[str, ...] = ("strict", "lenient")
EVENT_METRICS: tuple[str, ...] = ("event_identification", "event_classification")
DOC_SETS: tuple[str, ...] = tuple(f"doc_{slot}" for slot in SLOTS)
METRICS: tuple[str, ...] = EVENT_METRICS + SLOTS + DOC_SETS
NO_TYPE = "(none)"


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int | None]:
    """Precision, recall and F1 from counts, spaCy style.

    A figure whose denominator is 0 is ``None``. F1 is ``2tp / (2tp + fp + fn)``, equal to
    the harmonic mean of P and R where both exist, 0.0 when nothing was predicted but gold
    exists, and ``None`` only when there is neither. (spaCy's ``PRFScore`` is not used: it
    gives 0.0 where this report has always said ``None``.)

    Args:
        tp: True positives.
        fp: False positives.
        fn: False negatives.

    Returns:
        ``{"p", "r", "f", "tp", "fp", "fn"}``, figures rounded to 4 decimals.
    """

    def ratio(num: int, den: int) -> float | None:
        return None if den == 0 else round(num / den, 4)

    return {
        "p": ratio(tp, tp + fp),
        "r": ratio(tp, tp + fn),
        "f": ratio(2 * tp, 2 * tp + fp + fn),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def type_label(value: str | None) -> str:
    """An event type as a table key (a record without a type gets a visible label)."""
    return NO_TYPE if value is None else value


@dataclass
class DocumentScore:
    """What one document contributes under one matching mode."""

    pairs: list[tuple[int, int]]
    counts: np.ndarray  # (len(METRICS), 3): tp, fp, fn
    same_status: int
    by_type: dict[str, np.ndarray] = field(default_factory=dict)  # type -> (tp, fp, fn)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, pred)


def _type_counts(
    preds: Sequence[EventView], golds: Sequence[EventView], pairs: Sequence[tuple[int, int]]
) -> dict[str, np.ndarray]:
    """Per-type tp/fp/fn: a pair counts for its type only when both sides have it."""
    out: dict[str, np.ndarray] = {}

    def bump(label: str, col: int) -> None:
        out.setdefault(label, np.zeros(3, dtype=np.int64))[col] += 1

    typed = {(i, j) for i, j in pairs if preds[i].type == golds[j].type}
    for _, j in typed:
        bump(type_label(golds[j].type), 0)
    for i, pred in enumerate(preds):
        if not any(i == p for p, _ in typed):
            bump(type_label(pred.type), 1)
    for j, gold in enumerate(golds):
        if not any(j == g for _, g in typed):
            bump(type_label(gold.type), 2)
    return out


def _slot_row(
    mode: Mode, slot: str, preds: Sequence[EventView], golds: Sequence[EventView], pairs: Any
) -> tuple[list[int], list[int]]:
    """tp/fp/fn of a slot over events, and of its document-level set."""
    tp = sum(mode.slot_tp(slot, preds[i], golds[j]) for i, j in pairs)
    n_pred = sum(len(slot_values(e, slot)) for e in preds)
    n_gold = sum(len(slot_values(e, slot)) for e in golds)
    pred_set = distinct_values(v for e in preds for v in slot_values(e, slot))
    gold_set = distinct_values(v for e in golds for v in slot_values(e, slot))
    doc_tp = len(match_one_to_one(pred_set, gold_set, mode.values(slot)))
    return (
        [tp, n_pred - tp, n_gold - tp],
        [doc_tp, len(pred_set) - doc_tp, len(gold_set) - doc_tp],
    )


def score_document(
    mode: Mode, preds: Sequence[EventView], golds: Sequence[EventView]
) -> DocumentScore:
    """Pair one document's events and count every metric (EVENTS.md section 5).

    Args:
        mode: Strict or lenient name matching.
        preds: Predicted events of the document, in canonical order.
        golds: Gold events of the document, in canonical order.

    Returns:
        The pairs and the counts of :data:`METRICS`, per type and of type confusion.
    """
    pairs = mode.pair_events(preds, golds)
    counts = np.zeros((len(METRICS), 3), dtype=np.int64)
    same_type = sum(preds[i].type == golds[j].type for i, j in pairs)
    counts[0] = [len(pairs), len(preds) - len(pairs), len(golds) - len(pairs)]
    counts[1] = [same_type, len(preds) - same_type, len(golds) - same_type]
    for k, slot in enumerate(SLOTS):
        event_row, doc_row = _slot_row(mode, slot, preds, golds, pairs)
        counts[len(EVENT_METRICS) + k] = event_row
        counts[len(EVENT_METRICS) + len(SLOTS) + k] = doc_row
    confusion = Counter((type_label(golds[j].type), type_label(preds[i].type)) for i, j in pairs)
    return DocumentScore(
        pairs=pairs,
        counts=counts,
        same_status=sum(preds[i].status == golds[j].status for i, j in pairs),
        by_type=_type_counts(preds, golds, pairs),
        confusion=confusion,
    )


def mode_report(scores: Sequence[DocumentScore]) -> dict[str, Any]:
    """The old report of one mode: :data:`METRICS` as P/R/F and ``status_accuracy``."""
    total = (
        np.sum([s.counts for s in scores], axis=0)
        if scores
        else np.zeros((len(METRICS), 3), dtype=np.int64)
    )
    out: dict[str, Any] = {
        metric: prf(*(int(x) for x in total[k])) for k, metric in enumerate(METRICS)
    }
    pairs = sum(len(s.pairs) for s in scores)
    same_status = sum(s.same_status for s in scores)
    out["status_accuracy"] = None if pairs == 0 else round(same_status / pairs, 4)
    return out


def type_labels(scores: Sequence[DocumentScore]) -> list[str]:
    """Every event type seen in gold or predictions, sorted."""
    return sorted({label for s in scores for label in s.by_type})


def type_matrix(scores: Sequence[DocumentScore], labels: Sequence[str]) -> np.ndarray:
    """Per-document per-type counts, shape ``(documents, types, 3)``."""
    out = np.zeros((len(scores), len(labels), 3), dtype=np.int64)
    for d, score in enumerate(scores):
        for t, label in enumerate(labels):
            if label in score.by_type:
                out[d, t] = score.by_type[label]
    return out


def confusion_report(scores: Sequence[DocumentScore]) -> dict[str, dict[str, int]]:
    """Paired events by gold type (rows) and predicted type (columns); zeros left out."""
    total: Counter[tuple[str, str]] = Counter()
    for score in scores:
        total.update(score.confusion)
    out: dict[str, dict[str, int]] = {}
    for (gold, pred), n in sorted(total.items()):
        out.setdefault(gold, {})[pred] = n
    return out
