"""Density images of many polylines, as parallel coordinates draw them.

Each row of ``Y`` (n_rows, n_axes) is a polyline through ``(j, Y[row, j])``.
Drawing a million of them with matplotlib takes minutes; binning them takes
about a second:

1. every value is binned into one of ``bins`` rows of the image (its height
   on the shared vertical axis);
2. for each gap between neighbouring axes, the segments are counted by the
   pair (bin at the left axis, bin at the right axis), per channel (per class,
   or a count and a sum of target values) with one ``np.bincount``;
3. each such pair is a segment of known shape: a fixed sparse matrix
   (:func:`raster_matrix`) spreads its count over the image columns of the
   gap, one pixel per column at the height the segment passes there.

The image thus counts, at each column, how many lines pass through each
pixel. Heights are exact to one image row (``1 / bins`` of the value range).
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from scipy import sparse

#: Rows of the density image: bins across the shared vertical axis.
DENSITY_ROWS = 256
#: About how many image columns in all, split evenly between the gaps.
DENSITY_WIDTH = 640
#: Fewest and most image columns per gap between two axes (the raster
#: matrix has ``DENSITY_ROWS**2`` entries per column: the cap bounds it).
GAP_COLUMNS = (8, 64)


def gap_columns(n_axes: int, width: int = DENSITY_WIDTH) -> int:
    """Image columns per gap for ``n_axes`` axes (``n_axes - 1`` gaps)."""
    low, high = GAP_COLUMNS
    return int(min(max(math.ceil(width / max(n_axes - 1, 1)), low), high))


def value_bins(
    Y: np.ndarray, low: float, high: float, bins: int, chunk: int = 65_536
) -> np.ndarray:
    """Row bin of each value, transposed: shape (n_axes, n_rows).

    The transpose makes each axis' bins contiguous for the per-gap counts;
    small integers and chunks of rows keep the memory at a fraction of Y's.
    """
    scale = bins / ((high - low) or 1.0)
    dtype = np.uint8 if bins <= 256 else np.uint16
    binned = np.empty(Y.shape[::-1], dtype=dtype)
    buffer = np.empty((min(chunk, len(Y)), Y.shape[1]))
    for start in range(0, len(Y), chunk):
        rows = Y[start : start + chunk]
        block = buffer[: len(rows)]
        np.subtract(rows, low, out=block)
        block *= scale
        np.minimum(block, bins - 1, out=block)
        binned[:, start : start + len(rows)] = block.astype(dtype).T  # floor
    return binned


@lru_cache(maxsize=4)
def raster_matrix(bins: int, columns: int) -> sparse.csc_matrix:
    """Sparse map from segment counts to image pixels, for one gap.

    Column ``b0 * bins + b1`` stands for a segment from bin ``b0`` (left
    axis) to bin ``b1`` (right axis); row ``p * bins + r`` is pixel row ``r``
    of the gap's image column ``p``. Each segment lights one pixel per column,
    where the line between the bin centres crosses the column's centre.
    """
    t = (np.arange(columns) + 0.5) / columns
    start, end = np.divmod(np.arange(bins * bins), bins)
    rows = np.floor((start[:, None] + 0.5) * (1 - t) + (end[:, None] + 0.5) * t)
    # Compressed by column (one per segment pair, ``columns`` pixels each, in
    # order), so the pairs that occur are picked cheaply.
    pixel = (np.arange(columns) * bins + rows.astype(np.int32)).ravel()
    starts = np.arange(0, len(pixel) + 1, columns)
    shape = (columns * bins, bins * bins)
    return sparse.csc_matrix((np.ones(len(pixel)), pixel, starts), shape=shape)


def gap_counts(
    left: np.ndarray, right: np.ndarray, bins: int, codes: np.ndarray | None,
    n_codes: int, values: np.ndarray | None,
) -> np.ndarray:  # fmt: skip
    """Segments per (left bin, right bin) pair, one column per channel.

    ``codes`` are the rows' class codes premultiplied by ``bins**2`` (None
    for one class). With ``values`` the channels are the count of segments
    and the sum of their values; otherwise one count per class.

    Returns
    -------
    counts : ndarray of shape (bins * bins, n_channels)
    """
    flat = left.astype(np.intp) * bins
    flat += right
    if values is not None:
        count = np.bincount(flat, minlength=bins * bins)
        total = np.bincount(flat, weights=values, minlength=bins * bins)
        return np.column_stack([count, total]).astype(np.float64)
    if codes is not None:
        flat += codes
    counts = np.bincount(flat, minlength=n_codes * bins * bins)
    return counts.reshape(n_codes, bins * bins).T.astype(np.float64)


def line_density(
    Y: np.ndarray, codes: np.ndarray | None = None, n_codes: int = 1,
    values: np.ndarray | None = None, bins: int = DENSITY_ROWS,
    width: int = DENSITY_WIDTH, limits: tuple[float, float] | None = None,
) -> tuple[np.ndarray, tuple[float, float]]:  # fmt: skip
    """Per-channel counts of the polylines of ``Y`` through each pixel.

    Parameters
    ----------
    Y : ndarray of shape (n_rows, n_axes)
        The heights of each polyline at axes ``0 .. n_axes - 1``.
    codes : ndarray of int, shape (n_rows,), default=None
        Class code of each row (0 .. n_codes - 1); None for one class.
    n_codes : int, default=1
        The number of classes.
    values : ndarray of shape (n_rows,), default=None
        A continuous target: the channels are then the count and the sum of
        the values of the lines through each pixel (``codes`` is ignored).
    bins, width : int
        Image rows, and about how many image columns in all.
    limits : (float, float), default=None
        The lowest and highest value of ``Y``, if already known.

    Returns
    -------
    density : ndarray of shape (bins, n_columns, n_channels)
        ``n_columns = gap_columns(n_axes, width) * (n_axes - 1)``; the image
        spans x from 0 to ``n_axes - 1`` and y over ``limits``.
    limits : (float, float)
        The lowest and highest value of ``Y``.
    """
    n_axes = Y.shape[1]
    low, high = limits if limits is not None else (float(Y.min()), float(Y.max()))
    binned = value_bins(Y, low, high, bins)
    columns = gap_columns(n_axes, width)
    matrix = raster_matrix(bins, columns)
    offsets = None
    if values is None and codes is not None and n_codes > 1:
        offsets = np.asarray(codes, dtype=np.intp) * (bins * bins)
    n_channels = 2 if values is not None else n_codes
    density = np.empty((bins, columns * (n_axes - 1), n_channels))
    for gap in range(n_axes - 1):
        counts = gap_counts(
            binned[gap], binned[gap + 1], bins, offsets, n_codes, values
        )
        seen = np.flatnonzero(counts.any(axis=1))  # most pairs never occur
        pixels = matrix[:, seen] @ counts[seen]
        pixels = pixels.reshape(columns, bins, n_channels)
        density[:, gap * columns : (gap + 1) * columns] = pixels.transpose(1, 0, 2)
    return density, (low, high)


def log_opacity(count: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """0 where no line passes, from 0.15 (one line) to 1 (the densest pixel)."""
    top = max(float(count.max()), 1.0)
    scaled = np.log1p(count) / np.log1p(top)
    return np.where(count > 0, alpha * (0.15 + 0.85 * scaled), 0.0)


def class_density_rgba(
    density: np.ndarray, rgb: np.ndarray, alpha: float = 1.0
) -> np.ndarray:
    """RGBA image: the classes' colours mixed by their counts, log opacity.

    ``rgb`` has one row per channel (class). Where classes overlap the pixel
    takes the count-weighted mean of their colours, so no class hides another.
    """
    total = density.sum(axis=2)
    mixed = density @ rgb[:, :3] / np.maximum(total, 1.0)[..., None]
    return np.dstack([mixed, log_opacity(total, alpha)])


def value_density_rgba(
    density: np.ndarray, cmap, norm, alpha: float = 1.0
) -> np.ndarray:
    """RGBA image: the mean target value of the lines per pixel, log opacity."""
    count, total = density[..., 0], density[..., 1]
    mean = total / np.maximum(count, 1.0)
    rgba = np.asarray(cmap(norm(mean)), dtype=np.float64)
    rgba[..., 3] = log_opacity(count, alpha)
    return rgba
