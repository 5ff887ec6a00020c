"""Visualizers that evaluate classifiers: confusion matrices and ROC curves."""

from vizkit.classifier.base import ClassificationScoreVisualizer
from vizkit.registry import export_family

__all__ = ["ClassificationScoreVisualizer"]
__all__ += export_family(__name__, __path__, globals())
