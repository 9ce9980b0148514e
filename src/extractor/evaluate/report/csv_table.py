"""The report's figures as CSV: one row per mode and metric, then per mode and type."""

from __future__ import annotations

import csv
import io
from typing import Any

from extractor.evaluate.report.common import metric_rows
from extractor.evaluate.score import MODES

HEADER = ("mode", "metric", "p", "r", "f", "ci_lo", "ci_hi", "tp", "fp", "fn")


def _row(mode: str, metric: str, figures: dict[str, Any]) -> list[Any]:
    ci = figures.get("ci") or (None, None)
    values = [figures["p"], figures["r"], figures["f"], ci[0], ci[1]]
    return [
        mode,
        metric,
        *("" if v is None else v for v in values),
        *(figures[k] for k in ("tp", "fp", "fn")),
    ]


def render_csv(report: dict[str, Any]) -> str:
    """Every figure of both modes; per-type rows are named ``type:MEETING`` and so on."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for mode, metric, figures in metric_rows(report):
        writer.writerow(_row(mode, metric, figures))
    for mode in MODES:
        for type_, figures in report[mode].get("by_type", {}).items():
            writer.writerow(_row(mode, f"type:{type_}", figures))
    return out.getvalue()
