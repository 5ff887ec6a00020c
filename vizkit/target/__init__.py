"""Visualizers of the target variable: class balance."""

from vizkit.target.base import TargetVisualizer
from vizkit.target.class_balance import ClassBalance, class_balance

__all__ = ["TargetVisualizer", "ClassBalance", "class_balance"]
