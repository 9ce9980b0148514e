"""Regressions outside the rule engine: the CLI's version and paragraph splitting.

Rule regressions (officials, ministries, initiatives, places, event types, status, slots,
context) are cases in ``tests/cases/<family>.jsonl``, run by ``tests/test_cases.py``.
"""

from __future__ import annotations

from typer.testing import CliRunner

from extractor import __version__
from extractor.cli import app
from extractor.ingest.clean import clean_text


def test_heading_before_paragraph_starting_with_digit():
    raw = "Trade and Investment\n\n2024 was a record year for bilateral trade."
    assert clean_text(raw).text.split("\n\n") == [
        "Trade and Investment",
        "2024 was a record year for bilateral trade.",
    ]


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == __version__
