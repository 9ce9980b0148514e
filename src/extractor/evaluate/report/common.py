"""What every output format shares: labels, number formats, row orders."""

from __future__ import annotations

from typing import Any

from extractor.evaluate.score import METRICS, MODES

LABELS = {
    "event_identification": "event identification",
    "event_classification": "event classification",
}
# The figures behind the interval line: the two event-level F1 scores.
HEADLINE: tuple[str, ...] = ("event_identification", "event_classification")


def label(metric: str) -> str:
    """A metric's name as printed."""
    return LABELS.get(metric, metric)


def fmt(value: float | None, digits: int = 4) -> str:
    """A figure, or an em dash where it is undefined."""
    return "—" if value is None else f"{value:.{digits}f}"


def fmt_ci(figure: dict[str, Any], digits: int = 2) -> str:
    """F1 with its interval: ``0.63 [0.55–0.71]``; the bare figure without one."""
    ci = figure.get("ci")
    text = fmt(figure.get("f"), digits)
    if ci is None:
        return text
    return f"{text} [{ci[0]:.{digits}f}–{ci[1]:.{digits}f}]"


def interval_lines(report: dict[str, Any]) -> list[str]:
    """The headline F1 scores with their bootstrap intervals, one short line per metric."""
    boot = report.get("bootstrap") or {}
    resamples = boot.get("resamples", 0)
    if resamples:
        head = (
            f"{round(100 * boot.get('confidence', 0.95))}% bootstrap intervals over "
            f"documents ({resamples} resamples of {report['docs']}, seed {boot.get('seed')})"
        )
    else:
        head = "bootstrap intervals disabled (--bootstrap 0)"
    lines = [head]
    for metric in HEADLINE:
        figures = ", ".join(f"{mode} {fmt_ci(report[mode][metric])}" for mode in MODES)
        lines.append(f"{label(metric)} F1: {figures}")
    return lines


def ignored_line(report: dict[str, Any]) -> str | None:
    """``ignored: N events in M documents not in gold``, or None when nothing was."""
    ignored = report.get("ignored") or {}
    if not ignored.get("documents"):
        return None
    return (
        f"ignored: {ignored['events']} events in {ignored['documents']} documents not in gold"
        f" ({', '.join(report.get('unscored_pred_docs') or [])})"
    )


def documents_by_f1(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-document rows, worst F1 first (undefined F1 last), then by doc id."""
    rows = report.get("documents") or []
    return sorted(rows, key=lambda r: (r["f"] is None, r["f"] or 0.0, r["doc_id"]))


def event_name(event: dict[str, Any] | None) -> str:
    """A short name for an event summary: its id, else type and date."""
    if not event:
        return ""
    if event.get("event_id"):
        return str(event["event_id"])
    return f"{event.get('type')} {event.get('date') or ''}".strip()


def metric_rows(report: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """``(mode, metric, figures)`` for every metric of both modes, in report order."""
    return [(mode, metric, report[mode][metric]) for mode in MODES for metric in METRICS]
