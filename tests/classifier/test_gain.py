"""Tests of CumulativeGain and LiftCurve: curves against roc_curve and by hand."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification, make_multilabel_classification
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import roc_curve
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

from vizkit.classifier import CumulativeGain, LiftCurve, cumulative_gain, lift_curve
from vizkit.classifier.gain import gain_points, lift_points_to_draw
from vizkit.exceptions import ModelError, VizkitValueError, VizkitWarning
from vizkit.utils.curves import THIN_RESOLUTION

BOTH = pytest.mark.parametrize("cls", [CumulativeGain, LiftCurve])


def dataset(n_classes, seed=0, n_samples=300, weights=None):
    X, y = make_classification(
        n_samples=n_samples, n_features=6, n_informative=4, n_redundant=0,
        n_classes=n_classes, n_clusters_per_class=1, flip_y=0.1, weights=weights,
        random_state=seed,
    )  # fmt: skip
    return train_test_split(X, y, test_size=0.5, random_state=seed)


@pytest.fixture(scope="module")
def binary():
    return dataset(2, seed=1, weights=[0.8])


@pytest.fixture(scope="module")
def five():
    return dataset(5, seed=2)


def scored(cls, model, split, **params):
    X_train, X_test, y_train, y_test = split
    viz = cls(model, **params).fit(X_train, y_train)
    viz.score(X_test, y_test)
    return viz


def reference_gain(is_class, scores):
    """(x, gain) from roc_curve: x = (tpr * P + fpr * N) / n, gain = tpr."""
    fpr, tpr, _ = roc_curve(is_class, scores, drop_intermediate=False)
    positives = is_class.sum()
    negatives = len(is_class) - positives
    return (tpr * positives + fpr * negatives) / len(is_class), tpr


def top_share(is_class, scores, at):
    """The class's share captured by the top ``at * n`` samples (no ties)."""
    top = np.argsort(-scores)[: round(at * len(scores))]
    return is_class[top].sum() / is_class.sum()


def assert_matches_reference(viz, key, is_class, scores):
    x, gain = reference_gain(is_class, scores)
    assert_allclose(viz.percentages_[key], x)
    assert_allclose(viz.gains_[key], gain)
    assert viz.gain_at_[key] == pytest.approx(top_share(is_class, scores, viz.at))
    assert viz.priors_[key] == pytest.approx(is_class.mean())


# -- numbers: a hand-checked example ---------------------------------------------------

# Six samples, three positives; two of them tie at 0.8 (one positive, one not).
HAND_Y = np.array([1, 1, 0, 0, 1, 0])
HAND_SCORES = np.array([0.9, 0.8, 0.8, 0.5, 0.3, 0.1])


def test_hand_example_gain_and_lift():
    gain = CumulativeGain.from_predictions(HAND_Y, HAND_SCORES, at=1 / 3)
    # Thresholds 0.9, 0.8, 0.5, 0.3, 0.1 target 1, 3, 4, 5, 6 samples holding
    # 1, 2, 2, 3, 3 of the 3 positives.
    assert_allclose(gain.percentages_["binary"], [0, 1 / 6, 3 / 6, 4 / 6, 5 / 6, 1])
    assert_allclose(gain.gains_["binary"], [0, 1 / 3, 2 / 3, 2 / 3, 1, 1])
    # The top third is 2 samples: the 0.9 positive and one of the two tied at
    # 0.8, picked at random: 1.5 positives expected, half of the 3.
    assert gain.score_ == pytest.approx(0.5)
    assert gain.gain_at_ == {"binary": pytest.approx(0.5)}
    lift = LiftCurve.from_predictions(HAND_Y, HAND_SCORES, at=1 / 3)
    # Lift = gain / x; at 0 samples the limit, the top sample's lift (2).
    assert_allclose(lift.lifts_["binary"], [2, 2, 4 / 3, 1, 6 / 5, 1])
    assert lift.score_ == pytest.approx(0.5 / (1 / 3))
    assert lift.lift_at_ == {"binary": pytest.approx(1.5)}


@pytest.mark.parametrize(
    "at, gain",
    [(1 / 6, 1 / 3), (0.5, 2 / 3), (0.75, 5 / 6), (1.0, 1.0), (0.05, 0.1)],
)
def test_hand_example_gain_at_is_read_on_the_curve(at, gain):
    viz = CumulativeGain.from_predictions(HAND_Y, HAND_SCORES, at=at)
    assert viz.score_ == pytest.approx(gain)
    lift = LiftCurve.from_predictions(HAND_Y, HAND_SCORES, at=at)
    assert lift.score_ == pytest.approx(gain / at)


def test_gain_points_equal_the_roc_curve_reference():
    rng = np.random.default_rng(0)
    is_class = rng.random(500) < 0.2
    scores = np.round(is_class + rng.normal(size=500), 1)  # many ties
    x, gain = gain_points(is_class, scores)
    x_ref, gain_ref = reference_gain(is_class, scores)
    assert_allclose(x, x_ref)
    assert_allclose(gain, gain_ref)


# -- numbers: models -----------------------------------------------------------------


@BOTH
def test_binary_positive_class_curve(cls, binary):
    X_train, X_test, y_train, y_test = binary
    viz = scored(cls, LogisticRegression(), binary)
    proba = viz.estimator.predict_proba(X_test)[:, 1]
    assert viz.target_type_ == "binary"
    assert set(viz.percentages_) == {"binary"}
    assert_matches_reference(viz, "binary", y_test == 1, proba)
    expected = top_share(y_test == 1, proba, 0.1)
    assert viz.score_ == pytest.approx(
        expected if cls is CumulativeGain else 10 * expected
    )


def test_lift_equals_gain_over_percentage(binary):
    viz = scored(LiftCurve, LogisticRegression(), binary, at=0.2)
    x, gain = viz.percentages_["binary"], viz.gains_["binary"]
    assert_allclose(viz.lifts_["binary"][1:], gain[1:] / x[1:])
    assert viz.lifts_["binary"][-1] == pytest.approx(1.0)
    assert viz.lift_at_["binary"] == pytest.approx(viz.gain_at_["binary"] / 0.2)


@BOTH
def test_five_classes_one_curve_each(cls, five):
    X_train, X_test, y_train, y_test = five
    viz = scored(cls, LogisticRegression(), five, at=0.2)
    proba = viz.estimator.predict_proba(X_test)
    assert viz.target_type_ == "multiclass"
    assert list(viz.percentages_) == [0, 1, 2, 3, 4]
    for k in range(5):
        assert_matches_reference(viz, k, y_test == k, proba[:, k])
    per_class = [top_share(y_test == k, proba[:, k], 0.2) for k in range(5)]
    expected = np.mean(per_class) / (0.2 if cls is LiftCurve else 1.0)
    assert viz.score_ == pytest.approx(expected)


@BOTH
def test_multilabel_one_curve_per_label(cls):
    X, Y = make_multilabel_classification(
        n_samples=300, n_features=6, n_classes=3, random_state=0
    )
    X_train, X_test, Y_train, Y_test = train_test_split(X, Y, random_state=0)
    model = OneVsRestClassifier(LogisticRegression())
    viz = scored(cls, model, (X_train, X_test, Y_train, Y_test), at=0.25)
    proba = model.predict_proba(X_test)
    assert viz.target_type_ == "multilabel"
    assert_array_equal(viz.classes_, [0, 1, 2])
    for k in range(3):
        x, gain = reference_gain(Y_test[:, k] == 1, proba[:, k])
        assert_allclose(viz.percentages_[k], x)
        assert_allclose(viz.gains_[k], gain)
    values = viz.gain_at_ if cls is CumulativeGain else viz.lift_at_
    assert viz.score_ == pytest.approx(np.mean([values[k] for k in range(3)]))


@BOTH
def test_string_labels_and_pos_label(cls, binary):
    X_train, X_test, y_train, y_test = binary
    names = np.array(["stays", "churns"])  # sorted: churns (code 1) first
    split = (X_train, X_test, names[y_train], names[y_test])
    default = scored(cls, LogisticRegression(), split)
    proba = default.estimator.predict_proba(X_test)
    assert list(default.estimator.classes_) == ["churns", "stays"]
    # Default: the model's second class, "stays".
    assert_matches_reference(default, "binary", names[y_test] == "stays", proba[:, 1])
    churn = scored(cls, LogisticRegression(), split, pos_label="churns")
    assert_matches_reference(churn, "binary", names[y_test] == "churns", proba[:, 0])
    churn.plot()
    label = churn.ax_.get_legend().get_texts()[0].get_text()
    assert label.startswith("class churns: ")


@BOTH
def test_linear_svc_decision_function(cls, binary, five):
    X_train, X_test, y_train, y_test = binary
    viz = scored(cls, LinearSVC(), binary)
    decision = viz.estimator.decision_function(X_test)
    assert_matches_reference(viz, "binary", y_test == 1, decision)
    negative = scored(cls, LinearSVC(), binary, pos_label=0)
    assert_matches_reference(negative, "binary", y_test == 0, -decision)
    X_train, X_test, y_train, y_test = five
    viz = scored(cls, LinearSVC(), five)
    decision = viz.estimator.decision_function(X_test)
    for k in range(5):
        assert_matches_reference(viz, k, y_test == k, decision[:, k])


@BOTH
def test_pipeline_model(cls, five):
    X_train, X_test, y_train, y_test = five
    model = make_pipeline(StandardScaler(), LogisticRegression())
    viz = scored(cls, model, five)
    proba = model.predict_proba(X_test)
    for k in range(5):
        assert_matches_reference(viz, k, y_test == k, proba[:, k])


@BOTH
def test_from_predictions_equals_score(cls, five):
    X_train, X_test, y_train, y_test = five
    viz = scored(cls, LogisticRegression(), five)
    names = np.array(list("abcde"))
    proba = viz.estimator.predict_proba(X_test)
    direct = cls.from_predictions(names[y_test], proba)
    assert direct.score_ == pytest.approx(viz.score_)
    assert_array_equal(direct.classes_, list("abcde"))
    for k in range(5):
        assert_allclose(direct.gains_[k], viz.gains_[k])
    assert direct.ax_.get_title() == cls._TITLE


def test_missing_test_class_is_left_out_with_a_warning(five):
    X_train, X_test, y_train, y_test = five
    keep = y_test != 4
    viz = CumulativeGain(LogisticRegression()).fit(X_train, y_train)
    with pytest.warns(VizkitWarning, match="4"):
        viz.score(X_test[keep], y_test[keep])
    assert list(viz.gains_) == [0, 1, 2, 3]
    assert viz.score_ == pytest.approx(np.mean([viz.gain_at_[k] for k in range(4)]))


# -- drawing -------------------------------------------------------------------------


def test_gain_lines_markers_perfect_and_baseline(five):
    viz = scored(CumulativeGain, LogisticRegression(), five, classes=list("ABCDE"))
    viz.plot()
    ax = viz.ax_
    assert list(viz.lines_) == [0, 1, 2, 3, 4]
    for k, line in viz.lines_.items():
        expected = np.column_stack([viz.percentages_[k], viz.gains_[k]])
        assert_allclose(line.get_xydata(), expected)
    markers = [line for line in ax.lines if line.get_marker() == "o"]
    assert_allclose(
        [m.get_xydata()[0] for m in markers],
        [[0.1, viz.gain_at_[k]] for k in range(5)],
    )
    perfect = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(perfect) == 5 + 1  # one per class, and the empty legend entry
    assert_allclose(perfect[0].get_xydata(), [[0, 0], [viz.priors_[0], 1], [1, 1]])
    assert_allclose(ax.lines[-1].get_xydata(), [[0, 0], [1, 1]])  # random
    assert len(ax.lines) == 5 * 3 + 2
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0] == f"class A: gain at 10% = {viz.gain_at_[0]:0.2f}"
    assert labels[5:] == ["perfect", "random"]
    assert ax.get_legend().get_title().get_text() == (
        f"mean gain at 10% = {viz.score_:0.2f}"
    )
    assert ax.get_title() == "Cumulative Gains Curve for LogisticRegression"
    assert ax.get_xlim() == (0.0, 1.0) and ax.get_ylim() == (0.0, 1.0)


def test_binary_gain_labels_its_own_perfect_curve(binary):
    viz = scored(CumulativeGain, LogisticRegression(), binary)
    viz.plot()
    legend = viz.ax_.get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels == [f"class 1: gain at 10% = {viz.score_:0.2f}", "perfect", "random"]
    assert legend.get_title().get_text() == ""
    (perfect,) = [line for line in viz.ax_.lines if line.get_label() == "perfect"]
    prior = viz.priors_["binary"]
    assert_allclose(perfect.get_xydata(), [[0, 0], [prior, 1], [1, 1]])
    assert perfect.get_color() == viz.lines_["binary"].get_color()
    assert len(viz.ax_.lines) == 4  # curve, dot, perfect, random


def test_lift_lines_follow_the_exact_curve_between_ties():
    rng = np.random.default_rng(1)
    y = rng.random(400) < 0.15
    scores = np.round(y + rng.normal(size=400), 0)  # few distinct scores
    viz = LiftCurve.from_predictions(y, scores, at=0.3)
    x, lifts = viz.lines_["binary"].get_xydata().T
    percentages, gains = viz.percentages_["binary"], viz.gains_["binary"]
    assert len(percentages) < 10 and len(x) > 500  # points added between ties
    assert np.isin(percentages[1:], x).all()  # starts at the first threshold
    assert x[0] == percentages[1]
    assert_allclose(lifts, np.interp(x, percentages, gains) / x)
    (marker,) = [line for line in viz.ax_.lines if line.get_marker() == "o"]
    assert_allclose(marker.get_xydata(), [[0.3, viz.score_]])
    assert_allclose(viz.ax_.lines[-1].get_xydata(), [[0, 1], [1, 1]])  # random
    labels = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert labels == [f"class True: lift at 30% = {viz.score_:0.2f}", "random"]
    assert viz.ax_.get_legend().get_title().get_text() == ""  # one curve: no mean
    assert viz.ax_.get_ylim() == (0.0, pytest.approx(1.05 * lifts.max()))


def test_lift_perfect_curve_and_axis_top(binary):
    viz = scored(LiftCurve, LogisticRegression(), binary, perfect=True)
    viz.plot()
    prior = viz.priors_["binary"]
    (perfect,) = [
        line
        for line in viz.ax_.lines
        if line.get_linestyle() == "--" and line.get_xydata().size
    ]
    x, lift = perfect.get_xydata().T
    assert lift.max() == pytest.approx(1 / prior)
    assert_allclose(lift[x >= prior], 1 / x[x >= prior])
    assert viz.ax_.get_ylim()[1] == pytest.approx(1.05 / prior)


def test_large_curves_are_thinned_within_a_pixel():
    rng = np.random.default_rng(2)
    y = rng.random(40_000) < 0.1
    scores = y + rng.normal(size=40_000)
    for cls in (CumulativeGain, LiftCurve):
        viz = cls.from_predictions(y, scores)
        x, drawn = viz.lines_["binary"].get_xydata().T
        percentages = viz.percentages_["binary"]
        exact = viz.gains_["binary"] if cls is CumulativeGain else viz.lifts_["binary"]
        top = viz.ax_.get_ylim()[1]
        assert len(x) < len(percentages) / 2
        start = 0 if cls is CumulativeGain else 1
        error = np.interp(percentages[start:], x, drawn) - exact[start:]
        assert np.abs(error).max() / top <= 2 / THIN_RESOLUTION


def test_lift_points_to_draw_keeps_short_curves_whole():
    percentages = np.array([0.25, 0.5, 1.0])
    lifts = np.array([2.0, 1.5, 1.0])
    x, drawn = lift_points_to_draw(percentages, lifts, top=2.1)
    assert x[0] == 0.25 and x[-1] == 1.0 and np.isin(percentages, x).all()
    assert_allclose(drawn, np.interp(x, percentages, lifts * percentages) / x)


def test_legend_keeps_the_scored_fraction_until_rescored(binary):
    X_train, X_test, y_train, y_test = binary
    viz = scored(CumulativeGain, LogisticRegression(), binary)
    viz.set_params(at=0.5).plot()
    label = viz.ax_.get_legend().get_texts()[0].get_text()
    assert "gain at 10% = " in label
    viz.score(X_test, y_test)
    assert viz.gain_at_["binary"] == pytest.approx(
        top_share(y_test == 1, viz.estimator.predict_proba(X_test)[:, 1], 0.5)
    )


# -- quick methods ------------------------------------------------------------------


def test_quick_methods(binary):
    X_train, X_test, y_train, y_test = binary
    gain = cumulative_gain(
        LogisticRegression(), X_train, y_train, X_test, y_test, show=False, at=0.2
    )
    assert isinstance(gain, CumulativeGain) and gain.at == 0.2
    lift = lift_curve(
        LogisticRegression(), X_train, y_train, X_test, y_test, show=False,
        title="Quick",
    )  # fmt: skip
    assert isinstance(lift, LiftCurve)
    assert lift.ax_.get_title() == "Quick"
    plt.close("all")


# -- errors ---------------------------------------------------------------------------


@BOTH
@pytest.mark.parametrize("at", [0, -0.1, 1.5, float("nan"), "10%", True, None])
def test_at_outside_zero_one_is_refused(cls, binary, at):
    X_train, X_test, y_train, y_test = binary
    with pytest.raises(VizkitValueError, match=r"at=.*\(0, 1\]"):
        cls(LogisticRegression(), at=at).fit(X_train, y_train)


@BOTH
def test_bad_input_gets_one_clear_error(cls, binary, five):
    X_train, X_test, y_train, y_test = binary
    with pytest.raises(VizkitValueError, match="pos_label=2 is not one of"):
        cls(LogisticRegression(), pos_label=2).fit(X_train, y_train)
    with pytest.raises(ModelError, match="estimator LinearRegression"):
        cls(LinearRegression()).fit(X_train, y_train)
    X_train, X_test, y_train, y_test = five
    with pytest.raises(VizkitValueError, match="pos_label=1 is for binary"):
        cls(LogisticRegression(), pos_label=1).fit(X_train, y_train)
    proba = np.full((len(y_test), 3), 1 / 3)
    with pytest.raises(VizkitValueError, match="y_score has 3 columns"):
        cls.from_predictions(y_test, proba)
    with pytest.raises(VizkitValueError, match="y_score has shape"):
        cls.from_predictions(y_test, np.ones((5, 5)))
    assert plt.get_fignums() == []
