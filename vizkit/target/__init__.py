"""Visualizers of the target variable: class balance."""

from vizkit.registry import export_family
from vizkit.target.base import TargetVisualizer

__all__ = ["TargetVisualizer"]
__all__ += export_family(__name__, __path__, globals())
