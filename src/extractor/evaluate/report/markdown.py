"""The report as GitHub-flavoured Markdown: the same tables, for pull requests and wikis."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extractor.evaluate.report.common import (
    documents_by_f1,
    event_name,
    fmt,
    fmt_ci,
    ignored_line,
    interval_lines,
    label,
    metric_rows,
)


def _cell(value: Any) -> str:
    # A pipe would end the cell; newlines would end the row.
    return " ".join(str(value).split()).replace("|", "\\|")


def md_table(head: Sequence[str], rows: Sequence[Sequence[Any]], right: int = 1) -> str:
    """A Markdown table; columns from index ``right`` on are right-aligned (figures)."""
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |"]
    lines.append(
        "| " + " | ".join("---:" if k >= right else "---" for k in range(len(head))) + " |"
    )
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _scores(report: dict[str, Any]) -> str:
    rows = [
        [mode, label(metric), fmt(s["p"]), fmt(s["r"]), fmt_ci(s, 4), s["tp"], s["fp"], s["fn"]]
        for mode, metric, s in metric_rows(report)
    ]
    return md_table(["mode", "metric", "P", "R", "F [95% CI]", "TP", "FP", "FN"], rows, right=2)


def _types(report: dict[str, Any]) -> str:
    rows = [
        [t, fmt(s["p"], 2), fmt(s["r"], 2), fmt_ci(s), s["tp"], s["fp"], s["fn"]]
        for t, s in report["lenient"].get("by_type", {}).items()
    ]
    return md_table(["type", "P", "R", "F [95% CI]", "TP", "FP", "FN"], rows)


def _confusion(report: dict[str, Any]) -> str:
    confusion = report["lenient"].get("confusion") or {}
    predicted = sorted({p for row in confusion.values() for p in row})
    rows = [[g, *(row.get(p, "") for p in predicted)] for g, row in confusion.items()]
    return md_table(["gold \\ pred", *predicted], rows)


def render_markdown(report: dict[str, Any], max_errors: int = 30) -> str:
    """Scores, intervals, per-type figures, confusion, documents and diagnostics.

    Args:
        report: The output of :func:`extractor.evaluate.evaluate`.
        max_errors: Rows per diagnostic table (0: none of them).
    """
    parts = [f"# Evaluation over {report['docs']} gold documents", _scores(report)]
    parts.append("\n".join(f"- {line}" for line in interval_lines(report)))
    accuracy = ", ".join(f"{m} {fmt(report[m]['status_accuracy'])}" for m in ("strict", "lenient"))
    parts.append(f"Status accuracy over pairs: {accuracy}.")
    ignored = ignored_line(report)
    if ignored:
        parts.append(f"**{ignored}**")
    parts += ["## Per event type (lenient)", _types(report)]
    parts += ["## Type confusion (lenient pairs; rows gold, columns predicted)", _confusion(report)]
    if max_errors > 0:
        parts += _diagnostics(report, max_errors)
    return "\n\n".join(parts) + "\n"


def _diagnostics(report: dict[str, Any], limit: int) -> list[str]:
    docs = [
        [r["doc_id"], r["gold"], r["pred"], r["pairs"], fmt(r["f"], 2)]
        for r in documents_by_f1(report)[:limit]
    ]
    errors = [
        [e["kind"], e["doc_id"], event_name(e["pred"]), event_name(e["gold"]), e["evidence"] or ""]
        for e in report["errors"][:limit]
    ]
    diagnostics = report.get("diagnostics") or {}
    slots = [
        [e["kind"], e["doc_id"], e["slot"], e["value"], event_name(e["event"])]
        for e in diagnostics.get("slot_errors", [])[:limit]
    ]
    misses = [
        [e["doc_id"], event_name(e["gold"]), event_name(e["closest"]), "; ".join(e["reasons"])]
        for e in diagnostics.get("near_misses", [])[:limit]
    ]
    return [
        "## Documents by event F1 (lenient)",
        md_table(["doc", "gold", "pred", "pairs", "F"], docs),
        f"## Errors (lenient), {len(errors)} of {len(report['errors'])}",
        md_table(["kind", "doc", "predicted", "gold", "evidence"], errors, right=5),
        f"## Slot errors (lenient), {len(slots)} of {len(diagnostics.get('slot_errors', []))}",
        md_table(["kind", "doc", "slot", "value", "event"], slots, right=5),
        "## Near misses",
        md_table(["doc", "gold event", "closest prediction", "why not paired"], misses, right=4),
    ]
