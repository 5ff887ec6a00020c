"""Tests of GridSearchParallelCoordinates: positions by their scales, then lines."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.stats import loguniform
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV
from sklearn.tree import DecisionTreeClassifier

from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.gridsearch import (
    GridSearchParallelCoordinates,
    gridsearch_parallel_coordinates,
)
from vizkit.gridsearch.pcoords import NA_POSITION

SEED = 0


@pytest.fixture(scope="module")
def data():
    return make_classification(
        n_samples=150, n_features=5, n_informative=3, random_state=SEED
    )


@pytest.fixture(scope="module")
def search(data):
    """C over three decades (log), tol over one (linear), strings and None."""
    grid = {
        "C": [0.01, 0.1, 1.0, 10.0],
        "tol": [1e-4, 5e-4, 1e-3],
        "class_weight": [None, "balanced"],
    }
    return GridSearchCV(LogisticRegression(max_iter=500), grid, cv=3).fit(*data)


def expected_positions(cv_results) -> np.ndarray:
    """Each candidate's position on the four axes, from the scales' definitions.

    The axes are in the search's order: GridSearchCV sorts the grid's keys.
    """
    params = cv_results["params"]
    log_c = np.log10([p["C"] for p in params])
    tol = np.array([p["tol"] for p in params])
    weight = {"balanced": 0.0, None: 1.0}  # two labels: bottom and top
    score = cv_results["mean_test_score"]
    return np.column_stack(
        [
            (log_c - np.log10(0.01)) / (np.log10(10.0) - np.log10(0.01)),
            [weight[p["class_weight"]] for p in params],
            (tol - 1e-4) / (1e-3 - 1e-4),
            (score - score.min()) / (score.max() - score.min()),
        ]
    )


def drawn_rows(collection) -> np.ndarray:
    """The y coordinates of every line of a LineCollection, one row per line."""
    return np.array([segment[:, 1] for segment in collection.get_segments()])


def sorted_rows(rows: np.ndarray) -> np.ndarray:
    return rows[np.lexsort(rows.T[::-1])]


# -- numbers ---------------------------------------------------------------------------


def test_positions_follow_the_stated_scales(search, data):
    viz = GridSearchParallelCoordinates(search).fit(*data)
    assert viz.params_ == ["C", "class_weight", "tol"]
    assert viz.scales_ == ["log", "category", "linear"]
    assert_array_equal(viz.scores_, search.cv_results_["mean_test_score"])
    assert_allclose(viz.positions_, expected_positions(search.cv_results_), atol=1e-12)
    assert viz.best_index_ == int(np.argmax(search.cv_results_["mean_test_score"]))


def test_lines_and_colours_follow_the_candidates(search, data):
    viz = GridSearchParallelCoordinates(search).fit(*data).plot()
    expected = expected_positions(search.cv_results_)
    drawn = drawn_rows(viz.lines_)
    assert_allclose(sorted_rows(drawn), sorted_rows(expected), atol=1e-12)
    # The colour value of each line is its own candidate's score...
    assert_allclose(viz.lines_.get_array(), drawn[:, -1] * np.ptp(viz.scores_)
                    + viz.scores_.min(), atol=1e-12)  # fmt: skip
    # ... and the best is drawn last, on top.
    assert_array_equal(viz.lines_.get_array(), np.sort(viz.scores_))
    segments = viz.lines_.get_segments()
    assert_array_equal(segments[0][:, 0], [0, 1, 2, 3])  # one x per axis
    colors = viz.lines_.get_cmap()(viz.lines_.norm(viz.scores_.max()))
    assert_allclose(viz.lines_.to_rgba(viz.scores_.max()), colors)
    assert viz.lines_.norm.vmin == viz.scores_.min()
    assert viz.lines_.norm.vmax == viz.scores_.max()


def test_highlight_draws_the_best_candidates_on_top(search, data):
    viz = GridSearchParallelCoordinates(search, highlight=3).fit(*data).plot()
    top = np.argsort(-viz.scores_, kind="stable")[:3]
    assert_allclose(drawn_rows(viz.highlight_lines_), viz.positions_[top[::-1]])
    assert viz.ax_.get_legend().get_texts()[0].get_text() == "best 3"
    viz.set_params(highlight=0).plot()
    assert viz.highlight_lines_ is None and viz.ax_.get_legend() is None
    viz.set_params(highlight=1).plot()
    best = viz.scores_[viz.best_index_]
    assert viz.ax_.get_legend().get_texts()[0].get_text() == f"best ({best:.3g})"


def test_tick_labels_and_axis_names(search, data):
    viz = GridSearchParallelCoordinates(search).fit(*data).plot()
    names = [t.get_text() for t in viz.ax_.get_xticklabels()]
    assert names == ["C", "class_weight", "tol", "mean_test_score"]
    c_ticks, c_labels = viz.axis_ticks_[0]
    assert c_labels == ["0.01", "0.1", "1", "10"]
    assert_allclose(c_ticks, [0, 1 / 3, 2 / 3, 1])
    assert viz.axis_ticks_[1][1] == ["balanced", "None"]
    texts = {t.get_text() for t in viz.ax_.texts}
    assert {"0.01", "0.0005", "balanced", "None"} <= texts
    assert viz.colorbar_.ax.get_ylabel() == "mean_test_score"


def test_none_among_numbers_and_parameters_that_do_not_always_apply(data):
    grid = [
        {"max_depth": [None, 2, 4], "criterion": ["gini", "entropy"]},
        {"max_depth": [3], "criterion": ["gini"], "min_samples_leaf": [2, 5]},
    ]
    search = GridSearchCV(DecisionTreeClassifier(random_state=0), grid, cv=3)
    viz = GridSearchParallelCoordinates(search).fit(*data)
    assert viz.params_ == ["criterion", "max_depth", "min_samples_leaf"]
    assert viz.scales_ == ["category", "category", "linear"]
    params = search.cv_results_["params"]
    depth = {2: 0.0, 3: 1 / 3, 4: 2 / 3, None: 1.0}  # numbers, then None
    assert_allclose(viz.positions_[:, 1], [depth[p["max_depth"]] for p in params])
    leaf = [(p["min_samples_leaf"] - 2) / 3 if "min_samples_leaf" in p
            else NA_POSITION for p in params]  # fmt: skip
    assert_allclose(viz.positions_[:, 2], leaf)
    assert viz.axis_ticks_[2][1] == ["2", "5", "n/a"]


def test_randomized_search_over_a_distribution_gets_round_ticks(data):
    search = RandomizedSearchCV(
        LogisticRegression(max_iter=500),
        {"C": loguniform(1e-3, 1e2), "class_weight": [None, "balanced"]},
        n_iter=12, cv=3, random_state=SEED,
    )  # fmt: skip
    viz = GridSearchParallelCoordinates(search).fit(*data)
    C = np.array([p["C"] for p in search.cv_results_["params"]])
    assert viz.scales_[0] == "log"
    low, high = np.log10(C.min()), np.log10(C.max())
    assert_allclose(viz.positions_[:, 0], (np.log10(C) - low) / (high - low))
    ticks, labels = viz.axis_ticks_[0]
    assert all(label in {"0.01", "0.1", "1", "10"} for label in labels)
    assert_allclose(ticks, (np.log10([float(s) for s in labels]) - low) / (high - low))


def test_params_chooses_and_orders_the_axes(search, data):
    viz = gridsearch_parallel_coordinates(
        search, *data, params=["class_weight", "C"], show=False
    )
    assert viz.params_ == ["class_weight", "C"]
    assert_allclose(viz.positions_[:, 1], expected_positions(search.cv_results_)[:, 0])


# -- bad input -------------------------------------------------------------------------


def test_a_model_that_is_not_a_search(data):
    with pytest.raises(ModelError, match="GridSearchCV or RandomizedSearchCV"):
        GridSearchParallelCoordinates(LogisticRegression()).fit(*data)
    assert plt.get_fignums() == []


def test_a_parameter_that_was_not_searched(search, data):
    viz = GridSearchParallelCoordinates(search, params=["C", "gamma"])
    listed = r"params='gamma'.*'C', 'class_weight', 'tol'"
    with pytest.raises(VizkitValueError, match=listed):
        viz.fit(*data)


def test_an_unknown_metric_lists_the_mean_columns(search, data):
    viz = GridSearchParallelCoordinates(search, metric="accuracy")
    with pytest.raises(VizkitValueError, match=r"metric='accuracy'.*'mean_fit_time'"):
        viz.fit(*data)


def test_fewer_than_two_varying_parameters(data):
    grid = {"C": [0.1, 1.0], "tol": [1e-4]}
    search = GridSearchCV(LogisticRegression(max_iter=500), grid, cv=3)
    with pytest.raises(VizkitValueError, match="GridSearchColorPlot") as raised:
        GridSearchParallelCoordinates(search).fit(*data)
    assert "ValidationCurve" in str(raised.value)
    with pytest.raises(VizkitValueError, match="at least two"):
        GridSearchParallelCoordinates(search, params=["C"]).fit(*data)
