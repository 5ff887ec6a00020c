"""The computations behind :class:`PartialDependence` (arrays in, arrays out).

Which columns each panel plots, the kind of each panel, the rows of the ICE
lines, the deciles of the rug, and the checks of the parameters that take
more than a list of choices. No matplotlib here.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
from scipy.stats.mstats import mquantiles
from sklearn.inspection import partial_dependence as sklearn_partial_dependence
from sklearn.utils import check_random_state

from vizkit.exceptions import VizkitValueError
from vizkit.utils.features import column_index
from vizkit.utils.validation import plain

KINDS = ("average", "individual", "both")


# -- computations (arrays in, arrays out) -----------------------------------------


def resolve_features(features: Any, names: np.ndarray) -> list[tuple[int, ...]]:
    """The panels as tuples of column indices; None is one panel per column.

    An entry is a column index or name (a 1-way panel) or a pair of them
    (a 2-way panel).
    """
    if features is None:
        return [(index,) for index in range(len(names))]
    entries: Any = (
        [features] if isinstance(features, numbers.Integral | str) else features
    )
    panels = []
    for entry in entries:
        single = isinstance(entry, numbers.Integral | str)
        nested = not single and np.ndim(entry) == 1
        columns: tuple = (entry,) if single else tuple(entry) if nested else ()
        if not 1 <= len(columns) <= 2:
            raise VizkitValueError(
                f"features has the entry {plain(entry)!r}; each entry must be one "
                "feature (an index or a column name) or a pair of them for a "
                "2-way plot."
            )
        panels.append(tuple(column_index(column, names) for column in columns))
    if not panels:
        raise VizkitValueError("features is empty; pass at least one feature.")
    return panels


def panel_kinds(kind: Any, panels: list[tuple[int, ...]]) -> list[str]:
    """One kind per panel; ICE is refused for 2-way panels, as scikit-learn does."""
    kinds = [kind] * len(panels) if isinstance(kind, str) else list(kind)
    if len(kinds) != len(panels):
        raise VizkitValueError(
            f"kind has {len(kinds)} entries but features has {len(panels)}; pass "
            "one kind, or one per entry of features."
        )
    two_way_ice = [
        i for i, p in enumerate(panels) if len(p) == 2 and kinds[i] != "average"
    ]
    if two_way_ice:
        raise VizkitValueError(
            f"kind={plain(kind)!r} asks for ICE lines of the 2-way entries "
            f"{[panels[i] for i in two_way_ice]} of features; ICE lines exist for "
            'one feature only: pass kind="average", or a list with "average" '
            "for the pairs."
        )
    return kinds


def ice_rows(n_samples: int, subsample: Any, random_state: Any) -> np.ndarray:
    """The rows whose ICE lines are drawn, chosen as PartialDependenceDisplay does."""
    if isinstance(subsample, numbers.Integral):
        count = min(int(subsample), n_samples)
    elif subsample is None:
        count = n_samples
    else:
        count = math.ceil(n_samples * subsample)
    rng = check_random_state(random_state)
    return rng.choice(n_samples, count, replace=False)


def column_deciles(X: Any, columns: set[int]) -> dict[int, np.ndarray]:
    """The deciles of each column, for the rug ticks (scikit-learn's ``deciles``)."""
    deciles = {}
    for column in sorted(columns):
        values = X.iloc[:, column] if hasattr(X, "iloc") else np.asarray(X)[:, column]
        deciles[column] = mquantiles(values, prob=np.arange(0.1, 1.0, 0.1))
    return deciles


def numeric_input(X: Any, panels: list[tuple[int, ...]]) -> Any:
    """X with the panels' integer columns as floats, which the grid needs.

    scikit-learn refuses integer features (the grid's values would be
    rounded when assigned); vizkit converts them in a copy. Data without a
    ``shape`` (lists) becomes an array.
    """
    if not hasattr(X, "shape"):
        X = np.asarray(X)
    columns = sorted({c for panel in panels for c in panel})
    if hasattr(X, "iloc"):
        integer = [X.columns[c] for c in columns if X.dtypes.iloc[c].kind in "iub"]
        return X.astype(dict.fromkeys(integer, np.float64)) if integer else X
    if isinstance(X, np.ndarray) and X.dtype.kind in "iub":
        return X.astype(np.float64)
    return X


def centered_lines(values: np.ndarray) -> np.ndarray:
    """Each curve minus its value at the first grid point (``centered=True``)."""
    return values - values[..., :1]


# -- checks of the parameters --------------------------------------------------------


def check_kind(value: Any, name: str, viz: Any) -> None:
    kinds = [value] if isinstance(value, str) else value
    try:
        ok = len(kinds) > 0 and all(isinstance(k, str) and k in KINDS for k in kinds)
    except TypeError:
        ok = False
    if not ok:
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass one of {list(KINDS)}, or a "
            "list of them, one per entry of features."
        )


def check_features(value: Any, name: str, viz: Any) -> None:
    single = isinstance(value, numbers.Integral | str)
    if not single and not isinstance(value, list | tuple | np.ndarray | type(None)):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass a list of feature indices "
            "or column names (a pair of them for a 2-way plot), or None for one "
            "plot per feature."
        )
    names = viz.__dict__.get("feature_names_")
    if names is not None:  # fitted: the features must be columns of that X
        resolve_features(value, names)


def check_subsample(value: Any, name: str, viz: Any) -> None:
    count = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    fraction = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if value is None or (count and value >= 1) or (fraction and 0 < value < 1):
        return
    raise VizkitValueError(
        f"{name}={plain(value)!r} is not valid; pass a number of ICE lines of at "
        "least 1, a fraction of the rows in (0, 1), or None for every row."
    )


def check_percentiles(value: Any, name: str, viz: Any) -> None:
    try:
        low, high = (float(v) for v in value)
        ok = 0 <= low < high <= 1
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass (low, high) with "
            "0 <= low < high <= 1, the percentiles that bound the grid."
        )


# -- one panel's numbers, and where a panel goes ---------------------------------


def panel_dependence(estimator, X, features: list[int], kind: str, options: dict):
    """One panel's ``sklearn.inspection.partial_dependence`` as a plain dict."""
    result = sklearn_partial_dependence(estimator, X, features, kind=kind, **options)
    return dict(result)


def inset_cell(bounds, index: int, n_rows: int, n_cols: int) -> list[float]:
    """The rectangle, in figure fraction, of panel ``index`` of a hand-placed area."""
    left, bottom, width, height = bounds
    row, col = divmod(index, n_cols)
    cell_width, cell_height = width / n_cols, height / n_rows
    return [left + col * cell_width + 0.05 * cell_width,
            bottom + (n_rows - 1 - row) * cell_height + 0.12 * cell_height,
            0.9 * cell_width, 0.76 * cell_height]  # fmt: skip
