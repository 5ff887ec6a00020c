"""SilhouetteVisualizer: numbers against scikit-learn's silhouettes, then artists."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_samples, silhouette_score
from sklearn.model_selection import GridSearchCV

from vizkit.cluster import SilhouetteVisualizer, silhouette_visualizer
from vizkit.cluster import silhouette as module
from vizkit.exceptions import ModelError, VizkitDeprecationWarning, VizkitValueError
from vizkit.utils import sampling
from vizkit.utils.sampling import sample_rows


@pytest.fixture(scope="module")
def blobs():
    X, _ = make_blobs(n_samples=240, n_features=3, centers=4, random_state=7)
    return X


def kmeans(k=4):
    return KMeans(n_clusters=k, n_init=3, random_state=0)


@pytest.fixture()
def fitted(blobs):
    return SilhouetteVisualizer(kmeans()).fit(blobs)


# -- numbers ---------------------------------------------------------------------


def test_silhouettes_equal_sklearn_on_the_models_labels(blobs, fitted):
    labels = fitted.estimator.labels_
    assert_array_equal(fitted.labels_, labels)
    assert_allclose(fitted.silhouette_samples_, silhouette_samples(blobs, labels))
    assert fitted.silhouette_score_ == pytest.approx(silhouette_score(blobs, labels))
    assert fitted.n_samples_ == 240
    assert fitted.n_clusters_ == 4
    assert fitted.sample_indices_ is None


def test_a_prefit_model_labels_the_data_with_predict(blobs):
    model = kmeans().fit(blobs[:100])
    viz = SilhouetteVisualizer(model).fit(blobs)
    labels = model.predict(blobs)
    assert_array_equal(viz.labels_, labels)
    assert_allclose(viz.silhouette_samples_, silhouette_samples(blobs, labels))
    assert len(model.labels_) == 100  # the prefit model was not refitted


def test_sample_count_computes_silhouettes_of_the_sampled_rows(blobs):
    viz = SilhouetteVisualizer(kmeans(), sample=100, random_state=3).fit(blobs)
    labels = viz.estimator.labels_
    rows = sample_rows(240, 100, 3)
    assert_array_equal(viz.sample_indices_, rows)
    assert_array_equal(viz.labels_, labels[rows])
    expected = silhouette_samples(blobs[rows], labels[rows])
    assert_allclose(viz.silhouette_samples_, expected)
    # the same rows as scikit-learn's own sampled silhouette score
    reference = silhouette_score(blobs, labels, sample_size=100, random_state=3)
    assert viz.silhouette_score_ == pytest.approx(reference)
    assert viz.n_samples_ == 240


def test_sample_fraction_and_none_and_auto(blobs, monkeypatch):
    quarter = SilhouetteVisualizer(kmeans(), sample=0.25).fit(blobs)
    assert len(quarter.silhouette_samples_) == 60
    assert_array_equal(quarter.sample_indices_, sample_rows(240, 60, 0))
    for every_row in (None, "auto", 1.0, 1000):
        viz = SilhouetteVisualizer(kmeans(), sample=every_row).fit(blobs)
        assert viz.sample_indices_ is None and len(viz.silhouette_samples_) == 240
    monkeypatch.setattr(sampling, "AUTO_SAMPLE", 50)
    capped = SilhouetteVisualizer(kmeans(), random_state=1).fit(blobs)
    assert_array_equal(capped.sample_indices_, sample_rows(240, 50, 1))


def test_dbscan_noise_is_one_more_group_as_in_sklearn(blobs):
    model = DBSCAN(eps=1.0, min_samples=5)
    viz = SilhouetteVisualizer(model).fit(blobs)
    labels = model.labels_
    assert (labels == -1).any(), "the example needs noise"
    assert_allclose(viz.silhouette_samples_, silhouette_samples(blobs, labels))
    assert viz.n_clusters_ == len(set(labels) - {-1})
    viz.show()
    ticks = [t.get_text() for t in viz.ax_.get_yticklabels()]
    assert ticks[0] == "noise"
    assert to_hex(viz.bands_[0].get_facecolor()[0]) == module.NOISE_COLOR


def test_agglomerative_clustering_without_predict_uses_its_labels(blobs):
    viz = SilhouetteVisualizer(AgglomerativeClustering(n_clusters=3)).fit(blobs)
    labels = viz.estimator.labels_
    assert_allclose(viz.silhouette_samples_, silhouette_samples(blobs, labels))
    # prefit on the same rows: its labels are X's
    again = SilhouetteVisualizer(viz.estimator).fit(blobs)
    assert_array_equal(again.labels_, labels)


def test_score_is_the_mean_silhouette_of_the_models_clustering(blobs):
    viz = SilhouetteVisualizer(kmeans()).fit(blobs[:160])
    score = viz.score(blobs[160:])
    labels = viz.estimator.predict(blobs[160:])
    assert score == pytest.approx(silhouette_score(blobs[160:], labels))
    assert viz.score_ == score == viz.silhouette_score_
    assert len(viz.silhouette_samples_) == 80  # show() now draws the scored rows


def test_grid_search_over_n_clusters_picks_the_blobs():
    X, _ = make_blobs(n_samples=300, centers=4, cluster_std=0.6, random_state=0)
    search = GridSearchCV(
        SilhouetteVisualizer(kmeans()), {"estimator__n_clusters": [2, 3, 4, 5, 6]}
    )
    search.fit(X)
    assert search.best_params_ == {"estimator__n_clusters": 4}


def test_dataframe_input_gives_the_same_silhouettes(blobs, fitted):
    frame = pd.DataFrame(blobs, columns=["a", "b", "c"])
    viz = SilhouetteVisualizer(kmeans()).fit(frame)
    assert_allclose(viz.silhouette_samples_, fitted.silhouette_samples_)
    assert list(viz.feature_names_in_) == ["a", "b", "c"]


def test_polars_input_gives_the_same_silhouettes(blobs, fitted):
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame({name: blobs[:, i] for i, name in enumerate("abc")})
    viz = SilhouetteVisualizer(kmeans()).fit(frame)
    assert_allclose(viz.silhouette_samples_, fitted.silhouette_samples_)


def test_band_positions_follow_yellowbricks_layout():
    bottoms, ticks = module.band_positions(np.array([5, 3, 4]), gap=10)
    assert_array_equal(bottoms, [10, 25, 38])
    assert_array_equal(ticks, [12.5, 26.5, 40])


# -- artists ---------------------------------------------------------------------


def test_one_filled_band_per_cluster_and_the_mean_line(fitted):
    fitted.show()
    ax = fitted.ax_
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 4 and bands == fitted.bands_
    groups, sizes = np.unique(fitted.labels_, return_counts=True)
    bottoms, _ = module.band_positions(sizes, module.band_gap(240))
    for band, group, bottom, size in zip(bands, groups, bottoms, sizes):
        vertices = band.get_paths()[0].vertices
        sorted_values = np.sort(fitted.silhouette_samples_[fitted.labels_ == group])
        assert_allclose(vertices[:, 0].max(), sorted_values.max())
        assert vertices[:, 1].min() == bottom
        assert vertices[:, 1].max() == bottom + size - 1
    (line,) = ax.lines
    assert_allclose(line.get_xdata(), fitted.silhouette_score_)
    assert line.get_linestyle() == "--"
    (label,) = [t.get_text() for t in fitted.legend_.get_texts()]
    assert f"{fitted.silhouette_score_:.3f}" in label
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0", "1", "2", "3"]
    assert_allclose(ax.get_yticks(), fitted.y_tick_pos_)
    assert ax.get_title() == (
        "Silhouette Plot of KMeans Clustering for 240 Samples in 4 Centers"
    )


def test_the_title_states_the_sample(blobs):
    viz = SilhouetteVisualizer(kmeans(), sample=100, random_state=5).fit(blobs)
    viz.show()
    title = viz.ax_.get_title()
    assert "100 of 240 Samples" in title and "random_state=5" in title


def test_colors_and_yellowbricks_colormap_spelling(blobs, fitted):
    fitted.set_params(colors=["red", "blue"]).plot()
    faces = [to_hex(b.get_facecolor()[0]) for b in fitted.bands_]
    assert faces == ["#ff0000", "#0000ff", "#ff0000", "#0000ff"]
    viz = SilhouetteVisualizer(kmeans(), colormap=["green"])
    with pytest.warns(VizkitDeprecationWarning, match="colormap"):
        viz.fit(blobs)
    viz.show()
    assert {to_hex(b.get_facecolor()[0]) for b in viz.bands_} == {"#008000"}


def test_quick_method(blobs):
    viz = silhouette_visualizer(kmeans(), blobs, colors="yellowbrick", show=False)
    assert len(viz.bands_) == 4
    assert viz.silhouette_score_ == pytest.approx(
        silhouette_score(blobs, viz.estimator.labels_)
    )


# -- bad input -------------------------------------------------------------------


def test_one_cluster_is_refused(blobs):
    with pytest.raises(VizkitValueError, match="one cluster"):
        SilhouetteVisualizer(KMeans(n_clusters=1, n_init=1)).fit(blobs)


def test_every_row_its_own_cluster_is_refused(blobs):
    with pytest.raises(VizkitValueError, match="its own cluster"):
        SilhouetteVisualizer(AgglomerativeClustering(n_clusters=6)).fit(blobs[:6])


@pytest.mark.parametrize("sample", [0, 1, -5, 0.0, 1.5, True, "all"])
def test_invalid_sample_is_refused(blobs, sample):
    with pytest.raises(VizkitValueError, match="sample="):
        SilhouetteVisualizer(kmeans(), sample=sample).fit(blobs)


def test_a_model_that_cannot_label_other_data_is_refused(blobs):
    model = DBSCAN(eps=1.0).fit(blobs[:100])
    with pytest.raises(ModelError, match="no predict method"):
        SilhouetteVisualizer(model).fit(blobs)


def test_the_users_data_and_prefit_model_are_not_changed(blobs):
    X = blobs.copy()
    model = kmeans().fit(X)
    centers = model.cluster_centers_.copy()
    SilhouetteVisualizer(model, sample=50).fit(X).show()
    assert_array_equal(X, blobs)
    assert_array_equal(model.cluster_centers_, centers)


def test_sparse_input_gives_the_same_silhouettes(blobs, fitted):
    viz = SilhouetteVisualizer(kmeans()).fit(sparse.csr_matrix(blobs))
    assert_allclose(viz.silhouette_samples_, fitted.silhouette_samples_)
    sampled = SilhouetteVisualizer(kmeans(), sample=60).fit(sparse.csr_matrix(blobs))
    dense = SilhouetteVisualizer(kmeans(), sample=60).fit(blobs)
    assert_allclose(sampled.silhouette_samples_, dense.silhouette_samples_)
