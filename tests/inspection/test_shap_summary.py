"""ShapSummary: SHAP values against shap's own explainers, then the drawn artists."""

from __future__ import annotations

import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification, make_regression
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from vizkit.exceptions import VizkitImportError, VizkitValueError
from vizkit.inspection import ShapSummary
from vizkit.inspection.shap_summary import color_scale, feature_ranking, swarm_offsets

shap = pytest.importorskip("shap")


@pytest.fixture(scope="module")
def data():
    return make_classification(
        n_samples=120, n_features=5, n_informative=3, n_redundant=0,
        n_classes=3, n_clusters_per_class=1, random_state=0,
    )  # fmt: skip


def test_pure_pieces():
    importance = np.array([0.1, 0.5, 0.5, 0.0])
    assert_array_equal(feature_ranking(importance, None), [1, 2, 0, 3])
    assert_array_equal(feature_ranking(importance, 2), [1, 2])
    per_class = np.array([[0.1, 0.1], [0.0, 0.3], [0.2, 0.2]])
    assert_array_equal(feature_ranking(per_class, None), [2, 1, 0])
    offsets = swarm_offsets(np.array([0.0, 0.0, 0.0, 1.0]))
    assert np.abs(offsets).max() == pytest.approx(0.4)
    assert offsets[3] == 0 and len(set(offsets[:3])) == 3  # a pile spreads out
    scaled = color_scale(np.append(np.arange(100.0), np.nan))
    assert scaled[0] == 0 and scaled[99] == 1 and np.isnan(scaled[-1])
    assert_allclose(color_scale(np.ones(4)), 0.5)


def test_tree_values_equal_shaps_tree_explainer_and_add_up(data):
    X, y = data
    model = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
    viz = ShapSummary(model, background_size=50, random_state=1).fit(X, y)
    assert viz.explainer_name_ == "TreeExplainer"
    background = X[viz.background_indices_]
    assert len(background) == 50
    reference = shap.TreeExplainer(model, data=background)(X)
    assert_allclose(viz.shap_values_, reference.values, rtol=1e-10)
    assert_allclose(viz.base_values_, reference.base_values, rtol=1e-10)
    assert viz.shap_values_.shape == (120, 5, 3)
    # Additivity: base + sum of the SHAP values is the model's probability.
    total = viz.base_values_ + viz.shap_values_.sum(axis=1)
    assert_allclose(total, model.predict_proba(X), atol=1e-6)
    assert_allclose(viz.mean_abs_shap_, np.abs(reference.values).mean(axis=0))
    assert_array_equal(viz.feature_values_, X)


def test_linear_values_equal_shaps_linear_explainer(data):
    X, y = data
    model = LogisticRegression(max_iter=500).fit(X, y)
    viz = ShapSummary(model, background_size=60, random_state=0).fit(X, y)
    assert viz.explainer_name_ == "LinearExplainer"
    reference = shap.LinearExplainer(model, X[viz.background_indices_])(X)
    assert_allclose(viz.shap_values_, reference.values, rtol=1e-10)
    total = viz.base_values_ + viz.shap_values_.sum(axis=1)
    assert_allclose(total, model.decision_function(X), atol=1e-8)
    Xr, yr = make_regression(n_samples=80, n_features=4, random_state=0)
    ridge = ShapSummary(Ridge()).fit(Xr, yr)
    assert ridge.shap_values_.shape == (80, 4) and ridge.base_values_.shape == (80,)
    assert_allclose(
        ridge.base_values_ + ridge.shap_values_.sum(axis=1),
        ridge.estimator.predict(Xr),
        atol=1e-8,
    )


def test_beeswarm_points_order_and_colours(data):
    X, y = data
    frame = pd.DataFrame(X, columns=list("abcde"))
    model = DecisionTreeClassifier(max_depth=3, random_state=0)
    viz = ShapSummary(model, class_index=1, random_state=0).fit(frame, y)
    assert list(viz.feature_names_) == list("abcde")
    viz.plot()
    order = np.argsort(-viz.mean_abs_shap_[:, 1], kind="stable")
    labels = [t.get_text() for t in viz.ax_.get_yticklabels()]
    assert labels == list(np.array(list("abcde"))[order])  # top row first
    points = viz.points_.get_offsets()
    assert len(points) == 120 * 5
    top = order[0]  # the top row (y = 4) holds the most important feature
    on_top = np.abs(points[:, 1] - 4) <= 0.45
    assert_allclose(np.sort(points[on_top, 0]), np.sort(viz.shap_values_[:, top, 1]))
    colours = viz.points_.get_array()[:120]  # first drawn row: feature order[0]
    assert_allclose(colours, color_scale(X[:, top]))
    assert "(1)" in viz.ax_.get_title()


def test_bar_heights_stacked_and_one_class(data):
    X, y = data
    model = DecisionTreeClassifier(max_depth=3, random_state=0)
    viz = ShapSummary(model, kind="bar", max_display=3).fit(X, y)
    viz.plot()
    assert len(viz.bars_) == 3  # one segment per class
    total = viz.mean_abs_shap_.sum(axis=1)
    order = np.argsort(-total, kind="stable")[:3]
    right = [max(p.get_x() + p.get_width() for p in segment)
             for segment in zip(*viz.bars_)]  # fmt: skip
    # Rows drawn top to bottom: the widest stacked bar is at y = 2.
    ys = [bar.get_y() + bar.get_height() / 2 for bar in viz.bars_[0]]
    assert_allclose(sorted(zip(ys, right))[::-1], list(zip([2, 1, 0], total[order])))
    viz.set_params(class_index=0).plot()
    widths = [bar.get_width() for bar in viz.bars_[0]]
    assert len(viz.bars_) == 1
    assert_allclose(sorted(widths, reverse=True)[0], viz.mean_abs_shap_[:, 0].max())
    viz.set_params(class_index=5)
    with pytest.raises(VizkitValueError, match="class_index"):
        viz.plot()


def test_bad_options(data):
    X, y = data
    model = DecisionTreeRegressor(max_depth=2)
    with pytest.raises(VizkitValueError, match="background_size"):
        ShapSummary(model, background_size=0).fit(X, y)
    with pytest.raises(VizkitValueError, match="kind"):
        ShapSummary(model, kind="violin").fit(X, y)
    with pytest.raises(VizkitValueError, match="max_samples"):
        ShapSummary(model, max_samples=-3).fit(X, y)


def test_without_shap_one_clear_error(data, monkeypatch):
    X, y = data
    monkeypatch.setitem(sys.modules, "shap", None)  # import shap raises
    viz = ShapSummary(DecisionTreeClassifier())  # constructing needs no shap
    with pytest.raises(VizkitImportError, match=r"pip install vizkit\[shap\]"):
        viz.fit(X, y)
    assert not hasattr(viz.estimator, "tree_")  # refused before fitting


def test_importing_vizkit_does_not_import_shap():
    code = "import sys, vizkit, vizkit.inspection; print('shap' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr
    plt.close("all")
