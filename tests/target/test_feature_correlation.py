"""FeatureCorrelation: scores against scipy and scikit-learn, selection, drawing."""

from __future__ import annotations

import warnings
from importlib import import_module

import numpy as np
import pandas as pd
import polars as pl
import pytest
from matplotlib.colors import to_rgba
from numpy.testing import assert_allclose, assert_array_equal
from scipy.stats import pearsonr
from sklearn.datasets import load_diabetes, load_wine
from sklearn.feature_selection import mutual_info_classif, mutual_info_regression
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.exceptions import NotFitted, VizkitValueError, VizkitWarning
from vizkit.target import FeatureCorrelation, feature_correlation

fc_module = import_module("vizkit.target.feature_correlation")


@pytest.fixture(scope="module")
def diabetes():
    data = load_diabetes()
    return data.data, data.target, np.array(data.feature_names)


@pytest.fixture(scope="module")
def wine():
    return load_wine(return_X_y=True, as_frame=True)


def pearson_reference(X, y):
    return np.array([pearsonr(column, y)[0] for column in np.asarray(X).T])


def bar_widths(viz) -> np.ndarray:
    return np.array([patch.get_width() for patch in viz.bars_])


def tick_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


# -- numbers ---------------------------------------------------------------------


def test_pearson_equals_scipy(diabetes):
    X, y, names = diabetes
    viz = FeatureCorrelation(labels=names).fit(X, y)
    assert_allclose(viz.scores_, pearson_reference(X, y), rtol=1e-12, atol=1e-14)
    assert_array_equal(viz.features_, names)


def test_pearson_sums_over_row_blocks(monkeypatch, diabetes):
    X, y, _ = diabetes
    monkeypatch.setattr(fc_module, "CHUNK_ROWS", 50)  # 442 rows: 9 blocks
    viz = FeatureCorrelation().fit(X * 1e3 + 7.0, y)
    assert_allclose(viz.scores_, pearson_reference(X, y), rtol=1e-10)


def test_mutual_info_regression_equals_sklearn_with_the_same_seed(diabetes):
    X, y, _ = diabetes
    discrete = np.zeros(X.shape[1], dtype=bool)
    discrete[1] = True  # sex
    viz = FeatureCorrelation(
        method="mutual_info-regression", random_state=3, discrete_features=discrete
    ).fit(X, y)
    expected = mutual_info_regression(X, y, discrete_features=discrete, random_state=3)
    assert_allclose(viz.scores_, expected)


def test_mutual_info_classification_equals_sklearn_with_the_same_seed(wine):
    X, y = wine
    viz = FeatureCorrelation(method="mutual_info-classification", random_state=0)
    viz.fit(X, y)
    assert_allclose(viz.scores_, mutual_info_classif(X, y, random_state=0))
    assert_array_equal(viz.features_, X.columns)


def test_yellowbrick_fit_keywords_reach_mutual_info(diabetes):
    X, y, _ = diabetes
    viz = FeatureCorrelation(method="mutual_info-regression", random_state=1)
    viz.fit(X, y, random_state=0, n_neighbors=5)  # fit's win, as in Yellowbrick
    expected = mutual_info_regression(X, y, random_state=0, n_neighbors=5)
    assert_allclose(viz.scores_, expected)
    assert viz.random_state == 1  # the parameter is not changed
    with pytest.raises(VizkitValueError, match="no_such"):
        viz.fit(X, y, no_such=1)
    with pytest.warns(VizkitWarning, match="ignores"):
        FeatureCorrelation().fit(X, y, random_state=0)


def test_sort_orders_scores_and_names_together(diabetes):
    X, y, names = diabetes
    viz = FeatureCorrelation(labels=names, sort=True).fit(X, y)
    reference = pearson_reference(X, y)
    order = np.argsort(reference)
    assert_allclose(viz.scores_, reference[order])
    assert_array_equal(viz.features_, names[order])
    assert viz.features_[-1] == "bmi"


def test_feature_index_chooses_positions_in_the_given_order(diabetes):
    X, y, names = diabetes
    viz = FeatureCorrelation(labels=names, feature_index=[8, 2, 0]).fit(X, y)
    assert_array_equal(viz.features_, names[[8, 2, 0]])
    assert_allclose(viz.scores_, pearson_reference(X, y)[[8, 2, 0]])


def test_feature_names_choose_frame_columns(wine):
    X, y = wine
    chosen = ["alcohol", "ash", "hue", "proline", "total_phenols"]
    viz = FeatureCorrelation(
        method="mutual_info-classification", feature_names=chosen, sort=True,
        random_state=0,
    ).fit(X, y)  # fmt: skip
    expected = mutual_info_classif(X[chosen], y, random_state=0)
    order = np.argsort(expected)
    assert_allclose(viz.scores_, expected[order])
    assert_array_equal(viz.features_, np.array(chosen)[order])


def test_discrete_positions_follow_the_chosen_columns(diabetes):
    X, y, names = diabetes
    viz = FeatureCorrelation(
        method="mutual_info-regression", feature_index=[1, 2], discrete_features=[1],
        random_state=0,
    ).fit(X, y)  # fmt: skip
    expected = mutual_info_regression(
        X[:, [1, 2]], y, discrete_features=[True, False], random_state=0
    )
    assert_allclose(viz.scores_, expected)


def test_polars_frame(wine):
    X, y = wine
    viz = FeatureCorrelation(feature_names=["hue", "alcohol"]).fit(
        pl.from_pandas(X), pl.Series("y", y.to_numpy())
    )
    assert_allclose(viz.scores_, pearson_reference(X[["hue", "alcohol"]], y))
    assert_array_equal(viz.features_, ["hue", "alcohol"])


# -- a transformer in a Pipeline ---------------------------------------------------


def test_mid_pipeline_with_pandas_output(wine):
    X, y = wine
    pipe = Pipeline([
        ("scale", StandardScaler()),
        ("viz", FeatureCorrelation(sort=True)),
        ("clf", LogisticRegression(max_iter=1000)),
    ]).set_output(transform="pandas")  # fmt: skip
    pipe.fit(X, y)
    viz = pipe.named_steps["viz"]
    scaled = StandardScaler().fit_transform(X)
    assert_allclose(np.sort(pearson_reference(scaled, y)), viz.scores_, atol=1e-12)
    Xt = pipe[:-1].transform(X)
    assert list(Xt.columns) == list(X.columns)
    assert_allclose(Xt.to_numpy(), scaled)
    assert_array_equal(viz.get_feature_names_out(), X.columns)
    assert pipe.score(X, y) > 0.9


def test_transform_returns_x_itself(diabetes):
    X, y, names = diabetes
    viz = FeatureCorrelation(labels=names, feature_index=[0])
    assert viz.fit_transform(X, y) is X
    frame = pd.DataFrame(X, columns=names)
    assert viz.fit(frame, y).transform(frame) is frame
    assert_array_equal(viz.get_feature_names_out(), names)  # all columns pass
    with pytest.raises(VizkitValueError, match="features"):
        viz.transform(X[:, :3])


# -- drawing ---------------------------------------------------------------------


def test_bars_and_labels(diabetes):
    X, y, names = diabetes
    viz = feature_correlation(X, y, labels=names, sort=True, color="red", show=False)
    ax = viz.ax_
    assert len(viz.bars_) == len(names)
    assert_allclose(bar_widths(viz), viz.scores_)
    assert_allclose([p.get_y() + p.get_height() / 2 for p in viz.bars_],
                    np.arange(len(names)) + 0.5)  # fmt: skip
    assert viz.bars_[0].get_facecolor() == to_rgba("red")
    assert tick_labels(ax) == list(viz.features_)
    assert ax.get_title() == "Features correlation with dependent variable"
    assert ax.get_xlabel() == "Pearson Correlation"


def test_mutual_info_axis_label(wine):
    X, y = wine
    viz = FeatureCorrelation(method="mutual_info-classification", random_state=0)
    viz.fit(X, y).plot()
    assert viz.ax_.get_xlabel() == "Mutual Information"


# -- bad input -------------------------------------------------------------------


def test_constant_column_warns_once_and_is_blank(diabetes):
    X, y, names = diabetes
    X = X.copy()
    X[:, 3] = 0.1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        viz = feature_correlation(X, y, labels=names, show=False)
    messages = [str(w.message) for w in caught if w.category is VizkitWarning]
    assert len(messages) == 1 and "'bp'" in messages[0]
    assert np.isnan(viz.scores_[3])
    assert np.isfinite(np.delete(viz.scores_, 3)).all()
    assert bar_widths(viz)[3] != bar_widths(viz)[3]  # NaN width: nothing drawn


def test_constant_target_warns_and_draws_blank(diabetes):
    X, _, _ = diabetes
    with pytest.warns(VizkitWarning, match="y is constant"):
        viz = FeatureCorrelation().fit(X, np.ones(len(X)))
    assert np.isnan(viz.scores_).all()
    viz.plot()


def test_y_is_required(diabetes):
    X, _, _ = diabetes
    with pytest.raises(VizkitValueError, match="requires y"):
        FeatureCorrelation().fit(X)


def test_non_numeric_column_is_named(wine):
    X, y = wine
    X = X.assign(region=["north", "south"] * (len(X) // 2))
    with pytest.raises(VizkitValueError, match="region"):
        FeatureCorrelation().fit(X, y)


def test_nan_is_refused_and_x_not_modified(diabetes):
    X, y, _ = diabetes
    bad = X.copy()
    bad[5, 2] = np.nan
    before = bad.copy()
    with pytest.raises(VizkitValueError, match="NaN"):
        FeatureCorrelation().fit(bad, y)
    assert_array_equal(bad, before)


@pytest.mark.parametrize(
    "params, match",
    [
        ({"feature_index": [0, 10]}, r"contains 10, but X has 10 columns"),
        ({"feature_index": [-1]}, "from 0 to 9"),
        ({"feature_index": []}, "empty"),
        ({"feature_index": [0.5]}, "non-integers"),
        ({"feature_names": ["bmi", "height"]}, r"\['height'\].*'age', 'sex'"),
        ({"feature_names": ["bmi"], "feature_index": [0]}, "not both"),
        ({"labels": ["a", "b"]}, "labels|features has 2 names"),
        ({"method": "spearman"}, "method="),
    ],
)
def test_bad_selection_names_what_exists(diabetes, params, match):
    X, y, names = diabetes
    params = {"labels": names, **params}
    with pytest.raises(VizkitValueError, match=match):
        FeatureCorrelation(**params).fit(X, y)


def test_target_kind_must_suit_the_method(diabetes, wine):
    X, y, _ = diabetes
    with pytest.raises(VizkitValueError, match="mutual_info-regression"):
        FeatureCorrelation(method="mutual_info-classification").fit(X, y + 0.5)
    Xw, yw = wine
    with pytest.raises(VizkitValueError, match="non-numeric"):
        FeatureCorrelation().fit(Xw, np.array(["a", "b"])[yw % 2])


def test_too_few_rows_for_the_neighbours(diabetes):
    X, y, _ = diabetes
    with pytest.raises(VizkitValueError, match="minimum of 4"):
        FeatureCorrelation(method="mutual_info-regression").fit(X[:3], y[:3])
    with pytest.raises(VizkitValueError, match="minimum of 2"):
        FeatureCorrelation().fit(X[:1], y[:1])


def test_not_fitted():
    with pytest.raises(NotFitted):
        FeatureCorrelation().show()
