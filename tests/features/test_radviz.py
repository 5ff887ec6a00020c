"""RadViz: positions against a direct computation, drawn artists, input, errors."""

import importlib
import inspect
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import polars as pl
import pytest
from matplotlib.colors import to_rgba_array
from matplotlib.image import AxesImage
from matplotlib.patches import Circle
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_diabetes, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

import vizkit.draw
from vizkit.exceptions import NotFitted, VizkitValueError, VizkitWarning
from vizkit.features import RadialVisualizer, RadViz, radviz
from vizkit.features.radviz import (
    anchor_points,
    label_alignment,
    minmax_normalize,
    radviz_positions,
)

CLASSES = ["setosa", "versicolor", "virginica"]
# The package exports the quick method radviz under the module's own name.
radviz_module = importlib.import_module("vizkit.features.radviz")


@pytest.fixture(scope="module")
def iris():
    return load_iris(return_X_y=True)


def direct_positions(X):
    """RadViz by the book, one row at a time: the numbers vizkit must match.

    Each column is scaled to [0, 1] (a constant column to 0), and each row
    placed at its weighted average of the anchors cos/sin(2 pi j / m); a row
    of zero weights at the centre.
    """
    X = np.asarray(X, dtype=float)
    n_rows, n_cols = X.shape
    low, high = X.min(axis=0), X.max(axis=0)
    points = np.zeros((n_rows, 2))
    for i in range(n_rows):
        total, x, y = 0.0, 0.0, 0.0
        for j in range(n_cols):
            w = 0.0 if high[j] == low[j] else (X[i, j] - low[j]) / (high[j] - low[j])
            angle = 2 * np.pi * j / n_cols
            x += w * np.cos(angle)
            y += w * np.sin(angle)
            total += w
        if total > 0:
            points[i] = (x / total, y / total)
    return points


def texts(artists):
    return [t.get_text() for t in artists]


# -- numbers ---------------------------------------------------------------------


def test_positions_equal_the_direct_computation(iris):
    X, y = iris
    viz = RadViz().fit(X, y)
    assert_allclose(viz.points_, direct_positions(X), rtol=1e-12, atol=1e-14)
    assert_allclose(viz.anchors_, anchor_points(4))
    assert_allclose(viz.anchors_[[0, 1]], [[1, 0], [0, 1]], atol=1e-15)


def test_positions_in_blocks_equal_one_block(monkeypatch):
    rng = np.random.default_rng(0)
    X = rng.lognormal(size=(300, 7)) * rng.uniform(1e-3, 1e3, size=7)
    expected = direct_positions(X)
    # blocks of 64 rows: 5 blocks, the last one short
    monkeypatch.setattr(radviz_module, "CHUNK_BYTES", 64 * 7 * 8)
    assert_allclose(radviz_positions(X, anchor_points(7)), expected, rtol=1e-12)
    assert (np.linalg.norm(expected, axis=1) <= 1 + 1e-12).all()  # inside the circle


def test_row_of_minima_is_drawn_at_the_centre():
    X = np.array([[0.0, 5.0, 1.0], [1.0, 6.0, 3.0], [0.5, 7.0, 2.0]])
    points = RadViz().fit(X).points_
    assert_allclose(points[0], [0, 0])
    assert_allclose(points, direct_positions(X))
    assert np.isfinite(points).all()


def test_normalize_is_yellowbricks_minmax(iris):
    X, _ = iris
    assert RadViz.normalize is minmax_normalize
    scaled = RadViz.normalize(X)
    assert_allclose(scaled, (X - X.min(0)) / (X.max(0) - X.min(0)), atol=1e-15)
    assert_allclose(minmax_normalize(np.ones((3, 2))), 0)


def test_huge_values_stay_finite():
    """A range above the largest float is still normalised (halved, exactly)."""
    X = np.array([[-1e308, 0.0], [1e308, 1.0], [0.0, 2.0]])
    points = RadViz().fit(X).points_
    assert np.isfinite(points).all()
    assert_allclose(points, direct_positions(X / 1e300))


def test_input_is_not_mutated(iris):
    X, y = iris
    X_before, y_before = X.copy(), y.copy()
    RadViz().fit_transform(X, y)
    assert_array_equal(X, X_before)
    assert_array_equal(y, y_before)


# -- constant columns --------------------------------------------------------------


def test_constant_column_contributes_zero_with_one_warning(iris):
    X, y = iris
    X_const = np.column_stack([X[:, :2], np.full(len(X), 3.0), X[:, 2:]])
    names = ["a", "b", "const", "c", "d"]
    with pytest.warns(VizkitWarning, match=r"'const'.*contribute 0") as record:
        viz = RadViz(features=names).fit(X_const, y)
    assert len(record) == 1
    assert_array_equal(viz.constant_features_, [0, 0, 1, 0, 0])
    assert np.isfinite(viz.points_).all()
    assert_allclose(viz.points_, direct_positions(X_const), atol=1e-14)
    viz.plot()  # the constant feature keeps its anchor and its name
    assert texts(viz.anchor_labels_) == names


def test_all_constant_columns_put_every_point_at_the_centre():
    with pytest.warns(VizkitWarning):
        viz = RadViz().fit(np.ones((5, 3)))
    assert_allclose(viz.points_, 0)


def test_no_warning_without_constant_columns(iris):
    X, y = iris
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        RadViz().fit(X, y)


# -- artists ---------------------------------------------------------------------


def test_discrete_target_points_circle_anchors_labels_legend(iris):
    X, y = iris
    viz = RadViz(classes=CLASSES, colors=["r", "g", "b"]).fit(X, y).plot()
    assert_allclose(viz.scatter_.get_offsets(), viz.points_)
    expected = to_rgba_array(list("rgb"))[y, :3]
    assert_allclose(viz.scatter_.get_facecolors()[:, :3], expected, atol=0.01)
    assert viz.scatter_.get_alpha() == 1.0
    circles = [p for p in viz.ax_.patches if isinstance(p, Circle)]
    assert circles == [viz.circle_] and viz.circle_.radius == 1.0
    assert_allclose(viz.anchor_points_.get_offsets(), anchor_points(4))
    assert texts(viz.anchor_labels_) == ["x0", "x1", "x2", "x3"]
    positions = [t.get_position() for t in viz.anchor_labels_]
    assert_allclose(positions, anchor_points(4) * 1.05, atol=1e-12)
    assert texts(viz.ax_.get_legend().get_texts()) == CLASSES
    assert viz.ax_.get_title() == "RadViz for 4 Features"
    assert list(viz.ax_.get_xticks()) == [] and list(viz.ax_.get_yticks()) == []
    assert viz.colorbar_ is None


def test_names_sit_outside_the_circle_by_their_anchor():
    aligned = label_alignment(anchor_points(4))
    assert aligned == [
        ("left", "center"), ("center", "bottom"), ("right", "center"),
        ("center", "top"),
    ]  # fmt: skip
    assert label_alignment(anchor_points(8))[1] == ("left", "bottom")


def test_view_is_square_and_holds_the_names(iris):
    X, y = iris
    viz = RadViz().fit(X, y).plot()
    viz.fig_.canvas.draw()
    (x0, x1), (y0, y1) = viz.ax_.get_xlim(), viz.ax_.get_ylim()
    assert min(x1, y1) >= 1.2 and max(x0, y0) <= -1.2
    assert viz.ax_.get_aspect() == 1.0


def test_continuous_target_has_a_colorbar():
    X, y = load_diabetes(return_X_y=True)
    viz = RadViz().fit(X, y).plot()
    assert_allclose(viz.scatter_.get_array(), y)
    assert viz.colorbar_ is not None
    assert viz.colorbar_.vmin == y.min() and viz.colorbar_.vmax == y.max()
    assert viz.ax_.get_legend() is None
    assert RadViz(colorbar=False).fit(X, y).plot().colorbar_ is None


def test_target_type_overrides_auto(iris):
    X, y = iris
    viz = RadViz(target_type="continuous").fit(X, y).plot()
    assert viz.colorbar_ is not None
    assert_allclose(viz.scatter_.get_array(), y)


def test_no_target_single_colour(iris):
    X, _ = iris
    viz = RadViz(colors="purple").fit(X).plot()
    colours = np.unique(viz.scatter_.get_facecolors()[:, :3], axis=0)
    assert_allclose(colours, to_rgba_array(["purple"])[:, :3])
    assert viz.ax_.get_legend() is None


def test_alpha_is_read_when_drawing(iris):
    X, y = iris
    viz = RadViz().fit(X, y)
    points = viz.points_
    viz.set_params(alpha=0.3).plot()
    assert viz.scatter_.get_alpha() == 0.3
    assert viz.points_ is points


def test_density_image_above_threshold(iris, monkeypatch):
    X, y = iris
    monkeypatch.setattr(vizkit.draw, "DENSITY_THRESHOLD", 100)
    viz = RadViz(classes=CLASSES).fit(X, y).plot()
    assert isinstance(viz.scatter_, AxesImage)
    pts = viz.points_
    assert_allclose(viz.scatter_.get_extent(),
                    [pts[:, 0].min(), pts[:, 0].max(), pts[:, 1].min(),
                     pts[:, 1].max()])  # fmt: skip
    assert texts(viz.ax_.get_legend().get_texts()) == CLASSES
    assert any("points binned" in t.get_text() for t in viz.ax_.texts)
    assert texts(viz.anchor_labels_) == ["x0", "x1", "x2", "x3"]


def test_fit_draws_nothing_show_saves_and_closes(iris, tmp_path):
    X, y = iris
    viz = RadViz().fit(X, y)
    assert plt.get_fignums() == []
    viz.show(outpath=tmp_path / "radviz.png")
    assert (tmp_path / "radviz.png").stat().st_size > 0
    assert plt.get_fignums() == []


# -- pandas, polars, Pipeline ------------------------------------------------------


def test_pandas_and_polars_name_features_and_pass_through(iris):
    X, y = load_iris(return_X_y=True, as_frame=True)
    names = list(X.columns)
    expected = direct_positions(X.to_numpy())
    for data in (X, pl.from_pandas(X)):
        viz = RadViz()
        assert viz.fit_transform(data, y) is data
        assert_array_equal(viz.features_, names)
        assert_allclose(viz.points_, expected, atol=1e-14)
        assert texts(viz.plot().anchor_labels_) == names


def test_features_chooses_columns_of_a_frame(iris):
    X, y = load_iris(return_X_y=True, as_frame=True)
    chosen = ["petal width (cm)", "sepal length (cm)", "petal length (cm)"]
    viz = RadViz(features=chosen).fit(X, y)
    assert_array_equal(viz.features_, chosen)
    assert_allclose(viz.points_, direct_positions(X[chosen].to_numpy()), atol=1e-14)
    assert viz.transform(X) is X


def test_mid_pipeline_with_set_output(iris):
    X, y = load_iris(return_X_y=True, as_frame=True)
    pipe = Pipeline([("radviz", RadViz()), ("clf", LogisticRegression(max_iter=500))])
    pipe.set_output(transform="pandas").fit(X, y)
    assert pipe.score(X, y) > 0.9
    out = pipe[:-1].transform(X)
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns) == list(X.columns)
    assert_allclose(out.to_numpy(), X.to_numpy())
    assert_array_equal(pipe[0].get_feature_names_out(), X.columns)


# -- API -------------------------------------------------------------------------


def test_yellowbrick_signature_alias_and_quick_method(iris):
    params = inspect.signature(RadViz).parameters
    expected = {
        "ax": None, "features": None, "classes": None, "colors": None,
        "colormap": None, "alpha": 1.0,
    }  # fmt: skip
    assert list(params)[: len(expected)] == list(expected)
    assert {k: params[k].default for k in expected} == expected
    assert RadViz is RadialVisualizer
    quick = inspect.signature(radviz).parameters
    assert list(quick)[:2] == ["X", "y"]
    assert {k: quick[k].default for k in expected} == expected
    X, y = iris
    viz = radviz(X, y, colors=["r", "g", "b"], show=False)
    assert isinstance(viz, RadViz)
    assert_allclose(viz.scatter_.get_offsets(), direct_positions(X))


# -- errors ----------------------------------------------------------------------


def test_nan_is_a_clear_error(iris):
    X, y = iris
    bad = X.copy()
    bad[3, 1] = np.nan
    with pytest.raises(VizkitValueError, match=r"X contains 1 NaN .* row 3, column 1"):
        RadViz().fit(bad, y)


def test_non_numeric_column_is_named(iris):
    X, y = load_iris(return_X_y=True, as_frame=True)
    X = X.assign(species=np.where(y == 0, "setosa", "other"))
    with pytest.raises(VizkitValueError, match="species"):
        RadViz().fit(X, y)


def test_features_that_do_not_match_X(iris):
    X, y = iris
    with pytest.raises(VizkitValueError, match="features has 3 names but X has 4"):
        RadViz(features=["a", "b", "c"]).fit(X, y)
    frame = load_iris(as_frame=True).data
    with pytest.raises(VizkitValueError, match="bogus"):
        RadViz(features=["bogus", "sepal length (cm)"]).fit(frame, y)


@pytest.mark.parametrize(
    "params, match",
    [
        ({"alpha": 2}, "alpha"),
        ({"colorbar": "yes"}, "colorbar"),
        ({"target_type": "bogus"}, "target_type"),
        ({"classes": ["a", "b"]}, "classes"),
    ],
)
def test_bad_options(iris, params, match):
    X, y = iris
    with pytest.raises(VizkitValueError, match=match):
        RadViz(**params).fit(X, y)


def test_transform_checks_columns_and_fitting(iris):
    X, y = iris
    with pytest.raises(NotFitted):
        RadViz().transform(X)
    with pytest.raises(VizkitValueError, match="X has 3 features"):
        RadViz().fit(X, y).transform(X[:, :3])


def test_nested_lists_come_back_as_an_array(iris):
    X, y = iris
    out = RadViz().fit_transform(X.tolist(), y)
    assert isinstance(out, np.ndarray)
    assert_array_equal(out, X)
    with pytest.raises(VizkitValueError, match="X contains"):
        RadViz().fit(X, y).transform([[np.nan, 1.0, 2.0, 3.0]])
