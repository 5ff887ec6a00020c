"""The vizkit look, applied only inside a ``with theme():`` block."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from vizkit.style.palettes import color_palette


def theme_rc(palette: Any = "yellowbrick") -> dict[str, Any]:
    """The rcParams of the vizkit theme (seaborn's whitegrid plus a palette)."""
    import seaborn as sns
    from cycler import cycler

    rc = dict(sns.axes_style("whitegrid"))
    rc.update(sns.plotting_context("notebook"))
    rc["axes.prop_cycle"] = cycler(color=color_palette(palette))
    rc["figure.dpi"] = 100
    return rc


@contextmanager
def theme(
    palette: Any = "yellowbrick", rc: dict[str, Any] | None = None
) -> Iterator[None]:
    """Draw with vizkit's theme inside the block; rcParams are restored after.

    Parameters
    ----------
    palette : str or list of colours, default="yellowbrick"
        The colour cycle, by name (see :data:`vizkit.style.PALETTES`) or list.
    rc : dict, default=None
        Extra rcParams to apply on top of the theme.

    Examples
    --------
    >>> from vizkit.style import theme
    >>> with theme("colorblind"):
    ...     pass  # visualizers shown here use the theme
    """
    import matplotlib as mpl

    params = theme_rc(palette)
    params.update(rc or {})
    with mpl.rc_context(params):  # type: ignore[arg-type]
        yield
