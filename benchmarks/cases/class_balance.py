"""Bar chart of the class counts of a 5-class target.

Nothing to fit but the counts: count + bars + save. No scikit-learn Display
draws this; Yellowbrick 1.5's ClassBalance still runs.
"""

from __future__ import annotations

import numpy as np

from benchmarks.cases._common import SEED, class_colors, new_axes, yellowbrick_style
from vizkit.datasets import make_classification_data

PREFIT = False
DESCRIPTION = "5 classes, the whole target (balance mode)"


def build(n_rows: int) -> np.ndarray:
    """The seeded 5-class target."""
    return make_classification_data(n_rows, n_classes=5, random_state=SEED).y


def run_vizkit(y: np.ndarray, path: str) -> None:
    from vizkit.target.class_balance import ClassBalance

    viz = ClassBalance()
    viz.fit(y)
    viz.show(outpath=path)


def run_floor(y: np.ndarray, path: str) -> None:
    labels, counts = np.unique(y, return_counts=True)
    fig, ax = new_axes()
    ax.bar(labels.astype(str), counts, color=class_colors(len(labels)))
    fig.savefig(path)


def run_yellowbrick(y: np.ndarray, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.target import ClassBalance

    viz = ClassBalance()
    viz.fit(y)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
