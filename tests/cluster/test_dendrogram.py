"""Dendrogram: the tree against scipy's linkage, then the links, cut and leaves."""

from __future__ import annotations

import pickle

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from numpy.testing import assert_allclose, assert_array_equal
from scipy.cluster.hierarchy import cophenet, fcluster, leaves_list, linkage
from scipy.spatial.distance import pdist
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score, pairwise_distances
from sklearn.neighbors import kneighbors_graph
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.cluster import Dendrogram, dendrogram
from vizkit.cluster._linkage import ABOVE_CUT_COLOR
from vizkit.exceptions import ModelError, VizkitValueError


@pytest.fixture(scope="module")
def blobs():
    X, _ = make_blobs(n_samples=120, n_features=4, centers=4, random_state=3)
    return X


def canonical(Z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """What a tree is, whatever the order of each merge's two children.

    The merge heights in order, and the cophenetic distances (the height at
    which each pair of samples first shares a cluster).
    """
    return Z[:, 2], cophenet(Z)


def colors_drawn(viz) -> list[str]:
    return [to_hex(lines.get_colors()[0]) for lines in viz.link_lines_]


def n_links_drawn(viz) -> int:
    return sum(len(lines.get_segments()) for lines in viz.link_lines_)


# -- numbers ---------------------------------------------------------------------


def test_ward_linkage_equals_scipy(blobs):
    model = AgglomerativeClustering(n_clusters=4, compute_distances=True)
    viz = Dendrogram(model).fit(blobs)
    expected = linkage(blobs, method="ward")
    assert_array_equal(viz.linkage_, expected)  # children, distances and sizes
    assert viz.linkage_.shape == (len(blobs) - 1, 4)
    assert not viz.refitted_


@pytest.mark.parametrize("method", ["average", "complete", "single"])
def test_other_linkages_equal_scipy_with_euclidean(blobs, method):
    model = AgglomerativeClustering(linkage=method, compute_distances=True)
    Z = Dendrogram(model).fit(blobs).linkage_
    expected = linkage(blobs, method=method, metric="euclidean")
    heights, cophenetic = canonical(Z)
    assert_allclose(heights, expected[:, 2], rtol=1e-12)
    assert_allclose(cophenetic, cophenet(expected), rtol=1e-12)
    assert_array_equal(np.sort(Z[:, 3]), np.sort(expected[:, 3]))
    for k in (2, 4, 7):  # the same flat clusters at every cut
        ours, theirs = fcluster(Z, k, "maxclust"), fcluster(expected, k, "maxclust")
        assert adjusted_rand_score(ours, theirs) == 1.0


@pytest.mark.parametrize(
    "metric, scipy_metric", [("manhattan", "cityblock"), ("cosine", "cosine")]
)
def test_metric_is_the_models(blobs, metric, scipy_metric):
    model = AgglomerativeClustering(linkage="average", metric=metric)
    viz = Dendrogram(model).fit(blobs)
    expected = linkage(blobs, method="average", metric=scipy_metric)
    assert_allclose(viz.linkage_[:, 2], expected[:, 2], rtol=1e-12)
    score = viz.score(blobs)
    assert score == pytest.approx(cophenet(expected, pdist(blobs, scipy_metric))[0])


def test_sizes_count_the_samples_under_each_merge(blobs):
    viz = Dendrogram(AgglomerativeClustering(linkage="single")).fit(blobs)
    Z = viz.linkage_
    n = len(blobs)
    sizes = np.ones(2 * n - 1)
    for i, (a, b) in enumerate(Z[:, :2].astype(int)):
        sizes[n + i] = sizes[a] + sizes[b]
    assert_array_equal(Z[:, 3], sizes[n:])
    assert Z[-1, 3] == n


def test_missing_distances_fit_a_clone_and_leave_the_model_alone(blobs):
    model = AgglomerativeClustering(n_clusters=4).fit(blobs)
    before = pickle.dumps(model)
    viz = Dendrogram(model).fit(blobs)
    assert viz.refitted_
    assert pickle.dumps(model) == before
    assert not hasattr(model, "distances_")
    assert_array_equal(viz.linkage_, linkage(blobs, method="ward"))
    # the colours are the model's own clusters
    groups = fcluster(viz.linkage_, viz.n_clusters_, "maxclust")
    assert adjusted_rand_score(groups, model.labels_) == 1.0


@pytest.mark.filterwarnings("ignore:the number of connected components")
def test_partial_tree_of_a_connectivity_model_is_completed(blobs):
    graph = kneighbors_graph(blobs, 15, include_self=False)
    model = AgglomerativeClustering(
        n_clusters=110, connectivity=graph, compute_distances=True
    )  # many clusters: scikit-learn stops the tree early
    viz = Dendrogram(model).fit(blobs)
    assert len(model.children_) < len(blobs) - 1
    assert viz.refitted_
    assert viz.linkage_.shape == (len(blobs) - 1, 4)
    assert viz.linkage_[-1, 3] == len(blobs)
    assert_array_equal(viz.linkage_[: len(model.children_), :2], model.children_)


def test_cut_is_the_models(blobs):
    viz = Dendrogram(AgglomerativeClustering(n_clusters=4)).fit(blobs)
    heights = viz.linkage_[:, 2]
    assert viz.n_clusters_ == 4
    assert heights[-4] < viz.cut_ < heights[-3]  # 3 merges above, the rest below
    assert len(np.unique(fcluster(viz.linkage_, viz.cut_, "distance"))) == 4
    model = AgglomerativeClustering(n_clusters=None, distance_threshold=20.0)
    viz = Dendrogram(model).fit(blobs)
    assert viz.cut_ == 20.0
    assert viz.n_clusters_ == model.n_clusters_ == np.sum(heights >= 20.0) + 1


def test_score_is_the_cophenetic_correlation(blobs):
    viz = Dendrogram(AgglomerativeClustering(linkage="average")).fit(blobs)
    expected = cophenet(linkage(blobs, "average"), pdist(blobs))[0]
    assert viz.score(blobs) == pytest.approx(expected, rel=1e-12)
    assert viz.score_ == viz.score(blobs)
    other = blobs[::2] + 0.5  # new data: the tree the model builds on it
    expected = cophenet(linkage(other, "average"), pdist(other))[0]
    assert viz.score(other) == pytest.approx(expected, rel=1e-12)
    assert viz.linkage_.shape[0] == len(blobs) - 1  # the fitted tree is kept


def test_pipeline_builds_the_tree_on_the_transformed_data(blobs):
    pipe = make_pipeline(StandardScaler(), AgglomerativeClustering(n_clusters=4))
    viz = Dendrogram(pipe).fit(blobs)
    scaled = StandardScaler().fit_transform(blobs)
    assert_allclose(viz.linkage_, linkage(scaled, "ward"), rtol=1e-12)
    expected = cophenet(linkage(scaled, "ward"), pdist(scaled))[0]
    assert viz.score(blobs) == pytest.approx(expected)


def test_dataframe_index_names_the_leaves(blobs):
    frame = pd.DataFrame(blobs[:12], columns=list("abcd"))
    frame.index = [f"s{i}" for i in range(12)]
    viz = Dendrogram(AgglomerativeClustering(n_clusters=3)).fit(frame)
    assert_array_equal(viz.leaf_labels_, frame.index)
    assert_array_equal(viz.linkage_, linkage(blobs[:12], "ward"))
    assert_array_equal(viz.feature_names_in_, list("abcd"))
    viz.plot()
    shown = [t.get_text() for t in viz.ax_.get_xticklabels()]
    # the leaves are drawn in scipy's dendrogram order
    assert shown == [f"s{i}" for i in leaves_list(viz.linkage_)]


def test_polars_input(blobs):
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame(blobs[:30], schema=list("abcd"))
    viz = Dendrogram(AgglomerativeClustering(n_clusters=3)).fit(frame)
    assert_array_equal(viz.linkage_, linkage(blobs[:30], "ward"))
    assert viz.leaf_labels_[-1] == "29"


# -- drawing ---------------------------------------------------------------------


@pytest.mark.parametrize("k", [2, 4, 6])
def test_clusters_take_one_colour_each(blobs, k):
    viz = dendrogram(
        AgglomerativeClustering(n_clusters=k), blobs, truncate_mode=None, show=False
    )
    colors = colors_drawn(viz)
    assert len(colors) == len(set(colors))  # one LineCollection per colour
    assert len([c for c in colors if c != ABOVE_CUT_COLOR]) == k
    above = viz.link_lines_[colors.index(ABOVE_CUT_COLOR)]
    assert len(above.get_segments()) == k - 1  # the merges between clusters
    assert n_links_drawn(viz) == len(blobs) - 1
    assert_allclose(viz.cut_line_.get_ydata(), viz.cut_)
    assert f"{k} clusters" in [t.get_text() for t in viz.ax_.texts]


def test_colour_of_each_link_follows_its_cluster(blobs):
    model = AgglomerativeClustering(n_clusters=4)
    viz = Dendrogram(model, truncate_mode=None).fit(blobs).plot()
    labels = model.labels_
    in_order = labels[leaves_list(viz.linkage_)]  # clusters left to right
    for lines in viz.link_lines_:
        if to_hex(lines.get_colors()[0]) == ABOVE_CUT_COLOR:
            continue
        feet = np.concatenate([s[[0, 3], 0] for s in lines.get_segments()])
        spanned = in_order[np.round(feet[feet % 1 == 0]).astype(int)]
        assert len(np.unique(spanned)) == 1  # a colour never spans two clusters


def test_explicit_color_threshold_cuts_scipy_style(blobs):
    viz = Dendrogram(AgglomerativeClustering(n_clusters=4), truncate_mode=None)
    viz.fit(blobs)
    threshold = float(np.median(viz.linkage_[-12:, 2]))
    viz.set_params(color_threshold=threshold).plot()
    clusters = fcluster(viz.linkage_, threshold, "distance")
    sizes = np.bincount(clusters)
    colored = [c for c in colors_drawn(viz) if c != ABOVE_CUT_COLOR]
    palette = {c for c in colored}
    assert len(colored) == len(palette) <= np.sum(sizes > 1)  # singletons: no link
    assert_allclose(viz.cut_line_.get_ydata(), threshold)
    assert viz.n_clusters_ == 4  # drawing parameters leave the results alone


def test_single_colour_and_colormap(blobs):
    viz = Dendrogram(AgglomerativeClustering(n_clusters=3), colors="#ff00ff")
    viz.fit(blobs).plot()
    assert colors_drawn(viz) == ["#ff00ff", ABOVE_CUT_COLOR]
    viz.set_params(colors=None, colormap="viridis").plot()
    cluster_colors = colors_drawn(viz)[:-1]
    assert cluster_colors[0] == to_hex(plt.get_cmap("viridis")(0.0))


def test_auto_truncation_above_100_samples_is_stated(blobs):
    X = np.vstack([blobs, blobs + 0.1])
    viz = dendrogram(AgglomerativeClustering(n_clusters=4), X, show=False)
    assert n_links_drawn(viz) == 29  # the last p=30 merges: 30 leaves
    assert "30 branches of 240 samples" in viz.ax_.get_xlabel()
    labels = [t.get_text() for t in viz.ax_.get_xticklabels()]
    assert all(label.startswith("(") for label in labels)
    small = dendrogram(AgglomerativeClustering(), blobs[:100], show=False)
    assert n_links_drawn(small) == 99
    assert small.ax_.get_xlabel() == "100 samples"


@pytest.mark.parametrize(
    "mode, p, links", [("lastp", 10, 9), ("level", 2, 7), (None, 5, 119)]
)
def test_truncate_mode_limits_the_leaves(blobs, mode, p, links):
    viz = Dendrogram(AgglomerativeClustering(), truncate_mode=mode, p=p)
    viz.fit(blobs).plot()
    assert n_links_drawn(viz) == links
    assert viz.ax_.get_xlim() == (-0.5, links + 0.5)


@pytest.mark.parametrize("orientation", ["left", "right", "bottom"])
def test_orientation(blobs, orientation):
    viz = Dendrogram(AgglomerativeClustering(n_clusters=4), orientation=orientation)
    viz.fit(blobs[:40]).plot()
    segments = np.concatenate([lines.get_segments() for lines in viz.link_lines_])
    heights = segments[..., 0] if orientation != "bottom" else segments[..., 1]
    assert_allclose(heights.max(), viz.linkage_[:, 2].max())
    root_side = viz.ax_.get_xlim() if orientation != "bottom" else viz.ax_.get_ylim()
    assert (root_side[0] > root_side[1]) == (orientation in ("left", "bottom"))
    if orientation == "bottom":
        assert_allclose(viz.cut_line_.get_ydata(), viz.cut_)
    else:
        assert_allclose(viz.cut_line_.get_xdata(), viz.cut_)
        assert viz.ax_.get_ylabel() == "40 samples"


def test_show_cut_false_draws_no_line(blobs):
    viz = Dendrogram(AgglomerativeClustering(n_clusters=4), show_cut=False)
    viz.fit(blobs).plot()
    assert viz.cut_line_ is None
    assert len(viz.ax_.texts) == 0 and len(viz.ax_.lines) == 0


def test_labels_name_the_leaves(blobs):
    names = [f"row {i}" for i in range(20)]
    viz = Dendrogram(AgglomerativeClustering(), labels=names).fit(blobs[:20]).plot()
    assert {t.get_text() for t in viz.ax_.get_xticklabels()} == set(names)


# -- from_linkage ----------------------------------------------------------------


def test_from_linkage_draws_a_scipy_tree(blobs):
    Z = linkage(blobs, "complete")
    viz = Dendrogram.from_linkage(Z, n_clusters=3, truncate_mode=None)
    assert_array_equal(viz.linkage_, Z)
    assert viz.linkage_ is not Z
    assert n_links_drawn(viz) == len(blobs) - 1
    assert len(colors_drawn(viz)) == 4  # 3 clusters and the links above
    assert Z[-3, 2] < viz.cut_ < Z[-2, 2]
    assert viz.ax_.get_title() == "Dendrogram"
    plain = Dendrogram.from_linkage(Z, labels=[f"x{i}" for i in range(120)])
    assert len(colors_drawn(plain)) == 1 and plain.cut_line_ is None
    with pytest.raises(ModelError, match="from_linkage"):
        plain.score(blobs)


@pytest.mark.parametrize(
    "bad, message",
    [
        (np.zeros((5, 3)), "4 columns"),
        ([[0, 1, 1.0, 2], [0, 2, 2.0, 3]], "uses the same cluster"),
        ([[0, 1, -1.0, 2]], "negative"),
        ([[0, 1, 1.0, 5]], "count"),
        ([["a", "b", "c", "d"]], "could not convert"),
        ([[0, 1, np.nan, 2]], "NaN"),
    ],
)
def test_from_linkage_refuses_an_invalid_matrix(bad, message):
    with pytest.raises(VizkitValueError, match=f"Z is not a valid linkage.*{message}"):
        Dendrogram.from_linkage(bad)
    assert plt.get_fignums() == []


def test_from_linkage_refuses_a_bad_n_clusters():
    Z = linkage(np.arange(10.0)[:, None], "single")
    with pytest.raises(VizkitValueError, match="n_clusters=11"):
        Dendrogram.from_linkage(Z, n_clusters=11)


# -- bad input -------------------------------------------------------------------


def test_a_model_without_a_tree_is_refused_before_fitting(blobs):
    model = KMeans(n_clusters=4, n_init=1)
    with pytest.raises(ModelError, match="KMeans builds no merge tree"):
        Dendrogram(model).fit(blobs)
    assert not hasattr(model, "cluster_centers_")  # not fitted for nothing


def test_a_model_fitted_on_other_data_is_refused(blobs):
    model = AgglomerativeClustering().fit(blobs[:50])
    with pytest.raises(VizkitValueError, match="fitted on 50 samples but X has 120"):
        Dendrogram(model).fit(blobs)


def test_labels_of_the_wrong_length_are_refused_without_a_figure(blobs):
    viz = Dendrogram(AgglomerativeClustering(), labels=["a", "b"]).fit(blobs)
    with pytest.raises(VizkitValueError, match="labels has 2 names"):
        viz.plot()
    assert plt.get_fignums() == []


def test_one_sample_is_refused():
    with pytest.raises(VizkitValueError, match="X has 1 sample"):
        Dendrogram(AgglomerativeClustering()).fit(np.ones((1, 3)))


def test_score_names_the_visualizer_on_bad_data(blobs):
    viz = Dendrogram(AgglomerativeClustering()).fit(blobs)
    bad = blobs.copy()
    bad[0, 0] = np.nan
    with pytest.raises(VizkitValueError, match="Dendrogram.score: X contains"):
        viz.score(bad)
    with pytest.raises(VizkitValueError, match="X has 3 features"):
        viz.score(blobs[:, :3])


def test_a_cut_far_above_the_root_is_left_out(blobs):
    model = AgglomerativeClustering(n_clusters=None, distance_threshold=1e6)
    viz = Dendrogram(model).fit(blobs).plot()
    assert viz.cut_ == 1e6 and viz.n_clusters_ == 1
    assert viz.cut_line_ is None
    assert_allclose(viz.ax_.get_ylim(), (0, viz.linkage_[-1, 2] * 1.05))
    assert len(colors_drawn(viz)) == 1  # one cluster, one colour


def test_score_with_a_callable_metric(blobs):
    def chebyshev(X):  # AgglomerativeClustering's callables return the matrix
        return pairwise_distances(X, metric="chebyshev")

    model = AgglomerativeClustering(linkage="complete", metric=chebyshev)
    viz = Dendrogram(model).fit(blobs[:40])
    expected = linkage(blobs[:40], "complete", metric="chebyshev")
    assert_allclose(viz.linkage_[:, 2], expected[:, 2])
    score = cophenet(expected, pdist(blobs[:40], "chebyshev"))[0]
    assert viz.score(blobs[:40]) == pytest.approx(score)
