"""InterclusterDistance: embedding and membership against scikit-learn, then artists."""

from __future__ import annotations

import inspect
import warnings

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn.cluster import DBSCAN, KMeans, MeanShift
from sklearn.datasets import make_blobs
from sklearn.manifold import MDS, TSNE
from sklearn.metrics import pairwise_distances
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.cluster import ICDM, InterclusterDistance, intercluster_distance
from vizkit.cluster import icdm as module
from vizkit.exceptions import ModelError, VizkitValueError

NEW_MDS = "metric_mds" in inspect.signature(MDS).parameters  # scikit-learn >= 1.8


@pytest.fixture(scope="module")
def blobs():
    X, _ = make_blobs(
        n_samples=300, n_features=4, centers=4, cluster_std=[0.5, 1, 1.5, 1],
        random_state=3,
    )  # fmt: skip
    return X


def kmeans(k=4):
    return KMeans(n_clusters=k, n_init=3, random_state=0)


@pytest.fixture()
def fitted(blobs):
    return InterclusterDistance(kmeans(), random_state=1).fit(blobs)


def reference_mds(centers, seed):
    """Yellowbrick's MDS (metric, 2-D, 4 random starts) of the centers.

    Spelled for this scikit-learn; its warning that a square input is taken
    as samples (4 centers of 4 features; "The MDS API has changed" on 1.6)
    is expected here.
    """
    if NEW_MDS:
        mds = MDS(n_components=2, n_init=4, init="random", random_state=seed)
    else:
        mds = MDS(n_components=2, n_init=4, random_state=seed)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "The provided input is a square matrix")
        warnings.filterwarnings("ignore", "The MDS API has changed")
        return mds.fit_transform(centers)


# -- numbers ---------------------------------------------------------------------


def test_mds_embedding_equals_sklearns_mds_of_the_centers(blobs, fitted):
    centers = fitted.estimator.cluster_centers_
    assert_array_equal(fitted.cluster_centers_, centers)
    assert fitted.cluster_centers_ is not centers  # a copy
    expected = reference_mds(centers, 1)
    assert_allclose(fitted.embedded_centers_, expected, atol=1e-8)
    distances = pairwise_distances(centers)
    precomputed = module.mds_embedding(1).fit_transform(distances)
    assert_allclose(fitted.embedded_centers_, precomputed)


def test_membership_counts_equal_bincount_of_the_labels(blobs, fitted):
    assert_array_equal(fitted.scores_, np.bincount(fitted.estimator.labels_))
    assert fitted.scores_.sum() == len(blobs)
    model = kmeans().fit(blobs[:120])  # prefit elsewhere: X's rows are counted
    viz = InterclusterDistance(model).fit(blobs)
    assert_array_equal(viz.scores_, np.bincount(model.predict(blobs), minlength=4))


def test_random_state_none_is_reproducible(blobs):
    first = InterclusterDistance(kmeans()).fit(blobs).embedded_centers_
    second = InterclusterDistance(kmeans()).fit(blobs).embedded_centers_
    assert_array_equal(first, second)
    centers = kmeans().fit(blobs).cluster_centers_
    assert_allclose(first, reference_mds(centers, 0), atol=1e-8)


def test_tsne_embedding_with_fewer_centers_than_its_perplexity(blobs):
    viz = InterclusterDistance(kmeans(), embedding="tsne", random_state=2).fit(blobs)
    centers = viz.cluster_centers_
    expected = TSNE(
        n_components=2, perplexity=3.0, init="pca", random_state=2
    ).fit_transform(centers)
    assert_allclose(viz.embedded_centers_, expected)
    assert viz.transformer_.perplexity == 3.0
    few = InterclusterDistance(kmeans(2), embedding="TSNE").fit(blobs)
    assert few.embedded_centers_.shape == (2, 2)


def test_no_warning_when_centers_are_as_many_as_features(blobs):
    """Square centers matrix: MDS would warn unless given the distances."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        viz = InterclusterDistance(kmeans(4)).fit(blobs)  # 4 centers, 4 features
        viz.show()
    assert viz.cluster_centers_.shape == (4, 4)


def test_a_pipeline_ending_in_a_centroid_model(blobs):
    pipe = make_pipeline(StandardScaler(), kmeans())
    viz = InterclusterDistance(pipe).fit(blobs)
    centers = pipe[-1].cluster_centers_
    assert_array_equal(viz.cluster_centers_, centers)
    assert_array_equal(viz.scores_, np.bincount(pipe[-1].labels_))


def test_dataframe_input_gives_the_same_map(blobs, fitted):
    frame = pd.DataFrame(blobs, columns=list("abcd"))
    viz = InterclusterDistance(kmeans(), random_state=1).fit(frame)
    assert_allclose(viz.embedded_centers_, fitted.embedded_centers_)
    assert_array_equal(viz.scores_, fitted.scores_)


def test_circle_areas_follow_yellowbricks_scale():
    areas = module.circle_areas(np.array([10, 20, 50]), 400, 25000)
    assert_allclose(areas, 400 + 24600 * np.sqrt([0, 0.25, 1]))
    assert_allclose(module.circle_areas(np.array([7, 7]), 400, 1000), [700, 700])


def test_fit_time_is_measured(fitted):
    assert 0 < fitted.fit_time_ < 60


# -- artists ---------------------------------------------------------------------


def test_circles_at_the_embedded_centers_sized_by_membership(fitted):
    fitted.show()
    ax = fitted.ax_
    (circles,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert_allclose(circles.get_offsets(), fitted.embedded_centers_)
    areas = module.circle_areas(fitted.scores_, 400, 25000)
    assert_allclose(circles.get_sizes(), areas)
    assert [t.get_text() for t in ax.texts] == ["0", "1", "2", "3"]
    assert_allclose([t.get_position() for t in ax.texts], fitted.embedded_centers_)
    assert ax.get_title() == "KMeans Intercluster Distance Map (via MDS)"
    assert ax.get_xlabel() == "MDS 1"


def test_whole_circles_fit_in_the_view(fitted):
    fitted.show()
    ax, fig = fitted.ax_, fitted.fig_
    fig.canvas.draw()
    box = ax.get_window_extent()
    radii = np.sqrt(fitted.circles_.get_sizes()) / 2 * fig.dpi / 72
    points = ax.transData.transform(fitted.embedded_centers_)
    assert np.all(points[:, 0] - radii >= box.x0 - 1)
    assert np.all(points[:, 0] + radii <= box.x1 + 1)
    assert np.all(points[:, 1] - radii >= box.y0 - 1)
    assert np.all(points[:, 1] + radii <= box.y1 + 1)


def test_size_legend_shows_percentile_scores_at_the_plots_sizes(fitted):
    fitted.show()
    lax = fitted.lax_
    assert lax is fitted.lax and lax in fitted.fig_.axes
    labels = [t.get_text() for t in lax.texts]
    values = module.legend_values(fitted.scores_)
    assert labels == [f"{v:,}" for v in values] + ["membership"]
    (legend_circles,) = lax.collections
    limits = (fitted.scores_.min(), fitted.scores_.max())
    assert_allclose(
        legend_circles.get_sizes(), module.circle_areas(values, 400, 25000, limits)
    )


def test_legend_false_and_color(fitted):
    fitted.set_params(legend=False, color="red").plot()
    assert fitted.lax_ is None and len(fitted.fig_.axes) == 1
    face = fitted.circles_.get_facecolor()[0]
    assert_allclose(face[:3], [1, 0, 0])


def test_quick_method_and_alias(blobs):
    assert ICDM is InterclusterDistance
    viz = intercluster_distance(kmeans(), blobs, legend_loc="upper right", show=False)
    assert_array_equal(viz.scores_, np.bincount(viz.estimator.labels_))


def test_meanshift_centers(blobs):
    viz = InterclusterDistance(MeanShift(bandwidth=2.0, bin_seeding=True))
    viz.fit(blobs[::3])
    assert len(viz.embedded_centers_) == len(viz.estimator.cluster_centers_)


# -- bad input -------------------------------------------------------------------


def test_model_without_cluster_centers_is_refused(blobs):
    with pytest.raises(ModelError, match="cluster_centers_"):
        InterclusterDistance(DBSCAN()).fit(blobs)


def test_one_center_is_refused(blobs):
    with pytest.raises(VizkitValueError, match="at least 2"):
        InterclusterDistance(KMeans(n_clusters=1, n_init=1)).fit(blobs)


@pytest.mark.parametrize(
    "params, match",
    [
        ({"embedding": "pca"}, "embedding="),
        ({"scoring": "silhouette"}, "scoring="),
        ({"legend_loc": "best"}, "legend_loc="),
        ({"min_size": 500, "max_size": 100}, "min_size="),
        ({"legend_size": 0}, "legend_size="),
    ],
)
def test_invalid_options_are_refused(blobs, params, match):
    with pytest.raises(VizkitValueError, match=match):
        InterclusterDistance(kmeans(), **params).fit(blobs)


def test_the_users_data_and_prefit_model_are_not_changed(blobs):
    X = blobs.copy()
    model = kmeans().fit(X)
    centers = model.cluster_centers_.copy()
    InterclusterDistance(model).fit(X).show()
    assert_array_equal(X, blobs)
    assert_array_equal(model.cluster_centers_, centers)


def test_sparse_input_goes_to_the_model(blobs, fitted):
    viz = InterclusterDistance(kmeans(), random_state=1).fit(sparse.csr_matrix(blobs))
    assert_allclose(viz.cluster_centers_, fitted.cluster_centers_)
    assert_array_equal(viz.scores_, fitted.scores_)


# KMeans itself overflows on such data; the test is about vizkit's message.
@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
@pytest.mark.filterwarnings("ignore:Number of distinct clusters")
def test_centers_too_far_apart_to_measure_are_refused(blobs):
    X = blobs.copy()
    X[0, 0] = 1e300
    with pytest.raises(VizkitValueError, match="not all finite"):
        InterclusterDistance(kmeans(2)).fit(X)
