"""How long the evaluator's bootstrap takes: 1,000 resamples of 34 documents.

Per-document tp/fp/fn counts of 12 metrics are drawn at random (the shape of a real run);
:func:`extractor.evaluate.bootstrap.f_intervals` and ``paired_difference`` are timed over
several repeats (target: well under a second each).

Run: ``.venv/bin/python benchmarks/bench_bootstrap.py [--repeats N]``; writes
``benchmarks/results/bootstrap.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from pathlib import Path

import numpy as np

from extractor.evaluate.bootstrap import f_intervals, paired_difference

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "bootstrap.json"
DOCS, METRICS, RESAMPLES = 34, 12, 1000


def _time(call, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    a = rng.integers(0, 6, size=(DOCS, METRICS, 3))
    b = rng.integers(0, 6, size=(DOCS, METRICS, 3))
    result = {
        "documents": DOCS,
        "metrics": METRICS,
        "resamples": RESAMPLES,
        "f_intervals_s": round(_time(lambda: f_intervals(a, RESAMPLES), args.repeats), 4),
        "paired_difference_s": round(
            _time(lambda: paired_difference(a, b, RESAMPLES), args.repeats), 4
        ),
        "python": platform.python_version(),
        "numpy": np.__version__,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
