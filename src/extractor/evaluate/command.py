"""``extractor evaluate``: load, score or compare, and write the chosen format.

The CLI only parses arguments and calls :func:`run_evaluate`; every refusal here is an
:class:`~extractor.errors.ExtractorError` naming the file and the reason.
"""

from __future__ import annotations

import io
import json
import sys
from collections import defaultdict, deque
from pathlib import Path
from typing import Any

from rich.console import Console

from extractor.errors import ExtractorError
from extractor.evaluate.compare import compare
from extractor.evaluate.gold import (
    DOCUMENTS_FILE,
    load_documents,
    load_events,
    load_gold,
    resolve_pred,
)
from extractor.evaluate.report.comparison import (
    comparison_csv,
    comparison_html,
    comparison_markdown,
    render_comparison,
)
from extractor.evaluate.report.csv_table import render_csv
from extractor.evaluate.report.markdown import render_markdown
from extractor.evaluate.report.table import render_report
from extractor.evaluate.run import build_report, score_run

FORMATS: tuple[str, ...] = ("table", "json", "markdown", "csv", "html")
# Width of tables written to a file, where no terminal says how wide to be.
FILE_WIDTH = 100


def error_lines(report: dict[str, Any]) -> list[dict[str, Any]]:
    """One record per error, for ``--errors-out``: events, then slot values.

    Event errors get ``"level": "event"`` and, when missed, the ``near_miss`` found for
    them; slot errors get ``"level": "slot"``.
    """
    queued: dict[tuple[str, str], deque] = defaultdict(deque)
    for miss in (report.get("diagnostics") or {}).get("near_misses", []):
        key = (miss["doc_id"], json.dumps(miss["gold"], sort_keys=True))
        queued[key].append({"closest": miss["closest"], "reasons": miss["reasons"]})
    lines = []
    for error in report["errors"]:
        line = {"level": "event", **error}
        if error["kind"] == "missed":
            key = (error["doc_id"], json.dumps(error["gold"], sort_keys=True))
            line["near_miss"] = queued[key].popleft() if queued[key] else None
        lines.append(line)
    lines += [
        {"level": "slot", **entry}
        for entry in (report.get("diagnostics") or {}).get("slot_errors", [])
    ]
    return lines


def _writable(path: Path | None, what: str) -> None:
    if path is not None and path.is_dir():
        raise ExtractorError(f"{path}: is a folder; {what} expects a file name")


def _rich_text(render: Any, output: Path | None) -> str | None:
    """Print to the terminal, or capture plain text for a file."""
    if output is None:
        render(Console())
        return None
    buffer = io.StringIO()
    render(Console(file=buffer, width=FILE_WIDTH, color_system=None))
    return buffer.getvalue()


def _docs_path(docs: Path | None, preds: list[Path]) -> Path | None:
    if docs is not None:
        return docs
    # A run folder given as PRED holds the documents beside the events.
    folder = preds[0]
    return folder / DOCUMENTS_FILE if (folder / DOCUMENTS_FILE).is_file() else None


def _single(
    gold: list[dict], pred: list[dict], fmt: str, options: dict[str, Any]
) -> tuple[str | None, dict[str, Any]]:
    run = score_run(gold, pred)
    report = build_report(run, options["bootstrap"])
    if fmt == "json":
        return json.dumps(report, indent=2, ensure_ascii=False) + "\n", report
    if fmt == "markdown":
        return render_markdown(report, options["max_errors"]), report
    if fmt == "csv":
        return render_csv(report), report
    if fmt == "html":
        from extractor.evaluate.report.html_page import render_html

        docs = options["docs"]
        texts = {} if docs is None else load_documents(docs)
        return render_html(report, run, texts), report
    text = _rich_text(
        lambda c: render_report(report, max_errors=options["max_errors"], console=c),
        options["output"],
    )
    return text, report


def _pair(gold: list[dict], a: list[dict], b: list[dict], fmt: str, options: dict) -> str | None:
    comparison = compare(gold, a, b, options["bootstrap"])
    if fmt == "json":
        return json.dumps(comparison, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return comparison_markdown(comparison)
    if fmt == "csv":
        return comparison_csv(comparison)
    if fmt == "html":
        return comparison_html(comparison)
    return _rich_text(lambda c: render_comparison(comparison, c), options["output"])


def run_evaluate(
    gold: Path,
    preds: list[Path],
    fmt: str = "table",
    output: Path | None = None,
    errors_out: Path | None = None,
    docs: Path | None = None,
    bootstrap: int = 1000,
    max_errors: int = 30,
) -> None:
    """Score PRED (or compare PRED_A with PRED_B) against GOLD and write the report.

    Args:
        gold: Gold ``.jsonl`` file or folder of them.
        preds: One ``events.jsonl`` (or run folder) to score, or two to compare.
        fmt: One of :data:`FORMATS`.
        output: Write here instead of stdout.
        errors_out: Also write one JSON line per error here (single run only).
        docs: ``documents.jsonl`` with the cleaned texts, for the HTML report.
        bootstrap: Bootstrap resamples (0: no intervals).
        max_errors: Rows per diagnostic table in table and markdown output.

    Raises:
        ExtractorError: bad usage or input, naming the file and the reason.
    """
    if fmt not in FORMATS:
        raise ExtractorError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if len(preds) not in (1, 2):
        raise ExtractorError(f"give one PRED to score or two to compare, not {len(preds)}")
    if bootstrap < 0:
        raise ExtractorError(f"--bootstrap {bootstrap}: expected 0 (off) or more resamples")
    _writable(output, "-o")
    _writable(errors_out, "--errors-out")
    gold_records = load_gold(gold)
    pred_records = [load_events(resolve_pred(p)) for p in preds]
    options = {
        "bootstrap": bootstrap,
        "max_errors": max_errors,
        "output": output,
        "docs": _docs_path(docs, preds),
    }
    if len(preds) == 2:
        if errors_out is not None:
            raise ExtractorError("--errors-out writes the errors of one run; give one PRED")
        text = _pair(gold_records, pred_records[0], pred_records[1], fmt, options)
    else:
        text, report = _single(gold_records, pred_records[0], fmt, options)
        if errors_out is not None:
            errors_out.write_text(
                "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in error_lines(report)),
                encoding="utf-8",
            )
    if text is None:
        return
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
