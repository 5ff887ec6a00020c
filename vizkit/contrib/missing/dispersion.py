"""Where the missing values are: one mark per missing value at (row, feature).

Up to :data:`vizkit.draw.DENSITY_THRESHOLD` missing values are drawn as
markers, one scatter per class (rasterised above :data:`RASTERIZE_ABOVE`, so
PDF and SVG files stay small). Above the threshold each feature's missing
values are binned along the rows into one image (the majority class colours
a bin, its opacity grows with the count), so a million of them draw and save
in a fraction of a second; a corner note says so.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from vizkit import draw as vdraw
from vizkit import examples
from vizkit import params as P
from vizkit.contrib.missing.base import MissingDataVisualizer
from vizkit.exceptions import VizkitValueError
from vizkit.registry import TRANSFORMER, declare
from vizkit.utils.docs import common_params

#: Marks above which the scatters are rasterised in vector outputs.
RASTERIZE_ABOVE = 10_000
#: Bins along the rows of each feature in the density image.
ROW_BINS = vdraw.DENSITY_BINS
#: Fraction of its row that a feature's band of binned values covers.
BAND = 0.6


def nan_locations(mask: np.ndarray) -> np.ndarray:
    """(row, feature) of each missing value, row by row; shape (n_missing, 2)."""
    return np.argwhere(mask)


def binned_locations(
    locations: np.ndarray, codes: np.ndarray, shape: tuple[int, int],
    n_classes: int, bins: int = ROW_BINS,
) -> np.ndarray:  # fmt: skip
    """Missing values per feature, row bin and class: (n_features, bins, n_classes).

    ``shape`` is X's (n_samples, n_features); ``codes`` gives the class code
    of each location. The rows are cut into ``bins`` equal bins.
    """
    n_samples, n_features = shape
    row_bin = np.minimum(locations[:, 0] * bins // max(n_samples, 1), bins - 1)
    cells = (locations[:, 1] * bins + row_bin) * n_classes + codes
    counts = np.bincount(cells, minlength=n_features * bins * n_classes)
    return counts.reshape(n_features, bins, n_classes)


def _marker_param(value: Any, name: str, viz: Any) -> None:
    from matplotlib.markers import MarkerStyle

    try:
        MarkerStyle(value)
    except (TypeError, ValueError):
        raise VizkitValueError(
            f"{name}={value!r} is not a matplotlib marker; pass one such as "
            "'|' (the default), 'o' or '.'."
        ) from None


@common_params
class MissingValuesDispersion(MissingDataVisualizer):
    """The position (row) of every missing value of each feature.

    Each missing value is a mark at its row position in X (x axis) on its
    feature's line (y axis), coloured by the class of its row when ``y`` is
    given. Missing values are NaN, None, pandas' NA and NaT, in columns of
    any type. Above ``vizkit.draw.DENSITY_THRESHOLD`` missing values, each
    feature's are binned along the rows (colour: the majority class, opacity:
    the count).

    Parameters
    ----------
    alpha : float, default=0.5
        Opacity of the marks, from 0 (transparent) to 1 (opaque). The binned
        image of many missing values has its own: it follows the counts.
    marker : matplotlib marker, default="|"
        The mark drawn at each missing value.
    classes : list of str, default=None
        Names of the classes of ``y`` for the legend, in the order of the
        sorted class values.
    {common: ax, fig}
    features : list of str, default=None
        Names of the columns of X, one per column. None uses the column names
        of a pandas or polars frame, else ``x0, x1, ...``. For a frame,
        naming some of its columns draws only those.
    colors : color, list of colors or palette name, default=None
        The colour of the marks (no target), or of each class, cycled if
        there are fewer colours than classes.
    colormap : str or matplotlib Colormap, default=None
        The colormap sampled for class colours when ``colors`` is None.
    target_type : {"auto", "single", "discrete", "continuous"}, default="auto"
        "auto" and "discrete" colour the marks by the class of ``y``;
        "single" ignores ``y``. A continuous target is refused: pass class
        labels, or ``target_type="single"``.
    title : str, default=None
        The title; None gives "Dispersion of Missing Values by Feature".
    {common: size}

    Attributes
    ----------
    nan_locs_ : ndarray of int, shape (n_missing, 2)
        The (row position, feature index) of each missing value, row by row
        (``np.argwhere`` of the mask of missing values).
    features_ : ndarray of str, shape (n_features,)
        The names of the columns of X.
    classes_ : ndarray of str, shape (n_classes,)
        The class labels of ``y``.
    n_samples_ : int
        The number of rows of X (the x axis spans them).
    scatters_ : list of matplotlib artists
        One ``PathCollection`` per class (one without a target), or a single
        ``AxesImage`` above the density threshold.

    Examples
    --------
    >>> import numpy as np
    >>> from vizkit.contrib.missing import MissingValuesDispersion
    >>> X = np.array([[1.0, np.nan], [np.nan, np.nan], [3.0, 4.0]])
    >>> MissingValuesDispersion().fit(X).nan_locs_.tolist()
    [[0, 1], [1, 0], [1, 1]]
    """

    _params = {
        "alpha": P.number(0, 1, draw=True),
        "marker": P.Param(_marker_param, draw=True, example="o"),
    }

    def __init__(
        self,
        alpha=0.5,
        marker="|",
        classes=None,
        ax=None,
        fig=None,
        features=None,
        colors=None,
        colormap=None,
        target_type="auto",
        title=None,
        size=None,
    ):
        self.alpha = alpha
        self.marker = marker
        self.classes = classes
        self.ax = ax
        self.fig = fig
        self.features = features
        self.colors = colors
        self.colormap = colormap
        self.target_type = target_type
        self.title = title
        self.size = size

    def _fit_missing(self, mask: np.ndarray) -> None:
        self.nan_locs_ = nan_locations(mask)

    def get_nan_locs(self) -> Any:
        """Yellowbrick's locations: all of them, or ``(class, locations)`` pairs.

        Row positions are those of X (Yellowbrick's per-class locations
        counted rows within each class).
        """
        values = self._class_values
        if self._codes() is None or values is None:
            return self.nan_locs_
        codes = self._location_codes()
        return [
            (label, self.nan_locs_[codes == code]) for code, label in enumerate(values)
        ]

    def _location_codes(self) -> np.ndarray:
        """The class code of each missing value (0 without a class target)."""
        codes = self._codes()
        if codes is None:
            return np.zeros(len(self.nan_locs_), dtype=np.intp)
        return codes[self.nan_locs_[:, 0]]

    # -- draw ----------------------------------------------------------------------

    def draw(self) -> None:
        """Draw the marks (or the binned image) of every class."""
        codes = self._location_codes()
        if len(self.nan_locs_) > vdraw.DENSITY_THRESHOLD:
            self.scatters_ = [self._draw_binned(codes)]
        else:
            self.scatters_ = self._draw_marks(codes)
        self.ax_.set_xlim(-0.5, max(self.n_samples_ - 0.5, 0.5))
        self._note_nothing_missing(len(self.nan_locs_))

    def _draw_marks(self, codes: np.ndarray) -> list:
        """One scatter per class (one colour each: Agg's fast path)."""
        rasterized = len(self.nan_locs_) > RASTERIZE_ABOVE
        scatters = []
        for code, color in enumerate(self.colors_):
            rows, columns = self.nan_locs_[codes == code].T
            scatter = self.ax_.scatter(
                rows, columns, alpha=self.alpha, marker=self.marker, color=color,
                rasterized=rasterized,
            )  # fmt: skip
            scatters.append(scatter)
        return scatters

    def _draw_binned(self, codes: np.ndarray):
        from matplotlib.colors import to_rgba_array

        n_features = len(self.features_)
        counts = binned_locations(
            self.nan_locs_, codes, (self.n_samples_, n_features), len(self.colors_)
        )
        total = counts.sum(axis=2)
        rgba = to_rgba_array(self.colors_)[counts.argmax(axis=2)]
        rgba[..., 3] = _log_opacity(total)
        rgba = _bands(rgba)
        image = self.ax_.imshow(
            rgba, extent=(-0.5, self.n_samples_ - 0.5, -0.5, n_features - 0.5),
            origin="lower", aspect="auto", interpolation="nearest",
        )  # fmt: skip
        self.ax_.text(
            0.99, 0.01, f"{len(self.nan_locs_):,} missing values binned in "
            f"{ROW_BINS} row bins", transform=self.ax_.transAxes, ha="right",
            va="bottom", fontsize="x-small", color="0.3",
            bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"},
        )  # fmt: skip
        return image

    def finalize(self):
        """Title, feature names, the position axis and the class legend."""
        self.set_title("Dispersion of Missing Values by Feature")
        self.ax_.set_xlabel("Position by index")
        self._label_features()
        self.legend_ = None
        if self._codes() is not None:
            self.legend_ = vdraw.manual_legend(
                self.ax_, self.classes_, self.colors_, loc="upper left",
                bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0,
            )  # fmt: skip
            if getattr(self, "_owns_figure", False):  # room for the legend
                self.fig_.tight_layout()
        return self.ax_


def _log_opacity(count: np.ndarray) -> np.ndarray:
    """0 for empty bins, from 0.35 (one value) to 1 (the fullest bin)."""
    top = max(int(count.max()), 1)
    return np.where(count > 0, 0.35 + 0.65 * np.log1p(count) / np.log1p(top), 0.0)


def _bands(rgba: np.ndarray, rows: int = 5) -> np.ndarray:
    """Each feature's row of the image as a band ``BAND`` of its height, gaps around."""
    image = np.repeat(rgba, rows, axis=0)
    margin = round(rows * (1 - BAND) / 2)
    for offset in range(margin):
        image[offset::rows, :, 3] = 0.0
        image[rows - 1 - offset :: rows, :, 3] = 0.0
    return image


missing_dispersion = declare(
    MissingValuesDispersion, kind=TRANSFORMER, quick="missing_dispersion",
    example=examples.missing,
)  # fmt: skip
