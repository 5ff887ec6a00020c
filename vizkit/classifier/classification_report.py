"""Precision, recall and F1 of each class of a classifier, drawn as a heatmap."""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, precision_recall_fscore_support

from vizkit import examples
from vizkit import params as P
from vizkit.classifier.base import (
    ClassificationScoreVisualizer,
    check_class_target,
    check_label_indicator,
    is_label_indicator,
    label_columns,
)
from vizkit.classifier.class_prediction_error import (
    predicted_class_indices,
    true_class_indices,
)
from vizkit.classifier.confusion_matrix import CMAP_OVERCOLOR
from vizkit.draw import fit_tick_labels, text_colors
from vizkit.exceptions import VizkitValueError
from vizkit.registry import SCORE, declare
from vizkit.style import get_colormap
from vizkit.utils.docs import common_params
from vizkit.utils.labels import label_names
from vizkit.utils.validation import (
    check_classes,
    check_consistent_length,
    check_target,
    n_samples_of,
    plain,
)

#: The scores of each class, in column order (Yellowbrick's keys of ``scores_``).
METRICS = ("precision", "recall", "f1")
SUPPORT = "support"
#: Upper end of the colour scale: a score shown as 1.000 takes the over colour.
_PERFECT = 0.9995
#: Colour of cells whose score is undefined (``zero_division=np.nan``).
UNDEFINED_COLOR = "0.82"
#: Colour of the support cells: a share of the samples is not a score, so it
#: stays off the colour scale.
SUPPORT_COLOR = "0.93"


# -- computations (arrays in, arrays out) ---------------------------------------------


def per_class_scores(
    y_true, y_pred, labels, sample_weight=None, zero_division: Any = "warn"
) -> np.ndarray:
    """Precision, recall, F1 and support of each label: an (n_labels, 4) array.

    One call of ``sklearn.metrics.precision_recall_fscore_support``, so each
    of its ``UndefinedMetricWarning`` is emitted once.
    """
    scores = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, average=None,
        sample_weight=sample_weight, zero_division=zero_division,
    )  # fmt: skip
    return np.column_stack(scores).astype(np.float64)


def nan_average(values: np.ndarray, weights: np.ndarray | None = None) -> float:
    """The (weighted) mean of the defined (non-NaN) values, as scikit-learn's.

    NaN if no value is defined; all-zero weights give the plain mean.
    """
    defined = ~np.isnan(values)
    if not defined.any():
        return math.nan
    values = values[defined]
    if weights is None or not weights[defined].any():
        return float(values.mean())
    return float(np.average(values, weights=weights[defined]))


def average_scores(table: np.ndarray) -> dict[str, dict[str, float]]:
    """Macro and support-weighted averages of precision, recall and F1.

    ``table`` is :func:`per_class_scores`' output; the averages equal the
    "macro avg" and "weighted avg" rows of ``classification_report``.
    """
    support = table[:, 3]
    return {
        name: {
            metric: nan_average(table[:, column], weights)
            for column, metric in enumerate(METRICS)
        }
        for name, weights in (("macro avg", None), ("weighted avg", support))
    }


def support_shares(support: np.ndarray, total: float) -> np.ndarray:
    """Each class's share of the ``total`` (weight of the) samples; 0 if none."""
    if total == 0:
        return np.zeros(len(support))
    return support / total


def samples_per_class(y: np.ndarray, n_classes: int) -> np.ndarray:
    """Samples of each class index (1-D ``y``) or label (indicator matrix)."""
    if y.ndim == 2:
        return y.sum(axis=0).astype(np.int64)
    return np.bincount(y, minlength=n_classes)


def _check_zero_division(value: Any, name: str, viz: Any) -> None:
    if isinstance(value, str) and value == "warn":
        return
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        if value in (0, 1) or math.isnan(value):
            return
    raise VizkitValueError(
        f"{name}={plain(value)!r} is not supported; use 'warn', 0, 1 or np.nan "
        "(as in sklearn.metrics.precision_score)."
    )


# -- the visualizer --------------------------------------------------------------------


@common_params
class ClassificationReport(ClassificationScoreVisualizer):
    """Precision, recall and F1 of each class, as an annotated heatmap.

    One row per class, in the model's class order; the columns are the
    precision, recall and F1 score of the class (and, with ``support``, its
    share or count of the test samples), each cell annotated with its value.
    Higher scores are darker; a score of 1.000 is green. The numbers are
    scikit-learn's ``precision_recall_fscore_support`` with the model's
    classes as labels. Below the table are the accuracy and the macro and
    support-weighted F1 averages.

    A 0/1 label indicator matrix as y (a multilabel model) gives one row per
    label; the accuracy is then the subset accuracy (every label right).

    Parameters
    ----------
    estimator : scikit-learn classifier
        The model to evaluate. If it is not fitted, ``fit`` fits it in place
        (unless ``is_fitted`` says otherwise).
    {common: ax}
    {common: classes}
    cmap : str or matplotlib Colormap, default="YlOrRd"
        The colormap of the score cells.
    support : {None, False, True, "percent", "count"}, default=None
        Whether to add a support column: None or False leave it out; True or
        "percent" show each class's share of the test samples, "count" its
        number of samples (weighted, with ``sample_weight``). Acts through
        ``score``.
    {common: encoder}
    {common: is_fitted}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a classifier.
    colorbar : bool, default=True
        Draw the colour scale right of the table.
    fontsize : float, default=None
        Font size of the cell values and tick labels; None uses rcParams.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "<Model> Classification Report".
    {common: size}
    color : any, default=None
        Accepted as Yellowbrick did; ignored with a warning (use ``cmap``).
    sample_weight : array-like of shape (n_samples,), default=None
        Weights of the samples given to ``score``, passed to
        ``precision_recall_fscore_support`` and ``accuracy_score``. Not in
        Yellowbrick.
    zero_division : {"warn", 0, 1, np.nan}, default="warn"
        The value of a score whose denominator is zero (the precision of a
        class never predicted, the recall of a class absent from the test
        data), as in scikit-learn: "warn" gives 0 with scikit-learn's
        ``UndefinedMetricWarning`` (once per ``score``); np.nan leaves the
        cell grey and out of the averages. Not in Yellowbrick.

    Attributes
    ----------
    scores_ : dict of dict
        ``scores_[metric][label]`` for the metrics "precision", "recall",
        "f1" and, when ``support`` is set, "support" (the share of the
        samples), keyed by the class labels in the model's order.
    support_score_ : ndarray of shape (n_classes,)
        The number of test samples of each class (weighted, with
        ``sample_weight``); only when ``support`` is set.
    averages_ : dict of dict
        The "macro avg" and "weighted avg" (by support) of each metric of
        ``scores_``, equal to those of ``sklearn.metrics.classification_report``.
    classes_ : ndarray of shape (n_classes,)
        The class labels, in the model's order.
    class_counts_ : ndarray of shape (n_classes,)
        The number of samples of each class in the target given to ``score``.
    score_ : float
        The accuracy of the model on the data given to ``score`` (weighted
        with ``sample_weight``; the subset accuracy for a multilabel target).
    image_ : matplotlib QuadMesh
        The score cells; ``image_.get_array()`` holds the scores shown.
    texts_ : list of list of matplotlib Text
        The cell annotations, ``texts_[class][column]``.
    colorbar_ : matplotlib Colorbar or None
        The colour scale, when ``colorbar`` is True.

    Examples
    --------
    >>> from sklearn.naive_bayes import GaussianNB
    >>> from vizkit.classifier import ClassificationReport
    >>> viz = ClassificationReport(GaussianNB(), support=True)
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _SCORED = "scores_"
    _accepts_multilabel = True

    _params = {
        "cmap": P.colormap(),
        "support": P.choice(None, True, False, "percent", "count"),
        "colorbar": P.boolean(draw=True),
        "fontsize": P.anything(draw=True),
        "color": P.ignored("colour the cells with cmap= instead."),
        "sample_weight": P.anything(),
        "zero_division": P.Param(_check_zero_division),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        classes=None,
        cmap="YlOrRd",
        support=None,
        encoder=None,
        is_fitted="auto",
        force_model=False,
        colorbar=True,
        fontsize=None,
        fig=None,
        title=None,
        size=None,
        color=None,
        sample_weight=None,
        zero_division="warn",
    ):
        self.estimator = estimator
        self.ax = ax
        self.classes = classes
        self.cmap = cmap
        self.support = support
        self.encoder = encoder
        self.is_fitted = is_fitted
        self.force_model = force_model
        self.colorbar = colorbar
        self.fontsize = fontsize
        self.fig = fig
        self.title = title
        self.size = size
        self.color = color
        self.sample_weight = sample_weight
        self.zero_division = zero_division

    def score(self, X, y):
        """Compute the precision, recall and F1 of each class on test data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The test data, as the model takes it.
        y : array-like of shape (n_samples,) or (n_samples, n_labels)
            The true classes of ``X``, or a 0/1 label indicator matrix for a
            multilabel model.

        Returns
        -------
        score_ : float
            The accuracy of the model on ``(X, y)``.
        """
        y_true = self._prepare_score(X, y)
        y_pred = self._call_model("predict", X)
        self._compute(*self._encoded(y_true, y_pred, "predictions"))
        return self.score_

    def _score_predictions(self, y_true, y_pred) -> None:
        """The report from true and predicted classes, without a model.

        The classes are those found in either array, sorted; a label
        indicator matrix gives one row per label.
        """
        check_consistent_length(y_true=y_true, y_pred=y_pred)
        self._multilabel = is_label_indicator(y_true)
        if self._multilabel:
            y_array = check_label_indicator(y_true, "y_true", n_samples_of(y_true, "y"))
            self._set_classes(label_columns(y_true))
        else:
            y_array = check_class_target(check_target(y_true, name="y_true"), "y_true")
            predicted = check_target(y_pred, name="y_pred")
            classes = np.unique(np.concatenate([y_array, predicted]))
            self._set_classes(check_classes(classes, "y_true and y_pred"))
        self._compute(*self._encoded(y_array, y_pred, "y_pred"))

    def _encoded(self, y_true: np.ndarray, y_pred, name: str):
        """True and predicted targets as class indices (or indicator matrices)."""
        n_classes = len(self._class_values)
        if self.__dict__.get("_multilabel"):
            y_pred = check_label_indicator(y_pred, name, len(y_true))
            if y_pred.shape[1] != n_classes:
                raise VizkitValueError(
                    f"{name} has {y_pred.shape[1]} label columns but y has "
                    f"{n_classes}; pass one column per label."
                )
            return y_true, y_pred
        y_pred = check_target(y_pred, name=name)
        return (
            true_class_indices(y_true, self._class_values),
            predicted_class_indices(y_pred, self._class_values),
        )

    def _compute(self, y_true: np.ndarray, y_pred: np.ndarray) -> None:
        """Store the scores of encoded targets (class indices or indicator rows)."""
        n_classes = len(self._class_values)
        weight = self.sample_weight
        if weight is not None:
            weight = check_target(weight, name="sample_weight", n_samples=len(y_true))
        table = per_class_scores(
            y_true, y_pred, np.arange(n_classes), weight, self.zero_division
        )
        support = table[:, 3]
        total = len(y_true) if weight is None else float(np.sum(weight))
        # Columns: precision, recall, F1, share of the samples, support.
        shares = support_shares(support, total)
        self._table = np.column_stack([table[:, :3], shares, support])
        columns = [*METRICS, SUPPORT] if self.support else list(METRICS)
        names = self.classes_.tolist()
        self.scores_ = {
            metric: dict(zip(names, self._table[:, j].tolist()))
            for j, metric in enumerate(columns)
        }
        self.__dict__.pop("support_score_", None)
        if self.support:  # counts, unless weighted
            self.support_score_ = support if weight is not None else support.astype(int)
        self.averages_ = average_scores(table)
        self.class_counts_ = samples_per_class(y_true, n_classes)
        self.score_ = float(accuracy_score(y_true, y_pred, sample_weight=weight))

    # -- drawing -------------------------------------------------------------------

    def draw(self) -> None:
        """Draw the score cells, the support cells and every cell's value."""
        n_rows = len(self._table)
        scores = np.ma.masked_invalid(self._table[:, :3])
        rows = np.arange(n_rows + 1)
        self.image_ = self.ax_.pcolormesh(
            np.arange(len(METRICS) + 1), rows, scores, cmap=_colormap(self.cmap),
            vmin=0, vmax=_PERFECT, edgecolors="w", linewidth=0.5,
        )  # fmt: skip
        texts = [[_format_score(v) for v in row] for row in self._table[:, :3]]
        colors = text_colors(self.image_.to_rgba(scores))
        if SUPPORT in self.scores_:
            self._draw_support_cells(rows)
            texts = [row + [self._format_support(k)] for k, row in enumerate(texts)]
            colors = np.column_stack([colors, np.full(n_rows, "k", dtype=object)])
        self.texts_ = self._annotate(texts, colors)
        self._set_ticks([*METRICS, SUPPORT][: len(texts[0])], n_rows)
        self.colorbar_ = self._draw_colorbar() if self.colorbar else None

    def _draw_support_cells(self, rows: np.ndarray) -> None:
        from matplotlib.colors import ListedColormap

        column = len(METRICS)
        self.ax_.pcolormesh(
            [column, column + 1], rows, np.zeros((len(rows) - 1, 1)),
            cmap=ListedColormap([SUPPORT_COLOR]), edgecolors="w", linewidth=0.5,
        )  # fmt: skip

    def _format_support(self, row: int) -> str:
        share, count = self._table[row, 3:]
        if self.support == "count":
            return f"{count:.0f}" if float(count).is_integer() else f"{count:.1f}"
        return f"{share:.1%}"

    def _annotate(self, texts: list[list[str]], colors: np.ndarray) -> list:
        style = {"ha": "center", "va": "center", "fontsize": self.fontsize}
        return [
            [
                self.ax_.text(
                    col + 0.5, row + 0.5, text, color=colors[row, col], **style
                )
                for col, text in enumerate(row_texts)
            ]
            for row, row_texts in enumerate(texts)
        ]

    def _set_ticks(self, columns: list[str], n_rows: int) -> None:
        self.ax_.set_xlim(0, len(columns))
        self.ax_.set_ylim(n_rows, 0)  # the first class on top
        ticks = np.arange(max(len(columns), n_rows)) + 0.5
        fontsize = self.fontsize
        self.ax_.set_xticks(ticks[: len(columns)], columns, fontsize=fontsize)
        labels = label_names(self.classes_)
        self.ax_.set_yticks(ticks[:n_rows], labels, fontsize=fontsize)
        self.ax_.tick_params(length=0)
        self.ax_.grid(False)
        fit_tick_labels(self.ax_, "x")
        fit_tick_labels(self.ax_, "y")

    def _draw_colorbar(self):
        from mpl_toolkits.axes_grid1 import make_axes_locatable

        cax = make_axes_locatable(self.ax_).append_axes("right", size="5%", pad=0.15)
        colorbar = self.fig_.colorbar(self.image_, cax=cax, extend="max")
        colorbar.set_ticks([0, 0.2, 0.4, 0.6, 0.8])
        return colorbar

    def finalize(self):
        """Title, and the accuracy and average F1 scores below the table."""
        self.set_title(self._model_title("Classification Report"))
        accuracy = "subset accuracy" if self.__dict__.get("_multilabel") else "accuracy"
        self.ax_.set_xlabel(
            f"{accuracy} {self.score_:.3f}   "
            f"macro F1 {self.averages_['macro avg']['f1']:.3f}   "
            f"weighted F1 {self.averages_['weighted avg']['f1']:.3f}"
        )
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()
        return self.ax_


# -- drawing helpers ------------------------------------------------------------------


def _colormap(cmap: Any):
    """The Colormap of ``cmap``, with perfect scores green and undefined ones grey."""
    base = get_colormap(cmap, "cmap")
    return base.with_extremes(over=CMAP_OVERCOLOR, bad=UNDEFINED_COLOR)


def _format_score(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


classification_report = declare(
    ClassificationReport, kind=SCORE, quick="classification_report",
    example=examples.classification,
)  # fmt: skip
