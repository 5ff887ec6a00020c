"""Offline datasets for the gallery, docs, tests and benchmarks.

Every loader reads data bundled with scikit-learn or draws it from a seeded
generator: nothing is downloaded. ``X, y = load_wine()`` unpacks like
Yellowbrick's loaders; the returned :class:`Dataset` also carries names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
from sklearn import datasets as skd

from vizkit.exceptions import DatasetsError


@dataclass(frozen=True)
class Dataset:
    """Features, target and their names; unpacks as ``X, y``."""

    X: np.ndarray
    y: np.ndarray
    feature_names: list[str]
    target_names: list[str] = field(default_factory=list)
    description: str = ""

    def __iter__(self) -> Iterator[np.ndarray]:
        return iter((self.X, self.y))


def _from_bunch(bunch, description: str) -> Dataset:
    target_names = [str(t) for t in getattr(bunch, "target_names", [])]
    return Dataset(
        X=bunch.data, y=bunch.target,
        feature_names=[str(f) for f in bunch.feature_names],
        target_names=target_names, description=description,
    )  # fmt: skip


def load_iris() -> Dataset:
    """150 irises, 4 measurements, 3 species (classification)."""
    return _from_bunch(skd.load_iris(), "Fisher's irises: 3 balanced classes.")


def load_wine() -> Dataset:
    """178 wines, 13 chemical measurements, 3 cultivars (classification)."""
    return _from_bunch(skd.load_wine(), "Wine cultivars: 3 unbalanced classes.")


def load_breast_cancer() -> Dataset:
    """569 tumours, 30 features, malignant or benign (binary)."""
    return _from_bunch(skd.load_breast_cancer(), "Wisconsin breast cancer: binary.")


def load_digits() -> Dataset:
    """1,797 8x8 digit images, 64 pixel features, 10 classes."""
    return _from_bunch(skd.load_digits(), "Handwritten digits: 10 classes.")


def load_diabetes() -> Dataset:
    """442 patients, 10 features, disease progression (regression)."""
    return _from_bunch(skd.load_diabetes(), "Diabetes progression: regression.")


def load_california_like(n_samples: int = 5_000, random_state: int = 0) -> Dataset:
    """A seeded regression set with heteroscedastic noise (residual plots)."""
    rng = np.random.default_rng(random_state)
    X = rng.normal(size=(n_samples, 6))
    signal = X @ np.array([3.0, -2.0, 1.5, 0.0, 0.5, 0.0]) + X[:, 0] * X[:, 1]
    noise = rng.normal(scale=0.5 + 0.4 * np.abs(X[:, 0]), size=n_samples)
    return Dataset(
        X=X, y=signal + noise, feature_names=[f"f{i}" for i in range(6)],
        description="Seeded linear signal, an interaction, and uneven noise.",
    )  # fmt: skip


def make_classification_data(
    n_samples: int = 1_000, n_features: int = 10, n_classes: int = 3,
    random_state: int = 0,
) -> Dataset:  # fmt: skip
    """A seeded classification set of any size (benchmarks, large-data demos)."""
    X, y = skd.make_classification(
        n_samples=n_samples, n_features=n_features, n_informative=min(n_features, 5),
        n_redundant=0, n_classes=n_classes, n_clusters_per_class=1,
        random_state=random_state,
    )  # fmt: skip
    return Dataset(
        X=X, y=y, feature_names=[f"f{i}" for i in range(n_features)],
        target_names=[f"class {c}" for c in range(n_classes)],
        description="sklearn.datasets.make_classification, seeded.",
    )  # fmt: skip


def make_regression_data(
    n_samples: int = 1_000, n_features: int = 10, noise: float = 10.0,
    random_state: int = 0,
) -> Dataset:  # fmt: skip
    """A seeded regression set of any size (benchmarks, large-data demos)."""
    X, y = skd.make_regression(
        n_samples=n_samples, n_features=n_features, n_informative=min(n_features, 5),
        noise=noise, random_state=random_state,
    )  # fmt: skip
    return Dataset(
        X=X, y=y, feature_names=[f"f{i}" for i in range(n_features)],
        description="sklearn.datasets.make_regression, seeded.",
    )  # fmt: skip


LOADERS: dict[str, Callable[[], Dataset]] = {
    "iris": load_iris,
    "wine": load_wine,
    "breast_cancer": load_breast_cancer,
    "digits": load_digits,
    "diabetes": load_diabetes,
    "california_like": load_california_like,
    "classification": make_classification_data,
    "regression": make_regression_data,
}


def load(name: str) -> Dataset:
    """Load a bundled dataset by name (see ``LOADERS``)."""
    if name not in LOADERS:
        raise DatasetsError(
            f"dataset {name!r} is unknown; choose one of {', '.join(LOADERS)}."
        )
    return LOADERS[name]()
