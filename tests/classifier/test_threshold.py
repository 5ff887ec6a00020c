"""Tests of DiscriminationThreshold: trials against scikit-learn, then the drawing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.datasets import make_classification
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import (
    fbeta_score,
    precision_recall_curve,
    precision_score,
    recall_score,
)
from sklearn.model_selection import StratifiedShuffleSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC
from sklearn.utils import get_tags

from vizkit.classifier import DiscriminationThreshold, discrimination_threshold
from vizkit.classifier.threshold import (
    METRICS,
    N_THRESHOLDS,
    TrialData,
    fit_and_count,
    threshold_metrics,
)
from vizkit.exceptions import ModelError, NotFitted, VizkitValueError

N_TRIALS = 5
TEST_SIZE = 0.2
SEED = 3
#: Every 100th grid threshold is checked against scikit-learn's metrics.
EVERY = 100


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        n_samples=300, n_features=6, n_informative=4, n_redundant=0,
        flip_y=0.1, random_state=0,
    )  # fmt: skip
    return X, y


class PredictOnly(ClassifierMixin, BaseEstimator):
    """A classifier with neither predict_proba nor decision_function."""

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])


def trial_data(X, y, fit_params=None):
    return TrialData(X, y, y == 1, "predict_proba", 1, fit_params or {})


def logistic():
    return LogisticRegression(max_iter=500)


def fitted(model, X, y, **params):
    params = {"n_trials": N_TRIALS, "cv": TEST_SIZE, "random_state": SEED, **params}
    return DiscriminationThreshold(model, **params).fit(X, y)


def splits_of(y, label=1, n_trials=N_TRIALS, test_size=TEST_SIZE, seed=SEED):
    """The trials' splits, rebuilt as the documentation says they are made.

    One stratified shuffle split per trial, stratified on the positive class,
    seeded by the trial's own seed drawn from ``random_state``.
    """
    seeds = np.random.RandomState(seed).randint(np.iinfo(np.int32).max, size=n_trials)
    rows = np.zeros((len(y), 1))
    return [
        next(StratifiedShuffleSplit(1, test_size=test_size, random_state=s).split(
            rows, y == label
        ))
        for s in seeds
    ]  # fmt: skip


def positive_scores_of(model, X, label, method="predict_proba"):
    raw = getattr(model, method)(X)
    column = list(model.classes_).index(label)
    if raw.ndim == 2:
        return raw[:, column]
    return raw if column == 1 else -raw


def reference_trials(model, X, y, label, thresholds, fbeta=1.0, **kwargs):
    """Each trial's metrics at ``thresholds`` from sklearn.metrics: (trials, 4, t)."""
    trials = []
    for train, test in splits_of(y, label):
        trial = clone(model).fit(X[train], y[train])
        scores = positive_scores_of(trial, X[test], label, **kwargs)
        truth = y[test] == label
        rows = []
        for threshold in thresholds:
            predicted = scores >= threshold
            rows.append([
                precision_score(truth, predicted, zero_division=1.0),
                recall_score(truth, predicted),
                fbeta_score(truth, predicted, beta=fbeta, zero_division=0.0),
                predicted.mean(),
            ])  # fmt: skip
        trials.append(np.array(rows).T)
    return np.stack(trials)


# -- numbers: one trial ----------------------------------------------------------------


def test_one_trial_equals_precision_recall_curve_and_fbeta_score(data):
    X, y = data
    split = splits_of(y)[0]
    counts = fit_and_count(logistic(), trial_data(X, y), *split)
    train, test = split
    scores = logistic().fit(X[train], y[train]).predict_proba(X[test])[:, 1]
    precision, recall, thresholds = precision_recall_curve(y[test], scores)
    assert_allclose(counts.thresholds[::-1], thresholds)
    values = threshold_metrics(counts, counts.thresholds, fbeta=2.0)
    assert_allclose(values[0][::-1], precision[:-1])
    assert_allclose(values[1][::-1], recall[:-1])
    for index, threshold in enumerate(counts.thresholds):
        predicted = scores >= threshold
        assert values[2][index] == pytest.approx(
            fbeta_score(y[test], predicted, beta=2.0)
        )
        assert values[3][index] == pytest.approx(predicted.mean())


def test_metrics_between_distinct_scores_are_the_step_values(data):
    X, y = data
    split = splits_of(y)[1]
    counts = fit_and_count(logistic(), trial_data(X, y), *split)
    grid = np.linspace(0, 1, 41)  # mostly between two scores, and beyond all
    train, test = split
    scores = logistic().fit(X[train], y[train]).predict_proba(X[test])[:, 1]
    values = threshold_metrics(counts, grid, fbeta=0.5)
    truth = y[test] == 1
    for index, threshold in enumerate(grid):
        predicted = scores >= threshold
        expected = [
            precision_score(truth, predicted, zero_division=1.0),
            recall_score(truth, predicted),
            fbeta_score(truth, predicted, beta=0.5, zero_division=0.0),
            predicted.mean(),
        ]
        assert_allclose(values[:, index], expected, err_msg=str(threshold))


def test_fit_params_are_cut_to_each_trials_training_rows(data):
    X, y = data
    weight = np.random.default_rng(0).uniform(0.1, 3, len(y))
    train, test = split = splits_of(y)[0]
    data = trial_data(X, y, fit_params={"sample_weight": weight})
    counts = fit_and_count(logistic(), data, *split)
    model = logistic().fit(X[train], y[train], sample_weight=weight[train])
    expected = np.unique(model.predict_proba(X[test])[:, 1])[::-1]
    assert_allclose(counts.thresholds, expected)


# -- numbers: the trials and their quantiles ----------------------------------------


def test_cv_scores_are_quantiles_of_sklearn_metrics_across_trials(data):
    X, y = data
    quantiles = (0.25, 0.5, 0.75)
    viz = fitted(logistic(), X, y, quantiles=quantiles, fbeta=2.0)
    assert_allclose(viz.thresholds_, np.linspace(0, 1, N_THRESHOLDS))
    grid = viz.thresholds_[::EVERY]
    trials = reference_trials(logistic(), X, y, 1, grid, fbeta=2.0)
    lower, middle, upper = np.quantile(trials, quantiles, axis=0)
    for index, metric in enumerate(METRICS):
        assert_allclose(viz.cv_scores_[metric][::EVERY], middle[index], err_msg=metric)
        assert_allclose(viz.cv_scores_[f"{metric}_lower"][::EVERY], lower[index])
        assert_allclose(viz.cv_scores_[f"{metric}_upper"][::EVERY], upper[index])
    assert viz.n_trials_ == N_TRIALS
    assert viz.target_type_ == "binary"
    assert_array_equal(viz.class_counts_, np.bincount(y))


@pytest.mark.parametrize("argmax", ["fscore", "precision", "recall", "queue_rate"])
def test_threshold_is_the_argmax_of_the_median_curve(data, argmax):
    X, y = data
    viz = fitted(logistic(), X, y, argmax=argmax)
    best = np.argmax(viz.cv_scores_[argmax])
    assert viz.threshold_ == viz.thresholds_[best]
    assert viz.score_ == pytest.approx(viz.cv_scores_["fscore"][best])


def test_default_threshold_maximises_the_median_f1(data):
    X, y = data
    viz = fitted(logistic(), X, y)
    grid = np.r_[viz.threshold_, viz.thresholds_[::40]]
    median_f1 = np.median(reference_trials(logistic(), X, y, 1, grid)[:, 2], axis=0)
    assert viz.score_ == pytest.approx(median_f1[0])  # the median F1 at threshold_
    assert viz.score_ >= median_f1.max() - 1e-12  # and no other threshold does better


def test_decision_function_thresholds_span_the_trials_scores(data):
    X, y = data
    viz = fitted(LinearSVC(), X, y)
    every = []
    for train, test in splits_of(y):
        model = LinearSVC().fit(X[train], y[train])
        every.append(model.decision_function(X[test]))
    every = np.concatenate(every)
    assert viz.thresholds_[0] == pytest.approx(every.min())
    assert viz.thresholds_[-1] == pytest.approx(every.max())
    grid = viz.thresholds_[::EVERY]
    trials = reference_trials(LinearSVC(), X, y, 1, grid, method="decision_function")
    assert_allclose(viz.cv_scores_["fscore"][::EVERY], np.median(trials[:, 2], axis=0))
    assert viz.cv_scores_["queue_rate"][0] == 1.0  # everything at or above the lowest


def test_string_labels_and_pos_label_first_class(data):
    X, codes = data
    y = np.array(["no", "yes"])[codes]
    viz = fitted(logistic(), X, y, pos_label="no")
    grid = viz.thresholds_[::EVERY]
    trials = reference_trials(logistic(), X, y, "no", grid)
    assert_allclose(viz.cv_scores_["recall"][::EVERY], np.median(trials[:, 1], axis=0))
    assert_allclose(
        viz.cv_scores_["precision"][::EVERY], np.median(trials[:, 0], axis=0)
    )
    svc = fitted(LinearSVC(), X, y, pos_label="no")  # the decision function negated
    grid = svc.thresholds_[::EVERY]
    trials = reference_trials(LinearSVC(), X, y, "no", grid, method="decision_function")
    assert_allclose(svc.cv_scores_["fscore"][::EVERY], np.median(trials[:, 2], axis=0))


def test_pipeline_dataframe_and_text_models(data):
    X, y = data
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    pipe = make_pipeline(StandardScaler(), logistic())
    by_frame = fitted(pipe, frame, pd.Series(y))
    by_array = fitted(make_pipeline(StandardScaler(), logistic()), X, y)
    for key, value in by_array.cv_scores_.items():
        assert_allclose(by_frame.cv_scores_[key], value, err_msg=key)
    assert list(by_frame.feature_names_in_) == list(frame.columns)
    by_coo = fitted(logistic(), sparse.coo_matrix(X), y)  # not row-indexable as is
    assert_array_equal(
        by_coo.cv_scores_["fscore"], fitted(logistic(), X, y).cv_scores_["fscore"]
    )
    docs = ["good fine great", "bad awful poor", "great good", "poor bad"] * 15
    labels = np.array(["positive", "negative"] * 30)
    text = fitted(make_pipeline(TfidfVectorizer(), logistic()), docs, labels)
    assert text.cv_scores_["recall"][0] == 1.0


# -- parallelism, seeds, the user's model ------------------------------------------


def test_n_jobs_one_and_two_give_identical_results(data):
    X, y = data
    one = fitted(logistic(), X, y, n_jobs=1)
    two = fitted(logistic(), X, y, n_jobs=2)
    assert set(one.cv_scores_) == set(two.cv_scores_)
    for key, value in one.cv_scores_.items():
        assert_array_equal(two.cv_scores_[key], value, err_msg=key)
    assert one.threshold_ == two.threshold_


def test_same_seed_same_result_other_seed_other_splits(data):
    X, y = data
    first = fitted(logistic(), X, y, random_state=7)
    again = fitted(logistic(), X, y, random_state=7)
    other = fitted(logistic(), X, y, random_state=8)
    assert_array_equal(
        first.cv_scores_["fscore_upper"], again.cv_scores_["fscore_upper"]
    )
    assert not np.array_equal(
        first.cv_scores_["fscore_upper"], other.cv_scores_["fscore_upper"]
    )


def test_user_model_params_untouched_and_fitted_on_all_data(data):
    X, y = data
    model = LogisticRegression(C=0.3, max_iter=500)
    params = model.get_params()
    viz = fitted(model, X, y)
    assert model.get_params() == params
    assert viz.estimator is model
    reference = LogisticRegression(C=0.3, max_iter=500).fit(X, y)
    assert_allclose(model.coef_, reference.coef_)
    assert_array_equal(viz.predict(X), reference.predict(X))


def test_prefit_model_is_kept_and_trials_fit_clones(data):
    X, y = data
    model = logistic().fit(X[:100], y[:100])
    coef = model.coef_.copy()
    viz = fitted(model, X, y)
    assert_array_equal(model.coef_, coef)  # not refitted on all of X
    refit = fitted(logistic(), X, y)
    assert_array_equal(viz.cv_scores_["fscore"], refit.cv_scores_["fscore"])
    with pytest.raises(NotFitted, match="is_fitted=True"):
        fitted(logistic(), X, y, is_fitted=True)


def test_splitter_cv_is_copied_reseeded_and_repeated(data):
    X, y = data
    splitter = StratifiedShuffleSplit(n_splits=2, test_size=0.25, random_state=99)
    viz = fitted(logistic(), X, y, cv=splitter, n_trials=3)
    assert viz.n_trials_ == 6
    assert splitter.random_state == 99  # the user's splitter is not changed
    again = fitted(logistic(), X, y, cv=splitter, n_trials=3)
    assert_array_equal(viz.cv_scores_["recall"], again.cv_scores_["recall"])


def test_verbose_shows_a_progress_bar(data, capsys):
    X, y = data
    fitted(logistic(), X, y, verbose=True)
    assert f"{N_TRIALS}/{N_TRIALS}" in capsys.readouterr().err
    fitted(logistic(), X, y)
    assert capsys.readouterr().err == ""


# -- score, from_estimator, from_predictions ----------------------------------------


def test_score_is_fbeta_on_test_data_at_the_chosen_threshold(data):
    X, y = data
    viz = fitted(logistic(), X[:200], y[:200], fbeta=2.0)
    proba = viz.estimator.predict_proba(X[200:])[:, 1]
    expected = fbeta_score(y[200:], proba >= viz.threshold_, beta=2.0)
    assert viz.score(X[200:], y[200:]) == pytest.approx(expected)
    assert viz.score_ == pytest.approx(expected)


def test_from_predictions_is_one_trial_and_equals_from_estimator(data):
    X, y = data
    model = logistic().fit(X, y)
    proba = model.predict_proba(X)[:, 1]
    by_scores = DiscriminationThreshold.from_predictions(y, proba)
    by_model = DiscriminationThreshold.from_estimator(model, X, y)
    for key, value in by_scores.cv_scores_.items():
        assert_allclose(by_model.cv_scores_[key], value, err_msg=key)
    scores = by_scores.cv_scores_
    assert_array_equal(scores["fscore_lower"], scores["fscore_upper"])
    best = np.argmax(scores["fscore"])
    expected = fbeta_score(y, proba >= by_scores.thresholds_[best], beta=1.0)
    assert by_scores.score_ == pytest.approx(expected)
    assert by_scores.n_trials_ == 1


def test_from_predictions_decision_scores_and_pos_label():
    y = np.array(["a", "b", "a", "b", "b", "a"])
    decision = np.array([-2.0, 1.5, -0.5, 3.0, -1.0, 0.5])
    viz = DiscriminationThreshold.from_predictions(y, decision, pos_label="b")
    assert viz.thresholds_[0] == -2.0 and viz.thresholds_[-1] == 3.0
    assert viz.cv_scores_["recall"][0] == 1.0
    with pytest.raises(VizkitValueError, match="pos_label"):
        DiscriminationThreshold.from_predictions(y, decision)


# -- drawing ------------------------------------------------------------------------


def test_lines_bands_and_threshold_line_are_drawn(data):
    X, y = data
    viz = fitted(logistic(), X, y, classes=["negative", "positive"])
    viz.plot()
    for metric in METRICS:
        assert_allclose(
            viz.lines_[metric].get_xydata(),
            np.column_stack([viz.thresholds_, viz.cv_scores_[metric]]),
        )
    assert len(viz.ax_.collections) == 4  # one band per metric
    band = viz.ax_.collections[2].get_paths()[0].vertices  # the F1 band
    assert band[:, 1].min() == pytest.approx(viz.cv_scores_["fscore_lower"].min())
    assert band[:, 1].max() == pytest.approx(viz.cv_scores_["fscore_upper"].max())
    assert_array_equal(viz.lines_["threshold"].get_xdata(), [viz.threshold_] * 2)
    legend = [text.get_text() for text in viz.ax_.get_legend().get_texts()]
    best = f"max F1 score = {viz.score_:.2f}"
    assert legend[:4] == ["precision", "recall", "F1 score", "queue rate"]
    assert legend[4] == f"t = {viz.threshold_:.2f}, {best}"
    assert "positive" in viz.ax_.get_xlabel()
    assert viz.ax_.get_title() == "Threshold Plot for LogisticRegression"


def test_exclude_removes_lines_and_redraws_without_refitting(data):
    X, y = data
    viz = fitted(logistic(), X, y, exclude=["queue_rate", "precision"])
    viz.plot()
    assert set(viz.lines_) == {"recall", "fscore", "threshold"}
    assert len(viz.ax_.collections) == 2
    assert len(viz.ax_.get_legend().get_texts()) == 3
    scores = viz.cv_scores_
    viz.set_params(exclude="recall").plot()
    assert viz.cv_scores_ is scores
    assert set(viz.lines_) == {"precision", "fscore", "queue_rate", "threshold"}


def test_argmax_none_draws_no_threshold_line(data):
    X, y = data
    viz = fitted(logistic(), X, y, argmax=None)
    viz.plot()
    assert "threshold" not in viz.lines_
    assert len(viz.ax_.lines) == 4
    assert viz.threshold_ == viz.thresholds_[np.argmax(viz.cv_scores_["fscore"])]


def test_fbeta_names_the_f_score(data):
    X, y = data
    viz = fitted(logistic(), X, y, fbeta=0.5, argmax="fscore").plot()
    assert viz.lines_["fscore"].get_label() == "F0.5 score"


def test_quick_method_fits_and_draws(data):
    X, y = data
    viz = discrimination_threshold(
        logistic(), X, y, n_trials=3, random_state=0, show=False
    )
    assert viz.n_trials_ == 3 and len(viz.ax_.lines) == 5


# -- bad input ----------------------------------------------------------------------


BAD_PARAMS = [
    ({"fbeta": 0}, "fbeta"),
    ({"fbeta": -1.0}, "fbeta"),
    ({"quantiles": (0.9, 0.5, 0.1)}, "quantiles"),
    ({"quantiles": (0.1, 0.5)}, "quantiles"),
    ({"quantiles": (0.1, 0.5, 1.5)}, "quantiles"),
    ({"argmax": "f1"}, "argmax"),
    ({"argmax": "recall", "exclude": ["recall"]}, "argmax"),
    ({"exclude": ["precision", "accuracy"]}, "exclude"),
    ({"exclude": list(METRICS), "argmax": None}, "exclude"),
    ({"cv": 0.0}, "cv"),
    ({"cv": 1.0}, "cv"),
    ({"cv": 5}, "cv"),
    ({"cv": "shuffle"}, "cv"),
    ({"n_trials": 0}, "n_trials"),
    ({"n_jobs": 0}, "n_jobs"),
    ({"random_state": "seed"}, "random_state"),
    ({"random_state": -1}, "random_state"),
]


@pytest.mark.parametrize("params, name", BAD_PARAMS)
def test_bad_parameters_raise_one_clear_error(data, params, name):
    X, y = data
    X_before, y_before = X.copy(), y.copy()
    with pytest.raises(VizkitValueError, match=name):
        fitted(logistic(), X, y, **params)
    assert_array_equal(X, X_before)
    assert_array_equal(y, y_before)


def test_multiclass_target_names_the_binary_requirement(data):
    X, _ = data
    y = np.arange(len(X)) % 3
    with pytest.raises(VizkitValueError, match="binary.*one-vs-rest"):
        fitted(logistic(), X, y)
    with pytest.raises(VizkitValueError, match="binary"):
        DiscriminationThreshold.from_predictions(y, np.ones((len(y), 3)) / 3)


def test_too_few_samples_for_the_splits_names_cv(data):
    X, y = data
    with pytest.raises(VizkitValueError, match="cv"):
        fitted(logistic(), X[:3], y[:3], cv=0.1)
    rare = np.zeros(len(y), dtype=int)
    rare[:3] = 1  # 3 positives: a 10% test part of 300 rows rarely holds one
    with pytest.raises(VizkitValueError, match="positive class"):
        fitted(logistic(), X, rare, cv=0.01, n_trials=20)


def test_models_that_cannot_serve_are_refused(data):
    X, y = data
    with pytest.raises(ModelError, match="not a classifier"):
        fitted(LinearRegression(), X, y)

    with pytest.raises(ModelError, match="predict_proba or decision_function"):
        fitted(PredictOnly(), X, y)


def test_tags_say_binary_only_and_follow_the_model():
    assert not get_tags(DiscriminationThreshold(logistic())).classifier_tags.multi_class
    assert get_tags(DiscriminationThreshold(None)).classifier_tags is None
    assert get_tags(DiscriminationThreshold(LinearRegression())).regressor_tags


def test_score_before_fit_raises_not_fitted(data):
    X, y = data
    with pytest.raises(NotFitted):
        DiscriminationThreshold(logistic()).score(X, y)


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_a_model_error_in_a_trial_names_the_visualizer(data, n_jobs):
    X, y = data
    model = logistic().fit(X, y)  # prefit: the first fit is a trial's
    bad = X.copy()
    bad[5, 0] = np.nan
    with pytest.raises(ValueError, match="^DiscriminationThreshold: .* in a trial"):
        fitted(model, bad, y, n_jobs=n_jobs)
    assert np.isnan(bad[5, 0])


def test_yellowbrick_documented_example_runs_with_the_import_changed():
    """Yellowbrick's docs example (its spam data replaced by bundled binary data)."""
    from vizkit.datasets import load_breast_cancer

    X, y = load_breast_cancer()
    model = LogisticRegression(solver="liblinear")
    visualizer = DiscriminationThreshold(model, random_state=0)
    visualizer.fit(X, y)
    visualizer.show()
    assert visualizer.n_trials_ == 50
    assert 0 < visualizer.threshold_ < 1
    assert visualizer.ax_.get_title() == "Threshold Plot for LogisticRegression"
    quick = discrimination_threshold(
        LogisticRegression(solver="liblinear"), X, y, random_state=0, show=False
    )
    assert_array_equal(quick.cv_scores_["fscore"], visualizer.cv_scores_["fscore"])
