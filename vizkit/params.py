"""Declare each constructor parameter once: how it is checked and when it acts.

A visualizer class lists its parameters in ``_params`` (merged along the class
hierarchy, so a subclass only adds its own)::

    _params = {
        "micro": boolean(),
        "cmap": colormap(),
        "alpha": number(0, 1, draw=True),
        "label_encoder": renamed("encoder"),
    }

The base class checks every declared parameter once at the start of each
public call (``fit``, ``score``, ``plot``, ``show``, a quick method...), so a
warning about a parameter fires once per call. ``draw=True`` marks drawing
parameters, read only when drawing: ``set_params`` of one followed by
``plot()`` redraws without refitting.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from vizkit.exceptions import VizkitDeprecationWarning, VizkitValueError, VizkitWarning
from vizkit.utils.validation import check_option, plain

Check = Callable[[Any, str, Any], None]  # (value, name, visualizer) -> None


@dataclass(frozen=True)
class Param:
    """How one parameter is checked (``check``) and whether it only draws."""

    check: Check | None = None
    draw: bool = False
    warns: bool = False  # the check only warns (renamed, ignored, ...)
    #: A valid value that changes the picture, for the conformance checks.
    example: Any = None


def choice(*allowed: Any, draw: bool = False) -> Param:
    """One of ``allowed`` (compared by value and type, so 1 is not True)."""

    def check(value: Any, name: str, viz: Any) -> None:
        check_option(value, name, allowed)

    return Param(check, draw=draw)


def boolean(draw: bool = False) -> Param:
    """True or False."""
    return choice(True, False, draw=draw)


def anything(draw: bool = False) -> Param:
    """No check here: the value is checked where it is used."""
    return Param(None, draw=draw)


def number(
    low: float | None = None,
    high: float | None = None,
    *,
    integer: bool = False,
    none: bool = False,
    draw: bool = False,
) -> Param:
    """A number in ``[low, high]``; an integer with ``integer``; None if ``none``."""
    kind = numbers.Integral if integer else numbers.Real
    what = "an integer" if integer else "a number"
    bounds = _bounds_text(low, high)

    def check(value: Any, name: str, viz: Any) -> None:
        if value is None and none:
            return
        ok = isinstance(value, kind) and not isinstance(value, bool)
        if ok and (
            low is not None and value < low or high is not None and value > high
        ):
            ok = False
        if not ok:
            also = " or None" if none else ""
            raise VizkitValueError(
                f"{name}={value!r} is not valid; pass {what}{bounds}{also}."
            )

    # A value inside the range, for the redraw checks (of the parameter's kind).
    inside = None
    if low is not None and high is not None:
        inside = max(int(low), int((low + high) / 4)) if integer else (low + high) / 4
    return Param(check, draw=draw, example=inside)


def _random_state_check(value: Any, name: str, viz: Any) -> None:
    if value is None or isinstance(value, np.random.RandomState):
        return
    seed = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if not (seed and 0 <= value < 2**32):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass an int seed from 0 to "
            "2**32 - 1 (the same seed gives the same splits), a numpy "
            "RandomState, or None."
        )


def _n_jobs_check(value: Any, name: str, viz: Any) -> None:
    ok = value is None or (
        isinstance(value, numbers.Integral) and not isinstance(value, bool)
    )
    if not ok or value == 0:
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass None (one job, or "
            "joblib's parallel_config), a positive number of jobs, or -1 for all "
            "processors."
        )


def random_state() -> Param:
    """A seed (an int from 0 to 2**32 - 1), a numpy RandomState, or None."""
    return Param(_random_state_check)


def n_jobs() -> Param:
    """joblib's ``n_jobs``: None, a positive number of jobs, or -1 and below."""
    return Param(_n_jobs_check)


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def _bounds_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f" of at least {low}"
    if high is not None:
        return f" of at most {high}"
    return ""


def _size_check(value: Any, name: str, viz: Any) -> None:
    if value is None:
        return
    try:
        width, height = value
        ok = all(isinstance(v, numbers.Real) and float(v) > 0 for v in (width, height))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise VizkitValueError(
            f"{name}={value!r} is not a size; pass (width, height) in pixels, "
            "e.g. size=(600, 400)."
        )


def size() -> Param:
    """A figure size ``(width, height)`` in pixels, or None."""
    return Param(_size_check, draw=True)


def _colormap_check(value: Any, name: str, viz: Any) -> None:
    if value is not None:
        from vizkit.style import get_colormap

        get_colormap(value, name)


def colormap() -> Param:
    """A matplotlib colormap or its name, or None; a drawing parameter."""
    return Param(_colormap_check, draw=True, example="viridis")


def _colors_check(value: Any, name: str, viz: Any) -> None:
    if value is not None:
        from vizkit.style import check_colors

        check_colors(value, name)


def colors() -> Param:
    """A colour, a list of colours or a palette name, or None (drawing)."""
    return Param(_colors_check, draw=True, example="#ff00ff")


def _color_check(value: Any, name: str, viz: Any) -> None:
    if value is not None:
        from vizkit.style import check_color

        check_color(value, name)


def color() -> Param:
    """One matplotlib colour (drawing)."""
    return Param(_color_check, draw=True, example="#ff00ff")


def renamed(new: str, *, draw: bool = False) -> Param:
    """Yellowbrick's old name of ``new``: still used, with a deprecation warning."""

    def check(value: Any, name: str, viz: Any) -> None:
        if value is not None:
            warnings.warn(
                f"{name} is Yellowbrick's name for {new}; pass {new}= instead.",
                VizkitDeprecationWarning,
                stacklevel=4,
            )

    return Param(check, draw=draw, warns=True)


def ignored(hint: str) -> Param:
    """Accepted for Yellowbrick compatibility, without effect: warn when given."""

    def check(value: Any, name: str, viz: Any) -> None:
        if value is not None:
            warnings.warn(
                f"{type(viz).__name__} ignores {name} (accepted for Yellowbrick "
                f"compatibility); {hint}",
                VizkitWarning,
                stacklevel=4,
            )

    return Param(check, draw=True, warns=True)


def declared_params(cls: type) -> dict[str, Param]:
    """The declarations of ``cls``'s constructor parameters, by name.

    Entries come from ``_params`` along the class hierarchy (subclasses
    winning); only the parameters ``__init__`` takes are kept.
    """
    merged: dict[str, Param] = {}
    for klass in reversed(cls.__mro__):
        merged.update(vars(klass).get("_params", {}))
    names = cls._get_param_names()  # type: ignore[attr-defined]
    return {name: merged[name] for name in names if name in merged}


def drawing_params(cls: type) -> list[str]:
    """Names of the parameters read only when drawing."""
    return [name for name, param in declared_params(cls).items() if param.draw]


def validate_params(viz: Any, warn: bool = True) -> None:
    """Check every declared parameter of ``viz`` (its current values).

    Then ``viz._check_params_together()``, where a class checks parameters
    that exclude each other. ``warn=False`` skips the checks that only warn:
    calls that only draw do not repeat what ``fit`` already said.
    """
    for name, param in declared_params(type(viz)).items():
        if param.check is not None and (warn or not param.warns):
            param.check(getattr(viz, name), name, viz)
    together = getattr(viz, "_check_params_together", None)
    if together is not None:
        together()
