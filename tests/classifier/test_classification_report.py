"""Tests of ClassificationReport: scores against scikit-learn, then the drawn table."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import (
    load_iris,
    make_classification,
    make_multilabel_classification,
)
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score, precision_recall_fscore_support
from sklearn.metrics import classification_report as sk_classification_report
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline

from vizkit.classifier import ClassificationReport, classification_report
from vizkit.classifier.classification_report import (
    SUPPORT_COLOR,
    UNDEFINED_COLOR,
    average_scores,
    per_class_scores,
)
from vizkit.classifier.confusion_matrix import CMAP_OVERCOLOR
from vizkit.exceptions import ModelError, VizkitValueError

METRICS = ["precision", "recall", "f1"]


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
    viz = ClassificationReport(model, **params)
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    return viz


def assert_scores_equal_sklearn(viz, y_true, y_pred, labels, **kwargs):
    """``scores_``, ``averages_`` and ``score_`` against scikit-learn's functions."""
    expected = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, average=None, **kwargs
    )
    for metric, values in zip(METRICS, expected):
        assert_allclose(list(viz.scores_[metric].values()), values, err_msg=metric)
    report = sk_classification_report(
        y_true, y_pred, labels=labels, output_dict=True, **kwargs
    )
    for average in ("macro avg", "weighted avg"):
        for metric, key in zip(METRICS, ["precision", "recall", "f1-score"]):
            assert viz.averages_[average][metric] == pytest.approx(
                report[average][key], nan_ok=True
            ), (average, metric)
    weight = kwargs.get("sample_weight")
    assert viz.score_ == pytest.approx(
        accuracy_score(y_true, y_pred, sample_weight=weight)
    )


def cell_texts(viz) -> list[list[str]]:
    return [[text.get_text() for text in row] for row in viz.texts_]


# -- numbers -------------------------------------------------------------------------


@pytest.mark.parametrize("n_classes", [2, 5])
def test_scores_equal_sklearn(n_classes):
    split = dataset(n_classes, seed=n_classes)
    X_train, X_test, y_train, y_test = split
    viz = scored(LogisticRegression(), split, support=True)
    y_pred = viz.estimator.predict(X_test)
    assert_scores_equal_sklearn(viz, y_test, y_pred, viz.estimator.classes_)
    assert list(viz.scores_) == [*METRICS, "support"]
    assert list(viz.scores_["f1"]) == list(range(n_classes))  # model order
    counts = np.bincount(y_test, minlength=n_classes)
    assert_array_equal(viz.support_score_, counts)
    assert_allclose(list(viz.scores_["support"].values()), counts / len(y_test))
    assert_array_equal(viz.class_counts_, counts)


def test_without_support_there_is_no_support_entry(five):
    viz = scored(LogisticRegression(), five)
    assert list(viz.scores_) == METRICS
    assert not hasattr(viz, "support_score_")
    viz.set_params(support="count").score(*five[1::2])
    assert "support" in viz.scores_ and hasattr(viz, "support_score_")
    viz.set_params(support=False).score(*five[1::2])
    assert not hasattr(viz, "support_score_")


def test_string_labels_key_the_scores():
    X, y = load_iris(return_X_y=True)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    viz = ClassificationReport(GaussianNB()).fit(X, names)
    viz.score(X, names)
    assert list(viz.scores_["recall"]) == ["setosa", "versicolor", "virginica"]
    assert_scores_equal_sklearn(viz, names, viz.estimator.predict(X), viz.classes_)


def test_text_pipeline_on_raw_documents():
    docs = ["good fine great", "bad awful poor", "great good", "poor bad", "meh so so"]
    labels = np.array(["pos", "neg", "pos", "neg", "mid"])
    docs, labels = docs * 8, np.tile(labels, 8)
    model = make_pipeline(TfidfVectorizer(), LogisticRegression())
    viz = ClassificationReport(model).fit(docs[:30], labels[:30])
    viz.score(docs[30:], labels[30:])
    predicted = model.predict(docs[30:])
    assert_scores_equal_sklearn(viz, labels[30:], predicted, model.classes_)
    assert list(viz.scores_["precision"]) == ["mid", "neg", "pos"]


def test_sample_weight_is_applied(five):
    X_train, X_test, y_train, y_test = five
    weight = np.linspace(0.5, 2.0, len(y_test))
    viz = scored(LogisticRegression(), five, sample_weight=weight, support="count")
    y_pred = viz.estimator.predict(X_test)
    assert_scores_equal_sklearn(viz, y_test, y_pred, range(5), sample_weight=weight)
    expected = [weight[y_test == k].sum() for k in range(5)]
    assert_allclose(viz.support_score_, expected)
    assert_allclose(sum(viz.scores_["support"].values()), 1.0)
    with pytest.raises(VizkitValueError, match="sample_weight"):
        viz.set_params(sample_weight=weight[:-3]).score(X_test, y_test)


def test_pandas_input_and_no_mutation(five):
    X_train, X_test, y_train, y_test = five
    frame = pd.DataFrame(X_test, columns=[f"x{i}" for i in range(6)])
    target = pd.Series(y_test, name="target")
    frame_copy, target_copy, y_copy = frame.copy(), target.copy(), y_train.copy()
    viz = ClassificationReport(LogisticRegression()).fit(
        pd.DataFrame(X_train, columns=frame.columns), y_train
    )
    viz.score(frame, target)
    pd.testing.assert_frame_equal(frame, frame_copy)
    pd.testing.assert_series_equal(target, target_copy)
    assert_array_equal(y_train, y_copy)
    assert_scores_equal_sklearn(viz, y_test, viz.estimator.predict(frame), range(5))


def test_classes_relabel_keys_and_ticks(five):
    viz = scored(LogisticRegression(), five, classes=list("abcde"))
    assert list(viz.scores_["f1"]) == list("abcde")
    viz.plot()
    assert [t.get_text() for t in viz.ax_.get_yticklabels()] == list("abcde")
    with pytest.raises(VizkitValueError, match="classes has 3 names"):
        scored(LogisticRegression(), five, classes=list("abc"))


def test_pure_helpers_match_classification_report():
    rng = np.random.default_rng(1)
    y_true, y_pred = rng.integers(0, 4, 200), rng.integers(0, 4, 200)
    y_pred[y_pred == 3] = 2  # class 3 is never predicted: its precision is undefined
    table = per_class_scores(y_true, y_pred, range(4), zero_division=np.nan)
    averages = average_scores(table)
    report = sk_classification_report(
        y_true, y_pred, output_dict=True, zero_division=np.nan
    )
    assert np.isnan(table[3, 0])
    assert averages["macro avg"]["precision"] == pytest.approx(
        report["macro avg"]["precision"]
    )
    assert averages["weighted avg"]["f1"] == pytest.approx(
        report["weighted avg"]["f1-score"]
    )


def test_undefined_scores_warn_once_per_metric(five):
    X_train, X_test, y_train, y_test = five
    model = LogisticRegression().fit(X_train, y_train)
    keep = y_test != 4  # class 4 has no true samples: its recall is undefined
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        viz = ClassificationReport(model).fit(X_train, y_train)
        viz.score(X_test[keep], y_test[keep])
        viz.show()
    messages = [str(w.message) for w in caught if w.category is UndefinedMetricWarning]
    assert len(messages) == len(set(messages)) == 1
    assert messages[0].startswith("Recall is ill-defined")
    assert viz.scores_["recall"][4] == 0.0
    y_pred = model.predict(X_test[keep])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        assert_scores_equal_sklearn(viz, y_test[keep], y_pred, range(5))


def test_zero_division_nan_greys_the_cell_and_is_left_out(five):
    X_train, X_test, y_train, y_test = five
    keep = y_test != 4
    viz = ClassificationReport(LogisticRegression(), zero_division=np.nan)
    viz.fit(X_train, y_train)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UndefinedMetricWarning)  # no warning
        viz.score(X_test[keep], y_test[keep])
    y_pred = viz.estimator.predict(X_test[keep])
    assert np.isnan(viz.scores_["recall"][4])
    assert_scores_equal_sklearn(
        viz, y_test[keep], y_pred, range(5), zero_division=np.nan
    )
    viz.plot()
    assert viz.texts_[4][1].get_text() == "n/a"
    facecolors = viz.image_.to_rgba(viz.image_.get_array())
    assert_allclose(facecolors[4, 1], to_rgba(UNDEFINED_COLOR))
    one = ClassificationReport(LogisticRegression(), zero_division=1).fit(
        X_train, y_train
    )
    one.score(X_test[keep], y_test[keep])
    assert one.scores_["recall"][4] == 1.0


def test_multilabel_rows_are_labels():
    X, Y = make_multilabel_classification(
        n_samples=200, n_features=6, n_classes=4, random_state=0
    )
    Y = pd.DataFrame(Y, columns=["w", "x", "y", "z"])
    model = KNeighborsClassifier()
    viz = ClassificationReport(model, support=True).fit(X[:120], Y[:120])
    viz.score(X[120:], Y[120:])
    Y_pred = model.predict(X[120:])
    with warnings.catch_warnings():  # the reference's "samples avg" warns
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        assert_scores_equal_sklearn(viz, Y[120:].to_numpy(), Y_pred, range(4))
    assert list(viz.scores_["f1"]) == ["w", "x", "y", "z"]
    assert_array_equal(viz.support_score_, Y[120:].sum(axis=0))
    shares = Y[120:].mean(axis=0)  # the share of samples that have each label
    assert_allclose(list(viz.scores_["support"].values()), shares)
    viz.plot()
    assert viz.ax_.get_xlabel().startswith(f"subset accuracy {viz.score_:.3f}")


def test_from_predictions_without_a_model():
    y_true = np.array(["cat", "dog", "dog", "cat", "cat", "dog"])
    y_pred = np.array(["cat", "dog", "bird", "bird", "cat", "dog"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        viz = ClassificationReport.from_predictions(y_true, y_pred, support="count")
        assert_scores_equal_sklearn(viz, y_true, y_pred, ["bird", "cat", "dog"])
    assert list(viz.scores_["f1"]) == ["bird", "cat", "dog"]
    assert viz.ax_.get_title() == "Classification Report"
    assert [row[3] for row in cell_texts(viz)] == ["0", "3", "3"]


def test_from_predictions_multilabel():
    Y_true = np.array([[1, 0, 1], [0, 1, 1], [1, 1, 0], [0, 0, 1]])
    Y_pred = np.array([[1, 0, 0], [0, 1, 1], [1, 0, 0], [0, 1, 1]])
    viz = ClassificationReport.from_predictions(Y_true, Y_pred)
    assert_scores_equal_sklearn(viz, Y_true, Y_pred, range(3))
    with pytest.raises(VizkitValueError, match="y_pred has 2 label columns"):
        ClassificationReport.from_predictions(Y_true, Y_pred[:, :2])


# -- drawing ---------------------------------------------------------------------


def test_cell_texts_are_the_formatted_scores(five):
    viz = scored(LogisticRegression(), five, support=True)
    viz.plot()
    texts = cell_texts(viz)
    for row, label in enumerate(viz.classes_):
        expected = [f"{viz.scores_[m][label]:.3f}" for m in METRICS]
        expected.append(f"{viz.scores_['support'][label]:.1%}")
        assert texts[row] == expected
        assert viz.texts_[row][0].get_position() == (0.5, row + 0.5)
    scores = np.array([[viz.scores_[m][k] for m in METRICS] for k in viz.classes_])
    assert_allclose(viz.image_.get_array(), scores)


def test_support_count_texts_and_grey_support_cells(five):
    viz = scored(LogisticRegression(), five, support="count")
    viz.plot()
    assert [row[3] for row in cell_texts(viz)] == [str(c) for c in viz.support_score_]
    support_cells = viz.ax_.collections[1]
    facecolors = support_cells.to_rgba(support_cells.get_array())
    assert_allclose(facecolors[:, 0], [to_rgba(SUPPORT_COLOR)] * 5)
    assert [t.get_text() for t in viz.ax_.get_xticklabels()] == [*METRICS, "support"]


def test_perfect_scores_are_green_and_first_class_on_top():
    y = np.array([0, 0, 1, 1, 2, 2, 2])
    y_pred = np.array([0, 0, 1, 2, 2, 2, 2])
    viz = ClassificationReport.from_predictions(y, y_pred)
    facecolors = viz.image_.to_rgba(viz.image_.get_array())
    assert_allclose(facecolors[0, 0], to_rgba(CMAP_OVERCOLOR))  # precision 1 of 0
    assert not np.allclose(facecolors[2, 0], to_rgba(CMAP_OVERCOLOR))  # 0.75
    assert viz.texts_[2][0].get_text() == "0.750"
    assert viz.ax_.get_ylim() == (3.0, 0.0)


def test_title_footer_and_colorbar(five):
    viz = scored(LogisticRegression(), five)
    viz.plot()
    assert viz.ax_.get_title() == "LogisticRegression Classification Report"
    macro, weighted = viz.averages_["macro avg"]["f1"], viz.averages_["weighted avg"]
    assert viz.ax_.get_xlabel() == (
        f"accuracy {viz.score_:.3f}   macro F1 {macro:.3f}   "
        f"weighted F1 {weighted['f1']:.3f}"
    )
    assert viz.colorbar_ is not None and viz.colorbar_.ax in viz.fig_.axes
    viz.set_params(colorbar=False).plot()
    assert viz.colorbar_ is None and len(viz.fig_.axes) == 1


def test_fontsize_applies_to_cells_and_ticks(five):
    viz = scored(LogisticRegression(), five, fontsize=7)
    viz.plot()
    assert viz.texts_[0][0].get_fontsize() == 7
    assert viz.ax_.get_yticklabels()[0].get_fontsize() == 7


def test_quick_method(five):
    X_train, X_test, y_train, y_test = five
    viz = classification_report(
        LogisticRegression(), X_train, y_train, X_test, y_test, support=True,
        show=False,
    )  # fmt: skip
    assert isinstance(viz, ClassificationReport)
    assert_scores_equal_sklearn(viz, y_test, viz.estimator.predict(X_test), range(5))
    assert "zero_division" in classification_report.__doc__


# -- errors ---------------------------------------------------------------------------


def test_regressor_single_class_and_unknown_class(five):
    X_train, X_test, y_train, y_test = five
    with pytest.raises(ModelError, match="estimator LinearRegression"):
        ClassificationReport(LinearRegression()).fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="single class"):
        ClassificationReport(LogisticRegression()).fit(X_train, np.ones_like(y_train))
    y_other = y_test.copy()
    y_other[:2] = 7
    viz = ClassificationReport(LogisticRegression()).fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="class 7 that the model was not"):
        viz.score(X_test, y_other)


@pytest.mark.parametrize(
    "option, value", [("support", "yes"), ("zero_division", "skip")]
)
def test_bad_options_name_themselves(five, option, value):
    X_train, X_test, y_train, y_test = five
    with pytest.raises(VizkitValueError, match=option):
        ClassificationReport(LogisticRegression(), **{option: value}).fit(
            X_train, y_train
        )


def test_yellowbrick_documented_usage_runs(five, tmp_path):
    X_train, X_test, y_train, y_test = five
    classes = ["v", "w", "x", "y", "z"]
    viz = ClassificationReport(GaussianNB(), classes=classes, support=True)
    viz.fit(X_train, y_train)
    viz.score(X_test, y_test)
    viz.show(outpath=tmp_path / "report.png")
    assert (tmp_path / "report.png").stat().st_size > 0
    quick = classification_report(
        GaussianNB(), X_train, y_train, X_test, y_test, classes=classes,
        support=True, show=False,
    )  # fmt: skip
    assert quick.scores_ == viz.scores_
