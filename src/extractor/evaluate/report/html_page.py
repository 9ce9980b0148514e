"""The report as one self-contained HTML page: no network, no external CSS or JS.

Summary with intervals, an inline-SVG bar chart of per-slot F1, per-type figures, type
confusion, documents by F1 linking to each document, the error lists, and each document's
cleaned text with predicted triggers and slot values drawn by displaCy's span style
(correct, mistyped and spurious in three colours) beside the gold events it missed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from extractor.evaluate.diagnose import summary
from extractor.evaluate.pairing import SLOTS, EventView, Mode, slot_values
from extractor.evaluate.report.common import (
    documents_by_f1,
    event_name,
    fmt,
    fmt_ci,
    ignored_line,
    interval_lines,
    label,
)
from extractor.evaluate.run import ScoredRun
from extractor.evaluate.score import METRICS, MODES

CORRECT, MISTYPED, SPURIOUS = "#7bd389", "#f6c85f", "#f28b82"
STRICT_BAR, LENIENT_BAR = "#6c8ebf", "#93c47d"
# Singular names for span labels; the slots' record fields are plural.
_SPAN_NAMES = {"officials": "official", "ministries": "ministry", "initiatives": "initiative"}

STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:2px 8px;font-size:13px;text-align:left;vertical-align:top}
th,td.n{white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums}
h2{border-bottom:2px solid #ddd;margin-top:1.6em}
.doc{display:grid;grid-template-columns:2fr 1fr;gap:1em;border-top:1px solid #ccc}
.missed{background:#fdf3f2;padding:.5em;font-size:13px}
.legend span{padding:2px 6px;margin-right:6px;border-radius:3px;font-size:12px}
.note{color:#666;font-size:13px}
.spans span{white-space:nowrap}
.top{display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start}
.top>div{flex:0 0 auto}
ul{font-size:14px}
"""


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _table(
    head: Sequence[str], rows: Sequence[Sequence[Any]], numeric_from: int = 99, row_class: str = ""
) -> str:
    cls = f' class="{row_class}"' if row_class else ""
    out = ["<table><tr>" + "".join(f"<th>{_esc(h)}</th>" for h in head) + "</tr>"]
    for row in rows:
        cells = "".join(
            f'<td class="n">{c}</td>' if k >= numeric_from else f"<td>{c}</td>"
            for k, c in enumerate(row)
        )
        out.append(f"<tr{cls}>{cells}</tr>")
    return "\n".join(out) + "</table>"


def _summary(report: dict[str, Any]) -> str:
    rows = []
    for metric in METRICS:
        row = [_esc(label(metric))]
        for mode in MODES:
            s = report[mode][metric]
            row += [
                fmt(s["p"]),
                fmt(s["r"]),
                f"<b>{_esc(fmt_ci(s))}</b>",
                s["tp"],
                s["fp"],
                s["fn"],
            ]
        rows.append(row)
    lines = "".join(f"<li>{_esc(line)}</li>" for line in interval_lines(report))
    ignored = ignored_line(report)
    note = f'<p class="note">{_esc(ignored)}</p>' if ignored else ""
    head = ["metric"] + [c for _ in MODES for c in ("P", "R", "F [95% CI]", "TP", "FP", "FN")]
    accuracy = ", ".join(f"{m} {fmt(report[m]['status_accuracy'])}" for m in MODES)
    groups = "<tr><th></th>" + "".join(f'<th colspan="6">{m}</th>' for m in MODES) + "</tr>"
    table = _table(head, rows, numeric_from=1).replace("<table>", f"<table>{groups}", 1)
    return f"<ul>{lines}<li>status accuracy over pairs: {accuracy}</li></ul>{note}{table}"


def slot_chart(report: dict[str, Any]) -> str:
    """Inline SVG: one pair of horizontal bars (strict, lenient) per slot's F1."""
    metrics = ["event_identification", "event_classification", *SLOTS]
    bar, gap, left, width = 11, 8, 140, 300
    height = len(metrics) * (2 * bar + gap) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 60}" '
        f'height="{height}" role="img" aria-label="F1 per slot, strict and lenient">'
    ]
    for k, metric in enumerate(metrics):
        y = 20 + k * (2 * bar + gap)
        parts.append(f'<text x="0" y="{y + bar + 4}" font-size="12">{_esc(label(metric))}</text>')
        for m, (mode, colour) in enumerate((("strict", STRICT_BAR), ("lenient", LENIENT_BAR))):
            f1 = report[mode][metric]["f"]
            w = 0 if f1 is None else round(width * f1, 1)
            yy = y + m * bar
            parts.append(
                f'<rect x="{left}" y="{yy}" width="{w}" height="{bar - 1}" fill="{colour}">'
                f"<title>{mode} {fmt(f1)}</title></rect>"
                f'<text x="{left + w + 4}" y="{yy + bar - 2}" font-size="10">{fmt(f1, 2)}</text>'
            )
    parts.append(
        f'<rect x="{left}" y="2" width="10" height="10" fill="{STRICT_BAR}"/>'
        f'<text x="{left + 14}" y="11" font-size="11">strict</text>'
        f'<rect x="{left + 70}" y="2" width="10" height="10" fill="{LENIENT_BAR}"/>'
        f'<text x="{left + 84}" y="11" font-size="11">lenient</text></svg>'
    )
    return "".join(parts)


def _types_and_confusion(report: dict[str, Any]) -> str:
    rows = [
        [_esc(t), fmt(s["p"], 2), fmt(s["r"], 2), _esc(fmt_ci(s)), s["tp"], s["fp"], s["fn"]]
        for t, s in report["lenient"].get("by_type", {}).items()
    ]
    out = '<div class="top"><div><h2>F1 per slot</h2>' + slot_chart(report) + "</div>"
    out += "<div><h2>Per event type (lenient)</h2>"
    out += _table(["type", "P", "R", "F [95% CI]", "TP", "FP", "FN"], rows, numeric_from=1)
    confusion = report["lenient"].get("confusion") or {}
    predicted = sorted({p for row in confusion.values() for p in row})
    matrix = [[_esc(g), *(row.get(p, "") for p in predicted)] for g, row in confusion.items()]
    out += "</div></div><h2>Type confusion (lenient): gold rows, predicted columns</h2>"
    return out + _table(["gold \\ pred", *predicted], matrix, numeric_from=1)


def doc_anchor(doc_id: str) -> str:
    """The id of a document's section (letters, digits, - and _ only)."""
    return "doc-" + re.sub(r"[^A-Za-z0-9_-]", "_", doc_id)


def _documents(report: dict[str, Any]) -> str:
    rows = [
        [
            f'<a href="#{doc_anchor(r["doc_id"])}">{_esc(r["doc_id"])}</a>',
            r["gold"],
            r["pred"],
            r["pairs"],
            fmt(r["f"], 2),
        ]
        for r in documents_by_f1(report)
    ]
    head = ["doc", "gold", "pred", "pairs", "F (event identification, lenient)"]
    return "<h2>Documents, worst F1 first</h2>" + _table(head, rows, numeric_from=1)


def _errors(report: dict[str, Any]) -> str:
    events = [
        [
            _esc(e["kind"]),
            _esc(e["doc_id"]),
            _esc(event_name(e["pred"])),
            _esc(event_name(e["gold"])),
            _esc(e["evidence"]),
        ]
        for e in report["errors"]
    ]
    diagnostics = report.get("diagnostics") or {}
    slots = [
        [
            _esc(e["kind"]),
            _esc(e["doc_id"]),
            _esc(e["slot"]),
            _esc(e["value"]),
            _esc(event_name(e["event"])),
        ]
        for e in diagnostics.get("slot_errors", [])
    ]
    misses = [
        [
            _esc(e["doc_id"]),
            _esc(event_name(e["gold"])),
            _esc(event_name(e["closest"])),
            _esc("; ".join(e["reasons"])),
        ]
        for e in diagnostics.get("near_misses", [])
    ]
    return (
        f"<h2>Errors (lenient): {len(events)}</h2>"
        + _table(["kind", "doc", "predicted", "gold", "evidence"], events, row_class="error")
        + f"<h2>Slot errors (lenient): {len(slots)}</h2>"
        + _table(["kind", "doc", "slot", "value", "event"], slots, row_class="slot-error")
        + f"<h2>Near misses: {len(misses)}</h2>"
        + _table(
            ["doc", "gold event", "closest prediction", "why not paired"],
            misses,
            row_class="near-miss",
        )
    )


def _status_mark(paired: bool, correct: bool) -> str:
    return "✓" if correct else ("~" if paired else "✗")


def _colour(span_label: str) -> str:
    return {"✓": CORRECT, "~": MISTYPED}.get(span_label[:1], SPURIOUS)


def _find(text: str, value: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a slot value is written inside an event's evidence (case-insensitive)."""
    if not value:
        return None
    at = text.lower().find(value.lower(), start, end)
    return None if at < 0 else (at, at + len(value))


def _slot_spans(
    mode: Mode, text: str, pred: EventView, gold: EventView | None
) -> list[tuple[int, int, str]]:
    evidence = pred.record.get("evidence") or {}
    start, end = evidence.get("start") or 0, evidence.get("end") or len(text)
    spans = []
    for slot in SLOTS:
        if slot == "date":
            written = (pred.record.get("date") or {}).get("text")
            values = [written] if pred.date is not None and written else []
            ok = gold is not None and pred.date == gold.date
            matched = {0} if ok else set()
        else:
            values = [v.text for v in slot_values(pred, slot)]
            matched = (
                {p for p, _ in mode.slot_matches(slot, pred, gold)} if gold is not None else set()
            )
        for k, value in enumerate(values):
            where = _find(text, value, start, end)
            if where is not None:
                mark = _status_mark(False, k in matched)
                spans.append((*where, f"{mark} {_SPAN_NAMES.get(slot, slot)}"))
    return spans


def document_spans(run: ScoredRun, d: int, text: str) -> list[tuple[int, int, str]]:
    """Character spans with labels: each predicted trigger and its slot values.

    A trigger is ``✓`` when paired with a gold event of its type, ``~`` when paired with
    another type, ``✗`` when spurious; a slot value ``✓`` when it matches within its pair.
    """
    mode = Mode(lenient=True)
    doc_id = run.doc_ids[d]
    preds, golds = run.preds.get(doc_id, []), run.golds[doc_id]
    gold_of = dict(run.scores["lenient"][d].pairs)
    spans: list[tuple[int, int, str]] = []
    for i, pred in enumerate(preds):
        gold = golds[gold_of[i]] if i in gold_of else None
        trigger = pred.record.get("trigger") or {}
        if isinstance(trigger.get("start"), int) and isinstance(trigger.get("end"), int):
            mark = _status_mark(gold is not None, gold is not None and gold.type == pred.type)
            spans.append((trigger["start"], trigger["end"], f"{mark} {pred.type}"))
        spans += _slot_spans(mode, text, pred, gold)
    return sorted(set(spans))


def render_spans(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """displaCy's span style over ``text`` (tokenized by a blank English pipeline)."""
    from spacy import displacy

    doc = _blank().make_doc(text)
    parsed = []
    for start, end, span_label in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            parsed.append({"start_token": span.start, "end_token": span.end, "label": span_label})
    colours = {s["label"]: _colour(s["label"]) for s in parsed}
    data = {"text": text, "tokens": [t.text for t in doc], "spans": parsed}
    return displacy.render(data, style="span", manual=True, options={"colors": colours})


@lru_cache(maxsize=1)
def _blank() -> Any:
    # Only the tokenizer is used: spans come from the records, not from a model.
    import spacy

    return spacy.blank("en")


def _missed_list(run: ScoredRun, d: int, misses: dict[str, list[dict]]) -> str:
    doc_id = run.doc_ids[d]
    entries = misses.get(doc_id, [])
    if not entries:
        return "<p>No gold event missed.</p>"
    items = []
    for entry in entries:
        fields = "".join(
            f"<li>{_esc(k)}: {_esc(', '.join(v) if isinstance(v, list) else v)}</li>"
            for k, v in entry["gold"].items()
            if v not in (None, [])
        )
        closest = event_name(entry["closest"])
        why = _esc((f"closest {closest}: " if closest else "") + "; ".join(entry["reasons"]))
        items.append(f'<li class="missed-event"><ul>{fields}</ul><em>{why}</em></li>')
    return f"<ol>{''.join(items)}</ol>"


def _document_section(
    run: ScoredRun, d: int, texts: dict[str, str], misses: dict[str, list[dict]]
) -> str:
    doc_id = run.doc_ids[d]
    text = texts.get(doc_id)
    if text is None:
        preds = run.preds.get(doc_id, [])
        body = '<p class="note">Cleaned text not given (pass --docs documents.jsonl).</p>'
        body += "".join(f"<p>{_esc(summary(p))}</p>" for p in preds)
    else:
        body = render_spans(text, document_spans(run, d, text))
    return (
        f'<section id="{doc_anchor(doc_id)}"><h3>{_esc(doc_id)}</h3><div class="doc">'
        f'<div>{body}</div><div class="missed"><h4>Missed gold events</h4>'
        f"{_missed_list(run, d, misses)}</div></div></section>"
    )


def render_html(report: dict[str, Any], run: ScoredRun, texts: dict[str, str]) -> str:
    """The whole page.

    Args:
        report: :func:`extractor.evaluate.run.build_report` of ``run``.
        run: The scored run (for trigger offsets and pairs).
        texts: doc id -> cleaned text, from ``documents.jsonl``; may be empty.
    """
    misses: dict[str, list[dict]] = {}
    for entry in (report.get("diagnostics") or {}).get("near_misses", []):
        misses.setdefault(entry["doc_id"], []).append(entry)
    legend = "".join(
        f'<span style="background:{c}">{_esc(t)}</span>'
        for c, t in (
            (CORRECT, "✓ correct"),
            (MISTYPED, "~ paired, other type"),
            (SPURIOUS, "✗ spurious"),
        )
    )
    sections = "".join(_document_section(run, d, texts, misses) for d in range(len(run.doc_ids)))
    return page(
        f"Evaluation over {report['docs']} documents",
        f"<h1>Evaluation over {report['docs']} gold documents</h1>"
        + "<h2>Summary</h2>"
        + _summary(report)
        + _types_and_confusion(report)
        + _documents(report)
        + _errors(report)
        + f'<h2>Documents</h2><p class="legend">{legend}</p>{sections}',
    )


def page(title: str, body: str) -> str:
    """A whole HTML document: the house style inline, nothing fetched."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{_esc(title)}</title><style>{STYLE}</style></head><body>{body}</body></html>\n"
    )
