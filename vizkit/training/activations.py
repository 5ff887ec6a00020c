"""What the hidden units of a network output, epoch after epoch, and how many die.

:class:`ActivationHistograms` trains a scikit-learn perceptron epoch by
epoch (see :mod:`vizkit.training._mlp`), runs a seeded sample of the
training rows forward through the weights of every epoch, and bins each
hidden layer's outputs on edges shared by its epochs. A unit that outputs
zero on every sampled row is dead: with ``activation="relu"`` it passes no
gradient, and will not learn again. The share of dead units per layer is
drawn under the histograms; ``tanh`` and ``logistic`` units saturate
instead of dying, which the histograms show as mass piling up at -1, 0 or 1.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import sparse

from vizkit import examples
from vizkit import params as P
from vizkit.registry import TRAINING, declare
from vizkit.style import class_colors, get_colormap
from vizkit.training._histograms import (
    counts_over_epochs,
    draw_heatmap,
    epoch_axis,
    panel_grid,
)
from vizkit.training._mlp import MLPVisualizer, Training, hidden_activations
from vizkit.utils.docs import common_params
from vizkit.utils.sampling import check_sample, sample_count, sample_rows

# -- computations (arrays in, arrays out) -----------------------------------------


def dead_units(outputs: np.ndarray) -> int:
    """Units (columns) whose output is zero on every row."""
    return int(np.all(outputs == 0, axis=0).sum())


def hidden_histograms(
    X: Any, training: Training, activation: str, bins: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges (n_hidden, bins + 1), counts (n_hidden, n_epochs, bins), dead units.

    The forward pass runs twice per epoch, once for each layer's range and
    once to bin on it, so only one epoch's outputs are ever held: the edges
    equal ``np.histogram_bin_edges`` of all epochs' outputs together.
    """

    def outputs(epoch: int) -> list[np.ndarray]:
        coefs, intercepts = training.coefs[epoch], training.intercepts[epoch]
        return hidden_activations(X, coefs, intercepts, activation)

    n_epochs = len(training.coefs)
    ranges = np.array(
        [[(v.min(), v.max()) for v in outputs(e)] for e in range(n_epochs)]
    )
    lows, highs = ranges[:, :, 0].min(axis=0), ranges[:, :, 1].max(axis=0)
    edges = np.array(
        [np.histogram_bin_edges([low, high], bins) for low, high in zip(lows, highs)]
    )
    counts = np.zeros((len(edges), n_epochs, bins), dtype=np.int64)
    dead = np.zeros((len(edges), n_epochs), dtype=np.int64)
    for epoch in range(n_epochs):
        for layer, values in enumerate(outputs(epoch)):
            counts[layer, epoch] = counts_over_epochs([values], edges[layer])[0]
            dead[layer, epoch] = dead_units(values)
    return edges, counts, dead


# -- the visualizer -----------------------------------------------------------------


@common_params
class ActivationHistograms(MLPVisualizer):
    """Histograms of each hidden layer's outputs over epochs, and its dead units.

    ``fit`` trains the perceptron one epoch at a time (one ``partial_fit``
    call each), then runs a sample of the training rows through the weights
    of every epoch with the model's hidden activation. Each hidden layer is
    a panel, a heatmap of its output histograms over time (x the epoch, y the
    output value, colour the number of outputs in the bin, rows times
    units, on a log scale so relu's pile of zeros does not hide the rest);
    under them, the share of dead units of each layer per epoch (a
    unit is dead when its output is zero on every sampled row, relu's
    failure mode).

    Parameters
    ----------
    {common: mlp_estimator, ax}
    epochs : int, default=None
        How many epochs to train; None takes the model's ``max_iter``.
    bins : int, default=30
        The number of bins per layer (edges shared by the layer's epochs).
    sample : int, float, "auto" or None, default=1000
        The training rows run forward: a number of rows, a fraction of
        them, "auto" (up to 10,000) or None (all).
    random_state : int, RandomState or None, default=None
        Seeds the sample of rows; None draws with seed 0.
    cmap : str or Colormap, default="Blues"
        The colours of the counts.
    {common: fig, is_fitted, title, size}

    Attributes
    ----------
    epochs_ : ndarray of shape (n_epochs,)
        The epoch numbers, 1, 2, ...: the state after each epoch.
    layer_names_ : ndarray of str of shape (n_hidden,)
        "hidden 1", "hidden 2", ...
    activation_ : str
        The model's hidden activation ("relu", "tanh", "logistic" or
        "identity").
    sample_indices_ : ndarray of shape (n_sampled,)
        The rows of X run forward, ascending.
    activation_edges_ : ndarray of shape (n_hidden, bins + 1)
        The bin edges of each hidden layer's outputs, over all epochs.
    activation_counts_ : ndarray of shape (n_hidden, n_epochs, bins)
        The outputs per bin (``np.histogram`` of the sampled rows' outputs
        of all the layer's units).
    dead_units_ : ndarray of shape (n_hidden, n_epochs)
        The units of each layer whose output is zero on every sampled row.
    dead_share_ : ndarray of shape (n_hidden, n_epochs)
        ``dead_units_`` over the layer's number of units.
    activations_ : list of ndarray of shape (n_sampled, n_units)
        The hidden layers' outputs after the last epoch.
    loss_curve_ : ndarray of shape (n_epochs,)
        The training loss of each epoch (the model's ``loss_curve_``).
    axes_ : list of list of matplotlib Axes
        The panels, one row per hidden layer and a last one for the dead
        units (``axes_[0][0]`` is ``ax_``).
    meshes_ : list of matplotlib QuadMesh
        The heatmaps, one per hidden layer.
    lines_ : list of matplotlib Line2D
        The dead-unit shares, one line per hidden layer.

    Examples
    --------
    >>> from sklearn.neural_network import MLPClassifier
    >>> from vizkit.training import ActivationHistograms
    >>> viz = ActivationHistograms(MLPClassifier((32, 16)), epochs=30)
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.dead_share_[:, -1]  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "bins": P.number(1, integer=True),
        "sample": P.Param(check_sample),
        "random_state": P.random_state(),
        "cmap": P.colormap(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        epochs=None,
        bins=30,
        sample=1000,
        random_state=None,
        cmap="Blues",
        fig=None,
        is_fitted="auto",
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.epochs = epochs
        self.bins = bins
        self.sample = sample
        self.random_state = random_state
        self.cmap = cmap
        self.fig = fig
        self.is_fitted = is_fitted
        self.title = title
        self.size = size

    def _compute(self, training: Training, X: Any) -> None:
        features = training.features
        if sparse.issparse(features):  # sparse rows stay sparse, in a sliceable form
            features = sparse.csr_matrix(features)
        else:
            features = np.asarray(features, dtype=np.float64)
        n_rows = features.shape[0]
        rows = sample_rows(n_rows, sample_count(n_rows, self.sample), self.random_state)
        sampled = features[rows]
        self.sample_indices_ = rows
        self.activation_ = str(training.model.activation)
        self.layer_names_ = self.layer_names_[:-1]  # the hidden layers
        edges, counts, dead = hidden_histograms(
            sampled, training, self.activation_, self.bins
        )
        self.activation_edges_, self.activation_counts_ = edges, counts
        self.dead_units_ = dead
        units = np.array([c.shape[1] for c in training.coefs[-1][:-1]])
        self.dead_share_ = dead / units[:, None]
        self.activations_ = hidden_activations(
            sampled, training.coefs[-1], training.intercepts[-1], self.activation_
        )

    def draw(self) -> None:
        """A heatmap per hidden layer, then the dead-unit shares as lines."""
        n_hidden = len(self.layer_names_)
        grid = panel_grid(self, n_hidden + 1, [1.0])
        self.axes_ = grid.tolist()  # a list: pickles leave drawn artists out
        cmap = get_colormap(self.cmap, "cmap")
        self.meshes_ = [
            draw_heatmap(grid[row, 0], self.epochs_, edges, counts, cmap, log=True)
            for row, (edges, counts) in enumerate(
                zip(self.activation_edges_, self.activation_counts_)
            )
        ]
        dead_ax = grid[-1, 0]
        colors = class_colors(n_hidden)
        self.lines_ = [
            dead_ax.plot(
                self.epochs_, 100 * share, marker=".", color=color, label=name
            )[0]
            for share, color, name in zip(self.dead_share_, colors, self.layer_names_)
        ]

    def finalize(self):
        """Title, layer and axis names, the dead-unit legend."""
        grid = np.array(self.axes_, dtype=object)
        epoch_axis(grid, self.epochs_)
        for name, row in zip(self.layer_names_, grid):
            row[0].set_ylabel(f"{name}\n{self.activation_}")
        dead_ax = grid[-1, 0]
        dead_ax.set_ylabel("dead units\n(%)")
        dead_ax.set_ylim(-5, 105)
        dead_ax.legend(loc="upper left", fontsize="small", ncols=len(self.lines_))
        self.set_title(f"Activation Histograms of {self.name}")
        return self.ax_

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_extra_axes", None)
        return state


activation_histograms = declare(
    ActivationHistograms,
    kind=TRAINING,
    quick="activation_histograms",
    example=examples.mlp,
)
