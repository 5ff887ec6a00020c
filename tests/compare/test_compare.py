"""The comparison visualizers: several models on one figure, each predicted once."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import calibration_curve
from sklearn.datasets import make_classification, make_regression
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import (
    auc,
    average_precision_score,
    brier_score_loss,
    precision_recall_curve,
    r2_score,
    roc_curve,
)
from sklearn.model_selection import GridSearchCV, learning_curve, train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.preprocessing import label_binarize
from sklearn.svm import LinearSVC
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from vizkit.compare import (
    CalibrationComparison,
    LearningCurveComparison,
    ModelComparison,
    PrecisionRecallComparison,
    ResidualsComparison,
    ROCComparison,
    roc_comparison,
)
from vizkit.exceptions import ModelError, NotFitted, VizkitValueError

CALLS: list[str] = []


class CountingLogisticRegression(LogisticRegression):
    """Logs every prediction call made from outside (not predict_proba's own)."""

    def _logged(self, method: str, X):
        outer = not getattr(self, "_inside", False)
        if outer:
            CALLS.append(method)
        self._inside = True
        try:
            return getattr(super(), method)(X)
        finally:
            self._inside = not outer

    def predict_proba(self, X):
        return self._logged("predict_proba", X)

    def decision_function(self, X):
        return self._logged("decision_function", X)

    def predict(self, X):
        return self._logged("predict", X)


class PredictOnly(ClassifierMixin, BaseEstimator):
    """A classifier with neither predict_proba nor decision_function."""

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])


def split(n_classes=2, seed=0):
    X, y = make_classification(
        n_samples=240, n_features=6, n_informative=4, n_redundant=0,
        n_classes=n_classes, random_state=seed,
    )  # fmt: skip
    return train_test_split(X, y, test_size=0.4, random_state=seed)


def classifiers():
    return [LogisticRegression(max_iter=500), GaussianNB()]


def fitted_roc(models=None, n_classes=2, **params):
    X_train, X_test, y_train, y_test = split(n_classes)
    viz = ROCComparison(models or classifiers(), **params).fit(X_train, y_train)
    viz.score(X_test, y_test)
    return viz, X_test, y_test


# -- numbers equal scikit-learn's ---------------------------------------------------


def test_binary_roc_of_each_model_equals_roc_curve():
    viz, X_test, y_test = fitted_roc()
    for name, model in viz.named_estimators.items():
        fpr, tpr, _ = roc_curve(y_test, model.predict_proba(X_test)[:, 1])
        assert_allclose(viz.fpr_[name], fpr, rtol=1e-12)
        assert_allclose(viz.tpr_[name], tpr, rtol=1e-12)
        assert viz.roc_auc_[name] == pytest.approx(auc(fpr, tpr), rel=1e-12)
    assert viz.score_ == max(viz.scores_)
    assert viz.curve_of_ == "class 1"


def test_multiclass_roc_is_the_micro_average_or_one_class():
    viz, X_test, y_test = fitted_roc(n_classes=3)
    onehot = label_binarize(y_test, classes=[0, 1, 2])
    for name, model in viz.named_estimators.items():
        fpr, tpr, _ = roc_curve(onehot.ravel(), model.predict_proba(X_test).ravel())
        assert_allclose(viz.fpr_[name], fpr, rtol=1e-12)
        assert_allclose(viz.tpr_[name], tpr, rtol=1e-12)
    assert viz.curve_of_ == "micro-average of 3 classes"
    viz, X_test, y_test = fitted_roc(n_classes=3, pos_label=2)
    model = viz.named_estimators["GaussianNB"]
    fpr, _, _ = roc_curve(y_test == 2, model.predict_proba(X_test)[:, 2])
    assert_allclose(viz.fpr_["GaussianNB"], fpr, rtol=1e-12)


def test_decision_function_and_pos_label_zero():
    models = [LinearSVC(), LogisticRegression()]
    viz, X_test, y_test = fitted_roc(models, pos_label=0)
    fpr, tpr, _ = roc_curve(y_test, -models[0].decision_function(X_test), pos_label=0)
    assert_allclose(viz.fpr_["LinearSVC"], fpr, rtol=1e-12)
    assert_allclose(viz.tpr_["LinearSVC"], tpr, rtol=1e-12)


@pytest.mark.parametrize("n_classes", [2, 3])
def test_precision_recall_equals_scikit_learn(n_classes):
    X_train, X_test, y_train, y_test = split(n_classes)
    viz = PrecisionRecallComparison(classifiers()).fit(X_train, y_train)
    viz.score(X_test, y_test)
    truth = label_binarize(y_test, classes=range(n_classes))
    for name, model in viz.named_estimators.items():
        proba = model.predict_proba(X_test)
        truth_, proba_ = (
            (y_test, proba[:, 1]) if n_classes == 2 else (truth.ravel(), proba.ravel())
        )
        precision, recall, _ = precision_recall_curve(truth_, proba_)
        assert_allclose(viz.precision_[name], precision, rtol=1e-12)
        assert_allclose(viz.recall_[name], recall, rtol=1e-12)
        ap = average_precision_score(truth_, proba_)
        assert viz.average_precision_[name] == pytest.approx(ap, rel=1e-12)


def test_calibration_equals_calibration_curve_and_brier():
    X_train, X_test, y_train, y_test = split()
    viz = CalibrationComparison(classifiers(), n_bins=5, strategy="quantile")
    viz.fit(X_train, y_train).score(X_test, y_test)
    for name, model in viz.named_estimators.items():
        proba = model.predict_proba(X_test)[:, 1]
        prob_true, prob_pred = calibration_curve(
            y_test, proba, n_bins=5, strategy="quantile"
        )
        assert_allclose(viz.prob_true_[name], prob_true, rtol=1e-12)
        assert_allclose(viz.prob_pred_[name], prob_pred, rtol=1e-12)
        brier = brier_score_loss(y_test, proba)
        assert viz.brier_[name] == pytest.approx(brier, rel=1e-12)
    assert viz.score_ == min(viz.scores_)  # lower is better


def regression_split():
    X, y = make_regression(n_samples=200, n_features=4, noise=10, random_state=0)
    return train_test_split(X, y, test_size=0.4, random_state=0)


def test_residuals_equal_y_minus_predict_with_frames():
    X_train, X_test, y_train, y_test = regression_split()
    X_train, X_test = pd.DataFrame(X_train), pd.DataFrame(X_test)
    models = [Ridge(), DecisionTreeRegressor(max_depth=3, random_state=0)]
    viz = ResidualsComparison(models).fit(X_train, pd.Series(y_train))
    viz.score(X_test, pd.Series(y_test))
    for name, model in viz.named_estimators.items():
        predicted = model.predict(X_test)
        assert_array_equal(viz.residuals_[name], y_test - predicted)
        assert_array_equal(viz.predictions_[name], predicted)
    assert_allclose(viz.scores_, [r2_score(y_test, m.predict(X_test)) for m in models])
    viz.plot()
    assert len(viz.ax_.collections) == 2
    offsets = viz.collections_["Ridge"].get_offsets()
    assert_allclose(offsets[:, 1], viz.residuals_["Ridge"])


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_learning_curves_equal_learning_curve(n_jobs):
    X, y = make_classification(n_samples=150, n_features=5, random_state=1)
    models = classifiers()
    viz = LearningCurveComparison(
        models, cv=3, train_sizes=(0.3, 0.6, 1.0), shuffle=True, random_state=2,
        n_jobs=n_jobs,
    ).fit(X, y)  # fmt: skip
    for name, model in zip(viz.names_, models):
        sizes, train, test = learning_curve(
            model, X, y, cv=3, train_sizes=(0.3, 0.6, 1.0), shuffle=True,
            random_state=2,
        )  # fmt: skip
        assert_array_equal(viz.train_sizes_, sizes)
        assert_allclose(viz.train_scores_[name], train, rtol=1e-12)
        assert_allclose(viz.test_scores_[name], test, rtol=1e-12)
        assert_allclose(viz.test_scores_mean_[name], test.mean(axis=1), rtol=1e-12)
    viz.plot()
    assert [line.get_label() for line in viz.lines_.values()] == [
        "LogisticRegression (cross-validation)",
        "GaussianNB (cross-validation)",
    ]


# -- predictions computed once ------------------------------------------------------


def test_each_model_is_predicted_once_per_score_and_shared_by_panels():
    X_train, X_test, y_train, y_test = split()
    model = CountingLogisticRegression()
    viz = ModelComparison([model, GaussianNB()]).fit(X_train, y_train)
    CALLS.clear()
    viz.score(X_test, y_test)
    assert CALLS == ["predict_proba"]  # one call for the ROC, PR and calibration
    viz.plot()
    assert CALLS == ["predict_proba"]  # drawing predicts nothing
    roc, pr, calibration = viz.panels_
    assert len(viz.axes_) == 3 and viz.fig_.axes[:1] == [viz.ax_]
    proba = model.predict_proba(X_test)[:, 1]
    assert_allclose(roc.fpr_["CountingLogisticRegression"], roc_curve(y_test, proba)[0])
    ap = average_precision_score(y_test, proba)
    assert pr.average_precision_["CountingLogisticRegression"] == pytest.approx(ap)
    assert calibration.brier_["CountingLogisticRegression"] == pytest.approx(
        brier_score_loss(y_test, proba)
    )
    CALLS.clear()
    ROCComparison([model]).fit(X_train, y_train).score(X_test, y_test)
    assert CALLS == ["predict_proba"]


# -- the ways in: list, pairs, dict, for loop, search ------------------------------


def test_a_for_loop_build_equals_the_list_build():
    X_train, X_test, y_train, y_test = split(3)
    models = [m.fit(X_train, y_train) for m in classifiers()]
    listed = ROCComparison(models).fit(X_train, y_train)
    listed.score(X_test, y_test)
    looped = ROCComparison()
    for model in models:
        assert looped.add(model, X_test, y_test) is looped
    assert_array_equal(looped.names_, listed.names_)
    assert_array_equal(looped.scores_, listed.scores_)
    for name in listed.names_:
        assert_array_equal(looped.fpr_[name], listed.fpr_[name])
    looped.plot()
    labels = [t.get_text() for t in looped.ax_.get_legend().get_texts()]
    assert labels[0].startswith("LogisticRegression (AUC = ")
    assert len(looped.lines_) == 2


def test_names_pairs_and_dicts_and_nested_params():
    X_train, X_test, y_train, y_test = split()
    pairs = [("lr", LogisticRegression()), ("nb", GaussianNB())]
    viz = ROCComparison(pairs).fit(X_train, y_train)
    viz.score(X_test, y_test)
    assert list(viz.names_) == ["lr", "nb"]
    viz = ROCComparison(dict(pairs), names=["A", "B"])
    viz.set_params(A__C=0.25)
    assert pairs[0][1].C == 0.25 and viz.get_params()["A__C"] == 0.25
    same = ResidualsComparison([Ridge(), Ridge()]).named_estimators
    assert list(same) == ["Ridge-1", "Ridge-2"]


def test_quick_method_draws_one_line_per_model():
    X_train, X_test, y_train, y_test = split()
    viz = roc_comparison(classifiers(), X_train, y_train, X_test, y_test, show=False)
    assert set(viz.lines_) == {"LogisticRegression", "GaussianNB"}
    x, y = viz.lines_["GaussianNB"].get_data()
    assert_allclose(x, viz.fpr_["GaussianNB"])


def test_from_search_compares_the_best_candidates():
    X_train, X_test, y_train, y_test = split()
    search = GridSearchCV(
        DecisionTreeClassifier(random_state=0), {"max_depth": [1, 2, 3, 5]}, cv=3
    ).fit(X_train, y_train)
    viz = ROCComparison.from_search(search, X_train, y_train, X_test, y_test, top=2)
    ranks = search.cv_results_["rank_test_score"]
    best = np.argsort(ranks, kind="stable")[:2]
    params = [search.cv_results_["params"][i] for i in best]
    assert list(viz.names_) == [f"max_depth={p['max_depth']}" for p in params]
    for (name, model), p in zip(viz.named_estimators.items(), params):
        assert model.max_depth == p["max_depth"]
        fpr, _, _ = roc_curve(y_test, model.predict_proba(X_test)[:, 1])
        assert_allclose(viz.fpr_[name], fpr)
    assert search.best_estimator_.max_depth == params[0]["max_depth"]


# -- bad input ------------------------------------------------------------------------


def test_mixed_tasks_are_refused():
    X_train, _, y_train, _ = split()
    with pytest.raises(VizkitValueError, match="estimators mixes .*classifier"):
        ROCComparison([LogisticRegression(), Ridge()]).fit(X_train, y_train)
    with pytest.raises(ModelError, match="compares regressors"):
        ResidualsComparison([LogisticRegression()]).fit(X_train, y_train)


def test_empty_list_and_no_models_are_refused():
    X_train, _, y_train, _ = split()
    with pytest.raises(VizkitValueError, match="estimators is empty"):
        ROCComparison([]).fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="add()"):
        ROCComparison().fit(X_train, y_train)


def test_names_of_the_wrong_length_or_repeated_are_refused():
    X_train, _, y_train, _ = split()
    with pytest.raises(VizkitValueError, match="names has 1 entries but there are 2"):
        ROCComparison(classifiers(), names=["a"]).fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match=r"names repeats \['a'\]"):
        ROCComparison(classifiers(), names=["a", "a"]).fit(X_train, y_train)
    model = LogisticRegression().fit(X_train, y_train)
    viz = ROCComparison().add(model, X_train, y_train, name="a")
    with pytest.raises(VizkitValueError, match="name='a' is already"):
        viz.add(model, X_train, y_train, name="a")


def test_a_model_without_scores_is_refused_naming_the_method():
    X_train, _, y_train, _ = split()
    svc = LinearSVC()
    with pytest.raises(ModelError, match="predict_proba or decision_function, but"):
        ROCComparison([svc, PredictOnly()]).fit(X_train, y_train)
    with pytest.raises(ModelError, match="needs predict_proba, but model 'LinearSVC'"):
        CalibrationComparison([svc]).fit(X_train, y_train)
    assert not hasattr(svc, "coef_")  # refused before any fit


def test_from_search_refuses_an_unfitted_search_and_a_bad_top():
    X_train, X_test, y_train, y_test = split()
    search = GridSearchCV(GaussianNB(), {"var_smoothing": [1e-9, 1e-3]})
    with pytest.raises(NotFitted, match="GridSearchCV is not fitted"):
        ROCComparison.from_search(search, X_train, y_train, X_test, y_test)
    search.fit(X_train, y_train)
    with pytest.raises(VizkitValueError, match="top=0"):
        ROCComparison.from_search(search, X_train, y_train, X_test, y_test, top=0)


def test_score_before_fit_and_unfitted_add_are_refused():
    X_train, _, y_train, _ = split()
    with pytest.raises(NotFitted):
        ROCComparison(classifiers()).score(X_train, y_train)
    with pytest.raises(NotFitted, match="'GaussianNB'"):
        ROCComparison().add(GaussianNB(), X_train, y_train)
    with pytest.raises(VizkitValueError, match="cannot add"):
        LearningCurveComparison().add(GaussianNB(), X_train, y_train)


def test_the_users_models_and_data_are_left_alone():
    X_train, X_test, y_train, y_test = split()
    models = [m.fit(X_train, y_train) for m in classifiers()]
    coef = models[0].coef_.copy()
    X_copy = X_test.copy()
    viz = ROCComparison(models).fit(X_test, y_test)  # fitted models: not refitted
    viz.score(X_test, y_test)
    assert_array_equal(models[0].coef_, coef)
    assert_array_equal(X_test, X_copy)
