"""Manifold: embeddings against the learners' own fit_transform, sampling, errors."""

import inspect
import sys
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import polars as pl
import pytest
from matplotlib.colors import to_rgba_array
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification, make_s_curve
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.manifold import (
    MDS,
    TSNE,
    Isomap,
    LocallyLinearEmbedding,
    SpectralEmbedding,
)
from sklearn.pipeline import Pipeline

import vizkit.features._learners as learners
import vizkit.features.manifold as manifold_module
from vizkit.exceptions import (
    ModelError,
    NotFitted,
    VizkitDeprecationWarning,
    VizkitImportError,
    VizkitValueError,
    VizkitWarning,
)
from vizkit.features import Manifold, manifold_embedding
from vizkit.utils.sampling import sample_rows

SEED = 0


@pytest.fixture(scope="module")
def data():
    """150 rows, 5 features, 3 classes."""
    return make_classification(
        n_samples=150, n_features=5, n_informative=3, n_redundant=0,
        n_classes=3, n_clusters_per_class=1, random_state=SEED,
    )  # fmt: skip


@pytest.fixture(scope="module")
def s_curve():
    """120 points on an S-shaped surface in 3-D, with a continuous position."""
    return make_s_curve(120, random_state=SEED)


def mds(n_components=2):
    """scikit-learn's metric MDS, spelled without FutureWarnings on 1.6 to 1.9."""
    extra = {"init": "random"} if "init" in inspect.signature(MDS).parameters else {}
    return MDS(n_components=n_components, n_init=1, random_state=SEED, **extra)


def lle(method, n_neighbors=10, n_components=2):
    return LocallyLinearEmbedding(
        method=method, n_neighbors=n_neighbors, n_components=n_components,
        random_state=SEED,
    )  # fmt: skip


REFERENCES = {
    "lle": lambda: lle("standard"),
    "ltsa": lambda: lle("ltsa"),
    "hessian": lambda: lle("hessian"),
    "modified": lambda: lle("modified"),
    "isomap": lambda: Isomap(n_neighbors=10),
    "spectral": lambda: SpectralEmbedding(n_neighbors=10, random_state=SEED),
    "mds": mds,
}


# -- numbers ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_embedding_equals_the_learners_own_fit_transform(s_curve, name):
    X, t = s_curve
    viz = Manifold(manifold=name, n_neighbors=10, random_state=SEED)
    Xp = viz.fit_transform(X, t)
    expected = REFERENCES[name]().fit_transform(X)
    assert_allclose(Xp, expected, atol=1e-8)
    assert_allclose(viz.embedding_, expected, atol=1e-8)
    assert viz.sample_indices_ is None and viz.n_samples_ == len(X)
    assert viz.fit_time_ > 0
    assert type(viz.manifold_) is type(REFERENCES[name]())


def test_named_tsne_is_sklearns_tsne_seeded():
    built = learners.named_estimator("tsne", 3, None, 7)
    assert built.get_params() == TSNE(n_components=3, random_state=7).get_params()


def test_tsne_estimator_is_cloned_and_fitted_like_its_own(data):
    X, y = data[0][:100], data[1][:100]
    tsne = TSNE(max_iter=250, perplexity=10, random_state=SEED)
    viz = Manifold(manifold=tsne).fit(X, y)
    assert_allclose(viz.embedding_, TSNE(**tsne.get_params()).fit_transform(X))
    assert viz.manifold_ is not tsne and not hasattr(tsne, "embedding_")
    assert "ax_" not in vars(viz)  # fit draws nothing
    assert plt.get_fignums() == []


def test_umap_equals_umap_learn_with_the_same_seed(data):
    umap = pytest.importorskip("umap")
    X = data[0][:100]
    viz = Manifold(manifold="umap", random_state=SEED).fit(X)
    with warnings.catch_warnings():  # umap-learn: a seed means one thread
        warnings.simplefilter("ignore", UserWarning)
        # and, before 0.5.7, scikit-learn 1.6's force_all_finite rename
        warnings.simplefilter("ignore", FutureWarning)
        expected = umap.UMAP(random_state=SEED).fit_transform(X)
    assert_allclose(viz.embedding_, expected, rtol=1e-5, atol=1e-5)
    assert viz.manifold_.n_neighbors == 15  # umap-learn's default
    assert viz.manifold_.n_components == 2


def test_transform_projects_new_rows_with_the_fitted_learner(s_curve):
    X, t = s_curve
    viz = Manifold(manifold="lle", n_neighbors=10, random_state=SEED).fit(X[:100])
    reference = lle("standard").fit(X[:100])
    assert_allclose(viz.transform(X[100:]), reference.transform(X[100:]), atol=1e-8)


@pytest.mark.parametrize("name", ["tsne", "mds", "spectral"])
def test_transform_of_a_learner_without_transform_raises(data, name, monkeypatch):
    monkeypatch.setattr(manifold_module, "fit_embedding", fake_fit)
    viz = Manifold(manifold=name).fit(*data)
    with pytest.raises(ModelError, match="cannot project new data.*fit_transform"):
        viz.transform(data[0])


def fake_fit(estimator, X):
    """A stand-in for slow fits where only the flow matters: PCA's numbers."""
    from sklearn.decomposition import PCA

    n = estimator.get_params()["n_components"]
    return PCA(n).fit_transform(X), 0.25


def test_transform_before_fit_raises_not_fitted(data):
    with pytest.raises(NotFitted):
        Manifold().transform(data[0])


# -- dimensions ------------------------------------------------------------------


def test_three_dimensions_with_three_components(s_curve):
    X, t = s_curve
    viz = Manifold(manifold="isomap", n_neighbors=10, projection=3).fit(X, t)
    assert_allclose(
        np.abs(viz.embedding_),
        np.abs(Isomap(n_neighbors=10, n_components=3).fit_transform(X)),
        atol=1e-8,
    )
    viz.plot()
    assert viz.ax_.name == "3d"
    assert len(viz.scatter_.get_offsets()) == len(X)
    assert viz.colorbar_ is not None  # a continuous target


def test_hessian_default_neighbors_as_yellowbrick():
    assert learners.default_neighbors("hessian", 2) == 6
    assert learners.default_neighbors("hessian", 3) == 10
    assert learners.default_neighbors("isomap", 3) == 5
    built = learners.named_estimator("hessian", 3, None, None)
    assert built.n_neighbors == 10 and built.method == "hessian"


def test_three_dimensions_of_a_two_component_estimator_is_refused(data):
    viz = Manifold(manifold=TSNE(n_components=2), projection=3)
    with pytest.raises(VizkitValueError, match="2 component.*projection=3.*n_comp"):
        viz.fit(*data)
    assert not hasattr(viz, "manifold_")


def test_an_estimator_that_returns_too_few_columns_is_refused(data):
    from sklearn.preprocessing import FunctionTransformer

    one_column = FunctionTransformer(lambda X: X[:, :1])
    with pytest.raises(VizkitValueError, match="1 component"):
        Manifold(manifold=one_column).fit(*data)


# -- sampling --------------------------------------------------------------------


def test_sample_embeds_a_seeded_sample_and_says_so(data):
    X, y = data
    viz = Manifold(manifold="mds", sample=60, random_state=3).fit(X, y)
    rows = sample_rows(len(X), 60, 3)
    assert_array_equal(viz.sample_indices_, rows)
    expected = MDS(**{**mds().get_params(), "random_state": 3}).fit_transform(X[rows])
    assert_allclose(viz.embedding_, expected, atol=1e-8)
    viz.plot()
    assert "of a 60-row sample of 150 rows" in viz.ax_.get_title()
    assert len(viz.scatter_.get_offsets()) == 60
    colors = to_rgba_array(viz.colors_)[y[rows]]
    assert_allclose(viz.scatter_.get_facecolors()[:, :3], colors[:, :3])
    assert_array_equal(viz.classes_, ["0", "1", "2"])


def test_sample_fraction(data):
    viz = Manifold(manifold="isomap", sample=0.5).fit(*data)
    assert len(viz.embedding_) == 75 and len(viz.sample_indices_) == 75


def test_auto_samples_the_quadratic_ones_in_fit_not_fit_transform(data, monkeypatch):
    monkeypatch.setattr(manifold_module, "AUTO_ROWS", {"mds": 50, "isomap": 50})
    monkeypatch.setattr(manifold_module, "fit_embedding", fake_fit)
    X, y = data
    assert len(Manifold(manifold="mds").fit(X, y).embedding_) == 50
    assert len(Manifold(manifold="isomap").fit(X, y).embedding_) == 50
    assert Manifold(manifold="lle").fit(X, y).sample_indices_ is None
    assert len(Manifold(manifold=mds()).fit(X, y).embedding_) == 50  # by its class
    with pytest.warns(VizkitWarning, match="all 150 rows with MDS.*50-row sample"):
        Xp = Manifold(manifold="mds").fit_transform(X, y)
    assert Xp.shape == (150, 2)


def test_fit_transform_of_a_sample_without_transform_is_refused(data, monkeypatch):
    calls = []
    monkeypatch.setattr(manifold_module, "fit_embedding", calls.append)
    viz = Manifold(manifold="tsne", sample=50)
    with pytest.raises(VizkitValueError, match="50 of its 150 rows.*fit\\(X, y\\)"):
        viz.fit_transform(*data)
    assert calls == []  # refused before fitting


def test_fit_transform_of_a_sample_projects_every_row(s_curve):
    X, t = s_curve
    viz = Manifold(manifold="lle", n_neighbors=10, sample=80, random_state=SEED)
    Xp = viz.fit_transform(X, t)
    assert Xp.shape == (len(X), 2) and len(viz.embedding_) == 80
    assert_allclose(Xp, viz.manifold_.transform(X))


# -- artists ---------------------------------------------------------------------


def test_title_fit_time_labels_and_legend(data):
    viz = Manifold(manifold="isomap", classes=["a", "b", "c"]).fit(*data)
    viz.plot()
    assert viz.ax_.get_title() == (
        f"Isomap Manifold (fit in {viz.fit_time_:0.2f} seconds)"
    )
    assert viz.ax_.get_xlabel() == "Using 5 features"
    assert [t.get_text() for t in viz.legend_.get_texts()] == ["a", "b", "c"]
    assert_allclose(viz.scatter_.get_offsets(), viz.embedding_)


def test_estimator_title_names_its_class_and_user_title_wins(data, monkeypatch):
    monkeypatch.setattr(manifold_module, "fit_embedding", fake_fit)
    viz = Manifold(manifold=TSNE()).fit(*data)
    viz.plot()
    assert viz.ax_.get_title() == "TSNE Manifold (fit in 0.25 seconds)"
    viz.set_params(title="Mine").plot()
    assert viz.ax_.get_title() == "Mine"


def test_yellowbrick_target_spelling_is_target_type(data):
    X, y = data
    with pytest.warns(VizkitDeprecationWarning, match="target_type"):
        viz = Manifold(manifold="isomap", target="continuous").fit(X, y)
    assert viz.target_color_type_.value == "continuous"


def test_quick_method_fits_the_sample_and_draws(data):
    viz = manifold_embedding(*data, manifold="tsne", sample=40, show=False)
    assert viz.embedding_.shape == (40, 2)
    assert "40-row sample" in viz.ax_.get_title()
    plt.close(viz.fig_)


# -- input -----------------------------------------------------------------------


def test_pandas_and_polars_input(data):
    X, y = data
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(5)])
    expected = Manifold(manifold="isomap").fit_transform(X, y)
    for given in (frame, pl.from_pandas(frame)):
        viz = Manifold(manifold="isomap")
        assert_allclose(viz.fit_transform(given, pd.Series(y)), expected)
        assert_array_equal(viz.features_, frame.columns)
        assert_allclose(viz.transform(given[:7]), expected[:7], atol=1e-6)
    chosen = Manifold(manifold="isomap", features=["f0", "f1", "f2"]).fit(frame, y)
    assert_allclose(chosen.embedding_, Isomap().fit_transform(X[:, :3]))


def test_pipeline_middle_step_with_pandas_output(data):
    X, y = data
    pipe = Pipeline(
        [("viz", Manifold(manifold="isomap")), ("clf", LogisticRegression())]
    ).fit(X, y)
    assert 0.5 < pipe.score(X, y) <= 1
    viz = Manifold(manifold="isomap").set_output(transform="pandas")
    out = viz.fit_transform(pd.DataFrame(X), y)
    assert list(out.columns) == ["manifold0", "manifold1"]
    tsne = Pipeline([("viz", Manifold(manifold="tsne")), ("clf", LogisticRegression())])
    tsne.set_params(viz__manifold=TSNE(max_iter=250, perplexity=5))
    tsne.fit(X[:60], y[:60])  # fit_transform embeds the training rows
    with pytest.raises(ModelError, match="TSNE"):
        tsne.predict(X)


def test_yellowbrick_select_k_best_pipeline(data):
    X, y = data
    model = Pipeline(
        [
            ("selectk", SelectKBest(k=3, score_func=f_classif)),
            ("viz", Manifold(manifold="isomap", n_neighbors=10)),
        ]
    )
    Xp = model.fit_transform(X, y)
    assert Xp.shape == (150, 2)
    assert model.named_steps["viz"].features_.tolist() == ["x0", "x1", "x2"]


def test_inputs_and_the_given_estimator_are_not_modified(data):
    X, y = data
    X_before, y_before = X.copy(), y.copy()
    given = Isomap(n_neighbors=8)
    Manifold(manifold=given, projection=2, sample=100).fit(X, y)
    assert_array_equal(X, X_before)
    assert_array_equal(y, y_before)
    assert given.get_params() == Isomap(n_neighbors=8).get_params()
    assert not hasattr(given, "embedding_")


# -- bad input -------------------------------------------------------------------


def test_unknown_algorithm_lists_the_options(data):
    with pytest.raises(VizkitValueError, match="manifold='pca'.*'lle'.*'umap'"):
        Manifold(manifold="pca").fit(*data)
    with pytest.raises(VizkitValueError, match="fit_transform"):
        Manifold(manifold=object()).fit(*data)


@pytest.mark.parametrize("value", [0, -3, 2.5, "five", True])
def test_invalid_n_neighbors_type(data, value):
    with pytest.raises(VizkitValueError, match="n_neighbors"):
        Manifold(n_neighbors=value).fit(*data)


def test_n_neighbors_the_algorithm_cannot_use(data):
    X, y = data
    with pytest.raises(VizkitValueError, match="n_neighbors=150 needs more than 150"):
        Manifold(manifold="isomap", n_neighbors=150).fit(X, y)
    with pytest.raises(VizkitValueError, match="too few.*n_neighbors=6 or more"):
        Manifold(manifold="hessian", n_neighbors=4).fit(X, y)
    with pytest.raises(VizkitValueError, match="2 feature.*another manifold"):
        Manifold(manifold="ltsa", projection=3).fit(X[:, :2], y)


def test_umap_missing_names_the_package(data, monkeypatch):
    monkeypatch.setitem(sys.modules, "umap", None)  # import umap -> ImportError
    with pytest.raises(VizkitImportError, match="umap-learn.*pip install umap-learn"):
        Manifold(manifold="umap").fit(*data)
    assert isinstance(VizkitImportError("x"), ImportError)
    assert plt.get_fignums() == []


def test_learner_errors_name_the_visualizer(data):
    with pytest.raises(ValueError, match="^Manifold: TSNE fit"):
        Manifold(manifold=TSNE(perplexity=500)).fit(*data)
