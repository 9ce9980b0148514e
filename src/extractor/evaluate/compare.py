"""Two runs against the same gold: every figure side by side, the difference with a paired
bootstrap interval and p-value, and the gold events gained and lost (lenient pairing)."""

from __future__ import annotations

from typing import Any

from extractor.evaluate.bootstrap import CONFIDENCE, DEFAULT_RESAMPLES, SEED, paired_difference
from extractor.evaluate.diagnose import summary
from extractor.evaluate.run import ScoredRun, build_report, score_run
from extractor.evaluate.score import METRICS, MODES


def _differences(
    run_a: ScoredRun, run_b: ScoredRun, a: dict, b: dict, resamples: int, seed: int
) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for mode in MODES:
        paired = paired_difference(run_a.counts(mode), run_b.counts(mode), resamples, seed)
        rows = {}
        for k, metric in enumerate(METRICS):
            fa, fb = a[mode][metric]["f"], b[mode][metric]["f"]
            rows[metric] = {
                "a": fa,
                "b": fb,
                "diff": None if fa is None or fb is None else round(fb - fa, 4),
                "ci": None if paired is None else paired[k]["ci"],
                "p": None if paired is None else paired[k]["p"],
            }
        out[mode] = rows
    return out


def _gained_lost(run_a: ScoredRun, run_b: ScoredRun) -> tuple[list[dict], list[dict]]:
    gained, lost = [], []
    for d, doc_id in enumerate(run_a.doc_ids):
        in_a = {j for _, j in run_a.scores["lenient"][d].pairs}
        in_b = {j for _, j in run_b.scores["lenient"][d].pairs}
        for j, gold in enumerate(run_a.golds[doc_id]):
            entry = {"doc_id": doc_id, "gold": summary(gold)}
            if j in in_b and j not in in_a:
                gained.append(entry)
            elif j in in_a and j not in in_b:
                lost.append(entry)
    return gained, lost


def compare(
    gold: list[dict],
    pred_a: list[dict],
    pred_b: list[dict],
    bootstrap: int = DEFAULT_RESAMPLES,
    seed: int = SEED,
) -> dict[str, Any]:
    """Compare run B with run A (the reference) on the same gold.

    Args:
        gold: Gold records.
        pred_a: Predicted records of the reference run.
        pred_b: Predicted records of the candidate run.
        bootstrap: Resamples of the paired bootstrap (0: no intervals or p-values).
        seed: Bootstrap seed.

    Returns:
        ``{"docs", "a", "b", "diff", "gained", "lost", "bootstrap"}``: ``a`` and ``b`` are
        the full reports; ``diff[mode][metric]`` is ``{"a", "b", "diff", "ci", "p"}`` with
        ``diff`` = F1(B) - F1(A), its paired-bootstrap interval and two-sided p-value;
        ``gained``/``lost`` list gold events paired in B but not A, and the reverse.
    """
    run_a, run_b = score_run(gold, pred_a), score_run(gold, pred_b)
    a, b = build_report(run_a, bootstrap, seed), build_report(run_b, bootstrap, seed)
    gained, lost = _gained_lost(run_a, run_b)
    return {
        "docs": a["docs"],
        "a": a,
        "b": b,
        "diff": _differences(run_a, run_b, a, b, bootstrap, seed),
        "gained": gained,
        "lost": lost,
        "bootstrap": {"resamples": bootstrap, "seed": seed, "confidence": CONFIDENCE},
    }
