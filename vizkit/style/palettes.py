"""Named colour palettes: Yellowbrick's names plus every seaborn palette.

Nothing here touches ``matplotlib.rcParams``.
"""

from __future__ import annotations

from itertools import cycle, islice
from typing import Any

from vizkit.exceptions import VizkitValueError

#: Near-black used for reference lines (diagonals, zero lines, fits).
LINE_COLOR = "#111111"

#: Yellowbrick's palette names and colours (colours are facts, names its API).
PALETTES: dict[str, list[str]] = {
    "yellowbrick": ["#0272a2", "#9fc377", "#ca0b03", "#a50258", "#d7c703", "#88cada"],
    "accent": ["#386cb0", "#7fc97f", "#f0027f", "#beaed4", "#ffff99", "#fdc086"],
    "dark": ["#7570b3", "#66a61e", "#d95f02", "#e7298a", "#e6ab02", "#1b9e77"],
    "pastel": ["#cbd5e8", "#b3e2cd", "#fdcdac", "#f4cae4", "#fff2ae", "#e6f5c9"],
    "bold": ["#377eb8", "#4daf4a", "#e41a1c", "#984ea3", "#ffff33", "#ff7f00"],
    "muted": ["#80b1d3", "#8dd3c7", "#fb8072", "#bebada", "#ffffb3", "#fdb462"],
    "colorblind": ["#0072B2", "#009E73", "#D55E00", "#CC79A7", "#F0E442", "#56B4E9"],
    "flatui": ["#34495e", "#2ecc71", "#e74c3c", "#9b59b6", "#f4d03f", "#3498db"],
    "neural_paint": [
        "#167192", "#6e7548", "#c5a2ab", "#00ccff",
        "#de78ae", "#ffcc99", "#3d3f42", "#ffffcc",
    ],
}  # fmt: skip

#: Yellowbrick's "sns_*" names map to seaborn's palettes of the same suffix.
_SEABORN_PREFIX = "sns_"


def _seaborn_palette(name: str, n_colors: int | None) -> list[str]:
    import seaborn as sns

    try:
        return sns.color_palette(name, n_colors).as_hex()
    except (ValueError, KeyError):
        known = ", ".join(sorted(PALETTES))
        raise VizkitValueError(
            f"palette {name!r} is not a vizkit, seaborn or matplotlib palette; "
            f"try one of {known}, or a seaborn name such as 'deep'."
        ) from None


def color_palette(palette: Any = None, n_colors: int | None = None) -> list[str]:
    """Return a list of hex colours.

    ``palette`` is None (matplotlib's current colour cycle), a vizkit or
    Yellowbrick name, a seaborn or matplotlib palette/colormap name, or a list
    of colours. With ``n_colors`` the palette is cycled or cut to that length.
    """
    if palette is None:
        import matplotlib as mpl

        colors = list(mpl.rcParams["axes.prop_cycle"].by_key()["color"])
    elif isinstance(palette, str):
        name = palette.lower()
        if name in PALETTES:
            colors = PALETTES[name]
        else:
            name = (
                palette[len(_SEABORN_PREFIX) :]
                if name.startswith(_SEABORN_PREFIX)
                else palette
            )
            return _seaborn_palette(name, n_colors)
    else:
        colors = list(palette)
    if n_colors is None:
        return [_to_hex(c) for c in colors]
    return [_to_hex(c) for c in islice(cycle(colors), n_colors)]


def _to_hex(color: Any) -> str:
    from matplotlib.colors import to_hex

    return to_hex(color, keep_alpha=False)


def resolve_colors(
    n_colors: int, colormap: Any = None, colors: Any = None
) -> list[str]:
    """Colours for ``n_colors`` series from ``colors`` or ``colormap``.

    ``colors`` (one colour, a list or a palette name) wins over ``colormap``
    (a matplotlib colormap or its name, sampled evenly). Neither gives the
    current colour cycle, so a user's matplotlib style is respected, then
    more distinct colours when it has too few (:func:`class_colors`).
    """
    if is_single_color(colors):
        return [_to_hex(colors)] * n_colors
    if colors is not None:
        return color_palette(colors, n_colors)
    if colormap is not None:
        import numpy as np

        cmap = get_colormap(colormap)
        return [_to_hex(cmap(x)) for x in np.linspace(0, 1, n_colors)]
    return class_colors(n_colors)


#: Above this many classes the colour cycle would repeat: a hue circle is used.
QUALITATIVE_MAX = 20


def class_colors(n_colors: int, palette: Any = None) -> list[str]:
    """``n_colors`` distinct colours, one per class, for any number of classes.

    ``palette`` (a name or a list) is used as given. Otherwise the current
    colour cycle serves while it has enough colours, then matplotlib's
    "tab20", then evenly spaced hues of seaborn's "husl" circle, so no two
    classes share a colour.
    """
    if palette is not None:
        return color_palette(palette, n_colors)
    cycle_colors = color_palette(None)
    if n_colors <= len(set(cycle_colors)):
        return cycle_colors[:n_colors]
    if n_colors <= QUALITATIVE_MAX:
        return color_palette("tab20", n_colors)
    return color_palette("husl", n_colors)


def check_colors(value: Any, name: str = "colors") -> None:
    """Raise a clear error unless ``value`` is a colour, colours or a palette."""
    from matplotlib.colors import is_color_like

    if is_single_color(value):
        return
    if isinstance(value, str):
        try:
            color_palette(value, 1)
        except VizkitValueError as error:
            raise VizkitValueError(f"{name}={value!r}: {error}") from None
        return
    try:
        bad = [c for c in value if not is_color_like(c)]
    except TypeError:
        bad = [value]
    if bad:
        raise VizkitValueError(
            f"{name} has {bad[0]!r}, which is not a matplotlib colour; pass colour "
            "names ('red'), hex strings ('#ff0000') or RGB tuples."
        )


def check_color(value: Any, name: str = "color") -> None:
    """Raise a clear error unless ``value`` is one matplotlib colour."""
    from matplotlib.colors import is_color_like

    if not is_color_like(value):
        raise VizkitValueError(
            f"{name}={value!r} is not a matplotlib colour; pass a colour name "
            "('red'), a hex string ('#ff0000') or an RGB tuple."
        )


def is_single_color(value: Any) -> bool:
    """True for one colour ("red", "#ff0000", an RGB tuple), not a palette name."""
    from matplotlib.colors import is_color_like

    if isinstance(value, str):
        return value.lower() not in PALETTES and is_color_like(value)
    return isinstance(value, tuple) and is_color_like(value)


def get_colormap(colormap: Any, name: str = "colormap"):
    """A matplotlib colormap from a name or a Colormap, with a clear error."""
    import matplotlib as mpl
    from matplotlib.colors import Colormap

    if isinstance(colormap, Colormap):
        return colormap
    if not isinstance(colormap, str):
        raise VizkitValueError(
            f"{name}={colormap!r} is not a colormap; pass a matplotlib Colormap "
            "or the name of one, such as 'viridis'."
        )
    if colormap not in mpl.colormaps:
        raise VizkitValueError(
            f"{name}={colormap!r} is not a matplotlib colormap; use a name from "
            "matplotlib.colormaps such as 'viridis', or a Colormap object."
        )
    return mpl.colormaps[colormap]
