"""Support of each class in a target, or in a training and a test target."""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from sklearn.utils.multiclass import type_of_target, unique_labels

from vizkit import examples
from vizkit import params as P
from vizkit.draw import fit_tick_labels
from vizkit.exceptions import NotFitted, VizkitValueError
from vizkit.registry import TARGET, declare
from vizkit.style import resolve_colors
from vizkit.target.base import TargetVisualizer, split_fit_args
from vizkit.utils.docs import common_params
from vizkit.utils.labels import align_counts, class_names
from vizkit.utils.target import numeric_labels
from vizkit.utils.validation import check_target

Mode = Literal["balance", "compare"]
BALANCE: Mode = "balance"
COMPARE: Mode = "compare"
#: Width of each bar in compare mode (train and test side by side).
COMPARE_WIDTH = 0.35
BALANCE_WIDTH = 0.5


# -- computations (arrays in, arrays out) -----------------------------------------


def count_classes(y: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Check a 1-D classification target; return its sorted classes and counts.

    One pass over ``y`` (``np.unique``); the type checks then look at the
    classes only.
    """
    array = check_target(y, name=name)
    values, counts = np.unique(array, return_counts=True)
    values = numeric_labels(values)  # e.g. a pandas object column of integers
    kind = type_of_target(values)
    if kind == "continuous":
        raise VizkitValueError(
            f"{name} is a continuous target, but ClassBalance counts classes; "
            "draw the distribution of a continuous target with a histogram (e.g. "
            "matplotlib's hist) or a feature visualizer instead."
        )
    if kind not in ("binary", "multiclass"):
        raise VizkitValueError(
            f"{name} has target type {kind!r}; ClassBalance needs binary or "
            "multiclass labels (one class per sample)."
        )
    return values, counts


def target_classes(*targets: np.ndarray, names: str = "y_train and y_test"):
    """The sorted classes found in any of ``targets`` (named ``names``)."""
    try:
        return unique_labels(*targets)
    except ValueError as error:
        raise VizkitValueError(
            f"{names} hold different kinds of labels ({error}); give both "
            "targets labels of the same type."
        ) from None


def proportion_overlap(reference: np.ndarray, support: np.ndarray) -> float:
    """Shared mass of two class distributions: 1 - total variation distance.

    1.0 when the class proportions are identical, 0.0 when no class is shared.
    """
    p = reference / reference.sum()
    q = support / support.sum()
    return float(np.minimum(p, q).sum())


# -- the visualizer ------------------------------------------------------------------


@common_params
class ClassBalance(TargetVisualizer):
    """Bar chart of the number of samples of each class.

    ``fit(y)`` draws the support of each class ("balance" mode);
    ``fit(y_train, y_test)`` draws the train and test support side by side
    ("compare" mode), to check that a split keeps the class proportions. In a
    Pipeline or GridSearchCV, which call ``fit(X, y)``, the 2-D first argument
    is taken as X and ``y`` is drawn in balance mode.

    Parameters
    ----------
    {common: ax}
    labels : list of str, default=None
        Names of the classes for the x axis, in the sorted order of the class
        values (e.g. ``LabelEncoder().classes_`` for an encoded target). None
        uses the class values.
    colors : list of colors or palette name, default=None
        Colours of the bars: one per class in balance mode, train and test in
        compare mode. Wins over ``colormap``.
    colormap : str or matplotlib Colormap, default=None
        Colormap sampled for the bar colours when ``colors`` is None.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "Class Balance for N Instances".
    {common: size}
    color : color or list of colors, default=None
        Yellowbrick's other spelling of ``colors`` (the quick method's name),
        used when ``colors`` is None.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The sorted classes found in the target(s).
    support_ : ndarray of shape (n_classes,) or (2, n_classes)
        Samples per class; in compare mode one row for train and one for test.
    mode_ : {"balance", "compare"}
        Whether one target or a train and a test target were given.

    Examples
    --------
    >>> from vizkit.target import ClassBalance
    >>> viz = ClassBalance(labels=["a", "b"]).fit([0, 1, 1, 0, 1])
    >>> viz.support_
    array([2, 3])
    """

    _params = {
        "labels": P.anything(draw=True),
        "colors": P.colors(),
        "colormap": P.colormap(),
        "color": P.colors(),
    }

    def __init__(
        self,
        ax=None,
        labels=None,
        colors=None,
        colormap=None,
        fig=None,
        title=None,
        size=None,
        color=None,
    ):
        self.ax = ax
        self.labels = labels
        self.colors = colors
        self.colormap = colormap
        self.fig = fig
        self.title = title
        self.size = size
        self.color = color

    def fit(self, y_train, y_test=None):
        """Count the samples of each class.

        Parameters
        ----------
        y_train : array-like of shape (n_samples,)
            Class labels. In a Pipeline, which calls ``fit(X, y)``, a 2-D first
            argument is taken as X and the second as the target.
        y_test : array-like of shape (n_test_samples,), default=None
            Test class labels: if given, train and test are compared.

        Returns
        -------
        self
        """
        target, test_target = split_fit_args(y_train, y_test)
        if y_test is not None and test_target is None:
            self._record_input(y_train)  # called as fit(X, y), e.g. by a Pipeline
        y_train, y_test = target, test_target
        counted = [count_classes(y_train, "y_train")]
        if y_test is not None:
            counted.append(count_classes(y_test, "y_test"))
        classes = target_classes(*[values for values, _ in counted])
        class_names(classes, self.labels, name="labels")  # a bad count fails now
        supports = [align_counts(*value_counts, classes) for value_counts in counted]
        self.classes_ = classes
        self.mode_ = BALANCE if y_test is None else COMPARE
        self.support_ = supports[0] if self.mode_ == BALANCE else np.vstack(supports)
        return self

    def score(self, X, y=None):
        """Agreement of a target's class proportions with the fitted ones.

        Not in Yellowbrick: it lets a Pipeline, ``cross_val_score`` or
        ``GridSearchCV`` score a ClassBalance without a ``scoring`` argument.
        Returns one minus the total variation distance between the class
        proportions of the target and those of the fitted (training) target:
        1.0 for identical proportions, 0.0 when no class is shared.

        Parameters
        ----------
        X : array-like
            The target, or, as a Pipeline calls ``score(X, y)``, a 2-D X
            followed by the target in ``y``.
        y : array-like of shape (n_samples,), default=None
            The target when ``X`` is 2-D.

        Returns
        -------
        score : float
        """
        if not self.__sklearn_is_fitted__():
            raise NotFitted.from_estimator(self, "score")
        values, counts = count_classes(split_fit_args(X, y)[0], "y")
        classes = target_classes(self.classes_, values, names="y and classes_")
        fitted = self.support_ if self.mode_ == BALANCE else self.support_[0]
        reference = align_counts(self.classes_, fitted, classes)
        return proportion_overlap(reference, align_counts(values, counts, classes))

    def _bar_colors(self) -> list[str]:
        """One colour per class (balance) or for train and test (compare)."""
        colors = self.colors if self.colors is not None else self.color
        return resolve_colors(len(self.support_), self.colormap, colors)

    def draw(self) -> None:
        """Draw one bar per class, or train and test bars side by side."""
        colors = self._bar_colors()
        index = np.arange(len(self.classes_))
        if self.mode_ == BALANCE:
            bars = self.ax_.bar(
                index, self.support_, width=BALANCE_WIDTH, color=colors, align="center"
            )
            self.bars_ = [bars]
            return
        self.bars_ = [
            self.ax_.bar(
                index + offset, support, COMPARE_WIDTH, color=color, label=split
            )
            for offset, support, color, split in zip(
                (0.0, COMPARE_WIDTH), self.support_, colors, ("train", "test")
            )
        ]

    def finalize(self):
        """Add the title, class tick labels, the y label and the legend."""
        from matplotlib.ticker import MaxNLocator

        self.set_title(f"Class Balance for {int(self.support_.sum()):,} Instances")
        labels = class_names(self.classes_, self.labels, name="labels")
        ticks = np.arange(len(labels), dtype=float)
        if self.mode_ == COMPARE:
            ticks += COMPARE_WIDTH / 2
        self.ax_.set_xticks(ticks, labels=[str(label) for label in labels])
        _, rotation = fit_tick_labels(self.ax_, "x")
        self.ax_.set_ylim(0, max(int(self.support_.max()), 1) * 1.1)
        self.ax_.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts
        self.ax_.set_ylabel("support")
        self.ax_.grid(False, axis="x")
        if self.mode_ == COMPARE:
            self.ax_.legend(frameon=True)
        if rotation and getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()  # room for the class names turned vertical
        return self.ax_


class_balance = declare(
    ClassBalance, kind=TARGET, quick="class_balance", example=examples.target
)
