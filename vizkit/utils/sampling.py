"""Reproducible row sampling, for plots and computations too large to do whole."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.utils import check_random_state


def sample_rows(n_rows: int, n_samples: int, random_state: Any = None) -> np.ndarray:
    """Sorted indices of ``n_samples`` rows drawn without replacement.

    ``random_state=None`` draws with seed 0, so a picture is reproducible.
    """
    rng = check_random_state(0 if random_state is None else random_state)
    return np.sort(rng.choice(n_rows, size=n_samples, replace=False))
