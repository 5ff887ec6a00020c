"""Precision, recall, F-beta and queue rate of a binary classifier by threshold.

A binary classifier turns a score (a probability, or a decision function)
into a class by comparing it with a threshold. :class:`DiscriminationThreshold`
shows what each threshold would give: it splits the data ``n_trials`` times,
fits a copy of the model on each training part, ranks each test part by the
model's score, and reads the four metrics at every threshold of one common
grid. The bands show how much they vary from split to split.
"""

from __future__ import annotations

import copy
import math
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.metrics import fbeta_score
from sklearn.model_selection import StratifiedShuffleSplit

# scikit-learn's documented (if underscored) row indexing of arrays, sparse
# matrices, DataFrames and lists: X goes to the model's clones as the user passed it.
from sklearn.utils import _safe_indexing, check_random_state, indexable

from vizkit import examples
from vizkit import params as P
from vizkit.base import one_call
from vizkit.classifier.base import is_label_indicator
from vizkit.classifier.scores import (
    BINARY,
    ClassScores,
    ScoreCurveVisualizer,
    is_probability,
)
from vizkit.draw import CURVE_ZORDER
from vizkit.exceptions import NotFitted, VizkitValueError
from vizkit.registry import REPEATED_FIT, declare
from vizkit.style import LINE_COLOR, class_colors
from vizkit.utils.curves import ThresholdCounts, threshold_counts
from vizkit.utils.docs import common_params
from vizkit.utils.parallel import run_jobs
from vizkit.utils.response import response_method
from vizkit.utils.validation import check_classes, check_target, plain

#: The metrics computed at every threshold, in drawing (and colour) order.
METRICS = ("precision", "recall", "fscore", "queue_rate")
#: Points of the threshold grid every trial is read on.
N_THRESHOLDS = 1001


# -- computations (arrays in, arrays out) -------------------------------------------


def threshold_metrics(
    counts: ThresholdCounts, thresholds: np.ndarray, fbeta: float = 1.0
) -> np.ndarray:
    """Precision, recall, F-beta and queue rate at each of ``thresholds``.

    ``counts`` are one test set's counts at its distinct scores (from
    :func:`vizkit.utils.curves.threshold_counts`); a sample is predicted
    positive when its score is at or above the threshold. The values are
    exact at any threshold, not interpolated: the counts are a step function
    of the threshold. Where no sample is predicted positive, precision is 1
    (``precision_recall_curve``'s convention). Returns an array of shape
    ``(4, len(thresholds))``, rows in the order of :data:`METRICS`.
    """
    fps, tps, distinct = counts
    # Distinct scores are descending: how many of them are >= each threshold.
    n_above = np.searchsorted(-distinct, -np.asarray(thresholds), side="right")
    tp = np.r_[0.0, tps][n_above]
    fp = np.r_[0.0, fps][n_above]
    positives, n_samples = tps[-1], tps[-1] + fps[-1]
    predicted = tp + fp
    precision = np.divide(tp, predicted, out=np.ones_like(tp), where=predicted > 0)
    beta2 = fbeta**2
    fscore = (1 + beta2) * tp / ((1 + beta2) * tp + beta2 * (positives - tp) + fp)
    return np.stack([precision, tp / positives, fscore, predicted / n_samples])


def threshold_grid(trials: list[ThresholdCounts], probabilities: bool) -> np.ndarray:
    """The common thresholds: [0, 1] for probabilities, else the scores' range.

    :data:`N_THRESHOLDS` evenly spaced points, so every trial is read at the
    same thresholds whatever scores its test part had.
    """
    if probabilities:
        return np.linspace(0.0, 1.0, N_THRESHOLDS)
    low = min(float(trial.thresholds[-1]) for trial in trials)
    high = max(float(trial.thresholds[0]) for trial in trials)
    return np.linspace(low, high, N_THRESHOLDS)


def quantile_scores(values: np.ndarray, quantiles) -> dict[str, np.ndarray]:
    """``cv_scores_``: each metric's middle quantile and its lower/upper band.

    ``values`` has shape ``(n_trials, 4, n_thresholds)``; the quantiles are
    ``np.quantile``'s (linear interpolation) across the trials.
    """
    lower, middle, upper = np.quantile(values, np.asarray(quantiles), axis=0)
    scores: dict[str, np.ndarray] = {}
    for index, metric in enumerate(METRICS):
        scores[metric] = middle[index]
        scores[f"{metric}_lower"] = lower[index]
        scores[f"{metric}_upper"] = upper[index]
    return scores


def positive_scores(raw: Any, classes: np.ndarray, positive_label: Any) -> np.ndarray:
    """The scores of the positive class from ``predict_proba``/``decision_function``.

    Two columns (probabilities) are in ``classes`` order; one column (a
    binary decision function) scores ``classes[1]``, so it is negated when
    the positive class is ``classes[0]``.
    """
    index = list(classes).index(positive_label)
    scores = np.asarray(raw, dtype=np.float64)
    if scores.ndim == 2 and scores.shape[1] > 1:
        scores = scores[:, index]
    else:
        scores = scores.ravel() if index == 1 else -scores.ravel()
    if not np.all(np.isfinite(scores)):
        raise VizkitValueError(
            "the model's scores contain NaN or infinite values, so no threshold "
            "can rank them; check the model and its input."
        )
    return scores


def trial_splitters(cv, n_trials: int, random_state, n_samples: int) -> list:
    """One splitter per trial, each with its own seed drawn from ``random_state``.

    A float ``cv`` becomes a one-split ``StratifiedShuffleSplit`` of that test
    fraction (at least two test samples, one per class); a splitter is
    copied, so the user's is not changed. A splitter without a
    ``random_state`` gives the same splits in every trial.
    """
    if hasattr(cv, "split"):
        template = cv
    else:
        test_size = cv if math.ceil(cv * n_samples) >= 2 else 2
        template = StratifiedShuffleSplit(n_splits=1, test_size=test_size)
    seeds = check_random_state(random_state).randint(
        np.iinfo(np.int32).max, size=n_trials
    )
    splitters = []
    for seed in seeds:
        splitter = copy.deepcopy(template)
        if hasattr(splitter, "random_state"):
            splitter.random_state = int(seed)
        splitters.append(splitter)
    return splitters


def split_rows(splitter, is_positive: np.ndarray) -> list[tuple]:
    """A trial's ``(train, test)`` rows, stratified on the positive class.

    Each test part must hold a positive sample (or recall is undefined) and
    each training part both classes.
    """
    rows = np.zeros((len(is_positive), 1))  # splitters only count the rows of X
    try:
        splits = list(splitter.split(rows, is_positive))
    except ValueError as error:
        raise VizkitValueError(
            f"cv cannot split the {len(rows)} samples into trials: {error} Pass "
            "more samples or a larger test fraction."
        ) from None
    for train, test in splits:
        if not is_positive[test].any():
            raise VizkitValueError(
                "a trial's test part holds no sample of the positive class, so its "
                "recall is undefined; raise cv (the test fraction) or pass more "
                "samples of the positive class."
            )
        if is_positive[train].all() or not is_positive[train].any():
            raise VizkitValueError(
                "a trial's training part holds a single class; lower cv (the test "
                "fraction) or pass more samples of each class."
            )
    return splits


@dataclass(frozen=True)
class TrialData:
    """What every trial shares: the data, and how to score the positive class."""

    X: Any  # row-indexable (``sklearn.utils.indexable``)
    y: Any
    is_positive: np.ndarray  # bool, one per row
    method: str  # "predict_proba" or "decision_function"
    label: Any  # the positive class
    fit_params: dict  # per-sample entries are cut to each trial's train rows
    owner: str = "DiscriminationThreshold"  # names the visualizer in errors


def run_trial(model, data: TrialData, splitter) -> list[ThresholdCounts]:
    """One trial: split the rows with ``splitter``, then fit and count each split.

    A top-level function, so process-based joblib backends (loky, dask) can
    pickle it; all of a trial's work, splitting included, runs in the worker.
    """
    return [
        fit_and_count(model, data, train, test)
        for train, test in split_rows(splitter, data.is_positive)
    ]


def fit_and_count(model, data: TrialData, train, test) -> ThresholdCounts:
    """Fit a clone of ``model`` on the train rows; count its scores on the test rows.

    The model's errors keep their type; their message starts with the
    visualizer's name.
    """
    params = {
        key: _safe_indexing(value, train)
        if hasattr(value, "__len__") and len(value) == len(data.is_positive)
        else value
        for key, value in data.fit_params.items()
    }
    model = clone(model)
    try:
        model.fit(
            _safe_indexing(data.X, train), _safe_indexing(data.y, train), **params
        )
        raw = getattr(model, data.method)(_safe_indexing(data.X, test))
    except Exception as error:
        where = f"{data.owner}: {type(model).__name__} failed in a trial"
        first = error.args[0] if error.args else None
        if isinstance(first, str):
            error.args = (f"{where}: {first}", *error.args[1:])
        else:
            error.args = (where, *error.args)
        raise
    classes = getattr(model, "classes_", None)
    if classes is None:
        classes = np.unique(_safe_indexing(data.y, train))
    scores = positive_scores(raw, classes, data.label)
    return threshold_counts(data.is_positive[test], scores)


# -- checks of the parameters --------------------------------------------------------


def _check_cv(value: Any, name: str, viz: Any) -> None:
    if hasattr(value, "split") and hasattr(value, "get_n_splits"):
        return
    is_fraction = isinstance(value, numbers.Real) and not isinstance(
        value, numbers.Integral
    )
    if not (is_fraction and 0 < value < 1):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass the test fraction of each "
            "trial as a float between 0 and 1 (e.g. 0.1), or a cross-validation "
            "splitter such as StratifiedShuffleSplit(n_splits=1, test_size=0.2)."
        )


def _check_fbeta(value: Any, name: str, viz: Any) -> None:
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if not (ok and np.isfinite(value) and value > 0):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass a positive number "
            "(1 weighs precision and recall equally, 2 favours recall)."
        )


def _check_quantiles(value: Any, name: str, viz: Any) -> None:
    ok = not isinstance(value, str) and hasattr(value, "__len__") and len(value) == 3
    ok = ok and all(
        isinstance(v, numbers.Real) and not isinstance(v, bool) for v in value
    )
    if not (ok and 0 <= float(value[0]) <= float(value[1]) <= float(value[2]) <= 1):
        raise VizkitValueError(
            f"{name}={value!r} is not valid; pass three increasing values in "
            "[0, 1]: the lower band, the drawn line and the upper band, e.g. "
            "(0.1, 0.5, 0.9)."
        )


def excluded_metrics(value: Any) -> set[str]:
    """The metric names in ``exclude`` (None, one name, or several)."""
    if value is None:
        return set()
    return {value} if isinstance(value, str) else set(value)


def _check_exclude(value: Any, name: str, viz: Any) -> None:
    try:
        unknown = excluded_metrics(value) - set(METRICS)
    except TypeError:
        unknown = {value}
    if unknown:
        raise VizkitValueError(
            f"{name}={value!r} names no metric ({sorted(map(str, unknown))}); pass "
            f"None, or some of {list(METRICS)}."
        )


# -- the visualizer -----------------------------------------------------------------


@common_params
class DiscriminationThreshold(ScoreCurveVisualizer):
    """Precision, recall, F-beta and queue rate of a binary classifier by threshold.

    The positive class is predicted where the model's score (``predict_proba``,
    else ``decision_function``) is at or above the threshold; the queue rate is
    the share of samples so flagged. ``fit`` runs ``n_trials`` trials, each
    fitting a clone of the model on a stratified shuffle split and counting
    its test scores, then reads every trial on one grid of
    :data:`N_THRESHOLDS` thresholds (evenly spaced over [0, 1] for
    probabilities, else over the trials' range of scores; exact step values,
    not interpolated). Lines are the middle quantile across trials, bands the
    outer two, and a dashed line marks ``threshold_``.

    The trials never touch the user's model; like the other model
    visualizers, ``fit`` fits it on all of ``X`` (see ``is_fitted``), so
    ``viz.predict`` works, with the model's own threshold: compare its scores
    with ``threshold_`` to apply the chosen one. Binary targets only.

    Parameters
    ----------
    estimator : scikit-learn classifier
        A binary classifier with ``predict_proba`` or ``decision_function``.
    {common: ax}
    n_trials : int, default=50
        The number of train/test splits (with a splitter as ``cv``, the number
        of times all its splits are taken).
    cv : float or cross-validation splitter, default=0.1
        A float in (0, 1) is the test fraction of each stratified shuffle
        split (at least two samples, one per class). A splitter (e.g.
        ``StratifiedShuffleSplit(n_splits=1, test_size=0.2)``) gives all of
        its splits in each of the ``n_trials`` rounds, from a copy of it
        reseeded from ``random_state``.
    fbeta : float, default=1.0
        The beta of the F-beta score: above 1 weighs recall more, below 1
        precision.
    argmax : {"fscore", "precision", "recall", "queue_rate"} or None, default="fscore"
        The metric whose middle line's maximum chooses ``threshold_`` (the
        lowest such threshold if several tie), marked by a dashed line. None
        draws no line; ``threshold_`` is then the F-beta one.
    exclude : str or list of str, default=None
        Metrics not to draw (all four are computed); not the ``argmax`` one.
    quantiles : tuple of 3 floats, default=(0.1, 0.5, 0.9)
        Increasing values in [0, 1]: the quantile across trials of the lower
        band edge, the drawn line and the upper band edge.
    random_state : int, RandomState or None, default=None
        Seeds the splits: the same seed gives the same trials, so the same
        result whatever ``n_jobs``. A model with randomness of its own also
        needs its own ``random_state`` for that.
    {common: is_fitted}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a classifier.
    {common: n_jobs, verbose}
    pos_label : int, float, bool or str, default=None
        The positive class, one of the two class values; None takes the
        model's second class (``classes_[1]``). Without a model, one-column
        scores need it unless the classes are {0, 1} or {-1, 1}.
    classes : list of str, default=None
        Names for the two classes, in the order of the model's ``classes_``;
        the positive class's name labels the threshold axis.
    encoder : dict or fitted transformer, default=None
        Maps class values to labels; used instead of ``classes``.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "Threshold Plot for <Model>".
    {common: size}

    Attributes
    ----------
    thresholds_ : ndarray of shape (n_thresholds,)
        The common threshold grid, in the units of the model's scores.
    cv_scores_ : dict of ndarray
        For each metric in ``"precision"``, ``"recall"``, ``"fscore"``,
        ``"queue_rate"``: its middle quantile at each threshold under the
        metric's name, and the lower and upper band under ``"<name>_lower"``
        and ``"<name>_upper"`` (Yellowbrick's keys).
    threshold_ : float
        The chosen threshold: the grid threshold where the ``argmax``
        metric's middle line (by default the median F-beta) is highest.
    score_ : float
        The F-beta at ``threshold_``: after ``fit``, the middle line's value
        (the median F-beta over the trials by default); after
        ``score(X, y)``, the fitted model's F-beta on that data when it
        predicts the positive class at or above ``threshold_``.
    n_trials_ : int
        The number of trials run.
    target_type_ : "binary"
        The kind of classification problem.
    classes_ : ndarray of shape (2,)
        The class labels, in the model's order.
    class_counts_ : ndarray of shape (2,)
        The number of samples of each class given to ``fit``.
    lines_ : dict of matplotlib Line2D
        The drawn middle lines by metric, and the chosen threshold's line
        under ``"threshold"``.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from vizkit.classifier import DiscriminationThreshold
    >>> viz = DiscriminationThreshold(LogisticRegression(), random_state=0)
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.threshold_  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _SCORED = "cv_scores_"
    _accepts_multilabel = False

    _params = {
        "n_trials": P.number(1, integer=True),
        "cv": P.Param(_check_cv),
        "fbeta": P.Param(_check_fbeta),
        "argmax": P.choice(*METRICS, None),
        "exclude": P.Param(_check_exclude, draw=True, example="queue_rate"),
        "quantiles": P.Param(_check_quantiles),
        "random_state": P.random_state(),
        "n_jobs": P.n_jobs(),
        "verbose": P.boolean(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        n_trials=50,
        cv=0.1,
        fbeta=1.0,
        argmax="fscore",
        exclude=None,
        quantiles=(0.1, 0.5, 0.9),
        random_state=None,
        is_fitted="auto",
        force_model=False,
        n_jobs=None,
        verbose=False,
        pos_label=None,
        classes=None,
        encoder=None,
        fig=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.n_trials = n_trials
        self.cv = cv
        self.fbeta = fbeta
        self.argmax = argmax
        self.exclude = exclude
        self.quantiles = quantiles
        self.random_state = random_state
        self.is_fitted = is_fitted
        self.force_model = force_model
        self.n_jobs = n_jobs
        self.verbose = verbose
        self.pos_label = pos_label
        self.classes = classes
        self.encoder = encoder
        self.fig = fig
        self.title = title
        self.size = size

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        if tags.classifier_tags is not None:  # None without a classifier
            tags.classifier_tags.multi_class = False  # binary targets only
        return tags

    def _check_params_together(self) -> None:
        excluded = excluded_metrics(self.exclude)
        if self.argmax is not None and self.argmax in excluded:
            raise VizkitValueError(
                f"argmax={self.argmax!r} is also in exclude, so its line would mark "
                "a metric that is not drawn; remove it from exclude, or pass "
                "argmax=None."
            )
        if excluded >= set(METRICS):
            raise VizkitValueError(
                "exclude names every metric, so nothing would be drawn; keep at "
                "least one of them."
            )

    # -- fit: the trials ---------------------------------------------------------------

    def fit(self, X, y=None, **kwargs):
        """Run the trials and compute the metrics at every threshold.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data, as the model takes it.
        y : array-like of shape (n_samples,)
            The binary target.
        **kwargs
            Passed to every fit of the model (per-sample arrays, such as
            ``sample_weight``, cut to each trial's training rows).

        Returns
        -------
        self
        """
        self._check_classifier()
        y_array = self._check_classification_data(X, y)
        method = response_method(self.estimator, self._response_methods)
        self._fit_estimator(X, y, **kwargs)
        self._find_classes(y_array, y)
        self.target_type_ = self._target_type()
        positive = self._positive_index(one_column=False)
        assert positive is not None  # the target is binary
        label = self._class_values[positive]
        is_positive = y_array == label
        # Row-indexable copies for the trials (CSR for other sparse formats).
        X_rows, y_rows = indexable(X, y)
        data = TrialData(
            X_rows, y_rows, is_positive, method, label, kwargs, type(self).__name__
        )
        self._store(self._run_trials(data), method == "predict_proba", positive)
        return self

    def _run_trials(self, data: TrialData) -> list[ThresholdCounts]:
        """The counts of every trial, in trial order, through joblib."""
        model = clone(self.estimator)  # a template: the user's model is never fitted
        splitters = trial_splitters(
            self.cv, self.n_trials, self.random_state, len(data.is_positive)
        )
        trials = run_jobs(
            run_trial, ((model, data, splitter) for splitter in splitters),
            total=len(splitters), n_jobs=self.n_jobs, verbose=self.verbose,
            desc=f"{type(self).__name__} trials", unit="trial",
        )  # fmt: skip
        return [counts for trial in trials for counts in trial]

    def _store(
        self, trials: list[ThresholdCounts], probabilities: bool, positive: int
    ) -> None:
        """Read every trial on the common grid; store the quantiles and threshold_."""
        self.thresholds_ = threshold_grid(trials, probabilities)
        values = np.stack(
            [threshold_metrics(t, self.thresholds_, self.fbeta) for t in trials]
        )
        self.cv_scores_ = quantile_scores(values, self.quantiles)
        best = int(np.argmax(self.cv_scores_[self.argmax or "fscore"]))
        self.threshold_ = float(self.thresholds_[best])
        self.score_ = float(self.cv_scores_["fscore"][best])
        self._best = best
        self.n_trials_ = len(trials)
        self._probabilities = probabilities
        self._positive = positive

    # -- score, from_estimator, from_predictions: no refitting -----------------------

    def score(self, X, y):
        """The fitted model's F-beta on ``(X, y)`` at ``threshold_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Test data.
        y : array-like of shape (n_samples,)
            Its binary target.

        Returns
        -------
        score_ : float
            The F-beta of predicting the positive class where the model's
            score is at or above ``threshold_``.
        """
        if "threshold_" not in self.__dict__:
            raise NotFitted.from_estimator(self, "score")
        y_true = self._prepare_score(X, y)
        is_positive, scores, _ = self._model_scores(X, y_true)
        predicted = scores >= self.threshold_
        self.score_ = float(
            fbeta_score(is_positive, predicted, beta=self.fbeta, zero_division=0.0)
        )
        return self.score_

    def _model_scores(
        self, X, y_true: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, bool]:
        """The fitted model's positive-class scores on ``X``.

        Returns (is of the positive class, scores, whether they are probabilities).
        """
        positive = self._positive_index(one_column=False)
        assert positive is not None
        label = self._class_values[positive]
        method = response_method(self.estimator, self._response_methods)
        raw = self._call_model(method, X)
        classes = getattr(self.estimator, "classes_", self._class_values)
        scores = positive_scores(raw, classes, label)
        return y_true == label, scores, method == "predict_proba"

    @classmethod
    def from_estimator(cls, estimator, X, y, *, ax=None, **kwargs):
        """Draw the metrics of a fitted ``estimator`` on ``(X, y)``, without refitting.

        One test set makes one trial: the bands collapse onto the lines.
        ``kwargs`` are the visualizer's parameters. Returns the visualizer.
        """
        viz = cls(estimator, **{**kwargs, "is_fitted": True})
        with one_call(viz):
            viz._check_estimator_fitted("from_estimator")
            y_true = viz._prepare_score(X, y)
            viz._one_trial(*viz._model_scores(X, y_true))
            return viz.plot(ax=ax)

    def _score_predictions(self, y_true, y_score) -> None:
        if is_label_indicator(y_true):
            raise binary_only_error("y_true is a multilabel target")
        values = np.unique(check_target(y_true, name="y_true"))
        if len(values) > 2:
            raise binary_only_error(f"y_true has {len(values)} classes")
        super()._score_predictions(y_true, y_score)

    def _compute(self, data: ClassScores) -> None:
        """From ``from_predictions``: the scores given, as one trial."""
        assert data.positive is not None  # the target is binary
        is_positive, scores = data.column(data.positive)
        self._one_trial(is_positive, scores, is_probability(scores))

    def _one_trial(
        self, is_positive: np.ndarray, scores: np.ndarray, probabilities: bool
    ) -> None:
        self.target_type_ = BINARY
        positive = self._positive_index(one_column=False)
        assert positive is not None
        self._store([threshold_counts(is_positive, scores)], probabilities, positive)

    def _check_classification_data(self, X, y) -> np.ndarray:
        """As the base's, then refuse a target that is not binary."""
        y_array = super()._check_classification_data(X, y)
        values = np.unique(y_array)
        check_classes(values, "y")
        if len(values) > 2:
            raise binary_only_error(f"y has {len(values)} classes")
        return y_array

    # -- drawing ---------------------------------------------------------------------

    def _metric_label(self, metric: str) -> str:
        if metric == "fscore":
            return f"F{plain(self.fbeta):g} score"
        return metric.replace("_", " ")

    def draw(self) -> None:
        """Each metric's middle line and band, then the chosen threshold."""
        colors = class_colors(len(METRICS))  # one fixed colour per metric
        excluded = excluded_metrics(self.exclude)
        self.lines_ = {}
        for index, metric in enumerate(METRICS):
            if metric in excluded:
                continue
            x, scores = self.thresholds_, self.cv_scores_
            self.ax_.fill_between(
                x, scores[f"{metric}_lower"], scores[f"{metric}_upper"],
                color=colors[index], alpha=0.25, linewidth=0,
            )  # fmt: skip
            (self.lines_[metric],) = self.ax_.plot(
                x, scores[metric], color=colors[index],
                label=self._metric_label(metric), clip_on=False, zorder=CURVE_ZORDER,
            )  # fmt: skip
        if self.argmax is not None:
            value = self.cv_scores_[self.argmax][self._best]
            self.lines_["threshold"] = self.ax_.axvline(
                self.threshold_, color=LINE_COLOR, linestyle="--", linewidth=1,
                label=f"t = {self.threshold_:.2f}, "
                f"max {self._metric_label(self.argmax)} = {value:.2f}",
            )  # fmt: skip

    def finalize(self):
        """Title, axis labels, legend and limits."""
        self.set_title(
            "Threshold Plot"
            if self.estimator is None
            else f"Threshold Plot for {self.name}"
        )
        positive = self.classes_[self._positive]
        what = "probability" if self._probabilities else "score"
        self.ax_.set_xlabel(f"discrimination threshold ({what} of class {positive})")
        self.ax_.set_ylabel("score")
        self.ax_.set_xlim(self.thresholds_[0], self.thresholds_[-1])
        self.ax_.set_ylim(0.0, 1.0)
        self.ax_.legend(loc="best", frameon=True, fontsize="small")
        return self.ax_


def binary_only_error(problem: str) -> VizkitValueError:
    """The error for a target that is not binary; ``problem`` says what it is."""
    return VizkitValueError(
        f"Only binary classification is supported: {problem}, but "
        "DiscriminationThreshold needs a binary target (a threshold splits two "
        "classes). For more classes, draw one class against the rest "
        "(one-vs-rest): pass y == that_class."
    )


discrimination_threshold = declare(
    DiscriminationThreshold,
    kind=REPEATED_FIT,
    quick="discrimination_threshold",
    example=examples.binary,
)
