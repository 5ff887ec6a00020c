"""Tests of CalibrationCurve: curves and Brier scores against scikit-learn, then
the drawn curves, histogram and figure ownership."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
import sklearn
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.calibration import CalibratedClassifierCV, calibration_curve
from sklearn.datasets import (
    load_breast_cancer,
    make_classification,
    make_multilabel_classification,
)
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler, label_binarize
from sklearn.svm import LinearSVC

from vizkit.classifier import CalibrationCurve
from vizkit.classifier import calibration_curve as quick_calibration_curve
from vizkit.exceptions import ModelError, VizkitValueError

STRATEGIES = pytest.mark.parametrize(
    "strategy, n_bins", [("uniform", 10), ("quantile", 10), ("uniform", 7)]
)
# scikit-learn's multiclass brier_score_loss appeared in 1.7.
SKLEARN_VERSION = tuple(int(part) for part in sklearn.__version__.split(".")[:2])


def dataset(n_classes, seed=0, n_samples=400):
    X, y = make_classification(
        n_samples=n_samples, n_features=6, n_informative=4, n_redundant=0,
        n_classes=n_classes, n_clusters_per_class=1, flip_y=0.1, random_state=seed,
    )  # fmt: skip
    return train_test_split(X, y, test_size=0.5, random_state=seed)


@pytest.fixture(scope="module")
def binary():
    return dataset(2, seed=1)


@pytest.fixture(scope="module")
def five_classes():
    return dataset(5, seed=2)


@pytest.fixture(scope="module")
def multilabel():
    X, Y = make_multilabel_classification(
        n_samples=300, n_features=8, n_classes=4, random_state=0
    )
    return train_test_split(X, Y, test_size=0.5, random_state=0)


@pytest.fixture(scope="module")
def cancer():
    """Breast cancer data with string labels: sorted, "malignant" is classes_[1]."""
    X, y = load_breast_cancer(return_X_y=True)
    names = np.array(["malignant", "benign"])[y]
    return train_test_split(X, names, test_size=0.5, random_state=0, stratify=names)


def scaled_logistic():
    return make_pipeline(StandardScaler(), LogisticRegression())


def scored(model, split, **params):
    X_train, X_test, y_train, y_test = split
    viz = CalibrationCurve(model, **params)
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    return viz


def assert_curve(viz, key, is_member, proba, pos_label=1):
    """The curve ``key`` equals scikit-learn's, and its counts add up."""
    n_bins, strategy = viz.n_bins, viz.strategy
    prob_true, prob_pred = calibration_curve(
        is_member, proba, n_bins=n_bins, strategy=strategy, pos_label=pos_label
    )
    assert_allclose(viz.prob_true_[key], prob_true, rtol=1e-12)
    assert_allclose(viz.prob_pred_[key], prob_pred, rtol=1e-12)
    counts = viz.bin_counts_[key]
    assert counts.shape == prob_true.shape and counts.sum() == len(proba)
    assert np.all(counts > 0)  # empty bins are dropped
    members = np.sum(np.asarray(is_member) == pos_label)
    assert_allclose((viz.prob_true_[key] * counts).sum(), members)
    assert_allclose((viz.prob_pred_[key] * counts).sum(), proba.sum())
    expected = brier_score_loss(is_member, proba, pos_label=pos_label)
    assert viz.brier_[key] == pytest.approx(expected, rel=1e-12)


# -- numbers: binary ----------------------------------------------------------------


@STRATEGIES
def test_binary_curve_equals_calibration_curve(binary, strategy, n_bins):
    X_train, X_test, y_train, y_test = binary
    viz = scored(LogisticRegression(), binary, strategy=strategy, n_bins=n_bins)
    proba = viz.estimator.predict_proba(X_test)[:, 1]
    assert viz.target_type_ == "binary"
    assert set(viz.prob_true_) == {"binary"}
    assert_curve(viz, "binary", y_test, proba)
    assert viz.score_ == pytest.approx(brier_score_loss(y_test, proba), rel=1e-12)


def test_uniform_bin_counts_and_histogram(binary):
    X_train, X_test, y_train, y_test = binary
    viz = scored(GaussianNB(), binary)
    proba = viz.estimator.predict_proba(X_test)[:, 1]
    edges = np.linspace(0, 1, 11)
    reference, _ = np.histogram(proba, edges)  # no probability lies on an edge
    assert_array_equal(viz.hist_counts_["binary"], reference)
    assert_array_equal(viz.hist_edges_, edges)
    assert_array_equal(viz.bin_counts_["binary"], reference[reference > 0])


def test_string_labels_score_the_second_class(cancer):
    X_train, X_test, y_train, y_test = cancer
    viz = scored(scaled_logistic(), cancer)
    assert list(viz.estimator.classes_) == ["benign", "malignant"]
    proba = viz.estimator.predict_proba(X_test)[:, 1]
    assert_curve(viz, "binary", y_test, proba, pos_label="malignant")
    viz.plot()
    label = viz.ax_.get_legend().get_texts()[0].get_text()
    assert label == f"class malignant (Brier = {viz.brier_['binary']:0.3f})"


@pytest.mark.parametrize("strategy", ["uniform", "quantile"])
def test_pos_label_picks_the_other_column(cancer, strategy):
    X_train, X_test, y_train, y_test = cancer
    viz = scored(scaled_logistic(), cancer, pos_label="benign", strategy=strategy)
    proba = viz.estimator.predict_proba(X_test)[:, 0]
    assert_curve(viz, "binary", y_test, proba, pos_label="benign")
    expected = brier_score_loss(y_test, proba, pos_label="benign")
    assert viz.score_ == pytest.approx(expected, rel=1e-12)


def test_pipeline_model(binary):
    X_train, X_test, y_train, y_test = binary
    viz = scored(scaled_logistic(), binary)
    proba = viz.estimator.predict_proba(X_test)[:, 1]
    assert_curve(viz, "binary", y_test, proba)
    viz.plot()
    assert viz.ax_.get_title() == "Calibration Curve for LogisticRegression"


def test_from_predictions_one_column_and_pos_label(cancer):
    X_train, X_test, y_train, y_test = cancer
    model = scaled_logistic().fit(X_train, y_train)
    by_model = CalibrationCurve.from_estimator(model, X_test, y_test)
    proba = model.predict_proba(X_test)
    by_column = CalibrationCurve.from_predictions(
        y_test, proba[:, 1], pos_label="malignant"
    )
    assert_allclose(by_column.prob_true_["binary"], by_model.prob_true_["binary"])
    assert by_column.score_ == pytest.approx(by_model.score_)
    with pytest.raises(VizkitValueError, match="pos_label"):
        CalibrationCurve.from_predictions(y_test, proba[:, 1])


# -- numbers: multiclass and multilabel ------------------------------------------------


@STRATEGIES
def test_five_classes_one_vs_rest(five_classes, strategy, n_bins):
    X_train, X_test, y_train, y_test = five_classes
    viz = scored(LogisticRegression(), five_classes, strategy=strategy, n_bins=n_bins)
    proba = viz.estimator.predict_proba(X_test)
    onehot = label_binarize(y_test, classes=range(5))
    assert viz.target_type_ == "multiclass"
    assert set(viz.prob_true_) == set(range(5))
    for k in range(5):
        assert_curve(viz, k, onehot[:, k], proba[:, k])
    per_class = [brier_score_loss(onehot[:, k], proba[:, k]) for k in range(5)]
    assert viz.score_ == pytest.approx(np.mean(per_class), rel=1e-12)
    if SKLEARN_VERSION >= (1, 7):  # its multiclass Brier sums the classes
        assert viz.score_ == pytest.approx(brier_score_loss(y_test, proba) / 5)


@pytest.mark.parametrize(
    "model",
    [
        OneVsRestClassifier(LogisticRegression()),
        RandomForestClassifier(n_estimators=20, random_state=0),
    ],
    ids=["one-vs-rest", "forest"],
)
def test_multilabel_per_label(multilabel, model):
    X_train, X_test, Y_train, Y_test = multilabel
    viz = scored(model, multilabel, strategy="quantile", n_bins=5)
    proba = viz.estimator.predict_proba(X_test)
    if isinstance(proba, list):  # the forest: one (n, 2) array per label
        proba = np.column_stack([p[:, 1] for p in proba])
    assert viz.target_type_ == "multilabel"
    for k in range(Y_test.shape[1]):
        assert_curve(viz, k, Y_test[:, k], proba[:, k])
    assert viz.score_ == pytest.approx(np.mean(list(viz.brier_.values())))


# -- refusals -----------------------------------------------------------------------


def test_model_without_predict_proba_is_refused_before_fitting(binary):
    X_train, X_test, y_train, y_test = binary
    model = LinearSVC()
    with pytest.raises(ModelError, match="LinearSVC has no predict_proba") as raised:
        CalibrationCurve(model).fit(X_train, y_train)
    assert "CalibratedClassifierCV" in str(raised.value)
    assert not hasattr(model, "coef_")  # refused before it was fitted
    fitted = LinearSVC().fit(X_train, y_train)
    with pytest.raises(ModelError, match="CalibratedClassifierCV"):
        CalibrationCurve.from_estimator(fitted, X_test, y_test)
    calibrated = CalibratedClassifierCV(LinearSVC(), cv=3)
    assert scored(calibrated, binary).score_ < 0.25
    assert plt.get_fignums() == []


def test_scores_outside_0_1_are_refused(binary):
    X_train, X_test, y_train, y_test = binary
    decision = LinearSVC().fit(X_train, y_train).decision_function(X_test)
    with pytest.raises(VizkitValueError, match=r"outside \[0, 1\]"):
        CalibrationCurve.from_predictions(y_test, decision)
    assert plt.get_fignums() == []


@pytest.mark.parametrize("n_bins", [1, 0, 2.5, "10"])
def test_bad_n_bins_is_refused(binary, n_bins):
    X_train, X_test, y_train, y_test = binary
    with pytest.raises(VizkitValueError, match="n_bins"):
        CalibrationCurve(LogisticRegression(), n_bins=n_bins).fit(X_train, y_train)


def test_bad_strategy_is_refused(binary):
    X_train, X_test, y_train, y_test = binary
    with pytest.raises(VizkitValueError, match="strategy"):
        CalibrationCurve(LogisticRegression(), strategy="median").fit(X_train, y_train)


# -- drawing ------------------------------------------------------------------------


def test_one_line_per_class_the_diagonal_and_histograms(five_classes):
    viz = scored(LogisticRegression(), five_classes).plot()
    lines = viz.ax_.get_lines()
    assert len(lines) == 6
    for k in range(5):
        assert viz.lines_[k] is lines[k]
        assert_allclose(lines[k].get_xdata(), viz.prob_pred_[k])
        assert_allclose(lines[k].get_ydata(), viz.prob_true_[k])
    assert_allclose(lines[5].get_xydata(), [[0, 0], [1, 1]])
    labels = [text.get_text() for text in viz.ax_.get_legend().get_texts()]
    assert labels[2] == f"class 2 (Brier = {viz.brier_[2]:0.3f})"
    assert labels[-1] == "perfectly calibrated"
    assert len(viz.fig_.axes) == 2 and viz.hax_ in viz.fig_.axes
    assert viz.ax_.get_shared_x_axes().joined(viz.ax_, viz.hax_)
    steps = viz.hax_.patches
    assert len(steps) == 5
    for k in range(5):
        assert_array_equal(steps[k].get_data().values, viz.hist_counts_[k])
    viz.fig_.canvas.draw()  # the divider places the Axes when drawn
    assert viz.hax_.get_position().y1 <= viz.ax_.get_position().y0  # below


def test_histogram_false_draws_one_axes(binary):
    viz = scored(LogisticRegression(), binary, histogram=False).plot()
    assert viz.hax_ is None
    assert viz.fig_.axes == [viz.ax_]
    assert len(viz.ax_.get_lines()) == 2
    assert viz.ax_.get_xlabel() == "Mean predicted probability"


def test_user_axes_keep_everything_in_their_figure(binary):
    fig, ax = plt.subplots()
    viz = scored(LogisticRegression(), binary, ax=ax)
    viz.show()
    assert viz.ax_ is ax and viz.hax_.figure is fig
    assert plt.get_fignums() == [fig.number]
    viz.plot()  # redrawing on the same Axes replaces its histogram
    assert len(fig.axes) == 2
    viz.set_params(histogram=False).plot()
    assert fig.axes == [ax] and ax.get_axes_locator() is None
    assert plt.get_fignums() == [fig.number]


def test_two_models_side_by_side(binary):
    X_train, X_test, y_train, y_test = binary
    fig, (left, right) = plt.subplots(1, 2)
    for model, ax in ((GaussianNB(), left), (LogisticRegression(), right)):
        viz = CalibrationCurve(model, ax=ax).fit(X_train, y_train)
        viz.score(X_test, y_test)
        viz.finalize()
        assert viz.hax_.figure is fig
    assert len(fig.axes) == 4
    assert plt.get_fignums() == [fig.number]


def test_quick_method(binary):
    X_train, X_test, y_train, y_test = binary
    viz = quick_calibration_curve(
        GaussianNB(), X_train, y_train, X_test, y_test, n_bins=5, show=False
    )
    proba = viz.estimator.predict_proba(X_test)[:, 1]
    assert_curve(viz, "binary", y_test, proba)
    assert len(viz.bin_counts_["binary"]) <= 5
