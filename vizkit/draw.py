"""Drawing pieces shared by every family: scatters that scale, manual legends.

A scatter of up to ``DENSITY_THRESHOLD`` points is one ``PathCollection``.
Above it the points are binned into an image (one ``AxesImage``), coloured by
the majority class or the mean value of each bin, so a million points draw in
the time of a few thousand, with the same axes limits, colours and legend. The
picture says so in a corner note.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

#: Rows above which 2-D scatters are drawn as a binned density image.
DENSITY_THRESHOLD = 50_000
#: Bins along each axis of the density image.
DENSITY_BINS = 300

_NOTE_GID = "vizkit-density-note"


def _bin_indices(x: np.ndarray, y: np.ndarray, bins: int):
    """Flat bin index of each point on a ``bins x bins`` grid, and the extent."""
    x_min, x_max = float(np.min(x)), float(np.max(x))
    y_min, y_max = float(np.min(y)), float(np.max(y))
    x_span = (x_max - x_min) or 1.0
    y_span = (y_max - y_min) or 1.0
    col = np.minimum(((x - x_min) / x_span * bins).astype(np.intp), bins - 1)
    row = np.minimum(((y - y_min) / y_span * bins).astype(np.intp), bins - 1)
    return row * bins + col, (x_min, x_min + x_span, y_min, y_min + y_span)


def class_density_image(
    x: np.ndarray, y: np.ndarray, codes: np.ndarray, colors: Sequence[Any],
    alpha: float = 1.0, bins: int = DENSITY_BINS,
):  # fmt: skip
    """RGBA image of the majority class per bin, opacity by log count.

    Returns ``(rgba, extent)``; ``rgba`` has shape (bins, bins, 4).
    """
    from matplotlib.colors import to_rgba_array

    flat, extent = _bin_indices(x, y, bins)
    n_classes = len(colors)
    counts = np.bincount(flat * n_classes + codes, minlength=bins * bins * n_classes)
    counts = counts.reshape(bins * bins, n_classes)
    total = counts.sum(axis=1)
    rgba = to_rgba_array(colors)[counts.argmax(axis=1)]
    rgba[:, 3] = alpha * _log_opacity(total)
    return rgba.reshape(bins, bins, 4), extent


def value_density_image(
    x: np.ndarray, y: np.ndarray, values: np.ndarray, bins: int = DENSITY_BINS
):
    """Mean of ``values`` per bin (NaN where empty) and the extent."""
    flat, extent = _bin_indices(x, y, bins)
    total = np.bincount(flat, minlength=bins * bins)
    sums = np.bincount(flat, weights=values, minlength=bins * bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(total > 0, sums / np.maximum(total, 1), np.nan)
    return mean.reshape(bins, bins), extent


def _log_opacity(count: np.ndarray) -> np.ndarray:
    """0 for empty bins, rising from 0.35 (one point) to 1 (the densest bin)."""
    top = max(int(count.max()), 1)
    scaled = np.log1p(count) / np.log1p(top)
    return np.where(count > 0, 0.35 + 0.65 * scaled, 0.0)


def _note_density(ax, n_points: int, bins: int) -> None:
    """Say in a corner that points were binned; one note per Axes, counts summed."""
    for text in ax.texts:
        if text.get_gid() == _NOTE_GID:
            n_points += text.vizkit_points
            text.remove()
    note = ax.text(
        0.99, 0.01, f"{n_points:,} points binned {bins}x{bins}",
        transform=ax.transAxes, ha="right", va="bottom", fontsize="x-small",
        color="0.4", gid=_NOTE_GID,
    )  # fmt: skip
    note.vizkit_points = n_points


def scatter_classes(
    ax, x: np.ndarray, y: np.ndarray, codes: np.ndarray, colors: Sequence[Any],
    *, alpha: float = 0.75, density_threshold: int = DENSITY_THRESHOLD,
    **kwargs: Any,
):  # fmt: skip
    """Scatter points coloured by class code (one colour if ``colors`` has one).

    Returns the artist: a ``PathCollection``, or an ``AxesImage`` when the
    number of points exceeds ``density_threshold``.
    """
    from matplotlib.colors import to_rgba_array

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    codes = np.asarray(codes, dtype=np.intp)
    if len(x) > density_threshold:
        rgba, extent = class_density_image(x, y, codes, colors, alpha)
        image = _show_image(ax, rgba, extent)
        _note_density(ax, len(x), rgba.shape[0])
        return image
    if len(colors) == 1:  # one colour takes Agg's faster single-style path
        return ax.scatter(x, y, color=colors[0], alpha=alpha, **kwargs)
    facecolors = to_rgba_array(colors)[codes]
    return ax.scatter(x, y, c=facecolors, alpha=alpha, **kwargs)


def scatter_values(
    ax, x: np.ndarray, y: np.ndarray, values: np.ndarray, *, cmap: Any = None,
    norm: Any = None, alpha: float = 0.75,
    density_threshold: int = DENSITY_THRESHOLD, **kwargs: Any,
):  # fmt: skip
    """Scatter points coloured by a continuous value through ``cmap``.

    Returns a mappable (for a colorbar): a ``PathCollection``, or an
    ``AxesImage`` of per-bin means above ``density_threshold`` points.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) > density_threshold:
        mean, extent = value_density_image(x, y, np.asarray(values, dtype=float))
        image = _show_image(ax, mean, extent, cmap=cmap, norm=norm, alpha=alpha)
        _note_density(ax, len(x), mean.shape[0])
        return image
    return ax.scatter(x, y, c=values, cmap=cmap, norm=norm, alpha=alpha, **kwargs)


def _show_image(ax, image: np.ndarray, extent, **kwargs: Any):
    return ax.imshow(
        image, extent=extent, origin="lower", aspect="auto",
        interpolation="nearest", **kwargs,
    )  # fmt: skip


def manual_legend(ax, labels: Sequence[str], colors: Sequence[Any], **kwargs: Any):
    """A legend of coloured markers, independent of the artists drawn."""
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], linestyle="", marker="o", color=color, label=str(label))
        for label, color in zip(labels, colors)
    ]
    kwargs.setdefault("frameon", True)
    return ax.legend(handles=handles, **kwargs)
