"""Visualizers that evaluate regression models: residuals."""

from vizkit.regressor.base import RegressionScoreVisualizer
from vizkit.regressor.residuals import ResidualsPlot, residuals_plot

__all__ = ["RegressionScoreVisualizer", "ResidualsPlot", "residuals_plot"]
