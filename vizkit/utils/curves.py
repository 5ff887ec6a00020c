"""Threshold curves (ROC, precision-recall) computed once per score column.

scikit-learn's ``roc_curve`` and ``precision_recall_curve`` validate their
input and sort the scores on every call. The curve visualizers check their
input once, so here one descending sort and one cumulative sum per score
column give every threshold's true and false positive counts, from which
each curve is read. The arrays equal scikit-learn's (same thresholds, same
dropped points); tests check them against it.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class ThresholdCounts(NamedTuple):
    """Positives and negatives scored at or above each distinct threshold.

    ``thresholds`` are the distinct scores, descending; ``tps[i]`` and
    ``fps[i]`` count the (weighted) positive and negative samples whose score
    is at least ``thresholds[i]``.
    """

    fps: np.ndarray
    tps: np.ndarray
    thresholds: np.ndarray


def threshold_counts(
    y_true: np.ndarray, scores: np.ndarray, sample_weight: np.ndarray | None = None
) -> ThresholdCounts:
    """Count positives and negatives above every distinct score.

    ``y_true`` is boolean (True for the positive class), ``scores`` a finite
    1-D float array of the same length. Equal to scikit-learn's
    ``confusion_matrix_at_thresholds`` without its validation.
    """
    if sample_weight is not None:
        keep = sample_weight != 0
        y_true, scores, sample_weight = y_true[keep], scores[keep], sample_weight[keep]
    # Ties need no stable sort: only counts at the end of each run of equal
    # scores are read, and they do not depend on the order inside the run.
    order = np.argsort(scores)[::-1]
    sorted_scores = scores[order]
    # The last index of each run of equal scores: one threshold per distinct score.
    ends = np.r_[np.flatnonzero(np.diff(sorted_scores)), len(sorted_scores) - 1]
    positive = y_true[order]
    if sample_weight is None:
        tps = np.cumsum(positive, dtype=np.float64)[ends]
        fps = (ends + 1) - tps
    else:
        weight = sample_weight[order]
        tps = np.cumsum(positive * weight)[ends]
        fps = np.cumsum(weight)[ends] - tps
    return ThresholdCounts(fps, tps, sorted_scores[ends])


def roc_points(
    counts: ThresholdCounts, drop_intermediate: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(fpr, tpr, thresholds)`` as ``sklearn.metrics.roc_curve`` returns them.

    ``drop_intermediate`` drops the points collinear with their neighbours,
    which do not change the drawn curve or its area.
    """
    fps, tps, thresholds = counts
    if drop_intermediate and len(fps) > 2:
        corner = np.logical_or(np.diff(fps, 2), np.diff(tps, 2))
        keep = np.flatnonzero(np.r_[True, corner, True])
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    fps = np.r_[0.0, fps]
    tps = np.r_[0.0, tps]
    thresholds = np.r_[np.inf, thresholds]
    return fps / fps[-1], tps / tps[-1], thresholds


def precision_recall_points(
    counts: ThresholdCounts,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(precision, recall, thresholds)`` as ``precision_recall_curve`` returns them.

    Recall decreases along the arrays, which end at precision 1, recall 0.
    """
    fps, tps, thresholds = counts
    predicted = tps + fps
    precision = np.divide(tps, predicted, out=np.zeros_like(tps), where=predicted != 0)
    recall = tps / tps[-1]
    return (
        np.r_[precision[::-1], 1.0],
        np.r_[recall[::-1], 0.0],
        thresholds[::-1],
    )


def average_precision(precision: np.ndarray, recall: np.ndarray) -> float:
    """The area under a precision-recall curve as ``average_precision_score``.

    Precision at each threshold weighted by the recall gained there (a step
    sum, no interpolation).
    """
    return float(-np.sum(np.diff(recall) * precision[:-1]))


def macro_average(
    xs: list[np.ndarray], ys: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The mean curve: each curve's y interpolated on the union of their x points.

    For ROC curves, ``xs`` are false positive rates and ``ys`` true positive
    rates (each ``x`` sorted ascending, as ``roc_curve`` returns it).
    """
    grid = np.unique(np.concatenate(xs))
    mean = np.zeros_like(grid, dtype=np.float64)
    for x, y in zip(xs, ys):
        mean += np.interp(grid, x, y)
    return grid, mean / len(xs)


#: Cells per unit of each axis when thinning: far finer than any figure's pixels.
THIN_RESOLUTION = 2000


def thin_curve(
    x: np.ndarray, y: np.ndarray, resolution: int = THIN_RESOLUTION
) -> tuple[np.ndarray, np.ndarray]:
    """The points of a polyline that matter at ``resolution`` cells per unit.

    Consecutive points falling in the same cell of a ``resolution`` x
    ``resolution`` grid over the unit square form a run; only the first and
    last point of each run are kept, so every dropped point lies within one
    cell (1/2000 of the axes) of the kept line. A curve of 1e6 thresholds is
    drawn with a few thousand points and the same shape.
    """
    if len(x) <= 4 * resolution:
        return x, y
    cells = np.floor(np.column_stack([x, y]) * resolution)
    changes = np.any(np.diff(cells, axis=0) != 0, axis=1)
    run_start = np.r_[True, changes]
    run_end = np.r_[changes, True]
    keep = run_start | run_end
    return x[keep], y[keep]
