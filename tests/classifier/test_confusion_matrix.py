"""Tests of ConfusionMatrix: numbers against scikit-learn, then the drawn artists."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_iris, make_classification
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.metrics import confusion_matrix as sk_confusion_matrix
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.preprocessing import LabelEncoder
from sklearn.svm import LinearSVC

from vizkit.classifier import ConfusionMatrix, confusion_matrix
from vizkit.classifier.confusion_matrix import (
    CMAP_MUTEDCOLOR,
    CMAP_OVERCOLOR,
    CMAP_UNDERCOLOR,
    percent_of_true,
)
from vizkit.exceptions import ModelError, NotFitted, VizkitValueError, VizkitWarning


@pytest.fixture(scope="module")
def split():
    X, y = make_classification(
        n_samples=400, n_features=6, n_informative=4, n_redundant=0,
        n_classes=4, n_clusters_per_class=1, random_state=3,
    )  # fmt: skip
    return train_test_split(X, y, test_size=0.4, random_state=0)


def scored(model, split, **params):
    X_train, X_test, y_train, y_test = split
    viz = ConfusionMatrix(model, **params)
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    return viz


# -- numbers -------------------------------------------------------------------------


def test_matrix_equals_sklearn_multiclass(split):
    X_train, X_test, y_train, y_test = split
    viz = scored(LogisticRegression(), split)
    y_pred = viz.estimator.predict(X_test)
    expected = sk_confusion_matrix(y_test, y_pred, labels=viz.estimator.classes_)
    assert_array_equal(viz.confusion_matrix_, expected)
    assert_array_equal(viz.class_counts_, np.bincount(y_test, minlength=4))
    assert viz.score_ == pytest.approx(accuracy_score(y_test, y_pred))
    assert_array_equal(viz.classes_, [0, 1, 2, 3])


def test_matrix_binary_with_decision_function_model():
    X, y = make_classification(n_samples=200, random_state=1)
    viz = ConfusionMatrix(LinearSVC()).fit(X, y)
    assert viz.score(X, y) == pytest.approx(viz.estimator.score(X, y))
    expected = sk_confusion_matrix(y, viz.estimator.predict(X), labels=[0, 1])
    assert_array_equal(viz.confusion_matrix_, expected)
    assert viz.confusion_matrix_.shape == (2, 2)


def test_string_labels_in_model_order():
    X, y = load_iris(return_X_y=True)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    viz = ConfusionMatrix(GaussianNB()).fit(X, names)
    viz.score(X, names)
    expected = sk_confusion_matrix(
        names, viz.estimator.predict(X), labels=viz.estimator.classes_
    )
    assert_array_equal(viz.confusion_matrix_, expected)
    assert_array_equal(viz.classes_, ["setosa", "versicolor", "virginica"])


def test_sample_weight_is_applied(split):
    X_train, X_test, y_train, y_test = split
    weight = np.linspace(0.5, 2.0, len(y_test))
    viz = scored(LogisticRegression(), split, sample_weight=weight)
    expected = sk_confusion_matrix(
        y_test, viz.estimator.predict(X_test), labels=[0, 1, 2, 3], sample_weight=weight
    )
    assert_allclose(viz.confusion_matrix_, expected)
    with pytest.raises(VizkitValueError, match="sample_weight"):
        viz.set_params(sample_weight=weight[:-3]).score(X_test, y_test)


def test_percent_is_row_normalised(split):
    viz = scored(LogisticRegression(), split, percent=True)
    cm = viz.confusion_matrix_
    expected = np.round(100 * cm / cm.sum(axis=1, keepdims=True))
    viz.plot()
    assert_allclose(viz.image_.get_array(), expected)
    assert viz.texts_[0][0].get_text() == f"{expected[0, 0]:.0f}%"
    assert_array_equal(viz.confusion_matrix_, cm)  # counts are kept


def test_percent_of_true_empty_rows_stay_zero():
    matrix = np.array([[3, 1], [0, 0]])
    assert_allclose(percent_of_true(matrix), [[75, 25], [0, 0]])


def test_class_counts_and_matrix_leave_out_unknown_classes():
    y_true = np.array([2, 2, 5, 9, 9, 9])
    y_pred = np.array([2, 9, 2, 9, 9, 7])
    viz = ConfusionMatrix(None, classes=None)
    with pytest.warns(VizkitWarning, match=r"classes \[5\]"):
        viz._store_results(y_true, y_pred, np.array([9, 2, 7]))
    assert_array_equal(viz.class_counts_, [3, 2, 0])
    expected = sk_confusion_matrix(y_true, y_pred, labels=[9, 2, 7])
    assert_array_equal(viz.confusion_matrix_, expected)
    assert viz.confusion_matrix_.dtype == expected.dtype
    assert viz.score_ == pytest.approx(accuracy_score(y_true, y_pred))


@pytest.mark.parametrize("weight", [np.arange(1, 9), np.linspace(0.1, 3, 8)])
def test_confusion_counts_equal_sklearn_with_weights(weight):
    rng = np.random.default_rng(0)
    y_true, y_pred = rng.integers(0, 3, 8), rng.integers(0, 3, 8)
    viz = ConfusionMatrix(None, sample_weight=weight)
    viz._store_results(y_true, y_pred, np.arange(3))
    expected = sk_confusion_matrix(y_true, y_pred, sample_weight=weight)
    assert_allclose(viz.confusion_matrix_, expected)
    assert viz.confusion_matrix_.dtype == expected.dtype
    assert viz.score_ == pytest.approx(
        accuracy_score(y_true, y_pred, sample_weight=weight)
    )


def test_pandas_input(split):
    X_train, X_test, y_train, y_test = split
    columns = [f"x{i}" for i in range(X_train.shape[1])]
    frame_train = pd.DataFrame(X_train, columns=columns)
    frame_test = pd.DataFrame(X_test, columns=columns)
    viz = ConfusionMatrix(LogisticRegression()).fit(frame_train, pd.Series(y_train))
    viz.score(frame_test, pd.Series(y_test))
    model = LogisticRegression().fit(X_train, y_train)
    expected = sk_confusion_matrix(y_test, model.predict(X_test))
    assert_array_equal(viz.confusion_matrix_, expected)


def test_classes_and_encoder_relabel_ticks(split):
    viz = scored(LogisticRegression(), split, classes=["a", "b", "c", "d"])
    viz.plot()
    assert [t.get_text() for t in viz.ax_.get_xticklabels()] == ["a", "b", "c", "d"]

    X_train, X_test, y_train, y_test = split
    encoder = LabelEncoder().fit(["w", "x", "y", "z"])
    viz = scored(LogisticRegression(), split, encoder=encoder)
    assert_array_equal(viz.classes_, ["w", "x", "y", "z"])


def test_unknown_test_class_warns_and_is_left_out(split):
    X_train, X_test, y_train, y_test = split
    y_other = y_test.copy()
    y_other[:5] = 9
    viz = ConfusionMatrix(LogisticRegression()).fit(X_train, y_train)
    with pytest.warns(VizkitWarning, match="9"):
        viz.score(X_test, y_other)
    assert viz.confusion_matrix_.sum() == len(y_test) - 5


# -- drawing ---------------------------------------------------------------------


def test_one_mesh_whose_array_is_the_matrix(split):
    viz = scored(LogisticRegression(), split)
    viz.plot()
    assert len(viz.ax_.collections) == 1
    assert_array_equal(viz.image_.get_array(), viz.confusion_matrix_)
    assert viz.ax_.get_ylim() == (4.0, 0.0)  # first class on top


def test_cell_texts_and_colours(split):
    viz = scored(LogisticRegression(), split)
    viz.plot()
    cm = viz.confusion_matrix_
    for row in range(4):
        for col in range(4):
            text = viz.texts_[row][col]
            assert text.get_text() == str(cm[row, col])
            assert text.get_position() == (col + 0.5, row + 0.5)
            if cm[row, col] == 0:
                assert to_rgba(text.get_color()) == to_rgba(CMAP_MUTEDCOLOR)


def test_zero_cells_white_and_perfect_rows_green():
    y_true = np.array([0, 0, 1, 1, 2, 2, 2])
    y_pred = np.array([0, 0, 1, 2, 2, 2, 2])
    viz = ConfusionMatrix.from_predictions(y_true, y_pred, percent=True)
    facecolors = viz.image_.to_rgba(viz.image_.get_array())
    assert_allclose(facecolors[0, 1], to_rgba(CMAP_UNDERCOLOR))  # a zero cell
    assert_allclose(facecolors[0, 0], to_rgba(CMAP_OVERCOLOR))  # 100% of class 0
    assert viz.texts_[1][2].get_text() == "50%"


def test_ticks_labels_and_title(split):
    viz = scored(LogisticRegression(), split, classes=["a", "b", "c", "d"])
    viz.plot()
    ax = viz.ax_
    assert_allclose(ax.get_xticks(), [0.5, 1.5, 2.5, 3.5])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c", "d"]
    assert ax.get_xlabel() == "Predicted Class"
    assert ax.get_ylabel() == "True Class"
    expected = f"LogisticRegression Confusion Matrix (accuracy {viz.score_:.3f})"
    assert ax.get_title() == expected


def rotations(labels) -> set[float]:
    return {t.get_rotation() for t in labels}


def test_short_class_names_stay_horizontal_on_both_axes(split):
    viz = scored(LogisticRegression(), split, classes=["a", "b", "c", "d"])
    viz.plot()
    assert rotations(viz.ax_.get_xticklabels()) == {0}
    assert rotations(viz.ax_.get_yticklabels()) == {0}


def test_long_class_names_turn_vertical_on_x_only(split):
    names = [f"a rather long name for class {k}" for k in range(4)]
    viz = scored(LogisticRegression(), split, classes=names)
    viz.plot()
    assert [t.get_text() for t in viz.ax_.get_xticklabels()] == names
    assert rotations(viz.ax_.get_xticklabels()) == {90}
    assert rotations(viz.ax_.get_yticklabels()) == {0}


def test_many_classes_show_every_kth_name_at_cell_centres():
    y = np.arange(60)
    viz = ConfusionMatrix.from_predictions(y, y)
    ax = viz.ax_
    for ticks, labels in (
        (ax.get_xticks(), ax.get_xticklabels()),
        (ax.get_yticks(), ax.get_yticklabels()),
    ):
        shown = [t.get_text() for t in labels]
        assert 1 < len(shown) <= 40
        step = int(shown[1]) - int(shown[0])
        assert shown == [str(k) for k in range(0, 60, step)]
        assert_allclose(ticks, np.arange(0, 60, step) + 0.5)


def test_fontsize_applies_to_cells_and_ticks(split):
    viz = scored(LogisticRegression(), split, fontsize=7)
    viz.plot()
    assert viz.texts_[0][0].get_fontsize() == 7
    assert viz.ax_.get_xticklabels()[0].get_fontsize() == 7


def test_cmap_colormap_object_and_unknown_name(split):
    X_train, X_test, y_train, y_test = split
    viz = scored(LogisticRegression(), split, cmap=mpl.colormaps["Blues"])
    viz.plot()
    assert viz.image_.get_cmap().name.startswith("Blues")
    with pytest.raises(VizkitValueError, match="cmap"):
        ConfusionMatrix(LogisticRegression(), cmap="nope").fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="cmap"):
        viz.set_params(cmap="nope").score(X_test, y_test)


def test_draw_on_the_given_axes(split):
    fig, ax = plt.subplots()
    viz = scored(LogisticRegression(), split, ax=ax)
    assert viz.show() is ax
    assert viz.fig_ is fig


# -- other ways in ---------------------------------------------------------------------


def test_from_predictions_without_a_model():
    y_true = np.array(["cat", "dog", "dog", "bird", "cat", "dog"])
    y_pred = np.array(["cat", "dog", "cat", "bird", "bird", "dog"])
    viz = ConfusionMatrix.from_predictions(y_true, y_pred)
    assert_array_equal(viz.confusion_matrix_, sk_confusion_matrix(y_true, y_pred))
    assert_array_equal(viz.classes_, ["bird", "cat", "dog"])
    assert_array_equal(viz.class_counts_, [1, 2, 3])
    assert viz.score_ == pytest.approx(accuracy_score(y_true, y_pred))
    assert viz.ax_.get_title() == f"Confusion Matrix (accuracy {viz.score_:.3f})"


def test_from_estimator(split):
    X_train, X_test, y_train, y_test = split
    model = LogisticRegression().fit(X_train, y_train)
    viz = ConfusionMatrix.from_estimator(model, X_test, y_test, percent=True)
    assert_array_equal(
        viz.confusion_matrix_, sk_confusion_matrix(y_test, model.predict(X_test))
    )
    assert viz.percent is True and viz.ax_ is not None
    with pytest.raises(NotFitted):
        ConfusionMatrix.from_estimator(LogisticRegression(), X_test, y_test)


def test_quick_method(split):
    X_train, X_test, y_train, y_test = split
    viz = confusion_matrix(
        LogisticRegression(), X_train, y_train, X_test, y_test, show=False,
        title="Quick", size=(400, 300),
    )  # fmt: skip
    assert isinstance(viz, ConfusionMatrix)
    assert viz.ax_.get_title() == "Quick"
    expected = sk_confusion_matrix(y_test, viz.estimator.predict(X_test))
    assert_array_equal(viz.confusion_matrix_, expected)
    train_only = confusion_matrix(GaussianNB(), X_train, y_train, show=False)
    assert train_only.confusion_matrix_.sum() == len(y_train)
    assert (
        "X_train" in confusion_matrix.__doc__ and "percent" in confusion_matrix.__doc__
    )


def test_yellowbrick_usage_runs(split, tmp_path):
    X_train, X_test, y_train, y_test = split
    viz = ConfusionMatrix(LogisticRegression(), classes=["w", "x", "y", "z"])
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    viz.show(outpath=tmp_path / "cm.png")
    assert (tmp_path / "cm.png").stat().st_size > 0


# -- errors ---------------------------------------------------------------------------


def test_regressor_is_refused(split):
    X_train, X_test, y_train, y_test = split
    with pytest.raises(ModelError, match="estimator LinearRegression"):
        ConfusionMatrix(LinearRegression()).fit(X_train, y_train)


def test_single_class_and_bad_percent(split):
    X_train, X_test, y_train, y_test = split
    with pytest.raises(VizkitValueError, match=r"\by\b"):
        ConfusionMatrix(LogisticRegression()).fit(X_train, np.zeros_like(y_train))
    with pytest.raises(VizkitValueError, match="percent"):
        ConfusionMatrix(LogisticRegression(), percent="yes").fit(X_train, y_train)
