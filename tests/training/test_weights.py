"""WeightHistograms: counts against numpy.histogram of the snapshots, then artists."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.collections import PolyCollection, QuadMesh
from numpy.testing import assert_array_equal
from sklearn.datasets import make_classification
from sklearn.neural_network import MLPClassifier

from vizkit.exceptions import VizkitValueError
from vizkit.training import WeightHistograms, weight_histograms


@pytest.fixture(scope="module")
def fitted():
    X, y = make_classification(n_samples=120, n_features=5, random_state=0)
    model = MLPClassifier((6, 4), max_iter=5, learning_rate_init=0.01, random_state=0)
    return WeightHistograms(model, bins=12).fit(X, y)


def test_counts_equal_numpy_histograms_on_edges_shared_by_the_epochs(fitted):
    viz = fitted
    for kind, history in (("weight", viz.weight_snapshots_),
                          ("bias", viz.bias_snapshots_)):  # fmt: skip
        edges, counts = getattr(viz, f"{kind}_edges_"), getattr(viz, f"{kind}_counts_")
        assert counts.shape == (3, 5, 12)
        for layer in range(3):
            values = [epoch[layer] for epoch in history]
            everything = np.concatenate([v.ravel() for v in values])
            assert_array_equal(edges[layer], np.histogram_bin_edges(everything, 12))
            for epoch, snapshot in enumerate(values):
                expected, _ = np.histogram(snapshot, bins=edges[layer])
                assert_array_equal(counts[layer, epoch], expected)
                assert counts[layer, epoch].sum() == snapshot.size
    assert list(viz.layer_names_) == ["hidden 1", "hidden 2", "output"]


def test_from_snapshots_reproduces_the_fitted_counts(fitted):
    viz = WeightHistograms.from_snapshots(
        fitted.weight_snapshots_, fitted.bias_snapshots_, bins=12
    )
    assert_array_equal(viz.weight_counts_, fitted.weight_counts_)
    assert_array_equal(viz.bias_counts_, fitted.bias_counts_)
    assert list(viz.layer_names_) == ["layer 1", "layer 2", "layer 3"]
    assert len(viz.meshes_) == 6


def test_from_snapshots_takes_dicts_of_named_layers(fitted):
    named = [{"fc1": e[0], "fc2": e[1]} for e in fitted.weight_snapshots_]
    viz = WeightHistograms.from_snapshots(named, bins=12)
    assert list(viz.layer_names_) == ["fc1", "fc2"]
    assert_array_equal(viz.weight_counts_, fitted.weight_counts_[:2])
    assert viz.bias_counts_ is None and len(viz.axes_[0]) == 1
    renamed = WeightHistograms.from_snapshots(named, layer_names=["a", "b"])
    assert list(renamed.layer_names_) == ["a", "b"]


def test_bad_snapshots_raise_naming_the_argument(fitted):
    good = fitted.weight_snapshots_
    nan = [[layer.copy() for layer in epoch] for epoch in good]
    nan[1][0][0, 0] = np.nan
    cases = [
        ([], "snapshots is empty"),
        (np.zeros(3), "snapshots must be a list"),
        (good[:1] + [good[1][:2]], r"snapshots\[1\] has 2 layers"),
        (nan, r"snapshots\[1\] holds NaN"),
        ([{"a": 1.0}, {"b": 1.0}], r"snapshots\[1\] does not name"),
    ]
    for snapshots, message in cases:
        with pytest.raises(VizkitValueError, match=message):
            WeightHistograms.from_snapshots(snapshots)
    with pytest.raises(VizkitValueError, match="biases has 1 epochs"):
        WeightHistograms.from_snapshots(good, fitted.bias_snapshots_[:1])
    with pytest.raises(VizkitValueError, match="layer_names has 1 names"):
        WeightHistograms.from_snapshots(good, layer_names=["one"])


def test_one_mesh_per_layer_panel_with_the_counts(fitted):
    fitted.plot()
    meshes = fitted.meshes_
    assert len(meshes) == 6 and all(isinstance(m, QuadMesh) for m in meshes)
    grid = fitted.axes_
    assert len(grid) == 3 and all(len(row) == 2 for row in grid)
    assert grid[0][0] is fitted.ax_ and grid[0][1].get_title() == "biases"
    for row in range(3):
        weights, biases = meshes[2 * row], meshes[2 * row + 1]
        assert weights.axes is grid[row][0] and biases.axes is grid[row][1]
        shown = np.asarray(weights.get_array()).reshape(12, 5)
        assert_array_equal(shown, fitted.weight_counts_[row].T)
    assert grid[-1][0].get_xlabel() == "epoch" and grid[0][0].get_xlabel() == ""
    assert "Weight Histograms of MLPClassifier" in fitted.ax_.get_title()


def test_ridge_and_weights_only_layouts():
    X, y = make_classification(n_samples=60, n_features=4, random_state=1)
    model = MLPClassifier((5,), max_iter=3, random_state=0)
    viz = weight_histograms(model, X, y, biases=False, display_type="ridge", show=False)
    assert viz.bias_counts_ is None and viz.bias_snapshots_ is None
    assert [len(row) for row in viz.axes_] == [1, 1]
    assert all(isinstance(m, PolyCollection) for m in viz.meshes_)
    assert len(viz.meshes_[0].get_paths()) == 3  # one outline per epoch
    height = viz.fig_.get_size_inches()[1]
    viz.set_params(estimator=MLPClassifier((5, 5, 5, 5), max_iter=3, random_state=0))
    viz.fit(X, y).plot()
    assert len(viz.axes_) == 5 and viz.fig_.get_size_inches()[1] > height
