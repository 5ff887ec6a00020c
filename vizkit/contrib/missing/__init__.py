"""Missing-value visualizers: where a dataset's NaN, None and NA values are."""

from vizkit.contrib.missing.base import MissingDataVisualizer
from vizkit.registry import export_family

__all__ = ["MissingDataVisualizer"]
__all__ += export_family(__name__, __path__, globals())
