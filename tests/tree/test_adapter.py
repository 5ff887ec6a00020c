"""Tests of the tree adapter: every supported model read as one fitted tree,
the data fed to it, the shared per-leaf attributes, then bad input."""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_array_equal
from sklearn.base import clone
from sklearn.datasets import load_iris, make_regression
from sklearn.ensemble import (
    ExtraTreesClassifier,
    ExtraTreesRegressor,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    HistGradientBoostingClassifier,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import (
    DecisionTreeClassifier,
    DecisionTreeRegressor,
    ExtraTreeClassifier,
    ExtraTreeRegressor,
)

from vizkit.exceptions import ModelError, NotFitted, VizkitValueError
from vizkit.tree._adapter import (
    leaf_ids,
    tree_model,
)
from vizkit.tree.base import TreeVisualizer
from vizkit.utils.features import column_index
from vizkit.utils.validation import check_instance


class Leaves(TreeVisualizer):
    """The base class with a trivial drawing, to test what fit shares."""

    def draw(self) -> None:
        self.ax_.bar(self.leaf_ids_, self.leaf_samples_)


@pytest.fixture(scope="module")
def iris():
    data = load_iris(as_frame=True)
    names = np.asarray(data.target_names)[data.target]  # string classes
    return data.data, names


@pytest.fixture(scope="module")
def regression():
    return make_regression(n_samples=120, n_features=4, noise=3.0, random_state=0)


# -- reading each kind of model ---------------------------------------------------


@pytest.mark.parametrize(
    "model",
    [
        DecisionTreeClassifier(max_depth=3, random_state=0),
        ExtraTreeClassifier(random_state=0),
    ],
)
def test_a_single_classification_tree_is_read_as_it_is(iris, model):
    X, y = iris
    model = clone(model).fit(X, y)
    read = tree_model(model)
    assert read.tree.tree_ is model.tree_
    assert_array_equal(read.classes, model.classes_)
    assert read.is_classifier and read.label == type(model).__name__
    # Fed arrays and class indices, the drawn tree predicts what the model does.
    codes = read.tree.predict(read.features(X))
    assert_array_equal(read.classes[codes], model.predict(X))
    assert_array_equal(read.target(y), np.searchsorted(model.classes_, y))


@pytest.mark.parametrize(
    "model", [DecisionTreeRegressor(max_depth=3), ExtraTreeRegressor()]
)
def test_a_single_regression_tree_has_no_classes(regression, model):
    X, y = regression
    model = clone(model).set_params(random_state=0).fit(X, y)
    read = tree_model(model)
    assert read.classes is None and not read.is_classifier
    assert_array_equal(read.tree.predict(read.features(X)), model.predict(X))
    assert_array_equal(read.target(y), y)


@pytest.mark.parametrize("forest", [RandomForestClassifier, ExtraTreesClassifier])
@pytest.mark.parametrize("index", [0, 3, -1])
def test_tree_index_chooses_a_tree_of_a_forest(iris, forest, index):
    X, y = iris
    model = forest(n_estimators=5, max_depth=3, random_state=0).fit(X, y)
    read = tree_model(model, index)
    assert read.tree.tree_ is model.estimators_[index].tree_
    assert_array_equal(read.classes, model.classes_)
    assert read.label.endswith(f"tree {index % 5} of 5")
    # The forest's trees predict class indices; the forest's classes name them.
    proba = model.estimators_[index].predict_proba(X.to_numpy())
    assert_array_equal(read.tree.predict(read.features(X)), proba.argmax(axis=1))


@pytest.mark.parametrize("forest", [RandomForestRegressor, ExtraTreesRegressor])
def test_tree_index_chooses_a_tree_of_a_regression_forest(regression, forest):
    X, y = regression
    model = forest(n_estimators=4, max_depth=3, random_state=0).fit(X, y)
    read = tree_model(model, 2)
    assert read.tree.tree_ is model.estimators_[2].tree_
    assert read.classes is None


def test_a_boosting_stage_is_one_regression_tree(regression):
    X, y = regression
    model = GradientBoostingRegressor(n_estimators=6, max_depth=2, random_state=0)
    model.fit(X, y)
    read = tree_model(model, 4)
    assert read.tree.tree_ is model.estimators_[4, 0].tree_
    assert read.classes is None and read.boosted_class is None
    assert read.label == "GradientBoostingRegressor, stage 4 of 6"


def test_a_binary_boosting_tree_models_the_positive_class(iris):
    X, y = iris
    keep = y != "setosa"
    model = GradientBoostingClassifier(n_estimators=3, max_depth=2, random_state=0)
    model.fit(X[keep], y[keep])
    read = tree_model(model, 1)
    assert read.tree.tree_ is model.estimators_[1, 0].tree_
    assert read.boosted_class == 1
    assert_array_equal(read.target(y[keep]), (y[keep] == "virginica").astype(float))


def test_a_multiclass_boosting_tree_is_chosen_by_stage_and_class(iris):
    X, y = iris
    model = GradientBoostingClassifier(n_estimators=3, max_depth=2, random_state=0)
    model.fit(X, y)
    read = tree_model(model, (2, 1))
    assert read.tree.tree_ is model.estimators_[2, 1].tree_
    assert read.label == "GradientBoostingClassifier, stage 2 of 3, class 1"
    assert_array_equal(read.target(y), (y == "versicolor").astype(float))
    assert tree_model(model).tree.tree_ is model.estimators_[0, 0].tree_
    with pytest.raises(VizkitValueError, match=r"tree_index=\(stage, class index\)"):
        tree_model(model, 2)


def test_a_pipeline_feeds_its_steps_and_names_the_features(iris):
    X, y = iris
    model = make_pipeline(StandardScaler(), DecisionTreeClassifier(max_depth=3))
    model.fit(X, y)
    read = tree_model(model)
    scaled = model[0].transform(X)
    assert_array_equal(read.features(X), scaled)
    assert read.tree.tree_ is model[-1].tree_
    assert_array_equal(read.feature_names(X), X.columns)


def test_a_tree_fitted_on_a_frame_is_fed_arrays_without_a_warning(iris):
    X, y = iris
    model = DecisionTreeClassifier(max_depth=2, random_state=0).fit(X, y)
    read = tree_model(model)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read.tree.apply(read.features(X))
    # The user's model keeps its names and classes.
    assert_array_equal(model.feature_names_in_, X.columns)
    assert_array_equal(model.classes_, ["setosa", "versicolor", "virginica"])


def test_feature_names_come_from_the_user_then_the_data(regression):
    X, y = regression
    model = DecisionTreeRegressor(max_depth=2).fit(X, y)
    read = tree_model(model)
    assert list(read.feature_names(X)) == ["x0", "x1", "x2", "x3"]
    assert list(read.feature_names(X, list("abcd"))) == list("abcd")
    with pytest.raises(VizkitValueError, match="feature_names has 2 names"):
        read.feature_names(X, ["a", "b"])


# -- the tree_ arrays -----------------------------------------------------------------


def test_leaf_ids_are_the_nodes_apply_reaches(iris):
    X, y = iris
    model = DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    assert_array_equal(leaf_ids(model.tree_), np.unique(model.apply(X)))


def test_fit_shares_the_leaf_attributes_in_leaf_id_order(iris):
    X, y = iris
    forest = RandomForestClassifier(n_estimators=3, max_depth=3, random_state=0)
    viz = Leaves(forest, tree_index=2).fit(X, y)
    tree_ = forest.estimators_[2].tree_
    leaves = np.flatnonzero(tree_.children_left == -1)
    assert_array_equal(viz.leaf_ids_, leaves)
    assert_array_equal(viz.leaf_samples_, tree_.n_node_samples[leaves])
    assert_array_equal(viz.leaf_impurity_, tree_.impurity[leaves])
    assert_array_equal(viz.classes_, ["setosa", "versicolor", "virginica"])
    viz.plot()
    assert len(viz.ax_.patches) == len(leaves)
    # A pickle carries the results, not the drawing.
    again = pickle.loads(pickle.dumps(viz))
    assert_array_equal(again.leaf_samples_, viz.leaf_samples_)


# -- bad input ------------------------------------------------------------------------


def test_a_model_that_is_not_a_tree_names_the_supported_ones(iris):
    X, y = iris
    with pytest.raises(ModelError, match="RandomForest.*GradientBoosting.*Pipeline"):
        Leaves(LogisticRegression()).fit(X, y)
    with pytest.raises(
        ModelError, match="HistGradientBoostingClassifier is not a tree"
    ):
        tree_model(HistGradientBoostingClassifier())


def test_an_untrained_tree_is_refused(iris):
    with pytest.raises(NotFitted, match="DecisionTreeClassifier is not fitted"):
        tree_model(DecisionTreeClassifier())
    with pytest.raises(NotFitted, match="not fitted although is_fitted=True"):
        Leaves(DecisionTreeClassifier(), is_fitted=True).fit(*iris)


@pytest.mark.parametrize("index", [5, -6, 2.0, "1", True])
def test_tree_index_out_of_range_or_not_an_int(iris, index):
    X, y = iris
    forest = RandomForestClassifier(n_estimators=5, max_depth=2, random_state=0)
    forest.fit(X, y)
    with pytest.raises(VizkitValueError, match="tree_index"):
        Leaves(forest, tree_index=index, is_fitted=True).fit(X, y)


def test_a_single_tree_has_only_tree_zero(iris):
    model = DecisionTreeClassifier(max_depth=2).fit(*iris)
    with pytest.raises(VizkitValueError, match="single tree; leave tree_index=None"):
        tree_model(model, 1)


def test_a_multi_output_tree_is_refused(regression):
    X, y = regression
    model = DecisionTreeRegressor(max_depth=2).fit(X, np.c_[y, -y])
    with pytest.raises(ModelError, match="fitted on 2 targets"):
        tree_model(model)


def test_an_instance_must_be_one_row_of_the_right_width():
    assert check_instance([1.0, 2.0, 3.0], 3).shape == (1, 3)
    row = pd.Series([1.0, 2.0], index=["a", "b"])
    assert list(check_instance(row, 2).columns) == ["a", "b"]
    with pytest.raises(VizkitValueError, match="x has 2 features, but the model was"):
        check_instance([1.0, 2.0], 3)
    with pytest.raises(VizkitValueError, match="one instance"):
        check_instance(np.zeros((2, 3)), 3)


def test_a_feature_is_named_or_indexed():
    names = np.asarray(["a", "b", "c"], dtype=object)
    assert column_index("b", names) == 1 and column_index(2, names) == 2
    assert column_index(-1, names) == 2
    with pytest.raises(VizkitValueError, match="'z', which the model was not trained"):
        column_index("z", names)
    with pytest.raises(VizkitValueError, match="index 3"):
        column_index(3, names)
