"""Elbow of KMeans' distortion for k = 2..10 on seeded blobs.

Not prefit: the k fits are the work. Each implementation fits a KMeans
(``n_init=3``, seeded) for every k from 2 to 10 on 10-feature data drawn
from 6 Gaussian blobs, takes each fit's distortion (its inertia), times the
fits, marks the knee of the distortion curve and draws the fit times on a
twin axis, then saves the PNG. vizkit runs its fits with ``n_jobs=2``; the
"n_jobs=1" peer is the same call with ``n_jobs=1``. Every implementation
runs under ``threadpool_limits(1)`` (loky's workers limit themselves the
same way), so the ratio measures process parallelism, not OpenMP threads.
"""

from __future__ import annotations

import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from threadpoolctl import threadpool_limits

from benchmarks.cases._common import SEED, SplitData, new_axes, yellowbrick_style

PREFIT = False
DESCRIPTION = "KMeans (n_init=3) for k = 2..10, distortion, fit times; n_jobs=2"
K_MAX = 10


def build(n_rows: int) -> SplitData:
    """Seeded blobs; every implementation clusters all the rows."""
    X, y = make_blobs(n_samples=n_rows, n_features=10, centers=6, random_state=SEED)
    return SplitData(X, y, X[:0], y[:0])


def _model() -> KMeans:
    return KMeans(n_init=3, random_state=SEED)


def _vizkit(data: SplitData, path: str, n_jobs: int) -> None:
    from vizkit.cluster.elbow import KElbowVisualizer

    viz = KElbowVisualizer(_model(), k=K_MAX, n_jobs=n_jobs)
    with threadpool_limits(1):
        viz.fit(data.X_train)
    viz.show(outpath=path)


def run_vizkit(data: SplitData, path: str) -> None:
    _vizkit(data, path, n_jobs=2)


def run_serial(data: SplitData, path: str) -> None:
    _vizkit(data, path, n_jobs=1)


def _knee(ks: np.ndarray, scores: np.ndarray) -> int:
    """The k farthest below the chord of the scaled curve."""
    x = (ks - ks[0]) / (ks[-1] - ks[0])
    y = (scores - scores.min()) / (scores.max() - scores.min())
    return int(ks[np.argmax((1 - x) - y)])


def run_floor(data: SplitData, path: str) -> None:
    ks = np.arange(2, K_MAX + 1)
    scores, seconds = [], []
    with threadpool_limits(1):
        for k in ks:
            start = time.perf_counter()
            model = _model().set_params(n_clusters=int(k)).fit(data.X_train)
            seconds.append(time.perf_counter() - start)
            scores.append(model.inertia_)
    fig, ax = new_axes()
    ax.plot(ks, scores, marker="D")
    ax.axvline(_knee(ks, np.array(scores)), ls="--", color="k", label="elbow")
    twin = ax.twinx()
    twin.plot(ks, seconds, marker="o", ls="--", color="C1")
    ax.set(xlabel="k", ylabel="distortion score", title="Distortion Score Elbow")
    twin.set_ylabel("fit time (seconds)")
    ax.legend()
    fig.savefig(path)


def run_yellowbrick(data: SplitData, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.cluster import KElbowVisualizer

    viz = KElbowVisualizer(_model(), k=K_MAX)
    with threadpool_limits(1):
        viz.fit(data.X_train)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "serial": run_serial,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
