"""PermutationImportance: numbers against sklearn, then the drawn artists."""

from __future__ import annotations

import pickle

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn.datasets import make_classification, make_regression
from sklearn.inspection import permutation_importance as sklearn_permutation_importance
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import get_scorer
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeRegressor

from vizkit.exceptions import NotFitted, VizkitError, VizkitValueError
from vizkit.model_selection import PermutationImportance, permutation_importance
from vizkit.model_selection._permutation import rows_per_column


@pytest.fixture(scope="module")
def regression():
    X, y = make_regression(
        n_samples=240, n_features=5, n_informative=3, noise=10, random_state=0
    )
    return train_test_split(X, y, test_size=0.4, random_state=0)


@pytest.fixture(scope="module")
def classification():
    X, y = make_classification(
        n_samples=240, n_features=4, n_informative=2, n_redundant=0, random_state=1
    )
    return train_test_split(X, y, test_size=0.4, random_state=0)


def reference(model, X, y, **kwargs):
    return sklearn_permutation_importance(model, X, y, **kwargs)


def assert_equals_reference(viz, split, model, X, y, **kwargs):
    expected = reference(model, X, y, **kwargs)
    assert_array_equal(getattr(viz, f"{split}_importances_"), expected.importances)
    assert_array_equal(
        getattr(viz, f"{split}_importances_mean_"), expected.importances_mean
    )
    assert_array_equal(
        getattr(viz, f"{split}_importances_std_"), expected.importances_std
    )


# -- numbers ------------------------------------------------------------------------


@pytest.mark.parametrize("n_jobs", [1, 2])
@pytest.mark.parametrize("max_samples", [1.0, 0.6, 50])
def test_train_and_test_importances_equal_sklearn(regression, n_jobs, max_samples):
    X_train, X_test, y_train, y_test = regression
    model = DecisionTreeRegressor(max_depth=4, random_state=0)
    viz = PermutationImportance(
        model, n_repeats=3, random_state=7, max_samples=max_samples, n_jobs=n_jobs
    )
    viz.fit(X_train, y_train)
    assert_array_equal(viz.importances_, viz.train_importances_)
    score = viz.score(X_test, y_test)
    settings = dict(n_repeats=3, random_state=7, max_samples=max_samples)
    assert_equals_reference(viz, "train", model, X_train, y_train, **settings)
    assert_equals_reference(viz, "test", model, X_test, y_test, **settings)
    assert_array_equal(viz.importances_, viz.test_importances_)
    assert viz.importances_.shape == (5, 3)
    # The baseline: the model's own score (R^2) on all rows.
    assert score == viz.score_ == viz.test_score_ == model.score(X_test, y_test)
    assert viz.train_score_ == model.score(X_train, y_train)


@pytest.mark.parametrize("scoring", [None, "roc_auc", get_scorer("neg_log_loss")])
def test_classifier_scorings_equal_sklearn(classification, scoring):
    X_train, X_test, y_train, y_test = classification
    model = LogisticRegression().fit(X_train, y_train)
    viz = PermutationImportance(model, scoring=scoring, random_state=3, n_jobs=2)
    viz.fit(X_train, y_train).score(X_test, y_test)
    settings = dict(scoring=scoring, random_state=3)
    assert_equals_reference(viz, "train", model, X_train, y_train, **settings)
    assert_equals_reference(viz, "test", model, X_test, y_test, **settings)


def test_dataframe_columns_name_the_features_and_are_not_modified(regression):
    X_train, X_test, y_train, y_test = regression
    columns = ["alpha", "beta", "gamma", "delta", "epsilon"]
    frame = pd.DataFrame(X_train, columns=columns)
    before = frame.copy()
    model = Ridge()
    viz = PermutationImportance(model, random_state=0, max_samples=0.5)
    viz.fit(frame, pd.Series(y_train))
    pd.testing.assert_frame_equal(frame, before)
    assert list(viz.features_) == columns
    assert_equals_reference(
        viz, "train", model, frame, y_train, random_state=0, max_samples=0.5
    )


def test_arrays_and_prefit_model_are_not_modified(regression):
    X_train, X_test, y_train, y_test = regression
    model = Ridge().fit(X_train, y_train)
    before, X_before = pickle.dumps(model), X_train.copy()
    PermutationImportance(model, random_state=0).fit(X_train, y_train)
    assert pickle.dumps(model) == before
    assert_array_equal(X_train, X_before)


def test_sample_weight_weighs_the_fit_and_the_scores(regression):
    X_train, X_test, y_train, y_test = regression
    rng = np.random.RandomState(0)
    w_train, w_test = (
        rng.uniform(0.1, 2, len(y_train)),
        rng.uniform(0.1, 2, len(y_test)),
    )
    viz = PermutationImportance(Ridge(), random_state=2, max_samples=0.7)
    viz.fit(X_train, y_train, sample_weight=w_train)
    viz.score(X_test, y_test, sample_weight=w_test)
    assert_allclose(viz.estimator.coef_, Ridge().fit(X_train, y_train, w_train).coef_)
    settings = dict(random_state=2, max_samples=0.7)
    assert_equals_reference(
        viz, "train", viz.estimator, X_train, y_train, sample_weight=w_train, **settings
    )
    assert_equals_reference(
        viz, "test", viz.estimator, X_test, y_test, sample_weight=w_test, **settings
    )
    assert viz.test_score_ == viz.estimator.score(X_test, y_test, w_test)


def test_labels_name_the_features_and_a_new_fit_forgets_the_test_data(regression):
    X_train, X_test, y_train, y_test = regression
    labels = list("abcde")
    viz = PermutationImportance(Ridge(), labels=labels, random_state=0)
    viz.fit(X_train, y_train).score(X_test, y_test)
    assert list(viz.features_) == labels
    viz.fit(X_train, y_train)
    assert not hasattr(viz, "test_importances_") and not hasattr(viz, "score_")


def test_from_estimator_scores_the_given_data_only(regression):
    X_train, X_test, y_train, y_test = regression
    model = Ridge().fit(X_train, y_train)
    viz = PermutationImportance.from_estimator(model, X_test, y_test, random_state=4)
    assert_equals_reference(viz, "test", model, X_test, y_test, random_state=4)
    assert not hasattr(viz, "train_importances_")
    with pytest.raises(VizkitValueError, match="from_estimator"):
        PermutationImportance.from_predictions(y_test, model.predict(X_test))


def test_rows_per_column_follows_sklearn():
    assert rows_per_column(1.0, 100) == 100
    assert rows_per_column(0.333, 100) == 33  # rounded down
    assert rows_per_column(100, 100) == 100


# -- drawing ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def both(regression):
    X_train, X_test, y_train, y_test = regression
    viz = PermutationImportance(DecisionTreeRegressor(max_depth=5, random_state=0))
    viz.set_params(random_state=0, n_repeats=4, train_color="red", test_color="blue")
    viz.fit(X_train, y_train).score(X_test, y_test)
    return viz


def tick_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def test_boxes_of_both_splits_ordered_by_test_importance(both):
    both.set_params(kind="box", topn=None)
    both.plot()
    order = np.argsort(both.test_importances_mean_)  # bottom to top
    assert tick_labels(both.ax_) == list(both.features_[order])
    for split, color, offset in (("train", "red", 0.2), ("test", "blue", -0.2)):
        boxes = both.boxes_[split]
        medians = [line.get_xdata()[0] for line in boxes["medians"]]
        expected = np.median(getattr(both, f"{split}_importances_")[order], axis=1)
        assert_allclose(medians, expected)
        centres = [np.mean(line.get_ydata()) for line in boxes["medians"]]
        assert_allclose(centres, np.arange(5) + offset)
        assert boxes["boxes"][0].get_facecolor()[:3] == to_rgba(color)[:3]
    legend = [t.get_text() for t in both.legend_.get_texts()]
    assert legend == [
        f"train (score {both.train_score_:.3f})",
        f"test (score {both.test_score_:.3f})",
    ]
    assert both.zero_line_.get_xdata()[0] == 0
    assert "decrease in $R^2$" in both.ax_.get_xlabel()


def test_bars_are_means_with_std_error_bars_and_topn_keeps_the_largest(both):
    before = both.test_importances_.copy()
    both.set_params(kind="bar", topn=2)
    both.plot()
    order = np.argsort(both.test_importances_mean_)[-2:]
    assert tick_labels(both.ax_) == list(both.features_[order])
    for split in ("train", "test"):
        widths = [bar.get_width() for bar in both.bars_[split]]
        assert_allclose(widths, getattr(both, f"{split}_importances_mean_")[order])
        caps = both.bars_[split].errorbar.lines[2][0].get_segments()
        spans = [segment[1, 0] - segment[0, 0] for segment in caps]
        assert_allclose(spans, 2 * getattr(both, f"{split}_importances_std_")[order])
    assert both.ax_.get_title().startswith("Permutation Importances of Top 2")
    assert_array_equal(both.test_importances_, before)  # redrawn, not recomputed
    both.set_params(topn=-1)
    both.plot()
    assert tick_labels(both.ax_) == [
        both.features_[np.argmin(both.test_importances_mean_)]
    ]


def test_quick_method_draws_train_only_without_test_data(regression):
    X_train, X_test, y_train, y_test = regression
    viz = permutation_importance(
        Ridge(), X_train, y_train, random_state=0, xlabel="drop", show=False
    )
    assert set(viz.boxes_) == {"train"} and not hasattr(viz, "score_")
    assert viz.ax_.get_xlabel() == "drop"
    viz = permutation_importance(Ridge(), X_train, y_train, X_test, y_test, show=False)
    assert set(viz.boxes_) == {"train", "test"}


# -- bad input ----------------------------------------------------------------------


def test_unknown_scoring_name(regression):
    X_train, _, y_train, _ = regression
    with pytest.raises(
        VizkitValueError, match="scoring='accuracyy'.*did you mean 'accuracy'"
    ):
        PermutationImportance(Ridge(), scoring="accuracyy").fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="scoring=.*one metric"):
        PermutationImportance(Ridge(), scoring=["r2", "max_error"]).fit(
            X_train, y_train
        )
    assert plt.get_fignums() == []


def test_unfitted_model_with_is_fitted_true(regression):
    X_train, _, y_train, _ = regression
    with pytest.raises(NotFitted, match="Ridge is not fitted.*is_fitted=True"):
        PermutationImportance(Ridge(), is_fitted=True).fit(X_train, y_train)
    with pytest.raises(NotFitted, match="Ridge"):
        PermutationImportance(Ridge()).score(X_train, y_train)


def test_score_with_the_wrong_number_of_columns(regression):
    X_train, X_test, y_train, y_test = regression
    viz = PermutationImportance(Ridge()).fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="X has 4 features.*expecting 5"):
        viz.score(X_test[:, :4], y_test)


@pytest.mark.parametrize("n_repeats", [0, -1, 2.5, "5"])
def test_n_repeats_below_one(regression, n_repeats):
    X_train, _, y_train, _ = regression
    with pytest.raises(VizkitValueError, match="n_repeats"):
        PermutationImportance(Ridge(), n_repeats=n_repeats).fit(X_train, y_train)


@pytest.mark.parametrize("max_samples", [0, 0.0, 1.5, -0.5, True, "all", 10_000])
def test_max_samples_out_of_range(regression, max_samples):
    X_train, _, y_train, _ = regression
    with pytest.raises(VizkitValueError, match="max_samples"):
        PermutationImportance(Ridge(), max_samples=max_samples).fit(X_train, y_train)


def test_max_samples_of_no_row(regression):
    X_train, _, y_train, _ = regression
    with pytest.raises(VizkitValueError, match="no row at all"):
        PermutationImportance(Ridge(), max_samples=0.001).fit(X_train, y_train)


def test_labels_of_the_wrong_length(regression):
    X_train, _, y_train, _ = regression
    with pytest.raises(VizkitValueError, match="labels has 2 names but X has 5"):
        PermutationImportance(Ridge(), labels=["a", "b"]).fit(X_train, y_train)


def test_topn_larger_than_the_features_and_sparse_X(regression):
    X_train, _, y_train, _ = regression
    viz = PermutationImportance(Ridge(), topn=6).fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="topn=6"):
        viz.plot()
    assert plt.get_fignums() == []
    with pytest.raises(VizkitError, match="sparse"):
        PermutationImportance(Ridge()).fit(sparse.csr_matrix(X_train), y_train)
