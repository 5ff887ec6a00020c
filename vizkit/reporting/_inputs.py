"""Checks of what ``report`` is given, and the train/test split.

Each error names the argument, what was wrong and what to do.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from sklearn.base import clone, is_classifier, is_clusterer, is_regressor

from vizkit.exceptions import ModelError, VizkitTypeError, VizkitValueError
from vizkit.reporting._evaluation import (
    CLASSIFICATION,
    CLUSTERING,
    REGRESSION,
    Split,
)
from vizkit.utils.validation import check_target, n_samples_of


def model_task(model: Any) -> str:
    """ "classification", "regression" or "clustering", from the model's type."""
    if not hasattr(model, "fit") or not hasattr(model, "get_params"):
        raise VizkitTypeError(
            f"model is a {type(model).__name__}, not a scikit-learn estimator (it "
            "needs fit and get_params); pass an estimator such as "
            "sklearn.ensemble.RandomForestClassifier()."
        )
    if is_classifier(model):
        return CLASSIFICATION
    if is_regressor(model):
        return REGRESSION
    if is_clusterer(model):
        return CLUSTERING
    raise ModelError(
        f"model {type(model).__name__} is neither a classifier, a regressor nor a "
        "clusterer, so the report cannot tell which evaluation applies; pass one "
        "of those (or a Pipeline ending in one)."
    )


def check_y(task: str, y: Any, n_rows: int, name: str = "y") -> np.ndarray | None:
    """The target as an array: required and with two values or more when supervised."""
    if y is None:
        if task == CLUSTERING:
            return None
        raise VizkitValueError(
            f"{name} is None, but a {task} model learns from a target; pass the "
            f"target of every row of X as {name}."
        )
    array = check_target(y, name=name, n_samples=n_rows)
    values = np.unique(array)
    if len(values) < 2 and task != CLUSTERING:
        only = np.asarray(values[0]).item()  # 1, not np.int64(1)
        raise VizkitValueError(
            f"{name} has a single value ({only!r}), so there is nothing to "
            f"learn or evaluate; pass a target with at least two distinct values."
        )
    return array


def check_test_size(test_size: Any, n_rows: int) -> None:
    ok_fraction = isinstance(test_size, numbers.Real) and 0 < float(test_size) < 1
    ok_count = isinstance(test_size, numbers.Integral) and 1 <= int(test_size) < n_rows
    if isinstance(test_size, bool) or not (ok_fraction or ok_count):
        raise VizkitValueError(
            f"test_size={test_size!r} is not valid for {n_rows} rows; pass a "
            "fraction in (0, 1) or a number of test rows between 1 and "
            f"{n_rows - 1}."
        )


def make_split(
    task: str, X: Any, y: Any, X_test: Any, y_test: Any, test_size: Any,
    random_state: Any,
) -> Split:  # fmt: skip
    """Check the data and split it (or take the given test set)."""
    n_rows = n_samples_of(X, "X")
    if n_rows < 2:
        raise VizkitValueError(f"X has {n_rows} row(s); pass at least two rows.")
    y_array = check_y(task, y, n_rows)
    if task == CLUSTERING:
        if X_test is not None or y_test is not None:
            raise VizkitValueError(
                "X_test/y_test were given, but a clusterer is fitted on and "
                "described with X itself; leave X_test and y_test out."
            )
        description = f"no split: the clusterer is fitted on all {n_rows:,} rows"
        return Split(X, X, y_array, y_array, description)
    if X_test is not None or y_test is not None:
        return given_test_set(task, X, y_array, X_test, y_test)
    check_test_size(test_size, n_rows)
    return random_split(task, X, y_array, test_size, random_state)


def given_test_set(task: str, X: Any, y: Any, X_test: Any, y_test: Any) -> Split:
    if X_test is None or y_test is None:
        missing = "y_test" if y_test is None else "X_test"
        raise VizkitValueError(
            f"{missing} is None but its pair was given; pass both X_test and "
            "y_test, or neither (then X is split with test_size)."
        )
    n_test = n_samples_of(X_test, "X_test")
    y_test_array = check_y(task, y_test, n_test, name="y_test")
    description = (
        f"given test set: {n_samples_of(X, 'X'):,} training rows, {n_test:,} test rows"
    )
    return Split(X, X_test, y, y_test_array, description)


def random_split(task: str, X: Any, y: Any, test_size: Any, random_state: Any) -> Split:
    """A seeded split, stratified by class for classification when possible."""
    from sklearn.model_selection import train_test_split

    how = "random split"
    stratify = None
    if task == CLASSIFICATION and np.unique(y, return_counts=True)[1].min() >= 2:
        stratify, how = y, "stratified random split"
    try:
        parts = train_test_split(
            X, y, test_size=test_size, random_state=random_state, stratify=stratify
        )
    except ValueError:  # too few test rows to hold every class: not stratified
        how = "random split"
        parts = train_test_split(X, y, test_size=test_size, random_state=random_state)
    X_train, X_test, y_train, y_test = parts
    description = (
        f"{how} (test_size={test_size}, random_state={random_state}): "
        f"{len(y_train):,} training rows, {len(y_test):,} test rows"
    )
    return Split(X_train, X_test, y_train, y_test, description)


def build_model(model: Any, preprocessor: Any) -> Any:
    """A clone of ``model`` (the user's stays untouched), after ``preprocessor``."""
    estimator = clone(model)
    if preprocessor is None:
        return estimator
    from sklearn.pipeline import Pipeline

    return Pipeline([("encode", preprocessor), ("model", estimator)])


def describe_model(model: Any) -> str:
    """The model's class and the parameters it sets away from their defaults."""
    if hasattr(model, "steps"):
        steps = " -> ".join(describe_model(step) for _, step in model.steps)
        return f"Pipeline({steps})"
    if not hasattr(model, "get_params"):
        return type(model).__name__
    import inspect

    signature = inspect.signature(type(model).__init__).parameters
    changed = []
    for name, value in model.get_params(deep=False).items():
        default = signature[name].default if name in signature else inspect._empty
        if repr(value) != repr(default):
            changed.append(f"{name}={value!r}")
    return f"{type(model).__name__}({', '.join(changed)})"
