"""Histogram of a continuous target with its bin edges, to choose class bins."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.exceptions import NotFitted, VizkitValueError
from vizkit.registry import TARGET, declare
from vizkit.style import resolve_colors
from vizkit.target.base import TargetVisualizer, split_fit_args
from vizkit.target.class_balance import proportion_overlap
from vizkit.utils.docs import common_params
from vizkit.utils.validation import check_option, check_target, plain

#: numpy's rules for the number of bins (``np.histogram_bin_edges``).
BIN_RULES = ("auto", "fd", "doane", "scott", "stone", "rice", "sturges", "sqrt")
#: Colour of the vertical lines at the bin edges (Yellowbrick's red).
EDGE_COLOR = "r"


def _bins_check(value: Any, name: str, viz: Any) -> None:
    if isinstance(value, str):
        check_option(value, name, BIN_RULES)
        return
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        if int(value) >= 1:
            return
    elif _increasing_edges(value):
        return
    raise VizkitValueError(
        f"bins={plain(value)!r} is not valid; pass a number of bins (at least "
        f"1), increasing bin edges (e.g. [0, 10, 50, 100]) or one of numpy's "
        f"rules {', '.join(repr(rule) for rule in BIN_RULES)}."
    )


def _increasing_edges(value: Any) -> bool:
    try:
        edges = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return (
        edges.ndim == 1
        and len(edges) >= 2
        and bool(np.all(np.isfinite(edges)))
        and bool(np.all(np.diff(edges) > 0))
    )


# -- computations (arrays in, arrays out) -----------------------------------------


def numeric_target(y: Any, name: str = "y") -> np.ndarray:
    """Check a 1-D target and return it as floats (never mutated)."""
    array = check_target(y, name=name)
    try:
        return array.astype(np.float64, copy=False)
    except (TypeError, ValueError):
        raise VizkitValueError(
            f"{name} holds non-numeric values (dtype {array.dtype}); "
            "BalancedBinningReference draws the histogram of a continuous "
            "target. Count class labels with ClassBalance instead."
        ) from None


def histogram(y: np.ndarray, bins: Any) -> tuple[np.ndarray, np.ndarray]:
    """``np.histogram(y, bins)``: the counts and the bin edges."""
    try:
        with np.errstate(all="ignore"):  # an overflowing range is reported below
            counts, edges = np.histogram(y, bins=bins)
    # numpy < 2 raises IndexError for a range too large to bin
    except (ValueError, IndexError, MemoryError) as error:
        raise VizkitValueError(
            f"y cannot be binned with bins={plain(bins)!r} ({error}); pass a "
            "number of bins or explicit bin edges."
        ) from None
    return counts, edges


def binned_counts(y: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Counts of ``y`` in the bins of ``edges``, then the count outside them."""
    counts, _ = np.histogram(y, bins=edges)
    return np.r_[counts, len(y) - counts.sum()]


# -- the visualizer ------------------------------------------------------------------


@common_params
class BalancedBinningReference(TargetVisualizer):
    """Histogram of a continuous target with its bin edges drawn as lines.

    The vertical lines mark where ``np.histogram`` would cut the target into
    ``bins`` bins: reference values for turning a regression target into
    classes. ``fit(y)`` takes the target alone; in a Pipeline or
    GridSearchCV, which call ``fit(X, y)``, the 2-D first argument is taken
    as X and ``y`` is drawn.

    Parameters
    ----------
    {common: ax}
    target : str, default=None
        The name of the target, for the x axis label. None uses the name of
        a named pandas or polars Series, else "y".
    bins : int, sequence of floats or str, default=4
        As numpy's ``bins``: the number of equal-width bins, increasing bin
        edges, or a rule that picks the number ("auto", "fd", "sturges"...).
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "Binning Reference of <target>".
    {common: size}
    color : color, default=None
        The colour of the histogram; None uses the first colour of the
        current colour cycle.

    Attributes
    ----------
    bin_edges_ : ndarray of shape (n_bins + 1,)
        The bin edges, as ``np.histogram`` returns them.
    n_ : ndarray of shape (n_bins,)
        The number of values of the target in each bin.

    Examples
    --------
    >>> from vizkit.target import BalancedBinningReference
    >>> viz = BalancedBinningReference(bins=2).fit([1.0, 2.0, 2.5, 4.0, 5.0])
    >>> viz.bin_edges_
    array([1., 3., 5.])
    >>> viz.n_
    array([3, 2])
    """

    _params = {
        "target": P.anything(draw=True),
        "bins": P.Param(_bins_check),
    }

    def __init__(
        self, ax=None, target=None, bins=4, fig=None, title=None, size=None, color=None
    ):
        self.ax = ax
        self.target = target
        self.bins = bins
        self.fig = fig
        self.title = title
        self.size = size
        self.color = color

    def fit(self, y, y_test=None):
        """Count the target in each bin.

        Parameters
        ----------
        y : array-like of shape (n_samples,)
            The continuous target. In a Pipeline, which calls ``fit(X, y)``,
            a 2-D first argument is taken as X and the second as the target.
        y_test : None
            Only a Pipeline's target (see ``y``): a second 1-D target is an
            error, as one histogram is drawn.

        Returns
        -------
        self
        """
        target, second = split_fit_args(y, y_test)
        if second is not None:
            raise VizkitValueError(
                "BalancedBinningReference draws one target, but fit got two "
                "1-D targets; pass fit(y) (or compare splits with ClassBalance)."
            )
        if y_test is not None:
            self._record_input(y)  # called as fit(X, y), e.g. by a Pipeline
        values = numeric_target(target)
        self.n_, self.bin_edges_ = histogram(values, self.bins)
        self._series_name = getattr(target, "name", None)
        return self

    def score(self, X, y=None):
        """Agreement of a target's distribution over the bins with the fitted one.

        Not in Yellowbrick: it lets ``cross_val_score`` or ``GridSearchCV``
        score the visualizer without a ``scoring`` argument. Returns one minus
        the total variation distance between the proportions of the target in
        the fitted bins (values outside them in a bin of their own) and the
        fitted proportions: 1.0 for identical proportions.

        Parameters
        ----------
        X : array-like
            The target, or, as a Pipeline calls ``score(X, y)``, a 2-D X
            followed by the target in ``y``.
        y : array-like of shape (n_samples,), default=None
            The target when ``X`` is 2-D.

        Returns
        -------
        score : float
        """
        if not self.__sklearn_is_fitted__():
            raise NotFitted.from_estimator(self, "score")
        values = numeric_target(split_fit_args(X, y)[0])
        reference = np.r_[self.n_, 0]
        return proportion_overlap(reference, binned_counts(values, self.bin_edges_))

    def _target_name(self) -> str:
        if self.target is not None:
            return str(self.target)
        name = self.__dict__.get("_series_name")
        return str(name) if isinstance(name, str) and name else "y"

    def draw(self) -> None:
        """Draw the histogram and a vertical line at every bin edge."""
        color = resolve_colors(1, None, self.color)[0]
        self.patch_ = self.ax_.stairs(self.n_, self.bin_edges_, fill=True, color=color)
        top = max(int(self.n_.max()), 1)
        self.lines_ = self.ax_.vlines(self.bin_edges_, 0, top, colors=EDGE_COLOR)

    def finalize(self):
        """Add the title and the axis labels."""
        from matplotlib.ticker import MaxNLocator

        name = self._target_name()
        self.set_title(f"Binning Reference of {name}")
        self.ax_.set_xlabel(name)
        self.ax_.set_ylabel("count")
        self.ax_.yaxis.set_major_locator(MaxNLocator(integer=True))
        self.ax_.set_ylim(0, max(int(self.n_.max()), 1) * 1.05)
        return self.ax_


balanced_binning_reference = declare(
    BalancedBinningReference,
    kind=TARGET,
    quick="balanced_binning_reference",
    example=examples.regression_data,
    renamed_arguments={"y": "y_train"},
)
