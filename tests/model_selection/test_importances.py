"""Tests of FeatureImportances: the model's own attributes, ranked and scaled,
the spread across an ensemble's trees, then the drawing and bad input."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.compose import ColumnTransformer
from sklearn.datasets import make_classification, make_regression
from sklearn.ensemble import (
    ExtraTreesRegressor,
    GradientBoostingClassifier,
    RandomForestClassifier,
)
from sklearn.linear_model import Lasso, LogisticRegression, Ridge
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier

from vizkit.exceptions import ModelError, NotFitted, VizkitValueError, VizkitWarning
from vizkit.model_selection import FeatureImportances, feature_importances
from vizkit.model_selection.importances import rank_features, stacked_lefts


@pytest.fixture(scope="module")
def classes():
    """200 rows, 6 features, 3 classes."""
    return make_classification(
        n_samples=200, n_features=6, n_informative=4, n_redundant=0,
        n_classes=3, n_clusters_per_class=1, random_state=0,
    )  # fmt: skip


@pytest.fixture(scope="module")
def regression():
    return make_regression(n_samples=150, n_features=5, noise=5.0, random_state=0)


def forest(**params):
    return RandomForestClassifier(
        n_estimators=12, max_depth=4, random_state=0, **params
    )


def tree_std(trees) -> np.ndarray:
    """The reference spread: the brief's formula, straight from the trees."""
    return np.std([t.feature_importances_ for t in trees], axis=0)


# -- numbers: the model's attributes, ranked and scaled -----------------------------


def test_relative_importances_are_percent_of_the_largest(classes):
    X, y = classes
    model = forest().fit(X, y)
    viz = FeatureImportances(model).fit(X, y)
    order = np.argsort(model.feature_importances_, kind="stable")
    largest = model.feature_importances_.max()
    assert_array_equal(viz.features_, [f"x{i}" for i in order])
    assert_allclose(
        viz.feature_importances_,
        model.feature_importances_[order] / largest * 100.0,
        rtol=1e-12,
    )
    assert viz.feature_importances_[-1] == 100.0
    assert_array_equal(viz.classes_, model.classes_)


def test_spread_equals_the_std_of_the_forests_trees(classes):
    X, y = classes
    model = forest().fit(X, y)
    raw = FeatureImportances(model, relative=False).fit(X, y)
    order = np.argsort(model.feature_importances_, kind="stable")
    assert_array_equal(raw.feature_importances_std_, tree_std(model.estimators_)[order])
    relative = FeatureImportances(model).fit(X, y)  # scaled as the importances
    largest = model.feature_importances_.max()
    assert_allclose(
        relative.feature_importances_std_,
        tree_std(model.estimators_)[order] / largest * 100.0,
        rtol=1e-12,
    )


def test_spread_of_gradient_boosting_covers_every_tree_of_every_stage(classes):
    X, y = classes
    model = GradientBoostingClassifier(n_estimators=5, max_depth=2, random_state=0)
    viz = FeatureImportances(model, relative=False).fit(X, y)
    assert model.estimators_.shape == (5, 3)  # stages x classes
    order = np.argsort(model.feature_importances_, kind="stable")
    assert_array_equal(
        viz.feature_importances_std_, tree_std(model.estimators_.ravel())[order]
    )


def test_spread_of_a_regression_forest_in_a_pipeline(regression):
    X, y = regression
    pipe = make_pipeline(
        StandardScaler(), ExtraTreesRegressor(n_estimators=8, random_state=0)
    )
    viz = FeatureImportances(pipe, relative=False, absolute=True).fit(X, y)
    trees = pipe[-1].estimators_
    order = np.argsort(pipe[-1].feature_importances_, kind="stable")
    assert_array_equal(viz.feature_importances_std_, tree_std(trees)[order])
    assert viz.classes_ is None


def test_no_spread_for_a_single_tree_or_a_linear_model(classes):
    X, y = classes
    for model in (DecisionTreeClassifier(random_state=0), LogisticRegression()):
        viz = FeatureImportances(model).fit(X, y)
        assert viz.feature_importances_std_ is None
        viz.plot()
        assert viz.bars_[0].errorbar is None


def test_linear_coefficients_keep_their_sign(regression):
    X, y = regression
    model = Ridge().fit(X, y)
    raw = FeatureImportances(model, relative=False).fit(X, y)
    order = np.argsort(model.coef_, kind="stable")
    assert_array_equal(raw.feature_importances_, model.coef_[order])
    relative = FeatureImportances(model).fit(X, y)
    largest = np.abs(model.coef_).max()
    assert_allclose(
        relative.feature_importances_, model.coef_[order] / largest * 100, rtol=1e-12
    )
    absolute = FeatureImportances(model, absolute=True, relative=False).fit(X, y)
    assert_array_equal(
        absolute.feature_importances_, np.sort(np.abs(model.coef_), kind="stable")
    )


def test_binary_coefficients_are_one_row(classes):
    X, y = classes
    y2 = (y == 0).astype(int)
    model = LogisticRegression().fit(X, y2)
    viz = FeatureImportances(model, relative=False).fit(X, y2)
    assert_array_equal(viz.feature_importances_, np.sort(model.coef_[0]))


def test_per_class_coefficients_unstacked_are_their_mean_absolute_value(classes):
    X, y = classes
    model = LogisticRegression().fit(X, y)
    viz = FeatureImportances(model, relative=False).fit(X, y)
    mean_abs = np.abs(model.coef_).mean(axis=0)
    order = np.argsort(mean_abs, kind="stable")
    assert_allclose(viz.feature_importances_, mean_abs[order], rtol=1e-12)
    # The signed mean (Yellowbrick's) is rounding noise: multinomial
    # coefficients sum to zero over the classes.
    assert np.abs(model.coef_.mean(axis=0)).max() < 1e-10
    viz.plot()
    assert viz.ax_.get_xlabel() == "mean absolute coefficient over classes"


def test_stacked_rows_are_the_per_class_coefficients(classes):
    X, y = classes
    model = LogisticRegression().fit(X, y)
    viz = FeatureImportances(model, stack=True, relative=False).fit(X, y)
    order = np.argsort(np.abs(model.coef_).sum(axis=0), kind="stable")
    assert viz.feature_importances_.shape == (3, 6)
    assert_array_equal(viz.feature_importances_, model.coef_[:, order])
    assert_array_equal(viz.features_, [f"x{i}" for i in order])
    relative = FeatureImportances(model, stack=True).fit(X, y)
    largest = np.abs(model.coef_).max()
    assert_allclose(
        relative.feature_importances_, model.coef_[:, order] / largest * 100, rtol=1e-12
    )


# -- topn ----------------------------------------------------------------------------


@pytest.mark.parametrize("topn", [3, -2])
def test_topn_keeps_the_largest_or_smallest_absolute_values(regression, topn):
    X, y = regression
    model = Ridge().fit(X, y)
    viz = FeatureImportances(model, relative=False, topn=topn).fit(X, y)
    by_size = np.argsort(np.abs(model.coef_))
    kept = by_size[-topn:] if topn > 0 else by_size[:-topn]
    kept = kept[np.argsort(model.coef_[kept])]  # drawn ascending by value
    assert_array_equal(viz.features_, [f"x{i}" for i in kept])
    assert_array_equal(viz.feature_importances_, model.coef_[kept])
    viz.plot()
    word = "Top" if topn > 0 else "Bottom"
    assert f"{word} {abs(topn)} Features" in viz.ax_.get_title()


def test_topn_stacked_keeps_the_longest_bars(classes):
    X, y = classes
    model = LogisticRegression().fit(X, y)
    viz = FeatureImportances(model, stack=True, topn=2, relative=False).fit(X, y)
    total = np.abs(model.coef_).sum(axis=0)
    assert_array_equal(viz.features_, [f"x{i}" for i in np.argsort(total)[-2:]])


def test_rank_features_orders_ties_by_position():
    assert_array_equal(rank_features(np.array([2.0, -1.0, 2.0, 0.5])), [1, 3, 0, 2])
    assert_array_equal(rank_features(np.array([2.0, -3.0, 1.0]), topn=2), [1, 0])


def test_topn_of_a_spread_follows_the_features(classes):
    X, y = classes
    model = forest().fit(X, y)
    viz = FeatureImportances(model, topn=2, relative=False).fit(X, y)
    top = np.argsort(model.feature_importances_)[-2:]
    assert_array_equal(viz.feature_importances_std_, tree_std(model.estimators_)[top])


# -- names -----------------------------------------------------------------------------


def test_dataframe_columns_name_the_features(classes):
    X, y = classes
    frame = pd.DataFrame(X, columns=[f"col {i}" for i in range(6)])
    model = forest()
    viz = FeatureImportances(model).fit(frame, y)
    order = np.argsort(model.feature_importances_, kind="stable")
    assert_array_equal(viz.features_, frame.columns[order])
    viz.plot()
    ticks = [t.get_text() for t in viz.ax_.get_yticklabels()]
    assert ticks == list(viz.features_)


def test_polars_columns_name_the_features(classes):
    pl = pytest.importorskip("polars")
    X, y = classes
    frame = pl.DataFrame({f"p{i}": X[:, i] for i in range(6)})
    viz = FeatureImportances(Ridge()).fit(frame, y.astype(float))
    assert sorted(viz.features_) == [f"p{i}" for i in range(6)]


def test_labels_name_the_features(regression):
    X, y = regression
    labels = ["a", "b", "c", "d", "e"]
    model = Ridge().fit(X, y)
    viz = FeatureImportances(model, labels=labels).fit(X, y)
    assert_array_equal(viz.features_, np.asarray(labels)[np.argsort(model.coef_)])


def test_pipeline_names_come_from_its_steps_before_the_model():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "size": rng.normal(size=120),
            "colour": rng.choice(["red", "green", "blue"], size=120),
            "weight": rng.normal(size=120),
        }
    )
    y = (frame["size"] + (frame["colour"] == "red") > 0.5).astype(int)
    encode = ColumnTransformer(
        [("cat", OneHotEncoder(), ["colour"])], remainder="passthrough"
    )
    pipe = make_pipeline(encode, LogisticRegression())
    viz = FeatureImportances(pipe, relative=False).fit(frame, y)
    names = pipe[:-1].get_feature_names_out()
    assert len(names) == 5
    order = np.argsort(pipe[-1].coef_[0], kind="stable")
    assert_array_equal(viz.features_, names[order])
    viz.plot()
    assert "LogisticRegression" in viz.ax_.get_title()


def test_pipeline_without_names_falls_back_to_x_names(classes):
    X, y = classes
    pipe = make_pipeline(FunctionTransformer(np.tanh), LogisticRegression())
    viz = FeatureImportances(pipe).fit(X, y)
    assert sorted(viz.features_) == [f"x{i}" for i in range(6)]


# -- the model: fitted once, or not at all ------------------------------------------


def test_a_fitted_model_is_not_refitted(classes):
    X, y = classes
    model = forest().fit(X, y)
    before = pickle.dumps(model)
    viz = FeatureImportances(model).fit(X[:50], y[:50])  # other data: not used to fit
    assert pickle.dumps(model) == before
    expected = model.feature_importances_ / model.feature_importances_.max() * 100
    assert_allclose(np.sort(viz.feature_importances_), np.sort(expected), rtol=1e-12)


def test_is_fitted_true_refuses_an_unfitted_model(classes):
    X, y = classes
    with pytest.raises(NotFitted, match="RandomForestClassifier"):
        FeatureImportances(forest(), is_fitted=True).fit(X, y)


def test_quick_method_takes_a_fitted_model_without_y(classes):
    X, y = classes
    model = forest().fit(X, y)
    viz = feature_importances(model, X, show=False)
    assert len(viz.features_) == 6
    assert len(viz.bars_[0].patches) == 6


def test_score_is_the_models_own(classes):
    X, y = classes
    model = forest()
    viz = FeatureImportances(model).fit(X, y)
    assert viz.score(X, y) == model.score(X, y) == viz.score_


# -- drawing -------------------------------------------------------------------------


def test_bars_and_error_bars_show_the_results(classes):
    X, y = classes
    viz = FeatureImportances(forest()).fit(X, y).plot()
    (bars,) = viz.bars_
    assert_allclose([p.get_width() for p in bars.patches], viz.feature_importances_)
    assert_allclose([p.get_y() + p.get_height() / 2 for p in bars.patches], range(6))
    segments = bars.errorbar.lines[2][0].get_segments()
    half_widths = [(seg[1][0] - seg[0][0]) / 2 for seg in segments]
    assert_allclose(half_widths, viz.feature_importances_std_)
    assert viz.ax_.get_xlabel() == "relative importance"
    viz.set_params(spread=False).plot()  # a drawing parameter: no refit
    assert viz.bars_[0].errorbar is None


def test_stacked_bars_start_where_the_previous_class_ended(classes):
    X, y = classes
    viz = FeatureImportances(LogisticRegression(), stack=True).fit(X, y).plot()
    assert len(viz.bars_) == 3
    lefts = stacked_lefts(viz.feature_importances_)
    for row, container in enumerate(viz.bars_):
        assert_allclose([p.get_x() for p in container.patches], lefts[row])
        assert_allclose(
            [p.get_width() for p in container.patches], viz.feature_importances_[row]
        )
    legend = [t.get_text() for t in viz.legend_.get_texts()]
    assert legend == ["0", "1", "2"]
    # Each bar spans the sum of its negative to the sum of its positive parts.
    values = viz.feature_importances_
    for feature in range(values.shape[1]):
        patches = [c.patches[feature] for c in viz.bars_]
        edges = [p.get_x() + p.get_width() for p in patches] + [
            p.get_x() for p in patches
        ]
        column = values[:, feature]
        assert max(edges) == pytest.approx(max(column[column > 0].sum(), 0.0))
        assert min(edges) == pytest.approx(min(column[column < 0].sum(), 0.0))


def test_stacked_lefts_stack_each_side_from_zero():
    values = np.array([[1.0, -2.0], [2.0, 3.0], [-1.0, -1.0]])
    assert_array_equal(stacked_lefts(values), [[0.0, 0.0], [1.0, 0.0], [0.0, -2.0]])


def test_colors_and_xlabel_are_drawing_parameters(regression):
    X, y = regression
    X = X * [-1, 1, 1, 1, 1]  # one negative coefficient
    viz = FeatureImportances(Ridge(), colors=["red"] * 5, xlabel="weight").fit(X, y)
    viz.plot()
    assert viz.ax_.get_xlabel() == "weight"
    faces = {tuple(p.get_facecolor()) for p in viz.bars_[0].patches}
    assert faces == {(1.0, 0.0, 0.0, 1.0)}
    assert len(viz.ax_.lines) == 1  # the zero line, as a coefficient is negative
    viz = FeatureImportances(Ridge(), absolute=True).fit(X, y).plot()
    assert np.all(viz.feature_importances_ > 0) and len(viz.ax_.lines) == 0


# -- bad input -----------------------------------------------------------------------


def test_model_without_importances_points_to_permutation_importance(classes):
    X, y = classes
    with pytest.raises(ModelError) as raised:
        FeatureImportances(KNeighborsClassifier()).fit(X, y)
    message = str(raised.value)
    assert "KNeighborsClassifier" in message
    assert "vizkit.model_selection.PermutationImportance" in message


@pytest.mark.parametrize("topn", [7, -7])
def test_topn_beyond_the_number_of_features_is_refused(classes, topn):
    X, y = classes
    with pytest.raises(VizkitValueError, match=rf"topn={topn}.*6 the model has"):
        FeatureImportances(forest(), topn=topn).fit(X, y)


def test_topn_zero_warns_and_draws_every_feature(classes):
    X, y = classes
    with pytest.warns(VizkitWarning, match="topn=0"):
        viz = FeatureImportances(forest(), topn=0).fit(X, y)
    assert len(viz.features_) == 6


@pytest.mark.parametrize("topn", [1.5, "3", True])
def test_topn_must_be_an_integer(classes, topn):
    X, y = classes
    with pytest.raises(VizkitValueError, match="topn"):
        FeatureImportances(forest(), topn=topn).fit(X, y)


def test_labels_of_the_wrong_length_are_refused(classes):
    X, y = classes
    with pytest.raises(VizkitValueError, match="labels has 2 names.*6 importances"):
        FeatureImportances(forest(), labels=["a", "b"]).fit(X, y)
    with pytest.raises(VizkitValueError, match="labels"):
        FeatureImportances(forest(), labels="abc").fit(X, y)


def test_stack_with_one_value_per_feature_warns_and_draws_plain_bars(classes):
    X, y = classes
    with pytest.warns(VizkitWarning, match="stack=True.*feature_importances_"):
        viz = FeatureImportances(forest(), stack=True).fit(X, y)
    assert viz.feature_importances_.ndim == 1
    viz.plot()
    assert len(viz.bars_) == 1 and viz.ax_.get_legend() is None


def test_all_zero_coefficients_stay_zero(regression):
    X, y = regression
    viz = FeatureImportances(Lasso(alpha=1e6)).fit(X, y)
    assert_array_equal(viz.feature_importances_, np.zeros(5))
