"""PredictionError and the shared regression metrics: numbers, artists, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from matplotlib.colors import to_rgba
from matplotlib.image import AxesImage
from numpy.testing import assert_allclose
from sklearn.datasets import make_regression
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.metrics import (
    mean_absolute_error,
    mean_squared_error,
    mean_squared_log_error,
    r2_score,
    root_mean_squared_error,
)
from sklearn.model_selection import train_test_split

from vizkit.draw import DENSITY_THRESHOLD
from vizkit.exceptions import ModelError, VizkitValueError, VizkitWarning
from vizkit.regressor import PredictionError, prediction_error
from vizkit.regressor.base import (
    corner_counts,
    emptiest_corner,
    metrics_table,
    regression_metrics,
)
from vizkit.regressor.prediction_error import best_fit, view_limits


@pytest.fixture(scope="module")
def data():
    X, y = make_regression(n_samples=300, n_features=4, noise=25, random_state=7)
    return train_test_split(X, y, test_size=0.3, random_state=0)


@pytest.fixture()
def fitted(data):
    X_train, X_test, y_train, y_test = data
    viz = PredictionError(Ridge(alpha=1.0))
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    return viz


def sklearn_metrics(y_true, y_pred) -> dict[str, float]:
    """The reference: scikit-learn's own functions."""
    expected = {
        "r2": r2_score(y_true, y_pred),
        "mse": mean_squared_error(y_true, y_pred),
        "rmse": root_mean_squared_error(y_true, y_pred),
        "mae": mean_absolute_error(y_true, y_pred),
    }
    if min(np.min(y_true), np.min(y_pred)) >= 0:
        expected["msle"] = mean_squared_log_error(y_true, y_pred)
    return expected


def points_under(ax, artist, x, y) -> int:
    """How many of the points ``(x, y)`` lie under a drawn box (legend, text)."""
    box = artist.get_window_extent().transformed(ax.transData.inverted())
    inside = (x >= box.x0) & (x <= box.x1) & (y >= box.y0) & (y <= box.y1)
    return int(inside.sum())


# -- the shared metrics ----------------------------------------------------------


@pytest.mark.parametrize("shift", [0.0, 50.0])
def test_regression_metrics_match_sklearn(shift):
    rng = np.random.RandomState(3)
    y_true = rng.gamma(2.0, 10.0, size=200) + shift  # all >= 0: MSLE is defined
    y_pred = np.abs(y_true + rng.randn(200) * 5)
    metrics = regression_metrics(y_true, y_pred)
    expected = sklearn_metrics(y_true, y_pred)
    assert set(metrics) == {"r2", "mse", "rmse", "mae", "msle"}
    for name, value in expected.items():
        assert metrics[name] == pytest.approx(value, rel=1e-12), name


@pytest.mark.parametrize("negative", ["y_true", "y_pred"])
def test_msle_is_left_out_when_a_value_is_negative(negative):
    y_true, y_pred = np.array([0.0, 1.0, 3.0, 4.0]), np.array([0.5, 1.0, 2.0, 5.0])
    if negative == "y_true":
        y_true[0] = -0.5
    else:
        y_pred[0] = -0.5
    metrics = regression_metrics(y_true, y_pred)
    assert "msle" not in metrics
    assert metrics["mae"] == pytest.approx(mean_absolute_error(y_true, y_pred))
    # zeros are fine: log1p(0) = 0
    assert "msle" in regression_metrics(np.abs(y_true) * 0, np.abs(y_pred))


def test_metrics_table_aligns_one_or_two_columns():
    one = metrics_table({"": {"r2": 0.5, "mse": 1234.5678, "rmse": 35.136, "mae": 2}})
    assert one.splitlines() == ["MSE   1235", "RMSE 35.14", "MAE      2"]
    two = metrics_table(
        {"Train": {"mse": 4.0, "msle": 0.01}, "Test": {"mse": 16.0}},
        names=("mse", "mae", "msle"),
    )
    assert two.splitlines() == ["     Train Test", "MSE      4   16", "MSLE  0.01    -"]


def test_corner_counts_and_the_emptiest_corner():
    x = np.array([0.1, 0.2, 0.9, 0.95, 0.9, 0.5])
    y = np.array([0.9, 0.95, 0.9, 0.1, 0.05, 0.5])
    counts = corner_counts(x, y, (0, 1), (0, 1), 0.3, 0.3)
    assert counts == {"upper left": 2, "lower right": 2, "upper right": 1,
                      "lower left": 0}  # fmt: skip
    assert emptiest_corner(counts) == "lower left"
    assert emptiest_corner(counts, taken=["lower left"]) == "upper right"
    # ties go to the preferred order: upper left first
    assert emptiest_corner(dict.fromkeys(counts, 0)) == "upper left"


# -- numbers ---------------------------------------------------------------------


def test_score_metrics_and_arrays_match_sklearn(data, fitted):
    _, X_test, _, y_test = data
    predicted = fitted.estimator.predict(X_test)
    assert_allclose(fitted.y_true_, y_test)
    assert_allclose(fitted.y_pred_, predicted)
    assert fitted.score_ == pytest.approx(r2_score(y_test, predicted))
    assert fitted.score_ == pytest.approx(fitted.estimator.score(X_test, y_test))
    expected = sklearn_metrics(y_test, predicted)
    assert set(fitted.metrics_) == set(expected) == {"r2", "mse", "rmse", "mae"}
    for name, value in expected.items():
        assert fitted.metrics_[name] == pytest.approx(value), name


def test_best_fit_line_is_the_least_squares_fit_of_the_points(data, fitted):
    slope, intercept = np.polyfit(fitted.y_true_, fitted.y_pred_, deg=1)
    assert fitted.bestfit_slope_ == pytest.approx(slope)
    assert fitted.bestfit_intercept_ == pytest.approx(intercept)
    model = LinearRegression().fit(fitted.y_true_[:, None], fitted.y_pred_)
    assert_allclose(best_fit(fitted.y_true_, fitted.y_pred_),
                    (model.coef_[0], model.intercept_))  # fmt: skip


def test_view_limits_are_shared_or_per_axis():
    y_true, y_pred = np.array([0.0, 10.0]), np.array([2.0, 20.0])
    assert view_limits(y_true, y_pred, shared=True) == ((-1, 21), (-1, 21))
    assert view_limits(y_true, y_pred, shared=False) == ((-0.5, 10.5), (1.1, 20.9))
    # one value everywhere still gets a band around it
    assert view_limits(np.ones(3), np.ones(3), shared=True) == (
        (0.95, 1.05), (0.95, 1.05),
    )  # fmt: skip


def test_nonnegative_targets_state_the_msle(data):
    X_train, X_test, y_train, y_test = data
    offset = 1 - min(y_train.min(), y_test.min())
    viz = PredictionError(LinearRegression()).fit(X_train, y_train + offset)
    viz.score(X_test, y_test + offset)
    predicted = viz.estimator.predict(X_test)
    assert predicted.min() >= 0  # a positive target shifted well above 0
    assert viz.metrics_["msle"] == pytest.approx(
        mean_squared_log_error(y_test + offset, predicted)
    )
    viz.plot()
    assert "MSLE" in viz.metrics_text_.get_text()


def test_pandas_and_polars_input_give_the_same_numbers(data, fitted):
    X_train, X_test, y_train, y_test = data
    columns = [f"f{i}" for i in range(X_train.shape[1])]
    frame, test_frame = (pd.DataFrame(X, columns=columns) for X in (X_train, X_test))
    before = frame.copy()
    viz = PredictionError(Ridge(alpha=1.0)).fit(frame, pd.Series(y_train))
    viz.score(test_frame, pd.Series(y_test))
    assert list(viz.estimator.feature_names_in_) == columns
    assert_allclose(viz.y_pred_, fitted.y_pred_)
    assert viz.score_ == pytest.approx(fitted.score_)
    pd.testing.assert_frame_equal(frame, before)
    polars_viz = PredictionError(Ridge(alpha=1.0)).fit(
        pl.from_pandas(frame), pl.Series(y_train)
    )
    polars_viz.score(pl.from_pandas(test_frame), pl.Series(y_test))
    assert_allclose(polars_viz.bestfit_slope_, fitted.bestfit_slope_)


def test_from_predictions_needs_no_model():
    rng = np.random.RandomState(1)
    y_true = rng.randn(80) * 10
    y_pred = 0.8 * y_true + rng.randn(80)
    viz = PredictionError.from_predictions(y_true, y_pred)
    assert viz.estimator is None
    assert viz.score_ == pytest.approx(r2_score(y_true, y_pred))
    assert viz.ax_.get_title() == "Prediction Error"
    assert viz.bestfit_slope_ == pytest.approx(np.polyfit(y_true, y_pred, 1)[0])


def test_prefit_model_is_scored_without_fit_and_unchanged(data):
    X_train, X_test, y_train, y_test = data
    model = Ridge().fit(X_train, y_train)
    coef = model.coef_.copy()
    viz = PredictionError(model)
    assert viz.score(X_test, y_test) == pytest.approx(model.score(X_test, y_test))
    assert_allclose(model.coef_, coef)


# -- drawing ---------------------------------------------------------------------


def test_scatter_lines_limits_and_labels(fitted):
    ax = fitted.show()
    assert_allclose(
        fitted.scatter_.get_offsets(), np.c_[fitted.y_true_, fitted.y_pred_]
    )
    assert fitted.scatter_.get_alpha() == 0.75
    identity, bestfit = fitted.identity_line_, fitted.bestfit_line_
    assert identity.get_slope() == 1 and identity.get_xy1() == (0, 0)
    assert bestfit.get_slope() == pytest.approx(fitted.bestfit_slope_)
    assert bestfit.get_xy1() == pytest.approx((0, fitted.bestfit_intercept_))
    # shared limits: the same range on both axes, covering every point, square
    assert_allclose(ax.get_xlim(), ax.get_ylim())
    low, high = ax.get_xlim()
    both = np.r_[fitted.y_true_, fitted.y_pred_]
    assert low < both.min() and high > both.max()
    assert ax.get_aspect() == 1.0
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [f"$R^2 = {fitted.score_:0.3f}$", "best fit", "identity"]
    assert ax.get_title() == "Prediction Error for Ridge"
    assert ax.get_xlabel() == "Measured $y$"
    assert ax.get_ylabel() == r"Predicted $\hat{y}$"


def test_metrics_box_states_the_metrics_and_covers_no_point(fitted):
    ax = fitted.show()
    text = fitted.metrics_text_.get_text()
    m = fitted.metrics_
    expected = [f"MSE  {m['mse']:.4g}", f"RMSE {m['rmse']:.4g}", f"MAE  {m['mae']:.4g}"]
    assert [" ".join(line.split()) for line in text.splitlines()] == [
        " ".join(line.split()) for line in expected
    ]
    ax.figure.canvas.draw()
    # points hug the diagonal: the off-diagonal corners are free for both boxes
    for box in (fitted.metrics_text_, ax.get_legend()):
        assert points_under(ax, box, fitted.y_true_, fitted.y_pred_) == 0
    legend_box = ax.get_legend().get_window_extent()
    assert not legend_box.overlaps(fitted.metrics_text_.get_window_extent())


def test_drawing_options_without_refit(fitted):
    fitted.set_params(shared_limits=False, bestfit=False, identity=False,
                      point_color="red", alpha=0.3)  # fmt: skip
    ax = fitted.plot().ax_
    assert fitted.bestfit_line_ is None and fitted.identity_line_ is None
    assert not ax.lines
    assert_allclose(fitted.scatter_.get_facecolors()[0], to_rgba("red", 0.3))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [f"$R^2 = {fitted.score_:0.3f}$"]
    xlim, ylim = view_limits(fitted.y_true_, fitted.y_pred_, shared=False)
    assert_allclose(ax.get_xlim(), xlim)
    assert_allclose(ax.get_ylim(), ylim)
    assert ax.get_aspect() == "auto"


def test_density_image_above_threshold_keeps_legend_limits_and_note():
    rng = np.random.RandomState(0)
    n = DENSITY_THRESHOLD + 5_000
    y_true = rng.randn(n) * 10
    y_pred = y_true + rng.randn(n)
    viz = PredictionError.from_predictions(y_true, y_pred, point_color="purple")
    ax = viz.ax_
    assert isinstance(viz.scatter_, AxesImage) and not ax.collections
    assert_allclose(ax.get_xlim(), ax.get_ylim())
    handles = ax.get_legend().legend_handles
    assert handles[0].get_color() == "purple"
    assert ax.get_legend().get_texts()[0].get_text().startswith("$R^2")
    note = next(t for t in ax.texts if "binned" in t.get_text())
    ax.figure.canvas.draw()
    assert not note.get_window_extent().overlaps(viz.metrics_text_.get_window_extent())


def test_constant_target_draws_no_best_fit():
    viz = PredictionError.from_predictions(np.full(20, 3.0), np.linspace(0, 6, 20))
    assert np.isnan(viz.bestfit_slope_) and np.isnan(viz.bestfit_intercept_)
    assert viz.bestfit_line_ is None and viz.identity_line_ is not None


def test_quick_method_with_and_without_test_split(data):
    X_train, X_test, y_train, y_test = data
    viz = prediction_error(Ridge(), X_train, y_train, X_test, y_test, show=False)
    assert isinstance(viz, PredictionError)
    assert viz.score_ == pytest.approx(viz.estimator.score(X_test, y_test))
    train_only = prediction_error(Ridge(), X_train, y_train, show=False)
    assert_allclose(train_only.y_true_, y_train)
    assert "shared_limits : bool, default=True" in prediction_error.__doc__


def test_yellowbrick_colour_keywords(data):
    X_train, _, y_train, _ = data
    viz = prediction_error(Ridge(), X_train, y_train, line_color="orange",
                           show=False)  # fmt: skip
    assert viz.bestfit_line_.get_color() == "orange"
    with pytest.warns(VizkitWarning, match="ignores color.*point_color"):
        PredictionError(Ridge(), color="red").fit(X_train, y_train)


# -- errors ----------------------------------------------------------------------


def test_classifier_raises_model_error(data):
    X_train, _, y_train, _ = data
    with pytest.raises(ModelError, match="LogisticRegression is not a regressor"):
        PredictionError(LogisticRegression()).fit(X_train, y_train > 0)


def test_nan_target_is_refused_naming_it(data):
    X_train, X_test, y_train, y_test = data
    y_nan = y_train.copy()
    y_nan[5] = np.nan
    with pytest.raises(VizkitValueError, match=r"^y contains 1 NaN .* row 5"):
        PredictionError(Ridge()).fit(X_train, y_nan)
    viz = PredictionError(Ridge()).fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match=r"^y contains 1 NaN"):
        viz.score(X_test, np.r_[np.nan, y_test[1:]])
    with pytest.raises(VizkitValueError, match=r"^y_true contains 1 NaN"):
        PredictionError.from_predictions(np.r_[np.nan, y_test[1:]], y_test)
    assert np.isnan(y_nan[5])  # the user's array is left as it was


def test_mismatched_predictions_are_refused():
    with pytest.raises(VizkitValueError, match="Inconsistent numbers of samples"):
        PredictionError.from_predictions([1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(VizkitValueError, match="one prediction per sample"):
        PredictionError.from_predictions([1.0, 2.0], [[1.0, 2.0], [3.0, 4.0]])


@pytest.mark.parametrize("params, name", [({"shared_limits": "yes"}, "shared_limits"),
                                          ({"alpha": 2}, "alpha")])  # fmt: skip
def test_bad_options_name_the_parameter(data, params, name):
    X_train, _, y_train, _ = data
    with pytest.raises(VizkitValueError, match=name):
        PredictionError(Ridge(), **params).fit(X_train, y_train)
