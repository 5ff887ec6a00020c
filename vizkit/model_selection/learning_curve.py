"""Learning curve: training and cross-validation score against training size.

:class:`LearningCurve` fits clones of a model on growing prefixes of each
cross-validation training fold and scores each on the fold's test rows (and
on the rows it trained on), exactly as ``sklearn.model_selection.learning_curve``
does. A gap between the two curves that closes as data grows says the model
gains from more data (variance); two low curves that meet early say it does
not (bias). An optional panel below shows how fit and score times grow.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from sklearn.base import is_classifier

from vizkit import examples
from vizkit import params as P
from vizkit.exceptions import ModelError
from vizkit.model_selection._curves import CurveVisualizer, fit_model
from vizkit.model_selection._cv import (
    FoldData,
    FoldScore,
    absolute_train_sizes,
    check_splits,
    learning_curve_jobs,
    run_fold_jobs,
    run_incremental_jobs,
    shuffled_splits,
)
from vizkit.registry import REPEATED_FIT, declare
from vizkit.style import class_colors
from vizkit.utils.docs import common_params

#: Yellowbrick's (and scikit-learn's) training sizes: ``np.linspace(0.1, 1.0, 5)``.
DEFAULT_TRAIN_SIZES = tuple(np.linspace(0.1, 1.0, 5).tolist())
#: Label of the fit-time panel, so a redraw on the same Axes finds and replaces it.
_TIMINGS_AXES_LABEL = "vizkit learning curve timings"
#: The timing curves of the panel: (attribute prefix, legend label).
TIMINGS = (("fit_times", "fit time"), ("score_times", "score time"))


@common_params
class LearningCurve(CurveVisualizer):
    """Training and cross-validation score of a model against training size.

    Each cross-validation split's training rows are cut to each of
    ``train_sizes`` (the first rows, after shuffling if ``shuffle``); a clone
    of the model is fitted on them and scored on the split's test rows and on
    those training rows. Lines are the mean over the splits, bands one
    standard deviation. Every curve fit is on a clone; the given model itself
    is fitted on all of ``X`` in place unless it is fitted already (see
    ``is_fitted``), so the visualizer predicts and scores as the model.

    Parameters
    ----------
    estimator : scikit-learn estimator
        The model to score; cloned for every fit.
    {common: ax}
    groups : array-like of shape (n_samples,), default=None
        Group labels of the rows, for group splitters (``GroupKFold``...).
    train_sizes : array-like of shape (n_ticks,), default=np.linspace(0.1, 1.0, 5)
        Training sizes: floats are fractions in (0, 1] of the largest training
        fold, integers are row counts. Duplicates are dropped.
    cv : int, cross-validation splitter or iterable, default=None
        The splits, as scikit-learn's ``check_cv``: None is 5 folds, an
        integer that many (stratified for a classifier).
    scoring : str, callable or None, default=None
        A name from ``sklearn.metrics.get_scorer_names()``, a scorer
        ``scorer(estimator, X, y)``, or None for the model's ``score``.
    exploit_incremental_learning : bool, default=False
        Train one clone per split with ``partial_fit``, slice by slice up to
        each training size, instead of a fresh fit per size (faster for models
        that learn incrementally; the scores equal scikit-learn's).
    {common: n_jobs}
    pre_dispatch : int or str, default="all"
        joblib's ``pre_dispatch``: how many fits are queued ahead of the
        workers ("all", or an expression such as "2*n_jobs").
    shuffle : bool, default=False
        Shuffle each split's training rows before taking their prefixes.
    random_state : int, RandomState or None, default=None
        Seeds the shuffle (used only with ``shuffle``).
    {common: verbose, is_fitted}
    timings : bool, default=False
        Draw a panel below the scores with the mean fit and score time (and
        one standard deviation) against training size. The times are
        measured (``fit_times_``...) whatever this is.
    {common: fig, title, size}

    Attributes
    ----------
    train_sizes_ : ndarray of shape (n_unique_ticks,)
        The training sizes used, as row counts.
    train_scores_, test_scores_ : ndarray of shape (n_unique_ticks, n_splits)
        Scores on the training rows and on the test rows of each split.
    train_scores_mean_, train_scores_std_ : ndarray of shape (n_unique_ticks,)
        Their mean and standard deviation across the splits (likewise
        ``test_scores_mean_``, ``test_scores_std_``).
    fit_times_, score_times_ : ndarray of shape (n_unique_ticks, n_splits)
        Seconds to fit each clone and to score its test rows (scikit-learn's
        ``return_times``), with ``fit_times_mean_``, ``fit_times_std_``,
        ``score_times_mean_`` and ``score_times_std_``.
    lines_, bands_ : dict of matplotlib artists
        The drawn mean lines and bands, under "train" and "test" (and
        "fit_times", "score_times" with ``timings``).
    timings_ax_ : matplotlib Axes
        The time panel, when ``timings`` drew one.

    Examples
    --------
    >>> from sklearn.naive_bayes import GaussianNB
    >>> from vizkit.model_selection import LearningCurve
    >>> viz = LearningCurve(GaussianNB(), cv=5, scoring="accuracy", timings=True)
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "train_sizes": P.anything(),
        "exploit_incremental_learning": P.boolean(),
        "shuffle": P.boolean(),
        "random_state": P.random_state(),
        "timings": dataclasses.replace(P.boolean(draw=True), example=True),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        groups=None,
        train_sizes=DEFAULT_TRAIN_SIZES,
        cv=None,
        scoring=None,
        exploit_incremental_learning=False,
        n_jobs=None,
        pre_dispatch="all",
        shuffle=False,
        random_state=None,
        verbose=False,
        is_fitted="auto",
        timings=False,
        fig=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.groups = groups
        self.train_sizes = train_sizes
        self.cv = cv
        self.scoring = scoring
        self.exploit_incremental_learning = exploit_incremental_learning
        self.n_jobs = n_jobs
        self.pre_dispatch = pre_dispatch
        self.shuffle = shuffle
        self.random_state = random_state
        self.verbose = verbose
        self.is_fitted = is_fitted
        self.timings = timings
        self.fig = fig
        self.title = title
        self.size = size

    def fit(self, X, y=None, **kwargs):
        """Fit and score clones of the model at every training size and split.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data, as the model takes it.
        y : array-like of shape (n_samples,), default=None
            The target (None for unsupervised models).
        **kwargs
            Passed to every fit (per-sample arrays such as ``sample_weight``
            cut to the training rows).

        Returns
        -------
        self
        """
        self._check_incremental()
        data, X, y, groups = self._fold_data(X, y, kwargs)
        splits = check_splits(self.cv, X, y, self.estimator, groups)
        sizes = absolute_train_sizes(self.train_sizes, len(splits[0][0]))
        if self.shuffle:
            splits = shuffled_splits(splits, self.random_state)
        fit_model(self, X, y, kwargs)
        self.train_sizes_ = sizes
        self._store_scores(self._run(data, splits, sizes), len(sizes))
        return self

    def _check_incremental(self) -> None:
        if self.exploit_incremental_learning and not hasattr(
            self.estimator, "partial_fit"
        ):
            raise ModelError(
                f"exploit_incremental_learning=True needs a model with partial_fit, "
                f"but {type(self.estimator).__name__} has none; pass "
                "exploit_incremental_learning=False, or a model such as "
                "SGDClassifier or MultinomialNB."
            )

    def _run(self, data: FoldData, splits: list, sizes: np.ndarray) -> list[FoldScore]:
        """The scores of every (size, split), size-major."""
        parallel = {
            "n_jobs": self.n_jobs,
            "verbose": self.verbose,
            "pre_dispatch": self.pre_dispatch,
        }
        if not self.exploit_incremental_learning:
            jobs = learning_curve_jobs(splits, sizes)
            return run_fold_jobs(self.estimator, data, jobs, **parallel)
        # One job per split, trained on its full (shuffled) training rows.
        whole = learning_curve_jobs(splits, sizes[-1:])
        classes = np.unique(data.y) if is_classifier(self.estimator) else None
        return run_incremental_jobs(
            self.estimator, data, whole, sizes, classes, **parallel
        )

    # -- drawing ---------------------------------------------------------------------

    def _x_values(self) -> np.ndarray:
        return self.train_sizes_

    def draw(self) -> None:
        """The score curves, then the time panel if ``timings``."""
        _remove_timings_axes(self.ax_)
        self.__dict__.pop("timings_ax_", None)
        self._draw_curves(self.ax_, "o-")
        if self.timings:
            self.timings_ax_ = _add_timings_axes(self.ax_)
            self._draw_timings(self.timings_ax_)

    def _draw_timings(self, ax) -> None:
        colors = class_colors(4)[2:]  # not the score curves' colours
        for (key, label), color in zip(TIMINGS, colors):
            mean = getattr(self, f"{key}_mean_")
            std = getattr(self, f"{key}_std_")
            self.bands_[key] = ax.fill_between(
                self.train_sizes_, mean - std, mean + std, alpha=0.25,
                color=color, linewidth=0,
            )  # fmt: skip
            (self.lines_[key],) = ax.plot(
                self.train_sizes_, mean, "o-", color=color, label=label
            )

    def finalize(self):
        """Title, axis labels and legends."""
        self.set_title(f"Learning Curve for {self.name}")
        self.ax_.legend(frameon=True, loc="best")
        self.ax_.set_ylabel("Score")
        bottom = self.__dict__.get("timings_ax_", self.ax_)
        bottom.set_xlabel("Training Instances")
        if bottom is not self.ax_:
            self.ax_.set_xlabel("")
            self.ax_.tick_params(labelbottom=False)
            bottom.set_ylabel("Seconds")
            bottom.set_ylim(bottom=0)
            bottom.legend(frameon=True, loc="upper left", fontsize="small")
        return self.ax_


def _add_timings_axes(ax):
    """A panel below ``ax``, sharing its x axis, in ``ax``'s own space.

    Cut from ``ax``'s area (``append_axes``), so it works on an Axes the user
    gave, among others on the same figure.
    """
    from mpl_toolkits.axes_grid1 import make_axes_locatable

    panel = make_axes_locatable(ax).append_axes("bottom", size="40%", pad=0.1)
    panel.sharex(ax)
    panel.set_label(_TIMINGS_AXES_LABEL)
    return panel


def _remove_timings_axes(ax) -> None:
    """Remove the time panel an earlier drawing added below ``ax``; restore ``ax``."""
    for other in list(ax.figure.axes):
        shared = ax in other.get_shared_x_axes().get_siblings(other)
        if other is not ax and shared and other.get_label() == _TIMINGS_AXES_LABEL:
            other.remove()
            ax.set_axes_locator(None)
            ax.tick_params(labelbottom=True)


learning_curve = declare(
    LearningCurve,
    kind=REPEATED_FIT,
    quick="learning_curve",
    example=examples.learning,
)
