"""Evaluate: predicted ``events.jsonl`` against gold files (EVENTS.md sections 4 and 5).

The scorer speaks spaCy's dialect: tp/fp/fn counts become ``{"p", "r", "f"}`` with
``None`` where a figure has nothing to divide by, and an error list (spurious, missed and
mistyped events with doc id and evidence) follows presidio-research. Beside them: per-type
figures, type confusion, per-document F1, slot-level errors, near misses, bootstrap
intervals and run-to-run comparison.

Modules, in the order data flows: ``gold`` (loading and refusals), ``names`` (matching),
``pairing`` (events paired per document), ``score`` (counts), ``diagnose`` (errors),
``bootstrap`` (intervals), ``run`` (the report), ``compare`` (two runs), ``report``
(table, json, markdown, csv and html output).
"""

from __future__ import annotations

from extractor.evaluate.gold import load_documents, load_events, load_gold, resolve_pred
from extractor.evaluate.names import match_names, names_match, normalize_name
from extractor.evaluate.pairing import SLOTS
from extractor.evaluate.report.table import render_report
from extractor.evaluate.run import evaluate, evaluate_files, score_run
from extractor.evaluate.score import METRICS, MODES, prf

__all__ = [
    "METRICS",
    "MODES",
    "SLOTS",
    "evaluate",
    "evaluate_files",
    "load_documents",
    "load_events",
    "load_gold",
    "match_names",
    "names_match",
    "normalize_name",
    "prf",
    "render_report",
    "resolve_pred",
    "score_run",
]
