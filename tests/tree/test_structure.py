"""Tests of DecisionTreeStructure: the drawn nodes against the model's ``tree_``
arrays and ``decision_path``, the layout, the drawn artists, dtreeviz's SVG,
then bad input."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_iris, make_regression
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from vizkit.exceptions import VizkitImportError, VizkitValueError
from vizkit.tree import DecisionTreeStructure, _layout, decision_tree_structure


@pytest.fixture(scope="module")
def iris():
    X, y = load_iris(return_X_y=True, as_frame=True)
    return X, y


@pytest.fixture(scope="module")
def regression():
    return make_regression(n_samples=300, n_features=5, noise=5.0, random_state=0)


def assert_nodes_match(viz, tree, X):
    """The drawn nodes' arrays are the tree's, and each histogram counts the
    rows ``decision_path`` routes through its node."""
    tree_, ids = tree.tree_, viz.node_ids_
    assert_array_equal(viz.node_feature_, tree_.feature[ids])
    assert_array_equal(viz.node_threshold_, tree_.threshold[ids])
    assert_array_equal(viz.node_samples_, tree_.n_node_samples[ids])
    values = tree_.value[ids, 0, :]
    assert_array_equal(viz.node_value_, values if values.shape[1] > 1 else values[:, 0])
    assert_array_equal(viz.node_depth_, (tree_.compute_node_depths() - 1)[ids])
    reached = np.asarray(tree.decision_path(X).sum(axis=0)).ravel()
    for i, counts in enumerate(viz.node_histograms_):
        if counts is not None:
            assert counts.sum() == reached[ids[i]]
            assert counts.shape[0] == viz.bins


# -- numbers ---------------------------------------------------------------------


def test_classifier_nodes_equal_the_tree(iris):
    X, y = iris
    model = DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    viz = DecisionTreeStructure(model).fit(X, y)
    assert_array_equal(np.sort(viz.node_ids_), np.arange(model.tree_.node_count))
    assert_nodes_match(viz, model, X)
    # Per class: the histogram of the root counts the classes of all rows.
    root = viz.node_histograms_[0]
    assert_array_equal(root.sum(axis=0), np.bincount(y))
    assert viz.node_histograms_[0].shape == (10, 3)
    leaves = viz.node_feature_ < 0
    assert all(h is None for h, leaf in zip(viz.node_histograms_, leaves) if leaf)
    assert_array_equal(viz.leaf_ids_, np.sort(viz.node_ids_[leaves]))


def test_histogram_bins_the_split_feature_of_the_rows_reaching_the_node(iris):
    X, y = iris
    model = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
    viz = DecisionTreeStructure(model, bins=5).fit(X, y)
    paths = model.decision_path(X).tocsc()
    i = 1 if viz.node_feature_[1] >= 0 else 2
    node, feature = viz.node_ids_[i], viz.node_feature_[i]
    rows = paths[:, node].nonzero()[0]
    column = X.to_numpy()[:, feature]
    edges = np.linspace(column.min(), column.max(), 6)
    assert_allclose(viz.node_bin_edges_[i], edges)
    expected = [np.histogram(column[rows][y[rows] == k], edges)[0] for k in range(3)]
    assert_array_equal(viz.node_histograms_[i], np.column_stack(expected))


def test_regressor_nodes_and_mean_target_per_bin(regression):
    X, y = regression
    model = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y)
    viz = DecisionTreeStructure(model).fit(X, y)
    assert_nodes_match(viz, model, X)
    assert viz.classes_ is None
    counts, edges, means = (
        viz.node_histograms_[0],
        viz.node_bin_edges_[0],
        viz.node_bin_targets_[0],
    )
    bins = np.clip(
        np.searchsorted(edges, X[:, viz.node_feature_[0]], "right") - 1, 0, 9
    )
    assert_array_equal(counts, np.bincount(bins, minlength=10))
    full = counts > 0
    expected = np.bincount(bins, weights=y, minlength=10)[full] / counts[full]
    assert_allclose(means[full], expected)
    assert np.isnan(means[~full]).all()


def test_max_depth_truncates_and_marks_the_cut(iris):
    X, y = iris
    model = DecisionTreeClassifier(random_state=0).fit(X, y)
    viz = DecisionTreeStructure(model, max_depth=2).fit(X, y)
    depths = model.tree_.compute_node_depths() - 1
    assert_array_equal(np.sort(viz.node_ids_), np.flatnonzero(depths <= 2))
    split = model.tree_.children_left[viz.node_ids_] != -1
    assert_array_equal(viz.node_cut_, split & (viz.node_depth_ == 2))
    assert viz.node_cut_.any()
    assert all(viz.node_histograms_[i] is None for i in np.flatnonzero(viz.node_cut_))
    assert_nodes_match(viz, model, X)
    root_only = DecisionTreeStructure(model, max_depth=0).fit(X, y)
    assert_array_equal(root_only.node_ids_, [0])
    assert_array_equal(root_only.node_cut_, [True])


def test_layout_spaces_leaves_and_centres_parents(iris):
    X, y = iris
    model = DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    viz = DecisionTreeStructure(model, max_depth=3).fit(X, y)
    x, depth = viz.node_xy_[:, 0], -viz.node_xy_[:, 1]
    assert_array_equal(depth, viz.node_depth_)
    ends = viz.node_cut_ | (viz.node_feature_ < 0)
    assert_array_equal(x[ends], np.arange(ends.sum()))  # pre-order, left to right
    tree_ = model.tree_
    position = {node: i for i, node in enumerate(viz.node_ids_)}
    for i in np.flatnonzero(~ends):
        node = viz.node_ids_[i]
        left = position[tree_.children_left[node]]
        right = position[tree_.children_right[node]]
        assert x[i] == (x[left] + x[right]) / 2
        assert x[left] < x[i] < x[right]


def test_layout_functions_on_a_hand_made_tree():
    #     0
    #   1   2
    #      3 4
    left = np.array([1, -1, 3, -1, -1])
    right = np.array([2, -1, 4, -1, -1])
    ids, depths = _layout.shown_nodes(left, right, None)
    assert_array_equal(ids, [0, 1, 2, 3, 4])
    assert_array_equal(depths, [0, 1, 1, 2, 2])
    parent = _layout.parents(left, right, ids)
    assert_array_equal(parent, [-1, 0, 0, 2, 2])
    ends = left[ids] == -1
    xy = _layout.tree_layout(parent, depths, ends)
    assert_array_equal(xy[:, 0], [0.75, 0, 1.5, 1, 2])
    ids, depths = _layout.shown_nodes(left, right, 1)
    assert_array_equal(_layout.cut_nodes(left, ids, depths, 1), [False, False, True])


def test_path_of_x_equals_decision_path(iris):
    X, y = iris
    model = DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    row = X.iloc[[70]]
    viz = DecisionTreeStructure(model, x=row).fit(X, y)
    assert_array_equal(viz.path_, model.decision_path(row).indices)
    assert viz.path_[0] == 0 and model.tree_.children_left[viz.path_[-1]] == -1
    assert DecisionTreeStructure(model).fit(X, y).path_ is None
    one_d = DecisionTreeStructure(model, x=X.to_numpy()[70]).fit(X, y)
    assert_array_equal(one_d.path_, viz.path_)


def test_forest_tree_by_index(iris):
    X, y = iris
    forest = RandomForestClassifier(n_estimators=5, max_depth=3, random_state=0)
    forest.fit(X, y)
    viz = DecisionTreeStructure(forest, tree_index=3).fit(X, y)
    tree = forest.estimators_[3]
    assert_nodes_match(viz, tree, X.to_numpy())


def test_gradient_boosting_tree(iris):
    X, y = iris
    model = GradientBoostingClassifier(n_estimators=3, max_depth=2, random_state=0)
    model.fit(X, y)
    viz = DecisionTreeStructure(model, tree_index=(1, 2), x=X.iloc[100]).fit(X, y)
    tree = model.estimators_[1, 2]
    assert_nodes_match(viz, tree, X.to_numpy())
    assert viz.classes_ is None
    assert_array_equal(viz.path_, tree.decision_path(X.to_numpy()[[100]]).indices)
    viz.plot()
    texts = [t.get_text() for t in viz.texts_]
    assert any(text.startswith("value = ") for text in texts)
    assert viz.colorbar_.ax.get_ylabel() == "share of class 2"


def test_pipeline_names_and_thresholds_in_the_tree_space(iris):
    X, y = iris
    pipe = make_pipeline(
        StandardScaler(), DecisionTreeClassifier(max_depth=2, random_state=0)
    ).fit(X, y)
    viz = DecisionTreeStructure(pipe, x=X.iloc[0]).fit(X, y)
    tree = pipe[-1]
    X_scaled = pipe[0].transform(X)
    assert_nodes_match(viz, tree, X_scaled)
    assert_array_equal(viz.path_, tree.decision_path(X_scaled[:1]).indices)
    viz.plot()
    root = viz.texts_[0].get_text()
    name = X.columns[tree.tree_.feature[0]]
    assert root.startswith(f"{name} \u2264 {tree.tree_.threshold[0]:.2f}")


# -- drawing ---------------------------------------------------------------------


def test_drawn_texts_show_rules_counts_and_classes(iris):
    X, y = iris
    model = DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    viz = DecisionTreeStructure(model, class_names=["se", "ve", "vi"]).fit(X, y)
    viz.plot()
    texts = [t.get_text() for t in viz.texts_[: len(viz.node_ids_)]]
    for i, text in enumerate(texts):
        assert f"n={viz.node_samples_[i]:,}" in text
        if viz.node_feature_[i] >= 0:
            assert f"\u2264 {viz.node_threshold_[i]:.2f}" in text
        else:
            assert text.split("\n")[0] in {"se", "ve", "vi"}
    viz.set_params(precision=3).plot()
    assert f"\u2264 {viz.node_threshold_[0]:.3f}" in viz.texts_[0].get_text()
    assert {t.get_text().strip() for t in viz.texts_[len(viz.node_ids_) :]} == {
        "\u2264",
        ">",
    }
    assert [t.get_text() for t in viz.legend_.get_texts()] == ["se", "ve", "vi"]


def test_one_collection_each_for_boxes_bars_and_edges(iris):
    X, y = iris
    model = DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    viz = DecisionTreeStructure(model, max_depth=3).fit(X, y)
    viz.plot()
    n = len(viz.node_ids_)
    assert len(viz.boxes_.get_paths()) == n
    assert len(viz.edges_.get_segments()) == n - 1
    splits = [h for h in viz.node_histograms_ if h is not None]
    leaves = viz.node_value_[viz.node_feature_ < 0]
    bars = sum(int((h > 0).sum()) + 1 for h in splits)  # bars, and a wedge each
    assert len(viz.bars_.get_paths()) == bars + int((leaves > 0).sum())
    assert len(viz.ax_.collections) == 3
    assert viz.title is None and "depth 3 of 4" in viz.ax_.get_title()


def test_path_is_drawn_thick(iris):
    X, y = iris
    model = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
    viz = DecisionTreeStructure(model, x=X.iloc[120]).fit(X, y)
    viz.plot()
    on_path = np.isin(viz.node_ids_, viz.path_)
    widths = np.asarray(viz.boxes_.get_linewidths())
    assert (widths[on_path] > widths[~on_path].max()).all()
    edge_widths = np.asarray(viz.edges_.get_linewidths())
    assert (edge_widths > 1).sum() == len(viz.path_) - 1


def test_default_figure_grows_with_the_leaves(iris):
    X, y = iris
    model = DecisionTreeClassifier(random_state=0).fit(X, y)
    small = DecisionTreeStructure(model, max_depth=1).fit(X, y).plot()
    large = DecisionTreeStructure(model, max_depth=5).fit(X, y).plot()
    assert small.fig_.get_size_inches()[0] < large.fig_.get_size_inches()[0]
    sized = DecisionTreeStructure(model, size=(500, 300)).fit(X, y).plot()
    assert_allclose(sized.fig_.get_size_inches() * sized.fig_.dpi, [500, 300])


def test_regressor_colorbar_and_quick_method(regression):
    X, y = regression
    model = DecisionTreeRegressor(max_depth=2, random_state=0)
    viz = decision_tree_structure(model, X, y, target_name="price", show=False)
    assert isinstance(viz, DecisionTreeStructure)
    assert viz.colorbar_.ax.get_ylabel() == "price"
    leaf_text = viz.texts_[int(np.flatnonzero(viz.node_feature_ < 0)[0])].get_text()
    assert leaf_text.startswith("price = ")


def test_dtreeviz_svg_is_written(iris, tmp_path, graphviz_dot):
    X, y = iris
    model = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
    viz = DecisionTreeStructure(model, render="dtreeviz", max_depth=2, x=X.iloc[60])
    viz.fit(X, y)
    out = tmp_path / "tree.svg"
    viz.show(outpath=str(out))
    svg = out.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") or "<svg" in svg[:500]
    assert svg == viz.dtreeviz_svg_
    for name in X.columns[viz.node_feature_[viz.node_feature_ >= 0]]:
        assert name in svg
    png = tmp_path / "tree.png"  # any other file is the matplotlib figure
    viz.show(outpath=str(png))
    assert png.read_bytes()[:4] == b"\x89PNG"


# -- bad input -------------------------------------------------------------------


@pytest.mark.parametrize("max_depth", [-1, 1.5, "3", True])
def test_bad_max_depth(iris, max_depth):
    X, y = iris
    with pytest.raises(VizkitValueError, match="max_depth"):
        DecisionTreeStructure(DecisionTreeClassifier(), max_depth=max_depth).fit(X, y)


def test_x_of_the_wrong_width(iris):
    X, y = iris
    viz = DecisionTreeStructure(DecisionTreeClassifier(), x=[1.0, 2.0])
    with pytest.raises(VizkitValueError, match="x has 2 features.*trained on 4"):
        viz.fit(X, y)
    with pytest.raises(VizkitValueError, match="one instance"):
        viz.set_params(x=X.iloc[:2]).fit(X, y)


def test_unknown_render(iris):
    X, y = iris
    with pytest.raises(VizkitValueError, match="render='svg'"):
        DecisionTreeStructure(DecisionTreeClassifier(), render="svg").fit(X, y)


def test_dtreeviz_without_dot(iris, monkeypatch):
    X, y = iris
    viz = DecisionTreeStructure(DecisionTreeClassifier(max_depth=2), render="dtreeviz")
    viz.fit(X, y)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(VizkitImportError, match="apt-get install graphviz"):
        viz.show(outpath="never.svg")
    import matplotlib.pyplot as plt

    assert plt.get_fignums() == []  # no half-drawn figure left behind


def test_missing_values_are_routed_but_not_binned(iris):
    X, y = iris
    X = X.to_numpy().copy()
    X[::7, 3] = np.nan
    model = DecisionTreeClassifier(max_depth=2, random_state=0).fit(X, y)
    viz = DecisionTreeStructure(model).fit(X, y)
    assert_array_equal(viz.node_samples_, model.tree_.n_node_samples[viz.node_ids_])
    paths = model.decision_path(X).tocsc()
    for i, counts in enumerate(viz.node_histograms_):
        if counts is not None:
            rows = paths[:, viz.node_ids_[i]].nonzero()[0]
            present = ~np.isnan(X[rows, viz.node_feature_[i]])
            assert counts.sum() == present.sum()
    viz.plot()


def test_redraw_on_the_same_axes_keeps_one_colorbar(regression):
    import matplotlib.pyplot as plt

    X, y = regression
    model = DecisionTreeRegressor(max_depth=2, random_state=0)
    viz = DecisionTreeStructure(model).fit(X, y)
    fig, ax = plt.subplots()
    viz.plot(ax=ax)
    viz.plot(ax=ax)
    assert len(ax.child_axes) == 1  # one colour bar
