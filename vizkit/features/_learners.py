"""The manifold learners ``Manifold`` builds by name, and their input checks.

Each name maps to a scikit-learn estimator (or umap-learn's ``UMAP``, imported
on first use) with the number of components, neighbours and seed set; the
checks turn what the learners would refuse into messages naming the option.
"""

from __future__ import annotations

import inspect
from typing import Any

from vizkit.exceptions import VizkitImportError, VizkitValueError

#: The named algorithms and their names in the title (Yellowbrick's, and UMAP).
MANIFOLD_NAMES = {
    "lle": "Locally Linear Embedding",
    "ltsa": "LTSA LLE",
    "hessian": "Hessian LLE",
    "modified": "Modified LLE",
    "isomap": "Isomap",
    "mds": "MDS",
    "spectral": "Spectral Embedding",
    "tsne": "t-SNE",
    "umap": "UMAP",
}
#: The ``manifold`` names.
ALGORITHMS = tuple(MANIFOLD_NAMES)
#: Variants of scikit-learn's LocallyLinearEmbedding, by name (its ``method``).
LLE_METHODS = {
    "lle": "standard",
    "ltsa": "ltsa",
    "hessian": "hessian",
    "modified": "modified",
}
#: Algorithms given ``n_neighbors`` (5 when None, as Yellowbrick; UMAP keeps
#: its own default of 15 when None).
NEIGHBOR_ALGORITHMS = ("lle", "ltsa", "hessian", "modified", "isomap", "spectral")
DEFAULT_NEIGHBORS = 5
#: MDS random restarts (scikit-learn's default from 1.9; each one is a full fit).
MDS_INITS = 1


def umap_class() -> type:
    """umap-learn's ``UMAP``, imported on first use (numba makes it slow)."""
    try:
        from umap import UMAP
    except ImportError as error:
        raise VizkitImportError(
            "manifold='umap' needs the umap-learn package, which is not "
            "installed: pip install umap-learn (or choose another manifold, "
            "e.g. 'tsne')."
        ) from error
    return UMAP


def hessian_neighbors(n_components: int) -> int:
    """The fewest neighbours Hessian LLE accepts for ``n_components``."""
    return n_components * (n_components + 3) // 2 + 1


def default_neighbors(name: str, n_components: int) -> int:
    """Yellowbrick's ``n_neighbors`` when None: 5, or Hessian LLE's least."""
    if name == "hessian":
        return max(DEFAULT_NEIGHBORS, hessian_neighbors(n_components))
    return DEFAULT_NEIGHBORS


def named_estimator(
    name: str, n_components: int, n_neighbors: int | None, random_state: Any
):
    """A new, unfitted estimator for one of the named algorithms."""
    from sklearn import manifold

    if name in NEIGHBOR_ALGORITHMS and n_neighbors is None:
        n_neighbors = default_neighbors(name, n_components)
    seeded = {"n_components": n_components, "random_state": random_state}
    if name in LLE_METHODS:
        return manifold.LocallyLinearEmbedding(
            method=LLE_METHODS[name], n_neighbors=n_neighbors, **seeded
        )
    if name == "isomap":
        return manifold.Isomap(n_neighbors=n_neighbors, n_components=n_components)
    if name == "spectral":
        return manifold.SpectralEmbedding(n_neighbors=n_neighbors, **seeded)
    if name == "tsne":
        return manifold.TSNE(**seeded)
    if name == "mds":
        return mds_estimator(n_components, random_state)
    umap_params = {} if n_neighbors is None else {"n_neighbors": n_neighbors}
    if random_state is not None:  # a seeded UMAP runs on one thread anyway
        umap_params["n_jobs"] = 1
    return umap_class()(**seeded, **umap_params)


def mds_estimator(n_components: int, random_state: Any):
    """Metric MDS of X's Euclidean distances, the same call on scikit-learn 1.6-1.9.

    ``n_init`` and (from 1.8) ``init`` are passed explicitly, so the changes
    of their defaults give no FutureWarning.
    """
    from sklearn.manifold import MDS

    params: dict[str, Any] = {"n_init": MDS_INITS}
    if "init" in inspect.signature(MDS).parameters:  # scikit-learn >= 1.8
        params["init"] = "random"
    return MDS(n_components=n_components, random_state=random_state, **params)


def check_neighbors(name: str, n_neighbors: int, n_rows: int, n_dims: int) -> None:
    """Refuse an ``n_neighbors`` the algorithm cannot use on ``n_rows`` rows."""
    least = {"hessian": hessian_neighbors(n_dims), "umap": 2}.get(name, 1)
    if n_neighbors < least:
        raise VizkitValueError(
            f"n_neighbors={n_neighbors} is too few for manifold={name!r} in "
            f"{n_dims} dimensions; pass n_neighbors={least} or more."
        )
    if n_neighbors >= n_rows:
        raise VizkitValueError(
            f"n_neighbors={n_neighbors} needs more than {n_neighbors} samples, but "
            f"manifold={name!r} embeds {n_rows} sample(s); pass a smaller "
            "n_neighbors or more data."
        )


def check_lle_features(name: str, n_features: int, n_dims: int) -> None:
    """LLE and its variants embed into at most as many dimensions as features."""
    if name in LLE_METHODS and n_features < n_dims:
        raise VizkitValueError(
            f"manifold={name!r} cannot embed X into {n_dims} dimensions: X has "
            f"{n_features} feature(s), and LLE needs at least as many; pass more "
            "features, a smaller projection, or another manifold (e.g. 'isomap')."
        )
