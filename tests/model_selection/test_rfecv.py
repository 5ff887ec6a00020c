"""Tests of RFECV: scores against scikit-learn's RFECV, the drawing, bad input."""

from __future__ import annotations

import pickle

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification, make_regression
from sklearn.feature_selection import RFECV as SklearnRFECV
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import get_scorer
from sklearn.model_selection import GroupKFold, KFold
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

from vizkit.exceptions import ModelError, NotFitted, VizkitValueError
from vizkit.model_selection import RFECV, rfecv
from vizkit.model_selection._elimination import feature_counts, step_size

#: The keys of cv_results_ in every supported scikit-learn (1.7 added more).
SCORE_KEYS = ("mean_test_score", "std_test_score", "n_features")


def classification(n_samples=200, n_features=10):
    return make_classification(
        n_samples=n_samples, n_features=n_features, n_informative=3,
        n_redundant=1, random_state=0,
    )  # fmt: skip


def assert_same_as_sklearn(viz, reference, n_splits):
    """cv_results_, support_, ranking_ and n_features_ equal scikit-learn's."""
    keys = SCORE_KEYS + tuple(f"split{k}_test_score" for k in range(n_splits))
    assert set(viz.cv_results_) == set(keys)
    for key in keys:
        assert_array_equal(viz.cv_results_[key], reference.cv_results_[key], key)
    assert viz.n_features_ == reference.n_features_
    assert_array_equal(viz.support_, reference.support_)
    assert_array_equal(viz.ranking_, reference.ranking_)


# -- numbers: equal to scikit-learn's RFECV -----------------------------------------

CASES = {
    "logistic, step 1": (LogisticRegression(max_iter=500), {"cv": 4}, 4),
    "logistic, step 3, f1, at least 2": (
        LogisticRegression(max_iter=500),
        {"step": 3, "scoring": "f1", "min_features_to_select": 2, "cv": 3},
        3,
    ),
    "tree, step 0.25, roc auc, shuffled folds": (
        DecisionTreeClassifier(max_depth=4, random_state=0),
        {
            "step": 0.25,
            "scoring": "roc_auc",
            "cv": KFold(3, shuffle=True, random_state=1),
        },
        3,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_scores_and_selection_equal_sklearn_rfecv(case):
    model, params, n_splits = CASES[case]
    X, y = classification()
    viz = RFECV(model, **params).fit(X, y)
    reference = SklearnRFECV(model, **params).fit(X, y)
    assert_same_as_sklearn(viz, reference, n_splits)
    # Yellowbrick's attributes: the same scores by number of features, ascending.
    assert_array_equal(viz.n_feature_subsets_, reference.cv_results_["n_features"])
    folds = [reference.cv_results_[f"split{k}_test_score"] for k in range(3)]
    assert_array_equal(viz.cv_scores_[:, :3], np.column_stack(folds))


def test_regression_with_two_jobs_equals_sklearn_and_one_job():
    X, y = make_regression(
        n_samples=150, n_features=8, n_informative=3, noise=10, random_state=0
    )
    params = {"step": 2, "scoring": "neg_mean_squared_error", "cv": 3}
    one = RFECV(Ridge(), n_jobs=1, **params).fit(X, y)
    two = RFECV(Ridge(), n_jobs=2, **params).fit(X, y)
    reference = SklearnRFECV(Ridge(), n_jobs=2, **params).fit(X, y)
    assert_same_as_sklearn(one, reference, 3)
    assert_same_as_sklearn(two, reference, 3)
    # The default scoring of a regressor is R^2, as scikit-learn's.
    default = RFECV(Ridge(), cv=3).fit(X, y)
    assert_array_equal(
        default.cv_results_["mean_test_score"],
        SklearnRFECV(Ridge(), cv=3).fit(X, y).cv_results_["mean_test_score"],
    )


def test_groups_and_a_pipeline_with_an_importance_path_equal_sklearn():
    X, y = classification(n_features=6)
    groups = np.arange(len(y)) % 4
    model = make_pipeline(StandardScaler(), LogisticRegression())
    path = "named_steps.logisticregression.coef_"
    reference = SklearnRFECV(model, cv=GroupKFold(4), importance_getter=path)
    reference.fit(X, y, groups=groups)
    viz = RFECV(model, cv=GroupKFold(4), importance_getter=path, groups=groups)
    assert_same_as_sklearn(viz.fit(X, y), reference, 4)
    by_fit = RFECV(model, cv=GroupKFold(4), importance_getter=path)
    assert_same_as_sklearn(by_fit.fit(X, y, groups=groups), reference, 4)


def test_dataframe_input_and_a_callable_getter_give_the_same_results():
    X, y = classification(n_features=6)
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(6)])
    model = LogisticRegression(max_iter=500)
    by_array = RFECV(model, cv=3).fit(X, y)
    by_frame = RFECV(model, cv=3, importance_getter=lambda m: m.coef_).fit(
        frame, pd.Series(y)
    )
    for key in SCORE_KEYS:
        assert_allclose(by_frame.cv_results_[key], by_array.cv_results_[key])
    assert_array_equal(by_frame.support_, by_array.support_)
    assert list(by_frame.feature_names_in_) == list(frame.columns)
    assert list(by_frame.get_feature_names_out()) == list(
        frame.columns[by_frame.support_]
    )


def test_feature_counts_follow_step_and_the_lower_bound():
    assert_array_equal(feature_counts(10, 3, 1), [10, 7, 4, 1])
    assert_array_equal(feature_counts(10, 4, 3), [10, 6, 3])
    assert_array_equal(feature_counts(5, 1, 5), [5])
    assert step_size(0.25, 10) == 2 and step_size(0.01, 10) == 1
    assert step_size(3, 10) == 3


def test_user_model_is_never_fitted_and_the_rfe_predicts_and_scores():
    X, y = classification(n_features=6)
    model = LogisticRegression(max_iter=500)
    before = pickle.dumps(model)
    viz = RFECV(model, cv=3, scoring="balanced_accuracy").fit(X, y)
    assert pickle.dumps(model) == before
    assert not hasattr(model, "coef_")
    assert viz.rfe_estimator_.n_features_ == viz.n_features_
    assert_array_equal(viz.predict(X), viz.rfe_estimator_.predict(X))
    assert viz.transform(X).shape == (len(X), viz.n_features_)
    expected = get_scorer("balanced_accuracy")(viz.rfe_estimator_, X, y)
    assert viz.score(X, y) == viz.score_ == expected


# -- the drawing --------------------------------------------------------------------


def test_draws_mean_band_and_the_selected_number_in_the_legend():
    X, y = classification()
    viz = RFECV(LogisticRegression(max_iter=500), cv=3).fit(X, y)
    viz.plot()
    mean = viz.cv_results_["mean_test_score"]
    std = viz.cv_results_["std_test_score"]
    assert_allclose(
        viz.lines_["curve"].get_xydata(),
        np.column_stack([viz.n_feature_subsets_, mean]),
    )
    (band,) = viz.ax_.collections
    vertices = band.get_paths()[0].vertices
    assert_allclose(vertices[:, 1].max(), (mean + std).max())
    assert_allclose(vertices[:, 1].min(), (mean - std).min())
    assert_allclose(viz.lines_["n_features"].get_xdata(), [viz.n_features_] * 2)
    assert viz.lines_["n_features"].get_linestyle() == "--"
    best = mean[viz.n_feature_subsets_ == viz.n_features_][0]
    texts = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert f"n_features = {viz.n_features_}\nscore = {best:.3f}" in texts
    assert viz.ax_.get_title() == "RFECV for LogisticRegression"
    assert viz.ax_.get_xlabel() == "number of features selected"
    assert viz.ax_.get_ylabel() == "accuracy (cross-validated)"


def test_quick_method_returns_the_drawn_visualizer():
    X, y = classification(n_features=5)
    viz = rfecv(LogisticRegression(max_iter=500), X, y, cv=3, show=False)
    assert viz.n_features_ >= 1 and viz.ax_ is not None
    assert plt.get_fignums() == [viz.fig_.number]


def test_show_before_fit_raises_not_fitted():
    viz = RFECV(LogisticRegression())
    with pytest.raises(NotFitted):
        viz.show()
    with pytest.raises(NotFitted):
        viz.score(*classification(n_features=5))


# -- bad input ------------------------------------------------------------------------


def test_a_model_without_weights_points_to_permutation_importance():
    X, y = classification(n_features=5)
    with pytest.raises(ModelError, match="coef_ nor feature_importances_") as raised:
        RFECV(KNeighborsClassifier(), cv=3).fit(X, y)
    message = str(raised.value)
    assert "PermutationImportance" in message and "importance_getter" in message
    assert plt.get_fignums() == []


@pytest.mark.parametrize("step", [0, -1, 1.5, "one"])
def test_step_must_be_positive(step):
    X, y = classification(n_features=5)
    with pytest.raises(VizkitValueError, match=r"step=.* positive integer"):
        RFECV(LogisticRegression(), step=step).fit(X, y)


def test_more_folds_than_the_smallest_class_is_refused():
    X, y = classification(n_features=5)
    y = y.copy()
    y[np.flatnonzero(y == 1)[4:]] = 0  # class 1 keeps 4 members
    with pytest.raises(VizkitValueError, match="cv asks for 5 stratified folds"):
        RFECV(LogisticRegression(), cv=5).fit(X, y)


def test_an_unknown_scoring_name_is_refused_with_suggestions():
    X, y = classification(n_features=5)
    with pytest.raises(VizkitValueError, match="scoring='acuracy'.*'accuracy'"):
        RFECV(LogisticRegression(), scoring="acuracy").fit(X, y)


class FailsOnFewRows(LogisticRegression):
    """A classifier whose fit fails on fewer than 150 rows."""

    def fit(self, X, y, sample_weight=None):
        if len(X) < 150:
            raise ValueError("too few rows")
        return super().fit(X, y, sample_weight)


def test_a_fit_failing_in_one_fold_names_the_fold_and_keeps_its_type():
    X, y = classification(n_features=5)
    rows = np.arange(len(y))
    splits = [(rows[:160], rows[160:]), (rows[60:], rows[:60])]  # 160, 140 rows
    with pytest.raises(ValueError, match="too few rows") as raised:
        RFECV(FailsOnFewRows(), cv=splits).fit(X, y)
    assert str(raised.value).startswith(
        "RFECV: FailsOnFewRows failed in fold 2 of 2 (140 training rows)"
    )
    assert plt.get_fignums() == []


def test_too_few_features_are_refused():
    X, y = classification(n_features=5)
    with pytest.raises(VizkitValueError, match="min_features_to_select=6"):
        RFECV(LogisticRegression(), min_features_to_select=6).fit(X, y)
    with pytest.raises(VizkitValueError, match="a minimum of 2 is required"):
        RFECV(LogisticRegression()).fit(X[:, :1], y)


def test_importances_of_the_wrong_shape_name_the_getter():
    X, y = classification(n_features=5)
    with pytest.raises(VizkitValueError, match="importance_getter gave"):
        RFECV(LogisticRegression(), importance_getter=lambda m: [1.0]).fit(X, y)
    with pytest.raises(VizkitValueError, match="importance_getter='no-such'"):
        RFECV(LogisticRegression(), importance_getter="no-such").fit(X, y)
    with pytest.raises(ModelError, match="no attribute 'missing_'"):
        RFECV(LogisticRegression(), importance_getter="missing_", cv=2).fit(X, y)


def test_verbose_shows_a_progress_bar_over_the_folds(capsys):
    X, y = classification(n_features=4)
    RFECV(LogisticRegression(), cv=3, verbose=True).fit(X, y)
    assert "RFECV folds" in capsys.readouterr().err
