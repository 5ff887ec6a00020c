"""Tests of ROCAUC: curves against scikit-learn, then the drawn lines and legend."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.datasets import (
    load_breast_cancer,
    make_classification,
    make_multilabel_classification,
)
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score, auc, get_scorer, roc_auc_score, roc_curve
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler, label_binarize
from sklearn.svm import LinearSVC

from vizkit.classifier import ROCAUC, roc_auc
from vizkit.exceptions import ModelError, NotFitted, VizkitValueError, VizkitWarning
from vizkit.utils.curves import macro_average


def dataset(n_classes, seed=0, n_samples=300):
    X, y = make_classification(
        n_samples=n_samples, n_features=6, n_informative=4, n_redundant=0,
        n_classes=n_classes, n_clusters_per_class=1, flip_y=0.1, random_state=seed,
    )  # fmt: skip
    return train_test_split(X, y, test_size=0.5, random_state=seed)


@pytest.fixture(scope="module")
def multiclass():
    return dataset(4)


@pytest.fixture(scope="module")
def binary():
    return dataset(2, seed=1)


@pytest.fixture(scope="module")
def cancer():
    """Breast cancer data with string labels: sorted, "malignant" is classes_[1]."""
    X, y = load_breast_cancer(return_X_y=True)
    names = np.array(["malignant", "benign"])[y]  # sklearn codes malignant as 0
    return train_test_split(X, names, test_size=0.5, random_state=0, stratify=names)


def scaled_logistic():
    return make_pipeline(StandardScaler(), LogisticRegression())


def scored(model, split, **params):
    X_train, X_test, y_train, y_test = split
    viz = ROCAUC(model, **params)
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    return viz


def reference_macro(fprs, tprs):
    grid = np.unique(np.concatenate(fprs))
    return grid, np.mean([np.interp(grid, f, t) for f, t in zip(fprs, tprs)], axis=0)


class PredictOnly(ClassifierMixin, BaseEstimator):
    """A classifier with neither predict_proba nor decision_function."""

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])


# -- numbers: multiclass ------------------------------------------------------------


def test_per_class_curves_equal_roc_curve(multiclass):
    X_train, X_test, y_train, y_test = multiclass
    viz = scored(LogisticRegression(), multiclass)
    proba = viz.estimator.predict_proba(X_test)
    onehot = label_binarize(y_test, classes=[0, 1, 2, 3])
    for k in range(4):
        fpr, tpr, _ = roc_curve(onehot[:, k], proba[:, k])
        assert_allclose(viz.fpr[k], fpr)
        assert_allclose(viz.tpr[k], tpr)
        assert viz.roc_auc[k] == pytest.approx(roc_auc_score(onehot[:, k], proba[:, k]))
    assert viz.target_type_ == "multiclass"


def test_micro_average_equals_roc_auc_score_micro(multiclass):
    X_train, X_test, y_train, y_test = multiclass
    viz = scored(LogisticRegression(), multiclass)
    proba = viz.estimator.predict_proba(X_test)
    onehot = label_binarize(y_test, classes=[0, 1, 2, 3])
    fpr, tpr, _ = roc_curve(onehot.ravel(), proba.ravel())
    assert_allclose(viz.fpr["micro"], fpr)
    assert_allclose(viz.tpr["micro"], tpr)
    expected = roc_auc_score(onehot, proba, average="micro")
    assert viz.roc_auc["micro"] == pytest.approx(expected)
    assert viz.score_ == pytest.approx(expected)  # micro wins when computed


def test_macro_average_interpolates_on_the_union_of_fprs(multiclass):
    viz = scored(LogisticRegression(), multiclass)
    grid, mean_tpr = reference_macro(
        [viz.fpr[k] for k in range(4)], [viz.tpr[k] for k in range(4)]
    )
    assert_allclose(viz.fpr["macro"], grid)
    assert_allclose(viz.tpr["macro"], mean_tpr)
    assert viz.roc_auc["macro"] == pytest.approx(auc(grid, mean_tpr))
    assert viz.set_params(micro=False).score(*viz_test(multiclass)) == pytest.approx(
        viz.roc_auc["macro"]
    )


def viz_test(split):
    return split[1], split[3]


def test_trailing_underscore_aliases_are_the_same_objects(multiclass):
    viz = scored(LogisticRegression(), multiclass)
    assert viz.fpr_ is viz.fpr and viz.tpr_ is viz.tpr and viz.roc_auc_ is viz.roc_auc
    assert set(viz.fpr) == {0, 1, 2, 3, "micro", "macro"}


def test_decision_function_multiclass(multiclass):
    X_train, X_test, y_train, y_test = multiclass
    viz = scored(LinearSVC(), multiclass)
    scores = viz.estimator.decision_function(X_test)
    onehot = label_binarize(y_test, classes=[0, 1, 2, 3])
    for k in range(4):
        assert_allclose(viz.fpr[k], roc_curve(onehot[:, k], scores[:, k])[0])
    assert viz.roc_auc["micro"] == pytest.approx(
        roc_auc_score(onehot, scores, average="micro")
    )


def test_string_labels_and_classes_relabelling(multiclass):
    X_train, X_test, y_train, y_test = multiclass
    names = np.array(["d", "c", "b", "a"])  # sorted order differs from codes
    split = (X_train, X_test, names[y_train], names[y_test])
    viz = scored(LogisticRegression(), split, classes=["A", "B", "C", "D"])
    proba = viz.estimator.predict_proba(X_test)
    onehot = label_binarize(names[y_test], classes=viz.estimator.classes_)
    assert_allclose(viz.tpr[0], roc_curve(onehot[:, 0], proba[:, 0])[1])
    assert_array_equal(viz.classes_, ["A", "B", "C", "D"])
    viz.plot()
    labels = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert labels[0] == f"ROC of class A, AUC = {viz.roc_auc[0]:0.2f}"


def test_encoder_relabels_legend(multiclass):
    encoder = {0: "zero", 1: "one", 2: "two", 3: "three"}
    viz = scored(LogisticRegression(), multiclass, encoder=encoder, micro=False)
    viz.plot()
    labels = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert labels[3].startswith("ROC of class three")


def test_pandas_input(multiclass):
    X_train, X_test, y_train, y_test = multiclass
    columns = [f"x{i}" for i in range(X_train.shape[1])]
    split = (
        pd.DataFrame(X_train, columns=columns),
        pd.DataFrame(X_test, columns=columns),
        pd.Series(y_train),
        pd.Series(y_test),
    )
    viz = scored(LogisticRegression(), split)
    reference = scored(LogisticRegression(), multiclass)
    assert viz.roc_auc["micro"] == pytest.approx(reference.roc_auc["micro"])


def test_missing_test_class_is_skipped_with_a_warning(multiclass):
    X_train, X_test, y_train, y_test = multiclass
    keep = y_test != 3
    viz = ROCAUC(LogisticRegression()).fit(X_train, y_train)
    with pytest.warns(VizkitWarning, match="3"):
        viz.score(X_test[keep], y_test[keep])
    assert 3 not in viz.fpr and {0, 1, 2, "micro", "macro"} <= set(viz.fpr)


# -- numbers: binary ----------------------------------------------------------------


def test_binary_proba_per_class_micro_macro(binary):
    X_train, X_test, y_train, y_test = binary
    viz = scored(LogisticRegression(), binary)
    proba = viz.estimator.predict_proba(X_test)
    assert viz.target_type_ == "binary"
    assert_allclose(viz.fpr[1], roc_curve(y_test, proba[:, 1])[0])
    assert_allclose(viz.fpr[0], roc_curve(1 - y_test, proba[:, 0])[0])
    onehot = np.column_stack([1 - y_test, y_test])
    assert_allclose(viz.tpr["micro"], roc_curve(onehot.ravel(), proba.ravel())[1])
    assert viz.roc_auc["micro"] == pytest.approx(
        roc_auc_score(onehot, proba, average="micro")
    )
    grid, mean_tpr = reference_macro([viz.fpr[0], viz.fpr[1]], [viz.tpr[0], viz.tpr[1]])
    assert_allclose(viz.tpr["macro"], mean_tpr)


def test_binary_true_draws_the_positive_class_only(binary):
    X_train, X_test, y_train, y_test = binary
    viz = scored(LogisticRegression(), binary, binary=True)
    proba = viz.estimator.predict_proba(X_test)
    assert set(viz.fpr) == {"binary"}
    assert viz.roc_auc["binary"] == pytest.approx(roc_auc_score(y_test, proba[:, 1]))
    fpr, tpr, _ = roc_curve(y_test, proba[:, 1])
    assert_allclose(viz.fpr["binary"], fpr)
    assert_allclose(viz.tpr["binary"], tpr)
    # The positive class's AUC (Yellowbrick returned the accuracy here).
    assert viz.score_ == pytest.approx(roc_auc_score(y_test, proba[:, 1]))
    viz.plot()
    (label,) = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert label == f"ROC for binary decision, AUC = {viz.roc_auc['binary']:0.2f}"


def test_one_column_decision_function_gives_the_positive_curve(binary):
    X_train, X_test, y_train, y_test = binary
    viz = ROCAUC(LinearSVC()).fit(X_train, y_train)
    with pytest.warns(VizkitWarning, match="binary=True"):
        viz.score(X_test, y_test)
    scores = viz.estimator.decision_function(X_test)
    assert set(viz.fpr) == {"binary"}
    assert_allclose(viz.tpr["binary"], roc_curve(y_test, scores)[1])
    assert viz.roc_auc["binary"] == pytest.approx(roc_auc_score(y_test, scores))


def test_one_column_decision_function_per_class_only(binary):
    X_train, X_test, y_train, y_test = binary
    viz = scored(LinearSVC(), binary, micro=False, macro=False)
    scores = viz.estimator.decision_function(X_test)
    assert set(viz.fpr) == {0, 1}
    assert_allclose(viz.fpr[0], roc_curve(1 - y_test, -scores)[0])
    assert_allclose(viz.fpr[1], roc_curve(y_test, scores)[0])


def test_binary_string_labels(binary):
    X_train, X_test, y_train, y_test = binary
    names = np.array(["no", "yes"])
    split = (X_train, X_test, names[y_train], names[y_test])
    viz = scored(LogisticRegression(), split, binary=True)
    proba = viz.estimator.predict_proba(X_test)
    assert viz.roc_auc["binary"] == pytest.approx(roc_auc_score(y_test, proba[:, 1]))


def test_binary_micro_without_per_class(binary):
    viz = scored(LogisticRegression(), binary, per_class=False, macro=False)
    viz.plot()
    assert set(viz.lines_) == {"micro"}


BINARY_OPTIONS = [
    {},
    {"binary": True},
    {"micro": True, "macro": False, "per_class": False},
    {"micro": False, "macro": True, "per_class": False},
    {"micro": False, "macro": False, "per_class": True},
    {"micro": False, "macro": False, "per_class": False},
]


@pytest.mark.parametrize("options", BINARY_OPTIONS)
def test_binary_score_is_the_positive_class_auc(binary, options):
    X_train, X_test, y_train, y_test = binary
    viz = scored(LogisticRegression(), binary, **options)
    proba = viz.estimator.predict_proba(X_test)
    expected = roc_auc_score(y_test, proba[:, 1])
    assert viz.score_ == pytest.approx(expected)
    # What GridSearchCV(scoring="roc_auc") optimises.
    assert viz.score_ == pytest.approx(
        get_scorer("roc_auc")(viz.estimator, X_test, y_test)
    )
    assert viz.score_ != pytest.approx(viz.roc_auc.get("micro", -1.0))


def test_pos_label_of_a_model_with_string_labels(cancer):
    X_train, X_test, y_train, y_test = cancer
    viz = scored(scaled_logistic(), cancer, binary=True, pos_label="benign")
    assert list(viz.estimator.classes_) == ["benign", "malignant"]
    proba = viz.estimator.predict_proba(X_test)
    fpr, tpr, _ = roc_curve(y_test, proba[:, 0], pos_label="benign")
    assert_allclose(viz.fpr["binary"], fpr)
    assert_allclose(viz.tpr["binary"], tpr)
    assert viz.score_ == pytest.approx(auc(fpr, tpr))
    assert viz.score_ == pytest.approx(roc_auc_score(y_test == "benign", proba[:, 0]))
    # Default: classes_[1], "malignant", as scikit-learn.
    default = scored(scaled_logistic(), cancer, binary=True)
    fpr, tpr, _ = roc_curve(y_test, proba[:, 1], pos_label="malignant")
    assert_allclose(default.fpr["binary"], fpr)
    assert default.score_ == pytest.approx(roc_auc_score(y_test, proba[:, 1]))


def test_pos_label_with_a_one_column_decision_function(binary):
    X_train, X_test, y_train, y_test = binary
    viz = scored(LinearSVC(), binary, binary=True, pos_label=0)
    scores = viz.estimator.decision_function(X_test)
    fpr, tpr, _ = roc_curve(y_test, -scores, pos_label=0)
    assert_allclose(viz.fpr["binary"], fpr)
    assert_allclose(viz.tpr["binary"], tpr)
    assert viz.score_ == pytest.approx(roc_auc_score(y_test == 0, -scores))


def test_pos_label_is_checked_against_the_classes(binary, multiclass):
    X_train, X_test, y_train, y_test = binary
    with pytest.raises(VizkitValueError, match=r"pos_label=2 is not one of"):
        ROCAUC(LogisticRegression(), pos_label=2).fit(X_train, y_train)
    X_train, X_test, y_train, y_test = multiclass
    with pytest.raises(VizkitValueError, match="pos_label=1 is for binary"):
        ROCAUC(LogisticRegression(), pos_label=1).fit(X_train, y_train)


def test_macro_average_helper():
    fprs = [np.array([0.0, 0.5, 1.0]), np.array([0.0, 0.25, 1.0])]
    tprs = [np.array([0.0, 1.0, 1.0]), np.array([0.0, 0.5, 1.0])]
    grid, mean_tpr = macro_average(fprs, tprs)
    assert_allclose(grid, [0.0, 0.25, 0.5, 1.0])
    assert_allclose(mean_tpr, [0.0, (0.5 + 0.5) / 2, (1.0 + 2 / 3) / 2, 1.0])


# -- drawing ---------------------------------------------------------------------


def test_curves_along_the_edges_are_drawn_above_the_spines():
    y_true, y_score = np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.8, 0.9])
    viz = ROCAUC.from_predictions(y_true, y_score)
    assert_allclose(viz.fpr[1], roc_curve(y_true, y_score)[0])
    assert viz.roc_auc[1] == 1.0  # a perfect curve: along FPR 0, then TPR 1
    spines = max(spine.get_zorder() for spine in viz.ax_.spines.values())
    assert set(viz.lines_) == {0, 1, "micro", "macro"}
    for line in viz.lines_.values():
        assert line.get_clip_on() is False
        assert line.get_zorder() > spines
        assert line.get_zorder() < viz.ax_.get_legend().get_zorder()


def test_one_line_per_curve_with_fpr_tpr_data(multiclass):
    viz = scored(LogisticRegression(), multiclass)
    viz.plot()
    assert list(viz.lines_) == [0, 1, 2, 3, "micro", "macro"]
    for key, line in viz.lines_.items():
        assert_allclose(
            line.get_xydata(), np.column_stack([viz.fpr[key], viz.tpr[key]])
        )
    diagonal = viz.ax_.lines[-1]
    assert_allclose(diagonal.get_xydata(), [[0, 0], [1, 1]])
    assert len(viz.ax_.lines) == 7


def test_legend_labels_title_and_limits(multiclass):
    viz = scored(LogisticRegression(), multiclass)
    viz.plot()
    labels = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert labels[:4] == [
        f"ROC of class {k}, AUC = {viz.roc_auc[k]:0.2f}" for k in range(4)
    ]
    assert labels[4] == f"micro-average ROC curve, AUC = {viz.roc_auc['micro']:0.2f}"
    assert labels[5] == f"macro-average ROC curve, AUC = {viz.roc_auc['macro']:0.2f}"
    assert viz.ax_.get_title() == "ROC Curves for LogisticRegression"
    assert viz.ax_.get_xlim() == (0.0, 1.0) and viz.ax_.get_ylim() == (0.0, 1.0)
    assert viz.ax_.get_xlabel() == "False Positive Rate"


def test_per_class_false_draws_only_averages(multiclass):
    viz = scored(LogisticRegression(), multiclass, per_class=False)
    viz.plot()
    assert list(viz.lines_) == ["micro", "macro"]
    assert {0, 1, 2, 3} <= set(viz.fpr)  # computed for the macro average


# -- other ways in ---------------------------------------------------------------------


def test_from_predictions_binary_scores():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 2, 200)
    y_score = y_true + rng.normal(size=200)
    viz = ROCAUC.from_predictions(y_true, y_score, binary=True)
    assert viz.roc_auc["binary"] == pytest.approx(roc_auc_score(y_true, y_score))
    assert viz.score_ == pytest.approx(viz.roc_auc["binary"])
    assert viz.ax_.get_title() == "ROC Curves"


def test_from_predictions_decision_scores_warn_probabilities_do_not(cancer):
    X_train, X_test, y_train, y_test = cancer
    y = (y_test == "malignant").astype(int)
    svc = make_pipeline(StandardScaler(), LinearSVC()).fit(X_train, y_train)
    decision = svc.decision_function(X_test)  # scores "malignant", outside [0, 1]
    with pytest.warns(VizkitWarning, match="outside"):
        viz = ROCAUC.from_predictions(y, decision)
    assert set(viz.fpr) == {"binary"}
    assert_allclose(viz.fpr["binary"], roc_curve(y, decision)[0])
    assert viz.score_ == pytest.approx(roc_auc_score(y, decision))

    proba = scaled_logistic().fit(X_train, y_train).predict_proba(X_test)[:, 1]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        viz = ROCAUC.from_predictions(y, proba)
    two_columns = np.column_stack([1 - proba, proba])
    assert set(viz.fpr) == {0, 1, "micro", "macro"}
    assert_allclose(viz.fpr[0], roc_curve(1 - y, 1 - proba)[0])
    assert viz.roc_auc["micro"] == pytest.approx(
        roc_auc_score(np.column_stack([1 - y, y]), two_columns, average="micro")
    )
    assert viz.score_ == pytest.approx(roc_auc_score(y, proba))


def test_from_predictions_string_labels_need_pos_label(cancer):
    X_train, X_test, y_train, y_test = cancer
    proba = scaled_logistic().fit(X_train, y_train).predict_proba(X_test)[:, 1]
    with pytest.raises(VizkitValueError, match="pos_label"):
        ROCAUC.from_predictions(y_test, proba)
    with pytest.raises(ValueError, match="pos_label"):  # as scikit-learn
        roc_curve(y_test, proba)
    viz = ROCAUC.from_predictions(y_test, proba, pos_label="malignant", binary=True)
    fpr, tpr, _ = roc_curve(y_test, proba, pos_label="malignant")
    assert_allclose(viz.fpr["binary"], fpr)
    assert_allclose(viz.tpr["binary"], tpr)
    assert viz.score_ == pytest.approx(roc_auc_score(y_test == "malignant", proba))
    assert viz.score_ > 0.9
    # The same column read as the scores of "benign": the curve of benign.
    viz = ROCAUC.from_predictions(y_test, proba, pos_label="benign", binary=True)
    fpr, tpr, _ = roc_curve(y_test, proba, pos_label="benign")
    assert_allclose(viz.fpr["binary"], fpr)
    assert viz.score_ == pytest.approx(roc_auc_score(y_test == "benign", proba))
    assert viz.score_ < 0.1


def test_from_predictions_pos_label_of_a_probability_column():
    rng = np.random.default_rng(3)
    y_true = rng.integers(0, 2, 200)
    p0 = np.clip(0.7 - 0.4 * y_true + rng.normal(scale=0.2, size=200), 0, 1)
    viz = ROCAUC.from_predictions(y_true, p0, pos_label=0)  # P(class 0)
    assert viz.score_ == pytest.approx(roc_auc_score(y_true == 0, p0))
    assert_allclose(viz.fpr[0], roc_curve(y_true, p0, pos_label=0)[0])
    assert_allclose(viz.fpr[1], roc_curve(y_true, 1 - p0)[0])


@pytest.mark.parametrize("values", [(0, 1), (-1, 1), (False, True)])
def test_from_predictions_numeric_labels_default_to_the_larger(values):
    rng = np.random.default_rng(4)
    codes = rng.integers(0, 2, 200)
    y_true = np.array(values)[codes]
    y_score = codes + rng.normal(size=200)
    viz = ROCAUC.from_predictions(y_true, y_score, binary=True)
    assert viz.score_ == pytest.approx(roc_auc_score(y_true, y_score))
    assert_allclose(viz.tpr["binary"], roc_curve(y_true, y_score)[1])
    with pytest.raises(VizkitValueError, match="pos_label"):
        ROCAUC.from_predictions(codes + 1, y_score, binary=True)  # {1, 2}


def test_from_predictions_multiclass_scores():
    rng = np.random.default_rng(1)
    y_true = np.array(["a", "b", "c"])[rng.integers(0, 3, 300)]
    y_score = rng.dirichlet(np.ones(3), size=300)
    y_score[np.arange(300), np.searchsorted(["a", "b", "c"], y_true)] += 0.3
    viz = ROCAUC.from_predictions(y_true, y_score)
    onehot = label_binarize(y_true, classes=["a", "b", "c"])
    assert viz.roc_auc["micro"] == pytest.approx(
        roc_auc_score(onehot, y_score, average="micro")
    )
    assert_array_equal(viz.classes_, ["a", "b", "c"])
    with pytest.raises(VizkitValueError, match="y_score"):
        ROCAUC.from_predictions(y_true, y_score[:, :2])


def test_from_estimator(multiclass):
    X_train, X_test, y_train, y_test = multiclass
    model = LogisticRegression().fit(X_train, y_train)
    viz = ROCAUC.from_estimator(model, X_test, y_test, macro=False)
    proba = model.predict_proba(X_test)
    onehot = label_binarize(y_test, classes=model.classes_)
    assert viz.score_ == pytest.approx(roc_auc_score(onehot, proba, average="micro"))
    assert "macro" not in viz.lines_


def test_quick_method_takes_pos_label(cancer):
    X_train, X_test, y_train, y_test = cancer
    viz = roc_auc(
        scaled_logistic(), X_train, y_train, X_test, y_test, show=False,
        binary=True, pos_label="benign",
    )  # fmt: skip
    proba = viz.estimator.predict_proba(X_test)
    assert viz.pos_label == "benign"
    assert_allclose(
        viz.fpr["binary"], roc_curve(y_test, proba[:, 0], pos_label="benign")[0]
    )


def test_quick_method(multiclass):
    X_train, X_test, y_train, y_test = multiclass
    viz = roc_auc(
        LogisticRegression(), X_train, y_train, X_test, y_test, show=False,
        micro=False, title="Quick",
    )  # fmt: skip
    assert isinstance(viz, ROCAUC)
    assert viz.ax_.get_title() == "Quick"
    assert "micro" not in viz.fpr
    assert viz.score_ == pytest.approx(viz.roc_auc["macro"])


def test_yellowbrick_usage_runs(tmp_path):
    X_train, X_test, y_train, y_test = dataset(3, seed=2)
    viz = ROCAUC(LogisticRegression(), classes=["win", "loss", "draw"])
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    viz.show(outpath=tmp_path / "roc.png")
    assert (tmp_path / "roc.png").stat().st_size > 0
    assert plt.get_fignums() == []


# -- errors ---------------------------------------------------------------------------


def test_regressor_is_refused(multiclass):
    X_train, X_test, y_train, y_test = multiclass
    with pytest.raises(ModelError, match="estimator LinearRegression"):
        ROCAUC(LinearRegression()).fit(X_train, y_train)


def test_model_without_scores_is_refused(multiclass):
    X_train, X_test, y_train, y_test = multiclass
    with pytest.raises(ModelError, match="estimator PredictOnly"):
        ROCAUC(PredictOnly()).fit(X_train, y_train)
    prefit = PredictOnly().fit(X_train, y_train)
    with pytest.raises(ModelError, match="estimator PredictOnly"):
        ROCAUC(prefit).score(X_test, y_test)


def test_single_class_is_refused(multiclass):
    X_train, X_test, y_train, y_test = multiclass
    with pytest.raises(VizkitValueError, match=r"\by\b.*single class"):
        ROCAUC(LogisticRegression()).fit(X_train, np.ones_like(y_train))
    viz = ROCAUC(LogisticRegression()).fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match=r"\by\b.*single class"):
        viz.score(X_test[y_test == 0], y_test[y_test == 0])


def test_no_curve_requested_and_binary_on_multiclass(multiclass):
    X_train, X_test, y_train, y_test = multiclass
    viz = ROCAUC(LogisticRegression(), micro=False, macro=False, per_class=False)
    viz.fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="no curve"):
        viz.score(X_test, y_test)
    viz = ROCAUC(LogisticRegression(), binary=True).fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="binary=True"):
        viz.score(X_test, y_test)


def test_bad_options_and_unfitted_score(multiclass):
    X_train, X_test, y_train, y_test = multiclass
    with pytest.raises(VizkitValueError, match="micro"):
        ROCAUC(LogisticRegression(), micro="yes").fit(X_train, y_train)
    with pytest.raises(NotFitted):
        ROCAUC(LogisticRegression()).score(X_test, y_test)


def test_accuracy_score_without_averages(multiclass):
    X_train, X_test, y_train, y_test = multiclass
    viz = scored(LogisticRegression(), multiclass, micro=False, macro=False)
    expected = accuracy_score(y_test, viz.estimator.predict(X_test))
    assert viz.score_ == pytest.approx(expected)


# -- multilabel targets -----------------------------------------------------------


@pytest.fixture(scope="module")
def multilabel():
    X, Y = make_multilabel_classification(
        n_samples=300, n_features=6, n_classes=4, random_state=0
    )
    return train_test_split(X, Y, test_size=0.5, random_state=0)


def label_probabilities(model, X):
    """One column per label, from a (n, k) array or a list of (n, 2) arrays."""
    proba = model.predict_proba(X)
    if isinstance(proba, list):
        return np.column_stack([p[:, 1] for p in proba])
    return proba


@pytest.mark.parametrize(
    "model",
    [OneVsRestClassifier(LogisticRegression()), RandomForestClassifier(random_state=0)],
    ids=["one-vs-rest", "forest-list-proba"],
)
def test_multilabel_curves_equal_sklearn(multilabel, model):
    X_train, X_test, Y_train, Y_test = multilabel
    viz = scored(model, multilabel)
    proba = label_probabilities(viz.estimator, X_test)
    assert viz.target_type_ == "multilabel"
    for label in range(4):
        fpr, tpr, _ = roc_curve(Y_test[:, label], proba[:, label])
        assert_allclose(viz.fpr[label], fpr)
        assert_allclose(viz.tpr[label], tpr)
    assert viz.score_ == pytest.approx(roc_auc_score(Y_test, proba, average="micro"))
    per_label = roc_auc_score(Y_test, proba, average=None)
    assert_allclose([viz.roc_auc[label] for label in range(4)], per_label)
    assert_array_equal(viz.class_counts_, Y_train.sum(axis=0))


def test_multilabel_from_predictions_names_labels_by_columns(multilabel):
    X_train, X_test, Y_train, Y_test = multilabel
    model = OneVsRestClassifier(LogisticRegression()).fit(X_train, Y_train)
    frame = pd.DataFrame(Y_test, columns=["sports", "news", "arts", "tech"])
    viz = ROCAUC.from_predictions(frame, model.predict_proba(X_test), micro=False)
    assert_array_equal(viz.classes_, ["sports", "news", "arts", "tech"])
    labels = [line.get_label() for line in viz.ax_.get_lines()[:4]]
    assert labels[0].startswith("ROC of class sports")
    assert viz.score_ == pytest.approx(viz.roc_auc["macro"])


def test_multilabel_bad_input(multilabel):
    X_train, X_test, Y_train, Y_test = multilabel
    with pytest.raises(VizkitValueError, match="values other than 0 and 1"):
        ROCAUC(OneVsRestClassifier(LogisticRegression())).fit(X_train, Y_train * 2)
    model = OneVsRestClassifier(LogisticRegression()).fit(X_train, Y_train)
    with pytest.raises(VizkitValueError, match="pos_label=1 is for binary"):
        ROCAUC(model, pos_label=1).score(X_test, Y_test)
    with pytest.raises(VizkitValueError, match="3 columns but there are 4"):
        ROCAUC.from_predictions(Y_test, model.predict_proba(X_test)[:, :3])
