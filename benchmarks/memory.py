"""Peak memory of the O(n^2) cluster visualizers on 1e5 rows, against 8e8 bytes.

Issue 7's target: SilhouetteVisualizer and InterclusterDistance on 1e5 rows
finish (through sampling) in less memory than a 1e4 x 1e4 distance matrix of
float64, 8e8 bytes. Each case runs in a fresh subprocess: seeded blobs of
``--rows`` x ``--features`` and a KMeans fitted on them outside the
measurement, then ``fit`` + ``show(outpath=...)`` of the visualizer with the
prefit model, measured two ways:

* ``tracemalloc`` peak: the most memory Python and numpy held at once;
* peak RSS growth: the resident-set high-water mark (reset just before, via
  ``/proc/self/clear_refs``) minus the resident set before; it also sees
  BLAS buffers and matplotlib's renderer.

Usage::

    python -m benchmarks.memory [--rows 100000] [--features 10] [--full]

Times include tracemalloc's overhead (up to 2x); they are not the benchmark.
``--full`` adds SilhouetteVisualizer(sample=None) on every row (minutes) and
scikit-learn's own ``silhouette_samples`` on a 1e4-row sample with its default
working memory, for reference.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

#: A 1e4 x 1e4 float64 distance matrix.
TARGET_BYTES = 10_000 * 10_000 * 8
SEED = 0
N_CLUSTERS = 8


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def _data(rows: int, features: int):
    from sklearn.cluster import KMeans
    from sklearn.datasets import make_blobs

    X, _ = make_blobs(
        n_samples=rows, n_features=features, centers=N_CLUSTERS, random_state=SEED
    )
    return X, KMeans(n_clusters=N_CLUSTERS, n_init=1, random_state=SEED).fit(X)


def _silhouette(sample) -> Callable:
    def run(X, model, path):
        from vizkit.cluster import SilhouetteVisualizer

        viz = SilhouetteVisualizer(model, sample=sample, random_state=SEED)
        viz.fit(X)
        viz.show(outpath=path)
        return len(viz.silhouette_samples_)

    return run


def _icdm(X, model, path):
    from vizkit.cluster import InterclusterDistance

    viz = InterclusterDistance(model, random_state=SEED)
    viz.fit(X)
    viz.show(outpath=path)
    return len(X)


def _sklearn_10k(X, model, path):
    """scikit-learn's silhouette_samples on 1e4 sampled rows, default settings."""
    from sklearn.metrics import silhouette_samples

    rows = np.random.RandomState(SEED).permutation(len(X))[:10_000]
    silhouette_samples(X[rows], model.labels_[rows])
    return len(rows)


CASES: dict[str, tuple[str, Callable]] = {
    "silhouette": ("SilhouetteVisualizer (sample='auto')", _silhouette("auto")),
    "icdm": ("InterclusterDistance", _icdm),
    "silhouette_full": ("SilhouetteVisualizer (sample=None)", _silhouette(None)),
    "sklearn_10k": ("sklearn silhouette_samples, 1e4 rows", _sklearn_10k),
}
FULL_ONLY = ("silhouette_full", "sklearn_10k")


def measure(case: str, rows: int, features: int) -> dict:
    """Run one case in this process and return its peaks (call in a fresh one)."""
    import matplotlib

    matplotlib.use("Agg")
    import vizkit.cluster  # noqa: F401  (imports are not what is measured)

    X, model = _data(rows, features)
    run = CASES[case][1]
    peaks = measure_peaks(lambda path: run(X, model, path))
    return {"case": case, "rows": rows, "drawn": peaks.pop("value"), **peaks}


def measure_peaks(run: Callable[[str], Any]) -> dict[str, Any]:
    """Call ``run(png_path)`` once; its return value, seconds and memory peaks.

    The peaks are the tracemalloc peak and the growth of the resident-set
    high-water mark, reset just before the call.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "plot.png")
        rss_before = _status_kib("VmRSS")
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # reset the high-water mark to the current RSS
        tracemalloc.start()
        try:
            start = time.perf_counter()
            value = run(path)
            seconds = time.perf_counter() - start
            traced = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        rss_growth = (_status_kib("VmHWM") - rss_before) * 1024
    return {
        "value": value, "seconds": seconds, "tracemalloc_peak": traced,
        "rss_growth": rss_growth,
    }  # fmt: skip


def run_in_subprocess(case: str, rows: int, features: int) -> dict:
    command = [
        sys.executable, "-m", "benchmarks.memory", "--child", case,
        "--rows", str(rows), "--features", str(features),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(results: list[dict]) -> str:
    lines = [
        f"Peak memory against a 1e4 x 1e4 float64 matrix ({TARGET_BYTES:.0e} bytes)",
        "",
        "| case | rows | rows with silhouettes / counted | time (s) "
        "| tracemalloc peak (MB) | peak RSS growth (MB) | below 8e8 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for r in results:
        below = max(r["tracemalloc_peak"], r["rss_growth"]) < TARGET_BYTES
        lines.append(
            f"| {CASES[r['case']][0]} | {r['rows']:,} | {r['drawn']:,} | "
            f"{r['seconds']:.1f} | {r['tracemalloc_peak'] / 1e6:,.1f} | "
            f"{r['rss_growth'] / 1e6:,.1f} | {'yes' if below else 'NO'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--features", type=int, default=10)
    parser.add_argument("--full", action="store_true", help="add the slow cases")
    parser.add_argument("--child", choices=list(CASES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.rows, args.features)))
        return 0
    cases = [c for c in CASES if args.full or c not in FULL_ONLY]
    results = []
    for case in cases:
        print(f"running {case} ...", file=sys.stderr, flush=True)
        results.append(run_in_subprocess(case, args.rows, args.features))
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
