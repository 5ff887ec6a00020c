"""AlphaSelection and ManualAlphaSelection: numbers against scikit-learn, artists."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.datasets import make_regression
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import (
    ElasticNetCV,
    LarsCV,
    Lasso,
    LassoCV,
    LassoLarsCV,
    LinearRegression,
    LogisticRegression,
    Ridge,
    RidgeCV,
)
from sklearn.metrics import get_scorer, r2_score
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

from vizkit.exceptions import ModelError, NotFitted, VizkitValueError
from vizkit.regressor import (
    AlphaSelection,
    ManualAlphaSelection,
    alphas,
    manual_alphas,
)

ALPHAS = np.logspace(-2, 3, 8)
FOLDS = KFold(4, shuffle=True, random_state=0)


@pytest.fixture(scope="module")
def data():
    X, y = make_regression(
        n_samples=200, n_features=6, n_informative=4, noise=30, random_state=0
    )
    return X, y


def standard_error(values: np.ndarray, axis: int) -> np.ndarray:
    return values.std(axis=axis, ddof=1) / np.sqrt(values.shape[axis])


# -- AlphaSelection: errors equal the model's own ----------------------------------


def test_lasso_cv_errors_are_the_mean_of_mse_path(data):
    X, y = data
    viz = AlphaSelection(LassoCV(cv=FOLDS)).fit(*data)
    model = viz.estimator
    order = np.argsort(model.alphas_)
    assert_allclose(viz.alphas_, model.alphas_[order])
    assert_allclose(viz.errors_, model.mse_path_.mean(axis=1)[order])
    assert_allclose(viz.errors_se_, standard_error(model.mse_path_, 1)[order])
    assert viz.alpha_ == model.alpha_
    assert viz.alphas_[np.argmin(viz.errors_)] == pytest.approx(model.alpha_)


def test_elastic_net_cv_reads_the_chosen_l1_ratio_row(data):
    l1_ratios = [0.1, 0.5, 0.9]
    viz = AlphaSelection(ElasticNetCV(l1_ratio=l1_ratios, cv=FOLDS)).fit(*data)
    model = viz.estimator
    row = l1_ratios.index(model.l1_ratio_)
    order = np.argsort(model.alphas_[row])
    assert_allclose(viz.alphas_, model.alphas_[row][order])
    assert_allclose(viz.errors_, model.mse_path_[row].mean(axis=1)[order])
    assert viz.alpha_ == model.alpha_
    assert f"l1_ratio = {model.l1_ratio_:g}" in viz._curve().label


def test_lasso_lars_cv_errors_and_its_zero_alpha(data):
    viz = AlphaSelection(LassoLarsCV(cv=FOLDS)).fit(*data)
    model = viz.estimator
    assert_allclose(viz.alphas_, model.cv_alphas_)  # np.unique: already increasing
    assert_allclose(viz.errors_, model.mse_path_.mean(axis=1))
    assert viz.alpha_ == model.alpha_
    viz.plot()
    assert viz.alphas_[0] == 0 and viz.ax_.get_xscale() == "symlog"


def test_ridge_cv_errors_are_the_mean_of_cv_results(data):
    alphas_ = [10.0, 0.1, 1.0, 100.0]  # unsorted: drawn in increasing order
    viz = AlphaSelection(RidgeCV(alphas=alphas_, store_cv_results=True)).fit(*data)
    model = viz.estimator
    order = np.argsort(alphas_)
    assert_allclose(viz.alphas_, np.sort(alphas_))
    assert_allclose(viz.errors_, model.cv_results_.mean(axis=0)[order])
    assert_allclose(viz.errors_se_, standard_error(model.cv_results_, 0)[order])
    assert viz.alpha_ == model.alpha_


def test_ridge_cv_without_stored_results_is_read_from_a_copy(data):
    model = RidgeCV(alphas=ALPHAS)
    params = model.get_params()
    viz = AlphaSelection(model).fit(*data)
    assert model.get_params() == params  # never set on the user's model
    assert not hasattr(model, "cv_results_")
    assert model.alpha_ == viz.alpha_  # fitted in place, as every model visualizer
    reference = RidgeCV(alphas=ALPHAS, store_cv_results=True).fit(*data)
    assert_allclose(viz.errors_, reference.cv_results_.mean(axis=0))


def test_ridge_cv_with_a_scoring_keeps_predictions_read_as_squared_errors(data):
    X, y = data
    viz = AlphaSelection(
        RidgeCV(alphas=ALPHAS, scoring="r2", store_cv_results=True)
    ).fit(X, y)
    predictions = viz.estimator.cv_results_
    assert_allclose(viz.errors_, ((y[:, None] - predictions) ** 2).mean(axis=0))
    plain = RidgeCV(alphas=ALPHAS, store_cv_results=True).fit(X, y)
    assert_allclose(viz.errors_, plain.cv_results_.mean(axis=0))


def test_pipeline_ending_in_a_cv_model(data):
    X, y = data
    pipe = make_pipeline(StandardScaler(), LassoCV(cv=FOLDS))
    viz = AlphaSelection(pipe).fit(X, y)
    lasso = pipe[-1]
    assert_allclose(viz.errors_, lasso.mse_path_.mean(axis=1)[::-1])
    ridge = make_pipeline(StandardScaler(), RidgeCV(alphas=ALPHAS))
    viz = AlphaSelection(ridge).fit(X, y)  # the copy keeps its errors
    reference = make_pipeline(
        StandardScaler(), RidgeCV(alphas=ALPHAS, store_cv_results=True)
    ).fit(X, y)
    assert_allclose(viz.errors_, reference[-1].cv_results_.mean(axis=0))
    assert not ridge[-1].store_cv_results  # set on the copy only


def test_score_is_the_fitted_models_r2(data):
    X, y = data
    viz = AlphaSelection(LassoCV(cv=FOLDS)).fit(X[:150], y[:150])
    expected = r2_score(y[150:], viz.estimator.predict(X[150:]))
    assert viz.score(X[150:], y[150:]) == pytest.approx(expected)


def test_dataframe_input_gives_the_same_errors(data):
    X, y = data
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    by_frame = AlphaSelection(LassoCV(cv=FOLDS)).fit(frame, pd.Series(y))
    by_array = AlphaSelection(LassoCV(cv=FOLDS)).fit(X, y)
    assert_allclose(by_frame.errors_, by_array.errors_)
    assert list(by_frame.feature_names_in_) == list(frame.columns)


def test_force_model_reads_another_cv_model(data):
    with pytest.raises(ModelError, match="LarsCV"):
        AlphaSelection(LarsCV(cv=FOLDS)).fit(*data)
    viz = AlphaSelection(LarsCV(cv=FOLDS), force_model=True).fit(*data)
    assert_allclose(viz.errors_, viz.estimator.mse_path_.mean(axis=1))


# -- AlphaSelection: the picture ---------------------------------------------------


def test_curve_band_and_alpha_marker(data):
    viz = AlphaSelection(LassoCV(cv=FOLDS)).fit(*data)
    viz.plot()
    assert_allclose(viz.lines_["curve"].get_xydata(), np.c_[viz.alphas_, viz.errors_])
    assert_allclose(viz.lines_["alpha"].get_xdata(), [viz.alpha_, viz.alpha_])
    (band,) = [c for c in viz.ax_.collections if isinstance(c, PolyCollection)]
    low, high = viz.errors_ - viz.errors_se_, viz.errors_ + viz.errors_se_
    corners = band.get_paths()[0].vertices[:, 1]
    assert corners.min() == pytest.approx(low.min())
    assert corners.max() == pytest.approx(high.max())
    assert viz.ax_.get_xscale() == "log"
    legend = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert rf"$\alpha$ = {viz.alpha_:.3g}" in legend
    assert viz.ax_.get_title() == "LassoCV Alpha Error"
    assert viz.ax_.get_ylabel() == "mean squared error"


def test_band_off_and_color_redraw_without_refitting(data):
    viz = AlphaSelection(LassoCV(cv=FOLDS)).fit(*data)
    errors = viz.errors_
    viz.set_params(band=False, color="#ff0000").plot()
    assert not [c for c in viz.ax_.collections if isinstance(c, PolyCollection)]
    assert viz.lines_["curve"].get_color() == "#ff0000"
    assert viz.errors_ is errors


# -- AlphaSelection: bad input -----------------------------------------------------


@pytest.mark.parametrize(
    "model", [Ridge(), Lasso(), LinearRegression(), LogisticRegression()]
)
def test_a_model_that_is_not_a_cv_regressor_is_refused(data, model):
    with pytest.raises(ModelError) as raised:
        AlphaSelection(model).fit(*data)
    message = str(raised.value)
    assert "RidgeCV, LassoCV, LassoLarsCV or ElasticNetCV" in message
    assert "ManualAlphaSelection" in message
    assert type(model).__name__ in message


def test_ridge_cv_with_folds_keeps_no_errors(data):
    model = RidgeCV(cv=5)
    with pytest.raises(VizkitValueError, match="cv=5.*leave-one-out"):
        AlphaSelection(model).fit(*data)
    with pytest.raises(NotFittedError):
        check_is_fitted(model)  # refused before fitting anything


def test_nan_target_is_refused(data):
    X, y = data
    y = y.copy()
    y[3] = np.nan
    with pytest.raises(VizkitValueError, match="y contains"):
        AlphaSelection(LassoCV()).fit(X, y)


# -- ManualAlphaSelection: scores equal cross_val_score ------------------------------


def test_scores_equal_cross_val_score_per_alpha(data):
    X, y = data
    viz = ManualAlphaSelection(
        Ridge(), alphas=ALPHAS, cv=FOLDS, scoring="neg_mean_squared_error"
    ).fit(X, y)
    expected = np.array([
        cross_val_score(
            Ridge(alpha=a), X, y, cv=FOLDS, scoring="neg_mean_squared_error"
        )
        for a in ALPHAS
    ])  # fmt: skip
    assert_allclose(viz.cv_scores_, expected)
    assert_allclose(viz.scores_, expected.mean(axis=1))
    assert_allclose(viz.scores_se_, standard_error(expected, 1))
    best = int(np.argmax(expected.mean(axis=1)))
    assert viz.alpha_ == ALPHAS[best]
    assert viz.best_score_ == pytest.approx(expected.mean(axis=1)[best])


def test_default_cv_and_scoring_are_cross_val_scores(data):
    X, y = data
    viz = ManualAlphaSelection(Lasso(), alphas=ALPHAS[::-1]).fit(X, y)
    assert_array_equal(viz.alphas_, ALPHAS)  # increasing, whatever the order given
    expected = [cross_val_score(Lasso(alpha=a), X, y).mean() for a in ALPHAS]
    assert viz.cv_scores_.shape == (len(ALPHAS), 5)
    assert_allclose(viz.scores_, expected)
    assert "ax_" not in vars(viz)  # fit draws nothing


def test_default_alphas_span_1e_minus_10_to_1e2(data):
    viz = ManualAlphaSelection(Ridge(), cv=3).fit(*data)
    assert viz.alphas_[0] == pytest.approx(1e-10)
    assert viz.alphas_[-1] == pytest.approx(1e2)
    assert viz.cv_scores_.shape == (len(viz.alphas_), 3)


def test_best_estimator_is_refitted_at_the_best_alpha(data):
    X, y = data
    viz = ManualAlphaSelection(Ridge(), alphas=ALPHAS, cv=FOLDS).fit(X[:150], y[:150])
    reference = Ridge(alpha=viz.alpha_).fit(X[:150], y[:150])
    assert_allclose(viz.best_estimator_.coef_, reference.coef_)
    assert_allclose(viz.predict(X[150:]), reference.predict(X[150:]))
    assert viz.score(X[150:], y[150:]) == pytest.approx(
        reference.score(X[150:], y[150:])
    )
    scored = ManualAlphaSelection(
        Ridge(), alphas=ALPHAS, cv=FOLDS, scoring="neg_mean_absolute_error"
    ).fit(X[:150], y[:150])
    scorer = get_scorer("neg_mean_absolute_error")
    expected = scorer(scored.best_estimator_, X[150:], y[150:])
    assert scored.score(X[150:], y[150:]) == pytest.approx(expected)


def test_the_users_model_is_never_fitted_nor_changed(data):
    model = Ridge(alpha=3.0)
    ManualAlphaSelection(model, alphas=ALPHAS, cv=FOLDS).fit(*data)
    assert model.alpha == 3.0
    with pytest.raises(NotFittedError):
        check_is_fitted(model)


def test_pipeline_alpha_and_dataframe_input(data):
    X, y = data
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    pipe = make_pipeline(StandardScaler(), Lasso())
    viz = ManualAlphaSelection(pipe, alphas=ALPHAS, cv=FOLDS).fit(frame, pd.Series(y))
    expected = [
        cross_val_score(clone(pipe).set_params(lasso__alpha=a), X, y, cv=FOLDS)
        for a in ALPHAS
    ]
    assert_allclose(viz.cv_scores_, expected)
    assert viz.best_estimator_.get_params()["lasso__alpha"] == viz.alpha_


def test_polars_input_gives_the_same_scores(data):
    pl = pytest.importorskip("polars")
    X, y = data
    frame = pl.DataFrame(X, schema=[f"f{i}" for i in range(X.shape[1])])
    by_frame = ManualAlphaSelection(Ridge(), alphas=ALPHAS, cv=FOLDS)
    by_frame.fit(frame, pl.Series(y))
    by_array = ManualAlphaSelection(Ridge(), alphas=ALPHAS, cv=FOLDS).fit(X, y)
    assert_allclose(by_frame.cv_scores_, by_array.cv_scores_)
    assert list(by_frame.feature_names_in_) == list(frame.columns)


def test_sample_weight_is_cut_to_each_fold(data):
    X, y = data
    weights = np.random.default_rng(0).uniform(0.5, 2, len(y))
    viz = ManualAlphaSelection(Ridge(), alphas=ALPHAS[:3], cv=FOLDS)
    viz.fit(X, y, sample_weight=weights)
    expected = [
        cross_val_score(
            Ridge(alpha=a), X, y, cv=FOLDS, params={"sample_weight": weights}
        )
        for a in ALPHAS[:3]
    ]
    assert_allclose(viz.cv_scores_, expected)


def test_manual_picture(data):
    viz = ManualAlphaSelection(
        Ridge(), alphas=ALPHAS, cv=FOLDS, scoring="neg_mean_squared_error"
    ).fit(*data)
    viz.plot()
    assert_allclose(viz.lines_["curve"].get_xydata(), np.c_[viz.alphas_, viz.scores_])
    assert_allclose(viz.lines_["alpha"].get_xdata(), [viz.alpha_, viz.alpha_])
    assert viz.ax_.get_ylabel() == "neg mean squared error"
    assert viz.ax_.get_title() == "Ridge Alpha Selection"
    assert viz.ax_.get_xscale() == "log"


# -- ManualAlphaSelection: bad input -------------------------------------------------


@pytest.mark.parametrize(
    "bad", [[], [0.1, 0.0], [-1.0], [[0.1, 1.0]], [0.1, np.nan], "many"]
)
def test_bad_alphas_are_refused(data, bad):
    with pytest.raises(VizkitValueError, match="alphas=.*positive numbers"):
        ManualAlphaSelection(Ridge(), alphas=bad).fit(*data)


def test_a_model_without_alpha_is_refused(data):
    with pytest.raises(ModelError, match="LinearRegression has none"):
        ManualAlphaSelection(LinearRegression(), alphas=ALPHAS).fit(*data)
    with pytest.raises(ModelError, match="RidgeCV chooses its own alpha.*AlphaSel"):
        ManualAlphaSelection(RidgeCV(), alphas=ALPHAS).fit(*data)
    with pytest.raises(ModelError, match="not a regressor"):
        ManualAlphaSelection(LogisticRegression(), alphas=ALPHAS).fit(*data)


@pytest.mark.parametrize(
    ("option", "value"), [("cv", 1), ("cv", "folds"), ("scoring", "nope")]
)
def test_bad_cv_or_scoring_are_refused(data, option, value):
    with pytest.raises(VizkitValueError, match=f"{option}="):
        ManualAlphaSelection(Ridge(), alphas=ALPHAS, **{option: value}).fit(*data)


def test_too_few_samples_for_the_folds(data):
    X, y = data
    with pytest.raises(VizkitValueError, match="cv=5 cannot split"):
        ManualAlphaSelection(Ridge(), alphas=ALPHAS, cv=5).fit(X[:3], y[:3])


def test_predict_and_score_before_fit_raise_not_fitted(data):
    viz = ManualAlphaSelection(Ridge(), alphas=ALPHAS)
    with pytest.raises(NotFitted):
        viz.predict(data[0])
    with pytest.raises(NotFitted):
        viz.score(*data)


def test_a_failing_fit_names_the_visualizer_and_the_alpha(data):
    X, y = data
    X = X.copy()
    X[0, 0] = np.nan
    with pytest.raises(ValueError, match=r"^ManualAlphaSelection: Ridge at alpha="):
        ManualAlphaSelection(Ridge(), alphas=ALPHAS, cv=FOLDS).fit(X, y)


# -- quick methods --------------------------------------------------------------------


def test_quick_methods_fit_and_draw(data):
    viz = alphas(LassoCV(cv=FOLDS), *data, show=False)
    assert viz.ax_.lines
    viz = manual_alphas(Ridge(), *data, alphas=ALPHAS, cv=FOLDS, show=False)
    assert viz.alpha_ in ALPHAS and viz.ax_.lines
