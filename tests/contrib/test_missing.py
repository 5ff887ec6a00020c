"""MissingValuesBar and MissingValuesDispersion: counts and positions against
pandas and numpy, drawn artists, frames of any column type, Pipeline use, errors."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import polars as pl
import pytest
from matplotlib.colors import to_hex, to_rgba_array
from matplotlib.image import AxesImage
from numpy.testing import assert_array_equal
from sklearn.datasets import load_iris
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

import vizkit.draw
from vizkit.contrib.missing import (
    MissingValuesBar,
    MissingValuesDispersion,
    missing_bar,
    missing_dispersion,
)
from vizkit.contrib.missing.dispersion import ROW_BINS, binned_locations
from vizkit.exceptions import VizkitValueError

FEATURES = ["sepal length", "sepal width", "petal length", "petal width"]
CLASSES = ["setosa", "versicolor", "virginica"]


@pytest.fixture(scope="module")
def iris_nan():
    """Iris with about 10% of its values set to NaN by a seeded generator."""
    X, y = load_iris(return_X_y=True)
    X = X.copy()
    X[np.random.default_rng(8).random(X.shape) < np.linspace(0.02, 0.2, 4)] = np.nan
    return X, y


def texts(legend):
    return [t.get_text() for t in legend.get_texts()]


def mixed_frame() -> pd.DataFrame:
    """Every kind of missing value pandas knows, in columns of every kind."""
    return pd.DataFrame(
        {
            "float": [1.0, np.nan, 3.0, np.nan, 5.0, 6.0],
            "text": ["a", None, "c", "", np.nan, "f"],  # "" is a value
            "count": pd.array([1, pd.NA, 3, 4, pd.NA, pd.NA], dtype="Int64"),
            "when": pd.to_datetime(["2024-01-01", None, "2024-01-03"] * 2),
            "flag": [True, False, True, True, False, True],
        }
    )


# -- numbers ---------------------------------------------------------------------


def test_counts_equal_pandas_isna(iris_nan):
    X, _ = iris_nan
    viz = MissingValuesBar().fit(X)
    expected = pd.DataFrame(X).isna().sum().to_numpy()
    assert_array_equal(viz.nan_col_counts_, expected)
    assert_array_equal(viz.nan_counts_, expected[np.newaxis, :])
    assert viz.get_nan_col_counts() == expected.tolist()  # Yellowbrick's form
    assert list(viz.features_) == ["x0", "x1", "x2", "x3"]


def test_counts_by_class_equal_groupby(iris_nan):
    X, y = iris_nan
    names = np.asarray(CLASSES)[y]  # string labels, sorted as the classes
    viz = MissingValuesBar().fit(pd.DataFrame(X, columns=FEATURES), names)
    expected = pd.DataFrame(X).isna().groupby(names).sum()
    assert_array_equal(viz.nan_counts_, expected.to_numpy())
    assert_array_equal(viz.nan_col_counts_, np.isnan(X).sum(axis=0))
    assert list(viz.classes_) == list(expected.index) == CLASSES
    assert list(viz.features_) == FEATURES
    pairs = viz.get_nan_col_counts()
    assert [label for label, _ in pairs] == CLASSES
    assert_array_equal(pairs[2][1], expected.loc["virginica"].to_numpy())


def test_positions_equal_nonzero_of_the_mask(iris_nan):
    X, y = iris_nan
    viz = MissingValuesDispersion().fit(X, y)
    rows, columns = np.nonzero(np.isnan(X))
    assert_array_equal(viz.nan_locs_, np.column_stack([rows, columns]))
    # Per class, rows stay positions in X (Yellowbrick counted within the class).
    for label, locations in viz.get_nan_locs():
        expected = np.isnan(X) & (y == label)[:, np.newaxis]
        assert_array_equal(locations, np.argwhere(expected))
    assert_array_equal(MissingValuesDispersion().fit(X).get_nan_locs(), viz.nan_locs_)


def test_pandas_frame_with_object_none_na_and_nat():
    df = mixed_frame()
    before = df.copy()
    bar = MissingValuesBar().fit(df)
    assert_array_equal(bar.nan_col_counts_, df.isna().sum().to_numpy())
    assert list(bar.features_) == list(df.columns)
    dispersion = MissingValuesDispersion().fit(df)
    assert_array_equal(dispersion.nan_locs_, np.argwhere(df.isna().to_numpy()))
    pd.testing.assert_frame_equal(df, before)  # never modified


def test_polars_frame_with_nulls_and_nan():
    df = pl.DataFrame(
        {
            "float": [1.0, None, float("nan"), 4.0, None],
            "int": [1, 2, None, 4, 5],
            "text": ["a", None, "c", None, None],
        }
    )
    viz = MissingValuesBar().fit(df, np.array([0, 1, 0, 1, 1]))
    assert_array_equal(viz.nan_col_counts_, [3, 1, 3])  # null and NaN alike
    assert_array_equal(viz.nan_counts_, [[1, 1, 0], [2, 0, 3]])
    assert list(viz.features_) == ["float", "int", "text"]


def test_features_choose_columns_of_a_frame(iris_nan):
    X, _ = iris_nan
    df = pd.DataFrame(X, columns=FEATURES)
    viz = MissingValuesBar(features=["petal width", "sepal length"]).fit(df)
    assert_array_equal(viz.nan_col_counts_, df.isna().sum()[viz.features_])
    assert viz.transform(df) is df  # every column passes through


def test_binned_locations_count_every_value_once():
    locations = np.array([[0, 0], [1, 0], [9, 1], [5, 1], [5, 0]])
    codes = np.array([0, 1, 1, 0, 1])
    counts = binned_locations(locations, codes, (10, 2), n_classes=2, bins=2)
    # rows 0-4 fall in bin 0, rows 5-9 in bin 1
    assert_array_equal(counts[0], [[1, 1], [0, 1]])
    assert_array_equal(counts[1], [[0, 0], [1, 1]])


# -- drawn artists -------------------------------------------------------------------


def test_bars_are_stacked_by_class_in_class_colours(iris_nan):
    X, y = iris_nan
    colors = ["#1b9e77", "#d95f02", "#7570b3"]
    viz = MissingValuesBar(classes=CLASSES, colors=colors, width=0.4).fit(X, y)
    viz.plot()
    left = np.zeros(4)
    for bars, counts, color in zip(viz.bars_, viz.nan_counts_, colors):
        patches = bars.patches
        assert_array_equal([p.get_width() for p in patches], counts)
        assert_array_equal([p.get_x() for p in patches], left)  # stacked
        centres = [p.get_y() + p.get_height() / 2 for p in patches]
        np.testing.assert_allclose(centres, np.arange(4))  # on the ticks
        np.testing.assert_allclose([p.get_height() for p in patches], 0.4)
        assert {to_hex(p.get_facecolor()) for p in patches} == {color}
        left += counts
    assert_array_equal(left, viz.nan_col_counts_)
    assert texts(viz.legend_) == CLASSES
    assert [t.get_text() for t in viz.ax_.get_yticklabels()] == viz.get_feature_names()
    assert viz.ax_.get_title() == "Count of Missing Values by Column"
    assert viz.ax_.get_xlabel() == "Count"


def test_bars_without_target_are_black_with_no_legend(iris_nan):
    X, _ = iris_nan
    viz = MissingValuesBar().fit(X).plot()
    (bars,) = viz.bars_
    assert {to_hex(p.get_facecolor()) for p in bars.patches} == {"#000000"}
    assert viz.legend_ is None and viz.ax_.get_legend() is None
    viz.set_params(color="red").plot()
    assert to_hex(viz.bars_[0].patches[0].get_facecolor()) == "#ff0000"


def test_dispersion_scatter_per_class_at_the_missing_values(iris_nan):
    X, y = iris_nan
    viz = MissingValuesDispersion(classes=CLASSES, marker="o", alpha=0.3).fit(X, y)
    viz.plot()
    assert len(viz.scatters_) == 3
    for code, (scatter, color) in enumerate(zip(viz.scatters_, viz.colors_)):
        expected = viz.nan_locs_[y[viz.nan_locs_[:, 0]] == code]
        assert_array_equal(scatter.get_offsets(), expected)
        np.testing.assert_allclose(
            scatter.get_facecolor()[0], to_rgba_array(color, alpha=0.3)[0]
        )
    assert texts(viz.legend_) == CLASSES
    assert viz.ax_.get_xlim() == (-0.5, len(X) - 0.5)
    assert viz.ax_.get_xlabel() == "Position by index"
    single = MissingValuesDispersion().fit(X).plot()
    (scatter,) = single.scatters_
    assert_array_equal(scatter.get_offsets(), single.nan_locs_)
    assert single.legend_ is None


def test_many_missing_values_are_binned_into_an_image(iris_nan, monkeypatch):
    X, y = iris_nan
    monkeypatch.setattr(vizkit.draw, "DENSITY_THRESHOLD", 10)
    viz = MissingValuesDispersion().fit(X, y).plot()
    (image,) = viz.scatters_
    assert isinstance(image, AxesImage) and len(viz.ax_.collections) == 0
    rgba = image.get_array()
    assert rgba.shape == (4 * 5, ROW_BINS, 4)  # five image rows per feature
    assert image.get_extent() == [-0.5, len(X) - 0.5, -0.5, 3.5]
    # A bin is drawn exactly where missing values fall, in its majority class.
    counts = binned_locations(viz.nan_locs_, y[viz.nan_locs_[:, 0]], X.shape, 3)
    band = rgba[2::5]  # the middle image row of each feature
    assert_array_equal(band[..., 3] > 0, counts.sum(axis=2) > 0)
    filled = counts.sum(axis=2) > 0
    colors = to_rgba_array(viz.colors_)[counts.argmax(axis=2)]
    np.testing.assert_allclose(band[filled][:, :3], colors[filled][:, :3])
    assert any("binned" in t.get_text() for t in viz.ax_.texts)
    assert texts(viz.legend_) == ["0", "1", "2"]


def test_nothing_missing_draws_zero_bars_and_says_so():
    X = np.arange(20.0).reshape(5, 4)
    bar = MissingValuesBar().fit(X, [0, 1, 0, 1, 1]).plot()
    assert_array_equal(bar.nan_counts_, np.zeros((2, 4)))
    assert all(p.get_width() == 0 for bars in bar.bars_ for p in bars.patches)
    assert "No missing values" in [t.get_text() for t in bar.ax_.texts]
    dispersion = MissingValuesDispersion().fit(X).plot()
    assert dispersion.nan_locs_.shape == (0, 2)
    assert len(dispersion.scatters_[0].get_offsets()) == 0
    assert "No missing values" in [t.get_text() for t in dispersion.ax_.texts]


def test_quick_methods_draw_and_return_the_visualizer(iris_nan, tmp_path):
    X, y = iris_nan
    viz = missing_bar(X, y, classes=CLASSES, show=False)
    assert isinstance(viz, MissingValuesBar) and texts(viz.legend_) == CLASSES
    viz = missing_dispersion(X, y, show=False)
    assert isinstance(viz, MissingValuesDispersion) and len(viz.scatters_) == 3
    figure = viz.fig_.number
    viz.show(outpath=tmp_path / "dispersion.png")
    assert figure not in plt.get_fignums()  # saved and closed


# -- transformer -------------------------------------------------------------------


def test_transform_passes_x_through_with_its_nan(iris_nan):
    X, y = iris_nan
    before = X.copy()
    viz = MissingValuesBar()
    assert viz.fit_transform(X, y) is X
    assert_array_equal(X, before)  # NaN in place, nothing imputed
    assert_array_equal(viz.get_feature_names_out(), ["x0", "x1", "x2", "x3"])


def test_pipeline_with_set_output_pandas(iris_nan):
    X, y = iris_nan
    df = pd.DataFrame(X, columns=FEATURES)
    pipe = make_pipeline(
        MissingValuesDispersion(), SimpleImputer(), LogisticRegression(max_iter=500)
    )
    pipe.set_output(transform="pandas").fit(df, y)
    assert pipe.score(df, y) > 0.8
    viz = pipe[0]
    assert_array_equal(viz.nan_locs_, np.argwhere(df.isna().to_numpy()))
    out = pipe[:-1].transform(df)
    assert isinstance(out, pd.DataFrame) and list(out.columns) == FEATURES
    assert not out.isna().any().any()
    assert viz.transform(df) is df
    assert plt.get_fignums() == []


# -- bad input ---------------------------------------------------------------------


def test_features_that_do_not_match_x(iris_nan):
    X, _ = iris_nan
    with pytest.raises(VizkitValueError, match="features has 2 names but X has 4"):
        MissingValuesBar(features=["a", "b"]).fit(X)
    viz = MissingValuesDispersion().fit(X)
    with pytest.raises(VizkitValueError, match="X has 3 features"):
        viz.transform(X[:, :3])


def test_infinite_values_are_refused_by_name(iris_nan):
    X, _ = iris_nan
    X = X.copy()
    X[7, 2] = np.inf
    with pytest.raises(VizkitValueError, match=r"infinite value.*row 7, column 'x2'"):
        MissingValuesBar().fit(X)


def test_continuous_target_is_refused_naming_target_type(iris_nan):
    X, _ = iris_nan
    y = np.linspace(0, 1, len(X))
    with pytest.raises(VizkitValueError, match="target_type='single'"):
        MissingValuesBar().fit(X, y)
    viz = MissingValuesBar(target_type="single").fit(X, y)  # y ignored
    assert viz.nan_counts_.shape == (1, 4)


@pytest.mark.parametrize("cls", [MissingValuesBar, MissingValuesDispersion])
def test_shape_errors_name_the_argument(cls, iris_nan):
    X, y = iris_nan
    with pytest.raises(VizkitValueError, match="y"):
        cls().fit(X, y[:-3])
    with pytest.raises(VizkitValueError, match="X must be 2-D"):
        cls().fit(X[:, 0], y)
    bad = {"marker": "no marker"} if cls is MissingValuesDispersion else {"width": 2}
    with pytest.raises(VizkitValueError, match=next(iter(bad))):
        cls(**bad).fit(X, y)
    assert plt.get_fignums() == []
