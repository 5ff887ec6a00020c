"""One adapter interface for every supported tree model.

A visualizer never asks what kind of model it was given: :func:`tree_model`
reads a single tree, a tree of a forest or of a gradient boosting (chosen by
``tree_index``), or the model at the end of a Pipeline, into a
:class:`TreeModel`. Everything after that works on one fitted scikit-learn
tree (``TreeModel.tree``, a ``DecisionTree*`` or ``ExtraTree*``) and on the
data as that tree sees it (``TreeModel.features(X)``, ``TreeModel.target(y)``).

The rest of the module holds small pure functions on the tree's ``tree_``
arrays (leaves, depths, class counts), shared by the tree visualizers.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import is_classifier
from sklearn.ensemble import (
    ExtraTreesClassifier,
    ExtraTreesRegressor,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.tree import BaseDecisionTree

from vizkit.exceptions import ModelError, NotFitted, VizkitValueError
from vizkit.utils.pipeline import final_step, pipeline_names
from vizkit.utils.validation import estimator_is_fitted, plain

#: What the tree visualizers accept, for error messages.
SUPPORTED = (
    "DecisionTreeClassifier, DecisionTreeRegressor, ExtraTreeClassifier, "
    "ExtraTreeRegressor, one tree (tree_index) of a RandomForest*, ExtraTrees* "
    "or GradientBoosting* classifier or regressor, or a Pipeline ending in one"
)

#: sklearn.tree._tree.TREE_LEAF: the child id of a leaf.
LEAF = -1


@dataclass(frozen=True)
class TreeModel:
    """One fitted scikit-learn tree and how to feed it the user's data.

    Attributes
    ----------
    estimator : estimator
        The model the user passed (a Pipeline, an ensemble or a tree).
    tree : DecisionTreeClassifier or DecisionTreeRegressor
        The one tree drawn, to be fed ``features(X)``; its ``classes_`` are
        class indices (see ``_fed_arrays_and_codes``).
    classes : ndarray or None
        The class labels of ``tree.tree_.value``'s columns, for a
        classification tree; None for a regression tree (a boosting tree is
        one, even in a classifier).
    boosted_class : int or None
        For a tree of a gradient-boosting classifier: the class whose score
        the tree corrects (its target is "y is this class").
    label : str
        The model and the tree's place in it, for titles
        ("RandomForestClassifier, tree 3 of 100").
    """

    estimator: Any
    tree: Any
    classes: np.ndarray | None
    boosted_class: int | None
    label: str

    @property
    def tree_(self):
        return self.tree.tree_

    @property
    def is_classifier(self) -> bool:
        """True when the drawn tree predicts classes (its nodes hold class counts)."""
        return self.classes is not None

    def features(self, X: Any) -> np.ndarray:
        """``X`` as the tree sees it: the Pipeline's steps applied, dense floats."""
        if hasattr(self.estimator, "steps") and len(self.estimator.steps) > 1:
            X = self.estimator[:-1].transform(X)
        if sparse.issparse(X):
            X = X.toarray()
        return np.asarray(X, dtype=np.float64)

    def target(self, y: Any) -> np.ndarray:
        """``y`` as the tree models it.

        A classification tree: each row's class index in ``classes``. A
        regression tree: y as floats. A tree of a gradient-boosting
        classifier: 1.0 where y is the class it boosts, else 0.0 (its leaves
        hold corrections to that class's score).
        """
        y = np.asarray(y)
        if self.classes is not None:
            return np.asarray(np.searchsorted(self.classes, y))
        if self.boosted_class is not None:
            classes = self.estimator_classes()
            return (y == classes[self.boosted_class]).astype(np.float64)
        return y.astype(np.float64)

    def estimator_classes(self) -> np.ndarray:
        return np.asarray(final_step(self.estimator).classes_)

    def feature_names(self, X: Any, names: Any = None) -> np.ndarray:
        """One name per feature the tree splits on.

        ``names`` (the user's) win; then a Pipeline's ``get_feature_names_out``
        of the steps before the model, a frame's columns, the model's
        ``feature_names_in_``; else ``x0, x1, ...``.
        """
        n_features = self.tree.n_features_in_
        if names is not None:
            names = np.asarray([str(name) for name in names], dtype=object)
            if len(names) != n_features:
                raise VizkitValueError(
                    f"feature_names has {len(names)} names but the tree splits on "
                    f"{n_features} features; give one name per feature, or "
                    "feature_names=None to use the names of the data."
                )
            return names
        for found in (
            pipeline_names(self.estimator),
            getattr(X, "columns", None),
            getattr(final_step(self.estimator), "feature_names_in_", None),
        ):
            if found is not None and len(found) == n_features:
                return np.asarray([str(name) for name in found], dtype=object)
        return np.asarray([f"x{i}" for i in range(n_features)], dtype=object)


# -- reading a model -----------------------------------------------------------------


def _single_tree(model: Any, tree_index: Any) -> tuple[Any, str]:
    if tree_index not in (None, 0):
        raise VizkitValueError(
            f"tree_index={plain(tree_index)!r}, but {type(model).__name__} is a "
            "single tree; leave tree_index=None (or 0)."
        )
    return model, type(model).__name__


def _forest_tree(model: Any, tree_index: Any) -> tuple[Any, str]:
    members = model.estimators_
    index = _check_index(tree_index, len(members), "trees", model)
    return members[index], f"{type(model).__name__}, tree {index} of {len(members)}"


def _boosting_tree(model: Any, tree_index: Any) -> tuple[Any, str]:
    """One tree of a gradient boosting: ``estimators_[stage, k]``.

    ``tree_index`` is the stage; a classifier of more than two classes grows
    one tree per class and stage, so it takes ``(stage, class index)``.
    """
    stages = model.estimators_
    n_stages, per_stage = stages.shape
    if isinstance(tree_index, tuple):
        if len(tree_index) != 2:
            raise VizkitValueError(
                f"tree_index={tree_index!r} must be (stage, class index)."
            )
        stage = _check_index(tree_index[0], n_stages, "stages", model)
        k = _check_index(tree_index[1], per_stage, "trees per stage", model)
    else:
        if per_stage > 1 and tree_index is not None:
            raise VizkitValueError(
                f"{type(model).__name__} grows {per_stage} trees per stage (one per "
                f"class); pass tree_index=(stage, class index), e.g. "
                f"({plain(tree_index)!r}, 0)."
            )
        stage, k = _check_index(tree_index, n_stages, "stages", model), 0
    where = f"stage {stage} of {n_stages}" + (f", class {k}" if per_stage > 1 else "")
    return stages[stage, k], f"{type(model).__name__}, {where}"


def _check_index(index: Any, count: int, what: str, model: Any) -> int:
    index = 0 if index is None else index
    if not isinstance(index, (int, np.integer)) or isinstance(index, bool):
        raise VizkitValueError(
            f"tree_index={plain(index)!r} is not an integer; pass the index of a "
            f"tree, from 0 to {count - 1}."
        )
    if not -count <= index < count:
        raise VizkitValueError(
            f"tree_index={int(index)} is out of range: {type(model).__name__} has "
            f"{count} {what}; pass 0 to {count - 1}."
        )
    return int(index) % count


_PICKERS: tuple[tuple[tuple[type, ...], Callable[[Any, Any], tuple[Any, str]]], ...] = (
    ((BaseDecisionTree,), _single_tree),
    (
        (
            RandomForestClassifier,
            RandomForestRegressor,
            ExtraTreesClassifier,
            ExtraTreesRegressor,
        ),
        _forest_tree,
    ),
    ((GradientBoostingClassifier, GradientBoostingRegressor), _boosting_tree),
)


def _fed_arrays_and_codes(tree: Any) -> Any:
    """A shallow copy of the tree, fed float arrays and class indices.

    A tree fitted on a DataFrame warns when ``apply``/``decision_path`` get an
    array (as they do here and in dtreeviz), so the copy has no
    ``feature_names_in_``; its ``classes_`` are the class indices 0..k-1 (a
    forest's trees already hold those), as ``target(y)`` gives them and
    dtreeviz expects. The copy shares the fitted ``tree_``; the user's model
    is untouched.
    """
    fed = copy.copy(tree)
    fed.__dict__.pop("feature_names_in_", None)
    if is_classifier(tree):
        fed.classes_ = np.arange(len(tree.classes_))
    return fed


def _picker(model: Any) -> Callable[[Any, Any], tuple[Any, str]]:
    """How to take the drawn tree out of ``model``; refuses other models."""
    for types, picker in _PICKERS:
        if isinstance(model, types):
            return picker
    raise ModelError(
        f"{type(model).__name__} is not a tree model; the tree visualizers "
        f"draw a {SUPPORTED}."
    )


def check_tree_model(estimator: Any) -> None:
    """Refuse a model that is not tree-based, before anything fits it."""
    _picker(final_step(estimator))


def tree_model(estimator: Any, tree_index: Any = None) -> TreeModel:
    """Read a fitted tree model (or Pipeline ending in one) as a TreeModel."""
    model = final_step(estimator)
    picker = _picker(model)
    if not estimator_is_fitted(estimator):
        raise NotFitted(
            f"{type(model).__name__} is not fitted: fit it first, or pass it "
            "unfitted with is_fitted='auto' and let the visualizer's fit train it."
        )
    tree, label = picker(model, tree_index)
    tree = _fed_arrays_and_codes(tree)
    if tree.n_outputs_ != 1:
        raise ModelError(
            f"{type(model).__name__} was fitted on {tree.n_outputs_} targets; the "
            "tree visualizers draw a tree of one target."
        )
    classes = np.asarray(model.classes_) if is_classifier(tree) else None
    boosted = None
    if isinstance(model, GradientBoostingClassifier):
        k = tree_index[1] if isinstance(tree_index, tuple) else 0
        boosted = int(k) % model.estimators_.shape[1]
        boosted = 1 if len(model.classes_) == 2 else boosted  # binary: the positive
    return TreeModel(estimator, tree, classes, boosted, label)


# -- the tree_ arrays ---------------------------------------------------------------


def leaf_ids(tree_: Any) -> np.ndarray:
    """The ids of the leaves, ascending (scikit-learn's node ids, as ``apply``)."""
    return np.flatnonzero(tree_.children_left == LEAF)


def node_predictions(tree_: Any) -> np.ndarray:
    """Each node's prediction: class fractions (n_nodes, n_classes) or a mean."""
    values = tree_.value[:, 0, :]
    return values if values.shape[1] > 1 else values[:, 0]
