"""Model selection: learning and validation curves, CV scores, RFECV, dropping
curves, feature and permutation importances.

Every visualizer here that fits its model many times runs the fits through
joblib (``n_jobs``; ``joblib.parallel_config(backend="dask")`` distributes
them) with a progress bar (``verbose``), and a fit that fails names its fold.
The grid-search views live in :mod:`vizkit.gridsearch` (Yellowbrick's path)
and are also importable from here.
"""

from vizkit.gridsearch.pcolor import GridSearchColorPlot, gridsearch_color_plot
from vizkit.gridsearch.pcoords import (
    GridSearchParallelCoordinates,
    gridsearch_parallel_coordinates,
)
from vizkit.registry import export_family

__all__ = export_family(__name__, __path__, globals())
__all__ += [
    "GridSearchColorPlot",
    "GridSearchParallelCoordinates",
    "gridsearch_color_plot",
    "gridsearch_parallel_coordinates",
]
