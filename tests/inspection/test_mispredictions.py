"""Mispredictions: rows against y != predict(X) and residual ranks, then the drawing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification, make_regression
from sklearn.decomposition import PCA
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.svm import SVC

from vizkit.exceptions import VizkitError, VizkitValueError
from vizkit.inspection import Mispredictions, mispredictions
from vizkit.inspection.mispredictions import (
    column_z_scores,
    standout_features,
    worst_residuals,
)
from vizkit.style import class_colors

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def split():
    X, y = make_classification(
        n_samples=200, n_features=6, n_informative=3, n_redundant=1, n_classes=3,
        n_clusters_per_class=1, flip_y=0.08, random_state=3,
    )  # fmt: skip
    return X[:140], y[:140], X[140:], y[140:]


@pytest.fixture(scope="module")
def regression():
    X, y = make_regression(n_samples=90, n_features=4, noise=20, random_state=0)
    return X, y


# -- the computations ---------------------------------------------------------------


def test_worst_residuals_rank_and_threshold():
    residuals = np.array([1.0, -5.0, 3.0, 5.0, -0.5])
    assert_array_equal(worst_residuals(residuals, 3), [1, 3, 2])  # ties: row order
    assert_array_equal(worst_residuals(residuals, 3, threshold=0.9), [1, 3, 2, 0])


def test_z_scores_dense_and_sparse_agree():
    from scipy import sparse

    X = np.array([[0.0, 1.0, 2.0], [0.0, 3.0, 0.0], [0.0, 5.0, 4.0]])
    values, z = column_z_scores(X, np.array([2, 0]))
    assert_array_equal(values, X[[2, 0]])
    expected = (X[[2, 0]] - X.mean(0)) / np.where(X.std(0) > 0, X.std(0), 1)
    assert_allclose(z, expected)
    assert_allclose(z[:, 0], 0)  # a constant column stands out nowhere
    sparse_values, sparse_z = column_z_scores(sparse.csr_matrix(X), np.array([2, 0]))
    assert_allclose(sparse_values, values)
    assert_allclose(sparse_z, z)
    assert_array_equal(standout_features(z, 2), [1, 2])


# -- classification -----------------------------------------------------------------


def test_misclassified_rows_equal_y_not_equal_predict(split):
    X_train, y_train, X_test, y_test = split
    model = LogisticRegression(max_iter=500)
    viz = Mispredictions(model, top_n=5).fit(X_train, y_train)
    score = viz.score(X_test, y_test)
    y_pred = model.predict(X_test)
    wrong = np.flatnonzero(y_test != y_pred)
    assert len(wrong) > 5
    assert_array_equal(viz.mispredicted_, wrong)
    assert_array_equal(viz.y_true_, y_test[wrong])
    assert_array_equal(viz.y_pred_, y_pred[wrong])
    proba = model.predict_proba(X_test)
    assert_allclose(viz.confidence_, proba[wrong].max(axis=1))
    ranked = wrong[np.argsort(-proba[wrong].max(axis=1), kind="stable")]
    assert_array_equal(viz.ranked_, ranked)
    assert score == pytest.approx(model.score(X_test, y_test)) == viz.score_
    assert viz.residuals_ is None
    assert_allclose(viz.projection_, PCA(n_components=2).fit_transform(X_test))


def test_table_lists_the_ranked_rows(split):
    X_train, y_train, X_test, y_test = split
    columns = [f"f{i}" for i in range(6)]
    model = LogisticRegression(max_iter=500)
    model.fit(pd.DataFrame(X_train, columns=columns), y_train)
    frame = pd.DataFrame(X_test, columns=columns)
    viz = Mispredictions.from_estimator(model, frame, y_test, top_n=4, max_features=3)
    rows = viz.ranked_[:4]
    assert viz.table_.shape == (4, 7)
    assert_array_equal(viz.table_[:, 0], [str(r) for r in rows])
    assert_array_equal(viz.table_[:, 1], [str(v) for v in y_test[rows]])
    assert_array_equal(viz.table_[:, 2], [str(v) for v in model.predict(frame)[rows]])
    conf = model.predict_proba(frame)[rows].max(axis=1)
    assert_array_equal(viz.table_[:, 3], [f"{c:.2f}" for c in conf])
    z = (X_test[rows] - X_test.mean(0)) / X_test.std(0)
    standout = np.argsort(-np.abs(z).mean(0), kind="stable")[:3]
    assert list(viz.table_columns_) == [
        "row", "true", "predicted", "confidence", *[f"f{i}" for i in standout]
    ]  # fmt: skip
    assert_array_equal(
        viz.table_[:, 4], [f"{v:.3g}" for v in X_test[rows, standout[0]]]
    )
    cells = viz.table_artist_.get_celld()  # the drawn table shows the same text
    drawn = [
        [cells[r + 1, c].get_text().get_text() for c in range(8)] for r in range(4)
    ]
    assert_array_equal(drawn, np.column_stack([["1", "2", "3", "4"], viz.table_]))
    header = [cells[0, c].get_text().get_text().replace("\n", " ") for c in range(8)]
    assert header == ["#", *viz.table_columns_]


def test_chosen_features_by_name_and_the_rings(split):
    X_train, y_train, _, _ = split
    frame = pd.DataFrame(X_train, columns=[f"f{i}" for i in range(6)])
    viz = mispredictions(
        LogisticRegression(max_iter=500), frame, y_train, features=["f4", "f1"],
        show=False,
    )  # fmt: skip
    assert_array_equal(viz.features_, [4, 1])
    assert_array_equal(viz.projection_, X_train[:, [4, 1]])
    assert viz.pca_ is None
    assert_allclose(viz.rings_.get_offsets(), X_train[viz.mispredicted_][:, [4, 1]])
    colors = class_colors(3)
    rings = viz.rings_.get_edgecolors()
    assert_allclose(rings, [to_rgba(colors[c]) for c in viz.y_true_])
    assert_allclose(
        viz.rings_.get_facecolors(), [to_rgba(colors[c]) for c in viz.y_pred_]
    )
    assert len(viz.rank_labels_) == min(10, len(viz.mispredicted_))
    assert viz.ax_.get_xlabel() == "f4" and viz.ax_.get_ylabel() == "f1"
    assert viz.ax_.get_title().endswith(
        f"{len(viz.mispredicted_)} of {len(y_train)} rows misclassified"
    )


def test_without_predict_proba_rows_stay_in_order(split):
    X_train, y_train, X_test, y_test = split
    viz = Mispredictions(SVC(C=0.05)).fit(X_train, y_train)
    viz.score(X_test, y_test)
    assert viz.confidence_ is None
    assert_array_equal(viz.ranked_, viz.mispredicted_)
    assert set(viz.table_[:, 3]) == {"-"}


# -- regression ----------------------------------------------------------------------


def test_worst_residuals_equal_argsort_of_absolute_residuals(regression):
    X, y = regression
    model = LinearRegression().fit(X, y)
    viz = Mispredictions(model, top_n=7).fit(X, y)
    viz.score(X, y)
    residuals = y - model.predict(X)
    assert_allclose(viz.residuals_, residuals)
    worst = np.argsort(-np.abs(residuals), kind="stable")[:7]
    assert_array_equal(viz.ranked_, worst)
    assert_array_equal(viz.mispredicted_, np.sort(worst))
    assert_allclose(viz.y_true_ - viz.y_pred_, residuals[np.sort(worst)])
    assert viz.score_ == pytest.approx(model.score(X, y))
    beyond = Mispredictions(model, threshold=25.0, top_n=3).fit(X, y)
    beyond.score(X, y)
    assert_array_equal(beyond.mispredicted_, np.flatnonzero(np.abs(residuals) > 25))
    assert len(beyond.table_) == 3  # top_n rows listed, all ringed
    beyond.finalize()
    assert len(beyond.rings_.get_offsets()) == len(beyond.mispredicted_)
    assert beyond.ax_.get_title().endswith("rows with |residual| > 25")
    assert_allclose(beyond.points_.get_array(), residuals)
    assert beyond.table_columns_[3] == "residual"


# -- bad input ----------------------------------------------------------------------


def test_errors_name_the_argument(split):
    X_train, y_train, X_test, y_test = split
    with pytest.raises(VizkitValueError, match="requires y"):
        Mispredictions(LogisticRegression()).fit(X_train)
    viz = Mispredictions(LogisticRegression(max_iter=500)).fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="y has 59 values"):
        viz.score(X_test, y_test[:-1])
    with pytest.raises(VizkitValueError, match="features names 'nope'"):
        Mispredictions(LogisticRegression(), features=["f0", "nope"]).fit(
            pd.DataFrame(X_train, columns=[f"f{i}" for i in range(6)]), y_train
        ).score(pd.DataFrame(X_test, columns=[f"f{i}" for i in range(6)]), y_test)
    with pytest.raises(VizkitValueError, match="from_estimator"):
        Mispredictions.from_predictions(y_test, viz.predict(X_test))
    with pytest.raises(VizkitError, match="top_n"):
        Mispredictions(LogisticRegression(), top_n=0).fit(X_train, y_train)


def test_pipelines_project_their_model_input(split):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X_train, y_train, X_test, y_test = split
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500))
    viz = Mispredictions(model).fit(X_train, y_train)
    viz.score(X_test, y_test)
    expected = PCA(n_components=2).fit_transform(model[0].transform(X_test))
    assert_allclose(viz.projection_, expected, atol=1e-10)
    viz.finalize()
    assert viz.ax_.get_xlabel().startswith("PC1 of the model's input")
    docs = ["red apple", "green apple", "red car", "blue car", "green pear"] * 6
    labels = np.array(["fruit", "fruit", "car", "car", "fruit"] * 6)
    labels[[3, 7]] = "fruit"  # two cars labelled fruit: mispredicted
    text = make_pipeline(TfidfVectorizer(), LogisticRegression(C=10))
    viz = Mispredictions(text).fit(docs, labels)
    viz.score(docs, labels)
    assert_array_equal(viz.mispredicted_, np.flatnonzero(labels != text.predict(docs)))
    assert {3, 7} <= set(viz.mispredicted_)
    assert set(viz.feature_names_) == set(text[0].get_feature_names_out())
