"""Peak memory of the feature visualizers at 1e6 x 20, against 4x the size of X.

Issue 8's target: at 1e6 rows x 20 features, ``fit`` + ``show(outpath=...)``
of each feature, target and missing-values visualizer peaks below 4 times
the bytes of X (float64: 4 x 160 MB). Each case runs in a fresh subprocess:
seeded data (``make_classification``, 5 classes; a copy with 1% NaN for the
missing-values visualizers) is built outside the measurement, then the
visualizer is fitted and saved, measured two ways, as ``benchmarks.memory``:

* ``tracemalloc`` peak: the most memory Python and numpy held at once;
* peak RSS growth: the resident-set high-water mark (reset just before)
  minus the resident set before; it also sees BLAS and the renderer.

A case names its class by dotted path with its constructor arguments; a
class that does not import (not written yet) is reported as not available
and skipped. Manifold is left out: its O(n^2) methods sample, and its
memory depends on the method more than on X.

Usage::

    python -m benchmarks.memory_features [--rows 1000000] [--features 20]
                                         [--case NAME ...]
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from benchmarks.memory import measure_peaks

SEED = 0
N_CLASSES = 5
#: The issue's bound: peak memory below this multiple of X's bytes.
TARGET_RATIO = 4.0
#: Fraction of the cells set to NaN for the missing-values visualizers.
NAN_FRACTION = 0.01


@dataclass(frozen=True)
class Case:
    """One visualizer: its class by dotted path, its arguments, its data."""

    path: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    nan: bool = False  # fitted on X with NaN cells (missing-values visualizers)


CASES: dict[str, Case] = {
    "pca": Case("vizkit.features.pca.PCA"),
    "radviz": Case("vizkit.features.radviz.RadViz"),
    "pcoords": Case("vizkit.features.pcoords.ParallelCoordinates"),
    "rank1d": Case("vizkit.features.rankd.Rank1D"),
    "rank2d": Case("vizkit.features.rankd.Rank2D"),
    "jointplot": Case("vizkit.features.jointplot.JointPlot", {"columns": [0, 1]}),
    "explained_variance": Case("vizkit.features.decomposition.ExplainedVariance"),
    "feature_correlation": Case("vizkit.target.feature_correlation.FeatureCorrelation"),
    "missing_bar": Case("vizkit.contrib.missing.MissingValuesBar", nan=True),
    "missing_dispersion": Case(
        "vizkit.contrib.missing.MissingValuesDispersion", nan=True
    ),
}


def load_class(path: str) -> type:
    """The class at a dotted ``module.Class`` path (ImportError if absent)."""
    module, _, name = path.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except AttributeError:
        raise ImportError(f"{module} has no {name}") from None


def make_data(rows: int, features: int, nan: bool) -> tuple[np.ndarray, np.ndarray]:
    """Seeded float64 X of ``rows`` x ``features`` and 5 classes."""
    from vizkit.datasets import make_classification_data

    data = make_classification_data(
        rows, n_features=features, n_classes=N_CLASSES, random_state=SEED
    )
    X = data.X
    if nan:
        mask = np.random.default_rng(SEED).random(X.shape) < NAN_FRACTION
        X[mask] = np.nan
    return X, data.y


def measure(name: str, rows: int, features: int) -> dict:
    """Run one case in this process and return its peaks (call in a fresh one)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401  (imports are not what is measured)

    case = CASES[name]
    result: dict[str, Any] = {"case": name, "rows": rows, "features": features}
    try:
        cls = load_class(case.path)
    except ImportError as error:
        return {**result, "status": f"not available ({error})"}
    X, y = make_data(rows, features, case.nan)
    result["x_bytes"] = X.nbytes
    try:
        peaks = measure_peaks(
            lambda path: cls(**case.kwargs).fit(X, y).show(outpath=path)
        )
    except Exception as error:  # reported, so the other cases still run
        return {**result, "status": f"failed: {type(error).__name__}: {error}"}
    peaks.pop("value")
    return {**result, "status": "ok", **peaks}


def run_in_subprocess(name: str, rows: int, features: int) -> dict:
    command = [
        sys.executable, "-m", "benchmarks.memory_features", "--child", name,
        "--rows", str(rows), "--features", str(features),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        error = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"case": name, "rows": rows, "features": features,
                "status": f"crashed: {error}"}  # fmt: skip
    return json.loads(lines[-1])


def report(results: list[dict]) -> str:
    """A markdown table: each case's peaks in MB and as a multiple of X's bytes."""
    lines = [
        f"Peak memory of fit + show(outpath=png), against {TARGET_RATIO:g}x the "
        "bytes of X",
        "",
        "| case | rows x features | X (MB) | time (s) | tracemalloc peak (MB) "
        "| peak RSS growth (MB) | peak / X | below 4x |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for r in results:
        shape = f"{r['rows']:,} x {r['features']}"
        label = f"{r['case']} ({CASES[r['case']].path.rpartition('.')[2]})"
        if r["status"] != "ok":
            lines.append(f"| {label} | {shape} | | | | | | {r['status']} |")
            continue
        peak = max(r["tracemalloc_peak"], r["rss_growth"])
        ratio = peak / r["x_bytes"]
        lines.append(
            f"| {label} | {shape} | {r['x_bytes'] / 1e6:,.0f} | {r['seconds']:.1f} "
            f"| {r['tracemalloc_peak'] / 1e6:,.1f} | {r['rss_growth'] / 1e6:,.1f} "
            f"| {ratio:.2f} | {'yes' if ratio < TARGET_RATIO else 'NO'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument(
        "--case", action="append", choices=list(CASES),
        help="run only this case (repeatable); default: all",
    )  # fmt: skip
    parser.add_argument("--child", choices=list(CASES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.rows, args.features)))
        return 0
    results = []
    for name in args.case or list(CASES):
        print(f"running {name} ...", file=sys.stderr, flush=True)
        results.append(run_in_subprocess(name, args.rows, args.features))
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
