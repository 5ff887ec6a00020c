"""Why a model predicts what it does near one instance: a local linear surrogate.

:class:`LocalExplanation` explains one instance ``x`` of any model by fitting
a linear model to the model's response around ``x``, as LIME does (the
method, not its code): it draws perturbations of ``x``, asks the model for
its output on them, weighs each perturbation by its closeness to ``x`` and
fits a weighted least-squares line. The surrogate's slopes are in the
features' own units, so for a linear model they are the model's
coefficients; its fidelity (the weighted R^2) says how far a straight line
can be trusted there.
"""

from __future__ import annotations

import numbers
from dataclasses import replace
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import is_classifier
from sklearn.utils import check_random_state

from vizkit import examples
from vizkit import params as P
from vizkit.base import ModelScoredVisualizer
from vizkit.draw import fit_tick_labels
from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.registry import MODEL, declare
from vizkit.style import LINE_COLOR, resolve_colors
from vizkit.utils.docs import common_params
from vizkit.utils.features import feature_names
from vizkit.utils.validation import check_instance, plain

#: LIME's default kernel width, in standard deviations per sqrt(feature).
KERNEL_WIDTH_PER_ROOT_FEATURE = 0.75

# -- computations (arrays in, arrays out) -------------------------------------------


def perturb(
    x: np.ndarray, spread: np.ndarray, n_samples: int, rng: np.random.RandomState
) -> np.ndarray:
    """``n_samples`` rows of ``x + N(0, spread)``, one independent normal per feature.

    A feature with zero spread (constant in the training data) stays at its
    value in ``x``.
    """
    return x + rng.standard_normal((n_samples, x.shape[0])) * spread


def kernel_weights(
    deviations: np.ndarray, std: np.ndarray, kernel_width: float
) -> np.ndarray:
    """The exponential kernel ``exp(-d^2 / width^2)`` of each row's distance to x.

    ``d`` is the Euclidean length of the row's deviation from x in training
    standard deviations (constant features, of zero deviation, count for 0).
    """
    unit = np.where(std > 0, std, 1.0)
    squared = np.einsum("ij,ij->i", deviations / unit, deviations / unit)
    return np.exp(-squared / kernel_width**2)


def weighted_linear_fit(
    deviations: np.ndarray, response: np.ndarray, weights: np.ndarray
) -> tuple[float, np.ndarray]:
    """The weighted least-squares line ``response ~ b0 + deviations @ coef``.

    Solved as ordinary least squares on rows scaled by ``sqrt(weights)``
    (``numpy.linalg.lstsq``, minimum norm: a feature that never moves gets
    a zero slope). Returns ``(b0, coef)``: ``b0`` is the line at x.
    """
    root = np.sqrt(weights)
    design = np.column_stack([np.ones(len(deviations)), deviations]) * root[:, None]
    solution = np.linalg.lstsq(design, response * root, rcond=None)[0]
    return float(solution[0]), solution[1:]


def weighted_r2(response: np.ndarray, fitted: np.ndarray, weights: np.ndarray) -> float:
    """The weighted coefficient of determination of ``fitted`` for ``response``.

    1 where the response is constant and fitted exactly (a flat region of a
    tree model), 0 where it is constant and not.
    """
    mean = np.average(response, weights=weights)
    residual = np.sum(weights * (response - fitted) ** 2)
    total = np.sum(weights * (response - mean) ** 2)
    if total <= np.finfo(float).tiny:
        return 1.0 if residual <= np.finfo(float).eps else 0.0
    return float(1.0 - residual / total)


# -- parameter checks -----------------------------------------------------------------


def _check_x(value: Any, name: str, viz: Any) -> None:
    if value is None:
        raise VizkitValueError(
            f"{name}=None, but {type(viz).__name__} explains one instance: pass "
            f"{name}=, the row to explain (e.g. {name}=X[0]), in the columns of X."
        )
    check_instance(value, None, name)


def _check_positive(value: Any, name: str, viz: Any) -> None:
    if value is None and name == "kernel_width":
        return
    number = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if not (number and np.isfinite(value) and value > 0):
        also = ", or None for 0.75 * sqrt(n_features)" if name == "kernel_width" else ""
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass a positive number{also}."
        )


# -- the visualizer ------------------------------------------------------------------


@common_params
class LocalExplanation(ModelScoredVisualizer):
    """A local linear surrogate of a model around one instance: signed contributions.

    Perturbations: ``n_samples`` rows ``x + N(0, scale * std_j)``, feature by
    feature independently, where ``std_j`` is feature j's standard deviation
    in the training data given to ``fit`` (a constant feature is not moved
    and gets a zero slope), drawn from ``random_state``. Features are treated
    as numeric: encode categorical ones first (e.g. explain a Pipeline on a
    one-hot-encoded frame's numeric columns); they are not sampled from
    their categories as LIME's tabular explainer does.

    Response: a regressor's ``predict``; a classifier's ``predict_proba`` of
    one class (``target``, by default the most probable class for ``x``).
    The model is called once, on ``x`` and the perturbations together.

    Kernel: each perturbation weighs ``exp(-d^2 / kernel_width^2)``, where
    ``d`` is its distance to ``x`` in training standard deviations and
    ``kernel_width`` defaults to ``0.75 * sqrt(n_features)`` (LIME's
    default width); ``x`` itself, weight 1, is among the fitted rows.

    Surrogate: weighted least squares of the response on the raw deviations
    ``z - x`` with an intercept, so ``coef_`` is in the response's units per
    unit of each feature: for a linear regression it equals the model's
    ``coef_`` (to rounding: a linear response is fitted exactly whatever the
    weights); for a smooth model it approaches the gradient at ``x`` as the
    kernel narrows. Each feature's contribution is its slope times ``x``'s
    deviation from the training mean, and ``intercept_`` is the surrogate at
    the training mean, so ``intercept_ + contributions_.sum()`` is the
    surrogate at ``x`` (``local_prediction_``), to compare with the model's
    ``prediction_``. ``local_r2_``, the weighted R^2 of the fit, says how
    linear the model is at that scale: read the bars only when it is high.

    Parameters
    ----------
    estimator : scikit-learn estimator
        A regressor with ``predict`` or a classifier with ``predict_proba``
        (or a Pipeline ending in one), fitted or not; it takes the numeric
        columns of X.
    {common: ax}
    x : array-like of shape (n_features,) or (1, n_features)
        The instance to explain: one row (a 1-D array, list, pandas Series or
        one-row DataFrame) in the columns of X; a Series or frame named
        with X's columns is matched to them by name. Required.
    target : class label, default=None
        For a classifier, the class whose probability is explained (one of
        the model's ``classes_``); None explains the class the model finds
        most probable for ``x``. Must be None for a regressor.
    n_samples : int, default=5000
        The number of perturbations of ``x``.
    scale : float, default=1.0
        The perturbations' standard deviation per feature, in training
        standard deviations: smaller explains a smaller neighbourhood.
    kernel_width : float, default=None
        The width of the exponential kernel, in training standard
        deviations; None is ``0.75 * sqrt(n_features)``.
    random_state : int, RandomState or None, default=None
        Seeds the perturbations: the same int gives the same explanation.
    feature_names : list of str, default=None
        One name per column of X; None takes a DataFrame's column names,
        else ``x0, x1, ...``.
    top_n : int, default=None
        Draw only the ``top_n`` features of largest absolute contribution;
        None draws them all.
    precision : int, default=3
        Significant digits of the values written on the plot.
    colors : list of two colors or palette name, default=None
        The colours of the negative and the positive contributions.
    {common: is_fitted, fig, title, size}

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        The surrogate's slope per feature, in the model's response per unit
        of the feature.
    contributions_ : ndarray of shape (n_features,)
        ``coef_ * (x_ - mean_)``: each feature's signed share of the
        difference between the surrogate at ``x`` and at the training mean.
    intercept_ : float
        The surrogate at the training mean (the baseline the contributions
        add to).
    local_prediction_ : float
        The surrogate at ``x``: ``intercept_ + contributions_.sum()``.
    prediction_ : float
        The model's response for ``x``: ``predict`` of a regressor, the
        probability of ``explained_class_`` for a classifier.
    local_r2_ : float
        The weighted R^2 of the surrogate on the perturbations (its
        fidelity to the model near ``x``).
    x_ : ndarray of shape (n_features,)
        The explained instance, as floats.
    mean_, std_ : ndarray of shape (n_features,)
        The training data's mean and standard deviation per feature.
    kernel_width_ : float
        The kernel width used.
    feature_names_ : ndarray of str of shape (n_features,)
        The feature names.
    classes_ : ndarray or None
        The classifier's classes (None for a regressor).
    explained_class_ : object or None
        The class whose probability is explained (None for a regressor).
    score_ : float
        The model's own score, after :meth:`score`.
    bars_ : matplotlib BarContainer
        The drawn contribution bars.

    Examples
    --------
    >>> from sklearn.datasets import load_breast_cancer
    >>> from sklearn.ensemble import RandomForestClassifier
    >>> from vizkit.inspection import LocalExplanation
    >>> X, y = load_breast_cancer(return_X_y=True)
    >>> viz = LocalExplanation(RandomForestClassifier(), x=X[0], random_state=0)
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.coef_, viz.contributions_, viz.local_r2_  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "x": P.Param(_check_x),
        "target": P.anything(),
        "n_samples": P.number(1, integer=True),
        "scale": P.Param(_check_positive),
        "kernel_width": P.Param(_check_positive),
        "random_state": P.random_state(),
        "feature_names": P.anything(),
        "top_n": P.number(1, integer=True, none=True, draw=True),
        # An int example: number() suggests (low + high) / 4, a float.
        "precision": replace(P.number(1, 15, integer=True, draw=True), example=5),
        "colors": P.colors(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        x=None,
        target=None,
        n_samples=5000,
        scale=1.0,
        kernel_width=None,
        random_state=None,
        feature_names=None,
        top_n=None,
        precision=3,
        colors=None,
        is_fitted="auto",
        fig=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.x = x
        self.target = target
        self.n_samples = n_samples
        self.scale = scale
        self.kernel_width = kernel_width
        self.random_state = random_state
        self.feature_names = feature_names
        self.top_n = top_n
        self.precision = precision
        self.colors = colors
        self.is_fitted = is_fitted
        self.fig = fig
        self.title = title
        self.size = size

    # -- compute -----------------------------------------------------------------

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False  # the perturbations are dense rows
        return tags

    def fit(self, X, y=None, **kwargs):
        """Fit the model if needed, then the local surrogate around ``x``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The training data (numeric): its mean and standard deviation per
            feature set the perturbations' spread and the baseline.
        y : array-like of shape (n_samples,), default=None
            The target, to fit the model (not needed for a fitted one).
        **kwargs
            Passed to the model's ``fit``.

        Returns
        -------
        self
        """
        self._check_fit_data(X, y)
        # The model checks X first, as it would on its own (its errors are
        # the ones scikit-learn users know); then vizkit checks what it reads.
        self._fit_estimator(X, y, **kwargs)
        values = numeric_rows(X, "X")
        n_features = values.shape[1]
        self.x_ = instance_values(self.x, n_features, getattr(X, "columns", None))
        self._check_n_samples(n_features)
        self._check_response_method()
        self.feature_names_ = feature_names(X, self.feature_names, n_features)
        self.mean_, self.std_ = values.mean(axis=0), values.std(axis=0)
        self.kernel_width_ = float(
            self.kernel_width or KERNEL_WIDTH_PER_ROOT_FEATURE * np.sqrt(n_features)
        )
        self._explain(X)
        return self

    def _check_n_samples(self, n_features: int) -> None:
        if self.n_samples <= n_features:
            raise VizkitValueError(
                f"n_samples={self.n_samples} perturbations cannot determine a "
                f"line in {n_features} features; pass n_samples greater than "
                f"{n_features} (thousands give a stable explanation)."
            )

    def _check_response_method(self) -> None:
        """A classifier needs ``predict_proba``; a regressor takes no ``target``."""
        model = type(self.estimator).__name__
        if not is_classifier(self.estimator):
            if self.target is not None:
                raise VizkitValueError(
                    f"target={plain(self.target)!r} names a class, but {model} is "
                    "not a classifier; leave target=None to explain its predict."
                )
            return
        if not hasattr(self.estimator, "predict_proba"):
            raise ModelError(
                f"{type(self).__name__} explains a classifier's probability, but "
                f"{model} has no predict_proba; use a model that has one (e.g. "
                "SVC(probability=True), or CalibratedClassifierCV around it)."
            )

    def _explain(self, X) -> None:
        rng = check_random_state(self.random_state)
        spread = self.scale * self.std_
        rows = np.vstack([self.x_, perturb(self.x_, spread, self.n_samples, rng)])
        response = self._response(as_input_rows(rows, X))
        self.prediction_ = float(response[0])
        deviations = rows - self.x_
        weights = kernel_weights(deviations, self.std_, self.kernel_width_)
        at_x, self.coef_ = weighted_linear_fit(deviations, response, weights)
        self.local_r2_ = weighted_r2(response, at_x + deviations @ self.coef_, weights)
        self.contributions_ = self.coef_ * (self.x_ - self.mean_)
        self.local_prediction_ = at_x
        self.intercept_ = at_x - float(self.contributions_.sum())

    def _response(self, rows) -> np.ndarray:
        """The model's explained output on ``rows`` (row 0 is ``x``)."""
        if not is_classifier(self.estimator):
            self.classes_, self.explained_class_ = None, None
            output = np.asarray(self._call_model("predict", rows), dtype=np.float64)
            return single_output(output, type(self.estimator).__name__)
        self.classes_ = np.asarray(self.estimator.classes_)
        probabilities = np.asarray(self._call_model("predict_proba", rows))
        column = self._class_column(self.classes_, probabilities[0])
        self.explained_class_ = self.classes_[column]
        return probabilities[:, column].astype(np.float64)

    def _class_column(self, classes: np.ndarray, probabilities_at_x: np.ndarray) -> int:
        """The column of ``target`` (or of the most probable class at x)."""
        if self.target is None:
            return int(np.argmax(probabilities_at_x))
        matches = np.flatnonzero(classes == self.target)
        if len(matches) == 0:
            known = ", ".join(repr(plain(c)) for c in classes)
            raise VizkitValueError(
                f"target={plain(self.target)!r} is not a class of the model; "
                f"pass one of {known}, or None for the class predicted for x."
            )
        return int(matches[0])

    # -- draw ----------------------------------------------------------------------

    def _order(self) -> np.ndarray:
        """The drawn features, smallest |contribution| first (bottom of the plot)."""
        order = np.argsort(np.abs(self.contributions_), kind="stable")
        return order[-self.top_n :] if self.top_n else order

    def _number(self, value: float) -> str:
        return f"{value:.{self.precision}g}"

    def draw(self) -> None:
        """One horizontal bar per feature, signed, labelled "name = value"."""
        order = self._order()
        values = self.contributions_[order]
        negative, positive = resolve_colors(2, colors=self.colors)
        positions = np.arange(len(order))
        self.bars_ = self.ax_.barh(
            positions, values, height=0.6,
            color=np.where(values < 0, negative, positive),
        )  # fmt: skip
        self.ax_.axvline(0, color=LINE_COLOR, linewidth=0.8)
        labels = [
            f"{name} = {self._number(value)}"
            for name, value in zip(self.feature_names_[order], self.x_[order])
        ]
        self.ax_.set_yticks(positions, labels=labels)
        self.ax_.bar_label(
            self.bars_,
            labels=[f"{v:+.{self.precision}g}" for v in values],
            padding=3,
            fontsize="small",
        )
        self.ax_.margins(x=0.2)  # room for the labels at the bars' ends

    def _response_name(self) -> str:
        if self.explained_class_ is None:
            return "the prediction"
        return f"P(class = {plain(self.explained_class_)})"

    def _summary(self) -> str:
        """The decomposition in words: baseline + contributions = surrogate at x."""
        total = self.local_prediction_ - self.intercept_
        return (
            f"{self._number(self.intercept_)} at the mean "
            f"{'+' if total >= 0 else '-'} {self._number(abs(total))} = "
            f"{self._number(self.local_prediction_)} (model: "
            f"{self._number(self.prediction_)}, local $R^2$ "
            f"{self.local_r2_:.2f})"
        )

    def finalize(self):
        """Title naming the model, the decomposition under the x axis."""
        shown = len(self._order())
        which = f"top {shown} of " if shown < len(self.contributions_) else ""
        # Two lines: beside long feature names a one-line title runs off the figure.
        self.set_title(f"Local explanation of {self.name}\n({which}"
                       f"{len(self.contributions_)} features)")  # fmt: skip
        self.ax_.set_xlabel(
            f"contribution to {self._response_name()}\n{self._summary()}"
        )
        self.ax_.grid(False, axis="y")
        fit_tick_labels(self.ax_, "y")
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()  # room for the labels on the left
        return self.ax_


# -- input helpers ---------------------------------------------------------------------


def numeric_rows(X: Any, name: str) -> np.ndarray:
    """X as a 2-D float array, refusing sparse, non-numeric or non-finite data."""
    if sparse.issparse(X):
        raise VizkitValueError(
            f"{name} is a sparse matrix, but LocalExplanation perturbs dense "
            f"numeric rows; pass {name}.toarray() or a dense array."
        )
    try:
        values = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError):
        raise VizkitValueError(
            f"{name} has non-numeric values, but LocalExplanation perturbs "
            "numeric features; encode categorical columns first (e.g. "
            "OneHotEncoder) and explain the model on the encoded data."
        ) from None
    if values.ndim != 2:
        raise VizkitValueError(
            f"{name} must be 2-D (n_samples, n_features), got shape "
            f"{values.shape}; pass one row per sample."
        )
    if not np.all(np.isfinite(values)):
        raise VizkitValueError(
            f"{name} contains NaN or infinity; impute or drop those values first."
        )
    return values


def instance_values(x: Any, n_features: int, columns: Any = None) -> np.ndarray:
    """The instance ``x`` as a 1-D float array of X's width (errors name x).

    A pandas ``x`` with the same column names as X (``columns``) is put in
    X's column order; otherwise its values are taken in order.
    """
    row = check_instance(x, None, "x")
    if columns is not None and hasattr(row, "columns"):
        if set(row.columns) == set(columns):
            row = row[list(columns)]
    if row.shape[1] != n_features:
        raise VizkitValueError(
            f"x has {row.shape[1]} features, but X has {n_features}; pass one "
            f"row with the {n_features} columns of X (e.g. x=X[0])."
        )
    return numeric_rows(row, "x")[0]


def as_input_rows(rows: np.ndarray, X: Any) -> Any:
    """``rows`` in X's form: a DataFrame with X's columns if X is one."""
    columns = getattr(X, "columns", None)
    if columns is None or not hasattr(X, "iloc"):
        return rows
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


def single_output(output: np.ndarray, model: str) -> np.ndarray:
    """A regressor's predictions as one value per row (one output only)."""
    if output.ndim == 2 and output.shape[1] == 1:
        return output[:, 0]
    if output.ndim != 1:
        raise ModelError(
            f"{model}.predict returns {output.shape[1]} outputs per row, but "
            "LocalExplanation explains one; wrap one output in a model of its own."
        )
    return output


local_explanation = declare(
    LocalExplanation,
    kind=MODEL,
    quick="local_explanation",
    example=examples.explained_instance,
)
