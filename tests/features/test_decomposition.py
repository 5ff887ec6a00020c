"""ExplainedVariance: numbers against scikit-learn's PCA, drawn artists, errors."""

import inspect

import numpy as np
import pandas as pd
import polars as pl
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import load_breast_cancer
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.exceptions import NotFitted, VizkitValueError
from vizkit.features import ExplainedVariance, explained_variance_visualizer
from vizkit.features.decomposition import components_reaching


@pytest.fixture(scope="module")
def cancer():
    return load_breast_cancer(return_X_y=True)


def reference(X, scale=True, n_components=None):
    data = StandardScaler().fit_transform(X) if scale else X
    return PCA(n_components, svd_solver="full").fit(data), data


@pytest.mark.parametrize("scale", [True, False])
def test_ratios_and_cumsum_equal_sklearn(cancer, scale):
    X, _ = cancer
    viz = ExplainedVariance(scale=scale).fit(X)
    pca, _ = reference(X, scale)
    assert_allclose(viz.explained_variance_ratio_, pca.explained_variance_ratio_)
    assert_allclose(viz.explained_variance_, pca.explained_variance_)
    assert_allclose(
        viz.cumulative_variance_ratio_, np.cumsum(pca.explained_variance_ratio_)
    )
    assert len(viz.explained_variance_ratio_) == X.shape[1]


@pytest.mark.parametrize("threshold", [0.5, 0.8, 0.9, 0.95, 0.99])
def test_n_components_is_sklearns_rule_for_the_threshold(cancer, threshold):
    X, _ = cancer
    viz = ExplainedVariance(threshold=threshold).fit(X)
    expected = PCA(threshold, svd_solver="full").fit(StandardScaler().fit_transform(X))
    assert viz.n_components_ == expected.n_components_


def test_components_reaching_edges():
    cumulative = np.array([0.5, 0.8, 1.0])
    assert components_reaching(cumulative, 0.5) == 2  # strictly greater, as sklearn
    assert components_reaching(cumulative, 0.49) == 1
    assert components_reaching(cumulative, 1.0) == 3
    assert components_reaching(cumulative[:2], 0.9) is None
    assert components_reaching(cumulative, None) is None


def test_transform_returns_the_projection_as_yellowbrick(cancer):
    X, _ = cancer
    viz = ExplainedVariance(n_components=4)
    Xp = viz.fit_transform(X)
    pca, data = reference(X, n_components=4)
    flip = np.sign(np.sum(viz.pca_transformer_["pca"].components_ * pca.components_, 1))
    assert Xp.shape == (len(X), 4)
    assert_allclose(Xp * flip, pca.transform(data), atol=1e-8)
    assert_allclose(viz.transform(X[:7]), Xp[:7], atol=1e-10)
    assert list(viz.get_feature_names_out()) == ["pca0", "pca1", "pca2", "pca3"]
    assert viz.pipeline is viz.pca_transformer_


def test_drawn_bars_line_and_threshold(cancer):
    X, _ = cancer
    viz = ExplainedVariance(threshold=0.9).fit(X)
    viz.plot()
    ax = viz.ax_
    assert_allclose(viz.line_.get_ydata(), viz.cumulative_variance_ratio_)
    assert_allclose(viz.line_.get_xdata(), np.arange(1, 31))
    heights = [patch.get_height() for patch in viz.bars_]
    assert_allclose(heights, viz.explained_variance_ratio_)
    horizontal, vertical = viz.threshold_lines_
    assert horizontal.get_ydata()[0] == 0.9
    assert vertical.get_xdata()[0] == viz.n_components_ == 7
    assert "7 components" in [t.get_text() for t in ax.texts]
    assert ax.get_title() == "Explained Variance Plot"
    labels = [t.get_text() for t in viz.legend_.get_texts()]
    assert labels == ["cumulative", "90% of the variance", "each component"]


def test_no_bars_and_unreached_threshold(cancer):
    X, _ = cancer
    viz = ExplainedVariance(n_components=2, bars=False, threshold=0.99).fit(X)
    viz.plot()
    assert viz.bars_ is None and not viz.ax_.patches
    assert viz.n_components_ is None
    assert len(viz.threshold_lines_) == 1
    assert any("not reached" in t.get_text() for t in viz.ax_.texts)


def test_threshold_none_draws_no_mark(cancer):
    viz = ExplainedVariance(threshold=None).fit(cancer[0])
    viz.plot()
    assert viz.n_components_ is None and viz.threshold_lines_ == []


def test_pandas_polars_and_input_unchanged(cancer):
    X, _ = cancer
    frame = pd.DataFrame(X, columns=[f"c{i}" for i in range(30)])
    before = frame.copy()
    expected = ExplainedVariance().fit(X).explained_variance_ratio_
    for data in (frame, pl.from_pandas(frame)):
        viz = ExplainedVariance().fit(data)
        assert_allclose(viz.explained_variance_ratio_, expected)
        assert list(viz.feature_names_in_) == list(frame.columns)
    pd.testing.assert_frame_equal(frame, before)


def test_in_a_pipeline_with_set_output(cancer):
    X, y = cancer
    pipe = Pipeline(
        [("ev", ExplainedVariance(n_components=5)), ("clf", LogisticRegression())]
    )
    pipe.fit(X, y)
    assert pipe.score(X, y) > 0.9
    step = ExplainedVariance(n_components=3).set_output(transform="pandas")
    out = step.fit_transform(pd.DataFrame(X))
    assert list(out.columns) == ["pca0", "pca1", "pca2"]


def test_constant_column_is_fine_all_constant_is_refused(cancer):
    X = cancer[0].copy()
    X[:, 3] = 2.0
    viz = ExplainedVariance().fit(X)
    assert np.isfinite(viz.explained_variance_ratio_).all()
    with pytest.raises(VizkitValueError, match="constant"):
        ExplainedVariance().fit(np.ones((10, 3)))


@pytest.mark.parametrize(
    "params, match",
    [
        ({"n_components": 0}, "n_components"),
        ({"n_components": 40}, "n_components=40"),
        ({"threshold": 1.5}, "threshold"),
        ({"scale": "yes"}, "scale"),
        ({"colormap": "no-such-map"}, "colormap"),
    ],
)
def test_bad_options(cancer, params, match):
    with pytest.raises(VizkitValueError, match=match):
        ExplainedVariance(**params).fit(cancer[0])


def test_bad_data(cancer):
    X = cancer[0][:50].copy()
    X[4, 2] = np.nan
    with pytest.raises(VizkitValueError, match="NaN"):
        ExplainedVariance().fit(X)
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": ["x", "y", "z"]})
    with pytest.raises(ValueError, match="'b'"):
        ExplainedVariance().fit(frame)
    with pytest.raises(VizkitValueError, match="y"):
        ExplainedVariance().fit(cancer[0], cancer[1][:-3])
    with pytest.raises(NotFitted):
        ExplainedVariance().show()


def test_yellowbrick_signature_and_quick_method(cancer):
    params = inspect.signature(ExplainedVariance).parameters
    assert list(params)[:5] == ["ax", "scale", "center", "n_components", "colormap"]
    assert params["colormap"].default == "RdBu"
    viz = explained_variance_visualizer(
        cancer[0], scale=True, center=True, colormap="RdBu_r", show=False
    )
    assert viz.n_components_ == 10  # 95% of the breast cancer variance
