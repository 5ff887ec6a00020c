"""Cumulative gain and lift curves: what targeting the top-scored samples buys.

Rank the samples by a classifier's score of one class, most likely first.
Targeting the top fraction ``x`` of them captures a fraction ``gain(x)`` of
the class's members (the true positive rate); a random pick captures ``x``.
The lift, ``gain(x) / x``, says how many times better than random the
ranking is. Both curves come from the same threshold counts (one sort per
score column), read at every distinct score.

Between two distinct scores the gain is a straight line: it is the expected
share captured when the tied samples of the next score are picked at random.
The gain and lift "at" a fraction (the reported scores) are read on that line.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.classifier.scores import BINARY, ClassScores, ScoreCurveVisualizer
from vizkit.draw import CURVE_ZORDER
from vizkit.exceptions import VizkitValueError
from vizkit.registry import SCORE, declare
from vizkit.style import LINE_COLOR, class_colors
from vizkit.utils.curves import thin_curve, threshold_counts
from vizkit.utils.docs import common_params

#: Key of the positive class's curve for a binary target (else class indices).
#: Largest gap along x between the points drawn on a lift curve: gain / x is
#: curved between two thresholds far apart (a model with few distinct scores).
LIFT_SPACING = 1e-3


# -- pure computations ------------------------------------------------------------


def gain_points(
    is_class: np.ndarray, scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``(percentages, gains)`` of one class, from (0, 0) to (1, 1).

    ``percentages[i]`` is the fraction of all samples scored at or above the
    i-th distinct score (descending), ``gains[i]`` the fraction of the
    class's members among them. ``is_class`` must hold at least one True.
    """
    fps, tps, _ = threshold_counts(is_class, scores)
    percentages = (tps + fps) / (tps[-1] + fps[-1])
    return np.r_[0.0, percentages], np.r_[0.0, tps / tps[-1]]


def lift_points(percentages: np.ndarray, gains: np.ndarray) -> np.ndarray:
    """The lift, ``gains / percentages``, at each point of a gain curve.

    At 0 samples targeted it is the limit, the lift of the top-scored
    samples: the gain grows linearly within their tie, so the lift is
    constant there.
    """
    lifts = gains[1:] / percentages[1:]
    return np.r_[lifts[0], lifts]


def gain_at(percentages: np.ndarray, gains: np.ndarray, at: float) -> float:
    """The gain when the top fraction ``at`` of the samples is targeted.

    Read on the gain curve at ``x = at`` (linear between thresholds): the
    expected fraction of the class captured by the ``at * n`` top-scored
    samples, ties at the cut broken at random. Without ties and with ``at * n``
    whole, it is the class's members among the top ``at * n`` samples over
    the class's size.
    """
    return float(np.interp(at, percentages, gains))


def perfect_gain(prior: float) -> tuple[np.ndarray, np.ndarray]:
    """The gain curve of a ranking with every member of a class first.

    ``prior`` is the class's fraction of the samples: the gain reaches 1 there.
    """
    return np.array([0.0, prior, 1.0]), np.array([0.0, 1.0, 1.0])


def perfect_lift(prior: float, points: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """The lift curve of a perfect ranking: ``1 / prior`` up to ``prior``, then 1/x."""
    percentages = np.r_[0.0, np.linspace(prior, 1.0, points)]
    return percentages, 1.0 / np.maximum(percentages, prior)


def lift_points_to_draw(
    percentages: np.ndarray, lifts: np.ndarray, top: float
) -> tuple[np.ndarray, np.ndarray]:
    """The points that draw a lift curve faithfully on axes from 0 to ``top``.

    ``percentages`` start at the first threshold (above 0). Points are added
    where thresholds lie more than ``LIFT_SPACING`` apart, since the lift is
    curved between them (the gain, not the lift, is linear there). The curve
    is then thinned in axes units (x, lift / top), so every dropped point
    lies within 1/2000 of the axes of the drawn line.
    """
    grid = np.arange(LIFT_SPACING, 1.0, LIFT_SPACING)
    x = np.union1d(percentages, grid[grid > percentages[0]])
    lifts = np.interp(x, percentages, lifts * percentages) / x
    x, scaled = thin_curve(x, lifts / top)
    return x, scaled * top


def class_gain_curves(data: ClassScores) -> dict[Any, tuple[np.ndarray, np.ndarray]]:
    """The gain curves to draw, keyed as the visualizers' attributes.

    A binary target gives the positive class's curve under "binary"; other
    targets one curve per class (or label) index, one-vs-rest from its score
    column, leaving out (with a warning) classes without members or non-members.
    """
    columns = data.curve_columns("gain and lift curves")
    return {key: gain_points(*data.column(index)) for key, index in columns.items()}


def _check_at(value: Any, name: str, viz: Any) -> None:
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        if 0 < float(value) <= 1:
            return
    raise VizkitValueError(
        f"{name}={value!r} is not valid; pass the fraction of the samples "
        "targeted, a number in (0, 1] such as 0.1 for the top 10%."
    )


# -- the visualizers -------------------------------------------------------------------


class GainLiftVisualizer(ScoreCurveVisualizer):
    """What :class:`CumulativeGain` and :class:`LiftCurve` share.

    ``_compute`` stores each class's gain curve and its gain at ``at``;
    ``draw`` draws each class's curve (``_curve``), a dot where ``score_`` is
    read, the dashed perfect curves (``_perfect_curve``) and the random
    baseline (``_BASELINE``). Subclasses add their y axis in ``finalize``.
    """

    _SCORED = "percentages_"
    #: The metric's name in legends, and the attribute of its values at ``at``.
    _METRIC = "gain"
    _VALUES_AT = "gain_at_"
    #: The default title, before " for <Model>".
    _TITLE = ""
    _LEGEND_LOC = "best"
    #: The curve of random targeting, (x, y).
    _BASELINE = ((0.0, 1.0), (0.0, 1.0))

    _params = {
        "at": P.Param(_check_at),
        "perfect": P.boolean(draw=True),
    }

    def _compute(self, data: ClassScores) -> None:
        """Store the gain curves, their values at ``at`` and the classes' shares."""
        curves = class_gain_curves(data)
        if not curves:
            raise VizkitValueError(
                "no class has both members and non-members in y, so no gain or "
                "lift curve is defined; score on data holding several classes."
            )
        self._positive = data.positive
        self._scored_at = self.at  # what the legend reports, if ``at`` changes later
        self.percentages_ = {key: curve[0] for key, curve in curves.items()}
        self.gains_ = {key: curve[1] for key, curve in curves.items()}
        self.gain_at_ = {key: gain_at(*curve, self.at) for key, curve in curves.items()}
        self.priors_ = {
            key: float(data.column(self._index(key))[0].mean()) for key in curves
        }
        self.score_ = float(np.mean(list(self.gain_at_.values())))

    # -- drawing -----------------------------------------------------------------------

    def draw(self) -> None:
        """Each class's curve with a dot at ``at``, perfect curves, the baseline."""
        palette = class_colors(len(self.classes_))
        values = getattr(self, self._VALUES_AT)
        single = len(self.percentages_) == 1
        self.lines_ = {}
        for key in self.percentages_:
            color = palette[self._index(key)]
            label = f"class {self.classes_[self._index(key)]}: {self._metric_at()} = "
            (self.lines_[key],) = self.ax_.plot(
                *self._curve(key), color=color, clip_on=False, zorder=CURVE_ZORDER,
                label=label + f"{values[key]:0.2f}",
            )  # fmt: skip
            self.ax_.plot(
                [self._scored_at], [values[key]], "o", color=color, clip_on=False,
                zorder=CURVE_ZORDER,
            )  # fmt: skip
            if self.perfect:  # labelled below when there are several
                self.ax_.plot(
                    *self._perfect_curve(key), color=color, ls="--", lw=1,
                    alpha=0.8, clip_on=False, zorder=CURVE_ZORDER,
                    label="perfect" if single else None,
                )  # fmt: skip
        if self.perfect and not single:  # one legend entry for all of them
            self.ax_.plot([], [], color=LINE_COLOR, ls="--", lw=1, label="perfect")
        self.ax_.plot(*self._BASELINE, ls=":", color=LINE_COLOR, label="random")

    def finalize(self):
        """Title, legend (with the mean for several classes), x axis."""
        from matplotlib.ticker import PercentFormatter

        what = self._TITLE
        self.set_title(what if self.estimator is None else f"{what} for {self.name}")
        mean = None
        if len(self.percentages_) > 1:
            mean = f"mean {self._metric_at()} = {self.score_:0.2f}"
        self.ax_.legend(loc=self._LEGEND_LOC, frameon=True, title=mean)
        self.ax_.set_xlim(0.0, 1.0)
        self.ax_.xaxis.set_major_formatter(PercentFormatter(1.0))
        self.ax_.set_xlabel("Samples targeted, highest scores first")
        return self.ax_

    def _index(self, key) -> int:
        """The class index of a curve's key."""
        if key == BINARY:
            assert self._positive is not None  # set for binary targets
            return self._positive
        return key

    def _metric_at(self) -> str:
        return f"{self._METRIC} at {self._scored_at * 100:.3g}%"

    def _curve(self, key) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def _perfect_curve(self, key) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError


@common_params
class CumulativeGain(GainLiftVisualizer):
    """Cumulative gain curves: the share of a class captured by the top-scored samples.

    The samples are ranked by the model's score of a class, highest first.
    At each distinct score, the curve plots the fraction of all samples
    targeted (scored at or above it) against the fraction of the class's
    members among them (the gain, or true positive rate). A model that
    guesses follows the diagonal; a perfect one captures the whole class once
    it has targeted as many samples as the class has members. Scores come
    from ``predict_proba``, else ``decision_function``, computed once per
    ``score``.

    A binary target gets the curve of the positive class (``pos_label``, by
    default the model's second class). Multiclass and multilabel targets get
    one one-vs-rest curve per class (or label), read from the model's score
    columns.

    Parameters
    ----------
    estimator : scikit-learn classifier
        The model to evaluate; it needs ``predict_proba`` or
        ``decision_function``. If it is not fitted, ``fit`` fits it in place
        (unless ``is_fitted`` says otherwise).
    {common: ax}
    at : float, default=0.1
        The fraction of the samples targeted at which the gain is reported
        (in the legend, as ``gain_at_`` and ``score_``), in (0, 1]. The gain is
        read on the curve at ``x = at``, linear between two thresholds: the
        expected share of the class captured by the top ``at * n`` samples,
        ties at the cut broken at random.
    perfect : bool, default=True
        Also draw, dashed, the curve of a perfect model: gain 1 once the
        fraction targeted reaches the class's share of the samples.
    {common: classes, encoder}
    {common: is_fitted}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a classifier.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "Cumulative Gains Curve for <Model>".
    {common: size}
    pos_label : int, float, bool or str, default=None
        For a binary target, the class whose members are to be captured (one
        of the class values, as in scikit-learn). None takes the model's
        second class (``classes_[1]``); without a model, one-column scores
        need it unless the classes are {0, 1} or {-1, 1} (then 1 is
        positive). Refused for multiclass and multilabel targets.

    Attributes
    ----------
    percentages_ : dict of ndarray
        The fraction of the samples targeted at each distinct score of each
        curve, ascending from 0 to 1, keyed by class index (in the model's
        class order) or, for a binary target, "binary".
    gains_ : dict of ndarray
        The fraction of the class captured at each of ``percentages_``, from
        0 to 1, with the same keys.
    gain_at_ : dict of float
        The gain of each curve at ``x = at``, with the same keys.
    priors_ : dict of float
        Each curve's class's share of the samples, where the perfect curve
        reaches 1.
    target_type_ : {"binary", "multiclass", "multilabel"}
        The kind of classification problem.
    classes_ : ndarray of shape (n_classes,)
        The class labels, in the model's order.
    class_counts_ : ndarray of shape (n_classes,)
        The number of samples of each class given to ``fit``.
    score_ : float
        The gain at ``at``: for a binary target, the share of the positive
        class captured by the top ``at`` fraction of the samples; otherwise
        the mean of ``gain_at_`` over the classes.
    lines_ : dict of matplotlib Line2D
        The drawn curves, with the keys of ``percentages_``.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from vizkit.classifier import CumulativeGain
    >>> viz = CumulativeGain(LogisticRegression(), at=0.2)
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _TITLE = "Cumulative Gains Curve"
    _LEGEND_LOC = "lower right"

    def __init__(
        self,
        estimator,
        ax=None,
        at=0.1,
        perfect=True,
        classes=None,
        encoder=None,
        is_fitted="auto",
        force_model=False,
        fig=None,
        title=None,
        size=None,
        pos_label=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.at = at
        self.perfect = perfect
        self.classes = classes
        self.encoder = encoder
        self.is_fitted = is_fitted
        self.force_model = force_model
        self.fig = fig
        self.title = title
        self.size = size
        self.pos_label = pos_label

    def _curve(self, key):
        return thin_curve(self.percentages_[key], self.gains_[key])

    def _perfect_curve(self, key):
        return perfect_gain(self.priors_[key])

    def finalize(self):
        """As the base, plus the gain axis from 0 to 100%."""
        from matplotlib.ticker import PercentFormatter

        super().finalize()
        self.ax_.set_ylim(0.0, 1.0)
        self.ax_.yaxis.set_major_formatter(PercentFormatter(1.0))
        self.ax_.set_ylabel("Gain: share of the class captured")
        return self.ax_


@common_params
class LiftCurve(GainLiftVisualizer):
    """Lift curves: how many times better than random the top-scored samples are.

    The samples are ranked by the model's score of a class, highest first.
    At each distinct score, the curve plots the fraction of all samples
    targeted (scored at or above it) against the lift: the fraction of the
    class's members captured among them (the gain) divided by the fraction
    targeted, i.e. the class's share among the targeted samples over its
    share among all. Random targeting has a lift of 1. The curve starts at
    the first (highest) score and ends at lift 1 when every sample is
    targeted. Scores come from ``predict_proba``, else ``decision_function``,
    computed once per ``score``.

    A binary target gets the curve of the positive class (``pos_label``, by
    default the model's second class). Multiclass and multilabel targets get
    one one-vs-rest curve per class (or label), read from the model's score
    columns.

    Parameters
    ----------
    estimator : scikit-learn classifier
        The model to evaluate; it needs ``predict_proba`` or
        ``decision_function``. If it is not fitted, ``fit`` fits it in place
        (unless ``is_fitted`` says otherwise).
    {common: ax}
    at : float, default=0.1
        The fraction of the samples targeted at which the lift is reported
        (in the legend, as ``lift_at_`` and ``score_``), in (0, 1]. The lift
        there is the gain read on the gain curve at ``x = at`` (linear between
        two thresholds, ties at the cut broken at random) divided by ``at``.
    perfect : bool, default=False
        Also draw, dashed, the lift of a perfect model: one over the class's
        share of the samples until that share is targeted, then ``1 / x``.
    {common: classes, encoder}
    {common: is_fitted}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a classifier.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "Lift Curve for <Model>".
    {common: size}
    pos_label : int, float, bool or str, default=None
        For a binary target, the class whose members are to be captured (one
        of the class values, as in scikit-learn). None takes the model's
        second class (``classes_[1]``); without a model, one-column scores
        need it unless the classes are {0, 1} or {-1, 1} (then 1 is
        positive). Refused for multiclass and multilabel targets.

    Attributes
    ----------
    percentages_ : dict of ndarray
        The fraction of the samples targeted at each distinct score of each
        curve, ascending from 0 to 1, keyed by class index (in the model's
        class order) or, for a binary target, "binary".
    lifts_ : dict of ndarray
        The lift at each of ``percentages_``, with the same keys; it ends at
        1. The first, at 0 samples targeted, is the limit there: the lift of
        the top-scored samples (the curve is drawn from the next point).
    lift_at_ : dict of float
        The lift of each curve at ``x = at``, with the same keys.
    gains_, gain_at_ : dict
        The gain curves and the gains at ``at`` the lifts come from, as
        :class:`CumulativeGain` computes them.
    priors_ : dict of float
        Each curve's class's share of the samples: the perfect lift is its
        inverse.
    target_type_ : {"binary", "multiclass", "multilabel"}
        The kind of classification problem.
    classes_ : ndarray of shape (n_classes,)
        The class labels, in the model's order.
    class_counts_ : ndarray of shape (n_classes,)
        The number of samples of each class given to ``fit``.
    score_ : float
        The lift at ``at``: for a binary target, the share of the positive
        class captured by the top ``at`` fraction of the samples divided by
        ``at``; otherwise the mean of ``lift_at_`` over the classes.
    lines_ : dict of matplotlib Line2D
        The drawn curves, with the keys of ``percentages_``. Between two
        thresholds far apart, points are added on the exact curve (gain
        linear, so lift curved).

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from vizkit.classifier import LiftCurve
    >>> viz = LiftCurve(LogisticRegression(), at=0.2)
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _METRIC = "lift"
    _VALUES_AT = "lift_at_"
    _TITLE = "Lift Curve"
    _LEGEND_LOC = "upper right"
    _BASELINE = ((0.0, 1.0), (1.0, 1.0))

    def __init__(
        self,
        estimator,
        ax=None,
        at=0.1,
        perfect=False,
        classes=None,
        encoder=None,
        is_fitted="auto",
        force_model=False,
        fig=None,
        title=None,
        size=None,
        pos_label=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.at = at
        self.perfect = perfect
        self.classes = classes
        self.encoder = encoder
        self.is_fitted = is_fitted
        self.force_model = force_model
        self.fig = fig
        self.title = title
        self.size = size
        self.pos_label = pos_label

    def _compute(self, data: ClassScores) -> None:
        """The gain curves, then the lift at each of their points and at ``at``."""
        super()._compute(data)
        self.lifts_ = {
            key: lift_points(self.percentages_[key], self.gains_[key])
            for key in self.percentages_
        }
        self.lift_at_ = {key: gain / self.at for key, gain in self.gain_at_.items()}
        self.score_ = float(np.mean(list(self.lift_at_.values())))

    def _top(self) -> float:
        """The top of the lift axis: the highest lift drawn, with a margin."""
        highest = max(float(lifts.max()) for lifts in self.lifts_.values())
        if self.perfect:
            highest = max(highest, *(1 / prior for prior in self.priors_.values()))
        return 1.05 * highest

    def _curve(self, key):
        # Drawn from the first threshold: targeting nobody has no lift.
        percentages, lifts = self.percentages_[key][1:], self.lifts_[key][1:]
        return lift_points_to_draw(percentages, lifts, self._top())

    def _perfect_curve(self, key):
        return perfect_lift(self.priors_[key])

    def finalize(self):
        """As the base, plus the lift axis from 0 to above the highest lift."""
        super().finalize()
        self.ax_.set_ylim(0.0, self._top())
        self.ax_.set_ylabel("Lift: class share among targeted / overall")
        return self.ax_


cumulative_gain = declare(
    CumulativeGain, kind=SCORE, quick="cumulative_gain", example=examples.classification
)
lift_curve = declare(
    LiftCurve, kind=SCORE, quick="lift_curve", example=examples.classification
)
