"""The base of the tree visualizers: one tree of a fitted model, read once in fit.

``TreeVisualizer.fit`` fits the model if needed, reads the drawn tree through
the adapter (:func:`vizkit.tree._adapter.tree_model`), keeps the training
data as the tree sees it (for the views that draw the samples) and computes
the per-leaf attributes every tree view shares. Views that dtreeviz draws on
matplotlib get a dtreeviz model from :meth:`TreeVisualizer.dtreeviz_model`,
built at draw time from what fit stored.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import is_classifier

from vizkit import params as P
from vizkit.base import ModelScoredVisualizer
from vizkit.exceptions import NotFitted, VizkitValueError
from vizkit.tree._adapter import (
    TreeModel,
    check_tree_model,
    leaf_ids,
    tree_model,
)
from vizkit.utils.docs import common_params
from vizkit.utils.validation import check_classes, check_instance, plain

#: The font every tree view draws with: dtreeviz defaults to Arial, which a
#: machine with only DejaVu does not have (matplotlib warns per text).
FONT = "DejaVu Sans"


def _check_tree_index(value: Any, name: str, viz: Any) -> None:
    ok = value is None or (
        isinstance(value, (int, np.integer)) and not isinstance(value, bool)
    )
    if isinstance(value, tuple):
        ok = len(value) == 2 and all(
            isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in value
        )
    if not ok:
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not a tree index; pass an int (a forest's "
            "tree, a boosting's stage), (stage, class index) for a multiclass "
            "gradient boosting, or None for the first tree."
        )


def _check_names(value: Any, name: str, viz: Any) -> None:
    if value is not None and (isinstance(value, str) or not np.iterable(value)):
        raise VizkitValueError(
            f"{name}={plain(value)!r} must be a list of names, or None."
        )


@common_params
class TreeVisualizer(ModelScoredVisualizer):
    """Draws one tree of a fitted tree model (subclasses draw the views).

    Parameters
    ----------
    estimator : tree model or Pipeline ending in one
        A decision or extra tree, a random forest, extra trees or gradient
        boosting (classifier or regressor), fitted or not.
    {common: ax, fig, is_fitted, tree_index, feature_names, class_names}
    {common: target_name, title, size}

    Attributes
    ----------
    leaf_ids_ : ndarray of shape (n_leaves,)
        The node ids of the tree's leaves, ascending (as ``apply`` returns).
    leaf_samples_ : ndarray of shape (n_leaves,)
        Training samples per leaf (``tree_.n_node_samples``; for a forest's
        tree, its bootstrap sample).
    leaf_impurity_ : ndarray of shape (n_leaves,)
        Impurity per leaf (``tree_.impurity``), in the tree's criterion.
    feature_names_ : ndarray of str
        The names of the features the tree splits on.
    classes_ : ndarray or None
        The class names of a classification tree, else None.
    """

    _params = {
        "tree_index": P.Param(_check_tree_index, example=None),
        "feature_names": P.Param(_check_names),
        "class_names": P.Param(_check_names, draw=True),
        "target_name": P.anything(draw=True),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        fig=None,
        is_fitted="auto",
        tree_index=None,
        feature_names=None,
        class_names=None,
        target_name=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.fig = fig
        self.is_fitted = is_fitted
        self.tree_index = tree_index
        self.feature_names = feature_names
        self.class_names = class_names
        self.target_name = target_name
        self.title = title
        self.size = size

    _one_target = True  # one target per plot: fit refuses a multi-output y

    def fit(self, X, y=None, **kwargs):
        """Fit the model (unless it is fitted) and read the tree to draw.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The training data, as the model (or Pipeline) takes it.
        y : array-like of shape (n_samples,)
            The training target.
        **kwargs
            Passed to the model's ``fit``.

        Returns
        -------
        self
        """
        y = self._check_fit_data(X, y)
        self._require_target(y, "the target")
        check_tree_model(self.estimator)
        if is_classifier(self.estimator):
            check_classes(np.unique(y))
        self._fit_estimator(X, y, **kwargs)
        self._tree = tree_model(self.estimator, self.tree_index)
        self._X_tree = self._tree.features(X)
        self._y_tree = self._tree.target(y)
        self.feature_names_ = self._tree.feature_names(X, self.feature_names)
        self.classes_ = self._tree.classes
        tree_ = self._tree.tree_
        self.leaf_ids_ = leaf_ids(tree_)
        self.leaf_samples_ = tree_.n_node_samples[self.leaf_ids_]
        self.leaf_impurity_ = tree_.impurity[self.leaf_ids_]
        self._fit_tree()
        return self

    def _fit_tree(self) -> None:
        """What a view computes beyond the shared attributes (subclasses)."""

    def _instance_path(self, x: Any) -> tuple[np.ndarray, np.ndarray]:
        """One instance ``x`` as the tree sees it (one row), and its path.

        ``x`` is checked against the model's width; a Pipeline fitted on a
        DataFrame gets it as a frame with its columns (a bare array would
        make its steps warn), one fitted on arrays as an array. The path is
        the node ids from the root to the leaf, as ``decision_path`` gives.
        """
        row = check_instance(x, getattr(self.estimator, "n_features_in_", None))
        if hasattr(self.estimator, "steps"):
            names = getattr(self.estimator, "feature_names_in_", None)
            if names is None:
                row = np.asarray(row)
            elif not hasattr(row, "columns"):
                import pandas as pd

                row = pd.DataFrame(row, columns=names)
        features = self._tree.features(row)
        return features, self._tree.tree.decision_path(features).indices

    @property
    def tree_model_(self) -> TreeModel:
        """The drawn tree, read through the adapter (after fit)."""
        if "_tree" not in self.__dict__:
            raise NotFitted.from_estimator(self, "tree_model_")
        return self._tree

    def _class_labels(self) -> list[str] | None:
        """The names of the classes, for legends: ``class_names`` or the values."""
        if self.classes_ is None:
            return None
        if self.class_names is not None:
            names = [str(name) for name in self.class_names]
            if len(names) != len(self.classes_):
                raise VizkitValueError(
                    f"class_names has {len(names)} names but the model has "
                    f"{len(self.classes_)} classes; give one name per class."
                )
            return names
        return [str(plain(c)) for c in self.classes_]

    def _target_label(self) -> str:
        return "target" if self.target_name is None else str(self.target_name)

    def dtreeviz_model(self):
        """A ``dtreeviz.model`` of the drawn tree on the training data fit saw."""
        import dtreeviz

        return dtreeviz.model(
            self._tree.tree,
            self._X_tree,
            self._y_tree,
            feature_names=list(self.feature_names_),
            target_name=self._target_label(),
            class_names=self._class_labels(),
        )
