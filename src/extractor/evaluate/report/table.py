"""The report as rich tables, readable at 80 columns and when piped.

Cells never wrap: text columns are cut with an ellipsis (``no_wrap=True``,
``overflow="ellipsis"``), so a narrow terminal loses the ends of long names, not the
shape of the table. Figures are never cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Column, Table

from extractor.evaluate.report.common import (
    documents_by_f1,
    event_name,
    fmt,
    fmt_ci,
    ignored_line,
    interval_lines,
    label,
)
from extractor.evaluate.score import METRICS, MODES

# Narrowest an elastic column is cut to: "Ana…" still says something, "A…" does not.
_FLOOR = 4


class FitTable(Table):
    """A table whose free-text columns give up width, widest first, to fit the console.

    Rich's own shrinking re-measures columns after reducing them, so a table of
    ``no_wrap`` columns can still overflow and lose its right edge; here the free-text
    columns get explicit ``max_width`` limits instead, computed from their contents.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.elastic: list[Column] = []

    def fit(self, console: Console) -> FitTable:
        """Set ``max_width`` on elastic columns so that the table fits ``console.width``."""
        natural = console.measure(self, options=console.options.update_width(10_000)).maximum
        excess = natural - console.width
        widths = {id(c): max(cell_len(str(x)) for x in [c.header, *c.cells]) for c in self.elastic}
        while excess > 0:
            column = max(self.elastic, key=lambda c: widths[id(c)], default=None)
            if column is None or widths[id(column)] <= _FLOOR:
                break
            widths[id(column)] -= 1
            excess -= 1
        for column in self.elastic:
            column.max_width = widths[id(column)]
        return self


def text_column(table: FitTable, name: str, elastic: bool = True, **kwargs: Any) -> None:
    """A column of text cut with an ellipsis; ``elastic`` ones shrink to fit the console."""
    table.add_column(name, no_wrap=True, overflow="ellipsis", **kwargs)
    if elastic:
        table.elastic.append(table.columns[-1])


def number_column(table: FitTable, name: str, **kwargs: Any) -> None:
    """A right-aligned column of figures, never cut."""
    table.add_column(name, justify="right", no_wrap=True, **kwargs)


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
        row = [label(metric)]
        for mode in modes:
            score = report[mode][metric]
            row += [fmt(score["p"]), fmt(score["r"]), fmt(score["f"])]
            row += [str(score["tp"]), str(score["fp"]), str(score["fn"])]
        table.add_row(*row, end_section=metric in ("event_classification", "location"))
    return table


def _print_scores(report: dict[str, Any], console: Console) -> None:
    title = f"Scores over {report['docs']} gold documents"
    table = _score_table(report, MODES, title)
    # Measured without the console's limit, which would clamp the natural width.
    natural = console.measure(table, options=console.options.update_width(10_000)).maximum
    if natural <= console.width:
        console.print(table)
    else:
        for mode in MODES:
            console.print(_score_table(report, [mode], f"{title}, {mode} matching"))


def _type_table(report: dict[str, Any]) -> FitTable:
    table = FitTable(title="Per event type (lenient)")
    text_column(table, "type", elastic=False)
    for col in ("P", "R"):
        number_column(table, col)
    number_column(table, "F [95% CI]", style="bold")
    for col in ("TP", "FP", "FN"):
        number_column(table, col, style="dim")
    for type_, score in report["lenient"].get("by_type", {}).items():
        table.add_row(
            type_,
            fmt(score["p"], 2),
            fmt(score["r"], 2),
            fmt_ci(score),
            str(score["tp"]),
            str(score["fp"]),
            str(score["fn"]),
        )
    return table


def _confusion_table(report: dict[str, Any]) -> FitTable | None:
    confusion = report["lenient"].get("confusion") or {}
    if not confusion:
        return None
    predicted = sorted({p for row in confusion.values() for p in row})
    table = FitTable(title="Type confusion (lenient): gold rows, predicted columns")
    text_column(table, "gold \\ pred", elastic=False)
    for name in predicted:
        text_column(table, name, justify="right")
    for gold, row in confusion.items():
        table.add_row(gold, *(str(row.get(p, "")) for p in predicted))
    return table


def _documents_table(report: dict[str, Any], limit: int) -> FitTable:
    rows = documents_by_f1(report)
    table = FitTable(
        title=f"Documents by event F1 (lenient), worst {min(limit, len(rows))} of {len(rows)}"
    )
    text_column(table, "doc")
    for col in ("gold", "pred", "pairs", "F"):
        number_column(table, col)
    for row in rows[:limit]:
        table.add_row(
            row["doc_id"], str(row["gold"]), str(row["pred"]), str(row["pairs"]), fmt(row["f"], 2)
        )
    return table


def _error_table(errors: list[dict[str, Any]], limit: int) -> FitTable:
    shown = errors[:limit]
    table = FitTable(title=f"Errors (lenient), {len(shown)} of {len(errors)}")
    text_column(table, "kind", elastic=False)
    text_column(table, "doc")
    text_column(table, "type")
    text_column(table, "status")
    text_column(table, "date", elastic=False)
    text_column(table, "officials")
    text_column(table, "evidence")
    for entry in shown:
        pred, gold = entry.get("pred"), entry.get("gold")
        event = pred or gold or {}
        type_, status = str(event.get("type")), str(event.get("status"))
        if pred and gold:
            type_ = f"{pred.get('type')} (gold {gold.get('type')})"
            if pred.get("status") != gold.get("status"):
                status = f"{pred.get('status')} (gold {gold.get('status')})"
        table.add_row(
            entry["kind"],
            entry["doc_id"],
            type_,
            status,
            str(event.get("date") or ""),
            "; ".join(event.get("officials") or []),
            " ".join((entry.get("evidence") or "").split()),
        )
    return table


def _slot_table(errors: list[dict[str, Any]], limit: int) -> FitTable:
    shown = errors[:limit]
    table = FitTable(title=f"Slot errors (lenient), {len(shown)} of {len(errors)}")
    text_column(table, "kind", elastic=False)
    text_column(table, "doc")
    text_column(table, "slot", elastic=False)
    text_column(table, "value")
    text_column(table, "event")
    for entry in shown:
        event = entry["event"]
        where = event_name(event) + ("" if event.get("paired") else " (unpaired)")
        table.add_row(entry["kind"], entry["doc_id"], entry["slot"], entry["value"], where)
    return table


def _near_miss_table(misses: list[dict[str, Any]], limit: int) -> FitTable:
    shown = misses[:limit]
    table = FitTable(title=f"Near misses: missed gold events, {len(shown)} of {len(misses)}")
    text_column(table, "doc")
    text_column(table, "gold event")
    text_column(table, "closest prediction")
    text_column(table, "why not paired")
    for entry in shown:
        table.add_row(
            entry["doc_id"],
            event_name(entry["gold"]),
            event_name(entry["closest"]) or "—",
            "; ".join(entry["reasons"]),
        )
    return table


def render_report(
    report: dict[str, Any], max_errors: int = 30, console: Console | None = None
) -> None:
    """Print the report as rich tables.

    Scores (strict and lenient side by side, or one table per mode on a narrow terminal),
    the interval line, status accuracy, the per-type table and type confusion; then, up to
    ``max_errors`` rows each, the documents by F1, errors, slot errors and near misses.

    Args:
        report: The output of :func:`extractor.evaluate.evaluate`.
        max_errors: Rows per diagnostic table (0: none of them).
        console: Where to print; a new stdout console by default.
    """
    console = console or Console()
    _print_scores(report, console)
    for line in interval_lines(report):
        console.print(line)
    console.print(
        "status accuracy over pairs: "
        + ", ".join(f"{mode} {fmt(report[mode]['status_accuracy'])}" for mode in MODES)
    )
    ignored = ignored_line(report)
    if ignored:
        console.print(f"[yellow]{ignored}[/yellow]")
    if report["lenient"].get("by_type"):
        console.print(_type_table(report).fit(console))
    confusion = _confusion_table(report)
    if confusion is not None:
        console.print(confusion.fit(console))
    if max_errors <= 0:
        return
    diagnostics = report.get("diagnostics") or {}
    if report.get("documents"):
        console.print(_documents_table(report, max_errors).fit(console))
    if report.get("errors"):
        console.print(_error_table(report["errors"], max_errors).fit(console))
    if diagnostics.get("slot_errors"):
        console.print(_slot_table(diagnostics["slot_errors"], max_errors).fit(console))
    if diagnostics.get("near_misses"):
        console.print(_near_miss_table(diagnostics["near_misses"], max_errors).fit(console))
