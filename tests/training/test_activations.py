"""ActivationHistograms: a direct numpy forward pass per epoch, dead units counted."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.collections import QuadMesh
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.neural_network import MLPClassifier

from vizkit.training import ActivationHistograms, activation_histograms
from vizkit.utils.sampling import sample_rows


@pytest.fixture(scope="module")
def data():
    return make_classification(n_samples=150, n_features=5, random_state=0)


def relu_mlp():
    # A wide first layer and a large step: some relu units die.
    return MLPClassifier((12, 6), learning_rate_init=0.05, random_state=3)


def direct_outputs(X, coefs, intercepts, function):
    outputs, values = [], X
    for W, b in zip(coefs[:-1], intercepts[:-1]):
        values = function(X @ W + b if not outputs else values @ W + b)
        outputs.append(values)
    return outputs


def hand_history(model, X, y, epochs):
    model, history = clone(model), []
    for epoch in range(epochs):
        model.partial_fit(X, y, **({"classes": np.unique(y)} if epoch == 0 else {}))
        history.append(([c.copy() for c in model.coefs_],
                        [b.copy() for b in model.intercepts_]))  # fmt: skip
    return history


def test_counts_and_dead_units_equal_a_direct_forward_pass(data):
    X, y = data
    viz = ActivationHistograms(relu_mlp(), epochs=6, bins=10, sample=100).fit(X, y)
    rows = sample_rows(len(X), 100, None)
    assert_array_equal(viz.sample_indices_, rows)
    relu = lambda v: np.maximum(v, 0)  # noqa: E731
    per_epoch = [direct_outputs(X[rows], c, b, relu)
                 for c, b in hand_history(relu_mlp(), X, y, 6)]  # fmt: skip
    assert viz.activation_counts_.shape == (2, 6, 10)
    for layer in range(2):
        values = [outputs[layer] for outputs in per_epoch]
        everything = np.concatenate([v.ravel() for v in values])
        assert_allclose(
            viz.activation_edges_[layer], np.histogram_bin_edges(everything, 10)
        )
        for epoch, outputs in enumerate(values):
            expected, _ = np.histogram(outputs, bins=viz.activation_edges_[layer])
            assert_array_equal(viz.activation_counts_[layer, epoch], expected)
            dead = int(np.sum(~np.any(outputs != 0, axis=0)))
            assert viz.dead_units_[layer, epoch] == dead
            assert viz.dead_share_[layer, epoch] == dead / outputs.shape[1]
    assert viz.dead_units_.sum() > 0  # the case is not vacuous
    for got, want in zip(viz.activations_, per_epoch[-1]):
        assert_allclose(got, want)
    assert viz.activation_ == "relu" and list(viz.layer_names_) == [
        "hidden 1",
        "hidden 2",
    ]


def test_tanh_units_are_binned_in_their_range(data):
    X, y = data
    model = MLPClassifier((5,), activation="tanh", max_iter=3, random_state=0)
    viz = ActivationHistograms(model, sample=None).fit(X, y)
    assert len(viz.sample_indices_) == len(X)
    edges = viz.activation_edges_[0]
    assert -1 <= edges[0] and edges[-1] <= 1
    assert_array_equal(viz.activation_counts_.sum(axis=2), len(X) * 5)
    assert_array_equal(viz.dead_units_, 0)


def test_a_mesh_per_hidden_layer_and_a_dead_share_line_per_layer(data):
    X, y = data
    viz = activation_histograms(relu_mlp(), X, y, epochs=4, show=False)
    assert len(viz.meshes_) == 2 and all(isinstance(m, QuadMesh) for m in viz.meshes_)
    assert len(viz.axes_) == 3 and viz.axes_[0][0] is viz.ax_
    for mesh, row in zip(viz.meshes_, viz.axes_):
        assert mesh.axes is row[0]
    dead_ax = viz.axes_[-1][0]
    assert [line.axes for line in viz.lines_] == [dead_ax, dead_ax]
    for line, share in zip(viz.lines_, viz.dead_share_):
        assert_array_equal(line.get_xdata(), [1, 2, 3, 4])
        assert_allclose(line.get_ydata(), 100 * share)
    assert [t.get_text() for t in dead_ax.get_legend().get_texts()] == [
        "hidden 1",
        "hidden 2",
    ]
