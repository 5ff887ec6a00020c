"""The report command's inputs: a CSV table, its target column and a model.

Each function checks one input and raises a vizkit error that names the
argument (``arg``; the command passes its option, e.g. ``--data``), says what
was wrong and what to do. Nothing here executes code from the data: a CSV is
parsed by pandas as text and numbers, a parameter value by
``ast.literal_eval``. A pickled model does run code when loaded, so it is
refused unless the caller trusts it explicitly.
"""

from __future__ import annotations

import ast
import difflib
import importlib
import inspect
import os
import pkgutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from vizkit.exceptions import ModelError, VizkitValueError

#: File endings read as a pickled model (with ``trust_pickle`` only).
PICKLE_SUFFIXES = (".pkl", ".pickle", ".joblib")


@dataclass(frozen=True)
class ArgNames:
    """How error messages name each input: Python arguments or command options."""

    data: str = "path"
    target: str = "target"
    model: str = "spec"
    params: str = "params"
    trust: str = "trust_pickle=True"


#: The names of :func:`load_model`'s and friends' own arguments.
ARGUMENTS = ArgNames()
#: The names of the ``vizkit report`` options.
OPTIONS = ArgNames("--data", "--target", "--model", "--param", "--trust-pickle")


# -- the table -----------------------------------------------------------------


def read_table(path: str | os.PathLike, *, arg: str = "path"):
    """Read a CSV file into a pandas DataFrame.

    Parameters
    ----------
    path : str or path-like
        The CSV file. Cells are read as numbers or text; none is evaluated.
    arg : str, default="path"
        The argument's name in error messages.

    Returns
    -------
    pandas.DataFrame
        At least one row and one column.

    Raises
    ------
    VizkitValueError
        The file is missing, a folder, unreadable, empty or not a table.
    """
    import pandas as pd

    path = os.fspath(path)
    if not os.path.exists(path):
        raise VizkitValueError(f"{arg}: no file at {path!r}; give the CSV file's path.")
    if os.path.isdir(path):
        raise VizkitValueError(f"{arg}: {path!r} is a folder; give a CSV file in it.")
    try:
        frame = pd.read_csv(path)
    except pd.errors.EmptyDataError:
        raise VizkitValueError(
            f"{arg}: {path!r} is empty; give a CSV file with a header row and data."
        ) from None
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        first_line = str(error).strip().splitlines()[0]
        raise VizkitValueError(
            f"{arg}: cannot read {path!r} as CSV ({first_line}); give a readable, "
            "comma-separated UTF-8 file with a header row."
        ) from None
    if frame.empty:
        raise VizkitValueError(
            f"{arg}: {path!r} has a header but no data rows; add rows to it."
        )
    return frame


def close_matches(name: str, choices: Iterable[str]) -> list[str]:
    """Up to three of ``choices`` that look like ``name`` (case ignored)."""
    by_lower = {str(choice).lower(): str(choice) for choice in choices}
    found = difflib.get_close_matches(name.lower(), list(by_lower), n=3, cutoff=0.6)
    return [by_lower[match] for match in found]


def _did_you_mean(name: str, choices: Iterable[str]) -> str:
    matches = close_matches(name, choices)
    return f" Did you mean {' or '.join(map(repr, matches))}?" if matches else ""


def split_target(frame, target: str, *, arg: str = "target"):
    """Split ``frame`` into the feature columns and the ``target`` column.

    Rows whose target is missing cannot be scored: they are dropped, and the
    returned note says how many. ``frame`` itself is not changed.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table, as :func:`read_table` returns it.
    target : str
        The name of the column to predict.
    arg : str, default="target"
        The argument's name in error messages.

    Returns
    -------
    X : pandas.DataFrame
        Every other column, on the rows that have a target.
    y : pandas.Series
        The target column on those rows.
    note : str or None
        What was dropped, if anything.

    Raises
    ------
    VizkitValueError
        No such column (the message lists the columns and close matches), no
        other column, or no row with a target.
    """
    columns = [str(column) for column in frame.columns]
    if target not in columns:
        listed = ", ".join(map(repr, columns[:30])) + (
            ", ..." if len(columns) > 30 else ""
        )
        raise VizkitValueError(
            f"{arg}: no column {target!r} in the data.{_did_you_mean(target, columns)} "
            f"Its columns are: {listed}."
        )
    if len(columns) == 1:
        raise VizkitValueError(
            f"{arg}: {target!r} is the data's only column; the model needs feature "
            "columns besides the target."
        )
    has_target = frame[target].notna().to_numpy()
    if not has_target.any():
        raise VizkitValueError(
            f"{arg}: column {target!r} has no value in any row; choose the column "
            "that holds what the model should predict."
        )
    rows = frame[has_target] if not has_target.all() else frame
    dropped = int((~has_target).sum())
    note = None
    if dropped:
        note = (
            f"Dropped {dropped} of {len(frame)} rows that have no value in the "
            f"target column {target!r}."
        )
    return rows.drop(columns=target), rows[target], note


def check_target_values(y, *, arg: str = "target") -> None:
    """Raise if ``y`` holds a single distinct value: nothing to learn or score.

    Raises
    ------
    VizkitValueError
        The message gives the value and asks for a column that varies.
    """
    values = y.unique() if hasattr(y, "unique") else sorted(set(y))
    if len(values) < 2:
        only = np.asarray(values[0]).item()  # 1, not np.int64(1)
        raise VizkitValueError(
            f"{arg}: the target has one value ({only!r}) in all {len(y)} rows; "
            "a model needs at least two classes (or values) to learn from: choose "
            "another column or add rows with other values."
        )


# -- parameters ----------------------------------------------------------------


def parse_params(items: Sequence[str], *, arg: str = "params") -> dict[str, Any]:
    """Parse ``NAME=VALUE`` strings into keyword arguments of a model.

    A value is read with :func:`ast.literal_eval` (numbers, ``None``,
    ``True``, quoted strings, lists, tuples, dicts), never evaluated as code;
    a value that is not such a literal is kept as the string written, so
    ``criterion=entropy`` works unquoted.

    Raises
    ------
    VizkitValueError
        An item without ``=``, a name that is not an identifier (nested names
        such as ``estimator__C`` are), or a name given twice.
    """
    params: dict[str, Any] = {}
    for item in items:
        name, equals, text = str(item).partition("=")
        name = name.strip()
        if not equals or not name.isidentifier():
            raise VizkitValueError(
                f"{arg}: {item!r} is not NAME=VALUE; write e.g. n_estimators=200 or "
                "max_depth=None."
            )
        if name in params:
            raise VizkitValueError(f"{arg}: {name!r} is given twice; give it once.")
        params[name] = literal_or_text(text.strip())
    return params


def literal_or_text(text: str) -> Any:
    """``text`` as a Python literal, or the text itself if it is none."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return text


# -- the model -----------------------------------------------------------------


def is_pickle_path(spec: str) -> bool:
    """True if ``spec`` names a pickled model file by its ending."""
    return str(spec).lower().endswith(PICKLE_SUFFIXES)


def load_model(
    spec: str | os.PathLike,
    *,
    params: dict[str, Any] | None = None,
    trust_pickle: bool = False,
    names: ArgNames = ARGUMENTS,
):
    """An unfitted estimator from a dotted class path, or a pickled model file.

    Parameters
    ----------
    spec : str or path-like
        ``"sklearn.ensemble.RandomForestClassifier"`` (any importable
        scikit-learn-compatible estimator class), or a ``.pkl``, ``.pickle``
        or ``.joblib`` file saved with joblib or pickle.
    params : dict, optional
        Parameters of the estimator: passed to the class, or to the loaded
        model's ``set_params``.
    trust_pickle : bool, default=False
        Loading a pickle runs code stored in the file: only with True, for a
        file you trust.
    names : ArgNames, default=ARGUMENTS
        How error messages name ``spec``, ``params`` and the way to trust a
        pickle (the command passes ``OPTIONS``).

    Returns
    -------
    estimator
        A new instance (dotted path) or the unpickled model.

    Raises
    ------
    VizkitValueError
        A pickle without ``trust_pickle``, a missing file, a path that does
        not import, a missing attribute, unknown parameters.
    ModelError
        The object is not a scikit-learn estimator (no ``fit`` and
        ``get_params``).
    """
    spec = os.fspath(spec)
    params = dict(params or {})
    if is_pickle_path(spec):
        return _load_pickle(spec, params, trust_pickle, names)
    found = import_object(spec, arg=names.model)
    if not inspect.isclass(found) or not _is_estimator(found):
        raise ModelError(
            f"{names.model}: {spec!r} is {_describe(found)}, not a scikit-learn "
            "estimator class (one with fit and get_params); give a class such as "
            "sklearn.ensemble.RandomForestClassifier."
        )
    return _instantiate(found, params, names)


def _is_estimator(obj) -> bool:
    return callable(getattr(obj, "fit", None)) and callable(
        getattr(obj, "get_params", None)
    )


def _describe(obj) -> str:
    if inspect.isclass(obj):
        return f"the class {obj.__name__}"
    if inspect.ismodule(obj):
        return "a module"
    if callable(obj):
        return "a function"
    return f"a {type(obj).__name__} value"


def import_object(path: str, *, arg: str = "spec"):
    """The object at a dotted ``module.attribute`` path.

    Raises
    ------
    VizkitValueError
        The path has no dot, a module part does not import (named, with close
        matches among its siblings), or the attribute is missing.
    """
    module_name, _, attribute = path.strip().rpartition(".")
    if not module_name or not attribute:
        raise VizkitValueError(
            f"{arg}: {path!r} is not a dotted path module.Class nor a .pkl/.pickle/"
            ".joblib file; write e.g. sklearn.ensemble.RandomForestClassifier."
        )
    module = _import_module(module_name, path, arg)
    if not hasattr(module, attribute):
        names = [name for name in dir(module) if not name.startswith("_")]
        raise VizkitValueError(
            f"{arg}: module {module_name!r} has no {attribute!r}."
            f"{_did_you_mean(attribute, names)} Check the class name's spelling."
        )
    return getattr(module, attribute)


def _import_module(module_name: str, path: str, arg: str):
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        missing = error.name or module_name
        if not module_name.startswith(missing) and missing != module_name:
            # A module that exists but imports a missing dependency.
            raise VizkitValueError(
                f"{arg}: importing {module_name!r} failed because it needs "
                f"{missing!r}, which is not installed; install it (pip install ...)."
            ) from None
        raise VizkitValueError(
            f"{arg}: cannot import {path!r}: there is no module {missing!r}."
            f"{_did_you_mean(missing.rpartition('.')[2], _siblings(missing))} "
            "Check the spelling of the dotted path."
        ) from None
    except Exception as error:  # the module's own code raised while importing
        raise VizkitValueError(
            f"{arg}: importing {module_name!r} raised {type(error).__name__}: "
            f"{error}; fix or reinstall that module."
        ) from None


def _siblings(module_name: str) -> list[str]:
    """Names of the modules beside ``module_name`` in its parent package."""
    parent_name = module_name.rpartition(".")[0]
    if not parent_name:
        return [info.name for info in pkgutil.iter_modules()]
    try:
        parent = importlib.import_module(parent_name)
    except Exception:
        return []
    return [info.name for info in pkgutil.iter_modules(getattr(parent, "__path__", []))]


def _instantiate(cls, params: dict[str, Any], names: ArgNames):
    accepted = _init_parameters(cls)
    if accepted is not None:
        unknown = [name for name in params if name not in accepted]
        if unknown:
            raise VizkitValueError(
                _unknown_params_message(cls, unknown, accepted, names.params)
            )
    try:
        return cls(**params)
    except TypeError as error:
        raise VizkitValueError(
            f"{names.model}: {cls.__name__} cannot be created with {params!r} "
            f"({error}); give its required parameters in {names.params}."
        ) from None


def _init_parameters(cls) -> list[str] | None:
    """Names ``cls(...)`` accepts, or None if it takes any (``**kwargs``)."""
    try:
        signature = inspect.signature(cls)
    except (TypeError, ValueError):
        return None
    kinds = [parameter.kind for parameter in signature.parameters.values()]
    if inspect.Parameter.VAR_KEYWORD in kinds:
        return None
    return list(signature.parameters)


def _unknown_params_message(cls, unknown, accepted, arg: str) -> str:
    hints = "".join(_did_you_mean(name, accepted) for name in unknown)
    return (
        f"{arg}: {cls.__name__} has no parameter "
        f"{', '.join(map(repr, unknown))}.{hints} Its parameters are: "
        f"{', '.join(accepted)}."
    )


def _load_pickle(spec: str, params, trust_pickle: bool, names: ArgNames):
    arg = names.model
    if not trust_pickle:
        raise VizkitValueError(
            f"{arg}: refusing to load {spec!r}: unpickling a file runs code stored "
            f"in it. If you made it or trust its source, pass {names.trust}."
        )
    if not os.path.isfile(spec):
        raise VizkitValueError(f"{arg}: no file at {spec!r}; give the model file.")
    import joblib

    try:
        model = joblib.load(spec)
    except Exception as error:
        raise VizkitValueError(
            f"{arg}: cannot load {spec!r} ({type(error).__name__}: {error}); give a "
            "file saved with joblib.dump or pickle.dump."
        ) from None
    if inspect.isclass(model) or not _is_estimator(model):
        raise ModelError(
            f"{arg}: {spec!r} holds {_describe(model)}, not a scikit-learn "
            "estimator (one with fit and get_params); save the model itself."
        )
    if params:
        _set_loaded_params(model, params, names.params)
    return model


def _set_loaded_params(model, params: dict[str, Any], arg: str) -> None:
    accepted = list(model.get_params(deep=True))
    unknown = [name for name in params if name not in accepted]
    if unknown:
        raise VizkitValueError(
            _unknown_params_message(type(model), unknown, accepted, arg)
        )
    model.set_params(**params)
