"""Tests of CVScores: scores against cross_val_score, then the drawing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.datasets import make_classification, make_regression
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import KFold, cross_val_score
from sklearn.naive_bayes import GaussianNB

from vizkit.exceptions import NotFitted, VizkitValueError
from vizkit.model_selection import CVScores, cv_scores

#: A value no generated feature takes: the row holding it makes FailsWithout fail.
SENTINEL = 999.0


@pytest.fixture(scope="module")
def classification():
    X, y = make_classification(
        n_samples=240, n_features=6, n_informative=4, n_redundant=0,
        n_classes=3, flip_y=0.05, random_state=0,
    )  # fmt: skip
    return X, y


@pytest.fixture(scope="module")
def regression():
    return make_regression(n_samples=200, n_features=5, noise=10, random_state=1)


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
def test_cv_scores_equal_cross_val_score_for_a_classifier(classification, n_jobs):
    X, y = classification
    model = LogisticRegression(max_iter=500)
    viz = CVScores(model, cv=4, scoring="f1_macro", n_jobs=n_jobs).fit(X, y)
    expected = cross_val_score(model, X, y, cv=4, scoring="f1_macro")
    assert_allclose(viz.cv_scores_, expected, rtol=1e-12)
    assert viz.cv_scores_mean_ == pytest.approx(expected.mean(), rel=1e-12)
    assert viz.cv_scores_std_ == pytest.approx(expected.std(), rel=1e-12)
    assert viz.fit_times_.shape == viz.score_times_.shape == (4,)
    reference = LogisticRegression(max_iter=500).fit(X, y)
    assert_allclose(model.coef_, reference.coef_)  # then fitted on all of X


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_cv_scores_equal_cross_val_score_for_a_regressor(regression, n_jobs):
    X, y = regression
    cv = KFold(5, shuffle=True, random_state=2)
    viz = CVScores(Ridge(), cv=cv, scoring="neg_mean_squared_error", n_jobs=n_jobs)
    viz.fit(X, y)
    expected = cross_val_score(Ridge(), X, y, cv=cv, scoring="neg_mean_squared_error")
    assert_allclose(viz.cv_scores_, expected, rtol=1e-12)


def test_default_scoring_cv_and_sample_weight_equal_scikit_learn(classification):
    X, y = classification
    weights = np.random.default_rng(0).uniform(0.5, 2.0, len(y))
    viz = CVScores(GaussianNB()).fit(X, y, sample_weight=weights)
    expected = cross_val_score(GaussianNB(), X, y, params={"sample_weight": weights})
    assert_allclose(viz.cv_scores_, expected, rtol=1e-12)
    assert len(viz.cv_scores_) == 5  # scikit-learn's default: 5 folds


def test_dataframe_input_gives_the_same_scores(classification):
    X, y = classification
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    viz = CVScores(GaussianNB(), cv=3).fit(frame, pd.Series(y))
    assert_allclose(viz.cv_scores_, cross_val_score(GaussianNB(), X, y, cv=3))
    assert list(viz.feature_names_in_) == list(frame.columns)


def test_polars_input_gives_the_same_scores(classification):
    pl = pytest.importorskip("polars")
    X, y = classification
    frame = pl.DataFrame({f"f{i}": X[:, i] for i in range(X.shape[1])})
    viz = CVScores(GaussianNB(), cv=3).fit(frame, y)
    assert_allclose(viz.cv_scores_, cross_val_score(GaussianNB(), X, y, cv=3))


def test_score_is_the_fitted_models_scoring_and_a_prefit_model_is_kept(
    classification,
):
    X, y = classification
    model = GaussianNB().fit(X[120:], y[120:])
    viz = CVScores(model, cv=3, scoring="balanced_accuracy").fit(X[:120], y[:120])
    assert_allclose(model.theta_, GaussianNB().fit(X[120:], y[120:]).theta_)
    expected = balanced_accuracy_score(y[:120], model.predict(X[:120]))
    assert viz.score(X[:120], y[:120]) == pytest.approx(expected, rel=1e-12)


def test_score_before_fit_raises_not_fitted(classification):
    with pytest.raises(NotFitted):
        CVScores(GaussianNB()).score(*classification)


def test_verbose_shows_a_progress_bar(classification, capsys):
    CVScores(GaussianNB(), cv=3, verbose=True).fit(*classification)
    assert "CVScores fits" in capsys.readouterr().err


# -- bad input ------------------------------------------------------------------------


def test_more_folds_than_members_of_the_smallest_class(classification):
    X, y = classification
    y = y.copy()
    y[:] = np.where(np.arange(len(y)) < 3, 7, y)  # class 7: three members
    before = y.copy()
    with pytest.raises(VizkitValueError, match=r"cv .* class 7 has only 3"):
        CVScores(GaussianNB(), cv=5).fit(X, y)
    assert_array_equal(y, before)


def test_unknown_scoring_name_is_a_clear_error(classification):
    with pytest.raises(VizkitValueError, match=r"scoring='acuracy'.*'accuracy'"):
        CVScores(GaussianNB(), scoring="acuracy").fit(*classification)


def test_a_fit_failing_in_one_fold_names_the_fold(classification):
    X, y = classification
    X = X.copy()
    X[100, 0] = SENTINEL  # in the second of three folds: only its fit fails
    with pytest.raises(ValueError, match=r"^CVScores: .*fold 2 of 3.*sentinel"):
        CVScores(FailsWithout(), cv=KFold(3)).fit(X, y)


def test_cv_of_one_fold_is_refused(classification):
    with pytest.raises(VizkitValueError, match="cv=1"):
        CVScores(GaussianNB(), cv=1).fit(*classification)


# -- drawing ------------------------------------------------------------------------


def test_a_bar_per_fold_and_the_mean_dashed(classification):
    viz = cv_scores(GaussianNB(), *classification, cv=4, color="red", show=False)
    heights = [bar.get_height() for bar in viz.bars_]
    centres = [bar.get_x() + bar.get_width() / 2 for bar in viz.bars_]
    assert_allclose(heights, viz.cv_scores_)
    assert_allclose(centres, [1, 2, 3, 4])
    assert_allclose(viz.mean_line_.get_ydata(), viz.cv_scores_mean_)
    assert viz.mean_line_.get_linestyle() == "--"
    assert viz.bars_[0].get_facecolor() == (1.0, 0.0, 0.0, 1.0)
    texts = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert texts == [f"Mean score = {viz.cv_scores_mean_:0.3f}"]
    assert viz.ax_.get_title() == "Cross Validation Scores for GaussianNB"
    assert viz.ax_.get_xlabel() == "Fold"


def test_set_params_of_color_then_plot_redraws_without_refitting(classification):
    viz = CVScores(GaussianNB(), cv=3).fit(*classification)
    scores = viz.cv_scores_
    viz.plot()
    viz.set_params(color="green").plot()
    assert viz.cv_scores_ is scores
    assert viz.bars_[0].get_facecolor() == (0.0, 0.5019607843137255, 0.0, 1.0)
