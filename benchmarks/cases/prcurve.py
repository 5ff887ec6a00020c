"""Precision-recall curves of a prefit 5-class model: per class and micro average.

Prefit: a LogisticRegression is fitted once on the training rows outside the
timer; each implementation predicts probabilities for the test rows, computes
the 5 one-vs-rest curves and the micro average (all one-vs-rest scores
pooled) with their average precision, draws the 6 curves with title, axis
labels and legend on one Axes and saves the PNG. Yellowbrick refits the
model inside a OneVsRestClassifier for multiclass targets, so it is not run
prefit here (and fails on current scikit-learn anyway).
"""

from __future__ import annotations

from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    PrecisionRecallDisplay,
    average_precision_score,
    precision_recall_curve,
)
from sklearn.preprocessing import label_binarize

from benchmarks.cases._common import (
    SEED,
    SplitData,
    label_curve_axes,
    new_axes,
    split,
    yellowbrick_style,
)
from vizkit.datasets import make_classification_data

PREFIT = True
DESCRIPTION = "5 classes, LogisticRegression prefit on 75% of the rows, scored on 25%"


def build(n_rows: int) -> SplitData:
    """Seeded 5-class data, split 75/25, with the model fitted on the train rows."""
    X, y = make_classification_data(n_rows, n_classes=5, random_state=SEED)
    return split(X, y, LogisticRegression())


def run_vizkit(data: SplitData, path: str) -> None:
    from vizkit.classifier.prcurve import PrecisionRecallCurve

    viz = PrecisionRecallCurve(
        data.model, per_class=True, micro=True, fill_area=False, is_fitted=True
    )
    viz.fit(data.X_train, data.y_train)
    viz.score(data.X_test, data.y_test)
    viz.show(outpath=path)


def _one_vs_rest(data: SplitData):
    """Each class's (is of the class, its scores), then the pooled micro problem."""
    proba = data.model.predict_proba(data.X_test)
    onehot = label_binarize(data.y_test, classes=data.model.classes_)
    problems = [(onehot[:, k], proba[:, k]) for k in range(proba.shape[1])]
    return [*problems, (onehot.ravel(), proba.ravel())]


def run_display(data: SplitData, path: str) -> None:
    fig, ax = new_axes()
    names = [f"class {label}" for label in data.model.classes_] + ["micro-average"]
    for name, (y_true, scores) in zip(names, _one_vs_rest(data)):
        PrecisionRecallDisplay.from_predictions(y_true, scores, ax=ax, name=name)
    fig.savefig(path)


def run_floor(data: SplitData, path: str) -> None:
    fig, ax = new_axes()
    for k, (y_true, scores) in enumerate(_one_vs_rest(data)):
        precision, recall, _ = precision_recall_curve(y_true, scores)
        ap = average_precision_score(y_true, scores)
        ax.step(recall, precision, where="post", label=f"{k}: AP {ap:.2f}")
    label_curve_axes(ax, "Precision-recall curves", "Recall", "Precision")
    fig.savefig(path)


def run_yellowbrick(data: SplitData, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.classifier import PrecisionRecallCurve

    viz = PrecisionRecallCurve(LogisticRegression(), per_class=True, micro=True)
    viz.fit(data.X_train, data.y_train)
    viz.score(data.X_test, data.y_test)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "display": run_display,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
