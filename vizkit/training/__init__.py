"""Training progress: what a model learns, epoch by epoch.

Loss and score curves per epoch or boosting iteration for any model that
trains incrementally, warm-starts, stages its predictions or keeps its own
history; and, for scikit-learn's multi-layer perceptrons, the distributions
of weights, activations and update sizes over epochs and the network's
structure. Logs and weight snapshots from other frameworks (a Keras
``History.history``, a PyTorch loop's list of dicts, a CSV) draw the same
pictures through ``from_history`` and ``from_snapshots``.
"""

from vizkit.registry import export_family

__all__ = export_family(__name__, __path__, globals())
