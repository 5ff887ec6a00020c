"""Confusion matrix of a 5-class GaussianNB: fit + predict + heatmap + PNG.

Not prefit: every implementation fits a fresh GaussianNB (a fast model, so
the plot and not the fit dominates) on the training rows and scores the test
rows.
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import ConfusionMatrixDisplay, confusion_matrix
from sklearn.naive_bayes import GaussianNB

from benchmarks.cases._common import SEED, SplitData, new_axes, split, yellowbrick_style
from vizkit.datasets import make_classification_data

PREFIT = False
DESCRIPTION = "5 classes, GaussianNB fitted on 75% of the rows, scored on 25%"


def build(n_rows: int) -> SplitData:
    """Seeded 5-class data, split 75/25."""
    X, y = make_classification_data(n_rows, n_classes=5, random_state=SEED)
    return split(X, y)


def run_vizkit(data: SplitData, path: str) -> None:
    from vizkit.classifier.confusion_matrix import ConfusionMatrix

    viz = ConfusionMatrix(GaussianNB())
    viz.fit(data.X_train, data.y_train)
    viz.score(data.X_test, data.y_test)
    viz.show(outpath=path)


def run_display(data: SplitData, path: str) -> None:
    model = GaussianNB().fit(data.X_train, data.y_train)
    display = ConfusionMatrixDisplay.from_estimator(model, data.X_test, data.y_test)
    display.figure_.savefig(path)


def run_floor(data: SplitData, path: str) -> None:
    model = GaussianNB().fit(data.X_train, data.y_train)
    matrix = confusion_matrix(data.y_test, model.predict(data.X_test))
    fig, ax = new_axes()
    ax.imshow(matrix, cmap="YlOrRd")
    for (row, col), count in np.ndenumerate(matrix):
        ax.text(col, row, count, ha="center", va="center")
    ax.set(xlabel="Predicted class", ylabel="True class")
    fig.savefig(path)


def run_yellowbrick(data: SplitData, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.classifier import ConfusionMatrix

    viz = ConfusionMatrix(GaussianNB())
    viz.fit(data.X_train, data.y_train)
    viz.score(data.X_test, data.y_test)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "display": run_display,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
