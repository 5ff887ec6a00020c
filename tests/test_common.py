"""Conformance checks run over every registered visualizer, from the registry alone.

Each visualizer's one ``declare(...)`` line says how it is fed (its kind) and
gives small example data (and a model); every check below runs over every
declaration, so a new visualizer is checked like the rest as soon as it is
declared. Nothing here names a visualizer.
"""

from __future__ import annotations

import inspect
import pickle
import subprocess
import sys
import warnings
from importlib import import_module

import matplotlib as mpl
import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pytest
from numpy.testing import assert_array_equal
from scipy import sparse
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils import get_tags

from vizkit import registry
from vizkit.exceptions import (
    NotFitted,
    VizkitDeprecationWarning,
    VizkitError,
    VizkitWarning,
)
from vizkit.figures import is_drawing
from vizkit.params import declared_params
from vizkit.registry import DATA, SCORE, TARGET, TRANSFORMER
from vizkit.utils.response import response_method

DECLARED = {d.cls.__name__: d for d in registry.declarations()}
ALL = pytest.mark.parametrize("name", sorted(DECLARED))
MODELS = pytest.mark.parametrize(
    "name", sorted(n for n, d in DECLARED.items() if d.kind.wraps_model)
)
SCORES = pytest.mark.parametrize(
    "name", sorted(n for n, d in DECLARED.items() if d.kind is SCORE)
)
CLASSIFIERS = pytest.mark.parametrize(
    "name",
    sorted(
        n
        for n, d in DECLARED.items()
        if d.kind is SCORE and is_classifier(d.example().estimator())
    ),
)
STYLE = {"title": "A title", "size": (420, 300)}


# -- building and feeding a visualizer from its declaration ----------------------


def make(name, estimator=None, **params):
    """A new visualizer, wrapping the example's model (or ``estimator``)."""
    declaration = DECLARED[name]
    example = declaration.example()
    params = {**example.params, **params}  # the arguments it requires first
    if not declaration.kind.wraps_model:
        return declaration.cls(**params)
    model = estimator if estimator is not None else example.estimator()
    return declaration.cls(model, **params)


def feed(name, viz, X, y):
    """Fit (and score) ``viz`` as its kind says; returns it."""
    kind = DECLARED[name].kind
    if kind is TARGET:
        viz.fit(y)
    elif kind is TRANSFORMER:
        viz.fit_transform(X, y)
    else:
        viz.fit(X, y)
    if "X_test" in kind.data:  # score and comparison visualizers
        viz.score(X, y)
    return viz


def fitted(name, **params):
    example = DECLARED[name].example()
    return feed(name, make(name, **params), example.X, example.y)


def assert_no_figures():
    assert plt.get_fignums() == []


def same_params(a, b):
    """Parameters equal, estimators compared by type and their own params."""
    assert set(a) == set(b)
    for key in a:
        same_value(a[key], b[key], key)


def same_value(a, b, key):
    """Equal values; estimators (also in lists, as a comparison's) by their params."""
    if hasattr(a, "get_params"):
        assert type(a) is type(b), key
        same_params(a.get_params(), b.get_params())
    elif isinstance(a, list | tuple):
        assert type(a) is type(b) and len(a) == len(b), key
        for one, other in zip(a, b):
            same_value(one, other, key)
    else:
        assert a == b, key


def first_model(name, viz):
    """(prefix of its nested parameters, model) of the (first) wrapped model.

    A comparison wraps several models, named in ``named_estimators``; their
    parameters are ``<name>__<param>``, as in scikit-learn's VotingClassifier.
    """
    if DECLARED[name].kind.model_argument == "estimators":
        return next(iter(viz.named_estimators.items()))
    return "estimator", viz.estimator


def example_model(name):
    """A fresh model of the example (the first, when it gives a list to compare)."""
    model = DECLARED[name].example().estimator()
    return model[0] if isinstance(model, list) else model


def fitted_example_model(example):
    """The example's model (or list of models), fitted on its data."""
    model = example.estimator()
    models = model if isinstance(model, list) else [model]
    for one in models:
        one.fit(example.X, example.y)
    return model


def image_of(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def results_of(viz) -> dict:
    """The computed (fitted) attributes, by name."""
    return {
        k: v for k, v in vars(viz).items()
        if k.endswith("_") and k[0] != "_" and not is_drawing(v)
    }  # fmt: skip


# -- the declaration --------------------------------------------------------------


@ALL
def test_family_package_exports_the_visualizer_and_its_quick_method(name):
    declaration = DECLARED[name]
    package = import_module(f"vizkit.{declaration.family}")
    assert getattr(package, name) is declaration.cls
    assert getattr(package, declaration.quick.__name__) is declaration.quick
    assert name in package.__all__
    for alias in declaration.aliases:
        assert getattr(package, alias) is declaration.cls


@ALL
def test_quick_method_signature_lists_every_class_parameter(name):
    declaration = DECLARED[name]
    quick = inspect.signature(declaration.quick).parameters
    own = inspect.signature(declaration.cls).parameters
    assert list(quick)[: len(declaration.kind.data)] == list(declaration.kind.data)
    for param in own.values():
        assert param.name in quick
        if param.name == declaration.kind.model_argument:
            continue  # the quick method's model data is required (a comparison's
            # class takes None, to be filled by add())
        assert quick[param.name].default == param.default
    assert quick["show"].default is True
    for param in own:  # and its docstring documents them, from the class
        assert f"\n{param} " in declaration.quick.__doc__ or param == "estimator"


@ALL
def test_every_parameter_is_declared_once(name):
    cls = DECLARED[name].cls
    assert set(declared_params(cls)) == set(cls._get_param_names())


@ALL
def test_get_params_keys_equal_init_signature(name):
    viz = make(name)
    signature = inspect.signature(type(viz).__init__).parameters
    assert set(viz.get_params(deep=False)) == set(signature) - {"self"}
    kinds = {p.kind for p in signature.values()}
    assert inspect.Parameter.VAR_KEYWORD not in kinds


# -- estimator contract -----------------------------------------------------------


@ALL
def test_init_stores_arguments_unchanged(name):
    viz = make(name, **STYLE)
    params = viz.get_params(deep=False)
    for key, value in STYLE.items():
        assert params[key] is value, key


@ALL
def test_clone_keeps_every_parameter(name):
    viz = make(name, **STYLE)
    cloned = clone(viz)
    assert cloned is not viz
    same_params(viz.get_params(deep=False), cloned.get_params(deep=False))


@ALL
def test_clone_passes_axes_by_reference(name):
    fig, ax = plt.subplots()
    cloned = clone(make(name, ax=ax))
    assert cloned.ax is ax
    assert plt.get_fignums() == [fig.number]


def float_param_of(estimator) -> str:
    return next(k for k, v in estimator.get_params().items() if type(v) is float)


@MODELS
def test_nested_set_params(name):
    viz = make(name)
    own = viz.get_params(deep=False)
    prefix, model = first_model(name, viz)
    key = float_param_of(model)
    viz.set_params(**{f"{prefix}__{key}": 0.5})
    assert viz.get_params()[f"{prefix}__{key}"] == 0.5
    assert model.get_params()[key] == 0.5  # key may be nested (a search's)
    # Nested, never flattened: a visualizer parameter of the same name (such as
    # PredictionError's alpha beside Ridge's) keeps its own value.
    assert viz.get_params().get(key) == own.get(key)


@MODELS
def test_tags_and_type_follow_the_wrapped_estimator(name):
    viz = make(name)
    model = example_model(name)
    if DECLARED[name].kind.model_argument == "estimators":
        # A comparison of several models does not predict: no classifier or
        # regressor itself, whatever its models are.
        assert get_tags(viz).estimator_type is None
        return
    assert get_tags(viz).estimator_type == get_tags(model).estimator_type
    assert is_classifier(viz) == is_classifier(model)
    assert is_regressor(viz) == is_regressor(model)


@ALL
def test_no_figure_before_drawing(name):
    viz = make(name, **STYLE)
    viz.get_params()
    repr(viz)
    clone(viz)
    example = DECLARED[name].example()
    feed(name, viz, example.X, example.y)
    viz._repr_html_()
    repr(viz)
    assert_no_figures()


@ALL
def test_fitted_visualizer_records_its_input(name):
    example = DECLARED[name].example()
    if DECLARED[name].kind is TARGET:  # as a Pipeline calls it: fit(X, y)
        viz = make(name).fit(example.X, example.y)
    else:
        viz = fitted(name)
    assert viz.n_features_in_ == example.X.shape[1]


@ALL
def test_pickle_round_trip_of_fitted_visualizer(name, tmp_path):
    viz = fitted(name)
    viz.show(outpath=tmp_path / "a.png")  # drawn artists must not break pickling
    restored = pickle.loads(pickle.dumps(viz))
    drawn = [k for k, v in vars(restored).items() if is_drawing(v)]
    assert drawn == [], "drawn artists are left out of pickles"
    arrays = {k: v for k, v in vars(viz).items() if isinstance(v, np.ndarray)}
    assert arrays, "a fitted visualizer stores its results as arrays"
    for key, value in arrays.items():
        assert_array_equal(getattr(restored, key), value)
    restored.show(outpath=tmp_path / "b.png")


# -- scikit-learn meta-estimators -------------------------------------------------


def pipeline_for(name, viz):
    if DECLARED[name].kind is TRANSFORMER:
        steps = [("viz", viz), ("clf", LogisticRegression(max_iter=500))]
        if get_tags(viz).input_tags.allow_nan:  # X keeps its NaN: impute them
            steps.insert(1, ("impute", SimpleImputer()))
        return Pipeline(steps)
    return Pipeline([("scale", StandardScaler()), ("viz", viz)])


def target_count(viz) -> int:
    """How many target values a fitted target visualizer counted."""
    counts = viz.support_ if hasattr(viz, "support_") else viz.n_  # classes, bins
    return int(np.sum(counts))


@ALL
def test_last_or_middle_step_of_a_pipeline(name):
    example = DECLARED[name].example()
    pipe = pipeline_for(name, make(name)).fit(example.X, example.y)
    if DECLARED[name].kind is TARGET:
        assert target_count(pipe.named_steps["viz"]) == len(example.y)
    else:
        assert np.isfinite(pipe.score(example.X, example.y))
    assert_no_figures()


def switch(name) -> str:
    """A boolean option of the class that may be flipped alone, to search over."""
    viz = make(name)
    for option in declared_params(type(viz)):
        default = getattr(viz, option)
        if option == "force_model" or not isinstance(default, bool):
            continue
        try:
            fitted(name, **{option: not default})
        except VizkitError:
            continue  # e.g. binary=True on a multiclass example
        return option
    raise AssertionError(f"{name} has no boolean option to search over")


def grid_search_for(name):
    viz = make(name)
    kind = DECLARED[name].kind
    if kind is TRANSFORMER:
        try:
            first = {f"viz__{switch(name)}": [True, False]}
        except AssertionError:  # no boolean option (e.g. MissingValuesBar)
            first = {"viz__title": [None, "T"]}
        grid = {**first, "clf__C": [0.1, 1.0]}
        return GridSearchCV(pipeline_for(name, viz), grid, cv=3)
    if kind is TARGET:  # scored by how many training values each fit counted
        return GridSearchCV(
            viz, {"color": [None, "red"], "title": [None, "T"]}, cv=3,
            scoring=lambda est, X, y: float(target_count(est)),
        )  # fmt: skip
    if kind is DATA:  # no model to tune: only drawing options, scored alike
        return GridSearchCV(viz, {"title": [None, "T"], switch(name): [True, False]})
    prefix, model = first_model(name, viz)
    key = f"{prefix}__{float_param_of(model)}"
    try:
        second = {switch(name): [True, False]}
    except AssertionError:  # no boolean option (e.g. SilhouetteVisualizer)
        second = {"title": [None, "T"]}
    return GridSearchCV(viz, {key: [0.1, 1.0], **second})


@ALL
def test_grid_search_and_cross_val_score_open_no_figure(name):
    example = DECLARED[name].example()
    search = grid_search_for(name).fit(example.X, example.y)
    assert len(search.cv_results_["params"]) == 4
    if DECLARED[name].kind is TARGET:  # each fold trains on two thirds of the rows
        expected = len(example.y) * 2 / 3
        assert_array_equal(search.cv_results_["mean_test_score"], expected)
    if DECLARED[name].kind is DATA:  # drawing options cannot change the score
        assert len(set(search.cv_results_["mean_test_score"])) == 1
    scores = cross_val_score(search.best_estimator_, example.X, example.y, cv=3)
    assert np.all(np.isfinite(scores))
    assert_no_figures()


# -- two ways in: from_estimator and from_predictions ---------------------------


def assert_same_results(a: dict, b: dict, where: str = ""):
    shared = sorted(set(a) & set(b), key=str)
    assert shared or where  # nested dicts may be empty
    for key in shared:
        left, right = a[key], b[key]
        if isinstance(left, dict):  # e.g. curves by class, or scores_[metric][class]
            assert set(left) == set(right), f"{where}{key}"
            assert_same_results(left, right, where=f"{where}{key}.")
        elif isinstance(left, (np.ndarray, float)):
            np.testing.assert_allclose(left, right, err_msg=f"{where}{key}")


@SCORES
def test_from_predictions_equals_from_estimator(name):
    example = DECLARED[name].example()
    model = example.estimator().fit(example.X, example.y)
    cls = DECLARED[name].cls
    by_model = cls.from_estimator(model, example.X, example.y)
    if not cls._response_methods:  # needs the model itself (permutation importance)
        with pytest.raises(VizkitError, match="from_estimator"):
            cls.from_predictions(example.y, model.predict(example.X))
        return
    method = response_method(model, cls._response_methods)
    predicted = getattr(model, method)(example.X)
    by_predictions = cls.from_predictions(example.y, predicted)
    assert_same_results(results_of(by_model), results_of(by_predictions))


@SCORES
def test_from_estimator_names_an_unfitted_model(name):
    example = DECLARED[name].example()
    model = example.estimator()
    with pytest.raises(NotFitted, match=type(model).__name__):
        DECLARED[name].cls.from_estimator(model, example.X, example.y)
    fitted_model = example.estimator().fit(example.X, example.y)
    viz = DECLARED[name].cls.from_estimator(
        fitted_model, example.X, example.y, is_fitted=True
    )
    assert viz.ax_ is not None


# -- drawing ----------------------------------------------------------------------


@ALL
def test_show_and_score_before_fit_raise_not_fitted(name):
    viz = make(name)
    with pytest.raises(NotFitted):
        viz.show()
    if DECLARED[name].kind is SCORE:
        example = DECLARED[name].example()
        with pytest.raises(NotFitted):
            viz.score(example.X, example.y)
    assert_no_figures()


def non_blank_png(path) -> bool:
    image = mpimg.imread(path)
    return image.ndim == 3 and float(image[..., :3].std()) > 0.01


@ALL
def test_show_outpath_saves_own_figure_and_closes_it(name, tmp_path):
    viz = fitted(name, **STYLE)
    other, other_ax = plt.subplots()  # the user's current figure holds a plot
    other_ax.plot([0, 1], [0, 1])
    outpath = tmp_path / "viz.png"
    ax = viz.show(outpath=outpath)
    assert non_blank_png(outpath)
    assert ax.figure is not other
    assert len(other.axes) == 1 and len(other_ax.lines) == 1  # never drawn over
    assert plt.get_fignums() == [other.number]
    width, height = STYLE["size"]
    assert mpimg.imread(outpath).shape[:2] == (height, width)


@ALL
def test_the_empty_figure_the_user_just_made_is_drawn_on(name, tmp_path):
    fig, ax = plt.subplots(figsize=(5, 4))
    viz = fitted(name)
    viz.show(outpath=tmp_path / "user.png")
    assert viz.fig_ is fig and ax in fig.axes
    assert viz.ax_ is ax or ax.figure is viz.ax_.figure
    assert plt.get_fignums() == [fig.number]  # the user's figure stays open
    assert non_blank_png(tmp_path / "user.png")


@ALL
def test_plot_lands_on_the_given_axes_twice(name):
    viz = fitted(name)
    fig, (left, right) = plt.subplots(1, 2)
    assert viz.plot(ax=left) is viz
    assert viz.plot(ax=right) is viz
    for ax in (left, right):
        assert ax.has_data() or ax.images or ax.collections
    assert viz.ax_ is right and viz.fig_ is fig
    assert plt.get_fignums() == [fig.number]


@ALL
def test_yellowbrick_finalize_pattern_on_a_given_axes(name, tmp_path):
    fig, ax = plt.subplots()
    viz = fitted(name, ax=ax)
    assert viz.finalize() is ax
    assert ax.has_data() or ax.images or ax.collections
    n_children = len(ax.get_children())
    viz.finalize()  # once drawn, finalize only decorates
    assert len(ax.get_children()) == n_children
    plt.savefig(tmp_path / "pattern.png")
    assert non_blank_png(tmp_path / "pattern.png")


@ALL
def test_init_ax_is_used_and_title_drawn(name):
    fig, ax = plt.subplots()
    viz = fitted(name, ax=ax, title="My title")
    viz.show()
    assert viz.ax_ is ax
    assert "My title" in [a.get_title() for a in fig.axes]


def drawing_examples(name) -> list[tuple[str, object]]:
    """(parameter, value) pairs that change the picture without refitting."""
    params = declared_params(DECLARED[name].cls)
    return [("title", "New title")] + [
        (n, p.example) for n, p in params.items()
        if p.draw and p.example is not None and not p.warns
    ]  # fmt: skip


@ALL
def test_set_params_of_a_drawing_parameter_then_plot_redraws(name):
    viz = fitted(name)
    results = {k: id(v) for k, v in results_of(viz).items()}
    fig, ax = plt.subplots()
    before = image_of(viz.plot(ax=ax).fig_)
    for param, value in drawing_examples(name):
        default = viz.get_params()[param]
        viz.set_params(**{param: value})
        ax.clear()
        after = image_of(viz.plot(ax=ax).fig_)
        assert not np.array_equal(before, after), f"{param}={value!r} changed nothing"
        viz.set_params(**{param: default})
    after = results_of(viz)
    assert {k: id(after[k]) for k in results} == results  # nothing recomputed


@ALL
def test_rcparams_unchanged_by_use(name, tmp_path):
    before = dict(mpl.rcParams)
    fitted(name).show(outpath=tmp_path / "x.png")
    assert dict(mpl.rcParams) == before


def test_import_changes_no_rcparams_and_imports_no_pyplot():
    code = (
        "import sys, matplotlib as mpl; before = dict(mpl.rcParams);"
        "import vizkit, vizkit.registry as r, vizkit.style; r.declarations();"
        "assert dict(mpl.rcParams) == before, 'rcParams changed';"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- warnings -----------------------------------------------------------------------


def warning_params(name) -> dict:
    """Values for every parameter that only warns (Yellowbrick spellings)."""
    params = declared_params(DECLARED[name].cls)
    values = {"color": "red", "label_encoder": {0: "a", 1: "b", 2: "c"}}
    return {n: values.get(n, 2) for n, p in params.items() if p.warns and n in values}


def vizkit_messages(caught) -> list[str]:
    """vizkit's own warnings (old matplotlib also warns through pyparsing)."""
    ours = (VizkitWarning, VizkitDeprecationWarning)
    return [str(w.message) for w in caught if issubclass(w.category, ours)]


@ALL
def test_no_warning_is_emitted_twice_for_one_call(name, tmp_path):
    declaration = DECLARED[name]
    example = declaration.example()
    data = (example.y,) if declaration.kind is TARGET else (example.X, example.y)
    if declaration.kind.wraps_model:
        data = (example.estimator(), *data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        viz = declaration.quick(
            *data, show=False, **example.params, **warning_params(name)
        )
        quick_messages = vizkit_messages(caught)
        caught.clear()
        feed(name, viz, example.X, example.y)
        viz.show(outpath=tmp_path / "w.png")
        call_messages = vizkit_messages(caught)
    assert len(quick_messages) == len(set(quick_messages)), quick_messages
    assert len(quick_messages) >= len(warning_params(name))  # each one said
    for message in set(call_messages):  # at most once per public call
        assert call_messages.count(message) <= 2, message


# -- bad input ----------------------------------------------------------------------


def bad_inputs(name):
    """(label, fit arguments, argument name the message must contain)."""
    example = DECLARED[name].example()
    X, y = example.X, example.y
    nan_X, inf_X = X.copy(), X.copy()
    nan_X[3, 1], inf_X[5, 0] = np.nan, np.inf
    if DECLARED[name].kind is TARGET:
        nan_y = y.astype(float)
        nan_y[2] = np.nan
        target = list(inspect.signature(DECLARED[name].cls.fit).parameters)[1]
        return [  # named as fit names it: y_train (ClassBalance), y...
            ("nan y", (nan_y,), target),
            ("empty y", (y[:0],), target),
            ("2-D y", (np.c_[y, y, y],), target),
        ]
    cases = [
        ("nan X", (nan_X, y), "X"),
        ("inf X", (inf_X, y), "X"),
        ("short y", (X, y[:-7]), "y"),
        ("empty X", (X[:0], y[:0]), "X"),
    ]
    if not getattr(DECLARED[name].cls, "_accepts_1d_X", False):
        cases.append(("1-D X", (X[:, 0], y), "X"))  # JointPlot: a feature vs y
    if example.estimator is not None and is_classifier(example_model(name)):
        cases.append(("single class", (X, np.zeros_like(y)), "y"))
    if get_tags(make(name)).input_tags.allow_nan:  # NaN is what they show
        cases = [case for case in cases if case[0] != "nan X"]
    return cases


@ALL
def test_bad_input_raises_one_clear_error(name):
    """A vizkit error naming the argument, or the model's own naming the visualizer."""
    for label, args, argument in bad_inputs(name):
        originals = [np.array(a, copy=True) for a in args]
        viz = make(name)
        with pytest.raises((VizkitError, ValueError)) as raised:
            viz.fit(*args)
        message = str(raised.value)
        if isinstance(raised.value, VizkitError):
            assert argument in message.replace(",", " ").split() or (
                f"{argument} " in message
            ), (label, message)
        else:
            assert message.startswith(f"{name}: "), (label, message)
        for original, arg in zip(originals, args):
            assert_array_equal(arg, original, err_msg=label)
    assert_no_figures()


@ALL
def test_invalid_option_raises_naming_the_option(name):
    """Every declared parameter that has allowed values refuses a wrong one."""
    example = DECLARED[name].example()
    params = declared_params(DECLARED[name].cls)
    checked = [n for n, p in params.items() if p.check is not None and not p.warns]
    assert checked
    for option in checked:
        viz = make(name, **{option: "no-such-option"})
        with pytest.raises(VizkitError, match=option):
            feed(name, viz, example.X, example.y)
        ok = fitted(name)
        ok.set_params(**{option: "no-such-option"})
        with pytest.raises(VizkitError, match=option):
            ok.plot()
    assert_no_figures()


@MODELS
def test_prefit_model_is_not_refitted_or_modified(name):
    example = DECLARED[name].example()
    model = fitted_example_model(example)
    before = pickle.dumps(model)
    viz = make(name, estimator=model)
    feed(name, viz, example.X, example.y)
    assert pickle.dumps(model) == before
    nan_X = example.X.copy()
    nan_X[0, 0] = np.nan
    models = model if isinstance(model, list) else [model]  # comparisons: a list
    if all(get_tags(m).input_tags.allow_nan for m in models):  # trees route NaN
        viz.score(nan_X, example.y)
    else:
        with pytest.raises(ValueError, match=name):
            viz.score(nan_X, example.y)
    assert pickle.dumps(model) == before


# -- inputs the model accepts -------------------------------------------------------

TEXTS = ["good fine great", "bad awful poor", "great good", "poor bad", "fine good"]


@CLASSIFIERS
def test_sparse_and_text_input_go_through_a_classifier_pipeline(name, tmp_path):
    example = DECLARED[name].example()
    X_sparse = sparse.csr_matrix(example.X)
    viz = make(name, estimator=LogisticRegression(max_iter=500))
    feed(name, viz, X_sparse, example.y)
    assert viz.n_features_in_ == example.X.shape[1]
    viz.show(outpath=tmp_path / "sparse.png")
    docs = TEXTS * 12
    labels = np.array([d.split()[0] in ("good", "great", "fine") for d in docs])
    labels = np.where(labels, "positive", "negative")
    text_model = make_pipeline(TfidfVectorizer(), LogisticRegression())
    viz = make(name, estimator=text_model)
    feed(name, viz, docs, labels)
    viz.show(outpath=tmp_path / "text.png")
    assert non_blank_png(tmp_path / "text.png")
