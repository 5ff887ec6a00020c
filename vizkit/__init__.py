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
    "report",
    "Visualizer",
    "ModelVisualizer",
    "ScoreVisualizer",
    "VisualizerGrid",
    "__version__",
]


def __getattr__(name: str):
    # vizkit.report is imported on first use, so `import vizkit` stays light.
    if name == "report":
        from vizkit.reporting import report

        return report
    raise AttributeError(f"module 'vizkit' has no attribute {name!r}")
