"""Tests of KSStatistic: CDFs and statistics against scipy, then the drawn artists."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.stats import ks_2samp
from sklearn.datasets import (
    load_breast_cancer,
    make_classification,
    make_multilabel_classification,
)
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.multioutput import MultiOutputClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler, label_binarize
from sklearn.svm import LinearSVC

from vizkit.classifier import KSStatistic, ks_statistic
from vizkit.classifier.ks import score_cdfs
from vizkit.exceptions import ModelError, VizkitValueError, VizkitWarning


def dataset(n_classes, seed=0, n_samples=300):
    X, y = make_classification(
        n_samples=n_samples, n_features=6, n_informative=4, n_redundant=0,
        n_classes=n_classes, n_clusters_per_class=1, flip_y=0.1, random_state=seed,
    )  # fmt: skip
    return train_test_split(X, y, test_size=0.5, random_state=seed)


@pytest.fixture(scope="module")
def binary():
    return dataset(2, seed=1)


@pytest.fixture(scope="module")
def five():
    return dataset(5, seed=2, n_samples=400)


@pytest.fixture(scope="module")
def cancer():
    """Breast cancer data with string labels: "benign" sorts first."""
    X, y = load_breast_cancer(return_X_y=True)
    names = np.array(["malignant", "benign"])[y]
    return train_test_split(X, names, test_size=0.5, random_state=0, stratify=names)


def scored(model, split, **params):
    X_train, X_test, y_train, y_test = split
    viz = KSStatistic(model, **params).fit(X_train, y_train)
    viz.score(X_test, y_test)
    return viz


def assert_ks(viz, key, members, scores):
    """CDFs equal a direct count, the statistic and its place equal scipy's."""
    members = np.asarray(members, dtype=bool)
    inside, outside = np.sort(scores[members]), np.sort(scores[~members])
    thresholds = np.unique(scores)
    assert_array_equal(viz.thresholds_[key], thresholds)
    cdf_members = np.searchsorted(inside, thresholds, side="right") / len(inside)
    cdf_others = np.searchsorted(outside, thresholds, side="right") / len(outside)
    assert_allclose(viz.cdf_members_[key], cdf_members)
    assert_allclose(viz.cdf_non_members_[key], cdf_others)
    reference = ks_2samp(scores[members], scores[~members])
    assert viz.ks_[key] == pytest.approx(reference.statistic, abs=1e-12)
    # The marked threshold is where the gap is reached.
    at = np.searchsorted(thresholds, viz.ks_threshold_[key])
    gap = abs(cdf_others[at] - cdf_members[at])
    assert gap == pytest.approx(reference.statistic, abs=1e-12)
    gaps = np.abs(cdf_others - cdf_members)
    if np.sum(np.isclose(gaps, gaps.max())) == 1:  # scipy breaks ties otherwise
        assert viz.ks_threshold_[key] == reference.statistic_location


# -- the computation ----------------------------------------------------------------


def test_score_cdfs_of_a_hand_checked_example():
    members = np.array([False, False, True, True, False])
    scores = np.array([0.1, 0.4, 0.4, 0.8, 0.8])
    thresholds, cdf_members, cdf_others = score_cdfs(members, scores)
    assert_allclose(thresholds, [0.1, 0.4, 0.8])
    assert_allclose(cdf_members, [0, 1 / 2, 1])
    assert_allclose(cdf_others, [1 / 3, 2 / 3, 1])
    viz = KSStatistic.from_predictions(members.astype(int), scores)
    assert viz.ks_["binary"] == pytest.approx(1 / 3)  # |1/3 - 0| at 0.1
    assert viz.ks_threshold_["binary"] == 0.1


def test_binary_positive_class(binary):
    viz = scored(LogisticRegression(), binary)
    X_test, y_test = binary[1], binary[3]
    proba = viz.estimator.predict_proba(X_test)
    assert viz.target_type_ == "binary"
    assert set(viz.ks_) == {"binary"}
    assert_ks(viz, "binary", y_test == 1, proba[:, 1])
    assert viz.score_ == viz.ks_["binary"]


def test_five_classes_one_vs_rest(five):
    viz = scored(LogisticRegression(max_iter=500), five)
    X_test, y_test = five[1], five[3]
    proba = viz.estimator.predict_proba(X_test)
    onehot = label_binarize(y_test, classes=range(5))
    assert viz.target_type_ == "multiclass"
    assert set(viz.ks_) == set(range(5))
    for k in range(5):
        assert_ks(viz, k, onehot[:, k], proba[:, k])
    assert viz.score_ == pytest.approx(np.mean([viz.ks_[k] for k in range(5)]))


def test_multilabel_one_comparison_per_label():
    X, Y = make_multilabel_classification(
        n_samples=300, n_features=6, n_classes=3, random_state=0
    )
    split = train_test_split(X, Y, test_size=0.5, random_state=0)
    viz = scored(MultiOutputClassifier(LogisticRegression()), split)
    X_test, Y_test = split[1], split[3]
    probas = viz.estimator.predict_proba(X_test)
    assert viz.target_type_ == "multilabel"
    for k in range(3):
        assert_ks(viz, k, Y_test[:, k], probas[k][:, 1])
    assert viz.score_ == pytest.approx(np.mean(list(viz.ks_.values())))


def test_string_labels_pipeline_and_pos_label(cancer):
    X_test, y_test = cancer[1], cancer[3]
    model = make_pipeline(StandardScaler(), LogisticRegression())
    viz = scored(model, cancer, pos_label="benign")
    assert list(viz.estimator.classes_) == ["benign", "malignant"]
    proba = viz.estimator.predict_proba(X_test)
    assert_ks(viz, "binary", y_test == "benign", proba[:, 0])
    default = scored(model, cancer)  # the second class, "malignant"
    assert_ks(default, "binary", y_test == "malignant", proba[:, 1])
    default.plot()
    assert default.lines_["members"].get_label() == "class malignant (positive)"
    assert default.lines_["non_members"].get_label() == "class benign"


def test_decision_function_binary_and_multiclass(binary, five):
    viz = scored(LinearSVC(), binary)
    X_test, y_test = binary[1], binary[3]
    decision = viz.estimator.decision_function(X_test)
    assert_ks(viz, "binary", y_test == 1, decision)
    negative = scored(LinearSVC(), binary, pos_label=0)
    assert_ks(negative, "binary", y_test == 0, -decision)
    assert negative.score_ == pytest.approx(viz.score_)  # same separation

    viz = scored(LinearSVC(), five)
    X_test, y_test = five[1], five[3]
    decision = viz.estimator.decision_function(X_test)
    for k in range(5):
        assert_ks(viz, k, y_test == k, decision[:, k])


def test_a_class_missing_from_the_test_set_is_left_out_with_a_warning(five):
    X_train, X_test, y_train, y_test = five
    keep = y_test != 4
    viz = KSStatistic(LogisticRegression(max_iter=500)).fit(X_train, y_train)
    with pytest.warns(VizkitWarning, match=r"\[4\].*KS statistics"):
        viz.score(X_test[keep], y_test[keep])
    assert set(viz.ks_) == {0, 1, 2, 3}
    proba = viz.estimator.predict_proba(X_test[keep])
    assert_ks(viz, 0, y_test[keep] == 0, proba[:, 0])
    assert viz.score_ == pytest.approx(np.mean(list(viz.ks_.values())))


def test_from_predictions_one_column_and_string_labels(cancer):
    X_train, X_test, y_train, y_test = cancer
    proba = (
        make_pipeline(StandardScaler(), LogisticRegression())
        .fit(X_train, y_train)
        .predict_proba(X_test)[:, 1]
    )
    with pytest.raises(VizkitValueError, match="pos_label"):
        KSStatistic.from_predictions(y_test, proba)
    viz = KSStatistic.from_predictions(y_test, proba, pos_label="malignant")
    assert_ks(viz, "binary", y_test == "malignant", proba)
    assert viz.ax_.get_title() == "KS Statistic"


def test_quick_method(binary):
    X_train, X_test, y_train, y_test = binary
    viz = ks_statistic(
        LogisticRegression(), X_train, y_train, X_test, y_test, show=False,
        title="Quick",
    )  # fmt: skip
    assert isinstance(viz, KSStatistic)
    assert viz.ax_.get_title() == "Quick"
    assert_ks(viz, "binary", y_test == 1, viz.estimator.predict_proba(X_test)[:, 1])


# -- drawing ---------------------------------------------------------------------


def test_binary_draws_both_cdfs_and_the_gap(binary):
    viz = scored(LogisticRegression(), binary)
    viz.plot()
    thresholds = viz.thresholds_["binary"]
    for name, cdf in (
        ("members", viz.cdf_members_), ("non_members", viz.cdf_non_members_)
    ):  # fmt: skip
        line = viz.lines_[name]
        assert line.get_drawstyle() == "steps-post"
        assert_allclose(line.get_xdata(), np.r_[thresholds[0], thresholds])
        assert_allclose(line.get_ydata(), np.r_[0.0, cdf["binary"]])
    t = viz.ks_threshold_["binary"]
    at = np.searchsorted(thresholds, t)
    gap = viz.ks_lines_["binary"].get_xydata()
    assert_allclose(
        gap,
        [[t, viz.cdf_members_["binary"][at]], [t, viz.cdf_non_members_["binary"][at]]],
    )
    assert abs(gap[1, 1] - gap[0, 1]) == pytest.approx(viz.score_)
    legend = viz.ax_.get_legend()
    labels = [text.get_text() for text in legend.get_texts()]
    assert labels == ["class 1 (positive)", "class 0"]
    title = f"KS = {viz.score_:.3f} at threshold {t:.3g}"
    assert legend.get_title().get_text() == title
    assert viz.ax_.get_title() == "KS Statistic for LogisticRegression"
    assert viz.ax_.get_ylabel() == "Fraction of the class scored at or below"


def test_multiclass_draws_each_gap_curve_with_its_maximum(five):
    viz = scored(LogisticRegression(max_iter=500), five, classes=list("abcde"))
    viz.plot()
    assert list(viz.lines_) == list(range(5))
    for k, line in viz.lines_.items():
        gap = viz.cdf_non_members_[k] - viz.cdf_members_[k]
        assert_allclose(line.get_ydata(), np.r_[0.0, gap])
        t = viz.ks_threshold_[k]
        assert_allclose(viz.ks_lines_[k].get_xydata(), [[t, 0.0], [t, viz.ks_[k]]])
        assert viz.ks_lines_[k].get_color() == line.get_color()
    legend = viz.ax_.get_legend()
    labels = [text.get_text() for text in legend.get_texts()]
    assert labels == [
        f"class {name}: KS = {viz.ks_[k]:.3f} at threshold {viz.ks_threshold_[k]:.3g}"
        for k, name in enumerate("abcde")
    ]
    assert legend.get_title().get_text() == f"mean KS = {viz.score_:.3f}"


def test_long_curves_are_thinned():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 2, 40_000)
    y_score = 5 * (y_true + rng.normal(size=40_000))  # scores outside [0, 1]
    viz = KSStatistic.from_predictions(y_true, y_score)
    assert_ks(viz, "binary", y_true == 1, y_score)
    for name, cdf in (
        ("members", viz.cdf_members_), ("non_members", viz.cdf_non_members_)
    ):  # fmt: skip
        xy = viz.lines_[name].get_xydata()
        assert len(xy) < len(viz.thresholds_["binary"]) / 2
        # Every kept point is a point of the full step curve.
        full = np.column_stack([viz.thresholds_["binary"], cdf["binary"]])
        distance = np.abs(full[:, None, :] - xy[None, 1::10, :]).max(axis=2)
        assert distance.min(axis=0).max() < 1e-9


def test_ks_line_false_draws_no_mark_but_keeps_the_legend(binary, five):
    viz = scored(LogisticRegression(), binary, ks_line=False)
    viz.plot()
    assert viz.ks_lines_ == {}
    assert len(viz.ax_.lines) == 2  # the two CDFs
    assert viz.ax_.get_legend().get_title().get_text().startswith("KS = ")
    viz = scored(LogisticRegression(max_iter=500), five, ks_line=False)
    viz.plot()
    assert viz.ks_lines_ == {}
    assert len(viz.ax_.lines) == 5 + 1  # the gap curves and the zero line
    labels = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert labels[0].startswith(f"class 0: KS = {viz.ks_[0]:.3f}")


# -- errors ---------------------------------------------------------------------------


def test_pos_label_must_be_a_class(binary, five):
    X_train, y_train = binary[0], binary[2]
    with pytest.raises(VizkitValueError, match=r"pos_label=7 is not one of"):
        KSStatistic(LogisticRegression(), pos_label=7).fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="pos_label=1 is for binary"):
        KSStatistic(LogisticRegression(), pos_label=1).fit(five[0], five[2])


def test_y_score_of_the_wrong_shape_is_refused():
    y_true = np.array([0, 1, 2, 1, 0, 2])
    with pytest.raises(VizkitValueError, match="y_score has 2 columns"):
        KSStatistic.from_predictions(y_true, np.ones((6, 2)))
    with pytest.raises(VizkitValueError, match="y_score has shape"):
        KSStatistic.from_predictions(y_true, np.ones((5, 3)))


def test_regressor_is_refused(binary):
    with pytest.raises(ModelError, match="estimator LinearRegression"):
        KSStatistic(LinearRegression()).fit(binary[0], binary[2])
