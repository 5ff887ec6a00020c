"""2-D PCA projection of 10 standardised features, coloured by class.

Not prefit (PCA is the model): scale + project + scatter + save. No
scikit-learn Display draws this; Yellowbrick 1.5's PCA still runs.
"""

from __future__ import annotations

import numpy as np
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

from benchmarks.cases._common import SEED, class_colors, new_axes, yellowbrick_style
from vizkit.datasets import Dataset, make_classification_data

PREFIT = False
DESCRIPTION = "10 features, 5 classes; StandardScaler + 2-component PCA, all rows"


def build(n_rows: int) -> Dataset:
    """Seeded 5-class data with 10 features."""
    return make_classification_data(
        n_rows, n_features=10, n_classes=5, random_state=SEED
    )


def run_vizkit(data: Dataset, path: str) -> None:
    from vizkit.features.pca import PCA as PCAVisualizer

    viz = PCAVisualizer(scale=True, projection=2)
    viz.fit_transform(data.X, data.y)
    viz.show(outpath=path)


def run_floor(data: Dataset, path: str) -> None:
    projected = PCA(2).fit_transform(StandardScaler().fit_transform(data.X))
    colors = class_colors(len(np.unique(data.y)))[data.y]
    fig, ax = new_axes()
    ax.scatter(projected[:, 0], projected[:, 1], c=colors)
    fig.savefig(path)


def run_yellowbrick(data: Dataset, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.features import PCA as PCAVisualizer

    viz = PCAVisualizer(scale=True, projection=2)
    viz.fit_transform(data.X, data.y)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
