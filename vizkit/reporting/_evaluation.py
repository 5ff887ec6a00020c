"""What every section of a report is built from: one fit, one set of predictions.

:func:`evaluate` fits the model once and asks it for its test predictions
(and scores) once; the sections then read the :class:`Evaluation` only, so
the model is never called again however many sections are drawn.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin

from vizkit.utils.pipeline import final_step
from vizkit.utils.validation import to_numpy

CLASSIFICATION, REGRESSION, CLUSTERING = "classification", "regression", "clustering"


@dataclass
class ModelClock:
    """Calls the model's methods and adds up the seconds spent inside them."""

    seconds: float = 0.0

    def call(self, model: Any, method: str, *args: Any) -> Any:
        start = time.perf_counter()
        try:
            return getattr(model, method)(*args)
        finally:
            self.seconds += time.perf_counter() - start


@dataclass(frozen=True)
class Split:
    """The rows the model is fitted on and the rows it is evaluated on."""

    X_train: Any
    X_test: Any
    y_train: Any  # ndarray, or None for a clusterer given no y
    y_test: Any
    description: str


@dataclass(frozen=True)
class Evaluation:
    """The fitted model and its outputs on the test rows, shared by every section.

    For clustering, the test rows are the training rows (a clusterer is
    described on the data it grouped), ``y_pred`` holds the cluster labels
    and ``features`` the data as the clusterer saw it (after the Pipeline's
    preprocessing steps).
    """

    task: str
    model: Any
    split: Split
    y_pred: np.ndarray
    y_score: np.ndarray | None = None
    score_method: str | None = None
    classes: Any = None  # ndarray of the model's classes (classification)
    features: Any = None  # ndarray of the clustered data (clustering)
    centers: np.ndarray | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def binary(self) -> bool:
        return self.classes is not None and len(self.classes) == 2

    @property
    def positive_scores(self) -> np.ndarray | None:
        """A binary model's score of its second class (the positive one)."""
        if self.y_score is None or not self.binary:
            return None
        return self.y_score[:, 1] if self.y_score.ndim == 2 else self.y_score


class ClusterLabels(ClusterMixin, BaseEstimator):
    """A fitted clustering, frozen: its labels (and centres), nothing to compute.

    The cluster visualizers read a model's ``labels_`` (and
    ``cluster_centers_``); handing them this instead of the user's model lets
    them draw the labels computed once, without calling ``predict`` again.
    """

    def __init__(self, labels=None, centers=None):
        self.labels = labels
        self.centers = centers

    def fit(self, X, y=None):
        """Store the frozen labels and centres as fitted attributes."""
        self.labels_ = np.asarray(self.labels)
        if self.centers is not None:
            self.cluster_centers_ = np.asarray(self.centers)
        return self


# -- the model's outputs, computed once --------------------------------------------


def score_method(model: Any) -> str | None:
    """The method giving a classifier's class scores: probabilities first."""
    for method in ("predict_proba", "decision_function"):
        if hasattr(model, method):
            return method
    return None


def evaluate_supervised(task: str, model: Any, split: Split, clock: ModelClock):
    """Fit on the training rows; predict (and score) the test rows, once each."""
    clock.call(model, "fit", split.X_train, split.y_train)
    y_pred = to_numpy(clock.call(model, "predict", split.X_test))
    if task == REGRESSION:
        return Evaluation(task, model, split, y_pred=y_pred.astype(float))
    method = score_method(model)
    y_score = None
    if method is not None:
        y_score = np.asarray(clock.call(model, method, split.X_test), dtype=float)
    return Evaluation(
        task, model, split, y_pred=y_pred, y_score=y_score, score_method=method,
        classes=np.asarray(model.classes_),
    )  # fmt: skip


def evaluate_clustering(model: Any, split: Split, clock: ModelClock) -> Evaluation:
    """Fit on every row; the labels are the clusterer's own ``labels_``."""
    clock.call(model, "fit", split.X_train)
    clusterer = final_step(model)
    labels = getattr(clusterer, "labels_", None)
    if labels is None:  # a clusterer that keeps no labels: ask it once
        labels = clock.call(model, "predict", split.X_train)
    features = split.X_train
    if hasattr(model, "steps") and len(model.steps) > 1:
        features = clock.call(model[:-1], "transform", split.X_train)
    centers = getattr(clusterer, "cluster_centers_", None)
    return Evaluation(
        CLUSTERING, model, split, y_pred=np.asarray(labels),
        features=np.asarray(to_numpy(features), dtype=float),
        centers=None if centers is None else np.asarray(centers, dtype=float),
    )  # fmt: skip
