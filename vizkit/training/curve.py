"""Training curves: loss and score per epoch, iteration or boosting stage.

:class:`TrainingCurve` follows a model through its training and records, at
every step, its score (in ``scoring``) on the training rows and on held-out
validation rows, and its loss. How it steps through the training depends on
the model (``strategy``, see :mod:`vizkit.training._epochs`): epochs of
``partial_fit`` over shuffled mini-batches, ``warm_start`` iterations, the
stages of a boosting, the history the model keeps itself, or scikit-learn's
``ScoringMonitor`` callback. The model the loop trained is the model the user
keeps: after ``fit``, ``viz.estimator`` holds exactly that training's state.

:meth:`TrainingCurve.from_history` draws the same picture from another
framework's per-epoch log (a Keras ``History.history`` dict, a PyTorch
loop's list of dicts, a CSV of epochs, a DataFrame).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import clone, is_classifier
from sklearn.model_selection import train_test_split
from sklearn.utils import _safe_indexing, check_random_state, column_or_1d
from sklearn.utils.multiclass import type_of_target

from vizkit import examples
from vizkit import params as P
from vizkit.base import ModelVisualizer, one_call
from vizkit.exceptions import (
    NotFitted,
    VizkitError,
    VizkitValueError,
    prefix_message,
)
from vizkit.model_selection._cv import check_scorer
from vizkit.registry import TRAINING, declare
from vizkit.style import LINE_COLOR, class_colors
from vizkit.training import _epochs as E
from vizkit.training._history import pair_series, read_history, score_metric
from vizkit.utils.docs import common_params
from vizkit.utils.validation import check_classes, estimator_is_fitted, needs_fit

__all__ = ["TrainingCurve", "training_curve"]

CURVES = ("auto", "score", "loss", "both")
#: Epochs of ``partial_fit`` when ``epochs`` is None.
DEFAULT_EPOCHS = 20
_SERIES = ("train_scores_", "validation_scores_", "loss_", "validation_loss_")


# -- computations (arrays in, arrays out) ----------------------------------------------


def indexable_rows(X: Any) -> Any:
    """X in a form whose rows can be taken: CSR for sparse formats without row
    indexing (COO, DIA...), an array for other array-likes; else X as given."""
    if X is None or isinstance(X, (np.ndarray, list)) or hasattr(X, "iloc"):
        return X
    if sp.issparse(X):
        return X if X.format in ("csr", "csc") else X.tocsr()
    return np.asarray(X)


def best_step(record: E.Record) -> int | None:
    """The best step, 1-based: highest validation score, else lowest loss.

    Falls back from the validation score to the validation loss, the
    training loss and the training score; None when nothing was recorded.
    """
    for values, best in (
        (record.validation_scores, np.nanargmax),
        (record.validation_loss, np.nanargmin),
        (record.loss, np.nanargmin),
        (record.train_scores, np.nanargmax),
    ):
        if values is not None and len(values) and not np.all(np.isnan(values)):
            return int(best(values)) + 1
    return None


def split_rows(
    y: np.ndarray, fraction: float, *, stratify: bool, random_state: Any
) -> tuple[np.ndarray, np.ndarray]:
    """(training rows, validation rows): ``train_test_split`` of the row indices.

    Stratified by ``y`` for classifiers, seeded by ``random_state``; the same
    as ``train_test_split(X, y, test_size=fraction, stratify=y,
    random_state=random_state)``.
    """
    rows = np.arange(len(y))
    try:
        train, val = train_test_split(
            rows, test_size=fraction, stratify=y if stratify else None,
            random_state=random_state,
        )  # fmt: skip
    except ValueError as error:
        raise VizkitValueError(
            f"validation_fraction={fraction} cannot split the {len(y)} rows of y "
            f"({error}); pass a fraction that leaves every class in both parts, "
            "explicit X_val and y_val, or validation_fraction=None."
        ) from None
    return train, val


def _check_fraction(value: Any, name: str, viz: Any) -> None:
    if value is None or (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and 0 < value < 1
    ):
        return
    raise VizkitValueError(
        f"{name}={value!r} is not valid; pass a fraction strictly between 0 and 1 "
        "of the rows to hold out for validation, or None (no validation rows "
        "unless X_val and y_val are passed to fit)."
    )


def _check_scoring(value: Any, name: str, viz: Any) -> None:
    if value is None or callable(value):
        return
    if isinstance(value, str):
        check_scorer(None, value, name)  # an unknown name raises, with close names
        return
    raise VizkitValueError(
        f"{name}={value!r} is not valid; pass a name from "
        "sklearn.metrics.get_scorer_names(), a callable scorer(estimator, X, y), "
        "or None for the model's own score."
    )


_CURVES = dataclasses.replace(P.choice(*CURVES, draw=True), example="loss")


# -- the visualizer --------------------------------------------------------------------


@common_params
class TrainingCurve(ModelVisualizer):
    """Training and validation score and loss per epoch, iteration or stage.

    ``fit`` trains the model step by step and scores it after each step on
    the training rows and on validation rows (held out by
    ``validation_fraction``, or ``X_val``/``y_val`` given to ``fit``). The
    steps depend on the model (``strategy``):

    * ``"partial_fit"``: epochs over the training rows in shuffled
      mini-batches of ``batch_size`` (``classes=np.unique(y)`` passed to
      classifiers), one ``partial_fit`` call per batch;
    * ``"warm_start"``: iterations of a model with ``warm_start``, growing
      ``n_estimators`` by one tree, or running one more solver iteration
      (``max_iter=1``) per fit;
    * ``"staged"``: a boosting fitted once, every stage scored from its
      ``staged_predict``/``staged_predict_proba`` (no refit: cheap);
    * ``"history"``: the model's own record, read after one fit: an MLP's
      ``loss_curve_`` and, with ``early_stopping``, its
      ``validation_scores_`` (its own held-out fraction, so X is not
      split); a gradient boosting's ``train_score_`` and ``oob_scores_``
      (losses); a histogram gradient boosting's ``train_score_`` and
      ``validation_score_``. The scores are then the model's own metric;
    * ``"callback"``: scikit-learn 1.9's ``ScoringMonitor`` callback, which
      scores every solver iteration of the models that take callbacks
      (``CallbackSupportMixin``, e.g. ``LogisticRegression``).

    ``"auto"`` takes, in order: staged predictions, an MLP's (or gradient
    boosting's) own history, ``partial_fit``, callbacks, ``warm_start``; a
    model given fitted is read, never trained: its history, else its
    stages (scored on X and ``X_val``), else a copy is trained (see
    ``estimator_``). The loss is the model's own when it keeps one (an
    MLP's ``loss_curve_``, a gradient boosting's in-bag ``train_score_``),
    else the log loss of ``predict_proba`` for classifiers and the mean
    squared error for regressors (none for a classifier without
    probabilities). The training model is a fresh copy of ``estimator``
    whose trained state is put back into ``estimator`` at the end, so
    ``viz.estimator`` is the model the loop trained, from scratch at every
    ``fit``.

    Parameters
    ----------
    estimator : scikit-learn estimator
        The model to train: with ``partial_fit``, ``warm_start``,
        ``staged_predict``, its own history or scikit-learn's callbacks.
    {common: ax}
    strategy : {"auto", "partial_fit", "warm_start", "staged", "history", \
"callback"}, default="auto"
        How the model is followed through its training (see above).
    epochs : int, default=None
        The number of steps: epochs of ``partial_fit`` (None: 20), or
        iterations of ``warm_start`` (None: the model's ``n_estimators`` or
        ``max_iter``). The other strategies take the model's own.
    batch_size : int, default=None
        Rows per ``partial_fit`` call; None passes all training rows at once.
    shuffle : bool, default=True
        Shuffle the training rows before every ``partial_fit`` epoch.
    validation_fraction : float or None, default=0.2
        The fraction of the rows held out to score validation (a seeded
        ``train_test_split``, stratified for classifiers) when ``fit`` is
        not given ``X_val``/``y_val``; None holds out nothing.
    scoring : str, callable or None, default=None
        The score per step, as in scikit-learn: a name from
        ``sklearn.metrics.get_scorer_names()``, a callable
        ``scorer(estimator, X, y)``, or None for the model's own ``score``.
        The "history" strategy only reports the model's own (None).
    random_state : int, RandomState or None, default=None
        Seeds the validation split (``train_test_split(...,
        random_state=random_state)``) and the epochs' shuffles
        (``check_random_state(random_state).permutation``, drawn after the
        split).
    verbose : bool, default=False
        Show a progress bar of the steps (tqdm).
    curves : {"auto", "score", "loss", "both"}, default="auto"
        What is drawn: the scores, the loss, or both (the loss dashed, on a
        second y axis at the right); "auto" draws both when both were
        recorded.
    train_color : color, default=None
        Colour of the training curves; None the first colour of the cycle.
    validation_color : color, default=None
        Colour of the validation curves; None the second colour.
    {common: is_fitted, fig}
    title : str, default=None
        The title; None gives "Training Curve of <Model>".
    {common: size}

    Attributes
    ----------
    epochs_ : ndarray of shape (n_steps,)
        The steps, 1 to n (epochs, iterations or stages).
    train_scores_ : ndarray of shape (n_steps,) or None
        The score on the training rows after each step (None when the
        source does not report it).
    validation_scores_ : ndarray of shape (n_steps,) or None
        The score on the validation rows after each step.
    loss_ : ndarray of shape (n_steps,) or None
        The training loss after each step, when there is one.
    validation_loss_ : ndarray of shape (n_steps,) or None
        The loss on the validation rows after each step.
    best_epoch_ : int or None
        The best step: the highest validation score (else the lowest
        validation loss, the lowest training loss, the highest training
        score), marked by a vertical line. For an early-stopping MLP it is
        where its ``best_validation_score_`` was reached.
    strategy_ : str
        The strategy used.
    classes_ : ndarray
        A classifier's classes, ``np.unique(y)`` (given to ``partial_fit``).
    estimator_ : estimator
        The trained model: ``estimator`` itself, except for a model given
        fitted that had to be trained again to be followed (``partial_fit``,
        ``warm_start``, callbacks), whose trained copy this is, the given
        model left as it was.
    lines_ : dict of matplotlib Line2D
        The drawn curves by series name (``"train_scores"``, ``"loss"``...).
    best_line_ : matplotlib Line2D or None
        The vertical line at ``best_epoch_``.
    loss_ax_ : matplotlib Axes or None
        The second y axis of the loss, when scores and loss are both drawn.

    Examples
    --------
    >>> from sklearn.linear_model import SGDClassifier
    >>> from vizkit.training import TrainingCurve
    >>> viz = TrainingCurve(SGDClassifier(loss="log_loss"), epochs=30)
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.validation_scores_, viz.best_epoch_  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "strategy": P.choice(*E.STRATEGIES),
        "epochs": P.number(1, integer=True, none=True),
        "batch_size": P.number(1, integer=True, none=True),
        "shuffle": P.boolean(),
        "validation_fraction": P.Param(_check_fraction),
        "scoring": P.Param(_check_scoring),
        "random_state": P.random_state(),
        "verbose": P.boolean(),
        "curves": _CURVES,
        "train_color": P.color(),
        "validation_color": P.color(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        strategy="auto",
        epochs=None,
        batch_size=None,
        shuffle=True,
        validation_fraction=0.2,
        scoring=None,
        random_state=None,
        verbose=False,
        curves="auto",
        train_color=None,
        validation_color=None,
        is_fitted="auto",
        fig=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.strategy = strategy
        self.epochs = epochs
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.validation_fraction = validation_fraction
        self.scoring = scoring
        self.random_state = random_state
        self.verbose = verbose
        self.curves = curves
        self.train_color = train_color
        self.validation_color = validation_color
        self.is_fitted = is_fitted
        self.fig = fig
        self.title = title
        self.size = size

    # -- compute -----------------------------------------------------------------

    def fit(self, X, y=None, X_val=None, y_val=None, **fit_params):
        """Train the model step by step, scoring every step.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The training data, as the model takes it.
        y : array-like of shape (n_samples,)
            The training target.
        X_val, y_val : array-like, default=None
            Validation data; when given, all of X trains and
            ``validation_fraction`` is not used.
        **fit_params
            Passed to the model's ``fit`` (``partial_fit`` gets
            ``sample_weight`` batch by batch).

        Returns
        -------
        self
        """
        if len(getattr(y, "shape", ())) == 2:  # a column: warn, as scikit-learn
            column_or_1d(y, warn=True)
        y = self._check_fit_data(X, y)
        self._require_target(y, "the target of every row")
        if (X_val is None) != (y_val is None):
            raise VizkitValueError(
                "X_val and y_val go together: pass both, or neither (then "
                "validation_fraction holds out rows of X)."
            )
        labels = self._check_classes(y)
        X, X_val = indexable_rows(X), indexable_rows(X_val)
        prefit = self._given_fitted()
        strategy = E.choose_strategy(self.estimator, self.strategy, prefit=prefit)
        reads_only = prefit and strategy in ("history", "staged")
        model = self.estimator if reads_only else clone(self.estimator)
        try:
            record = self._record(model, strategy, X, y, X_val, y_val, labels,
                                  fit_params, reads_only)  # fmt: skip
        except VizkitError:
            raise
        except Exception as error:
            prefix_message(
                error, f"{type(self).__name__}: training {type(model).__name__} failed"
            )
            raise
        self._keep_model(model, prefit)
        self._store(record, strategy)
        self._score_label = self._scoring_name()
        self._loss_label = self._loss_name(strategy)
        return self

    def _check_classes(self, y: np.ndarray) -> np.ndarray | None:
        """The classes of a classifier's target (None for other models)."""
        if not is_classifier(self.estimator):
            return None
        if type_of_target(y).startswith("continuous"):
            raise VizkitValueError(
                f"y is continuous, but {type(self.estimator).__name__} is a "
                "classifier; pass class labels, or a regressor."
            )
        self.classes_ = check_classes(np.unique(y))
        return self.classes_

    def _given_fitted(self) -> bool:
        """True when the model was given fitted (and is not to be refitted)."""
        if self.is_fitted == "auto" and self._fitted_here():
            return False
        if needs_fit(self.estimator, self.is_fitted):
            return False
        if not estimator_is_fitted(self.estimator):
            raise NotFitted(
                f"estimator {type(self.estimator).__name__} is not fitted although "
                "is_fitted=True; fit it first, or leave is_fitted='auto'."
            )
        return True

    def _keep_model(self, model, prefit: bool) -> None:
        """Put the trained state into ``estimator`` (unless it was given fitted)."""
        if prefit:
            self.estimator_ = model
            return
        state = vars(self.estimator)
        state.clear()
        state.update(vars(model))
        self._fitted_model = self.estimator_ = self.estimator

    def _record(
        self, model, strategy, X, y, X_val, y_val, labels, fit_params, reads_only
    ):
        if strategy == "history":
            if self.scoring is not None:
                raise VizkitValueError(
                    f"scoring={self.scoring!r} cannot be used with the history "
                    f"strategy: {type(model).__name__} records its own metric; pass "
                    "scoring=None, or another strategy."
                )
            if not reads_only:
                model.fit(X, y, **fit_params)
            return E.read_history(model)
        split = self._split(X, y, X_val, y_val, labels is not None, reads_only)
        step = E.StepScorer(
            split, check_scorer(model, self.scoring), E.model_loss(model), labels
        )
        progress = self._progress(model, E.UNITS[strategy])
        if strategy == "staged":
            return E.record_staged(
                model, step, progress=progress, fit_params=fit_params,
                fit=not reads_only,
            )  # fmt: skip
        if strategy == "warm_start":
            return E.record_warm_start(
                model, step, epochs=self.epochs, progress=progress,
                fit_params=fit_params,
            )  # fmt: skip
        if strategy == "callback":
            return E.record_callback(model, step, fit_params=fit_params)
        return E.record_partial_fit(
            model, step, epochs=self.epochs or DEFAULT_EPOCHS,
            batch_size=self.batch_size, shuffle=self.shuffle,
            rng=check_random_state(self.random_state), progress=progress,
            sample_weight=self._split_weights(fit_params, split),
        )  # fmt: skip

    def _split(self, X, y, X_val, y_val, classifier: bool, reads_only: bool):
        """Training and validation rows: given, held out, or none."""
        if X_val is not None:
            self._train_rows = None
            return E.Split(X, y, X_val, self._check_val_target(X_val, y_val))
        if self.validation_fraction is None or reads_only:
            self._train_rows = None
            return E.Split(X, y)
        train, val = split_rows(
            y, self.validation_fraction, stratify=classifier,
            random_state=self.random_state,
        )  # fmt: skip
        self._train_rows = train
        return E.Split(
            _safe_indexing(X, train), y[train], _safe_indexing(X, val), y[val]
        )

    def _check_val_target(self, X_val, y_val) -> np.ndarray:
        from vizkit.utils.validation import check_target, n_samples_of

        return check_target(y_val, name="y_val", n_samples=n_samples_of(X_val, "X_val"))

    def _split_weights(self, fit_params: dict, split: E.Split):
        weights = fit_params.get("sample_weight")
        if weights is None:
            return None
        weights = np.asarray(weights)
        rows = getattr(self, "_train_rows", None)
        return weights if rows is None else weights[rows]

    def _progress(self, model, unit: str):
        from tqdm.auto import tqdm

        desc = f"{type(self).__name__} of {type(model).__name__}"
        return lambda steps: tqdm(steps, disable=not self.verbose, desc=desc, unit=unit)

    def _store(self, record: E.Record, strategy: str) -> None:
        n_steps = record.n_steps
        if n_steps == 0:
            raise VizkitValueError(
                f"the {strategy} strategy recorded no step of "
                f"{type(self.estimator_).__name__}; pass a model that trains for at "
                "least one step, or another strategy."
            )
        self.strategy_ = strategy
        self.epochs_ = np.arange(1, n_steps + 1)
        for name, values in record.series().items():
            setattr(self, f"{name}_", values)
        self.best_epoch_ = best_step(record)
        self._unit = record.unit

    def _scoring_name(self) -> str:
        if isinstance(self.scoring, str):
            return self.scoring
        if self.scoring is None and is_classifier(self.estimator):
            return "accuracy"
        if self.scoring is None and self.estimator is not None:
            return "$R^2$"
        return "score"

    def _loss_name(self, strategy: str) -> str:
        own = strategy == "history" or (
            strategy == "staged" and E.model_is_gb(self.estimator_)
        )
        if own:
            return "loss (the model's own)"
        return "log loss" if is_classifier(self.estimator) else "mean squared error"

    def score(self, X, y):
        """The trained model's score on ``(X, y)`` in ``scoring``, in ``score_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Test data, as the model takes it.
        y : array-like of shape (n_samples,)
            Its target.

        Returns
        -------
        score_ : float
        """
        model = self.__dict__.get("estimator_")
        if model is None:
            raise NotFitted.from_estimator(self, "score")
        try:
            self.score_ = float(check_scorer(model, self.scoring)(model, X, y))
        except VizkitError:
            raise
        except Exception as error:
            prefix_message(error, f"{type(self).__name__}: scoring failed")
            raise
        return self.score_

    # -- from another framework's log -----------------------------------------------

    @classmethod
    def from_history(cls, history, *, metric=None, unit="epoch", ax=None, **kwargs):
        """Draw the curves of another framework's per-epoch log.

        Parameters
        ----------
        history : dict, list of dict, str, path or DataFrame
            A Keras ``History`` (or its ``history`` dict, e.g. ``{"loss":
            [...], "val_loss": [...], "accuracy": [...], "val_accuracy":
            [...]}``), a list of one dict per epoch (a PyTorch loop; a key
            missing in an epoch is a gap), the path of a CSV of epochs
            (Keras ``CSVLogger``: an ``epoch`` column and a column per
            metric) or a DataFrame. ``x`` (or ``train_x``) pairs with
            ``val_x`` (or ``validation_x``, ``valid_x``).
        metric : str, default=None
            The metric drawn as the score ("accuracy"); None takes the first
            one whose name does not contain "loss".
        unit : str, default="epoch"
            What one row is, for the x axis ("epoch", "step", ...).
        ax : matplotlib Axes, default=None
            Where to draw.
        **kwargs
            The visualizer's parameters (``curves``, colours, ``title``...).

        Returns
        -------
        viz : TrainingCurve
            Fitted (``epochs_``, ``train_scores_``, ``validation_scores_``,
            ``loss_``, ``validation_loss_``, ``best_epoch_``) and drawn.
        """
        viz = cls(None, **kwargs)
        with one_call(viz):
            viz._fit_history(history, metric, unit)
            return viz.plot(ax=ax)

    def _fit_history(self, history, metric: str | None, unit: str) -> None:
        paired = pair_series(read_history(history, "history"))
        score = score_metric(paired, metric)
        loss = next((m for m in paired if m.lower() == "loss"), None)
        scores, losses = paired.get(score, {}), paired.get(loss, {}) if loss else {}
        record = E.Record(
            train_scores=scores.get("train"),
            validation_scores=scores.get("validation"),
            loss=losses.get("train"), validation_loss=losses.get("validation"),
            unit=str(unit),
        )  # fmt: skip
        self.estimator_ = None
        self.history_ = {m: dict(v) for m, v in paired.items()}
        self._store(record, "history")
        self._score_label = score or "score"
        self._loss_label = loss or "loss"

    # -- draw ------------------------------------------------------------------------

    def _check_drawable(self) -> None:
        if "epochs_" not in self.__dict__:
            raise NotFitted.from_estimator(self, "show")

    def _drawn_kinds(self) -> tuple[bool, bool]:
        """(draw the scores, draw the loss), from ``curves`` and what exists."""
        has_scores = any(
            getattr(self, n) is not None
            for n in ("train_scores_", "validation_scores_")
        )
        has_loss = any(
            getattr(self, n) is not None for n in ("loss_", "validation_loss_")
        )
        wanted = {"auto": (True, True), "both": (True, True), "score": (True, False)}
        scores, loss = wanted.get(self.curves, (False, True))
        scores, loss = scores and has_scores, loss and has_loss
        if not (scores or loss):  # asked for what was not recorded: the other
            scores, loss = has_scores, not has_scores and has_loss
        return scores, loss

    def _loss_axes(self, with_scores: bool):
        """The axes of the loss: ``ax_``, or a second y axis when scores are drawn."""
        old = self.__dict__.pop("loss_ax_", None)
        if old is not None and getattr(old, "_vizkit_twin_of", None) is self.ax_:
            old.remove()  # a redraw on the same axes: no stacked twins
        if not with_scores:
            self.loss_ax_ = None
            return self.ax_
        twin = self.ax_.twinx()
        twin._vizkit_twin_of = self.ax_
        self.loss_ax_ = twin
        return twin

    def draw(self) -> None:
        """A line per recorded series; the best step as a dotted vertical line."""
        with_scores, with_loss = self._drawn_kinds()
        train, validation = class_colors(2)
        colors = {
            "train": self.train_color or train,
            "validation": self.validation_color or validation,
        }
        self.lines_: dict[str, Any] = {}
        if with_scores:
            self._draw_pair(self.ax_, "scores", self._score_label, colors, "-")
        loss_ax = self._loss_axes(with_scores) if with_loss else None
        if loss_ax is not None:
            self._draw_pair(loss_ax, "loss", self._loss_label, colors, "--")
        if loss_ax is None:
            self.__dict__.pop("loss_ax_", None)
            self.loss_ax_ = None
        self.best_line_ = None
        if self.best_epoch_ is not None:
            self.best_line_ = self.ax_.axvline(
                self.best_epoch_, color=LINE_COLOR, ls=":", lw=1.5,
                label=f"best {self._unit} ({self.best_epoch_})",
            )  # fmt: skip

    def _draw_pair(self, ax, kind: str, label: str, colors: dict, style: str) -> None:
        names = {"scores": ("train_scores", "validation_scores"),
                 "loss": ("loss", "validation_loss")}[kind]  # fmt: skip
        marker = "o" if len(self.epochs_) <= 30 else None
        for split, name in zip(("train", "validation"), names):
            values = getattr(self, f"{name}_")
            if values is not None:
                (self.lines_[name],) = ax.plot(
                    self.epochs_, values, ls=style, marker=marker, markersize=3,
                    color=colors[split], label=f"{split} {label}",
                )  # fmt: skip

    def finalize(self):
        """Title, axis labels and one legend for both axes. Returns ``ax_``."""
        name = "" if self.estimator is None else f" of {self.name}"
        self.set_title(f"Training Curve{name}")
        from matplotlib.ticker import MaxNLocator

        self.ax_.set_xlabel(self._unit)
        self.ax_.xaxis.set_major_locator(MaxNLocator(integer=True))
        with_scores, _ = self._drawn_kinds()
        self.ax_.set_ylabel(self._score_label if with_scores else self._loss_label)
        axes = [self.ax_]
        if self.loss_ax_ is not None:
            self.loss_ax_.set_ylabel(self._loss_label)
            axes.append(self.loss_ax_)
        handles = [h for ax in axes for h in ax.get_legend_handles_labels()[0]]
        top = axes[-1]  # drawn last: its legend is not hidden by its lines
        self.legend_ = top.legend(
            handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12),
            ncol=3, fontsize="small", frameon=False,
        )  # fmt: skip
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()  # room for the legend below the axes
        return self.ax_


training_curve = declare(
    TrainingCurve, kind=TRAINING, quick="training_curve", example=examples.incremental
)
