"""Precision-recall curves and average precision for binary, multiclass and
multilabel classifiers."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.classifier.scores import BINARY as BINARY_TARGET
from vizkit.classifier.scores import ClassScores, ScoreCurveVisualizer
from vizkit.draw import CURVE_ZORDER
from vizkit.exceptions import VizkitValueError
from vizkit.registry import SCORE, declare
from vizkit.style import LINE_COLOR, resolve_colors
from vizkit.utils.curves import (
    average_precision,
    precision_recall_points,
    thin_curve,
    threshold_counts,
)
from vizkit.utils.docs import common_params

# Keys of the averaged and single curves in ``precision_``, ``recall_``, ...
MICRO, BINARY = "micro", "binary"
REFERENCE_ZORDER = 1.5
# Room above precision 1, so a curve along the top edge is not hidden by it.
PRECISION_TOP = 1.05


def _is_f1(value: Any) -> bool:
    """True for a number strictly between 0 and 1 (an F1 score off its bounds)."""
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        return False
    return 0 < float(value) < 1


def _check_iso_f1_values(value: Any, name: str, viz: Any) -> None:
    try:
        ok = not isinstance(value, str) and all(_is_f1(v) for v in value)
    except TypeError:  # not iterable
        ok = False
    if not ok:
        raise VizkitValueError(
            f"{name}={value!r} is not valid; pass F1 values strictly between 0 "
            "and 1, e.g. (0.2, 0.4, 0.6, 0.8)."
        )


@common_params
class PrecisionRecallCurve(ScoreCurveVisualizer):
    """Precision-recall curves of a classifier, with their average precision.

    Each curve plots precision (the share of samples predicted positive that
    are positive) against recall (the share of positives found) as the
    decision threshold moves, drawn as steps. The average precision (AP)
    summarises a curve: the precision at each threshold weighted by the
    recall gained there, the area under the steps. Unlike ROC curves, these
    curves show how a model does on a rare class. Scores come from
    ``predict_proba``, else ``decision_function``, computed once per
    ``score``.

    For a binary target, the curve and the score are those of the positive
    class (``pos_label``, by default the model's second class), as
    ``average_precision_score(y == pos_label, scores)`` and
    ``GridSearchCV(scoring="average_precision")`` compute them; ``micro`` and
    ``per_class`` apply to multiclass and multilabel targets only.

    Parameters
    ----------
    estimator : scikit-learn classifier
        The model to evaluate; it needs ``predict_proba`` or
        ``decision_function``. If it is not fitted, ``fit`` fits it in place
        (unless ``is_fitted`` says otherwise). It is never wrapped or refitted
        to get per-class scores.
    {common: ax}
    {common: classes}
    colors : list of colors or str, default=None
        The curves' colours: one colour, a list (class ``i`` takes the
        ``i``-th, the micro average the next) or a palette name. Wins over
        ``cmap``.
    cmap : str or matplotlib Colormap, default=None
        A colormap sampled evenly for the curves' colours when ``colors`` is
        None. Neither gives the current colour cycle.
    {common: encoder}
    fill_area : bool, default=True
        Fill the area under each curve (its average precision) with the
        curve's colour.
    ap_score : bool, default=True
        Write the average precision in each legend label and, for a binary
        target (or the macro average), in the title.
    micro : bool, default=True
        Multiclass and multilabel: draw the micro-average curve, every
        (sample, class) decision pooled into one binary problem.
    iso_f1_curves : bool, default=False
        Draw dotted curves of constant F1 score, labelled at the right edge,
        to read how close the curves come to each F1.
    iso_f1_values : tuple of float, default=(0.2, 0.4, 0.6, 0.8)
        The F1 scores of the iso-F1 curves, each strictly between 0 and 1.
    per_class : bool, default=False
        Multiclass and multilabel: draw the one-vs-rest curve of each class,
        from the model's score column of that class.
    fill_opacity : float, default=0.2
        Opacity of the filled areas, from 0 (transparent) to 1.
    line_opacity : float, default=0.8
        Opacity of the curves, from 0 (transparent) to 1.
    {common: is_fitted}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a classifier.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "Precision-Recall Curve for <Model>".
    {common: size}
    pos_label : int, float, bool or str, default=None
        For a binary target, the positive class (one of the class values, as
        in scikit-learn): its curve is drawn and its AP is the score. None
        takes the model's second class (``classes_[1]``); without a model,
        one-column scores need it unless the classes are {0, 1} or {-1, 1}
        (then 1 is positive). Refused for multiclass and multilabel targets.

    Attributes
    ----------
    precision_, recall_ : dict of ndarray
        Precision and recall at each threshold, recall decreasing, ending at
        precision 1, recall 0 (as ``precision_recall_curve`` returns them).
        Keyed by class index (in the model's class order) and "micro" for
        multiclass and multilabel targets, "binary" for a binary target.
    thresholds_ : dict of ndarray
        The score thresholds of each curve, with the same keys.
    average_precision_ : dict of float
        The average precision of each curve, with the same keys.
    target_type_ : {"binary", "multiclass", "multilabel"}
        The kind of classification problem.
    classes_ : ndarray of shape (n_classes,)
        The class labels, in the model's order.
    class_counts_ : ndarray of shape (n_classes,)
        The number of samples of each class given to ``fit``.
    score_ : float
        Binary target: the positive class's average precision,
        ``average_precision_score(y == pos_label, scores)``. Multiclass and
        multilabel: the micro-average AP if ``micro``, else the macro average
        (the mean of the per-class APs, as
        ``average_precision_score(onehot, scores, average="macro")``).
    lines_ : dict of matplotlib Line2D
        The drawn curves, with the keys of ``precision_``.
    fills_ : dict of matplotlib PolyCollection
        The filled areas under the curves (empty unless ``fill_area``).
    iso_f1_ : matplotlib LineCollection or None
        The iso-F1 curves, one segment per value (None unless
        ``iso_f1_curves``).

    Notes
    -----
    Multiclass curves are one-vs-rest curves read from the model's own score
    columns (``predict_proba`` or ``decision_function``), so what is drawn
    is the model that was given. Yellowbrick instead wrapped the model in a
    ``OneVsRestClassifier`` and refitted it, drawing the curves of another
    model and replacing the user's ``estimator``; vizkit never refits a
    fitted model or wraps it.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from vizkit.classifier import PrecisionRecallCurve
    >>> viz = PrecisionRecallCurve(LogisticRegression(), per_class=True)
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _SCORED = "precision_"

    _params = {
        "colors": P.colors(),
        "cmap": P.colormap(),
        "fill_area": P.boolean(draw=True),
        "ap_score": P.boolean(draw=True),
        "micro": P.boolean(),
        "iso_f1_curves": P.boolean(draw=True),
        "iso_f1_values": P.Param(_check_iso_f1_values, draw=True),
        "per_class": P.boolean(),
        "fill_opacity": P.number(0, 1, draw=True),
        "line_opacity": P.number(0, 1, draw=True),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        classes=None,
        colors=None,
        cmap=None,
        encoder=None,
        fill_area=True,
        ap_score=True,
        micro=True,
        iso_f1_curves=False,
        iso_f1_values=(0.2, 0.4, 0.6, 0.8),
        per_class=False,
        fill_opacity=0.2,
        line_opacity=0.8,
        is_fitted="auto",
        force_model=False,
        fig=None,
        title=None,
        size=None,
        pos_label=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.classes = classes
        self.colors = colors
        self.cmap = cmap
        self.encoder = encoder
        self.fill_area = fill_area
        self.ap_score = ap_score
        self.micro = micro
        self.iso_f1_curves = iso_f1_curves
        self.iso_f1_values = iso_f1_values
        self.per_class = per_class
        self.fill_opacity = fill_opacity
        self.line_opacity = line_opacity
        self.is_fitted = is_fitted
        self.force_model = force_model
        self.fig = fig
        self.title = title
        self.size = size
        self.pos_label = pos_label

    def score(self, X, y):
        """Compute the precision-recall curves of the model on test data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The test data.
        y : array-like of shape (n_samples,) or (n_samples, n_labels)
            The true classes of ``X``, or a 0/1 label indicator matrix for a
            multilabel model.

        Returns
        -------
        score_ : float
            Binary target: the positive class's average precision.
            Multiclass and multilabel: the micro-average AP if ``micro``, else
            the mean of the per-class APs.
        """
        return super().score(X, y)

    # -- computation -----------------------------------------------------------------

    def _compute(self, data: ClassScores) -> None:
        """Compute and store the curves, their APs and ``score_``."""
        curves = compute_curves(data, self._curves_to_compute(data))
        self.precision_ = {key: curve[0] for key, curve in curves.items()}
        self.recall_ = {key: curve[1] for key, curve in curves.items()}
        self.thresholds_ = {key: curve[2] for key, curve in curves.items()}
        self.average_precision_ = {
            key: average_precision(self.precision_[key], self.recall_[key])
            for key in curves
        }
        self._positive = data.positive
        if data.positive is not None:
            self.score_ = self.average_precision_[BINARY]
        elif MICRO in curves:
            self.score_ = self.average_precision_[MICRO]
        else:
            self.score_ = float(np.mean(list(self.average_precision_.values())))

    def _curves_to_compute(self, data: ClassScores) -> list[int | str]:
        """The curve keys the options ask for: classes, "micro" or "binary"."""
        if data.target_type == BINARY_TARGET:
            return [BINARY]
        if not (self.micro or self.per_class):
            raise VizkitValueError(
                "micro and per_class are both False, so no curve would be drawn "
                f"for this {data.target_type} target; set at least one of them to "
                "True."
            )
        keys: list[int | str] = []
        if self.per_class:
            keys += data.scorable_classes("precision-recall curves")
        if self.micro:
            keys.append(MICRO)
        return keys

    # -- drawing ---------------------------------------------------------------------

    def draw(self) -> None:
        """Draw each curve as steps (filled if asked), and the reference lines."""
        self.iso_f1_ = self._draw_iso_f1() if self.iso_f1_curves else None
        colors = self._curve_colors()
        self.lines_, self.fills_ = {}, {}
        for key in self.precision_:
            style = dict(color=colors[key], ls="--" if self._dashed(key) else "-")
            recall, precision = thin_curve(self.recall_[key], self.precision_[key])
            # steps-post in decreasing recall: each step's height is the
            # precision of its threshold, so the area under it is the AP.
            (self.lines_[key],) = self.ax_.plot(
                recall, precision, drawstyle="steps-post", label=self._label(key),
                alpha=self.line_opacity, clip_on=False, zorder=CURVE_ZORDER, **style,
            )  # fmt: skip
            if self.fill_area:
                self.fills_[key] = self.ax_.fill_between(
                    recall, precision, step="post", color=colors[key],
                    alpha=self.fill_opacity, linewidth=0,
                )  # fmt: skip
        if self._positive is not None:
            self._draw_chance_level()

    def _curve_colors(self) -> dict:
        """One colour per class (by class index, stable across options), then micro."""
        n_classes = len(self.classes_)
        if self._positive is not None:
            return {BINARY: resolve_colors(1, self.cmap, self.colors)[0]}
        keys = [key for key in self.precision_ if key != MICRO]
        n_colors = n_classes + 1 if keys else 1
        palette = resolve_colors(n_colors, self.cmap, self.colors)
        colors: dict = {key: palette[key] for key in keys}
        colors[MICRO] = palette[-1]
        return colors

    def _dashed(self, key) -> bool:
        """The micro average is dashed when drawn among the class curves."""
        return key == MICRO and len(self.precision_) > 1

    def _label(self, key) -> str:
        if key == MICRO:
            label = "micro-average PR curve"
        else:
            index = self._positive if key == BINARY else key
            label = f"PR of class {self.classes_[index]}"
        if self.ap_score:
            label += f", AP = {self.average_precision_[key]:0.2f}"
        return label

    def _draw_chance_level(self) -> None:
        # At the lowest threshold every sample is predicted positive, so the
        # first precision is the positive rate: the AP of a model that guesses.
        rate = self.precision_[BINARY][0]
        label = "chance level" + (f", AP = {rate:0.2f}" if self.ap_score else "")
        self.ax_.axhline(
            rate, linestyle=":", color=LINE_COLOR, label=label, zorder=REFERENCE_ZORDER
        )

    def _draw_iso_f1(self):
        """Dotted curves of constant F1, each labelled beside the right edge.

        One LineCollection: matplotlib's "best" legend placement ignores it,
        so the legend may sit over these reference curves rather than the
        model's.
        """
        from matplotlib.collections import LineCollection

        curves = [np.column_stack(iso_f1_curve(f1)) for f1 in self.iso_f1_values]
        collection = LineCollection(
            curves, linestyles=":", colors=LINE_COLOR, alpha=0.6, linewidths=1,
            zorder=REFERENCE_ZORDER,
        )  # fmt: skip
        self.ax_.add_collection(collection, autolim=False)
        for f1, curve in zip(self.iso_f1_values, curves):
            # Outside the right spine, where no curve can run over the label.
            self.ax_.annotate(
                f"F1={f1:g}", xy=curve[-1], xytext=(3, 0),
                textcoords="offset points", ha="left", va="center",
                fontsize="small", color=LINE_COLOR, annotation_clip=False,
            )  # fmt: skip
        return collection

    def finalize(self):
        """Title, legend, axis labels and limits."""
        self.set_title(self._default_title())
        self.ax_.legend(loc="best", frameon=True)
        self.ax_.set_xlim(0.0, 1.0)
        self.ax_.set_ylim(0.0, PRECISION_TOP)
        self.ax_.set_xlabel("Recall")
        self.ax_.set_ylabel("Precision")
        return self.ax_

    def _default_title(self) -> str:
        """The title, with the score when no legend entry shows it."""
        binary = self._positive is not None
        title = "Precision-Recall Curve" if binary else "Precision-Recall Curves"
        if self.estimator is not None:
            title += f" for {self.name}"
        if self.ap_score and binary:
            title += f" (AP = {self.score_:0.2f})"
        elif self.ap_score and MICRO not in self.precision_:
            title += f" (macro AP = {self.score_:0.2f})"
        return title


# -- pure helpers --------------------------------------------------------------------


def precision_recall(
    y_true: np.ndarray, scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(precision, recall, thresholds)`` of one binary problem, as sklearn's."""
    return precision_recall_points(threshold_counts(y_true, scores))


def compute_curves(data: ClassScores, keys: list[int | str]) -> dict:
    """The curve of each key: a class index, "micro" (pooled) or "binary".

    Each curve is ``(precision, recall, thresholds)``, one sort of its
    scores column.
    """
    curves: dict = {}
    for key in keys:
        if key == BINARY:
            assert data.positive is not None
            curves[key] = precision_recall(*data.column(data.positive))
        elif key == MICRO:
            curves[key] = precision_recall(*data.pooled())
        else:
            curves[key] = precision_recall(*data.column(int(key)))
    return curves


def iso_f1_curve(f1: float, n_points: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """``(recall, precision)`` points where ``2 P R / (P + R) = f1``, P <= 1.

    Solving for precision gives ``P = f1 R / (2 R - f1)``, which reaches 1 at
    ``R = f1 / (2 - f1)``; the curve runs from there to recall 1.
    """
    recall = np.linspace(f1 / (2 - f1), 1, n_points)
    return recall, f1 * recall / (2 * recall - f1)


precision_recall_curve = declare(
    PrecisionRecallCurve,
    kind=SCORE,
    quick="precision_recall_curve",
    example=examples.classification,
    aliases=("PRCurve",),
)
