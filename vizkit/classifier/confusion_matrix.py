"""A heatmap of the confusion matrix of a classifier on test data."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.classifier.base import ClassificationScoreVisualizer
from vizkit.draw import fit_tick_labels, text_colors
from vizkit.exceptions import VizkitValueError, VizkitWarning
from vizkit.registry import SCORE, declare
from vizkit.style import get_colormap
from vizkit.utils.docs import common_params
from vizkit.utils.labels import index_of, label_names
from vizkit.utils.validation import check_consistent_length, check_target

#: Colour of cells below the colour scale (zero cells).
CMAP_UNDERCOLOR = "w"
#: Text colour of zero cells, so they recede.
CMAP_MUTEDCOLOR = "0.75"
#: Colour of cells above the scale (100% of a class predicted right).
CMAP_OVERCOLOR = "#2a7d4f"
#: Lower end of the colour scale: anything below (zero) takes the under colour.
_VMIN = 1e-5
#: Upper end of the percent scale: a rounded 100% takes the over colour.
_PERCENT_VMAX = 99.999


@common_params
class ConfusionMatrix(ClassificationScoreVisualizer):
    """The confusion matrix of a classifier, drawn as a heatmap.

    Rows are true classes, columns predicted classes, in the model's class
    order; each cell shows its count (or, with ``percent``, its share of the
    true class). Zero cells are left white; with ``percent``, a class that is
    always predicted right is highlighted in green.

    Parameters
    ----------
    estimator : scikit-learn classifier
        The model to evaluate. If it is not fitted, ``fit`` fits it in place
        (unless ``is_fitted`` says otherwise).
    {common: ax}
    sample_weight : array-like of shape (n_samples,), default=None
        Weights of the samples given to ``score``, passed to
        ``sklearn.metrics.confusion_matrix``.
    percent : bool, default=False
        Show each cell as a percentage of its row (its true class) instead of
        a count.
    {common: classes, encoder}
    cmap : str or matplotlib Colormap, default="YlOrRd"
        The colormap of the cells.
    fontsize : float, default=None
        Font size of the cell values and tick labels; None uses rcParams.
    {common: is_fitted}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a classifier.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "<Model> Confusion Matrix" followed
        by the accuracy, as "(accuracy 0.836)".
    {common: size}
    color : any, default=None
        Accepted as Yellowbrick did; ignored with a warning (use ``cmap``).
    label_encoder : dict or fitted transformer, default=None
        The name Yellowbrick's docs use for ``encoder``; used as ``encoder``
        with a deprecation warning.

    Attributes
    ----------
    confusion_matrix_ : ndarray of shape (n_classes, n_classes)
        ``sklearn.metrics.confusion_matrix`` of the data given to ``score``,
        with the model's classes as labels.
    classes_ : ndarray of shape (n_classes,)
        The class labels, in the model's order.
    class_counts_ : ndarray of shape (n_classes,)
        The number of samples of each class in the target given to ``score``.
    score_ : float
        The accuracy of the model on the data given to ``score``.
    image_ : matplotlib QuadMesh
        The drawn cells; ``image_.get_array()`` holds the values shown.
    texts_ : list of list of matplotlib Text
        The cell annotations, ``texts_[true][predicted]``.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from vizkit.classifier import ConfusionMatrix
    >>> viz = ConfusionMatrix(LogisticRegression())
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _SCORED = "confusion_matrix_"

    _params = {
        "sample_weight": P.anything(),
        "percent": P.boolean(draw=True),
        "cmap": P.colormap(),
        "fontsize": P.anything(draw=True),
        "color": P.ignored("colour the cells with cmap= instead."),
        "label_encoder": P.renamed("encoder", draw=True),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        sample_weight=None,
        percent=False,
        classes=None,
        encoder=None,
        cmap="YlOrRd",
        fontsize=None,
        is_fitted="auto",
        force_model=False,
        fig=None,
        title=None,
        size=None,
        color=None,
        label_encoder=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.sample_weight = sample_weight
        self.percent = percent
        self.classes = classes
        self.encoder = encoder
        self.cmap = cmap
        self.fontsize = fontsize
        self.is_fitted = is_fitted
        self.force_model = force_model
        self.fig = fig
        self.title = title
        self.size = size
        self.color = color
        self.label_encoder = label_encoder

    def _encoder(self):
        return self._alias("label_encoder", "encoder")

    def score(self, X, y):
        """Compute the confusion matrix of the model on test data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The test data.
        y : array-like of shape (n_samples,)
            The true classes of ``X``.

        Returns
        -------
        score_ : float
            The accuracy of the model on ``(X, y)``.
        """
        y_true = self._prepare_score(X, y)
        y_pred = np.asarray(self._call_model("predict", X))
        self._store_results(y_true, y_pred, self._class_values)
        return self.score_

    def _score_predictions(self, y_true, y_pred) -> None:
        """Compute the results from true and predicted classes, without a model."""
        check_consistent_length(y_true=y_true, y_pred=y_pred)
        y_true = check_target(y_true, name="y_true")
        y_pred = check_target(y_pred, name="y_pred")
        self._set_classes(np.unique(np.concatenate([y_true, y_pred])))
        self._store_results(y_true, y_pred, self._class_values)

    def _store_results(self, y_true, y_pred, labels: np.ndarray) -> None:
        weight = self.sample_weight
        if weight is not None:
            weight = check_target(weight, name="sample_weight", n_samples=len(y_true))
        true_index, known = index_of(y_true, labels)
        _check_known_classes(y_true, known, labels)
        pred_index, predicted_known = index_of(y_pred, labels)
        self.confusion_matrix_ = confusion_counts(
            true_index, pred_index, known & predicted_known, len(labels), weight
        )
        self.class_counts_ = np.bincount(true_index[known], minlength=len(labels))
        self.score_ = float(np.average(y_true == y_pred, weights=weight))

    # -- drawing -------------------------------------------------------------------

    def draw(self) -> None:
        """Draw the matrix as one mesh of cells, annotated with their values."""
        values = self.confusion_matrix_
        if self.percent:
            values = percent_of_true(values)
        n_classes = values.shape[0]
        vmax = _PERCENT_VMAX if self.percent else max(float(values.max()), _VMIN)
        edges = np.arange(n_classes + 1)
        self.image_ = self.ax_.pcolormesh(
            edges, edges, values, cmap=_colormap(self.cmap), vmin=_VMIN, vmax=vmax,
            edgecolors="w", linewidth=0.5,
        )  # fmt: skip
        self._annotate(values)
        ticks = np.arange(n_classes) + 0.5
        labels = label_names(self.classes_)
        self.ax_.set_xlim(0, n_classes)
        self.ax_.set_ylim(n_classes, 0)  # the first class on top
        self.ax_.set_xticks(ticks, labels, fontsize=self.fontsize)
        self.ax_.set_yticks(ticks, labels, fontsize=self.fontsize)
        fit_tick_labels(self.ax_, "x")
        fit_tick_labels(self.ax_, "y")

    def _annotate(self, values: np.ndarray) -> None:
        colors = _text_colors(self.image_.to_rgba(values), values == 0)
        suffix = "%" if self.percent else ""
        style = {"ha": "center", "va": "center", "fontsize": self.fontsize}
        self.texts_ = [
            [
                self.ax_.text(
                    col + 0.5,
                    row + 0.5,
                    _format_value(value) + suffix,
                    color=colors[row, col],
                    **style,
                )  # fmt: skip
                for col, value in enumerate(row_values)
            ]
            for row, row_values in enumerate(values)
        ]

    def finalize(self):
        """Title (with the accuracy) and axis labels."""
        title = self._model_title("Confusion Matrix")
        self.set_title(f"{title} (accuracy {self.score_:.3f})")
        self.ax_.set_ylabel("True Class")
        self.ax_.set_xlabel("Predicted Class")
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()
        return self.ax_


# -- pure helpers ----------------------------------------------------------------------


def percent_of_true(matrix: np.ndarray) -> np.ndarray:
    """Each cell as a whole percentage of its row; empty rows stay zero."""
    totals = matrix.sum(axis=1, keepdims=True).astype(np.float64)
    shares = np.divide(matrix, totals, out=np.zeros(matrix.shape), where=totals != 0)
    return np.round(shares * 100, decimals=0)


def confusion_counts(
    true_index: np.ndarray, pred_index: np.ndarray, keep: np.ndarray,
    n_classes: int, sample_weight: np.ndarray | None = None,
) -> np.ndarray:  # fmt: skip
    """The (weighted) count of each (true, predicted) class pair.

    Equal to ``sklearn.metrics.confusion_matrix`` for the samples in ``keep``
    (integer counts without weights or with integer weights), from one
    ``bincount`` over the class indices instead of its label checks.
    """
    weight = None if sample_weight is None else sample_weight[keep]
    pairs = true_index[keep] * n_classes + pred_index[keep]
    counts = np.bincount(pairs, weights=weight, minlength=n_classes * n_classes)
    if weight is None or weight.dtype.kind in "biu":
        counts = counts.astype(np.int64)
    return counts.reshape(n_classes, n_classes)


def _check_known_classes(
    y_true: np.ndarray, known: np.ndarray, labels: np.ndarray
) -> None:
    """Refuse a y with none of the model's classes; warn about unknown classes."""
    if known.all():
        return
    if not known.any():
        raise VizkitValueError(
            f"y has none of the model's classes {labels.tolist()}; pass the true "
            "classes of X, encoded as when the model was fitted."
        )
    unknown = np.unique(y_true[~known])
    warnings.warn(
        f"y contains classes {unknown.tolist()} the model does not know; their "
        "samples are left out of the confusion matrix.",
        VizkitWarning,
        stacklevel=4,
    )


def _colormap(cmap: Any):
    """The Colormap for ``cmap`` with Yellowbrick's under and over colours."""
    base = get_colormap(cmap, "cmap")
    return base.with_extremes(under=CMAP_UNDERCOLOR, over=CMAP_OVERCOLOR)


def _text_colors(rgba: np.ndarray, zero: np.ndarray) -> np.ndarray:
    """Black on light cells, white on dark ones, muted grey on zero cells."""
    colors = text_colors(rgba)
    colors[zero] = CMAP_MUTEDCOLOR
    return colors


def _format_value(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


confusion_matrix = declare(
    ConfusionMatrix, kind=SCORE, quick="confusion_matrix",
    example=examples.classification,
)  # fmt: skip
