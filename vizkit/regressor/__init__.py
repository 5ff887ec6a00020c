"""Visualizers that evaluate regression models: residuals, errors, alphas, influence."""

from vizkit.registry import export_family
from vizkit.regressor.base import RegressionScoreVisualizer

__all__ = ["RegressionScoreVisualizer"]
__all__ += export_family(__name__, __path__, globals())
