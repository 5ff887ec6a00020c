"""PartialDependence: numbers against sklearn's partial_dependence, then artists."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection
from matplotlib.contour import QuadContourSet
from numpy.testing import assert_allclose, assert_array_equal
from scipy.stats.mstats import mquantiles
from sklearn.datasets import make_classification, make_regression
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.inspection import partial_dependence as sk_partial_dependence
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.tree import DecisionTreeRegressor

from vizkit.exceptions import VizkitValueError
from vizkit.inspection import (
    PartialDependence,
    PermutationImportance,
    partial_dependence,
)
from vizkit.model_selection import PermutationImportance as SelectionPermutation

GRID = 12


@pytest.fixture(scope="module")
def regression():
    X, y = make_regression(n_samples=80, n_features=4, noise=5, random_state=0)
    # A tree: ICE lines differ from row to row (a linear model's are parallel).
    return X, y, DecisionTreeRegressor(max_depth=4, random_state=0).fit(X, y)


@pytest.fixture(scope="module")
def multiclass():
    X, y = make_classification(
        n_samples=90, n_features=4, n_informative=3, n_redundant=0, n_classes=3,
        n_clusters_per_class=1, random_state=0,
    )  # fmt: skip
    return X, y, LogisticRegression(max_iter=500).fit(X, y)


def reference(model, X, features, kind="average", **options):
    return sk_partial_dependence(
        model, X, features, kind=kind, grid_resolution=GRID, **options
    )


def assert_same(viz, index, expected):
    for got, want in zip(viz.grid_values_[index], expected["grid_values"]):
        assert_array_equal(got, want)
    for name in ("average", "individual"):
        if name in expected:
            assert_allclose(getattr(viz, f"{name}_")[index], expected[name], atol=1e-12)


def test_regressor_average_and_ice_equal_sklearn(regression):
    X, y, model = regression
    viz = PartialDependence(
        model, features=[0, 2], kind="both", grid_resolution=GRID, subsample=10,
        random_state=0,
    ).fit(X, y)  # fmt: skip
    for index, feature in enumerate([0, 2]):
        assert_same(viz, index, reference(model, X, [feature], kind="both"))
    assert viz.features_ == [(0,), (2,)]
    assert viz.individual_[0].shape == (1, 80, GRID)


def test_recursion_equals_sklearn_and_two_way_draws_contours():
    X, y = make_regression(n_samples=80, n_features=3, random_state=1)
    model = GradientBoostingRegressor(n_estimators=10, random_state=0).fit(X, y)
    viz = PartialDependence(
        model, features=[1, (0, 1)], method="recursion", grid_resolution=GRID
    ).fit(X, y)
    assert_same(viz, 0, reference(model, X, [1], method="recursion"))
    assert_same(viz, 1, reference(model, X, [0, 1], method="recursion"))
    assert viz.average_[1].shape == (1, GRID, GRID)
    viz.plot()
    assert isinstance(viz.contours_[1], QuadContourSet)
    assert viz.contours_[0] is None and viz.lines_[1] is None
    assert_allclose(viz.deciles_hlines_[1].get_segments()[0][:, 1], viz.deciles_[1][0])
    assert viz.axes_[1].get_ylabel() == "x1"


def test_binary_classifier_draws_the_positive_class():
    X, y = make_classification(n_samples=80, n_features=4, random_state=0)
    model = LogisticRegression().fit(X, y)
    viz = PartialDependence(model, features=[3], grid_resolution=GRID).fit(X, y)
    expected = reference(model, X, [3])
    assert_same(viz, 0, expected)
    viz.plot()
    assert_allclose(viz.lines_[0].get_ydata(), expected["average"][0], atol=1e-12)
    assert viz.ax_.get_title() == "Partial Dependence of LogisticRegression (class 1)"


def test_multiclass_draws_the_target_class(multiclass):
    X, y, model = multiclass
    viz = PartialDependence(
        model, features=[1], kind="both", target=2, grid_resolution=GRID,
        subsample=5, random_state=0,
    ).fit(X, y)  # fmt: skip
    expected = reference(model, X, [1], kind="both")
    assert_same(viz, 0, expected)
    assert viz.average_[0].shape == (3, GRID) and viz.target_index_ == 2
    viz.plot()
    assert_allclose(viz.lines_[0].get_ydata(), expected["average"][2], atol=1e-12)
    drawn = np.array([s[:, 1] for s in viz.ice_lines_[0].get_segments()])
    assert_allclose(drawn, expected["individual"][2][viz.ice_samples_], atol=1e-12)


def test_centered_subtracts_the_first_grid_point_per_line(regression):
    X, y, model = regression
    viz = PartialDependence(
        model, features=[1], kind="both", centered=True, grid_resolution=GRID,
        subsample=8, random_state=3,
    ).fit(X, y)  # fmt: skip
    expected = reference(model, X, [1], kind="both")
    assert_same(viz, 0, expected)  # the stored numbers stay sklearn's
    viz.plot()
    average = expected["average"][0]
    assert_allclose(viz.lines_[0].get_ydata(), average - average[0], atol=1e-12)
    ice = expected["individual"][0][viz.ice_samples_]
    drawn = np.array([s[:, 1] for s in viz.ice_lines_[0].get_segments()])
    assert_allclose(drawn, ice - ice[:, :1], atol=1e-12)
    assert viz.axes_[0].get_ylabel() == "centered partial dependence"


def test_ice_subsample_is_one_collection_chosen_as_sklearn_does(regression):
    X, y, model = regression
    params = {"features": [0, 1], "kind": "individual", "subsample": 7}
    viz = PartialDependence(model, random_state=5, **params).fit(X, y).plot()
    again = PartialDependence(model, random_state=5, **params).fit(X, y)
    expected = np.random.RandomState(5).choice(80, 7, replace=False)
    assert_array_equal(viz.ice_samples_, expected)
    assert_array_equal(again.ice_samples_, expected)
    for collection in viz.ice_lines_:
        assert isinstance(collection, LineCollection)
        assert len(collection.get_segments()) == 7
    assert viz.lines_ == [None, None]  # no average with kind="individual"
    fraction = PartialDependence(model, features=[0], subsample=0.25, kind="both")
    assert len(fraction.fit(X, y).ice_samples_) == 20


def test_frame_names_panels_share_y_and_deciles(regression):
    X, y, model = regression
    frame = pd.DataFrame(X, columns=["a", "b", "c", "d"])
    fitted = LinearRegression().fit(frame, y)
    viz = partial_dependence(
        fitted, frame, y, features=["c", "a", ("b", "d")], grid_resolution=GRID,
        show=False,
    )  # fmt: skip
    assert viz.features_ == [(2,), (0,), (1, 3)]
    assert_same(viz, 2, reference(fitted, frame, ["b", "d"]))
    labels = [ax.get_xlabel() for ax in viz.axes_]
    assert labels == ["c", "a", "b"]
    assert viz.axes_[0].get_ylim() == viz.axes_[1].get_ylim()
    assert_allclose(viz.deciles_[2], mquantiles(X[:, 2], prob=np.arange(0.1, 1, 0.1)))
    assert_allclose(viz.deciles_vlines_[0].get_segments()[0][:, 0], viz.deciles_[2][0])


def test_redraw_replaces_the_panels(regression):
    X, y, model = regression
    viz = PartialDependence(model, features=[0, 1, 2], n_cols=2, grid_resolution=GRID)
    viz.fit(X, y).plot()
    viz.set_params(n_cols=3).plot()
    assert len(viz.fig_.axes) == 3 and viz.axes_[0] is viz.ax_


def test_panels_share_an_axes_placed_by_hand(regression):
    import matplotlib.pyplot as plt

    X, y, model = regression
    fig = plt.figure()
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    viz = PartialDependence(model, ax=ax, features=[0, 1], grid_resolution=GRID)
    viz.fit(X, y).plot()
    left, right = (panel.get_position() for panel in viz.axes_)
    assert viz.axes_[0] is ax and len(fig.axes) == 2
    assert 0.1 <= left.x0 < left.x1 < right.x0 < right.x1 <= 0.9


def test_permutation_importance_is_reexported():
    assert PermutationImportance is SelectionPermutation


@pytest.mark.parametrize(
    "params, message",
    [
        ({"features": ["nope"]}, "features names 'nope'.*one of 'x0', 'x1'"),
        ({"features": [7]}, "features has index 7.*0 to 3"),
        ({"features": [(0, 1, 2)]}, "one feature .* or a pair"),
        ({"features": [(0, 1)], "kind": "individual"}, "ICE lines exist for one"),
        ({"features": [0, 1], "kind": ["both"]}, "kind has 1 entries"),
        ({"kind": "mean"}, "kind='mean' is not valid"),
        ({"subsample": 1.5}, "subsample=1.5 is not valid"),
        ({"percentiles": (0.9, 0.1)}, "percentiles=.* is not valid"),
    ],
)
def test_bad_features_and_options(regression, params, message):
    X, y, model = regression
    with pytest.raises(VizkitValueError, match=message):
        PartialDependence(model, grid_resolution=GRID, **params).fit(X, y)


def test_multiclass_target_is_required_and_checked(multiclass):
    X, y, model = multiclass
    with pytest.raises(VizkitValueError, match=r"target is None.*classes \[0, 1, 2\]"):
        PartialDependence(model, features=[0], grid_resolution=GRID).fit(X, y)
    with pytest.raises(VizkitValueError, match="target=5 is not a class"):
        PartialDependence(model, features=[0], target=5, grid_resolution=GRID).fit(X, y)


def test_sklearn_errors_name_the_visualizer(regression):
    X, y, model = regression
    viz = PartialDependence(
        LinearRegression().fit(X, y), features=[0], method="recursion"
    )
    with pytest.raises(ValueError, match="PartialDependence: partial_dependence of"):
        viz.fit(X, y)
