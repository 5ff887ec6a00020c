"""The classifier comparisons' shared step: one model's scores as one curve.

A binary model is read for its positive class; a multiclass model for one
class against the rest (``pos_label``) or, by default, with every
one-vs-rest decision pooled into one micro-averaged problem, so each model
gets exactly one curve and one legend entry.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from vizkit import params as P
from vizkit.classifier.scores import check_scores, two_columns
from vizkit.compare._base import ComparisonVisualizer
from vizkit.exceptions import VizkitValueError
from vizkit.utils.labels import encode_target
from vizkit.utils.response import SCORE_METHODS
from vizkit.utils.validation import plain


def positive_index(classes: np.ndarray, pos_label: Any) -> int:
    """The column of ``pos_label`` among ``classes`` (None: the second class)."""
    values = classes.tolist()
    if pos_label is None:
        return 1
    if pos_label not in values:
        raise VizkitValueError(
            f"pos_label={plain(pos_label)!r} is not one of the classes {values}; "
            "pass one of them, or None."
        )
    return values.index(pos_label)


def one_curve_scores(
    y_true: np.ndarray, response: Any, classes: Any, pos_label: Any, name: str
) -> tuple[np.ndarray, np.ndarray, str]:
    """``(is_member, scores, what)``: the binary problem a model's curve shows.

    ``response`` is the model's ``predict_proba`` or ``decision_function``
    on the test rows; ``what`` says which problem it is ("class 1",
    "micro-average of 3 classes"), for the title.
    """
    classes = np.asarray(classes)
    scores = check_scores(
        response, len(y_true), len(classes), f"model {name!r}'s scores"
    )
    index = encode_target(y_true, classes)
    if len(classes) == 2 or pos_label is not None:
        positive = positive_index(classes, pos_label)
        if scores.ndim == 1:  # a binary decision function scores classes_[1]
            scores = two_columns(scores, 1)
        is_member, column = index == positive, scores[:, positive]
        what = f"class {plain(classes[positive])!r}"
    else:
        onehot = index[:, np.newaxis] == np.arange(len(classes))
        is_member, column = onehot.ravel(), scores.ravel()
        what = f"micro-average of {len(classes)} classes"
    if is_member.all() or not is_member.any():
        raise VizkitValueError(
            f"y holds only one side of the {what} problem, so model {name!r}'s "
            "curve is undefined; pass test data with samples of several classes."
        )
    return is_member, column, what


class ClassifierComparison(ComparisonVisualizer):
    """Base of the classifier comparisons: one binary problem per model."""

    _TASK = "classifier"
    _response_methods: ClassVar[tuple[str, ...]] = SCORE_METHODS

    _params = {"pos_label": P.anything()}  # checked against each model's classes

    def _compute(self, name: str, model, y_true: np.ndarray, response) -> float:
        is_member, scores, what = one_curve_scores(
            y_true, response, model.classes_, self.pos_label, name
        )
        self.curve_of_ = what
        return self._compute_curve(name, is_member, scores)

    def _compute_curve(self, name: str, is_member: np.ndarray, scores: np.ndarray):
        """Store one model's curve of the binary problem; return its score."""
        raise NotImplementedError

    def _legend(self, loc: str) -> None:
        """The legend, titled with the binary problem every curve shows."""
        self.ax_.legend(
            loc=loc, frameon=True, title=self.curve_of_, fontsize="small",
            title_fontsize="small",
        )  # fmt: skip
