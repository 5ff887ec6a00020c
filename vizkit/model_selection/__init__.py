"""Model selection: learning and validation curves, CV scores, RFECV, dropping
curves, feature and permutation importances.

Every visualizer here fits its model many times; the fits run through joblib
(``n_jobs``; ``joblib.parallel_config(backend="dask")`` distributes them) with
a progress bar (``verbose``), and a fit that fails names its fold.
"""

from vizkit.registry import export_family

__all__ = export_family(__name__, __path__, globals())
