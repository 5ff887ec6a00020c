"""Choosing columns of X by position or by name, for any kind of table.

A visualizer that draws some columns of X (a joint plot of two features, a
correlation with some of them) takes them as positions (ints, negative ones
counting from the end) or, for a pandas or polars frame, as column names.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from scipy import sparse

from vizkit.exceptions import VizkitValueError
from vizkit.utils.validation import check_X


def column_position(X: Any, key: Any, n_columns: int, name: str = "columns") -> int:
    """The position of the column ``key``: a position, or a frame's column name.

    ``name`` is the parameter that gave ``key``, for the error messages.
    """
    if isinstance(key, numbers.Integral) and not isinstance(key, bool):
        position = int(key)
        if -n_columns <= position < n_columns:
            return position % n_columns
        raise VizkitValueError(
            f"{name}={position!r} is out of range for X with {n_columns} "
            f"column(s); pass positions from 0 to {n_columns - 1}, or column names."
        )
    names = [str(c) for c in getattr(X, "columns", [])]
    if not names:
        raise VizkitValueError(
            f"{name}={key!r} names a column, but X has no column names; pass "
            "column positions (ints), or X as a pandas or polars DataFrame."
        )
    if str(key) not in names:
        more = "..." if len(names) > 8 else ""
        raise VizkitValueError(
            f"{name}={key!r} is not a column of X (its columns are "
            f"{names[:8]}{more}); pass one of those names."
        )
    return names.index(str(key))


def select_positions(X: Any, positions: list[int]) -> Any:
    """The columns of X at ``positions``, keeping a frame a frame (for names)."""
    if hasattr(X, "iloc"):  # pandas
        return X.iloc[:, positions]
    if hasattr(X, "select") and hasattr(X, "columns"):  # polars
        return X.select([X.columns[p] for p in positions])
    return np.asarray(X)[:, positions]


def as_table(X: Any) -> tuple[Any, bool]:
    """X as a table, and whether it was 1-D (one feature, drawn against y).

    A 1-D array, list, or pandas or polars Series becomes one column; frames
    stay frames (their names label the axes), other inputs become arrays.
    """
    if sparse.issparse(X):
        check_X(X)  # raises: dense data needed
    if not hasattr(X, "shape"):
        X = np.asarray(X)
    if len(X.shape) == 1:
        if hasattr(X, "to_frame"):
            return X.to_frame(), True
        return np.asarray(X).reshape(-1, 1), True
    if len(X.shape) != 2:
        check_X(X)  # raises the shape error
    return X, False


def column_label(X: Any, X2d: Any, position: int, one_d: bool) -> str:
    """The label of a drawn column: its name, or x<position> ("x" if X is 1-D)."""
    columns = getattr(X2d, "columns", None)
    if columns is not None and not (one_d and getattr(X, "name", None) is None):
        return str(columns[position])
    return "x" if one_d else f"x{position}"
