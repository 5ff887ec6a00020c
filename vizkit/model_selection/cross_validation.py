"""Cross-validation scores: one bar per fold, and their mean.

:class:`CVScores` fits a clone of the model on each cross-validation training
fold and scores it on the fold's test rows, exactly as
``sklearn.model_selection.cross_val_score`` does. Bars of very different
heights say the score depends on which rows the model sees: the mean alone
would hide it.
"""

from __future__ import annotations

import numpy as np
from sklearn.utils import indexable

from vizkit import examples
from vizkit import params as P
from vizkit.base import ModelVisualizer
from vizkit.exceptions import NotFitted
from vizkit.model_selection._curves import fit_model, score_fitted_model
from vizkit.model_selection._cv import (
    FoldData,
    FoldJob,
    FoldScore,
    check_cv_param,
    check_scorer,
    check_splits,
    run_fold_jobs,
    score_table,
)
from vizkit.registry import REPEATED_FIT, declare
from vizkit.style import resolve_colors
from vizkit.utils.docs import common_params

# -- computations -------------------------------------------------------------------


def fold_jobs(splits: list[tuple]) -> list[FoldJob]:
    """One fit per (train, test) split, in the splitter's order."""
    return [
        FoldJob(train, test, fold, len(splits))
        for fold, (train, test) in enumerate(splits)
    ]


def cross_validated_scores(
    estimator,
    X,
    y,
    *,
    cv,
    scoring,
    fit_params: dict | None = None,
    groups=None,
    owner: str = "CVScores",
    n_jobs: int | None = None,
    verbose: bool = False,
) -> list[FoldScore]:
    """Each fold's test score (and times), as ``cross_val_score`` computes them.

    Training scores are not computed (``score_train=False``), as scikit-learn
    does not: a visualizer of test scores pays for no more fits or scorings.
    """
    X, y, groups = indexable(X, y, groups)
    scorer = check_scorer(estimator, scoring)
    splits = check_splits(cv, X, y, estimator, groups)
    data = FoldData(X, y, scorer, fit_params or {}, owner, score_train=False)
    return run_fold_jobs(
        estimator, data, fold_jobs(splits), n_jobs=n_jobs, verbose=verbose
    )


# -- the visualizer -------------------------------------------------------------------


@common_params
class CVScores(ModelVisualizer):
    """Cross-validated scores of a model: a bar per fold, the mean dashed.

    Each fold's bar is the score of a clone of the model fitted on the other
    folds, as ``sklearn.model_selection.cross_val_score`` computes it; the
    dashed line is their mean. Like every vizkit model visualizer, ``fit``
    then fits the given model on all of ``X`` unless it is already fitted
    (see ``is_fitted``), so ``score`` and ``predict`` work; pass a fitted
    model to save that fit.

    Parameters
    ----------
    estimator : scikit-learn estimator
        The model to score; cloned for every fold.
    {common: ax}
    cv : int, cross-validation splitter or iterable, default=None
        The splits, as scikit-learn's ``check_cv``: None is 5 folds, an
        integer that many (stratified for a classifier), or a splitter such
        as ``KFold(5, shuffle=True, random_state=0)``, or (train, test) pairs.
    scoring : str, callable or None, default=None
        A name from ``sklearn.metrics.get_scorer_names()``, a scorer
        ``scorer(estimator, X, y)``, or None for the model's ``score``.
    color : color, default=None
        The colour of the bars and of the mean line; None is the first
        colour of the current colour cycle.
    {common: is_fitted, n_jobs, verbose, fig, title, size}

    Attributes
    ----------
    cv_scores_ : ndarray of shape (n_splits,)
        The test score of each fold, equal to ``cross_val_score``'s.
    cv_scores_mean_ : float
        Their mean.
    cv_scores_std_ : float
        Their (population) standard deviation.
    fit_times_, score_times_ : ndarray of shape (n_splits,)
        Seconds to fit each fold's clone and to score its test rows.
    classes_ : ndarray
        The fitted classifier's classes (classifiers only).
    bars_ : matplotlib BarContainer
        The drawn bars, one per fold.
    mean_line_ : matplotlib Line2D
        The dashed line of the mean score.

    Examples
    --------
    >>> from sklearn.svm import SVC
    >>> from vizkit.model_selection import CVScores
    >>> viz = CVScores(SVC(kernel="linear"), cv=5, scoring="f1_macro")
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.cv_scores_mean_  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "cv": P.Param(check_cv_param),
        "scoring": P.anything(),
        "n_jobs": P.n_jobs(),
        "verbose": P.boolean(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        cv=None,
        scoring=None,
        color=None,
        is_fitted="auto",
        n_jobs=None,
        verbose=False,
        fig=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.cv = cv
        self.scoring = scoring
        self.color = color
        self.is_fitted = is_fitted
        self.n_jobs = n_jobs
        self.verbose = verbose
        self.fig = fig
        self.title = title
        self.size = size

    def fit(self, X, y=None, **kwargs):
        """Fit and score a clone of the model on every fold, then fit the model.

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
        self._check_fit_data(X, y)
        scores = self._cross_validate(X, y, kwargs)
        shape = (len(scores),)
        self.cv_scores_ = score_table(scores, shape, "test_score")
        self.cv_scores_mean_ = float(np.mean(self.cv_scores_))
        self.cv_scores_std_ = float(np.std(self.cv_scores_))
        self.fit_times_ = score_table(scores, shape, "fit_time")
        self.score_times_ = score_table(scores, shape, "score_time")
        fit_model(self, X, y, kwargs)
        return self

    def _cross_validate(self, X, y, fit_params: dict) -> list[FoldScore]:
        return cross_validated_scores(
            self.estimator, X, y, cv=self.cv, scoring=self.scoring,
            fit_params=fit_params, owner=type(self).__name__,
            n_jobs=self.n_jobs, verbose=self.verbose,
        )  # fmt: skip

    def score(self, X, y=None):
        """The fitted model's ``scoring`` on ``(X, y)`` (e.g. held-out data).

        Returns
        -------
        score : float
        """
        if "cv_scores_" not in self.__dict__:
            raise NotFitted.from_estimator(self, "score")
        return score_fitted_model(self, X, y, self.scoring)

    # -- drawing ---------------------------------------------------------------------

    def draw(self) -> None:
        """A bar per fold and the dashed line of the mean."""
        color = resolve_colors(1, None, self.color)[0]
        folds = np.arange(1, len(self.cv_scores_) + 1)
        self.bars_ = self.ax_.bar(folds, self.cv_scores_, width=0.3, color=color)
        self.mean_line_ = self.ax_.axhline(
            self.cv_scores_mean_, color=color, linestyle="--", linewidth=1,
            label=f"Mean score = {self.cv_scores_mean_:0.3f}",
        )  # fmt: skip

    def finalize(self):
        """Title, axis labels, one tick per fold and the legend."""
        from matplotlib.ticker import MultipleLocator

        self.set_title(f"Cross Validation Scores for {self.name}")
        self.ax_.xaxis.set_major_locator(MultipleLocator(1))
        self.ax_.set_xlabel("Fold")
        self.ax_.set_ylabel("Score")
        self.ax_.margins(y=0.2)  # room for the legend beyond the bars' ends
        self.ax_.legend(frameon=True, loc="best", edgecolor="k")
        return self.ax_


cv_scores = declare(
    CVScores, kind=REPEATED_FIT, quick="cv_scores", example=examples.classification
)
