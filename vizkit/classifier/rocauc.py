"""ROC curves and their areas for binary and multiclass classifiers."""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.metrics import accuracy_score, auc, roc_auc_score, roc_curve

from vizkit import examples
from vizkit import params as P
from vizkit.classifier.base import ClassificationScoreVisualizer
from vizkit.exceptions import VizkitValueError, VizkitWarning
from vizkit.registry import SCORE, declare
from vizkit.style import LINE_COLOR, class_colors
from vizkit.utils.curves import macro_average
from vizkit.utils.docs import common_params
from vizkit.utils.labels import encode_target
from vizkit.utils.response import SCORE_METHODS, response_method
from vizkit.utils.validation import check_classes, check_target, plain, to_numpy

# Keys of the averaged and single curves in ``fpr``, ``tpr`` and ``roc_auc``.
MICRO, MACRO, BINARY = "micro", "macro", "binary"
# Name of the per-class curves in the list of curves to compute.
PER_CLASS = "per_class"
# Values of ``target_type_``.
BINARY_TARGET, MULTICLASS_TARGET = "binary", "multiclass"
# Curves are drawn above the axes spines (zorder 2.5) and unclipped, so a curve
# running along an edge (FPR 0, TPR 1) stays visible; the legend (5) stays on top.
CURVE_ZORDER = 3


@common_params
class ROCAUC(ClassificationScoreVisualizer):
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
    classes : list of str, default=None
        Names for the classes, one per class, in the order of the sorted class
        values (the order of the model's ``classes_``). They relabel the plot;
        the computation always uses the model's own class values.
    encoder : dict or fitted transformer, default=None
        Maps class values to labels: a dict, or an object with
        ``inverse_transform`` such as a fitted ``LabelEncoder``. Used instead
        of ``classes`` when both are given.
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
    _response_methods = SCORE_METHODS

    _params = {
        "micro": P.boolean(),
        "macro": P.boolean(),
        "per_class": P.boolean(),
        "binary": P.boolean(),
        "color": P.ignored("the curves are coloured per class."),
        "pos_label": P.anything(),  # checked against the classes in fit/score
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

    def fit(self, X, y=None, **kwargs):
        """As :meth:`ClassificationScoreVisualizer.fit`, then check the model scores."""
        super().fit(X, y, **kwargs)
        response_method(self.estimator)  # refuse a model that cannot rank now
        self.target_type_ = _target_type(len(self.classes_))
        self._positive_index(one_column=False)  # pos_label is one of the classes
        return self

    def score(self, X, y):
        """Compute the ROC curves of the model on test data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The test data.
        y : array-like of shape (n_samples,)
            The true classes of ``X``.

        Returns
        -------
        score_ : float
            Binary target: the positive class's AUC. Multiclass: the
            micro-average AUC, else the macro-average AUC, else accuracy.
        """
        y_true = self._prepare_score(X, y)
        scores = self._call_model(response_method(self.estimator), X)
        # A model's one-column decision_function scores its classes_[1].
        self._store_curves(y_true, scores, "estimator scores", from_model=True)
        if self.score_ is None:
            predicted = self._call_model("predict", X)
            self.score_ = float(accuracy_score(y_true, predicted))
        return self.score_

    @classmethod
    def from_predictions(cls, y_true, y_score, *, pos_label=None, ax=None, **kwargs):
        """Draw the ROC curves from true classes and scores, without a model.

        Parameters
        ----------
        y_true : array-like of shape (n_samples,)
            The true classes.
        y_score : array-like of shape (n_samples,) or (n_samples, n_classes)
            For a binary target, the scores of the positive class
            (``pos_label``), or one column per sorted class; otherwise one
            column per sorted class.
        pos_label : int, float, bool or str, default=None
            The positive class of a binary target. Needed with one-column
            scores unless the classes are {0, 1} or {-1, 1} (then 1 is
            positive), as in ``sklearn.metrics.roc_curve``; with two columns
            it defaults to the second sorted class.
        ax : matplotlib Axes, default=None
            Where to draw; None draws on a new figure.
        **kwargs
            Other ROCAUC parameters.

        Returns
        -------
        viz : ROCAUC
        """
        return super().from_predictions(
            y_true, y_score, ax=ax, pos_label=pos_label, **kwargs
        )

    def _score_predictions(self, y_true, y_score) -> None:
        y_true = check_target(y_true, name="y_true")
        values, counts = np.unique(y_true, return_counts=True)
        check_classes(values, "y_true")
        self._set_classes(values)
        self.class_counts_ = counts
        self._store_curves(y_true, y_score, "y_score", from_model=False)

    # -- computation -----------------------------------------------------------------

    def _store_curves(
        self, y_true: np.ndarray, scores, name: str, *, from_model: bool
    ) -> None:
        """Compute and store the curves, their AUCs and ``score_``.

        One-column ``scores`` score the model's second class when
        ``from_model``, else the positive class (``pos_label``).
        """
        n_classes = len(self._class_values)
        scores = _check_scores(scores, len(y_true), n_classes, name)
        y_index = encode_target(y_true, self._class_values)
        check_classes(np.unique(y_index), "y")
        self.target_type_ = _target_type(n_classes)
        positive = self._positive_index(one_column=scores.ndim == 1 and not from_model)
        if positive is not None:
            scores = binary_scores(scores, owner=1 if from_model else positive)
        curves = self._curves_to_compute(n_classes, scores.ndim)
        if scores.ndim == 1 and BINARY not in curves:
            scores = np.column_stack([-scores, scores])  # the negative class's view
        fpr, tpr = compute_curves(
            y_index, scores, curves, positive=1 if positive is None else positive
        )
        self.fpr = self.fpr_ = fpr
        self.tpr = self.tpr_ = tpr
        self.roc_auc = self.roc_auc_ = {key: auc(fpr[key], tpr[key]) for key in fpr}
        self._curves_to_draw = [
            key for key in fpr if not isinstance(key, int) or PER_CLASS in curves
        ]
        if positive is None:
            self.score_ = self._multiclass_score()
        else:
            self.score_ = positive_auc(y_index, scores, positive)

    def _positive_index(self, one_column: bool) -> int | None:
        """Index of ``pos_label`` among the classes; None for a multiclass target.

        ``one_column`` says the scores are one column given without a model,
        which, as in scikit-learn, needs ``pos_label`` unless the classes are
        {0, 1} or {-1, 1}.
        """
        values = self._class_values.tolist()
        if len(values) != 2:
            if self.pos_label is not None:
                raise VizkitValueError(
                    f"pos_label={plain(self.pos_label)!r} is for binary targets, "
                    f"but there are {len(values)} classes; leave pos_label=None."
                )
            return None
        if self.pos_label is None:
            if one_column and values not in ([0, 1], [-1, 1]):
                raise VizkitValueError(
                    f"y_true takes the values {values} and y_score has one column, "
                    "so the class it scores is ambiguous; pass pos_label (one of "
                    f"{values}) to say which class is positive."
                )
            return 1
        if self.pos_label not in values:
            raise VizkitValueError(
                f"pos_label={plain(self.pos_label)!r} is not one of the classes "
                f"{values}; pass one of them."
            )
        return values.index(self.pos_label)

    def _curves_to_compute(self, n_classes: int, ndim: int) -> list[str]:
        """The curves the options ask for and the scores allow."""
        requested = [key for key in (PER_CLASS, MICRO, MACRO) if getattr(self, key)]
        if self.binary:
            if n_classes != 2:
                raise VizkitValueError(
                    f"binary=True needs a binary target, but there are {n_classes} "
                    "classes; use micro, macro or per_class instead."
                )
            return [BINARY]
        if n_classes == 2 and ndim == 1 and (self.micro or self.macro):
            warnings.warn(
                "micro and macro averages are not defined for one-column scores "
                "that are not probabilities (some fall outside [0, 1], as a "
                "decision_function's do); the positive class's ROC curve is drawn "
                "instead (pass binary=True to ask for it directly).",
                VizkitWarning,
                stacklevel=4,
            )
            return [BINARY]
        if requested:
            return requested
        if n_classes == 2:
            return [BINARY]
        raise VizkitValueError(
            "micro, macro and per_class are all False, so no curve would be drawn; "
            "set at least one of them to True."
        )

    def _multiclass_score(self) -> float | None:
        """Micro AUC, else macro AUC, else (without a model) the mean class AUC.

        None with a model and neither average: ``score`` then uses accuracy.
        """
        for key in (MICRO, MACRO):
            if key in self.roc_auc:
                return float(self.roc_auc[key])
        if self.estimator is not None:
            return None  # the model's accuracy, computed by score
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
                self.fpr[key], self.tpr[key],
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


def _target_type(n_classes: int) -> str:
    return BINARY_TARGET if n_classes == 2 else MULTICLASS_TARGET


def _check_scores(scores, n_samples: int, n_classes: int, name: str) -> np.ndarray:
    """Scores as a float array of shape (n,) or (n, n_classes)."""
    scores = np.asarray(to_numpy(scores), dtype=np.float64)
    if scores.ndim == 2 and scores.shape[1] == 1:
        scores = scores.ravel()
    if scores.ndim not in (1, 2) or scores.shape[0] != n_samples:
        raise VizkitValueError(
            f"{name} has shape {scores.shape}; pass one row per sample ({n_samples})."
        )
    if scores.ndim == 2 and scores.shape[1] != n_classes:
        raise VizkitValueError(
            f"{name} has {scores.shape[1]} columns but there are {n_classes} "
            "classes; pass one column per class, in sorted class order."
        )
    if scores.ndim == 1 and n_classes != 2:
        raise VizkitValueError(
            f"{name} has one column but there are {n_classes} classes; pass one "
            "column per class."
        )
    if not np.all(np.isfinite(scores)):
        raise VizkitValueError(f"{name} contains NaN or infinite values.")
    return scores


def binary_scores(scores: np.ndarray, owner: int) -> np.ndarray:
    """Binary scores in class order: two columns, or one scoring class 1.

    One-column ``scores`` score the class of index ``owner`` (0 or 1). If they
    all lie in [0, 1] they are that class's probability, returned as the two
    columns ``[1 - p, p]`` of class 1's probability ``p``; others (decision
    functions) are returned as one column scoring class 1.
    """
    if scores.ndim == 2:
        return scores
    if np.all((scores >= 0) & (scores <= 1)):
        proba_1 = scores if owner == 1 else 1 - scores
        return np.column_stack([1 - proba_1, proba_1])
    return scores if owner == 1 else -scores


def positive_scores(scores: np.ndarray, positive: int) -> np.ndarray:
    """The scores of class ``positive`` from scores in :func:`binary_scores` form."""
    if scores.ndim == 2:
        return scores[:, positive]
    return scores if positive == 1 else -scores


def positive_auc(y_index: np.ndarray, scores: np.ndarray, positive: int) -> float:
    """The AUC of class ``positive`` against the other, as ``roc_auc_score``."""
    return float(roc_auc_score(y_index == positive, positive_scores(scores, positive)))


def compute_curves(
    y_index: np.ndarray, scores: np.ndarray, curves: list[str], positive: int = 1
) -> tuple[dict, dict]:
    """The ROC curves named in ``curves`` ("binary", "micro", "macro", "per_class").

    ``y_index`` holds each sample's class index; ``scores`` is (n, n_classes),
    or (n,) scoring class 1 for the single binary curve, which is the curve
    of class ``positive``. Per-class curves are computed for "per_class" and
    for "macro" (which averages them).
    """
    fpr: dict = {}
    tpr: dict = {}
    if BINARY in curves:
        fpr[BINARY], tpr[BINARY], _ = roc_curve(
            y_index == positive, positive_scores(scores, positive)
        )
        return fpr, tpr
    onehot = y_index[:, np.newaxis] == np.arange(scores.shape[1])
    if PER_CLASS in curves or MACRO in curves:
        for index in _scorable_classes(onehot):
            fpr[index], tpr[index], _ = roc_curve(onehot[:, index], scores[:, index])
    if MICRO in curves:
        fpr[MICRO], tpr[MICRO], _ = roc_curve(onehot.ravel(), scores.ravel())
    if MACRO in curves:
        classes = [key for key in fpr if isinstance(key, int)]
        fpr[MACRO], tpr[MACRO] = macro_average(
            [fpr[i] for i in classes], [tpr[i] for i in classes]
        )
    return fpr, tpr


def _scorable_classes(onehot: np.ndarray) -> list[int]:
    """Classes with both positives and negatives; warn about the others."""
    positives = onehot.sum(axis=0)
    ok = (positives > 0) & (positives < onehot.shape[0])
    if not ok.all():
        warnings.warn(
            f"class indices {np.flatnonzero(~ok).tolist()} have no samples (or only "
            "samples) in y, so their ROC curves are undefined and left out.",
            VizkitWarning,
            stacklevel=5,
        )
    return [int(i) for i in np.flatnonzero(ok)]


roc_auc = declare(ROCAUC, kind=SCORE, quick="roc_auc", example=examples.classification)
