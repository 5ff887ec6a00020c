"""RadViz of 20 features, coloured by class.

Not prefit (nothing to fit): min-max normalise, place every row, draw and
save. The floor computes the positions with numpy in one go and scatters
every point with its class colour, plus the circle, anchors and names.
Yellowbrick 1.5's RadViz places the rows one at a time in Python.
"""

from __future__ import annotations

import numpy as np

from benchmarks.cases._common import SEED, class_colors, new_axes, yellowbrick_style
from vizkit.datasets import Dataset, make_classification_data

PREFIT = False
N_FEATURES = 20
DESCRIPTION = f"{N_FEATURES} features, 5 classes; every row placed and drawn"


def build(n_rows: int) -> Dataset:
    """Seeded 5-class data with 20 features."""
    return make_classification_data(
        n_rows, n_features=N_FEATURES, n_classes=5, random_state=SEED
    )


def run_vizkit(data: Dataset, path: str) -> None:
    from vizkit.features.radviz import RadViz

    viz = RadViz()
    viz.fit_transform(data.X, data.y)
    viz.show(outpath=path)


def run_floor(data: Dataset, path: str) -> None:
    from matplotlib.patches import Circle

    X = data.X
    scaled = (X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0))
    angles = 2 * np.pi * np.arange(X.shape[1]) / X.shape[1]
    anchors = np.column_stack([np.cos(angles), np.sin(angles)])
    points = scaled @ anchors / scaled.sum(axis=1)[:, None]
    colors = class_colors(len(np.unique(data.y)))[data.y]
    fig, ax = new_axes()
    ax.scatter(points[:, 0], points[:, 1], c=colors)
    ax.add_patch(Circle((0, 0), 1.0, facecolor="none", edgecolor="grey"))
    ax.scatter(anchors[:, 0], anchors[:, 1], color="#777777")
    for (x, y), name in zip(anchors * 1.05, data.feature_names):
        ax.text(x, y, name, size="small")
    ax.set(title=f"RadViz for {X.shape[1]} Features", aspect="equal")
    fig.savefig(path)


def run_yellowbrick(data: Dataset, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.features import RadViz

    viz = RadViz()
    viz.fit_transform(data.X, data.y)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
