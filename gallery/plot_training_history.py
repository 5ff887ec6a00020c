"""Training curve from a Keras-style history

``TrainingCurve.from_history`` draws the per-epoch log of another framework:
here a ``History.history`` dict of the shape Keras returns (``loss``,
``val_loss``, ``accuracy``, ``val_accuracy``), generated with a seed so the
script runs without a deep-learning library. The validation accuracy peaks
at 83% at epoch 20 (the dotted line) and the validation loss bottoms out at
epoch 22, while the training loss keeps falling to under 0.2: the classic
picture of overfitting, where an early-stopping callback would have kept the
weights of epoch 20. A list of per-epoch dicts or the CSV that Keras's
``CSVLogger`` writes draws the same way.
"""

import numpy as np

from vizkit.training import TrainingCurve

rng = np.random.default_rng(0)
epochs = np.arange(1, 41)
noise = rng.normal(0, 0.01, size=(4, epochs.size))
history = {
    "loss": 1.2 * np.exp(-epochs / 8) + 0.15 + noise[0],
    "val_loss": 1.2 * np.exp(-epochs / 8) + 0.25 + 0.01 * epochs + noise[1],
    "accuracy": 0.98 - 0.5 * np.exp(-epochs / 7) + noise[2],
    "val_accuracy": 0.93 - 0.5 * np.exp(-epochs / 7) - 0.004 * epochs + noise[3],
}

viz = TrainingCurve.from_history(history)
viz.show()
