"""The elbow method: a clustering score for each number of clusters k.

:class:`KElbowVisualizer` fits a copy of a clustering model for each k,
scores each clustering, and marks the k where the curve bends (distortion)
or peaks (silhouette, Calinski-Harabasz, Davies-Bouldin). The fits run
through joblib (``n_jobs``, ``verbose``); the fit time of each k is drawn on
a second y axis.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from sklearn.metrics import pairwise_distances

from vizkit import examples
from vizkit import params as P
from vizkit.cluster.base import ClusteringScoreVisualizer
from vizkit.cluster.scoring import (
    LOWER_IS_BETTER,
    METRICS,
    USE_DISTANCE_METRIC,
    KFitData,
    check_k_range,
    cluster_score,
    distortion_score,
    elbow_index,
    fit_and_score,
    k_values,
    n_clusters_param,
)
from vizkit.exceptions import (
    ModelError,
    NotFitted,
    VizkitValueError,
    VizkitWarning,
    prefix_message,
)
from vizkit.registry import CLUSTER, declare
from vizkit.style import LINE_COLOR, class_colors
from vizkit.utils.docs import common_params
from vizkit.utils.parallel import run_jobs
from vizkit.utils.sampling import check_sample, sample_count, sample_rows
from vizkit.utils.validation import check_option, check_X, plain

__all__ = ["KElbowVisualizer", "KElbow", "distortion_score", "kelbow_visualizer"]

#: The fit-time axis reaches this many times the longest fit.
TIMINGS_HEADROOM = 1.5
#: The label of the twin axis holding the fit times, found again on redraw.
_TIMINGS_AXES_LABEL = "vizkit-kelbow-fit-time"


# -- checks of the parameters --------------------------------------------------------


def _check_k(value: Any, name: str, viz: Any) -> None:
    k_values(value)


def _check_distance_metric(value: Any, name: str, viz: Any) -> None:
    if callable(value):
        return
    ok = isinstance(value, str) and value != "precomputed"
    if ok:
        try:  # whatever pairwise_distances accepts, sklearn's names and scipy's
            pairwise_distances(np.zeros((1, 2)), np.ones((1, 2)), metric=value)
        except (ValueError, TypeError):
            ok = False
    if not ok:
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass a distance that "
            "sklearn.metrics.pairwise_distances accepts (e.g. 'euclidean', "
            "'manhattan', 'cosine') or a function of two rows ('precomputed' is "
            "not supported: the model is fitted on X)."
        )


def _check_is_fitted_ignored(value: Any, name: str, viz: Any) -> None:
    check_option(value, name, ("auto", True, False))
    if value != "auto":
        warnings.warn(
            f"KElbowVisualizer ignores {name}={value!r}: it never fits the given "
            "model, but a clone of it for each k.",
            VizkitWarning,
            stacklevel=4,
        )


# -- the visualizer -----------------------------------------------------------------


@common_params
class KElbowVisualizer(ClusteringScoreVisualizer):
    """A clustering score for each number of clusters k, with the elbow marked.

    ``fit`` fits a clone of the model for each k (``n_clusters=k``, through
    joblib), scores each clustering of ``X`` and finds the elbow:

    * distortion: the knee of the falling curve, where adding clusters stops
      paying off (Kneedle's method, :func:`vizkit.utils.knee.find_knee`).
      It is read from the curve's shape over the range tried, so let the
      range reach well past the bend (about twice the expected number of
      clusters), or the knee comes early;
    * silhouette and Calinski-Harabasz: the k of the highest score;
      Davies-Bouldin: of the lowest; unless it is the largest k tried, where
      more clusters might score better still.

    When there is no elbow, ``elbow_value_`` is None, with a warning.

    Like ``GridSearchCV``, the visualizer selects a model: the user's model
    is never changed nor fitted, the clone fitted at the elbow is
    ``best_estimator_``, and the model's methods reach it through the
    visualizer (``viz.predict(X)`` labels X with ``elbow_value_``
    clusters). Without an elbow they reach the user's model, unfitted.

    ``score(X)`` rates ``best_estimator_`` on new data: the ``metric`` of its
    clustering of ``X`` (``best_estimator_.predict``), with the sign that
    makes higher better, as scikit-learn's scorers do (distortion and
    Davies-Bouldin are negated). So ``GridSearchCV`` and ``Pipeline.score``
    accept the visualizer.

    Parameters
    ----------
    estimator : scikit-learn clusterer
        A model with a number of clusters to set: an ``n_clusters``
        parameter (``KMeans``, ``MiniBatchKMeans``, ``AgglomerativeClustering``,
        ``SpectralClustering``, ``Birch``...), or one nested ``__n_clusters``
        parameter (a Pipeline ending in one). It is cloned for each k; set
        its ``random_state`` for results that repeat.
    {common: ax}
    k : int, tuple of 2 ints or list of ints, default=10
        The numbers of clusters to try: an int tries 2 to ``k`` inclusive, a
        ``(start, stop)`` tuple ``range(start, stop)``, a list (or range) its
        values. Each must be from 2 to n_samples - 1.
    metric : {"distortion", "silhouette", "calinski_harabasz", "davies_bouldin"}, \
default="distortion"
        The score of each clustering: the sum of squared distances from each
        sample to its cluster's center (the model's ``cluster_centers_`` if
        it has them, else the cluster's mean; KMeans' ``inertia_`` with the
        Euclidean distance), the mean silhouette coefficient, the
        Calinski-Harabasz index, or the Davies-Bouldin index (lower is
        better).
    distance_metric : str or callable, default="euclidean"
        The distance of the distortion and silhouette scores, any that
        ``sklearn.metrics.pairwise_distances`` accepts. The Calinski-Harabasz
        and Davies-Bouldin indices are Euclidean by definition (a warning
        says so when another distance is given).
    timings : bool, default=True
        Draw each k's fit time (in seconds) on a second y axis. The times
        are always measured (``k_timers_``).
    locate_elbow : bool, default=True
        Mark the elbow with a dashed line, and warn when there is none. The
        elbow is computed either way (``elbow_value_``).
    sample : int, float, "auto" or None, default="auto"
        The silhouette compares every pair of samples, so it takes time
        quadratic in their number: each k's silhouette is computed on the
        same seeded random sample of rows, of this many rows (an int) or this
        fraction of them (a float); "auto" is every row up to 10,000 rows,
        else a sample of 10,000; None is every row. The title says when the
        silhouettes are of a sample. The other scores always use all rows.
    random_state : int, RandomState or None, default=None
        Seeds the silhouette's sample (None draws with seed 0).
    {common: n_jobs, verbose}
    is_fitted : bool or "auto", default="auto"
        Accepted for Yellowbrick compatibility, and ignored with a warning
        when set: the given model is never fitted (each k fits a clone).
    force_model : bool, default=False
        Skip the check that ``estimator`` is a clusterer.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "<Metric> Score Elbow for <Model>
        Clustering".
    {common: size}

    Attributes
    ----------
    k_values_ : ndarray of int
        The numbers of clusters tried, sorted.
    k_scores_ : ndarray of float
        The ``metric`` of the clustering at each k.
    k_timers_ : ndarray of float
        The seconds each k's fit took (fitting and labelling, not scoring).
    elbow_value_ : int or None
        The k at the elbow; None when there is none.
    elbow_score_ : float or None
        The score at ``elbow_value_``; None when there is no elbow.
    best_estimator_ : estimator or None
        The clone of the model fitted with ``elbow_value_`` clusters on
        ``X`` (the very fit scored on the curve); None without an elbow.
    score_ : float
        What ``score`` returned last.
    ax_, fit_time_ax_ : matplotlib Axes
        The axes of the scores and, when ``timings``, the twin axes of the
        fit times.
    lines_ : dict of matplotlib Line2D
        The drawn ``"score"`` and, when drawn, ``"elbow"`` and ``"fit_time"``
        lines.

    Examples
    --------
    >>> from sklearn.cluster import KMeans
    >>> from vizkit.cluster import KElbowVisualizer
    >>> viz = KElbowVisualizer(KMeans(random_state=0), k=(2, 11))
    >>> viz.fit(X)  # doctest: +SKIP
    >>> viz.elbow_value_  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "k": P.Param(_check_k),
        "metric": P.choice(*METRICS),
        "distance_metric": P.Param(_check_distance_metric),
        "timings": P.boolean(draw=True),
        "locate_elbow": P.boolean(draw=True),
        "sample": P.Param(check_sample),
        "random_state": P.random_state(),
        "n_jobs": P.n_jobs(),
        "verbose": P.boolean(),
        "is_fitted": P.Param(_check_is_fitted_ignored, warns=True),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        k=10,
        metric="distortion",
        distance_metric="euclidean",
        timings=True,
        locate_elbow=True,
        sample="auto",
        random_state=None,
        n_jobs=None,
        verbose=False,
        is_fitted="auto",
        force_model=False,
        fig=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.k = k
        self.metric = metric
        self.distance_metric = distance_metric
        self.timings = timings
        self.locate_elbow = locate_elbow
        self.sample = sample
        self.random_state = random_state
        self.n_jobs = n_jobs
        self.verbose = verbose
        self.is_fitted = is_fitted
        self.force_model = force_model
        self.fig = fig
        self.title = title
        self.size = size

    def __getattr__(self, name: str):
        # The model's public names reach the model at the elbow once there is
        # one (GridSearchCV's best_estimator_ rule), else the given model.
        model = self.__dict__.get("best_estimator_")
        if model is not None and not name.startswith("_") and not name.endswith("_"):
            try:
                return getattr(model, name)
            except AttributeError:
                pass
        return super().__getattr__(name)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False  # the scores are computed on dense X
        return tags

    # -- fit: one clustering per k -------------------------------------------------

    def fit(self, X, y=None, **kwargs):
        """Fit and score a clone of the model for each k; find the elbow.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data to cluster, as the model takes it.
        y : None
            Ignored; accepted for Pipeline compatibility.
        **kwargs
            Passed to every fit of the model (e.g. ``sample_weight``).

        Returns
        -------
        self
        """
        X_values = self._check_cluster_data(X, y)
        ks = k_values(self.k)
        check_k_range(ks, len(X_values))
        param = self._n_clusters_param()
        rows = self._silhouette_rows(len(X_values), self.metric)
        data = KFitData(
            X, X_values, self.metric, self.distance_metric, param, kwargs, rows,
            type(self).__name__,
        )  # fmt: skip
        results = run_jobs(
            fit_and_score, ((self.estimator, int(k), data) for k in ks),
            total=len(ks), n_jobs=self.n_jobs, verbose=self.verbose,
            desc=f"{type(self).__name__} fits", unit="fit",
        )  # fmt: skip
        self.k_values_ = ks
        self.k_scores_ = np.array([score for score, _, _ in results])
        self.k_timers_ = np.array([seconds for _, seconds, _ in results])
        self._n_sampled = None if rows is None else len(rows)
        self._metric = self.metric  # what the stored scores are, for drawing
        self._store_elbow(elbow_index(ks, self.k_scores_, self.metric), results)
        return self

    def _n_clusters_param(self) -> str:
        param = n_clusters_param(self.estimator)
        if param is None:
            raise ModelError(
                f"estimator {type(self.estimator).__name__} has no n_clusters "
                f"parameter, so {type(self).__name__} cannot set its number of "
                "clusters; pass a model that takes one (KMeans, MiniBatchKMeans, "
                "AgglomerativeClustering, SpectralClustering, Birch...)."
            )
        if self.distance_metric != "euclidean" and self.metric not in (
            USE_DISTANCE_METRIC
        ):
            warnings.warn(
                f"distance_metric={plain(self.distance_metric)!r} is ignored: the "
                f"{self.metric} score is Euclidean by definition.",
                VizkitWarning,
                stacklevel=4,
            )
        return param

    def _silhouette_rows(self, n_samples: int, metric: str) -> np.ndarray | None:
        """The rows each silhouette is computed on, drawn once for every k."""
        count = sample_count(n_samples, self.sample)
        if metric != "silhouette" or count == n_samples:
            return None
        return sample_rows(n_samples, count, self.random_state)

    def _store_elbow(self, index: int | None, results: list) -> None:
        if index is None:
            self.elbow_value_ = self.elbow_score_ = self.best_estimator_ = None
            if self.locate_elbow:
                warnings.warn(self._no_elbow_message(), VizkitWarning, stacklevel=4)
            return
        self.elbow_value_ = int(self.k_values_[index])
        self.elbow_score_ = float(self.k_scores_[index])
        self.best_estimator_ = results[index][2]

    def _no_elbow_message(self) -> str:
        ks = self.k_values_
        if self.metric == "distortion":
            why = "the distortion curve has no clear bend"
        else:
            why = f"the best {self.metric} score is at the largest k, {ks[-1]}"
        return (
            f"No elbow found among k = {ks[0]}..{ks[-1]}: {why}. Try a wider range "
            "of k, or pass locate_elbow=False to silence this warning."
        )

    # -- score: the model at the elbow on new data ---------------------------------

    def score(self, X, y=None):
        """The ``metric`` of the elbow model's clustering of ``X``, higher is better.

        ``best_estimator_`` (the model fitted with ``elbow_value_``
        clusters) labels ``X`` with ``predict``; the result is the ``metric`` of that
        clustering, negated for distortion and Davies-Bouldin (lower is
        better for them), as scikit-learn's scorers do.

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
        if "k_scores_" not in self.__dict__:
            raise NotFitted.from_estimator(self, "score")
        model = self.best_estimator_
        if model is None:
            raise VizkitValueError(
                f"{type(self).__name__} found no elbow, so there is no model to "
                "score; try a wider range of k, or another metric."
            )
        if not hasattr(model, "predict"):
            raise ModelError(
                f"estimator {type(model).__name__} has no predict method, so "
                f"{type(self).__name__}.score cannot label new data; pass scoring= "
                "to GridSearchCV or cross_val_score."
            )
        labels = self._predict_elbow(model, X)
        X_values = check_X(X, numeric=True)
        self._check_n_features(X_values.shape[1])
        metric = self._metric
        rows = self._silhouette_rows(len(labels), metric)
        value = cluster_score(
            X_values, labels, metric, self.distance_metric,
            centers=getattr(model, "cluster_centers_", None), rows=rows,
        )  # fmt: skip
        self.score_ = -value if metric in LOWER_IS_BETTER else value
        return self.score_

    def _predict_elbow(self, model, X) -> np.ndarray:
        """``model.predict(X)``, its errors naming this visualizer."""
        try:
            return np.asarray(model.predict(X))
        except Exception as error:
            prefix_message(
                error, f"{type(self).__name__}: {type(model).__name__}.predict() failed"
            )
            raise

    # -- drawing ---------------------------------------------------------------------

    def _metric_name(self) -> str:
        """The fitted metric as words: "distortion", "calinski harabasz"..."""
        return self._metric.replace("_", " ")

    def draw(self) -> None:
        """The scores by k, the elbow line, and the fit times on a twin axis."""
        score_color, time_color = class_colors(2)
        _remove_timings_axes(self.ax_)
        self.lines_ = {}
        (self.lines_["score"],) = self.ax_.plot(
            self.k_values_, self.k_scores_, marker="D", color=score_color,
            label=f"{self._metric_name()} score",
        )  # fmt: skip
        if self.locate_elbow and self.elbow_score_ is not None:
            self.lines_["elbow"] = self.ax_.axvline(
                self.elbow_value_, color=LINE_COLOR, linestyle="--", linewidth=1,
                label=f"elbow at k = {self.elbow_value_}, "
                f"score = {format_score(self.elbow_score_)}",
            )  # fmt: skip
        self.fit_time_ax_ = None
        if self.timings:
            self.fit_time_ax_ = _add_timings_axes(self.ax_)
            (self.lines_["fit_time"],) = self.fit_time_ax_.plot(
                self.k_values_, self.k_timers_, marker="o", linestyle="--",
                color=time_color, alpha=0.75, label="fit time",
            )  # fmt: skip

    def finalize(self):
        """Title, axis labels (the fit time's in its colour) and the legend."""
        from matplotlib.ticker import MaxNLocator

        words = self._metric_name().title()
        title = f"{words} Score Elbow for {self.name} Clustering"
        if self._n_sampled is not None:
            title += f"\n(silhouettes of {self._n_sampled:,} sampled rows)"
        self.set_title(title)
        self.ax_.set_xlabel("k")
        self.ax_.set_ylabel(f"{self._metric_name()} score")
        self.ax_.xaxis.set_major_locator(MaxNLocator(integer=True))
        if self.fit_time_ax_ is not None:
            color = self.lines_["fit_time"].get_color()
            self.fit_time_ax_.grid(False)
            # Headroom above the times: the legend's usual corners stay clear.
            self.fit_time_ax_.set_ylim(0, TIMINGS_HEADROOM * max(self.k_timers_))
            self.fit_time_ax_.set_ylabel("fit time (seconds)", color=color)
            self.fit_time_ax_.tick_params(axis="y", colors=color)
        # On the scores' axes, in front: "best" keeps the legend off the scores.
        self.ax_.legend(
            handles=list(self.lines_.values()), loc="best", frameon=True,
            fontsize="small",
        )  # fmt: skip
        return self.ax_


def format_score(value: float) -> str:
    """A score for the legend: thousands whole with separators, else 3 decimals."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3f}"


def _add_timings_axes(ax):
    """A twin of ``ax`` for the fit times, drawn behind ``ax``.

    The twin takes ``ax``'s background and ``ax`` comes in front, so the
    scores, the elbow and the legend are drawn over the fit times.
    """
    twin = ax.twinx()
    twin.set_label(_TIMINGS_AXES_LABEL)
    twin.set_zorder(ax.get_zorder())
    twin.patch.set_facecolor(ax.patch.get_facecolor())
    twin.patch.set_visible(True)
    ax.set_zorder(ax.get_zorder() + 1)
    ax.patch.set_visible(False)
    return twin


def _remove_timings_axes(ax) -> None:
    """Remove the fit-time twin an earlier drawing left on ``ax``; restore ``ax``.

    ``ax.clear()`` keeps twin axes, so a redraw on the same Axes would stack
    a second one; only the twin of this very Axes is removed.
    """
    for other in list(ax.figure.axes):
        twins = other is not ax and ax in other.get_shared_x_axes().get_siblings(other)
        if twins and other.get_label() == _TIMINGS_AXES_LABEL:
            ax.set_zorder(other.get_zorder())
            ax.patch.set_visible(True)
            other.remove()


KElbow = KElbowVisualizer

kelbow_visualizer = declare(
    KElbowVisualizer,
    kind=CLUSTER,
    quick="kelbow_visualizer",
    example=examples.blobs,
    aliases=("KElbow",),
    renamed_arguments={"model": "estimator"},
)
