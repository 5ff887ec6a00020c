"""The PCA case on 20 features, the issue's 1e6 x 20 size (see ``pca``)."""

from __future__ import annotations

from benchmarks.cases import pca
from benchmarks.cases._common import SEED
from vizkit.datasets import Dataset, make_classification_data

PREFIT = pca.PREFIT
N_FEATURES = 20
DESCRIPTION = pca.DESCRIPTION.replace("10 features", f"{N_FEATURES} features")
IMPLEMENTATIONS = pca.IMPLEMENTATIONS


def build(n_rows: int) -> Dataset:
    """Seeded 5-class data with 20 features."""
    return make_classification_data(
        n_rows, n_features=N_FEATURES, n_classes=5, random_state=SEED
    )
