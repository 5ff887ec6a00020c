"""The threshold-curve core: every array equals scikit-learn's."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.spatial import cKDTree
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_curve

from vizkit.utils.curves import (
    average_precision,
    precision_recall_points,
    roc_points,
    thin_curve,
    threshold_counts,
)


def problem(n, ties, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.random(n) < 0.3
    scores = rng.random(n) + 0.5 * y
    if ties:
        scores = np.round(scores, 1)  # long runs of equal scores
    return y, scores


CASES = [(n, ties) for n in (3, 50, 5_000) for ties in (False, True)]


@pytest.mark.parametrize(("n", "ties"), CASES)
@pytest.mark.parametrize("weighted", [False, True])
def test_roc_points_equal_roc_curve(n, ties, weighted):
    y, scores = problem(n, ties)
    y[0], y[-1] = True, False  # both classes, even for n=3
    weight = np.linspace(0, 2, n) if weighted else None  # includes a zero weight
    counts = threshold_counts(y, scores, weight)
    for drop in (True, False):
        fpr, tpr, thresholds = roc_points(counts, drop_intermediate=drop)
        expected = roc_curve(y, scores, sample_weight=weight, drop_intermediate=drop)
        assert_allclose(fpr, expected[0])
        assert_allclose(tpr, expected[1])
        assert_array_equal(thresholds, expected[2])


@pytest.mark.parametrize(("n", "ties"), CASES)
@pytest.mark.parametrize("weighted", [False, True])
def test_precision_recall_points_equal_sklearn(n, ties, weighted):
    y, scores = problem(n, ties, seed=1)
    y[0] = True
    weight = np.linspace(0, 2, n) if weighted else None
    precision, recall, thresholds = precision_recall_points(
        threshold_counts(y, scores, weight)
    )
    expected = precision_recall_curve(y, scores, sample_weight=weight)
    assert_allclose(precision, expected[0])
    assert_allclose(recall, expected[1])
    assert_array_equal(thresholds, expected[2])
    assert average_precision(precision, recall) == pytest.approx(
        average_precision_score(y, scores, sample_weight=weight)
    )


def test_thin_curve_keeps_short_curves_and_the_shape_of_long_ones():
    x = np.linspace(0, 1, 100)
    assert thin_curve(x, x**2)[0] is x
    y, scores = problem(200_000, ties=False)
    fpr, tpr, _ = roc_points(threshold_counts(y, scores), drop_intermediate=False)
    thin_fpr, thin_tpr = thin_curve(fpr, tpr)
    assert len(thin_fpr) < len(fpr) / 10
    assert (thin_fpr[0], thin_tpr[0], thin_fpr[-1], thin_tpr[-1]) == (0, 0, 1, 1)
    # Every dropped point shares its 1/2000 cell with a kept point of its run.
    kept = cKDTree(np.column_stack([thin_fpr, thin_tpr]))
    distance, _ = kept.query(np.column_stack([fpr, tpr]), p=np.inf)
    assert distance.max() < 1 / 2000
