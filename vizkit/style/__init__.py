"""Palettes and the vizkit theme. Importing this changes no rcParams."""

from vizkit.style.palettes import (
    LINE_COLOR,
    PALETTES,
    check_color,
    check_colors,
    class_colors,
    color_palette,
    get_colormap,
    resolve_colors,
)
from vizkit.style.theme import theme

__all__ = [
    "LINE_COLOR",
    "PALETTES",
    "check_color",
    "check_colors",
    "class_colors",
    "color_palette",
    "get_colormap",
    "resolve_colors",
    "theme",
]
