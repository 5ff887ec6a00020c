"""ROC curves and their areas for binary, multiclass and multilabel classifiers."""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.metrics import accuracy_score, auc

from vizkit import examples
from vizkit import params as P
from vizkit.classifier.scores import BINARY as BINARY_TARGET
from vizkit.classifier.scores import ClassScores, ScoreCurveVisualizer
from vizkit.draw import CURVE_ZORDER
from vizkit.exceptions import VizkitValueError, VizkitWarning
from vizkit.registry import SCORE, declare
from vizkit.style import LINE_COLOR, class_colors
from vizkit.utils.curves import macro_average, roc_points, thin_curve, threshold_counts
from vizkit.utils.docs import common_params
from vizkit.utils.validation import to_numpy

# Keys of the averaged and single curves in ``fpr``, ``tpr`` and ``roc_auc``.
MICRO, MACRO, BINARY = "micro", "macro", "binary"
# Name of the per-class curves in the list of curves to compute.
PER_CLASS = "per_class"


@common_params
class ROCAUC(ScoreCurveVisualizer):
    """Receiver operating characteristic curves of a classifier, with their AUC.

    Each curve plots the true positive rate against the false positive rate
    as the decision threshold moves; the area under it (AUC) summarises how
    well the scores rank positives above negatives. Multiclass problems get
    one one-vs-rest curve per class plus the micro-average (all class
    decisions pooled) and the macro-average (per-class curves averaged on the
    union of their false positive rates). Scores come from ``predict_proba``,
    else ``decision_function``, computed once per ``score``.

    For a binary target, the score is the AUC of the positive class
    (``pos_label``, by default the model's second class), as
    ``roc_auc_score(y, proba[:, 1])`` and ``GridSearchCV(scoring="roc_auc")``
    compute it, whatever curves are drawn. ``binary=True`` (or all of
    ``micro``, ``macro`` and ``per_class`` False) draws the single curve of
    the positive class. One-column scores inside [0, 1] are taken as the
    positive class's probability ``p``, seen as the two columns ``[1 - p, p]``.
    Other one-column scores, such as the ``decision_function`` of
    ``LinearSVC``, have no defined averages: the positive-class curve is
    drawn instead, with a warning (pass ``binary=True`` to ask for it
    directly), and ``per_class=True`` alone draws both classes' curves, the
    negative class scored by the negated decision function.

    Parameters
    ----------
    estimator : scikit-learn classifier
        The model to evaluate; it needs ``predict_proba`` or
        ``decision_function``. If it is not fitted, ``fit`` fits it in place
        (unless ``is_fitted`` says otherwise).
    {common: ax}
    micro : bool, default=True
        Draw the micro-average curve: every (sample, class) decision pooled
        into one binary problem.
    macro : bool, default=True
        Draw the macro-average curve: the per-class true positive rates
        interpolated on the union of their false positive rates and averaged.
    per_class : bool, default=True
        Draw the one-vs-rest curve of each class.
    binary : bool, default=False
        For a binary target, draw only the curve of the positive class
        (Yellowbrick's shortcut for ``micro=macro=per_class=False``).
    {common: classes, encoder}
    {common: is_fitted}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a classifier.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "ROC Curves for <Model>".
    {common: size}
    color : any, default=None
        Accepted as Yellowbrick did; ignored with a warning (curves are
        coloured per class).
    pos_label : int, float, bool or str, default=None
        For a binary target, the positive class (one of the class values, as
        in scikit-learn): its AUC is the score and the single binary curve is
        its curve. None takes the model's second class (``classes_[1]``);
        without a model, one-column scores need it unless the classes are
        {0, 1} or {-1, 1} (then 1 is positive). Refused for multiclass targets.

    Attributes
    ----------
    fpr, tpr : dict of ndarray
        False and true positive rates of each curve, keyed by class index (in
        the model's class order), "micro", "macro" or, for the single binary
        curve, "binary". The same objects are ``fpr_`` and ``tpr_``.
    roc_auc : dict of float
        The area under each curve, with the same keys; also ``roc_auc_``.
    target_type_ : {"binary", "multiclass"}
        The kind of classification problem.
    classes_ : ndarray of shape (n_classes,)
        The class labels, in the model's order.
    class_counts_ : ndarray of shape (n_classes,)
        The number of samples of each class given to ``fit``.
    score_ : float
        Binary target: the AUC of the positive class (``pos_label``), whatever
        ``micro``, ``macro``, ``per_class`` and ``binary`` draw. Multiclass:
        the micro-average AUC if it was computed, else the macro-average AUC,
        else the model's accuracy (without a model, in ``from_predictions``,
        the mean per-class AUC).
    lines_ : dict of matplotlib Line2D
        The drawn curves, with the keys of ``fpr``.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from vizkit.classifier import ROCAUC
    >>> viz = ROCAUC(LogisticRegression(), classes=["win", "loss", "draw"])
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _SCORED = "fpr_"

    _params = {
        "micro": P.boolean(),
        "macro": P.boolean(),
        "per_class": P.boolean(),
        "binary": P.boolean(),
        "color": P.ignored("the curves are coloured per class."),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        micro=True,
        macro=True,
        per_class=True,
        binary=False,
        classes=None,
        encoder=None,
        is_fitted="auto",
        force_model=False,
        fig=None,
        title=None,
        size=None,
        color=None,
        pos_label=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.micro = micro
        self.macro = macro
        self.per_class = per_class
        self.binary = binary
        self.classes = classes
        self.encoder = encoder
        self.is_fitted = is_fitted
        self.force_model = force_model
        self.fig = fig
        self.title = title
        self.size = size
        self.color = color
        self.pos_label = pos_label

    def score(self, X, y):
        """Compute the ROC curves of the model on test data.

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
            Binary target: the positive class's AUC. Multiclass and
            multilabel: the micro-average AUC, else the macro-average AUC,
            else accuracy.
        """
        if np.isnan(super().score(X, y)):
            predicted = self._call_model("predict", X)
            self.score_ = float(accuracy_score(to_numpy(y), predicted))
        return self.score_

    # -- computation -----------------------------------------------------------------

    def _compute(self, data: ClassScores) -> None:
        """Compute and store the curves, their AUCs and ``score_``."""
        curves = self._curves_to_compute(data)
        fpr, tpr = compute_curves(data, curves)
        self.fpr = self.fpr_ = fpr
        self.tpr = self.tpr_ = tpr
        self.roc_auc = self.roc_auc_ = {key: auc(fpr[key], tpr[key]) for key in fpr}
        self._curves_to_draw = [
            key for key in fpr if not isinstance(key, int) or PER_CLASS in curves
        ]
        if data.positive is None:
            self.score_ = self._multiclass_score()
        else:
            self.score_ = self._positive_auc(data)

    def _positive_auc(self, data: ClassScores) -> float:
        """The positive class's AUC, read from its curve if it was drawn."""
        assert data.positive is not None
        for key in (data.positive, BINARY):
            if key in self.roc_auc and (key == BINARY or not data.one_column):
                return float(self.roc_auc[key])
        return float(auc(*roc(*data.column(data.positive))))

    def _curves_to_compute(self, data: ClassScores) -> list[str]:
        """The curves the options ask for and the scores allow."""
        requested = [key for key in (PER_CLASS, MICRO, MACRO) if getattr(self, key)]
        if self.binary:
            if data.target_type != BINARY_TARGET:
                raise VizkitValueError(
                    f"binary=True needs a binary target, but the target is "
                    f"{data.target_type} with {data.n_classes} {self._class_word()}; "
                    "use micro, macro or per_class instead."
                )
            return [BINARY]
        if data.one_column and (self.micro or self.macro):
            warnings.warn(
                "micro and macro averages are not defined for one-column scores "
                "that are not probabilities (some fall outside [0, 1], as a "
                "decision_function's do); the positive class's ROC curve is drawn "
                "instead (pass binary=True to ask for it directly).",
                VizkitWarning,
                stacklevel=5,
            )
            return [BINARY]
        if requested:
            return requested
        if data.target_type == BINARY_TARGET:
            return [BINARY]
        raise VizkitValueError(
            "micro, macro and per_class are all False, so no curve would be drawn; "
            "set at least one of them to True."
        )

    def _multiclass_score(self) -> float:
        """Micro AUC, else macro AUC, else (without a model) the mean class AUC.

        NaN with a model and neither average: ``score`` then uses accuracy.
        """
        for key in (MICRO, MACRO):
            if key in self.roc_auc:
                return float(self.roc_auc[key])
        if self.estimator is not None:
            return float("nan")  # the model's accuracy, computed by score
        return float(np.mean([self.roc_auc[key] for key in self.roc_auc]))

    # -- drawing ---------------------------------------------------------------------

    def draw(self) -> None:
        """Draw each computed curve as a line, and the chance diagonal."""
        classes = self.classes_
        # Distinct colours for every class, and two more for the averages.
        palette = class_colors(len(classes) + 2)
        self.lines_ = {}
        for key in self._curves_to_draw:
            if key == BINARY:
                label, style = "ROC for binary decision", dict(color=palette[0])
            elif key in (MICRO, MACRO):
                color = palette[len(classes) + (key == MACRO)]
                label, style = f"{key}-average ROC curve", dict(color=color, ls="--")
            else:
                label = f"ROC of class {classes[key]}"
                style = dict(color=palette[key])
            (self.lines_[key],) = self.ax_.plot(
                *thin_curve(self.fpr[key], self.tpr[key]),
                label=f"{label}, AUC = {self.roc_auc[key]:0.2f}",
                clip_on=False, zorder=CURVE_ZORDER, **style,
            )  # fmt: skip
        self.ax_.plot([0, 1], [0, 1], linestyle=":", color=LINE_COLOR)

    def finalize(self):
        """Title, legend, axis labels and the unit square limits."""
        self.set_title(
            "ROC Curves" if self.estimator is None else f"ROC Curves for {self.name}"
        )
        self.ax_.legend(loc="lower right", frameon=True)
        self.ax_.set_xlim(0.0, 1.0)
        self.ax_.set_ylim(0.0, 1.0)
        self.ax_.set_ylabel("True Positive Rate")
        self.ax_.set_xlabel("False Positive Rate")
        return self.ax_


# -- pure helpers --------------------------------------------------------------------


def roc(y_true: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(fpr, tpr)`` of one binary problem, equal to ``roc_curve``'s."""
    fpr, tpr, _ = roc_points(threshold_counts(y_true, scores))
    return fpr, tpr


def compute_curves(data: ClassScores, curves: list[str]) -> tuple[dict, dict]:
    """The ROC curves named in ``curves`` ("binary", "micro", "macro", "per_class").

    Per-class curves are computed for "per_class" and for "macro" (which
    averages them); "binary" is the positive class's curve.
    """
    fpr: dict = {}
    tpr: dict = {}
    if BINARY in curves:
        assert data.positive is not None
        fpr[BINARY], tpr[BINARY] = roc(*data.column(data.positive))
        return fpr, tpr
    if PER_CLASS in curves or MACRO in curves:
        for index in data.scorable_classes("ROC curves"):
            fpr[index], tpr[index] = roc(*data.column(index))
    if MICRO in curves:
        fpr[MICRO], tpr[MICRO] = roc(*data.pooled())
    if MACRO in curves:
        classes = [key for key in fpr if isinstance(key, int)]
        fpr[MACRO], tpr[MACRO] = macro_average(
            [fpr[i] for i in classes], [tpr[i] for i in classes]
        )
    return fpr, tpr


roc_auc = declare(ROCAUC, kind=SCORE, quick="roc_auc", example=examples.classification)
