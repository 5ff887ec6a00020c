"""Explained variance of a PCA on 20 standardised features, 95% threshold marked.

vizkit and the floor draw the same picture: per-component bars, the
cumulative line and the threshold lines. Yellowbrick 1.5's ExplainedVariance
(not exported from ``yellowbrick.features``) draws the variances as one line.
"""

from __future__ import annotations

import numpy as np
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

from benchmarks.cases._common import SEED, new_axes, yellowbrick_style
from vizkit.datasets import Dataset, make_classification_data

PREFIT = False
DESCRIPTION = "20 features; StandardScaler + full PCA, bars + cumulative + 95% mark"


def build(n_rows: int) -> Dataset:
    """Seeded 3-class data with 20 features."""
    return make_classification_data(
        n_rows, n_features=20, n_classes=3, random_state=SEED
    )


def run_vizkit(data: Dataset, path: str) -> None:
    from vizkit.features import ExplainedVariance

    viz = ExplainedVariance(threshold=0.95)
    viz.fit(data.X)
    viz.show(outpath=path)


def run_floor(data: Dataset, path: str) -> None:
    ratio = PCA().fit(StandardScaler().fit_transform(data.X)).explained_variance_ratio_
    cumulative = np.cumsum(ratio)
    count = int(np.searchsorted(cumulative, 0.95, side="right")) + 1
    ks = np.arange(1, len(ratio) + 1)
    fig, ax = new_axes()
    ax.bar(ks, ratio, label="each component")
    ax.plot(ks, cumulative, marker="o", label="cumulative")
    ax.axhline(0.95, linestyle="--", label="95% of the variance")
    ax.axvline(count, linestyle=":")
    ax.set(title="Explained Variance Plot", ylim=(0, 1.05))
    ax.legend()
    fig.savefig(path)


def run_yellowbrick(data: Dataset, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.features.decomposition import ExplainedVariance

    viz = ExplainedVariance()
    viz.fit(data.X)
    viz.transform(data.X)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
