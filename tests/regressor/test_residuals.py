"""ResidualsPlot: numbers against scikit-learn/numpy/scipy, then the drawn artists."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.image import AxesImage
from numpy.testing import assert_allclose
from scipy.stats import probplot
from sklearn.base import BaseEstimator, RegressorMixin
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
from vizkit.exceptions import ModelError, NotFitted, VizkitValueError
from vizkit.regressor import RegressionScoreVisualizer, ResidualsPlot, residuals_plot
from vizkit.regressor.residuals import HIST_BINS
from vizkit.style import LINE_COLOR


@pytest.fixture(scope="module")
def data():
    X, y = make_regression(n_samples=300, n_features=4, noise=20, random_state=42)
    return train_test_split(X, y, test_size=0.3, random_state=0)


@pytest.fixture()
def fitted(data):
    X_train, X_test, y_train, y_test = data
    viz = ResidualsPlot(Ridge(alpha=1.0))
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    return viz


class CountingRidge(Ridge):
    """A Ridge that counts its predict calls."""

    def predict(self, X):
        self.n_predict_calls = getattr(self, "n_predict_calls", 0) + 1
        return super().predict(X)


# -- numbers ---------------------------------------------------------------------


def test_residuals_and_scores_match_sklearn(data, fitted):
    X_train, X_test, y_train, y_test = data
    model = fitted.estimator
    assert_allclose(fitted.train_predictions_, model.predict(X_train))
    assert_allclose(fitted.test_predictions_, model.predict(X_test))
    # observed minus predicted (Yellowbrick drew predicted minus observed)
    assert_allclose(fitted.train_residuals_, y_train - model.predict(X_train))
    assert_allclose(fitted.test_residuals_, y_test - model.predict(X_test))
    train_r2 = r2_score(y_train, model.predict(X_train))
    assert fitted.train_score_ == pytest.approx(train_r2)
    assert fitted.test_score_ == pytest.approx(r2_score(y_test, model.predict(X_test)))
    assert fitted.score_ == fitted.test_score_
    assert fitted.score_ == pytest.approx(model.score(X_test, y_test))


def test_score_returns_r2_and_train_keyword_stores_train_split(data):
    X_train, X_test, y_train, y_test = data
    viz = ResidualsPlot(Ridge()).fit(X_train, y_train)
    score = viz.score(X_test, y_test)
    assert score == pytest.approx(viz.estimator.score(X_test, y_test))
    viz.score(X_test, y_test, train=True)
    assert_allclose(viz.train_residuals_, viz.test_residuals_)


@pytest.mark.parametrize("hist, density", [(True, False), ("frequency", False),
                                           ("density", True)])  # fmt: skip
def test_histogram_matches_numpy(fitted, data, hist, density):
    X_train, X_test, y_train, y_test = data
    viz = ResidualsPlot(fitted.estimator, hist=hist).fit(X_train, y_train)
    viz.score(X_test, y_test)
    for split in ("train", "test"):
        counts, edges = getattr(viz, f"{split}_histogram_")
        expected = np.histogram(
            getattr(viz, f"{split}_residuals_"), bins=HIST_BINS, density=density
        )
        assert_allclose(counts, expected[0])
        assert_allclose(edges, expected[1])


def test_qq_points_match_scipy_probplot(data):
    X_train, X_test, y_train, y_test = data
    viz = ResidualsPlot(Ridge(), hist=False, qqplot=True).fit(X_train, y_train)
    viz.score(X_test, y_test)
    theoretical, ordered = viz.test_qq_
    expected = probplot(viz.test_residuals_, dist="norm", fit=False)
    assert_allclose(theoretical, expected[0])
    assert_allclose(ordered, expected[1])
    assert not hasattr(viz, "test_histogram_")
    _, (slope, intercept, _) = probplot(viz.test_residuals_, dist="norm", fit=True)
    assert_allclose(viz.test_qq_line_, (slope, intercept))


def test_predictions_are_computed_once_per_split(data):
    X_train, X_test, y_train, y_test = data
    viz = ResidualsPlot(CountingRidge()).fit(X_train, y_train)
    assert viz.estimator.n_predict_calls == 1
    viz.score(X_test, y_test)
    viz.show()
    assert viz.estimator.n_predict_calls == 2


def test_prefit_model_scores_without_fit_and_stays_unchanged(data):
    X_train, X_test, y_train, y_test = data
    model = LinearRegression().fit(X_train, y_train)
    coef = model.coef_.copy()
    viz = ResidualsPlot(model)
    viz.score(X_test, y_test)
    assert_allclose(model.coef_, coef)
    assert not hasattr(viz, "train_residuals_")
    viz.plot()
    assert list(viz.scatters_) == ["test"]


def test_refit_forgets_old_test_results(data):
    X_train, X_test, y_train, y_test = data
    viz = ResidualsPlot(Ridge()).fit(X_train, y_train)
    viz.score(X_test, y_test)
    viz.fit(X_train, y_train)
    assert not hasattr(viz, "test_residuals_") and not hasattr(viz, "score_")


def test_pandas_input_gives_the_same_numbers(data, fitted):
    X_train, X_test, y_train, y_test = data
    columns = [f"f{i}" for i in range(X_train.shape[1])]
    X_frame = pd.DataFrame(X_train, columns=columns)
    X_test_frame = pd.DataFrame(X_test, columns=columns)
    before = X_frame.copy()
    viz = ResidualsPlot(Ridge(alpha=1.0)).fit(X_frame, pd.Series(y_train))
    viz.score(X_test_frame, pd.Series(y_test))
    assert list(viz.estimator.feature_names_in_) == columns
    assert_allclose(viz.test_residuals_, fitted.test_residuals_)
    pd.testing.assert_frame_equal(X_frame, before)


# -- drawing ---------------------------------------------------------------------


def test_scatters_legend_zero_line_and_histogram(fitted):
    ax = fitted.show()
    train, test = fitted.scatters_["train"], fitted.scatters_["test"]
    assert_allclose(
        train.get_offsets(), np.c_[fitted.train_predictions_, fitted.train_residuals_]
    )
    assert_allclose(
        test.get_offsets(), np.c_[fitted.test_predictions_, fitted.test_residuals_]
    )
    assert_allclose(train.get_facecolors()[0][:3], to_rgba("b")[:3])
    assert_allclose(test.get_facecolors()[0][:3], to_rgba("g")[:3])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        f"Train $R^2 = {fitted.train_score_:0.3f}$",
        f"Test $R^2 = {fitted.test_score_:0.3f}$",
    ]
    assert_allclose(fitted.zero_line_.get_ydata(), [0, 0])
    assert fitted.zero_line_.get_color() == LINE_COLOR
    assert ax.get_title() == "Residuals for Ridge Model"
    assert ax.get_xlabel() == "Predicted Value" and ax.get_ylabel() == "Residuals"
    # one stairs artist per split, its values the np.histogram counts
    hax = fitted.hax_
    assert hax is fitted.hax and fitted.qqax is None
    stairs = hax.patches
    assert len(stairs) == 2
    assert stairs[0].orientation == "horizontal"
    assert_allclose(stairs[0].get_data().values, fitted.train_histogram_[0])
    assert_allclose(stairs[1].get_data().edges, fitted.test_histogram_[1])
    assert hax.get_xlabel() == "Distribution"


@pytest.mark.parametrize("hist", [True, "frequency", "density"])
def test_histogram_count_axis_has_whole_number_ticks(data, hist):
    X_train, _, y_train, _ = data
    viz = ResidualsPlot(Ridge(), hist=hist).fit(X_train[:20], y_train[:20])
    viz.show()
    ticks = viz.hax_.get_xticks()
    whole = np.array_equal(ticks, np.round(ticks))
    assert whole == (hist != "density")  # densities stay fractional


def test_qq_axes_scatter_probplot_points(data):
    X_train, X_test, y_train, y_test = data
    viz = residuals_plot(Ridge(), X_train, y_train, X_test, y_test, hist=False,
                         qqplot=True, show=False)  # fmt: skip
    assert viz.hax_ is None
    qqax = viz.qqax_
    expected = probplot(viz.test_residuals_, dist="norm", fit=False)
    assert_allclose(qqax.collections[-1].get_offsets(), np.c_[expected])
    slope, intercept = viz.test_qq_line_
    assert qqax.lines[-1].get_slope() == pytest.approx(slope)
    assert qqax.lines[-1].get_xy1() == pytest.approx((0, intercept))
    assert qqax.get_title() == "Q-Q plot"
    assert qqax.get_xlabel() == "Theoretical quantiles"


def test_density_image_above_threshold_keeps_limits_and_legend():
    rng = np.random.RandomState(0)
    n = DENSITY_THRESHOLD + 10_000
    X = rng.randn(2 * n, 3)
    y = X @ np.array([1.0, -2.0, 0.5]) + rng.randn(2 * n)
    viz = ResidualsPlot(LinearRegression(), train_color="red", test_color="blue")
    viz.fit(X[:n], y[:n]).score(X[n:], y[n:])
    ax = viz.plot().ax_
    assert all(isinstance(a, AxesImage) for a in viz.scatters_.values())
    assert len(ax.images) == 2 and not ax.collections
    predictions = np.r_[viz.train_predictions_, viz.test_predictions_]
    errors = np.r_[viz.train_residuals_, viz.test_residuals_]
    assert_allclose(ax.get_xlim(), (predictions.min(), predictions.max()))
    assert_allclose(ax.get_ylim(), (errors.min(), errors.max()))
    legend = ax.get_legend()
    assert [t.get_text()[:5] for t in legend.get_texts()] == ["Train", "Test "]
    colors = [h.get_color() for h in legend.legend_handles]
    assert colors == ["red", "blue"]
    # the train image is drawn in the train colour
    rgba = viz.scatters_["train"].get_array()
    filled = rgba[..., 3] > 0
    assert_allclose(rgba[filled][:, :3], np.tile(to_rgba("red")[:3], (filled.sum(), 1)))


def test_from_predictions_draws_test_residuals_without_a_model():
    rng = np.random.RandomState(1)
    y_true = rng.randn(80)
    y_pred = y_true + rng.randn(80) * 0.3
    viz = ResidualsPlot.from_predictions(y_true, y_pred, hist="density")
    assert viz.estimator is None
    assert_allclose(viz.test_residuals_, y_true - y_pred)
    assert viz.score_ == pytest.approx(r2_score(y_true, y_pred))
    expected = np.histogram(y_true - y_pred, HIST_BINS, density=True)[0]
    assert_allclose(viz.test_histogram_[0], expected)
    texts = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert texts == [f"Test $R^2 = {viz.score_:0.3f}$"]
    assert viz.ax_.get_title() == "Residuals"


def test_from_predictions_checks_lengths_and_options():
    with pytest.raises(VizkitValueError, match="y_pred"):
        ResidualsPlot.from_predictions([1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(VizkitValueError, match="hist"):
        ResidualsPlot.from_predictions([1.0, 2.0], [1.0, 2.5], hist="counts")


def test_quick_method_with_and_without_test_split(data):
    X_train, X_test, y_train, y_test = data
    viz = residuals_plot(Ridge(), X_train, y_train, X_test, y_test, show=False)
    assert isinstance(viz, ResidualsPlot)
    assert viz.score_ == pytest.approx(viz.estimator.score(X_test, y_test))
    assert viz.ax_.get_legend() is not None
    # Without test data the plot shows the training split once, labelled so.
    same = residuals_plot(Ridge(), X_train, y_train, show=False, title="Mine")
    assert not hasattr(same, "test_residuals_")
    assert list(same.scatters_) == ["train"]
    legend = [t.get_text() for t in same.ax_.get_legend().get_texts()]
    assert len(legend) == 1 and legend[0].startswith("Train")
    assert same.ax_.get_title() == "Mine"
    with pytest.raises(VizkitValueError, match="X_test"):
        residuals_plot(Ridge(), X_train, y_train, X_test=X_test, show=False)


def test_quick_method_docstring_shares_class_parameters():
    assert "train_alpha : float, default=0.75" in residuals_plot.__doc__
    assert "{params}" not in residuals_plot.__doc__


def test_yellowbrick_example_runs_unchanged(data):
    X_train, X_test, y_train, y_test = data
    visualizer = ResidualsPlot(Ridge())
    visualizer.fit(X_train, y_train)
    visualizer.score(X_test, y_test)
    ax = visualizer.show()
    assert ax is visualizer.ax_


# -- errors ----------------------------------------------------------------------


def test_classifier_raises_model_error_in_fit_not_init(data):
    X_train, _, y_train, _ = data
    viz = ResidualsPlot(LogisticRegression())  # no check in __init__
    with pytest.raises(ModelError, match="estimator"):
        viz.fit(X_train, y_train > 0)
    forced = ResidualsPlot(LinearRegression(), force_model=True)
    assert forced.fit(X_train, y_train) is forced


def test_hist_and_qqplot_together_are_rejected_in_fit(data):
    X_train, _, y_train, _ = data
    viz = ResidualsPlot(Ridge(), hist=True, qqplot=True)
    with pytest.raises(VizkitValueError, match="hist.*qqplot"):
        viz.fit(X_train, y_train)


@pytest.mark.parametrize("params, name", [({"hist": "counts"}, "hist"),
                                          ({"qqplot": "yes"}, "qqplot")])  # fmt: skip
def test_unknown_options_name_the_parameter(data, params, name):
    X_train, _, y_train, _ = data
    with pytest.raises(VizkitValueError, match=name):
        ResidualsPlot(Ridge(), **params).fit(X_train, y_train)


def test_hist_none_and_false_draw_no_histogram(data):
    X_train, _, y_train, _ = data
    for hist in (None, False):
        viz = ResidualsPlot(Ridge(), hist=hist).fit(X_train, y_train).plot()
        assert viz.hax_ is None and not hasattr(viz, "train_histogram_")


def test_score_needs_a_fitted_model(data):
    _, X_test, _, y_test = data
    with pytest.raises(NotFitted):
        ResidualsPlot(Ridge()).score(X_test, y_test)


def test_non_numeric_target_is_rejected(data):
    X_train, _, y_train, _ = data
    labels = np.where(y_train > 0, "high", "low")
    with pytest.raises(VizkitValueError, match=r"\by\b"):
        ResidualsPlot(Ridge()).fit(X_train, labels)


def test_regression_score_visualizer_base(data):
    X_train, X_test, y_train, y_test = data
    viz = RegressionScoreVisualizer(Ridge()).fit(X_train, y_train)
    assert viz.score(X_test, y_test) == pytest.approx(
        r2_score(y_test, viz.estimator.predict(X_test))
    )
    with pytest.raises(ModelError, match="estimator"):
        RegressionScoreVisualizer(LogisticRegression()).fit(X_train, y_train > 0)
    with pytest.raises(NotFitted):
        RegressionScoreVisualizer(Ridge()).score(X_test, y_test)


class ConstantRegressor(RegressorMixin, BaseEstimator):
    """Predicts ``value`` everywhere (NaN or huge, as a failed model may)."""

    def __init__(self, value=0.0):
        self.value = value

    def fit(self, X, y):
        self.n_features_in_ = np.shape(X)[1]
        return self

    def predict(self, X):
        return np.full(len(X), self.value)


def test_target_too_large_to_square_is_refused(data):
    """At 1e300 R^2 overflowed to NaN without a word: one clear error instead."""
    X_train, _, y_train, _ = data
    huge = y_train * 1e300
    with pytest.raises(
        VizkitValueError,
        match=r"^y holds values as large as .*e\+30\d, too large to compute with: "
        r"for 210 values, .* divide the target by a power of ten first",
    ):
        residuals_plot(Ridge(), X_train, huge, show=False)
    with pytest.raises(VizkitValueError, match=r"^y_true holds values as large"):
        ResidualsPlot.from_predictions(huge, y_train)


@pytest.mark.parametrize(
    "value, problem",
    [(np.nan, r"contains 210 NaN or infinite value\(s\)"),
     (1e300, r"holds values as large as 1e\+300")],
)  # fmt: skip
def test_predictions_that_cannot_be_scored_are_refused(data, value, problem):
    X_train, _, y_train, _ = data
    with pytest.raises(
        VizkitValueError,
        match=rf"^predict\(X\) {problem}.*check X for extreme values",
    ):
        ResidualsPlot(ConstantRegressor(value)).fit(X_train, y_train)


def test_missing_y_is_refused_naming_the_visualizer(data):
    X_train = data[0]
    with pytest.raises(
        VizkitValueError,
        match="ResidualsPlot requires y to be passed, but the target y is None",
    ):
        ResidualsPlot(Ridge()).fit(X_train, None)


def test_qqplot_of_a_single_sample_is_refused(data):
    """One point has no Q-Q line (numpy's polyfit raised LinAlgError)."""
    X_train, _, y_train, _ = data
    with pytest.raises(
        VizkitValueError,
        match=r"^qqplot=True fits a reference line .* at least 2 samples, but got 1",
    ):
        ResidualsPlot(Ridge(), hist=False, qqplot=True).fit(X_train[:1], y_train[:1])
    viz = ResidualsPlot(Ridge(), hist=False, qqplot=True)
    assert np.isfinite(viz.fit(X_train[:2], y_train[:2]).train_qq_line_).all()


# -- metrics stated on the plot ----------------------------------------------------


def test_metrics_per_split_match_sklearn(data, fitted):
    X_train, X_test, y_train, y_test = data
    model = fitted.estimator
    for split, X, y in (("train", X_train, y_train), ("test", X_test, y_test)):
        predicted = model.predict(X)
        metrics = getattr(fitted, f"{split}_metrics_")
        assert set(metrics) == {"r2", "mse", "rmse", "mae"}  # y < 0: no MSLE
        assert metrics["r2"] == pytest.approx(r2_score(y, predicted))
        assert metrics["r2"] == getattr(fitted, f"{split}_score_")
        assert metrics["mse"] == pytest.approx(mean_squared_error(y, predicted))
        assert metrics["rmse"] == pytest.approx(root_mean_squared_error(y, predicted))
        assert metrics["mae"] == pytest.approx(mean_absolute_error(y, predicted))


def test_metrics_box_has_a_column_per_split_beside_the_legend(fitted):
    ax = fitted.show()
    lines = fitted.metrics_text_.get_text().splitlines()
    assert lines[0].split() == ["Train", "Test"]
    assert [line.split()[0] for line in lines[1:]] == ["MSE", "RMSE", "MAE"]
    train, test = fitted.train_metrics_, fitted.test_metrics_
    assert lines[2].split()[1:] == [f"{train['rmse']:.4g}", f"{test['rmse']:.4g}"]
    ax.figure.canvas.draw()
    legend = ax.get_legend().get_window_extent()
    assert not legend.overlaps(fitted.metrics_text_.get_window_extent())


def test_msle_of_positive_targets_from_predictions():
    rng = np.random.RandomState(2)
    y_true = rng.gamma(3.0, 2.0, size=120)
    y_pred = np.abs(y_true + rng.randn(120))
    viz = ResidualsPlot.from_predictions(y_true, y_pred)
    assert viz.test_metrics_["msle"] == pytest.approx(
        mean_squared_log_error(y_true, y_pred)
    )
    assert viz.metrics_text_.get_text().splitlines()[-1].split() == [
        "MSLE",
        f"{viz.test_metrics_['msle']:.4g}",
    ]
    assert not hasattr(viz, "train_metrics_")
