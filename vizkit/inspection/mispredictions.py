"""The rows a model gets wrong: where they lie, and what they look like.

:class:`Mispredictions` predicts the data it is scored on and picks out the
rows the model gets wrong: for a classifier every row whose prediction
differs from its true class (``y != predict(X)``), for a regressor the
``top_n`` rows of largest absolute residual (or every row beyond a
``threshold``). It draws them twice: in a 2-D view of all the rows (PCA of
the model's input, or two chosen features of X), ringed in their true
class's colour and numbered by rank, and as a ranked table of their true and
predicted values, the model's confidence (or the residual) and the features
on which they stand out most (largest mean absolute z-score among the tabled
rows, z-scores against the scored data).

X goes to the model as given. The view and the table need numbers. The view
projects the rows as the model sees them: for a Pipeline, what its steps
before the model make of X (so a scaler in it scales the projection too),
else X; a sparse matrix is projected as it is (scikit-learn's PCA centres it
implicitly). The table lists X's own columns, in their own units, when X is
numeric, else (raw text, categories) the features the Pipeline's steps make.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import is_classifier

from vizkit import examples
from vizkit import params as P
from vizkit.base import ScoreVisualizer
from vizkit.draw import manual_legend, scatter_classes, scatter_values
from vizkit.exceptions import VizkitError, VizkitValueError
from vizkit.inspection.boundaries import (
    _check_features,
    feature_positions,
    fit_pca,
    numeric_matrix,
    pipeline_input,
)
from vizkit.registry import SCORE, declare
from vizkit.style import LINE_COLOR, get_colormap, resolve_colors
from vizkit.utils.docs import common_params
from vizkit.utils.features import feature_names
from vizkit.utils.labels import index_of
from vizkit.utils.validation import (
    check_target,
    n_samples_of,
    plain,
)

#: The colormap of a regressor's residuals when ``colormap`` is None.
RESIDUAL_CMAP = "RdBu_r"
#: Marker areas (points^2) of every row and of the ringed mispredicted rows.
POINT_SIZE, RING_SIZE = 14, 70
#: Colour of the ring around a regressor's worst rows.
RING_COLOR = "black"
#: The table's width, and the colour bar's, as shares of the view's width;
#: the gap before the table (inches).
TABLE_SHARE, COLORBAR_SHARE, TABLE_PAD = 1.1, 0.04, 0.5
#: The table's font size (points), and the smallest it shrinks to when wide.
TABLE_FONT, MIN_TABLE_FONT = 8.0, 5.0
#: Header names are wrapped at this many characters.
HEADER_WRAP = 12
#: A character's width as a share of the font size (DejaVu Sans, on average).
CHAR_WIDTH = 0.55
#: How much wider the bold header's characters are.
BOLD = 1.15

# -- computations (arrays in, arrays out) -------------------------------------------


def misclassified(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """The positions of the rows whose prediction is not their class."""
    return np.flatnonzero(np.asarray(y_true) != np.asarray(y_pred))


def worst_residuals(
    residuals: np.ndarray, top_n: int, threshold: float | None = None
) -> np.ndarray:
    """The rows of largest absolute residual, worst first (ties: row order).

    With ``threshold``, every row whose absolute residual exceeds it;
    without, the ``top_n`` worst.
    """
    size = np.abs(residuals)
    order = np.argsort(-size, kind="stable")
    if threshold is None:
        return order[:top_n]
    return order[size[order] > threshold]


def predicted_confidence(
    proba: np.ndarray, y_pred: np.ndarray, classes: np.ndarray
) -> np.ndarray:
    """The probability the model gives its predicted class, per row."""
    codes, _ = index_of(np.asarray(y_pred), np.asarray(classes))
    return np.asarray(proba, dtype=np.float64)[np.arange(len(codes)), codes]


def column_z_scores(matrix: Any, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The values of ``rows`` (dense) and their z-scores against every row.

    A constant column has z-score 0. ``matrix`` may be sparse.
    """
    if sparse.issparse(matrix):
        mean = np.asarray(matrix.mean(axis=0)).ravel()
        square = np.asarray(matrix.multiply(matrix).mean(axis=0)).ravel()
        std = np.sqrt(np.maximum(square - mean**2, 0))
        values = matrix[rows].toarray()
    else:
        mean, std, values = matrix.mean(axis=0), matrix.std(axis=0), matrix[rows]
    safe = np.where(std > 0, std, 1.0)
    return values, np.where(std > 0, (values - mean) / safe, 0.0)


def standout_features(z: np.ndarray, count: int) -> np.ndarray:
    """The ``count`` columns of largest mean absolute z over the rows, largest first."""
    if len(z) == 0:
        return np.arange(min(count, z.shape[1]))
    return np.argsort(-np.abs(z).mean(axis=0), kind="stable")[:count]


def format_cell(value: Any) -> str:
    """A table cell: numbers to 3 significant digits, labels as written."""
    value = plain(value)
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def table_layout(
    header: list[str], cells: list[list[str]], width_px: float, dpi: float
) -> tuple[list[float], float]:
    """Column widths (shares of the Axes' width) and a font size that fit the text.

    Each column is as wide as its longest line of text plus a margin,
    at ``TABLE_FONT``; a table wider than the Axes shrinks its font (down to
    ``MIN_TABLE_FONT``) and its columns together.
    """
    lengths = np.array(
        [
            _column_chars(head, [row[i] for row in cells])
            for i, head in enumerate(header)
        ]
    )
    char_px = CHAR_WIDTH * TABLE_FONT * dpi / 72
    total = float(lengths.sum()) * char_px / width_px
    font = max(MIN_TABLE_FONT, TABLE_FONT * min(1.0, 1.0 / total))
    return list(lengths * char_px * font / TABLE_FONT / width_px), font


def _column_chars(head: str, column: list[str]) -> float:
    """The characters a column needs: its longest line (bold header lines count
    wider) and a margin."""
    longest_head = max(BOLD * len(part) for part in head.split("\n"))
    return max([longest_head, *map(len, column)]) + 1.5


def project(matrix: Any, positions: np.ndarray | None):
    """All rows in 2-D: two chosen columns, or PCA; returns (points, pca or None).

    A single column is drawn against the row position; two columns as they
    are; more by PCA (when at least two rows allow it).
    """
    n_rows, n_columns = matrix.shape
    if positions is None and n_columns > 2 and n_rows >= 2:
        pca = fit_pca(matrix)
        return pca.transform(matrix), pca
    if n_columns == 1:
        column = _dense_columns(matrix, np.array([0]))[:, 0]
        return np.column_stack([column, np.arange(n_rows)]), None
    positions = np.array([0, 1]) if positions is None else positions
    return _dense_columns(matrix, positions), None


def _dense_columns(matrix: Any, positions: np.ndarray) -> np.ndarray:
    chosen = matrix[:, positions]
    return chosen.toarray() if sparse.issparse(chosen) else np.asarray(chosen)


# -- the visualizer ------------------------------------------------------------------


@common_params
class Mispredictions(ScoreVisualizer):
    """The rows a model gets wrong, in a 2-D view of the data and as a ranked table.

    ``score(X, y)`` predicts ``X`` and finds the mispredicted rows: for a
    classifier every row with ``y != predict(X)``, for a regressor the
    ``top_n`` rows of largest absolute residual ``y - predict(X)`` (or, with
    ``threshold``, every row whose absolute residual exceeds it). The left
    panel draws every row in 2-D (the first two principal components of the
    model's input, i.e. of X or, for a Pipeline, of what its steps before
    the model make of X; or two chosen ``features`` of X), coloured by its
    true class (or its residual); each mispredicted row is ringed in its
    true class's colour and filled with its predicted class's, and the first
    ``top_n`` are numbered by rank. The right panel lists those ``top_n``
    rows, most confident mistakes (or largest residuals) first: the row's
    position, its true and predicted values, the probability the model gave
    its prediction (or the residual) and the features on which the listed
    rows stand out most (largest mean absolute z-score). With no test data,
    the quick method shows the training data.

    Parameters
    ----------
    estimator : scikit-learn estimator
        A classifier or regressor, fitted or not.
    {common: ax}
    features : list of two str or int, default=None
        Two features of X (names or column indices) to draw the rows on;
        None projects the model's input (X, or a Pipeline's transformed X)
        on its first two principal components, when it has more than two
        features.
    top_n : int, default=10
        The rows listed in the table (and numbered in the view); for a
        regressor without ``threshold``, also how many worst rows are the
        mispredicted ones.
    threshold : float, default=None
        Regressors: every row whose absolute residual exceeds it is
        mispredicted. Ignored for classifiers.
    max_features : int, default=4
        The most feature columns in the table.
    colors : list of colors or palette name, default=None
        The colours of the classes. Wins over ``colormap``.
    colormap : str or matplotlib Colormap, default=None
        Sampled for the class colours (when ``colors`` is None), or the
        colormap of a regressor's residuals (None: "RdBu_r").
    alpha : float, default=0.35
        The opacity of the rows the model gets right.
    {common: fig, is_fitted, title, size}

    Attributes
    ----------
    mispredicted_ : ndarray of int
        The positions of the mispredicted rows of the scored data, ascending.
    y_true_, y_pred_ : ndarray
        Their true and predicted values, aligned with ``mispredicted_``.
    confidence_ : ndarray of float or None
        The probability the classifier gave its (wrong) prediction on each,
        aligned with ``mispredicted_``; None without ``predict_proba`` and
        for regressors.
    residuals_ : ndarray of float or None
        Regressors: ``y - predict(X)`` for every scored row; else None.
    ranked_ : ndarray of int
        The mispredicted rows in table order: most confident first (row order
        without probabilities), or largest absolute residual first.
    projection_ : ndarray of shape (n_samples, 2)
        Every scored row in the 2-D view.
    pca_ : PCA or None
        The fitted projection, or None when two features are drawn.
    features_ : ndarray of int of shape (2,) or None
        The drawn features' column indices, or None for a projection.
    feature_names_ : ndarray of str
        The names of the features the view and the table read.
    table_columns_ : ndarray of str
        The table's header: "row", "true", "predicted", "confidence" (or
        "residual"), then the standout features.
    table_ : ndarray of str of shape (n_rows, n_columns)
        The table's cells, one row per listed row (``ranked_[:top_n]``).
    y_ : ndarray of shape (n_samples,)
        The true values of every scored row.
    classes_ : ndarray or None
        The classifier's classes, else None.
    score_ : float
        The accuracy (classifier) or R^2 (regressor) on the scored data.
    table_ax_ : matplotlib Axes
        The Axes the table is drawn on.
    points_, rings_, table_artist_ : matplotlib artists
        The rows, the rings of the mispredicted ones, and the table.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from vizkit.inspection import Mispredictions
    >>> viz = Mispredictions(LogisticRegression(max_iter=1000), top_n=8)
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.mispredicted_  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    #: Mispredictions are found and drawn in X: predictions alone do not do.
    _response_methods: tuple[str, ...] = ()

    confidence_: Any
    residuals_: Any
    pca_: Any
    features_: Any
    classes_: Any

    _params = {
        "features": P.Param(_check_features, example=None),
        "top_n": P.number(1, integer=True),
        "threshold": P.number(0, none=True),
        "max_features": P.number(0, integer=True),
        "colors": P.colors(),
        "colormap": P.colormap(),
        "alpha": P.number(0, 1, draw=True),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        features=None,
        top_n=10,
        threshold=None,
        max_features=4,
        colors=None,
        colormap=None,
        alpha=0.35,
        fig=None,
        is_fitted="auto",
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.features = features
        self.top_n = top_n
        self.threshold = threshold
        self.max_features = max_features
        self.colors = colors
        self.colormap = colormap
        self.alpha = alpha
        self.fig = fig
        self.is_fitted = is_fitted
        self.title = title
        self.size = size

    # -- compute -------------------------------------------------------------------

    def fit(self, X, y=None, **kwargs):
        """Fit the model unless it is fitted; ``score`` finds the mispredictions.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data, as the model takes it.
        y : array-like of shape (n_samples,)
            Training target.
        **kwargs
            Passed to the model's ``fit``.

        Returns
        -------
        self
        """
        self._require_target(y, "the target")
        self._check_fit_data(X, y)
        self._fit_estimator(X, y, **kwargs)
        self.classes_ = _model_classes(self.estimator)
        return self

    def score(self, X, y):
        """Predict ``X``, find the mispredicted rows and lay them out.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data whose mispredictions are shown (test data), as the model
            takes it.
        y : array-like of shape (n_samples,)
            Its true target.

        Returns
        -------
        score_ : float
            Accuracy (classifier) or R^2 (regressor) on ``(X, y)``.
        """
        self._check_estimator_fitted("score")
        self._require_target(y, "the true target")
        y_true = check_target(y, n_samples=n_samples_of(X, "X"))
        if "n_features_in_" not in self.__dict__:  # from_estimator: no fit
            self._record_input(X)
        y_pred = np.asarray(self._call_model("predict", X))  # the model checks X
        matrix, names, model_input = self._matrices(X)
        self.y_ = y_true
        if is_classifier(self.estimator):
            self._find_misclassified(X, y_true, y_pred)
        else:
            self._find_worst_residuals(y_true, y_pred)
        self.features_ = (
            None if self.features is None
            else feature_positions(self.features, names)
        )  # fmt: skip
        # The rows as the model sees them (a Pipeline's scaling included),
        # unless two of X's own features are asked for.
        view = matrix if model_input is None or self.features_ is not None else (
            model_input
        )  # fmt: skip
        self._view_is_input = view is model_input and view is not matrix
        self.projection_, self.pca_ = project(view, self.features_)
        self.feature_names_ = names
        self._tabulate(matrix)
        return self.score_

    def _matrices(self, X) -> tuple[Any, np.ndarray, Any]:
        """X's numbers and names (the table's), and the model's input (the view's).

        The model's input is what a Pipeline's steps before the model make of
        X (None for a bare model); a non-numeric X (text, categories) is
        tabulated through it too. A sparse matrix stays sparse.
        """
        model_input, input_names = pipeline_input(self.estimator, X)
        try:
            own = numeric_matrix(X)
        except VizkitError:
            if model_input is None:
                raise
            return model_input, input_names, model_input
        return own, feature_names(X, None, own.shape[1]), model_input

    def _find_misclassified(self, X, y_true: np.ndarray, y_pred: np.ndarray) -> None:
        self.classes_ = _model_classes(self.estimator)
        self.residuals_ = None
        wrong = misclassified(y_true, y_pred)
        self.mispredicted_ = wrong
        self.y_true_, self.y_pred_ = y_true[wrong], y_pred[wrong]
        self._y_pred_all = y_pred
        self.confidence_ = None
        order = np.arange(len(wrong))
        if hasattr(self.estimator, "predict_proba"):
            proba = self._call_model("predict_proba", X)
            confidence = predicted_confidence(proba, y_pred, self.classes_)
            self.confidence_ = confidence[wrong]
            order = np.argsort(-self.confidence_, kind="stable")
        self.ranked_ = wrong[order]
        self.score_ = float(np.mean(y_true == y_pred))

    def _find_worst_residuals(self, y_true: np.ndarray, y_pred: np.ndarray) -> None:
        from sklearn.metrics import r2_score

        self.classes_ = self.confidence_ = None
        y_float = y_true.astype(np.float64)
        self.residuals_ = y_float - y_pred.astype(np.float64)
        self.ranked_ = worst_residuals(self.residuals_, self.top_n, self.threshold)
        self._threshold = self.threshold  # the title says what was found
        self.mispredicted_ = np.sort(self.ranked_)
        self.y_true_ = y_true[self.mispredicted_]
        self.y_pred_ = y_pred[self.mispredicted_]
        self._y_pred_all = y_pred
        self.score_ = float(r2_score(y_float, y_pred)) if len(y_true) > 1 else np.nan

    def _tabulate(self, matrix: Any) -> None:
        """The table of the ``top_n`` first ranked rows and its header."""
        rows = self.ranked_[: self.top_n]
        values, z = column_z_scores(matrix, rows)
        shown = standout_features(z, self.max_features)
        which = "residual" if self.residuals_ is not None else "confidence"
        self.table_columns_ = np.array(
            ["row", "true", "predicted", which, *self.feature_names_[shown]],
            dtype=object,
        )
        cells = [
            [str(row), format_cell(self.y_[row]), format_cell(self._y_pred_all[row]),
             self._measure(row), *(format_cell(float(v)) for v in values[i, shown])]
            for i, row in enumerate(rows)
        ]  # fmt: skip
        self.table_ = np.array(cells, dtype=object).reshape(
            len(rows), len(self.table_columns_)
        )

    def _measure(self, row: int) -> str:
        """The confidence (or residual) cell of one row."""
        if self.residuals_ is not None:
            return format_cell(float(self.residuals_[row]))
        if self.confidence_ is None:
            return "-"
        position = int(np.searchsorted(self.mispredicted_, row))
        return f"{self.confidence_[position]:.2f}"

    @classmethod
    def from_predictions(cls, y_true, y_pred, *, ax=None, **kwargs):
        """Not possible: the mispredicted rows are drawn in X."""
        raise VizkitValueError(
            f"{cls.__name__} cannot be built from predictions: it draws the "
            "mispredicted rows among all rows of X and lists their features; use "
            f"{cls.__name__}.from_estimator(model, X, y)."
        )

    # -- draw ----------------------------------------------------------------------

    def _check_drawable(self) -> None:
        if "mispredicted_" not in self.__dict__:
            from vizkit.exceptions import NotFitted

            raise NotFitted.from_estimator(self, "show")

    def draw(self) -> None:
        """The rows in 2-D with the mispredicted ringed, and the table beside."""
        from mpl_toolkits.axes_grid1 import make_axes_locatable

        if getattr(self, "_owns_figure", False) and self.size is None:
            self.fig_.set_size_inches(12, 5)
        divider = make_axes_locatable(self.ax_)
        # The appended Axes are placed at draw time: work out the table's
        # width now, from the split of the Axes' width, to size its columns.
        total_px, pads_in, shares = self.ax_.bbox.width, TABLE_PAD, TABLE_SHARE
        self.colorbar_ = None
        if self.classes_ is None:
            cax = divider.append_axes("right", size=f"{COLORBAR_SHARE:%}", pad=0.1)
            self._draw_residuals(cax)
            pads_in, shares = pads_in + 0.1, shares + COLORBAR_SHARE
        else:
            self._draw_classes()
        self.table_ax_ = divider.append_axes(
            "right", size=f"{TABLE_SHARE:%}", pad=TABLE_PAD
        )
        main_px = (total_px - pads_in * self.fig_.dpi) / (1 + shares)
        self._number_ranked()
        self._draw_table(max(main_px * TABLE_SHARE, 1.0))

    def _draw_classes(self) -> None:
        colors = resolve_colors(len(self.classes_), self.colormap, self.colors)
        palette = [*colors, "#999999"]  # classes the model does not know
        codes = _codes(self.y_, self.classes_)
        x, y = self.projection_.T
        self.points_ = scatter_classes(
            self.ax_, x, y, codes, palette, alpha=self.alpha, s=POINT_SIZE,
            edgecolors="none",
        )  # fmt: skip
        wrong = self.mispredicted_
        fill = _rgba(palette, _codes(self.y_pred_, self.classes_))
        ring = _rgba(palette, codes[wrong])
        self.rings_ = self.ax_.scatter(
            x[wrong], y[wrong], s=RING_SIZE, c=fill, edgecolors=ring,
            linewidths=2, zorder=3,
        )  # fmt: skip
        manual_legend(
            self.ax_, [str(plain(c)) for c in self.classes_], colors,
            title="ring: true\nfill: predicted", fontsize="small",
            title_fontsize="small", loc="best",
        )  # fmt: skip

    def _draw_residuals(self, cax) -> None:
        from matplotlib.colors import Normalize

        cmap = get_colormap(self.colormap or RESIDUAL_CMAP)
        limit = float(np.abs(self.residuals_).max()) or 1.0
        norm = Normalize(-limit, limit)
        x, y = self.projection_.T
        self.points_ = scatter_values(
            self.ax_, x, y, self.residuals_, cmap=cmap, norm=norm, alpha=0.8,
            s=POINT_SIZE, edgecolors="none",
        )  # fmt: skip
        wrong = self.mispredicted_
        self.rings_ = self.ax_.scatter(
            x[wrong], y[wrong], s=RING_SIZE, facecolors="none",
            edgecolors=RING_COLOR, linewidths=1.5, zorder=3,
        )  # fmt: skip
        self.colorbar_ = self.fig_.colorbar(
            self.points_, cax=cax, label="residual (true - predicted)"
        )

    def _number_ranked(self) -> None:
        """Each tabled row's rank beside its ring, so the table finds its point."""
        self.rank_labels_ = [
            self.ax_.annotate(
                str(rank + 1),
                self.projection_[row],
                xytext=(5, 5),
                textcoords="offset points",
                fontsize="x-small",
                color=LINE_COLOR,
                zorder=4,
            )  # fmt: skip
            for rank, row in enumerate(self.ranked_[: self.top_n])
        ]

    def _draw_table(self, width_px: float) -> None:
        ax = self.table_ax_
        ax.set_axis_off()
        self.table_artist_ = None
        if len(self.table_) == 0:
            ax.text(0.5, 0.5, "no mispredicted rows", ha="center", va="center",
                    transform=ax.transAxes)  # fmt: skip
            return
        header = [
            "#",
            *(textwrap.fill(str(c), HEADER_WRAP) for c in self.table_columns_),
        ]
        cells = [[str(i + 1), *map(str, row)] for i, row in enumerate(self.table_)]
        widths, font = table_layout(header, cells, width_px, self.fig_.dpi)
        self.table_artist_ = table = ax.table(
            cellText=cells, colLabels=header, colWidths=widths, loc="upper center",
            cellLoc="right",
        )  # fmt: skip
        table.auto_set_font_size(False)
        table.set_fontsize(font)
        header_lines = max(h.count("\n") + 1 for h in header)
        for (row, _), cell in table.get_celld().items():
            cell.set_edgecolor("0.85")
            if row == 0:
                cell.set_text_props(weight="bold")
                cell.set_facecolor("0.93")
                cell.set_height(cell.get_height() * header_lines)

    def _axis_labels(self) -> tuple[str, str]:
        if self.pca_ is not None:
            share = self.pca_.explained_variance_ratio_
            of = " of the model's input" if self._view_is_input else ""
            return f"PC1{of} ({share[0]:.0%})", f"PC2{of} ({share[1]:.0%})"
        if self.projection_ is not None and len(self.feature_names_) == 1:
            return str(self.feature_names_[0]), "row"
        positions = np.array([0, 1]) if self.features_ is None else self.features_
        return tuple(str(self.feature_names_[i]) for i in positions)  # type: ignore[return-value]

    def _count_text(self) -> str:
        count, n_rows = len(self.mispredicted_), len(self.y_)
        if self.classes_ is not None:
            return f"{count} of {n_rows} rows misclassified"
        if self._threshold is None:
            return f"the {count} worst residuals of {n_rows} rows"
        return f"{count} of {n_rows} rows with |residual| > {self._threshold:g}"

    def finalize(self):
        """Titles of both panels and the view's axis labels. Returns ``ax_``."""
        self.set_title(f"{self.name}: {self._count_text()}")
        xlabel, ylabel = self._axis_labels()
        self.ax_.set_xlabel(xlabel)
        self.ax_.set_ylabel(ylabel)
        by = "confidence" if self.confidence_ is not None else (
            "absolute residual" if self.residuals_ is not None else "row"
        )  # fmt: skip
        shown = min(self.top_n, len(self.ranked_))
        self.table_ax_.set_title(f"Top {shown} by {by}", fontsize="medium")
        return self.ax_


def _model_classes(model: Any) -> np.ndarray | None:
    """A classifier's classes (as it orders them), else None."""
    return np.asarray(model.classes_) if is_classifier(model) else None


def _codes(values: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Class codes, with ``len(classes)`` for values that are no class."""
    codes, found = index_of(np.asarray(values), classes)
    return np.where(found, codes, len(classes))


def _rgba(palette: list[str], codes: np.ndarray) -> np.ndarray:
    from matplotlib.colors import to_rgba_array

    return to_rgba_array(palette)[codes]


mispredictions = declare(
    Mispredictions,
    kind=SCORE,
    quick="mispredictions",
    example=examples.classification,
)
