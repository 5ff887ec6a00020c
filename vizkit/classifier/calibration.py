"""Calibration curves (reliability diagrams) of a classifier's probabilities."""

from __future__ import annotations

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.classifier.scores import BINARY, ClassScores, ScoreCurveVisualizer
from vizkit.draw import CURVE_ZORDER
from vizkit.exceptions import ModelError
from vizkit.registry import SCORE, declare
from vizkit.style import LINE_COLOR, class_colors
from vizkit.utils.docs import common_params

# The histogram's height, as a fraction of the reliability diagram's.
HISTOGRAM_HEIGHT = "30%"


# -- computations (arrays in, arrays out) ----------------------------------------------


def bin_edges(proba: np.ndarray, n_bins: int, strategy: str) -> np.ndarray:
    """The ``n_bins + 1`` edges of the probability bins.

    "uniform" cuts [0, 1] into equal widths; "quantile" puts as many
    probabilities in each bin (edges at their percentiles), as
    ``sklearn.calibration.calibration_curve`` does.
    """
    if strategy == "quantile":
        return np.percentile(proba, np.linspace(0, 1, n_bins + 1) * 100)
    return np.linspace(0.0, 1.0, n_bins + 1)


def bin_index(proba: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """The bin of each probability, from 0 to ``len(edges) - 2``.

    A probability equal to an inner edge falls in the bin below it, as in
    scikit-learn, so the two agree on every bin count.
    """
    return np.searchsorted(edges[1:-1], proba)


def reliability(
    is_member: np.ndarray, proba: np.ndarray, n_bins: int, strategy: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(prob_true, prob_pred, counts)`` of one class, over its non-empty bins.

    ``prob_true`` is the fraction of members of the class in each bin,
    ``prob_pred`` the mean predicted probability there and ``counts`` the
    number of samples: ``calibration_curve(is_member, proba, n_bins=n_bins,
    strategy=strategy)`` and the counts behind it. Empty bins are dropped.
    """
    bins = bin_index(proba, bin_edges(proba, n_bins, strategy))
    counts = np.bincount(bins, minlength=n_bins)
    members = np.bincount(bins, weights=is_member.astype(np.float64), minlength=n_bins)
    total_proba = np.bincount(bins, weights=proba, minlength=n_bins)
    kept = counts > 0
    return members[kept] / counts[kept], total_proba[kept] / counts[kept], counts[kept]


def brier_score(is_member: np.ndarray, proba: np.ndarray) -> float:
    """Mean squared gap between a class's probability and membership (0 or 1)."""
    return float(np.mean((proba - is_member) ** 2))


def histogram(proba: np.ndarray, n_bins: int) -> tuple[np.ndarray, np.ndarray]:
    """``(counts, edges)`` of the probabilities in ``n_bins`` equal bins of [0, 1].

    Binned as the "uniform" curve is, so its counts are that curve's.
    """
    edges = bin_edges(proba, n_bins, "uniform")
    return np.bincount(bin_index(proba, edges), minlength=n_bins), edges


# -- the visualizer --------------------------------------------------------------------


@common_params
class CalibrationCurve(ScoreCurveVisualizer):
    """Calibration curves (reliability diagrams) of a classifier's probabilities.

    The predicted probabilities of a class are cut into bins; each point is
    the mean predicted probability of a bin (x) against the fraction of its
    samples that belong to the class (y). A calibrated model lies on the
    dotted diagonal: of the samples it gives 0.8, 80% are members. Points
    below the diagonal mean the model is overconfident there, above it
    underconfident. A histogram of the predicted probabilities below the
    curves shows how many samples each part of the curve rests on.

    For a binary target, one curve is drawn, for the positive class
    (``pos_label``, by default the model's second class). For multiclass and
    multilabel targets, each class (label) gets its own one-vs-rest curve
    from its column of ``predict_proba``; nothing is refitted. The
    probabilities come from ``predict_proba``, computed once per ``score``;
    a model without it is refused (wrap it in
    ``sklearn.calibration.CalibratedClassifierCV``).

    The score is the Brier score (lower is better): the mean squared gap
    between the predicted probability of a class and membership (0 or 1).

    Parameters
    ----------
    estimator : scikit-learn classifier
        The model to evaluate; it needs ``predict_proba``. If it is not
        fitted, ``fit`` fits it in place (unless ``is_fitted`` says otherwise).
    {common: ax}
    n_bins : int, default=10
        The number of bins the probabilities are cut into (at least 2). Empty
        bins are left out of the curves.
    strategy : {"uniform", "quantile"}, default="uniform"
        How the bins are cut: "uniform" gives bins of equal width on [0, 1];
        "quantile" gives bins holding the same number of samples, as
        ``sklearn.calibration.calibration_curve``.
    histogram : bool, default=True
        Draw a histogram of the predicted probabilities (one step line per
        class, ``n_bins`` equal bins) on an Axes below the curves, sharing
        their x-axis. It is made from ``ax`` with ``make_axes_locatable``,
        so it stays in ``ax``'s figure.
    {common: classes, encoder}
    {common: is_fitted}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a classifier.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "Calibration Curve for <Model>".
    {common: size}
    pos_label : int, float, bool or str, default=None
        For a binary target, the positive class (one of the class values, as
        in scikit-learn): its curve is drawn and its Brier score is the
        score. None takes the model's second class (``classes_[1]``);
        without a model, one-column probabilities need it unless the classes
        are {0, 1} or {-1, 1} (then 1 is positive). Refused for multiclass
        and multilabel targets.

    Attributes
    ----------
    prob_true_ : dict of ndarray
        The fraction of members of the class in each non-empty bin, keyed by
        class index (in the model's class order) or, for a binary target,
        "binary". Equal to ``calibration_curve(y == c, proba[:, c],
        n_bins=n_bins, strategy=strategy)[0]``.
    prob_pred_ : dict of ndarray
        The mean predicted probability in each non-empty bin, with the same
        keys (``calibration_curve(...)[1]``).
    bin_counts_ : dict of ndarray
        The number of samples in each non-empty bin, with the same keys.
    brier_ : dict of float
        The Brier score of each curve's class, with the same keys:
        ``brier_score_loss(y == c, proba[:, c])``.
    hist_counts_ : dict of ndarray
        The number of samples whose predicted probability falls in each of
        ``n_bins`` equal bins of [0, 1] (empty bins included), with the same
        keys; the histogram below the curves.
    hist_edges_ : ndarray of shape (n_bins + 1,)
        The edges of those bins.
    target_type_ : {"binary", "multiclass", "multilabel"}
        The kind of classification problem.
    classes_ : ndarray of shape (n_classes,)
        The class labels, in the model's order.
    class_counts_ : ndarray of shape (n_classes,)
        The number of samples of each class given to ``fit``.
    score_ : float
        The Brier score; lower is better (0 is perfect). Binary target: the
        positive class's, ``brier_score_loss(y == pos_label, proba[:,
        pos])``. Multiclass and multilabel: the mean of the per-class
        one-vs-rest Brier scores in ``brier_``, which for a multiclass target
        is scikit-learn's multiclass ``brier_score_loss(y, proba)`` divided
        by the number of classes.
    lines_ : dict of matplotlib Line2D
        The drawn curves, with the keys of ``prob_true_``.
    hax_ : matplotlib Axes or None
        The histogram's Axes (None with ``histogram=False``).

    Examples
    --------
    >>> from sklearn.naive_bayes import GaussianNB
    >>> from vizkit.classifier import CalibrationCurve
    >>> viz = CalibrationCurve(GaussianNB(), n_bins=10)
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _SCORED = "prob_true_"
    # The base's SCORE_METHODS is inferred as a 2-tuple; any tuple of names works.
    _response_methods = ("predict_proba",)
    _SCORE_KIND = "probabilities"

    _params = {
        "n_bins": P.number(2, integer=True),
        "strategy": P.choice("uniform", "quantile"),
        "histogram": P.boolean(draw=True),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        n_bins=10,
        strategy="uniform",
        histogram=True,
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
        self.n_bins = n_bins
        self.strategy = strategy
        self.histogram = histogram
        self.classes = classes
        self.encoder = encoder
        self.is_fitted = is_fitted
        self.force_model = force_model
        self.fig = fig
        self.title = title
        self.size = size
        self.pos_label = pos_label

    def fit(self, X, y=None, **kwargs):
        """Fit the wrapped classifier if needed and find its classes.

        A model without ``predict_proba`` is refused before it is fitted.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The training data, as the model takes it.
        y : array-like of shape (n_samples,) or (n_samples, n_labels)
            The training classes, or a 0/1 label indicator matrix.
        **kwargs
            Passed to the estimator's ``fit``.

        Returns
        -------
        self
        """
        self._require_probabilities()
        return super().fit(X, y, **kwargs)

    def score(self, X, y):
        """Compute the calibration curves of the model on test data.

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
            The Brier score (lower is better): the positive class's for a
            binary target, else the mean of the per-class Brier scores.
        """
        self._require_probabilities()
        return super().score(X, y)

    def _require_probabilities(self) -> None:
        """Refuse a model without predict_proba, saying how to get one."""
        self._check_classifier()  # a regressor is told it is not a classifier
        if hasattr(self.estimator, "predict_proba"):
            return
        model = type(self.estimator).__name__
        raise ModelError(
            f"estimator {model} has no predict_proba method, but CalibrationCurve "
            "compares predicted probabilities with observed frequencies; wrap the "
            f"model in sklearn.calibration.CalibratedClassifierCV({model}(...)) to "
            "get probabilities, or pass probabilities to "
            "CalibrationCurve.from_predictions."
        )

    # -- computation -----------------------------------------------------------------

    def _compute(self, data: ClassScores) -> None:
        """Compute and store each class's curve, Brier score and histogram."""
        # Which class each curve is of, by the curve's key.
        self._curve_classes = data.curve_columns("calibration curves")
        self.prob_true_, self.prob_pred_, self.bin_counts_ = {}, {}, {}
        self.brier_, self.hist_counts_ = {}, {}
        for key, index in self._curve_classes.items():
            is_member, proba = data.column(index)
            self.prob_true_[key], self.prob_pred_[key], self.bin_counts_[key] = (
                reliability(is_member, proba, self.n_bins, self.strategy)
            )
            self.brier_[key] = brier_score(is_member, proba)
            self.hist_counts_[key], self.hist_edges_ = histogram(proba, self.n_bins)
        self.score_ = float(np.mean(list(self.brier_.values())))

    # -- drawing ---------------------------------------------------------------------

    def _curve_colors(self) -> dict:
        palette = class_colors(len(self.classes_))
        return {
            key: palette[0 if key == BINARY else index]
            for key, index in self._curve_classes.items()
        }

    def draw(self) -> None:
        """Draw each class's curve, the diagonal and the histogram below."""
        names, colors = self.classes_, self._curve_colors()
        self.lines_ = {}
        for key, index in self._curve_classes.items():
            (self.lines_[key],) = self.ax_.plot(
                self.prob_pred_[key], self.prob_true_[key], marker="o",
                markersize=4, color=colors[key], clip_on=False, zorder=CURVE_ZORDER,
                label=f"class {names[index]} (Brier = {self.brier_[key]:0.3f})",
            )  # fmt: skip
        self.ax_.plot(
            [0, 1], [0, 1], linestyle=":", color=LINE_COLOR,
            label="perfectly calibrated",
        )  # fmt: skip
        self._draw_histogram(colors)

    def _draw_histogram(self, colors: dict) -> None:
        """Step histograms on an Axes appended below ``ax_``, sharing its x-axis."""
        self._remove_old_histogram()
        self.hax_ = None
        self.ax_.tick_params(labelbottom=not self.histogram)
        if not self.histogram:
            return
        from mpl_toolkits.axes_grid1 import make_axes_locatable

        divider = make_axes_locatable(self.ax_)
        self.hax_ = hax = divider.append_axes(
            "bottom", size=HISTOGRAM_HEIGHT, pad=0.1, sharex=self.ax_
        )
        for key in self._curve_classes:
            hax.stairs(self.hist_counts_[key], self.hist_edges_, color=colors[key])

    def _remove_old_histogram(self) -> None:
        """Redrawing on the same Axes replaces the histogram drawn there before."""
        old = self.__dict__.get("hax_")
        if old is None or old not in self.fig_.axes:
            return
        if self.ax_.get_shared_x_axes().joined(self.ax_, old):
            old.remove()
            self.ax_.set_axes_locator(None)  # give back the histogram's space

    def finalize(self):
        """Title, legend, axis labels and the unit square limits."""
        curves = "Calibration Curve" + ("" if len(self.lines_) == 1 else "s")
        if self.estimator is not None:
            curves += f" for {self.name}"
        self.set_title(curves)
        self.ax_.legend(loc="best", frameon=True)
        self.ax_.set_xlim(0.0, 1.0)
        self.ax_.set_ylim(0.0, 1.0)
        self.ax_.set_ylabel("Fraction of positives")
        if self.hax_ is None:
            self.ax_.set_xlabel("Mean predicted probability")
            return self.ax_
        self.ax_.set_xlabel("")
        self.hax_.set_xlabel("Predicted probability")
        self.hax_.set_ylabel("Count")
        return self.ax_


calibration_curve = declare(
    CalibrationCurve, kind=SCORE, quick="calibration_curve",
    example=examples.classification,
)  # fmt: skip
