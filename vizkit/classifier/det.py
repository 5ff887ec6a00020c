"""Detection error tradeoff (DET) curves of a classifier, with equal error rates."""

from __future__ import annotations

import numpy as np
from scipy.stats import norm
from sklearn import metrics

from vizkit import examples
from vizkit import params as P
from vizkit.classifier.scores import BINARY, ClassScores, ScoreCurveVisualizer
from vizkit.draw import CURVE_ZORDER
from vizkit.registry import SCORE, declare
from vizkit.style import LINE_COLOR, class_colors
from vizkit.utils.curves import THIN_RESOLUTION, thin_curve
from vizkit.utils.docs import common_params

#: The smallest rate the axes show (0.05%, and 99.95% at the other end). Rates
#: beyond it, 0 and 1 included (their normal deviates are infinite), are drawn
#: on the edge of the axes.
RATE_LIMIT = 5e-4
#: The axes' half range, in normal deviates: they span [-EDGE, EDGE] (about 3.29).
EDGE = float(-norm.ppf(RATE_LIMIT))
#: Where the ticks go, as rates; they are labelled as percentages.
TICK_RATES = (0.001, 0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 0.99, 0.999)


@common_params
class DETCurve(ScoreCurveVisualizer):
    """Detection error tradeoff curves of a classifier, with their equal error rates.

    A DET curve plots the false negative rate (misses) against the false
    positive rate (false alarms) as the decision threshold moves, both on
    normal-deviate (probit) axes labelled in percent, as scikit-learn's
    ``DetCurveDisplay`` draws them: the curves of classifiers whose scores are
    roughly normal in each class become nearly straight lines, and the region
    of low error rates, squeezed into a corner of a ROC plot, is spread out.
    The curves come from ``sklearn.metrics.det_curve``. Rates of 0 or 1 (whose
    normal deviates are infinite) and any rate below 0.05% or above 99.95%
    are drawn on the edge of the axes.

    The equal error rate (EER) of a curve is where the two error rates are
    equal; here, precisely, the mean of the false positive and false negative
    rates at the threshold where their difference is smallest (the lowest such
    threshold on ties). It is marked on each curve, which crosses the dotted
    diagonal FPR = FNR there. **Lower is better** for the EER and for the
    curves: a better classifier's curve lies closer to the lower left corner.

    A binary target gets the curve of its positive class (``pos_label``, by
    default the model's second class). Multiclass and multilabel targets get
    one one-vs-rest curve per class (or label), from the model's score column
    of that class. Scores come from ``predict_proba``, else
    ``decision_function``, computed once per ``score``.

    Parameters
    ----------
    estimator : scikit-learn classifier
        The model to evaluate; it needs ``predict_proba`` or
        ``decision_function``. If it is not fitted, ``fit`` fits it in place
        (unless ``is_fitted`` says otherwise).
    {common: ax}
    {common: classes, encoder}
    {common: is_fitted}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a classifier.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "DET Curves for <Model>".
    {common: size}
    pos_label : int, float, bool or str, default=None
        For a binary target, the positive class (one of the class values, as
        in scikit-learn): the curve drawn and the EER are its. None takes the
        model's second class (``classes_[1]``); without a model, one-column
        scores need it unless the classes are {0, 1} or {-1, 1} (then 1 is
        positive). Refused for multiclass and multilabel targets.
    eer_points : bool, default=True
        Mark the point of each curve where its EER is read.

    Attributes
    ----------
    fpr_, fnr_, thresholds_ : dict of ndarray
        The false positive rates, false negative rates and thresholds of each
        curve, as ``sklearn.metrics.det_curve`` returns them, keyed by class
        index (in the model's class order) or, for a binary target, "binary".
    eer_ : dict of float
        The equal error rate of each curve, with the same keys.
    eer_threshold_ : dict of float
        The threshold at which each curve's EER is read (the marked point).
    target_type_ : {"binary", "multiclass", "multilabel"}
        The kind of classification problem.
    classes_ : ndarray of shape (n_classes,)
        The class labels, in the model's order.
    class_counts_ : ndarray of shape (n_classes,)
        The number of samples of each class given to ``fit``.
    score_ : float
        The equal error rate (lower is better): for a binary target, the
        positive class's; otherwise the mean of the per-class EERs.
    lines_, eer_points_ : dict of matplotlib Line2D
        The drawn curves and their EER points (if marked), with the keys of
        ``fpr_``.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from vizkit.classifier import DETCurve
    >>> viz = DETCurve(LogisticRegression())
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _SCORED = "fnr_"

    _params = {"eer_points": P.boolean(draw=True)}

    def __init__(
        self,
        estimator,
        ax=None,
        classes=None,
        encoder=None,
        is_fitted="auto",
        force_model=False,
        fig=None,
        title=None,
        size=None,
        pos_label=None,
        eer_points=True,
    ):
        self.estimator = estimator
        self.ax = ax
        self.classes = classes
        self.encoder = encoder
        self.is_fitted = is_fitted
        self.force_model = force_model
        self.fig = fig
        self.title = title
        self.size = size
        self.pos_label = pos_label
        self.eer_points = eer_points

    # -- computation -----------------------------------------------------------------

    def _compute(self, data: ClassScores) -> None:
        """Store each curve, its EER and ``score_``."""
        columns = data.curve_columns("DET curves")
        self._columns = columns  # the class of each curve, for its name and colour
        self.fpr_, self.fnr_, self.thresholds_ = {}, {}, {}
        self.eer_, self.eer_threshold_ = {}, {}
        for key, column in columns.items():
            members, scores = data.column(column)
            fpr, fnr, thresholds = metrics.det_curve(members.astype(np.int8), scores)
            eer, at = equal_error_rate(fpr, fnr)
            self.fpr_[key], self.fnr_[key], self.thresholds_[key] = fpr, fnr, thresholds
            self.eer_[key], self.eer_threshold_[key] = eer, float(thresholds[at])
        self.score_ = float(np.mean(list(self.eer_.values())))

    # -- drawing ---------------------------------------------------------------------

    def draw(self) -> None:
        """Draw each curve on probit axes with its EER point, and the diagonal."""
        classes = self.classes_
        palette = class_colors(len(classes))
        self.lines_, self.eer_points_ = {}, {}
        for key in self.fpr_:
            fpr, fnr, index = self.fpr_[key], self.fnr_[key], self._columns[key]
            style = dict(color=palette[index], clip_on=False, zorder=CURVE_ZORDER)
            (self.lines_[key],) = self.ax_.plot(
                *drawn_points(fpr, fnr),
                label=f"class {classes[index]}, EER = {self.eer_[key]:.1%}",
                **style,
            )
            if not self.eer_points:
                continue
            # The point the EER is read at, next to the diagonal FPR = FNR.
            at = equal_error_rate(fpr, fnr)[1]
            (self.eer_points_[key],) = self.ax_.plot(
                probit(fpr[at : at + 1]), probit(fnr[at : at + 1]), marker="o", **style
            )
        self.ax_.plot([-EDGE, EDGE], [-EDGE, EDGE], linestyle=":", color=LINE_COLOR)

    def finalize(self):
        """Title, legend, percent ticks on probit axes, labels and limits."""
        self.set_title(
            "DET Curves" if self.estimator is None else f"DET Curves for {self.name}"
        )
        legend_title = None
        if BINARY not in self.fpr_:
            legend_title = f"mean EER = {self.score_:.1%}"
        self.ax_.legend(loc="upper right", frameon=True, title=legend_title)
        ticks = norm.ppf(TICK_RATES)
        labels = [f"{100 * rate:g}%" for rate in TICK_RATES]
        for axis in (self.ax_.xaxis, self.ax_.yaxis):
            axis.set_ticks(ticks, labels)
        self.ax_.set_xlim(-EDGE, EDGE)
        self.ax_.set_ylim(-EDGE, EDGE)
        self.ax_.set_xlabel("False Positive Rate")
        self.ax_.set_ylabel("False Negative Rate")
        return self.ax_


# -- pure helpers --------------------------------------------------------------------


def equal_error_rate(fpr: np.ndarray, fnr: np.ndarray) -> tuple[float, int]:
    """The EER of a DET curve and the index of the point it is read at.

    The EER is the mean of the two rates at the point where they are closest
    (the first such point, the lowest threshold of ``det_curve``'s output, on
    ties).
    """
    index = int(np.argmin(np.abs(fpr - fnr)))
    return float((fpr[index] + fnr[index]) / 2), index


def probit(rates) -> np.ndarray:
    """Normal deviates of ``rates``, clipped to the axes' range (finite at 0 and 1)."""
    return norm.ppf(np.clip(rates, RATE_LIMIT, 1 - RATE_LIMIT))


def drawn_points(fpr: np.ndarray, fnr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The curve's points on the probit axes, thinned to the drawn resolution.

    Thinning works on the unit square, so the points are scaled from the
    axes' range to [0, 1] and back.
    """
    x, y = probit(fpr), probit(fnr)
    if len(x) <= 4 * THIN_RESOLUTION:
        return x, y
    u, v = thin_curve((x + EDGE) / (2 * EDGE), (y + EDGE) / (2 * EDGE))
    return u * 2 * EDGE - EDGE, v * 2 * EDGE - EDGE


det_curve = declare(
    DETCurve, kind=SCORE, quick="det_curve", example=examples.classification
)
