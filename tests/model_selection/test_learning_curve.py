"""LearningCurve: scores equal scikit-learn's learning_curve, artists, bad input."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification, make_regression
from sklearn.linear_model import LogisticRegression, Ridge, SGDClassifier
from sklearn.model_selection import GroupKFold, KFold
from sklearn.model_selection import learning_curve as sk_learning_curve
from sklearn.naive_bayes import GaussianNB
from sklearn.tree import DecisionTreeClassifier

from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.model_selection import LearningCurve, learning_curve


@pytest.fixture(scope="module")
def data():
    return make_classification(
        n_samples=240, n_features=6, n_informative=4, random_state=0
    )


def assert_equals_sklearn(viz, model, X, y, **kwargs):
    sizes, train, test, fit_times, _ = sk_learning_curve(
        model, X, y, return_times=True, **kwargs
    )
    assert_array_equal(viz.train_sizes_, sizes)
    assert_allclose(viz.train_scores_, train, rtol=1e-12)
    assert_allclose(viz.test_scores_, test, rtol=1e-12)
    assert_allclose(viz.train_scores_mean_, train.mean(axis=1), rtol=1e-12)
    assert_allclose(viz.test_scores_std_, test.std(axis=1), rtol=1e-12)
    assert viz.fit_times_.shape == fit_times.shape
    assert np.all(viz.fit_times_ > 0) and np.all(viz.score_times_mean_ > 0)


@pytest.mark.parametrize("n_jobs", [1, 2])
@pytest.mark.parametrize(
    "options",
    [
        {"cv": 4, "scoring": "f1"},
        {"cv": 3, "shuffle": True, "random_state": 7, "train_sizes": [0.3, 1.0]},
        {"cv": KFold(3, shuffle=True, random_state=1), "train_sizes": [40, 90]},
    ],
)
def test_scores_equal_sklearn_learning_curve(data, options, n_jobs):
    X, y = data
    model = DecisionTreeClassifier(max_depth=3, random_state=0)
    viz = LearningCurve(model, n_jobs=n_jobs, **options).fit(X, y)
    assert_equals_sklearn(viz, model, X, y, **options)


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_incremental_learning_equals_sklearn(data, n_jobs):
    X, y = data
    model = SGDClassifier(random_state=0)
    options = {"cv": 3, "shuffle": True, "random_state": 2}
    viz = LearningCurve(
        model, exploit_incremental_learning=True, n_jobs=n_jobs, **options
    ).fit(X, y)
    assert_equals_sklearn(
        viz, model, X, y, exploit_incremental_learning=True, **options
    )


def test_regression_groups_and_sample_weight(data):
    X, y = make_regression(n_samples=120, n_features=4, noise=3, random_state=0)
    groups = np.repeat(np.arange(12), 10)
    weights = np.linspace(0.5, 2.0, len(y))
    viz = LearningCurve(Ridge(), cv=GroupKFold(4), groups=groups, scoring="r2")
    viz.fit(X, y, sample_weight=weights)
    assert_equals_sklearn(
        viz, Ridge(), X, y, cv=GroupKFold(4), groups=groups, scoring="r2",
        params={"sample_weight": weights},
    )  # fmt: skip


def test_dataframe_input_and_model_fitted_in_place(data):
    X, y = data
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    model = GaussianNB()
    viz = LearningCurve(model, cv=3).fit(frame, pd.Series(y))
    assert_equals_sklearn(viz, GaussianNB(), X, y, cv=3)
    assert list(viz.feature_names_in_) == list(frame.columns)
    assert viz.score(frame, y) == pytest.approx(model.score(frame, y))


def test_draws_mean_lines_and_bands(data):
    X, y = data
    viz = LearningCurve(GaussianNB(), cv=3).fit(X, y)
    viz.plot()
    assert_allclose(viz.lines_["train"].get_xdata(), viz.train_sizes_)
    assert_allclose(viz.lines_["test"].get_ydata(), viz.test_scores_mean_)
    band = viz.bands_["test"].get_paths()[0].vertices[:, 1]
    low = viz.test_scores_mean_ - viz.test_scores_std_
    assert band.min() == pytest.approx(low.min())
    texts = [t.get_text() for t in viz.ax_.get_legend().get_texts()]
    assert texts == ["Training Score", "Cross Validation Score"]
    assert viz.ax_.get_title() == "Learning Curve for GaussianNB"
    assert len(viz.fig_.axes) == 1


def test_timings_panel_below_on_a_given_axes_and_redrawn_once(data):
    X, y = data
    fig, (ax, other) = plt.subplots(1, 2)
    viz = LearningCurve(GaussianNB(), cv=3, timings=True, ax=ax).fit(X, y)
    viz.plot().plot()  # a redraw replaces the panel, never stacks a second
    panel = viz.timings_ax_
    assert len(fig.axes) == 3 and panel in fig.axes and other in fig.axes
    assert_allclose(viz.lines_["fit_times"].get_ydata(), viz.fit_times_mean_)
    assert_allclose(viz.lines_["score_times"].get_xdata(), viz.train_sizes_)
    assert panel.get_xlabel() == "Training Instances"
    fig.canvas.draw()
    assert panel.get_position().y1 <= ax.get_position().y0  # below the scores
    viz.set_params(timings=False)
    viz.plot()
    assert len(fig.axes) == 2 and "timings_ax_" not in vars(viz)


def test_quick_method(data):
    X, y = data
    viz = learning_curve(GaussianNB(), X, y, cv=3, show=False)
    assert viz.test_scores_.shape == (5, 3)
    plt.close(viz.fig_)


def test_user_model_and_arrays_unchanged(data):
    X, y = data
    model = LogisticRegression(C=0.5)
    X_before, y_before = X.copy(), y.copy()
    LearningCurve(model, cv=3).fit(X, y)
    assert model.get_params()["C"] == 0.5
    assert_array_equal(X, X_before) and assert_array_equal(y, y_before)


# -- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("sizes", [[0.0, 0.5], [0.5, 1.2]])
def test_train_sizes_outside_zero_one(data, sizes):
    with pytest.raises(VizkitValueError, match=r"train_sizes.*\(0, 1\]"):
        LearningCurve(GaussianNB(), cv=3, train_sizes=sizes).fit(*data)


def test_train_sizes_larger_than_the_training_fold(data):
    with pytest.raises(VizkitValueError, match="train_sizes asks for 500.*160"):
        LearningCurve(GaussianNB(), cv=3, train_sizes=[10, 500]).fit(*data)


def test_cv_larger_than_the_smallest_class(data):
    X, y = data
    y = y.copy()
    y[:] = 0
    y[:3] = 1
    with pytest.raises(VizkitValueError, match="cv=3 or fewer"):
        LearningCurve(GaussianNB(), cv=5).fit(X, y)


def test_unknown_scoring_name(data):
    with pytest.raises(VizkitValueError, match="scoring='acuracy'.*'accuracy'"):
        LearningCurve(GaussianNB(), cv=3, scoring="acuracy").fit(*data)


def test_incremental_learning_needs_partial_fit(data):
    with pytest.raises(ModelError, match="exploit_incremental_learning.*partial_fit"):
        LearningCurve(Ridge(), exploit_incremental_learning=True).fit(*data)


class FailsOnSmallData(GaussianNB):
    def fit(self, X, y, **kwargs):
        if len(X) < 100:
            raise ArithmeticError("too few rows")
        return super().fit(X, y, **kwargs)


def test_a_failing_fit_names_the_fold_and_keeps_its_type(data):
    with pytest.raises(ArithmeticError, match=r"fold 1 of 3 \(16 training rows\)"):
        LearningCurve(FailsOnSmallData(), cv=3).fit(*data)


def test_a_class_of_one_member_cannot_be_cross_validated(data):
    X, y = data
    y = np.where(np.arange(len(y)) == 0, 2, y)
    with pytest.raises(VizkitValueError, match="class 2 has a single member"):
        LearningCurve(GaussianNB(), cv=3).fit(X, y)
