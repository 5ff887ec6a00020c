"""Reproducible row sampling, for plots and computations too large to do whole."""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
from sklearn.utils import check_random_state

from vizkit.exceptions import VizkitValueError
from vizkit.utils.validation import plain

#: Rows that ``sample="auto"`` keeps: an O(n^2) computation (silhouettes)
#: takes a few seconds on this many rows.
AUTO_SAMPLE = 10_000


def sample_rows(n_rows: int, n_samples: int, random_state: Any = None) -> np.ndarray:
    """Sorted indices of ``n_samples`` rows drawn without replacement.

    ``random_state=None`` draws with seed 0, so a picture is reproducible.
    """
    rng = check_random_state(0 if random_state is None else random_state)
    return np.sort(rng.choice(n_rows, size=n_samples, replace=False))


def check_sample(value: Any, name: str, viz: Any = None) -> None:
    """Check a ``sample`` option: rows, a fraction of them, "auto" or None."""
    if value is None or (isinstance(value, str) and value == "auto"):
        return
    if isinstance(value, bool):
        pass
    elif isinstance(value, numbers.Integral):
        if int(value) >= 2:
            return
    elif isinstance(value, numbers.Real) and 0 < float(value) <= 1:
        return
    raise VizkitValueError(
        f"{name}={plain(value)!r} is not valid; pass a number of rows (an int of "
        "at least 2), a fraction of the rows (a float in (0, 1]), 'auto' (every "
        f"row up to {AUTO_SAMPLE:,}, else a sample of that many) or None (every row)."
    )


def sample_count(n_rows: int, sample: Any) -> int:
    """How many of ``n_rows`` rows a (checked) ``sample`` option keeps."""
    if sample is None:
        return n_rows
    if isinstance(sample, str):  # "auto"
        return min(n_rows, AUTO_SAMPLE)
    if isinstance(sample, numbers.Integral):
        return min(n_rows, int(sample))
    return min(n_rows, max(2, math.ceil(float(sample) * n_rows)))
