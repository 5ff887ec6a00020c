"""ValidationCurve: scores equal scikit-learn's validation_curve, artists, bad input."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.model_selection import validation_curve as sk_validation_curve
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

from vizkit.exceptions import VizkitValueError
from vizkit.model_selection import ValidationCurve, validation_curve


@pytest.fixture(scope="module")
def data():
    return make_classification(
        n_samples=240, n_features=6, n_informative=4, random_state=0
    )


DEPTHS = [1, 2, 4, 8]


@pytest.mark.parametrize("n_jobs", [1, 2])
@pytest.mark.parametrize(
    "options",
    [
        {"cv": 4, "scoring": "roc_auc"},
        {"cv": StratifiedKFold(3, shuffle=True, random_state=0)},
    ],
)
def test_scores_equal_sklearn_validation_curve(data, options, n_jobs):
    X, y = data
    model = DecisionTreeClassifier(random_state=0)
    viz = ValidationCurve(
        model, param_name="max_depth", param_range=DEPTHS, n_jobs=n_jobs, **options
    ).fit(X, y)
    train, test = sk_validation_curve(
        model, X, y, param_name="max_depth", param_range=DEPTHS, **options
    )
    assert_allclose(viz.train_scores_, train, rtol=1e-12)
    assert_allclose(viz.test_scores_, test, rtol=1e-12)
    assert_allclose(viz.test_scores_mean_, test.mean(axis=1), rtol=1e-12)
    assert_allclose(viz.train_scores_std_, train.std(axis=1), rtol=1e-12)
    assert_array_equal(viz.param_range_, DEPTHS)
    assert viz.fit_times_.shape == test.shape
    assert model.get_params()["max_depth"] is None  # the user's model unchanged


def test_pipeline_parameter_and_dataframe(data):
    X, y = data
    frame = pd.DataFrame(X, columns=list("abcdef"))
    model = make_pipeline(StandardScaler(), LogisticRegression())
    Cs = np.logspace(-3, 1, 4)
    viz = ValidationCurve(model, "logisticregression__C", Cs, cv=3, logx=True)
    viz.fit(frame, y)
    train, test = sk_validation_curve(
        model, X, y, param_name="logisticregression__C", param_range=Cs, cv=3
    )
    assert_allclose(viz.test_scores_, test, rtol=1e-12)
    assert model.get_params()["logisticregression__C"] == 1.0  # refitted at 1.0
    assert viz.score(frame, y) == pytest.approx(model.score(frame, y))


def test_estimator_values_are_cloned_and_drawn_one_per_tick(data):
    X, y = data
    values = [GaussianNB(), DecisionTreeClassifier(max_depth=2, random_state=0)]
    model = make_pipeline(StandardScaler(), GaussianNB())
    viz = ValidationCurve(model, "gaussiannb", values, cv=3).fit(X, y)
    assert not hasattr(values[0], "classes_")  # the given values never fitted
    train, test = sk_validation_curve(
        model, X, y, param_name="gaussiannb", param_range=values, cv=3
    )
    assert_allclose(viz.test_scores_, test, rtol=1e-12)
    viz.plot()
    labels = [t.get_text() for t in viz.ax_.get_xticklabels()]
    assert labels == ["GaussianNB", "DecisionTreeClassifier"]
    plt.close(viz.fig_)


def test_draws_lines_bands_markers_and_log_axis(data):
    X, y = data
    Cs = [0.01, 0.1, 1.0, 10.0]
    viz = ValidationCurve(
        LogisticRegression(), "C", Cs, cv=3, logx=True, markers="--s"
    ).fit(X, y)
    viz.plot()
    line = viz.lines_["test"]
    assert_allclose(line.get_xdata(), Cs)
    assert_allclose(line.get_ydata(), viz.test_scores_mean_)
    assert line.get_marker() == "s" and line.get_linestyle() == "--"
    assert viz.ax_.get_xscale() == "log"
    assert viz.ax_.get_xlabel() == "C"
    assert viz.ax_.get_title() == "Validation Curve for LogisticRegression"
    top = viz.bands_["train"].get_paths()[0].vertices[:, 1].max()
    expected = viz.train_scores_mean_ + viz.train_scores_std_
    assert top == pytest.approx(expected.max())


def test_quick_method_positional_like_yellowbrick(data):
    X, y = data
    viz = validation_curve(GaussianNB(), X, y, "var_smoothing", [1e-9, 1e-3], cv=3,
                           show=False)  # fmt: skip
    assert viz.test_scores_.shape == (2, 3)
    plt.close(viz.fig_)


# -- bad input -------------------------------------------------------------------------


def test_param_name_the_model_does_not_have(data):
    with pytest.raises(VizkitValueError, match=r"param_name='gama'.*'C'.*get_params"):
        ValidationCurve(LogisticRegression(), "gama", [1, 2], cv=3).fit(*data)


@pytest.mark.parametrize("values", [[], np.array([]), [[1, 2], [3, 4]]])
def test_empty_or_2d_param_range(data, values):
    with pytest.raises(VizkitValueError, match="param_range=.*non-empty 1-D"):
        ValidationCurve(LogisticRegression(), "C", values, cv=3).fit(*data)


def test_logx_needs_positive_values(data):
    with pytest.raises(VizkitValueError, match="logx=True needs positive"):
        ValidationCurve(LogisticRegression(), "C", [0, 1], logx=True).fit(*data)


def test_cv_larger_than_the_smallest_class(data):
    X, y = data
    y = np.where(np.arange(len(y)) < 2, 1, 0)
    with pytest.raises(VizkitValueError, match="cv=2 or fewer"):
        ValidationCurve(GaussianNB(), "var_smoothing", [1e-9], cv=3).fit(X, y)


def test_unknown_scoring_name(data):
    with pytest.raises(VizkitValueError, match="scoring='f_1'.*'f1'"):
        ValidationCurve(GaussianNB(), "var_smoothing", [1e-9], scoring="f_1").fit(*data)


def test_a_failing_fit_names_the_fold_and_the_value(data):
    model = LogisticRegression()
    with pytest.raises(ValueError, match=r"fold 1 of 3 \(160 training rows, C=-1\.0\)"):
        ValidationCurve(model, "C", [1.0, -1.0], cv=3).fit(*data)
