"""Tests of LocalExplanation: the surrogate against a linear model's coefficients,
the gradient of a logistic model, scikit-learn's weighted least squares on the
same perturbations, then seeds, the drawing and bad input."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn.datasets import make_classification, make_regression
from sklearn.ensemble import RandomForestRegressor
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.inspection import LocalExplanation, local_explanation
from vizkit.inspection.local import kernel_weights


@pytest.fixture(scope="module")
def regression():
    X, y = make_regression(n_samples=200, n_features=4, noise=3, random_state=0)
    return X, y, LinearRegression().fit(X, y)


@pytest.fixture(scope="module")
def binary():
    X, y = make_classification(
        n_samples=300, n_features=4, n_informative=3, n_redundant=0, random_state=0
    )
    return X, y, LogisticRegression().fit(X, y)


@pytest.fixture(scope="module")
def three_classes():
    X, y = make_classification(
        n_samples=300, n_features=4, n_informative=3, n_redundant=0,
        n_classes=3, n_clusters_per_class=1, random_state=1,
    )  # fmt: skip
    return X, y, LogisticRegression(max_iter=500).fit(X, y)


def explain(model, X, y, row=3, **kwargs):
    kwargs.setdefault("random_state", 0)
    return LocalExplanation(model, x=X[row], **kwargs).fit(X, y)


def probability_gradient(model, x, column, step=1e-6):
    """Central finite differences of predict_proba[:, column] at x."""
    shifts = np.eye(len(x)) * step
    up = model.predict_proba(x + shifts)[:, column]
    down = model.predict_proba(x - shifts)[:, column]
    return (up - down) / (2 * step)


# -- the numbers --------------------------------------------------------------------


def test_linear_regression_coefficients_are_recovered_exactly(regression):
    X, y, model = regression
    viz = explain(model, X, y)
    assert_allclose(viz.coef_, model.coef_, rtol=1e-8)
    x = X[3]
    assert viz.prediction_ == pytest.approx(model.predict(x[None])[0], rel=1e-12)
    assert viz.local_prediction_ == pytest.approx(viz.prediction_, rel=1e-8)
    # The baseline is the model at the training mean: its own intercept + coef @ mean.
    assert viz.intercept_ == pytest.approx(
        model.intercept_ + model.coef_ @ X.mean(axis=0), rel=1e-8
    )
    assert viz.local_r2_ == pytest.approx(1.0, abs=1e-10)
    assert viz.classes_ is None and viz.explained_class_ is None


def test_coefficients_are_in_the_raw_features_units_through_a_pipeline(regression):
    X, y, _ = regression
    X = X * [1, 10, 100, 0.01]  # features of very different units
    model = make_pipeline(StandardScaler(), LinearRegression()).fit(X, y)
    viz = explain(model, X, y)
    scaler, linear = model[0], model[-1]
    assert_allclose(viz.coef_, linear.coef_ / scaler.scale_, rtol=1e-8)


def test_contributions_and_the_decomposition(binary):
    X, y, model = binary
    viz = explain(model, X, y)
    assert_allclose(viz.x_, X[3])
    assert_allclose(viz.mean_, X.mean(axis=0))
    assert_allclose(viz.std_, X.std(axis=0))
    assert_allclose(viz.contributions_, viz.coef_ * (X[3] - X.mean(axis=0)))
    assert viz.intercept_ + viz.contributions_.sum() == pytest.approx(
        viz.local_prediction_, rel=1e-12
    )
    assert viz.kernel_width_ == pytest.approx(0.75 * np.sqrt(4))


def test_surrogate_equals_weighted_least_squares_on_the_same_perturbations(binary):
    """Redraw the perturbations from the seed; fit scikit-learn's weighted line."""
    X, y, model = binary
    viz = explain(model, X, y, n_samples=800, scale=0.5, kernel_width=1.3)
    x, std = X[3], X.std(axis=0)
    rng = np.random.RandomState(0)
    rows = np.vstack([x, x + rng.standard_normal((800, 4)) * 0.5 * std])
    response = model.predict_proba(rows)[:, 1]
    distance2 = (((rows - x) / std) ** 2).sum(axis=1)
    weights = np.exp(-distance2 / 1.3**2)
    assert_allclose(kernel_weights(rows - x, std, 1.3), weights, rtol=1e-12)
    reference = LinearRegression().fit(rows - x, response, sample_weight=weights)
    assert_allclose(viz.coef_, reference.coef_, rtol=1e-7, atol=1e-12)
    assert viz.local_prediction_ == pytest.approx(reference.intercept_, rel=1e-9)
    fitted = reference.predict(rows - x)
    mean = np.average(response, weights=weights)
    r2 = 1 - np.sum(weights * (response - fitted) ** 2) / np.sum(
        weights * (response - mean) ** 2
    )
    assert viz.local_r2_ == pytest.approx(r2, rel=1e-9)


def test_logistic_slopes_approach_the_probability_gradient(binary):
    """A narrow neighbourhood (scale=0.05) gives the gradient within 0.5%."""
    X, y, model = binary
    viz = explain(model, X, y, scale=0.05)
    gradient = probability_gradient(model, X[3], column=1)
    assert_allclose(viz.coef_, gradient, atol=0.005 * np.abs(gradient).max())
    assert viz.explained_class_ == 1  # P(class 1) = 0.73 at row 3
    assert viz.prediction_ == pytest.approx(model.predict_proba(X[3:4])[0, 1])
    assert viz.local_r2_ > 0.99


def test_same_seed_same_explanation_and_seeds_agree(binary):
    X, y, model = binary
    first, second = explain(model, X, y), explain(model, X, y)
    assert_array_equal(first.coef_, second.coef_)
    assert first.intercept_ == second.intercept_
    # Stated tolerance: with 5000 perturbations, the slopes of 5 seeds spread
    # by under 2% of the largest slope (observed: 0.5%).
    slopes = np.array([explain(model, X, y, random_state=s).coef_ for s in range(5)])
    assert np.all(slopes.std(axis=0) < 0.02 * np.abs(slopes.mean(axis=0)).max())


def test_multiclass_target_chooses_the_explained_probability(three_classes):
    X, y, model = three_classes
    probabilities = model.predict_proba(X[3:4])[0]
    default = explain(model, X, y)
    assert default.explained_class_ == np.argmax(probabilities)
    per_class = [explain(model, X, y, target=c) for c in model.classes_]
    for c, viz in zip(model.classes_, per_class):
        assert viz.explained_class_ == c
        assert viz.prediction_ == pytest.approx(probabilities[c], rel=1e-12)
    # Same perturbations, probabilities summing to 1: the slopes sum to 0.
    assert_allclose(sum(v.coef_ for v in per_class), 0, atol=1e-10)
    assert_array_equal(default.coef_, per_class[default.explained_class_].coef_)


def test_string_classes_and_dataframes_name_the_features(binary):
    X, y, _ = binary
    names = ["age", "income", "height", "weight"]
    frame = pd.DataFrame(X, columns=names)
    labels = np.array(["no", "yes"])[y]
    model = LogisticRegression().fit(frame, labels)
    viz = LocalExplanation(model, x=frame.iloc[3], target="yes", random_state=0)
    with warnings.catch_warnings():  # the perturbations go to it as a frame
        warnings.simplefilter("error")
        viz.fit(frame, labels)
    assert list(viz.feature_names_) == names
    shuffled = frame.iloc[3][names[::-1]]  # a row is matched to X's columns by name
    assert_array_equal(viz.set_params(x=shuffled).fit(frame, labels).x_, X[3])
    assert viz.explained_class_ == "yes"
    reference = explain(LogisticRegression().fit(X, y), X, y, target=1)
    assert_allclose(viz.coef_, reference.coef_, rtol=1e-9)


# -- drawing -------------------------------------------------------------------------


def test_bars_are_the_largest_contributions_signed_and_labelled(binary):
    X, y, model = binary
    viz = explain(model, X, y, top_n=3, colors=["blue", "red"])
    _, ax = plt.subplots()
    viz.plot(ax=ax)
    order = np.argsort(np.abs(viz.contributions_))[-3:]
    widths = [bar.get_width() for bar in viz.bars_]
    assert_allclose(widths, viz.contributions_[order])
    colors = [bar.get_facecolor() for bar in viz.bars_]
    for width, color in zip(widths, colors):
        expected = (1, 0, 0, 1) if width >= 0 else (0, 0, 1, 1)
        assert_allclose(color, expected)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == [f"x{i} = {X[3, i]:.3g}" for i in order]
    assert "top 3 of 4" in ax.get_title()
    xlabel = ax.get_xlabel()
    assert "P(class = 1)" in xlabel
    assert f"model: {viz.prediction_:.3g}" in xlabel
    assert f"{viz.intercept_:.3g} at the mean" in xlabel


def test_quick_method_on_a_forest_regressor(regression):
    X, y, _ = regression
    model = RandomForestRegressor(n_estimators=10, random_state=0)
    viz = local_explanation(
        model, X, y, x=X[0], n_samples=500, random_state=0, show=False
    )
    assert viz.prediction_ == pytest.approx(model.predict(X[:1])[0])
    assert len(viz.bars_) == 4 and 0 <= viz.local_r2_ <= 1


# -- bad input ------------------------------------------------------------------------


def test_x_of_the_wrong_width_names_x_and_the_width(binary):
    X, y, model = binary
    with pytest.raises(VizkitValueError, match=r"x has 3 features, but X has 4"):
        LocalExplanation(model, x=X[0, :3]).fit(X, y)
    with pytest.raises(VizkitValueError, match=r"x must be one instance"):
        LocalExplanation(model, x=X[:2]).fit(X, y)


def test_missing_x_is_refused(binary):
    X, y, model = binary
    with pytest.raises(VizkitValueError, match=r"x=None.*pass x="):
        LocalExplanation(model).fit(X, y)


def test_classifier_without_predict_proba_is_refused(binary):
    X, y, _ = binary
    with pytest.raises(ModelError, match=r"LinearSVC has no predict_proba"):
        LocalExplanation(LinearSVC(), x=X[0]).fit(X, y)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"target": 7}, r"target=7 is not a class of the model; pass one of 0, 1"),
        ({"n_samples": 4}, r"n_samples=4 .* pass n_samples greater than 4"),
        ({"kernel_width": 0}, r"kernel_width=0 is not valid; pass a positive"),
        ({"scale": -1.0}, r"scale=-1.0 is not valid"),
    ],
)
def test_bad_options_are_refused(binary, kwargs, message):
    X, y, model = binary
    with pytest.raises(VizkitValueError, match=message):
        LocalExplanation(model, x=X[0], **kwargs).fit(X, y)


def test_sparse_or_missing_values_in_X_are_refused(regression):
    X, y, model = regression
    with pytest.raises(VizkitValueError, match=r"X is a sparse matrix.*toarray"):
        LocalExplanation(model, x=X[0]).fit(sparse.csr_matrix(X), y)
    X_nan = X.copy()
    X_nan[5, 1] = np.nan
    # A prefit model is not refitted, so vizkit's own check of X speaks.
    with pytest.raises(VizkitValueError, match=r"X contains NaN or infinity; impute"):
        LocalExplanation(model, x=X[0], is_fitted=True).fit(X_nan, y)


def test_target_of_a_regressor_and_non_numeric_x_are_refused(regression):
    X, y, model = regression
    with pytest.raises(VizkitValueError, match=r"target='a' names a class"):
        LocalExplanation(model, x=X[0], target="a").fit(X, y)
    with pytest.raises(VizkitValueError, match=r"x has non-numeric values"):
        LocalExplanation(model, x=["a", "b", "c", "d"]).fit(X, y)
