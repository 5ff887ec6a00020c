"""Cook's distance: how much each sample moves an ordinary least squares fit."""

from __future__ import annotations

import dataclasses
import warnings
from typing import Any, NamedTuple

import numpy as np
from scipy.stats import f as f_distribution
from sklearn.metrics import r2_score

from vizkit import examples
from vizkit import params as P
from vizkit.base import Visualizer
from vizkit.draw import CURVE_ZORDER
from vizkit.exceptions import NotFitted, VizkitValueError, VizkitWarning
from vizkit.registry import DATA, declare
from vizkit.regressor.base import RESCALE_TARGET, as_float_target
from vizkit.utils.docs import common_params
from vizkit.utils.validation import check_no_overflow, check_target, check_X

__all__ = ["CooksDistance", "cooks_distance"]

#: Above this many rows only the largest distance of each block of
#: consecutive rows is drawn (one stem per block, at that row's index): a
#: LineCollection builds one Path per stem, ~30 s for a million of them.
MAX_STEMS = 5_000
#: Rows whose ``1 - leverage`` is below this have leverage 1 to within
#: rounding: they alone fix a direction of the fit, and Cook's distance
#: divides by ``1 - leverage``.
LEVERAGE_ONE = 1e-12
#: Residuals this small relative to the spread of y mean y is an exact linear
#: function of X (only rounding is left): every distance is then 0.
EXACT_FIT = 1e-10
#: The fix for columns so large that their squares overflow.
RESCALE_X = "rescale X first, e.g. with sklearn.preprocessing.StandardScaler."


# -- computations (arrays in, arrays out) -----------------------------------------


class OLSFit(NamedTuple):
    """What Cook's distance needs from an ordinary least squares fit."""

    residuals: np.ndarray  # y minus the fitted values
    leverage: np.ndarray  # the diagonal of the hat matrix
    n_params: int  # parameters estimated (the rank), intercept included
    coef: np.ndarray  # one per column of X (0 for constant columns)
    intercept: float
    exact: bool  # y is a linear function of X up to rounding


def standardize_columns(X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Centre each column, divide it by its largest absolute value.

    With an intercept in the model, the hat matrix does not change when a
    column is shifted or scaled, and the scaled columns are far better
    conditioned. Returns ``(Z, mean, scale)``; a constant column has scale 0
    and is all zeros in ``Z``.
    """
    mean = X.mean(axis=0)
    Z = X - mean
    scale = np.abs(Z).max(axis=0)
    Z /= np.where(scale > 0, scale, 1.0)
    return Z, mean, scale


def column_basis(Z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Thin SVD of ``Z`` keeping the directions above numpy's rank tolerance.

    Returns ``(U, s, Vt)`` with ``U`` of shape (n_samples, rank): an
    orthonormal basis of the column space, the pseudo-inverse's view of
    collinear columns. Memory is O(n_samples x n_features), never n x n.
    """
    U, s, Vt = np.linalg.svd(Z, full_matrices=False)
    tolerance = (s.max() if s.size else 0.0) * max(Z.shape) * np.finfo(float).eps
    keep = s > tolerance
    return U[:, keep], s[keep], Vt[keep]


def ols_fit(X: np.ndarray, y: np.ndarray) -> OLSFit:
    """Least squares fit of ``y`` on ``X`` with an intercept, and its leverages.

    The leverage of row i is ``H[i, i]`` of the hat matrix
    ``H = X1 pinv(X1)`` (``X1`` is X with a column of ones), computed as
    ``1/n`` plus the squared norm of row i of the centred column basis.
    """
    n_samples = len(y)
    Z, mean, scale = standardize_columns(X)
    U, s, Vt = column_basis(Z)
    y_mean = float(y.mean())
    centred = y - y_mean
    projection = U.T @ centred
    residuals = centred - U @ projection
    leverage = 1.0 / n_samples + np.einsum("ij,ij->i", U, U)
    coef = np.zeros(X.shape[1])
    varying = scale > 0
    with np.errstate(over="ignore", invalid="ignore"):  # X tiny next to y: refused
        coef[varying] = (Vt.T @ (projection / s))[varying] / scale[varying]
        intercept = y_mean - float(mean @ coef)
    # Largest values, not norms, whose squares may underflow; a constant y is
    # exact too (its centred values are rounding errors).
    spread = np.abs(centred).max()
    exact = np.ptp(y) == 0 or np.abs(residuals).max() <= EXACT_FIT * spread
    return OLSFit(residuals, leverage, 1 + len(s), coef, intercept, bool(exact))


def cook_distances(fit: OLSFit) -> np.ndarray:
    """Cook's distance of each row: ``e^2 h / (p s^2 (1 - h)^2)``.

    ``e`` is the residual, ``h`` the leverage, ``p`` the number of
    parameters and ``s^2`` the residual variance ``sum(e^2) / (n - p)``, the
    definition statsmodels' ``OLSInfluence.cooks_distance`` uses. An exact
    fit gives zeros: removing a row leaves every fitted value unchanged.
    """
    if fit.exact:
        return np.zeros_like(fit.residuals)
    # The distance does not change with the unit of y: work in units of the
    # largest residual, so tiny targets (1e-300) do not underflow when squared.
    errors = fit.residuals / np.abs(fit.residuals).max()
    variance = errors @ errors / (len(errors) - fit.n_params)
    with np.errstate(divide="ignore", invalid="ignore"):  # leverage 1: refused
        return (
            errors**2 * fit.leverage
            / (fit.n_params * variance * (1.0 - fit.leverage) ** 2)
        )  # fmt: skip


def cook_p_values(distance: np.ndarray, n_params: int) -> np.ndarray:
    """P-values of Cook's distances under ``F(p, n - p)``, as statsmodels gives."""
    return f_distribution.sf(distance, n_params, len(distance) - n_params)


def influence_threshold(n_samples: int) -> float:
    """The rule of thumb above which a row is influential: ``4 / n``."""
    return 4.0 / n_samples


def outlier_percentage(distance: np.ndarray, threshold: float) -> float:
    """Percentage (0 to 100) of rows whose distance exceeds ``threshold``."""
    return float(np.mean(distance > threshold) * 100.0)


def block_maxima(values: np.ndarray, max_points: int = MAX_STEMS) -> np.ndarray:
    """Indices of the largest value of each block of consecutive rows.

    All indices when there are at most ``max_points`` values; else the
    values are cut into at most ``max_points`` blocks of equal size and the
    index of each block's maximum is kept, so no peak is lost.
    """
    n_values = len(values)
    if n_values <= max_points:
        return np.arange(n_values)
    size = -(-n_values // max_points)  # ceil division
    n_blocks = -(-n_values // size)
    padded = np.full(n_blocks * size, -np.inf)
    padded[:n_values] = values
    return padded.reshape(n_blocks, size).argmax(axis=1) + np.arange(n_blocks) * size


# -- parameter checks ---------------------------------------------------------------


def _format_check(value: Any, name: str, viz: Any) -> None:
    """A matplotlib format string such as "C0-" or "ro", as ``Axes.stem`` takes."""
    try:  # the parser Axes.plot and Axes.stem use
        from matplotlib.axes._base import (  # type: ignore[attr-defined]
            _process_plot_format,
        )
    except ImportError:  # pragma: no cover - matplotlib moved it: stem checks
        return
    if isinstance(value, str):
        try:
            _process_plot_format(value)
            return
        except ValueError:
            pass
    raise VizkitValueError(
        f"{name}={value!r} is not a matplotlib format string; pass a colour "
        "and line or marker style such as 'C0-', 'r--' or 'ko'."
    )


def format_string(example: str) -> P.Param:
    """A matplotlib format string (drawing)."""
    return P.Param(_format_check, draw=True, example=example)


# -- the visualizer ------------------------------------------------------------------


@common_params
class CooksDistance(Visualizer):
    """Cook's distance of each sample: its influence on a least squares fit.

    ``fit`` fits ordinary least squares with an intercept to ``(X, y)`` (it
    wraps no model) and computes, for each row, how far the fitted values
    would move if that row were left out. The stems show the distance by row
    index; the dashed line is the rule of thumb ``4/n``, above which a row is
    commonly called influential, and the legend gives the percentage of rows
    above it. Leverages come from a thin SVD of X, so a million rows fit in
    memory; collinear columns are handled as a pseudo-inverse does, with a
    warning. Above ``MAX_STEMS`` rows only the largest distance of each block
    of consecutive rows is drawn, as the picture says.

    Parameters
    ----------
    {common: ax}
    draw_threshold : bool, default=True
        Draw the influence threshold ``4/n`` as a horizontal dashed line, with
        the percentage of rows above it in the legend.
    linefmt : str, default="C0-"
        matplotlib format string of the stems (colour and line style).
    markerfmt : str, default=","
        matplotlib format string of the stem heads; "," is a pixel.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "Cook's Distance Outlier Detection".
    {common: size}
    color : any, default=None
        Accepted as Yellowbrick did; ignored with a warning (use ``linefmt``).

    Attributes
    ----------
    distance_ : ndarray of shape (n_samples,)
        Cook's distance of each row of X.
    p_values_ : ndarray of shape (n_samples,)
        ``scipy.stats.f.sf(distance_, p, n - p)``, with ``p`` the number of
        parameters of the fit (intercept included), as statsmodels reports.
    influence_threshold_ : float
        ``4 / n_samples``.
    outlier_percentage_ : float
        Percentage (0 to 100) of rows whose distance exceeds the threshold.
    coef_ : ndarray of shape (n_features,)
        Coefficients of the least squares fit (0 for constant columns).
    intercept_ : float
        Intercept of the least squares fit.
    n_features_in_ : int
        The number of columns of X.
    feature_names_in_ : ndarray of str
        The column names of X, when X was a pandas or polars frame.

    Examples
    --------
    >>> from vizkit.regressor import CooksDistance
    >>> viz = CooksDistance()
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "draw_threshold": P.boolean(draw=True),
        "linefmt": format_string("C3-"),
        "markerfmt": format_string("C1o"),
        "color": P.ignored("use linefmt= (e.g. linefmt='r-') instead."),
    }

    def __init__(
        self,
        ax=None,
        draw_threshold=True,
        linefmt="C0-",
        markerfmt=",",
        fig=None,
        title=None,
        size=None,
        color=None,
    ):
        self.ax = ax
        self.draw_threshold = draw_threshold
        self.linefmt = linefmt
        self.markerfmt = markerfmt
        self.fig = fig
        self.title = title
        self.size = size
        self.color = color

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # y is required: fit(X) alone says so (scikit-learn's check_requires_y_none).
        tags.target_tags = dataclasses.replace(tags.target_tags, required=True)
        return tags

    # -- compute -----------------------------------------------------------------

    def _check_data(self, X, y) -> tuple[np.ndarray, np.ndarray]:
        """X and y as float arrays, or a clear error naming the argument."""
        X_array = check_X(X, numeric=True)
        if y is None:
            raise VizkitValueError(
                f"{type(self).__name__} requires y to be passed, but the target y "
                "is None; pass the regression target of every row of X."
            )
        y_array = as_float_target(check_target(y, n_samples=len(X_array)), "y")
        check_no_overflow(X_array, "X", RESCALE_X)
        check_no_overflow(y_array, "y", RESCALE_TARGET)
        return X_array, y_array

    def fit(self, X, y):
        """Fit least squares to ``(X, y)`` and compute each row's Cook's distance.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numeric features without NaN (numpy, pandas, polars); an intercept
            is added.
        y : array-like of shape (n_samples,)
            The regression target.

        Returns
        -------
        self
        """
        X_array, y_array = self._check_data(X, y)
        self._record_input(X)
        _check_enough_samples(*X_array.shape)
        fit = ols_fit(X_array, y_array)
        _check_fit(fit)
        _warn_about_fit(fit, X_array.shape[1])
        self.distance_ = cook_distances(fit)
        self.p_values_ = cook_p_values(self.distance_, fit.n_params)
        self.influence_threshold_ = influence_threshold(len(y_array))
        self.outlier_percentage_ = outlier_percentage(
            self.distance_, self.influence_threshold_
        )
        self.coef_, self.intercept_ = fit.coef, fit.intercept
        return self

    def score(self, X, y):
        """R^2 of the fitted least squares model on ``(X, y)``.

        Not in Yellowbrick: it lets a Pipeline or ``cross_val_score`` score
        the linear fit whose influence is drawn (as
        ``LinearRegression().fit(X_train, y_train).score(X, y)``). Parameters
        of this visualizer only draw, so they never change it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Features, with the columns seen in ``fit``.
        y : array-like of shape (n_samples,)
            The regression target.

        Returns
        -------
        score : float
        """
        if "coef_" not in self.__dict__:
            raise NotFitted.from_estimator(self, "score")
        X_array, y_array = self._check_data(X, y)
        self._check_n_features(X_array.shape[1])
        return float(r2_score(y_array, X_array @ self.coef_ + self.intercept_))

    # -- draw ----------------------------------------------------------------------

    def draw(self) -> None:
        """Draw one stem per row (or per block of rows) and the threshold line."""
        shown = block_maxima(self.distance_)
        self.stem_ = self.ax_.stem(
            shown, self.distance_[shown], linefmt=self.linefmt,
            markerfmt=self.markerfmt,
        )  # fmt: skip
        n_samples = len(self.distance_)
        self.ax_.set_xlim(-0.5, n_samples - 0.5)
        self.threshold_line_ = None
        if self.draw_threshold:
            baseline = self.stem_.baseline
            label = (
                f"{self.outlier_percentage_:.2f}% > $I_t$ "
                f"($I_t = 4/n = {self.influence_threshold_:.3g}$)"
            )
            self.threshold_line_ = self.ax_.axhline(
                self.influence_threshold_, ls="--", label=label,
                color=baseline.get_color(), lw=baseline.get_linewidth(),
                zorder=CURVE_ZORDER,  # above the stems, which may cover it
            )  # fmt: skip
        if len(shown) < n_samples:
            self.ax_.text(
                0.99, 0.99,
                f"largest of every {-(-n_samples // len(shown)):,} rows shown",
                transform=self.ax_.transAxes, ha="right", va="top",
                fontsize="x-small", color="0.4",
            )  # fmt: skip

    def finalize(self):
        """Add the title, axis labels and the threshold's legend. Returns ``ax_``."""
        self.set_title("Cook's Distance Outlier Detection")
        self.ax_.set_xlabel("instance index")
        self.ax_.set_ylabel("influence (I)")
        self.legend_ = None
        if self.threshold_line_ is not None:
            self.legend_ = self.ax_.legend(loc="best", frameon=True)
        return self.ax_


def _check_enough_samples(n_samples: int, n_features: int) -> None:
    """Refuse data with no degree of freedom left for the residual variance."""
    if n_samples <= n_features + 1:
        raise VizkitValueError(
            f"X has {n_samples} sample(s) and {n_features} feature(s): least "
            f"squares with an intercept estimates {n_features + 1} parameters, and "
            "Cook's distance needs more samples than parameters; pass at least "
            f"{n_features + 2} samples, or fewer features."
        )


def _check_fit(fit: OLSFit) -> None:
    """Refuse fits whose Cook's distances are undefined or coefficients overflow."""
    if fit.n_params == 1:
        raise VizkitValueError(
            "X is constant: every column holds a single value, so least squares "
            "fits the mean of y alone and no row's influence can be told apart; "
            "pass features that vary."
        )
    bound = np.flatnonzero(1.0 - fit.leverage <= LEVERAGE_ONE)
    if bound.size:
        listed = ", ".join(str(row) for row in bound[:5])
        listed += ", ..." if bound.size > 5 else ""
        raise VizkitValueError(
            f"X row(s) [{listed}] have leverage 1: each alone fixes a "
            "direction of the fit (e.g. the only row where a one-hot column is "
            "set), and Cook's distance divides by 1 - leverage; drop those rows, "
            "or the columns only they use."
        )
    if not np.all(np.isfinite([*fit.coef, fit.intercept])):
        columns = np.flatnonzero(~np.isfinite(fit.coef)).tolist()
        raise VizkitValueError(
            f"X column(s) {columns} are so small next to y that their least "
            f"squares coefficients overflow; {RESCALE_X}"
        )


def _warn_about_fit(fit: OLSFit, n_features: int) -> None:
    """Say when columns are collinear, or when y is fitted exactly."""
    if fit.n_params < n_features + 1:
        warnings.warn(
            f"X's columns are collinear (or constant): with the intercept they "
            f"span {fit.n_params} of {n_features + 1} dimensions. The fit uses a "
            f"pseudo-inverse and Cook's distance counts {fit.n_params} "
            "parameters; drop redundant columns to silence this warning.",
            VizkitWarning,
            stacklevel=4,
        )
    if fit.exact:
        warnings.warn(
            "y is an exact linear function of X (the residuals are rounding "
            "errors): no row moves the fit, so every Cook's distance is 0.",
            VizkitWarning,
            stacklevel=4,
        )


cooks_distance = declare(
    CooksDistance, kind=DATA, quick="cooks_distance", example=examples.regression_data
)
