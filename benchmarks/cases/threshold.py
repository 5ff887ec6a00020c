"""Discrimination threshold of a binary LogisticRegression over 10 shuffle splits.

Not prefit: the trials are the work. Each implementation runs 10 stratified
shuffle splits (10% test), fits a LogisticRegression on each training part,
scores the test part with ``predict_proba`` and reads precision, recall, F1
and queue rate on 101 thresholds from 0 to 1; it draws the median of each
metric with its 10%-90% band and the F1-maximising threshold, then saves the
PNG. vizkit runs its trials with ``n_jobs=2``; the "n_jobs=1" peer is the
same call with ``n_jobs=1``. Every implementation runs under
``threadpool_limits(1)`` (loky's workers limit themselves the same way), so
the ratio measures process parallelism, not BLAS threads.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve
from sklearn.model_selection import StratifiedShuffleSplit
from threadpoolctl import threadpool_limits

from benchmarks.cases._common import SEED, SplitData, new_axes, yellowbrick_style
from vizkit.datasets import make_classification_data

PREFIT = False
DESCRIPTION = "2 classes, LogisticRegression, 10 trials of 10% test splits"
N_TRIALS = 10
THRESHOLDS = np.linspace(0, 1, 101)


def build(n_rows: int) -> SplitData:
    """Seeded binary data; every implementation splits it itself."""
    data = make_classification_data(n_rows, n_classes=2, random_state=SEED)
    return SplitData(data.X, data.y, data.X[:0], data.y[:0])


def _vizkit(data: SplitData, path: str, n_jobs: int) -> None:
    from vizkit.classifier.threshold import DiscriminationThreshold

    viz = DiscriminationThreshold(
        LogisticRegression(), n_trials=N_TRIALS, n_jobs=n_jobs, random_state=SEED
    )
    with threadpool_limits(1):
        viz.fit(data.X_train, data.y_train)
    viz.show(outpath=path)


def run_vizkit(data: SplitData, path: str) -> None:
    _vizkit(data, path, n_jobs=2)


def run_serial(data: SplitData, path: str) -> None:
    _vizkit(data, path, n_jobs=1)


def _trial_metrics(model, X, y, train, test) -> np.ndarray:
    """Precision, recall, F1 and queue rate of one split at each threshold."""
    proba = clone(model).fit(X[train], y[train]).predict_proba(X[test])[:, 1]
    precision, recall, cuts = precision_recall_curve(y[test], proba)
    # The last threshold at or below each grid point gives its precision/recall.
    at = np.clip(np.searchsorted(cuts, THRESHOLDS, side="right") - 1, 0, None)
    f1 = 2 * precision[at] * recall[at] / np.maximum(precision[at] + recall[at], 1e-12)
    queue = (proba[:, np.newaxis] >= THRESHOLDS).mean(axis=0)
    return np.stack([precision[at], recall[at], f1, queue])


def run_floor(data: SplitData, path: str) -> None:
    X, y = data.X_train, data.y_train
    splits = StratifiedShuffleSplit(N_TRIALS, test_size=0.1, random_state=SEED)
    with threadpool_limits(1):
        trials = [
            _trial_metrics(LogisticRegression(), X, y, train, test)
            for train, test in splits.split(X, y)
        ]
    lower, median, upper = np.quantile(np.stack(trials), [0.1, 0.5, 0.9], axis=0)
    fig, ax = new_axes()
    for index, name in enumerate(["precision", "recall", "f1", "queue rate"]):
        ax.plot(THRESHOLDS, median[index], label=name)
        ax.fill_between(THRESHOLDS, lower[index], upper[index], alpha=0.35)
    ax.axvline(THRESHOLDS[np.argmax(median[2])], ls="--", color="k")
    ax.set(xlabel="discrimination threshold", ylabel="score", title="Threshold")
    ax.legend()
    fig.savefig(path)


def run_yellowbrick(data: SplitData, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.classifier import DiscriminationThreshold

    viz = DiscriminationThreshold(LogisticRegression(), n_trials=N_TRIALS)
    with threadpool_limits(1):
        viz.fit(data.X_train, data.y_train)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "serial": run_serial,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
