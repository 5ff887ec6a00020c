"""Visualizers that evaluate classifiers.

Confusion matrices, classification reports and class prediction errors from
predicted classes; ROC, precision-recall, DET, cumulative gain, lift, KS and
calibration curves from predicted scores; discrimination thresholds from
repeated fits.
"""

from vizkit.classifier.base import ClassificationScoreVisualizer
from vizkit.registry import export_family

__all__ = ["ClassificationScoreVisualizer"]
__all__ += export_family(__name__, __path__, globals())
