"""Turn class values into the human-readable labels the user asked for."""

from __future__ import annotations

from typing import Any

import numpy as np

from vizkit.exceptions import VizkitValueError
from vizkit.utils.validation import plain


def decode_labels(values: np.ndarray, encoder: Any) -> np.ndarray:
    """Map class ``values`` to labels through ``encoder``.

    ``encoder`` is a dict or a fitted transformer with ``inverse_transform``
    (such as a ``LabelEncoder``).
    """
    values = np.asarray(values)
    if hasattr(encoder, "inverse_transform"):
        return np.asarray(encoder.inverse_transform(values))
    missing = [v for v in values if v not in encoder]
    if missing:
        raise VizkitValueError(
            f"encoder has no label for class {plain(missing[0])!r}; add it to "
            "the encoder dict."
        )
    return np.asarray([encoder[v] for v in values])


def class_names(
    values: np.ndarray, classes: Any = None, encoder: Any = None, *,
    name: str = "classes",
) -> np.ndarray:  # fmt: skip
    """The labels of the sorted class ``values``, as the user asked for them.

    ``encoder`` (a dict, or a fitted transformer with ``inverse_transform``)
    wins over ``classes`` (one name per class, in sorted class order, passed
    as ``name``); neither leaves the values as they are. The one routine every
    family uses to name classes.
    """
    values = np.asarray(values)
    if encoder is not None:
        try:
            return decode_labels(values, encoder)
        except (KeyError, ValueError, TypeError) as error:
            raise VizkitValueError(
                f"encoder could not decode the classes {values.tolist()} "
                f"({error}); give it a label for every class value."
            ) from None
    if classes is None:
        return values
    names = list(classes) if not isinstance(classes, str) else [classes]
    if len(names) != len(values):
        raise VizkitValueError(
            f"{name} has {len(names)} names but there are {len(values)} classes "
            f"{values.tolist()}; give one name per class, in the order of the "
            "sorted class values."
        )
    return np.asarray(names)


def label_names(classes_: np.ndarray) -> list[str]:
    """Labels as strings, for tick labels and legends."""
    return [str(c) for c in classes_]


def align_counts(
    values: np.ndarray, counts: np.ndarray, classes: np.ndarray
) -> np.ndarray:
    """``counts`` of ``values`` placed in the order of ``classes`` (0 if absent).

    Every value must be one of ``classes``, which need not be sorted.
    """
    aligned = np.zeros(len(classes), dtype=np.int64)
    aligned[encode_target(np.asarray(values), np.asarray(classes))] = counts
    return aligned


def index_of(y: np.ndarray, classes_: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of each value of ``y`` in ``classes_``, and where it was found.

    Values not in ``classes_`` get index 0 and False in the second array.
    ``classes_`` need not be sorted.
    """
    order = np.argsort(classes_)
    position = np.searchsorted(classes_[order], y)
    position = np.clip(position, 0, len(classes_) - 1)
    found = classes_[order][position] == y
    return order[position], found


def encode_target(y: np.ndarray, classes_: np.ndarray) -> np.ndarray:
    """Index of each value of ``y`` in ``classes_`` (sorted or not).

    A value that is not one of ``classes_`` is refused.
    """
    index, found = index_of(y, classes_)
    if not found.all():
        raise VizkitValueError(
            f"y contains class {plain(y[~found][0])!r} that the model was not "
            f"fitted on; known classes are {classes_.tolist()}."
        )
    return index
