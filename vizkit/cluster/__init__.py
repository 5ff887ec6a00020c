"""Visualizers that evaluate clustering models: elbow, silhouette, distances, trees."""

from vizkit.cluster.base import ClusteringScoreVisualizer
from vizkit.registry import export_family

__all__ = ["ClusteringScoreVisualizer"]
__all__ += export_family(__name__, __path__, globals())
