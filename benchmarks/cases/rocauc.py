"""ROC curves of a prefit 5-class model: per class, micro and macro average.

Prefit: a LogisticRegression is fitted once on the training rows outside the
timer; each implementation predicts probabilities for the test rows, computes
the 5 per-class curves, the micro average (all one-vs-rest scores pooled) and
the macro average (mean of the per-class TPRs on the union of their FPRs),
draws the 7 curves on one Axes and saves the PNG.
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import RocCurveDisplay, auc, roc_curve
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


def macro_average(curves: list[tuple[np.ndarray, np.ndarray]]):
    """Mean TPR of the curves on the union of their FPRs."""
    all_fpr = np.unique(np.concatenate([fpr for fpr, _ in curves]))
    mean_tpr = np.mean([np.interp(all_fpr, fpr, tpr) for fpr, tpr in curves], axis=0)
    return all_fpr, mean_tpr


def run_vizkit(data: SplitData, path: str) -> None:
    from vizkit.classifier.rocauc import ROCAUC

    viz = ROCAUC(data.model, micro=True, macro=True, per_class=True, is_fitted=True)
    viz.fit(data.X_train, data.y_train)
    viz.score(data.X_test, data.y_test)
    viz.show(outpath=path)


def run_display(data: SplitData, path: str) -> None:
    proba = data.model.predict_proba(data.X_test)
    classes = data.model.classes_
    fig, ax = new_axes()
    displays = [
        RocCurveDisplay.from_predictions(
            data.y_test == label, proba[:, k], ax=ax, name=f"class {label}"
        )
        for k, label in enumerate(classes)
    ]
    onehot = label_binarize(data.y_test, classes=classes)
    RocCurveDisplay.from_predictions(
        onehot.ravel(), proba.ravel(), ax=ax, name="micro-average"
    )
    fpr, tpr = macro_average([(d.fpr, d.tpr) for d in displays])
    macro = RocCurveDisplay(fpr=fpr, tpr=tpr, roc_auc=auc(fpr, tpr))
    macro.plot(ax=ax, name="macro-average")
    fig.savefig(path)


def run_floor(data: SplitData, path: str) -> None:
    proba = data.model.predict_proba(data.X_test)
    onehot = label_binarize(data.y_test, classes=data.model.classes_)
    curves = [roc_curve(onehot[:, k], proba[:, k])[:2] for k in range(proba.shape[1])]
    curves.append(roc_curve(onehot.ravel(), proba.ravel())[:2])
    curves.append(macro_average(curves[:-1]))
    fig, ax = new_axes()
    for k, (fpr, tpr) in enumerate(curves):
        ax.plot(fpr, tpr, label=f"{k}: AUC {auc(fpr, tpr):.2f}")
    ax.plot([0, 1], [0, 1], ":")
    label_curve_axes(ax, "ROC curves", "False Positive Rate", "True Positive Rate")
    fig.savefig(path)


def run_yellowbrick(data: SplitData, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.classifier import ROCAUC

    viz = ROCAUC(data.model, micro=True, macro=True, per_class=True, is_fitted=True)
    viz.fit(data.X_train, data.y_train)
    viz.score(data.X_test, data.y_test)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "display": run_display,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
