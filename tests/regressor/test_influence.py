"""CooksDistance: numbers against the explicit OLS hat matrix, scipy and
statsmodels, then the drawn artists and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from matplotlib.colors import to_rgba
from numpy.testing import assert_allclose, assert_array_equal
from scipy.stats import f as f_distribution
from sklearn.datasets import make_regression
from sklearn.linear_model import LinearRegression

from vizkit.exceptions import NotFitted, VizkitValueError, VizkitWarning
from vizkit.regressor import CooksDistance, cooks_distance
from vizkit.regressor.influence import MAX_STEMS, block_maxima

#: Twelve rows, two features, the last row far out: small enough to quote.
SMALL_X = np.array([
    [0.5, 1.2], [1.0, 0.7], [1.5, 2.3], [2.0, 1.1], [2.5, 3.0], [3.0, 0.4],
    [3.5, 2.2], [4.0, 1.8], [4.5, 0.9], [5.0, 2.7], [5.5, 1.5], [9.0, 4.0],
])  # fmt: skip
SMALL_Y = np.array([2.1, 2.0, 4.4, 3.5, 5.9, 3.1, 5.8, 5.6, 4.9, 7.6, 6.3, 6.0])
#: statsmodels 0.15.0: OLS(SMALL_Y, add_constant(SMALL_X)).fit()
#: .get_influence().cooks_distance (distances, p-values).
STATSMODELS_DISTANCE = [
    1.3164717999283304e-01, 9.7444001568051081e-02, 3.4689611821808432e-05,
    2.5416508827028885e-03, 8.2015244621287925e-02, 3.3212813692928243e-02,
    1.6418072535107481e-02, 1.1000915174661010e-02, 2.0803911037434907e-02,
    1.3356408949402082e-01, 1.0363931866373408e-01, 5.4672298795185190e+00,
]  # fmt: skip
STATSMODELS_P_VALUES = [
    0.9387972871257904, 0.9594774735347071, 0.9999996948594019,
    0.9998092041381864, 0.9681491960175783, 0.9913103652797002,
    0.9969190937590315, 0.9982992375891219, 0.9956283364289771,
    0.9375909065711033, 0.9558665248030859, 0.02043404759594854,
]  # fmt: skip


@pytest.fixture(scope="module")
def data():
    X, y = make_regression(n_samples=80, n_features=3, noise=10, random_state=7)
    y[[5, 40]] += [120.0, -90.0]  # two influential rows
    return X, y


def hat_matrix_distances(X, y):
    """Cook's distances from the explicit n x n hat matrix (the textbook way)."""
    X1 = np.column_stack([np.ones(len(X)), X])
    H = X1 @ np.linalg.inv(X1.T @ X1) @ X1.T
    h, residuals = np.diag(H), y - H @ y
    n, p = X1.shape
    variance = residuals @ residuals / (n - p)
    return residuals**2 / (p * variance) * h / (1 - h) ** 2, p


# -- numbers ---------------------------------------------------------------------


def test_distances_equal_the_hat_matrix_computation(data):
    X, y = data
    viz = CooksDistance().fit(X, y)
    expected, n_params = hat_matrix_distances(X, y)
    assert_allclose(viz.distance_, expected, rtol=1e-9)
    assert_allclose(viz.p_values_, f_distribution.sf(expected, n_params, len(y) - 4))
    assert set(np.argsort(viz.distance_)[-2:]) == {5, 40}


def test_threshold_and_percentage(data):
    X, y = data
    viz = CooksDistance().fit(X, y)
    assert viz.influence_threshold_ == 4 / 80
    above = np.sum(viz.distance_ > 4 / 80)
    assert above >= 2
    assert viz.outlier_percentage_ == pytest.approx(100 * above / 80)


def test_distances_and_p_values_equal_statsmodels():
    viz = CooksDistance().fit(SMALL_X, SMALL_Y)
    assert_allclose(viz.distance_, STATSMODELS_DISTANCE, rtol=1e-10)
    assert_allclose(viz.p_values_, STATSMODELS_P_VALUES, rtol=1e-12)
    assert viz.outlier_percentage_ == pytest.approx(100 / 12)  # the last row only


def test_coefficients_and_score_equal_linear_regression(data):
    X, y = data
    viz = CooksDistance().fit(X[:60], y[:60])
    model = LinearRegression().fit(X[:60], y[:60])
    assert_allclose(viz.coef_, model.coef_)
    assert viz.intercept_ == pytest.approx(model.intercept_)
    assert viz.score(X[60:], y[60:]) == pytest.approx(model.score(X[60:], y[60:]))


def test_collinear_columns_give_the_distances_of_the_independent_ones(data):
    X, y = data
    reference = CooksDistance().fit(X, y).distance_
    for extra in (2 * X[:, [0]] - 1, np.full((80, 1), 3.0)):  # collinear, constant
        with pytest.warns(VizkitWarning, match="span 4 of 5 dimensions"):
            viz = CooksDistance().fit(np.hstack([X, extra]), y)
        assert_allclose(viz.distance_, reference, rtol=1e-8)


def test_exact_fit_gives_zero_distances_with_a_warning(data):
    X, _ = data
    y = X @ [1.0, -2.0, 0.5] + 4.0
    with pytest.warns(VizkitWarning, match="exact linear function"):
        viz = CooksDistance().fit(X, y)
    assert_array_equal(viz.distance_, 0.0)
    assert_array_equal(viz.p_values_, 1.0)
    assert viz.outlier_percentage_ == 0.0
    for constant in (np.full(80, 0.1), np.full(80, 1e-300)):
        with pytest.warns(VizkitWarning, match="exact linear function"):
            assert_array_equal(CooksDistance().fit(X, constant).distance_, 0.0)


def test_tiny_and_huge_targets_give_the_same_distances(data):
    X, y = data
    reference = CooksDistance().fit(X, y).distance_
    for factor in (1e-300, 1e150):  # Cook's distance does not depend on y's unit
        assert_allclose(CooksDistance().fit(X, y * factor).distance_, reference)


def test_large_data_needs_no_n_by_n_matrix():
    # An n x n hat matrix of 200,000 rows would take 320 GB.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200_000, 3))
    y = X @ [1.0, 2.0, 3.0] + rng.normal(size=200_000)
    viz = CooksDistance().fit(X, y)
    assert viz.distance_.shape == (200_000,)
    assert viz.distance_.sum() == pytest.approx(1.0, rel=0.05)  # mean h = p / n


def test_block_maxima_keeps_each_blocks_peak():
    values = np.array([1.0, 5.0, 2.0, 0.0, 7.0, 3.0, 4.0])
    assert_array_equal(block_maxima(values, max_points=10), np.arange(7))
    assert_array_equal(block_maxima(values, max_points=3), [1, 4, 6])  # blocks of 3


# -- inputs --------------------------------------------------------------------------


def test_dataframe_and_polars_input(data):
    X, y = data
    columns = ["a", "b", "c"]
    frame = pd.DataFrame(X, columns=columns)
    reference = CooksDistance().fit(X, y).distance_
    viz = CooksDistance().fit(frame, pd.Series(y))
    assert_allclose(viz.distance_, reference)
    assert list(viz.feature_names_in_) == columns
    polars_viz = CooksDistance().fit(pl.DataFrame(frame), pl.Series(y))
    assert_allclose(polars_viz.distance_, reference)


def bad_fit(X, y, match: str):
    originals = [np.array(X, copy=True), np.array(y, copy=True)]
    with pytest.raises(VizkitValueError, match=match):
        CooksDistance().fit(X, y)
    assert_array_equal(X, originals[0])
    assert_array_equal(y, originals[1])


def test_bad_input_raises_a_clear_error(data):
    X, y = data
    nan_y = y.copy()
    nan_y[3] = np.nan
    bad_fit(X, nan_y, r"y contains 1 NaN")
    bad_fit(np.ones((80, 2)), y, "X is constant")
    bad_fit(X[:, 0], y, "must be 2-D")
    bad_fit(X[:4], y[:4], r"X has 4 sample\(s\) and 3 feature\(s\)")
    bad_fit(X, y[:-1], "y has 79 values but X has 80 rows")
    with pytest.raises(VizkitValueError, match="requires y to be passed"):
        CooksDistance().fit(X, None)


def test_a_row_with_leverage_one_is_named(data):
    X, y = data
    alone = np.zeros((80, 1))
    alone[17] = 1.0  # a one-hot column set only in row 17
    with pytest.raises(VizkitValueError, match=r"row\(s\) \[17\] have leverage 1"):
        CooksDistance().fit(np.hstack([X, alone]), y)


def test_score_needs_fit_and_the_fitted_columns(data):
    X, y = data
    with pytest.raises(NotFitted):
        CooksDistance().score(X, y)
    viz = CooksDistance().fit(X, y)
    with pytest.raises(ValueError, match="X has 2 features"):
        viz.score(X[:, :2], y)


def test_invalid_format_string_names_the_parameter(data):
    X, y = data
    with pytest.raises(VizkitValueError, match="linefmt='no-such'"):
        CooksDistance(linefmt="no-such").fit(X, y)
    viz = CooksDistance().fit(X, y).set_params(markerfmt=3)
    with pytest.raises(VizkitValueError, match="markerfmt=3"):
        viz.plot()


def test_columns_too_small_for_their_coefficients_are_named(data):
    X, y = data
    tiny = X.copy()
    tiny[:, 1] *= 1e-310  # subnormal: its coefficient would be ~1e311
    with pytest.raises(VizkitValueError, match=r"X column\(s\) \[1\] are so small"):
        CooksDistance().fit(tiny, y)


# -- drawing ------------------------------------------------------------------------


def test_stems_markers_threshold_and_legend(data):
    X, y = data
    viz = CooksDistance().fit(X, y).plot()
    segments = viz.stem_.stemlines.get_segments()
    assert len(segments) == 80
    for index, segment in enumerate(segments):
        assert_allclose(segment, [[index, 0.0], [index, viz.distance_[index]]])
    assert_allclose(viz.stem_.markerline.get_ydata(), viz.distance_)
    assert_allclose(viz.threshold_line_.get_ydata(), [4 / 80, 4 / 80])
    assert viz.threshold_line_.get_linestyle() == "--"
    text = viz.legend_.get_texts()[0].get_text()
    assert text.startswith(f"{viz.outlier_percentage_:.2f}% > $I_t$")
    assert viz.ax_.get_title() == "Cook's Distance Outlier Detection"
    assert viz.ax_.get_xlabel() == "instance index"


def test_no_threshold_line_or_legend_without_draw_threshold(data):
    X, y = data
    viz = CooksDistance(draw_threshold=False).fit(X, y).plot()
    assert viz.threshold_line_ is None and viz.legend_ is None
    assert viz.ax_.get_legend() is None
    assert len(viz.ax_.lines) == 2  # markers and baseline


def test_format_strings_restyle_without_refitting(data):
    X, y = data
    viz = CooksDistance().fit(X, y).plot()
    distance = viz.distance_
    viz.set_params(linefmt="r--", markerfmt="go").plot()
    assert viz.distance_ is distance
    assert_allclose(viz.stem_.stemlines.get_colors()[0], to_rgba("r"))
    assert viz.stem_.markerline.get_marker() == "o"
    assert to_rgba(viz.stem_.markerline.get_color()) == to_rgba("g")


def test_many_rows_draw_the_peak_of_each_block():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(3 * MAX_STEMS, 2))
    y = X.sum(axis=1) + rng.normal(size=len(X))
    y[1234] += 40.0
    viz = CooksDistance().fit(X, y).plot()
    x, heights = viz.stem_.markerline.get_data()
    assert len(x) == MAX_STEMS
    assert_allclose(heights, viz.distance_[x.astype(int)])
    assert 1234 in x  # the peak survives
    blocks = viz.distance_.reshape(MAX_STEMS, 3).max(axis=1)
    assert_allclose(heights, blocks)
    assert "largest of every 3 rows shown" in [t.get_text() for t in viz.ax_.texts]


def test_quick_method_fits_and_draws(data):
    X, y = data
    viz = cooks_distance(X, y, draw_threshold=True, linefmt="C0-", markerfmt=",",
                         show=False)  # fmt: skip
    assert isinstance(viz, CooksDistance)
    assert len(viz.stem_.stemlines.get_segments()) == 80
    with pytest.warns(VizkitWarning, match="ignores color"):
        cooks_distance(X, y, color="red", show=False)
