"""Tests of PredictionPath: the path against decision_path, the conditions
against a hand-walked path and dtreeviz, the contributions against a loop
over the tree_ arrays, then the drawing and bad input."""

from __future__ import annotations

import re
import warnings

import dtreeviz
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_iris, make_classification, make_regression
from sklearn.ensemble import (
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from vizkit.exceptions import VizkitValueError
from vizkit.tree import PredictionPath, prediction_path
from vizkit.tree.prediction_path import condition_text, format_number

IRIS = load_iris()
NAMES = list(IRIS.feature_names)


@pytest.fixture(scope="module")
def iris_tree():
    return DecisionTreeClassifier(max_depth=4, random_state=0).fit(
        IRIS.data, IRIS.target
    )


@pytest.fixture(scope="module")
def regression():
    return make_regression(n_samples=200, n_features=5, noise=5, random_state=0)


def hand_walk(tree_, row):
    """Root to leaf by scikit-learn's rule (left if x <= threshold), as float32."""
    node, path, left = 0, [0], []
    while tree_.children_left[node] != -1:
        goes_left = np.float32(row[tree_.feature[node]]) <= tree_.threshold[node]
        left.append(goes_left)
        node = (tree_.children_left if goes_left else tree_.children_right)[node]
        path.append(node)
    return np.asarray(path), np.asarray(left)


def hand_contributions(tree_, path, column):
    """treeinterpreter's loop: each edge's change of value to its split feature."""
    values = tree_.value[:, 0, column]
    contributions = np.zeros(tree_.n_features)
    for parent, child in zip(path[:-1], path[1:]):
        contributions[tree_.feature[parent]] += values[child] - values[parent]
    return values[path[0]], contributions


def check_decomposition(viz):
    assert_allclose(viz.bias_ + viz.contributions_.sum(), viz.prediction_, atol=1e-12)


# -- the path and its steps ---------------------------------------------------------


@pytest.mark.parametrize("row", [0, 55, 70, 100, 133])
def test_classifier_path_steps_and_contributions(iris_tree, row):
    x = IRIS.data[row]
    viz = PredictionPath(iris_tree, x=x).fit(IRIS.data, IRIS.target)
    tree_ = iris_tree.tree_
    assert_array_equal(viz.path_, iris_tree.decision_path(x[None]).indices)
    path, went_left = hand_walk(tree_, x)
    assert_array_equal(viz.path_, path)
    assert_array_equal(viz.steps_["node"], path[:-1])
    assert_array_equal(viz.steps_["feature"], tree_.feature[path[:-1]])
    assert_array_equal(viz.steps_["threshold"], tree_.threshold[path[:-1]])
    assert_array_equal(viz.steps_["went_left"], went_left)
    proba = iris_tree.predict_proba(x[None])[0]
    predicted = int(np.argmax(proba))
    assert viz.predicted_class_ == iris_tree.predict(x[None])[0]
    assert viz.prediction_ == proba[predicted]
    bias, contributions = hand_contributions(tree_, path, predicted)
    assert viz.bias_ == bias == pytest.approx(1 / 3)
    assert_allclose(viz.contributions_, contributions, atol=1e-12)
    check_decomposition(viz)


def test_regressor_path_and_contributions(regression):
    X, y = regression
    model = DecisionTreeRegressor(max_depth=4, random_state=0).fit(X, y)
    for x in X[:5]:
        viz = PredictionPath(model, x=x).fit(X, y)
        assert_array_equal(viz.path_, model.decision_path(x[None]).indices)
        assert viz.predicted_class_ is None
        assert viz.prediction_ == model.predict(x[None])[0]
        assert viz.bias_ == pytest.approx(y.mean())
        bias, contributions = hand_contributions(model.tree_, viz.path_, 0)
        assert_allclose(viz.contributions_, contributions, atol=1e-12)
        check_decomposition(viz)


def test_forest_tree_by_tree_index():
    X, y = make_classification(n_samples=150, n_features=5, random_state=0)
    forest = RandomForestClassifier(n_estimators=5, max_depth=4, random_state=0)
    forest.fit(X, y)
    tree = forest.estimators_[3]
    viz = PredictionPath(forest, x=X[7], tree_index=3).fit(X, y)
    assert_array_equal(viz.path_, tree.decision_path(X[7:8]).indices)
    proba = tree.predict_proba(X[7:8])[0]  # the tree's own prediction
    assert viz.prediction_ == proba.max()
    assert viz.predicted_class_ == forest.classes_[np.argmax(proba)]
    check_decomposition(viz)


def test_gradient_boosting_trees():
    X, y = make_classification(
        n_samples=150, n_features=5, n_informative=3, n_classes=3, random_state=0
    )
    boosting = GradientBoostingClassifier(n_estimators=4, max_depth=3, random_state=0)
    boosting.fit(X, y)
    tree = boosting.estimators_[2, 1]
    viz = PredictionPath(boosting, x=X[4], tree_index=(2, 1)).fit(X, y)
    assert_array_equal(viz.path_, tree.decision_path(X[4:5]).indices)
    assert viz.classes_ is None and viz.predicted_class_ is None
    assert viz.prediction_ == tree.predict(X[4:5])[0]  # the leaf's correction
    check_decomposition(viz)
    Xr, yr = make_regression(n_samples=100, n_features=4, random_state=0)
    boosted = GradientBoostingRegressor(n_estimators=3, random_state=0).fit(Xr, yr)
    viz = PredictionPath(boosted, x=Xr[1], tree_index=2).fit(Xr, yr)
    assert_array_equal(
        viz.path_, boosted.estimators_[2, 0].decision_path(Xr[1:2]).indices
    )
    check_decomposition(viz)


def test_pipeline_conditions_are_in_the_scaled_space():
    X = pd.DataFrame(IRIS.data, columns=NAMES)
    pipe = make_pipeline(StandardScaler(), DecisionTreeClassifier(max_depth=3))
    pipe.fit(X, IRIS.target)
    x = X.iloc[120]  # a Series, raw units
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "X does not have valid feature names"
        viz = PredictionPath(pipe, x=x).fit(X, IRIS.target)
        array_viz = PredictionPath(pipe, x=x.to_numpy()).fit(X, IRIS.target)
    scaled = pipe[0].transform(X.iloc[[120]])
    assert_allclose(viz.instance_, scaled[0])
    tree = pipe[-1]
    assert_array_equal(viz.path_, tree.decision_path(scaled).indices)
    assert_array_equal(array_viz.path_, viz.path_)
    assert set(viz.feature_names_) == set(NAMES)
    for feature, (low, high) in zip(
        viz.used_features_, viz.bounds_[viz.used_features_]
    ):
        used = tree.tree_.threshold[
            viz.steps_["node"][viz.steps_["feature"] == feature]
        ]
        assert {low, high} - {-np.inf, np.inf} <= set(used)  # scaled thresholds
        assert low < viz.instance_[feature] <= high


# -- the conditions -----------------------------------------------------------------


def test_conditions_by_hand(iris_tree):
    viz = PredictionPath(iris_tree, x=IRIS.data[70], feature_names=NAMES)
    viz.fit(IRIS.data, IRIS.target)
    # Root: petal width 1.8 > 0.8 (right), > 1.75 (right); petal length
    # 4.8 <= 4.85 (left); sepal length 5.9 <= 5.95 (left).
    assert list(viz.conditions_) == [
        "petal width (cm) > 1.75",
        "petal length (cm) <= 4.85",
        "sepal length (cm) <= 5.95",
    ]
    assert_array_equal(viz.used_features_, [3, 2, 0])
    assert_allclose(viz.bounds_[3], [1.75, np.inf])
    assert_allclose(viz.bounds_[1], [-np.inf, np.inf])


def parse_dtreeviz(text):
    """{feature: (low or None, high or None)} from explain_prediction_path."""
    number = r"(-?[\d.]+)"
    ranges = {}
    for line in filter(None, (line.strip() for line in text.splitlines())):
        both = re.fullmatch(rf"{number} <= (.+?)\s+< {number}", line)
        low = re.fullmatch(rf"{number} <= (.+)", line)
        high = re.fullmatch(rf"(.+?) < {number}", line)
        if both:
            ranges[both[2]] = (float(both[1]), float(both[3]))
        elif low:
            ranges[low[2]] = (float(low[1]), None)
        else:
            ranges[high[1]] = (None, float(high[2]))
    return ranges


@pytest.mark.parametrize("row", [0, 55, 70, 100, 133])
def test_conditions_match_dtreeviz(iris_tree, row):
    x = IRIS.data[row]
    viz = PredictionPath(iris_tree, x=x, feature_names=NAMES)
    viz.fit(IRIS.data, IRIS.target)
    model = dtreeviz.model(iris_tree, IRIS.data, IRIS.target, feature_names=NAMES)
    theirs = parse_dtreeviz(model.explain_prediction_path(x))
    assert set(theirs) == {NAMES[f] for f in viz.used_features_}
    for feature in viz.used_features_:
        low, high = (None if np.isinf(b) else round(b, 2) for b in viz.bounds_[feature])
        assert theirs[NAMES[feature]] == (low, high)


def test_condition_text_and_precision():
    assert condition_text("f", 3.5, 4.4, 2) == "3.5 < f <= 4.4"
    assert condition_text("f", -np.inf, 5.4500001, 2) == "f <= 5.45"
    assert condition_text("f", 0.8000001, np.inf, 2) == "f > 0.8"
    assert format_number(2.0, 2) == "2"
    assert format_number(-0.001, 2) == "0"
    assert format_number(1234.5678, 1) == "1234.6"
    assert format_number(7.0, 0) == "7"


def test_precision_parameter(iris_tree):
    viz = PredictionPath(iris_tree, x=IRIS.data[70], precision=0, feature_names=NAMES)
    viz.fit(IRIS.data, IRIS.target)
    assert viz.conditions_[0] == "petal width (cm) > 2"


# -- input forms --------------------------------------------------------------------


def test_dataframe_and_row_forms_give_the_same_path():
    X = pd.DataFrame(IRIS.data, columns=NAMES)
    model = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, IRIS.target)
    expected = model.decision_path(X.iloc[[60]]).indices
    forms = [X.iloc[60], X.iloc[[60]], IRIS.data[60], IRIS.data[60].tolist()]
    for x in forms:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            viz = PredictionPath(model, x=x).fit(X, IRIS.target)
        assert_array_equal(viz.path_, expected)
        assert "petal width (cm)" in viz.conditions_[0]  # named by the frame


def test_importances_are_dtreevizs(iris_tree):
    viz = PredictionPath(iris_tree, x=IRIS.data[70], kind="importance")
    viz.fit(IRIS.data, IRIS.target)
    shadow = viz.dtreeviz_model().shadow_tree
    theirs = shadow.get_feature_path_importance(viz.path_)
    assert_allclose(viz.importances_, theirs)
    assert viz.importances_.sum() == pytest.approx(1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no font warnings
        viz.plot()
        viz.fig_.canvas.draw()
    widths = sorted(patch.get_width() for patch in viz.ax_.patches)
    assert_allclose(widths, np.sort(viz.importances_))


# -- drawing ------------------------------------------------------------------------


def test_bars_are_the_sorted_contributions(iris_tree):
    viz = prediction_path(
        iris_tree, IRIS.data, IRIS.target, x=IRIS.data[70], feature_names=NAMES,
        class_names=list(IRIS.target_names), show=False,
    )  # fmt: skip
    used = viz.contributions_[viz.used_features_]
    widths = [bar.get_width() for bar in viz.bars_]
    assert_allclose(widths, np.sort(used))
    labels = [t.get_text() for t in viz.ax_.get_yticklabels()]
    order = np.argsort(used, kind="stable")
    assert labels == list(viz.conditions_[order])
    colors = {bar.get_facecolor() for bar, w in zip(viz.bars_, widths) if w < 0}
    assert colors and colors.isdisjoint(
        {bar.get_facecolor() for bar, w in zip(viz.bars_, widths) if w > 0}
    )
    xlabel = viz.ax_.get_xlabel()
    assert "P(class = versicolor)" in xlabel
    assert "0.33 at the root + 0.67 along the path = 1.00 at leaf" in xlabel
    assert viz.ax_.get_title() == "Prediction path of DecisionTreeClassifier"


def test_redraw_with_other_kind_keeps_results(iris_tree):
    viz = PredictionPath(iris_tree, x=IRIS.data[3]).fit(IRIS.data, IRIS.target)
    path = viz.path_
    fig, ax = plt.subplots()
    viz.plot(ax=ax)
    viz.set_params(kind="importance")
    ax.clear()
    viz.plot(ax=ax)
    assert viz.path_ is path
    assert ax.get_xlabel() == "Feature Importance"  # dtreeviz's axes


# -- bad input ----------------------------------------------------------------------


def test_x_none_says_to_pass_x(iris_tree):
    with pytest.raises(VizkitValueError, match=r"x=None.*pass x="):
        PredictionPath(iris_tree).fit(IRIS.data, IRIS.target)


def test_two_rows_refused():
    with pytest.raises(VizkitValueError, match="x must be one instance"):
        PredictionPath(DecisionTreeClassifier(), x=IRIS.data[:2]).fit(
            IRIS.data, IRIS.target
        )


def test_wrong_width_refused(iris_tree):
    with pytest.raises(VizkitValueError, match="x has 3 features.*trained on 4"):
        PredictionPath(iris_tree, x=IRIS.data[0, :3]).fit(IRIS.data, IRIS.target)
    pipe = make_pipeline(StandardScaler(), DecisionTreeClassifier(max_depth=2))
    with pytest.raises(VizkitValueError, match="x has 5 features.*trained on 4"):
        PredictionPath(pipe, x=np.zeros(5)).fit(IRIS.data, IRIS.target)


def test_bad_kind_refused(iris_tree):
    viz = PredictionPath(iris_tree, x=IRIS.data[0], kind="shap")
    with pytest.raises(VizkitValueError, match="kind"):
        viz.fit(IRIS.data, IRIS.target)


def test_one_leaf_tree_has_an_empty_path_and_draws():
    viz = prediction_path(
        DecisionTreeClassifier(min_samples_split=151), IRIS.data,
        IRIS.target, x=IRIS.data[0], show=False,
    )  # fmt: skip
    assert_array_equal(viz.path_, [0])
    assert len(viz.steps_) == 0 and len(viz.conditions_) == 0
    assert viz.contributions_.dtype == viz.importances_.dtype == np.float64
    assert viz.bias_ == viz.prediction_ == 1 / 3
