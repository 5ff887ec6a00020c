"""The headline numbers of a report: scikit-learn metrics of the shared predictions."""

from __future__ import annotations

import numpy as np
from sklearn import metrics

from vizkit.cluster.silhouette import silhouette_values
from vizkit.reporting._evaluation import CLASSIFICATION, REGRESSION, Evaluation
from vizkit.utils.sampling import sample_rows

#: The silhouette (O(n^2)) is computed on a seeded sample of at most this many rows.
SILHOUETTE_SAMPLE = 5_000
SILHOUETTE_SEED = 0


def silhouette_sample(n_rows: int) -> np.ndarray | None:
    """The rows the silhouette is computed on (None: all of them)."""
    if n_rows <= SILHOUETTE_SAMPLE:
        return None
    return sample_rows(n_rows, SILHOUETTE_SAMPLE, SILHOUETTE_SEED)


def classification_metrics(ev: Evaluation) -> dict[str, float]:
    """Accuracy, balanced accuracy, macro F1 and, with scores, ROC AUC."""
    y_true, y_pred = ev.split.y_test, ev.y_pred
    found = {
        "accuracy": metrics.accuracy_score(y_true, y_pred),
        "balanced_accuracy": metrics.balanced_accuracy_score(y_true, y_pred),
        "macro_f1": metrics.f1_score(y_true, y_pred, average="macro"),
    }
    auc = roc_auc(ev)
    if auc is not None:
        found["roc_auc"] = auc
    return {name: float(value) for name, value in found.items()}


def roc_auc(ev: Evaluation) -> float | None:
    """Binary: AUC of the second class. Multiclass: one-vs-rest macro AUC.

    None when it is undefined: no scores, a test split missing a class, or
    multiclass scores that are not probabilities.
    """
    y_true = ev.split.y_test
    if ev.y_score is None or len(np.unique(y_true)) != len(ev.classes):
        return None
    if ev.binary:
        return float(metrics.roc_auc_score(y_true, ev.positive_scores))
    if ev.score_method != "predict_proba":
        return None
    return float(
        metrics.roc_auc_score(y_true, ev.y_score, multi_class="ovr", labels=ev.classes)
    )


def regression_metrics(ev: Evaluation) -> dict[str, float]:
    """R^2, MAE and RMSE on the test rows."""
    y_true, y_pred = ev.split.y_test, ev.y_pred
    return {
        "r2": float(metrics.r2_score(y_true, y_pred)),
        "mae": float(metrics.mean_absolute_error(y_true, y_pred)),
        "rmse": float(metrics.root_mean_squared_error(y_true, y_pred)),
    }


def clustering_metrics(ev: Evaluation) -> dict[str, float]:
    """Cluster count, silhouette (sampled), Calinski-Harabasz, Davies-Bouldin.

    With a ``y``, also how well the clusters match it (adjusted Rand index).
    """
    X, labels = ev.features, ev.y_pred
    found = {"n_clusters": float(len(np.unique(labels)))}
    if 2 <= len(np.unique(labels)) < len(labels):
        rows = silhouette_sample(len(labels))
        sample = slice(None) if rows is None else rows
        found["silhouette"] = float(
            np.mean(silhouette_values(X[sample], labels[sample]))
        )
        found["calinski_harabasz"] = float(metrics.calinski_harabasz_score(X, labels))
        found["davies_bouldin"] = float(metrics.davies_bouldin_score(X, labels))
    if ev.split.y_train is not None:
        found["adjusted_rand"] = float(
            metrics.adjusted_rand_score(ev.split.y_train, labels)
        )
    return found


def compute_metrics(ev: Evaluation) -> dict[str, float]:
    """The metrics of the evaluation's task."""
    if ev.task == CLASSIFICATION:
        return classification_metrics(ev)
    if ev.task == REGRESSION:
        return regression_metrics(ev)
    return clustering_metrics(ev)
