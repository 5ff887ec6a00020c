"""Feature visualizers: transformers that draw the data in feature space."""

from vizkit.features.base import DataVisualizer, FeatureVisualizer
from vizkit.features.pca import PCA, PCADecomposition, pca_decomposition
from vizkit.features.projection import ProjectionVisualizer

__all__ = [
    "DataVisualizer",
    "FeatureVisualizer",
    "PCA",
    "PCADecomposition",
    "ProjectionVisualizer",
    "pca_decomposition",
]
