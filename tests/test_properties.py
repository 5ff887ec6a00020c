"""Robust to whatever a user passes: every visualizer on generated inputs.

Each registered visualizer's quick method is fed generated data (NaN, inf,
huge and tiny values, constant columns, ints, bools, strings, mixed object
columns, DataFrames with duplicated column names, 1-D, 3-D, empty and
zero-feature X, plain lists; targets that are None, too short, too long, a
column vector, one class, strings, floats, bools or hold None), then shown
to a file. Every example must end in a saved picture, a vizkit error, or
the model's own error re-raised naming the visualizer; it must leave no
figure open and leave its inputs unchanged.
"""

from __future__ import annotations

import copy
import warnings
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vizkit import registry
from vizkit.exceptions import VizkitError

DECLARATIONS = {d.cls.__name__: d for d in registry.declarations()}

#: Values that break arithmetic: missing, infinite, overflowing, subnormal.
SPECIAL_VALUES = [np.nan, np.inf, -np.inf, 1e300, -1e300, 1e-300, 5e-324]
#: The rarer kinds of X columns (the common one is "float").
COLUMN_KINDS = ["int", "bool", "special", "huge", "tiny", "constant", "str", "mixed"]
#: The rarer layouts of X (the common one is a 2-D array).
X_LAYOUTS = ["frame", "duplicated", "list", "1d", "3d", "empty"]
#: Kinds of target (the common one is the example's: classes or floats).
Y_KINDS = [
    "classes", "floats", "strings", "bools", "one_class", "with_none",
    "nullable", "with_nan", "huge", "mixed",
]  # fmt: skip
Y_LAYOUTS = ["list", "series", "column", "frame"]

FLOATS = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
LETTERS = ["a", "b", "c"]


# -- strategies -------------------------------------------------------------------
# Hypothesis favours small integers and the first choice, so the common case
# (data a model can fit) comes first; ``+ i`` spreads values that hypothesis
# would draw all alike (all zeros make a constant column or a single class).


def usually(draw, common: Any, rare: list[Any]) -> Any:
    """Most often ``common``, else one of ``rare``."""
    if draw(st.integers(0, 9)) < 7:
        return common
    return draw(st.sampled_from(rare))


def values(draw, n: int, elements=FLOATS) -> list[Any]:
    return draw(st.lists(elements, min_size=n, max_size=n))


def codes(draw, n: int, k: int) -> list[int]:
    """``n`` integers in ``range(k)``: all-zero draws become 0, 1, 2, ..."""
    return [(v + i) % k for i, v in enumerate(values(draw, n, st.integers(0, k - 1)))]


def ramp(draw, n: int) -> list[float]:
    """``n`` floats: all-zero draws become 0, 1, 2, 3, 4, 0, ..."""
    return [v + i % 5 for i, v in enumerate(values(draw, n))]


def column(draw, n_rows: int, kind: str) -> list[Any]:
    """One column of ``n_rows`` values of the given kind."""
    if kind == "constant":
        return [draw(st.sampled_from([1.0, 0.0, 1e300, "a", True]))] * n_rows
    if kind == "int":
        return codes(draw, n_rows, 7)
    if kind == "bool":
        return [code == 0 for code in codes(draw, n_rows, 2)]
    if kind == "str":
        return [LETTERS[code] for code in codes(draw, n_rows, 3)]
    if kind == "mixed":
        cell = st.one_of(st.integers(0, 3), st.sampled_from(LETTERS), st.none(), FLOATS)
        return values(draw, n_rows, cell)
    floats = ramp(draw, n_rows)
    if kind == "huge":
        return [v * 1e299 for v in floats]
    if kind == "tiny":
        return [v * 1e-310 for v in floats]
    if kind == "special" and n_rows:
        floats[draw(st.integers(0, n_rows - 1))] = draw(st.sampled_from(SPECIAL_VALUES))
    return floats


@st.composite
def features(draw, n_rows: int, n_columns: int) -> Any:
    """An X of ``n_rows`` rows in one of the layouts users pass."""
    layout = usually(draw, "array", X_LAYOUTS)
    n_rows = 0 if layout == "empty" else n_rows
    if draw(st.integers(0, 9)) == 9:  # every column of one rare kind
        kinds = [draw(st.sampled_from(COLUMN_KINDS))] * n_columns
    else:
        kinds = [usually(draw, "float", COLUMN_KINDS) for _ in range(n_columns)]
    columns = [column(draw, n_rows, kind) for kind in kinds]
    frame = pd.DataFrame(dict(enumerate(columns)), index=range(n_rows))
    if layout == "frame":
        frame.columns = [f"f{i}" for i in range(n_columns)]
        return frame
    if layout == "duplicated":
        frame.columns = ["f"] * n_columns
        return frame
    array = frame.to_numpy()
    if layout == "list":
        return array.tolist()
    if layout == "1d":
        return array[:, 0] if n_columns else np.arange(n_rows, dtype=float)
    if layout == "3d":
        return array[:, :, np.newaxis]
    return array


@st.composite
def target(draw, n_rows: int, natural: str) -> Any:
    """A target for ``n_rows`` rows, or None, or one of the wrong length.

    ``natural`` is the kind of target the visualizer expects ("classes" or
    "floats"), drawn most often.
    """
    if draw(st.integers(0, 9)) == 9:
        return None
    n_rows = max(0, n_rows + usually(draw, 0, [-1, 1]))
    kind = usually(draw, natural, Y_KINDS)
    if kind == "strings":
        y = [["cat", "dog", "eel"][code] for code in codes(draw, n_rows, 3)]
    elif kind in ("floats", "huge"):
        y = ramp(draw, n_rows)
        y = [v * 1e299 for v in y] if kind == "huge" else y
    elif kind == "bools":
        y = [code == 0 for code in codes(draw, n_rows, 2)]
    elif kind == "mixed":  # numbers and strings in one target
        y = [code or "zero" for code in codes(draw, n_rows, 3)]
    elif kind == "one_class":
        y = [draw(st.sampled_from([1, "a", 2.0]))] * n_rows
    else:
        y = codes(draw, n_rows, 3)
    if kind in ("with_none", "nullable", "with_nan") and n_rows:
        y[draw(st.integers(0, n_rows - 1))] = np.nan if kind == "with_nan" else None
    if kind == "nullable":
        return pd.Series(y, dtype="Int64")
    layout = usually(draw, "array", Y_LAYOUTS)
    if layout == "list":
        return y
    array = np.array(y, dtype=object if kind == "with_none" else None)
    if layout == "series":
        return pd.Series(array)
    if layout == "frame":
        return pd.DataFrame({"y": array})
    if layout == "column":
        return array.reshape(-1, 1)
    return array


def n_rows(draw) -> int:
    return usually(draw, draw(st.integers(10, 40)), [0, 1, 2, 3])


def n_columns(draw) -> int:
    return usually(draw, 3, [0, 1, 2, 5])


@st.composite
def score_data(draw, natural: str) -> dict[str, Any]:
    """Training data, and sometimes test data, for a score visualizer."""
    n_train, width = n_rows(draw), n_columns(draw)
    data = {
        "X_train": draw(features(n_train, width)),
        "y_train": draw(target(n_train, natural)),
    }
    if draw(st.booleans()):
        n_test = n_rows(draw)
        data["X_test"] = draw(features(n_test, width))
        data["y_test"] = draw(target(n_test, natural))
    return data


@st.composite
def transformer_data(draw, natural: str) -> dict[str, Any]:
    n = n_rows(draw)
    return {"X": draw(features(n, n_columns(draw))), "y": draw(target(n, natural))}


@st.composite
def target_data(draw, natural: str) -> dict[str, Any]:
    data = {"y_train": draw(target(n_rows(draw), natural))}
    if draw(st.booleans()):
        data["y_test"] = draw(target(n_rows(draw), natural))
    return data


DATA = {
    registry.SCORE.name: score_data,
    registry.TRANSFORMER.name: transformer_data,
    registry.TARGET.name: target_data,
    registry.REPEATED_FIT.name: transformer_data,  # (X, y), as the model takes them
    registry.CLUSTER.name: transformer_data,  # y is ignored by clusterers
    registry.MODEL.name: transformer_data,
    registry.TREE.name: transformer_data,  # (X, y), as the tree takes them
    registry.TRAINING.name: transformer_data,  # (X, y), as the model takes them
    registry.DATA.name: transformer_data,  # (X, y), without a model
    registry.COMPARE.name: score_data,  # models fitted, then scored on test data
}


def inputs(declaration) -> st.SearchStrategy[dict[str, Any]]:
    """The quick method's data arguments for one visualizer's kind."""
    floats = np.asarray(declaration.example().y).dtype.kind == "f"
    return DATA[declaration.kind.name](natural="floats" if floats else "classes")


# -- checks -----------------------------------------------------------------------


def same(before: Any, after: Any) -> bool:
    """True when ``after`` holds exactly what ``before`` (a deep copy) held."""
    if isinstance(before, pd.DataFrame | pd.Series):
        return (
            type(after) is type(before)
            and before.equals(after)
            and list(getattr(before, "columns", []))
            == list(getattr(after, "columns", []))
        )
    if isinstance(before, np.ndarray):
        return (
            isinstance(after, np.ndarray)
            and before.dtype == after.dtype
            and before.shape == after.shape
            and all(same(a, b) for a, b in zip(before.ravel(), after.ravel()))
        )
    if isinstance(before, list):
        return (
            isinstance(after, list)
            and len(before) == len(after)
            and all(same(a, b) for a, b in zip(before, after))
        )
    if isinstance(before, float) and np.isnan(before):
        return isinstance(after, float) and np.isnan(after)
    return type(before) is type(after) and before == after


def run_quick(declaration, data: dict[str, Any], outpath: Path) -> None:
    """Feed ``data`` to the quick method, then show to ``outpath``."""
    example = declaration.example()
    args = [example.estimator()] if declaration.kind.wraps_model else []
    viz = declaration.quick(*args, **data, **example.params, show=False)
    viz.show(outpath=outpath, dpi=30)
    assert outpath.stat().st_size > 0


@pytest.mark.parametrize("name", sorted(DECLARATIONS))
def test_any_input_ends_in_a_picture_or_a_clear_error(name, tmp_path):
    declaration = DECLARATIONS[name]
    outpath = tmp_path / "plot.png"

    @settings(
        max_examples=60,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=inputs(declaration))
    def check(data):
        plt.close("all")
        originals = copy.deepcopy(data)
        outpath.unlink(missing_ok=True)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                run_quick(declaration, data, outpath)
        except VizkitError:
            pass
        except Exception as error:
            if name not in str(error):
                raise
        finally:
            open_figures = plt.get_fignums()
            plt.close("all")
        assert open_figures == [], "the visualizer left a figure open"
        for key, value in originals.items():
            assert same(value, data[key]), f"{key} was modified"

    check()
