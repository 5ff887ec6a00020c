"""Tests of DroppingCurve: subsets and scores against scikit-learn, then drawing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.datasets import make_classification
from sklearn.feature_selection import SelectKBest
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    GroupKFold,
    KFold,
    cross_validate,
    validation_curve,
)
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline

from vizkit.exceptions import VizkitValueError
from vizkit.model_selection import DroppingCurve, dropping_curve
from vizkit.model_selection.dropping_curve import feature_counts

SEED = 7
N_FEATURES = 12
SENTINEL = 999.0


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        n_samples=200, n_features=N_FEATURES, n_informative=6, n_redundant=2,
        random_state=0,
    )  # fmt: skip
    return X, y


def yellowbrick_pipeline(model, seed):
    """Yellowbrick 1.5's dropping curve: SelectKBest on seeded random scores."""
    scores = np.random.default_rng(seed).standard_normal(N_FEATURES)
    return make_pipeline(SelectKBest(score_func=lambda X, y: scores), model)


class FailsWithout(ClassifierMixin, BaseEstimator):
    """A classifier whose fit fails unless the sentinel row is among its rows."""

    def fit(self, X, y):
        if not np.any(np.asarray(X) == SENTINEL):
            raise ValueError("the sentinel row is missing")
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])


# -- numbers ------------------------------------------------------------------------


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_scores_equal_yellowbricks_validation_curve(data, n_jobs):
    X, y = data
    model = LogisticRegression(max_iter=500)
    viz = DroppingCurve(model, cv=4, random_state=SEED, n_jobs=n_jobs).fit(X, y)
    train, valid = validation_curve(
        yellowbrick_pipeline(model, SEED), X, y, cv=4,
        param_name="selectkbest__k", param_range=viz.feature_sizes_,
    )  # fmt: skip
    assert_allclose(viz.train_scores_, train, rtol=1e-12)
    assert_allclose(viz.valid_scores_, valid, rtol=1e-12)
    assert_allclose(viz.train_scores_mean_, train.mean(axis=1), rtol=1e-12)
    assert_allclose(viz.valid_scores_std_, valid.std(axis=1), rtol=1e-12)
    reference = LogisticRegression(max_iter=500).fit(X, y)
    assert_allclose(model.coef_, reference.coef_)  # then fitted on all of X


def test_scores_equal_cross_validate_on_each_exposed_subset(data):
    X, y = data
    cv = KFold(3, shuffle=True, random_state=0)
    viz = DroppingCurve(
        GaussianNB(), feature_sizes=[2, 5, 12], cv=cv, scoring="balanced_accuracy",
        random_state=SEED,
    ).fit(X, y)  # fmt: skip
    assert_array_equal(viz.feature_sizes_, [2, 5, 12])
    for row, columns in enumerate(viz.feature_subsets_):
        ref = cross_validate(
            GaussianNB(), X[:, columns], y, cv=cv, scoring="balanced_accuracy",
            return_train_score=True,
        )  # fmt: skip
        assert_allclose(viz.valid_scores_[row], ref["test_score"], rtol=1e-12)
        assert_allclose(viz.train_scores_[row], ref["train_score"], rtol=1e-12)


def test_subsets_are_yellowbricks_nested_and_reproducible(data):
    X, y = data
    viz = DroppingCurve(GaussianNB(), feature_sizes=[3, 6], random_state=SEED)
    viz.fit(X, y)
    selector = yellowbrick_pipeline(GaussianNB(), SEED)[0]
    for columns, k in zip(viz.feature_subsets_, [3, 6]):
        kept = selector.set_params(k=k).fit(X, y).get_support(indices=True)
        assert_array_equal(columns, kept)
    assert set(viz.feature_subsets_[0]) <= set(viz.feature_subsets_[1])
    again = DroppingCurve(GaussianNB(), feature_sizes=[3, 6], random_state=SEED)
    for a, b in zip(again.fit(X, y).feature_subsets_, viz.feature_subsets_):
        assert_array_equal(a, b)
    other = DroppingCurve(GaussianNB(), feature_sizes=[3], random_state=SEED + 1)
    assert not np.array_equal(other.fit(X, y).feature_subsets_[0], kept[:3])


def test_a_random_state_instance_gives_reproducible_subsets(data):
    X, y = data
    first = DroppingCurve(GaussianNB(), random_state=np.random.RandomState(0))
    second = DroppingCurve(GaussianNB(), random_state=np.random.RandomState(0))
    for a, b in zip(
        first.fit(X, y).feature_subsets_, second.fit(X, y).feature_subsets_
    ):
        assert_array_equal(a, b)


def test_feature_sizes_fractions_round_up_and_duplicates_are_dropped():
    assert_array_equal(feature_counts((0.1, 0.5, 1.0), 12), [2, 6, 12])
    assert_array_equal(feature_counts([3, 3, 1], 12), [1, 3])
    defaults = DroppingCurve(GaussianNB()).feature_sizes
    assert_array_equal(feature_counts(defaults, 12), [2, 4, 7, 10, 12])


def test_dataframe_columns_and_groups(data):
    X, y = data
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(N_FEATURES)])
    groups = np.arange(len(y)) % 5
    viz = DroppingCurve(
        GaussianNB(), feature_sizes=[4, 8], groups=groups, cv=GroupKFold(5),
        random_state=SEED,
    ).fit(frame, y)  # fmt: skip
    _, valid = validation_curve(
        yellowbrick_pipeline(GaussianNB(), SEED), X, y, groups=groups,
        cv=GroupKFold(5), param_name="selectkbest__k", param_range=[4, 8],
    )  # fmt: skip
    assert_allclose(viz.valid_scores_, valid, rtol=1e-12)


def test_score_is_the_fitted_models_score_with_every_feature(data):
    X, y = data
    viz = DroppingCurve(GaussianNB(), cv=3, random_state=SEED).fit(X[:150], y[:150])
    expected = GaussianNB().fit(X[:150], y[:150]).score(X[150:], y[150:])
    assert viz.score(X[150:], y[150:]) == pytest.approx(expected, rel=1e-12)


# -- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sizes, match",
    [
        ([], "non-empty"),
        ((0.0, 0.5), r"outside \(0, 1\]"),
        ((0.5, 1.5), r"outside \(0, 1\]"),
        ([0, 3], "at least 1"),
        ([3, 13], "X has 12"),
    ],
)
def test_bad_feature_sizes_are_clear_errors(data, sizes, match):
    with pytest.raises(VizkitValueError, match=rf"feature_sizes.*{match}"):
        DroppingCurve(GaussianNB(), feature_sizes=sizes).fit(*data)


def test_more_folds_than_members_of_the_smallest_class(data):
    X, y = data
    y = np.where(np.arange(len(y)) < 2, 5, y)  # class 5: two members
    with pytest.raises(VizkitValueError, match="cv asks for 3 .*cv=2 or fewer"):
        DroppingCurve(GaussianNB(), cv=3).fit(X, y)


def test_unknown_scoring_name_is_a_clear_error(data):
    with pytest.raises(VizkitValueError, match="scoring='r3'"):
        DroppingCurve(GaussianNB(), scoring="r3").fit(*data)


def test_a_fit_failing_in_one_fold_names_the_fold(data):
    X, y = data
    X = X.copy()
    X[190, :] = SENTINEL  # in the last of four folds: only that fold's fit fails
    with pytest.raises(ValueError, match=r"^DroppingCurve: .*fold 4 of 4"):
        DroppingCurve(FailsWithout(), cv=KFold(4), feature_sizes=[3]).fit(X, y)


# -- drawing ------------------------------------------------------------------------


def test_mean_lines_bands_and_log_axis(data):
    viz = dropping_curve(GaussianNB(), *data, random_state=SEED, show=False)
    for key in ("train_scores", "valid_scores"):
        x, mean = viz.lines_[key].get_data()
        assert_array_equal(x, viz.feature_sizes_)
        assert_allclose(mean, getattr(viz, f"{key}_mean_"))
        upper = viz.bands_[key].get_paths()[0].vertices[:, 1].max()
        std = getattr(viz, f"{key}_std_")
        assert upper == pytest.approx((getattr(viz, f"{key}_mean_") + std).max())
    labels = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert labels == ["Training Score", "Cross Validation Score"]
    assert viz.ax_.get_xscale() == "linear"
    viz.set_params(logx=True).plot()
    assert viz.ax_.get_xscale() == "log"
    assert viz.ax_.get_title() == "Random-feature dropping curve for GaussianNB"
