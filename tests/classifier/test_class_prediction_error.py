"""Tests of ClassPredictionError: counts against scikit-learn, then the drawn bars."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_iris, make_classification
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline

from vizkit.classifier import ClassPredictionError, class_prediction_error
from vizkit.classifier.class_prediction_error import percent_of_row
from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.style import class_colors


def dataset(n_classes, seed=0):
    X, y = make_classification(
        n_samples=300, n_features=6, n_informative=4, n_redundant=0,
        n_classes=n_classes, n_clusters_per_class=1, flip_y=0.05, random_state=seed,
    )  # fmt: skip
    return train_test_split(X, y, test_size=0.5, random_state=seed)


@pytest.fixture(scope="module")
def five():
    return dataset(5)


def scored(model, split, **params):
    X_train, X_test, y_train, y_test = split
    viz = ClassPredictionError(model, **params)
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    return viz


def heights(viz) -> np.ndarray:
    """Drawn segment heights: rows true classes, columns predicted classes."""
    return np.array([[bar.get_height() for bar in c] for c in viz.bars_]).T


# -- numbers -------------------------------------------------------------------------


@pytest.mark.parametrize("n_classes", [2, 5])
def test_counts_equal_sklearn_confusion_matrix(n_classes):
    split = dataset(n_classes, seed=n_classes)
    X_train, X_test, y_train, y_test = split
    viz = scored(LogisticRegression(), split)
    y_pred = viz.estimator.predict(X_test)
    expected = confusion_matrix(y_test, y_pred, labels=viz.estimator.classes_)
    assert_array_equal(viz.predictions_, expected)
    assert_array_equal(viz.class_counts_, np.bincount(y_test, minlength=n_classes))
    assert viz.score_ == pytest.approx(accuracy_score(y_test, y_pred))
    assert viz.predictions_.shape == (n_classes, n_classes)


def test_percent_of_row():
    assert_allclose(percent_of_row(np.array([[1, 3], [0, 0]])), [[25, 75], [0, 0]])


def test_string_labels_in_model_order():
    X, y = load_iris(return_X_y=True)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    viz = ClassPredictionError(GaussianNB()).fit(X, names)
    viz.score(X, names)
    expected = confusion_matrix(names, viz.estimator.predict(X))
    assert_array_equal(viz.predictions_, expected)
    assert_array_equal(viz.classes_, ["setosa", "versicolor", "virginica"])


def test_text_pipeline_on_raw_documents():
    docs = ["good fine great", "bad awful poor", "great good", "poor bad", "meh so so"]
    labels = np.array(["pos", "neg", "pos", "neg", "mid"])
    docs, labels = docs * 8, np.tile(labels, 8)
    model = make_pipeline(TfidfVectorizer(), LogisticRegression())
    viz = ClassPredictionError(model).fit(docs, labels)
    viz.score(docs, labels)
    expected = confusion_matrix(labels, model.predict(docs), labels=model.classes_)
    assert_array_equal(viz.predictions_, expected)
    assert_array_equal(viz.classes_, ["mid", "neg", "pos"])


def test_pandas_input_is_not_mutated(five):
    X_train, X_test, y_train, y_test = five
    frame = pd.DataFrame(X_train, columns=[f"x{i}" for i in range(6)])
    target = pd.Series(y_train, name="target")
    frame_copy, target_copy = frame.copy(), target.copy()
    viz = ClassPredictionError(LogisticRegression()).fit(frame, target)
    viz.score(frame, target)
    pd.testing.assert_frame_equal(frame, frame_copy)
    pd.testing.assert_series_equal(target, target_copy)
    expected = confusion_matrix(y_train, viz.estimator.predict(frame))
    assert_array_equal(viz.predictions_, expected)


def test_y_is_not_mutated(five):
    X_train, X_test, y_train, y_test = five
    before = y_test.copy()
    scored(LogisticRegression(), five)
    assert_array_equal(y_test, before)


def test_predicted_class_absent_from_y_has_an_empty_bar(five):
    X_train, X_test, y_train, y_test = five
    keep = y_test != 4
    viz = ClassPredictionError(LogisticRegression()).fit(X_train, y_train)
    viz.score(X_test[keep], y_test[keep])
    y_pred = viz.estimator.predict(X_test[keep])
    assert (y_pred == 4).any()  # the model does predict the absent class
    expected = confusion_matrix(y_test[keep], y_pred, labels=[0, 1, 2, 3, 4])
    assert_array_equal(viz.predictions_, expected)
    viz.plot()
    assert_array_equal(heights(viz)[4], 0)  # no samples of class 4
    assert heights(viz)[:, 4].sum() == (y_pred == 4).sum()


def test_from_predictions_without_a_model():
    y_true = np.array(["cat", "dog", "dog", "cat", "cat", "dog"])
    y_pred = np.array(["cat", "dog", "bird", "bird", "cat", "dog"])
    viz = ClassPredictionError.from_predictions(y_true, y_pred)
    assert_array_equal(viz.classes_, ["bird", "cat", "dog"])
    assert_array_equal(viz.predictions_, confusion_matrix(y_true, y_pred))
    assert viz.score_ == pytest.approx(accuracy_score(y_true, y_pred))
    assert viz.ax_.get_title() == f"Class Prediction Error\naccuracy {viz.score_:.3f}"


def test_from_estimator(five):
    X_train, X_test, y_train, y_test = five
    model = LogisticRegression().fit(X_train, y_train)
    viz = ClassPredictionError.from_estimator(model, X_test, y_test)
    assert_array_equal(
        viz.predictions_, confusion_matrix(y_test, model.predict(X_test))
    )


# -- drawing ---------------------------------------------------------------------


def test_bar_heights_bottoms_and_colours(five):
    viz = scored(LogisticRegression(), five)
    viz.plot()
    assert len(viz.bars_) == 5 and all(len(c) == 5 for c in viz.bars_)
    assert_array_equal(heights(viz), viz.predictions_)
    bottoms = np.array([[bar.get_y() for bar in c] for c in viz.bars_]).T
    assert_array_equal(bottoms[:, 0], 0)
    assert_array_equal(bottoms[:, 1:], np.cumsum(viz.predictions_, axis=1)[:, :-1])
    for container, color in zip(viz.bars_, class_colors(5)):
        assert to_rgba(container[0].get_facecolor()) == to_rgba(color)
    tops = bottoms[:, -1] + heights(viz)[:, -1]
    assert_array_equal(tops, viz.class_counts_)


def test_legend_ticks_and_title(five):
    viz = scored(LogisticRegression(), five, classes=list("abcde"))
    viz.plot()
    assert [t.get_text() for t in viz.legend_.get_texts()] == list("abcde")
    assert viz.legend_.get_title().get_text() == "Predicted Class"
    assert [t.get_text() for t in viz.ax_.get_xticklabels()] == list("abcde")
    assert_allclose(viz.ax_.get_xticks(), np.arange(5))
    assert viz.ax_.get_title() == (
        f"Class Prediction Error for LogisticRegression\naccuracy {viz.score_:.3f}"
    )
    assert viz.ax_.get_xlabel() == "True Class"


def test_percent_draws_every_bar_to_100(five):
    viz = scored(LogisticRegression(), five, percent=True)
    viz.plot()
    drawn = heights(viz)
    assert_allclose(drawn.sum(axis=1), 100)
    counts = viz.predictions_
    assert_allclose(drawn, 100 * counts / counts.sum(axis=1, keepdims=True))
    assert viz.ax_.get_ylim() == (0, 100)


def test_user_title_replaces_the_default(five):
    viz = scored(LogisticRegression(), five, title="Mine")
    viz.plot()
    assert viz.ax_.get_title() == "Mine"


def test_quick_method(five):
    X_train, X_test, y_train, y_test = five
    viz = class_prediction_error(
        LogisticRegression(), X_train, y_train, X_test, y_test, show=False
    )
    assert isinstance(viz, ClassPredictionError)
    expected = confusion_matrix(y_test, viz.estimator.predict(X_test))
    assert_array_equal(viz.predictions_, expected)
    assert "percent" in class_prediction_error.__doc__


# -- errors ---------------------------------------------------------------------------


def test_class_unknown_to_the_model_is_one_clear_error(five):
    X_train, X_test, y_train, y_test = five
    y_other = y_test.copy()
    y_other[:3] = 9
    viz = ClassPredictionError(LogisticRegression()).fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="class 9 that the model was not"):
        viz.score(X_test, y_other)


def test_regressor_single_class_and_classes_length(five):
    X_train, X_test, y_train, y_test = five
    with pytest.raises(ModelError, match="estimator LinearRegression"):
        ClassPredictionError(LinearRegression()).fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="single class"):
        ClassPredictionError(LogisticRegression()).fit(X_train, np.ones_like(y_train))
    with pytest.raises(VizkitValueError, match="classes has 2 names"):
        ClassPredictionError(LogisticRegression(), classes=["a", "b"]).fit(
            X_train, y_train
        )


def test_forced_regressor_predicting_other_values_is_refused(five):
    X_train, X_test, y_train, y_test = five
    viz = ClassPredictionError(LinearRegression(), force_model=True)
    viz.fit(X_train, y_train)
    with pytest.raises(ModelError, match="not one of its classes"):
        viz.score(X_test, y_test)


def test_yellowbrick_documented_usage_runs(five, tmp_path):
    X_train, X_test, y_train, y_test = five
    classes = ["v", "w", "x", "y", "z"]
    viz = ClassPredictionError(GaussianNB(), classes=classes)
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    viz.show(outpath=tmp_path / "cpe.png")
    assert (tmp_path / "cpe.png").stat().st_size > 0
    quick = class_prediction_error(
        GaussianNB(), X_train, y_train, X_test, y_test, classes=classes, show=False
    )
    assert_array_equal(quick.predictions_, viz.predictions_)
