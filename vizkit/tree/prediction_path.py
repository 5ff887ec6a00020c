"""Why a tree predicts what it does for one instance: its path and what each step added.

:class:`PredictionPath` follows one instance ``x`` from the root of the tree
to its leaf (``tree.decision_path``), writes the conditions it met as one
range per feature (dtreeviz's ``explain_prediction_path``, with the
inequalities of scikit-learn's split rule) and splits the leaf's prediction
into the root's value plus one change per step of the path, each credited to
the feature the step split on (the "Saabas" decomposition of the
``treeinterpreter`` package). The bar chart of these contributions is
vizkit's; ``kind="importance"`` draws dtreeviz's own view instead
(``instance_feature_importance``: the impurity decrease along the path).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.exceptions import VizkitValueError
from vizkit.registry import TREE, declare
from vizkit.style import LINE_COLOR, resolve_colors
from vizkit.tree.base import FONT, TreeVisualizer
from vizkit.utils.docs import common_params
from vizkit.utils.validation import check_instance

#: The fields of ``steps_``: one record per split node on the path.
STEP_FIELDS = [
    ("node", np.intp),
    ("feature", np.intp),
    ("threshold", np.float64),
    ("went_left", np.bool_),
    ("change", np.float64),
]

# -- computations (arrays in, arrays out) -------------------------------------------


def node_values(tree_: Any, leaf: int, classes: bool) -> tuple[np.ndarray, int | None]:
    """Each node's value, and the class it is the fraction of (or None).

    A classification tree's value is the fraction of the class its ``leaf``
    predicts (the largest there); a regression tree's is the node's value.
    """
    values = tree_.value[:, 0, :]
    if not classes:
        return values[:, 0], None
    predicted = int(np.argmax(values[leaf]))
    return values[:, predicted], predicted


def path_steps(tree_: Any, path: np.ndarray, values: np.ndarray) -> np.ndarray:
    """One record per split node of ``path`` (root to leaf), see STEP_FIELDS.

    ``went_left`` is true where the instance met ``x[feature] <= threshold``
    (scikit-learn's rule); ``change`` is the child's value minus the split
    node's, in ``values`` (one number per node).
    """
    parents, children = path[:-1], path[1:]
    steps = np.empty(len(parents), dtype=STEP_FIELDS)
    steps["node"] = parents
    steps["feature"] = tree_.feature[parents]
    steps["threshold"] = tree_.threshold[parents]
    steps["went_left"] = tree_.children_left[parents] == children
    steps["change"] = values[children] - values[parents]
    return steps


def feature_contributions(steps: np.ndarray, n_features: int) -> np.ndarray:
    """The sum of the steps' changes per split feature (zero for unused ones)."""
    sums = np.bincount(steps["feature"], weights=steps["change"], minlength=n_features)
    return sums.astype(np.float64)  # an empty path (a one-leaf tree) counts ints


def feature_bounds(steps: np.ndarray, n_features: int) -> np.ndarray:
    """The range the path allows each feature: ``low < x[f] <= high``.

    Shape (n_features, 2): the largest threshold passed on the right (the
    instance was above it) and the smallest passed on the left (at or below
    it); -inf and inf where the path sets no bound.
    """
    bounds = np.tile([-np.inf, np.inf], (n_features, 1))
    left, right = steps[steps["went_left"]], steps[~steps["went_left"]]
    np.minimum.at(bounds[:, 1], left["feature"], left["threshold"])
    np.maximum.at(bounds[:, 0], right["feature"], right["threshold"])
    return bounds


def used_features(steps: np.ndarray) -> np.ndarray:
    """The features split on along the path, in the order of their first split."""
    _, first = np.unique(steps["feature"], return_index=True)
    return steps["feature"][np.sort(first)]


def format_number(value: float, precision: int) -> str:
    """``value`` rounded to ``precision`` decimals, trailing zeros dropped."""
    text = f"{value:.{precision}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text == "-0" else text


def condition_text(name: str, low: float, high: float, precision: int) -> str:
    """A readable range: "3.5 < petal width <= 4.4", "x > 0.8", "x <= 5.45"."""
    low_text, high_text = (format_number(v, precision) for v in (low, high))
    if np.isfinite(low) and np.isfinite(high):
        return f"{low_text} < {name} <= {high_text}"
    if np.isfinite(low):
        return f"{name} > {low_text}"
    return f"{name} <= {high_text}"


def path_impurity_decrease(tree_: Any, path: np.ndarray) -> np.ndarray:
    """dtreeviz's importance of the features along a path (sums to 1, or 0s).

    Per split node of the path, its weighted impurity minus its two
    children's, summed per split feature, then normalised; as dtreeviz's
    ``instance_feature_importance`` computes and draws it.
    """
    nodes = path[:-1]
    left, right = tree_.children_left[nodes], tree_.children_right[nodes]
    weighted = tree_.weighted_n_node_samples * tree_.impurity
    decrease = weighted[nodes] - weighted[left] - weighted[right]
    importance = np.bincount(
        tree_.feature[nodes], weights=decrease, minlength=tree_.n_features
    ).astype(np.float64)
    total = importance.sum()
    return importance / total if total > 0 else importance


# -- parameter checks -----------------------------------------------------------------


def _check_x(value: Any, name: str, viz: Any) -> None:
    if value is None:
        raise VizkitValueError(
            f"{name}=None, but {type(viz).__name__} explains one instance: pass "
            f"{name}=, the row to explain (e.g. {name}=X[0]), in the columns the "
            "model is fitted on."
        )
    check_instance(value, None, name)


# -- the visualizer ------------------------------------------------------------------


@common_params
class PredictionPath(TreeVisualizer):
    """The decision path of one instance and what each feature added to it.

    The instance ``x`` goes down the tree from the root to a leaf
    (``path_``, as ``tree.decision_path``). Its conditions are written as
    one range per feature used (``conditions_``, e.g. ``"3.5 < petal width
    <= 4.4"``): scikit-learn sends ``x[f] <= threshold`` left, so a lower
    bound is strict and an upper bound is not (dtreeviz's
    ``explain_prediction_path`` writes them the other way round). The leaf's
    prediction is the root's value (``bias_``) plus the change of value at
    each step of the path, credited to the step's split feature
    (``contributions_``). A classification tree's value is the probability
    of the predicted class (the leaf's class fractions, as ``predict_proba``);
    a regression tree's (and a gradient-boosting tree's) the node's value,
    as ``predict``.

    The bars are the signed contributions of the features used, labelled
    with their conditions; ``kind="importance"`` draws dtreeviz's
    ``instance_feature_importance`` instead: each feature's share of the
    impurity decrease at the path's splits (``importances_``), never negative.

    For a Pipeline, ``x`` is a row of the Pipeline's input; the conditions,
    the thresholds and ``instance_`` are in the space the tree sees, after
    the steps (e.g. standardised values after a StandardScaler).

    Parameters
    ----------
    estimator : tree model or Pipeline ending in one
        A decision or extra tree, a random forest, extra trees or gradient
        boosting (classifier or regressor), fitted or not.
    {common: ax}
    x : array-like of shape (n_features,) or (1, n_features)
        The instance to explain: one row (a 1-D array, list, pandas Series or
        one-row DataFrame) in the model's input columns. Required.
    kind : {"contribution", "importance"}, default="contribution"
        Draw the signed contributions (vizkit's), or dtreeviz's impurity
        decrease along the path.
    precision : int, default=2
        Decimals of the thresholds in ``conditions_`` (trailing zeros
        dropped) and of the numbers drawn.
    colors : list of two colors or palette name, default=None
        The colours of the negative and the positive contributions.
    {common: fig, is_fitted, tree_index, feature_names, class_names}
    {common: target_name, title, size}

    Attributes
    ----------
    path_ : ndarray of shape (n_path,)
        The node ids from the root to the leaf of ``x``.
    steps_ : structured ndarray of shape (n_path - 1,)
        One record per split node of the path: ``node``, ``feature`` (its
        index), ``threshold``, ``went_left`` (``x[feature] <= threshold``) and
        ``change`` (the child's value minus the node's).
    used_features_ : ndarray of int
        The features split on along the path, in the order of their first
        split.
    bounds_ : ndarray of shape (n_features, 2)
        The range of each feature on the path, ``low < x <= high`` (-inf, inf
        where unbounded).
    conditions_ : ndarray of str
        The ranges of ``used_features_`` as text, with ``precision`` decimals.
    contributions_ : ndarray of shape (n_features,)
        Each feature's share of ``prediction_ - bias_`` (0 if unused).
    bias_ : float
        The root's value (the training mean or class fraction).
    prediction_ : float
        The leaf's value: ``bias_ + contributions_.sum()``.
    predicted_class_ : object or None
        The class the tree predicts for ``x`` (a classification tree), else
        None.
    importances_ : ndarray of shape (n_features,)
        dtreeviz's path importances: the weighted impurity decrease at the
        path's splits per feature, normalised to sum to 1.
    instance_ : ndarray of shape (n_features,)
        ``x`` as the tree sees it (after a Pipeline's steps).
    bars_ : matplotlib BarContainer
        The drawn contribution bars (``kind="contribution"``).
    feature_names_, classes_, leaf_ids_, leaf_samples_, leaf_impurity_
        As every tree visualizer (:class:`TreeVisualizer`).

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from sklearn.tree import DecisionTreeClassifier
    >>> from vizkit.tree import PredictionPath
    >>> X, y = load_iris(return_X_y=True)
    >>> viz = PredictionPath(DecisionTreeClassifier(max_depth=3), x=X[100])
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.conditions_, viz.bias_, viz.contributions_  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "x": P.Param(_check_x),
        "kind": replace(P.choice("contribution", "importance", draw=True),
                        example="importance"),
        "precision": P.number(0, 15, integer=True),
        "colors": P.colors(),
    }  # fmt: skip

    def __init__(
        self,
        estimator,
        ax=None,
        x=None,
        kind="contribution",
        precision=2,
        colors=None,
        fig=None,
        is_fitted="auto",
        tree_index=None,
        feature_names=None,
        class_names=None,
        target_name=None,
        title=None,
        size=None,
    ):
        super().__init__(
            estimator, ax=ax, fig=fig, is_fitted=is_fitted, tree_index=tree_index,
            feature_names=feature_names, class_names=class_names,
            target_name=target_name, title=title, size=size,
        )  # fmt: skip
        self.x = x
        self.kind = kind
        self.precision = precision
        self.colors = colors

    def _fit_tree(self) -> None:
        tree_ = self._tree.tree_
        row, self.path_ = self._instance_path(self.x)
        self.instance_ = row[0]
        values, predicted = node_values(
            tree_, self.path_[-1], self.classes_ is not None
        )
        self.predicted_class_ = None if predicted is None else self.classes_[predicted]
        self.steps_ = path_steps(tree_, self.path_, values)
        n_features = tree_.n_features
        self.bias_ = float(values[0])
        self.prediction_ = float(values[self.path_[-1]])
        self.contributions_ = feature_contributions(self.steps_, n_features)
        self.used_features_ = used_features(self.steps_)
        self.bounds_ = feature_bounds(self.steps_, n_features)
        names = self.feature_names_
        conditions = [
            condition_text(names[f], low, high, self.precision)
            for f, (low, high) in zip(
                self.used_features_, self.bounds_[self.used_features_]
            )
        ]
        self.conditions_ = np.asarray(conditions, dtype=object)
        self.importances_ = path_impurity_decrease(tree_, self.path_)

    # -- drawing -------------------------------------------------------------------

    def draw(self) -> None:
        """The contribution bars of the used features, or dtreeviz's importances."""
        if self.kind == "importance":
            self.dtreeviz_model().instance_feature_importance(
                self.instance_, ax=self.ax_, fontname=FONT
            )
            return
        order = self.used_features_[
            np.argsort(self.contributions_[self.used_features_], kind="stable")
        ]
        values = self.contributions_[order]
        negative, positive = resolve_colors(2, colors=self.colors)
        positions = np.arange(len(order))
        self.bars_ = self.ax_.barh(
            positions, values, height=0.6,
            color=np.where(values < 0, negative, positive),
        )  # fmt: skip
        self.ax_.axvline(0, color=LINE_COLOR, linewidth=0.8)
        labels = dict(zip(self.used_features_, self.conditions_))
        self.ax_.set_yticks(positions, labels=[labels[f] for f in order])
        self.ax_.bar_label(
            self.bars_,
            labels=[f"{v:+.{self.precision}f}" for v in values],
            padding=3,
            fontsize="small",
        )
        self.ax_.margins(x=0.15)  # room for the labels at the bars' ends

    def _value_name(self) -> str:
        if self.classes_ is None:
            return self._target_label() if self.target_name else "the tree's output"
        labels = self._class_labels() or []
        label = labels[list(self.classes_).index(self.predicted_class_)]
        return f"P({self.target_name or 'class'} = {label})"

    def _summary(self) -> str:
        """The decomposition in words: root value + contributions = leaf value."""
        number = lambda v: f"{v:.{self.precision}f}"  # noqa: E731
        total = self.prediction_ - self.bias_
        return (
            f"{number(self.bias_)} at the root "
            f"{'+' if total >= 0 else '-'} {number(abs(total))} along the path "
            f"= {number(self.prediction_)} at leaf {self.path_[-1]}"
        )

    def finalize(self):
        """Title naming the model, the decomposition under the x axis."""
        self.set_title(f"Prediction path of {self._tree.label}")
        if self.kind == "contribution":
            self.ax_.set_xlabel(
                f"contribution to {self._value_name()}\n{self._summary()}"
            )
            self.ax_.grid(False, axis="y")
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()  # room for the conditions on the left
        return self.ax_


prediction_path = declare(
    PredictionPath, kind=TREE, quick="prediction_path", example=examples.tree_path
)
