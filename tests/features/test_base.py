"""FeatureVisualizer and DataVisualizer: transformer protocol, target colours."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import polars as pl
import pytest
from matplotlib.colors import to_hex
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.utils import get_tags

from vizkit.exceptions import NotFitted, VizkitValueError
from vizkit.features import DataVisualizer, FeatureVisualizer
from vizkit.utils.target import TargetType


@pytest.fixture
def iris():
    return load_iris(return_X_y=True, as_frame=True)


def test_feature_visualizer_is_a_transformer():
    X = np.arange(12.0).reshape(4, 3)
    viz = FeatureVisualizer()
    assert viz.fit_transform(X) is X
    assert viz.n_features_in_ == 3
    assert_array_equal(viz.get_feature_names_out(), ["x0", "x1", "x2"])
    assert get_tags(viz).transformer_tags is not None


def test_transform_before_fit_and_wrong_columns():
    with pytest.raises(NotFitted, match="transform"):
        DataVisualizer().transform(np.ones((3, 2)))
    viz = DataVisualizer().fit(np.ones((3, 2)))
    with pytest.raises(
        VizkitValueError, match="X has 3 features, but DataVisualizer is expecting 2"
    ):
        viz.transform(np.ones((3, 3)))


def test_features_from_pandas_polars_and_user(iris):
    X, y = iris
    names = list(X.columns)
    assert_array_equal(DataVisualizer().fit(X, y).features_, names)
    assert_array_equal(DataVisualizer().fit(pl.from_pandas(X), y).features_, names)
    viz = DataVisualizer(features=list("abcd")).fit(X.to_numpy(), y)
    assert_array_equal(viz.features_, list("abcd"))
    assert_array_equal(viz.get_feature_names_out(), list("abcd"))
    assert_array_equal(viz.get_feature_names_out(list("pqrs")), list("pqrs"))
    with pytest.raises(VizkitValueError, match="input_features"):
        viz.get_feature_names_out(["a"])
    with pytest.raises(VizkitValueError, match="features has 2 names"):
        DataVisualizer(features=["a", "b"]).fit(X, y)


def test_no_target_is_single_colour():
    X = np.random.default_rng(0).normal(size=(20, 3))
    viz = DataVisualizer(colors="red").fit(X)
    assert viz.target_color_type_ == TargetType.SINGLE
    assert viz.colors_ == [to_hex("red")]
    assert not hasattr(viz, "classes_")
    assert viz.get_colors([1, 2]) == [to_hex("red")] * 2


def test_discrete_target_classes_and_colours(iris):
    X, y = iris
    viz = DataVisualizer().fit(X, y)
    assert viz.target_color_type_ == TargetType.DISCRETE
    assert_array_equal(viz.classes_, ["0", "1", "2"])
    assert len(viz.colors_) == 3
    named = DataVisualizer(classes=["a", "b", "c"], colors=["r", "g", "b"])
    named.fit(X, y + 1)  # class values 1..3 map in sorted order
    assert_array_equal(named.classes_, ["a", "b", "c"])
    assert named.colors_ == [to_hex(c) for c in "rgb"]
    assert named.get_colors(["b"]) == [to_hex("g")]


def test_classes_of_wrong_length(iris):
    X, y = iris
    with pytest.raises(VizkitValueError, match="classes has 2 names"):
        DataVisualizer(classes=["a", "b"]).fit(X, y)


def test_string_target_is_discrete(iris):
    X, y = iris
    labels = np.array(["setosa", "versicolor", "virginica"])[y]
    viz = DataVisualizer().fit(X, labels)
    assert_array_equal(viz.classes_, ["setosa", "versicolor", "virginica"])


def test_continuous_target_range_and_colormap():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(50, 3)), rng.normal(size=50)
    viz = DataVisualizer().fit(X, y)
    assert viz.target_color_type_ == TargetType.CONTINUOUS
    assert viz.range_ == (y.min(), y.max())
    assert viz.cmap_.name == "RdBu"
    assert DataVisualizer(colormap="viridis").fit(X, y).cmap_.name == "viridis"
    colors = viz.get_colors([y.min(), y.max()])
    assert_allclose(colors[0], viz.cmap_(0.0))
    assert_allclose(colors[1], viz.cmap_(1.0))


@pytest.mark.parametrize(
    "target_type, expected",
    [
        ("single", TargetType.SINGLE),
        ("discrete", TargetType.DISCRETE),
        ("continuous", TargetType.CONTINUOUS),
        (TargetType.CONTINUOUS, TargetType.CONTINUOUS),
    ],
)
def test_target_type_forced(iris, target_type, expected):
    X, y = iris
    viz = DataVisualizer(target_type=target_type).fit(X, y)
    assert viz.target_color_type_ == expected


def test_refit_clears_previous_target_attributes(iris):
    X, y = iris
    viz = DataVisualizer().fit(X, y)
    viz.fit(X, np.linspace(0, 1, len(y)))
    assert not hasattr(viz, "classes_") and hasattr(viz, "range_")


@pytest.mark.parametrize(
    "params, X, y, match",
    [
        ({"target_type": "ordinal"}, np.ones((4, 2)), [0, 1, 0, 1], "target_type"),
        ({}, np.array([[1.0, np.nan], [2.0, 3.0]]), None, "X contains"),
        ({}, np.array([[1.0, np.inf], [2.0, 3.0]]), None, "X contains"),
        ({}, np.ones((4, 2)), [0, 1, 0], "y has 3 values"),
        ({}, np.array([["a", "b"], ["c", "d"]]), None, "X must be numeric"),
        ({"target_type": "continuous"}, np.ones((2, 2)), ["a", "b"], "y has dtype"),
    ],
)
def test_bad_input(params, X, y, match):
    with pytest.raises(VizkitValueError, match=match):
        DataVisualizer(**params).fit(X, y)


def test_fit_never_mutates_or_draws(iris):
    X, y = iris
    before = X.copy()
    DataVisualizer().fit_transform(X, y)
    pd.testing.assert_frame_equal(X, before)
    assert plt.get_fignums() == []


def test_pass_through_mid_pipeline_with_pandas_output(iris):
    X, y = iris
    pipe = Pipeline(
        [("viz", DataVisualizer()), ("clf", LogisticRegression(max_iter=1000))]
    )
    pipe.set_output(transform="pandas").fit(X.to_numpy(), y)
    assert pipe.score(X.to_numpy(), y) > 0.9
    Xt = pipe[:-1].transform(X.to_numpy())
    assert isinstance(Xt, pd.DataFrame)
    assert list(Xt.columns) == ["x0", "x1", "x2", "x3"]
    assert_allclose(Xt.to_numpy(), X.to_numpy())


def test_clone_keeps_params():
    viz = DataVisualizer(classes=["a", "b"], colormap="viridis", size=(400, 300))
    assert clone(viz).get_params() == viz.get_params()


@pytest.mark.parametrize("frame", [pd.DataFrame, pl.from_pandas])
def test_features_choose_columns_of_a_frame(iris, frame):
    X = frame(iris[0])
    viz = DataVisualizer(features=["petal width (cm)", "sepal length (cm)"])
    chosen, _ = viz._fit_data(X, iris[1])
    expected = iris[0][["petal width (cm)", "sepal length (cm)"]].to_numpy()
    assert_array_equal(chosen, expected)
    assert list(viz.features_) == ["petal width (cm)", "sepal length (cm)"]
    # transform and the output names still cover every column of X
    assert viz.transform(X) is X
    assert list(viz.get_feature_names_out()) == list(iris[0].columns)


def test_features_naming_unknown_columns(iris):
    with pytest.raises(VizkitValueError, match=r"\['nope'\] are not"):
        DataVisualizer(features=["nope", "sepal length (cm)"]).fit(iris[0])


def test_non_numeric_and_nan_columns_are_named(iris):
    X = iris[0].assign(colour="red")
    with pytest.raises(VizkitValueError, match=r"column\(s\) 4 \('colour'\)"):
        DataVisualizer().fit(X)
    X = iris[0].copy()
    X.iloc[3, 2] = np.nan
    with pytest.raises(VizkitValueError, match=r"row 3, column 2 \('petal length"):
        DataVisualizer().fit(X)
