"""PCA: numbers against scikit-learn, drawn artists, scale, Pipeline use, errors."""

import inspect

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import polars as pl
import pytest
from matplotlib.colors import to_rgba_array
from matplotlib.image import AxesImage
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_diabetes, load_iris
from sklearn.decomposition import PCA as SkPCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

import vizkit.draw
from vizkit.exceptions import NotFitted, VizkitValueError, VizkitWarning
from vizkit.features import PCA, PCADecomposition, pca_decomposition
from vizkit.features.pca import BIPLOT_LABEL_MIN, biplot_vectors, labelled_arrows

CLASSES = ["setosa", "versicolor", "virginica"]


@pytest.fixture(scope="module")
def iris():
    return load_iris(return_X_y=True)


@pytest.fixture(scope="module")
def diabetes():
    return load_diabetes(return_X_y=True)


def reference(X, n_components=2, scale=True):
    """scikit-learn's PCA on the (scaled) data: the numbers vizkit must match."""
    data = StandardScaler().fit_transform(X) if scale else X
    pca = SkPCA(n_components, svd_solver="full").fit(data)
    return pca, pca.transform(data)


def signs(components, expected):
    """Per-component sign that aligns ``components`` with ``expected``."""
    return np.sign(np.sum(components * expected, axis=1))


def texts(artists):
    return [t.get_text() for t in artists]


# -- numbers ---------------------------------------------------------------------


@pytest.mark.parametrize("scale", [True, False])
@pytest.mark.parametrize("projection", [2, np.int64(3)])
def test_numbers_equal_sklearn(iris, scale, projection):
    X, y = iris
    viz = PCA(scale=scale, projection=projection)
    Xp = viz.fit_transform(X, y)
    pca, expected = reference(X, projection, scale)
    flip = signs(viz.pca_components_, pca.components_)
    assert viz.pca_components_.shape == (projection, X.shape[1])
    assert_allclose(viz.pca_components_ * flip[:, None], pca.components_, atol=1e-10)
    assert_allclose(viz.explained_variance_ratio_, pca.explained_variance_ratio_)
    assert_allclose(viz.explained_variance_, pca.explained_variance_)
    assert_allclose(Xp * flip, expected, atol=1e-10)
    assert_allclose(viz.embedding_, Xp)
    assert_allclose(viz.transform(X[:10]), Xp[:10], atol=1e-10)


def test_pipeline_steps_as_yellowbrick(iris):
    X, y = iris
    viz = PCA(random_state=3).fit(X, y)
    assert list(viz.pca_transformer_.named_steps) == ["scale", "pca"]
    assert isinstance(viz.pca_transformer_.named_steps["scale"], StandardScaler)
    assert viz.pca_transformer_.named_steps["pca"].random_state == 3
    assert viz.pca_transformer is viz.pca_transformer_
    assert PCA(scale=False).fit(X).pca_transformer_.named_steps["scale"] == (
        "passthrough"
    )


def test_fit_transform_projects_once_and_returns_a_copy(iris, monkeypatch):
    X, y = iris
    viz = PCA()
    calls = []
    monkeypatch.setattr(PCA, "_project", lambda self, X: calls.append(X))
    Xp = viz.fit_transform(X, y)
    assert calls == []  # the training projection comes from fit
    Xp[:] = 0
    assert np.abs(viz.embedding_).sum() > 0


def test_pandas_and_polars_input_name_features(iris):
    X, y = load_iris(return_X_y=True, as_frame=True)
    names = list(X.columns)
    for data in (X, pl.from_pandas(X)):
        viz = PCA(heatmap=True).fit(data, y)
        assert_array_equal(viz.features_, names)
        viz.plot()
        assert texts(viz.lax_.get_xticklabels()) == names
    assert_allclose(
        np.abs(PCA().fit_transform(X, y)), np.abs(reference(X.to_numpy())[1])
    )


def test_input_is_not_mutated(iris):
    X, y = iris
    X_before, y_before = X.copy(), y.copy()
    PCA(scale=False).fit_transform(X, y)
    assert_array_equal(X, X_before)
    assert_array_equal(y, y_before)


# -- artists ---------------------------------------------------------------------


def test_discrete_target_scatter_and_legend(iris):
    X, y = iris
    viz = PCA(classes=CLASSES, colors=["r", "g", "b"]).fit(X, y).plot()
    assert_allclose(viz.scatter_.get_offsets(), viz.embedding_)
    expected = to_rgba_array(list("rgb"))[y, :3]
    assert_allclose(viz.scatter_.get_facecolors()[:, :3], expected, atol=0.01)
    assert texts(viz.ax_.get_legend().get_texts()) == CLASSES
    assert viz.ax_.get_title() == "Principal Component Plot"
    assert (viz.ax_.get_xlabel(), viz.ax_.get_ylabel()) == ("PC1", "PC2")
    assert viz.colorbar_ is None


def test_continuous_target_has_a_colorbar(diabetes):
    X, y = diabetes
    viz = PCA().fit(X, y).plot()
    assert_allclose(viz.scatter_.get_array(), y)
    assert viz.colorbar_ is not None and viz.cax in viz.fig_.axes
    assert viz.colorbar_.vmin == y.min() and viz.colorbar_.vmax == y.max()
    assert viz.ax_.get_legend() is None
    assert PCA(colorbar=False).fit(X, y).plot().colorbar_ is None


def test_no_target_single_colour(iris):
    X, _ = iris
    viz = PCA(colors="purple").fit(X).plot()
    assert_allclose(np.unique(viz.scatter_.get_facecolors()[:, :3], axis=0),
                    to_rgba_array(["purple"])[:, :3])  # fmt: skip
    assert viz.ax_.get_legend() is None


def test_3d_scatter_offsets_and_labels(iris):
    X, y = iris
    viz = PCA(projection="3d", classes=CLASSES).fit(X, y).plot()
    assert viz.ax_.name == "3d"
    xs, ys, zs = viz.scatter_._offsets3d
    assert_allclose(np.column_stack([xs, ys, zs]), viz.embedding_)
    assert viz.ax_.get_zlabel() == "PC3"
    assert texts(viz.ax_.get_legend().get_texts()) == CLASSES


def test_3d_continuous_colorbar(diabetes):
    X, y = diabetes
    viz = PCA(projection=3).fit(X, y).plot()
    assert viz.colorbar_ is not None and viz.cax in viz.fig_.axes


def test_biplot_2d_arrows_and_labels(iris):
    X, y = iris
    viz = PCA(proj_features=True, features=list("abcd")).fit(X, y).plot()
    tips = biplot_vectors(viz.pca_components_, viz.embedding_)
    assert_allclose(tips, viz.pca_components_.T * viz.embedding_.max(axis=0))
    assert_allclose(viz.arrows_.U, tips[:, 0])
    assert_allclose(viz.arrows_.V, tips[:, 1])
    assert texts(viz.arrow_labels_) == list("abcd")
    assert_allclose([t.get_position() for t in viz.arrow_labels_], tips * 1.05)


def with_constant_columns(X, n=3):
    """X plus ``n`` constant columns: their loadings, and arrows, are zero."""
    return np.hstack([X, np.ones((len(X), n))])


def test_labelled_arrows_leaves_out_short_ones():
    components = np.array([[1.0, 0.0, 0.1, 0.01], [0.0, 0.5, 0.0, 0.0]])
    assert_array_equal(labelled_arrows(components, 2), [True, True, False, False])
    assert_array_equal(labelled_arrows(components, 2, fraction=0.05), [1, 1, 1, 0])


def test_biplot_labels_do_not_pile_up_at_the_origin(iris):
    X, y = iris
    names = ["a", "b", "c", "d", "const1", "const2", "const3"]
    viz = PCA(proj_features=True, features=names).fit(with_constant_columns(X), y)
    viz.plot()
    assert len(viz.arrows_.U) == 7  # every feature keeps its arrow
    assert texts(viz.arrow_labels_) == ["a", "b", "c", "d"]
    positions = np.array([t.get_position() for t in viz.arrow_labels_])
    tips = biplot_vectors(viz.pca_components_, viz.embedding_)
    assert_allclose(positions, tips[:4] * 1.05)
    gaps = np.linalg.norm(positions[:, None] - positions[None], axis=-1)
    assert (gaps[np.triu_indices(4, 1)] > 0).all()  # no two labels coincide
    longest = np.linalg.norm(tips, axis=1).max()
    assert (np.linalg.norm(positions, axis=1) > BIPLOT_LABEL_MIN * longest).all()
    assert "3 short arrows not named" in texts(viz.ax_.texts)


def test_biplot_3d_leaves_short_arrows_unnamed(iris):
    X, y = iris
    viz = PCA(proj_features=True, projection=3).fit(with_constant_columns(X, 2), y)
    viz.plot()
    assert texts(viz.arrow_labels_) == ["x0", "x1", "x2", "x3"]
    assert "2 short arrows not named" in texts(viz.ax_.texts)


def test_biplot_3d(iris):
    X, y = iris
    viz = PCA(proj_features=True, projection=3).fit(X, y).plot()
    tips = biplot_vectors(viz.pca_components_, viz.embedding_)
    assert tips.shape == (4, 3)
    assert texts(viz.arrow_labels_) == ["x0", "x1", "x2", "x3"]
    # one arrow (shaft + two head lines) per feature
    assert len(viz.arrows_._segments3d) == 3 * len(tips)
    shafts = np.asarray(viz.arrows_._segments3d)[: len(tips)]
    # each shaft joins the origin to the feature's tip
    assert np.isclose(shafts, 0).all(axis=2).any(axis=1).all()
    assert_allclose(shafts.sum(axis=1), tips)


def test_heatmap_of_components(iris):
    X, y = iris
    viz = PCA(heatmap=True).fit(X, y).plot()
    assert_allclose(viz.heatmap_.get_array(), viz.pca_components_)
    assert texts(viz.lax.get_yticklabels()) == ["PC1", "PC2"]
    assert texts(viz.lax.get_xticklabels()) == ["x0", "x1", "x2", "x3"]
    assert viz.uax in viz.fig_.axes and viz.heatmap_colorbar_ is not None
    limit = np.abs(viz.pca_components_).max()
    assert viz.heatmap_.get_clim() == (-limit, limit)
    assert_allclose(viz.heatmap_colorbar_.get_ticks(), [-limit, 0, limit])


def test_heatmap_feature_names_turn_vertical_only_when_long(iris):
    X, y = iris
    short = PCA(heatmap=True).fit(X, y).plot()
    assert {t.get_rotation() for t in short.lax.get_xticklabels()} == {0}
    names = [f"a long measurement name {k}" for k in range(4)]
    long = PCA(heatmap=True, features=names).fit(X, y).plot()
    assert texts(long.lax.get_xticklabels()) == names
    assert {t.get_rotation() for t in long.lax.get_xticklabels()} == {90}


def test_heatmap_with_continuous_colorbar(diabetes):
    X, y = diabetes
    viz = PCA(heatmap=True).fit(X, y).plot()
    assert {viz.cax, viz.lax, viz.uax} <= set(viz.fig_.axes)


def test_density_image_above_threshold(iris, monkeypatch):
    X, y = iris
    monkeypatch.setattr(vizkit.draw, "DENSITY_THRESHOLD", 100)
    viz = PCA(classes=CLASSES).fit(X, y).plot()
    assert isinstance(viz.scatter_, AxesImage)
    assert texts(viz.ax_.get_legend().get_texts()) == CLASSES
    emb = viz.embedding_
    assert_allclose(viz.scatter_.get_extent(),
                    [emb[:, 0].min(), emb[:, 0].max(), emb[:, 1].min(),
                     emb[:, 1].max()])  # fmt: skip
    assert any("points binned" in t.get_text() for t in viz.ax_.texts)


def test_density_image_continuous_keeps_colorbar(diabetes, monkeypatch):
    X, y = diabetes
    monkeypatch.setattr(vizkit.draw, "DENSITY_THRESHOLD", 100)
    viz = PCA().fit(X, y).plot()
    assert isinstance(viz.scatter_, AxesImage) and viz.colorbar_ is not None


def test_3d_samples_above_threshold(iris, monkeypatch):
    X, y = iris
    monkeypatch.setattr(vizkit.draw, "DENSITY_THRESHOLD", 40)
    viz = PCA(projection=3, random_state=0).fit(X, y).plot()
    xs, ys, zs = viz.scatter_._offsets3d
    drawn = np.column_stack([xs, ys, zs])
    assert drawn.shape == (40, 3)
    # every drawn point is a row of the projection
    assert all(np.isclose(viz.embedding_, p).all(axis=1).any() for p in drawn)
    assert viz.scatter_.get_rasterized()
    assert any("random sample of 40" in t.get_text() for t in viz.ax_.texts)
    again = PCA(projection=3, random_state=0).fit(X, y).plot()
    assert_allclose(np.column_stack(again.scatter_._offsets3d), drawn)


def test_fit_draws_nothing_show_saves_and_closes(iris, tmp_path):
    X, y = iris
    viz = PCA().fit(X, y)
    assert plt.get_fignums() == []
    viz.show(outpath=tmp_path / "pca.png")
    assert (tmp_path / "pca.png").stat().st_size > 0
    assert plt.get_fignums() == []


# -- Pipeline and set_output -----------------------------------------------------


def test_mid_pipeline_with_a_classifier(iris):
    X, y = iris
    pipe = Pipeline([("pca", PCA()), ("clf", LogisticRegression())]).fit(X, y)
    assert pipe.score(X, y) > 0.85
    expected = Pipeline(
        [("scale", StandardScaler()), ("pca", SkPCA(2)), ("clf", LogisticRegression())]
    ).fit(X, y)
    assert_allclose(pipe.predict_proba(X), expected.predict_proba(X), atol=1e-6)


def test_set_output_pandas(iris):
    X, y = load_iris(return_X_y=True, as_frame=True)
    viz = PCA().set_output(transform="pandas")
    out = viz.fit_transform(X, y)
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns) == list(viz.get_feature_names_out()) == ["pca0", "pca1"]
    assert_array_equal(out.index, X.index)
    assert_allclose(out.to_numpy(), viz.embedding_)
    assert isinstance(viz.transform(X), pd.DataFrame)


# -- API -------------------------------------------------------------------------


def test_yellowbrick_signature_and_alias():
    params = inspect.signature(PCA).parameters
    expected = {
        "ax": None, "features": None, "classes": None, "scale": True,
        "projection": 2, "proj_features": False, "colors": None,
        "colormap": None, "alpha": 0.75, "random_state": None, "colorbar": True,
        "heatmap": False,
    }  # fmt: skip
    assert list(params)[: len(expected)] == list(expected)
    assert {k: params[k].default for k in expected} == expected
    assert PCADecomposition is PCA
    quick = inspect.signature(pca_decomposition).parameters
    assert list(quick)[:2] == ["X", "y"]
    assert {k: quick[k].default for k in expected} == expected
    assert quick["show"].default is True
    assert "proj_features" in pca_decomposition.__doc__


def test_quick_method(iris):
    X, y = iris
    viz = pca_decomposition(X, y, colors=["r", "g", "b"], projection=3, show=False)
    assert isinstance(viz, PCA) and viz.ax_.name == "3d"
    with pytest.warns(VizkitWarning, match="bogus"):
        pca_decomposition(X, y, bogus=1, title="T", show=False)


def test_yellowbrick_documented_examples(iris, tmp_path):
    X, y = iris
    visualizer = PCA(scale=True, classes=CLASSES)
    visualizer.fit_transform(X, y)
    visualizer.show(outpath=tmp_path / "a.png")
    visualizer = PCA(scale=True, proj_features=True, projection=3)
    visualizer.fit_transform(X, y)
    visualizer.show(outpath=tmp_path / "b.png")
    visualizer = PCA(scale=True, projection=2, heatmap=True)
    visualizer.fit_transform(X, y)
    visualizer.show(outpath=tmp_path / "c.png")
    assert len(list(tmp_path.iterdir())) == 3


# -- errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, match",
    [
        ({"projection": 4}, "projection"),
        ({"projection": "4d"}, "projection"),
        ({"projection": True}, "projection"),
        ({"projection": 3, "heatmap": True}, "heatmap"),
        ({"target_type": "bogus"}, "target_type"),
        ({"classes": ["a", "b"]}, "classes"),
    ],
)
def test_bad_options(iris, params, match):
    X, y = iris
    with pytest.raises(VizkitValueError, match=match):
        PCA(**params).fit(X, y)


def test_bad_data(iris):
    X, y = iris
    bad = X.copy()
    bad[3, 1] = np.nan
    with pytest.raises(VizkitValueError, match="X contains"):
        PCA().fit(bad, y)
    with pytest.raises(VizkitValueError, match="y has 10 values"):
        PCA().fit(X, y[:10])
    with pytest.raises(VizkitValueError, match="projection=3 needs at least 3"):
        PCA(projection=3).fit(X[:, :2], y)
    with pytest.raises(NotFitted):
        PCA().transform(X)
    with pytest.raises(
        VizkitValueError, match="X has 3 features, but PCA is expecting 4"
    ):
        PCA().fit(X, y).transform(X[:, :3])


def test_3d_projection_on_a_2d_axes(iris):
    X, y = iris
    _, ax = plt.subplots()
    with pytest.raises(VizkitValueError, match="ax is a 2-D Axes"):
        PCA(projection=3).fit(X, y).plot(ax=ax)


@pytest.mark.parametrize("scale", [True, False])
def test_values_too_large_to_square_are_refused(iris, scale):
    """At 1e300 the variances overflow (scipy raised LinAlgError): a clear error."""
    X, y = iris
    with pytest.raises(
        VizkitValueError,
        match=r"^X holds values as large as 7\.9e\+300, too large to compute with: "
        r"for 600 values, .* divide X by a power of ten first",
    ):
        PCA(scale=scale).fit(X * 1e300, y)
    X_before = X * 1e300
    with pytest.raises(VizkitValueError):
        pca_decomposition(X_before, y, scale=scale, show=False)
    assert_array_equal(X_before, X * 1e300)
    large = PCA(scale=scale).fit(X * 1e150, y)  # large, but squares stay finite
    assert np.isfinite(large.explained_variance_ratio_).all()
    assert_allclose(large.pca_components_, PCA(scale=scale).fit(X, y).pca_components_)


def test_too_few_samples_or_features_are_counted_in_the_message(iris):
    X, y = iris
    with pytest.raises(VizkitValueError, match=r"X has 1 sample\(s\) and 4 feature"):
        PCA().fit(X[:1])
    with pytest.raises(VizkitValueError, match=r"10 sample\(s\) and 1 feature\(s\)"):
        PCA().fit(X[:10, :1])
