"""Learning curves of several models on one plot, one colour per model."""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.utils import indexable

from vizkit import examples
from vizkit import params as P
from vizkit.compare._base import ComparisonVisualizer
from vizkit.compare._docs import compare_params
from vizkit.compare._models import NamedModels
from vizkit.exceptions import NotFitted, VizkitError, VizkitValueError, prefix_message
from vizkit.model_selection._cv import (
    FoldData,
    FoldJob,
    absolute_train_sizes,
    check_cv_param,
    check_scorer,
    check_splits,
    fit_and_score,
    learning_curve_jobs,
    score_table,
    shuffled_splits,
)
from vizkit.registry import COMPARE, declare
from vizkit.utils.docs import common_params
from vizkit.utils.parallel import run_jobs

#: Yellowbrick's default training sizes, as an immutable tuple.
DEFAULT_TRAIN_SIZES = tuple(np.linspace(0.1, 1.0, 5).tolist())


@common_params
@compare_params
class LearningCurveComparison(ComparisonVisualizer):
    """Cross-validated learning curves of several models on one plot.

    Each model is fitted on growing shares of each training fold and scored
    on the fold's held-out rows, as ``sklearn.model_selection.learning_curve``
    does with the same ``cv``, ``train_sizes``, ``shuffle`` and
    ``random_state`` (every model on the same splits). The solid line is a
    model's mean cross-validation score with a band of one standard
    deviation, the dashed line of the same colour its training score: a gap
    that stays wide means the model overfits, two low lines that it
    underfits, a rising validation line that more data would help.
    ``score(X_test, y_test)`` adds each model's score on held-out data
    (fitted on all of the training data) as a star at the full training size.

    Parameters
    ----------
    {compare: estimators, names}
    {common: ax}
    train_sizes : array-like, default=(0.1, 0.325, 0.55, 0.775, 1.0)
        Training sizes: fractions in (0, 1] of a training fold, or row counts.
    cv : int, cross-validation splitter or iterable, default=None
        The splits, as in scikit-learn (None: 5 folds, stratified for
        classifiers).
    scoring : str or callable, default=None
        A scikit-learn scoring name or scorer; None uses each model's
        ``score`` method.
    {common: n_jobs}
    shuffle : bool, default=False
        Shuffle each training fold before taking its first rows.
    random_state : int, RandomState or None, default=None
        The shuffling seed (with ``shuffle=True``).
    {common: verbose}
    {compare: is_fitted, colors}
    {common: fig, title, size}

    Attributes
    ----------
    names_ : ndarray of str
        The models' names, in order.
    train_sizes_ : ndarray of int
        The training sizes, in rows (shared by every model).
    train_scores_, test_scores_ : dict of ndarray of shape (n_sizes, n_folds)
        Each model's training and cross-validation scores, by name:
        ``learning_curve``'s.
    train_scores_mean_, train_scores_std_ : dict of ndarray of shape (n_sizes,)
        Their mean and standard deviation over the folds, by name.
    test_scores_mean_, test_scores_std_ : dict of ndarray of shape (n_sizes,)
        The same of the cross-validation scores.
    fit_times_ : dict of ndarray of shape (n_sizes, n_folds)
        Each fit's wall-clock time in seconds, by name.
    n_train_ : int
        The number of training rows (where held-out scores are drawn).
    scores_ : ndarray of shape (n_models,)
        After ``score``: each model's score on the held-out data.
    score_ : float
        After ``score``: the best held-out score.
    lines_ : dict of matplotlib Line2D
        The drawn cross-validation lines, by name.
    """

    _RESULTS = ()

    _params = {
        "train_sizes": P.anything(),
        "cv": P.Param(check_cv_param),
        "scoring": P.anything(),
        "n_jobs": P.n_jobs(),
        "shuffle": P.boolean(),
        "random_state": P.random_state(),
        "verbose": P.boolean(),
    }

    def __init__(
        self,
        estimators=None,
        names=None,
        ax=None,
        train_sizes=DEFAULT_TRAIN_SIZES,
        cv=None,
        scoring=None,
        n_jobs=None,
        shuffle=False,
        random_state=None,
        verbose=False,
        is_fitted="auto",
        colors=None,
        fig=None,
        title=None,
        size=None,
    ):
        self.estimators = estimators
        self.names = names
        self.ax = ax
        self.train_sizes = train_sizes
        self.cv = cv
        self.scoring = scoring
        self.n_jobs = n_jobs
        self.shuffle = shuffle
        self.random_state = random_state
        self.verbose = verbose
        self.is_fitted = is_fitted
        self.colors = colors
        self.fig = fig
        self.title = title
        self.size = size

    def _check_models(self, named: NamedModels) -> None:
        for _, model in named:  # an unknown scoring name fails before any fit
            check_scorer(model, self.scoring)

    def _fit_more(self, named: NamedModels, X, y: np.ndarray, kwargs: dict) -> None:
        """Every model's learning curve, all fits in one joblib run."""
        X, y = indexable(X, y)  # row-indexable (CSR for other sparse formats)
        splits = check_splits(self.cv, X, y, named[0][1])
        sizes = absolute_train_sizes(self.train_sizes, len(splits[0][0]))
        if self.shuffle:
            splits = shuffled_splits(splits, self.random_state)
        jobs = learning_curve_jobs(splits, sizes)
        owner = type(self).__name__
        scores = run_jobs(
            fit_and_score,
            _model_jobs(named, X, y, jobs, self.scoring, kwargs, owner),
            total=len(named) * len(jobs), n_jobs=self.n_jobs, verbose=self.verbose,
            desc=f"{owner} fits",
        )  # fmt: skip
        self.train_sizes_ = sizes
        self.n_train_ = len(y)
        self._store(named, scores, (len(sizes), len(splits)))

    def _store(self, named: NamedModels, scores: list, shape: tuple) -> None:
        per_model = int(np.prod(shape))
        tables = ("train_scores_", "test_scores_", "fit_times_")
        for table in tables:
            setattr(self, table, {})
        for index, (name, _) in enumerate(named):
            mine = scores[index * per_model : (index + 1) * per_model]
            for table, field in zip(tables, ("train_score", "test_score", "fit_time")):
                getattr(self, table)[name] = score_table(mine, shape, field)
        for which in ("train", "test"):
            table = getattr(self, f"{which}_scores_")
            setattr(self, f"{which}_scores_mean_", _apply(table, np.mean))
            setattr(self, f"{which}_scores_std_", _apply(table, np.std))
        self.__dict__.pop("scores_", None)  # held-out scores belong to the old fit
        self.__dict__.pop("score_", None)

    def _score_model(self, name: str, model, X, y_true: np.ndarray) -> float:
        """The model's held-out score, with the scorer of the curves."""
        scorer = check_scorer(model, self.scoring)
        try:
            return float(scorer(model, X, y_true))
        except VizkitError:
            raise
        except Exception as error:
            owner, model_name = type(self).__name__, type(model).__name__
            prefix_message(error, f"{owner}: scoring {model_name} failed")
            raise

    def add(self, estimator, X, y, name=None):
        """Not available: a learning curve needs the training data; use ``fit``."""
        raise VizkitValueError(
            "LearningCurveComparison cannot add a model trained elsewhere, since "
            "its curves refit clones on the training data; list the models in "
            "estimators and call fit(X_train, y_train)."
        )

    def _check_drawable(self) -> None:
        if "train_sizes_" not in self.__dict__:
            raise NotFitted.from_estimator(self, "show")

    def draw(self) -> None:
        """Per model: CV score line with its band, dashed training line, star."""
        colors = self._model_colors()
        sizes = self.train_sizes_
        self.lines_ = {}
        for index, name in enumerate(self.names_):
            color = colors[name]
            mean, std = self.test_scores_mean_[name], self.test_scores_std_[name]
            self.ax_.fill_between(sizes, mean - std, mean + std, color=color, alpha=0.2)
            (self.lines_[name],) = self.ax_.plot(
                sizes, mean, "o-", color=color, label=f"{name} (cross-validation)"
            )
            self.ax_.plot(
                sizes, self.train_scores_mean_[name], "--", color=color,
                label=f"{name} (training)",
            )  # fmt: skip
            if "scores_" in self.__dict__:
                self.ax_.plot(
                    self.n_train_, self.scores_[index], "*", color=color,
                    markersize=12, markeredgecolor="black", label=f"{name} (held out)",
                )  # fmt: skip

    def finalize(self):
        """Title, legend and axis labels."""
        self.set_title("Learning Curves")
        self.ax_.legend(loc="best", frameon=True, fontsize="small")
        self.ax_.set_xlabel("Training instances")
        self.ax_.set_ylabel(_score_label(self.scoring))
        return self.ax_


def _model_jobs(named: NamedModels, X, y, jobs: list[FoldJob], scoring, kwargs, owner):
    """``(model, data, job)`` arguments of every fit, model-major."""
    for _, model in named:
        data = FoldData(X, y, check_scorer(model, scoring), kwargs, owner)
        template = clone(model)
        for job in jobs:
            yield template, data, job


def _apply(tables: dict, reduce) -> dict:
    return {name: reduce(table, axis=1) for name, table in tables.items()}


def _score_label(scoring) -> str:
    return "Score" if scoring is None or callable(scoring) else f"Score ({scoring})"


learning_curve_comparison = declare(
    LearningCurveComparison,
    kind=COMPARE,
    quick="learning_curve_comparison",
    example=examples.regression_comparison,
)
