"""Parallel coordinates of 20 features, 3 classes: every row, saved as a PNG.

vizkit draws up to ``DENSITY_THRESHOLD`` (10,000) rows as one
``LineCollection`` and more as a density image of the lines. The floor draws
the same picture by hand with numpy and matplotlib: a ``LineCollection`` of
the rows, or (above the threshold) per gap between two axes a count of the
segments by (left bin, right bin) and class, spread over the gap's image
columns, colours mixed by count, log opacity, ``imshow``; then the axis lines,
feature ticks, legend and title. Yellowbrick 1.5's default
``ParallelCoordinates`` calls ``ax.plot`` once per row.
"""

from __future__ import annotations

import numpy as np

from benchmarks.cases._common import SEED, class_colors, new_axes, yellowbrick_style
from vizkit.datasets import Dataset, make_classification_data

PREFIT = False
DESCRIPTION = "20 features, 3 classes; lines up to 10,000 rows, density image above"
N_FEATURES = 20
N_CLASSES = 3
#: The floor's density image: rows (value bins) and columns per gap.
BINS, GAP_COLUMNS = 256, 34


def build(n_rows: int) -> Dataset:
    """Seeded 3-class data with 20 features."""
    return make_classification_data(
        n_rows, n_features=N_FEATURES, n_classes=N_CLASSES, random_state=SEED
    )


def run_vizkit(data: Dataset, path: str) -> None:
    from vizkit.features.pcoords import ParallelCoordinates

    viz = ParallelCoordinates()
    viz.fit_transform(data.X, data.y)
    viz.show(outpath=path)


def _floor_density(X: np.ndarray, y: np.ndarray, n_classes: int) -> np.ndarray:
    """Lines per pixel and class, shape (classes, BINS, columns), by hand."""
    low, high = X.min(), X.max()
    scaled = np.minimum((X - low) * (BINS / (high - low)), BINS - 1)
    binned = np.ascontiguousarray(scaled.astype(np.uint8).T)  # a row per axis
    n_gaps, width = X.shape[1] - 1, GAP_COLUMNS * (X.shape[1] - 1)
    t = (np.arange(GAP_COLUMNS) + 0.5) / GAP_COLUMNS
    image = np.zeros(n_classes * BINS * width)
    offset = y.astype(np.intp) * (BINS * BINS)
    for gap in range(n_gaps):
        pair = offset + binned[gap].astype(np.intp) * BINS + binned[gap + 1]
        counts = np.bincount(pair, minlength=n_classes * BINS * BINS)
        seen = np.flatnonzero(counts)
        code, left, right = np.unravel_index(seen, (n_classes, BINS, BINS))
        rows = ((left[:, None] + 0.5) * (1 - t) + (right[:, None] + 0.5) * t).astype(
            np.intp
        )
        pixel = (code[:, None] * BINS + rows) * width + gap * GAP_COLUMNS
        pixel += np.arange(GAP_COLUMNS)
        weights = np.repeat(counts[seen], GAP_COLUMNS)
        image += np.bincount(pixel.ravel(), weights, minlength=image.size)
    return image.reshape(n_classes, BINS, width)


def _floor_rgba(counts: np.ndarray, colors: np.ndarray) -> np.ndarray:
    total = counts.sum(axis=0)
    mixed = (
        np.einsum("kij,kc->ijc", counts, colors[:, :3])
        / np.maximum(total, 1)[..., None]
    )
    opacity = np.log1p(total) / np.log1p(total.max())
    alpha = np.where(total > 0, 0.15 + 0.85 * opacity, 0.0)
    return np.dstack([mixed, alpha])


def run_floor(data: Dataset, path: str) -> None:
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    X, y = data.X, data.y
    n_classes, n_features = int(y.max()) + 1, X.shape[1]
    colors = class_colors(n_classes)
    fig, ax = new_axes()
    axes = np.arange(n_features)
    if len(X) > 10_000:
        rgba = _floor_rgba(_floor_density(X, y, n_classes), colors)
        extent = (0, n_features - 1, X.min(), X.max())
        ax.imshow(rgba, extent=extent, origin="lower", aspect="auto")
    else:
        vertices = np.stack([np.broadcast_to(axes, X.shape), X], axis=-1)
        ax.add_collection(LineCollection(vertices, colors=colors[y], alpha=0.25))
    ax.vlines(axes, 0, 1, transform=ax.get_xaxis_transform(), color="black")
    ax.set_xticks(axes, [f"x{i}" for i in axes], rotation=90)
    ax.set(xlim=(0, n_features - 1), ylim=(X.min(), X.max()))
    ax.set_title(f"Parallel Coordinates for {n_features} Features")
    handles = [Line2D([], [], ls="", marker="o", color=c) for c in colors]
    ax.legend(handles, range(n_classes), loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.tight_layout()
    fig.savefig(path)


def run_yellowbrick(data: Dataset, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.features import ParallelCoordinates

    viz = ParallelCoordinates()
    viz.fit_transform(data.X, data.y)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
