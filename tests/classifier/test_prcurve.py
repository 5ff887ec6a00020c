"""Tests of PrecisionRecallCurve: curves and AP against scikit-learn, then artists."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.collections import PolyCollection
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.datasets import (
    load_breast_cancer,
    make_classification,
    make_multilabel_classification,
)
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import average_precision_score, get_scorer, precision_recall_curve
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler, label_binarize
from sklearn.svm import LinearSVC

from vizkit.classifier import PRCurve, PrecisionRecallCurve
from vizkit.classifier import precision_recall_curve as pr_quick
from vizkit.classifier.prcurve import iso_f1_curve
from vizkit.exceptions import ModelError, VizkitValueError, VizkitWarning
from vizkit.utils.curves import thin_curve


def dataset(n_classes, seed=0, n_samples=300, **kwargs):
    X, y = make_classification(
        n_samples=n_samples, n_features=6, n_informative=4, n_redundant=0,
        n_classes=n_classes, n_clusters_per_class=1, flip_y=0.1, random_state=seed,
        **kwargs,
    )  # fmt: skip
    return train_test_split(X, y, test_size=0.5, random_state=seed)


@pytest.fixture(scope="module")
def five():
    return dataset(5)


@pytest.fixture(scope="module")
def binary():
    return dataset(2, seed=1, weights=[0.7])  # imbalanced: positive rate ~0.3


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
    viz = PrecisionRecallCurve(model, **params)
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    return viz


def assert_curve(viz, key, y_true, scores, pos_label=None):
    """The stored curve and AP of ``key`` equal scikit-learn's."""
    precision, recall, thresholds = precision_recall_curve(
        y_true, scores, pos_label=pos_label
    )
    assert_array_equal(viz.precision_[key], precision)
    assert_array_equal(viz.recall_[key], recall)
    assert_array_equal(viz.thresholds_[key], thresholds)
    expected = average_precision_score(y_true, scores, pos_label=pos_label or 1)
    assert viz.average_precision_[key] == pytest.approx(expected, rel=1e-12)


# -- numbers: multiclass and multilabel ------------------------------------------------


def test_five_classes_per_class_and_micro_equal_sklearn(five):
    X_train, X_test, y_train, y_test = five
    viz = scored(LogisticRegression(), five, per_class=True)
    proba = viz.estimator.predict_proba(X_test)
    onehot = label_binarize(y_test, classes=range(5))
    assert viz.target_type_ == "multiclass"
    assert list(viz.precision_) == [0, 1, 2, 3, 4, "micro"]
    for k in range(5):
        assert_curve(viz, k, onehot[:, k], proba[:, k])
    assert_curve(viz, "micro", onehot.ravel(), proba.ravel())
    micro = average_precision_score(onehot, proba, average="micro")
    assert viz.score_ == pytest.approx(micro, rel=1e-12)


def test_macro_score_without_micro(five):
    X_train, X_test, y_train, y_test = five
    viz = scored(LogisticRegression(), five, per_class=True, micro=False)
    proba = viz.estimator.predict_proba(X_test)
    onehot = label_binarize(y_test, classes=range(5))
    macro = average_precision_score(onehot, proba, average="macro")
    assert viz.score_ == pytest.approx(macro, rel=1e-12)
    assert "micro" not in viz.precision_
    viz.plot()
    assert viz.ax_.get_title() == (
        f"Precision-Recall Curves for LogisticRegression (macro AP = {macro:0.2f})"
    )


def test_default_draws_the_micro_average_only(five):
    X_train, X_test, y_train, y_test = five
    viz = scored(LogisticRegression(), five)
    assert list(viz.precision_) == ["micro"]
    proba = viz.estimator.predict_proba(X_test)
    onehot = label_binarize(y_test, classes=range(5))
    assert viz.score_ == pytest.approx(
        average_precision_score(onehot, proba, average="micro"), rel=1e-12
    )


def test_decision_function_multiclass(five):
    X_train, X_test, y_train, y_test = five
    viz = scored(LinearSVC(), five, per_class=True)
    scores = viz.estimator.decision_function(X_test)
    onehot = label_binarize(y_test, classes=range(5))
    for k in range(5):
        assert_curve(viz, k, onehot[:, k], scores[:, k])
    assert viz.score_ == pytest.approx(
        average_precision_score(onehot, scores, average="micro"), rel=1e-12
    )


def test_string_labels_multiclass(five):
    X_train, X_test, y_train, y_test = five
    names = np.array(["e", "d", "c", "b", "a"])  # sorted order differs from codes
    split = (X_train, X_test, names[y_train], names[y_test])
    viz = scored(LogisticRegression(), split, per_class=True, classes=list("ABCDE"))
    proba = viz.estimator.predict_proba(X_test)
    onehot = label_binarize(names[y_test], classes=viz.estimator.classes_)
    for k in range(5):
        assert_curve(viz, k, onehot[:, k], proba[:, k])
    viz.plot()
    labels = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert labels[0] == f"PR of class A, AP = {viz.average_precision_[0]:0.2f}"
    assert labels[-1] == (
        f"micro-average PR curve, AP = {viz.average_precision_['micro']:0.2f}"
    )


def test_multilabel_one_vs_rest_model(multilabel):
    X_train, X_test, Y_train, Y_test = multilabel
    viz = scored(OneVsRestClassifier(LogisticRegression()), multilabel, per_class=True)
    proba = viz.estimator.predict_proba(X_test)
    assert viz.target_type_ == "multilabel"
    for k in range(4):
        assert_curve(viz, k, Y_test[:, k], proba[:, k])
    assert_curve(viz, "micro", Y_test.ravel(), proba.ravel())
    assert viz.score_ == pytest.approx(
        average_precision_score(Y_test, proba, average="micro"), rel=1e-12
    )


def test_multilabel_forest_whose_predict_proba_is_a_list(multilabel):
    X_train, X_test, Y_train, Y_test = multilabel
    forest = RandomForestClassifier(n_estimators=20, random_state=0)
    viz = scored(forest, multilabel, per_class=True, micro=False)
    raw = viz.estimator.predict_proba(X_test)
    assert isinstance(raw, list)
    proba = np.column_stack([p[:, 1] for p in raw])
    for k in range(4):
        assert_curve(viz, k, Y_test[:, k], proba[:, k])
    assert viz.score_ == pytest.approx(
        average_precision_score(Y_test, proba, average="macro"), rel=1e-12
    )


def test_missing_test_class_is_skipped_with_a_warning(five):
    X_train, X_test, y_train, y_test = five
    keep = y_test != 4
    viz = PrecisionRecallCurve(LogisticRegression(), per_class=True)
    viz.fit(X_train, y_train)
    with pytest.warns(VizkitWarning, match="4"):
        viz.score(X_test[keep], y_test[keep])
    assert list(viz.precision_) == [0, 1, 2, 3, "micro"]


# -- numbers: binary -------------------------------------------------------------------


@pytest.mark.parametrize(
    "options", [{}, {"per_class": True}, {"micro": False, "per_class": True}]
)
def test_binary_is_the_positive_class_curve(binary, options):
    X_train, X_test, y_train, y_test = binary
    viz = scored(LogisticRegression(), binary, **options)
    proba = viz.estimator.predict_proba(X_test)
    assert viz.target_type_ == "binary"
    assert list(viz.precision_) == ["binary"]
    assert_curve(viz, "binary", y_test, proba[:, 1])
    expected = average_precision_score(y_test, proba[:, 1])
    assert viz.score_ == pytest.approx(expected, rel=1e-12)
    # What GridSearchCV(scoring="average_precision") optimises.
    scorer = get_scorer("average_precision")
    assert viz.score_ == pytest.approx(scorer(viz.estimator, X_test, y_test))


def test_binary_linear_svc_decision_function(binary):
    X_train, X_test, y_train, y_test = binary
    viz = scored(LinearSVC(), binary)
    scores = viz.estimator.decision_function(X_test)
    assert_curve(viz, "binary", y_test, scores)
    assert viz.score_ == pytest.approx(average_precision_score(y_test, scores))


def test_pos_label_with_string_labels_and_a_pipeline(cancer):
    X_train, X_test, y_train, y_test = cancer
    viz = scored(scaled_logistic(), cancer, pos_label="benign")
    assert list(viz.estimator.classes_) == ["benign", "malignant"]
    proba = viz.estimator.predict_proba(X_test)
    assert_curve(viz, "binary", y_test, proba[:, 0], pos_label="benign")
    assert viz.score_ == pytest.approx(
        average_precision_score(y_test == "benign", proba[:, 0]), rel=1e-12
    )
    default = scored(scaled_logistic(), cancer)  # classes_[1], "malignant"
    assert_curve(default, "binary", y_test, proba[:, 1], pos_label="malignant")
    default.plot()
    (label, _) = [t.get_text() for t in default.ax_.get_legend().get_texts()]
    assert label == f"PR of class malignant, AP = {default.score_:0.2f}"
    assert default.ax_.get_title() == (
        f"Precision-Recall Curve for LogisticRegression (AP = {default.score_:0.2f})"
    )


def test_pos_label_with_a_one_column_decision_function(binary):
    X_train, X_test, y_train, y_test = binary
    viz = scored(LinearSVC(), binary, pos_label=0)
    scores = viz.estimator.decision_function(X_test)
    assert_curve(viz, "binary", y_test == 0, -scores)
    assert viz.score_ == pytest.approx(average_precision_score(y_test == 0, -scores))


# -- the user's model is the one drawn -------------------------------------------------


def test_prefit_model_is_neither_wrapped_nor_refit(five):
    X_train, X_test, y_train, y_test = five
    model = LogisticRegression().fit(X_train, y_train)
    coef = model.coef_
    coef_values = coef.copy()
    viz = PrecisionRecallCurve(model, per_class=True)
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    assert viz.estimator is model and viz.get_params()["estimator"] is model
    assert model.coef_ is coef
    assert_array_equal(model.coef_, coef_values)
    proba = model.predict_proba(X_test)
    onehot = label_binarize(y_test, classes=range(5))
    assert_curve(viz, 2, onehot[:, 2], proba[:, 2])


def test_unfitted_model_is_fitted_in_place_not_wrapped(five):
    X_train, X_test, y_train, y_test = five
    model = LogisticRegression()
    viz = scored(model, five)
    assert viz.estimator is model and type(model) is LogisticRegression
    reference = clone(model).fit(X_train, y_train)
    assert_allclose(model.coef_, reference.coef_)


# -- drawing -----------------------------------------------------------------------


def test_curves_are_post_steps_with_stored_points(five):
    viz = scored(LogisticRegression(), five, per_class=True)
    viz.plot()
    assert list(viz.lines_) == [0, 1, 2, 3, 4, "micro"]
    for key, line in viz.lines_.items():
        assert line.get_drawstyle() == "steps-post"
        assert_allclose(
            line.get_xydata(), np.column_stack([viz.recall_[key], viz.precision_[key]])
        )
        assert line.get_alpha() == 0.8 and line.get_clip_on() is False
    assert viz.lines_["micro"].get_linestyle() == "--"
    assert viz.ax_.get_xlim() == (0.0, 1.0) and viz.ax_.get_ylim() == (0.0, 1.05)
    assert (viz.ax_.get_xlabel(), viz.ax_.get_ylabel()) == ("Recall", "Precision")
    assert viz.ax_.get_title() == "Precision-Recall Curves for LogisticRegression"


def polygon_area(vertices):
    x, y = vertices[:, 0], vertices[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))


def test_fill_areas_are_the_average_precisions(five):
    viz = scored(LogisticRegression(), five, per_class=True, fill_opacity=0.3)
    viz.plot()
    assert list(viz.fills_) == list(viz.lines_)
    for key, fill in viz.fills_.items():
        assert isinstance(fill, PolyCollection) and fill in viz.ax_.collections
        assert fill.get_alpha() == 0.3
        (path,) = fill.get_paths()
        # The area under the post steps is the average precision.
        area = polygon_area(path.vertices)
        assert area == pytest.approx(viz.average_precision_[key], rel=1e-9)
    viz.set_params(fill_area=False).plot()
    assert viz.fills_ == {} and len(viz.ax_.collections) == 0


def test_binary_chance_line_at_the_positive_rate(binary):
    X_train, X_test, y_train, y_test = binary
    viz = scored(LogisticRegression(), binary)
    viz.plot()
    chance = viz.ax_.lines[-1]
    rate = np.mean(y_test == 1)
    assert_allclose(chance.get_ydata(), [rate, rate])
    labels = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert labels == [
        f"PR of class 1, AP = {viz.score_:0.2f}",
        f"chance level, AP = {rate:0.2f}",
    ]


def test_iso_f1_curves_are_drawn_and_labelled(binary):
    viz = scored(LogisticRegression(), binary, iso_f1_curves=True)
    viz.plot()
    assert viz.iso_f1_ in viz.ax_.collections
    assert len(viz.ax_.lines) == 2  # the curve and the chance level
    segments = viz.iso_f1_.get_segments()
    assert len(segments) == 4
    for f1, segment in zip((0.2, 0.4, 0.6, 0.8), segments):
        recall, precision = segment.T
        assert_allclose(2 * precision * recall / (precision + recall), f1)
        assert precision.max() == pytest.approx(1.0) and recall.max() == 1.0
    texts = [t.get_text() for t in viz.ax_.texts]
    assert texts == ["F1=0.2", "F1=0.4", "F1=0.6", "F1=0.8"]
    viz.set_params(iso_f1_values=(0.5,)).plot()
    assert [t.get_text() for t in viz.ax_.texts] == ["F1=0.5"]


def test_iso_f1_curve_helper():
    recall, precision = iso_f1_curve(0.5, n_points=5)
    assert recall[0] == pytest.approx(1 / 3) and precision[0] == pytest.approx(1.0)
    assert recall[-1] == 1.0 and precision[-1] == pytest.approx(1 / 3)


def test_ap_score_false_and_colors(five):
    viz = scored(
        LogisticRegression(), five, per_class=True, ap_score=False,
        colors=["red", "green", "blue", "orange", "purple", "black"],
    )  # fmt: skip
    viz.plot()
    labels = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert labels == [f"PR of class {k}" for k in range(5)] + ["micro-average PR curve"]
    assert viz.lines_[2].get_color() == "#0000ff"
    assert viz.lines_["micro"].get_color() == "#000000"


def test_cmap_colours_the_curves(five):
    viz = scored(LogisticRegression(), five, per_class=True, cmap="viridis")
    viz.plot()
    assert viz.lines_[0].get_color() == "#440154"  # viridis(0)


def test_large_curves_are_thinned_to_the_same_shape():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 2, 200_000)
    y_score = y_true + rng.normal(size=200_000)
    viz = PrecisionRecallCurve.from_predictions(y_true, y_score)
    assert_curve(viz, "binary", y_true, y_score)
    recall, precision = viz.recall_["binary"], viz.precision_["binary"]
    drawn = viz.lines_["binary"].get_xydata()
    assert len(drawn) < len(recall) / 10
    assert_allclose(drawn, np.column_stack(thin_curve(recall, precision)))


# -- other ways in -----------------------------------------------------------------


def test_from_predictions_multiclass_and_binary_one_column(cancer):
    rng = np.random.default_rng(1)
    y_true = np.array(["a", "b", "c"])[rng.integers(0, 3, 300)]
    y_score = rng.dirichlet(np.ones(3), size=300)
    y_score[np.arange(300), np.searchsorted(["a", "b", "c"], y_true)] += 0.3
    viz = PrecisionRecallCurve.from_predictions(y_true, y_score, per_class=True)
    onehot = label_binarize(y_true, classes=["a", "b", "c"])
    assert_curve(viz, 1, onehot[:, 1], y_score[:, 1])
    assert viz.ax_.get_title() == "Precision-Recall Curves"

    X_train, X_test, y_train, y_test = cancer
    proba = scaled_logistic().fit(X_train, y_train).predict_proba(X_test)[:, 1]
    with pytest.raises(VizkitValueError, match="pos_label"):
        PrecisionRecallCurve.from_predictions(y_test, proba)
    viz = PrecisionRecallCurve.from_predictions(y_test, proba, pos_label="malignant")
    assert_curve(viz, "binary", y_test, proba, pos_label="malignant")


def test_from_estimator_alias_and_quick_method(five):
    X_train, X_test, y_train, y_test = five
    model = LogisticRegression().fit(X_train, y_train)
    viz = PRCurve.from_estimator(model, X_test, y_test, per_class=True)
    assert PRCurve is PrecisionRecallCurve and viz.estimator is model
    quick = pr_quick(
        LogisticRegression(), X_train, y_train, X_test, y_test, show=False,
        per_class=True, iso_f1_curves=True,
    )  # fmt: skip
    assert isinstance(quick, PrecisionRecallCurve)
    assert quick.score_ == pytest.approx(viz.score_)
    assert len(quick.ax_.texts) == 4


# -- errors ------------------------------------------------------------------------


def test_pos_label_not_a_class(binary, five):
    X_train, X_test, y_train, y_test = binary
    with pytest.raises(VizkitValueError, match=r"pos_label=2 is not one of"):
        PrecisionRecallCurve(LogisticRegression(), pos_label=2).fit(X_train, y_train)
    X_train, X_test, y_train, y_test = five
    with pytest.raises(VizkitValueError, match="pos_label=1 is for binary"):
        PrecisionRecallCurve(LogisticRegression(), pos_label=1).fit(X_train, y_train)


def test_y_score_of_the_wrong_shape():
    y_true = np.array([0, 1, 2] * 20)
    with pytest.raises(VizkitValueError, match="y_score has 2 columns"):
        PrecisionRecallCurve.from_predictions(y_true, np.ones((60, 2)) / 2)
    with pytest.raises(VizkitValueError, match="y_score has shape"):
        PrecisionRecallCurve.from_predictions(y_true, np.ones((59, 3)) / 3)


def test_regressor_is_refused(five):
    X_train, X_test, y_train, y_test = five
    with pytest.raises(ModelError, match="estimator LinearRegression"):
        PrecisionRecallCurve(LinearRegression()).fit(X_train, y_train)


def test_no_curve_requested(five):
    X_train, X_test, y_train, y_test = five
    viz = PrecisionRecallCurve(LogisticRegression(), micro=False)
    viz.fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="micro and per_class"):
        viz.score(X_test, y_test)


@pytest.mark.parametrize("values", [(0.5, 1.0), (0,), "0.5", 0.5, (True,)])
def test_bad_iso_f1_values(binary, values):
    X_train, X_test, y_train, y_test = binary
    viz = PrecisionRecallCurve(LogisticRegression(), iso_f1_values=values)
    with pytest.raises(VizkitValueError, match="iso_f1_values"):
        viz.fit(X_train, y_train)


def test_bad_opacity(binary):
    X_train, X_test, y_train, y_test = binary
    with pytest.raises(VizkitValueError, match="fill_opacity"):
        PrecisionRecallCurve(LogisticRegression(), fill_opacity=2).fit(X_train, y_train)
