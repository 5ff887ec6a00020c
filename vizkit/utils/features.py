"""Feature names from pandas and polars frames, or generated ones."""

from __future__ import annotations

from typing import Any

import numpy as np

from vizkit.exceptions import VizkitValueError


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
                "give one name per column."
            )
        return names
    columns = getattr(X, "columns", None)
    if columns is not None:
        return np.asarray([str(c) for c in columns], dtype=object)
    return np.asarray([f"x{i}" for i in range(n_features)], dtype=object)
