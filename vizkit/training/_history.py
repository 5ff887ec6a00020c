"""Per-epoch logs of other frameworks, read into named series of numbers.

:func:`read_history` takes what a deep-learning loop leaves behind and
returns ``{metric name: values per epoch}``:

* a Keras ``History`` object or its ``history`` dict
  (``{"loss": [...], "val_loss": [...], "accuracy": [...], ...}``);
* a list of per-epoch dicts, as a PyTorch loop appends them (a key missing
  from some epochs is a gap, NaN, there);
* a path to a CSV file of epochs (Keras ``CSVLogger``: an ``epoch`` column
  and one column per metric), read with the ``csv`` module;
* a pandas DataFrame, a column per metric.

:func:`pair_series` then pairs each training metric ``x`` (or ``train_x``)
with its validation partner ``val_x`` (or ``validation_x``, ``valid_x``).
Nothing is evaluated: values must be numbers.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping
from typing import Any

import numpy as np

from vizkit.exceptions import VizkitValueError

#: Columns that count epochs rather than measure them.
EPOCH_KEYS = ("epoch", "epochs", "step")
TRAIN_PREFIXES = ("train_", "training_", "")
VALIDATION_PREFIXES = ("val_", "validation_", "valid_")
LOSS = "loss"


def read_history(history: Any, name: str = "history") -> dict[str, np.ndarray]:
    """``{metric: float array per epoch}`` from any supported log; epochs dropped."""
    if hasattr(history, "history") and isinstance(history.history, Mapping):
        history = history.history  # a Keras History callback
    if isinstance(history, (str, os.PathLike)):
        series = _read_csv(history, name)
    elif hasattr(history, "columns") and hasattr(history, "to_dict"):
        series = {str(c): list(history[c]) for c in history.columns}
    elif isinstance(history, Mapping):
        series = {str(k): _as_list(v, name, k) for k, v in history.items()}
    elif isinstance(history, (list, tuple)):
        series = _from_records(history, name)
    else:
        raise VizkitValueError(
            f"{name} of type {type(history).__name__} is not a training log; pass "
            "a Keras History.history dict, a list of per-epoch dicts, a path to a "
            "CSV of epochs or a pandas DataFrame."
        )
    return _check_series(series, name)


def _as_list(values: Any, name: str, key: Any) -> list:
    if isinstance(values, (str, bytes)) or not np.iterable(values):
        raise VizkitValueError(
            f"{name}[{key!r}] is not a sequence of per-epoch values; pass one "
            "number per epoch."
        )
    return list(values)


def _from_records(records: list | tuple, name: str) -> dict[str, list]:
    """Columns of a list of per-epoch dicts; a missing key is NaN for that epoch."""
    if not all(isinstance(r, Mapping) for r in records):
        raise VizkitValueError(
            f"{name} is a list whose items are not all dicts; pass one dict of "
            "metric values per epoch, e.g. [{'loss': 0.9, 'val_loss': 1.0}, ...]."
        )
    keys = list(dict.fromkeys(str(k) for r in records for k in r))
    return {k: [dict(r).get(k, np.nan) for r in records] for k in keys}


def _read_csv(path: str | os.PathLike, name: str) -> dict[str, list]:
    """A CSV of epochs: a header row, then one row per epoch (Keras CSVLogger)."""
    try:
        with open(path, newline="") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else None
            rows = list(csv.reader(handle, dialect or csv.excel))
    except OSError as error:
        raise VizkitValueError(
            f"{name}={os.fspath(path)!r} cannot be read ({error.strerror}); pass the "
            "path of a CSV file of epochs."
        ) from None
    if not rows:
        return {}
    header, body = rows[0], [r for r in rows[1:] if r]
    if any(len(r) != len(header) for r in body):
        raise VizkitValueError(
            f"{name}={os.fspath(path)!r} has rows of a different length than its "
            "header; pass a CSV with one value per column in every row."
        )
    return {key: [r[i] for r in body] for i, key in enumerate(header)}


def _to_floats(values: list, name: str, key: str) -> np.ndarray:
    try:
        return np.array(
            [np.nan if v is None or v == "" else float(v) for v in values],
            dtype=np.float64,
        )
    except (TypeError, ValueError):
        raise VizkitValueError(
            f"{name}[{key!r}] holds values that are not numbers; pass one number "
            "per epoch (or None/NaN for a missing one)."
        ) from None


def _check_series(series: dict[str, list], name: str) -> dict[str, np.ndarray]:
    metrics = {k: v for k, v in series.items() if k.lower() not in EPOCH_KEYS}
    if not metrics or all(len(v) == 0 for v in metrics.values()):
        raise VizkitValueError(
            f"{name} is empty; pass at least one metric with one value per epoch."
        )
    lengths = {k: len(v) for k, v in metrics.items()}
    if len(set(lengths.values())) > 1:
        raise VizkitValueError(
            f"{name} is ragged: its metrics have different numbers of epochs "
            f"({lengths}); pass one value per epoch for every metric."
        )
    return {k: _to_floats(v, name, k) for k, v in metrics.items()}


# -- pairing training and validation series --------------------------------------------


def split_name(key: str) -> tuple[str, bool]:
    """(metric, is_validation) of a column name: "val_acc" -> ("acc", True)."""
    lower = key.lower()
    for prefix in VALIDATION_PREFIXES:
        if lower.startswith(prefix):
            return key[len(prefix) :], True
    for prefix in TRAIN_PREFIXES[:-1]:
        if lower.startswith(prefix):
            return key[len(prefix) :], False
    return key, False


def pair_series(
    series: dict[str, np.ndarray],
) -> dict[str, dict[str, np.ndarray]]:
    """``{metric: {"train": values, "validation": values}}``, in the log's order.

    A metric logged only for validation has no "train" entry, and the
    other way round.
    """
    paired: dict[str, dict[str, np.ndarray]] = {}
    for key, values in series.items():
        metric, validation = split_name(key)
        paired.setdefault(metric, {})["validation" if validation else "train"] = values
    return paired


def score_metric(paired: dict[str, dict[str, np.ndarray]], metric: str | None) -> str:
    """The metric drawn as the score: ``metric``, else the first that is not a loss."""
    if metric is not None:
        if metric not in paired:
            raise VizkitValueError(
                f"metric={metric!r} is not in the history, which logs "
                f"{sorted(paired)}; pass one of them, or None for the first "
                "metric that is not the loss."
            )
        return metric
    return next((m for m in paired if LOSS not in m.lower()), "")
