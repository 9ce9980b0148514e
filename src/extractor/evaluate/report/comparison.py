"""A comparison of two runs as tables (rich) or Markdown."""

from __future__ import annotations

import csv
import html
import io
from typing import Any

from rich.console import Console

from extractor.evaluate.report.common import event_name, fmt, label
from extractor.evaluate.report.html_page import page
from extractor.evaluate.report.markdown import md_table
from extractor.evaluate.report.table import FitTable, number_column, text_column
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
        text_column(table, HEAD[0])
        for name in HEAD[1:]:
            number_column(table, name)
        for row in _rows(comparison, mode):
            table.add_row(*row)
        console.print(table.fit(console))
    for key in ("gained", "lost"):
        entries = comparison[key]
        table = FitTable(title=f"Gold events {key} by B: {len(entries)}")
        text_column(table, "doc")
        text_column(table, "gold event")
        text_column(table, "officials")
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


def comparison_csv(comparison: dict[str, Any]) -> str:
    """One row per mode and metric: F1 of A and B, the difference, its interval, p."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["mode", "metric", "f_a", "f_b", "diff", "ci_lo", "ci_hi", "p"])
    for mode in MODES:
        for metric in METRICS:
            row = comparison["diff"][mode][metric]
            ci = row["ci"] or (None, None)
            values = [row["a"], row["b"], row["diff"], ci[0], ci[1], row["p"]]
            writer.writerow([mode, metric, *("" if v is None else v for v in values)])
    return out.getvalue()


def html_table(head: list[str], rows: list[list[str]]) -> str:
    """A plain HTML table of text cells (escaped)."""
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return (
        "<table><tr>"
        + "".join(f"<th>{html.escape(h)}</th>" for h in head)
        + "</tr>"
        + cells
        + "</table>"
    )


def comparison_html(comparison: dict[str, Any]) -> str:
    """A self-contained page with the same content as :func:`comparison_markdown`."""
    parts = [f"<h1>Run B against run A over {comparison['docs']} gold documents</h1>"]
    for mode in MODES:
        parts.append(f"<h2>{mode} matching</h2>" + html_table(HEAD, _rows(comparison, mode)))
    for key in ("gained", "lost"):
        entries = comparison[key]
        parts.append(
            f"<h2>Gold events {key} by B: {len(entries)}</h2>"
            + html_table(["doc", "gold event", "officials"], _event_rows(entries))
        )
    return page("Run comparison", "".join(parts))
