"""Permutation importance: the engine behind :class:`PermutationImportance`.

Pure computations (no matplotlib): one job per feature scores the fitted
model ``n_repeats`` times on a copy of X with that column shuffled. The
numbers equal :func:`sklearn.inspection.permutation_importance` on the same
model, data, scoring, ``n_repeats``, ``max_samples`` and integer
``random_state``: one seed is drawn from ``random_state`` and every column
is shuffled by a fresh generator with that seed (so all columns are scored
on the same rows), each repeat reshuffling the already shuffled column, and
the baseline score uses every row. The jobs run through
:func:`vizkit.utils.parallel.run_jobs`, so ``n_jobs``, ``verbose`` and a
dask backend act on them.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.utils import _safe_indexing, check_array, check_random_state
from sklearn.utils.random import sample_without_replacement

from vizkit.exceptions import VizkitError, VizkitValueError, prefix_message
from vizkit.utils.parallel import run_jobs


def permutable(X: Any) -> Any:
    """X as a DataFrame (kept) or a 2-D array, as scikit-learn permutes it."""
    if hasattr(X, "iloc"):
        return X
    if sparse.issparse(X):
        raise VizkitValueError(
            "X is a sparse matrix; permutation importance shuffles dense columns, "
            "so pass X.toarray() (or a DataFrame)."
        )
    try:
        return check_array(X, ensure_all_finite="allow-nan", dtype=None)
    except ValueError as error:
        raise VizkitValueError(
            f"X cannot be permuted column by column ({error}); pass a 2-D array or "
            "a DataFrame with one row per sample."
        ) from None


def rows_per_column(max_samples: int | float, n_samples: int) -> int:
    """How many rows each feature is scored on: ``max_samples`` as a count.

    A float is a fraction of the rows (rounded down, as scikit-learn does),
    an int a count no larger than ``n_samples``.
    """
    if isinstance(max_samples, numbers.Integral):
        count = int(max_samples)
        if count > n_samples:
            raise VizkitValueError(
                f"max_samples={count} is more than the {n_samples} rows of X; pass "
                f"at most {n_samples}, or a fraction in (0, 1]."
            )
        return count
    count = int(max_samples * n_samples)
    if count < 1:
        raise VizkitValueError(
            f"max_samples={max_samples} of {n_samples} rows is no row at all; pass "
            "a larger fraction, or a count of rows."
        )
    return count


def permutation_seed(random_state: Any) -> int:
    """The one seed every column's generator starts from (scikit-learn's draw)."""
    return int(check_random_state(random_state).randint(np.iinfo(np.int32).max + 1))


@dataclass(frozen=True)
class PermutationData:
    """What every feature's job shares: the data, how to score, the seed."""

    X: Any  # a 2-D array or a DataFrame
    y: Any
    scorer: Any
    sample_weight: Any
    n_repeats: int
    n_rows: int  # rows scored per feature (max_samples as a count)
    seed: int
    owner: str = "PermutationImportance"  # names the visualizer in errors


def score_model(scorer, model, X, y, sample_weight, owner: str) -> float:
    """``scorer(model, X, y)`` (weighted if given), its errors naming ``owner``."""
    try:
        if sample_weight is None:
            score = scorer(model, X, y)
        else:
            score = scorer(model, X, y, sample_weight=sample_weight)
    except VizkitError:
        raise
    except Exception as error:
        prefix_message(error, f"{owner}: scoring {type(model).__name__} failed")
        raise
    if isinstance(score, dict) or not isinstance(score, numbers.Real):
        raise VizkitValueError(
            f"scoring returned {type(score).__name__}, not a number; pass a "
            "scorer that returns one number per call."
        )
    return float(score)


def _rows_to_score(data: PermutationData, rng: np.random.RandomState) -> tuple:
    """A writable copy of X (and y, weights), cut to ``n_rows`` drawn rows.

    The rows are drawn once per feature from its fresh generator, so every
    feature is scored on the same rows, as in scikit-learn.
    """
    n_samples = data.X.shape[0]
    if data.n_rows >= n_samples:
        return data.X.copy(), data.y, data.sample_weight
    rows = sample_without_replacement(n_samples, data.n_rows, random_state=rng)
    weight = data.sample_weight
    return (
        _safe_indexing(data.X, rows),
        _safe_indexing(data.y, rows),
        None if weight is None else _safe_indexing(weight, rows),
    )


def _shuffle_column(X: Any, column: int, order: np.ndarray) -> None:
    """Reorder one column of ``X`` in place by ``order`` (the others stay)."""
    if hasattr(X, "iloc"):
        values = X.iloc[order, column]
        values.index = X.index
        X.isetitem(column, values)
    else:
        X[:, column] = X[order, column]


def permuted_scores(model, data: PermutationData, column: int) -> np.ndarray:
    """The model's ``n_repeats`` scores with one column shuffled, repeat after repeat.

    A module-level function, so process-based joblib backends can pickle it.
    Each repeat shuffles the already shuffled column again (scikit-learn's
    order of draws, so the numbers match).
    """
    rng = np.random.RandomState(data.seed)
    X, y, weight = _rows_to_score(data, rng)
    order = np.arange(X.shape[0])
    scores = np.empty(data.n_repeats)
    for repeat in range(data.n_repeats):
        rng.shuffle(order)
        _shuffle_column(X, column, order)
        scores[repeat] = score_model(data.scorer, model, X, y, weight, data.owner)
    return scores


def importance_stats(
    baseline: float, permuted: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Importances (baseline minus permuted scores), their mean and std per feature."""
    importances = baseline - permuted
    return importances, np.mean(importances, axis=1), np.std(importances, axis=1)


def permutation_scores(
    model, data: PermutationData, *, n_jobs: int | None, verbose: bool
) -> tuple[float, np.ndarray]:
    """The baseline score and the permuted scores, shape (n_features, n_repeats).

    The baseline is computed once, on every row; each feature is one job.
    """
    baseline = score_model(
        data.scorer, model, data.X, data.y, data.sample_weight, data.owner
    )
    n_features = data.X.shape[1]
    permuted = run_jobs(
        permuted_scores, ((model, data, column) for column in range(n_features)),
        total=n_features, n_jobs=n_jobs, verbose=verbose,
        desc=f"{data.owner} features", unit="feature",
    )  # fmt: skip
    return baseline, np.array(permuted)
