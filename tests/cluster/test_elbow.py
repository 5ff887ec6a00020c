"""KElbowVisualizer: scores against scikit-learn's, the elbow, drawing, bad input."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.spatial.distance import cdist, pdist
from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans
from sklearn.datasets import make_blobs
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    calinski_harabasz_score,
    davies_bouldin_score,
    silhouette_score,
)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.cluster import KElbow, KElbowVisualizer, kelbow_visualizer
from vizkit.cluster.elbow import distortion_score
from vizkit.cluster.scoring import elbow_index
from vizkit.exceptions import ModelError, VizkitValueError, VizkitWarning
from vizkit.utils import sampling
from vizkit.utils.sampling import sample_rows

METRICS = {
    "silhouette": silhouette_score,
    "calinski_harabasz": calinski_harabasz_score,
    "davies_bouldin": davies_bouldin_score,
}
KS = (2, 7)  # k = 2..6: five fits


def blobs(seed=1, n_samples=300, **kwargs):
    X, _ = make_blobs(n_samples=n_samples, centers=4, random_state=seed, **kwargs)
    return X


def kmeans(**params):
    return KMeans(n_init=3, random_state=0, **params)


@pytest.fixture(scope="module")
def X():
    return blobs()


def reference_models(X, ks=range(*KS)):
    return [kmeans(n_clusters=k).fit(X) for k in ks]


# -- scores against the references -----------------------------------------------


def test_distortion_equals_kmeans_inertia(X):
    viz = KElbowVisualizer(kmeans(), k=KS).fit(X)
    assert_array_equal(viz.k_values_, [2, 3, 4, 5, 6])
    assert_allclose(viz.k_scores_, [m.inertia_ for m in reference_models(X)])
    assert viz.k_timers_.shape == (5,) and np.all(viz.k_timers_ > 0)


@pytest.mark.parametrize("metric", sorted(METRICS))
def test_scores_equal_sklearn_metrics(X, metric):
    viz = KElbowVisualizer(kmeans(), k=KS, metric=metric).fit(X)
    expected = [METRICS[metric](X, m.labels_) for m in reference_models(X)]
    assert_allclose(viz.k_scores_, expected)


def test_distance_metric_acts_on_distortion_and_silhouette(X):
    models = reference_models(X, ks=[3, 4])
    viz = KElbowVisualizer(
        kmeans(), k=[3, 4], distance_metric="manhattan", locate_elbow=False
    ).fit(X)
    rows = np.arange(len(X))
    expected = [
        np.sum(cdist(X, m.cluster_centers_, "cityblock")[rows, m.labels_] ** 2)
        for m in models
    ]
    assert_allclose(viz.k_scores_, expected)
    viz.set_params(metric="silhouette").fit(X)
    expected = [silhouette_score(X, m.labels_, metric="manhattan") for m in models]
    assert_allclose(viz.k_scores_, expected)


def test_euclidean_only_metrics_warn_that_the_distance_is_ignored(X):
    viz = KElbowVisualizer(
        kmeans(), k=[3, 4], metric="calinski_harabasz", distance_metric="cosine",
        locate_elbow=False,
    )  # fmt: skip
    with pytest.warns(VizkitWarning, match="distance_metric='cosine' is ignored"):
        viz.fit(X)
    models = reference_models(X, ks=[3, 4])
    assert_allclose(
        viz.k_scores_, [calinski_harabasz_score(X, m.labels_) for m in models]
    )


def test_distortion_without_centers_uses_each_clusters_mean(X):
    viz = KElbowVisualizer(AgglomerativeClustering(), k=[3, 5], locate_elbow=False)
    viz.fit(X)
    for k, score in zip([3, 5], viz.k_scores_):
        labels = AgglomerativeClustering(n_clusters=k).fit_predict(X)
        expected = sum(
            np.sum((X[labels == c] - X[labels == c].mean(axis=0)) ** 2)
            for c in range(k)
        )
        assert score == pytest.approx(expected)


def test_distortion_score_function_keeps_yellowbricks_signature(X):
    model = kmeans(n_clusters=4).fit(X)
    centers = model.cluster_centers_
    assert distortion_score(X, model.labels_, centers=centers) == pytest.approx(
        model.inertia_
    )
    # Yellowbrick's call: the centers are the label means (KMeans' at convergence)
    means_score = distortion_score(X, model.labels_, "euclidean")
    assert means_score == pytest.approx(model.inertia_, rel=1e-6)


def test_pipeline_sets_its_clusterers_n_clusters():
    X = blobs(3)
    pipe = make_pipeline(StandardScaler(), kmeans())
    viz = KElbowVisualizer(pipe, k=(2, 7), metric="silhouette").fit(X)
    Xs = StandardScaler().fit_transform(X)
    labels = [kmeans(n_clusters=k).fit(Xs).labels_ for k in range(2, 7)]
    # the scores are computed on X as given, the clusters found in the scaled data
    assert_allclose(viz.k_scores_, [silhouette_score(X, lab) for lab in labels])
    assert viz.elbow_value_ == 4
    assert viz.best_estimator_.get_params()["kmeans__n_clusters"] == 4
    assert pipe.get_params()["kmeans__n_clusters"] == 8  # the user's, untouched


def test_silhouette_sample_uses_the_same_rows_for_every_k(X):
    viz = KElbowVisualizer(
        kmeans(), k=[3, 4], metric="silhouette", sample=100, random_state=7,
        locate_elbow=False,
    ).fit(X)  # fmt: skip
    rows = sample_rows(len(X), 100, 7)
    expected = [
        silhouette_score(X[rows], m.labels_[rows]) for m in reference_models(X, [3, 4])
    ]
    assert_allclose(viz.k_scores_, expected)
    viz.plot()
    assert "100 sampled rows" in viz.ax_.get_title()
    whole = KElbowVisualizer(
        kmeans(), k=[3], metric="silhouette", sample=300, locate_elbow=False
    ).fit(X)
    whole.plot()
    assert "sampled" not in whole.ax_.get_title()


def test_dataframe_input_gives_the_same_scores(X):
    frame = pd.DataFrame(X, columns=["a", "b"])
    copy = frame.copy()
    by_frame = KElbowVisualizer(kmeans(), k=KS).fit(frame)
    by_array = KElbowVisualizer(kmeans(), k=KS).fit(X)
    assert_allclose(by_frame.k_scores_, by_array.k_scores_)
    assert list(by_frame.feature_names_in_) == ["a", "b"]
    pd.testing.assert_frame_equal(frame, copy)


def test_polars_input_gives_the_same_scores(X):
    pl = pytest.importorskip("polars")
    viz = KElbowVisualizer(kmeans(), k=[3, 4], locate_elbow=False)
    viz.fit(pl.DataFrame(X))
    assert_allclose(viz.k_scores_, [m.inertia_ for m in reference_models(X, [3, 4])])


# -- the elbow -------------------------------------------------------------------

# make_blobs(centers=4) places the centers at random; these seeds give four
# blobs (seed 2 and 5 put two centers 3.3 and 1.0 apart: three blobs).
SEEDS = [0, 1, 3, 4, 6, 7, 8]
# The silhouette and Davies-Bouldin scores favour fewer clusters when two
# blobs touch (seeds 1 and 4), so they get the seeds with clear gaps.
SEPARATED = [0, 3, 6, 7, 8]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("metric", ["distortion", "calinski_harabasz"])
def test_elbow_is_4_on_four_blobs(seed, metric):
    viz = KElbowVisualizer(kmeans(), metric=metric).fit(blobs(seed))
    assert viz.elbow_value_ == 4
    index = list(viz.k_values_).index(4)
    assert viz.elbow_score_ == viz.k_scores_[index]
    assert viz.best_estimator_.n_clusters == 4


@pytest.mark.parametrize("seed", SEPARATED)
@pytest.mark.parametrize("metric", ["silhouette", "davies_bouldin"])
def test_elbow_is_the_best_silhouette_or_davies_bouldin(seed, metric):
    viz = KElbowVisualizer(kmeans(), metric=metric).fit(blobs(seed))
    assert viz.elbow_value_ == 4


def test_merged_blobs_count_as_one():
    X, _, centers = make_blobs(
        n_samples=300, centers=4, random_state=5, return_centers=True
    )
    assert pdist(centers).min() < 1.1  # two centers one standard deviation apart
    assert KElbowVisualizer(kmeans()).fit(X).elbow_value_ == 3


def test_elbow_index_takes_each_metrics_optimum_unless_at_the_largest_k():
    ks = np.arange(2, 7)
    peak = np.array([0.3, 0.5, 0.7, 0.4, 0.35])
    assert elbow_index(ks, peak, "silhouette") == 2
    assert elbow_index(ks, peak, "calinski_harabasz") == 2
    assert elbow_index(ks, -peak, "davies_bouldin") == 2
    assert elbow_index(ks, np.sort(peak), "silhouette") is None  # best at k=6
    assert elbow_index(ks, np.sort(peak)[::-1], "davies_bouldin") is None


def test_no_elbow_warns_and_leaves_none(X):
    viz = KElbowVisualizer(kmeans(), k=[2, 3])
    with pytest.warns(VizkitWarning, match="No elbow found among k = 2..3"):
        viz.fit(X)
    assert viz.elbow_value_ is None and viz.elbow_score_ is None
    assert viz.best_estimator_ is None
    viz.plot()
    assert "elbow" not in viz.lines_
    with pytest.raises(VizkitValueError, match="no elbow"):
        viz.score(X)


def test_locate_elbow_false_hides_the_line_and_the_warning(X, recwarn):
    viz = KElbowVisualizer(kmeans(), k=[2, 3], locate_elbow=False).fit(X)
    assert not [w for w in recwarn if issubclass(w.category, VizkitWarning)]
    found = KElbowVisualizer(kmeans(), locate_elbow=False).fit(X)
    assert found.elbow_value_ == 4  # computed either way
    found.plot()
    assert "elbow" not in found.lines_
    found.set_params(locate_elbow=True).plot()
    assert "elbow" in found.lines_
    assert viz.elbow_value_ is None


# -- the models: the user's untouched, best_estimator_ at the elbow --------------


def test_users_model_is_never_changed_nor_fitted(X):
    model = KMeans(n_clusters=3, n_init=3, random_state=0)
    params = model.get_params()
    viz = KElbowVisualizer(model).fit(X)
    assert model.get_params() == params
    assert not hasattr(model, "cluster_centers_")
    assert viz.best_estimator_ is not model and viz.best_estimator_.n_clusters == 4


def test_model_methods_reach_the_elbow_model(X):
    viz = KElbowVisualizer(kmeans())
    assert viz.n_clusters == 8  # before fit: the given model's
    viz.fit(X)
    assert viz.n_clusters == 4
    assert_array_equal(viz.predict(X), kmeans(n_clusters=4).fit(X).labels_)
    with pytest.warns(VizkitWarning):
        viz.set_params(k=[2, 3]).fit(X)  # no elbow: back to the given model
    assert viz.n_clusters == 8


def test_is_fitted_is_ignored_with_a_warning(X):
    with pytest.warns(VizkitWarning, match="ignores is_fitted=True"):
        KElbowVisualizer(kmeans(), k=KS, is_fitted=True).fit(X)
    with pytest.raises(VizkitValueError, match="is_fitted"):
        KElbowVisualizer(kmeans(), k=KS, is_fitted="yes").fit(X)


def test_score_rates_the_elbow_model_on_new_data():
    X, X_test = blobs(3), blobs(3, n_samples=500)[300:]  # the same four centers
    viz = KElbowVisualizer(kmeans()).fit(X)
    elbow = kmeans(n_clusters=4).fit(X)
    assert viz.score(X_test) == pytest.approx(elbow.score(X_test))  # -inertia
    assert viz.score_ == viz.score(X_test)
    labels = elbow.predict(X_test)
    viz.set_params(metric="silhouette").fit(X)
    assert viz.score(X_test) == pytest.approx(silhouette_score(X_test, labels))
    viz.set_params(metric="davies_bouldin").fit(X)
    assert viz.score(X_test) == pytest.approx(-davies_bouldin_score(X_test, labels))


def test_score_needs_a_model_that_predicts(X):
    viz = KElbowVisualizer(AgglomerativeClustering(), k=(2, 8)).fit(X)
    assert viz.elbow_value_ == 4
    with pytest.raises(ModelError, match="no predict method"):
        viz.score(X)


# -- drawing ---------------------------------------------------------------------


def test_draws_scores_elbow_and_fit_times_on_a_twin_axis(X):
    viz = KElbowVisualizer(kmeans()).fit(X)
    fig, ax = plt.subplots()
    viz.plot(ax=ax)
    assert_allclose(
        viz.lines_["score"].get_xydata(), np.c_[viz.k_values_, viz.k_scores_]
    )
    assert viz.lines_["score"].get_marker() == "D"
    elbow = viz.lines_["elbow"]
    assert elbow.get_linestyle() == "--" and list(elbow.get_xdata()) == [4, 4]
    assert fig.axes == [ax, viz.fit_time_ax_]
    timing = viz.lines_["fit_time"]
    assert timing.axes is viz.fit_time_ax_
    assert_allclose(timing.get_ydata(), viz.k_timers_)
    assert timing.get_color() != viz.lines_["score"].get_color()
    assert viz.fit_time_ax_.get_ylabel() == "fit time (seconds)"
    assert viz.fit_time_ax_.get_ylim()[0] == 0
    assert ax.get_zorder() > viz.fit_time_ax_.get_zorder()  # scores in front
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "distortion score",
        f"elbow at k = 4, score = {viz.elbow_score_:.3f}",  # 575.494
        "fit time",
    ]
    assert ax.get_title() == "Distortion Score Elbow for KMeans Clustering"
    assert ax.get_xlabel() == "k" and ax.get_ylabel() == "distortion score"


def test_no_twin_axis_without_timings(X):
    viz = KElbowVisualizer(kmeans(), k=KS, timings=False).fit(X)
    fig, ax = plt.subplots()
    viz.plot(ax=ax)
    assert fig.axes == [ax] and viz.fit_time_ax_ is None
    assert "fit_time" not in viz.lines_
    assert ax.get_legend() is not None


def test_redrawing_on_one_axes_keeps_one_twin(X):
    viz = KElbowVisualizer(kmeans(), k=KS).fit(X)
    fig, ax = plt.subplots()
    viz.plot(ax=ax)
    ax.clear()  # keeps the twin axes: the redraw must replace it
    viz.plot(ax=ax)
    assert len(fig.axes) == 2
    ax.clear()
    viz.set_params(timings=False).plot(ax=ax)
    assert fig.axes == [ax]
    assert ax.patch.get_visible()  # its background is back


def test_side_by_side_plots_keep_their_own_twins(X):
    viz = KElbowVisualizer(kmeans(), k=KS).fit(X)
    fig, (left, right) = plt.subplots(1, 2)
    viz.plot(ax=left)
    left_twin = viz.fit_time_ax_
    viz.plot(ax=right)
    assert len(fig.axes) == 4 and left_twin in fig.axes


def test_metric_names_the_title_and_label(X):
    viz = KElbowVisualizer(kmeans(), k=KS, metric="calinski_harabasz").fit(X)
    viz.plot()
    assert viz.ax_.get_title() == "Calinski Harabasz Score Elbow for KMeans Clustering"
    assert viz.ax_.get_ylabel() == "calinski harabasz score"


def test_quick_method_and_alias(X):
    viz = kelbow_visualizer(kmeans(), X, k=KS, show=False)
    assert isinstance(viz, KElbowVisualizer) and KElbow is KElbowVisualizer
    assert viz.elbow_value_ == 4 and viz.ax_.lines


def test_verbose_shows_a_progress_bar(X, capsys):
    KElbowVisualizer(kmeans(), k=KS, verbose=True).fit(X)
    assert "5/5" in capsys.readouterr().err


# -- bad input -------------------------------------------------------------------


@pytest.mark.parametrize(
    "k", [1, 0, -3, (1, 5), (5, 5), [1, 3], [], "10", 2.5, True, None]
)
def test_invalid_k_names_k(X, k):
    with pytest.raises(VizkitValueError, match=r"^k="):
        KElbowVisualizer(kmeans(), k=k).fit(X)


@pytest.mark.parametrize("k, expected", [
    (4, [2, 3, 4]), ((3, 6), [3, 4, 5]), ([5, 2, 3, 3], [2, 3, 5]),
    (range(2, 5), [2, 3, 4]), (np.array([3, 2]), [2, 3]), (2, [2]),
])  # fmt: skip
def test_k_forms(X, k, expected):
    viz = KElbowVisualizer(kmeans(), k=k, locate_elbow=False).fit(X)
    assert_array_equal(viz.k_values_, expected)


def test_k_of_n_samples_or_more_is_refused():
    X = blobs(n_samples=8)
    with pytest.raises(
        VizkitValueError, match="k goes up to 10 clusters, but X has only 8"
    ):
        KElbowVisualizer(kmeans()).fit(X)
    KElbowVisualizer(kmeans(), k=7, locate_elbow=False).fit(X)  # 7 = n_samples - 1


def test_clusterer_without_n_clusters_is_refused(X):
    model = DBSCAN()
    with pytest.raises(ModelError, match="DBSCAN has no n_clusters parameter"):
        KElbowVisualizer(model).fit(X)
    assert not hasattr(model, "labels_")  # refused before any fit


def test_non_clusterer_is_refused(X):
    with pytest.raises(ModelError, match="not a clusterer"):
        KElbowVisualizer(LogisticRegression()).fit(X)


@pytest.mark.parametrize(
    "option, value",
    [("metric", "inertia"), ("distance_metric", "nope"),
     ("distance_metric", "precomputed"), ("sample", 1), ("n_jobs", 0)],
)  # fmt: skip
def test_invalid_options_name_themselves(X, option, value):
    with pytest.raises(VizkitValueError, match=option):
        KElbowVisualizer(kmeans(), **{option: value}).fit(X)


def test_a_callable_distance_metric_is_accepted(X):
    def manhattan(a, b):
        return np.abs(a - b).sum()

    viz = KElbowVisualizer(
        kmeans(), k=[3], metric="silhouette", distance_metric=manhattan,
        locate_elbow=False,
    ).fit(X[:60])  # fmt: skip
    expected = silhouette_score(
        X[:60], kmeans(n_clusters=3).fit(X[:60]).labels_, metric="manhattan"
    )
    assert viz.k_scores_[0] == pytest.approx(expected)


def test_one_cluster_found_is_a_clear_error():
    X = np.zeros((20, 2))  # every row alike: KMeans finds one cluster
    viz = KElbowVisualizer(kmeans(), k=[2], metric="silhouette")
    with (
        pytest.warns(Warning),
        pytest.raises(VizkitValueError, match="2 to n_samples - 1 clusters"),
    ):
        viz.fit(X)


def test_silhouette_sample_auto_caps_the_rows(X, monkeypatch):
    monkeypatch.setattr(sampling, "AUTO_SAMPLE", 120)
    viz = KElbowVisualizer(
        kmeans(), k=[3, 4], metric="silhouette", random_state=2, locate_elbow=False
    )
    viz.fit(X)
    rows = sample_rows(len(X), 120, 2)
    expected = [
        silhouette_score(X[rows], m.labels_[rows]) for m in reference_models(X, [3, 4])
    ]
    assert_allclose(viz.k_scores_, expected)
    viz.plot()
    assert "120 sampled rows" in viz.ax_.get_title()


def test_yellowbrick_model_keyword_still_works_with_a_warning():
    X, _ = make_blobs(n_samples=150, centers=3, random_state=0)
    kwargs = dict(X=X, k=(2, 5), show=False)
    new = kelbow_visualizer(estimator=KMeans(n_init=2, random_state=0), **kwargs)
    with pytest.warns(FutureWarning, match=r"model=.*use estimator="):
        old = kelbow_visualizer(model=KMeans(n_init=2, random_state=0), **kwargs)
    assert_allclose(old.k_scores_, new.k_scores_)
    with pytest.raises(VizkitValueError, match="both model= and estimator="):
        kelbow_visualizer(model=KMeans(), estimator=KMeans(), **kwargs)
