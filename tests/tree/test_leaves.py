"""The leaf views: numbers against tree_ and apply, then the drawn artists."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_iris, make_classification, make_regression
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from vizkit.draw import DENSITY_THRESHOLD, MAX_TICK_LABELS
from vizkit.exceptions import VizkitValueError
from vizkit.style import class_colors
from vizkit.tree import (
    LeafDistributions,
    LeafPurity,
    LeafSizes,
    leaf_distributions,
    leaf_purity,
    leaf_sizes,
)
from vizkit.tree.leaf_distributions import (
    class_counts_per_leaf,
    leaf_positions,
    strip_offsets,
    targets_per_leaf,
)

# No warning at all: no missing font, no warning from a data frame's tree.
pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def iris():
    X, y = load_iris(return_X_y=True)
    return X, y


@pytest.fixture(scope="module")
def regression():
    return make_regression(n_samples=200, n_features=4, noise=10, random_state=0)


def leaves_of(tree_):
    return np.flatnonzero(tree_.children_left == -1)


def bar_extents(bars):
    """(bottoms, heights, centres) of a PolyCollection's rectangles."""
    corners = np.array([path.vertices[:4] for path in bars.get_paths()])
    low, high = corners[:, :, 1].min(axis=1), corners[:, :, 1].max(axis=1)
    return low, high - low, corners[:, :, 0].mean(axis=1)


def routed_counts(tree, X, y, leaves, n_classes):
    """Rows per leaf and class, routed by apply, one leaf at a time."""
    nodes = tree.apply(X)
    return np.array([[np.sum((nodes == i) & (y == k)) for k in range(n_classes)]
                     for i in leaves])  # fmt: skip


# -- the computations ---------------------------------------------------------------


def test_pure_functions_on_small_arrays():
    leaves = np.array([2, 3, 5])
    positions = leaf_positions(leaves, np.array([5, 2, 2, 3, 5]))
    assert_array_equal(positions, [2, 0, 0, 1, 2])
    counts = class_counts_per_leaf(positions, np.array([1, 0, 1, 1, 1]), 3, 2)
    assert_array_equal(counts, [[1, 1], [0, 1], [0, 2]])
    targets = targets_per_leaf(positions, np.array([1.0, 2, 3, 4, 5]), 3)
    assert [t.tolist() for t in targets] == [[2, 3], [4], [1, 5]]
    offsets = strip_offsets(np.array([2, 0, 3]), 0.5)
    assert_array_equal(np.round(offsets), [0, 0, 2, 2, 2])
    assert np.all(np.abs(offsets - np.round(offsets)) <= 0.25)
    assert_array_equal(offsets, strip_offsets(np.array([2, 0, 3]), 0.5))


# -- numbers against the model ------------------------------------------------------


def test_classifier_tree_numbers_equal_tree_arrays_and_apply(iris):
    X, y = iris
    model = DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    tree_ = model.tree_
    leaves = leaves_of(tree_)
    sizes = LeafSizes(model).fit(X, y)
    assert_array_equal(sizes.leaf_ids_, leaves)
    assert_array_equal(sizes.leaf_samples_, tree_.n_node_samples[leaves])
    assert_array_equal(sizes.leaf_samples_, np.bincount(model.apply(X))[leaves])
    purity = LeafPurity(model).fit(X, y)
    assert_array_equal(purity.leaf_impurity_, tree_.impurity[leaves])
    assert purity.criterion_ == "gini"
    dist = LeafDistributions(model).fit(X, y)
    assert_array_equal(dist.leaf_class_counts_, routed_counts(model, X, y, leaves, 3))
    weighted = tree_.value[leaves, 0, :] * tree_.weighted_n_node_samples[leaves, None]
    assert_allclose(dist.leaf_class_counts_, weighted)
    assert dist.leaf_targets_ is None and dist.leaf_values_ is None


def test_regressor_tree_targets_and_values(regression):
    X, y = regression
    model = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y)
    leaves = leaves_of(model.tree_)
    viz = LeafDistributions(model).fit(X, y)
    assert viz.leaf_class_counts_ is None and viz.classes_ is None
    nodes = model.apply(X)
    for leaf, targets in zip(leaves, viz.leaf_targets_):
        assert_array_equal(targets, y[nodes == leaf])
    assert_array_equal(viz.leaf_values_, model.tree_.value[leaves, 0, 0])
    assert_allclose(viz.leaf_values_, [t.mean() for t in viz.leaf_targets_])
    purity = LeafPurity(model).fit(X, y)
    assert purity.criterion_ == "squared_error"
    assert_allclose(purity.leaf_impurity_, [t.var() for t in viz.leaf_targets_])


def test_forest_tree_by_tree_index(iris):
    X, y = iris
    forest = RandomForestClassifier(n_estimators=5, max_depth=3, random_state=0)
    forest.fit(X, y)
    tree = forest.estimators_[2]
    leaves = leaves_of(tree.tree_)
    sizes = LeafSizes(forest, tree_index=2).fit(X, y)
    assert_array_equal(sizes.leaf_samples_, tree.tree_.n_node_samples[leaves])
    dist = LeafDistributions(forest, tree_index=2).fit(X, y)
    assert_array_equal(dist.leaf_ids_, leaves)
    # Every training row is routed, not only the tree's bootstrap sample.
    assert_array_equal(dist.leaf_class_counts_, routed_counts(tree, X, y, leaves, 3))
    assert dist.leaf_class_counts_.sum() == len(X) > sizes.leaf_samples_.sum()
    purity = LeafPurity(forest, tree_index=2).fit(X, y)
    assert_array_equal(purity.leaf_impurity_, tree.tree_.impurity[leaves])


def test_gradient_boosting_tree_is_a_regression_tree_of_one_class(iris):
    X, y = iris
    model = GradientBoostingClassifier(n_estimators=3, max_depth=2, random_state=0)
    model.fit(X, y)
    tree = model.estimators_[1, 2]
    leaves = leaves_of(tree.tree_)
    viz = LeafDistributions(model, tree_index=(1, 2)).fit(X, y)
    assert viz.leaf_class_counts_ is None
    nodes = tree.apply(X.astype(np.float32))
    for leaf, targets in zip(leaves, viz.leaf_targets_):
        assert_array_equal(targets, (y[nodes == leaf] == 2).astype(float))
    assert_array_equal(viz.leaf_values_, tree.tree_.value[leaves, 0, 0])
    purity = LeafPurity(model, tree_index=(1, 2)).fit(X, y)
    assert purity.criterion_ == tree.criterion
    assert_array_equal(purity.leaf_impurity_, tree.tree_.impurity[leaves])
    viz.plot()  # the corrections may lie outside the 0/1 targets
    low, high = viz.ax_.get_ylim()
    assert low <= viz.leaf_values_.min() and viz.leaf_values_.max() <= high


def test_pipeline_and_dataframe(iris):
    X, y = iris
    frame = pd.DataFrame(X, columns=["sl", "sw", "pl", "pw"])
    pipe = make_pipeline(StandardScaler(), DecisionTreeClassifier(max_depth=3))
    before = frame.copy()
    viz = LeafDistributions(pipe).fit(frame, y)
    assert list(viz.feature_names_) == ["sl", "sw", "pl", "pw"]
    tree = pipe[-1]
    leaves = leaves_of(tree.tree_)
    Xt = pipe[:-1].transform(frame)
    assert_array_equal(viz.leaf_class_counts_, routed_counts(tree, Xt, y, leaves, 3))
    sizes = LeafSizes(pipe).fit(frame, y)
    assert_array_equal(sizes.leaf_samples_, tree.tree_.n_node_samples[leaves])
    pd.testing.assert_frame_equal(frame, before)
    LeafPurity(pipe).fit(frame, y).plot()


# -- drawn artists --------------------------------------------------------------------


def test_leaf_sizes_bars_and_histogram(iris):
    X, y = iris
    viz = LeafSizes(DecisionTreeClassifier(max_depth=4, random_state=0)).fit(X, y)
    viz.plot()
    bottoms, heights, centres = bar_extents(viz.bars_)
    assert_array_equal(heights, viz.leaf_samples_)
    assert_array_equal(bottoms, 0)
    assert_allclose(centres, range(len(viz.leaf_ids_)))
    labels = [t.get_text() for t in viz.ax_.get_xticklabels()]
    assert labels == [str(i) for i in viz.leaf_ids_]
    assert viz.ax_.get_xlabel() == "leaf id" and viz.ax_.get_ylabel() == "samples"
    assert viz.ax_.get_title() == "Leaf Sizes of DecisionTreeClassifier"
    viz.set_params(display_type="hist", bins=4, color="red")
    viz.plot()
    heights = [bar.get_height() for bar in viz.bars_]
    assert len(heights) == 4 and sum(heights) == len(viz.leaf_ids_)
    assert to_hex(viz.bars_[0].get_facecolor()) == "#ff0000"
    assert viz.ax_.get_xlabel() == "samples"


def test_many_leaves_draw_as_one_artist_with_few_labels():
    X, y = make_classification(2000, 8, flip_y=0.2, random_state=0)
    viz = LeafPurity(DecisionTreeClassifier(random_state=0)).fit(X, y)
    viz.plot()
    assert len(viz.leaf_ids_) > 4 * MAX_TICK_LABELS
    assert not viz.ax_.patches
    assert_allclose(bar_extents(viz.bars_)[1], viz.leaf_impurity_)
    ticks = viz.ax_.get_xticks()
    assert len(ticks) <= MAX_TICK_LABELS
    labels = [t.get_text() for t in viz.ax_.get_xticklabels()]
    assert labels == [str(viz.leaf_ids_[int(i)]) for i in ticks]


def test_leaf_purity_bars_and_histogram(iris):
    X, y = iris
    model = DecisionTreeClassifier(max_depth=4, criterion="entropy", random_state=0)
    viz = LeafPurity(model).fit(X, y)
    viz.plot()
    assert_allclose(bar_extents(viz.bars_)[1], viz.leaf_impurity_)
    assert viz.ax_.get_ylabel() == "impurity (entropy)"
    labels = [t.get_text() for t in viz.ax_.get_xticklabels()]
    assert labels == [str(i) for i in viz.leaf_ids_]
    viz.set_params(display_type="hist", bins=3)
    viz.plot()
    assert len(viz.bars_) == 3
    assert sum(bar.get_height() for bar in viz.bars_) == len(viz.leaf_ids_)
    assert viz.ax_.get_xlabel() == "impurity (entropy)"


def test_leaf_distributions_stacked_class_bars(iris):
    X, y = iris
    model = DecisionTreeClassifier(max_depth=3, random_state=0)
    names = ["setosa", "versicolor", "virginica"]
    viz = LeafDistributions(model, class_names=names).fit(X, y)
    viz.plot()
    counts = viz.leaf_class_counts_
    assert len(viz.bars_) == 3
    for k, layer in enumerate(viz.bars_):
        bottoms, heights, _ = bar_extents(layer)
        assert_array_equal(heights, counts[:, k])
        assert_array_equal(bottoms, counts[:, :k].sum(axis=1))
        assert to_hex(layer.get_facecolor()[0]) == class_colors(3)[k]
    assert [t.get_text() for t in viz.legend_.get_texts()] == names
    assert viz.ax_.get_ylim()[1] > counts.sum(axis=1).max()
    viz.set_params(colors=["red", "green", "blue"])
    viz.plot()
    assert to_hex(viz.bars_[2].get_facecolor()[0]) == "#0000ff"


def test_leaf_distributions_regression_strip(regression):
    X, y = regression
    viz = LeafDistributions(DecisionTreeRegressor(max_depth=3, random_state=0))
    viz.fit(X, y)
    state = np.random.get_state()[1].copy()  # noqa: NPY002 (the global one)
    viz.plot()
    assert_array_equal(np.random.get_state()[1], state)  # noqa: NPY002
    points = viz.points_.get_offsets()
    assert_array_equal(points[:, 1], np.concatenate(viz.leaf_targets_))
    leaf_of_point = np.repeat(np.arange(len(viz.leaf_ids_)), viz.leaf_samples_)
    assert np.all(np.abs(points[:, 0] - leaf_of_point) <= 0.3)
    segments = viz.lines_.get_segments()
    assert_allclose([s[0, 1] for s in segments], viz.leaf_values_)
    assert_allclose([s[:, 0].mean() for s in segments], range(len(segments)))
    assert [t.get_text() for t in viz.legend_.get_texts()] == [
        "training target", "leaf value",
    ]  # fmt: skip
    assert viz.ax_.get_ylabel() == "target"


def test_many_points_are_binned(regression):
    X, y = make_regression(DENSITY_THRESHOLD + 1, 3, random_state=0)
    viz = LeafDistributions(DecisionTreeRegressor(max_depth=2), target_name="price")
    viz.fit(X, y).plot()
    assert viz.points_.get_array().ndim == 3  # an RGBA image, not 50,001 markers
    assert "binned" in " ".join(t.get_text() for t in viz.ax_.texts)
    assert viz.ax_.get_ylabel() == "price"


def test_quick_methods_return_drawn_visualizers(iris):
    X, y = iris
    for quick in (leaf_sizes, leaf_purity, leaf_distributions):
        viz = quick(DecisionTreeClassifier(max_depth=2), X, y, show=False)
        assert viz.ax_.patches or viz.ax_.collections
    plt.close("all")


# -- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [LeafSizes, LeafPurity])
@pytest.mark.parametrize(
    "params, name",
    [
        ({"display_type": "text"}, "display_type"),
        ({"display_type": "pie"}, "display_type"),
        ({"bins": 0}, "bins"),
        ({"bins": 2.5}, "bins"),
        ({"bins": "auto"}, "bins"),
    ],
)
def test_bad_options_name_the_option(iris, cls, params, name):
    X, y = iris
    with pytest.raises(VizkitValueError, match=name):
        cls(DecisionTreeClassifier(max_depth=2), **params).fit(X, y)
    viz = cls(DecisionTreeClassifier(max_depth=2)).fit(X, y)
    viz.set_params(**params)
    with pytest.raises(VizkitValueError, match=name):
        viz.plot()


def test_bad_colors_and_class_names(iris):
    X, y = iris
    with pytest.raises(VizkitValueError, match="colors"):
        LeafDistributions(DecisionTreeClassifier(), colors=["nope"]).fit(X, y)
    viz = LeafDistributions(DecisionTreeClassifier(), class_names=["a", "b"])
    with pytest.raises(VizkitValueError, match="class_names"):
        viz.fit(X, y).plot()
    assert not plt.get_fignums()  # no half-drawn figure left behind
