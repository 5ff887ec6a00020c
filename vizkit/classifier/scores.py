"""The base of the visualizers that rank samples by a classifier's scores.

ROC, precision-recall, DET, gain, lift, KS and calibration curves all start
from the same two arrays: which class each sample belongs to, and the
model's score of every class for it. :class:`ScoreCurveVisualizer` gets
them once per ``score`` (from ``predict_proba``, else ``decision_function``)
or from ``from_predictions``, as a :class:`ClassScores` with one column per
class for binary, multiclass and multilabel targets alike; subclasses only
turn it into curves (``_compute``) and draw them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from vizkit import params as P
from vizkit.classifier.base import (
    ClassificationScoreVisualizer,
    check_class_target,
    check_label_indicator,
    is_label_indicator,
)
from vizkit.exceptions import ModelError, VizkitValueError, VizkitWarning
from vizkit.utils.labels import encode_target
from vizkit.utils.response import SCORE_METHODS, response_method
from vizkit.utils.validation import (
    check_classes,
    check_target,
    n_samples_of,
    plain,
    to_numpy,
)

# Values of ``target_type_``; "binary" is also the key of a binary target's
# single curve in the visualizers' dict attributes.
BINARY, MULTICLASS, MULTILABEL = "binary", "multiclass", "multilabel"


@dataclass(frozen=True)
class ClassScores:
    """True classes and scores of a test set, one column per class.

    For a binary target both columns are filled: probabilities ``p`` of the
    second class become ``[1 - p, p]``, and a one-column decision function
    ``d`` becomes ``[-d, d]`` (``one_column`` is then True), so
    ``scores[:, positive]`` always scores the positive class.
    """

    onehot: np.ndarray  # (n, k) bool: sample i belongs to class (has label) j
    scores: np.ndarray  # (n, k) float: how strongly sample i is scored as class j
    target_type: str  # "binary", "multiclass" or "multilabel"
    positive: int | None  # binary: the positive class's column; else None
    one_column: bool = False  # binary scores given as one non-probability column

    @property
    def n_classes(self) -> int:
        return self.onehot.shape[1]

    def column(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        """Class ``index`` against the rest: (is of the class, its scores)."""
        return self.onehot[:, index], self.scores[:, index]

    def pooled(self) -> tuple[np.ndarray, np.ndarray]:
        """Every (sample, class) decision as one binary problem (micro-average)."""
        return self.onehot.ravel(), self.scores.ravel()

    def curve_columns(self, what: str) -> dict[int | str, int]:
        """The score column of each curve: the positive class's, or one per class.

        A binary target has one curve, keyed "binary"; other targets one per
        class (or label) with both members and non-members, keyed by its
        index. ``what`` names the curves in the warning and the error.
        """
        if self.positive is not None:
            return {BINARY: self.positive}
        columns = self.scorable_classes(what)
        if not columns:
            raise VizkitValueError(
                f"every label of y is set for all samples or for none, so no {what} "
                "can be drawn; pass test data where each label is both set and unset."
            )
        return {index: index for index in columns}

    def scorable_classes(self, what: str) -> list[int]:
        """Classes with both members and non-members; warn about the others.

        ``what`` names the curves that are undefined without both ("ROC curves").
        """
        members = self.onehot.sum(axis=0)
        ok = (members > 0) & (members < self.onehot.shape[0])
        if not ok.all():
            warnings.warn(
                f"class indices {np.flatnonzero(~ok).tolist()} have no samples (or "
                f"only samples) in y, so their {what} are undefined and left out.",
                VizkitWarning,
                stacklevel=6,
            )
        return [int(i) for i in np.flatnonzero(ok)]


class ScoreCurveVisualizer(ClassificationScoreVisualizer):
    """Base class of the curves drawn from a classifier's scores.

    Subclasses set ``_SCORED`` (the attribute ``_compute`` sets), implement
    ``_compute(data)`` (store the curves and ``score_``) and ``draw``, and
    take ``pos_label`` in their constructor.
    """

    _response_methods: tuple[str, ...] = SCORE_METHODS
    _accepts_multilabel = True
    #: What a score column must be: "scores" (any finite number) or
    #: "probabilities" (in [0, 1], as calibration needs).
    _SCORE_KIND = "scores"

    _params = {"pos_label": P.anything()}  # checked against the classes

    def fit(self, X, y=None, **kwargs):
        """As :meth:`ClassificationScoreVisualizer.fit`, then check the model scores."""
        super().fit(X, y, **kwargs)
        response_method(self.estimator, self._response_methods)
        self.target_type_ = self._target_type()
        self._positive_index(one_column=False)  # pos_label is one of the classes
        return self

    def score(self, X, y):
        """Compute the curves of the model on test data.

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
            The number documented by each visualizer.
        """
        y_true = self._prepare_score(X, y)
        method = response_method(self.estimator, self._response_methods)
        raw = self._call_model(method, X)
        self._compute(self._class_scores(y_true, raw, "estimator scores", True))
        return self.score_

    @classmethod
    def from_predictions(cls, y_true, y_score, *, pos_label=None, ax=None, **kwargs):
        """Draw the visualizer from true classes and scores, without a model.

        Parameters
        ----------
        y_true : array-like of shape (n_samples,) or (n_samples, n_labels)
            The true classes, or a 0/1 label indicator matrix.
        y_score : array-like of shape (n_samples,) or (n_samples, n_classes)
            For a binary target, the scores of the positive class
            (``pos_label``), or one column per sorted class; otherwise one
            column per sorted class (or label).
        pos_label : int, float, bool or str, default=None
            The positive class of a binary target. Needed with one-column
            scores unless the classes are {0, 1} or {-1, 1} (then 1 is
            positive), as in ``sklearn.metrics.roc_curve``; with two columns
            it defaults to the second sorted class.
        ax : matplotlib Axes, default=None
            Where to draw; None draws on a new figure.
        **kwargs
            The visualizer's other parameters.

        Returns
        -------
        viz : the visualizer, drawn
        """
        return super().from_predictions(
            y_true, y_score, ax=ax, pos_label=pos_label, **kwargs
        )

    def _score_predictions(self, y_true, y_score) -> None:
        observed = None
        if is_label_indicator(y_true):
            n_samples = n_samples_of(y_true, "y_true")
            y_array = check_label_indicator(y_true, "y_true", n_samples)
        else:
            y_array = check_class_target(check_target(y_true, name="y_true"), "y_true")
            observed = np.unique(y_array, return_counts=True)
            check_classes(observed[0], "y_true")
        self._find_classes(y_array, y_true, observed)  # without a model: sorted
        self._compute(self._class_scores(y_array, y_score, "y_score", False))

    def _compute(self, data: ClassScores) -> None:
        """Store the curves computed from ``data`` and set ``score_``."""
        raise NotImplementedError

    # -- scores ------------------------------------------------------------------------

    def _target_type(self) -> str:
        if self.__dict__.get("_multilabel"):
            return MULTILABEL
        return BINARY if len(self._class_values) == 2 else MULTICLASS

    def _class_scores(
        self, y_true: np.ndarray, raw, name: str, from_model: bool
    ) -> ClassScores:
        """Check the target and the scores; put them in one-column-per-class form.

        One-column scores from a model score its second class; given without a
        model they score the positive class (``pos_label``).
        """
        n_classes = len(self._class_values)
        self._multilabel = y_true.ndim == 2
        self.target_type_ = self._target_type()
        if self._multilabel:
            self._positive_index(one_column=False)  # refuses pos_label
            scores = check_scores(label_scores(raw), len(y_true), n_classes, name)
            self._check_score_kind(scores, name)
            return ClassScores(y_true, scores, MULTILABEL, None)
        scores = check_scores(raw, len(y_true), n_classes, name)
        self._check_score_kind(scores, name)
        y_index = encode_target(y_true, self._class_values)
        check_classes(np.unique(y_index), "y")
        onehot = y_index[:, np.newaxis] == np.arange(n_classes)
        positive = self._positive_index(one_column=scores.ndim == 1 and not from_model)
        if positive is None:
            return ClassScores(onehot, scores, MULTICLASS, None)
        one_column = scores.ndim == 1 and not is_probability(scores)
        owner = 1 if from_model else positive
        scores = two_columns(scores, owner)
        return ClassScores(onehot, scores, BINARY, positive, one_column)

    def _check_score_kind(self, scores: np.ndarray, name: str) -> None:
        if self._SCORE_KIND == "probabilities" and not is_probability(scores):
            raise VizkitValueError(
                f"{name} holds values outside [0, 1], but {type(self).__name__} "
                "needs probabilities; pass predict_proba's output (or use a model "
                "with predict_proba, e.g. wrapped in CalibratedClassifierCV)."
            )

    def _positive_index(self, one_column: bool) -> int | None:
        """Index of ``pos_label`` among the classes; None unless the target is binary.

        ``one_column`` says the scores are one column given without a model,
        which, as in scikit-learn, needs ``pos_label`` unless the classes are
        {0, 1} or {-1, 1}.
        """
        values = self._class_values.tolist()
        if len(values) != 2 or self.__dict__.get("_multilabel"):
            if self.pos_label is not None:
                raise VizkitValueError(
                    f"pos_label={plain(self.pos_label)!r} is for binary targets, "
                    f"but there are {len(values)} {self._class_word()}; leave "
                    "pos_label=None."
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

    def _class_word(self) -> str:
        return "labels" if self.__dict__.get("_multilabel") else "classes"


# -- pure helpers --------------------------------------------------------------------


def is_probability(scores: np.ndarray) -> bool:
    """True when every score lies in [0, 1]."""
    return bool(np.all((scores >= 0) & (scores <= 1)))


def label_scores(raw) -> np.ndarray:
    """A multilabel model's scores as one column per label.

    ``predict_proba`` of trees, forests and ``MultiOutputClassifier`` returns
    a list with one (n, 2) array per label; the probability of the label
    being set is its second column.
    """
    if not isinstance(raw, list):
        return raw
    columns = []
    for index, proba in enumerate(raw):
        proba = np.asarray(proba)
        if proba.ndim != 2 or proba.shape[1] != 2:
            raise ModelError(
                f"the model's predict_proba for label {index} has shape "
                f"{proba.shape}, not (n_samples, 2): the label took a single value "
                "in training; train on data where every label is both set and unset."
            )
        columns.append(proba[:, 1])
    return np.column_stack(columns)


def check_scores(scores, n_samples: int, n_classes: int, name: str) -> np.ndarray:
    """Scores as a finite float array of shape (n,) (binary) or (n, n_classes)."""
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


def two_columns(scores: np.ndarray, owner: int) -> np.ndarray:
    """Binary scores as two columns in class order.

    One-column ``scores`` score the class of index ``owner`` (0 or 1). If they
    all lie in [0, 1] they are its probability ``p``: the columns are the
    complementary probabilities. Otherwise (a decision function ``d``) the
    other class is scored by ``-d``.
    """
    if scores.ndim == 2:
        return scores
    if is_probability(scores):
        proba_1 = scores if owner == 1 else 1 - scores
        return np.column_stack([1 - proba_1, proba_1])
    decision_1 = scores if owner == 1 else -scores
    return np.column_stack([-decision_1, decision_1])
