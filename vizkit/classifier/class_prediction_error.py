"""Stacked bars of what a classifier predicts for each true class."""

from __future__ import annotations

import math

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.classifier.base import ClassificationScoreVisualizer, check_class_target
from vizkit.classifier.confusion_matrix import confusion_counts
from vizkit.draw import fit_tick_labels
from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.registry import SCORE, declare
from vizkit.utils.docs import common_params
from vizkit.utils.labels import encode_target, index_of, label_names
from vizkit.utils.validation import (
    check_classes,
    check_consistent_length,
    check_target,
    plain,
)

#: Width of each bar, in class slots.
BAR_WIDTH = 0.6
#: Most legend entries in one column; more classes spread over more columns.
LEGEND_ROWS = 20


# -- computations (arrays in, arrays out) ---------------------------------------------


def true_class_indices(y_true: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Index of each true class in ``classes``; a clear error for unknown ones."""
    try:
        return encode_target(y_true, classes)
    except TypeError:  # e.g. strings among integer classes in an object array
        raise VizkitValueError(
            f"y holds values of other types than the model's classes "
            f"{classes.tolist()}; pass the true classes encoded as in training."
        ) from None


def predicted_class_indices(y_pred: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Index of each prediction in ``classes``.

    A classifier only predicts its own classes; a model that predicts
    anything else (only possible with ``force_model=True``) is refused.
    """
    try:
        index, known = index_of(y_pred, classes)
    except TypeError:  # values that do not compare with the classes
        index, known = np.zeros(len(y_pred), np.intp), np.zeros(len(y_pred), bool)
    if not known.all():
        raise ModelError(
            f"the model predicted {plain(y_pred[~known][0])!r}, which is not one "
            f"of its classes {classes.tolist()}; the visualizer needs a "
            "classifier whose predict returns its classes_."
        )
    return index


def percent_of_row(counts: np.ndarray) -> np.ndarray:
    """Each count as a percentage of its row (true class); empty rows stay 0."""
    totals = counts.sum(axis=1, keepdims=True).astype(np.float64)
    shares = np.divide(counts, totals, out=np.zeros(counts.shape), where=totals > 0)
    return 100 * shares


# -- the visualizer --------------------------------------------------------------------


@common_params
class ClassPredictionError(ClassificationScoreVisualizer):
    """For each true class, a bar split into the classes the model predicted.

    Each bar is as tall as the number of test samples of its true class; its
    segments, coloured by predicted class, show how those samples were
    classified. The segment of the bar's own class is the correct part, so
    a bar of one colour is a class the model never gets wrong, and the other
    colours show which classes it is mistaken for. Bars and colours follow
    the model's class order; a class the model predicts but that is absent
    from the test data has an empty slot. The title gives the accuracy.

    Parameters
    ----------
    estimator : scikit-learn classifier
        The model to evaluate. If it is not fitted, ``fit`` fits it in place
        (unless ``is_fitted`` says otherwise).
    {common: ax}
    {common: classes, encoder}
    {common: is_fitted}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a classifier.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "Class Prediction Error for
        <Model>" with the accuracy on a second line.
    {common: size}
    percent : bool, default=False
        Draw every bar to 100%: each segment is the percentage of its true
        class predicted as the segment's class, so small classes read as
        well as large ones. Not in Yellowbrick.
    color : any, default=None
        Accepted as Yellowbrick did; ignored with a warning (segments are
        coloured per predicted class).

    Attributes
    ----------
    predictions_ : ndarray of shape (n_classes, n_classes)
        The number of test samples of each true class (rows) predicted as each
        class (columns), in the model's class order; equal to
        ``sklearn.metrics.confusion_matrix(y, y_pred, labels=model.classes_)``.
    classes_ : ndarray of shape (n_classes,)
        The class labels, in the model's order.
    class_counts_ : ndarray of shape (n_classes,)
        The number of samples of each class in the target given to ``score``
        (the bar heights).
    score_ : float
        The accuracy of the model on the data given to ``score``.
    bars_ : list of matplotlib BarContainer
        The drawn segments, one container per predicted class; container
        ``j`` holds one rectangle per true class.
    legend_ : matplotlib Legend
        The legend of the predicted classes.

    Examples
    --------
    >>> from sklearn.ensemble import RandomForestClassifier
    >>> from vizkit.classifier import ClassPredictionError
    >>> viz = ClassPredictionError(RandomForestClassifier())
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _SCORED = "predictions_"

    _params = {
        "percent": P.boolean(draw=True),
        "color": P.ignored("the segments are coloured per predicted class."),
    }

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
        percent=False,
        color=None,
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
        self.percent = percent
        self.color = color

    def score(self, X, y):
        """Count the model's predictions for each true class of the test data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The test data, as the model takes it.
        y : array-like of shape (n_samples,)
            The true classes of ``X``.

        Returns
        -------
        score_ : float
            The accuracy of the model on ``(X, y)``.
        """
        y_true = self._prepare_score(X, y)
        y_pred = check_target(self._call_model("predict", X), name="predictions")
        self._store_counts(y_true, y_pred)
        return self.score_

    def _score_predictions(self, y_true, y_pred) -> None:
        """The counts from true and predicted classes, without a model.

        The classes are those found in either array, sorted.
        """
        check_consistent_length(y_true=y_true, y_pred=y_pred)
        y_true = check_class_target(check_target(y_true, name="y_true"), "y_true")
        y_pred = check_target(y_pred, name="y_pred")
        classes = np.unique(np.concatenate([y_true, y_pred]))
        self._set_classes(check_classes(classes, "y_true and y_pred"))
        self._store_counts(y_true, y_pred)

    def _store_counts(self, y_true: np.ndarray, y_pred: np.ndarray) -> None:
        classes = self._class_values
        true_index = true_class_indices(y_true, classes)
        pred_index = predicted_class_indices(y_pred, classes)
        everyone = np.ones(len(true_index), dtype=bool)
        self.predictions_ = confusion_counts(
            true_index, pred_index, everyone, len(classes)
        )
        self.class_counts_ = self.predictions_.sum(axis=1)
        self.score_ = float(np.trace(self.predictions_) / len(y_true))

    # -- drawing -------------------------------------------------------------------

    def draw(self) -> None:
        """Stack one segment per predicted class on each true class's bar."""
        heights = self.predictions_
        if self.percent:
            heights = percent_of_row(heights)
        labels = label_names(self.classes_)
        slots = np.arange(len(labels))
        bottom = np.zeros(len(labels))
        self.bars_ = []
        for column, (label, color) in enumerate(zip(labels, self.class_colors_)):
            segment = heights[:, column]
            bars = self.ax_.bar(
                slots, segment, BAR_WIDTH, bottom=bottom, color=color, label=label
            )
            self.bars_.append(bars)
            bottom = bottom + segment
        self.ax_.set_xticks(slots, labels)
        fit_tick_labels(self.ax_, "x")

    def finalize(self):
        """Title with the accuracy, axis labels, limits and the legend."""
        from matplotlib.ticker import MaxNLocator

        title = self._model_title_for("Class Prediction Error")
        # Two lines: beside a long model name the accuracy would run off the figure.
        self.set_title(f"{title}\naccuracy {self.score_:.3f}")
        self.ax_.set_xlabel("True Class")
        if self.percent:
            self.ax_.set_ylabel("% of True Class Predicted As")
            self.ax_.set_ylim(0, 100)
        else:
            self.ax_.set_ylabel("Number of Predicted Class")
            top = max(int(self.class_counts_.max()), 1)
            self.ax_.set_ylim(0, top * 1.05)
            self.ax_.yaxis.set_major_locator(MaxNLocator(integer=True))
        self.ax_.set_xlim(-0.5, len(self.classes_) - 0.5)
        self.ax_.grid(False, axis="x")
        n_columns = math.ceil(len(self.classes_) / LEGEND_ROWS)
        self.legend_ = self.ax_.legend(
            title="Predicted Class", loc="center left", bbox_to_anchor=(1.02, 0.5),
            ncols=n_columns, frameon=True,
        )  # fmt: skip
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()  # room for the legend right of the plot
        return self.ax_

    def _model_title_for(self, what: str) -> str:
        return what if self.estimator is None else f"{what} for {self.name}"


class_prediction_error = declare(
    ClassPredictionError, kind=SCORE, quick="class_prediction_error",
    example=examples.classification,
)  # fmt: skip
