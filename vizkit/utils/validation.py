"""Input validation with one clear message per problem.

Every check names the argument, says what was wrong and what to do. None of
them modifies its input: arrays handed back are new views or copies.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.exceptions import NotFittedError
from sklearn.utils.validation import check_is_fitted

from vizkit.exceptions import VizkitTypeError, VizkitValueError


def plain(value: Any) -> Any:
    """A numpy scalar as the Python value a user wrote (2, not np.int64(2))."""
    return value.item() if isinstance(value, np.generic) else value


def to_numpy(data: Any) -> np.ndarray:
    """Return ``data`` as a numpy array (pandas, polars, lists, arrays).

    pandas' nullable columns (``Int64``, ``Float64``, ``boolean``) become
    floats with NaN for ``pd.NA`` when they hold numbers, so the usual NaN
    checks see the missing values; other columns keep their dtype.
    """
    if hasattr(data, "to_numpy"):  # pandas and polars frames and series
        array = data.to_numpy()
        if array.dtype == object and _nullable_numbers(data):
            return data.to_numpy(dtype=np.float64, na_value=np.nan)
        return array
    return np.asarray(data)


def _nullable_numbers(data: Any) -> bool:
    """True for a pandas object whose every column has a nullable numeric dtype."""
    dtypes = getattr(data, "dtypes", None)
    if dtypes is None:
        return False
    dtypes = [dtypes] if not hasattr(dtypes, "__iter__") else list(dtypes)
    names = [str(dtype) for dtype in dtypes]
    return bool(names) and all(
        name.startswith(("Int", "UInt", "Float")) for name in names
    )


def missing_mask(values: np.ndarray) -> np.ndarray:
    """True where ``values`` holds NaN, None or pandas' NA."""
    if values.dtype.kind in "fc":
        return np.isnan(values)
    if values.dtype != object:
        return np.zeros(values.shape, dtype=bool)
    flat = [_is_missing(value) for value in values.ravel().tolist()]
    return np.asarray(flat, dtype=bool).reshape(values.shape)


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN (and NaT) differ from themselves
    except (TypeError, ValueError):
        return True  # pandas.NA: its comparisons are NA, which has no truth value


def n_samples_of(data: Any, name: str) -> int:
    """Number of rows of ``data``, with a clear error for scalars and None."""
    if data is None:
        raise VizkitValueError(f"{name} is None; pass an array-like of samples.")
    if hasattr(data, "shape") and len(data.shape) > 0:
        return int(data.shape[0])
    if not hasattr(data, "__len__") and hasattr(data, "__array__"):
        data = np.asarray(data)  # array-likes that only convert, as numpy's
        if data.ndim > 0:
            return int(data.shape[0])
    try:
        return len(data)
    except TypeError:
        raise VizkitTypeError(
            f"{name} must be array-like with one row per sample, got "
            f"{type(data).__name__}."
        ) from None


def _refuse_complex(values: np.ndarray, name: str) -> None:
    if values.dtype.kind == "c":
        raise VizkitValueError(
            f"{name} holds complex numbers (Complex data not supported); pass "
            "real numbers, e.g. the real part or the absolute value."
        )


def _report_non_finite(
    values: np.ndarray, name: str, fix: str, columns: Any = None
) -> None:
    if values.dtype.kind not in "fc":
        return
    bad = ~np.isfinite(values)
    if not bad.any():
        return
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    kind = "NaN" if np.isnan(values[first]) else "infinite"
    where = f"row {first[0]}"
    if len(first) > 1:
        where += f", column {_column_name(columns, first[1])}"
    raise VizkitValueError(
        f"{name} contains {int(bad.sum())} NaN or infinite value(s) (the first, "
        f"{kind}, at {where}); {fix}"
    )


def check_finite(values: np.ndarray, name: str, fix: str) -> np.ndarray:
    """Refuse NaN and infinite values; ``fix`` tells the user what to do."""
    _report_non_finite(values, name, fix)
    return values


def check_no_overflow(values: np.ndarray, name: str, fix: str) -> np.ndarray:
    """Refuse finite values so large that the sum of their squares overflows.

    Variances, R^2 and singular values sum the squares of centred values;
    for ``n`` values that sum stays finite while every ``|x|`` is at most
    ``sqrt(max float / n) / 2`` (about 7e152 for 100 values). Beyond it,
    e.g. at 1e300, they come out infinite or NaN.
    """
    if values.dtype.kind != "f" or values.size == 0:
        return values
    limit = float(np.sqrt(np.finfo(values.dtype).max / values.size) / 2)
    largest = float(np.max(np.abs(values)))
    if largest > limit:
        raise VizkitValueError(
            f"{name} holds values as large as {largest:.3g}, too large to compute "
            f"with: for {values.size} values, sums of squares overflow to infinity "
            f"above {limit:.3g}; {fix}"
        )
    return values


def _column_name(columns: Any, index: int) -> str:
    """A column as the user knows it: its frame name, else its position."""
    if columns is None:
        return str(index)
    return f"{index} ({str(list(columns)[index])!r})"


def _non_numeric_columns(array: np.ndarray) -> list[int]:
    """Positions of the columns of a 2-D array that do not convert to float."""
    bad = []
    for index in range(array.shape[1]):
        try:
            array[:, index].astype(np.float64)
        except (TypeError, ValueError):
            bad.append(index)
    return bad


def _not_numeric(
    name: str, array: np.ndarray, error: Exception, columns: Any = None
) -> str:
    bad = _non_numeric_columns(array) if array.ndim == 2 else []
    which = ", ".join(_column_name(columns, index) for index in bad[:5])
    if len(bad) > 5:
        which += f" and {len(bad) - 5} more"
    where = f" in column(s) {which}" if which else ""
    return (
        f"{name} must be numeric, but it holds values that do not convert to "
        f"float{where} ({error}); encode or drop the categorical columns first "
        "(e.g. sklearn.preprocessing.OneHotEncoder)."
    )


def check_X(
    X: Any,
    *,
    name: str = "X",
    allow_nan: bool = False,
    numeric: bool = False,
    min_samples: int = 1,
) -> np.ndarray:
    """Check a 2-D feature matrix and return it as an array (never mutated).

    With ``numeric=False`` only shape and, for numeric data, finiteness are
    checked: a Pipeline may well accept strings. ``numeric=True`` asks for a
    float matrix, as feature visualizers that do arithmetic on X need.
    """
    n_samples_of(X, name)
    if sparse.issparse(X):
        raise VizkitTypeError(
            f"{name} is a sparse matrix, but this visualizer needs dense data; "
            f"convert it with {name}.toarray() if it fits in memory."
        )
    array = to_numpy(X)
    if array.ndim != 2:
        raise VizkitValueError(
            f"{name} must be 2-D (n_samples, n_features), got {array.ndim}-D shape "
            f"{array.shape}. Reshape your data with {name}.reshape(-1, 1) if it "
            f"has a single feature, or {name}.reshape(1, -1) if it is one sample."
        )
    for axis, what, least in ((0, "sample", min_samples), (1, "feature", 1)):
        if array.shape[axis] < least:
            raise VizkitValueError(
                f"{name} has {array.shape[axis]} {what}(s) (shape={array.shape}) "
                f"while a minimum of {least} is required; pass at least {least} "
                f"{what}(s)."
            )
    _refuse_complex(array, name)
    columns = getattr(X, "columns", None)
    if numeric:
        try:
            array = array.astype(np.float64, copy=False)
        except TypeError as error:  # e.g. a dict in an object column
            raise VizkitTypeError(_not_numeric(name, array, error, columns)) from None
        except ValueError as error:  # e.g. a string that is no number
            raise VizkitValueError(_not_numeric(name, array, error, columns)) from None
    if not allow_nan:
        _report_non_finite(
            array,
            name,
            "impute or drop them first, e.g. with sklearn.impute.SimpleImputer "
            "(vizkit.contrib.missing.MissingValuesBar shows where they are).",
            columns,
        )
    return array


def check_target(
    y: Any,
    *,
    name: str = "y",
    n_samples: int | None = None,
    allow_nan: bool = False,
) -> np.ndarray:
    """Check a 1-D target and return it as an array (never mutated)."""
    n_samples_of(y, name)
    array = to_numpy(y)
    if array.ndim == 2 and array.shape[1] == 1:
        array = array.ravel()
    if array.ndim != 1:
        raise VizkitValueError(
            f"{name} must be 1-D with one value per sample, got shape {array.shape}."
        )
    if array.shape[0] == 0:
        raise VizkitValueError(f"{name} is empty; pass at least one sample.")
    _refuse_complex(array, name)
    if n_samples is not None and array.shape[0] != n_samples:
        raise VizkitValueError(
            f"{name} has {array.shape[0]} values but X has {n_samples} rows; pass "
            "one target value per row of X."
        )
    if not allow_nan:
        fix = "drop those samples or impute the target."
        _report_non_finite(array, name, fix)
        if array.dtype == object and missing_mask(array).any():
            raise VizkitValueError(
                f"{name} contains missing values (None, NaN or pandas.NA); {fix}"
            )
    return array


def check_consistent_length(**arrays: Any) -> int:
    """Check that every named array has the same number of rows."""
    lengths = {name: n_samples_of(a, name) for name, a in arrays.items()}
    if len(set(lengths.values())) > 1:
        listed = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise VizkitValueError(
            f"Inconsistent numbers of samples: {listed}; pass one row per sample."
        )
    return next(iter(lengths.values()))


def check_option(value: Any, name: str, allowed: Iterable[Any]) -> Any:
    """Check that ``value`` is one of ``allowed`` (a Literal option)."""
    allowed = tuple(allowed)
    for option in allowed:
        if value is option or (type(value) is type(option) and value == option):
            return value
    listed = ", ".join(repr(a) for a in allowed)
    raise VizkitValueError(
        f"{name}={plain(value)!r} is not supported; use one of {listed}."
    )


def check_classes(classes: np.ndarray, name: str = "y") -> np.ndarray:
    """Check that a classification target has at least two classes."""
    if len(classes) < 2:
        only = plain(np.asarray(classes)[0])
        raise VizkitValueError(
            f"{name} has a single class ({only!r}), and a classification "
            "visualizer cannot work with one class: pass samples of at least two "
            "classes."
        )
    return classes


def estimator_is_fitted(estimator: Any) -> bool:
    """True when ``estimator`` is fitted, asked only through public API."""
    try:
        check_is_fitted(estimator)
    except NotFittedError:
        return False
    except TypeError:
        raise VizkitTypeError(
            f"estimator must be a scikit-learn estimator with a fit method, got "
            f"{type(estimator).__name__}."
        ) from None
    return True


def needs_fit(estimator: Any, is_fitted: bool | str) -> bool:
    """Decide whether ``fit`` must fit the wrapped estimator."""
    check_option(is_fitted, "is_fitted", ("auto", True, False))
    if is_fitted == "auto":
        return not estimator_is_fitted(estimator)
    return not is_fitted


def check_instance(x: Any, n_features: int | None, name: str = "x") -> Any:
    """One row of data: a 1-D array-like, or a single-row 2-D one / frame.

    Returns it as one row of 2-D data (a frame stays a frame, for a Pipeline
    that selects columns by name). ``n_features`` is the width fit saw.
    """
    if hasattr(x, "iloc"):  # pandas: a Series is one row, a frame must have one
        row = x.to_frame().T if x.ndim == 1 else x
    else:
        row = np.asarray(x)
        row = row.reshape(1, -1) if row.ndim == 1 else row
    if row.ndim != 2 or row.shape[0] != 1:
        raise VizkitValueError(
            f"{name} must be one instance (one row), got shape {np.shape(x)}; pass "
            f"a 1-D array of its features, e.g. X[0]."
        )
    if n_features is not None and row.shape[1] != n_features:
        raise VizkitValueError(
            f"{name} has {row.shape[1]} features, but the model was trained on "
            f"{n_features}; pass one row of data with the columns seen in fit."
        )
    return row
