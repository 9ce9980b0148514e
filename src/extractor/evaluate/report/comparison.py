"""A comparison of two runs as tables (rich) or Markdown."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from extractor.evaluate.report.common import event_name, fmt, label
from extractor.evaluate.report.markdown import md_table
from extractor.evaluate.report.table import FitTable, _number_column, _text_column
from extractor.evaluate.score import METRICS, MODES


def _signed(value: float | None) -> str:
    return "—" if value is None else f"{value:+.4f}"


def _ci(row: dict[str, Any]) -> str:
    ci = row.get("ci")
    return "—" if ci is None else f"[{ci[0]:+.2f}–{ci[1]:+.2f}]".replace("–-", "– -")


def _rows(comparison: dict[str, Any], mode: str) -> list[list[str]]:
    return [
        [label(m), fmt(r["a"]), fmt(r["b"]), _signed(r["diff"]), _ci(r), fmt(r["p"], 3)]
        for m, r in ((m, comparison["diff"][mode][m]) for m in METRICS)
    ]


HEAD = ["metric", "F1 A", "F1 B", "B − A", "95% CI", "p"]


def _event_rows(entries: list[dict[str, Any]]) -> list[list[str]]:
    return [
        [e["doc_id"], event_name(e["gold"]), "; ".join(e["gold"].get("officials") or [])]
        for e in entries
    ]


def render_comparison(comparison: dict[str, Any], console: Console | None = None) -> None:
    """Print F1 of both runs per mode with the difference, then gold events gained/lost."""
    console = console or Console()
    for mode in MODES:
        table = FitTable(title=f"B vs A over {comparison['docs']} documents, {mode} matching")
        _text_column(table, HEAD[0])
        for name in HEAD[1:]:
            _number_column(table, name)
        for row in _rows(comparison, mode):
            table.add_row(*row)
        console.print(table.fit(console))
    for key in ("gained", "lost"):
        entries = comparison[key]
        table = FitTable(title=f"Gold events {key} by B: {len(entries)}")
        _text_column(table, "doc")
        _text_column(table, "gold event")
        _text_column(table, "officials")
        for row in _event_rows(entries):
            table.add_row(*row)
        console.print(table.fit(console))


def comparison_markdown(comparison: dict[str, Any]) -> str:
    """The same content as :func:`render_comparison`, in Markdown."""
    parts = [f"# Run B against run A over {comparison['docs']} gold documents"]
    for mode in MODES:
        parts += [f"## {mode} matching", md_table(HEAD, _rows(comparison, mode))]
    for key in ("gained", "lost"):
        entries = comparison[key]
        parts += [
            f"## Gold events {key} by B: {len(entries)}",
            md_table(["doc", "gold event", "officials"], _event_rows(entries), right=3),
        ]
    return "\n\n".join(parts) + "\n"
