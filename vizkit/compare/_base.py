"""The base of the comparison visualizers: several models, one figure.

A comparison holds a list of models (``estimators``). ``fit`` fits the ones
that need it in place, ``score`` calls each model's response method ONCE on
the test data and turns that one array into the curves (``_compute``), and
``add`` does the same for one more model, so a ``for`` loop over candidate
models builds the same comparison as the list. Results are dicts keyed by
the models' names (``names_``), plus ``scores_``, one number per model.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

import numpy as np
from sklearn.utils import Bunch, get_tags

from vizkit import params as P
from vizkit.base import Visualizer, one_call
from vizkit.compare._models import (
    NamedModels,
    check_one_task,
    model_label,
    named_models,
    search_candidates,
)
from vizkit.exceptions import NotFitted, VizkitError, VizkitValueError, prefix_message
from vizkit.style import resolve_colors
from vizkit.utils.validation import (
    check_classes,
    check_target,
    estimator_is_fitted,
    n_samples_of,
    needs_fit,
)


class ComparisonVisualizer(Visualizer):
    """Base class: fit, predict once per model, compute, draw one line per model.

    Subclasses set ``_TASK`` ("classifier", "regressor" or None for any),
    ``_response_methods`` (the model methods to call, first found) and
    ``_RESULTS`` (the dict attributes ``_compute`` fills), and implement
    ``_compute(name, model, y_true, response)`` returning the model's score.
    """

    _TASK: ClassVar[str | None] = None
    _response_methods: ClassVar[tuple[str, ...]] = ("predict",)
    _RESULTS: ClassVar[tuple[str, ...]] = ()
    #: Whether a smaller score is better (a Brier score): ``score_`` is the best.
    _LOWER_IS_BETTER: ClassVar[bool] = False

    _params = {
        "estimators": P.anything(),
        "names": P.anything(),
        "is_fitted": P.choice("auto", True, False),
        "colors": P.colors(),
    }

    # -- the models as scikit-learn parameters -----------------------------------

    def _named_models(self) -> NamedModels:
        named = named_models(self.estimators, self.names)
        self._task = check_one_task(named, self._TASK, type(self).__name__)
        return named

    @property
    def named_estimators(self) -> Bunch:
        """The models by name, as ``VotingClassifier.named_estimators``."""
        return Bunch(**dict(self._named_models()))

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The parameters; with ``deep``, each model's as ``<name>__<param>``."""
        params = super().get_params(deep=False)
        if not deep:
            return params
        try:
            named = named_models(self.estimators, self.names)
        except VizkitError:  # no (valid) models yet: only the own parameters
            return params
        for name, model in named:
            for key, value in model.get_params(deep=True).items():
                params[f"{name}__{key}"] = value
        return params

    def set_params(self, **params: Any) -> ComparisonVisualizer:
        """Set parameters; ``<name>__<param>`` sets a parameter of one model."""
        own = {k: v for k, v in params.items() if "__" not in k}
        super().set_params(**own)
        nested: dict[str, dict[str, Any]] = {}
        for key, value in params.items():
            if "__" in key:
                name, _, sub = key.partition("__")
                nested.setdefault(name, {})[sub] = value
        if nested:
            models = dict(named_models(self.estimators, self.names))
            for name, sub_params in nested.items():
                if name not in models:
                    raise VizkitValueError(
                        f"no model is named {name!r}; nested parameters are "
                        f"<name>__<param> with a name among {list(models)}."
                    )
                models[name].set_params(**sub_params)
        return self

    def __sklearn_tags__(self):
        # A comparison does not predict, so it is neither a classifier nor a
        # regressor; it accepts what every one of its models accepts.
        tags = super().__sklearn_tags__()
        try:
            models = [model for _, model in named_models(self.estimators, self.names)]
        except VizkitError:
            return tags
        inputs = [get_tags(model).input_tags for model in models]
        tags.input_tags = dataclasses.replace(
            inputs[0],
            sparse=all(t.sparse for t in inputs),
            allow_nan=all(t.allow_nan for t in inputs),
            categorical=all(t.categorical for t in inputs),
            string=all(t.string for t in inputs),
        )
        tags.target_tags = dataclasses.replace(
            tags.target_tags, required=True, multi_output=False, single_output=True
        )
        return tags

    # -- fit --------------------------------------------------------------------------

    def fit(self, X, y=None, **kwargs):
        """Fit each model that needs it (see ``is_fitted``) on the training data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The training data, as the models take it.
        y : array-like of shape (n_samples,)
            The training target.
        **kwargs
            Passed to every model's ``fit``.

        Returns
        -------
        self
        """
        named = self._named_models()
        self._check_models(named)
        y_array = self._check_data(X, y, "y")
        # The models this visualizer fitted (refitted by the next fit, as any
        # estimator's fit starts afresh); kept even when a later fit fails.
        fitted = self.__dict__.setdefault("_fitted_models", [])
        for _, model in named:
            refit = self.is_fitted == "auto" and any(m is model for m in fitted)
            if refit or needs_fit(model, self.is_fitted):
                self._call(model, "fit", X, y, **kwargs)
                if not refit:
                    fitted.append(model)
        self._fit_more(named, X, y_array, kwargs)
        self.names_ = np.asarray([name for name, _ in named], dtype=object)
        return self

    def _fit_more(self, named: NamedModels, X, y: np.ndarray, kwargs: dict) -> None:
        """What a subclass computes on the training data (learning curves)."""

    def _check_models(self, named: NamedModels) -> None:
        """Refuse models that lack what the picture needs, before any fit."""
        for name, model in named:
            self._method_of(name, model)

    def _check_data(self, X, y, y_name: str) -> np.ndarray:
        """Check the rows and the target (X goes to the models as given)."""
        n_samples = n_samples_of(X, "X")
        if n_samples == 0:
            raise VizkitValueError("X is empty; pass at least one sample.")
        if y is None:
            raise VizkitValueError(
                f"{type(self).__name__} requires y to be passed, but the target "
                f"{y_name} is None; pass the true target of every row of X."
            )
        self._record_input(X)
        y_array = check_target(y, name=y_name, n_samples=n_samples)
        if self.__dict__.get("_task") == "classifier":
            check_classes(np.unique(y_array), y_name)
        return y_array

    # -- score and add: one prediction per model --------------------------------

    def score(self, X, y):
        """Compute every model's curves on test data, predicting once per model.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The test data, as the models take it.
        y : array-like of shape (n_samples,)
            The true target of ``X``.

        Returns
        -------
        score_ : float
            The best model's score (see ``scores_``).
        """
        if "names_" not in self.__dict__:
            raise NotFitted.from_estimator(self, "score")
        named = self._named_models()
        y_true = self._check_data(X, y, "y")
        self._reset()
        for name, model in named:
            self._add_model(name, model, X, y_true)
        return self.score_

    def add(self, estimator, X, y, name: str | None = None):
        """Add one fitted model, scored on ``(X, y)``, to the comparison.

        Build a comparison in a ``for`` loop over models trained elsewhere:
        ``viz = ROCComparison()``, then ``viz.add(model, X_test, y_test)`` for
        each model, then ``viz.show()``. The same as listing the models in
        ``estimators`` and calling ``score(X_test, y_test)``.

        Parameters
        ----------
        estimator : fitted scikit-learn estimator
            The model to add; it is never refitted.
        X : array-like of shape (n_samples, n_features)
            Its test data (each model may have its own).
        y : array-like of shape (n_samples,)
            The true target of ``X``.
        name : str, default=None
            Its legend name; None uses its class name.

        Returns
        -------
        self
        """
        with one_call(self):
            if "_results_names" not in self.__dict__:
                self._reset()
            name = self._new_name(estimator, name)
            task = check_one_task([(name, estimator)], self._TASK, type(self).__name__)
            earlier = self.__dict__.get("_task")
            if self._results_names and earlier not in (None, task):
                raise VizkitValueError(
                    f"model {name!r} is a {task}, but the comparison holds "
                    f"{earlier}s; compare models of one task."
                )
            self._task = task
            self._method_of(name, estimator)
            self._add_model(name, estimator, X, self._check_data(X, y, "y"))
        self.__dict__["_drawn"] = False
        return self

    def _new_name(self, estimator, name: str | None) -> str:
        """The name of an added model: ``name``, else its class, made unique."""
        known = self._results_names
        if name is None:
            name = model_label(estimator)
            return name if name not in known else f"{name}-{len(known) + 1}"
        if name in known:
            raise VizkitValueError(
                f"name={name!r} is already in the comparison ({known}); give "
                "each model its own name."
            )
        return str(name)

    def _reset(self) -> None:
        self._results_names: list[str] = []
        self._results_scores: list[float] = []
        for attribute in self._RESULTS:
            setattr(self, attribute, {})

    def _add_model(self, name: str, model, X, y_true: np.ndarray) -> None:
        """Predict once with ``model``, compute its curves, record its score."""
        if not estimator_is_fitted(model):
            raise NotFitted(
                f"model {name!r} ({type(model).__name__}) is not fitted yet: call "
                f"{type(self).__name__}.fit(X_train, y_train) first, or pass "
                "fitted models."
            )
        self._record(name, self._score_model(name, model, X, y_true))

    def _score_model(self, name: str, model, X, y_true: np.ndarray) -> float:
        """One response of ``model`` on ``X``, turned into its curves and score."""
        response = self._call(model, self._method_of(name, model), X)
        return self._compute(name, model, y_true, response)

    def _record(self, name: str, score: float) -> None:
        """Append one model's name and score; ``score_`` is the best so far."""
        self._results_names.append(name)
        self._results_scores.append(float(score))
        self.names_ = np.asarray(self._results_names, dtype=object)
        self.scores_ = np.asarray(self._results_scores)
        best = np.min if self._LOWER_IS_BETTER else np.max
        self.score_ = float(best(self.scores_))

    def _method_of(self, name: str, model) -> str:
        """The response method to call (the first of ``_response_methods`` found)."""
        for method in self._response_methods:
            if hasattr(model, method):
                return method
        from vizkit.exceptions import ModelError

        listed = " or ".join(self._response_methods)
        raise ModelError(
            f"{type(self).__name__} needs {listed}, but model {name!r} "
            f"({type(model).__name__}) has no {listed} method; use a model that "
            "provides it (e.g. SVC(probability=True), or wrap the model in "
            "sklearn.calibration.CalibratedClassifierCV)."
        )

    def _compute(self, name: str, model, y_true: np.ndarray, response) -> float:
        """Store the model's curves from its one response; return its score."""
        raise NotImplementedError

    def _call(self, model, method: str, *args, **kwargs):
        """``model.method(...)``, its errors naming this visualizer and the model."""
        try:
            return getattr(model, method)(*args, **kwargs)
        except VizkitError:
            raise
        except Exception as error:
            where = f"{type(self).__name__}: {type(model).__name__}.{method}() failed"
            prefix_message(error, where)
            raise

    def _score_training(self, X, y) -> None:
        """A quick method without test data scores the training data."""
        self.score(X, y)

    # -- building from a search ------------------------------------------------------

    @classmethod
    def from_search(
        cls, search, X_train, y_train, X_test, y_test, *, top=5, ax=None, **kwargs
    ):
        """Compare the ``top`` best candidates of a fitted grid or random search.

        Each candidate is a clone of ``search.estimator`` with its parameters
        (``cv_results_["params"]``), named by them, fitted on ``(X_train,
        y_train)`` (a search keeps only its best model) and scored on
        ``(X_test, y_test)``; candidates are ranked by ``rank_test_score``.

        Parameters
        ----------
        search : fitted GridSearchCV, RandomizedSearchCV or HalvingGridSearchCV
            The search whose candidates are compared.
        X_train, y_train : array-like
            The data to fit the candidates on (the search's training data).
        X_test, y_test : array-like
            The held-out data they are scored on.
        top : int, default=5
            How many of the best candidates to compare.
        ax : matplotlib Axes, default=None
            Where to draw.
        **kwargs
            The visualizer's other parameters.

        Returns
        -------
        viz : the visualizer, fitted, scored and drawn
        """
        if isinstance(top, bool) or not isinstance(top, int | np.integer) or top < 1:
            raise VizkitValueError(
                f"top={top!r} is not valid; pass how many of the best candidates "
                "to compare, an integer of at least 1."
            )
        candidates = search_candidates(search, int(top))
        viz = cls(candidates, **{**kwargs, "is_fitted": False})
        with one_call(viz):
            viz.fit(X_train, y_train)
            viz.score(X_test, y_test)
            return viz.plot(ax=ax)

    # -- drawing ---------------------------------------------------------------------

    def _check_drawable(self) -> None:
        if "scores_" not in self.__dict__:
            raise NotFitted(
                f"This {type(self).__name__} has nothing to draw yet: call fit(X, "
                "y) then score(X_test, y_test), or add(model, X_test, y_test)."
            )

    def _model_colors(self) -> dict[str, str]:
        """One colour per model, by name (``colors``, else distinct colours)."""
        names = list(self.names_)
        return dict(zip(names, resolve_colors(len(names), colors=self.colors)))
