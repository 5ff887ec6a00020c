"""Conformance checks run over every public visualizer.

Each visualizer in ``vizkit.registry`` has a recipe here: how to build it, what
to feed it, one bad option, and a small parameter grid. Every check below runs
over every recipe, so a new visualizer is checked like the rest as soon as it
is registered (``test_every_registered_visualizer_has_a_recipe`` enforces it).
"""

from __future__ import annotations

import inspect
import pickle
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import matplotlib as mpl
import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pytest
from numpy.testing import assert_array_equal
from sklearn.base import clone
from sklearn.datasets import make_classification, make_regression
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from vizkit import registry
from vizkit.base import _is_drawing
from vizkit.classifier import ROCAUC, ConfusionMatrix
from vizkit.exceptions import NotFitted, VizkitError
from vizkit.features import PCA
from vizkit.regressor import ResidualsPlot
from vizkit.target import ClassBalance

SCORE, TRANSFORMER, TARGET = "score", "transformer", "target"


def classification_data(n_samples=150):
    X, y = make_classification(
        n_samples=n_samples, n_features=5, n_informative=3, n_redundant=0,
        n_classes=3, n_clusters_per_class=1, random_state=0,
    )  # fmt: skip
    return X, y


def regression_data(n_samples=150):
    return make_regression(n_samples=n_samples, n_features=5, noise=5, random_state=0)


@dataclass
class Recipe:
    """How the conformance checks build and feed one visualizer."""

    make: Callable[..., Any]  # keyword parameters -> unfitted visualizer
    kind: str  # SCORE, TRANSFORMER or TARGET
    data: Callable[[], tuple[np.ndarray, np.ndarray]]
    bad_option: dict[str, Any]
    grid: dict[str, list[Any]]
    nested: tuple[str, Any] | None = None
    model: Callable[[], Any] | None = None
    styled: dict[str, Any] = field(default_factory=dict)

    @property
    def cls(self) -> type:
        return type(self.make())

    def fit(self, viz, X, y):
        return viz.fit(y) if self.kind == TARGET else viz.fit(X, y)

    def fitted(self, **params):
        X, y = self.data()
        viz = self.make(**params)
        self.fit(viz, X, y)
        if self.kind == SCORE:
            viz.score(X, y)
        return viz


STYLE = {"title": "A title", "size": (420, 300)}

RECIPES = {
    "ConfusionMatrix": Recipe(
        make=lambda **kw: ConfusionMatrix(LogisticRegression(max_iter=500), **kw),
        kind=SCORE, data=classification_data, bad_option={"cmap": "no-such-cmap"},
        grid={"estimator__C": [0.1, 1.0], "percent": [False, True]},
        nested=("estimator__C", 0.5), model=lambda: LogisticRegression(max_iter=500),
        styled={**STYLE, "classes": ["a", "b", "c"], "percent": True},
    ),
    "ROCAUC": Recipe(
        make=lambda **kw: ROCAUC(LogisticRegression(max_iter=500), **kw),
        kind=SCORE, data=classification_data, bad_option={"is_fitted": "sometimes"},
        grid={"estimator__C": [0.1, 1.0], "micro": [True, False]},
        nested=("estimator__C", 0.5), model=lambda: LogisticRegression(max_iter=500),
        styled={**STYLE, "classes": ["a", "b", "c"], "macro": False},
    ),
    "ResidualsPlot": Recipe(
        make=lambda **kw: ResidualsPlot(Ridge(), **kw),
        kind=SCORE, data=regression_data, bad_option={"hist": "sometimes"},
        grid={"estimator__alpha": [0.1, 1.0], "hist": [True, False]},
        nested=("estimator__alpha", 0.5), model=Ridge,
        styled={**STYLE, "train_color": "red", "test_color": "#00ff00"},
    ),
    "PCA": Recipe(
        make=lambda **kw: PCA(**kw),
        kind=TRANSFORMER, data=classification_data,
        bad_option={"target_type": "rainbow"},
        grid={"viz__scale": [True, False], "clf__C": [0.1, 1.0]},
        styled={**STYLE, "colors": ["red", "green", "blue"], "proj_features": True},
    ),
    "ClassBalance": Recipe(
        make=lambda **kw: ClassBalance(**kw),
        kind=TARGET, data=classification_data,
        bad_option={"colormap": "no-such-colormap"},
        grid={"colormap": [None, "viridis"], "labels": [None, ["a", "b", "c"]]},
        styled={**STYLE, "labels": ["a", "b", "c"], "colors": ["red", "green", "blue"]},
    ),
}  # fmt: skip

ALL = pytest.mark.parametrize("name", sorted(RECIPES))
MODELS = pytest.mark.parametrize(
    "name", sorted(n for n, r in RECIPES.items() if r.model is not None)
)


def assert_no_figures():
    assert plt.get_fignums() == []


def same_params(a, b):
    """Parameters equal, estimators compared by type and their own params."""
    assert set(a) == set(b)
    for key in a:
        if hasattr(a[key], "get_params"):
            assert type(a[key]) is type(b[key])
            same_params(a[key].get_params(), b[key].get_params())
        else:
            assert a[key] == b[key], key


# -- registry ---------------------------------------------------------------------


def test_every_registered_visualizer_has_a_recipe():
    registered = {cls.__name__ for cls in registry.visualizers()}
    assert registered == set(RECIPES)
    for name, recipe in RECIPES.items():
        assert recipe.cls in registry.visualizers(), name


def test_every_registered_visualizer_has_a_quick_method():
    for family, entries in registry.FAMILIES.items():
        for _, quick in entries:
            assert callable(registry.resolve(quick)), (family, quick)


# -- estimator contract ---------------------------------------------------------


@ALL
def test_get_params_keys_equal_init_signature(name):
    viz = RECIPES[name].make()
    signature = inspect.signature(type(viz).__init__).parameters
    assert set(viz.get_params(deep=False)) == set(signature) - {"self"}
    kinds = {p.kind for p in signature.values()}
    assert inspect.Parameter.VAR_KEYWORD not in kinds


@ALL
def test_init_stores_arguments_unchanged(name):
    recipe = RECIPES[name]
    viz = recipe.make(**recipe.styled)
    params = viz.get_params(deep=False)
    for key, value in recipe.styled.items():
        assert params[key] is value, key


@ALL
def test_clone_keeps_every_parameter(name):
    recipe = RECIPES[name]
    viz = recipe.make(**recipe.styled)
    cloned = clone(viz)
    assert cloned is not viz
    same_params(viz.get_params(deep=False), cloned.get_params(deep=False))


@ALL
def test_clone_passes_axes_by_reference(name):
    fig, ax = plt.subplots()
    cloned = clone(RECIPES[name].make(ax=ax))
    assert cloned.ax is ax
    assert plt.get_fignums() == [fig.number]


@MODELS
def test_nested_set_params(name):
    recipe = RECIPES[name]
    key, value = recipe.nested
    viz = recipe.make()
    viz.set_params(**{key: value})
    assert viz.get_params()[key] == value
    assert getattr(viz.estimator, key.split("__")[1]) == value
    assert key.split("__")[1] not in viz.get_params()  # nested, never flattened


@MODELS
def test_tags_follow_the_wrapped_estimator(name):
    from sklearn.utils import get_tags

    recipe = RECIPES[name]
    viz = recipe.make()
    assert get_tags(viz).estimator_type == get_tags(recipe.model()).estimator_type


@ALL
def test_no_figure_before_drawing(name):
    recipe = RECIPES[name]
    viz = recipe.make(**recipe.styled)
    viz.get_params()
    repr(viz)
    clone(viz)
    X, y = recipe.data()
    recipe.fit(viz, X, y)
    if recipe.kind == SCORE:
        viz.score(X, y)
    viz._repr_html_()
    repr(viz)
    assert_no_figures()


@ALL
def test_pickle_round_trip_of_fitted_visualizer(name):
    viz = RECIPES[name].fitted()
    viz.show(outpath=None)  # drawn artists must not break pickling
    restored = pickle.loads(pickle.dumps(viz))
    drawn = [k for k, v in vars(restored).items() if _is_drawing(v)]
    assert drawn == [], "drawn artists are left out of pickles"
    arrays = {k: v for k, v in vars(viz).items() if isinstance(v, np.ndarray)}
    assert arrays, "a fitted visualizer stores its results as arrays"
    for key, value in arrays.items():
        assert_array_equal(getattr(restored, key), value)
    restored.show(outpath=None)


# -- scikit-learn meta-estimators ---------------------------------------------


def pipeline_for(recipe, viz):
    if recipe.kind == TRANSFORMER:
        return Pipeline([("viz", viz), ("clf", LogisticRegression(max_iter=500))])
    return Pipeline([("scale", StandardScaler()), ("viz", viz)])


@ALL
def test_last_or_middle_step_of_a_pipeline(name):
    recipe = RECIPES[name]
    X, y = recipe.data()
    pipe = pipeline_for(recipe, recipe.make()).fit(X, y)
    if recipe.kind == TARGET:
        assert pipe.named_steps["viz"].support_.sum() == len(y)
    else:
        assert np.isfinite(pipe.score(X, y))
    assert_no_figures()


def grid_search_for(recipe):
    if recipe.kind == SCORE:
        return GridSearchCV(recipe.make(), recipe.grid, cv=3)
    if recipe.kind == TRANSFORMER:
        return GridSearchCV(pipeline_for(recipe, recipe.make()), recipe.grid, cv=3)
    # A target visualizer has no score: count the training support instead.
    return GridSearchCV(
        recipe.make(), recipe.grid, cv=3,
        scoring=lambda est, X, y: float(est.support_.sum()),
    )  # fmt: skip


@ALL
def test_grid_search_and_cross_val_score_open_no_figure(name):
    recipe = RECIPES[name]
    X, y = recipe.data()
    search = grid_search_for(recipe).fit(X, y)
    assert len(search.cv_results_["params"]) == 4
    if recipe.kind == TARGET:  # each fold trains on two thirds of the rows
        assert_array_equal(search.cv_results_["mean_test_score"], len(y) * 2 / 3)
    scores = cross_val_score(search.best_estimator_, X, y, cv=3)
    assert np.all(np.isfinite(scores))
    assert_no_figures()


@MODELS
def test_grid_search_stratifies_classifiers(name):
    from sklearn.base import is_classifier, is_regressor

    recipe = RECIPES[name]
    viz = recipe.make()
    assert is_classifier(viz) == is_classifier(recipe.model())
    assert is_regressor(viz) == is_regressor(recipe.model())


# -- drawing ----------------------------------------------------------------------


@ALL
def test_show_and_score_before_fit_raise_not_fitted(name):
    recipe = RECIPES[name]
    viz = recipe.make()
    with pytest.raises(NotFitted):
        viz.show()
    if recipe.kind == SCORE:
        X, y = recipe.data()
        with pytest.raises(NotFitted):
            viz.score(X, y)
    assert_no_figures()


def non_blank_png(path) -> bool:
    image = mpimg.imread(path)
    return image.ndim == 3 and float(image[..., :3].std()) > 0.01


@ALL
def test_show_outpath_saves_own_figure_and_closes_it(name, tmp_path):
    recipe = RECIPES[name]
    viz = recipe.fitted(**recipe.styled)
    other = plt.figure()  # the current figure belongs to the user
    outpath = tmp_path / "viz.png"
    ax = viz.show(outpath=outpath)
    assert non_blank_png(outpath)
    assert ax.figure is not other
    assert not other.axes  # nothing drawn on the user's current figure
    assert plt.get_fignums() == [other.number]
    width, height = recipe.styled["size"]
    assert mpimg.imread(outpath).shape[:2] == (height, width)


@ALL
def test_plot_lands_on_the_given_axes(name):
    recipe = RECIPES[name]
    viz = recipe.fitted()
    fig, ax = plt.subplots()
    assert viz.plot(ax=ax) is viz
    assert viz.ax_ is ax and viz.fig_ is fig
    assert ax.has_data() or ax.images or ax.collections
    assert plt.get_fignums() == [fig.number]


@ALL
def test_init_ax_is_used_and_title_drawn(name):
    recipe = RECIPES[name]
    fig, ax = plt.subplots()
    viz = recipe.fitted(ax=ax, title="My title")
    viz.show()
    assert viz.ax_ is ax
    assert "My title" in [a.get_title() for a in fig.axes]


@ALL
def test_rcparams_unchanged_by_use(name, tmp_path):
    before = dict(mpl.rcParams)
    RECIPES[name].fitted().show(outpath=tmp_path / "x.png")
    assert dict(mpl.rcParams) == before


def test_import_changes_no_rcparams_and_imports_no_pyplot():
    code = (
        "import sys, matplotlib as mpl; before = dict(mpl.rcParams);"
        "import vizkit, vizkit.classifier, vizkit.regressor, vizkit.features,"
        " vizkit.target, vizkit.style;"
        "assert dict(mpl.rcParams) == before, 'rcParams changed';"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- bad input ----------------------------------------------------------------------


def bad_inputs(recipe):
    """(label, fit arguments, argument name the message must contain)."""
    X, y = recipe.data()
    nan_X, inf_X = X.copy(), X.copy()
    nan_X[3, 1], inf_X[5, 0] = np.nan, np.inf
    if recipe.kind == TARGET:
        nan_y = y.astype(float)
        nan_y[2] = np.nan
        return [
            ("nan y", (nan_y,), "y_train"),
            ("empty y", (y[:0],), "y_train"),
            ("2-D y", (np.c_[y, y, y],), "y_train"),
        ]
    cases = [
        ("nan X", (nan_X, y), "X"),
        ("inf X", (inf_X, y), "X"),
        ("short y", (X, y[:-7]), "y"),
        ("1-D X", (X[:, 0], y), "X"),
        ("empty X", (X[:0], y[:0]), "X"),
    ]
    if recipe.model is not None and recipe.data is classification_data:
        cases.append(("single class", (X, np.zeros_like(y)), "y"))
    return cases


@ALL
def test_bad_input_raises_a_clear_vizkit_error(name):
    recipe = RECIPES[name]
    for label, args, argument in bad_inputs(recipe):
        originals = [np.array(a, copy=True) for a in args]
        viz = recipe.make()
        with pytest.raises(VizkitError, match=rf"\b{argument}\b"):
            viz.fit(*args)
        for original, arg in zip(originals, args):
            assert_array_equal(arg, original, err_msg=label)
    assert_no_figures()


@ALL
def test_unknown_option_raises_naming_the_option(name):
    recipe = RECIPES[name]
    X, y = recipe.data()
    ((option, value),) = recipe.bad_option.items()
    viz = recipe.make(**recipe.bad_option)
    with pytest.raises(VizkitError, match=option):
        recipe.fit(viz, X, y)
    assert_no_figures()


@MODELS
def test_prefit_model_is_not_refitted_or_modified(name):
    recipe = RECIPES[name]
    X, y = recipe.data()
    model = recipe.model().fit(X, y)
    before = pickle.dumps(model)
    viz = recipe.make()
    viz.set_params(estimator=model)
    viz.fit(X, y)
    viz.score(X, y)
    assert pickle.dumps(model) == before
    nan_X = X.copy()
    nan_X[0, 0] = np.nan
    with pytest.raises(VizkitError):
        viz.score(nan_X, y)
    assert pickle.dumps(model) == before
