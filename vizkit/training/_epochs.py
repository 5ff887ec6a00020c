"""The engine of :class:`~vizkit.training.curve.TrainingCurve`: train, score each step.

Five ways to follow a model through its training, one function each, all
returning a :class:`Record` (arrays in, arrays out, no matplotlib):

* :func:`record_partial_fit`: epochs over shuffled mini-batches, one
  ``partial_fit`` call per batch (``classes`` passed for classifiers);
* :func:`record_warm_start`: one more tree (``n_estimators``) or one more
  solver iteration (``max_iter=1``) per step, with ``warm_start=True``;
* :func:`record_staged`: fit once, then score every stage of a boosting from
  its ``staged_*`` predictions (no refit);
* :func:`record_history`: fit once and read the model's own record
  (``loss_curve_``, ``validation_scores_``, ``train_score_``, ...);
* :func:`record_callback`: scikit-learn's ``ScoringMonitor`` callback
  (scikit-learn 1.9 and later), scoring every solver iteration.

:func:`choose_strategy` picks one for ``strategy="auto"``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import is_classifier, is_regressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import log_loss, mean_squared_error
from sklearn.utils import _safe_indexing, get_tags

from vizkit.exceptions import VizkitTypeError

STRATEGIES = ("auto", "partial_fit", "warm_start", "staged", "history", "callback")
#: What each strategy calls one step, for the x axis.
UNITS = {
    "partial_fit": "epoch",
    "warm_start": "iteration",
    "staged": "stage",
    "history": "epoch",
    "callback": "iteration",
}
#: The model attributes that hold a training history, read by "history".
HISTORY_ATTRIBUTES = ("loss_curve_", "train_score_", "validation_score_")
_STAGED = ("predict", "predict_proba", "decision_function")


# -- the data and the result -----------------------------------------------------------


@dataclass(frozen=True)
class Split:
    """Training rows and validation rows (None without validation)."""

    X_train: Any
    y_train: np.ndarray
    X_val: Any = None
    y_val: np.ndarray | None = None
    #: Rows of the training data that are scored (None: every row).
    scored_rows: np.ndarray | None = None

    @property
    def has_validation(self) -> bool:
        return self.X_val is not None

    def scored_training(self) -> tuple[Any, np.ndarray]:
        """The training rows that the training scores are measured on."""
        if self.scored_rows is None:
            return self.X_train, self.y_train
        rows = self.scored_rows
        return _safe_indexing(self.X_train, rows), self.y_train[rows]


@dataclass
class Record:
    """Per-step results; a series the source does not report is None."""

    train_scores: np.ndarray | None = None
    validation_scores: np.ndarray | None = None
    loss: np.ndarray | None = None
    validation_loss: np.ndarray | None = None
    unit: str = "epoch"

    @property
    def n_steps(self) -> int:
        series = [s for s in self.series().values() if s is not None]
        return max((len(s) for s in series), default=0)

    def series(self) -> dict[str, np.ndarray | None]:
        return {
            "train_scores": self.train_scores,
            "validation_scores": self.validation_scores,
            "loss": self.loss,
            "validation_loss": self.validation_loss,
        }


# -- scoring one step ------------------------------------------------------------------


def model_loss(model) -> Callable[..., float] | None:
    """The loss measured per step: log loss of the probabilities, or squared error.

    Classifiers with ``predict_proba`` get the log loss, regressors the mean
    squared error; other models (a hinge-loss SGD) report no loss.
    """
    if is_classifier(model) and hasattr(model, "predict_proba"):
        return lambda m, X, y, labels: log_loss(y, m.predict_proba(X), labels=labels)
    if is_regressor(model):
        return lambda m, X, y, labels: mean_squared_error(y, m.predict(X))
    return None


@dataclass
class StepScorer:
    """Scores a model (or one stage of it) on the split; collects the results."""

    split: Split
    scorer: Callable[..., float]
    loss: Callable[..., float] | None
    labels: np.ndarray | None = None

    def __post_init__(self) -> None:
        self.rows: list[tuple[float, ...]] = []

    def __call__(self, model) -> None:
        X, y = self.split.scored_training()
        row = [self.scorer(model, X, y)]
        if self.loss is not None:
            row.append(self.loss(model, X, y, self.labels))
        if self.split.has_validation:
            X_val, y_val = self.split.X_val, self.split.y_val
            row.append(self.scorer(model, X_val, y_val))
            if self.loss is not None:
                row.append(self.loss(model, X_val, y_val, self.labels))
        self.rows.append(tuple(float(v) for v in row))

    def record(self, unit: str) -> Record:
        values = np.asarray(self.rows, dtype=np.float64).reshape(len(self.rows), -1)
        columns = iter(values.T)
        record = Record(unit=unit, train_scores=next(columns))
        record.loss = next(columns) if self.loss is not None else None
        if self.split.has_validation:
            record.validation_scores = next(columns)
            record.validation_loss = next(columns) if self.loss is not None else None
        return record


# -- partial_fit -----------------------------------------------------------------------


def record_partial_fit(
    model,
    step: StepScorer,
    *,
    epochs: int,
    batch_size: int | None,
    shuffle: bool,
    rng: np.random.RandomState,
    progress: Callable[[Iterable], Iterable],
    sample_weight=None,
) -> Record:
    """Train ``model`` for ``epochs`` passes of ``partial_fit`` over mini-batches.

    Each epoch draws the row order ``rng.permutation(n_rows)`` (when
    ``shuffle``) and calls ``partial_fit`` on consecutive batches of
    ``batch_size`` rows (None: all rows in one call), passing
    ``classes=np.unique(y)`` to classifiers on every call; then scores.
    """
    X, y = step.split.X_train, step.split.y_train
    n_rows = len(y)
    batch = n_rows if batch_size is None else min(batch_size, n_rows)
    extra = {"classes": step.labels} if step.labels is not None else {}
    for _ in progress(range(epochs)):
        order = rng.permutation(n_rows) if shuffle else None
        for start in range(0, n_rows, batch):
            rows = (
                slice(start, start + batch) if order is None else order[start:][:batch]
            )
            weights = (
                {} if sample_weight is None else {"sample_weight": sample_weight[rows]}
            )
            X_batch = _rows(X, rows, whole=batch == n_rows and order is None)
            model.partial_fit(X_batch, y[rows], **extra, **weights)
        step(model)
    return step.record("epoch")


def _rows(X, rows, whole: bool):
    """``X[rows]``; all of X without a copy when every row is taken in order."""
    if whole:
        return X
    if isinstance(rows, slice):
        rows = np.arange(rows.start, min(rows.stop, X.shape[0]))
    return _safe_indexing(X, rows)


# -- warm_start ------------------------------------------------------------------------


def warm_start_parameter(model) -> str | None:
    """The parameter grown per step: "n_estimators", else "max_iter" (or None)."""
    params = model.get_params(deep=False)
    if "warm_start" not in params:
        return None
    return next((p for p in ("n_estimators", "max_iter") if p in params), None)


def record_warm_start(
    model,
    step: StepScorer,
    *,
    epochs: int | None,
    progress: Callable[[Iterable], Iterable],
    fit_params: dict,
) -> Record:
    """Grow ``model`` one tree (or one solver iteration) per step, scoring each.

    With ``n_estimators``: fit with ``n_estimators=1, 2, ..., epochs``; with
    ``max_iter``: ``max_iter=1`` and ``epochs`` fits, each continuing from
    the last (the solver's convergence warnings are expected there and
    silenced). ``warm_start`` and ``max_iter`` are set back to the given
    values at the end, so the model's parameters are the user's.
    """
    parameter = warm_start_parameter(model)
    given = model.get_params(deep=False)
    n_steps = epochs or int(given[parameter])
    X, y = step.split.X_train, step.split.y_train
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.set_params(warm_start=True)
            for k in progress(range(1, n_steps + 1)):
                grown = k if parameter == "n_estimators" else 1
                model.set_params(**{str(parameter): grown}).fit(X, y, **fit_params)
                step(model)
    finally:
        restored = {"warm_start": given["warm_start"]}
        if parameter == "max_iter":
            restored["max_iter"] = given["max_iter"]
        model.set_params(**restored)
    return step.record("iteration")


# -- staged predictions ----------------------------------------------------------------


class _StagedData:
    """The staged responses of one model on one X, advanced stage by stage."""

    def __init__(self, model, X) -> None:
        self.model, self.X = model, X
        self.generators: dict[str, Any] = {}
        self.reached: dict[str, int] = {}
        self.current: dict[str, np.ndarray] = {}

    def response(self, method: str, stage: int) -> np.ndarray:
        if method not in self.generators:
            self.generators[method] = getattr(self.model, f"staged_{method}")(self.X)
            self.reached[method] = 0
        while self.reached[method] < stage:
            self.current[method] = next(self.generators[method])
            self.reached[method] += 1
        return self.current[method]


class StageModel:
    """Stands for a fitted boosting as it was after one stage.

    Its ``predict``, ``predict_proba`` and ``decision_function`` return that
    stage's outputs on the data it knows (training or validation rows), so
    any scikit-learn scorer scores the stage, and its ``score`` is the
    model's own ``score`` computed on them.
    """

    def __init__(self, model, data: dict[int, _StagedData]) -> None:
        self._model, self._data, self.stage = model, data, 0

    def __sklearn_tags__(self):
        return get_tags(self._model)

    @property
    def classes_(self):
        return self._model.classes_

    def __getattr__(self, name: str):
        if name in _STAGED and hasattr(self.__dict__["_model"], f"staged_{name}"):

            def respond(X):
                return self._data[id(X)].response(name, self.stage)

            respond.__name__ = name  # scikit-learn's scorers look methods up by name
            return respond
        raise AttributeError(name)

    def score(self, X, y, sample_weight=None):
        return type(self._model).score(self, X, y, sample_weight=sample_weight)


def count_stages(model, X) -> int:
    """How many stages a fitted boosting has (its staged predictions on one row)."""
    return sum(1 for _ in model.staged_predict(_safe_indexing(X, [0])))


def record_staged(model, step: StepScorer, *, progress, fit_params, fit=True) -> Record:
    """Fit ``model`` once (unless ``fit`` is False), then score each stage.

    The model's own record of its training loss (``train_score_`` of a
    gradient boosting, the loss on its in-bag rows) replaces the computed
    one when it has one for every stage.
    """
    split = step.split
    if fit:
        model.fit(split.X_train, split.y_train, **fit_params)
    X_scored, _ = split.scored_training()
    datasets = [X_scored] + ([split.X_val] if split.has_validation else [])
    stage_model = StageModel(model, {id(X): _StagedData(model, X) for X in datasets})
    for stage in progress(range(1, count_stages(model, split.X_train) + 1)):
        stage_model.stage = stage
        step(stage_model)
    record = step.record("stage")
    own_loss = getattr(model, "train_score_", None)
    if own_loss is not None and len(own_loss) == record.n_steps and model_is_gb(model):
        record.loss = np.asarray(own_loss, dtype=np.float64)
    return record


def model_is_gb(model) -> bool:
    """A GradientBoosting model, whose ``train_score_`` is its training loss."""
    from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor

    return isinstance(model, (GradientBoostingClassifier, GradientBoostingRegressor))


# -- the model's own history -----------------------------------------------------------


def has_history(model) -> bool:
    """True for a fitted model that kept a per-step record of its training."""
    return any(getattr(model, a, None) is not None for a in HISTORY_ATTRIBUTES)


def records_history(model) -> bool:
    """True for a model known to record its history while fitting (an MLP)."""
    from sklearn.ensemble import HistGradientBoostingClassifier as HGBC
    from sklearn.ensemble import HistGradientBoostingRegressor as HGBR
    from sklearn.neural_network import MLPClassifier, MLPRegressor

    known = (MLPClassifier, MLPRegressor, HGBC, HGBR)
    return isinstance(model, known) or model_is_gb(model) or has_history(model)


def _array(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


def read_history(model) -> Record:
    """The fitted model's own per-step record.

    * a multi-layer perceptron: ``loss_curve_`` (the training loss per
      epoch) and, with ``early_stopping``, ``validation_scores_`` (its
      ``score`` on its own held-out fraction);
    * a gradient boosting: ``train_score_`` (the in-bag training loss per
      stage) and ``oob_scores_`` (the out-of-bag loss, with ``subsample < 1``);
    * a histogram gradient boosting: ``train_score_`` and
      ``validation_score_`` (without their first value, the score before the
      first iteration); with ``scoring="loss"`` they are negated losses.
    """
    if getattr(model, "loss_curve_", None) is not None:
        validation = getattr(model, "validation_scores_", None)
        return Record(
            loss=_array(model.loss_curve_),
            validation_scores=None if validation is None else _array(validation),
            unit="epoch",
        )
    if model_is_gb(model):
        oob = getattr(model, "oob_scores_", None)
        return Record(
            loss=_array(model.train_score_),
            validation_loss=None if oob is None else _array(oob),
            unit="stage",
        )
    return _hist_gradient_boosting_history(model)


def _hist_gradient_boosting_history(model) -> Record:
    train = getattr(model, "train_score_", None)
    validation = getattr(model, "validation_score_", None)
    train = None if train is None or len(train) < 2 else _array(train)[1:]
    validation = (
        None if validation is None or len(validation) < 2 else _array(validation)[1:]
    )
    if getattr(model, "scoring", None) == "loss":
        return Record(
            loss=None if train is None else -train,
            validation_loss=None if validation is None else -validation,
            unit="iteration",
        )
    return Record(train_scores=train, validation_scores=validation, unit="iteration")


# -- scikit-learn's callbacks ----------------------------------------------------------


def supports_callbacks(model) -> bool:
    """True when scikit-learn has callbacks (1.9+) and ``model`` takes them."""
    try:
        from sklearn.callback import CallbackSupportMixin, ScoringMonitor  # noqa: F401
    except ImportError:  # scikit-learn before 1.9
        return False
    return isinstance(model, CallbackSupportMixin)


def record_callback(model, step: StepScorer, *, fit_params: dict) -> Record:
    """Fit ``model`` once with a ``ScoringMonitor`` that scores every iteration.

    The monitor calls the step's scorer on the model as it is after each
    solver iteration (scikit-learn's callback API); the callback is removed
    after the fit.
    """
    from sklearn.callback import ScoringMonitor

    split = step.split

    def scored(estimator, X, y) -> dict[str, float]:
        step(estimator)
        return {"step": float(len(step.rows))}

    monitor = ScoringMonitor(scoring=scored)
    model.set_callbacks(monitor)
    try:
        model.fit(split.X_train, split.y_train, **fit_params)
    finally:
        model.set_callbacks()
    rows = _iteration_rows(monitor)
    step.rows = [step.rows[int(r["step"]) - 1] for r in rows]
    return step.record("iteration")


def _iteration_rows(monitor) -> list[dict]:
    """The monitor's rows of the innermost tasks (the solver's iterations)."""
    data = monitor.get_logs().data
    depth = max(len(row["task_id_path"]) for row in data)
    return [row for row in data if len(row["task_id_path"]) == depth]


# -- choosing --------------------------------------------------------------------------


def choose_strategy(model, strategy: str, *, prefit: bool) -> str:
    """The strategy for ``model``: ``strategy`` itself, or the first that fits.

    The order for "auto": a prefit model's own history; staged predictions
    (a boosting: one fit, every stage scored); the history an MLP records
    while fitting; ``partial_fit``; scikit-learn's callbacks; ``warm_start``.
    """
    available = {
        "history": (prefit and has_history(model))
        or (not prefit and records_history(model)),
        "staged": hasattr(model, "staged_predict"),
        "partial_fit": hasattr(model, "partial_fit"),
        "callback": supports_callbacks(model),
        "warm_start": warm_start_parameter(model) is not None,
    }
    if strategy != "auto":
        if not available[strategy]:
            raise VizkitTypeError(_unsupported(model, f"strategy={strategy!r}"))
        return strategy
    order = ("history", "staged", "partial_fit", "callback", "warm_start")
    if not prefit:
        order = ("staged", "history", "partial_fit", "callback", "warm_start")
    for name in order:
        if available[name]:
            return name
    raise VizkitTypeError(_unsupported(model, "it"))


def _unsupported(model, what: str) -> str:
    return (
        f"{type(model).__name__} cannot be followed through its training with "
        f"{what}; TrainingCurve supports models with partial_fit (epochs of "
        "mini-batches), warm_start with n_estimators or max_iter (iterations), "
        "staged_predict (boosting stages), their own history (loss_curve_, "
        "train_score_, validation_score_) or scikit-learn's callbacks "
        "(CallbackSupportMixin, scikit-learn 1.9+); pass such a model, or draw "
        "your own log with TrainingCurve.from_history."
    )
