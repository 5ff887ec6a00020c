"""Tests of TreeFeatureSpace: thresholds and leaf regions against the tree_
arrays and apply/decision_path, then the drawn regions and points, then bad
input."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from matplotlib.colors import to_rgba_array
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_iris, make_classification, make_regression
from sklearn.ensemble import GradientBoostingRegressor, RandomForestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from vizkit.draw import DENSITY_THRESHOLD
from vizkit.exceptions import VizkitValueError
from vizkit.tree import TreeFeatureSpace, tree_feature_space
from vizkit.tree.feature_space import REGION_ALPHA, cover_sums

PETALS = ["petal length (cm)", "petal width (cm)"]


@pytest.fixture(scope="module")
def iris():
    return load_iris(return_X_y=True, as_frame=True)


@pytest.fixture(scope="module")
def many_features():
    """300 rows, 6 features, 3 classes: a tree that splits on all of them."""
    return make_classification(
        n_samples=300, n_features=6, n_informative=4, n_redundant=0,
        n_classes=3, n_clusters_per_class=1, random_state=0,
    )  # fmt: skip


@pytest.fixture(scope="module")
def regression():
    return make_regression(n_samples=200, n_features=4, noise=5.0, random_state=0)


def tree(depth=4):
    return DecisionTreeClassifier(max_depth=depth, random_state=0)


def thresholds_on(tree_, feature):
    return np.sort(tree_.threshold[tree_.feature == feature])


def assert_points_in_their_regions(viz, X, leaves):
    """Each row lies in the region of the leaf ``apply`` sends it to."""
    where = np.searchsorted(viz.region_leaves_, leaves)
    assert_array_equal(viz.region_leaves_[where], leaves)
    x0, x1, y0, y1 = viz.regions_[where].T
    x, y = X[:, viz.features_].T
    assert np.all((x <= x1) & (y <= y1))  # sklearn: x <= threshold goes left
    low_x, low_y = viz.regions_[:, 0].min(), viz.regions_[:, 2].min()
    assert np.all(((x0 < x) | (x0 == low_x)) & (x0 <= x))
    assert np.all(((y0 < y) | (y0 == low_y)) & (y0 <= y))


def path_tests(model, X, leaves, features):
    """For each leaf, whether its path tests one of ``features`` (decision_path)."""
    rows = [np.flatnonzero(model.apply(X) == leaf)[0] for leaf in leaves]
    paths = model.decision_path(X[rows]).toarray().astype(bool)
    return np.array([np.isin(model.tree_.feature[p], features).any() for p in paths])


# -- numbers: the tree_ arrays, apply and decision_path -----------------------------


def test_splits_are_the_thresholds_the_tree_tests_each_feature_at(iris):
    X, y = iris
    viz = TreeFeatureSpace(tree(), features=PETALS).fit(X, y)
    tree_ = viz.estimator.tree_
    assert_array_equal(viz.features_, [2, 3])
    for feature, splits in zip(viz.features_, viz.splits_):
        assert_array_equal(splits, thresholds_on(tree_, feature))


def test_two_feature_tree_regions_tile_the_leaves(iris):
    X, y = iris
    X = X[PETALS].to_numpy()
    model = tree().fit(X, y)
    viz = TreeFeatureSpace(model, features=[0, 1]).fit(X, y)
    assert_array_equal(viz.region_leaves_, viz.leaf_ids_)  # every leaf a region
    assert_points_in_their_regions(viz, X, model.apply(X))
    classes = model.classes_[model.tree_.value[viz.leaf_ids_, 0].argmax(axis=1)]
    assert_array_equal(viz.region_values_, classes)
    # The regions of a two-feature tree do not overlap and cover the bounds.
    x0, x1, y0, y1 = viz.regions_.T
    area = (x1.max() - x0.min()) * (y1.max() - y0.min())
    assert_allclose(((x1 - x0) * (y1 - y0)).sum(), area)


def test_region_boundaries_are_the_thresholds_on_the_two_features(many_features):
    X, y = many_features
    model = tree(depth=6).fit(X, y)
    viz = TreeFeatureSpace(model, features=[1, 3]).fit(X, y)
    for feature, sides in ((1, viz.regions_[:, :2]), (3, viz.regions_[:, 2:])):
        outer = {X[:, feature].min(), X[:, feature].max()}
        edges = set(np.unique(sides)) - outer
        assert edges <= set(model.tree_.threshold[model.tree_.feature == feature])
        assert set(thresholds_on(model.tree_, feature)) <= set(np.unique(sides))


def test_other_features_leave_regions_overlapping_and_points_inside(many_features):
    X, y = many_features
    model = tree(depth=6).fit(X, y)
    viz = TreeFeatureSpace(model, features=[1, 3]).fit(X, y)
    leaves = model.apply(X)
    tested = path_tests(model, X, viz.leaf_ids_, [1, 3])
    assert_array_equal(viz.region_leaves_, viz.leaf_ids_[tested])
    drawn = np.isin(leaves, viz.region_leaves_)
    assert_points_in_their_regions(viz, X[drawn], leaves[drawn])


def test_features_default_to_the_first_two_or_the_only_one(iris):
    X, y = iris
    assert_array_equal(TreeFeatureSpace(tree()).fit(X, y).features_, [0, 1])
    viz = TreeFeatureSpace(tree()).fit(X[["petal width (cm)"]], y)
    assert_array_equal(viz.features_, [0])
    assert viz.regions_ is None and viz.region_leaves_ is None
    assert_array_equal(viz.splits_[0], thresholds_on(viz.estimator.tree_, 0))


def test_regressor_regions_hold_the_leaf_means(regression):
    X, y = regression
    model = DecisionTreeRegressor(max_depth=4, random_state=0).fit(X[:, :2], y)
    viz = TreeFeatureSpace(model).fit(X[:, :2], y)
    assert viz.classes_ is None
    assert_allclose(viz.region_values_, model.tree_.value[viz.region_leaves_, 0, 0])
    assert_points_in_their_regions(viz, X[:, :2], model.apply(X[:, :2]))


def test_forest_tree_by_tree_index(many_features):
    X, y = many_features
    forest = RandomForestClassifier(n_estimators=3, max_depth=4, random_state=0)
    forest.fit(X, y)
    viz = TreeFeatureSpace(forest, tree_index=2, features=[0, 2]).fit(X, y)
    member = forest.estimators_[2]
    for feature, splits in zip((0, 2), viz.splits_):
        assert_array_equal(splits, thresholds_on(member.tree_, feature))
    leaves = member.apply(X)
    drawn = np.isin(leaves, viz.region_leaves_)
    assert_points_in_their_regions(viz, X[drawn], leaves[drawn])
    classes = forest.classes_[member.tree_.value[viz.region_leaves_, 0].argmax(1)]
    assert_array_equal(viz.region_values_, classes)


def test_gradient_boosting_tree_is_a_regression_tree(regression):
    X, y = regression
    model = GradientBoostingRegressor(n_estimators=5, max_depth=3, random_state=0)
    model.fit(X, y)
    viz = TreeFeatureSpace(model, tree_index=4, features=[0, 1]).fit(X, y)
    stage = model.estimators_[4, 0]
    assert viz.classes_ is None
    assert_allclose(viz.region_values_, stage.tree_.value[viz.region_leaves_, 0, 0])
    assert_array_equal(viz.splits_[1], thresholds_on(stage.tree_, 1))


def test_pipeline_names_and_scaled_regions(iris):
    X, y = iris
    pipe = make_pipeline(StandardScaler(), tree()).fit(X, y)
    viz = TreeFeatureSpace(pipe, features=PETALS).fit(X, y)
    scaled = pipe[:-1].transform(X)
    tree_ = pipe[-1].tree_
    assert_array_equal(viz.splits_[1], thresholds_on(tree_, 3))
    leaves = pipe[-1].apply(scaled)
    drawn = np.isin(leaves, viz.region_leaves_)
    assert_points_in_their_regions(viz, scaled[drawn], leaves[drawn])
    viz.plot()
    assert viz.ax_.get_xlabel() == PETALS[0]


def test_dataframe_columns_name_the_features(iris):
    X, y = iris
    viz = TreeFeatureSpace(tree(), features=["petal width (cm)", 0]).fit(X, y)
    assert_array_equal(viz.features_, [3, 0])
    viz.plot()
    assert viz.ax_.get_xlabel() == "petal width (cm)"
    assert viz.ax_.get_ylabel() == "sepal length (cm)"


def test_no_region_when_the_tree_never_tests_the_two_features(iris):
    X, y = iris
    viz = TreeFeatureSpace(tree(depth=2), features=[0, 1]).fit(X, y)
    assert viz.regions_.shape == (0, 4) and len(viz.region_leaves_) == 0
    viz.plot()
    assert len(viz.regions_collection_.get_paths()) == 0
    assert_array_equal(viz.regions_mesh_.get_array()[..., 3], 0.0)  # unpainted
    assert len(viz.points_.get_offsets()) == len(X)


def test_cover_sums_counts_the_boxes_over_each_cell():
    boxes = np.array([[0.0, 2.0, 0.0, 1.0], [1.0, 3.0, 0.0, 2.0]])
    edges = np.array([0.0, 1.0, 2.0, 3.0]), np.array([0.0, 1.0, 2.0])
    counts = cover_sums(boxes, np.ones((2, 1)), *edges)[..., 0]
    assert_array_equal(counts, [[1, 2, 1], [0, 1, 1]])


# -- drawing ------------------------------------------------------------------------


def test_drawn_regions_points_and_legend(iris):
    X, y = iris
    X = X[PETALS].to_numpy()
    viz = TreeFeatureSpace(tree(depth=3), class_names=["a", "b", "c"]).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no font (or any) warning
        viz.plot()
    paths = viz.regions_collection_.get_paths()
    assert len(paths) == len(viz.regions_)
    for path, (x0, x1, y0, y1) in zip(paths, viz.regions_):
        vertices = path.vertices[:4]
        assert_array_equal(vertices, [[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    assert_array_equal(viz.points_.get_offsets(), X)
    colors = to_rgba_array(["C0", "C1", "C2"])
    assert_allclose(viz.points_.get_facecolors()[:, :3], colors[y][:, :3])
    legend = viz.ax_.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["a", "b", "c"]
    assert viz.ax_.get_title().startswith("Feature Space of DecisionTreeClassifier")


def test_each_cell_has_the_colour_of_the_region_over_it(iris):
    X, y = iris
    X = X[PETALS].to_numpy()
    viz = TreeFeatureSpace(tree(depth=3)).fit(X, y)
    viz.plot()
    mesh = viz.regions_mesh_
    rgba = mesh.get_array().reshape(-1, 4)
    centers = mesh.get_coordinates()[:-1, :-1] + mesh.get_coordinates()[1:, 1:]
    centers = centers.reshape(-1, 2) / 2
    x0, x1, y0, y1 = viz.regions_.T
    inside = (
        (x0 < centers[:, :1]) & (centers[:, :1] < x1)
        & (y0 < centers[:, 1:]) & (centers[:, 1:] < y1)
    )  # fmt: skip
    assert_array_equal(inside.sum(axis=1), 1)  # disjoint: one region per cell
    expected = to_rgba_array(["C0", "C1", "C2"])[viz.region_values_[inside.argmax(1)]]
    assert_allclose(rgba[:, :3], expected[:, :3])
    assert_allclose(rgba[:, 3], REGION_ALPHA)


def test_regression_regions_share_the_colour_scale_with_the_points(regression):
    X, y = regression
    model = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X[:, :2], y)
    viz = TreeFeatureSpace(model, target_name="price").fit(X[:, :2], y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        viz.plot()
    means = viz.regions_mesh_.get_array()
    assert set(np.round(means.compressed(), 9)) == set(np.round(viz.region_values_, 9))
    assert_array_equal(viz.points_.get_array(), y)
    assert viz.points_.norm.vmin == min(y.min(), viz.region_values_.min())
    assert viz.colorbar_.ax.get_ylabel() == "price"


def test_many_points_are_binned():
    X, y = make_classification(
        n_samples=DENSITY_THRESHOLD + 1, n_features=3, n_redundant=0, random_state=0
    )
    viz = TreeFeatureSpace(tree(depth=3)).fit(X, y)
    viz.plot()
    assert viz.points_.get_array().shape == (300, 300, 4)  # an AxesImage
    assert viz.points_.get_zorder() > viz.regions_mesh_.get_zorder()
    assert any("binned" in t.get_text() for t in viz.ax_.texts)


def test_one_feature_draws_dtreeviz_strip_with_split_lines(iris):
    X, y = iris
    viz = TreeFeatureSpace(tree(), features=["petal length (cm)"]).fit(X, y)
    state = np.random.get_state()  # noqa: NPY002 (what dtreeviz draws from)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        viz.plot()
    after = np.random.get_state()  # noqa: NPY002
    assert_array_equal(state[1], after[1])  # the user's global RNG is untouched
    lines = [line.get_xdata()[0] for line in viz.ax_.get_lines()]
    assert_allclose(sorted(lines), viz.splits_[0])
    offsets = np.concatenate([c.get_offsets()[:, 0] for c in viz.ax_.collections])
    assert_allclose(np.sort(offsets), np.sort(X["petal length (cm)"]))
    first = [c.get_offsets().copy() for c in viz.ax_.collections]
    viz.plot()  # the same jitter each time
    for a, b in zip(first, viz.ax_.collections):
        assert_array_equal(a, b.get_offsets())


def test_one_feature_regressor(regression):
    X, y = regression
    model = DecisionTreeRegressor(max_depth=3, random_state=0)
    viz = TreeFeatureSpace(model, features=[2]).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        viz.plot()
    splits = {
        line.get_xdata()[0]
        for line in viz.ax_.get_lines()
        if line.get_linestyle() == "--"
    }
    assert_allclose(sorted(splits), viz.splits_[0])


def test_quick_method(iris):
    X, y = iris
    viz = tree_feature_space(tree(), X, y, features=PETALS, show=False)
    assert isinstance(viz, TreeFeatureSpace)
    assert viz.regions_collection_ in viz.ax_.collections


# -- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "features, match",
    [
        (["petal length (cm)", "petal width (cm)", 0], "one or two"),
        ([], "one or two"),
        ("petal width (cm)", "list"),
        (["petal length (cm)", 2], "twice"),
        (["petals"], "not trained on"),
        ([4], "index 4"),
        (None, "single class"),
    ],
)
def test_bad_features_raise_one_clear_error(iris, features, match):
    X, y = iris
    y = np.zeros_like(y) if features is None else y
    with pytest.raises(VizkitValueError, match=match) as error:
        TreeFeatureSpace(tree(), features=features).fit(X, y)
    assert ("features" if features is not None else "y") in str(error.value)
