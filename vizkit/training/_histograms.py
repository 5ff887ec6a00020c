"""Histograms over epochs, and the grid of per-layer panels they are drawn on.

The computations (arrays in, arrays out) bin each layer's values of every
epoch on one set of edges per layer, so the epochs of a layer compare bin
for bin. The drawing helpers lay out one panel per layer (rows) below the
visualizer's ``ax_``, and draw a layer's histograms as a heatmap (x epoch,
y value, colour the count, TensorBoard's "overlay" read from above) or as a
ridge of outlines, one per epoch (TensorBoard's "offset" view).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

#: The most epochs a ridge draws (evenly spaced, first and last included).
MAX_RIDGES = 16
#: How far a ridge reaches into the rows above it, in rows.
RIDGE_OVERLAP = 1.6
#: Panel sizes of a figure the visualizer makes, in inches.
PANEL_WIDTH, PANEL_HEIGHT = 7.0, 1.5
#: Gaps between panels, in inches (room for tick labels and titles).
ROW_GAP, COLUMN_GAP = 0.35, 0.55

# -- computations -------------------------------------------------------------------


def shared_edges(values: Sequence[np.ndarray], bins: int) -> np.ndarray:
    """``bins + 1`` edges spanning every value of every epoch (numpy's rule)."""
    return np.histogram_bin_edges(np.concatenate([np.ravel(v) for v in values]), bins)


def counts_over_epochs(values: Sequence[np.ndarray], edges: np.ndarray) -> np.ndarray:
    """``np.histogram`` of each epoch's values on ``edges``: (n_epochs, n_bins)."""
    return np.array([np.histogram(np.ravel(v), bins=edges)[0] for v in values])


def layer_histograms(
    history: Sequence[Sequence[np.ndarray]], bins: int
) -> tuple[np.ndarray, np.ndarray]:
    """Edges (n_layers, bins + 1) and counts (n_layers, n_epochs, bins).

    ``history[epoch][layer]`` is one layer's array after one epoch; each
    layer gets its own edges, shared by its epochs.
    """
    edges, counts = [], []
    for layer in range(len(history[0])):
        values = [epoch[layer] for epoch in history]
        edges.append(shared_edges(values, bins))
        counts.append(counts_over_epochs(values, edges[-1]))
    return np.array(edges), np.array(counts)


def ridge_epochs(n_epochs: int, most: int = MAX_RIDGES) -> np.ndarray:
    """Indices of at most ``most`` epochs, evenly spaced, first and last kept."""
    return np.unique(np.linspace(0, n_epochs - 1, min(n_epochs, most)).round()).astype(
        int
    )


# -- the panels ---------------------------------------------------------------------


def panel_grid(viz: Any, n_rows: int, widths: Sequence[float]) -> np.ndarray:
    """A grid of Axes (n_rows, n_columns) whose top-left one is ``viz.ax_``.

    The grid fills the place of ``ax_`` (made with an axes divider, as
    ``make_axes_locatable`` does), so a given Axes keeps the first panel and
    the others take its room. A figure the visualizer owns grows with the
    rows. A redraw removes the panels of the previous one.
    """
    from mpl_toolkits.axes_grid1 import Size, make_axes_locatable

    for old in viz.__dict__.get("_extra_axes", []):
        if old in viz.fig_.axes:
            old.remove()
    ax = viz.ax_
    ax.set_axes_locator(None)
    if viz._owns_figure and viz.size is None:
        viz.fig_.set_size_inches(PANEL_WIDTH, 1.2 + PANEL_HEIGHT * n_rows)
    horizontal: list[Any] = []
    for width in widths:
        horizontal += [Size.Fixed(COLUMN_GAP), Size.Scaled(width)]
    vertical: list[Any] = []
    for _ in range(n_rows):
        vertical += [Size.Fixed(ROW_GAP), Size.Scaled(1)]
    divider = make_axes_locatable(ax)
    divider.set_horizontal(horizontal[1:])
    divider.set_vertical(vertical[1:])
    grid = np.empty((n_rows, len(widths)), dtype=object)
    extra = []
    for row in range(n_rows):
        for column in range(len(widths)):
            locator = divider.new_locator(nx=2 * column, ny=2 * (n_rows - 1 - row))
            if row == column == 0:
                panel = ax
                ax.set_axes_locator(locator)
            else:
                panel = viz.fig_.add_axes(ax.get_position(), axes_locator=locator)
                extra.append(panel)
            grid[row, column] = panel
    viz._extra_axes = extra
    return grid


def epoch_axis(grid: np.ndarray, epochs: np.ndarray) -> None:
    """One epoch range on every panel, tick labels and "epoch" on the bottom row."""
    from matplotlib.ticker import MaxNLocator

    for row, panels in enumerate(grid):
        for panel in panels:
            panel.set_xlim(epochs[0] - 0.5, epochs[-1] + 0.5)
            panel.xaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))
            if row < len(grid) - 1:
                panel.tick_params(labelbottom=False)
            else:
                panel.set_xlabel("epoch")


def draw_heatmap(ax, epochs: np.ndarray, edges: np.ndarray, counts, cmap, log=False):
    """Counts (n_epochs, n_bins) as one QuadMesh: x epoch, y value, colour count.

    ``log`` colours the counts on a log scale (empty bins in the colormap's
    first colour), so one crowded bin does not wash out the others.
    """
    from matplotlib.colors import LogNorm

    epoch_edges = np.append(epochs - 0.5, epochs[-1] + 0.5)
    norm = None
    if log:
        norm = LogNorm(vmin=1, vmax=max(float(counts.max()), 1.0))
        cmap = cmap.with_extremes(bad=cmap(0.0), under=cmap(0.0))
    mesh = ax.pcolormesh(
        epoch_edges, edges, counts.T, cmap=cmap, norm=norm, shading="flat"
    )
    mesh.set_rasterized(True)  # a mesh of thousands of cells saves as one image
    return mesh


def draw_ridge(ax, epochs: np.ndarray, edges: np.ndarray, counts, cmap):
    """One filled outline per (sampled) epoch, later epochs lower and in front.

    The y axis is the epoch (first at the top); each outline rises from its
    epoch's line by its counts, scaled so the tallest bin reaches
    ``RIDGE_OVERLAP`` rows up. Returns the PolyCollection.
    """
    from matplotlib.collections import PolyCollection

    chosen = ridge_epochs(len(epochs))
    step = float(np.diff(epochs[chosen]).min()) if len(chosen) > 1 else 1.0
    peak = max(float(counts[chosen].max()), 1.0)
    centres = (edges[:-1] + edges[1:]) / 2
    polygons = []
    for index in chosen:
        base = float(epochs[index])
        top = base - RIDGE_OVERLAP * step * counts[index] / peak
        xs = np.concatenate([[edges[0]], centres, [edges[-1]]])
        ys = np.concatenate([[base], top, [base]])
        polygons.append(np.column_stack([xs, ys]))
    shades = cmap(np.linspace(0.35, 0.95, len(chosen)))
    ridge = PolyCollection(polygons, facecolors=shades, edgecolors="white", lw=0.6)
    ax.add_collection(ridge)
    ax.set_xlim(edges[0], edges[-1])
    low = float(epochs[chosen[0]]) - RIDGE_OVERLAP * step
    ax.set_ylim(float(epochs[chosen[-1]]) + 0.3 * step, low)
    return ridge
