"""The MLP adapter: epoch-by-epoch training against a hand-written partial_fit loop."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.special import expit, softmax
from sklearn.base import clone
from sklearn.datasets import make_classification, make_regression
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

from vizkit.exceptions import NotFitted, VizkitTypeError, VizkitValueError
from vizkit.training import UpdateRatio, WeightHistograms
from vizkit.training._mlp import hidden_activations

# The prefit models are fitted for a few iterations only, on purpose.
pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")

EPOCHS = 4


@pytest.fixture(scope="module")
def data():
    return make_classification(
        n_samples=120, n_features=5, n_informative=3, n_classes=3,
        n_clusters_per_class=1, random_state=0,
    )  # fmt: skip


def mlp(**params):
    params = {"hidden_layer_sizes": (6, 4), "learning_rate_init": 0.01,
              "random_state": 0, "max_iter": EPOCHS, **params}  # fmt: skip
    return MLPClassifier(**params)


def hand_loop(model, X, y, epochs=EPOCHS):
    """coefs_ and intercepts_ copies after each partial_fit call."""
    model = clone(model)
    coefs, intercepts = [], []
    for epoch in range(epochs):
        extra = {"classes": np.unique(y)} if epoch == 0 else {}
        model.partial_fit(X, y, **extra)
        coefs.append([c.copy() for c in model.coefs_])
        intercepts.append([b.copy() for b in model.intercepts_])
    return model, coefs, intercepts


def assert_same_history(recorded, expected):
    assert len(recorded) == len(expected)
    for got, want in zip(recorded, expected):
        assert len(got) == len(want)
        for a, b in zip(got, want):
            assert_array_equal(a, b)


def test_snapshots_equal_a_hand_written_partial_fit_loop(data):
    X, y = data
    model = mlp()
    viz = WeightHistograms(model).fit(X, y)
    reference, coefs, intercepts = hand_loop(mlp(), X, y)
    assert_same_history(viz.weight_snapshots_, coefs)
    assert_same_history(viz.bias_snapshots_, intercepts)
    # The user's model is trained in place: the last epoch's weights, its loss.
    assert viz.estimator is model
    assert_same_history([model.coefs_], [reference.coefs_])
    assert_allclose(model.loss_curve_, reference.loss_curve_)
    assert_allclose(viz.loss_curve_, reference.loss_curve_)
    assert_array_equal(viz.epochs_, np.arange(1, EPOCHS + 1))
    assert_array_equal(viz.classes_, reference.classes_)
    assert_array_equal(model.predict(X), reference.predict(X))
    assert viz.score(X, y) == reference.score(X, y)


def test_a_second_fit_starts_afresh_and_epochs_overrides_max_iter(data):
    X, y = data
    viz = WeightHistograms(mlp(), epochs=2).fit(X, y)
    first = [c.copy() for c in viz.estimator.coefs_]
    viz.fit(X, y)
    assert len(viz.weight_snapshots_) == 2
    assert_same_history([viz.estimator.coefs_], [first])
    assert len(viz.estimator.loss_curve_) == 2


def test_prefit_model_is_left_alone_and_its_training_replayed(data):
    X, y = data
    model = mlp().fit(X, y)
    before = pickle.dumps(model)
    viz = WeightHistograms(model).fit(X, y)
    assert pickle.dumps(model) == before
    _, coefs, _ = hand_loop(mlp(), X, y)
    assert_same_history(viz.weight_snapshots_, coefs)
    with pytest.raises(NotFitted, match="MLPClassifier"):
        WeightHistograms(mlp(), is_fitted=True).fit(X, y)


def test_pipeline_steps_fitted_once_and_the_mlp_trained_on_their_output(data):
    X, y = data
    pipe = make_pipeline(StandardScaler(), mlp())
    viz = UpdateRatio(pipe).fit(X, y)
    scaled = StandardScaler().fit_transform(X)
    _, coefs, _ = hand_loop(mlp(), scaled, y)
    assert_allclose(viz.weight_norms_[0], [np.linalg.norm(c[0]) for c in coefs])
    assert_array_equal(pipe.predict(X), pipe[-1].predict(scaled))


def test_regressor_is_trained_without_classes():
    X, y = make_regression(n_samples=80, n_features=4, noise=1, random_state=0)
    model = MLPRegressor(hidden_layer_sizes=(5,), random_state=0, max_iter=3)
    viz = WeightHistograms(model).fit(X, y)
    reference = clone(model)
    for _ in range(3):
        reference.partial_fit(X, y)
    assert_same_history([viz.weight_snapshots_[-1]], [reference.coefs_])
    assert viz.classes_ is None


@pytest.mark.parametrize(
    "model", [LogisticRegression(), DecisionTreeClassifier()], ids=type
)
def test_a_model_that_is_no_perceptron_is_refused(data, model):
    X, y = data
    name = type(model).__name__
    with pytest.raises(VizkitTypeError, match=f"{name}.*MLPClassifier or MLPRegressor"):
        WeightHistograms(model).fit(X, y)
    with pytest.raises(VizkitTypeError, match=name):
        UpdateRatio(make_pipeline(StandardScaler(), model)).fit(X, y)


def test_lbfgs_and_early_stopping_are_refused_naming_the_fix(data):
    X, y = data
    with pytest.raises(VizkitValueError, match="solver='adam'"):
        WeightHistograms(mlp(solver="lbfgs")).fit(X, y)
    with pytest.raises(VizkitValueError, match="early_stopping=False"):
        WeightHistograms(mlp(early_stopping=True)).fit(X, y)
    with pytest.raises(VizkitValueError, match="epochs"):
        WeightHistograms(mlp(), epochs=0).fit(X, y)


@pytest.mark.parametrize("activation", ["relu", "tanh", "logistic", "identity"])
def test_forward_pass_equals_numpy_and_the_models_probabilities(data, activation):
    X, y = data
    model = mlp(activation=activation, max_iter=30).fit(X, y)
    hidden = hidden_activations(X, model.coefs_, model.intercepts_, activation)
    functions = {"relu": lambda v: np.maximum(v, 0), "tanh": np.tanh,
                 "logistic": expit, "identity": lambda v: v}  # fmt: skip
    values = X
    for layer, (W, b) in enumerate(zip(model.coefs_[:-1], model.intercepts_[:-1])):
        values = functions[activation](values @ W + b)
        assert_allclose(hidden[layer], values)
    logits = hidden[-1] @ model.coefs_[-1] + model.intercepts_[-1]
    assert_allclose(softmax(logits, axis=1), model.predict_proba(X), rtol=1e-6)
