"""Pieces shared by the benchmark cases: data splits and figure helpers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

#: Fraction of the rows used for training; the rest is the test set.
TRAIN_FRACTION = 0.75
#: Seed of every generated data set.
SEED = 0


@dataclass(frozen=True)
class SplitData:
    """Train and test rows of one generated data set, and a prefit model."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    model: Any = None


def split(X: np.ndarray, y: np.ndarray, model: Any = None) -> SplitData:
    """The first 75% of the rows for training, the rest for testing.

    The generators shuffle their rows, so a plain cut is a random split. A
    ``model`` is fitted on the training rows here, outside any timer.
    """
    cut = int(len(X) * TRAIN_FRACTION)
    if model is not None:
        model.fit(X[:cut], y[:cut])
    return SplitData(X[:cut], y[:cut], X[cut:], y[cut:], model)


def new_axes():
    """A new figure of matplotlib's default size, and its Axes."""
    import matplotlib.pyplot as plt

    return plt.subplots()


def label_curve_axes(ax, title: str, xlabel: str, ylabel: str) -> None:
    """What every curve picture has: title, axis labels, unit limits, legend.

    The hand-written floors draw these too, so they draw the same picture as
    vizkit and the ratio measures overhead, not missing elements.
    """
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel, xlim=(0, 1), ylim=(0, 1))
    ax.legend(loc="lower right")


def class_colors(n_classes: int) -> np.ndarray:
    """One RGBA row per class, from matplotlib's default cycle."""
    from matplotlib.colors import to_rgba_array

    return to_rgba_array([f"C{i}" for i in range(n_classes)])


def yellowbrick_style() -> None:
    """Apply Yellowbrick's own style, as importing it does in a fresh process.

    The runner undoes every implementation's rcParams changes after each run,
    so Yellowbrick is restyled before each of its runs (0.2 ms) and the
    others always draw with matplotlib's defaults. Raises ModuleNotFoundError
    when Yellowbrick is not installed.
    """
    from yellowbrick.style.rcmod import set_aesthetic

    set_aesthetic()
