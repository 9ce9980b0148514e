"""Evaluate: predicted ``events.jsonl`` against gold files (EVENTS.md sections 4 and 5).

The scorer speaks spaCy's dialect: tp/fp/fn counts become ``{"p", "r", "f"}`` with
``None`` where a figure has nothing to divide by, and an error list (spurious, missed and
mistyped events with doc id and evidence) follows presidio-research.

Per document, predicted and gold events are paired one-to-one by a maximum-weight
matching whose weight encodes a lexicographic preference (most pairs, then same type,
then same status, then most matching slot values); everything else is counted from the
pairs. Every figure is computed twice: under strict and under lenient name matching.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rich.console import Console
from rich.table import Table
from scipy.optimize import linear_sum_assignment

from extractor.errors import ExtractorError
from extractor.models import (
    Codes,
    EventDate,
    EventStatus,
    EventType,
    GoldInitiative,
    GoldLocation,
    GoldMinistry,
    GoldOfficial,
    TextSpan,
)

MODES: tuple[str, ...] = ("strict", "lenient")
EVENT_METRICS: tuple[str, ...] = ("event_identification", "event_classification")
SLOTS: tuple[str, ...] = ("officials", "ministries", "initiatives", "date", "location")
DOC_SETS: tuple[str, ...] = (
    "doc_officials",
    "doc_ministries",
    "doc_initiatives",
    "doc_date",
    "doc_location",
)
METRICS: tuple[str, ...] = EVENT_METRICS + SLOTS + DOC_SETS

HONORIFICS = frozenset(
    {
        "mr", "ms", "mrs", "dr", "engr", "senator", "sen", "prof", "hon", "honourable",
        "honorable", "excellency", "his", "her", "lt", "gen", "r", "retd", "sheikh",
    }
)  # fmt: skip
STOPWORDS = frozenset(
    {"of", "for", "the", "and", "on", "in", "ministry", "minister", "federal", "a", "an", "to"}
)
LENIENT_JACCARD = 0.5

# "H.E." is removed before punctuation turns into spaces, otherwise it would leave the
# tokens "h" and "e" behind; the lookarounds keep it from eating into a word.
_HE = re.compile(r"(?<!\w)h\.\s?e\.?(?!\w)")
_NON_WORD = re.compile(r"[^\w\-]+")


# --------------------------------------------------------------------------- models


class GoldEvent(BaseModel):
    """One annotated event of a gold file (EVENTS.md section 4)."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(min_length=1)
    type: EventType
    status: EventStatus
    date: EventDate | None = None
    officials: list[GoldOfficial] = Field(default_factory=list)
    ministries: list[GoldMinistry] = Field(default_factory=list)
    initiatives: list[GoldInitiative] = Field(default_factory=list)
    location: GoldLocation | None = None
    # Gold made by correcting extractor output may keep these; they are never scored.
    schema_version: str | None = None
    event_id: str | None = None
    trigger: TextSpan | None = None
    evidence: TextSpan | None = None
    confidence: float | None = None
    codes: Codes | None = None


class GoldNoEvents(BaseModel):
    """The line that marks a gold document without events, so false positives count."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(min_length=1)
    type: None


class _PredOfficial(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str | None = None
    title: str | None = None
    aliases: list[str] | None = None


class _PredNamed(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str | None = None
    aliases: list[str] | None = None


class _PredDate(BaseModel):
    model_config = ConfigDict(extra="allow")

    value: str | None = None


class _PredSpan(BaseModel):
    model_config = ConfigDict(extra="allow")

    text: str | None = None
    start: int | None = None


class ScoredEvent(BaseModel):
    """The fields the evaluator reads from any event record, predicted or gold.

    Deliberately permissive (extra keys allowed, everything optional but ``doc_id``) so
    that output of other tools or older schema versions can be scored; it only rejects
    records whose fields have the wrong shape.
    """

    model_config = ConfigDict(extra="allow")

    doc_id: str
    type: str | None = None
    status: str | None = None
    date: _PredDate | None = None
    officials: list[_PredOfficial] = Field(default_factory=list)
    ministries: list[_PredNamed] = Field(default_factory=list)
    initiatives: list[_PredNamed] = Field(default_factory=list)
    location: _PredNamed | None = None
    evidence: _PredSpan | None = None


# --------------------------------------------------------------------------- loading


def _describe(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc']) or 'record'}: {err['msg']}" for err in exc.errors()
    )


def _read_jsonl(path: Path) -> list[tuple[int, dict]]:
    """Parse a JSONL file into ``(line number, object)``; blank lines are skipped.

    Raises:
        ExtractorError: the file is missing or unreadable, or a line is not a JSON object.
    """
    if not path.is_file():
        raise ExtractorError(f"{path}: no such file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ExtractorError(f"{path}: not UTF-8: {exc}") from exc
    records: list[tuple[int, dict]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ExtractorError(
                f"{path}:{lineno}: invalid JSON: {exc.msg} (column {exc.colno})"
            ) from exc
        if not isinstance(obj, dict):
            raise ExtractorError(
                f"{path}:{lineno}: expected a JSON object, got {type(obj).__name__}"
            )
        records.append((lineno, obj))
    return records


def load_events(path: Path) -> list[dict]:
    """Read predicted events from a JSONL file.

    Args:
        path: An ``events.jsonl``.

    Returns:
        The records as parsed, in file order.

    Raises:
        ExtractorError: naming file, line number and reason, for a line that is not JSON, not
            an object, or has fields of the wrong shape (e.g. no string ``doc_id``).
    """
    events = []
    for lineno, obj in _read_jsonl(path):
        try:
            ScoredEvent.model_validate(obj)
        except ValidationError as exc:
            raise ExtractorError(f"{path}:{lineno}: {_describe(exc)}") from exc
        events.append(obj)
    return events


def load_gold(path: Path) -> list[dict]:
    """Read gold events from a ``.jsonl`` file or a folder of them (``*.jsonl``, sorted).

    Each line is validated as a :class:`GoldEvent` or, when its ``type`` is null, as the
    :class:`GoldNoEvents` marker of a document without events.

    Args:
        path: A gold file or folder.

    Returns:
        The records as parsed, files in name order, lines in file order.

    Raises:
        ExtractorError: naming file and line, for a malformed record, or a document that has
            both the no-events marker and events; or when the folder holds no gold file.
    """
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise ExtractorError(f"{path}: no *.jsonl gold files in this folder")
    elif path.is_file():
        files = [path]
    else:
        raise ExtractorError(f"{path}: no such file or folder")
    records: list[dict] = []
    first_seen: dict[tuple[str, bool], str] = {}
    for file in files:
        for lineno, obj in _read_jsonl(file):
            no_events = "type" in obj and obj["type"] is None
            model = GoldNoEvents if no_events else GoldEvent
            try:
                model.model_validate(obj)
            except ValidationError as exc:
                raise ExtractorError(f"{file}:{lineno}: {_describe(exc)}") from exc
            doc_id = obj["doc_id"]
            other = first_seen.get((doc_id, not no_events))
            if other is not None:
                raise ExtractorError(
                    f"{file}:{lineno}: document {doc_id!r} has both events and a "
                    f'{{"type": null}} no-events line (see {other})'
                )
            first_seen.setdefault((doc_id, no_events), f"{file}:{lineno}")
            records.append(obj)
    return records


# --------------------------------------------------------------------------- names


def normalize_name(name: str) -> str:
    """Normalize a name for comparison (EVENTS.md section 5).

    NFKC, casefold, every dash to ``-``, "H.E." removed, every other non-word character to
    a space, honorific tokens dropped, whitespace collapsed. A hyphen is kept inside a
    token ("uzbekistan-afghanistan") and dropped at a token's edges.

    Args:
        name: A name as written.

    Returns:
        The normalized name; empty when nothing but honorifics and punctuation was given.
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    # Category Pd covers hyphen, en/em dash, non-breaking hyphen and the like; the minus
    # sign is a math symbol but is typed for a dash often enough.
    text = "".join("-" if unicodedata.category(c) == "Pd" or c == "\u2212" else c for c in text)
    text = _HE.sub(" ", text)
    text = _NON_WORD.sub(" ", text)
    tokens = (token.strip("-") for token in text.split())
    return " ".join(t for t in tokens if t and t not in HONORIFICS)


def _lenient_tokens(normalized: str) -> frozenset[str]:
    # Hyphenated compounds count as their parts for lenient matching, so
    # "uzbekistan-afghanistan-pakistan railway" overlaps "uzbekistan afghanistan ...".
    return frozenset(t for t in re.split(r"[\s\-]+", normalized) if t)


@dataclass(frozen=True)
class _NameForm:
    normalized: str
    tokens: frozenset[str]
    content: frozenset[str]

    @classmethod
    def of(cls, normalized: str) -> _NameForm:
        tokens = _lenient_tokens(normalized)
        return cls(normalized, tokens, tokens - STOPWORDS)


@dataclass(frozen=True)
class NameValue:
    """A name with its acceptable forms: the name first, then any gold aliases."""

    text: str
    forms: tuple[_NameForm, ...]

    @classmethod
    def of(cls, name: str, aliases: Iterable[str] | None = None) -> NameValue:
        """Build from a name and its aliases; forms that normalize to nothing are dropped."""
        forms: list[_NameForm] = []
        for raw in [name, *(aliases or [])]:
            normalized = normalize_name(raw)
            if normalized and all(f.normalized != normalized for f in forms):
                forms.append(_NameForm.of(normalized))
        return cls(name, tuple(forms))

    @property
    def key(self) -> str:
        """The normalized name, which makes values distinct within a document."""
        return self.forms[0].normalized if self.forms else ""

    def merged(self, other: NameValue) -> NameValue:
        """The same value accepting the forms of both (two gold spellings of one name)."""
        extra = tuple(f for f in other.forms if f not in self.forms)
        return NameValue(self.text, self.forms + extra)


def _lenient_form_match(a: _NameForm, b: _NameForm) -> bool:
    if a.normalized == b.normalized:
        return True
    small, large = sorted((a.tokens, b.tokens), key=len)
    # A contained set of stopwords only ("ministry of") would match every ministry.
    if small <= large and small - STOPWORDS:
        return True
    union = a.content | b.content
    return bool(union) and len(a.content & b.content) / len(union) >= LENIENT_JACCARD


def names_match(pred: NameValue, gold: NameValue, lenient: bool) -> bool:
    """Whether a predicted name matches a gold name (with its aliases).

    Args:
        pred: The predicted name.
        gold: The gold name; any of its aliases matching is a match.
        lenient: Strict compares normalized strings; lenient also accepts token-set
            containment and content-token Jaccard >= 0.5.

    Returns:
        True on a match. A name that normalizes to nothing matches nothing.
    """
    for p in pred.forms:
        for g in gold.forms:
            if p.normalized == g.normalized or (lenient and _lenient_form_match(p, g)):
                return True
    return False


def match_names(pred: str, gold: str, lenient: bool, aliases: Sequence[str] = ()) -> bool:
    """:func:`names_match` on plain strings.

    Args:
        pred: Predicted name as written.
        gold: Gold name as written.
        lenient: Lenient rather than strict matching.
        aliases: Other acceptable strings for the gold name.

    Returns:
        True on a match.
    """
    return names_match(NameValue.of(pred), NameValue.of(gold, aliases), lenient)


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class _Official:
    name: NameValue | None
    title: NameValue | None


@dataclass(frozen=True)
class _Event:
    """An event reduced to what is scored, names already normalized."""

    record: dict
    key: str
    doc_id: str
    type: str | None
    status: str | None
    date: str | None
    officials: tuple[_Official, ...]
    ministries: tuple[NameValue, ...]
    initiatives: tuple[NameValue, ...]
    location: NameValue | None
    evidence_text: str | None
    evidence_start: int | None

    @property
    def named_officials(self) -> tuple[NameValue, ...]:
        return tuple(o.name for o in self.officials if o.name is not None)

    @property
    def locations(self) -> tuple[NameValue, ...]:
        return () if self.location is None else (self.location,)

    @property
    def dates(self) -> tuple[str, ...]:
        return () if self.date is None else (self.date,)

    @property
    def has_participants(self) -> bool:
        return bool(self.officials or self.ministries or self.initiatives)


def _named(item: _PredNamed) -> NameValue | None:
    return None if item.name is None else NameValue.of(item.name, item.aliases)


def _to_event(record: dict, where: str) -> _Event:
    try:
        parsed = ScoredEvent.model_validate(record)
    except ValidationError as exc:
        raise ExtractorError(f"{where}: {_describe(exc)}") from exc
    officials = []
    for official in parsed.officials:
        name = None if official.name is None else NameValue.of(official.name, official.aliases)
        # A name of honorifics only ("H.E.") names nobody: treat the official as unnamed.
        if name is not None and not name.forms:
            name = None
        title = None if official.title is None else NameValue.of(official.title)
        officials.append(_Official(name, title))
    evidence = parsed.evidence
    return _Event(
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


# --------------------------------------------------------------------------- matching


def _one_to_one(
    preds: Sequence[Any], golds: Sequence[Any], match: Callable[[Any, Any], bool]
) -> int:
    """Size of a maximum one-to-one matching of ``preds`` to ``golds`` under ``match``."""
    if not preds or not golds:
        return 0
    table = np.array([[match(p, g) for g in golds] for p in preds], dtype=float)
    rows, cols = linear_sum_assignment(table, maximize=True)
    return int(table[rows, cols].sum())


@dataclass(frozen=True)
class _Mode:
    lenient: bool

    def names(self, pred: NameValue, gold: NameValue) -> bool:
        return names_match(pred, gold, self.lenient)

    def same_location(self, pred: NameValue | None, gold: NameValue | None) -> bool:
        if pred is None or gold is None:
            return pred is None and gold is None
        return self.names(pred, gold)

    def officials_meet(self, pred: _Official, gold: _Official) -> bool:
        if pred.name is not None and gold.name is not None:
            return self.names(pred.name, gold.name)
        # An official known only by office ("the Federal Minister for IT") is identified
        # by that office.
        if pred.title is not None and gold.title is not None:
            return self.names(pred.title, gold.title)
        return False

    def allowed(self, pred: _Event, gold: _Event) -> bool:
        """Whether the two events may be paired at all (EVENTS.md section 5)."""
        if pred.date != gold.date:
            return False
        if not gold.has_participants:
            return pred.type == gold.type and self.same_location(pred.location, gold.location)
        return (
            any(self.officials_meet(p, g) for p in pred.officials for g in gold.officials)
            or any(self.names(p, g) for p in pred.ministries for g in gold.ministries)
            or any(self.names(p, g) for p in pred.initiatives for g in gold.initiatives)
        )

    def slot_tp(self, slot: str, pred: _Event, gold: _Event) -> int:
        """Values of ``slot`` matched one-to-one between a paired pred and gold event."""
        if slot == "date":
            return int(pred.date is not None and pred.date == gold.date)
        return _one_to_one(_slot_values(pred, slot), _slot_values(gold, slot), self.names)

    def pair_events(
        self, preds: Sequence[_Event], golds: Sequence[_Event]
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
                slots[i, j] = sum(
                    self.slot_tp(slot, pred, gold)
                    for slot in ("officials", "ministries", "initiatives", "location")
                )
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


def _slot_values(event: _Event, slot: str) -> tuple[Any, ...]:
    if slot == "officials":
        return event.named_officials
    if slot == "location":
        return event.locations
    if slot == "date":
        return event.dates
    return getattr(event, slot)


def _distinct(values: Iterable[Any]) -> list[Any]:
    """Distinct values of a document under normalization; gold spellings are merged."""
    by_key: dict[str, Any] = {}
    for value in values:
        if isinstance(value, str):
            by_key.setdefault(value, value)
            continue
        key = value.key
        by_key[key] = by_key[key].merged(value) if key in by_key else value
    return [by_key[k] for k in sorted(by_key)]


# --------------------------------------------------------------------------- scoring


@dataclass
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.fp += n_pred - tp
        self.fn += n_gold - tp


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int | None]:
    """Precision, recall and F1 from counts, spaCy style.

    A figure whose denominator is 0 is ``None``. F1 is ``2tp / (2tp + fp + fn)``, equal to
    the harmonic mean of P and R where both exist, 0.0 when nothing was predicted but gold
    exists, and ``None`` only when there is neither.

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


@dataclass
class _ModeScore:
    counts: dict[str, _Counts] = field(default_factory=lambda: {m: _Counts() for m in METRICS})
    pairs: int = 0
    same_status: int = 0

    def report(self) -> dict[str, Any]:
        out: dict[str, Any] = {m: prf(c.tp, c.fp, c.fn) for m, c in self.counts.items()}
        out["status_accuracy"] = (
            None if self.pairs == 0 else round(self.same_status / self.pairs, 4)
        )
        return out


def _score_document(
    mode: _Mode, preds: Sequence[_Event], golds: Sequence[_Event], score: _ModeScore
) -> list[tuple[int, int]]:
    pairs = mode.pair_events(preds, golds)
    counts = score.counts
    same_type = sum(preds[i].type == golds[j].type for i, j in pairs)
    counts["event_identification"].add(len(pairs), len(preds), len(golds))
    counts["event_classification"].add(same_type, len(preds), len(golds))
    score.pairs += len(pairs)
    score.same_status += sum(preds[i].status == golds[j].status for i, j in pairs)
    for slot in SLOTS:
        tp = sum(mode.slot_tp(slot, preds[i], golds[j]) for i, j in pairs)
        n_pred = sum(len(_slot_values(e, slot)) for e in preds)
        n_gold = sum(len(_slot_values(e, slot)) for e in golds)
        counts[slot].add(tp, n_pred, n_gold)
        pred_set = _distinct(v for e in preds for v in _slot_values(e, slot))
        gold_set = _distinct(v for e in golds for v in _slot_values(e, slot))
        match: Callable[[Any, Any], bool] = (
            (lambda p, g: p == g) if slot == "date" else mode.names  # type: ignore[assignment]
        )
        counts[f"doc_{slot}"].add(
            _one_to_one(pred_set, gold_set, match), len(pred_set), len(gold_set)
        )
    return pairs


def _summary(event: _Event) -> dict[str, Any]:
    """A compact view of an event: enough to see why it was (not) paired."""
    out: dict[str, Any] = {}
    if event.record.get("event_id") is not None:
        out["event_id"] = event.record["event_id"]
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


def _error(kind: str, pred: _Event | None, gold: _Event | None) -> dict[str, Any]:
    doc_id = (pred or gold).doc_id  # type: ignore[union-attr]
    return {
        "kind": kind,
        "doc_id": doc_id,
        "pred": None if pred is None else _summary(pred),
        "gold": None if gold is None else _summary(gold),
        "evidence": None if pred is None else pred.evidence_text,
    }


def _document_errors(
    preds: Sequence[_Event], golds: Sequence[_Event], pairs: Sequence[tuple[int, int]]
) -> list[tuple[tuple, dict[str, Any]]]:
    paired_pred = {i for i, _ in pairs}
    paired_gold = {j for _, j in pairs}
    found: list[tuple[str, _Event | None, _Event | None]] = []
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


def evaluate(gold: list[dict], pred: list[dict]) -> dict[str, Any]:
    """Score predicted events against gold events (EVENTS.md section 5).

    Args:
        gold: Gold records, including ``{"doc_id": ..., "type": null}`` lines for documents
            without events.
        pred: Predicted event records.

    Returns:
        ``{"docs", "strict", "lenient", "errors", "unscored_pred_docs"}``: each mode holds
        the metrics of :data:`METRICS` as ``{"p", "r", "f", "tp", "fp", "fn"}`` and
        ``status_accuracy``; ``errors`` (computed under lenient matching) lists spurious,
        missed and mistyped events ordered by doc id, kind and evidence start;
        ``unscored_pred_docs`` lists doc ids that have predictions but no gold.

    Raises:
        ExtractorError: a record's fields have the wrong shape.
    """
    gold_by_doc: dict[str, list[_Event]] = {}
    for n, record in enumerate(gold, start=1):
        doc_id = record.get("doc_id")
        if "type" in record and record["type"] is None and isinstance(doc_id, str):
            gold_by_doc.setdefault(doc_id, [])
            continue
        event = _to_event(record, f"gold record {n}")
        gold_by_doc.setdefault(event.doc_id, []).append(event)
    pred_by_doc: dict[str, list[_Event]] = defaultdict(list)
    for n, record in enumerate(pred, start=1):
        event = _to_event(record, f"predicted record {n}")
        pred_by_doc[event.doc_id].append(event)

    scores = {name: _ModeScore() for name in MODES}
    keyed_errors: list[tuple[tuple, dict[str, Any]]] = []
    for doc_id in sorted(gold_by_doc):
        # Canonical order makes the pairing independent of the order of input lines.
        golds = sorted(gold_by_doc[doc_id], key=lambda e: e.key)
        preds = sorted(pred_by_doc.get(doc_id, []), key=lambda e: e.key)
        for name in MODES:
            pairs = _score_document(_Mode(lenient=name == "lenient"), preds, golds, scores[name])
            if name == "lenient":
                keyed_errors += _document_errors(preds, golds, pairs)

    keyed_errors.sort(key=lambda item: item[0])
    return {
        "docs": len(gold_by_doc),
        "strict": scores["strict"].report(),
        "lenient": scores["lenient"].report(),
        "errors": [entry for _, entry in keyed_errors],
        "unscored_pred_docs": sorted(set(pred_by_doc) - set(gold_by_doc)),
    }


def evaluate_files(gold: Path, pred: Path) -> dict[str, Any]:
    """Load and score: :func:`load_gold`, :func:`load_events`, :func:`evaluate`.

    Args:
        gold: A gold ``.jsonl`` file or a folder of them.
        pred: A predicted ``events.jsonl``.

    Returns:
        The report of :func:`evaluate`.
    """
    return evaluate(load_gold(gold), load_events(pred))


# --------------------------------------------------------------------------- rendering

_LABELS = {
    "event_identification": "event identification",
    "event_classification": "event classification",
}


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"


def _truncate(text: str | None, width: int) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _score_table(report: dict[str, Any], modes: Sequence[str], title: str) -> Table:
    table = Table(title=title)
    # Only the metric names may shrink on a narrow terminal: a truncated figure misleads.
    table.add_column("\nmetric", style="bold", no_wrap=True, overflow="ellipsis")
    count_width = max(
        len(str(report[mode][metric][count]))
        for mode in modes
        for metric in METRICS
        for count in ("tp", "fp", "fn")
    )
    for mode in modes:
        for col in ("P", "R", "F", "TP", "FP", "FN"):
            # The mode heads its group once, above P, to keep the columns narrow.
            table.add_column(
                f"{mode if col == 'P' else ''}\n{col}",
                justify="right",
                no_wrap=True,
                min_width=6 if col in ("P", "R", "F") else max(2, count_width),
                style="bold" if col == "F" else ("dim" if len(col) == 2 else None),
            )
    for metric in METRICS:
        row = [_LABELS.get(metric, metric)]
        for mode in modes:
            score = report[mode][metric]
            row += [_fmt(score["p"]), _fmt(score["r"]), _fmt(score["f"])]
            row += [str(score["tp"]), str(score["fp"]), str(score["fn"])]
        table.add_row(*row, end_section=metric in ("event_classification", "location"))
    return table


def _error_table(errors: list[dict[str, Any]], max_errors: int) -> Table:
    shown = errors[:max_errors]
    table = Table(title=f"Errors (lenient), {len(shown)} of {len(errors)}")
    for col in ("kind", "doc", "type", "status", "date"):
        table.add_column(col, no_wrap=col in ("kind", "date"), overflow="fold")
    table.add_column("officials", ratio=1)
    table.add_column("evidence", ratio=2)
    for entry in shown:
        pred, gold = entry.get("pred"), entry.get("gold")
        shown_event = pred or gold or {}
        type_ = str(shown_event.get("type"))
        status = str(shown_event.get("status"))
        if pred and gold:
            type_ = f"{pred.get('type')} (gold {gold.get('type')})"
            if pred.get("status") != gold.get("status"):
                status = f"{pred.get('status')} (gold {gold.get('status')})"
        table.add_row(
            entry["kind"],
            entry["doc_id"],
            type_,
            status,
            str(shown_event.get("date") or ""),
            "; ".join(shown_event.get("officials") or []),
            _truncate(entry.get("evidence"), 100),
        )
    return table


def render_report(
    report: dict[str, Any], max_errors: int = 30, console: Console | None = None
) -> None:
    """Print the report as rich tables: scores, status accuracy, then errors.

    The scores are one table with strict and lenient side by side; on a terminal too
    narrow for it, one table per mode.

    Args:
        report: The output of :func:`evaluate`.
        max_errors: How many error entries to print (0: none).
        console: Where to print; a new stdout console by default.
    """
    console = console or Console()
    title = f"Scores over {report['docs']} gold documents"
    table = _score_table(report, MODES, title)
    # Measured without the console's limit, which would clamp the natural width.
    natural = console.measure(table, options=console.options.update_width(10_000)).maximum
    if natural <= console.width:
        console.print(table)
    else:
        for mode in MODES:
            console.print(_score_table(report, [mode], f"{title}, {mode} matching"))
    console.print(
        "status accuracy over pairs: "
        + ", ".join(f"{mode} {_fmt(report[mode]['status_accuracy'])}" for mode in MODES)
    )
    unscored = report.get("unscored_pred_docs") or []
    if unscored:
        console.print(
            f"[yellow]{len(unscored)} predicted document(s) not in gold, not scored:[/yellow] "
            + ", ".join(unscored)
        )
    errors = report.get("errors") or []
    if max_errors > 0 and errors:
        console.print(_error_table(errors, max_errors))
