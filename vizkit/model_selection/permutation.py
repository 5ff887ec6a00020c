"""Permutation importance: how much a model's score drops when a feature is shuffled.

Shuffling one column of X breaks its link with the target while keeping its
distribution; the drop in the model's score is that feature's importance.
:class:`PermutationImportance` computes it on the training data in ``fit``
and on held-out data in ``score``, and draws both per feature: a feature
that matters far more on the training data than on the test data is one the
model has overfitted.

The numbers (computed in ``_permutation.py``, one parallel job per feature)
equal :func:`sklearn.inspection.permutation_importance` on the same model,
data, scoring, ``n_repeats``, ``max_samples`` and integer ``random_state``.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from sklearn.base import is_classifier, is_regressor
from sklearn.metrics import get_scorer_names

from vizkit import examples
from vizkit import params as P
from vizkit.base import ScoreVisualizer
from vizkit.exceptions import NotFitted, VizkitValueError
from vizkit.model_selection._cv import check_scorer
from vizkit.model_selection._permutation import (
    PermutationData,
    importance_stats,
    permutable,
    permutation_scores,
    permutation_seed,
    rows_per_column,
)
from vizkit.registry import SCORE, declare
from vizkit.style import LINE_COLOR, class_colors
from vizkit.utils.docs import common_params
from vizkit.utils.features import feature_names
from vizkit.utils.validation import check_target, n_samples_of, plain

__all__ = ["PermutationImportance", "permutation_importance"]

SPLITS = ("train", "test")
KINDS = ("box", "bar")
#: Opacity of the boxes and bars, so the median lines and error bars show.
BOX_ALPHA = 0.8
# Per-split fitted attributes: f"{split}_{name}_".
_SPLIT_RESULTS = ("importances", "importances_mean", "importances_std", "score")


# -- computations (arrays in, arrays out) -----------------------------------------


def ranked_features(mean: np.ndarray, topn: int | None) -> np.ndarray:
    """Feature indices from least to most important (bottom to top of the plot).

    A positive ``topn`` keeps the ``topn`` largest mean importances, a
    negative one the ``-topn`` smallest; None or 0 keeps all.
    """
    order = np.argsort(mean, kind="stable")
    if topn and abs(topn) > len(order):
        raise VizkitValueError(
            f"topn={topn} asks for more features than the {len(order)} of X; pass "
            f"a number from -{len(order)} to {len(order)}, or None for all."
        )
    if topn:
        return order[-topn:] if topn > 0 else order[:-topn]
    return order


# -- checks of the parameters --------------------------------------------------------


def _check_scoring(value: Any, name: str, viz: Any) -> None:
    if isinstance(value, str) and value not in get_scorer_names():
        check_scorer(None, value, name)  # raises, suggesting close names
    if value is None or isinstance(value, str) or callable(value):
        return
    raise VizkitValueError(
        f"{name}={plain(value)!r} is not valid; pass one metric: a name from "
        "sklearn.metrics.get_scorer_names(), a callable scorer(estimator, X, y), "
        "or None for the model's own score."
    )


def _check_max_samples(value: Any, name: str, viz: Any) -> None:
    count = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    fraction = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if count and value >= 1 or not count and fraction and 0 < value <= 1:
        return
    raise VizkitValueError(
        f"{name}={plain(value)!r} is not valid; pass a fraction of the rows in "
        "(0, 1] (1.0 scores every row) or a number of rows of at least 1."
    )


# -- the visualizer -----------------------------------------------------------------


def horizontal_boxes() -> dict:
    """``boxplot`` keywords for horizontal boxes on every supported matplotlib.

    ``orientation`` exists from matplotlib 3.10; ``vert`` (before it) is
    deprecated from 3.11.
    """
    import matplotlib

    major, minor = (int(v) for v in matplotlib.__version__.split(".")[:2])
    return (
        {"orientation": "horizontal"} if (major, minor) >= (3, 10) else {"vert": False}
    )


@common_params
class PermutationImportance(ScoreVisualizer):
    """Permutation importance of each feature, on training and test data.

    A feature's importance is how much the model's score drops when that
    column alone is shuffled (``n_repeats`` times), so it works for any model
    and any scoring. ``fit`` fits the model if needed and computes the
    importances on the training data; ``score`` computes them on test data.
    Both are drawn side by side per feature, most important at the top: a
    feature far more important on the training data than on the test data
    is one the model has overfitted. Unlike :class:`FeatureImportances`
    (the model's own ``coef_`` or ``feature_importances_``, read from the
    training fit), it measures what each feature contributes to the score on
    the data given, and it can be negative.

    Parameters
    ----------
    estimator : scikit-learn estimator
        The model; ``fit`` fits it in place when it is not fitted yet (see
        ``is_fitted``).
    {common: ax}
    labels : list of str, default=None
        One name per feature; None takes a DataFrame's column names, else
        ``x0, x1, ...``.
    scoring : str, callable or None, default=None
        The score whose drop is measured: a name from
        ``sklearn.metrics.get_scorer_names()``, a callable
        ``scorer(estimator, X, y)``, or None for the model's own ``score``
        (accuracy for classifiers, R^2 for regressors).
    n_repeats : int, default=5
        How many times each feature is shuffled.
    max_samples : int or float, default=1.0
        The rows scored for each feature (drawn once without replacement and
        shared by all features): a fraction of the rows of X, or a count.
        The baseline score uses every row, as in scikit-learn.
    random_state : int, RandomState or None, default=None
        Seeds the shuffles (and the rows drawn by ``max_samples``): the same
        int gives the same importances as
        ``sklearn.inspection.permutation_importance``, whatever ``n_jobs``.
    {common: n_jobs, verbose}
    kind : {"box", "bar"}, default="box"
        "box" draws the importances of every repeat as a box plot; "bar" the
        mean importance as a bar with a standard deviation error bar.
    topn : int, default=None
        Draw only the ``topn`` most important features (by mean importance on
        the test data, else the training data), or with a negative number the
        ``-topn`` least important; None or 0 draws all.
    xlabel : str, default=None
        The x-axis label; None names the score that drops.
    train_color : color, default=None
        Colour of the training importances; None the first colour of the
        current cycle.
    test_color : color, default=None
        Colour of the test importances; None the second colour of the cycle.
    {common: is_fitted, fig}
    title : str, default=None
        The title of the plot; None gives "Permutation Importances of <n>
        Features using <Model>".
    {common: size}

    Attributes
    ----------
    importances_ : ndarray of shape (n_features, n_repeats)
        The importances (baseline score minus the score with the feature
        shuffled) of the last ``fit`` or ``score``, in column order.
    importances_mean_, importances_std_ : ndarray of shape (n_features,)
        Their mean and standard deviation over the repeats.
    train_importances_, train_importances_mean_, train_importances_std_ : ndarray
        The same, computed by ``fit`` on the training data.
    test_importances_, test_importances_mean_, test_importances_std_ : ndarray
        The same, computed by ``score`` on the test data.
    train_score_, test_score_ : float
        The model's unshuffled (baseline) score on the training and test data.
    score_ : float
        Same as ``test_score_``, what ``score`` returns.
    features_ : ndarray of str of shape (n_features,)
        The feature names, in column order (the rows of ``importances_``).
    boxes_ : dict of dict
        With ``kind="box"``, the artists ``Axes.boxplot`` returned, by split.
    bars_ : dict of BarContainer
        With ``kind="bar"``, the drawn bars, by split.

    Examples
    --------
    >>> from sklearn.ensemble import RandomForestRegressor
    >>> from vizkit.model_selection import PermutationImportance
    >>> viz = PermutationImportance(RandomForestRegressor(), random_state=0)
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    #: No model output is enough: the model is scored on shuffled copies of X.
    _response_methods: tuple[str, ...] = ()

    _params = {
        "labels": P.anything(),
        "scoring": P.Param(_check_scoring),
        "n_repeats": P.number(1, integer=True),
        "max_samples": P.Param(_check_max_samples),
        "random_state": P.random_state(),
        "n_jobs": P.n_jobs(),
        "verbose": P.boolean(),
        "kind": P.choice(*KINDS, draw=True),
        "topn": P.number(integer=True, none=True, draw=True),
        "xlabel": P.anything(draw=True),
        "train_color": P.color(),
        "test_color": P.color(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        labels=None,
        scoring=None,
        n_repeats=5,
        max_samples=1.0,
        random_state=None,
        n_jobs=None,
        verbose=False,
        kind="box",
        topn=None,
        xlabel=None,
        train_color=None,
        test_color=None,
        is_fitted="auto",
        fig=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.labels = labels
        self.scoring = scoring
        self.n_repeats = n_repeats
        self.max_samples = max_samples
        self.random_state = random_state
        self.n_jobs = n_jobs
        self.verbose = verbose
        self.kind = kind
        self.topn = topn
        self.xlabel = xlabel
        self.train_color = train_color
        self.test_color = test_color
        self.is_fitted = is_fitted
        self.fig = fig
        self.title = title
        self.size = size

    # -- compute -----------------------------------------------------------------

    def fit(self, X, y=None, **kwargs):
        """Fit the model if needed and compute the importances on the training data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,)
            Training target.
        **kwargs
            Passed to the model's ``fit``; a ``sample_weight`` among them also
            weighs the training scores.

        Returns
        -------
        self
        """
        self._require_target(y, "the target")
        y_true = self._check_fit_data(X, y)
        X_rows = permutable(X)  # refuse what cannot be permuted before fitting
        self._fit_estimator(X, y, **kwargs)
        self._forget("test")  # a new fit makes old test results stale
        self._compute("train", X_rows, y_true, kwargs.get("sample_weight"))
        return self

    def score(self, X, y, sample_weight=None):
        """Compute the importances on test data; returns the model's score on it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Test data, with the columns seen in ``fit``.
        y : array-like of shape (n_samples,)
            Test target.
        sample_weight : array-like of shape (n_samples,), default=None
            Weighs the test scores.

        Returns
        -------
        score_ : float
            The model's unshuffled score on ``(X, y)`` (the baseline).
        """
        self._check_estimator_fitted("score")
        self._require_target(y, "the target")
        y_true = check_target(y, n_samples=n_samples_of(X, "X"))
        if "n_features_in_" not in self.__dict__:  # from_estimator: no fit
            self._record_input(X)
        self._compute("test", permutable(X), y_true, sample_weight)
        return self.score_

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False  # columns are shuffled in dense copies of X
        return tags

    def _score_training(self, X, y) -> None:
        """Nothing: ``fit`` computed the training importances, drawn once."""

    @classmethod
    def from_predictions(cls, y_true, y_pred, *, ax=None, **kwargs):
        """Not possible: permutation importance scores the model on shuffled X."""
        raise VizkitValueError(
            f"{cls.__name__} cannot be built from predictions: it scores the model "
            "on copies of X with one feature shuffled, which needs the model "
            f"itself; use {cls.__name__}.from_estimator(model, X, y)."
        )

    def _compute(self, split: str, X, y: np.ndarray, sample_weight) -> None:
        """Compute one split's importances into ``{split}_*_`` and the last-call ones.

        ``X`` is already :func:`permutable` (a DataFrame or a 2-D array).
        """
        self._check_n_features(X.shape[1])
        features = self._feature_labels(X)
        scorer = check_scorer(self.estimator, self.scoring)
        data = PermutationData(
            X, y, scorer, sample_weight, self.n_repeats,
            rows_per_column(self.max_samples, X.shape[0]),
            permutation_seed(self.random_state), type(self).__name__,
        )  # fmt: skip
        baseline, permuted = permutation_scores(
            self.estimator, data, n_jobs=self.n_jobs, verbose=self.verbose
        )
        self._store(split, baseline, permuted)
        self.features_ = features

    def _feature_labels(self, X) -> np.ndarray:
        n_features = X.shape[1]
        if self.labels is not None and len(self.labels) != n_features:
            raise VizkitValueError(
                f"labels has {len(self.labels)} names but X has {n_features} "
                "features; pass one name per column, or labels=None."
            )
        return feature_names(X, self.labels, n_features)

    def _store(self, split: str, baseline: float, permuted: np.ndarray) -> None:
        importances, mean, std = importance_stats(baseline, permuted)
        results = {
            "importances": importances,
            "importances_mean": mean,
            "importances_std": std,
        }
        for name, value in results.items():
            setattr(self, f"{split}_{name}_", value)
            setattr(self, f"{name}_", value)
        setattr(self, f"{split}_score_", baseline)
        if split == "test":
            self.score_ = baseline

    def _forget(self, split: str) -> None:
        for name in _SPLIT_RESULTS:
            self.__dict__.pop(f"{split}_{name}_", None)
        if split == "test":
            self.__dict__.pop("score_", None)

    def _splits(self) -> list[str]:
        return [s for s in SPLITS if f"{s}_importances_" in self.__dict__]

    # -- draw ----------------------------------------------------------------------

    def _check_drawable(self) -> None:
        if not self._splits():
            raise NotFitted.from_estimator(self, "show")

    def _colors(self) -> dict[str, Any]:
        default = class_colors(2)
        return {
            "train": self.train_color or default[0],
            "test": self.test_color or default[1],
        }

    def _order(self) -> np.ndarray:
        """The drawn features, least important first (the bottom of the plot)."""
        ranking = self._splits()[-1]  # the test data when scored, else training
        return ranked_features(getattr(self, f"{ranking}_importances_mean_"), self.topn)

    def draw(self) -> None:
        """Per feature, a box (or bar) per split, side by side; a line at zero."""
        splits, order, colors = self._splits(), self._order(), self._colors()
        positions = np.arange(len(order), dtype=float)
        width = 0.8 / len(splits)
        self.boxes_, self.bars_ = {}, {}
        for index, split in enumerate(splits):
            # Training above test within each feature's row.
            at = positions + (len(splits) - 1 - 2 * index) * width / 2
            if self.kind == "box":
                values = getattr(self, f"{split}_importances_")[order]
                self.boxes_[split] = self._draw_boxes(values, at, width, colors[split])
            else:
                mean = getattr(self, f"{split}_importances_mean_")[order]
                std = getattr(self, f"{split}_importances_std_")[order]
                self.bars_[split] = self.ax_.barh(
                    at, mean, height=width * 0.9, xerr=std, color=colors[split],
                    alpha=BOX_ALPHA, capsize=3,
                    error_kw={"ecolor": LINE_COLOR, "linewidth": 1},
                )  # fmt: skip
        self.ax_.set_yticks(positions, labels=list(self.features_[order]))
        self.zero_line_ = self.ax_.axvline(0, color=LINE_COLOR, ls="--", lw=1)

    def _draw_boxes(self, values: np.ndarray, at: np.ndarray, width: float, color):
        """One horizontal box per row of ``values`` (a feature's repeats)."""
        return self.ax_.boxplot(
            list(values), positions=at, widths=width * 0.9, patch_artist=True,
            manage_ticks=False, boxprops={"facecolor": color, "alpha": BOX_ALPHA},
            medianprops={"color": LINE_COLOR},
            flierprops={"markersize": 3, "markeredgecolor": color},
            **horizontal_boxes(),
        )  # fmt: skip

    def _xlabel(self) -> str:
        if self.xlabel is not None:
            return self.xlabel
        if isinstance(self.scoring, str):
            what = self.scoring
        elif self.scoring is None and is_classifier(self.estimator):
            what = "accuracy"
        elif self.scoring is None and is_regressor(self.estimator):
            what = "$R^2$"
        else:
            what = "score"
        return f"decrease in {what} when the feature is shuffled"

    def finalize(self):
        """Title, axis label, legend of the splits. Returns ``ax_``."""
        from matplotlib.patches import Patch

        n_drawn = len(self._order())
        which = f"{'Top' if self.topn > 0 else 'Bottom'} " if self.topn else ""
        self.set_title(
            f"Permutation Importances of {which}{n_drawn} Features using {self.name}"
        )
        self.ax_.set_xlabel(self._xlabel())
        self.ax_.set_ylim(-0.5, n_drawn - 0.5)
        splits, colors = self._splits(), self._colors()
        labels = [
            f"{s} (score {getattr(self, f'{s}_score_'):.3f})" for s in splits
        ]  # fmt: skip
        handles = [
            Patch(facecolor=colors[s], alpha=BOX_ALPHA, label=label)
            for s, label in zip(splits, labels)
        ]
        self.legend_ = self.ax_.legend(
            handles=handles, loc="best", fontsize="small", frameon=True
        )
        return self.ax_


permutation_importance = declare(
    PermutationImportance,
    kind=SCORE,
    quick="permutation_importance",
    example=examples.regression,
)
