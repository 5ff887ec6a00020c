"""JointPlot: correlations against scipy/numpy, modes, drawn artists, errors."""

import inspect
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import polars as pl
import pytest
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.image import AxesImage
from numpy.testing import assert_allclose, assert_array_equal
from scipy import stats
from sklearn.datasets import load_diabetes, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

import vizkit.draw
from vizkit.exceptions import VizkitValueError, VizkitWarning
from vizkit.features import JointPlot, JointPlotVisualizer, joint_plot
from vizkit.utils.target import TargetType

REFERENCES = {
    "pearson": lambda x, y: stats.pearsonr(x, y)[0],
    "spearman": lambda x, y: stats.spearmanr(x, y)[0],
    "kendalltau": lambda x, y: stats.kendalltau(x, y)[0],
    "covariance": lambda x, y: np.cov(x, y)[0, 1],
}


@pytest.fixture(scope="module")
def iris():
    return load_iris(return_X_y=True)


@pytest.fixture(scope="module")
def diabetes():
    data = load_diabetes(as_frame=True)
    return data.data, data.target


# -- numbers ---------------------------------------------------------------------


@pytest.mark.parametrize("method", sorted(REFERENCES))
def test_correlation_of_two_features_equals_scipy(iris, method):
    X, y = iris
    viz = JointPlot(columns=[0, 2], correlation=method).fit(X, y)
    assert_allclose(viz.corr_, REFERENCES[method](X[:, 0], X[:, 2]))
    assert_array_equal(viz.xy_, X[:, [0, 2]])
    assert (viz.xlabel_, viz.ylabel_) == ("x0", "x2")


@pytest.mark.parametrize("method", sorted(REFERENCES))
def test_correlation_of_a_feature_and_the_target(diabetes, method):
    X, y = diabetes
    viz = JointPlot(columns="bmi", correlation=method).fit(X, y)
    assert_allclose(viz.corr_, REFERENCES[method](X["bmi"], y))
    assert (viz.xlabel_, viz.ylabel_) == ("bmi", "target")
    assert viz.target_color_type_ == TargetType.SINGLE


def test_modes_of_columns(iris, diabetes):
    X, y = iris
    assert_array_equal(JointPlot().fit(X).xy_, X[:, :2])  # first two columns
    assert_array_equal(JointPlot(columns=-1).fit(X, y).xy_, np.c_[X[:, 3], y])
    one = JointPlot().fit(X[:, 1:2], y)  # one column: against the target
    assert_array_equal(one.xy_, np.c_[X[:, 1], y])
    frame, target = diabetes
    series = JointPlot().fit(frame["s5"], target)  # Yellowbrick's 1-D X and y
    assert (series.xlabel_, series.ylabel_) == ("s5", "target")
    assert series.n_features_in_ == 1
    assert JointPlot().fit(X[:, 0], y).xlabel_ == "x"
    assert JointPlot(columns=("s1", "s2")).fit(frame).xlabel_ == "s1"


def test_pandas_and_polars_by_name(diabetes):
    X, y = diabetes
    expected = JointPlot(columns=[2, 8]).fit(X.to_numpy(), y.to_numpy()).corr_
    for data in (X, pl.from_pandas(X)):
        viz = JointPlot(columns=["bmi", "s5"]).fit(data, y)
        assert_allclose(viz.corr_, expected)
        assert (viz.xlabel_, viz.ylabel_) == ("bmi", "s5")
        assert viz.target_color_type_ == TargetType.CONTINUOUS


def test_only_the_drawn_columns_must_be_numeric(iris):
    X, y = iris
    frame = pd.DataFrame(X, columns=list("abcd")).assign(name="iris")
    before = frame.copy()
    viz = JointPlot(columns=["a", "c"])
    assert viz.fit_transform(frame, y) is frame
    pd.testing.assert_frame_equal(frame, before)


# -- drawing -----------------------------------------------------------------------


def test_scatter_histograms_and_legend(iris):
    X, y = iris
    viz = JointPlot(columns=[0, 2], classes=["a", "b", "c"]).fit(X, y)
    viz.plot()
    assert isinstance(viz.joint_, PathCollection)
    assert_allclose(viz.joint_.get_offsets(), X[:, [0, 2]])
    counts, edges = np.histogram(X[:, 0], bins=50)
    assert_allclose(viz.xhist_.get_data().values, counts)
    assert_allclose(viz.xhist_.get_data().edges, edges)
    assert_allclose(viz.yhist_.get_data().values, np.histogram(X[:, 2], bins=50)[0])
    assert viz.xhax is viz.xhax_ and viz.yhax is viz.yhax_
    assert viz.legend_.get_title().get_text() == f"pearson={viz.corr_:0.3f}"
    assert [t.get_text() for t in viz.legend_.get_texts()] == ["a", "b", "c"]
    assert viz.ax_.get_xlabel() == "x0" and viz.ax_.get_ylabel() == "x2"


def test_density_histogram_and_custom_bins(iris):
    X, y = iris
    viz = JointPlot(columns=[1, 3], hist="density", hist_kws={"bins": 10}).fit(X)
    viz.plot()
    counts, _ = np.histogram(X[:, 1], bins=10, density=True)
    assert_allclose(viz.xhist_.get_data().values, counts)
    labels = [t.get_text() for t in viz.legend_.get_texts()]
    assert labels == [f"pearson={viz.corr_:0.3f}"]


def test_no_histograms(iris):
    viz = JointPlot(columns=[0, 1], hist=False).fit(iris[0])
    viz.plot()
    assert len(viz.fig_.axes) == 1
    with pytest.raises(AttributeError, match="no histogram"):
        viz.xhax  # noqa: B018


def test_hexbin(iris):
    X, _ = iris
    for kind in ("hexbin", "hex"):
        viz = JointPlot(columns=[0, 2], kind=kind).fit(X)
        viz.plot()
        assert isinstance(viz.joint_, PolyCollection)
        assert viz.joint_.get_array().sum() == len(X)  # every point counted


def test_continuous_target_has_a_colorbar(diabetes):
    X, y = diabetes
    viz = JointPlot(columns=["bmi", "bp"]).fit(X, y)
    viz.plot()
    assert viz.colorbar_ is not None
    assert viz.colorbar_.mappable is viz.joint_
    assert len(viz.fig_.axes) == 4  # joint, two margins, colorbar


def test_large_data_is_a_density_image(iris, monkeypatch):
    monkeypatch.setattr(vizkit.draw, "DENSITY_THRESHOLD", 100)
    X, y = iris
    viz = JointPlot(columns=[0, 2]).fit(X, y)
    viz.plot()
    assert isinstance(viz.joint_, AxesImage)
    assert len(viz.xhax_.patches) == 1  # one stairs artist per histogram
    assert any("binned" in t.get_text() for t in viz.ax_.texts)


def test_redraw_on_the_same_axes_replaces_the_margins(iris):
    viz = JointPlot(columns=[0, 1]).fit(iris[0])
    fig, ax = plt.subplots()
    viz.plot(ax=ax)
    ax.clear()
    viz.set_params(alpha=0.2).plot(ax=ax)
    assert len(fig.axes) == 3


def test_title_goes_above_the_top_histogram(iris):
    viz = JointPlot(columns=[0, 1], title="Sepals").fit(iris[0])
    viz.plot()
    assert viz.xhax_.get_title() == "Sepals"


# -- constant columns and bad input -------------------------------------------------


def test_constant_column_warns_once_and_shows_nan(iris):
    X = iris[0].copy()
    X[:, 1] = 3.0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        viz = JointPlot(columns=[0, 1], correlation="spearman").fit(X)
        viz.plot()
    ours = [w for w in caught if issubclass(w.category, VizkitWarning)]
    assert len(ours) == 1 and "'x1'" in str(ours[0].message)
    assert len(caught) == 1  # no scipy ConstantInputWarning either
    assert np.isnan(viz.corr_)
    assert "nan" in viz.legend_.get_texts()[0].get_text()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cov = JointPlot(columns=[0, 1], correlation="covariance").fit(X)
    assert cov.corr_ == pytest.approx(0.0)


@pytest.mark.parametrize(
    "params, match",
    [
        ({"columns": [0, 9]}, "columns=9 is out of range"),
        ({"columns": ["a", "b"]}, "no column names"),
        ({"columns": [0, 1, 2]}, "columns"),
        ({"columns": 1.5}, "columns"),
        ({"kind": "kde"}, "kind"),
        ({"correlation": "cosine"}, "correlation"),
        ({"hist": "counts"}, "hist"),
    ],
)
def test_bad_options(iris, params, match):
    with pytest.raises(VizkitValueError, match=match):
        JointPlot(**params).fit(*iris)


def test_bad_data(iris, diabetes):
    X, y = iris
    with pytest.raises(VizkitValueError, match="is not a column"):
        JointPlot(columns=["bmi", "nope"]).fit(diabetes[0])
    nan_X = X.copy()
    nan_X[5, 2] = np.nan
    with pytest.raises(VizkitValueError, match="NaN"):
        JointPlot(columns=[0, 2]).fit(nan_X)
    frame = pd.DataFrame({"a": X[:, 0], "b": ["x"] * len(X)})
    with pytest.raises(ValueError, match="'b'"):
        JointPlot(columns=["a", "b"]).fit(frame)
    with pytest.raises(VizkitValueError, match="y is None"):
        JointPlot(columns=0).fit(X)
    with pytest.raises(VizkitValueError, match="numeric y"):
        JointPlot(columns=0).fit(X, np.array(["a", "b", "c"] * 50))
    with pytest.raises(VizkitValueError, match="single column"):
        JointPlot().fit(X[:, :1])
    with pytest.raises(VizkitValueError, match="Reshape"):
        JointPlot(columns=[0, 1]).fit(X).transform(X[0])


def test_transform_checks_the_drawn_columns(iris):
    X, y = iris
    viz = JointPlot(columns=[0, 1]).fit(X, y)
    assert viz.transform(X) is X
    bad = X.copy()
    bad[0, 1] = np.inf
    with pytest.raises(VizkitValueError, match="X"):
        viz.transform(bad)


# -- scikit-learn and Yellowbrick -----------------------------------------------------


def test_mid_pipeline_with_set_output(iris):
    X, y = iris
    frame = pd.DataFrame(X, columns=list("abcd"))
    pipe = Pipeline(
        [
            ("joint", JointPlot(columns=["a", "c"])),
            ("clf", LogisticRegression(max_iter=500)),
        ]
    ).set_output(transform="pandas")
    pipe.fit(frame, y)
    assert pipe.score(frame, y) > 0.9
    joint = pipe.named_steps["joint"]
    assert list(joint.get_feature_names_out()) == list("abcd")
    assert plt.get_fignums() == []


def test_yellowbrick_signature_alias_and_quick_method(diabetes):
    params = list(inspect.signature(JointPlot).parameters)
    assert params[:8] == [
        "ax", "columns", "correlation", "kind", "hist", "alpha", "joint_kws",
        "hist_kws",
    ]  # fmt: skip
    assert JointPlotVisualizer is JointPlot
    X, y = diabetes
    viz = joint_plot(X, y, columns="bmi", show=False)
    assert_allclose(viz.corr_, stats.pearsonr(X["bmi"], y)[0])
    assert viz.fig_ is not None
