"""Base class of the visualizers that wrap a clustering model."""

from __future__ import annotations

import numpy as np
from sklearn.base import is_clusterer

from vizkit import params as P
from vizkit.base import ModelVisualizer
from vizkit.exceptions import ModelError
from vizkit.utils.docs import common_params
from vizkit.utils.validation import check_X, n_samples_of

__all__ = ["ClusteringScoreVisualizer"]


@common_params
class ClusteringScoreVisualizer(ModelVisualizer):
    """A visualizer that wraps a clusterer (``KMeans``, ``AgglomerativeClustering``...).

    ``fit`` checks that the model is a clusterer and fits it in place when it
    is not fitted yet; ``y`` is accepted, as scikit-learn's clusterers accept
    it, and ignored.

    Parameters
    ----------
    estimator : scikit-learn clusterer
        The model to visualize. ``fit`` checks that it is a clusterer (with
        ``sklearn.base.is_clusterer``) unless ``force_model`` is True.
    {common: ax, fig, is_fitted}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a clusterer.
    {common: title, size}

    Attributes
    ----------
    score_ : float
        What ``score`` returned last.
    """

    _params = {"force_model": P.boolean()}

    def __init__(
        self,
        estimator,
        ax=None,
        fig=None,
        is_fitted="auto",
        force_model=False,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.fig = fig
        self.is_fitted = is_fitted
        self.force_model = force_model
        self.title = title
        self.size = size

    def _check_clusterer(self) -> None:
        """Raise ModelError when ``estimator`` is not a clusterer."""
        if self.force_model or is_clusterer(self.estimator):
            return
        raise ModelError(
            f"estimator {type(self.estimator).__name__} is not a clusterer; pass a "
            "clustering model (e.g. sklearn.cluster.KMeans()), use a classifier or "
            "regressor visualizer for other models, or set force_model=True to skip "
            "this check."
        )

    def _check_cluster_data(self, X, y=None) -> np.ndarray:
        """X as a float array, for the metrics vizkit computes on it.

        The model still gets X as the user passed it; ``y`` is only checked
        for length, as the clusterers ignore it.
        """
        self._check_clusterer()
        self._check_fit_data(X, y)
        return check_X(X, numeric=True)

    def _cluster_labels(self, X, fitted_on_X: bool) -> np.ndarray:
        """The model's cluster label of each row of ``X``.

        A model just fitted on X has labelled its rows (``labels_``); else
        its ``predict(X)`` labels them. A model that cannot predict (DBSCAN,
        AgglomerativeClustering) and was fitted before is taken to have been
        fitted on X when its ``labels_`` has one label per row of X.
        """
        n_rows = n_samples_of(X, "X")
        labels = getattr(self.estimator, "labels_", None)
        one_per_row = labels is not None and len(labels) == n_rows
        if one_per_row and fitted_on_X:
            return np.asarray(labels)
        if hasattr(self.estimator, "predict"):
            return np.asarray(self._call_model("predict", X))
        if one_per_row:
            return np.asarray(labels)
        model = type(self.estimator).__name__
        raise ModelError(
            f"{type(self).__name__} cannot label the {n_rows} rows of X: {model} "
            "has no predict method and was fitted on other data; pass X as the "
            f"data it was fitted on, or an unfitted {model} for the visualizer "
            "to fit on X."
        )

    def fit(self, X, y=None, **kwargs):
        """Fit the wrapped clusterer on ``X`` if it needs fitting.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data to cluster.
        y : None
            Ignored; accepted for Pipeline compatibility.
        **kwargs
            Passed to the estimator's ``fit``.

        Returns
        -------
        self
        """
        self._check_cluster_data(X, y)
        self._fit_estimator(X, y, **kwargs)
        return self

    def score(self, X, y=None):
        """The fitted clusterer's own score of ``X``, stored in ``score_``.

        For ``KMeans`` this is the negative inertia (higher is better).
        Subclasses that compute a clustering quality of their own (such as the
        mean silhouette) return that instead.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data to score.
        y : None
            Ignored.

        Returns
        -------
        score_ : float
        """
        self._check_estimator_fitted()
        if not hasattr(self.estimator, "score"):
            raise ModelError(
                f"estimator {type(self.estimator).__name__} has no score method, so "
                f"{type(self).__name__}.score cannot rate it; pass scoring= to "
                "GridSearchCV or cross_val_score (e.g. a silhouette scorer)."
            )
        self.score_ = float(self._call_model("score", X))
        return self.score_
