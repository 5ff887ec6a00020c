"""Visualizers that evaluate classifiers: confusion matrices and ROC curves."""

from vizkit.classifier.base import ClassificationScoreVisualizer
from vizkit.classifier.confusion_matrix import ConfusionMatrix, confusion_matrix
from vizkit.classifier.rocauc import ROCAUC, roc_auc

__all__ = [
    "ClassificationScoreVisualizer",
    "ConfusionMatrix",
    "ROCAUC",
    "confusion_matrix",
    "roc_auc",
]
