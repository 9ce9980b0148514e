"""Smoke tests of ``extractor evaluate`` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from extractor.cli import app

GOLD = {
    "doc_id": "d1",
    "type": "MEETING",
    "status": "occurred",
    "date": {"text": "27 May 2025", "value": "2025-05-27", "granularity": "day", "vague": False},
    "officials": [{"name": "Jane Roe", "title": "Ambassador", "country": None}],
    "ministries": [{"name": "Ministry of Fisheries"}],
    "initiatives": [],
    "location": None,
}
PRED = {**GOLD, "event_id": "d1#1", "evidence": {"text": "Jane Roe met.", "start": 0, "end": 13}}

runner = CliRunner()


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_evaluate_json(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD, {"doc_id": "d2", "type": None}])
    pred = write(tmp_path / "events.jsonl", [PRED])
    result = runner.invoke(app, ["evaluate", str(gold), str(pred), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["docs"] == 2
    assert report["strict"]["event_identification"]["f"] == 1.0
    assert report["errors"] == []


def test_evaluate_tables(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD])
    pred = write(tmp_path / "events.jsonl", [{**PRED, "type": "CALL"}])
    result = runner.invoke(app, ["evaluate", str(gold), str(pred)])
    assert result.exit_code == 0, result.output
    assert "event identification" in result.stdout
    assert "wrong_type" in result.stdout


def test_evaluate_bad_prediction_line(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD])
    pred = tmp_path / "events.jsonl"
    pred.write_text(json.dumps(PRED) + "\n{oops\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold), str(pred), "--json"])
    assert result.exit_code == 2
    assert f"{pred}:2: invalid JSON" in result.output
