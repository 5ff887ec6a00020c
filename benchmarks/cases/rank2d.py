"""Rank2D: Pearson correlations of 200 features, lower triangle as a heatmap.

Not prefit (there is no model): correlate + draw + save. The work is the
correlation matrix, one matrix product over the rows (O(n p^2)); drawing a
200 x 200 image is the same at any number of rows. Yellowbrick 1.5's Rank2D
still runs (np.corrcoef, then a pcolormesh).
"""

from __future__ import annotations

import numpy as np

from benchmarks.cases._common import SEED, new_axes, yellowbrick_style
from vizkit.datasets import Dataset, make_classification_data

PREFIT = False
N_FEATURES = 200
DESCRIPTION = f"{N_FEATURES} features; Pearson correlation matrix, lower triangle"


def build(n_rows: int) -> Dataset:
    """Seeded 2-class data with 200 features (5 informative)."""
    return make_classification_data(
        n_rows, n_features=N_FEATURES, n_classes=2, random_state=SEED
    )


def run_vizkit(data: Dataset, path: str) -> None:
    from vizkit.features.rankd import Rank2D

    viz = Rank2D(algorithm="pearson")
    viz.fit_transform(data.X, data.y)
    viz.show(outpath=path)


def run_floor(data: Dataset, path: str) -> None:
    corr = np.corrcoef(data.X, rowvar=False)
    lower = np.ma.masked_where(np.triu(np.ones(corr.shape, dtype=bool)), corr)
    fig, ax = new_axes()
    image = ax.imshow(lower, cmap="RdBu_r", vmin=-1, vmax=1, interpolation="nearest")
    fig.colorbar(image, ax=ax)
    ax.set_title(f"Pearson Ranking of {N_FEATURES} Features")
    fig.savefig(path)


def run_yellowbrick(data: Dataset, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.features import Rank2D

    viz = Rank2D(algorithm="pearson")
    viz.fit(data.X, data.y)
    viz.transform(data.X)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
