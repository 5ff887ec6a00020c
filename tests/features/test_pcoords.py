"""ParallelCoordinates: vertices against scikit-learn's normalizers, sampling,
drawn collections, the density mode, Pipeline use and bad input."""

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
import pytest
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba_array
from matplotlib.image import AxesImage
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_diabetes, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MaxAbsScaler, MinMaxScaler, Normalizer, StandardScaler

from vizkit.exceptions import VizkitError, VizkitValueError
from vizkit.features import ParallelCoordinates, parallel_coordinates, pcoords
from vizkit.features import _line_density as density

CLASSES = ["setosa", "versicolor", "virginica"]
REFERENCES = {
    "minmax": MinMaxScaler(),
    "maxabs": MaxAbsScaler(),
    "standard": StandardScaler(),
    "l1": Normalizer("l1"),
    "l2": Normalizer("l2"),
}


@pytest.fixture(scope="module")
def iris():
    return load_iris(return_X_y=True)


@pytest.fixture
def dense(monkeypatch):
    """Make the density mode start above 20 drawn rows."""
    monkeypatch.setattr(pcoords, "DENSITY_THRESHOLD", 20)


def texts(artists):
    return [t.get_text() for t in artists]


def heights(collection):
    """The y of every vertex of a LineCollection, one row per line."""
    return np.array([segment[:, 1] for segment in collection.get_segments()])


# -- numbers ---------------------------------------------------------------------


@pytest.mark.parametrize("normalize", list(REFERENCES))
def test_vertices_equal_the_normalizer(iris, normalize):
    X, y = iris
    viz = ParallelCoordinates(normalize=normalize).fit(X, y)
    expected = REFERENCES[normalize].fit_transform(X)
    assert_allclose(viz.normalized_, expected, atol=1e-12)
    assert type(viz.normalizer_) is type(REFERENCES[normalize])
    viz.plot()
    (lines,) = viz.lines_
    assert_allclose(heights(lines), expected, atol=1e-12)
    xs = np.array([segment[:, 0] for segment in lines.get_segments()])
    assert_array_equal(xs, np.tile(np.arange(4), (150, 1)))


def test_no_normalize_draws_the_raw_values_read_only(iris):
    X, y = iris
    X_before = X.copy()
    viz = ParallelCoordinates().fit(X, y)
    assert viz.normalizer_ is None
    assert_array_equal(viz.normalized_, X)
    with pytest.raises(ValueError, match="read-only"):
        viz.normalized_[0, 0] = 0
    assert_array_equal(X, X_before)
    assert X.flags.writeable  # the user's array is untouched


def test_sample_int_and_float_keep_the_first_rows(iris):
    X, y = iris
    viz = ParallelCoordinates(sample=40, normalize="minmax").fit(X, y)
    assert viz.n_samples_ == 40
    assert_array_equal(viz.sample_index_, np.arange(40))
    assert_allclose(viz.normalized_, MinMaxScaler().fit_transform(X[:40]))
    assert ParallelCoordinates(sample=0.1).fit(X, y).n_samples_ == 15  # floor
    assert ParallelCoordinates(sample=0.001).fit(X, y).n_samples_ == 1
    assert ParallelCoordinates(sample=1000).fit(X, y).n_samples_ == 150


def test_shuffle_draws_yellowbricks_random_rows(iris):
    X, y = iris
    viz = ParallelCoordinates(sample=30, shuffle=True, random_state=7).fit(X, y)
    expected = np.random.RandomState(7).choice(150, 30, replace=False)
    assert_array_equal(viz.sample_index_, expected)
    assert_array_equal(viz.normalized_, X[expected])
    again = ParallelCoordinates(sample=30, shuffle=True, random_state=7).fit(X, y)
    assert_array_equal(again.sample_index_, expected)
    seeded = ParallelCoordinates(sample=30, shuffle=True).fit(X, y)
    assert_array_equal(
        seeded.sample_index_, np.random.RandomState(0).choice(150, 30, replace=False)
    )
    # The colours follow the rows drawn.
    viz.plot()
    colors = to_rgba_array(viz.colors_)[y[expected]]
    assert_allclose(viz.lines_[0].get_colors()[:, :3], colors[:, :3])


def test_shuffle_of_every_row_keeps_their_order(iris):
    X, y = iris
    viz = ParallelCoordinates(shuffle=True, random_state=1).fit(X, y)
    assert_array_equal(viz.sample_index_, np.arange(150))


# -- drawn artists ------------------------------------------------------------------


def test_one_line_collection_coloured_per_row(iris):
    X, y = iris
    viz = ParallelCoordinates(classes=CLASSES, colors=["r", "g", "b"]).fit(X, y)
    viz.plot()
    (lines,) = viz.lines_
    assert isinstance(lines, LineCollection)
    assert len(lines.get_segments()) == 150
    expected = to_rgba_array(list("rgb"))[y, :3]
    assert_allclose(lines.get_colors()[:, :3], expected, atol=0.01)
    assert lines.get_alpha() == 0.25
    assert viz.image_ is None
    assert texts(viz.ax_.get_legend().get_texts()) == CLASSES
    assert viz.ax_.get_title() == "Parallel Coordinates for 4 Features"
    assert texts(viz.ax_.get_xticklabels()) == ["x0", "x1", "x2", "x3"]
    assert viz.ax_.get_xlim() == (0, 3)


def test_fast_draws_one_collection_per_class(iris):
    X, y = iris
    viz = ParallelCoordinates(fast=True, colors=["r", "g", "b"]).fit(X, y).plot()
    assert len(viz.lines_) == 3
    for code, (lines, color) in enumerate(zip(viz.lines_, "rgb")):
        assert len(lines.get_segments()) == np.sum(y == code)
        assert_allclose(heights(lines), X[y == code])
        expected = to_rgba_array([color])[:, :3]
        assert_allclose(lines.get_colors()[:, :3], expected, atol=0.01)
        assert lines.get_alpha() == 0.5
    faint = ParallelCoordinates(fast=True, alpha=0.1).fit(X, y).plot()
    assert faint.lines_[0].get_alpha() == pytest.approx(0.1)


def test_continuous_target_coloured_by_colormap():
    X, y = load_diabetes(return_X_y=True)
    viz = ParallelCoordinates(normalize="standard", colormap="viridis").fit(X, y)
    viz.plot()
    (lines,) = viz.lines_
    assert_allclose(lines.get_array(), y)
    assert lines.get_cmap().name == "viridis"
    assert (lines.norm.vmin, lines.norm.vmax) == (y.min(), y.max())
    assert viz.colorbar_ is not None
    assert viz.ax_.get_legend() is None


def test_vertical_lines_and_their_options(iris):
    X, y = iris
    viz = ParallelCoordinates(vlines_kwds={"color": "gray", "linewidth": 3})
    viz.fit(X, y).plot()
    segments = viz.vlines_.get_segments()
    assert_allclose([s[0, 0] for s in segments], np.arange(4))
    assert_allclose(viz.vlines_.get_color()[0], to_rgba_array(["gray"])[0])
    assert viz.vlines_.get_linewidth()[0] == 3
    assert ParallelCoordinates(vlines=False).fit(X, y).plot().vlines_ is None


def test_sample_is_said_on_the_picture(iris):
    X, y = iris
    viz = ParallelCoordinates(sample=50, shuffle=True).fit(X, y).plot()
    assert "random sample: 50 of 150 rows" in texts(viz.ax_.texts)


# -- density mode ---------------------------------------------------------------------


def test_density_mode_above_the_threshold_keeps_axes_and_legend(iris, dense):
    X, y = iris
    lines = ParallelCoordinates(classes=CLASSES, normalize="standard")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pcoords, "DENSITY_THRESHOLD", 10_000)
        lines.fit(X, y).plot()
    viz = ParallelCoordinates(classes=CLASSES, normalize="standard").fit(X, y)
    viz.plot()
    assert isinstance(viz.image_, AxesImage) and viz.lines_ == []
    assert viz.density_ is not None and lines.density_ is None
    for a, b in [(viz.ax_, lines.ax_)]:
        assert texts(a.get_legend().get_texts()) == texts(b.get_legend().get_texts())
        assert texts(a.get_xticklabels()) == texts(b.get_xticklabels())
        assert a.get_xlim() == b.get_xlim() and a.get_ylim() == b.get_ylim()
        assert a.get_title() == b.get_title()
    assert viz.image_.get_extent() == [0, 3, *viz.limits_]
    assert "density of 150 lines" in texts(viz.ax_.texts)


def test_density_counts_every_line_once_per_column(iris, dense):
    X, y = iris
    viz = ParallelCoordinates().fit(X, y)
    counts = viz.density_  # (rows, columns, classes)
    assert_array_equal(counts.sum(axis=0), np.tile(np.bincount(y), (len(counts[0]), 1)))


def test_density_pixels_take_the_class_colours(iris, dense):
    X, y = iris
    viz = ParallelCoordinates(colors=["r", "g", "b"], normalize="minmax").fit(X, y)
    rgba = viz.plot().image_.get_array()
    only = viz.density_.max(axis=2) == viz.density_.sum(axis=2)
    for code, color in enumerate(to_rgba_array(list("rgb"))):
        pure = only & (viz.density_[..., code] > 0)
        assert pure.any()
        expected = np.tile(color[:3], (pure.sum(), 1))
        assert_allclose(rgba[pure][:, :3], expected, atol=0.01)
    assert_array_equal(rgba[..., 3] > 0, viz.density_.sum(axis=2) > 0)


def test_density_of_a_continuous_target_averages_it(dense):
    X, y = load_diabetes(return_X_y=True)
    viz = ParallelCoordinates().fit(X, y)
    count, total = viz.density_[..., 0], viz.density_[..., 1]
    assert_allclose(count.sum(axis=0), len(y))
    assert_allclose(total.sum(axis=0), y.sum())
    assert viz.plot().colorbar_ is not None


def test_line_density_lights_the_pixels_a_line_crosses():
    Y = np.array([[0.0, 1.0, 0.5], [1.0, 0.0, 0.5]])
    image, limits = density.line_density(Y, bins=4, width=16)
    assert limits == (0.0, 1.0) and image.shape == (4, 16, 1)  # 8 columns a gap
    # The first line climbs from row 0 to row 3, then falls to row 2, passing
    # where the lines between the bin centres cross each column's centre.
    first, _ = density.line_density(Y[:1], bins=4, width=16)
    rows = [0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 2, 2, 2, 2]
    assert_array_equal(first[..., 0].argmax(axis=0), rows)
    assert_array_equal(first.sum(axis=0)[:, 0], np.ones(16))
    assert_array_equal(image.sum(axis=0)[:, 0], np.full(16, 2))


def test_value_bins_cover_the_range():
    Y = np.array([[0.0, 0.5], [1.0, 0.999]])
    assert_array_equal(density.value_bins(Y, 0.0, 1.0, 4), [[0, 3], [2, 3]])


# -- input ---------------------------------------------------------------------------


def test_pandas_and_polars_name_the_axes_and_pass_through(iris):
    X, y = load_iris(return_X_y=True, as_frame=True)
    names = list(X.columns)
    for data in (X, pl.from_pandas(X)):
        viz = ParallelCoordinates(normalize="l2")
        assert viz.fit_transform(data, y) is data
        assert_array_equal(viz.features_, names)
        assert texts(viz.plot().ax_.get_xticklabels()) == names
        assert_allclose(viz.normalized_, Normalizer().fit_transform(X.to_numpy()))


def test_features_choose_columns_of_a_frame(iris):
    X, y = load_iris(return_X_y=True, as_frame=True)
    chosen = ["petal width (cm)", "sepal length (cm)"]
    viz = ParallelCoordinates(features=chosen).fit(X, y)
    assert_array_equal(viz.normalized_, X[chosen].to_numpy())
    assert list(viz.get_feature_names_out()) == list(X.columns)


def test_pipeline_with_pandas_output(iris):
    X, y = load_iris(return_X_y=True, as_frame=True)
    pipe = Pipeline([
        ("scale", StandardScaler()),
        ("viz", ParallelCoordinates()),
        ("model", LogisticRegression(max_iter=500)),
    ]).set_output(transform="pandas")  # fmt: skip
    pipe.fit(X, y)
    viz = pipe.named_steps["viz"]
    assert_array_equal(viz.features_, list(X.columns))
    assert_allclose(viz.normalized_, StandardScaler().fit_transform(X))
    assert pipe.score(X, y) > 0.9
    assert plt.get_fignums() == []


def test_quick_method_fits_and_draws(iris):
    X, y = iris
    viz = parallel_coordinates(X, y, normalize="maxabs", sample=20, show=False)
    assert isinstance(viz, ParallelCoordinates)
    assert viz.n_samples_ == 20 and len(viz.lines_[0].get_segments()) == 20
    plt.close("all")


# -- bad input -----------------------------------------------------------------------


def test_unknown_normalize_lists_the_options(iris):
    X, y = iris
    with pytest.raises(VizkitValueError, match="normalize='unit'") as raised:
        ParallelCoordinates(normalize="unit").fit(X, y)
    for option in REFERENCES:
        assert repr(option) in str(raised.value)


@pytest.mark.parametrize("sample", [0, -3, 0.0, 1.5, True, "all"])
def test_bad_sample(iris, sample):
    X, y = iris
    with pytest.raises(VizkitValueError, match="sample=.*fraction of the rows"):
        ParallelCoordinates(sample=sample).fit(X, y)


def test_nan_and_non_numeric_columns_are_named(iris):
    X, y = load_iris(return_X_y=True, as_frame=True)
    with_nan = X.copy()
    with_nan.iloc[3, 2] = np.nan
    with pytest.raises(VizkitValueError, match="petal length"):
        ParallelCoordinates().fit(with_nan, y)
    words = X.assign(colour=["red"] * len(X))
    with pytest.raises(VizkitError, match="colour"):
        ParallelCoordinates().fit(words, y)


def test_features_that_do_not_match_X(iris):
    X, y = iris
    with pytest.raises(VizkitValueError, match="features has 3 names"):
        ParallelCoordinates(features=["a", "b", "c"]).fit(X, y)
    with pytest.raises(VizkitValueError, match="at least 2 features"):
        ParallelCoordinates().fit(X[:, :1], y)
    with pytest.raises(VizkitValueError, match="vlines_kwds"):
        ParallelCoordinates(vlines_kwds="red").fit(X, y)
    assert plt.get_fignums() == []
