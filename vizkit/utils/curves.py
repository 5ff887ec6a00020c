"""Curve averaging shared by the curve visualizers (ROC, precision-recall...)."""

from __future__ import annotations

import numpy as np


def macro_average(
    xs: list[np.ndarray], ys: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The mean curve: each curve's y interpolated on the union of their x points.

    For ROC curves, ``xs`` are false positive rates and ``ys`` true positive
    rates (each ``x`` sorted ascending, as ``roc_curve`` returns it).
    """
    grid = np.unique(np.concatenate(xs))
    mean = np.zeros_like(grid, dtype=np.float64)
    for x, y in zip(xs, ys):
        mean += np.interp(grid, x, y)
    return grid, mean / len(xs)
