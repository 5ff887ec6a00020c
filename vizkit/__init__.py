"""vizkit: scikit-learn visualizers with Yellowbrick's API.

Importing vizkit changes nothing in matplotlib: styles are applied only inside
:func:`vizkit.style.theme`.
"""

from vizkit.base import (
    ModelVisualizer,
    ScoreVisualizer,
    Visualizer,
    VisualizerGrid,
)

__version__ = "0.1.0"

__all__ = [
    "Visualizer",
    "ModelVisualizer",
    "ScoreVisualizer",
    "VisualizerGrid",
    "__version__",
]
