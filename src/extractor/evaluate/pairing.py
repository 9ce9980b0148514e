"""Events reduced to what is scored, and their one-to-one pairing (EVENTS.md section 5).

Per document, predicted and gold events are paired one-to-one by a maximum-weight
matching whose weight encodes a lexicographic preference (most pairs, then same type,
then same status, then most matching slot values).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import ValidationError
from scipy.optimize import linear_sum_assignment

from extractor.errors import ExtractorError
from extractor.evaluate.gold import ScoredEvent, describe
from extractor.evaluate.names import NameValue, names_match

SLOTS: tuple[str, ...] = ("officials", "ministries", "initiatives", "date", "location")
# The slots whose matches weigh in the pairing; the date is a precondition instead.
PAIRING_SLOTS: tuple[str, ...] = ("officials", "ministries", "initiatives", "location")


@dataclass(frozen=True)
class OfficialView:
    """An official as scored: the normalized name and title."""

    name: NameValue | None
    title: NameValue | None


@dataclass(frozen=True)
class EventView:
    """An event reduced to what is scored, names already normalized."""

    record: dict
    key: str
    doc_id: str
    type: str | None
    status: str | None
    date: str | None
    officials: tuple[OfficialView, ...]
    ministries: tuple[NameValue, ...]
    initiatives: tuple[NameValue, ...]
    location: NameValue | None
    evidence_text: str | None
    evidence_start: int | None

    @property
    def named_officials(self) -> tuple[NameValue, ...]:
        """The officials that have a name (the only ones the officials slot counts)."""
        return tuple(o.name for o in self.officials if o.name is not None)

    @property
    def has_participants(self) -> bool:
        """Whether the event names any official, ministry or initiative."""
        return bool(self.officials or self.ministries or self.initiatives)

    @property
    def event_id(self) -> str | None:
        """The record's ``event_id``, when it has one."""
        value = self.record.get("event_id")
        return value if isinstance(value, str) else None


def _named(item: Any) -> NameValue | None:
    return None if item.name is None else NameValue.of(item.name, item.aliases)


def to_event(record: dict, where: str) -> EventView:
    """Reduce an event record to an :class:`EventView`.

    Args:
        record: The record as parsed.
        where: How to name the record in an error.

    Raises:
        ExtractorError: a field has the wrong shape.
    """
    try:
        parsed = ScoredEvent.model_validate(record)
    except ValidationError as exc:
        raise ExtractorError(f"{where}: {describe(exc)}") from exc
    officials = []
    for official in parsed.officials:
        name = None if official.name is None else NameValue.of(official.name, official.aliases)
        # A name of honorifics only ("H.E.") names nobody: treat the official as unnamed.
        if name is not None and not name.forms:
            name = None
        title = None if official.title is None else NameValue.of(official.title)
        officials.append(OfficialView(name, title))
    evidence = parsed.evidence
    return EventView(
        record=record,
        key=json.dumps(record, sort_keys=True, ensure_ascii=False, default=str),
        doc_id=parsed.doc_id,
        type=parsed.type,
        status=parsed.status,
        date=None if parsed.date is None else parsed.date.value,
        officials=tuple(officials),
        ministries=tuple(v for v in map(_named, parsed.ministries) if v is not None),
        initiatives=tuple(v for v in map(_named, parsed.initiatives) if v is not None),
        location=None if parsed.location is None else _named(parsed.location),
        evidence_text=None if evidence is None else evidence.text,
        evidence_start=None if evidence is None else evidence.start,
    )


def slot_values(event: EventView, slot: str) -> tuple[Any, ...]:
    """The values of one slot of an event: names, or the date value."""
    if slot == "officials":
        return event.named_officials
    if slot == "location":
        return () if event.location is None else (event.location,)
    if slot == "date":
        return () if event.date is None else (event.date,)
    return tuple(getattr(event, slot))


def distinct_values(values: Iterable[Any]) -> list[Any]:
    """Distinct values of a document under normalization; gold spellings are merged."""
    by_key: dict[str, Any] = {}
    for value in values:
        if isinstance(value, str):
            by_key.setdefault(value, value)
            continue
        key = value.key
        by_key[key] = by_key[key].merged(value) if key in by_key else value
    return [by_key[k] for k in sorted(by_key)]


def match_one_to_one(
    preds: Sequence[Any], golds: Sequence[Any], match: Callable[[Any, Any], bool]
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of ``preds`` to ``golds`` under ``match``.

    Returns:
        The matched ``(pred index, gold index)`` pairs, sorted.
    """
    if not preds or not golds:
        return []
    table = np.array([[match(p, g) for g in golds] for p in preds], dtype=float)
    rows, cols = linear_sum_assignment(table, maximize=True)
    return sorted((int(i), int(j)) for i, j in zip(rows, cols, strict=True) if table[i, j])


@dataclass(frozen=True)
class Mode:
    """Strict or lenient name matching, and everything that depends on it."""

    lenient: bool

    @property
    def name(self) -> str:
        """``"lenient"`` or ``"strict"``."""
        return "lenient" if self.lenient else "strict"

    def names(self, pred: NameValue, gold: NameValue) -> bool:
        """Whether two names match in this mode."""
        return names_match(pred, gold, self.lenient)

    def values(self, slot: str) -> Callable[[Any, Any], bool]:
        """How values of ``slot`` are compared: dates by equality, names by this mode."""
        return (lambda p, g: p == g) if slot == "date" else self.names

    def same_location(self, pred: NameValue | None, gold: NameValue | None) -> bool:
        """Whether two locations agree (both absent counts as agreement)."""
        if pred is None or gold is None:
            return pred is None and gold is None
        return self.names(pred, gold)

    def officials_meet(self, pred: OfficialView, gold: OfficialView) -> bool:
        """Whether two officials are the same person (by name, else by office)."""
        if pred.name is not None and gold.name is not None:
            return self.names(pred.name, gold.name)
        # An official known only by office ("the Federal Minister for IT") is identified
        # by that office.
        if pred.title is not None and gold.title is not None:
            return self.names(pred.title, gold.title)
        return False

    def share_argument(self, pred: EventView, gold: EventView) -> bool:
        """Whether the events share an official, ministry or initiative."""
        return (
            any(self.officials_meet(p, g) for p in pred.officials for g in gold.officials)
            or any(self.names(p, g) for p in pred.ministries for g in gold.ministries)
            or any(self.names(p, g) for p in pred.initiatives for g in gold.initiatives)
        )

    def allowed(self, pred: EventView, gold: EventView) -> bool:
        """Whether the two events may be paired at all (EVENTS.md section 5)."""
        if pred.date != gold.date:
            return False
        if not gold.has_participants:
            return pred.type == gold.type and self.same_location(pred.location, gold.location)
        return self.share_argument(pred, gold)

    def slot_matches(self, slot: str, pred: EventView, gold: EventView) -> list[tuple[int, int]]:
        """Values of ``slot`` matched one-to-one between a pred and a gold event."""
        if slot == "date":
            return [(0, 0)] if pred.date is not None and pred.date == gold.date else []
        return match_one_to_one(slot_values(pred, slot), slot_values(gold, slot), self.names)

    def slot_tp(self, slot: str, pred: EventView, gold: EventView) -> int:
        """How many values of ``slot`` match between a pred and a gold event."""
        return len(self.slot_matches(slot, pred, gold))

    def pair_events(
        self, preds: Sequence[EventView], golds: Sequence[EventView]
    ) -> list[tuple[int, int]]:
        """Pair events one-to-one by lexicographic maximum weight.

        The tiers are: number of pairs, then pairs of the same type, then of the same
        status, then matching slot values (officials, ministries, initiatives, location).
        Each tier's unit weight exceeds the most that all lower tiers together can add over
        every pair of a matching, so a higher tier always dominates. The multipliers are
        derived from this document's sizes (all integers well inside float64's exact
        range), not fixed constants that a long document could overflow.

        Args:
            preds: Predicted events of one document, in canonical order.
            golds: Gold events of the same document, in canonical order.

        Returns:
            ``(pred index, gold index)`` pairs, sorted.
        """
        if not preds or not golds:
            return []
        allowed = np.zeros((len(preds), len(golds)), dtype=bool)
        same_type = np.zeros_like(allowed)
        same_status = np.zeros_like(allowed)
        slots = np.zeros(allowed.shape, dtype=np.int64)
        for i, pred in enumerate(preds):
            for j, gold in enumerate(golds):
                if not self.allowed(pred, gold):
                    continue
                allowed[i, j] = True
                same_type[i, j] = pred.type == gold.type
                same_status[i, j] = pred.status == gold.status
                slots[i, j] = sum(self.slot_tp(slot, pred, gold) for slot in PAIRING_SLOTS)
        if not allowed.any():
            return []
        n = min(len(preds), len(golds))
        most_slots = int(slots.max())
        w_status = n * most_slots + 1
        w_type = n * (w_status + most_slots) + 1
        w_pair = n * (w_type + w_status + most_slots) + 1
        weight = np.where(
            allowed,
            w_pair + same_type * w_type + same_status * w_status + slots,
            0,
        ).astype(float)
        rows, cols = linear_sum_assignment(weight, maximize=True)
        return sorted((int(i), int(j)) for i, j in zip(rows, cols, strict=True) if allowed[i, j])
