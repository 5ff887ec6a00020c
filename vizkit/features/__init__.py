"""Feature visualizers: transformers that draw the data in feature space."""

from vizkit.features.base import DataVisualizer, FeatureVisualizer
from vizkit.features.projection import ProjectionVisualizer
from vizkit.registry import export_family

__all__ = ["DataVisualizer", "FeatureVisualizer", "ProjectionVisualizer"]
__all__ += export_family(__name__, __path__, globals())
