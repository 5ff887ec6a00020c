"""The Kolmogorov-Smirnov chart: how far apart a classifier scores two groups."""

from __future__ import annotations

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.classifier.scores import BINARY, ClassScores, ScoreCurveVisualizer
from vizkit.draw import CURVE_ZORDER
from vizkit.registry import SCORE, declare
from vizkit.style import LINE_COLOR, class_colors
from vizkit.utils.curves import THIN_RESOLUTION, thin_curve, threshold_counts
from vizkit.utils.docs import common_params


@common_params
class KSStatistic(ScoreCurveVisualizer):
    """The Kolmogorov-Smirnov chart of a classifier: score CDFs and their largest gap.

    For a class, the samples that belong to it (members) and the others
    (non-members) each have an empirical cumulative distribution of the
    model's score of that class: the fraction of them scored at or below each
    threshold. The KS statistic is the largest vertical gap between the two
    distributions, the two-sample Kolmogorov-Smirnov statistic of
    ``scipy.stats.ks_2samp``; it lies between 0 (the scores do not tell the
    groups apart) and 1 (a threshold separates them perfectly), and
    **higher is better**. At the threshold ``t`` where it is reached,
    calling "member" every sample scored above ``t`` gives the largest
    difference between true and false positive rates (Youden's J).

    A binary target gets the chart of its positive class (``pos_label``, by
    default the model's second class): the two CDFs against the threshold,
    with the gap marked by a vertical line, and the KS value and its
    threshold in the legend's title. Multiclass and multilabel targets get one
    one-vs-rest comparison per class (or label), from the model's score
    column of that class; two CDFs per class would overlap unreadably, so
    each class is drawn as its gap curve (CDF of the non-members minus CDF
    of the members, positive where members score higher), with its
    maximum marked and given in the legend. Scores come from
    ``predict_proba``, else ``decision_function``, computed once per
    ``score``.

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
        The title of the plot; None gives "KS Statistic for <Model>".
    {common: size}
    pos_label : int, float, bool or str, default=None
        For a binary target, the positive class (one of the class values, as
        in scikit-learn): its members are compared with the other class's on
        its scores. None takes the model's second class (``classes_[1]``);
        without a model, one-column scores need it unless the classes are
        {0, 1} or {-1, 1} (then 1 is positive). Refused for multiclass and
        multilabel targets.
    ks_line : bool, default=True
        Mark each KS statistic with a dashed vertical line over the gap, at
        its threshold.

    Attributes
    ----------
    thresholds_ : dict of ndarray
        The distinct scores of each comparison, ascending, keyed by class
        index (in the model's class order) or, for a binary target, "binary".
    cdf_members_, cdf_non_members_ : dict of ndarray
        The fraction of the members (non-members) scored at or below each of
        ``thresholds_``, with the same keys.
    ks_ : dict of float
        The KS statistic of each comparison, with the same keys.
    ks_threshold_ : dict of float
        The threshold at which each KS statistic is reached (the lowest one
        on ties).
    target_type_ : {"binary", "multiclass", "multilabel"}
        The kind of classification problem.
    classes_ : ndarray of shape (n_classes,)
        The class labels, in the model's order.
    class_counts_ : ndarray of shape (n_classes,)
        The number of samples of each class given to ``fit``.
    score_ : float
        The KS statistic (higher is better): for a binary target, the
        positive class's; otherwise the mean of the per-class statistics.
    lines_ : dict
        The drawn curves: for a binary target, "members" and "non_members"
        (the two CDFs); otherwise the gap curve of each class, by class index.
    ks_lines_ : dict of matplotlib Line2D
        The marks of the KS statistics (if drawn), with the keys of ``ks_``.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from vizkit.classifier import KSStatistic
    >>> viz = KSStatistic(LogisticRegression())
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _SCORED = "ks_"

    _params = {"ks_line": P.boolean(draw=True)}

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
        ks_line=True,
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
        self.ks_line = ks_line

    # -- computation -----------------------------------------------------------------

    def _compute(self, data: ClassScores) -> None:
        """Store each comparison's CDFs, its KS statistic and ``score_``."""
        columns = data.curve_columns("KS statistics")
        self._columns = columns  # the class of each comparison, for names, colours
        self.thresholds_, self.cdf_members_, self.cdf_non_members_ = {}, {}, {}
        self.ks_, self.ks_threshold_ = {}, {}
        for key, column in columns.items():
            thresholds, members, others = score_cdfs(*data.column(column))
            at = largest_gap(members, others)
            self.thresholds_[key] = thresholds
            self.cdf_members_[key], self.cdf_non_members_[key] = members, others
            self.ks_[key] = float(abs(others[at] - members[at]))
            self.ks_threshold_[key] = float(thresholds[at])
        self.score_ = float(np.mean(list(self.ks_.values())))

    # -- drawing ---------------------------------------------------------------------

    def draw(self) -> None:
        """The two CDFs (binary target) or each class's gap curve, KS marked."""
        self.lines_: dict = {}
        self.ks_lines_: dict = {}
        if BINARY in self.ks_:
            self._draw_binary()
        else:
            self._draw_gaps()

    def _draw_binary(self) -> None:
        classes, palette = self.classes_, class_colors(len(self.classes_))
        positive, thresholds = self._columns[BINARY], self.thresholds_[BINARY]
        curves = {
            "members": (positive, self.cdf_members_, " (positive)"),
            "non_members": (1 - positive, self.cdf_non_members_, ""),
        }
        for name, (index, cdf, note) in curves.items():
            (self.lines_[name],) = self.ax_.plot(
                *thin_steps(*ecdf_start(thresholds, cdf[BINARY])),
                drawstyle="steps-post", color=palette[index],
                label=f"class {classes[index]}{note}", zorder=CURVE_ZORDER,
            )  # fmt: skip
        at = int(np.searchsorted(thresholds, self.ks_threshold_[BINARY]))
        ends = [self.cdf_members_[BINARY][at], self.cdf_non_members_[BINARY][at]]
        self._mark_ks(BINARY, ends, LINE_COLOR)

    def _draw_gaps(self) -> None:
        classes, palette = self.classes_, class_colors(len(self.classes_))
        for key in self.ks_:
            index = self._columns[key]
            gap = self.cdf_non_members_[key] - self.cdf_members_[key]
            (self.lines_[key],) = self.ax_.plot(
                *thin_steps(*ecdf_start(self.thresholds_[key], gap)),
                drawstyle="steps-post", color=palette[index], alpha=0.85,
                label=f"class {classes[index]}: {self._ks_text(key)}",
                zorder=CURVE_ZORDER,
            )  # fmt: skip
            at = int(np.searchsorted(self.thresholds_[key], self.ks_threshold_[key]))
            self._mark_ks(key, [0.0, gap[at]], palette[index])
        self.ax_.axhline(0.0, color=LINE_COLOR, linewidth=0.8)

    def _ks_text(self, key) -> str:
        return f"KS = {self.ks_[key]:.3f} at threshold {self.ks_threshold_[key]:.3g}"

    def _mark_ks(self, key, ends: list[float], color: str) -> None:
        """A dashed vertical segment over the gap, at its threshold."""
        if not self.ks_line:
            return
        threshold = self.ks_threshold_[key]
        (self.ks_lines_[key],) = self.ax_.plot(
            [threshold, threshold], ends, color=color, linestyle="--", marker="o",
            markersize=4, zorder=CURVE_ZORDER + 0.1,
        )  # fmt: skip

    def finalize(self):
        """Title, legend, axis labels and limits."""
        what = "KS Statistic"
        self.set_title(what if self.estimator is None else f"{what} for {self.name}")
        self.ax_.set_xlabel("Threshold (score of the class)")
        if BINARY in self.ks_:
            self.ax_.set_ylabel("Fraction of the class scored at or below")
            self.ax_.set_ylim(-0.02, 1.02)
            self.ax_.legend(loc="best", frameon=True, title=self._ks_text(BINARY))
        else:
            self.ax_.set_ylabel("CDF of the others - CDF of the class")
            lowest = min(
                float(np.min(self.cdf_non_members_[key] - self.cdf_members_[key]))
                for key in self.ks_
            )
            self.ax_.set_ylim(min(lowest, 0.0) - 0.02, 1.02)
            title = f"mean KS = {self.score_:.3f}"
            self.ax_.legend(loc="best", frameon=True, title=title)
        return self.ax_


# -- pure helpers --------------------------------------------------------------------


def score_cdfs(
    members: np.ndarray, scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The empirical CDFs of the members' and the non-members' scores.

    Returns the distinct scores ascending, and the fraction of the members
    and of the non-members scored at or below each of them. One sort gives
    every threshold's counts of members and non-members scored at or above
    it; those scored above a threshold are those at or above the next one up.
    """
    counts = threshold_counts(members, scores)  # thresholds descending
    n_members, n_others = counts.tps[-1], counts.fps[-1]
    members_above = np.r_[counts.tps[-2::-1], 0.0]
    others_above = np.r_[counts.fps[-2::-1], 0.0]
    return (
        counts.thresholds[::-1],
        (n_members - members_above) / n_members,
        (n_others - others_above) / n_others,
    )


def largest_gap(cdf_members: np.ndarray, cdf_others: np.ndarray) -> int:
    """The index where the two CDFs are farthest apart (the first on ties)."""
    return int(np.argmax(np.abs(cdf_others - cdf_members)))


def ecdf_start(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A step curve prefixed with its value 0 below the lowest score.

    Drawn with ``drawstyle="steps-post"``, it then rises from 0 at the lowest
    score as a CDF does.
    """
    return np.r_[x[0], x], np.r_[0.0, y]


def thin_steps(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The points of a step curve that matter when drawn (see ``thin_curve``).

    ``x`` (ascending scores, of any range) is scaled to [0, 1] to be thinned,
    then back.
    """
    span = x[-1] - x[0]
    if len(x) <= 4 * THIN_RESOLUTION or span == 0:
        return x, y
    scaled, y = thin_curve((x - x[0]) / span, y)
    return x[0] + scaled * span, y


ks_statistic = declare(
    KSStatistic, kind=SCORE, quick="ks_statistic", example=examples.classification
)
