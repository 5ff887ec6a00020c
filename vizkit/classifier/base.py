"""The base of every classification score visualizer.

It checks that the wrapped model is a classifier, finds the classes in the
model's order (the column order of ``predict_proba``), counts them and turns
them into the labels the user asked for with ``classes`` or ``encoder``.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from sklearn.base import is_classifier
from sklearn.metrics import accuracy_score

from vizkit import params as P
from vizkit.base import ScoreVisualizer
from vizkit.exceptions import ModelError, NotFitted, VizkitValueError, VizkitWarning
from vizkit.style import class_colors
from vizkit.utils.docs import common_params
from vizkit.utils.labels import align_counts, class_names
from vizkit.utils.validation import check_classes, n_samples_of, plain, to_numpy


def _warn_encoder_and_classes(value: Any, name: str, viz: Any) -> None:
    if viz._encoder() is not None and viz.classes is not None:
        warnings.warn(
            "both classes and encoder were given; the labels come from encoder.",
            VizkitWarning,
            stacklevel=4,
        )


@common_params
class ClassificationScoreVisualizer(ScoreVisualizer):
    """Base class of the visualizers that score a classifier on test data.

    Parameters
    ----------
    estimator : scikit-learn classifier
        The model to evaluate. If it is not fitted, ``fit`` fits it in place
        (unless ``is_fitted`` says otherwise). A model that is not a
        classifier is refused by ``fit`` unless ``force_model=True``.
    {common: ax, fig}
    {common: classes, encoder}
    {common: is_fitted}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a classifier.
    {common: title, size}

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The class labels, in the model's order, decoded with ``classes`` or
        ``encoder``.
    class_counts_ : ndarray of shape (n_classes,)
        The number of samples of each class in the target given to ``fit``
        (or to ``score`` when the visualizer was not fitted).
    score_ : float
        The model's accuracy on the data given to ``score``.
    """

    #: The attribute ``score`` computes and ``draw`` needs.
    _SCORED: str = "score_"
    #: Whether a label indicator matrix (multilabel target) is accepted as y.
    _accepts_multilabel: bool = False

    _params = {
        "classes": P.anything(draw=True),
        "encoder": P.Param(_warn_encoder_and_classes, draw=True, warns=True),
        "force_model": P.boolean(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        fig=None,
        classes=None,
        encoder=None,
        is_fitted="auto",
        force_model=False,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.fig = fig
        self.classes = classes
        self.encoder = encoder
        self.is_fitted = is_fitted
        self.force_model = force_model
        self.title = title
        self.size = size

    # -- public API ------------------------------------------------------------------

    @property
    def classes_(self) -> np.ndarray:
        """The class labels, in the model's order, named by ``classes``/``encoder``.

        Read when drawing, so ``set_params(classes=...)`` relabels a redraw.
        """
        if "_class_values" not in self.__dict__:
            raise NotFitted.from_estimator(self, "classes_")
        return self._decode(self._class_values)

    @property
    def class_colors_(self) -> list[str]:
        """One distinct colour per class, for any number of classes."""
        return class_colors(len(self.classes_))

    def fit(self, X, y=None, **kwargs):
        """Fit the wrapped classifier if needed and find its classes.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The training data, as the model takes it (arrays, sparse
            matrices, DataFrames, raw text for a text pipeline).
        y : array-like of shape (n_samples,)
            The training classes.
        **kwargs
            Passed to the estimator's ``fit``.

        Returns
        -------
        self
        """
        self._check_classifier()
        y_array = self._check_classification_data(X, y)
        observed = None
        if y_array.ndim == 1:  # refuse a single class before the model sees it
            observed = np.unique(y_array, return_counts=True)
            check_classes(observed[0], "y")
        self._fit_estimator(X, y, **kwargs)
        self._find_classes(y_array, y, observed)
        return self

    def score(self, X, y):
        """Compute the model's accuracy on test data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The test data.
        y : array-like of shape (n_samples,)
            The true classes of ``X``.

        Returns
        -------
        score_ : float
        """
        y_array = self._prepare_score(X, y)
        self.score_ = float(accuracy_score(y_array, self._call_model("predict", X)))
        return self.score_

    # -- checks ----------------------------------------------------------------------

    def _check_classifier(self) -> None:
        if self.force_model or is_classifier(self.estimator):
            return
        raise ModelError(
            f"estimator {type(self.estimator).__name__} is not a classifier, but "
            f"{type(self).__name__} evaluates classifiers; use a regressor "
            "visualizer (e.g. vizkit.regressor.ResidualsPlot) for a regression "
            "model, or pass force_model=True to skip this check."
        )

    def _check_classification_data(self, X, y) -> np.ndarray:
        """y as a 1-D array of classes (or, if accepted, a label indicator matrix)."""
        self._require_target(y, "the true class")
        if self._accepts_multilabel and is_label_indicator(y):
            self._check_fit_data(X, None)
            return check_label_indicator(y, "y", n_samples_of(X, "X"))
        y_array = self._check_fit_data(X, y)
        assert y_array is not None  # y was checked above
        return check_class_target(y_array, "y")

    def _prepare_score(self, X, y) -> np.ndarray:
        """Checks shared by every ``score``; finds the classes if ``fit`` did not."""
        self._check_classifier()
        self._check_estimator_fitted("score")
        y_array = self._check_classification_data(X, y)
        if "_class_values" not in self.__dict__:  # a prefit model scored without fit
            self._find_classes(y_array, y, training=False)
        return y_array

    # -- classes -----------------------------------------------------------------------

    def _find_classes(
        self, y_array: np.ndarray, y: Any, observed: tuple | None = None,
        training: bool = True,
    ) -> None:  # fmt: skip
        """Set the class values and ``class_counts_`` from a checked target.

        Classes come in the model's order (its ``classes_``, the column order
        of ``predict_proba``), else sorted. The labels of a label indicator
        matrix are its columns: their names if ``y`` is a DataFrame, else
        their indices. ``observed`` is ``np.unique(y_array, return_counts=True)``
        when already computed. Training classes the model does not know are
        refused; test classes it does not know are left out of the counts.
        """
        self._multilabel = y_array.ndim == 2
        if self._multilabel:
            self._set_classes(label_columns(y))
            self.class_counts_ = y_array.sum(axis=0).astype(np.int64)
            return
        values, counts = observed or np.unique(y_array, return_counts=True)
        self._set_classes(self._model_classes(values))
        if not training:  # test classes unknown to the model: score() reports them
            known = np.isin(values, self._class_values)
            values, counts = values[known], counts[known]
        self.class_counts_ = align_counts(values, counts, self._class_values)

    def _model_classes(self, observed: np.ndarray) -> np.ndarray:
        """The model's classes (its column order), else the observed ones."""
        model_classes = getattr(self.estimator, "classes_", None)
        if model_classes is None:
            return observed
        return np.asarray(model_classes)

    def _set_classes(self, values: np.ndarray) -> None:
        """Store the raw class values; check now that they can be named."""
        self._class_values = np.asarray(values)
        self._decode(self._class_values)

    def _encoder(self) -> Any:
        """The ``encoder`` parameter (subclasses may accept other spellings)."""
        return self.encoder

    def _decode(self, values: np.ndarray) -> np.ndarray:
        return class_names(values, self.classes, self._encoder())

    # -- helpers for subclasses -------------------------------------------------------

    def _model_title(self, what: str) -> str:
        """``"<Model> <what>"``, or just ``what`` without a model."""
        return what if self.estimator is None else f"{self.name} {what}"

    def _check_drawable(self) -> None:
        super()._check_drawable()
        if not hasattr(self, self._SCORED):
            raise NotFitted(
                f"This {type(self).__name__} has no results to draw yet: call "
                "score(X_test, y_test) after fit, before show() or plot()."
            )


def check_class_target(y: np.ndarray, name: str) -> np.ndarray:
    """Refuse a continuous target: a classifier needs class labels."""
    if y.dtype.kind != "f":
        return y
    fractional = y != np.round(y)
    if fractional.any():
        raise VizkitValueError(
            f"{name} holds continuous values (e.g. {plain(y[fractional][0])}); a "
            "classification visualizer needs class labels. Use a regressor "
            "visualizer for a continuous target."
        )
    return y


def is_label_indicator(y: Any) -> bool:
    """True for a 2-D target of two or more columns (a multilabel target)."""
    shape = getattr(y, "shape", None)
    if shape is None:
        shape = np.asarray(y).shape
    return len(shape) == 2 and shape[1] > 1


def check_label_indicator(y: Any, name: str, n_samples: int) -> np.ndarray:
    """A multilabel target as a boolean (n_samples, n_labels) array."""
    array = to_numpy(y)
    if array.shape[0] != n_samples:
        raise VizkitValueError(
            f"{name} has {array.shape[0]} rows but X has {n_samples}; pass one row "
            "of labels per sample."
        )
    if array.dtype.kind not in "biuf" or not np.isin(array, (0, 1)).all():
        raise VizkitValueError(
            f"{name} has {array.shape[1]} columns, so it is read as a multilabel "
            "target, but it holds values other than 0 and 1; pass a 0/1 label "
            "indicator matrix (e.g. from MultiLabelBinarizer) or a 1-D y."
        )
    return array.astype(bool)


def label_columns(y: Any) -> np.ndarray:
    """The labels of an indicator matrix: DataFrame column names, else indices."""
    columns = getattr(y, "columns", None)
    if columns is not None:
        return np.asarray([str(column) for column in columns])
    return np.arange(np.asarray(y).shape[1])
