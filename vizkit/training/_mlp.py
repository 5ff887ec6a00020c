"""scikit-learn's multi-layer perceptrons, trained epoch by epoch and read per layer.

The views of :mod:`vizkit.training` that look inside a network
(:class:`~vizkit.training.WeightHistograms`,
:class:`~vizkit.training.ActivationHistograms`,
:class:`~vizkit.training.UpdateRatio`) share what is here:

* :func:`check_mlp` refuses anything but an ``MLPClassifier`` or
  ``MLPRegressor`` (alone or ending a Pipeline; also used by
  :class:`~vizkit.training.NetworkStructure`), and
  :func:`check_epoch_training` one that cannot be trained an epoch at a time;
* :func:`record_training` trains a fresh copy of it with one ``partial_fit``
  call per epoch (one pass over the data in shuffled mini-batches, its
  ``loss_curve_`` growing by one value per call) and keeps a copy of
  ``coefs_`` and ``intercepts_`` after each epoch;
* :func:`hidden_activations` is the network's forward pass up to its last
  hidden layer, written with numpy and the model's hidden activation.

``solver="lbfgs"`` has no ``partial_fit``: it is refused rather than
imitated with ``warm_start`` and ``max_iter=1`` (each call would restart
L-BFGS's curvature estimate, so the recorded "epochs" would not be the
training the model does). ``early_stopping=True`` is refused too, as
scikit-learn's ``partial_fit`` refuses it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy.special import expit
from sklearn.base import clone, is_classifier

from vizkit import params as P
from vizkit.base import ModelScoredVisualizer
from vizkit.exceptions import ModelError, NotFitted, VizkitValueError, prefix_message
from vizkit.utils.pipeline import final_step
from vizkit.utils.validation import check_classes, estimator_is_fitted, needs_fit

#: What the MLP views accept, for error messages.
ACCEPTED = (
    "an MLPClassifier or MLPRegressor from sklearn.neural_network (alone or as "
    "the last step of a Pipeline)"
)

# -- the model ------------------------------------------------------------------------


def check_mlp(estimator: Any, viz_name: str) -> Any:
    """The perceptron of ``estimator`` (a Pipeline's last step), or a clear error."""
    from sklearn.neural_network import MLPClassifier, MLPRegressor

    model = final_step(estimator)
    if not isinstance(model, MLPClassifier | MLPRegressor):
        raise ModelError(
            f"{viz_name} draws the layers of a multi-layer perceptron, but the "
            f"estimator is a {type(model).__name__}; pass {ACCEPTED}."
        )
    return model


def check_epoch_training(model: Any, viz_name: str) -> None:
    """Refuse the perceptron settings that cannot be trained one epoch at a time."""
    if model.solver == "lbfgs":
        raise VizkitValueError(
            f"{viz_name} trains the model one epoch at a time with partial_fit, "
            f"which {type(model).__name__}(solver='lbfgs') does not have; pass "
            "solver='adam' or solver='sgd'."
        )
    if model.early_stopping:
        raise VizkitValueError(
            f"{viz_name} trains the model one epoch at a time with partial_fit, "
            "which does not support early_stopping=True; set early_stopping=False "
            "(the number of epochs is the visualizer's epochs parameter)."
        )


@dataclasses.dataclass
class Training:
    """What one recorded training run leaves: the model and its snapshots."""

    #: The trained estimator (the Pipeline, when one was given).
    estimator: Any
    #: The features the perceptron was trained on (after a Pipeline's steps).
    features: Any
    #: ``coefs_`` and ``intercepts_`` after each epoch: [epoch][layer].
    coefs: list[list[np.ndarray]]
    intercepts: list[list[np.ndarray]]
    #: The training loss of each epoch (the model's ``loss_curve_``).
    loss: np.ndarray

    @property
    def model(self) -> Any:
        return final_step(self.estimator)


def record_training(
    estimator: Any,
    X: Any,
    y: Any,
    epochs: int | None,
    viz_name: str,
    classes: np.ndarray | None = None,
    **fit_params: Any,
) -> Training:
    """Train an unfitted copy of ``estimator`` for ``epochs`` epochs, recording it.

    A Pipeline's steps before the perceptron are fitted once, on ``X``; the
    perceptron gets one ``partial_fit`` call per epoch (a classifier gets
    ``classes``, those of all of ``y``, on the first call). ``epochs=None``
    trains for the model's ``max_iter``. The estimator given is not touched.
    """
    work = clone(estimator)
    model = final_step(work)
    epochs = model.max_iter if epochs is None else epochs
    features = X
    if work is not model:
        features = _fitting(work[:-1].fit_transform, viz_name, "Pipeline")(X, y)
    first_call = {"classes": classes} if is_classifier(model) else {}
    partial_fit = _fitting(model.partial_fit, viz_name, type(model).__name__)
    coefs, intercepts = [], []
    for epoch in range(epochs):
        partial_fit(features, y, **fit_params, **(first_call if epoch == 0 else {}))
        coefs.append([layer.copy() for layer in model.coefs_])
        intercepts.append([layer.copy() for layer in model.intercepts_])
    return Training(work, features, coefs, intercepts, np.asarray(model.loss_curve_))


def _fitting(method: Callable, viz_name: str, model_name: str) -> Callable:
    """``method``, its errors naming the visualizer and the model, types kept."""

    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except Exception as error:
            prefix_message(
                error, f"{viz_name}: {model_name}.{method.__name__}() failed"
            )
            raise

    return call


def adopt_fitted_state(target: Any, source: Any) -> None:
    """Make ``target`` the fitted twin of ``source`` (an estimator of its kind).

    ``target`` keeps its own parameter objects and loses its old fitted
    state: what it is after a ``fit`` that trained it as ``source`` was. A
    Pipeline adopts step by step.
    """
    if hasattr(target, "steps"):
        for (_, mine), (_, trained) in zip(target.steps, source.steps):
            adopt_fitted_state(mine, trained)
        return
    params = target.get_params(deep=False)
    state = vars(target)
    state.clear()
    state.update(vars(source))
    state.update(params)


# -- the forward pass -------------------------------------------------------------


def _relu(values: np.ndarray) -> np.ndarray:
    return np.maximum(values, 0)


#: The hidden activations of scikit-learn's perceptrons, by their name.
ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "identity": lambda values: values,
    "logistic": expit,
    "tanh": np.tanh,
    "relu": _relu,
}


def hidden_activations(
    X: Any,
    coefs: list[np.ndarray],
    intercepts: list[np.ndarray],
    activation: str,
) -> list[np.ndarray]:
    """The outputs of each hidden layer for the rows of ``X``: [layer] (rows, units).

    The layers are ``X @ coefs[i] + intercepts[i]`` through the hidden
    activation, as the model computes them; the output layer is left out.
    """
    function = ACTIVATIONS[activation]
    outputs, values = [], X
    for weights, biases in zip(coefs[:-1], intercepts[:-1]):
        values = function(np.asarray(values @ weights) + biases)
        outputs.append(values)
    return outputs


# -- the base of the views ----------------------------------------------------------


class MLPVisualizer(ModelScoredVisualizer):
    """Trains a perceptron epoch by epoch in ``fit``; subclasses compute and draw.

    A model that is not fitted (or that this visualizer fitted before, or
    with ``is_fitted=False``) is trained in place: after ``fit`` it holds
    the weights of the last epoch, as after its own ``fit``. A model given
    fitted is left as it is; its training is replayed on an unfitted copy
    with the same parameters (with an int ``random_state``, the same
    initial weights and shuffles) and that copy's epochs are drawn.
    """

    _params = {
        "epochs": P.number(1, integer=True, none=True),
    }

    _one_target = True  # one target per plot: fit refuses a multi-output y

    def fit(self, X, y=None, **kwargs):
        """Train the model epoch by epoch, recording each epoch, then compute.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The training data, as the model (or Pipeline) takes it.
        y : array-like of shape (n_samples,)
            The training target.
        **kwargs
            Passed to every ``partial_fit`` call (e.g. ``sample_weight``).

        Returns
        -------
        self
        """
        self._require_target(y, "the target")
        classes = np.unique(self._check_fit_data(X, y))
        name = type(self).__name__
        check_epoch_training(check_mlp(self.estimator, name), name)
        if is_classifier(final_step(self.estimator)):
            check_classes(classes)
        in_place = self._trains_in_place()
        # y goes to the model as given (a column y gets the model's warning).
        training = record_training(
            self.estimator, X, y, self.epochs, name, classes, **kwargs
        )
        if in_place:
            adopt_fitted_state(self.estimator, training.estimator)
            self._fitted_model = self.estimator
        self.classes_ = getattr(training.model, "classes_", None)
        self.epochs_ = np.arange(1, len(training.coefs) + 1)
        self.loss_curve_ = training.loss
        self.layer_names_ = layer_names(len(training.coefs[0]))
        self._compute(training, X)
        return self

    def _trains_in_place(self) -> bool:
        """True when ``fit`` fits the user's model (see ``is_fitted``)."""
        refit = self.is_fitted == "auto" and self._fitted_here()
        if refit or needs_fit(self.estimator, self.is_fitted):
            return True
        if not estimator_is_fitted(self.estimator):
            raise NotFitted(
                f"estimator {type(self.estimator).__name__} is not fitted although "
                "is_fitted=True; fit it first, or leave is_fitted='auto'."
            )
        return False

    def _compute(self, training: Training, X: Any) -> None:
        """What the view computes from the recorded training (subclasses)."""
        raise NotImplementedError


def layer_names(n_layers: int) -> np.ndarray:
    """Names of a perceptron's weight layers: "hidden 1", ..., "output"."""
    names = [f"hidden {i}" for i in range(1, n_layers)] + ["output"]
    return np.asarray(names, dtype=object)
