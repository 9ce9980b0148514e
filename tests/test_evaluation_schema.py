"""The evaluation report's JSON Schema: in sync with the models, and true of real reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from extractor.evaluate import evaluate
from extractor.evaluate.schema import EvaluationReport, evaluation_json_schema

SCHEMA = Path(__file__).resolve().parents[1] / "docs" / "schema" / "evaluation.schema.json"
DAY = "2025-05-27"


def ev(type_: str, official: str, doc: str = "d1", date: str | None = DAY) -> dict:
    return {
        "doc_id": doc,
        "type": type_,
        "status": "occurred",
        "date": None if date is None else {"text": date, "value": date},
        "officials": [{"name": official, "title": None}],
        "ministries": [],
        "initiatives": [],
        "location": None,
    }


def test_schema_file_is_generated_from_the_models() -> None:
    written = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert written == evaluation_json_schema(), (
        "regenerate docs/schema/evaluation.schema.json from "
        "extractor.evaluate.schema.evaluation_json_schema()"
    )


@pytest.mark.parametrize("bootstrap", [0, 50])
def test_reports_match_the_schema(bootstrap: int) -> None:
    gold = [ev("MEETING", "Ana Lima"), ev("CALL", "Ben Roe"), {"doc_id": "d2", "type": None}]
    pred = [
        {**ev("MEETING", "Ana Lima"), "event_id": "d1#1"},
        ev("VISIT", "Ben Roe", date=None),
        ev("CALL", "Carl Diaz", doc="x9"),
    ]
    report = json.loads(json.dumps(evaluate(gold, pred, bootstrap=bootstrap)))
    EvaluationReport.model_validate(report)


def test_an_undocumented_key_fails_the_schema() -> None:
    report = evaluate([ev("MEETING", "Ana Lima")], [], bootstrap=0)
    with pytest.raises(ValidationError):
        EvaluationReport.model_validate({**report, "surprise": 1})
