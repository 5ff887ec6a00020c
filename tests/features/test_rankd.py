"""Rank1D and Rank2D: scores against scipy/pandas/numpy, drawn artists, bad input."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import polars as pl
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import stats
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vizkit.exceptions import VizkitValueError, VizkitWarning
from vizkit.features import Rank1D, Rank2D, rank1d, rank2d
from vizkit.features.rankd import ANNOTATE_MAX_FEATURES, RankDBase
from vizkit.utils.feature_scores import covariance

NAMES = ["normal", "uniform", "exponential", "mixed", "lognormal"]


@pytest.fixture(scope="module")
def data():
    """Seeded columns of different shapes and correlations, with a class target."""
    rng = np.random.default_rng(0)
    n = 300
    normal = rng.normal(size=n)
    X = np.c_[
        normal,
        rng.uniform(size=n),
        rng.exponential(size=n),
        0.6 * normal + rng.normal(scale=0.5, size=n),
        np.exp(rng.normal(size=n)),
    ]
    return X, (normal > 0).astype(int)


@pytest.fixture(scope="module")
def frame(data):
    return pd.DataFrame(data[0], columns=NAMES)


def texts(artists):
    return [t.get_text() for t in artists]


# -- numbers ------------------------------------------------------------------------


def test_shapiro_equals_scipy(data):
    X, y = data
    viz = Rank1D().fit(X, y)
    expected = [stats.shapiro(column).statistic for column in X.T]
    assert_allclose(viz.ranks_, expected, rtol=0, atol=1e-14)


def test_skew_and_kurtosis_equal_scipy(data):
    X, _ = data
    assert_allclose(Rank1D(algorithm="skew").fit(X).ranks_, stats.skew(X), rtol=1e-12)
    assert_allclose(
        Rank1D(algorithm="kurtosis").fit(X).ranks_, stats.kurtosis(X), rtol=1e-12
    )


@pytest.mark.parametrize(
    "algorithm, method", [("pearson", "pearson"), ("spearman", "spearman"),
                          ("kendalltau", "kendall")],
)  # fmt: skip
def test_correlations_equal_pandas(frame, algorithm, method):
    viz = Rank2D(algorithm=algorithm).fit(frame)
    assert_allclose(viz.ranks_, frame.corr(method=method), rtol=0, atol=1e-12)
    assert viz.sample_indices_ is None  # 300 rows: no sample


def test_correlations_equal_scipy(data):
    X, _ = data
    spearman = stats.spearmanr(X).statistic
    assert_allclose(Rank2D(algorithm="spearman").fit(X).ranks_, spearman, atol=1e-12)
    kendall = Rank2D(algorithm="kendalltau").fit(X).ranks_
    assert_allclose(kendall[3, 0], stats.kendalltau(X[:, 3], X[:, 0]).statistic)
    assert_allclose(np.diag(kendall), 1.0)


def test_covariance_equals_numpy_in_any_block_size(data):
    X, _ = data
    expected = np.cov(X, rowvar=False)
    assert_allclose(Rank2D(algorithm="covariance").fit(X).ranks_, expected, rtol=1e-12)
    assert_allclose(covariance(X, block=7), expected, rtol=1e-12)
    assert_allclose(Rank2D().fit(X).ranks_, np.corrcoef(X, rowvar=False), atol=1e-12)


def test_algorithm_name_is_case_insensitive_as_in_yellowbrick(data):
    X, _ = data
    viz = Rank2D(algorithm="Spearman").fit(X)
    assert_allclose(viz.ranks_, stats.spearmanr(X).statistic, atol=1e-12)
    assert viz.get_params()["algorithm"] == "Spearman"  # stored unchanged


def test_kendall_sample_is_seeded_and_stated_in_the_title(frame):
    viz = Rank2D(algorithm="kendalltau", sample=100, random_state=3).fit(frame)
    rows = viz.sample_indices_
    assert len(rows) == 100 and np.all(np.diff(rows) > 0)
    expected = frame.iloc[rows].corr(method="kendall")
    assert_allclose(viz.ranks_, expected, atol=1e-12)
    again = Rank2D(algorithm="kendalltau", sample=100, random_state=3).fit(frame)
    assert_array_equal(again.sample_indices_, rows)
    viz.plot()
    assert "a sample of 100 of 300 rows, random_state=3" in viz.ax_.get_title()


def test_auto_sample_only_samples_kendall(monkeypatch):
    monkeypatch.setattr("vizkit.utils.sampling.AUTO_SAMPLE", 50)
    X = np.random.default_rng(1).normal(size=(80, 3))
    assert Rank2D(algorithm="pearson").fit(X).sample_indices_ is None
    assert len(Rank2D(algorithm="kendalltau").fit(X).sample_indices_) == 50
    assert Rank2D(algorithm="kendalltau", sample=None).fit(X).sample_indices_ is None
    viz = Rank2D(sample=0.5).fit(X)  # an explicit sample applies to every algorithm
    assert_allclose(viz.ranks_, np.corrcoef(X[viz.sample_indices_], rowvar=False))


# -- drawn artists ---------------------------------------------------------------------


def test_rank1d_bars_and_labels(frame):
    viz = Rank1D(color="green").fit(frame).plot()
    assert_allclose([bar.get_width() for bar in viz.bars_], viz.ranks_)
    assert texts(viz.ax_.get_yticklabels()) == NAMES
    assert viz.ax_.get_ylim()[0] > viz.ax_.get_ylim()[1]  # first feature on top
    assert viz.ax_.get_title() == "Shapiro Ranking of 5 Features"
    assert viz.ax_.get_xlabel() == "Shapiro-Wilk W"
    assert_allclose(viz.bars_[0].get_facecolor(), (0, 0.5, 0, 1), atol=0.01)


def test_rank1d_vertical_bars(frame):
    viz = Rank1D(orient="v", algorithm="skew").fit(frame).plot()
    assert_allclose([bar.get_height() for bar in viz.bars_], viz.ranks_)
    assert texts(viz.ax_.get_xticklabels()) == NAMES
    assert viz.ax_.get_ylabel() == "Skewness"


def test_rank2d_mesh_is_the_lower_triangle(frame):
    viz = Rank2D().fit(frame).plot()
    values = viz.mesh_.get_array()
    below = np.tril(np.ones((5, 5), dtype=bool), k=-1)
    assert_array_equal(~np.ma.getmaskarray(values), below)
    assert_allclose(values[below], viz.ranks_[below])
    assert viz.mesh_.get_clim() == (-1.0, 1.0)
    assert viz.mesh_.get_cmap().name == "RdBu_r"
    assert texts(viz.ax_.get_xticklabels()) == NAMES
    assert texts(viz.ax_.get_yticklabels()) == NAMES
    assert viz.ax_.get_title() == "Pearson Ranking of 5 Features"
    assert viz.colorbar_.mappable is viz.mesh_


def test_rank2d_writes_values_only_when_few_features(frame):
    viz = Rank2D().fit(frame).plot()
    assert len(viz.texts_) == 10  # the 5 * 4 / 2 cells below the diagonal
    first = viz.texts_[0]
    assert first.get_text() == f"{viz.ranks_[1, 0]:.2f}"
    assert first.get_position() == (0.5, 1.5)
    wide = np.random.default_rng(2).normal(size=(50, ANNOTATE_MAX_FEATURES + 1))
    assert Rank2D().fit(wide).plot().texts_ == []


def test_covariance_colour_scale_spans_the_drawn_values(frame):
    viz = Rank2D(algorithm="covariance").fit(frame).plot()
    below = np.tril(viz.ranks_, k=-1)
    limit = np.abs(below).max()
    assert_allclose(viz.mesh_.get_clim(), (-limit, limit))


def test_show_feature_names_false_leaves_ticks_unlabelled(frame):
    viz = Rank2D(show_feature_names=False).fit(frame).plot()
    assert set(texts(viz.ax_.get_xticklabels())) == {""}
    viz = Rank1D(show_feature_names=False).fit(frame).plot()
    assert set(texts(viz.ax_.get_yticklabels())) == {""}


def test_set_colormap_then_plot_redraws_without_refitting(frame):
    viz = Rank2D().fit(frame)
    ranks = viz.ranks_
    viz.set_params(colormap="viridis").plot()
    assert viz.mesh_.get_cmap().name == "viridis"
    assert viz.ranks_ is ranks


# -- bad input -------------------------------------------------------------------------


def constant_frame(frame):
    frame = frame.copy()
    frame["constant"] = 2.5
    return frame


@pytest.mark.parametrize("cls", [Rank1D, Rank2D])
def test_constant_column_warns_once_and_is_blank(frame, cls):
    X = constant_frame(frame)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        viz = cls().fit(X).plot()
    messages = [str(w.message) for w in caught if w.category is VizkitWarning]
    assert len(messages) == 1 and "'constant'" in messages[0]
    assert not [w for w in caught if w.category is RuntimeWarning]
    if cls is Rank1D:
        assert np.isnan(viz.ranks_[-1]) and np.isfinite(viz.ranks_[:-1]).all()
        assert viz.bars_[-1].get_width() == 0
    else:
        assert np.isnan(viz.ranks_[-1]).all() and np.isnan(viz.ranks_[:, -1]).all()
        assert np.ma.getmaskarray(viz.mesh_.get_array())[-1].all()
        assert_allclose(viz.ranks_[:-1, :-1], frame.corr(), atol=1e-12)


def test_covariance_of_a_constant_column_is_zero_without_warning(frame):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        viz = Rank2D(algorithm="covariance").fit(constant_frame(frame))
    assert_array_equal(viz.ranks_[-1], 0.0)


@pytest.mark.parametrize("cls", [Rank1D, Rank2D])
def test_nan_in_X_is_refused_naming_the_column(frame, cls):
    X = frame.copy()
    X.iloc[4, 2] = np.nan
    with pytest.raises(VizkitValueError, match="exponential"):
        cls().fit(X)
    viz = cls().fit(frame)
    with pytest.raises(VizkitValueError, match="NaN"):
        viz.transform(X)


def test_non_numeric_column_is_named(frame):
    X = frame.assign(city=["Paris"] * len(frame))
    with pytest.raises((VizkitValueError, TypeError), match="city"):
        Rank2D().fit(X)


@pytest.mark.parametrize(
    "cls, name", [(Rank1D, "'kurtosis'"), (Rank2D, "'kendalltau'")]
)
def test_unknown_algorithm_lists_the_options(frame, cls, name):
    with pytest.raises(VizkitValueError, match=f"algorithm=.*{name}"):
        cls(algorithm="bogus").fit(frame)


def test_features_that_do_not_match_X(data, frame):
    X, _ = data
    with pytest.raises(VizkitValueError, match="features has 2 names but X has 5"):
        Rank2D(features=["a", "b"]).fit(X)
    with pytest.raises(VizkitValueError, match="features"):
        Rank1D(features=["normal", "nope"]).fit(frame)


def test_y_of_another_length_is_refused(data):
    X, y = data
    with pytest.raises(VizkitValueError, match="y has 299 values"):
        Rank2D().fit(X, y[:-1])


def test_input_is_not_mutated(data):
    X, y = data
    before = X.copy()
    Rank2D(algorithm="spearman").fit_transform(X, y)
    Rank1D().fit_transform(X, y)
    assert_array_equal(X, before)


# -- input types and pipelines -----------------------------------------------------


def test_pandas_and_polars_name_and_choose_features(frame):
    for X in (frame, pl.from_pandas(frame)):
        viz = Rank2D().fit(X)
        assert_array_equal(viz.features_, NAMES)
        chosen = Rank2D(features=["mixed", "normal"]).fit(X)
        assert_array_equal(chosen.features_, ["mixed", "normal"])
        assert_allclose(chosen.ranks_, frame[["mixed", "normal"]].corr(), atol=1e-12)
        assert chosen.transform(X) is X  # every column passes through


def test_fit_transform_returns_X_and_numpy_names(data):
    X, y = data
    viz = Rank1D()
    assert viz.fit_transform(X, y) is X
    assert_array_equal(viz.features_, [f"x{i}" for i in range(5)])


def test_mid_pipeline_with_pandas_output(frame, data):
    _, y = data
    pipe = make_pipeline(StandardScaler(), Rank2D(), LogisticRegression())
    pipe.set_output(transform="pandas").fit(frame, y)
    viz = pipe.named_steps["rank2d"]
    assert_array_equal(viz.features_, NAMES)
    scaled = StandardScaler().fit_transform(frame)
    assert_allclose(viz.ranks_, np.corrcoef(scaled, rowvar=False), atol=1e-12)
    assert pipe.score(frame, y) > 0.5
    assert plt.get_fignums() == []


def test_quick_methods_draw_on_the_given_axes(frame):
    _, axes = plt.subplots(ncols=2)
    one = rank1d(frame, ax=axes[0], show=False)
    two = rank2d(frame, ax=axes[1], algorithm="covariance", show=False)
    assert one.ax_ is axes[0] and two.ax_ is axes[1]
    assert two.ax_.get_title() == "Covariance Ranking of 5 Features"
    assert isinstance(one, RankDBase) and isinstance(two, RankDBase)
