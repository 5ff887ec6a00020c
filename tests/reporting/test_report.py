"""vizkit.report: numbers against scikit-learn, one model call each, the page."""

import base64
import os
from collections import Counter
from html import escape
from html.parser import HTMLParser

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn import metrics
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.cluster import DBSCAN, KMeans
from sklearn.compose import ColumnTransformer
from sklearn.datasets import make_blobs, make_classification, make_regression
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

import vizkit
from vizkit.cluster.silhouette import silhouette_values
from vizkit.exceptions import ModelError, VizkitTypeError, VizkitValueError
from vizkit.reporting import _metrics, _sections, report
from vizkit.utils.sampling import sample_rows

CALLS: Counter = Counter()


class CountingClassifier(ClassifierMixin, BaseEstimator):
    """A logistic regression that counts its calls (in CALLS, shared by clones)."""

    def __init__(self, C=1.0):
        self.C = C

    def fit(self, X, y):
        CALLS["fit"] += 1
        self.model_ = LogisticRegression(C=self.C).fit(X, y)
        self.classes_ = self.model_.classes_
        self.coef_ = self.model_.coef_
        return self

    def predict(self, X):
        CALLS["predict"] += 1
        return self.model_.predict(X)

    def predict_proba(self, X):
        CALLS["predict_proba"] += 1
        return self.model_.predict_proba(X)

    def decision_function(self, X):
        CALLS["decision_function"] += 1
        return self.model_.decision_function(X)


class CountingRegressor(RegressorMixin, BaseEstimator):
    def fit(self, X, y):
        CALLS["fit"] += 1
        self.model_ = Ridge().fit(X, y)
        self.coef_ = self.model_.coef_
        return self

    def predict(self, X):
        CALLS["predict"] += 1
        return self.model_.predict(X)


@pytest.fixture(autouse=True)
def reset_calls():
    CALLS.clear()


def binary_data(n=200):
    return make_classification(n, n_features=5, n_informative=3, random_state=0)


def same_split(X, y, stratify=True):
    return train_test_split(
        X, y, test_size=0.25, random_state=0, stratify=y if stratify else None
    )


@pytest.fixture(scope="module")
def binary():
    """One binary report shared by the tests that only read it, with its calls."""
    X, y = binary_data()
    X_copy, y_copy = X.copy(), y.copy()
    model = CountingClassifier(C=0.5)
    CALLS.clear()
    result = report(model, X, y, progress=False, title="My <model>")
    assert plt.get_fignums() == []  # every figure was rendered off pyplot
    assert_array_equal(X, X_copy)  # the user's data is untouched
    assert_array_equal(y, y_copy)
    return {"result": result, "model": model, "calls": Counter(CALLS), "X": X, "y": y}


def section(result, name):
    return next(s for s in result.sections if s.name == name)


# -- classification ------------------------------------------------------------------


def test_binary_classification_metrics_and_sections_match_sklearn(binary):
    X, y, result = binary["X"], binary["y"], binary["result"]
    X_train, X_test, y_train, y_test = same_split(X, y)
    model = LogisticRegression(C=0.5).fit(X_train, y_train)
    y_pred, proba = model.predict(X_test), model.predict_proba(X_test)[:, 1]

    assert result.task == "classification"
    assert_allclose(result.metrics["accuracy"], metrics.accuracy_score(y_test, y_pred))
    assert_allclose(
        result.metrics["balanced_accuracy"],
        metrics.balanced_accuracy_score(y_test, y_pred),
    )
    assert_allclose(
        result.metrics["macro_f1"], metrics.f1_score(y_test, y_pred, average="macro")
    )
    auc = metrics.roc_auc_score(y_test, proba)
    assert_allclose(result.metrics["roc_auc"], auc)
    assert [s.name for s in result.sections] == [
        "class_balance", "confusion_matrix", "classification_report", "roc_auc",
        "precision_recall", "class_prediction_error", "calibration", "threshold",
        "ks_statistic", "cumulative_gain", "lift", "feature_importances",
    ]  # fmt: skip
    assert result.skipped == []
    assert f"ROC AUC {auc:.3f}" in section(result, "roc_auc").reading
    ap = metrics.average_precision_score(y_test, proba)
    assert f"Average precision {ap:.3f}" in section(result, "precision_recall").reading
    brier = metrics.brier_score_loss(y_test, proba)
    assert f"Brier score {brier:.3f}" in section(result, "calibration").reading


def test_confusion_reading_names_the_most_confused_pair():
    X, y = make_classification(
        240, n_features=6, n_informative=4, n_classes=3, random_state=1
    )
    result = report(CountingClassifier(), X, y, progress=False)
    X_train, X_test, y_train, y_test = same_split(X, y)
    y_pred = LogisticRegression().fit(X_train, y_train).predict(X_test)
    matrix = metrics.confusion_matrix(y_test, y_pred)
    off = matrix - np.diag(np.diag(matrix))
    true, predicted = np.unravel_index(np.argmax(off), off.shape)
    expected = (
        f"Accuracy {metrics.accuracy_score(y_test, y_pred):.3f}; most confused: "
        f"{true} -> {predicted} ({off[true, predicted]} of {matrix[true].sum()} "
    )
    assert section(result, "confusion_matrix").reading.startswith(expected)
    f1 = metrics.f1_score(y_test, y_pred, average="macro")
    assert f"Macro F1 {f1:.3f}" in section(result, "classification_report").reading
    # Binary-only sections are skipped, each with its reason on the page.
    skipped = dict(result.skipped)
    assert set(skipped) == {"Discrimination threshold", "KS statistic",
                            "Cumulative gain", "Lift"}  # fmt: skip
    assert all("binary targets only" in reason for reason in skipped.values())
    assert "binary targets only" in result.html


def test_model_is_fitted_once_and_asked_for_predictions_once(binary):
    model, result = binary["model"], binary["result"]
    assert binary["calls"] == {"fit": 1, "predict": 1, "predict_proba": 1}
    assert len(result.sections) == 12
    # The user's model is untouched: a fitted clone is in the report.
    assert not hasattr(model, "classes_") and model.get_params() == {"C": 0.5}
    assert result.model is not model and hasattr(result.model, "classes_")

    CALLS.clear()
    report(CountingRegressor(), *make_regression(80, 3, random_state=0),
           progress=False)  # fmt: skip
    assert CALLS == {"fit": 1, "predict": 1}


def test_decision_function_only_model_skips_calibration():
    X, y = make_classification(
        200, n_features=5, n_informative=3, n_classes=3, random_state=0
    )
    result = report(LinearSVC(), X, y, progress=False)
    skipped = dict(result.skipped)
    assert "predict_proba" in skipped["Calibration"]
    assert "roc_auc" not in result.metrics  # multiclass AUC needs probabilities
    X_train, X_test, y_train, y_test = same_split(X, y)
    scores = LinearSVC().fit(X_train, y_train).decision_function(X_test)
    micro = metrics.roc_auc_score(np.eye(3)[y_test].ravel(), scores.ravel())
    assert f"Micro-average AUC {micro:.3f}" in section(result, "roc_auc").reading


def test_feature_importances_reading_lists_the_largest(binary):
    result = binary["result"]
    importances = result.model.coef_[0]
    top = np.argsort(-np.abs(importances))[:3]
    listed = ", ".join(f"x{i} ({importances[i]:.3f})" for i in top)
    assert section(result, "feature_importances").reading == (
        f"Largest importances: {listed}."
    )


# -- regression and clustering --------------------------------------------------


def test_regression_metrics_and_readings_match_sklearn():
    X, y = make_regression(150, 4, noise=5.0, random_state=0)
    result = report(Ridge(alpha=2.0), X, y, progress=False)
    X_train, X_test, y_train, y_test = same_split(X, y, stratify=False)
    y_pred = Ridge(alpha=2.0).fit(X_train, y_train).predict(X_test)
    r2 = metrics.r2_score(y_test, y_pred)
    rmse = metrics.root_mean_squared_error(y_test, y_pred)
    mae = metrics.mean_absolute_error(y_test, y_pred)
    assert_allclose([result.metrics[k] for k in ("r2", "rmse", "mae")], [r2, rmse, mae])
    assert [s.name for s in result.sections] == [
        "prediction_error", "residuals", "feature_importances",
    ]  # fmt: skip
    assert section(result, "prediction_error").reading.startswith(
        f"R² {r2:.3f}, RMSE {rmse:.3f}, MAE {mae:.3f}"
    )
    residuals = y_test - y_pred
    assert f"mean {np.mean(residuals):.3f}" in section(result, "residuals").reading
    assert plt.get_fignums() == []
    assert result.summary["Model"] == "Ridge(alpha=2.0)"
    assert "<th>Model</th><td>Ridge(alpha=2.0)</td>" in result.html


def test_clustering_scores_match_sklearn():
    X, y = make_blobs(300, n_features=3, centers=4, random_state=0)
    model = make_pipeline(StandardScaler(), KMeans(4, n_init=2, random_state=0))
    result = report(model, X, y, progress=False)
    scaled = StandardScaler().fit_transform(X)
    labels = KMeans(4, n_init=2, random_state=0).fit(scaled).labels_
    assert result.task == "clustering"
    assert_allclose(
        result.metrics["silhouette"], metrics.silhouette_score(scaled, labels)
    )
    assert_allclose(
        result.metrics["calinski_harabasz"],
        metrics.calinski_harabasz_score(scaled, labels),
    )
    assert_allclose(
        result.metrics["adjusted_rand"], metrics.adjusted_rand_score(y, labels)
    )
    assert [s.name for s in result.sections] == [
        "cluster_sizes", "silhouette", "intercluster_distance", "pca",
    ]  # fmt: skip
    reading = section(result, "silhouette").reading
    assert reading.startswith(f"Mean silhouette {result.metrics['silhouette']:.3f};")
    sizes = np.bincount(labels)
    assert (
        f"largest {np.argmax(sizes)} ({sizes.max()} rows"
        in section(result, "cluster_sizes").reading
    )


def test_silhouette_on_a_seeded_sample_says_so(monkeypatch):
    monkeypatch.setattr(_metrics, "SILHOUETTE_SAMPLE", 100)
    monkeypatch.setattr(_sections, "SILHOUETTE_SAMPLE", 100)
    X, _ = make_blobs(300, n_features=2, centers=3, random_state=0)
    result = report(KMeans(3, n_init=2, random_state=0), X, progress=False)
    labels = result.model.labels_
    rows = sample_rows(300, 100, 0)
    expected = float(np.mean(silhouette_values(X[rows], labels[rows])))
    assert_allclose(result.metrics["silhouette"], expected)
    assert (
        "on a seeded sample of 100 of 300 rows" in section(result, "silhouette").reading
    )


def test_clusterer_without_centres_skips_the_distance_map():
    X, _ = make_blobs(120, n_features=2, centers=3, cluster_std=0.4, random_state=0)
    result = report(DBSCAN(eps=0.8), X, progress=False)
    assert "cluster_centers_" in dict(result.skipped)["Intercluster distance"]
    assert "silhouette" in result.metrics


# -- the page ------------------------------------------------------------------------


class Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources, self.external = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.sources.append(attrs["src"])
        for key in ("src", "href"):
            if attrs.get(key, "#").split(":")[0] in ("http", "https", "file"):
                self.external.append(attrs[key])


def test_page_is_self_contained(binary):
    result = binary["result"]
    parser = Images()
    parser.feed(result.html)
    assert parser.external == [] and 'src="http' not in result.html
    assert "<script" not in result.html and "<link" not in result.html
    assert len(parser.sources) == len(result.sections)
    for source, sec in zip(parser.sources, result.sections):
        prefix = "data:image/png;base64,"
        assert source.startswith(prefix)
        png = base64.b64decode(source[len(prefix) :])
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and png == sec.png
        assert escape(sec.reading) in result.html
    assert "My &lt;model&gt;" in result.html  # user text is escaped
    assert result._repr_html_().startswith("<div class='vizkit-report'>")


def test_timings_are_kept(binary):
    seconds = binary["result"].seconds
    assert 0 < seconds["model"] <= seconds["total"]


def test_dataframe_with_text_columns_is_encoded_and_stated():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "size": rng.normal(size=120),
            "color": rng.choice(["red", "green"], size=120),
            "grade": pd.Categorical(rng.choice(["a", "b", "c"], size=120)),
        }
    )
    target = (frame["size"] > 0) ^ (frame["color"] == "red")
    before = frame.copy()
    forest = RandomForestClassifier(n_estimators=10, random_state=0)
    result = report(forest, frame, target, progress=False)
    assert isinstance(result.model, Pipeline)
    assert isinstance(result.model.steps[0][1], ColumnTransformer)
    (note,) = result.notes
    assert "ColumnTransformer" in note and "color, grade" in note
    assert escape(note) in result.html
    assert result.metrics["accuracy"] > 0.9  # the encoded colour is learnt
    assert "onehot__color" in section(result, "feature_importances").reading
    pd.testing.assert_frame_equal(frame, before)


def test_progress_bar_goes_to_stderr(capsys):
    X, y = make_regression(60, 2, random_state=0)
    report(Ridge(), X, y, progress=True)
    err = capsys.readouterr().err
    assert "fitting the model" in err and "/6 [" in err


def test_out_writes_the_page(tmp_path):
    X, y = make_regression(60, 2, random_state=0)
    path = tmp_path / "report.html"
    result = report(Ridge(), X, y, out=path, progress=False)
    assert path.read_text(encoding="utf-8") == result.html
    assert os.listdir(tmp_path) == ["report.html"]


def test_failed_write_leaves_nothing(tmp_path, monkeypatch):
    X, y = make_regression(60, 2, random_state=0)
    result = report(Ridge(), X, y, progress=False)

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        result.write(tmp_path / "report.html")
    assert os.listdir(tmp_path) == []


def test_report_is_exported_lazily():
    assert vizkit.report is report


# -- bad input -------------------------------------------------------------------

X_BAD, Y_BAD = make_classification(40, n_features=3, n_informative=2,
                                   n_redundant=0, random_state=0)  # fmt: skip


@pytest.mark.parametrize(
    "model, kwargs, error, message",
    [
        ("not a model", {}, VizkitTypeError, "model is a str, not a scikit-learn"),
        (StandardScaler(), {}, ModelError, "neither a classifier, a regressor"),
        (LogisticRegression(), {"y": None}, VizkitValueError, "y is None"),
        (LogisticRegression(), {"y": np.ones(40)}, VizkitValueError,
         "y has a single value"),
        (LogisticRegression(), {"y": Y_BAD[:30]}, VizkitValueError,
         "y has 30 values but X has 40 rows"),
        (LogisticRegression(), {"X_test": X_BAD}, VizkitValueError,
         "y_test is None but its pair was given"),
        (LogisticRegression(), {"test_size": 1.5}, VizkitValueError,
         "test_size=1.5 is not valid"),
        (KMeans(2, n_init=1), {"X_test": X_BAD, "y_test": Y_BAD}, VizkitValueError,
         "leave X_test and y_test out"),
    ],
)  # fmt: skip
def test_bad_input_raises_a_named_error(model, kwargs, error, message, tmp_path):
    arguments = {"y": Y_BAD, **kwargs}
    path = tmp_path / "report.html"
    with pytest.raises(error, match=message):
        report(model, X_BAD, out=path, progress=False, **arguments)
    assert not path.exists()


# -- the page in a real browser ---------------------------------------------------


def test_report_page_in_chromium(browser, tmp_path):
    X, y = binary_data()
    result = report(CountingClassifier(), X, y, out=tmp_path / "report.html",
                    progress=False)  # fmt: skip
    page = browser.check(tmp_path, "report.html")
    assert page.broken_images == []
    assert page.broken_links == []
    assert len(page.images) == len(result.sections)
