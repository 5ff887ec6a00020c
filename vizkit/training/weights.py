"""How the weights and biases of each layer of a network spread out over training.

:class:`WeightHistograms` trains a scikit-learn perceptron epoch by epoch
(see :mod:`vizkit.training._mlp`) and bins each layer's ``coefs_`` and
``intercepts_`` after every epoch on edges shared by the layer's epochs:
TensorBoard's histogram dashboard, as a static figure. Weights that stay in
their initial band learn little; a distribution that keeps widening, or
grows long tails, points at a learning rate or regularization to revisit.
:meth:`WeightHistograms.from_snapshots` draws the same picture from weight
arrays saved per epoch by any framework.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.base import one_call
from vizkit.exceptions import VizkitValueError
from vizkit.registry import TRAINING, declare
from vizkit.style import get_colormap
from vizkit.training._histograms import (
    draw_heatmap,
    draw_ridge,
    epoch_axis,
    layer_histograms,
    panel_grid,
)
from vizkit.training._mlp import MLPVisualizer, Training
from vizkit.utils.docs import common_params

DISPLAY_TYPES = ("heatmap", "ridge")
#: The bias column's width, relative to the weight column's.
BIAS_WIDTH = 0.4

# -- snapshots from any framework ---------------------------------------------------


def snapshot_history(
    snapshots: Any, name: str = "snapshots"
) -> tuple[list[list[np.ndarray]], list[str] | None]:
    """``[epoch][layer]`` float arrays, and the layer names if dicts gave them.

    Each epoch is a sequence of arrays (one per layer) or a dict of them by
    layer name (the same names every epoch); the values must be finite.
    """
    if isinstance(snapshots, Mapping | str) or not isinstance(snapshots, Sequence):
        raise VizkitValueError(
            f"{name} must be a list with one entry per epoch (a list of arrays, "
            f"one per layer, or a dict of them by layer name); got "
            f"{type(snapshots).__name__}."
        )
    if len(snapshots) == 0:
        raise VizkitValueError(f"{name} is empty; pass at least one epoch.")
    names = list(snapshots[0]) if isinstance(snapshots[0], Mapping) else None
    history = [
        _epoch_arrays(epoch, names, name, i) for i, epoch in enumerate(snapshots)
    ]
    if len(history[0]) == 0:
        raise VizkitValueError(f"{name}[0] holds no layer; pass at least one array.")
    return history, names


def _epoch_arrays(
    epoch: Any, names: list[str] | None, name: str, index: int
) -> list[np.ndarray]:
    if names is not None:
        if not isinstance(epoch, Mapping) or list(epoch) != names:
            raise VizkitValueError(
                f"{name}[{index}] does not name the layers of {name}[0] ({names}); "
                "give every epoch the same layers."
            )
        epoch = [epoch[key] for key in names]
    elif isinstance(epoch, Mapping) or not isinstance(epoch, Sequence):
        raise VizkitValueError(
            f"{name}[{index}] must be a list of arrays like {name}[0]; give every "
            "epoch the same layers."
        )
    return [np.asarray(layer, dtype=np.float64) for layer in epoch]


def _check_same_layers(history: list[list[np.ndarray]], name: str) -> None:
    for index, epoch in enumerate(history):
        if len(epoch) != len(history[0]):
            raise VizkitValueError(
                f"{name}[{index}] has {len(epoch)} layers but {name}[0] has "
                f"{len(history[0])}; give every epoch the same layers."
            )
        if not all(np.isfinite(a).all() for a in epoch):
            raise VizkitValueError(
                f"{name}[{index}] holds NaN or infinite values; pass finite weights."
            )


# -- the visualizer -----------------------------------------------------------------


@common_params
class WeightHistograms(MLPVisualizer):
    """Histograms of each layer's weights and biases, epoch after epoch.

    ``fit`` trains the perceptron one epoch at a time (one ``partial_fit``
    call each) and keeps ``coefs_`` and ``intercepts_`` after every epoch.
    Each layer's values are binned on edges shared by all its epochs, and
    drawn one panel per layer (weights left, biases right): as a heatmap of
    the histograms over time (``display_type="heatmap"``: x the epoch, y the
    value, colour the number of weights in the bin) or as a ridge of
    outlines, one per epoch (``"ridge"``). :meth:`from_snapshots` draws the
    same picture from the per-epoch weights of any framework.

    Parameters
    ----------
    {common: mlp_estimator, ax}
    epochs : int, default=None
        How many epochs to train; None takes the model's ``max_iter``.
    bins : int, default=30
        The number of bins per layer (edges shared by the layer's epochs).
    biases : bool, default=True
        Also draw the biases (``intercepts_``), in a narrower column.
    display_type : {"heatmap", "ridge"}, default="heatmap"
        "heatmap" draws a layer's histograms side by side, colour the count;
        "ridge" draws one outline per epoch (at most 16, evenly spaced),
        stacked downwards in time.
    cmap : str or Colormap, default="Blues"
        The colours of the counts (heatmap) or of the epochs (ridge).
    {common: fig, is_fitted, title, size}

    Attributes
    ----------
    epochs_ : ndarray of shape (n_epochs,)
        The epoch numbers, 1, 2, ...: the state after each epoch.
    layer_names_ : ndarray of str of shape (n_layers,)
        "hidden 1", ..., "output" (the layer each weight matrix feeds), or
        the names ``from_snapshots`` was given.
    weight_snapshots_ : list of list of ndarray
        ``coefs_`` after each epoch, ``[epoch][layer]`` (copies).
    bias_snapshots_ : list of list of ndarray or None
        ``intercepts_`` after each epoch, or None when not drawn or given.
    weight_edges_ : ndarray of shape (n_layers, bins + 1)
        The bin edges of each layer's weights (``np.histogram_bin_edges`` of
        all its epochs' values).
    weight_counts_ : ndarray of shape (n_layers, n_epochs, bins)
        The weights per bin: ``np.histogram`` of each epoch's layer.
    bias_edges_, bias_counts_ : ndarray or None
        The same for the biases, or None.
    loss_curve_ : ndarray of shape (n_epochs,)
        The training loss of each epoch (the model's ``loss_curve_``); not
        set by ``from_snapshots``.
    axes_ : list of list of matplotlib Axes
        The panels: a row per layer, weights then biases (``axes_[0][0]``
        is ``ax_``).
    meshes_ : list of matplotlib artists
        The drawn heatmaps (QuadMesh) or ridges (PolyCollection), one per
        panel, row by row.

    Examples
    --------
    >>> from sklearn.neural_network import MLPClassifier
    >>> from vizkit.training import WeightHistograms
    >>> viz = WeightHistograms(MLPClassifier((32, 16), random_state=0), epochs=30)
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.weight_counts_.shape  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "bins": P.number(1, integer=True),
        "biases": P.boolean(),
        "display_type": dataclasses.replace(
            P.choice(*DISPLAY_TYPES, draw=True), example="ridge"
        ),
        "cmap": P.colormap(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        epochs=None,
        bins=30,
        biases=True,
        display_type="heatmap",
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
        self.biases = biases
        self.display_type = display_type
        self.cmap = cmap
        self.fig = fig
        self.is_fitted = is_fitted
        self.title = title
        self.size = size

    # -- compute -------------------------------------------------------------------

    def _compute(self, training: Training, X: Any) -> None:
        biases = training.intercepts if self.biases else None
        self._histograms(training.coefs, biases)

    def _histograms(self, weights: list, biases: list | None) -> None:
        self.weight_snapshots_ = weights
        self.bias_snapshots_ = biases
        self.weight_edges_, self.weight_counts_ = layer_histograms(weights, self.bins)
        self.bias_edges_ = self.bias_counts_ = None
        if biases is not None:
            self.bias_edges_, self.bias_counts_ = layer_histograms(biases, self.bins)

    @classmethod
    def from_snapshots(
        cls, snapshots, biases=None, *, layer_names=None, ax=None, **kwargs
    ):
        """Draw the histograms of weights saved per epoch by any framework.

        Parameters
        ----------
        snapshots : list
            One entry per epoch, in order: a list of arrays (one per layer,
            any shape, e.g. ``[w.copy() for w in mlp.coefs_]`` or a PyTorch
            layer's ``weight.detach().numpy()``) or a dict of them by layer
            name (the same names every epoch).
        biases : list, default=None
            The biases, laid out as ``snapshots`` (one array per layer and
            epoch), drawn in a second column; None draws weights only.
        layer_names : list of str, default=None
            A name per layer; None takes the dict keys, else "layer 1", ...
        ax : matplotlib Axes, default=None
            Where to draw (see the class's ``ax``).
        **kwargs
            The visualizer's other parameters (``bins``, ``display_type``,
            ``cmap``, ``title``, ``size``...).

        Returns
        -------
        WeightHistograms
            Fitted from the snapshots, and drawn.
        """
        viz = cls(None, **kwargs)
        with one_call(viz):
            weights, names = snapshot_history(snapshots, "snapshots")
            _check_same_layers(weights, "snapshots")
            bias_history = None
            if biases is not None:
                bias_history, _ = snapshot_history(biases, "biases")
                _check_same_layers(bias_history, "biases")
                _check_matching(weights, bias_history)
            viz.epochs_ = np.arange(1, len(weights) + 1)
            viz.layer_names_ = _names(layer_names, names, len(weights[0]))
            viz._histograms(weights, bias_history)
            return viz.plot(ax=ax)

    # -- draw ----------------------------------------------------------------------

    def _columns(self) -> list[tuple[str, Any, Any]]:
        columns: list[tuple[str, Any, Any]] = [
            ("weights", self.weight_edges_, self.weight_counts_)
        ]
        if self.bias_counts_ is not None:
            columns.append(("biases", self.bias_edges_, self.bias_counts_))
        return columns

    def draw(self) -> None:
        """A panel per layer and kind (weights, biases): heatmap or ridge."""
        columns = self._columns()
        widths = [1.0, BIAS_WIDTH][: len(columns)]
        grid = panel_grid(self, len(self.layer_names_), widths)
        self.axes_ = grid.tolist()  # a list: pickles leave drawn artists out
        cmap = get_colormap(self.cmap, "cmap")
        paint = draw_heatmap if self.display_type == "heatmap" else draw_ridge
        self.meshes_ = [
            paint(grid[row, col], self.epochs_, edges[row], counts[row], cmap)
            for row in range(len(self.layer_names_))
            for col, (_, edges, counts) in enumerate(columns)
        ]

    def finalize(self):
        """Title, layer names, the column of each kind, epochs on the bottom row."""
        grid = np.array(self.axes_, dtype=object)
        if self.display_type == "heatmap":
            epoch_axis(grid, self.epochs_)
            for name, row in zip(self.layer_names_, grid):
                row[0].set_ylabel(f"{name}\nvalue")
        else:
            for index, (name, row) in enumerate(zip(self.layer_names_, grid)):
                row[0].set_ylabel(f"{name}\nepoch")
                for panel in row:
                    if index < len(grid) - 1:
                        panel.tick_params(labelbottom=False)
                    else:
                        panel.set_xlabel("value")
        if grid.shape[1] > 1:
            grid[0, 1].set_title("biases")
        model = "" if self.estimator is None else f" of {self.name}"
        self.set_title(f"Weight Histograms{model}")
        return self.ax_

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_extra_axes", None)
        return state


def _check_matching(weights: list, biases: list) -> None:
    if len(biases) != len(weights) or len(biases[0]) != len(weights[0]):
        raise VizkitValueError(
            f"biases has {len(biases)} epochs of {len(biases[0])} layers but "
            f"snapshots has {len(weights)} epochs of {len(weights[0])}; give one "
            "bias array per layer and epoch, or biases=None."
        )


def _names(given: Any, keys: list[str] | None, n_layers: int) -> np.ndarray:
    names = given if given is not None else keys
    if names is None:
        names = [f"layer {i}" for i in range(1, n_layers + 1)]
    names = [str(name) for name in names]
    if len(names) != n_layers:
        raise VizkitValueError(
            f"layer_names has {len(names)} names for {n_layers} layers; give one "
            "name per layer, or None."
        )
    return np.asarray(names, dtype=object)


weight_histograms = declare(
    WeightHistograms, kind=TRAINING, quick="weight_histograms", example=examples.mlp
)
