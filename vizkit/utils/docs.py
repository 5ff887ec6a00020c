"""Write each parameter's documentation once.

:func:`common_params` fills numpydoc docstrings at import: a class docstring
line ``{common: ax, fig}`` is replaced by the entries of
:data:`COMMON_PARAMS`, the parameters that most visualizers share (drawing
target, figure size, fitted-model handling, class naming). Quick methods build their
docstrings from their class's with :func:`param_docs` (``vizkit.registry``).
"""

from __future__ import annotations

import inspect
import re
import textwrap
from typing import TypeVar

_SECTION = re.compile(r"^(\w[\w ]*)\n-{3,}\s*$", re.M)
_COMMON_LINE = re.compile(r"^(?P<indent> *)\{common: (?P<names>[\w, ]+)\}$", re.M)

#: numpydoc entries of the parameters most visualizers share.
COMMON_PARAMS: dict[str, str] = {
    "ax": """\
ax : matplotlib Axes, default=None
    The axes to draw on. If None: the figure given as ``fig``; else
    pyplot's current Axes if the user just made it and it is still empty
    (``plt.subplots(figsize=...)``); else a new figure of the visualizer's
    own (never over a plot already drawn).""",
    "fig": """\
fig : matplotlib Figure, default=None
    The figure to draw on when ``ax`` is None.""",
    "is_fitted": """\
is_fitted : bool or "auto", default="auto"
    Whether the wrapped estimator is already fitted. "auto" asks
    ``sklearn.utils.validation.check_is_fitted`` (a model fitted by an
    earlier ``fit`` of the visualizer is refitted); False refits it in
    ``fit``; True never fits it.""",
    # The perceptron views of vizkit.training (the key is not the name).
    "mlp_estimator": """\
estimator : MLPClassifier, MLPRegressor or Pipeline ending in one
    The perceptron to train (solver "adam" or "sgd", no early stopping).
    Unfitted, it is trained in place epoch by epoch; given fitted, it is
    left as it is and its training is replayed on an unfitted copy.""",
    # Classifier visualizers.
    "classes": """\
classes : list of str, default=None
    Names for the classes, one per class, in the order of the sorted class
    values (the order of the model's ``classes_``). They relabel the plot;
    the computation always uses the model's own class values.""",
    "encoder": """\
encoder : dict or fitted transformer, default=None
    Maps class values to labels: a dict, or an object with
    ``inverse_transform`` such as a fitted ``LabelEncoder``. Used instead
    of ``classes`` when both are given.""",
    "n_jobs": """\
n_jobs : int, default=None
    The fits run in parallel through joblib: None is one job unless a
    ``joblib.parallel_config`` says otherwise (e.g. a dask backend), -1 uses
    every processor. Results do not depend on it.""",
    "verbose": """\
verbose : bool, default=False
    Show a progress bar of the finished fits.""",
    "title": """\
title : str, default=None
    The title of the plot; None uses the visualizer's own title.""",
    "size": """\
size : tuple of (width, height) in pixels, default=None
    The size of the figure, in pixels as in Yellowbrick.""",
    # Tree visualizers.
    "tree_index": """\
tree_index : int or tuple of (int, int), default=None
    Which tree of an ensemble to draw: the index of a random forest's or
    extra trees' tree, or the stage of a gradient boosting (with more than
    two classes, ``(stage, class index)``). None is the first tree.""",
    "feature_names": """\
feature_names : list of str, default=None
    One name per feature the tree splits on. None takes them from the
    Pipeline's steps (``get_feature_names_out``), the DataFrame's columns or
    the model; else ``x0, x1, ...``.""",
    "class_names": """\
class_names : list of str, default=None
    Names of the classes, in the order of the model's ``classes_``. None
    uses the class values.""",
    "target_name": """\
target_name : str, default=None
    The name of the target, for axis labels. None writes "target".""",
    # Quick methods.
    "X_train": """\
X_train : array-like of shape (n_samples, n_features)
    Training data: the model is fitted on it (unless already fitted), and it
    is scored when no test data is given.""",
    "y_train": """\
y_train : array-like of shape (n_samples,)
    Training target.""",
    "X_test": """\
X_test : array-like of shape (n_test, n_features), default=None
    Test data to score; give ``y_test`` with it.""",
    "y_test": """\
y_test : array-like of shape (n_test,), default=None
    Test target.""",
    "show": """\
show : bool, default=True
    Call ``show()`` (display the figure; nothing on a non-interactive
    backend). False only draws it, with ``plot()``, so it can be changed or
    saved.""",
}

T = TypeVar("T")


def common_params(obj: T) -> T:
    """Expand ``{common: name, ...}`` lines of ``obj``'s docstring."""

    def expand(match: re.Match) -> str:
        names = [name.strip() for name in match["names"].split(",")]
        return "\n".join(
            textwrap.indent(COMMON_PARAMS[name], match["indent"]) for name in names
        )

    obj.__doc__ = _COMMON_LINE.sub(expand, obj.__doc__ or "")
    return obj


def param_docs(obj: object) -> dict[str, str]:
    """The numpydoc "Parameters" entries of ``obj``'s docstring, by name."""
    doc = inspect.cleandoc(obj.__doc__ or "")
    sections = _SECTION.split(doc)
    # split yields [preamble, title1, body1, title2, body2, ...]
    bodies = dict(zip(sections[1::2], sections[2::2]))
    entries: dict[str, str] = {}
    current: list[str] | None = None
    for line in bodies.get("Parameters", "").splitlines():
        if line and not line[0].isspace():
            current = [line]
            for name in line.split(":")[0].split(","):
                entries[name.strip()] = current  # type: ignore[assignment]
        elif current is not None:
            current.append(line)
    return {name: "\n".join(lines).rstrip() for name, lines in entries.items()}
