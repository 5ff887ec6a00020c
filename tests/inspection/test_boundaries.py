"""DecisionBoundaries: the grid and its predictions against scikit-learn; artists."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification, make_regression
from sklearn.decomposition import PCA
from sklearn.inspection import DecisionBoundaryDisplay
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.inspection import DecisionBoundaries, decision_boundaries
from vizkit.inspection.boundaries import confidence_of, plane_grid, shaded_colors
from vizkit.style import class_colors

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def three_classes():
    return make_classification(
        n_samples=120, n_features=4, n_informative=3, n_redundant=0, n_classes=3,
        n_clusters_per_class=1, random_state=1,
    )  # fmt: skip


def grid_points(viz) -> np.ndarray:
    return np.column_stack([viz.grid_[0].ravel(), viz.grid_[1].ravel()])


# -- the computations ---------------------------------------------------------------


def test_plane_grid_margins_and_layout():
    points = np.array([[0.0, 10.0], [2.0, 30.0]])
    grid = plane_grid(points, 5)
    assert grid.shape == (2, 5, 5)
    assert_allclose(grid[0][0], np.linspace(-0.1, 2.1, 5))  # 5% of the range
    assert_allclose(grid[1][:, 0], np.linspace(9.0, 31.0, 5))
    assert_allclose(plane_grid(points, 3, eps=1.0)[0][0], [-1.0, 1.0, 3.0])
    constant = plane_grid(np.array([[1.0, 1.0], [1.0, 1.0]]), 3)
    assert_allclose(constant[0][0], [0.5, 1.0, 1.5])  # no zero-width axis


def test_confidence_scales():
    proba = np.array([[1 / 3, 1 / 3, 1 / 3], [1.0, 0, 0], [0.6, 0.2, 0.2]])
    assert_allclose(confidence_of(proba, "predict_proba"), [0.0, 1.0, 0.4])
    assert_allclose(confidence_of(np.array([-2.0, 1.0, 0.0]), "decision_function"),
                    [1.0, 0.5, 0.0])  # fmt: skip
    scores = np.array([[3.0, 1.0, 0.0], [1.0, 2.0, 1.5]])
    assert_allclose(confidence_of(scores, "decision_function"), [1.0, 0.25])


def test_shaded_colors_mix_the_class_colour_with_white():
    rgba = shaded_colors(np.array([0, 1]), np.array([1.0, 0.0]), ["#ff0000", "#0000ff"])
    assert_allclose(rgba[0], [1.0, 0.3, 0.3, 1.0])  # 70% red at full confidence
    assert_allclose(rgba[1], [0.88, 0.88, 1.0, 1.0])  # 12% blue at a tie


# -- two features: scikit-learn's DecisionBoundaryDisplay --------------------------


def test_two_feature_model_equals_decision_boundary_display(three_classes):
    X, y = three_classes[0][:, :2], three_classes[1]
    model = LogisticRegression().fit(X, y)
    viz = DecisionBoundaries(model, grid_resolution=40, eps=1.0).fit(X, y)
    display = DecisionBoundaryDisplay.from_estimator(
        model, X, grid_resolution=40, eps=1.0, response_method="predict"
    )
    assert_allclose(viz.grid_[0], display.xx0)
    assert_allclose(viz.grid_[1], display.xx1)
    codes = np.searchsorted(model.classes_, viz.grid_predictions_)
    assert_array_equal(codes, display.response)
    assert_array_equal(viz.grid_predictions_.ravel(), model.predict(grid_points(viz)))
    proba = model.predict_proba(grid_points(viz)).max(axis=1)
    assert_allclose(viz.grid_confidence_.ravel(), (proba - 1 / 3) / (2 / 3))
    assert viz.response_method_ == "predict_proba"
    assert viz.fixed_values_ is None and viz.projection_ is None
    assert_array_equal(viz.features_, [0, 1])
    assert_array_equal(viz.points_2d_, X)


def test_chosen_features_hold_the_others_at_their_median(three_classes):
    X, y = three_classes
    frame = pd.DataFrame(X, columns=["a", "b", "c", "d"])
    model = DecisionTreeClassifier(max_depth=3, random_state=0)
    viz = DecisionBoundaries(model, features=["d", 1], grid_resolution=30)
    viz.fit(frame, y)  # the grid goes to the model with its columns: no warning
    assert_array_equal(viz.features_, [3, 1])
    assert_allclose(viz.fixed_values_, np.median(X, axis=0))
    rows = np.tile(np.median(X, axis=0), (900, 1))
    rows[:, 3], rows[:, 1] = viz.grid_[0].ravel(), viz.grid_[1].ravel()
    expected = model.predict(pd.DataFrame(rows, columns=frame.columns))
    assert_array_equal(viz.grid_predictions_.ravel(), expected)
    assert_allclose(viz.grid_[0][0, [0, -1]], [X[:, 3].min(), X[:, 3].max()]
                    + np.array([-0.05, 0.05]) * np.ptp(X[:, 3]))  # fmt: skip
    viz.finalize()
    assert viz.ax_.get_xlabel() == "d" and viz.ax_.get_ylabel() == "b"
    assert "median" in viz.ax_.get_title()


def test_projection_maps_the_grid_back_through_pca(three_classes):
    X, y = three_classes
    model = LogisticRegression().fit(X, y)
    viz = DecisionBoundaries(model, grid_resolution=25, is_fitted=True).fit(X, y)
    pca = PCA(n_components=2).fit(X)
    assert_allclose(viz.points_2d_, pca.transform(X), atol=1e-10)
    rows = pca.inverse_transform(grid_points(viz))
    assert_allclose(viz.projection_.inverse_transform(grid_points(viz)), rows)
    assert_array_equal(viz.grid_predictions_.ravel(), model.predict(rows))
    assert viz.features_ is None
    viz.finalize()
    assert viz.ax_.get_xlabel().startswith("PC1 (")
    assert "PCA" in viz.ax_.get_title()


def test_decision_function_and_predict_shading(three_classes):
    X, y = three_classes[0][:, :2], three_classes[1]
    model = SVC().fit(X, y)  # no predict_proba
    viz = DecisionBoundaries(model, grid_resolution=20).fit(X, y)
    assert viz.response_method_ == "decision_function"
    scores = np.sort(model.decision_function(grid_points(viz)), axis=1)
    margin = scores[:, -1] - scores[:, -2]
    assert_allclose(viz.grid_confidence_.ravel(), margin / margin.max())
    flat = DecisionBoundaries(model, grid_resolution=20, response_method="predict")
    assert flat.fit(X, y).grid_confidence_ is None


def test_regressor_shades_its_prediction():
    X, y = make_regression(n_samples=80, n_features=3, noise=1, random_state=0)
    model = Ridge().fit(X, y)
    viz = decision_boundaries(model, X, y, features=[0, 2], grid_resolution=15,
                              show=False)  # fmt: skip
    rows = np.tile(np.median(X, axis=0), (225, 1))
    rows[:, 0], rows[:, 2] = viz.grid_[0].ravel(), viz.grid_[1].ravel()
    assert_allclose(viz.grid_predictions_.ravel(), model.predict(rows))
    assert viz.grid_confidence_ is None and viz.classes_ is None
    assert_allclose(viz.regions_.get_array(), viz.grid_predictions_)
    assert viz.colorbar_ is not None and viz.boundaries_ == []


# -- the drawn artists --------------------------------------------------------------


def test_drawn_regions_lines_points_and_legend(three_classes):
    X, y = three_classes[0][:, :2], np.array(["x", "y", "z"])[three_classes[1]]
    viz = decision_boundaries(
        LogisticRegression(), X, y, grid_resolution=30, response_method="predict",
        show=False,
    )  # fmt: skip
    colors = class_colors(3)
    image = np.asarray(viz.regions_.get_array())
    codes = np.searchsorted(viz.classes_, viz.grid_predictions_)
    strong = 1 - 0.7 * (1 - np.array([to_rgba(c)[:3] for c in colors]))
    assert_allclose(image[..., :3], strong[codes])  # flat colours with "predict"
    assert len(viz.boundaries_) == len(np.unique(codes))  # one edge per region
    assert_allclose(viz.points_.get_offsets(), X)
    face = viz.points_.get_facecolors()[:, :3]
    assert_allclose(face, [to_rgba(colors[i])[:3] for i in codes_of(y, viz)])
    legend = viz.ax_.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["x", "y", "z"]
    left, right, bottom, top = viz.regions_.get_extent()
    step = viz.grid_[0][0, 1] - viz.grid_[0][0, 0]
    assert_allclose([left, right], viz.grid_[0][0, [0, -1]] + [-step / 2, step / 2])


def codes_of(y, viz):
    return np.searchsorted(viz.classes_, y)


def test_points_without_y_take_the_prediction(three_classes):
    X, y = three_classes[0][:, :2], three_classes[1]
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)
    viz = DecisionBoundaries(model, grid_resolution=10).fit(X)
    assert_array_equal(viz.y_, model.predict(X))


# -- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "features, message",
    [
        (["a", "nope"], "features names 'nope'"),
        ([0, 7], "features has index 7"),
        (["a", 0], "names feature 'a' twice"),
        ("a", "two feature names"),
        (["a", "b", "c"], "two feature names"),
    ],
)
def test_bad_features_are_refused(three_classes, features, message):
    X, y = three_classes
    frame = pd.DataFrame(X, columns=["a", "b", "c", "d"])
    model = LogisticRegression()
    with pytest.raises(VizkitValueError, match=message):
        DecisionBoundaries(model, features=features).fit(frame, y)
    assert not hasattr(model, "coef_")  # refused before the model is fitted


def test_one_feature_and_a_model_without_predict_are_refused(three_classes):
    X, y = three_classes
    with pytest.raises(VizkitValueError, match=r"X has 1 feature\(s\)"):
        DecisionBoundaries(LogisticRegression()).fit(X[:, :1], y)
    with pytest.raises(ModelError, match="StandardScaler has no predict"):
        DecisionBoundaries(StandardScaler()).fit(X, y)
    with pytest.raises(ModelError, match="response_method='predict_proba'"):
        DecisionBoundaries(SVC(), response_method="predict_proba").fit(X, y)


def test_a_pipeline_is_projected_in_its_model_input(three_classes):
    X, y = three_classes
    X = X * [1.0, 100.0, 1.0, 0.01]  # scales a PCA of raw X would follow
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)
    viz = DecisionBoundaries(model, grid_resolution=12).fit(X, y)
    scaled = model[0].transform(X)
    pca = PCA(n_components=2).fit(scaled)
    assert_allclose(viz.points_2d_, pca.transform(scaled), atol=1e-10)
    rows = pca.inverse_transform(grid_points(viz))  # scaled features
    assert_array_equal(viz.grid_predictions_.ravel(), model[-1].predict(rows))
    # the same as the whole Pipeline on those rows in X's own units
    unscaled = model[0].inverse_transform(rows)
    assert_array_equal(viz.grid_predictions_.ravel(), model.predict(unscaled))
    viz.finalize()
    assert "model's input" in viz.ax_.get_title()
