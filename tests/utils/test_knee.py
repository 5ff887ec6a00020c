"""The knee finder on synthetic curves whose knee is known."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from vizkit.exceptions import VizkitValueError
from vizkit.utils.knee import difference_curve, find_knee

X = np.arange(8)
# Two straight pieces meeting at a corner: the knee is the corner.
CORNERS = [
    ("convex", "decreasing", [100, 50, 10, 8, 6, 4, 2, 0], 2),
    ("convex", "increasing", [0, 2, 4, 6, 8, 10, 50, 100], 5),
    ("concave", "increasing", [0, 50, 90, 92, 94, 96, 98, 100], 2),
    ("concave", "decreasing", [100, 98, 96, 94, 92, 90, 50, 0], 5),
]


@pytest.mark.parametrize("curve, direction, y, knee", CORNERS)
def test_the_corner_of_two_straight_pieces_is_the_knee(curve, direction, y, knee):
    assert find_knee(X, y, curve=curve, direction=direction) == knee


@pytest.mark.parametrize("curve, direction, y, knee", CORNERS)
def test_a_curve_of_another_kind_has_no_knee(curve, direction, y, knee):
    other_curve = "concave" if curve == "convex" else "convex"
    other_direction = "increasing" if direction == "decreasing" else "decreasing"
    assert find_knee(X, y, curve=other_curve, direction=direction) is None
    assert find_knee(X, y, curve=curve, direction=other_direction) is None


def test_knee_of_one_over_x_is_where_the_slope_equals_the_chords():
    # Scaled to the unit square, 1/x on [1, 10] has slope -10 / x**2; the
    # chord's is -1, so the largest bulge is at x = sqrt(10).
    x = np.linspace(1, 10, 9001)
    knee = find_knee(x, 1 / x, curve="convex", direction="decreasing")
    assert knee is not None
    assert x[knee] == pytest.approx(np.sqrt(10), abs=1e-3)
    assert find_knee(np.arange(1, 11), 1 / np.arange(1, 11)) == 2  # x = 3


def test_uneven_x_is_scaled_by_value_not_position():
    x = np.array([2, 3, 5, 8, 13, 21])
    y = np.array([100.0, 60, 20, 15, 10, 5])
    assert find_knee(x, y) == 2
    scaled, bulge = difference_curve(x, y, "convex")
    assert_allclose(scaled, (x - 2) / 19)
    chord = 1 - scaled
    assert_allclose(bulge, chord - (y - 5) / 95)


def test_difference_curve_is_zero_at_the_end_points():
    scaled, bulge = difference_curve(X, CORNERS[0][2], "convex")
    assert scaled[0] == 0 and scaled[-1] == 1
    assert_allclose(bulge[[0, -1]], 0, atol=1e-12)


@pytest.mark.parametrize(
    "y",
    [
        np.linspace(10, 0, 8),  # a straight line bends nowhere
        np.full(8, 3.0),  # flat
        [5, 4, 3, 2, 1, 0, 1, 5],  # ends as high as it starts
    ],
)
def test_no_knee_without_a_bend_in_the_expected_direction(y):
    assert find_knee(X, y) is None


def test_fewer_than_three_points_have_no_knee():
    assert find_knee([2, 3], [10.0, 1.0]) is None
    assert find_knee([2], [10.0]) is None


def test_a_bend_below_the_sensitivity_threshold_is_no_knee():
    # A line with a small dent: the bulge is 0.1, below one x step (1/7).
    y = 1 - X / 7
    y[3] -= 0.1
    assert find_knee(X, y) is None
    assert find_knee(X, y, sensitivity=0.5) == 3
    assert find_knee(X, y, sensitivity=0.0) == 3


def test_x_must_increase():
    with pytest.raises(VizkitValueError, match="strictly increasing"):
        find_knee([3, 2, 1], [1.0, 2.0, 3.0])
    with pytest.raises(VizkitValueError, match="same length"):
        find_knee([1, 2, 3], [1.0, 2.0])
