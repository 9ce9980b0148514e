"""Score a run: pair and count every gold document, then assemble the report.

The report keeps the keys of EVENTS.md section 5 (``docs``, ``strict``, ``lenient``,
``errors``, ``unscored_pred_docs``) with their figures unchanged, and adds beside them the
intervals, breakdowns and diagnostics documented in the same section.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from extractor.evaluate.bootstrap import CONFIDENCE, DEFAULT_RESAMPLES, SEED, f_intervals
from extractor.evaluate.diagnose import document_errors, near_misses, slot_errors
from extractor.evaluate.gold import load_events, load_gold, resolve_pred
from extractor.evaluate.pairing import EventView, Mode, to_event
from extractor.evaluate.score import (
    METRICS,
    MODES,
    DocumentScore,
    confusion_report,
    mode_report,
    prf,
    score_document,
    type_labels,
    type_matrix,
)


@dataclass
class ScoredRun:
    """One prediction run paired and counted against gold, document by document."""

    doc_ids: list[str]
    golds: dict[str, list[EventView]]
    preds: dict[str, list[EventView]]
    scores: dict[str, list[DocumentScore]]  # mode -> per document, in doc_ids order
    unscored: dict[str, int]  # doc id -> predicted events, for docs not in gold

    def counts(self, mode: str) -> np.ndarray:
        """Per-document counts of :data:`METRICS`, shape ``(documents, metrics, 3)``."""
        if not self.doc_ids:
            return np.zeros((0, len(METRICS), 3), dtype=np.int64)
        return np.stack([s.counts for s in self.scores[mode]])


def _group_gold(gold: Sequence[dict]) -> dict[str, list[EventView]]:
    by_doc: dict[str, list[EventView]] = {}
    for n, record in enumerate(gold, start=1):
        doc_id = record.get("doc_id")
        if "type" in record and record["type"] is None and isinstance(doc_id, str):
            by_doc.setdefault(doc_id, [])
            continue
        event = to_event(record, f"gold record {n}")
        by_doc.setdefault(event.doc_id, []).append(event)
    # Canonical order makes the pairing independent of the order of input lines.
    return {d: sorted(events, key=lambda e: e.key) for d, events in by_doc.items()}


def score_run(gold: Sequence[dict], pred: Sequence[dict]) -> ScoredRun:
    """Pair and count every gold document under both modes.

    Args:
        gold: Gold records, including ``{"doc_id": ..., "type": null}`` lines.
        pred: Predicted event records.

    Raises:
        ExtractorError: a record's fields have the wrong shape.
    """
    golds = _group_gold(gold)
    grouped: dict[str, list[EventView]] = defaultdict(list)
    for n, record in enumerate(pred, start=1):
        event = to_event(record, f"predicted record {n}")
        grouped[event.doc_id].append(event)
    preds = {d: sorted(events, key=lambda e: e.key) for d, events in grouped.items()}
    doc_ids = sorted(golds)
    scores = {
        name: [
            score_document(Mode(lenient=name == "lenient"), preds.get(d, []), golds[d])
            for d in doc_ids
        ]
        for name in MODES
    }
    unscored = {d: len(preds[d]) for d in sorted(set(preds) - set(golds))}
    return ScoredRun(doc_ids, golds, preds, scores, unscored)


def _with_intervals(figures: dict[str, Any], keys: Sequence[str], cis: Any) -> None:
    for k, key in enumerate(keys):
        figures[key]["ci"] = None if cis is None else cis[k]


def _mode_section(run: ScoredRun, mode: str, resamples: int, seed: int) -> dict[str, Any]:
    scores = run.scores[mode]
    out = mode_report(scores)
    _with_intervals(out, METRICS, f_intervals(run.counts(mode), resamples, seed))
    labels = type_labels(scores)
    per_doc = type_matrix(scores, labels)
    by_type = {
        label: prf(*(int(x) for x in per_doc[:, t].sum(axis=0))) for t, label in enumerate(labels)
    }
    _with_intervals(by_type, labels, f_intervals(per_doc, resamples, seed))
    out["by_type"] = by_type
    out["confusion"] = confusion_report(scores)
    return out


def _documents(run: ScoredRun) -> list[dict[str, Any]]:
    """Per gold document: events on each side, lenient pairs and event F1."""
    rows = []
    for d, doc_id in enumerate(run.doc_ids):
        score = run.scores["lenient"][d]
        tp, fp, fn = (int(x) for x in score.counts[0])
        rows.append(
            {
                "doc_id": doc_id,
                "gold": len(run.golds[doc_id]),
                "pred": len(run.preds.get(doc_id, [])),
                "pairs": len(score.pairs),
                "f": prf(tp, fp, fn)["f"],
            }
        )
    return rows


def _diagnostics(run: ScoredRun) -> tuple[list[dict[str, Any]], dict[str, list[dict]]]:
    mode = Mode(lenient=True)
    keyed: list[tuple[tuple, dict[str, Any]]] = []
    slots: list[dict[str, Any]] = []
    misses: list[dict[str, Any]] = []
    for d, doc_id in enumerate(run.doc_ids):
        preds, golds = run.preds.get(doc_id, []), run.golds[doc_id]
        pairs = run.scores["lenient"][d].pairs
        keyed += document_errors(preds, golds, pairs)
        slots += slot_errors(mode, preds, golds, pairs)
        misses += near_misses(mode, preds, golds, pairs)
    keyed.sort(key=lambda item: item[0])
    return [entry for _, entry in keyed], {"slot_errors": slots, "near_misses": misses}


def build_report(run: ScoredRun, resamples: int = DEFAULT_RESAMPLES, seed: int = SEED) -> dict:
    """The report of a scored run (EVENTS.md section 5).

    Args:
        run: From :func:`score_run`.
        resamples: Bootstrap resamples for the intervals; 0 leaves every ``ci`` None.
        seed: Bootstrap seed.
    """
    errors, diagnostics = _diagnostics(run)
    return {
        "docs": len(run.doc_ids),
        "strict": _mode_section(run, "strict", resamples, seed),
        "lenient": _mode_section(run, "lenient", resamples, seed),
        "errors": errors,
        "unscored_pred_docs": list(run.unscored),
        "ignored": {"events": sum(run.unscored.values()), "documents": len(run.unscored)},
        "bootstrap": {"resamples": resamples, "seed": seed, "confidence": CONFIDENCE},
        "documents": _documents(run),
        "diagnostics": diagnostics,
    }


def evaluate(
    gold: list[dict], pred: list[dict], bootstrap: int = DEFAULT_RESAMPLES, seed: int = SEED
) -> dict[str, Any]:
    """Score predicted events against gold events (EVENTS.md section 5).

    Args:
        gold: Gold records, including ``{"doc_id": ..., "type": null}`` lines for documents
            without events.
        pred: Predicted event records.
        bootstrap: Resamples for the confidence intervals (0: none).
        seed: Bootstrap seed.

    Returns:
        ``{"docs", "strict", "lenient", "errors", "unscored_pred_docs"}`` as always: each
        mode holds the metrics of :data:`METRICS` as ``{"p", "r", "f", "tp", "fp", "fn"}``
        and ``status_accuracy``; ``errors`` (lenient matching) lists spurious, missed and
        mistyped events ordered by doc id, kind and evidence start. Beside them: ``ci`` in
        every metric, ``by_type`` and ``confusion`` in each mode, and ``ignored``,
        ``bootstrap``, ``documents``, ``diagnostics`` at the top.

    Raises:
        ExtractorError: a record's fields have the wrong shape.
    """
    return build_report(score_run(gold, pred), bootstrap, seed)


def evaluate_files(
    gold: Path, pred: Path, bootstrap: int = DEFAULT_RESAMPLES, seed: int = SEED
) -> dict[str, Any]:
    """Load and score: :func:`load_gold`, :func:`load_events`, :func:`evaluate`.

    Args:
        gold: A gold ``.jsonl`` file or a folder of them.
        pred: A predicted ``events.jsonl``, or the folder ``extractor run`` wrote it to.
        bootstrap: Resamples for the confidence intervals (0: none).
        seed: Bootstrap seed.

    Returns:
        The report of :func:`evaluate`.
    """
    return evaluate(load_gold(gold), load_events(resolve_pred(pred)), bootstrap, seed)
