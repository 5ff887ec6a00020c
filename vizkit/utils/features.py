"""Feature names from pandas and polars frames, or generated ones."""

from __future__ import annotations

import numbers
import warnings
from typing import Any

import numpy as np

from vizkit.exceptions import VizkitValueError, VizkitWarning
from vizkit.utils.validation import plain


def feature_names(
    X: Any, features: Any = None, n_features: int | None = None
) -> np.ndarray:
    """Names of the columns of ``X``.

    ``features`` (the user's list) wins, then the column names of a pandas or
    polars frame, then ``x0, x1, ...`` as scikit-learn names them.
    """
    if n_features is None:
        n_features = X.shape[1]
    if features is not None:
        names = np.asarray([str(f) for f in features], dtype=object)
        if len(names) != n_features:
            raise VizkitValueError(
                f"features has {len(names)} names but X has {n_features} columns; "
                f"give one name per column{_unknown_names(X, names)}."
            )
        return names
    columns = getattr(X, "columns", None)
    if columns is not None:
        return np.asarray([str(c) for c in columns], dtype=object)
    return np.asarray([f"x{i}" for i in range(n_features)], dtype=object)


def _unknown_names(X: Any, names: np.ndarray) -> str:
    """For a frame, the named features that are not among its columns."""
    columns = getattr(X, "columns", None)
    if columns is None:
        return ""
    unknown = [name for name in names if name not in {str(c) for c in columns}]
    return f", or name only columns of X to draw those ({unknown[:3]} are not)"


def chosen_columns(X: Any, features: Any) -> list | None:
    """The columns of a frame that ``features`` chooses by name, else None.

    ``features`` names the columns of X one by one (labels for an array), or,
    for a pandas or polars frame, may choose some of its columns by name: then
    only those are drawn, in the order given. Returns the chosen column labels
    as the frame spells them, or None when ``features`` only labels columns.
    """
    columns = getattr(X, "columns", None)
    if features is None or columns is None or isinstance(features, str):
        return None
    by_name = {str(column): column for column in columns}
    wanted = [str(feature) for feature in features]
    if not wanted or not set(wanted) <= set(by_name) or wanted == list(by_name):
        return None
    return [by_name[name] for name in wanted]


def select_columns(X: Any, columns: list | None) -> Any:
    """The chosen ``columns`` of a pandas or polars frame (all when None)."""
    if columns is None:
        return X
    if hasattr(X, "loc"):  # pandas
        return X.loc[:, columns]
    return X.select(columns)  # polars


def constant_columns(X: np.ndarray) -> np.ndarray:
    """True for each column of a 2-D float array that holds a single value."""
    if len(X) == 0:
        return np.zeros(X.shape[1], dtype=bool)
    return np.all(X == X[0], axis=0)


def warn_constant(
    features: Any,
    constant: np.ndarray,
    what: str,
    consequence: str = "their values are NaN and drawn blank",
) -> None:
    """Warn that ``what`` is undefined for the constant columns.

    ``consequence`` says what the visualizer does with them instead.
    """
    names = [str(name) for name in np.asarray(features, dtype=object)[constant]]
    if not names:
        return
    shown = ", ".join(repr(name) for name in names[:5])
    more = f" and {len(names) - 5} more" if len(names) > 5 else ""
    warnings.warn(
        f"{what} is undefined for the constant column(s) {shown}{more}: "
        f"{consequence}. Drop constant columns to silence this warning.",
        VizkitWarning,
        stacklevel=3,
    )


def column_index(feature: Any, names: np.ndarray, name: str = "features") -> int:
    """The position of one feature among ``names``, given by name or by index.

    Negative indices count from the end, as in numpy. ``name`` is the
    parameter the feature came from, for the error.
    """
    n = len(names)
    if isinstance(feature, numbers.Integral) and not isinstance(feature, bool):
        if -n <= int(feature) < n:
            return int(feature) % n
        raise VizkitValueError(
            f"{name} has index {int(feature)}, but X has {n} feature(s); pass "
            f"0 to {n - 1} or a column name."
        )
    matches = np.flatnonzero(names == str(feature))
    if len(matches) == 0:
        listed = ", ".join(repr(str(column)) for column in names[:10])
        more = f" and {n - 10} more" if n > 10 else ""
        raise VizkitValueError(
            f"{name} names {plain(feature)!r}, which the model was not trained "
            f"on; pass one of {listed}{more}, or a column index."
        )
    return int(matches[0])
