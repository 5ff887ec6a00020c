"""Cross-validated fits: the shared engine of the model-selection visualizers.

A visualizer that scores a model over cross-validation folds (a learning
curve, a validation curve, CV scores, a dropping curve, comparison learning
curves) builds a list of :class:`FoldJob` (which rows, which parameters) and
runs them with :func:`run_fold_jobs`. Each job clones the model, fits it on
its training rows and scores it exactly as scikit-learn's ``_fit_and_score``
does, so the scores equal ``learning_curve``, ``validation_curve`` and
``cross_val_score`` on the same splits; the jobs go through
:func:`vizkit.utils.parallel.run_jobs`, so ``n_jobs``, ``verbose`` and
``joblib.parallel_config(backend="dask")`` act on every visualizer alike.

A fit that fails is not swallowed (scikit-learn's ``error_score=np.nan``
would draw a gap): its error keeps its type and its message names the
visualizer, the fold and the parameters.
"""

from __future__ import annotations

import difflib
import numbers
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.base import clone, is_classifier
from sklearn.metrics import check_scoring, get_scorer_names
from sklearn.model_selection import check_cv
from sklearn.utils import _safe_indexing

from vizkit.exceptions import VizkitError, VizkitValueError, prefix_message
from vizkit.utils.parallel import run_jobs
from vizkit.utils.validation import plain

# -- checks --------------------------------------------------------------------------


def check_scorer(estimator, scoring, name: str = "scoring"):
    """scikit-learn's scorer for ``scoring``; an unknown name is a clear error.

    None gives the model's own ``score`` method, as in scikit-learn.
    """
    if isinstance(scoring, str) and scoring not in get_scorer_names():
        close = difflib.get_close_matches(scoring, get_scorer_names(), n=3)
        hint = f" (did you mean {', '.join(map(repr, close))}?)" if close else ""
        raise VizkitValueError(
            f"{name}={scoring!r} is not a scoring name scikit-learn knows{hint}; "
            "pass one of sklearn.metrics.get_scorer_names(), a callable "
            "scorer(estimator, X, y), or None for the model's own score."
        )
    return check_scoring(estimator, scoring=scoring)


def check_splits(cv, X, y, estimator, groups=None, name: str = "cv") -> list[tuple]:
    """The (train, test) row indices of ``cv``, as scikit-learn would split.

    Classifiers get stratified folds for an integer ``cv`` (scikit-learn's
    ``check_cv``). More stratified folds than members of the smallest class
    is refused here, before any fit, rather than warned about.
    """
    classifier = is_classifier(estimator)
    splitter = check_cv(cv, y, classifier=classifier)
    if classifier and y is not None and hasattr(splitter, "n_splits"):
        _check_folds_fit_classes(splitter, y, name)
    try:
        return list(splitter.split(X, y, groups))
    except ValueError as error:  # e.g. more folds than rows
        raise VizkitValueError(
            f"{name}={plain(cv)!r} cannot split the {_n_rows(X)} rows ({error}); "
            "pass fewer folds or more rows."
        ) from None


def _check_folds_fit_classes(splitter, y, name: str) -> None:
    from sklearn.model_selection import StratifiedKFold

    if not isinstance(splitter, StratifiedKFold):
        return
    labels, counts = np.unique(np.asarray(y), return_counts=True)
    smallest = int(counts.min())
    label = plain(labels[counts.argmin()])
    if smallest < 2:
        raise VizkitValueError(
            f"{name} asks for stratified folds, but class {label!r} has a single "
            "member, which cannot be in both the training and the test rows; "
            "gather more data for that class, or drop it."
        )
    if splitter.n_splits > smallest:
        raise VizkitValueError(
            f"{name} asks for {splitter.n_splits} stratified folds, but class "
            f"{label!r} has only {smallest} member(s), so some folds would not "
            f"contain it; pass {name}={smallest} or fewer, or gather more data "
            "for that class."
        )


def check_n_splits(value: Any, name: str = "cv") -> None:
    """An integer ``cv`` must be at least 2 (scikit-learn's own rule)."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        if value < 2:
            raise VizkitValueError(
                f"{name}={value} is not valid; pass at least 2 folds, a "
                "cross-validation splitter, or an iterable of (train, test) splits."
            )


# -- one fit, scored ------------------------------------------------------------------


@dataclass(frozen=True)
class FoldData:
    """What every job of one visualizer shares: the data and how to score."""

    X: Any
    y: Any
    scorer: Any
    fit_params: dict = field(default_factory=dict)
    owner: str = "vizkit"  # the visualizer's name, for error messages
    score_train: bool = True


@dataclass(frozen=True)
class FoldJob:
    """One fit: the training and test rows, and the parameters to set."""

    train: np.ndarray
    test: np.ndarray
    fold: int  # 0-based; messages count from 1
    n_folds: int
    params: dict = field(default_factory=dict)
    columns: np.ndarray | None = None  # keep only these features (dropping curve)


@dataclass(frozen=True)
class FoldScore:
    """The scores and times of one job, as ``_fit_and_score`` measures them."""

    test_score: float
    train_score: float
    fit_time: float
    score_time: float


def fit_and_score(model, data: FoldData, job: FoldJob) -> FoldScore:
    """Fit a clone of ``model`` on the job's training rows and score it.

    A module-level function, so process-based joblib backends can pickle it.
    ``score_time`` is the time to score the test rows, as in scikit-learn.
    """
    model = clone(model).set_params(**job.params)
    X_train, y_train = _rows(data.X, job.train, job.columns), _rows(data.y, job.train)
    X_test, y_test = _rows(data.X, job.test, job.columns), _rows(data.y, job.test)
    with naming_the_fold(model, data, job):
        start = time.perf_counter()
        model.fit(X_train, y_train, **_fold_params(data.fit_params, job.train, data))
        fit_time = time.perf_counter() - start
        test_score = scorer_value(data.scorer, model, X_test, y_test)
        score_time = time.perf_counter() - start - fit_time
        train_score = (
            scorer_value(data.scorer, model, X_train, y_train)
            if data.score_train
            else np.nan
        )
    return FoldScore(test_score, train_score, fit_time, score_time)


@contextmanager
def naming_the_fold(model, data: FoldData, job: FoldJob) -> Iterator[None]:
    """Errors raised in the block name the visualizer, the model and the fold.

    The error keeps its type (``except ValueError`` still works); vizkit's
    own errors (already clear) pass unchanged.
    """
    try:
        yield
    except VizkitError:
        raise
    except Exception as error:
        prefix_message(error, _where(model, data, job))
        raise


def _where(model, data: FoldData, job: FoldJob) -> str:
    settings = ", ".join(f"{key}={plain(value)!r}" for key, value in job.params.items())
    size = f"{len(job.train)} training rows"
    return (
        f"{data.owner}: {type(model).__name__} failed in fold {job.fold + 1} of "
        f"{job.n_folds} ({size}{', ' + settings if settings else ''})"
    )


def scorer_value(scorer, model, X, y) -> float:
    """``scorer(model, X, y)`` as a float; a scorer giving no number is refused."""
    score = scorer(model, X, y)
    if not isinstance(score, numbers.Real):
        raise VizkitValueError(
            f"scoring returned {type(score).__name__}, not a number; pass a "
            "scorer that returns one number per call."
        )
    return float(score)


def _rows(data, rows: np.ndarray, columns: np.ndarray | None = None):
    if data is None:
        return None
    chosen = _safe_indexing(data, rows)
    return chosen if columns is None else _safe_indexing(chosen, columns, axis=1)


def _fold_params(fit_params: dict, train: np.ndarray, data: FoldData) -> dict:
    """Per-sample fit parameters (``sample_weight``) cut to the training rows."""
    n_samples = _n_rows(data.X)
    return {
        key: _safe_indexing(value, train)
        if hasattr(value, "__len__") and len(value) == n_samples
        else value
        for key, value in fit_params.items()
    }


def _n_rows(X) -> int:
    shape = getattr(X, "shape", None)
    return int(shape[0]) if shape is not None else len(X)


# -- many fits ----------------------------------------------------------------------


def run_fold_jobs(
    model,
    data: FoldData,
    jobs: Sequence[FoldJob],
    *,
    n_jobs: int | None,
    verbose: bool,
    pre_dispatch: int | str = "2 * n_jobs",
) -> list[FoldScore]:
    """Every job's scores, in job order, through joblib (one progress bar)."""
    model = clone(model)  # a template: the user's model is never fitted here
    return run_jobs(
        fit_and_score, ((model, data, job) for job in jobs),
        total=len(jobs), n_jobs=n_jobs, verbose=verbose, desc=f"{data.owner} fits",
        pre_dispatch=pre_dispatch,
    )  # fmt: skip


def score_table(
    scores: Sequence[FoldScore], shape: tuple[int, ...], attribute: str
) -> np.ndarray:
    """One attribute of every job's scores, reshaped (e.g. to (n_points, n_folds))."""
    return np.array([getattr(score, attribute) for score in scores]).reshape(shape)


def shuffled_splits(splits: list[tuple], random_state) -> list[tuple]:
    """Each split's training rows permuted, as ``learning_curve(shuffle=True)``."""
    from sklearn.utils import check_random_state

    rng = check_random_state(random_state)
    return [(rng.permutation(train), test) for train, test in splits]


def learning_curve_jobs(
    splits: list[tuple], train_sizes_abs: np.ndarray
) -> list[FoldJob]:
    """The fits of a learning curve: each training size on each split.

    As ``learning_curve``, a size ``n`` trains on the first ``n`` training
    rows of the split. Jobs are ordered size-major, so the scores reshape to
    ``(n_sizes, n_folds)``.
    """
    return [
        FoldJob(train[:size], test, fold, len(splits))
        for size in train_sizes_abs
        for fold, (train, test) in enumerate(splits)
    ]


def absolute_train_sizes(
    train_sizes, n_max: int, name: str = "train_sizes"
) -> np.ndarray:
    """Training sizes as row counts: fractions in (0, 1] of ``n_max``, or counts.

    The rules of ``learning_curve``, with vizkit errors: fractions must lie in
    (0, 1], counts in [1, n_max]; duplicates are dropped.
    """
    sizes = np.asarray(train_sizes)
    if sizes.ndim != 1 or sizes.size == 0:
        raise VizkitValueError(
            f"{name} must be a non-empty 1-D sequence of fractions in (0, 1] or "
            "of row counts; e.g. np.linspace(0.1, 1.0, 5)."
        )
    if np.issubdtype(sizes.dtype, np.floating):
        if sizes.min() <= 0 or sizes.max() > 1:
            raise VizkitValueError(
                f"{name} holds fractions outside (0, 1] (from {sizes.min():g} to "
                f"{sizes.max():g}); pass fractions of the training fold in (0, 1], "
                "or whole row counts."
            )
        counts = np.clip((sizes * n_max).astype(int), 1, n_max)
    else:
        if sizes.min() < 1 or sizes.max() > n_max:
            raise VizkitValueError(
                f"{name} asks for {sizes.max()} training rows, but a training fold "
                f"holds {n_max}; pass counts between 1 and {n_max}, or fractions "
                "in (0, 1]."
            )
        counts = sizes.astype(int)
    return np.unique(counts)


# -- incremental learning curves (appended) ----------------------------------------


def incremental_fit_and_score(
    model, data: FoldData, job: FoldJob, train_sizes: np.ndarray, classes
) -> list[FoldScore]:
    """A learning curve on one split with ``partial_fit``, as scikit-learn's.

    ``learning_curve(exploit_incremental_learning=True)``: one clone of the
    model is fed the split's training rows slice by slice (up to each of
    ``train_sizes``) and scored after each slice. ``classes`` (all the
    labels, for a classifier; else None) goes to every ``partial_fit``.
    Returns one :class:`FoldScore` per training size.
    """
    model = clone(model).set_params(**job.params)
    extra = {} if classes is None else {"classes": classes}
    scores, done = [], 0
    for size in train_sizes:
        step = FoldJob(job.train[:size], job.test, job.fold, job.n_folds, job.params)
        new_rows, done = job.train[done:size], size
        scores.append(_partial_fit_and_score(model, data, step, new_rows, extra))
    return scores


def _partial_fit_and_score(
    model, data: FoldData, step: FoldJob, new_rows: np.ndarray, extra: dict
) -> FoldScore:
    """Feed ``new_rows`` to ``partial_fit``; score on the test and seen rows."""
    X_new, y_new = _rows(data.X, new_rows), _rows(data.y, new_rows)
    fit_params = {**extra, **_fold_params(data.fit_params, new_rows, data)}
    with naming_the_fold(model, data, step):
        start = time.perf_counter()
        if y_new is None:
            model.partial_fit(X_new, **fit_params)
        else:
            model.partial_fit(X_new, y_new, **fit_params)
        fit_time = time.perf_counter() - start
        X_test, y_test = _rows(data.X, step.test), _rows(data.y, step.test)
        test_score = scorer_value(data.scorer, model, X_test, y_test)
        score_time = time.perf_counter() - start - fit_time
        X_seen, y_seen = _rows(data.X, step.train), _rows(data.y, step.train)
        train_score = scorer_value(data.scorer, model, X_seen, y_seen)
    return FoldScore(test_score, train_score, fit_time, score_time)


def run_incremental_jobs(
    model,
    data: FoldData,
    jobs: Sequence[FoldJob],
    train_sizes: np.ndarray,
    classes,
    *,
    n_jobs: int | None,
    verbose: bool,
    pre_dispatch: int | str = "2 * n_jobs",
) -> list[FoldScore]:
    """:func:`incremental_fit_and_score` of every split, through joblib.

    The scores come back size-major, as :func:`learning_curve_jobs` orders
    them, so :func:`score_table` reshapes them to ``(n_sizes, n_folds)``.
    """
    model = clone(model)
    by_split = run_jobs(
        incremental_fit_and_score,
        ((model, data, job, train_sizes, classes) for job in jobs),
        total=len(jobs), n_jobs=n_jobs, verbose=verbose,
        desc=f"{data.owner} splits", unit="split", pre_dispatch=pre_dispatch,
    )  # fmt: skip
    return [split[index] for index in range(len(train_sizes)) for split in by_split]


# -- parameter checks for ``_params`` declarations (appended) -----------------------


def check_cv_param(value: Any, name: str, viz: Any) -> None:
    """A ``_params`` check of ``cv``: None, folds >= 2, a splitter or splits."""
    check_n_splits(value, name)
    valid = (
        value is None
        or isinstance(value, numbers.Integral)
        or hasattr(value, "split")  # a splitter
        or hasattr(value, "__iter__")  # (train, test) pairs
    )
    if isinstance(value, str | bool) or not valid:
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass None (5 folds), a number "
            "of folds of at least 2, a splitter such as KFold(5, shuffle=True, "
            "random_state=0), or an iterable of (train, test) index pairs."
        )


def check_pre_dispatch_param(value: Any, name: str, viz: Any) -> None:
    """A ``_params`` check of joblib's ``pre_dispatch``."""
    count = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    # joblib evaluates the string with n_jobs replaced by a number.
    arithmetic = re.compile(r"[\d\s*+\-/().]+")
    expression = isinstance(value, str) and (
        value == "all" or arithmetic.fullmatch(value.replace("n_jobs", "1")) is not None
    )
    if not (expression or (count and value > 0)):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass joblib's pre_dispatch: "
            "'all', an expression such as '2*n_jobs', or a positive number of jobs."
        )


# -- one job that fits several times on the same fold (RFECV) --------------------------


def fold_rows(data: FoldData, job: FoldJob) -> tuple[Any, Any, Any, Any, dict]:
    """A job's ``(X_train, y_train, X_test, y_test, fit_params)``.

    The rows of the split (and the job's ``columns``, if any); per-sample fit
    parameters are cut to the training rows. For jobs that fit more than once
    on their fold, where :func:`fit_and_score` fits once.
    """
    return (
        _rows(data.X, job.train, job.columns),
        _rows(data.y, job.train),
        _rows(data.X, job.test, job.columns),
        _rows(data.y, job.test),
        _fold_params(data.fit_params, job.train, data),
    )
