"""NetworkStructure: weights against the model's coefs_, then the drawn artists."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import Normalize
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification, make_regression
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

from vizkit.exceptions import ModelError, VizkitTypeError, VizkitValueError
from vizkit.training import NetworkStructure
from vizkit.training.network import (
    MAX_LINEWIDTH,
    MIN_LINEWIDTH,
    shown_units,
    unit_slots,
)

# A few epochs on purpose: the structure, not the fit, is under test.
pytestmark = pytest.mark.filterwarnings("ignore", category=ConvergenceWarning)


@pytest.fixture(scope="module")
def data():
    return make_classification(
        n_samples=120, n_features=6, n_informative=4, n_classes=3, random_state=0
    )


def mlp(hidden=(5, 3), **kwargs):
    return MLPClassifier(hidden, max_iter=20, random_state=0, **kwargs)


def test_shown_units_and_slots():
    assert_array_equal(shown_units(7, 12), np.arange(7))
    shown = shown_units(100, 12)
    assert_array_equal(shown, [0, 1, 2, 3, 4, 5, 95, 96, 97, 98, 99])
    assert len(shown) + 1 == 12  # the ellipsis takes the last slot
    heights, ellipsis = unit_slots(100, shown)
    assert len(heights) == 11 and np.all(np.diff(heights) < 0)  # top to bottom
    assert heights[5] > ellipsis > heights[6]
    assert unit_slots(4, shown_units(4, 12))[1] is None


def test_fitted_weights_equal_the_models(data):
    X, y = data
    model = mlp()
    viz = NetworkStructure(model).fit(X, y)
    assert viz.layer_sizes_ == [6, 5, 3, 3]
    for ours, theirs in zip(viz.coefs_, model.coefs_):
        assert_array_equal(ours, theirs)
        assert ours is not theirs
    for ours, theirs in zip(viz.intercepts_, model.intercepts_):
        assert_array_equal(ours, theirs)
    assert [len(s) for s in viz.shown_units_] == viz.layer_sizes_
    # Every weight is one edge, in row-major order of each coefs_ matrix.
    assert_array_equal(
        viz.edge_weights_, np.concatenate([c.ravel() for c in model.coefs_])
    )
    assert len(viz.edge_units_) == 6 * 5 + 5 * 3 + 3 * 3


def test_edge_colours_and_widths_map_the_weights(data):
    X, y = data
    viz = NetworkStructure(mlp(), cmap="RdBu_r").fit(X, y)
    viz.plot()
    segments = viz.edges_.get_segments()
    assert len(segments) == len(viz.edge_weights_)
    limit = max(
        np.abs(viz.edge_weights_).max(),
        *(np.abs(b).max() for b in viz.intercepts_),
    )
    expected = plt.get_cmap("RdBu_r")(Normalize(-limit, limit)(viz.edge_weights_))
    assert_allclose(viz.edges_.get_colors(), expected)
    widths = np.asarray(viz.edges_.get_linewidths())
    expected_widths = (
        MIN_LINEWIDTH
        + (MAX_LINEWIDTH - MIN_LINEWIDTH) * np.abs(viz.edge_weights_) / limit
    )
    assert_allclose(widths, expected_widths)
    # A few edges by hand: the widest is the largest |weight|, its colour the
    # end of the colormap on the side of its sign.
    widest = np.argmax(np.abs(viz.edge_weights_))
    weight = viz.edge_weights_[widest]
    if np.abs(weight) == limit:
        assert widths[widest] == pytest.approx(MAX_LINEWIDTH)
        end = plt.get_cmap("RdBu_r")(1.0 if weight > 0 else 0.0)
        assert_allclose(viz.edges_.get_colors()[widest], end)
    # Edge 0 joins input 0 to hidden unit 0: x from column 0 to column 1.
    layer, i, j = viz.edge_units_[0]
    assert (layer, i, j) == (0, 0, 0)
    assert_allclose(segments[0][:, 0], [0, 1])
    assert viz.edge_weights_[0] == viz.coefs_[0][0, 0]
    assert len(viz.nodes_.get_offsets()) == sum(viz.layer_sizes_)


def test_a_wide_layer_is_summarised(data):
    X, y = data
    viz = NetworkStructure(MLPClassifier((100,), max_iter=5, random_state=0))
    viz.fit(X, y)
    assert viz.layer_sizes_ == [6, 100, 3]
    shown = viz.shown_units_
    assert_array_equal(shown[1], [0, 1, 2, 3, 4, 5, 95, 96, 97, 98, 99])
    n_edges = sum(len(a) * len(b) for a, b in zip(shown[:-1], shown[1:]))
    assert n_edges == 6 * 11 + 11 * 3
    viz.plot()
    assert len(viz.edges_.get_segments()) == n_edges
    assert len(viz.nodes_.get_offsets()) == 6 + 11 + 3
    # The drawn weights are the model's, of the drawn units only.
    coef = viz.estimator.coefs_[0]
    assert_array_equal(viz.edge_weights_[: 6 * 11], coef[:, shown[1]].ravel())
    assert "⋮" in [t.get_text() for t in viz.ax_.texts]
    assert "(11 drawn)" in viz.ax_.get_xticklabels()[1].get_text()
    small = NetworkStructure(
        MLPClassifier((100,), max_iter=5, random_state=0), max_units=4
    )
    small.fit(X, y)
    assert_array_equal(small.shown_units_[1], [0, 1, 99])
    assert_array_equal(small.shown_units_[0], [0, 1, 5])


def test_feature_and_class_labels(data):
    X, y = data
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(6)])
    names = np.array(["ant", "bee", "cat"])[y]
    viz = NetworkStructure(mlp()).fit(frame, names)
    assert list(viz.feature_names_) == [f"f{i}" for i in range(6)]
    assert viz.output_names_ == ["ant", "bee", "cat"]
    viz.plot()
    texts = [t.get_text() for t in viz.ax_.texts]
    assert {"f0", "f5", "ant", "cat"} <= set(texts)
    viz.set_params(class_names=["A", "B", "C"]).plot()
    assert {"A", "B", "C"} <= {t.get_text() for t in viz.ax_.texts}
    labelled = NetworkStructure(mlp(), feature_names=list("abcdef")).fit(X, y)
    assert list(labelled.feature_names_) == list("abcdef")
    binary = NetworkStructure(mlp()).fit(X, y == 2)
    assert binary.layer_sizes_[-1] == 1 and binary.output_names_ == ["P(True)"]
    Xr, yr = make_regression(n_samples=60, n_features=3, random_state=0)
    reg = NetworkStructure(
        MLPRegressor(hidden_layer_sizes=(4,), max_iter=20, random_state=0)
    ).fit(Xr, yr)
    assert reg.classes_ is None and reg.output_names_ == ["prediction"]


def test_pipeline_and_prefit_model(data):
    X, y = data
    pipe = make_pipeline(StandardScaler(), mlp()).fit(X, y)
    viz = NetworkStructure(pipe).fit(X, y)
    assert_array_equal(viz.coefs_[0], pipe[-1].coefs_[0])
    assert viz.name == "MLPClassifier"
    before = [c.copy() for c in pipe[-1].coefs_]
    NetworkStructure(pipe, is_fitted=True).fit(X, y)
    for a, b in zip(before, pipe[-1].coefs_):
        assert_array_equal(a, b)


@pytest.mark.parametrize(
    "model",
    [
        LogisticRegression(),
        DecisionTreeClassifier(),
        make_pipeline(StandardScaler(), LogisticRegression()),
    ],
)
def test_a_model_that_is_no_mlp_is_refused_before_fitting(data, model):
    X, y = data
    with pytest.raises(
        VizkitTypeError, match="MLPClassifier or MLPRegressor"
    ) as raised:
        NetworkStructure(model).fit(X, y)
    assert isinstance(raised.value, ModelError)
    final = model.steps[-1][1] if hasattr(model, "steps") else model
    assert not hasattr(final, "n_features_in_")  # refused before any fitting


def test_bad_options(data):
    X, y = data
    with pytest.raises(VizkitValueError, match="max_units"):
        NetworkStructure(mlp(), max_units=2).fit(X, y)
    with pytest.raises(VizkitValueError, match="feature"):
        NetworkStructure(mlp(), feature_names=["a"]).fit(X, y)
    viz = NetworkStructure(mlp(), class_names=["a"]).fit(X, y)
    open_figures = len(plt.get_fignums())
    with pytest.raises(VizkitValueError, match="class_names"):
        viz.plot()
    assert len(plt.get_fignums()) == open_figures  # no half-drawn figure left
