"""The evaluation report as pydantic models: its JSON Schema is generated from them.

``docs/schema/evaluation.schema.json`` is :func:`evaluation_json_schema` written out; a
test keeps the two in sync and validates real reports against :class:`EvaluationReport`
(``extra="forbid"``), so a key added to the report without documentation fails.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Figures(_Model):
    """P/R/F from counts, spaCy style: ``None`` where a figure has nothing to divide by."""

    p: float | None
    r: float | None
    f: float | None
    tp: int
    fp: int
    fn: int
    ci: list[float] | None = Field(
        description="95% percentile bootstrap interval of F1 [lo, hi]; null when disabled "
        "or undefined."
    )


class ModeReport(_Model):
    """Every metric under one name-matching mode (EVENTS.md section 5)."""

    event_identification: Figures
    event_classification: Figures
    officials: Figures
    ministries: Figures
    initiatives: Figures
    date: Figures
    location: Figures
    doc_officials: Figures
    doc_ministries: Figures
    doc_initiatives: Figures
    doc_date: Figures
    doc_location: Figures
    status_accuracy: float | None
    by_type: dict[str, Figures] = Field(description="Per event type.")
    confusion: dict[str, dict[str, int]] = Field(
        description="Paired events by gold type, then predicted type."
    )


class EventSummary(_Model):
    """A compact view of an event."""

    event_id: str | None = None
    type: str | None
    status: str | None
    date: str | None
    officials: list[str]
    ministries: list[str]
    initiatives: list[str]
    location: str | None


class EventError(_Model):
    """A spurious, missed or mistyped event."""

    kind: str = Field(description="spurious, missed or wrong_type.")
    doc_id: str
    pred: EventSummary | None
    gold: EventSummary | None
    evidence: str | None


class EventRef(_Model):
    """The event a slot error belongs to."""

    event_id: str | None = None
    type: str | None
    date: str | None
    paired: bool


class SlotError(_Model):
    """A slot value not matched within its pair."""

    kind: str = Field(description="missed (gold) or spurious (predicted).")
    doc_id: str
    slot: str
    value: str
    event: EventRef


class NearMiss(_Model):
    """A missed gold event, its closest prediction and why they did not pair."""

    doc_id: str
    gold: EventSummary
    closest: EventSummary | None
    reasons: list[str]


class Diagnostics(_Model):
    """Slot-level errors and near misses, under lenient matching."""

    slot_errors: list[SlotError]
    near_misses: list[NearMiss]


class DocumentRow(_Model):
    """One gold document: events on each side, lenient pairs, event identification F1."""

    doc_id: str
    gold: int
    pred: int
    pairs: int
    f: float | None


class Ignored(_Model):
    """Predictions for documents not in gold, which are not scored."""

    events: int
    documents: int


class Bootstrap(_Model):
    """How the intervals were computed."""

    resamples: int
    seed: int
    confidence: float


class EvaluationReport(_Model):
    """The report of ``extractor evaluate GOLD PRED --json``."""

    docs: int
    strict: ModeReport
    lenient: ModeReport
    errors: list[EventError]
    unscored_pred_docs: list[str]
    ignored: Ignored
    bootstrap: Bootstrap
    documents: list[DocumentRow]
    diagnostics: Diagnostics


def evaluation_json_schema() -> dict:
    """The JSON Schema of the evaluation report, generated from :class:`EvaluationReport`."""
    return EvaluationReport.model_json_schema()
