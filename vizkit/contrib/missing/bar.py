"""Bar chart of the number of missing values of each feature, stacked by class."""

from __future__ import annotations

import dataclasses

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.contrib.missing.base import MissingDataVisualizer
from vizkit.registry import TRANSFORMER, declare
from vizkit.utils.docs import common_params

#: Colour of the bars without a class target when ``color`` is None
#: (Yellowbrick's ``missing_bar`` default).
DEFAULT_COLOR = "black"


def nan_counts(
    mask: np.ndarray, codes: np.ndarray | None = None, n_classes: int = 1
) -> np.ndarray:
    """Missing values per class and feature, shape (n_classes, n_features).

    ``mask`` is True where a value is missing; ``codes`` gives each row's
    class code in ``range(n_classes)`` (None counts every row in one class).
    Only the missing cells are visited, once.
    """
    if codes is None:
        return mask.sum(axis=0, dtype=np.int64)[np.newaxis, :]
    n_features = mask.shape[1]
    rows, columns = np.nonzero(mask)
    cells = codes[rows] * n_features + columns
    counts = np.bincount(cells, minlength=n_classes * n_features)
    return counts.reshape(n_classes, n_features).astype(np.int64, copy=False)


@common_params
class MissingValuesBar(MissingDataVisualizer):
    """Horizontal bars of the number of missing values of each feature.

    With a class target ``y`` the bars are stacked: one colour per class,
    each segment the missing values of that feature among that class's rows.
    Missing values are NaN, None, pandas' NA and NaT, in columns of any type.

    Parameters
    ----------
    width : float, default=0.5
        The thickness of the bars, from 0 to 1 (bars 1 wide touch).
    color : color, default=None
        The colour of the bars without a class target; None draws them black.
    colors : color, list of colors or palette name, default=None
        The colours of the classes of a stacked chart, cycled if there are
        fewer than classes.
    classes : list of str, default=None
        Names of the classes of ``y`` for the legend, in the order of the
        sorted class values.
    {common: ax, fig}
    features : list of str, default=None
        Names of the columns of X, one per column. None uses the column names
        of a pandas or polars frame, else ``x0, x1, ...``. For a frame,
        naming some of its columns draws only those.
    colormap : str or matplotlib Colormap, default=None
        The colormap sampled for class colours when ``colors`` is None.
    target_type : {"auto", "single", "discrete", "continuous"}, default="auto"
        "auto" and "discrete" stack the bars by the class of ``y``; "single"
        ignores ``y``. A continuous target cannot be stacked: pass class
        labels, or ``target_type="single"``.
    title : str, default=None
        The title of the plot; None gives "Count of Missing Values by Column".
    {common: size}

    Attributes
    ----------
    nan_col_counts_ : ndarray of int, shape (n_features,)
        The number of missing values of each feature.
    nan_counts_ : ndarray of int, shape (n_classes, n_features)
        The missing values of each feature among each class's rows (one row,
        equal to ``nan_col_counts_``, without a class target).
    features_ : ndarray of str, shape (n_features,)
        The names of the columns of X.
    classes_ : ndarray of str, shape (n_classes,)
        The class labels of ``y``.
    n_samples_ : int
        The number of rows of X.
    bars_ : list of matplotlib BarContainer
        The drawn bars, one container per class (one without a target).

    Examples
    --------
    >>> import numpy as np
    >>> from vizkit.contrib.missing import MissingValuesBar
    >>> X = np.array([[1.0, np.nan], [np.nan, np.nan], [3.0, 4.0]])
    >>> MissingValuesBar().fit(X).nan_col_counts_
    array([1, 2])
    """

    _params = {
        "width": P.number(0, 1, draw=True),
        # The conformance example has classes, which ``color`` does not colour.
        "color": dataclasses.replace(P.color(), example=None),
    }

    def __init__(
        self,
        width=0.5,
        color=None,
        colors=None,
        classes=None,
        ax=None,
        fig=None,
        features=None,
        colormap=None,
        target_type="auto",
        title=None,
        size=None,
    ):
        self.width = width
        self.color = color
        self.colors = colors
        self.classes = classes
        self.ax = ax
        self.fig = fig
        self.features = features
        self.colormap = colormap
        self.target_type = target_type
        self.title = title
        self.size = size

    def _fit_missing(self, mask: np.ndarray) -> None:
        codes = self._codes()
        n_classes = 1 if codes is None else len(self.classes_)
        self.nan_counts_ = nan_counts(mask, codes, n_classes)
        self.nan_col_counts_ = self.nan_counts_.sum(axis=0)

    def get_nan_col_counts(self) -> list:
        """Yellowbrick's counts: one per feature, or ``(class, counts)`` pairs."""
        values = self._class_values
        if self._codes() is None or values is None:
            return [int(count) for count in self.nan_col_counts_]
        return list(zip(values, self.nan_counts_))

    # -- draw ----------------------------------------------------------------------

    def _bar_colors(self) -> list[str]:
        if self._codes() is None:
            return [DEFAULT_COLOR if self.color is None else self.color]
        return self.colors_

    def draw(self) -> None:
        """Draw one bar per feature, its segments stacked class after class."""
        positions = np.arange(len(self.features_))
        labels = self.classes_ if self._codes() is not None else [None]
        left = np.zeros(len(positions), dtype=np.int64)
        self.bars_ = []
        for counts, color, label in zip(self.nan_counts_, self._bar_colors(), labels):
            bars = self.ax_.barh(
                positions, counts, self.width, left=left, color=color, label=label
            )
            self.bars_.append(bars)
            left = left + counts
        self._note_nothing_missing(int(self.nan_col_counts_.sum()))

    def finalize(self):
        """Title, feature names, the count axis and the class legend."""
        from matplotlib.ticker import MaxNLocator

        self.set_title("Count of Missing Values by Column")
        self.ax_.set_xlabel("Count")
        self.ax_.xaxis.set_major_locator(MaxNLocator(integer=True))
        self._label_features()
        self.legend_ = None
        if self._codes() is not None:
            self.legend_ = self.ax_.legend(loc="best", frameon=True)
        return self.ax_


missing_bar = declare(
    MissingValuesBar, kind=TRANSFORMER, quick="missing_bar", example=examples.missing
)
