"""Decide how a target is coloured: one colour, per class, or a colormap."""

from __future__ import annotations

from enum import Enum

import numpy as np
from sklearn.utils.multiclass import type_of_target

#: Above this many distinct integer values a target is drawn as continuous.
MAX_DISCRETE_CLASSES = 12


class TargetType(str, Enum):
    """How a visualizer maps the target to colours (Yellowbrick's names)."""

    AUTO = "auto"
    SINGLE = "single"
    DISCRETE = "discrete"
    CONTINUOUS = "continuous"
    UNKNOWN = "unknown"


def numeric_labels(y: np.ndarray) -> np.ndarray:
    """An object array that holds only numbers as a numeric array, else ``y``.

    scikit-learn's ``type_of_target`` calls such an array (e.g. a pandas
    object column of integers) "unknown"; by its values it is classes or a
    continuous target like any other.
    """
    if y.dtype != object or y.size == 0:
        return y
    values = np.asarray(y.tolist())
    return values if values.dtype.kind in "biuf" else y


def target_color_type(y: np.ndarray | None) -> TargetType:
    """Classify ``y`` as single-colour, discrete (per class) or continuous."""
    if y is None:
        return TargetType.SINGLE
    y = numeric_labels(np.asarray(y))
    kind = type_of_target(y)
    if kind in ("binary", "multiclass"):
        if y.dtype.kind in "iuf" and len(np.unique(y)) > MAX_DISCRETE_CLASSES:
            return TargetType.CONTINUOUS
        return TargetType.DISCRETE
    if kind == "continuous":
        return TargetType.CONTINUOUS
    return TargetType.UNKNOWN
