"""Base class of the visualizers that score a regression model."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.base import is_regressor
from sklearn.metrics import r2_score

from vizkit import params as P
from vizkit.base import ScoreVisualizer
from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.utils.docs import common_params
from vizkit.utils.validation import (
    check_consistent_length,
    check_finite,
    check_no_overflow,
    check_target,
)

__all__ = ["RegressionScoreVisualizer", "regression_metrics"]

#: The fix for a target whose squares overflow (R^2 sums them).
RESCALE_TARGET = "divide the target by a power of ten first (R^2 does not change)."
#: The fix for predictions that are NaN, infinite or too large to square.
PREDICTIONS_FIX = (
    "the model could not fit or predict this data; check X for extreme values "
    "(such as 1e300 or 1e-310) and rescale it, e.g. with "
    "sklearn.preprocessing.StandardScaler."
)


def as_float_target(y: Any, name: str) -> np.ndarray:
    """Return a 1-D target as floats, or say why it cannot be a regression target."""
    try:
        return np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError):
        raise VizkitValueError(
            f"{name} must hold numbers for a regression visualizer, got dtype "
            f"{np.asarray(y).dtype}; encode the target or use a classifier "
            "visualizer."
        ) from None


def as_predictions(y_pred: Any, n_samples: int, name: str = "y_pred") -> np.ndarray:
    """Return single-output predictions as a 1-D float array of ``n_samples``."""
    values = as_float_target(y_pred, name)
    if values.ndim == 2 and values.shape[1] == 1:
        values = values.ravel()
    if values.ndim != 1:
        raise VizkitValueError(
            f"{name} has shape {values.shape}; regression visualizers need one "
            "prediction per sample (a single-output model)."
        )
    if values.shape[0] != n_samples:
        raise VizkitValueError(
            f"{name} has {values.shape[0]} values but the target has {n_samples}; "
            "pass one prediction per sample."
        )
    return values


def check_regression_predictions(
    y_true: Any, y_pred: Any
) -> tuple[np.ndarray, np.ndarray]:
    """Validate ``from_predictions`` input: two finite float arrays of one length."""
    check_consistent_length(y_true=y_true, y_pred=y_pred)
    y_array = as_float_target(check_target(y_true, name="y_true"), "y_true")
    predictions = as_predictions(y_pred, len(y_array))
    check_target(predictions, name="y_pred")
    check_no_overflow(y_array, "y_true", RESCALE_TARGET)
    check_no_overflow(predictions, "y_pred", RESCALE_TARGET)
    return y_array, predictions


# -- metrics stated on the picture ------------------------------------------------

#: Display names of the metrics ``regression_metrics`` returns, in display order.
METRIC_NAMES = {"r2": "R²", "mse": "MSE", "rmse": "RMSE", "mae": "MAE", "msle": "MSLE"}


def regression_metrics(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    """R^2, MSE, RMSE, MAE and, when no value is negative, MSLE of predictions.

    The keys are "r2", "mse", "rmse", "mae" and "msle". The mean squared
    logarithmic error compares ``log1p`` of both, so it is only given when
    the targets and the predictions are all >= 0; otherwise "msle" is left
    out.
    """
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    errors = y_true - y_pred
    mse = float(np.mean(errors**2))
    metrics = {
        "r2": float(r2_score(y_true, y_pred)),
        "mse": mse,
        "rmse": math.sqrt(mse),
        "mae": float(np.mean(np.abs(errors))),
    }
    if y_true.min() >= 0 and y_pred.min() >= 0:
        log_errors = np.log1p(y_true) - np.log1p(y_pred)
        metrics["msle"] = float(np.mean(log_errors**2))
    return metrics


def metrics_table(
    columns: Mapping[str, Mapping[str, float]],
    names: Sequence[str] = ("mse", "rmse", "mae", "msle"),
) -> str:
    """Metrics as aligned text: a row per metric, a column per split.

    ``columns`` maps a column heading (e.g. "Train") to that split's metrics;
    a single column with an empty heading gets no heading row. A metric
    missing from a split (MSLE of negative targets) shows "-"; one missing
    from every split is left out.
    """
    headings = list(columns)
    rows = [[""] + headings] if any(headings) else []
    for name in names:
        if any(name in metrics for metrics in columns.values()):
            values = [columns[h].get(name) for h in headings]
            cells = ["-" if v is None else f"{v:.4g}" for v in values]
            rows.append([METRIC_NAMES[name], *cells])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        " ".join(
            [row[0].ljust(widths[0])]
            + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        )
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


#: The four corners a text box or legend may take, in order of preference.
CORNERS = ("upper left", "lower right", "upper right", "lower left")
#: Most points counted when choosing a corner (a regular subsample above it).
CORNER_SAMPLE = 100_000


def corner_counts(
    x: np.ndarray, y: np.ndarray, xlim: Sequence[float], ylim: Sequence[float],
    width: float, height: float,
) -> dict[str, int]:  # fmt: skip
    """Points under a box of ``width`` x ``height`` (axes fractions) in each corner.

    ``x``, ``y`` are data coordinates; ``xlim``, ``ylim`` the view limits
    (linear axes). Above ``CORNER_SAMPLE`` points, every k-th is counted.
    """
    step = max(1, len(x) // CORNER_SAMPLE)
    u = (np.asarray(x[::step], dtype=float) - xlim[0]) / (xlim[1] - xlim[0])
    v = (np.asarray(y[::step], dtype=float) - ylim[0]) / (ylim[1] - ylim[0])
    inside = (u >= 0) & (u <= 1) & (v >= 0) & (v <= 1)
    left, right = inside & (u <= width), inside & (u >= 1 - width)
    bottom, top = v <= height, v >= 1 - height
    masks = {
        "upper left": left & top, "lower right": right & bottom,
        "upper right": right & top, "lower left": left & bottom,
    }  # fmt: skip
    return {corner: int(mask.sum()) for corner, mask in masks.items()}


def emptiest_corner(counts: Mapping[str, int], taken: Sequence[str] = ()) -> str:
    """The free corner with the fewest points; ties go by ``CORNERS`` order."""
    free = [corner for corner in CORNERS if corner not in taken]
    return min(free, key=lambda corner: (counts[corner], free.index(corner)))


# -- drawing the metrics box ------------------------------------------------------

#: Where a box sits in each corner: anchor (axes fraction), offset direction, ha, va.
_CORNER_ANCHORS = {
    "upper left": ((0, 1), (1, -1), "left", "top"),
    "upper right": ((1, 1), (-1, -1), "right", "top"),
    "lower left": ((0, 0), (1, 1), "left", "bottom"),
    "lower right": ((1, 0), (-1, 1), "right", "bottom"),
}
#: Gap between a box and the axes edges, in points (as a legend's).
_BOX_GAP = 6.0


def draw_metrics_box(ax, text: str):
    """Write ``text`` (a :func:`metrics_table`) in a framed box in a corner of ``ax``.

    Returns the annotation; :func:`place_in_corners` moves it where it hides
    the fewest points.
    """
    return ax.annotate(
        text, xy=(0, 1), xycoords="axes fraction", xytext=(_BOX_GAP, -_BOX_GAP),
        textcoords="offset points", ha="left", va="top", family="monospace",
        fontsize="small", zorder=5,
        bbox={"boxstyle": "round,pad=0.4", "facecolor": "white",
              "edgecolor": "0.8", "alpha": 0.85},
    )  # fmt: skip


def place_in_corners(ax, boxes: Sequence[Any], x: np.ndarray, y: np.ndarray) -> list:
    """Move each box (a legend or an annotation) to the emptiest free corner.

    The boxes are placed in turn, each in the corner whose box-sized area
    holds the fewest of the points ``(x, y)``, so they cover as little data
    as possible whether the points were drawn as a scatter or as a density
    image. Make legends with a fixed ``loc`` (matplotlib's "best" would
    search every point again when measured). Returns the corners taken.
    """
    ax.apply_aspect()  # an equal aspect shrinks the axes: measure the final box
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    pad = 2 * _BOX_GAP * ax.figure.dpi / 72  # the gap, both sides, in pixels
    # Notes already written (e.g. "points binned") must stay readable too.
    to_axes = ax.transAxes.inverted()
    notes = [
        to_axes.transform_bbox(text.get_window_extent())
        for text in ax.texts
        if all(text is not box for box in boxes) and text.get_visible()
    ]
    taken: list[str] = []
    for box in boxes:
        extent = box.get_window_extent()
        width = (extent.width + pad) / ax.bbox.width
        height = (extent.height + pad) / ax.bbox.height
        counts = corner_counts(x, y, xlim, ylim, width, height)
        hidden = [c for c in CORNERS if _covers(c, width, height, notes)]
        blocked = taken + hidden if len(set(taken + hidden)) < len(CORNERS) else taken
        corner = emptiest_corner(counts, blocked)
        _move_to(box, corner)
        taken.append(corner)
    return taken


def _covers(corner: str, width: float, height: float, notes: Sequence[Any]) -> bool:
    """Whether a box in ``corner`` would overlap one of ``notes`` (axes bboxes)."""
    from matplotlib.transforms import Bbox

    (ax_x, ax_y), _, _, _ = _CORNER_ANCHORS[corner]
    x0, y0 = ax_x * (1 - width), ax_y * (1 - height)
    area = Bbox.from_bounds(x0, y0, width, height)
    return any(area.overlaps(note) for note in notes)


def _move_to(box, corner: str) -> None:
    if hasattr(box, "set_loc"):  # a legend
        box.set_loc(corner)
        return
    anchor, (sx, sy), ha, va = _CORNER_ANCHORS[corner]
    box.xy = anchor
    box.xyann = (sx * _BOX_GAP, sy * _BOX_GAP)
    box.set_horizontalalignment(ha)
    box.set_verticalalignment(va)


@common_params
class RegressionScoreVisualizer(ScoreVisualizer):
    """A visualizer that wraps a regressor and scores it on test data.

    ``fit`` fits the regressor when needed; ``score`` predicts the test data
    and stores the coefficient of determination in ``score_``.

    Parameters
    ----------
    estimator : scikit-learn regressor
        The model to visualize. ``fit`` checks that it is a regressor (with
        ``sklearn.base.is_regressor``) unless ``force_model`` is True, and fits
        it in place when it is not fitted yet (see ``is_fitted``).
    {common: ax, fig, is_fitted}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a regressor.
    {common: title, size}

    Attributes
    ----------
    score_ : float
        The R^2 score of the model on the data passed to ``score``.
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

    def _check_regressor(self) -> None:
        """Raise ModelError when ``estimator`` is not a regressor."""
        if self.force_model or is_regressor(self.estimator):
            return
        raise ModelError(
            f"estimator {type(self.estimator).__name__} is not a regressor; pass a "
            "regressor (e.g. sklearn.linear_model.Ridge()), use a classifier or "
            "cluster visualizer for other models, or set force_model=True to skip "
            "this check."
        )

    def fit(self, X, y, **kwargs):
        """Fit the wrapped regressor on ``(X, y)`` if it needs fitting.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training features.
        y : array-like of shape (n_samples,)
            Training target.
        **kwargs
            Passed to the estimator's ``fit``.

        Returns
        -------
        self
        """
        self._check_regressor()
        self._check_regression_data(X, y)
        self._fit_estimator(X, y, **kwargs)
        return self

    def _check_regression_data(self, X, y) -> np.ndarray:
        """The target as floats, after the checks of ``_check_fit_data``."""
        self._require_target(y, "the true target")
        y_true = as_float_target(self._check_fit_data(X, y), "y")
        return check_no_overflow(y_true, "y", RESCALE_TARGET)

    def _predict(self, X, y, method: str = "score") -> tuple[np.ndarray, np.ndarray]:
        """Validate ``(X, y)``, predict ``X`` once; return ``(y, y_pred)``."""
        self._check_regressor()
        self._check_estimator_fitted(method)
        y_true = self._check_regression_data(X, y)
        return y_true, self._predictions(X, len(y_true))

    def _predictions(self, X, n_samples: int) -> np.ndarray:
        """The model's predictions for ``X`` (given as the user passed it)."""
        predicted = self._call_model("predict", X)
        values = as_predictions(predicted, n_samples, "predict(X)")
        check_finite(values, "predict(X)", PREDICTIONS_FIX)
        return check_no_overflow(values, "predict(X)", PREDICTIONS_FIX)

    def score(self, X, y):
        """Predict ``X`` and store the R^2 score against ``y`` in ``score_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Test features.
        y : array-like of shape (n_samples,)
            Test target.

        Returns
        -------
        score_ : float
        """
        y_true, y_pred = self._predict(X, y)
        self.score_ = float(r2_score(y_true, y_pred))
        return self.score_
