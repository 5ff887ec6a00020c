"""Whose figure a visualizer draws on, and how it is shown.

matplotlib belongs to the user (DESIGN.md section 3): pyplot is imported only
when a figure is needed, a visualizer draws on the user's empty current Axes
or on a figure of its own (never over a plot), and showing displays that one
figure alone.
"""

from __future__ import annotations

import sys
from typing import Any

# Backends that cannot open a window: ``show()`` without ``outpath`` does nothing.
NON_INTERACTIVE = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}


def pyplot():
    """Import pyplot only when a figure is really needed (DESIGN.md section 3)."""
    import matplotlib.pyplot as plt

    return plt


def is_drawing(value: Any) -> bool:
    """True for matplotlib artists and colorbars, alone, in a list or a dict."""
    if "matplotlib" not in sys.modules:
        return False  # nothing was drawn in this process
    from matplotlib.artist import Artist
    from matplotlib.colorbar import Colorbar

    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return any(is_drawing(item) for item in value)
    return isinstance(value, (Artist, Colorbar))


def users_empty_axes(subplot_kw: dict[str, Any]):
    """pyplot's current Axes when the user just made it and it is still empty.

    After ``fig, ax = plt.subplots(figsize=...)`` or ``plt.figure(...)`` the
    plot goes there, as Yellowbrick and seaborn draw on ``plt.gca()``. A
    current Axes that already holds a plot is never drawn over: None then.
    """
    if "matplotlib.pyplot" not in sys.modules:
        return None  # no pyplot figure can exist yet
    plt = pyplot()
    if not plt.get_fignums():
        return None
    fig = plt.gcf()
    if not fig.axes:
        return fig.add_subplot(**subplot_kw)
    ax = fig.gca()
    if ax.has_data() or ax.texts or ax.get_title():
        return None
    projection = subplot_kw.get("projection")
    if projection is not None and ax.name != projection:
        # e.g. a 3-D plot asked for on an empty 2-D Axes: replace it in place
        spec = ax.get_subplotspec()
        ax.remove()
        return (
            fig.add_subplot(spec, **subplot_kw)
            if spec
            else fig.add_subplot(**subplot_kw)
        )
    return ax


def inline_backend() -> bool:
    """True in a notebook with the inline backend (figures shown as images)."""
    if "matplotlib.pyplot" not in sys.modules:
        return False
    return "inline" in pyplot().get_backend().lower()


def display(fig) -> None:
    """Show ``fig`` alone: inline as one image, in a window until it is closed."""
    plt = pyplot()
    backend = plt.get_backend().lower()
    if inline_backend():
        from IPython.display import display as show_inline

        show_inline(fig)
        return
    if backend in NON_INTERACTIVE:
        return
    fig.show()
    if not plt.isinteractive():  # block as plt.show() does, for this figure only
        canvas = fig.canvas
        canvas.mpl_connect("close_event", lambda event: canvas.stop_event_loop())
        canvas.start_event_loop(0)
