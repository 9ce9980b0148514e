"""Smoke tests of the ``extractor`` command line: ``schema`` and ``clean``.

(``run`` and ``evaluate`` have their own test modules.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.models import EVENT_TYPES

BANNER = "NORDIC DIPLOMACY REVIEW"
RAW = (
    f"{BANNER}\n\n北京国际关系学院\n\n"
    "The Ambassador met the Minister for Trade\nin Oslo on Monday.\n\n"
    f"{BANNER}\n\n北京國際關係學院\n\n"
    "Trade reached \\$1 billion, with an impressive\n\n\n\ntrajectory of growth."
)
CLEANED = (
    "The Ambassador met the Minister for Trade in Oslo on Monday.\n\n"
    "Trade reached $1 billion, with an impressive trajectory of growth."
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "nordic-note.txt"
    path.write_text(RAW, encoding="utf-8")
    return path


def test_schema_is_the_event_json_schema(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    properties = schema["properties"]
    assert {"officials", "ministries", "initiatives", "date", "location", "trigger"} <= set(
        properties
    )
    assert properties["type"]["enum"] == list(EVENT_TYPES)
    assert schema["additionalProperties"] is False


def test_clean_prints_cleaned_text_without_banners(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["clean", str(article)])
    assert result.exit_code == 0
    assert result.stdout == CLEANED + "\n"
    assert BANNER not in result.stdout and "北京" not in result.stdout


def test_clean_writes_files_with_out(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    out = tmp_path / "cleaned"
    result = runner.invoke(app, ["clean", str(article), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert (out / "nordic-note.clean.txt").read_text(encoding="utf-8") == CLEANED


def test_clean_missing_file_fails_with_message(
    runner: CliRunner, article: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "absent.txt"
    result = runner.invoke(app, ["clean", str(missing), str(article)])
    assert result.exit_code == 1
    assert "absent.txt" in result.stderr
    assert result.stdout == CLEANED + "\n"  # the good file is still cleaned


def test_no_arguments_prints_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "schema" in result.output and "clean" in result.output
