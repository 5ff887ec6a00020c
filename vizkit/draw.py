"""Drawing pieces shared by every family: scatters that scale, manual legends,
category tick labels that fit.

A scatter of up to ``DENSITY_THRESHOLD`` points is one ``PathCollection``.
Above it the points are binned into an image (one ``AxesImage``), coloured by
the majority class or the mean value of each bin, so a million points draw in
the time of a few thousand, with the same axes limits, colours and legend. The
picture says so in a corner note.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np

#: Curves reaching the edges of their axes (a rate of 0 or 1) are drawn
#: unclipped above the spines (zorder 2.5) so they stay visible; the legend
#: (zorder 5) stays on top of them.
CURVE_ZORDER = 3
#: Rows above which 2-D scatters are drawn as a binned density image.
DENSITY_THRESHOLD = 50_000
#: Bins along each axis of the density image.
DENSITY_BINS = 300

_NOTE_GID = "vizkit-density-note"
#: Most category tick labels shown along one axis; above it every k-th is shown.
MAX_TICK_LABELS = 40
#: Room a tick label needs beside its neighbour, as a multiple of its own size.
_LABEL_ROOM = 1.15


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


def text_colors(rgba: np.ndarray) -> np.ndarray:
    """Black for text on light cells, white on dark ones, one per RGBA colour.

    ``rgba`` has shape (..., 4), as a mappable's ``to_rgba`` returns it; the
    result has its shape without the last axis (an object array of "k"/"w").
    """
    brightness = np.asarray(rgba)[..., :3] @ np.array([0.299, 0.587, 0.114])
    return np.where(brightness > 0.55, "k", "w").astype(object)


# -- category tick labels --------------------------------------------------------------


def thinning_step(
    n_labels: int, spacing: float, height: float, max_labels: int = MAX_TICK_LABELS
) -> int:
    """Show every k-th of ``n_labels`` category labels; return k.

    Parameters
    ----------
    n_labels : int
        The number of labels along the axis.
    spacing : float
        Distance between neighbouring ticks, in pixels.
    height : float
        Height of one line of label text, in pixels (its thickness across
        the axis once it is written along the axis or rotated vertically).
    max_labels : int, default=MAX_TICK_LABELS
        The most labels shown, however much room there is.

    Returns
    -------
    step : int
        1 keeps every label.
    """
    by_count = math.ceil(n_labels / max(max_labels, 1))
    by_room = math.ceil(height * _LABEL_ROOM / spacing) if spacing > 0 else n_labels
    return max(1, by_count, by_room)


def label_rotation(width: float, spacing: float) -> Literal[0, 90]:
    """0 when labels ``width`` pixels wide fit side by side ``spacing`` apart, else 90.

    Parameters
    ----------
    width : float
        Width of the widest label, written horizontally, in pixels.
    spacing : float
        Distance between neighbouring labels, in pixels.

    Returns
    -------
    rotation : {0, 90}
    """
    return 0 if width * _LABEL_ROOM <= spacing else 90


def fit_tick_labels(
    ax, axis: Literal["x", "y"] = "x", max_labels: int = MAX_TICK_LABELS
) -> tuple[int, int]:
    """Thin and rotate the category tick labels of one axis so they do not overlap.

    Call it once the ticks and labels are set (``ax.set_xticks(ticks, labels)``).
    The labels are measured with the figure's renderer against the tick
    spacing in pixels: when there are more than ``max_labels`` or they are
    too tight even written across the axis, only every k-th tick is kept; x
    labels wider than their slot are turned vertical (y labels stay
    horizontal, as they stack without overlapping). Short labels stay
    horizontal. The fit is for the Axes' size when it is called.

    Parameters
    ----------
    ax : matplotlib Axes
        Axes whose ticks and labels were set explicitly; an axis with
        matplotlib's automatic ticks is left alone.
    axis : {"x", "y"}, default="x"
        Which axis to fit.
    max_labels : int, default=MAX_TICK_LABELS
        The most labels shown along the axis.

    Returns
    -------
    step, rotation : int
        Every ``step``-th label is shown, at ``rotation`` degrees.
    """
    from matplotlib.ticker import FixedLocator

    target = ax.xaxis if axis == "x" else ax.yaxis
    if not isinstance(target.get_major_locator(), FixedLocator):
        return 1, 0  # not category ticks: matplotlib's locator already fits them
    ticks = np.asarray(target.get_ticklocs(), dtype=float)
    labels = [text.get_text() for text in target.get_ticklabels()]
    if len(ticks) == 0:
        return 1, 0
    spacing = _tick_spacing(ax, axis, ticks)
    # Thin by count first, so only the labels that may be shown are measured.
    step = thinning_step(len(ticks), spacing, 0.0, max_labels)
    width, height = _label_size(_keep_every(target, ticks, labels, step))
    room = thinning_step(len(ticks), spacing, height, max_labels)
    step *= math.ceil(room / step)  # a multiple of step: only measured labels stay
    texts = _keep_every(target, ticks, labels, step)
    rotation = label_rotation(width, spacing * step) if axis == "x" else 0
    for text in texts:
        text.set_rotation(rotation)
    return step, rotation


def _keep_every(target, ticks: np.ndarray, labels: list[str], step: int) -> list:
    """Keep every ``step``-th tick and its label; return the label Texts."""
    if step > 1:
        target.set_ticks(ticks[::step], labels[::step])
    return target.get_ticklabels()


def _tick_spacing(ax, axis: str, ticks: np.ndarray) -> float:
    """Smallest distance between neighbouring ticks, in pixels."""
    low, high = ax.get_xlim() if axis == "x" else ax.get_ylim()
    length = ax.bbox.width if axis == "x" else ax.bbox.height
    span = abs(high - low) or 1.0
    gaps = np.abs(np.diff(np.sort(ticks)))
    gap = float(gaps.min()) if len(gaps) else span
    return gap / span * length


def _label_size(texts: list) -> tuple[float, float]:
    """Width of the widest label and height of the tallest, written horizontally."""
    sizes = []
    for text in texts:
        text.set_rotation(0)
        box = text.get_window_extent()
        sizes.append((box.width, box.height))
    return tuple(np.max(sizes, axis=0)) if sizes else (0.0, 0.0)
