"""Find the knee (or elbow) of a curve: where it bends most.

The idea is Kneedle's (Satopää, Albrecht, Irwin and Raghavan, "Finding a
'Kneedle' in a Haystack", ICDCS workshops 2011): scale both axes to [0, 1],
measure how far the curve bulges away from the straight line joining its two
end points, and take the point of largest bulge. This is vizkit's own
implementation of that idea, for the whole curve at once:

* the difference curve is the signed vertical distance between the scaled
  curve and the chord through its end points, positive on the side the
  curve is expected to bulge (below the chord for a convex curve, above it
  for a concave one);
* the knee is the point where that distance is largest, kept only when it
  exceeds ``sensitivity`` times the mean step between the scaled x values
  (Kneedle's threshold: a bend smaller than one step is noise).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from vizkit.exceptions import VizkitValueError

__all__ = ["difference_curve", "find_knee"]

Curve = Literal["convex", "concave"]
Direction = Literal["increasing", "decreasing"]


def _scaled(values: np.ndarray) -> np.ndarray | None:
    """``values`` scaled to [0, 1]; None when they are all equal."""
    span = float(values.max() - values.min())
    return None if span == 0 else (values - values.min()) / span


def difference_curve(x, y, curve: Curve) -> tuple[np.ndarray, np.ndarray] | None:
    """The scaled x values and how far the scaled curve bulges from its chord.

    ``x`` must be strictly increasing. The distance is positive where the
    curve lies on the side ``curve`` expects: below the chord for "convex",
    above it for "concave"; it is 0 at both end points. Returns None for a
    flat curve (all ``y`` equal), which has no bend.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.ndim != 1 or x.shape != y.shape or np.any(np.diff(x) <= 0):
        raise VizkitValueError(
            "x and y must be 1-D of the same length, with x strictly increasing; "
            "sort the points by x and drop repeated x values."
        )
    x_scaled, y_scaled = _scaled(x), _scaled(y)
    if x_scaled is None or y_scaled is None:
        return None
    chord = y_scaled[0] + (y_scaled[-1] - y_scaled[0]) * x_scaled
    bulge = chord - y_scaled if curve == "convex" else y_scaled - chord
    return x_scaled, bulge


def find_knee(
    x,
    y,
    curve: Curve = "convex",
    direction: Direction = "decreasing",
    sensitivity: float = 1.0,
) -> int | None:
    """Index of the knee of the curve ``y(x)``, or None when it has none.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Strictly increasing positions (e.g. numbers of clusters).
    y : array-like of shape (n_points,)
        The curve's values (e.g. the distortion at each number of clusters).
    curve : {"convex", "concave"}, default="convex"
        The expected shape: a convex curve bends below the chord joining its
        end points (an elbow, such as a distortion that drops fast then
        levels off), a concave one above it.
    direction : {"increasing", "decreasing"}, default="decreasing"
        The expected trend from the first point to the last. A curve going
        the other way has no knee of the expected kind.
    sensitivity : float, default=1.0
        How large a bend must be to count, in mean steps between the scaled
        x values; larger values find fewer, sharper knees.

    Returns
    -------
    index : int or None
        The position in ``x`` of the largest bend; None for fewer than 3
        points, a flat curve, a curve going against ``direction``, or a bend
        no larger than the threshold.
    """
    difference = difference_curve(x, y, curve)
    if difference is None or len(difference[0]) < 3:  # 2 points: all chord
        return None
    x_scaled, bulge = difference
    y = np.asarray(y, dtype=np.float64)
    trend = np.sign(y[-1] - y[0])  # 0 when the end points are level
    if trend != (1 if direction == "increasing" else -1):
        return None
    index = int(np.argmax(bulge))
    threshold = sensitivity * float(np.mean(np.diff(x_scaled)))
    return index if bulge[index] > threshold else None
