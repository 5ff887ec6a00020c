"""Tests of ClassificationScoreVisualizer: model checks, classes, labels, scores."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_array_equal
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import LabelEncoder, StandardScaler

from vizkit.base import quick_params
from vizkit.classifier import ClassificationScoreVisualizer, ConfusionMatrix
from vizkit.exceptions import ModelError, NotFitted, VizkitValueError, VizkitWarning


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        n_samples=240, n_features=5, n_informative=3, n_redundant=0,
        n_classes=3, n_clusters_per_class=1, random_state=7,
    )  # fmt: skip
    return X, y


def test_fit_finds_classes_and_counts_in_model_order(data):
    X, y = data
    viz = ClassificationScoreVisualizer(LogisticRegression()).fit(X, y)
    assert_array_equal(viz.classes_, [0, 1, 2])
    assert_array_equal(viz.class_counts_, np.bincount(y))
    assert_array_equal(viz.estimator.classes_, [0, 1, 2])  # fitted in place


def test_score_is_the_model_accuracy(data):
    X, y = data
    viz = ClassificationScoreVisualizer(LogisticRegression()).fit(X[:160], y[:160])
    score = viz.score(X[160:], y[160:])
    expected = accuracy_score(y[160:], viz.estimator.predict(X[160:]))
    assert score == pytest.approx(expected)
    assert viz.score_ == score


def test_string_labels_keep_the_model_order():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(90, 3))
    y = np.array(["pear", "apple", "fig"])[np.arange(90) % 3]
    X[:, 0] += np.arange(90) % 3
    viz = ClassificationScoreVisualizer(LogisticRegression()).fit(X, y)
    assert_array_equal(viz.classes_, viz.estimator.classes_)
    assert_array_equal(viz.classes_, ["apple", "fig", "pear"])
    assert_array_equal(viz.class_counts_, [30, 30, 30])


def test_classes_relabel_in_sorted_class_order():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(60, 2))
    y = 1 + np.arange(60) % 3  # values 1, 2, 3: names follow their sorted order
    viz = ClassificationScoreVisualizer(
        LogisticRegression(), classes=["one", "two", "three"]
    ).fit(X, y)
    assert_array_equal(viz.classes_, ["one", "two", "three"])


def test_encoder_dict_and_label_encoder(data):
    X, y = data
    encoder = {0: "zero", 1: "one", 2: "two"}
    viz = ClassificationScoreVisualizer(LogisticRegression(), encoder=encoder)
    assert_array_equal(viz.fit(X, y).classes_, ["zero", "one", "two"])

    names = np.array(["red", "green", "blue"])
    label_encoder = LabelEncoder().fit(names)
    y_coded = label_encoder.transform(names[y])
    viz = ClassificationScoreVisualizer(LogisticRegression(), encoder=label_encoder)
    assert_array_equal(viz.fit(X, y_coded).classes_, ["blue", "green", "red"])


def test_encoder_wins_over_classes_with_a_warning(data):
    X, y = data
    viz = ClassificationScoreVisualizer(
        LogisticRegression(), classes=["a", "b", "c"], encoder={0: "x", 1: "y", 2: "z"}
    )
    with pytest.warns(VizkitWarning, match="encoder"):
        viz.fit(X, y)
    assert_array_equal(viz.classes_, ["x", "y", "z"])


def test_bad_classes_and_encoder_name_the_argument(data):
    X, y = data
    with pytest.raises(VizkitValueError, match="classes has 2 names"):
        ClassificationScoreVisualizer(LogisticRegression(), classes=["a", "b"]).fit(
            X, y
        )
    with pytest.raises(VizkitValueError, match="encoder"):
        ClassificationScoreVisualizer(
            LogisticRegression(), encoder={0: "a", 1: "b"}
        ).fit(X, y)


def test_regressor_is_refused_in_fit_not_init(data):
    X, y = data
    viz = ClassificationScoreVisualizer(LinearRegression())  # no error here
    with pytest.raises(ModelError, match=r"estimator LinearRegression.*force_model"):
        viz.fit(X, y)


def test_force_model_skips_the_classifier_check(data):
    X, y = data
    viz = ClassificationScoreVisualizer(LinearRegression(), force_model=True)
    viz.fit(X, y)
    assert_array_equal(viz.classes_, [0, 1, 2])  # from y: the model has no classes_


def test_pipeline_counts_as_a_classifier(data):
    X, y = data
    model = make_pipeline(StandardScaler(), LogisticRegression())
    viz = ClassificationScoreVisualizer(model).fit(X, y)
    assert_array_equal(viz.classes_, [0, 1, 2])
    assert viz.name == "LogisticRegression"


def test_single_class_and_continuous_target_are_refused(data):
    X, y = data
    with pytest.raises(VizkitValueError, match=r"\by\b.*single class"):
        ClassificationScoreVisualizer(LogisticRegression()).fit(X, np.ones(len(y)))
    with pytest.raises(VizkitValueError, match=r"\by\b.*continuous"):
        ClassificationScoreVisualizer(LogisticRegression()).fit(X, X[:, 0])
    with pytest.raises(VizkitValueError, match=r"\by\b"):
        ClassificationScoreVisualizer(LogisticRegression()).fit(X)


def test_prefit_model_scored_without_fit(data):
    X, y = data
    model = LogisticRegression().fit(X, y)
    before = pickle.dumps(model)
    viz = ClassificationScoreVisualizer(model, classes=["a", "b", "c"])
    score = viz.score(X[:50], y[:50])
    assert score == pytest.approx(model.score(X[:50], y[:50]))
    assert_array_equal(viz.classes_, ["a", "b", "c"])
    assert_array_equal(viz.class_counts_, np.bincount(y[:50], minlength=3))
    assert pickle.dumps(model) == before


def test_prefit_model_is_not_refitted(data):
    X, y = data
    model = LogisticRegression().fit(X, y)
    coef = model.coef_.copy()
    ClassificationScoreVisualizer(model).fit(X[:30], y[:30])
    assert_array_equal(model.coef_, coef)


def test_score_with_an_unfitted_model_raises_not_fitted(data):
    X, y = data
    with pytest.raises(NotFitted):
        ClassificationScoreVisualizer(LogisticRegression()).score(X, y)
    viz = ClassificationScoreVisualizer(LogisticRegression(), is_fitted=True)
    with pytest.raises(NotFitted, match="is_fitted=True"):
        viz.fit(X, y)


def test_unknown_class_in_y_for_a_prefit_model(data):
    X, y = data
    model = LogisticRegression().fit(X, y)
    with pytest.raises(VizkitValueError, match="not fitted on"):
        ClassificationScoreVisualizer(model).fit(X, y + 5)


def test_pandas_input_is_accepted_and_not_modified(data):
    X, y = data
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    target = pd.Series(np.array(["a", "b", "c"])[y], name="label")
    frame_copy, target_copy = frame.copy(), target.copy()
    viz = ClassificationScoreVisualizer(LogisticRegression()).fit(frame, target)
    viz.score(frame, target)
    assert_array_equal(viz.classes_, ["a", "b", "c"])
    assert list(viz.estimator.feature_names_in_) == list(frame.columns)
    pd.testing.assert_frame_equal(frame, frame_copy)
    pd.testing.assert_series_equal(target, target_copy)


def test_class_colors_one_per_class(data):
    X, y = data
    viz = ClassificationScoreVisualizer(LogisticRegression())
    assert not hasattr(viz, "class_colors_")
    viz.fit(X, y)
    assert len(viz.class_colors_) == 3
    assert len(set(viz.class_colors_)) == 3


def test_bad_options_are_refused_in_fit(data):
    X, y = data
    with pytest.raises(VizkitValueError, match="is_fitted"):
        ClassificationScoreVisualizer(LogisticRegression(), is_fitted="maybe").fit(X, y)
    with pytest.raises(VizkitValueError, match="force_model"):
        ClassificationScoreVisualizer(LogisticRegression(), force_model="yes").fit(X, y)


def test_clone_keeps_parameters():
    viz = ClassificationScoreVisualizer(
        LogisticRegression(C=0.3), classes=("a", "b"), title="T", size=(300, 200)
    )
    cloned = clone(viz)
    assert cloned.classes == ("a", "b")
    assert cloned.estimator.C == 0.3
    assert cloned.title == "T" and cloned.size == (300, 200)


def test_show_after_fit_without_score_says_to_score(data):
    X, y = data
    viz = ConfusionMatrix(LogisticRegression()).fit(X, y)
    with pytest.raises(NotFitted, match="score"):
        viz.show()


def test_pickle_leaves_drawn_artists_out(data):
    X, y = data
    viz = ConfusionMatrix(LogisticRegression()).fit(X, y)
    viz.score(X, y)
    viz.plot()
    restored = pickle.loads(pickle.dumps(viz))
    assert not hasattr(restored, "image_")
    assert_array_equal(restored.confusion_matrix_, viz.confusion_matrix_)


def test_quick_params_warns_about_unknown_names():
    with pytest.warns(VizkitWarning, match="colour"):
        kept = quick_params(ConfusionMatrix, {"title": "T", "colour": "red"})
    assert kept == {"title": "T"}


def test_dataframe_with_categorical_columns_goes_to_the_model_as_is():
    from sklearn.compose import make_column_transformer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder

    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "colour": pd.Categorical(rng.choice(["red", "blue", "green"], 90)),
            "size": rng.normal(size=90),
        }
    )
    y = np.where(frame["colour"] == "red", "hot", "cold")
    before = frame.copy()
    model = make_pipeline(
        make_column_transformer((OneHotEncoder(), ["colour"]), remainder="passthrough"),
        LogisticRegression(),
    )
    viz = ConfusionMatrix(model).fit(frame, y)
    assert viz.score(frame, y) == 1.0
    assert_array_equal(viz.feature_names_in_, ["colour", "size"])
    assert viz.n_features_in_ == 2
    pd.testing.assert_frame_equal(frame, before)


def test_missing_y_and_a_single_class_are_refused_clearly(data):
    X, y = data
    with pytest.raises(
        VizkitValueError,
        match="ConfusionMatrix requires y to be passed, but the target y is None",
    ):
        ConfusionMatrix(LogisticRegression()).fit(X)
    with pytest.raises(VizkitValueError, match=r"single class \(1\).*one class"):
        ConfusionMatrix(LogisticRegression()).fit(X[:1], y[:1] * 0 + 1)
