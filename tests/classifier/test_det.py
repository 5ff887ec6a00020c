"""Tests of DETCurve: curves against scikit-learn's det_curve, EER, drawn artists."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.stats import norm
from sklearn.datasets import (
    load_breast_cancer,
    make_classification,
    make_multilabel_classification,
)
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import det_curve
from sklearn.model_selection import train_test_split
from sklearn.multioutput import MultiOutputClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler, label_binarize
from sklearn.svm import LinearSVC

from vizkit.classifier import DETCurve
from vizkit.classifier import det_curve as det_curve_quick
from vizkit.classifier.det import EDGE, RATE_LIMIT, equal_error_rate
from vizkit.exceptions import ModelError, VizkitValueError, VizkitWarning

LIMITS = (RATE_LIMIT, 1 - RATE_LIMIT)


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
    viz = DETCurve(model, **params).fit(X_train, y_train)
    viz.score(X_test, y_test)
    return viz


def assert_curve(viz, key, y_true, scores, **det_kwargs):
    """The stored curve equals scikit-learn's, whatever its version returns."""
    fpr, fnr, thresholds = det_curve(y_true, scores, **det_kwargs)
    assert_allclose(viz.fpr_[key], fpr)
    assert_allclose(viz.fnr_[key], fnr)
    assert_array_equal(viz.thresholds_[key], thresholds)


def brute_force_eer(members, scores):
    """EER over every threshold, from the rates computed directly."""
    best = None
    for t in np.unique(scores):
        fpr = np.mean(scores[~members] >= t)
        fnr = np.mean(scores[members] < t)
        if best is None or abs(fpr - fnr) < best[0]:
            best = (abs(fpr - fnr), (fpr + fnr) / 2)
    return best[1]


# -- the equal error rate -----------------------------------------------------------


def test_equal_error_rate_of_a_hand_checked_example():
    # Thresholds 0.5, 0.6, 0.9: FPR 1/3, 1/3, 0 and FNR 0, 1/2, 1/2; the rates
    # are closest (|1/3 - 1/2| = 1/6) at 0.6, where their mean is 5/12.
    y_true = np.array([0, 0, 0, 1, 1])
    y_score = np.array([0.1, 0.2, 0.6, 0.5, 0.9])
    viz = DETCurve.from_predictions(y_true, y_score)
    assert_allclose(viz.fpr_["binary"], [1 / 3, 1 / 3, 0])
    assert_allclose(viz.fnr_["binary"], [0, 1 / 2, 1 / 2])
    assert viz.eer_["binary"] == pytest.approx(5 / 12)
    assert viz.eer_threshold_["binary"] == 0.6
    assert viz.score_ == pytest.approx(5 / 12)
    assert equal_error_rate(np.array([0.5, 0.5, 0.0]), np.array([0.0, 0.5, 0.5])) == (
        0.5,
        1,
    )


def test_eer_equals_a_brute_force_search(binary):
    viz = scored(LogisticRegression(), binary)
    X_test, y_test = binary[1], binary[3]
    scores = viz.estimator.predict_proba(X_test)[:, 1]
    assert viz.eer_["binary"] == pytest.approx(brute_force_eer(y_test == 1, scores))


# -- numbers ------------------------------------------------------------------------


def test_binary_positive_class_curve(binary):
    viz = scored(LogisticRegression(), binary)
    X_test, y_test = binary[1], binary[3]
    proba = viz.estimator.predict_proba(X_test)
    assert viz.target_type_ == "binary"
    assert set(viz.fpr_) == {"binary"}
    assert_curve(viz, "binary", y_test, proba[:, 1])
    assert viz.score_ == viz.eer_["binary"]


def test_five_classes_one_vs_rest(five):
    viz = scored(LogisticRegression(max_iter=500), five)
    X_test, y_test = five[1], five[3]
    proba = viz.estimator.predict_proba(X_test)
    onehot = label_binarize(y_test, classes=range(5))
    assert viz.target_type_ == "multiclass"
    assert set(viz.fpr_) == set(range(5))
    for k in range(5):
        assert_curve(viz, k, onehot[:, k], proba[:, k])
        assert viz.eer_[k] == pytest.approx(
            brute_force_eer(onehot[:, k] == 1, proba[:, k])
        )
    assert viz.score_ == pytest.approx(np.mean([viz.eer_[k] for k in range(5)]))


def test_multilabel_one_curve_per_label():
    X, Y = make_multilabel_classification(
        n_samples=300, n_features=6, n_classes=3, random_state=0
    )
    split = train_test_split(X, Y, test_size=0.5, random_state=0)
    viz = scored(MultiOutputClassifier(LogisticRegression()), split)
    X_test, Y_test = split[1], split[3]
    probas = viz.estimator.predict_proba(X_test)
    assert viz.target_type_ == "multilabel"
    assert set(viz.fpr_) == {0, 1, 2}
    for k in range(3):
        assert_curve(viz, k, Y_test[:, k], probas[k][:, 1])
    assert viz.score_ == pytest.approx(np.mean(list(viz.eer_.values())))


def test_string_labels_pipeline_and_pos_label(cancer):
    X_test, y_test = cancer[1], cancer[3]
    model = make_pipeline(StandardScaler(), LogisticRegression())
    viz = scored(model, cancer, pos_label="benign")
    assert list(viz.estimator.classes_) == ["benign", "malignant"]
    proba = viz.estimator.predict_proba(X_test)
    assert_curve(viz, "binary", y_test, proba[:, 0], pos_label="benign")
    # Default: the second class, "malignant".
    default = scored(model, cancer)
    assert_curve(default, "binary", y_test, proba[:, 1], pos_label="malignant")
    default.plot()
    assert default.lines_["binary"].get_label().startswith("class malignant, EER")


def test_decision_function_binary_and_multiclass(binary, five):
    viz = scored(LinearSVC(), binary)
    X_test, y_test = binary[1], binary[3]
    decision = viz.estimator.decision_function(X_test)
    assert_curve(viz, "binary", y_test, decision)
    negative = scored(LinearSVC(), binary, pos_label=0)
    assert_curve(negative, "binary", y_test, -decision, pos_label=0)

    viz = scored(LinearSVC(), five)
    X_test, y_test = five[1], five[3]
    decision = viz.estimator.decision_function(X_test)
    onehot = label_binarize(y_test, classes=range(5))
    for k in range(5):
        assert_curve(viz, k, onehot[:, k], decision[:, k])


def test_from_predictions_one_column_and_string_labels(cancer):
    X_train, X_test, y_train, y_test = cancer
    proba = (
        make_pipeline(StandardScaler(), LogisticRegression())
        .fit(X_train, y_train)
        .predict_proba(X_test)[:, 1]
    )
    with pytest.raises(VizkitValueError, match="pos_label"):
        DETCurve.from_predictions(y_test, proba)
    viz = DETCurve.from_predictions(y_test, proba, pos_label="malignant")
    assert_curve(viz, "binary", y_test, proba, pos_label="malignant")
    assert viz.ax_.get_title() == "DET Curves"


def test_quick_method(binary):
    X_train, X_test, y_train, y_test = binary
    viz = det_curve_quick(
        LogisticRegression(), X_train, y_train, X_test, y_test, show=False,
        title="Quick",
    )  # fmt: skip
    assert isinstance(viz, DETCurve)
    assert viz.ax_.get_title() == "Quick"
    proba = viz.estimator.predict_proba(X_test)[:, 1]
    assert_curve(viz, "binary", y_test, proba)


# -- drawing ---------------------------------------------------------------------


def test_drawn_curves_are_the_clipped_normal_deviates(five):
    viz = scored(LogisticRegression(max_iter=500), five)
    viz.plot()
    assert list(viz.lines_) == list(range(5))
    for k, line in viz.lines_.items():
        expected = norm.ppf(np.clip([viz.fpr_[k], viz.fnr_[k]], *LIMITS)).T
        assert_allclose(line.get_xydata(), expected)
        point = viz.eer_points_[k].get_xydata()[0]
        at = list(viz.thresholds_[k]).index(viz.eer_threshold_[k])
        assert_allclose(point, norm.ppf([viz.fpr_[k][at], viz.fnr_[k][at]]))
        assert line.get_color() == viz.eer_points_[k].get_color()
    legend = viz.ax_.get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels == [f"class {k}, EER = {viz.eer_[k]:.1%}" for k in range(5)]
    assert legend.get_title().get_text() == f"mean EER = {viz.score_:.1%}"
    assert viz.ax_.get_title() == "DET Curves for LogisticRegression"
    assert viz.ax_.get_xlabel() == "False Positive Rate"
    assert viz.ax_.get_ylabel() == "False Negative Rate"


def test_probit_axes_have_percent_ticks_and_fixed_limits(binary):
    viz = scored(LogisticRegression(), binary)
    viz.plot()
    rates = [0.001, 0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 0.99, 0.999]
    for axis in (viz.ax_.xaxis, viz.ax_.yaxis):
        assert_allclose(axis.get_ticklocs(), norm.ppf(rates))
        labels = [t.get_text() for t in axis.get_ticklabels()]
        assert labels == [
            "0.1%",
            "1%",
            "5%",
            "20%",
            "50%",
            "80%",
            "95%",
            "99%",
            "99.9%",
        ]
    assert EDGE == pytest.approx(3.2905, abs=1e-4)  # the 0.05% and 99.95% rates
    assert_allclose(viz.ax_.get_xlim(), (-EDGE, EDGE))
    assert_allclose(viz.ax_.get_ylim(), (-EDGE, EDGE))
    diagonal = viz.ax_.lines[-1]
    assert_allclose(diagonal.get_xydata(), [[-EDGE, -EDGE], [EDGE, EDGE]])


def test_rates_of_zero_and_one_are_drawn_on_the_edge():
    y_true = np.array([0, 0, 1, 1])
    y_score = np.array([0.1, 0.2, 0.8, 0.9])  # perfectly separated
    viz = DETCurve.from_predictions(y_true, y_score)
    assert_curve(viz, "binary", y_true, y_score)
    assert viz.eer_["binary"] == 0.0
    xy = viz.lines_["binary"].get_xydata()
    assert np.isfinite(xy).all()
    assert xy.min() == pytest.approx(-EDGE)
    assert viz.lines_["binary"].get_clip_on() is False


def test_long_curves_are_thinned_in_the_drawn_space():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 2, 40_000)
    y_score = y_true + rng.normal(size=40_000)
    viz = DETCurve.from_predictions(y_true, y_score)
    assert_curve(viz, "binary", y_true, y_score)
    xy = viz.lines_["binary"].get_xydata()
    assert len(xy) < len(viz.fpr_["binary"]) / 2
    assert np.isfinite(xy).all() and np.abs(xy).max() <= EDGE + 1e-9
    # Every kept point is a point of the full curve.
    full = norm.ppf(
        np.clip(np.column_stack([viz.fpr_["binary"], viz.fnr_["binary"]]), *LIMITS)
    )
    distance = np.abs(full[:, None, :] - xy[None, ::10, :]).max(axis=2)
    assert distance.min(axis=0).max() < 1e-9


def test_eer_points_false_draws_the_curves_only(five):
    viz = scored(LogisticRegression(max_iter=500), five, eer_points=False)
    viz.plot()
    assert viz.eer_points_ == {}
    assert len(viz.ax_.lines) == 5 + 1  # the curves and the diagonal
    labels = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert labels[0] == f"class 0, EER = {viz.eer_[0]:.1%}"


# -- errors ---------------------------------------------------------------------------


def test_pos_label_must_be_a_class(binary, five):
    X_train, y_train = binary[0], binary[2]
    with pytest.raises(VizkitValueError, match=r"pos_label=7 is not one of"):
        DETCurve(LogisticRegression(), pos_label=7).fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="pos_label=1 is for binary"):
        DETCurve(LogisticRegression(), pos_label=1).fit(five[0], five[2])


def test_y_score_of_the_wrong_shape_is_refused():
    y_true = np.array([0, 1, 2, 1, 0, 2])
    with pytest.raises(VizkitValueError, match="y_score has 2 columns"):
        DETCurve.from_predictions(y_true, np.ones((6, 2)))
    with pytest.raises(VizkitValueError, match="y_score has shape"):
        DETCurve.from_predictions(y_true, np.ones((5, 3)))


def test_labels_never_both_set_and_unset_are_refused():
    y_true = np.ones((10, 3), dtype=int)
    y_score = np.linspace(0, 1, 30).reshape(10, 3)
    with (
        pytest.warns(VizkitWarning, match="left out"),
        pytest.raises(VizkitValueError, match="no DET curves can be drawn"),
    ):
        DETCurve.from_predictions(y_true, y_score)


def test_regressor_is_refused(binary):
    with pytest.raises(ModelError, match="estimator LinearRegression"):
        DETCurve(LinearRegression()).fit(binary[0], binary[2])
