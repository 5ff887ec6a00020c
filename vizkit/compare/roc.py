"""ROC curves of several classifiers on one plot, one per model."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import auc

from vizkit import examples
from vizkit.classifier.rocauc import roc
from vizkit.compare._classifier import ClassifierComparison
from vizkit.compare._docs import compare_params
from vizkit.draw import CURVE_ZORDER
from vizkit.registry import COMPARE, declare
from vizkit.style import LINE_COLOR
from vizkit.utils.curves import thin_curve
from vizkit.utils.docs import common_params


@common_params
@compare_params
class ROCComparison(ClassifierComparison):
    """ROC curves of several classifiers on one plot, with their AUC.

    Each model gets one curve (true positive rate against false positive
    rate) and one legend entry with its area under the curve. Each model's
    ``predict_proba`` (else ``decision_function``) is called once per test
    set. Binary targets: the curve of the positive class. Multiclass: by
    default every one-vs-rest decision of a model is pooled into one
    micro-averaged curve, as ``roc_auc_score(..., average="micro")``;
    ``pos_label`` picks one class against the rest instead.

    Parameters
    ----------
    {compare: estimators, names}
    {common: ax}
    {compare: pos_label, is_fitted, colors}
    {common: fig, title, size}

    Attributes
    ----------
    names_ : ndarray of str
        The models' names, in order.
    fpr_, tpr_ : dict of ndarray
        Each model's false and true positive rates, by name: ``roc_curve``'s.
    roc_auc_ : dict of float
        Each model's area under its curve, by name.
    scores_ : ndarray of shape (n_models,)
        The AUCs, in the order of ``names_``.
    score_ : float
        The best AUC.
    curve_of_ : str
        Which binary problem the curves show ("class 1", "micro-average of 3
        classes").
    lines_ : dict of matplotlib Line2D
        The drawn curves, by name.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.naive_bayes import GaussianNB
    >>> from vizkit.compare import ROCComparison
    >>> viz = ROCComparison([LogisticRegression(), GaussianNB()])
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _RESULTS = ("fpr_", "tpr_", "roc_auc_")

    def __init__(
        self,
        estimators=None,
        names=None,
        ax=None,
        pos_label=None,
        is_fitted="auto",
        colors=None,
        fig=None,
        title=None,
        size=None,
    ):
        self.estimators = estimators
        self.names = names
        self.ax = ax
        self.pos_label = pos_label
        self.is_fitted = is_fitted
        self.colors = colors
        self.fig = fig
        self.title = title
        self.size = size

    def _compute_curve(self, name: str, is_member: np.ndarray, scores: np.ndarray):
        self.fpr_[name], self.tpr_[name] = roc(is_member, scores)
        self.roc_auc_[name] = float(auc(self.fpr_[name], self.tpr_[name]))
        return self.roc_auc_[name]

    def draw(self) -> None:
        """One curve per model, and the chance diagonal."""
        colors = self._model_colors()
        self.lines_ = {}
        for name in self.names_:
            (self.lines_[name],) = self.ax_.plot(
                *thin_curve(self.fpr_[name], self.tpr_[name]), color=colors[name],
                label=f"{name} (AUC = {self.roc_auc_[name]:0.3f})",
                clip_on=False, zorder=CURVE_ZORDER,
            )  # fmt: skip
        self.ax_.plot([0, 1], [0, 1], linestyle=":", color=LINE_COLOR)

    def finalize(self):
        """Title, legend, axis labels and the unit square."""
        self.set_title("ROC Curves")
        self._legend("lower right")
        self.ax_.set_xlim(0.0, 1.0)
        self.ax_.set_ylim(0.0, 1.0)
        self.ax_.set_xlabel("False Positive Rate")
        self.ax_.set_ylabel("True Positive Rate")
        return self.ax_


roc_comparison = declare(
    ROCComparison, kind=COMPARE, quick="roc_comparison", example=examples.comparison
)
