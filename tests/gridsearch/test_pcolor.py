"""Tests of GridSearchColorPlot: the grid against a pandas pivot, then the drawing."""

from __future__ import annotations

import pickle

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV
from sklearn.tree import DecisionTreeClassifier

from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.gridsearch import GridSearchColorPlot, gridsearch_color_plot
from vizkit.gridsearch.base import MISSING, param_projection, unique_values

SEED = 0


@pytest.fixture(scope="module")
def data():
    return make_classification(
        n_samples=150, n_features=5, n_informative=3, random_state=SEED
    )


def logistic_search(grid, **kwargs) -> GridSearchCV:
    return GridSearchCV(LogisticRegression(max_iter=500), grid, cv=3, **kwargs)


@pytest.fixture(scope="module")
def three_params(data):
    """A fitted search over C, solver and fit_intercept (12 candidates)."""
    grid = {
        "C": [0.01, 0.1, 1.0],
        "solver": ["lbfgs", "liblinear"],
        "fit_intercept": [True, False],
    }
    return logistic_search(grid).fit(*data)


def best_by_loop(cv_results, x_param, y_param, x_value, y_value, metric):
    """The highest ``metric`` of the candidates with that pair, by a plain loop."""
    scores = [
        score
        for params, score in zip(cv_results["params"], cv_results[metric])
        if params.get(x_param, MISSING) == x_value
        and params.get(y_param, MISSING) == y_value
        and type(params.get(y_param)) is type(y_value)
    ]
    return max(scores) if scores else np.nan


# -- numbers ---------------------------------------------------------------------------


def test_grid_equals_a_pandas_pivot_of_cv_results(three_params, data):
    viz = GridSearchColorPlot(three_params, x_param="C", y_param="solver")
    viz.fit(*data)
    frame = pd.DataFrame(three_params.cv_results_)
    pivot = frame.pivot_table(
        index="param_solver", columns="param_C", values="mean_test_score",
        aggfunc="max",
    )  # fmt: skip
    assert viz.x_values_ == [0.01, 0.1, 1.0]
    assert viz.y_values_ == ["lbfgs", "liblinear"]
    assert_array_equal(pivot.columns, viz.x_values_)
    assert_array_equal(pivot.index, viz.y_values_)
    assert_allclose(viz.best_scores_, pivot.to_numpy(), rtol=0, atol=0)
    row, col = np.unravel_index(np.argmax(pivot.to_numpy()), pivot.shape)
    assert viz.best_cell_ == (row, col)


def test_other_metric_and_swapped_axes(three_params, data):
    viz = GridSearchColorPlot(
        three_params, x_param="fit_intercept", y_param="C", metric="std_test_score"
    ).fit(*data)
    pivot = pd.DataFrame(three_params.cv_results_).pivot_table(
        index="param_C", columns="param_fit_intercept", values="std_test_score",
        aggfunc="max",
    )  # fmt: skip
    assert viz.x_values_ == [False, True]  # Yellowbrick dropped False (falsy)
    assert_allclose(viz.best_scores_, pivot.to_numpy(), rtol=0, atol=0)


def test_default_axes_are_the_first_two_varying_parameters(three_params, data):
    viz = GridSearchColorPlot(three_params).fit(*data)
    assert (viz.x_param_, viz.y_param_) == ("C", "fit_intercept")
    viz = GridSearchColorPlot(three_params, y_param="C").fit(*data)
    assert (viz.x_param_, viz.y_param_) == ("fit_intercept", "C")


def test_none_strings_and_missing_combinations(data):
    grid = [
        {"C": [0.1, 1.0], "class_weight": [None]},
        {"C": [1.0], "class_weight": ["balanced"]},
    ]
    search = logistic_search(grid).fit(*data)
    viz = GridSearchColorPlot(search, x_param="C", y_param="class_weight")
    viz.fit(*data)
    assert viz.y_values_ == ["balanced", None]  # strings before None
    results = search.cv_results_
    expected = [
        [best_by_loop(results, "C", "class_weight", x, y, "mean_test_score")
         for x in viz.x_values_]
        for y in viz.y_values_
    ]  # fmt: skip
    assert_allclose(viz.best_scores_, expected, rtol=0, atol=0)
    assert np.isnan(viz.best_scores_[0, 0])  # ("balanced", 0.1) was never tried
    viz.plot()
    assert np.ma.getmaskarray(viz.mesh_.get_array()).reshape(2, 2)[0, 0]
    assert len(viz.texts_) == 3  # the blank cell is left unwritten


def test_parameters_that_apply_to_some_candidates_only(data):
    grid = [
        {"max_depth": [None, 2], "criterion": ["gini"]},
        {"max_depth": [None, 2, 4], "criterion": ["entropy"], "min_samples_leaf": [3]},
    ]
    search = GridSearchCV(DecisionTreeClassifier(random_state=0), grid, cv=3)
    search.fit(*data)
    viz = GridSearchColorPlot(search, x_param="max_depth", y_param="min_samples_leaf")
    viz.fit(*data)
    assert viz.x_values_ == [2, 4, None]  # numbers before None
    assert viz.y_values_ == [3]  # candidates without it are left out
    results = search.cv_results_
    expected = [
        best_by_loop(results, "max_depth", "min_samples_leaf", x, 3, "mean_test_score")
        for x in viz.x_values_
    ]
    assert_allclose(viz.best_scores_, [expected], rtol=0, atol=0)


def test_param_projection_is_yellowbricks_function(three_params):
    x_values, y_values, grid = param_projection(
        three_params.cv_results_, "C", "solver", "mean_test_score"
    )
    viz = GridSearchColorPlot(three_params, x_param="C", y_param="solver")
    viz.fit(np.zeros((150, 5)))  # fitted search: not refitted, X not read
    assert (x_values, y_values) == (viz.x_values_, viz.y_values_)
    assert_array_equal(grid, viz.best_scores_)


def test_unique_values_sort_numbers_booleans_strings_none_objects():
    values = [None, "b", 2, True, 0.5, "a", MISSING, False, 2.0]
    assert unique_values(values) == [0.5, 2, False, True, "a", "b", None]


def test_fits_an_unfitted_search_and_keeps_a_fitted_one(data):
    search = logistic_search({"C": [0.1, 1.0], "fit_intercept": [True, False]})
    viz = GridSearchColorPlot(search).fit(*data)
    assert hasattr(search, "cv_results_")  # fitted in place, as Yellowbrick
    before = pickle.dumps(search)
    GridSearchColorPlot(search).fit(*data)
    assert pickle.dumps(search) == before
    assert viz.score(*data) == search.score(*data)


def test_randomized_search_and_pandas_input(data):
    X, y = data
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    search = RandomizedSearchCV(
        LogisticRegression(max_iter=500),
        {"C": [0.01, 0.1, 1.0, 10.0], "class_weight": [None, "balanced"]},
        n_iter=5, cv=3, random_state=SEED,
    )  # fmt: skip
    viz = GridSearchColorPlot(search).fit(frame, pd.Series(y))
    assert list(viz.feature_names_in_) == list(frame.columns)
    results = search.cv_results_
    tried = {(p["C"], p["class_weight"]) for p in results["params"]}
    assert np.sum(~np.isnan(viz.best_scores_)) == len(tried)


def test_multi_metric_search(data):
    search = logistic_search(
        {"C": [0.1, 1.0], "fit_intercept": [True, False]},
        scoring=["accuracy", "f1"], refit="f1",
    )  # fmt: skip
    viz = GridSearchColorPlot(search, metric="mean_test_f1").fit(*data)
    pivot = pd.DataFrame(search.cv_results_).pivot_table(
        index="param_fit_intercept", columns="param_C", values="mean_test_f1",
        aggfunc="max",
    )  # fmt: skip
    assert_allclose(viz.best_scores_, pivot.to_numpy(), rtol=0, atol=0)


# -- drawing ---------------------------------------------------------------------------


def test_cells_values_best_outline_and_labels(three_params, data):
    viz = GridSearchColorPlot(three_params, x_param="C", y_param="solver")
    viz.fit(*data).plot()
    ax = viz.ax_
    assert_allclose(viz.mesh_.get_array().reshape(2, 3), viz.best_scores_)
    written = {(t.get_position(), t.get_text()) for t in viz.texts_}
    expected = {
        ((col + 0.5, row + 0.5), f"{viz.best_scores_[row, col]:.3f}")
        for row in range(2)
        for col in range(3)
    }
    assert written == expected
    row, col = viz.best_cell_
    assert viz.best_patch_.get_xy() == (col, row)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0.01", "0.1", "1"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["lbfgs", "liblinear"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("C", "solver")
    assert ax.get_title() == "Grid Search Scores"
    assert viz.colorbar_.ax.get_ylabel() == "mean_test_score"
    assert viz.mesh_.cmap.name == "RdBu_r"
    assert viz.mesh_.norm.vmin == np.nanmin(viz.best_scores_)
    assert viz.mesh_.norm.vmax == np.nanmax(viz.best_scores_)


def test_quick_method_with_a_fitted_search(three_params, data):
    viz = gridsearch_color_plot(
        three_params, *data, x_param="solver", y_param="C", show=False
    )
    assert isinstance(viz, GridSearchColorPlot)
    assert viz.x_values_ == ["lbfgs", "liblinear"]
    assert viz.ax_.get_xlabel() == "solver"


# -- bad input -------------------------------------------------------------------------


def test_a_model_that_is_not_a_search(data):
    with pytest.raises(ModelError, match="GridSearchCV or RandomizedSearchCV"):
        GridSearchColorPlot(LogisticRegression()).fit(*data)
    assert plt.get_fignums() == []


def test_a_parameter_that_was_not_searched(three_params, data):
    viz = GridSearchColorPlot(three_params, x_param="C", y_param="gamma")
    with pytest.raises(
        VizkitValueError, match=r"y_param='gamma'.*'C', 'fit_intercept', 'solver'"
    ):
        viz.fit(*data)
    viz = GridSearchColorPlot(three_params, x_param="C", y_param="C")
    with pytest.raises(VizkitValueError, match="two different"):
        viz.fit(*data)


def test_an_unknown_metric_lists_the_mean_columns(three_params, data):
    viz = GridSearchColorPlot(three_params, metric="mean_test_accuracy")
    with pytest.raises(VizkitValueError, match=r"metric=.*'mean_test_score'"):
        viz.fit(*data)


def test_one_varying_parameter_points_to_a_validation_curve(data):
    search = logistic_search({"C": [0.1, 1.0]}).fit(*data)
    with pytest.raises(VizkitValueError, match="ValidationCurve"):
        GridSearchColorPlot(search).fit(*data)


def test_yellowbricks_positional_quick_call_is_explained(three_params):
    with pytest.raises(VizkitValueError, match="x_param=..., y_param=..."):
        gridsearch_color_plot(three_params, "C", "solver", show=False)
    assert plt.get_fignums() == []
