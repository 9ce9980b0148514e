"""Diagnostics: unpaired and mistyped events, slot-level errors and near misses.

All are computed under lenient matching, like the error list they extend, so that a name
spelled differently is not reported as an error the lenient figures do not count.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extractor.evaluate.pairing import PAIRING_SLOTS, SLOTS, EventView, Mode, slot_values

Pairs = Sequence[tuple[int, int]]


def summary(event: EventView) -> dict[str, Any]:
    """A compact view of an event: enough to see why it was (not) paired."""
    out: dict[str, Any] = {}
    if event.event_id is not None:
        out["event_id"] = event.event_id
    out.update(
        type=event.type,
        status=event.status,
        date=event.date,
        officials=[
            o.name.text if o.name is not None else f"({o.title.text if o.title else '?'})"
            for o in event.officials
        ],
        ministries=[m.text for m in event.ministries],
        initiatives=[i.text for i in event.initiatives],
        location=None if event.location is None else event.location.text,
    )
    return out


def _error(kind: str, pred: EventView | None, gold: EventView | None) -> dict[str, Any]:
    doc_id = (pred or gold).doc_id  # type: ignore[union-attr]
    return {
        "kind": kind,
        "doc_id": doc_id,
        "pred": None if pred is None else summary(pred),
        "gold": None if gold is None else summary(gold),
        "evidence": None if pred is None else pred.evidence_text,
    }


def document_errors(
    preds: Sequence[EventView], golds: Sequence[EventView], pairs: Pairs
) -> list[tuple[tuple, dict[str, Any]]]:
    """Spurious, missed and mistyped events of one document, each with its sort key."""
    paired_pred = {i for i, _ in pairs}
    paired_gold = {j for _, j in pairs}
    found: list[tuple[str, EventView | None, EventView | None]] = []
    found += [("spurious", p, None) for i, p in enumerate(preds) if i not in paired_pred]
    found += [("missed", None, g) for j, g in enumerate(golds) if j not in paired_gold]
    found += [
        ("wrong_type", preds[i], golds[j]) for i, j in pairs if preds[i].type != golds[j].type
    ]
    keyed = []
    for kind, pred, gold in found:
        start = pred.evidence_start if pred is not None else None
        doc_id = (pred or gold).doc_id  # type: ignore[union-attr]
        tie = (pred.key if pred else "", gold.key if gold else "")
        keyed.append(
            ((doc_id, kind, -1 if start is None else start, tie), _error(kind, pred, gold))
        )
    return keyed


def _event_ref(event: EventView, paired: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if event.event_id is not None:
        out["event_id"] = event.event_id
    out.update(type=event.type, date=event.date, paired=paired)
    return out


def _value_text(value: Any) -> str:
    return value if isinstance(value, str) else value.text


def _slot_error(kind: str, slot: str, event: EventView, value: Any, paired: bool) -> dict:
    return {
        "kind": kind,
        "doc_id": event.doc_id,
        "slot": slot,
        "value": _value_text(value),
        "event": _event_ref(event, paired),
    }


def slot_errors(
    mode: Mode, preds: Sequence[EventView], golds: Sequence[EventView], pairs: Pairs
) -> list[dict[str, Any]]:
    """Every slot value not matched within its pair: missed (gold) or spurious (pred).

    Values of unpaired events all count, as they do in the slot figures, so per slot the
    number of ``spurious`` entries is that slot's FP and of ``missed`` entries its FN.

    Args:
        mode: The matching mode of ``pairs``.
        preds: Predicted events of one document, canonical order.
        golds: Gold events of the document, canonical order.
        pairs: Their pairing under ``mode``.

    Returns:
        ``{"kind", "doc_id", "slot", "value", "event"}`` entries, by slot, then missed
        before spurious, then event order.
    """
    gold_of = {i: j for i, j in pairs}
    pred_of = {j: i for i, j in pairs}
    out: list[dict[str, Any]] = []
    for slot in SLOTS:
        for j, gold in enumerate(golds):
            matched = (
                {g for _, g in mode.slot_matches(slot, preds[pred_of[j]], gold)}
                if (j in pred_of)
                else set()
            )
            for k, value in enumerate(slot_values(gold, slot)):
                if k not in matched:
                    out.append(_slot_error("missed", slot, gold, value, j in pred_of))
        for i, pred in enumerate(preds):
            matched = (
                {p for p, _ in mode.slot_matches(slot, pred, golds[gold_of[i]])}
                if (i in gold_of)
                else set()
            )
            for k, value in enumerate(slot_values(pred, slot)):
                if k not in matched:
                    out.append(_slot_error("spurious", slot, pred, value, i in gold_of))
    return out


def _closeness(mode: Mode, pred: EventView, gold: EventView) -> tuple[int, int, int, int]:
    """How alike two events are: shared arguments, then date, type, status."""
    shared = sum(mode.slot_tp(slot, pred, gold) for slot in PAIRING_SLOTS)
    shared += sum(
        mode.officials_meet(p, g)
        for p in pred.officials
        for g in gold.officials
        if p.name is None or g.name is None
    )
    return (shared, pred.date == gold.date, pred.type == gold.type, pred.status == gold.status)


def _reasons(mode: Mode, pred: EventView, gold: EventView) -> list[str]:
    """Why ``pred`` could not be ``gold``'s pair (EVENTS.md section 5's conditions)."""
    reasons = []
    if pred.date != gold.date:
        reasons.append(f"date differs: predicted {pred.date}, gold {gold.date}")
    if gold.has_participants:
        if not mode.share_argument(pred, gold):
            reasons.append("no shared official, ministry or initiative")
    else:
        if pred.type != gold.type:
            reasons.append(f"type differs: predicted {pred.type}, gold {gold.type}")
        if not mode.same_location(pred.location, gold.location):
            reasons.append("location differs")
    if not reasons:
        reasons.append("prediction already paired with another gold event")
    return reasons


def near_misses(
    mode: Mode, preds: Sequence[EventView], golds: Sequence[EventView], pairs: Pairs
) -> list[dict[str, Any]]:
    """For each unpaired gold event, the closest predicted event and why it did not pair.

    Tells "wrong date" or "wrong participants" apart from "not found at all".

    Returns:
        ``{"doc_id", "gold", "closest", "reasons"}`` entries in gold order; ``closest``
        is None (reason "no predicted event in the document") when nothing was predicted.
    """
    paired_gold = {j for _, j in pairs}
    out = []
    for j, gold in enumerate(golds):
        if j in paired_gold:
            continue
        entry: dict[str, Any] = {"doc_id": gold.doc_id, "gold": summary(gold)}
        if not preds:
            entry.update(closest=None, reasons=["no predicted event in the document"])
        else:
            # max() keeps the first of equals, so ties go to canonical order.
            best = max(range(len(preds)), key=lambda i: _closeness(mode, preds[i], gold))
            entry.update(closest=summary(preds[best]), reasons=_reasons(mode, preds[best], gold))
        out.append(entry)
    return out
