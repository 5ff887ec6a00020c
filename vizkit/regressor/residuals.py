"""Residuals against predicted values, with a histogram or a Q-Q plot beside them."""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from scipy.stats import probplot

from vizkit import examples
from vizkit import params as P
from vizkit.draw import manual_legend, scatter_classes
from vizkit.exceptions import VizkitValueError
from vizkit.registry import SCORE, declare
from vizkit.regressor.base import (
    CORNERS,
    RegressionScoreVisualizer,
    check_regression_predictions,
    draw_metrics_box,
    metrics_table,
    place_in_corners,
    regression_metrics,
)
from vizkit.style import LINE_COLOR
from vizkit.utils.docs import common_params

__all__ = ["ResidualsPlot", "residuals_plot"]

HistOption = Literal[True, False, None, "density", "frequency"]
HIST_OPTIONS: tuple[Any, ...] = (True, False, None, "density", "frequency")
#: Bins of the residuals histogram (Yellowbrick's number).
HIST_BINS = 50
SPLITS = ("train", "test")
# Per-split fitted attributes: f"{split}_{name}_".
_SPLIT_RESULTS = (
    "predictions", "residuals", "score", "metrics", "histogram", "qq", "qq_line",
)  # fmt: skip


# -- computations (arrays in, arrays out) -----------------------------------------


def residuals(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """Observed minus predicted target: ``y_true - y_pred``."""
    return np.asarray(y_true, dtype=np.float64) - np.asarray(y_pred, dtype=np.float64)


def residual_histogram(
    values: np.ndarray, density: bool = False, bins: int = HIST_BINS
) -> tuple[np.ndarray, np.ndarray]:
    """Counts (or densities) and bin edges of the residuals, as ``np.histogram``."""
    return np.histogram(values, bins=bins, density=density)


def residual_quantiles(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Normal theoretical quantiles and the ordered residuals (a Q-Q plot)."""
    theoretical, ordered = probplot(values, dist="norm", fit=False)
    return np.asarray(theoretical), np.asarray(ordered)


def quantile_fit(theoretical: np.ndarray, ordered: np.ndarray) -> tuple[float, float]:
    """Slope and intercept of the least-squares line of a Q-Q plot.

    The residuals are normal where the points follow this line (the line
    ``scipy.stats.probplot(..., fit=True)`` fits).
    """
    slope, intercept = np.polyfit(theoretical, ordered, deg=1)
    return float(slope), float(intercept)


def split_results(
    y_true: np.ndarray, y_pred: np.ndarray, hist: HistOption, qqplot: bool
) -> dict[str, Any]:
    """Everything drawn for one split: predictions, residuals, metrics, hist or Q-Q."""
    if qqplot and len(y_true) < 2:
        raise VizkitValueError(
            "qqplot=True fits a reference line through the Q-Q points, which needs "
            f"at least 2 samples, but got {len(y_true)}; pass more samples, or set "
            "qqplot=False (hist=True draws a histogram)."
        )
    errors = residuals(y_true, y_pred)
    metrics = regression_metrics(y_true, y_pred)
    results: dict[str, Any] = {
        "predictions": np.asarray(y_pred, dtype=np.float64),
        "residuals": errors,
        "score": metrics["r2"],
        "metrics": metrics,
    }
    if hist in (True, "density", "frequency"):
        results["histogram"] = residual_histogram(errors, density=hist == "density")
    if qqplot:
        results["qq"] = residual_quantiles(errors)
        results["qq_line"] = quantile_fit(*results["qq"])
    return results


# -- the visualizer ------------------------------------------------------------------


@common_params
class ResidualsPlot(RegressionScoreVisualizer):
    """Residuals (observed minus predicted) against predicted values.

    Points scattered evenly around the zero line suggest the model captures
    the structure of the data; a curve or a funnel suggests it does not. The
    training split is drawn by ``fit``, the test split by ``score``.

    Parameters
    ----------
    estimator : scikit-learn regressor
        The model to visualize. ``fit`` checks that it is a regressor (unless
        ``force_model``) and fits it in place when it is not fitted yet (see
        ``is_fitted``).
    {common: ax}
    hist : {True, False, None, "density", "frequency"}, default=True
        Draw a histogram of the residuals to the right of the plot: True or
        "frequency" shows counts, "density" a probability density, False or
        None no histogram.
    qqplot : bool, default=False
        Draw a Q-Q plot of the residuals against normal quantiles to the right
        of the plot. It cannot be combined with ``hist``.
    train_color : color, default="b"
        Colour of the training residuals.
    test_color : color, default="g"
        Colour of the test residuals.
    line_color : color, default=LINE_COLOR
        Colour of the zero-residual line.
    train_alpha : float, default=0.75
        Opacity of the training residuals (0 transparent, 1 opaque).
    test_alpha : float, default=0.75
        Opacity of the test residuals (0 transparent, 1 opaque).
    {common: is_fitted, fig}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a regressor.
    title : str, default=None
        The title of the plot; None gives "Residuals for <model> Model".
    {common: size}
    color : any, default=None
        Accepted as Yellowbrick did; ignored with a warning (use
        ``train_color`` and ``test_color``).

    Attributes
    ----------
    train_predictions_, test_predictions_ : ndarray of shape (n_samples,)
        Predictions of the model on the training and test data.
    train_residuals_, test_residuals_ : ndarray of shape (n_samples,)
        ``y - estimator.predict(X)`` on the training and test data.
    train_score_, test_score_ : float
        R^2 of the model on the training and test data.
    train_metrics_, test_metrics_ : dict of str to float
        R^2, MSE, RMSE, MAE and (when no target or prediction is negative)
        MSLE, keyed "r2", "mse", "rmse", "mae", "msle"; written in a box on
        the plot.
    score_ : float
        Same as ``test_score_``.
    train_histogram_, test_histogram_ : tuple of ndarrays
        ``(counts, bin_edges)`` of the residuals, as ``np.histogram`` returns
        them (set when ``hist`` is on).
    train_qq_, test_qq_ : tuple of ndarrays
        ``(theoretical_quantiles, ordered_residuals)``, as
        ``scipy.stats.probplot`` returns them (set when ``qqplot`` is True).
    train_qq_line_, test_qq_line_ : tuple of float
        ``(slope, intercept)`` of the least-squares line through the Q-Q
        points, drawn dashed as the reference for normal residuals.
    hax_, qqax_ : matplotlib Axes or None
        The histogram and Q-Q axes once drawn (also ``hax`` and ``qqax``).

    Examples
    --------
    >>> from sklearn.linear_model import Ridge
    >>> from vizkit.regressor import ResidualsPlot
    >>> viz = ResidualsPlot(Ridge())
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "hist": P.choice(*HIST_OPTIONS),
        "qqplot": P.boolean(),
        "train_color": P.color(),
        "test_color": P.color(),
        "line_color": P.color(),
        "train_alpha": P.number(0, 1, draw=True),
        "test_alpha": P.number(0, 1, draw=True),
        "color": P.ignored("use train_color= and test_color= instead."),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        hist=True,
        qqplot=False,
        train_color="b",
        test_color="g",
        line_color=LINE_COLOR,
        train_alpha=0.75,
        test_alpha=0.75,
        is_fitted="auto",
        fig=None,
        force_model=False,
        title=None,
        size=None,
        color=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.hist = hist
        self.qqplot = qqplot
        self.train_color = train_color
        self.test_color = test_color
        self.line_color = line_color
        self.train_alpha = train_alpha
        self.test_alpha = test_alpha
        self.is_fitted = is_fitted
        self.fig = fig
        self.force_model = force_model
        self.title = title
        self.size = size
        self.color = color

    @property
    def hax(self):
        """The residuals histogram axes once drawn, else None (Yellowbrick name)."""
        return self.__dict__.get("hax_")

    @property
    def qqax(self):
        """The Q-Q plot axes once drawn, else None (Yellowbrick name)."""
        return self.__dict__.get("qqax_")

    # -- compute -----------------------------------------------------------------

    def _check_params_together(self) -> None:
        """The one check across parameters: hist and qqplot exclude each other."""
        if self.hist not in (False, None) and self.qqplot:
            raise VizkitValueError(
                f"hist={self.hist!r} and qqplot=True cannot be drawn together; set "
                "either hist or qqplot to False."
            )

    def _result(self, split: str, name: str) -> Any:
        """The stored ``{split}_{name}_`` result, or None."""
        return self.__dict__.get(f"{split}_{name}_")

    def _forget(self, split: str) -> None:
        for name in _SPLIT_RESULTS:
            self.__dict__.pop(f"{split}_{name}_", None)
        if split == "test":
            self.__dict__.pop("score_", None)

    def _store(self, split: str, y_true: np.ndarray, y_pred: np.ndarray) -> float:
        """Compute one split's results into ``{split}_*_`` attributes."""
        self._forget(split)
        results = split_results(y_true, y_pred, self.hist, self.qqplot)
        for name, value in results.items():
            setattr(self, f"{split}_{name}_", value)
        if split == "test":
            self.score_ = results["score"]
        return results["score"]

    def fit(self, X, y, **kwargs):
        """Fit the model if needed and compute the training residuals.

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
        y_true = self._check_regression_data(X, y)
        self._fit_estimator(X, y, **kwargs)
        self._forget("test")  # a new fit makes old test results stale
        self._store("train", y_true, self._predictions(X, len(y_true)))
        return self

    def score(self, X, y, train: bool = False):
        """Compute the test residuals and R^2 of the fitted model on ``(X, y)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Test features.
        y : array-like of shape (n_samples,)
            Test target.
        train : bool, default=False
            Store the results as the training split instead (Yellowbrick's
            keyword).

        Returns
        -------
        score : float
            R^2 of the model on ``(X, y)``.
        """
        return self._store("train" if train else "test", *self._predict(X, y))

    def _score_training(self, X, y) -> None:
        """Nothing: ``fit`` computed the training residuals, drawn once."""

    def _score_predictions(self, y_true, y_pred) -> None:
        self._store("test", *check_regression_predictions(y_true, y_pred))

    # -- draw ----------------------------------------------------------------------

    def _drawn_splits(self) -> list[str]:
        return [s for s in SPLITS if self._result(s, "residuals") is not None]

    def _style(self, split: str) -> tuple[str, Any, float]:
        """Legend label, colour and opacity of one split."""
        label = f"{split.capitalize()} $R^2 = {self._result(split, 'score'):0.3f}$"
        if split == "train":
            return label, self.train_color, self.train_alpha
        return label, self.test_color, self.test_alpha

    def _scatter(self, ax, split: str, x: np.ndarray, y: np.ndarray):
        """One split's points: a collection, or a density image when many."""
        label, color, alpha = self._style(split)
        codes = np.zeros(len(x), dtype=np.intp)
        artist = scatter_classes(ax, x, y, codes, [color], alpha=alpha)
        artist.set_label(label)
        return artist

    def draw(self) -> None:
        """Draw residual scatters, the zero line, the side histogram or Q-Q, metrics."""
        splits = self._drawn_splits()
        self.scatters_ = {}
        for s in splits:
            x, y = self._result(s, "predictions"), self._result(s, "residuals")
            self.scatters_[s] = self._scatter(self.ax_, s, x, y)
        self.zero_line_ = self.ax_.axhline(y=0, color=self.line_color)
        self.hax_ = self.qqax_ = None
        if any(self._result(s, "histogram") is not None for s in splits):
            self._draw_histograms(splits)
        if any(self._result(s, "qq") is not None for s in splits):
            self._draw_qq(splits)
        _fit_view_to_images(self.ax_)
        table = {s.capitalize(): self._result(s, "metrics") for s in splits}
        self.metrics_text_ = draw_metrics_box(self.ax_, metrics_table(table))

    def _side_axes(self, size: float, pad: float):
        from mpl_toolkits.axes_grid1 import make_axes_locatable

        divider = make_axes_locatable(self.ax_)
        side = divider.append_axes("right", size=size, pad=pad, sharey=self.ax_)
        side.yaxis.tick_right()
        return side

    def _draw_histograms(self, splits: list[str]) -> None:
        """One filled step artist per split, from the stored np.histogram."""
        self.hax_ = hax = self._side_axes(size=1, pad=0.1)
        hax.grid(False, axis="x")
        for split in splits:
            if self._result(split, "histogram") is not None:
                counts, edges = self._result(split, "histogram")
                _, color, alpha = self._style(split)
                hax.stairs(
                    counts, edges, orientation="horizontal", fill=True,
                    color=color, alpha=alpha,
                )  # fmt: skip
        hax.axhline(y=0, color=self.line_color)
        from matplotlib.ticker import MaxNLocator

        # Three ticks fit the narrow side axes; True and "frequency" count residuals.
        integer = self.hist != "density"
        hax.xaxis.set_major_locator(MaxNLocator(nbins=3, integer=integer))

    def _draw_qq(self, splits: list[str]) -> None:
        """The ordered residuals against normal quantiles, per split."""
        self.qqax_ = qqax = self._side_axes(size=2, pad=0.25)
        for split in splits:
            if self._result(split, "qq") is not None:
                self._scatter(qqax, split, *self._result(split, "qq"))
                slope, intercept = self._result(split, "qq_line")
                _, color, _ = self._style(split)
                qqax.axline((0, intercept), slope=slope, color=color, ls="--")
        _fit_view_to_images(qqax)

    def finalize(self):
        """Add the title, axis labels and legend, place the boxes. Returns ``ax_``."""
        name = "" if self.estimator is None else f" for {self.name} Model"
        self.set_title(f"Residuals{name}")
        splits = self._drawn_splits()
        styles = [self._style(split) for split in splits]
        labels, colors = [s[0] for s in styles], [s[1] for s in styles]
        self.legend_ = manual_legend(self.ax_, labels, colors, loc=CORNERS[0])
        x = np.concatenate([self._result(s, "predictions") for s in splits])
        y = np.concatenate([self._result(s, "residuals") for s in splits])
        place_in_corners(self.ax_, [self.legend_, self.metrics_text_], x, y)
        self.ax_.set_ylabel("Residuals")
        self.ax_.set_xlabel("Predicted Value")
        if self.hax_ is not None:
            self.hax_.set_xlabel("Distribution")
        if self.qqax_ is not None:
            self.qqax_.set_title("Q-Q plot")
            self.qqax_.set_xlabel("Theoretical quantiles")
            self.qqax_.set_ylabel("Observed quantiles")
            self.qqax_.yaxis.set_label_position("right")
        return self.ax_


def _fit_view_to_images(ax) -> None:
    """Limit the view to the drawn data when density images replaced scatters.

    Each image sets the limits to its own extent; the view must cover all of
    them, and the points of any scatter drawn beside them.
    """
    if not ax.images:
        return
    boxes = [image.get_extent() for image in ax.images]
    for collection in ax.collections:
        offsets = np.asarray(collection.get_offsets())
        if len(offsets):
            low, high = offsets.min(axis=0), offsets.max(axis=0)
            boxes.append((low[0], high[0], low[1], high[1]))
    box = np.asarray(boxes, dtype=float)
    ax.set_xlim(box[:, 0].min(), box[:, 1].max())
    ax.set_ylim(box[:, 2].min(), box[:, 3].max())


residuals_plot = declare(
    ResidualsPlot, kind=SCORE, quick="residuals_plot", example=examples.regression
)
