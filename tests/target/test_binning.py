"""BalancedBinningReference: counts and edges against np.histogram, then the drawing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from matplotlib.colors import to_rgba
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_regression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.exceptions import NotFitted, VizkitValueError
from vizkit.target import BalancedBinningReference, balanced_binning_reference
from vizkit.target.binning import EDGE_COLOR


@pytest.fixture(scope="module")
def y():
    return np.random.RandomState(0).gamma(2.0, 3.0, size=400)


# -- numbers ---------------------------------------------------------------------


@pytest.mark.parametrize("bins", [4, 1, 17, "auto", "sturges", "fd", [0, 2, 5, 50]])
def test_counts_and_edges_equal_numpy(y, bins):
    viz = BalancedBinningReference(bins=bins).fit(y)
    counts, edges = np.histogram(y, bins=bins)
    assert_array_equal(viz.n_, counts)
    assert_allclose(viz.bin_edges_, edges)


def test_default_is_four_bins_as_yellowbrick(y):
    viz = BalancedBinningReference().fit(y)
    assert len(viz.bin_edges_) == 5 and viz.n_.sum() == len(y)


def test_pandas_and_polars_series_are_named_on_the_axis(y):
    for series in (pd.Series(y, name="price"), pl.Series("price", y)):
        viz = BalancedBinningReference().fit(series)
        assert_array_equal(viz.n_, np.histogram(y, bins=4)[0])
        viz.plot()
        assert viz.ax_.get_xlabel() == "price"
        assert viz.ax_.get_title() == "Binning Reference of price"
    viz = BalancedBinningReference(target="Price ($)").fit(pd.Series(y, name="p"))
    assert viz.plot().ax_.get_xlabel() == "Price ($)"
    assert BalancedBinningReference().fit(y).plot().ax_.get_xlabel() == "y"


def test_fit_x_y_in_a_pipeline_bins_the_target():
    X, y = make_regression(n_samples=150, n_features=4, random_state=0)
    pipe = Pipeline([("scale", StandardScaler()), ("viz", BalancedBinningReference())])
    pipe.fit(X, y)
    viz = pipe.named_steps["viz"]
    assert_array_equal(viz.n_, np.histogram(y, bins=4)[0])
    assert viz.n_features_in_ == 4
    assert pipe.score(X, y) == pytest.approx(1.0)


def test_score_is_overlap_of_bin_proportions(y):
    viz = BalancedBinningReference(bins=[0, 5, 10, 100]).fit(y)
    other = np.array([1.0, 2.0, 7.0, 200.0])  # 200 lies outside every bin
    p = np.r_[viz.n_, 0] / len(y)
    q = np.array([2, 1, 0, 1]) / 4
    assert viz.score(other) == pytest.approx(np.minimum(p, q).sum())
    assert viz.score(y) == pytest.approx(1.0)
    scores = cross_val_score(BalancedBinningReference(), np.zeros((len(y), 2)), y)
    assert np.all((scores > 0.8) & (scores <= 1.0))
    with pytest.raises(NotFitted):
        BalancedBinningReference().score(y)


# -- drawing ---------------------------------------------------------------------


def test_histogram_and_edge_lines_are_drawn(y):
    viz = balanced_binning_reference(y, bins=5, color="green", show=False)
    ax = viz.ax_
    values, edges, _ = viz.patch_.get_data()
    assert_array_equal(values, viz.n_)
    assert_allclose(edges, viz.bin_edges_)
    assert viz.patch_.get_facecolor() == to_rgba("green")
    segments = viz.lines_.get_segments()
    assert len(segments) == 6
    for segment, edge in zip(segments, viz.bin_edges_):
        assert_allclose(segment, [[edge, 0], [edge, viz.n_.max()]])
    assert_allclose(viz.lines_.get_colors()[0], to_rgba(EDGE_COLOR))
    assert ax.get_ylabel() == "count"
    assert ax.get_ylim() == pytest.approx((0, viz.n_.max() * 1.05))


def test_color_is_read_when_drawing(y):
    viz = BalancedBinningReference().fit(y)
    edges = viz.bin_edges_
    viz.set_params(color="black").plot()
    assert viz.patch_.get_facecolor() == to_rgba("black")
    assert viz.bin_edges_ is edges  # not recomputed


# -- bad input -------------------------------------------------------------------


@pytest.mark.parametrize("bins", [0, -3, 2.5, True, "no-rule", [3, 2, 5], [1], None])
def test_bad_bins_are_refused_naming_bins(y, bins):
    with pytest.raises(VizkitValueError, match="bins="):
        BalancedBinningReference(bins=bins).fit(y)


def test_text_target_is_refused():
    with pytest.raises(VizkitValueError, match="non-numeric.*ClassBalance"):
        BalancedBinningReference().fit(np.array(["a", "b", "a"]))


def test_two_targets_are_refused(y):
    with pytest.raises(VizkitValueError, match="one target"):
        BalancedBinningReference().fit(y[:200], y[200:])


def test_nan_target_is_refused_and_not_modified(y):
    bad = y.copy()
    bad[3] = np.nan
    before = bad.copy()
    with pytest.raises(VizkitValueError, match="y contains 1 NaN"):
        BalancedBinningReference().fit(bad)
    assert_array_equal(bad, before)


def test_range_too_large_to_bin_is_a_clear_error():
    with pytest.raises(VizkitValueError, match="cannot be binned"):
        BalancedBinningReference().fit(np.array([-1.7e308, 1.7e308]))


def test_yellowbrick_y_keyword_still_works_with_a_warning():
    from vizkit.target import balanced_binning_reference

    y = np.random.default_rng(0).normal(size=300)
    new = balanced_binning_reference(y_train=y, bins=5, show=False)
    with pytest.warns(FutureWarning, match=r"y=.*use y_train="):
        old = balanced_binning_reference(y=y, bins=5, show=False)
    assert_array_equal(old.bin_edges_, new.bin_edges_)
