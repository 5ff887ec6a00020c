"""The parameter documentation the comparison visualizers share."""

from __future__ import annotations

import re
import textwrap
from typing import TypeVar

#: numpydoc entries shared by the comparison visualizers' docstrings.
COMPARE_PARAMS: dict[str, str] = {
    "estimators": """\
estimators : list of estimators, list of (name, estimator) or dict, default=None
    The models to compare. Unfitted ones are fitted in place by ``fit``
    (see ``is_fitted``); fitted ones are kept as they are. None builds an
    empty comparison that ``add`` fills one model at a time.""",
    "names": """\
names : list of str, default=None
    One legend name per model, in order. None uses the names of ``(name,
    estimator)`` pairs or dict keys, else each model's class name
    ("Ridge-1", "Ridge-2" for repeated classes). Each model's parameters are
    reachable as ``<name>__<param>`` in ``get_params``/``set_params``.""",
    "is_fitted": """\
is_fitted : bool or "auto", default="auto"
    Whether the models are already fitted. "auto" asks
    ``sklearn.utils.validation.check_is_fitted`` for each model (a model
    fitted by an earlier ``fit`` of the visualizer is refitted); False
    refits every model in ``fit``; True never fits them.""",
    "colors": """\
colors : list of colors or palette name, default=None
    One colour per model; None gives distinct colours from the colour cycle.""",
    "pos_label": """\
pos_label : int, float, bool or str, default=None
    The class each curve is of. Binary targets: the positive class, by
    default each model's second class (``classes_[1]``). Multiclass
    targets: None pools every one-vs-rest decision of a model into one
    micro-averaged curve (the title says so); a class value draws that
    class against the rest.""",
}

_COMPARE_LINE = re.compile(r"^(?P<indent> *)\{compare: (?P<names>[\w, ]+)\}$", re.M)
T = TypeVar("T")


def compare_params(obj: T) -> T:
    """Expand ``{compare: name, ...}`` lines of ``obj``'s docstring."""

    def expand(match: re.Match) -> str:
        names = [name.strip() for name in match["names"].split(",")]
        return "\n".join(
            textwrap.indent(COMPARE_PARAMS[name], match["indent"]) for name in names
        )

    obj.__doc__ = _COMPARE_LINE.sub(expand, obj.__doc__ or "")
    return obj
